package sshkey

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// Kind is what a text is, as Detect tells it.
type Kind uint8

const (
	// KindNone: nothing, or only white space.
	KindNone Kind = iota
	// KindUnknown: text in none of the forms below.
	KindUnknown
	// KindAuthorizedKey: one key as an authorized_keys line, "type base64
	// [comment]" (FormatAuthorizedKey), well-formed or not.
	KindAuthorizedKey
	// KindRFC4716: an RFC 4716 ("---- BEGIN SSH2 PUBLIC KEY ----") file.
	KindRFC4716
	// KindPKIX: a PEM "PUBLIC KEY" block (FormatPKIX).
	KindPKIX
	// KindPKCS1: a PEM "RSA PUBLIC KEY" block (FormatPKCS1).
	KindPKCS1
	// KindCertificate: an OpenSSH certificate as an authorized_keys line
	// ("ssh-ed25519-cert-v01@openssh.com AAAA...").
	KindCertificate
	// KindPrivateKey: a private key in any encoding, or text that holds
	// one (its markers or its body, anywhere).
	KindPrivateKey
	// KindAuthorizedKeysLine: an authorized_keys line with options before
	// its key ("no-pty ssh-ed25519 AAAA..."): more than a key.
	KindAuthorizedKeysLine
	// KindKnownHostsLine: a known_hosts line, an optional marker and host
	// names before its key ("host.example.com ssh-ed25519 AAAA..."): more
	// than a key.
	KindKnownHostsLine
	// KindBinary: bytes that are not text, holding a NUL byte or bytes
	// that are not UTF-8.
	KindBinary
)

var kindNames = [...]string{
	KindNone:               "nothing",
	KindUnknown:            "unknown",
	KindAuthorizedKey:      "authorized_keys key",
	KindRFC4716:            "RFC 4716",
	KindPKIX:               "PKIX PEM",
	KindPKCS1:              "PKCS#1 PEM",
	KindCertificate:        "certificate",
	KindPrivateKey:         "private key",
	KindAuthorizedKeysLine: "authorized_keys line",
	KindKnownHostsLine:     "known_hosts line",
	KindBinary:             "binary data",
}

// String returns the kind's name: "authorized_keys key", "private key",
// "known_hosts line", ...; "Kind(N)" for a value not listed.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Detect says what data is, looking at its shape, not at whether it is
// well-formed: Parse reads the key kinds (KindAuthorizedKey, KindRFC4716,
// KindPKIX, KindPKCS1) and says what is wrong with them. White space around
// data is ignored, and so are comment lines (# first) before an
// authorized_keys line. It decides in this order:
//
//   - KindNone for nothing but white space;
//   - KindPrivateKey for a private key's marker or body anywhere in data,
//     or a Dropbear private key file, as Parse refuses them;
//   - KindBinary for a NUL byte or bytes that are not UTF-8;
//   - KindRFC4716, KindPKIX, KindPKCS1 for data that starts with their
//     BEGIN line (KindUnknown for any other PEM label);
//   - for data whose first line is meant as a line of keys: KindCertificate
//     when its first field is a certificate type, KindKnownHostsLine when it
//     is host names (after a marker or not) before a key type and its
//     base64, KindAuthorizedKey when its first field is a key type or has
//     the shape of one, or is base64 of a key blob, KindAuthorizedKeysLine
//     when it starts with authorized_keys options;
//   - KindUnknown for anything else.
//
// Detect reads a bounded prefix of each line it looks at, and the whole of
// data once for private keys: its cost is linear in len(data).
//
//	sshkey.Detect([]byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ")) // KindAuthorizedKey
//	sshkey.Detect([]byte("-----BEGIN OPENSSH PRIVATE KEY-----\n...")) // KindPrivateKey
func Detect(data []byte) Kind {
	text := trimSpace(data)
	if len(text) == 0 {
		return KindNone
	}
	if dropbearPrivate(text) || mayHoldPrivate(text) || privateBody(text) != "" {
		return KindPrivateKey
	}
	if bytes.IndexByte(text, 0) >= 0 || !utf8.Valid(text) {
		return KindBinary
	}
	switch sniff(text) {
	case kindRFC4716:
		return KindRFC4716
	case kindPKIX:
		return KindPKIX
	case kindPKCS1:
		return KindPKCS1
	case kindAuthorizedKey:
		return detectLine(firstKeyLine(text))
	}
	if knownHostsMarker(text) || knownHostsLine(text) {
		return KindKnownHostsLine
	}
	return KindUnknown
}

// detectLine tells the kind of a line sniff takes for a line of keys.
func detectLine(line []byte) Kind {
	f1, _ := nextField(line)
	switch {
	case isCertType(string(f1)):
		return KindCertificate
	case knownHostsMarker(line) || knownHostsLine(line):
		return KindKnownHostsLine
	case !bytes.ContainsAny(f1, "=\",") && (typeShaped(f1) || blobShaped(f1)):
		return KindAuthorizedKey
	case looksLikeOptions(line):
		return KindAuthorizedKeysLine
	}
	return KindAuthorizedKey
}

// firstKeyLine returns the first line of text that is not a comment line,
// without its blanks around it.
func firstKeyLine(text []byte) []byte {
	for len(text) > 0 {
		var line []byte
		line, text = cutLine(text)
		if line = trimBlank(line); len(line) > 0 && line[0] != '#' {
			return line
		}
	}
	return nil
}
