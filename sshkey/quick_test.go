package sshkey

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// TestQuickCores holds what quickAuthorizedKey's proof takes of the cores:
// each begins and ends with a byte that is no white space, the longest is
// maxCore long, and b64Cores are those made of base64 characters.
func TestQuickCores(t *testing.T) {
	n := 0
	for _, c := range scan.MarkerCores {
		if isSpace(c[0]) || isSpace(c[len(c)-1]) {
			t.Errorf("core %q begins or ends with white space", c)
		}
		n = max(n, len(c))
		in := false
		for _, b := range b64Cores {
			in = in || string(b) == c
		}
		if in != isB64Run(c) {
			t.Errorf("core %q: in b64Cores %v, base64 only %v", c, in, isB64Run(c))
		}
	}
	for _, kt := range keyTypes {
		for _, c := range scan.MarkerCores {
			if strings.IndexByte(kt.name, c[0]) >= 0 {
				t.Errorf("type name %q holds %q, the first byte of core %q", kt.name, c[0], c)
			}
		}
	}
	if n != maxCore {
		t.Errorf("maxCore = %d, want %d", maxCore, n)
	}
}

// TestQuickPrivate: a key line that holds a marker's core, in the base64,
// across its end or in the comment, is refused as read refuses it.
func TestQuickPrivate(t *testing.T) {
	// An Ed25519 blob whose key bytes hold "openssh-key-v1\x00" where its
	// base64 is "b3BlbnNzaC1rZXktdjE...".
	blob := []byte("\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20")
	blob = append(blob, 1, 2)
	blob = append(blob, "openssh-key-v1\x00"...)
	for len(blob) < 19+32 {
		blob = append(blob, 7)
	}
	b64 := base64.StdEncoding.EncodeToString(blob)
	if !strings.Contains(b64, "b3BlbnNzaC1rZXktdjE") {
		t.Fatalf("the base64 %s holds no core", b64)
	}
	plain := strings.Replace(b64, "b3BlbnNzaC1rZXktdjE", "b3BlbnNzaC1rZXktdjF", 1)
	if _, err := ParseAuthorizedKey([]byte("ssh-ed25519 " + plain)); err != nil {
		t.Fatalf("the key without the core: %v", err)
	}
	for _, line := range []string{
		"ssh-ed25519 " + b64,
		"ssh-ed25519 " + b64 + " me@host",
		"  ssh-ed25519\t" + b64 + " \r\n",
		"ssh-ed25519 " + plain + " -----END PRIVATE KEY-----",
		"ssh-ed25519 " + plain + " a PuTTY-User-Key-File-2 b",
		"ssh-ed25519 " + plain + " x b3BlbnNzaC1rZXktdjE",
	} {
		for name, f := range map[string]func([]byte) (*Key, error){"Parse": Parse, "ParseAuthorizedKey": ParseAuthorizedKey} {
			k, err := f([]byte(line))
			if !errors.Is(err, keyerrors.ErrPrivateKey) {
				t.Errorf("%s(%q) = %v, %v; want ErrPrivateKey", name, line, k, err)
			}
			if quickAuthorizedKey([]byte(line)) != nil {
				t.Errorf("quickAuthorizedKey(%q) accepts", line)
			}
		}
	}
}

// TestHoldsB64Core holds holdsB64Core to bytes.Contains on texts that hold
// a core, or most of one, at every offset.
func TestHoldsB64Core(t *testing.T) {
	for _, c := range b64Cores {
		for _, part := range [][]byte{c, c[1:], c[:len(c)-1]} {
			for pre := 0; pre < 2*len(c)+3; pre++ {
				for post := 0; post < len(c)+2; post++ {
					b := []byte(strings.Repeat("A", pre) + string(part) + strings.Repeat("b", post))
					if got, want := holdsB64Core(b), bytes.Contains(b, c); got != want {
						t.Fatalf("holdsB64Core(%q) = %v, want %v", b, got, want)
					}
				}
			}
		}
	}
}

// TestTypesByLen: lookupType finds each type by its name, and nothing by a
// prefix or an extension of one.
func TestTypesByLen(t *testing.T) {
	for i := range keyTypes {
		name := keyTypes[i].name
		if len(name) > maxTypeName {
			t.Fatalf("type name %q is longer than maxTypeName", name)
		}
		if got := lookupType([]byte(name)); got != &keyTypes[i] {
			t.Errorf("lookupType(%q) = %v", name, got)
		}
		for _, n := range []string{name[:len(name)-1], name + "x", "x" + name[1:]} {
			if got := lookupType([]byte(n)); got != nil && got.name != n {
				t.Errorf("lookupType(%q) = %q", n, got.name)
			}
		}
	}
}
