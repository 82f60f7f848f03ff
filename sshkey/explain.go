package sshkey

import (
	"bytes"
	"errors"
	"strings"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/wire"
)

// This file is the explain step: it runs only on a text sshkey has already
// refused, to name the cause better than the rule that refused it can (a
// private key's body, a byte-order mark, a known_hosts line, a wrapped
// paste). It returns an error in every case, so it can never accept.

// explain returns the error to give for the trimmed text that the scanner
// refused with err.
func explain(text []byte, err error) error {
	if errors.Is(err, keyerrors.ErrPrivateKey) {
		return err
	}
	if kind := privateBody(text); kind != "" {
		return privateErr(kind)
	}
	for i := bytes.IndexByte(text, '\n'); i >= 0; {
		if dropbearPrivate(text[i+1:]) {
			return dropbearErr()
		}
		j := bytes.IndexByte(text[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	var ke *keyError
	if !errors.As(err, &ke) {
		return err
	}
	switch {
	case bytes.HasPrefix(text, []byte(utf8BOM)):
		return newErr(keyerrors.ErrMalformedKey, "the text starts with a UTF-8 byte-order mark (EF BB BF), which SSH tools do not read; save the file without it")
	case knownHostsMarker(text):
		return newErr(ke.sentinel, "this is a known_hosts line with an @cert-authority or @revoked marker, not a public key; give the key alone (the type and base64 after the host names)")
	case knownHostsLine(text):
		return newErr(ke.sentinel, "this is a known_hosts line (host names before the key type), not an authorized_keys line; give the key alone (the type and base64 after the host names)")
	case wrappedPaste(text):
		return newErr(keyerrors.ErrMalformedKey, "the base64 key is split across lines, as a wrapped paste leaves it; join the lines into one")
	}
	return err
}

const utf8BOM = "\xef\xbb\xbf"

// firstFields returns the first three blank-separated fields of text's
// first line.
func firstFields(text []byte) (f1, f2, f3 []byte) {
	line, _ := cutLine(text)
	f1, rest := nextField(line)
	f2, rest = nextField(rest)
	f3, _ = nextField(rest)
	return f1, f2, f3
}

// knownHostsMarker reports whether text starts with a known_hosts marker
// (sshd(8) SSH_KNOWN_HOSTS FILE FORMAT) before host names and a key.
func knownHostsMarker(text []byte) bool {
	f1, _, f3 := firstFields(text)
	return (string(f1) == "@cert-authority" || string(f1) == "@revoked") && len(f3) > 0
}

// knownHostsLine reports whether text's first line is "hosts type base64",
// as a known_hosts line is: a field that is no key type and no
// authorized_keys options (no option name, no quoted value), then a key
// type, then base64 of a blob of that type.
func knownHostsLine(text []byte) bool {
	f1, f2, f3 := firstFields(text)
	if len(f1) == 0 || lookupType(f1) != nil || lookupType(f2) == nil && !isCertType(string(f2)) ||
		startsWithOption(f1) || bytes.IndexByte(f1, '"') >= 0 { // authorized_keys options, not hosts
		return false
	}
	// The start of the base64 is enough: 84 characters decode to 63 bytes,
	// which hold the wire string of any key or certificate type name.
	var buf [64]byte
	blob, ok := decodeTo(buf[:], f3[:min(len(f3)/4*4, 84)])
	return ok && bytes.HasPrefix(blob, wire.AppendString(nil, f2))
}

// wrappedPaste reports whether text is an authorized_keys line whose base64
// was broken into lines: the first line is a type and base64 alone, which
// is no key, and joined, the lines parse.
func wrappedPaste(text []byte) bool {
	if !bytes.ContainsAny(text, "\r\n") || sniff(text) != kindAuthorizedKey {
		return false
	}
	first, _ := cutLine(text)
	if _, _, f3 := firstFields(first); len(f3) > 0 {
		return false // a comment ends the first line: a second line is a second line
	}
	if _, err := parseAuthorizedKey(first); err == nil {
		return false
	}
	joined := bytes.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, text)
	_, err := parseAuthorizedKey(joined)
	return err == nil
}

// privateBody returns what kind of private key text holds the base64 body
// of, without its BEGIN and END lines, or "": a run of 40 or more base64
// characters that starts with the DER of a private key (PKCS#1 RSA,
// PKCS#8 plain or encrypted, SEC1 EC, OpenSSL DSA). A public key's DER
// (SubjectPublicKeyInfo, RSAPublicKey) and SSH blob start otherwise, so no
// public key is taken for one.
func privateBody(text []byte) string {
	// A run of 40 covers one of the places 39, 79, ...: only the runs
	// through those places are looked at, each once.
	const minRun = 40
	done := 0 // text[:done] is looked at
	for p := minRun - 1; p < len(text); p += minRun {
		if p < done || !isBase64Char(text[p]) {
			continue
		}
		i, j := p, p+1
		for i > done && isBase64Char(text[i-1]) {
			i--
		}
		for j < len(text) && isBase64Char(text[j]) {
			j++
		}
		if j-i >= minRun {
			if kind := privateDER(text[i : i+24]); kind != "" {
				return kind
			}
		}
		done = j
	}
	return ""
}

// privateDER names the private key whose DER the base64 b (24 characters)
// starts: SEQUENCE { INTEGER 0 or 1, ... } with what follows the version
// telling the kinds apart, or SEQUENCE { SEQUENCE { OID of a PKCS#5 or
// PKCS#12 password-based scheme } } for an encrypted PKCS#8 key.
func privateDER(b []byte) string {
	var buf [18]byte
	der, ok := decodeTo(buf[:], b)
	if !ok || len(der) < 12 || der[0] != 0x30 {
		return ""
	}
	p := 2 // after the SEQUENCE's tag and short length
	switch der[1] {
	case 0x81:
		p = 3
	case 0x82:
		p = 4
	default:
		if der[1] >= 0x80 {
			return ""
		}
	}
	d := der[p:]
	switch {
	case d[0] == 0x02 && d[1] == 1 && d[2] == 0 && d[3] == 0x02:
		return "the body of a PKCS#1 RSA or OpenSSL DSA private key"
	case d[0] == 0x02 && d[1] == 1 && (d[2] == 0 || d[2] == 1) && d[3] == 0x30:
		return "the body of a PKCS#8 private key"
	case d[0] == 0x02 && d[1] == 1 && d[2] == 1 && d[3] == 0x04:
		return "the body of a SEC 1 EC private key"
	case d[0] == 0x30 && d[2] == 0x06 && d[3] == 9 && len(d) >= 12 &&
		bytes.Equal(d[4:11], []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01}) && (d[11] == 0x05 || d[11] == 0x0c):
		return "the body of an encrypted PKCS#8 private key"
	}
	return ""
}

// dropbearPrivate reports whether data is a Dropbear private key file
// (dropbearkey -f): binary, an SSH string naming a key type, then the key's
// public and private numbers, so that it is no public key blob.
func dropbearPrivate(data []byte) bool {
	name, _, ok := wire.String(data)
	if !ok || len(name) == 0 || lookupType(name) == nil {
		return false
	}
	_, _, err := checkBlob(data)
	return err != nil
}

func dropbearErr() error {
	return newErr(keyerrors.ErrPrivateKey, "this is a Dropbear private key; give its public key (dropbearkey -y -f KEYFILE), never the private key")
}

func privateErr(kind string) error {
	how := "the .pub file, or ssh-keygen -y -f KEYFILE"
	if strings.Contains(kind, "PuTTY") {
		how = "puttygen KEYFILE -O public-openssh" // ssh-keygen does not read .ppk files
	}
	return newErr(keyerrors.ErrPrivateKey, "this is "+kind+"; give the public key ("+how+"), never the private key")
}
