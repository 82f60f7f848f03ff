package fingerprint_test

import (
	"crypto"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
)

// OpenSSH's regress test key ed25519_1.pub and its certificate.
const (
	exampleKey  = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ ED25519 test key #1"
	exampleCert = "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIIxzuxl4z3uwAIslne8Huft+1n1IhHAlNbWZkQyyECCGAAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZAAAAAAAAAAgAAAACAAAABmp1bGl1cwAAABIAAAAFaG9zdDEAAAAFaG9zdDIAAAAANowB8AAAAABNHmBwAAAAAAAAAAAAAAAAAAAAMwAAAAtzc2gtZWQyNTUxOQAAACBThupGO0X+FLQhbz8CoKPwc7V3JNsQuGtlsgN+F7SMGQAAAFMAAAALc3NoLWVkMjU1MTkAAABABGTn+Bmz86Ajk+iqKCSdP5NClsYzn4alJd0V5bizhP0Kumc/HbqQfSt684J1WdSzih+EjvnTgBhK9jTBKb90AQ== ED25519 test key #1"
)

func mustKey(line string) ssh.PublicKey {
	pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		panic(err)
	}
	return pub
}

// Example_allForms prints every fingerprint ssh-keygen shows for a key:
// -l -E md5|sha1|sha256|sha384|sha512, -B and the picture of -lv.
func Example_allForms() {
	pub := mustKey(exampleKey)
	fmt.Println("IAM:   ", fingerprint.MD5(pub))
	fmt.Println("SHA1:  ", fingerprint.SHA1(pub))
	fmt.Println("SHA256:", fingerprint.SHA256(pub))
	fmt.Println("SHA384:", fingerprint.SHA384(pub))
	fmt.Println("SHA512:", fingerprint.SHA512(pub))
	fmt.Println("-B:    ", fingerprint.Bubblebabble(pub))
	fmt.Println(fingerprint.RandomArt(pub))
	// Output:
	// IAM:    c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea
	// SHA1:   SHA1:w6uZIBp5QDpWNEdXkAQGOjYkXKM
	// SHA256: SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560
	// SHA384: SHA384:wssyFesRNFGgzG9Ru/Md9M4nt9QZsGfs9UyiaLYmSuXx0kPLRRD2znv53fqEfor3
	// SHA512: SHA512:Xov7a+pFEHfcFhLYYxvPqg/OCQ+zsRnNst7CdNH7UTfubeOAfSQH+hY/bkhUR0PxSgcpXOew42nojFgas83rng
	// -B:     xubop-rekyd-bakal-nubuf-pahaf-gicuh-logeb-gocif-petod-galip-fuxux
	// +--[ED25519 256]--+
	// |       ... .. oo.|
	// |      .   o .o ..|
	// |       o o o.  ..|
	// |      . + .. . o.|
	// |       .S.. . B o|
	// |        .o.+ o @.|
	// |       .o.o.*  .O|
	// |        o= ..+ .B|
	// |       o*o  o.E==|
	// +----[SHA256]-----+
}

// ExampleParse_pasted checks fingerprints a person pasted against a key:
// trim the paste, parse it in any form ssh-keygen or IAM prints, compare.
// The error does not quote the broken SHA-256 fingerprint: its 42 base64
// characters in a row look like key material (keyerrors.SafeValue).
func ExampleParse_pasted() {
	pub := mustKey(exampleKey)
	for _, pasted := range []string{
		"SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560\n", // ssh-keygen -l
		"MD5:c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea",  // ssh-keygen -l -E md5
		"C5:3E:72:C6:F9:55:58:47:5C:AD:D9:8F:89:9F:37:EA",      // IAM, upper-cased
		"SHA256:vMbaARqVciRgXyZPNHDo+P5p5WK5yWG1Oo6VC35Bomw",   // another key
		"SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk56",    // one character lost
	} {
		f, err := fingerprint.Parse(strings.TrimSpace(pasted))
		switch {
		case errors.Is(err, keyerrors.ErrMalformedFingerprint):
			fmt.Println("not a fingerprint:", err)
		case f.Matches(pub):
			fmt.Println("match:   ", f)
		default:
			fmt.Println("no match:", f)
		}
	}
	// Output:
	// match:    SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560
	// match:    c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea
	// match:    c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea
	// no match: SHA256:vMbaARqVciRgXyZPNHDo+P5p5WK5yWG1Oo6VC35Bomw
	// not a fingerprint: fingerprint: cannot parse '<value omitted>': SHA256 fingerprint of 42 base64 characters, want 43: malformed SSH key fingerprint
}

// ExampleSHA256_certificate shows the difference with x/crypto for a
// certificate: OpenSSH and this package fingerprint the certified key,
// x/crypto the whole certificate.
func ExampleSHA256_certificate() {
	cert := mustKey(exampleCert)
	fmt.Println(fingerprint.SHA256(cert))
	fmt.Println(fingerprint.SHA256(cert.(*ssh.Certificate).Key))
	fmt.Println(ssh.FingerprintSHA256(cert))
	fmt.Println(fingerprint.OfBlob(crypto.SHA256, cert.Marshal()))
	// Output:
	// SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560
	// SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560
	// SHA256:UYt3G1lz3d+U2zn1qnB2GIhTduXrS0igDusIC3adiKo
	// SHA256:UYt3G1lz3d+U2zn1qnB2GIhTduXrS0igDusIC3adiKo
}

// ExampleAppendBlob formats the fingerprints of many blobs into one
// buffer without allocating for each.
func ExampleAppendBlob() {
	blob := mustKey(exampleKey).Marshal()
	buf := make([]byte, 0, 256)
	for _, h := range []crypto.Hash{crypto.MD5, crypto.SHA256} {
		buf = fingerprint.AppendBlob(buf, h, blob)
		buf = append(buf, '\n')
	}
	fmt.Print(string(buf))
	// Output:
	// c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea
	// SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560
}
