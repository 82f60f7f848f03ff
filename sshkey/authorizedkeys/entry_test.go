package authorizedkeys_test

import (
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/authorizedkeys"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

func TestParseLine(t *testing.T) {
	for _, tt := range []struct {
		line string
		ok   bool
		why  string
	}{
		{keytest.ED25519Line, true, "a key line"},
		{`no-pty,from="10.0.0.0/8" ` + keytest.ED25519Line, true, "options before the key"},
		{"", false, "an empty line holds no key"},
		{" \t", false, "a blank line holds no key"},
		{"# " + keytest.ED25519Line, false, "a comment line holds no key"},
		{keytest.ED25519Line + "\n" + keytest.ED25519Line, false, "two lines"},
		{"no-ptty " + keytest.ED25519Line, false, "an unknown option"},
		{strings.Repeat("a", sshkey.MaxLineLen+1), false, "a line longer than MaxLineLen"},
		{"\r" + keytest.ED25519Line, false, "a CR is no blank: ssh-keygen -l says \"not a public key file\""},
		{"no-pty \r" + keytest.ED25519Line, false, "a CR after the options' blank, before the type"},
		{"no-pty\r" + keytest.ED25519Line, false, "a CR in place of the blank after the options"},
		{"ssh-ed25519\r" + keytest.ED25519B64, false, "a CR in place of the blank after the type"},
	} {
		e, err := authorizedkeys.ParseLine([]byte(tt.line))
		if (err == nil) != tt.ok {
			t.Errorf("ParseLine(%.40q) = %v, %v (%s)", tt.line, e, err, tt.why)
			continue
		}
		if err != nil {
			var le *sshkey.LineError
			if !errors.Is(err, keyerrors.ErrMalformedKey) || errors.As(err, &le) {
				t.Errorf("ParseLine(%.40q): %v is no bare ErrMalformedKey (%s)", tt.line, err, tt.why)
			}
			continue
		}
		if e.Line() != 0 || e.Key() == nil || e.String() != tt.line {
			t.Errorf("ParseLine(%.40q) = line %d, key %v, String %q (%s)", tt.line, e.Line(), e.Key(), e.String(), tt.why)
		}
	}
}

// TestOptionsIsCopy: what Options returns is the caller's; changing it
// changes nothing of the entry.
func TestOptionsIsCopy(t *testing.T) {
	line := `environment="A=1",from="a,b",permitopen="h:1",permitlisten="2",principals="p,q" ` + keytest.ED25519Line
	e, err := authorizedkeys.ParseLine([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	o := e.Options()
	for _, s := range [][]string{o.Environment, o.From, o.PermitOpen, o.PermitListen, o.Principals} {
		if len(s) == 0 {
			t.Fatalf("an option list is empty: %+v", o)
		}
		s[0] = "changed"
	}
	o.Pty = authorizedkeys.PermissionDenied
	again := e.Options()
	if again.Environment[0] != "A=1" || again.From[0] != "a" || again.PermitOpen[0] != "h:1" ||
		again.PermitListen[0] != "*:2" || again.Principals[0] != "p" || again.Pty != authorizedkeys.PermissionDefault {
		t.Errorf("the entry's options changed with the copy: %+v", again)
	}
}
