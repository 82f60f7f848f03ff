package authorizedkeys

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/keyvet/keyvet/sshkey"
)

// TestMayBeKeyLine holds readLine's cheap pre-check to what it stands for:
// a line mayBeKeyLine reports false for is one sshkey.Detect takes for no
// key line (KindAuthorizedKey) nor certificate line (KindCertificate), so
// readLine keeps the options' error for it without asking Detect. Every
// type name sshkey reads has one of typePrefixes or an @ (a new type
// without one needs a prefix added), and random lines made of the pieces
// Detect looks at never break the rule.
func TestMayBeKeyLine(t *testing.T) {
	for _, name := range sshkey.Types() {
		ok := strings.Contains(name, "@")
		for _, p := range typePrefixes {
			ok = ok || strings.HasPrefix(name, p)
		}
		if !ok {
			t.Errorf("type %q has none of typePrefixes and no @: mayBeKeyLine must learn it", name)
		}
	}
	pieces := []string{"a", "no-ptty", "no-pty", "pty", " ", "\t", "ssh-ed25519", "ssh-", "sk-", "ecdsa-", "x509v3-", "pgp-", "spki-", "rsa-sha2-",
		"ssh-ed25519-cert-v01@openssh.com", "@", "AAAAC3NzaC1lZDI1NTE5", "AAAAB3NzaC1yc2E=", "AAAA", "QUFB", "=", "\"", ",", "restrict", "command=\"x\"",
		"from", "host.example.com", "#", "-----BEGIN ", "é", "\x01", "\r", "x", "AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ"}
	r := rand.New(rand.NewPCG(3, 4))
	skipped := 0
	for range 20000 {
		var b bytes.Buffer
		for range 1 + r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		line := bytes.TrimLeft(b.Bytes(), " \t")
		if mayBeKeyLine(line) {
			continue
		}
		skipped++
		if d := sshkey.Detect(line); d == sshkey.KindAuthorizedKey || d == sshkey.KindCertificate {
			t.Errorf("mayBeKeyLine(%q) is false, but Detect says %v", line, d)
		}
	}
	if skipped < 1000 {
		t.Errorf("only %d lines of 20000 skipped Detect: the test tries too little", skipped)
	}
}
