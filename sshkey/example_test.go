package sshkey_test

import (
	"crypto"
	"errors"
	"fmt"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
)

// ExampleParse_pem parses a PKIX PEM key (as ssh-keygen -e -m PKCS8 writes
// it) and prints it as an authorized_keys line.
func ExampleParse_pem() {
	pem := `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDLV5lUTt7FrADseB/CGhEZzpoo
jjEW5y8+ePvLppmK3MmMI18ud6vxzpK3bwZLYkVSyfJYI0HmIuGhdu7yMrW6wb84
gbq8C31Xoe9EORcIUuGSvDKdNSM1SjlhDquRblDFB8kToqXyx1lqrXecXylxIUOL
0jE+u0rU1967pDJx+wIDAQAB
-----END PUBLIC KEY-----
`
	k, err := sshkey.Parse([]byte(pem))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.Format(), k.Type(), k.Bits())
	fmt.Println(k.String())
	// Output:
	// PKIX PEM ssh-rsa 1024
	// ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDLV5lUTt7FrADseB/CGhEZzpoojjEW5y8+ePvLppmK3MmMI18ud6vxzpK3bwZLYkVSyfJYI0HmIuGhdu7yMrW6wb84gbq8C31Xoe9EORcIUuGSvDKdNSM1SjlhDquRblDFB8kToqXyx1lqrXecXylxIUOL0jE+u0rU1967pDJx+w==
}

// ExamplePolicy_Check applies a policy like EC2 Instance Connect's (RSA of
// 2048 to 4096 bits or Ed25519, in authorized_keys or RFC 4716) to a
// 1024-bit RSA key and to an Ed25519 key.
func ExamplePolicy_Check() {
	p := &sshkey.Policy{
		Types:      []string{sshkey.TypeRSA, sshkey.TypeED25519},
		MinRSABits: 2048,
		MaxRSABits: 4096,
		Formats:    []sshkey.Format{sshkey.FormatAuthorizedKey, sshkey.FormatRFC4716},
	}
	rsa1024 := sshkey.MustParse("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDLV5lUTt7FrADseB/CGhEZzpoojjEW5y8+ePvLppmK3MmMI18ud6vxzpK3bwZLYkVSyfJYI0HmIuGhdu7yMrW6wb84gbq8C31Xoe9EORcIUuGSvDKdNSM1SjlhDquRblDFB8kToqXyx1lqrXecXylxIUOL0jE+u0rU1967pDJx+w== old")
	ed := sshkey.MustParse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ new")

	err := p.Check(rsa1024)
	fmt.Println(errors.Is(err, keyerrors.ErrKeyTooSmall))
	fmt.Println(err)
	fmt.Println(p.Check(ed))
	// Output:
	// true
	// sshkey: the RSA key has 1024 bits, fewer than the 2048 required; generate a larger key (ssh-keygen -t rsa -b 4096) or an Ed25519 key (ssh-keygen -t ed25519)
	// <nil>
}

// ExamplePolicy_CheckText vets keys without making them, as a request
// validator does: the answer, sentinel and text are those of Parse followed
// by Check.
func ExamplePolicy_CheckText() {
	p := &sshkey.Policy{Types: []string{sshkey.TypeED25519}}
	for _, in := range []string{
		"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ me@host",
		"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDLV5lUTt7FrADseB/CGhEZzpoojjEW5y8+ePvLppmK3MmMI18ud6vxzpK3bwZLYkVSyfJYI0HmIuGhdu7yMrW6wb84gbq8C31Xoe9EORcIUuGSvDKdNSM1SjlhDquRblDFB8kToqXyx1lqrXecXylxIUOL0jE+u0rU1967pDJx+w== old",
		"ssh-ed25519 AAAA",
	} {
		err := p.CheckText([]byte(in))
		fmt.Println(err == nil, errors.Is(err, keyerrors.ErrUnsupportedKeyType), errors.Is(err, keyerrors.ErrMalformedKey))
	}
	// Output:
	// true false false
	// false true false
	// false false true
}

// ExampleParse_privateKey shows the refusal of a private key: errors.Is
// finds the sentinel, and the message names the kind of key without a byte
// of it.
func ExampleParse_privateKey() {
	_, err := sshkey.Parse([]byte("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n"))
	switch {
	case errors.Is(err, keyerrors.ErrPrivateKey):
		fmt.Println("private key:", err)
	case errors.Is(err, keyerrors.ErrUnsupportedEncoding):
		fmt.Println("not a key at all")
	case err != nil:
		fmt.Println("a bad key")
	}
	// Output:
	// private key: sshkey: this is an OpenSSH private key; give the public key (the .pub file, or ssh-keygen -y -f KEYFILE), never the private key
}

// ExampleParse_encodings tells text in no known encoding from a known
// encoding holding a bad key, as IAM does (UnrecognizedPublicKeyEncoding
// versus InvalidPublicKey).
func ExampleParse_encodings() {
	for _, in := range []string{
		"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
		"ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ",
	} {
		_, err := sshkey.Parse([]byte(in))
		fmt.Println(errors.Is(err, keyerrors.ErrUnsupportedEncoding), errors.Is(err, keyerrors.ErrKeyTypeMismatch))
	}
	// Output:
	// true false
	// false true
}

// ExampleKey_RFC4716 writes a key as an RFC 4716 file with its comment.
func ExampleKey_MarshalRFC4716() {
	k := sshkey.MustParse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ me@host")
	fmt.Print(string(k.MarshalRFC4716()))
	// Output:
	// ---- BEGIN SSH2 PUBLIC KEY ----
	// Comment: "me@host"
	// AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ
	// ---- END SSH2 PUBLIC KEY ----
}

// ExampleParse_dsa reads a DSA key, which x/crypto no longer parses: it
// has a size and fingerprints (these are ssh-keygen -l's, from
// testdata/keys/dsa1024.fp), and a policy refuses it.
func ExampleParse_dsa() {
	k, err := sshkey.ParseString("ssh-dss AAAAB3NzaC1kc3MAAACBAPhYh7Nx71sqOxFROIiPGXWi3fGo3m38XGXtWNngIrMafI3oS2qqALlLKy0Jgw7JwfL58sw3mvVTkPjiEWXviKpiJbzGvnME22XeKaiFpI/8AlX5/6bCOYObiFPJMfqxYPuj344fF5wj427fxEhP+3pmglf7g7MBczRXm9gu362zAAAAFQCGwwEIJ/V58iynUlZB9E4llhjclwAAAIEAxXt/tE5OUZesBR1LDzNL+HkoIOLmjoxSe5NgUUc1LcnWFOoekvetZKkPymYXCeE8L90EDWyfx9i0HL7GKNCXu9sFYxy43w8+uk5+hr7Zoe86fC8faY13ooJVLRoia+IWo1mOtt99ddT12mMCDje85gi8Y4FcpZcrTkUJ3T+67HcAAACAa7Y2q3TlkXN3omxU1xHWH4Z3cZJTtm8GSalf06bbMDR4wxlnKPLCNbss5f7BSiJsyp/WTYVEYQ7zc/0uU5tyu8Qy3SS1d+j8a5TIpPUzoGw8Z6XoEeX/zta3+saFnLZmVLu8M2ybOXZ4rOnfXy31Ngl5saWVXlGXBdX6BlAJoN4= keyvet throwaway test key dsa1024")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.Type(), k.Bits(), k.Fingerprint(crypto.SHA256))
	p := &sshkey.Policy{Types: []string{sshkey.TypeED25519, sshkey.TypeRSA}}
	fmt.Println(errors.Is(p.Check(k), keyerrors.ErrUnsupportedKeyType))
	// Output:
	// ssh-dss 1024 SHA256:b5wYF/yqTRtB5E6Nxq2Z5PGLjsKXMKGX2iw1vtuIE5M
	// true
}

// ExampleKey_WithComment gives a key another comment: the key is the same
// (Equal), its line is not, and a comment that would start a new line of
// an authorized_keys file is refused.
func ExampleKey_WithComment() {
	k := sshkey.MustParse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ old")
	k2, _ := k.WithComment("new@host")
	fmt.Println(k2, k.Equal(k2))
	_, err := k.WithComment("a\nssh-ed25519 AAAA... other")
	fmt.Println(errors.Is(err, keyerrors.ErrMalformedKey))
	// Output:
	// ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ new@host true
	// true
}
