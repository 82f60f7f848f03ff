package fingerprint

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Lengths of EC2's KeyFingerprint spellings.
const (
	// ec2SHA256Len: SHA-256 in padded standard base64, 43 characters and
	// one '='.
	ec2SHA256Len = (sha256.Size + 2) / 3 * 4
	// ec2SHA1Len: SHA-1 in colon hex, 20 pairs and 19 colons.
	ec2SHA1Len = 3*sha1.Size - 1
)

// EC2 returns the KeyFingerprint that EC2 (ImportKeyPair,
// DescribeKeyPairs) shows for pub when it is imported. EC2 hashes neither
// key type as ssh-keygen does:
//
//   - ssh-rsa: the MD5 digest of the key's DER SubjectPublicKeyInfo (RFC
//     5280 section 4.1.2.7), in lowercase hex pairs joined by colons, 47
//     characters: c0:f9:b8:59:12:f6:5c:88:48:62:a6:dc:4c:98:16:cb. It is
//     not [MD5], IAM's fingerprint of the same key (the MD5 of the SSH wire
//     blob), though both are spelled alike.
//   - ssh-ed25519: the SHA-256 digest of the SSH wire blob, that of
//     [SHA256], but in standard base64 with its '=' padding and without
//     the "SHA256:" prefix, 44 characters:
//     L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560=. It is also the
//     fingerprint of an Ed25519 key pair that EC2 created (CreateKeyPair),
//     since EC2 hashes the public key for both.
//
// AWS's commands for them (the Ed25519 one in ssh-keygen's spelling):
//
//	ssh-keygen -e -m PKCS8 -f key.pub | openssl pkey -pubin -outform DER | openssl md5 -c
//	ssh-keygen -l -f key.pub
//
// EC2 imports no other key type (ImportKeyPair takes RSA and Ed25519 only),
// so for any other key, ECDSA, DSA and security keys included, EC2 returns
// "": there is no EC2 fingerprint to show, and "" matches nothing. A
// certificate gives its certified key's value, as every function of this
// package does, though EC2 imports no certificate.
//
// The fingerprint EC2 shows for an RSA key pair it created is another
// digest, of the private key: see [EC2Created]. pub must not be nil.
func EC2(pub ssh.PublicKey) string {
	if c, ok := pub.(*ssh.Certificate); ok {
		pub = c.Key
	}
	switch pub.Type() {
	case ssh.KeyAlgoRSA:
		d, ok := ec2RSA(pub)
		if !ok {
			return ""
		}
		return string(appendColonHex(make([]byte, 0, md5Len), d[:]))
	case ssh.KeyAlgoED25519:
		d := sha256.Sum256(pub.Marshal())
		return base64.StdEncoding.EncodeToString(d[:])
	}
	return ""
}

// ec2RSA returns the MD5 digest of the DER SubjectPublicKeyInfo of an
// ssh-rsa key, or false when pub does not give its *rsa.PublicKey.
func ec2RSA(pub ssh.PublicKey) (d [md5.Size]byte, ok bool) {
	cp, ok := pub.(ssh.CryptoPublicKey)
	if !ok {
		return d, false
	}
	k, ok := cp.CryptoPublicKey().(*rsa.PublicKey)
	if !ok {
		return d, false
	}
	der, err := x509.MarshalPKIXPublicKey(k)
	if err != nil {
		return d, false
	}
	return md5.Sum(der), true
}

// MatchesEC2 reports whether s is the KeyFingerprint EC2 shows for pub as
// an imported key, [EC2]'s value, comparing the digests in constant time
// (crypto/subtle). s is read in EC2's spellings only: 47 characters of
// colon-separated hex (either case) for an ssh-rsa key, and 44 characters
// of padded standard base64 for an ssh-ed25519 key; no prefix, no white
// space (trim a pasted value first), no second spelling of a digest.
// Anything else, including ssh-keygen's and IAM's forms of the right key,
// does not match.
//
// A bare colon-hex MD5 value means two things, and the string alone cannot
// say which: [Parse] reads it as IAM's fingerprint (the MD5 of the SSH wire
// blob, which [Fingerprint.Matches] checks), MatchesEC2 as EC2's (the MD5
// of the DER SubjectPublicKeyInfo). Call the one for the service the value
// came from. The padded base64 form is EC2's alone, and Parse reads it too,
// as a SHA-256 Fingerprint that Fingerprint.Matches checks as well.
//
// The 59-character SHA-1 that EC2 shows for an RSA key pair it created
// never matches: it is a digest of the private key, which pub does not
// hold ([EC2Created] computes it). pub must not be nil.
func MatchesEC2(pub ssh.PublicKey, s string) bool {
	if c, ok := pub.(*ssh.Certificate); ok {
		pub = c.Key
	}
	switch {
	case len(s) == md5Len && pub.Type() == ssh.KeyAlgoRSA:
		want, err := parseHex(s, s, 0)
		if err != nil {
			return false
		}
		got, ok := ec2RSA(pub)
		return ok && subtle.ConstantTimeCompare(got[:], want.sum[:md5.Size]) == 1
	case len(s) == ec2SHA256Len && pub.Type() == ssh.KeyAlgoED25519:
		want, err := parseEC2SHA256(s)
		if err != nil {
			return false
		}
		got := sha256.Sum256(pub.Marshal())
		return subtle.ConstantTimeCompare(got[:], want.sum[:sha256.Size]) == 1
	}
	return false
}

// parseEC2SHA256 parses EC2's spelling of a SHA-256 fingerprint, 43
// characters of standard base64 and one '=', into a SHA-256 Fingerprint.
func parseEC2SHA256(s string) (Fingerprint, error) {
	if len(s) != ec2SHA256Len || s[ec2SHA256Len-1] != '=' {
		return Fingerprint{}, parseError(s, "not EC2's 44-character padded base64 SHA-256 form")
	}
	return parseBase64(s, crypto.SHA256, s[:ec2SHA256Len-1], 0)
}

// EC2Created returns the KeyFingerprint EC2 shows for a key pair it
// created (CreateKeyPair), from the KeyMaterial CreateKeyPair returned: the
// private key, in PEM. It reads
//
//   - "RSA PRIVATE KEY" (PKCS #1), what EC2 returns for an RSA key pair,
//     and "PRIVATE KEY" (unencrypted PKCS #8) of an RSA or Ed25519 key;
//   - "OPENSSH PRIVATE KEY" (unencrypted), what EC2 returns for an Ed25519
//     key pair, of an RSA or Ed25519 key.
//
// It does not read PuTTY's .ppk, which CreateKeyPair returns when asked for
// KeyFormat ppk: convert it with puttygen -O private-openssh first.
//
// For RSA the fingerprint is the SHA-1 digest of the private key in DER
// PKCS #8 (RFC 5208), re-encoded from its numbers, in lowercase colon hex
// of 59 characters. AWS's command is
//
//	openssl pkcs8 -in key.pem -inform PEM -outform DER -topk8 -nocrypt | openssl sha1 -c
//
// It cannot be computed from the public key: PKCS #8 of a private key holds
// the private exponent and primes, and EC2 hashes all of it, so a created
// RSA key pair's fingerprint differs from the [EC2] value of the same key
// imported. (moto's stand-in for EC2 hashes the public key here, which is
// wrong.) For Ed25519 it is the SHA-256 digest of the public key's wire
// blob in padded base64, the same as for an imported key ([EC2]), since EC2
// hashes the public key of both.
//
// The result is a fingerprint, which may be shown and logged; the key never
// is. Only one PEM block is read and only white space may follow it. An
// error never holds any byte of the input, not even the PEM type: it wraps
// [keyerrors.ErrMalformedKey] when the text is not PEM or the block does not
// decode, [keyerrors.ErrUnsupportedEncoding] for a PEM block that is no
// private key EC2 returns (a public key, an encrypted key, PEM headers),
// and [keyerrors.ErrUnsupportedKeyType] for a private key of a type EC2
// does not create (ECDSA, DSA).
func EC2Created(keyMaterial []byte) (string, error) {
	block, rest := pem.Decode(keyMaterial)
	if block == nil {
		return "", ec2CreatedError("no PEM block", keyerrors.ErrMalformedKey)
	}
	defer clear(block.Bytes)
	if len(bytes.TrimSpace(rest)) != 0 {
		return "", ec2CreatedError("data after the PEM block", keyerrors.ErrMalformedKey)
	}
	if len(block.Headers) != 0 {
		return "", ec2CreatedError("PEM headers (an encrypted key?)", keyerrors.ErrUnsupportedEncoding)
	}
	var key any
	switch block.Type {
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return "", ec2CreatedError("the PKCS #1 RSA private key does not decode", keyerrors.ErrMalformedKey)
		}
		key = k
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return "", ec2CreatedError("the PKCS #8 private key does not decode", keyerrors.ErrMalformedKey)
		}
		key = k
	case "OPENSSH PRIVATE KEY":
		k, err := ssh.ParseRawPrivateKey(keyMaterial)
		if err != nil {
			var missing *ssh.PassphraseMissingError
			if errors.As(err, &missing) {
				return "", ec2CreatedError("an encrypted OpenSSH private key", keyerrors.ErrUnsupportedEncoding)
			}
			return "", ec2CreatedError("the OpenSSH private key does not decode", keyerrors.ErrMalformedKey)
		}
		key = k
	case "EC PRIVATE KEY", "DSA PRIVATE KEY":
		return "", ec2CreatedError("EC2 creates RSA and Ed25519 key pairs only", keyerrors.ErrUnsupportedKeyType)
	default:
		return "", ec2CreatedError("the PEM block is not a private key EC2 returns", keyerrors.ErrUnsupportedEncoding)
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			return "", ec2CreatedError("the RSA private key does not encode as PKCS #8", keyerrors.ErrMalformedKey)
		}
		d := sha1.Sum(der)
		clear(der)
		return string(appendColonHex(make([]byte, 0, ec2SHA1Len), d[:])), nil
	case *ed25519.PrivateKey:
		return ec2Ed25519(k.Public())
	case ed25519.PrivateKey:
		return ec2Ed25519(k.Public())
	}
	return "", ec2CreatedError("EC2 creates RSA and Ed25519 key pairs only", keyerrors.ErrUnsupportedKeyType)
}

// ec2Ed25519 returns EC2's fingerprint of an Ed25519 public key.
func ec2Ed25519(pub any) (string, error) {
	p, err := ssh.NewPublicKey(pub)
	if err != nil {
		return "", ec2CreatedError("the Ed25519 public key does not encode", keyerrors.ErrMalformedKey)
	}
	return EC2(p), nil
}

// appendColonHex appends d in lowercase hex pairs joined by colons.
func appendColonHex(dst, d []byte) []byte {
	for i, b := range d {
		if i > 0 {
			dst = append(dst, ':')
		}
		dst = append(dst, hexDigits[b>>4], hexDigits[b&0x0f])
	}
	return dst
}

// ec2CreatedError is EC2Created's error: a fixed reason and a sentinel,
// never any byte of the key material.
func ec2CreatedError(reason string, sentinel error) error {
	return &ec2CreatedErr{reason: reason, sentinel: sentinel}
}

type ec2CreatedErr struct {
	reason   string
	sentinel error
}

func (e *ec2CreatedErr) Error() string {
	return "fingerprint: EC2 key material: " + e.reason + ": " + e.sentinel.Error()
}

func (e *ec2CreatedErr) Unwrap() error { return e.sentinel }
