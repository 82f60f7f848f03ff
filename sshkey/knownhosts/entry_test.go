package knownhosts_test

import (
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
	"github.com/keyvet/keyvet/sshkey/knownhosts"
)

func TestParseLine(t *testing.T) {
	key := "ssh-ed25519 " + keytest.ED25519B64
	for _, tt := range []struct {
		line string
		ok   bool
		why  string
	}{
		{"host.example.com " + key, true, "a host and a key"},
		{"@revoked * " + key, true, "a marker"},
		{"", false, "an empty line holds no key"},
		{"# host " + key, false, "a comment line holds no key"},
		{"host " + key + "\nhost " + key, false, "two lines"},
		{key, false, "no host names"},
		{"host \r" + key, false, "a CR is no blank: ssh-keygen -F host finds no such line"},
		{"host\r" + key, false, "a CR in place of the blank after the hosts"},
		{strings.Repeat("a", sshkey.MaxLineLen+1), false, "a line longer than MaxLineLen"},
	} {
		e, err := knownhosts.ParseLine([]byte(tt.line))
		if (err == nil) != tt.ok {
			t.Errorf("ParseLine(%.40q) = %v, %v (%s)", tt.line, e, err, tt.why)
			continue
		}
		if err != nil {
			if !errors.Is(err, keyerrors.ErrMalformedKey) {
				t.Errorf("ParseLine(%.40q): %v is no ErrMalformedKey (%s)", tt.line, err, tt.why)
			}
			continue
		}
		if e.Line() != 0 || e.Key() == nil || e.String() != tt.line {
			t.Errorf("ParseLine(%.40q) = line %d, key %v, String %q (%s)", tt.line, e.Line(), e.Key(), e.String(), tt.why)
		}
	}
}

// TestHostsIsCopy: what Hosts returns is the caller's.
func TestHostsIsCopy(t *testing.T) {
	e, err := knownhosts.ParseLine([]byte("a,b ssh-ed25519 " + keytest.ED25519B64))
	if err != nil {
		t.Fatal(err)
	}
	h := e.Hosts()
	h[0] = h[1]
	if got := e.Hosts(); got[0].String() != "a" || !e.Match("a", 22) {
		t.Errorf("the entry's hosts changed with the copy: %v", got)
	}
}
