package sshkey_test

import (
	"crypto"
	"errors"
	"fmt"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
)

// ExampleKey_Certificate reads an OpenSSH certificate (openssh-portable's
// test vector ed25519_1-cert.pub, which its own key signed) as ssh-keygen
// -l and -L show it. The
// zero Policy refuses it; a Policy that names its type takes it.
func ExampleKey_Certificate() {
	k, err := sshkey.ParseString("ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIIxzuxl4z3uwAIslne8Huft+1n1IhHAlNbWZkQyyECCGAAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZAAAAAAAAAAgAAAACAAAABmp1bGl1cwAAABIAAAAFaG9zdDEAAAAFaG9zdDIAAAAANowB8AAAAABNHmBwAAAAAAAAAAAAAAAAAAAAMwAAAAtzc2gtZWQyNTUxOQAAACBThupGO0X+FLQhbz8CoKPwc7V3JNsQuGtlsgN+F7SMGQAAAFMAAAALc3NoLWVkMjU1MTkAAABABGTn+Bmz86Ajk+iqKCSdP5NClsYzn4alJd0V5bizhP0Kumc/HbqQfSt684J1WdSzih+EjvnTgBhK9jTBKb90AQ== ED25519 test key #1")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := k.Certificate()
	fmt.Println(k.Bits(), k.Fingerprint(crypto.SHA256), k.Type())
	fmt.Println(c.CertType(), c.KeyID(), c.Serial(), c.Principals())
	fmt.Println(c.ValidAfter().Format("2006-01-02"), c.ValidBefore().Format("2006-01-02"))
	fmt.Println("CA:", c.SignatureKey().Type(), c.SignatureKey().Fingerprint(crypto.SHA256), c.SignatureAlgorithm())
	fmt.Println(errors.Is(new(sshkey.Policy).Check(k), keyerrors.ErrCertificate))
	p := sshkey.Policy{Types: []string{sshkey.TypeED25519, "ssh-ed25519-cert-v01@openssh.com"}}
	fmt.Println(p.Check(k))
	// Output:
	// 256 SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560 ssh-ed25519-cert-v01@openssh.com
	// host julius 8 [host1 host2]
	// 1998-12-31 2010-12-31
	// CA: ssh-ed25519 SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560 ssh-ed25519
	// true
	// <nil>
}
