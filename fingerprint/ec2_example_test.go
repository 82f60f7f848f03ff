package fingerprint_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
)

// mustFile reads an authorized_keys line from a file.
func mustFile(path string) ssh.PublicKey {
	line, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return mustKey(string(line))
}

// The values below were checked with the commands of AWS and OpenSSH:
//
//	ssh-keygen -e -m PKCS8 -f rsa_1.pub | openssl pkey -pubin -outform DER | openssl md5 -c
//	ssh-keygen -l -E md5 -f rsa_1.pub
//	openssl pkcs8 -topk8 -nocrypt -in created-rsa2048.pem -outform DER | openssl sha1 -c
//	openssl pkey -in created-rsa2048.pem -pubout -outform DER | openssl md5 -c

// ExampleEC2 prints the KeyFingerprint EC2 shows for imported keys beside
// ssh-keygen's and IAM's for the same keys: the RSA value is an MD5 of
// another input than IAM's, and the Ed25519 value is ssh-keygen's SHA-256
// digest, padded and without its prefix.
func ExampleEC2() {
	rsaKey := mustFile("../testdata/vectors/openssh/rsa_1.pub") // OpenSSH's regress key rsa_1
	edKey := mustKey(exampleKey)
	fmt.Println("EC2 RSA:    ", fingerprint.EC2(rsaKey))
	fmt.Println("IAM RSA:    ", fingerprint.MD5(rsaKey))
	fmt.Println("EC2 Ed25519:", fingerprint.EC2(edKey))
	fmt.Println("ssh-keygen: ", fingerprint.SHA256(edKey))
	ecdsaKey := mustFile("../testdata/vectors/openssh/ecdsa_1.pub")
	fmt.Printf("EC2 ECDSA:   %q\n", fingerprint.EC2(ecdsaKey))
	// Output:
	// EC2 RSA:     c0:f9:b8:59:12:f6:5c:88:48:62:a6:dc:4c:98:16:cb
	// IAM RSA:     39:26:61:69:1d:d0:77:6c:78:b5:6b:9d:4e:1f:e3:02
	// EC2 Ed25519: L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560=
	// ssh-keygen:  SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560
	// EC2 ECDSA:   ""
}

// ExampleMatchesEC2 checks values pasted from DescribeKeyPairs against a
// key. A bare colon-hex MD5 is EC2's digest here; Parse would read the
// same string as IAM's.
func ExampleMatchesEC2() {
	rsaKey := mustFile("../testdata/vectors/openssh/rsa_1.pub")
	edKey := mustKey(exampleKey)
	for _, c := range []struct {
		key    ssh.PublicKey
		pasted string
	}{
		{rsaKey, "c0:f9:b8:59:12:f6:5c:88:48:62:a6:dc:4c:98:16:cb\n"}, // EC2, imported RSA
		{rsaKey, "39:26:61:69:1d:d0:77:6c:78:b5:6b:9d:4e:1f:e3:02"},   // IAM's MD5 of the key
		{edKey, "L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560="},       // EC2, Ed25519
		{edKey, "SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560"}, // ssh-keygen's spelling
		{edKey, "vMbaARqVciRgXyZPNHDo+P5p5WK5yWG1Oo6VC35Bomw="},       // another key
	} {
		fmt.Println(fingerprint.MatchesEC2(c.key, strings.TrimSpace(c.pasted)))
	}
	// Output:
	// true
	// false
	// true
	// false
	// false
}

// ExampleEC2Created computes the fingerprint EC2 shows for an RSA key
// pair it created, from the KeyMaterial CreateKeyPair returned (here a
// throwaway test key). It is not the imported key's value: EC2 hashes the
// private key. Errors never hold the key material.
func ExampleEC2Created() {
	material, err := os.ReadFile("testdata/ec2/created-rsa2048.pem")
	if err != nil {
		panic(err)
	}
	fp, err := fingerprint.EC2Created(material)
	if err != nil {
		panic(err)
	}
	fmt.Println("created: ", fp)
	signer, err := ssh.ParsePrivateKey(material)
	if err != nil {
		panic(err)
	}
	fmt.Println("imported:", fingerprint.EC2(signer.PublicKey()))

	_, err = fingerprint.EC2Created(material[:200])
	fmt.Println(errors.Is(err, keyerrors.ErrMalformedKey), err)
	// Output:
	// created:  68:a3:d1:d5:ff:ed:34:ee:73:26:c8:3f:d1:30:89:e9:c7:ef:a4:a3
	// imported: e2:79:da:70:f7:54:5c:98:24:06:82:90:a3:74:e9:31
	// true fingerprint: EC2 key material: no PEM block: malformed SSH public key
}
