package keytype

import (
	"testing"

	"golang.org/x/crypto/ssh"
)

// TestXCryptoNames holds the table's names to x/crypto's, whose
// ssh.PublicKey.Type sshkey compares with them (but DSA's, which x/crypto
// deprecates).
func TestXCryptoNames(t *testing.T) {
	for _, c := range []struct{ ours, theirs string }{
		{RSA, ssh.KeyAlgoRSA},
		{ECDSA256, ssh.KeyAlgoECDSA256},
		{ECDSA384, ssh.KeyAlgoECDSA384},
		{ECDSA521, ssh.KeyAlgoECDSA521},
		{ED25519, ssh.KeyAlgoED25519},
		{SKECDSA256, ssh.KeyAlgoSKECDSA256},
		{SKED25519, ssh.KeyAlgoSKED25519},
		{Lookup(RSA).Cert, ssh.CertAlgoRSAv01},
		{Lookup(ECDSA256).Cert, ssh.CertAlgoECDSA256v01},
		{Lookup(ECDSA384).Cert, ssh.CertAlgoECDSA384v01},
		{Lookup(ECDSA521).Cert, ssh.CertAlgoECDSA521v01},
		{Lookup(ED25519).Cert, ssh.CertAlgoED25519v01},
		{Lookup(SKECDSA256).Cert, ssh.CertAlgoSKECDSA256v01},
		{Lookup(SKED25519).Cert, ssh.CertAlgoSKED25519v01},
		{LookupAny(ssh.KeyAlgoRSASHA256).Cert, ssh.CertAlgoRSASHA256v01},
		{LookupAny(ssh.KeyAlgoRSASHA512).Cert, ssh.CertAlgoRSASHA512v01},
	} {
		if c.ours != c.theirs {
			t.Errorf("keytype's %q is x/crypto's %q", c.ours, c.theirs)
		}
	}
}
