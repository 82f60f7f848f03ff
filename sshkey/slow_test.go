package sshkey

import (
	"bytes"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"strings"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/wire"
)

// This file is the readable reference of the authorized_keys, RFC 4716 and
// PEM scanners and of the DER readers (inspect.go, parse.go, pem.go),
// as net/netip keeps one: the reader sshkey had before the scanners were
// one, written with cryptobyte, line by line. checkInspect holds Parse to it
// on every input: the same answer, the same blob.

// slowPEM is the readable reference of parsePEM: checkPEM's frame, then
// the DER read with cryptobyte, and the blob it makes.
func slowPEM(text []byte, label string) ([]byte, error) {
	if err := checkPEM(text, label); err != nil {
		return nil, err
	}
	var body []byte
	_, rest := cutLine(text)
	for {
		var line []byte
		line, rest = cutLine(rest)
		if string(line) == "-----END "+label+"-----" {
			break
		}
		body = append(body, line...)
	}
	der, _ := decodeB64(body)
	if label == pemPKCS1 {
		return slowPKCS1(der)
	}
	return slowSPKI(der)
}

// checkPEM reads the trimmed text as one PEM block of the label, strictly
// (RFC 7468 section 2, without the lax parser's allowances), rule by rule:
// the BEGIN line, base64 lines and nothing else (no RFC 1421 headers such
// as Proc-Type), and the END line, each line ending in LF or CRLF, then
// nothing. encoding/pem is not used: it skips text before the BEGIN line,
// takes blanks inside the base64, and a header block. It runs only on a
// refusal, to say why, and in the tests as scanPEM's reference.
func checkPEM(text []byte, label string) error {
	begin, rest := cutLine(text)
	if string(begin) != "-----BEGIN "+label+"-----" {
		return malformed("the PEM BEGIN line must be exactly \"-----BEGIN " + label + "-----\" (RFC 7468)")
	}
	end := "-----END " + label + "-----"
	var body []byte
	for {
		if len(rest) == 0 {
			return malformed("the PEM END line \"" + end + "\" is missing (RFC 7468)")
		}
		var line []byte
		line, rest = cutLine(rest)
		if string(line) == end {
			break
		}
		if bytes.HasPrefix(line, []byte("-----")) {
			return malformed("the PEM block ends with a wrong END line or holds another BEGIN line; it must end with \"" + end + "\" (RFC 7468)")
		}
		if bytes.IndexByte(line, ':') >= 0 {
			return malformed("PEM headers (Proc-Type, DEK-Info, ...) are not accepted in a public key (RFC 7468 section 2); remove them")
		}
		for _, c := range line {
			if !isBase64Char(c) && c != '=' {
				return malformed("the PEM body is not base64 (RFC 7468 section 2); copy the whole block again")
			}
		}
		body = append(body, line...)
	}
	if _, ok := decodeB64(body); !ok {
		return malformed("the PEM body is not valid base64 (RFC 7468 section 2); copy the whole block again")
	}
	return afterKey(rest, "PEM END line")
}

// checkAuthorizedKey is the readable reader of an authorized_keys text
// (trimmed): one line "type base64 [comment]", checked rule by rule, each
// with its sentinel and message: the reader sshkey had to say why the
// scanner refused a line, kept as the reference scanAuthorizedKey (its
// acceptance and its refusal's sentinel and words) is held to.
func checkAuthorizedKey(text []byte) error {
	line, rest := cutLine(text)
	line = trimBlank(line)
	if len(line) > 0 && line[0] == '#' {
		return newErr(keyerrors.ErrMalformedKey, "comment lines (#) are not accepted; give the key line alone")
	}
	if err := checkAuthorizedLine(line); err != nil {
		return err
	}
	return afterKey(rest, "key line")
}

func checkAuthorizedLine(line []byte) error {
	if bytes.IndexByte(line, '\r') >= 0 {
		// x/crypto ends the line at the first CR and ignores the rest.
		return newErr(keyerrors.ErrMalformedKey, "the line holds a carriage return (CR) that does not end it; only LF or CRLF line ends are accepted")
	}
	label, rest := nextField(line)
	if !typeShaped(label) {
		if looksLikeOptions(line) {
			return newErr(keyerrors.ErrMalformedKey, "authorized_keys options before the key type are not accepted; remove the options before the key type")
		}
		if blobShaped(label) {
			return malformed("the key type is missing before the base64 key; write the type first, as in \"ssh-ed25519 AAAA...\"")
		}
		// The second field is a blob but the first is no type name.
	}
	b64, rest := nextField(rest)
	if len(b64) == 0 {
		return malformed("there is no base64 key after the type " + safeName(label) + "; give the whole line of the .pub file")
	}
	blob, ok := decodeB64(b64)
	if !ok {
		if typeShaped(b64) || looksLikeOptions(line) {
			// "@ ssh-rsa AAAA...": the first field is options (any
			// text to x/crypto's retry) and the second the type; or
			// '@" " ssh-rsa AAAA...', options with a quoted blank.
			return newErr(keyerrors.ErrMalformedKey, "authorized_keys options before the key type are not accepted; remove the options before the key type")
		}
		if _, err := base64.StdEncoding.DecodeString(string(b64)); err == nil {
			// x/crypto's decoder takes it (CR/LF inside, or padding bits).
			return malformed(msgNotBase64)
		}
		if t := bytes.TrimSpace(b64); len(t) < len(b64) && len(t) > 0 {
			// "ssh-rsa AAAA...\v": x/crypto trims Unicode white space
			// off the line.
			return newErr(keyerrors.ErrMalformedKey, "white space other than space and tab (a vertical tab, form feed or Unicode space) stands next to the base64 key; remove it")
		}
		return malformed(msgNotBase64)
	}
	name, _, ok := wire.String(blob)
	if !ok {
		return malformed("the key blob is truncated before its type name (RFC 4253 section 6.6); copy the whole key again")
	}
	if !bytes.Equal(name, label) {
		return newErr(keyerrors.ErrKeyTypeMismatch, "the line says the key type is "+safeName(label)+
			" but the key is "+safeName(name)+"; fix the type at the start of the line")
	}
	if _, _, err := checkBlob(blob); err != nil {
		return err
	}
	return checkComment(trimBlank(rest))
}

// slowWrappedPaste is the reference of refusal.wrapped: the explain step
// sshkey had, which read the text twice more. text (trimmed) is an
// authorized_keys line whose base64 was broken into lines: the first line
// is a type and base64 alone, which is no key, and joined, the lines make
// one.
func slowWrappedPaste(text []byte) bool {
	if !bytes.ContainsAny(text, "\r\n") || sniff(text) != kindAuthorizedKey {
		return false
	}
	first, _ := cutLine(text)
	if _, _, f3 := firstFields(first); len(f3) > 0 {
		return false // a comment ends the first line: a second line is a second line
	}
	// sshkey's reader, given first as it is, refused a CR at its end
	// (cutLine leaves one of "\r\r\n"), which checkAuthorizedKey's
	// cutLine drops.
	if checkAuthorizedKey(first) == nil && !bytes.HasSuffix(first, []byte("\r")) {
		return false
	}
	joined := bytes.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, text)
	return checkAuthorizedKey(joined) == nil
}

// readUnsigned reads a DER INTEGER that must be non-negative and returns its
// magnitude with no leading zero (empty for zero).
func slowUnsigned(s *cryptobyte.String) ([]byte, bool) {
	var b []byte
	if !s.ReadASN1Integer(&b) {
		return nil, false
	}
	if len(b) == 1 && b[0] == 0 {
		b = nil
	}
	return b, true
}

// parsePKCS1DER parses RSAPublicKey ::= SEQUENCE { modulus INTEGER,
// publicExponent INTEGER } (RFC 8017 appendix A.1.1) in DER, and checks it as
// an ssh-rsa blob made of the same numbers.
func slowPKCS1(der []byte) ([]byte, error) {
	in := cryptobyte.String(der)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) || !in.Empty() {
		return nil, malformed("the RSA key is not one DER RSAPublicKey (RFC 8017 appendix A.1.1); the key is corrupt")
	}
	n, ok1 := slowUnsigned(&seq)
	e, ok2 := slowUnsigned(&seq)
	if !ok1 || !ok2 || !seq.Empty() {
		return nil, malformed("the RSA key is not a DER RSAPublicKey of two non-negative integers (RFC 8017 appendix A.1.1); the key is corrupt")
	}
	blob := wire.AppendString(nil, []byte(TypeRSA))
	blob = wire.AppendMPInt(blob, e)
	blob = wire.AppendMPInt(blob, n)
	if _, _, err := checkBlob(blob); err != nil {
		return nil, err
	}
	return blob, nil
}

var (
	oidRSA     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidEC      = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidEd25519 = asn1.ObjectIdentifier{1, 3, 101, 112}
	oidDSA     = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}
	oidP256    = asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}
	oidP384    = asn1.ObjectIdentifier{1, 3, 132, 0, 34}
	oidP521    = asn1.ObjectIdentifier{1, 3, 132, 0, 35}
)

// parseSPKI parses SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7) in DER
// and builds the SSH blob from its numbers and points.
func slowSPKI(der []byte) ([]byte, error) {
	bad := func(what string) error {
		return malformed("the PKIX key is not a DER SubjectPublicKeyInfo (" + what + "); the key is corrupt")
	}
	in := cryptobyte.String(der)
	var spki, algo cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !in.ReadASN1(&spki, cbasn1.SEQUENCE) || !in.Empty() {
		return nil, bad("RFC 5280 section 4.1")
	}
	if !spki.ReadASN1(&algo, cbasn1.SEQUENCE) || !algo.ReadASN1ObjectIdentifier(&oid) {
		return nil, bad("AlgorithmIdentifier, RFC 5280 section 4.1.1.2")
	}
	var key []byte
	if !spki.ReadASN1BitStringAsBytes(&key) || !spki.Empty() {
		return nil, bad("subjectPublicKey BIT STRING")
	}
	var blob []byte
	switch {
	case oid.Equal(oidRSA):
		// RFC 3279 section 2.3.1: the parameters SHALL be NULL.
		var null cryptobyte.String
		if !algo.ReadASN1(&null, cbasn1.NULL) || !null.Empty() || !algo.Empty() {
			return nil, bad("RSA parameters must be NULL, RFC 3279 section 2.3.1")
		}
		return slowPKCS1(key)
	case oid.Equal(oidEC):
		// RFC 5480 section 2.1.1: namedCurve parameters.
		var curve asn1.ObjectIdentifier
		if !algo.ReadASN1ObjectIdentifier(&curve) || !algo.Empty() {
			return nil, bad("EC parameters must be a named curve, RFC 5480 section 2.1.1")
		}
		var t *keyType
		switch {
		case curve.Equal(oidP256):
			t = &keyTypes[2]
		case curve.Equal(oidP384):
			t = &keyTypes[3]
		case curve.Equal(oidP521):
			t = &keyTypes[4]
		default:
			return nil, newErr(keyerrors.ErrUnsupportedKeyType, "the PKIX key is on elliptic curve "+
				safeName([]byte(curve.String()))+"; SSH ECDSA keys use P-256, P-384 or P-521 (RFC 5656 section 10.1)")
		}
		// RFC 5480 section 2.2: the point is uncompressed or compressed
		// (SEC 1 section 2.3.3); SSH holds it uncompressed.
		if len(key) == 1+t.curve.size && (key[0] == 2 || key[0] == 3) {
			var err error
			if key, err = t.curve.decompress(t.name, key); err != nil {
				return nil, err
			}
		}
		blob = wire.AppendString(nil, []byte(t.name))
		blob = wire.AppendString(blob, []byte(t.curve.id))
		blob = wire.AppendString(blob, key)
	case oid.Equal(oidEd25519):
		// RFC 8410 section 3: the parameters MUST be absent.
		if !algo.Empty() {
			return nil, bad("Ed25519 parameters must be absent, RFC 8410 section 3")
		}
		blob = wire.AppendString(nil, []byte(TypeED25519))
		blob = wire.AppendString(blob, key)
	case oid.Equal(oidDSA):
		// RFC 3279 section 2.3.2: Dss-Parms ::= SEQUENCE { p, q, g }
		// INTEGER; the key is DSAPublicKey ::= INTEGER (y).
		var parms cryptobyte.String
		if !algo.ReadASN1(&parms, cbasn1.SEQUENCE) || !algo.Empty() {
			return nil, bad("DSA parameters must be Dss-Parms, RFC 3279 section 2.3.2")
		}
		p, ok1 := slowUnsigned(&parms)
		q, ok2 := slowUnsigned(&parms)
		g, ok3 := slowUnsigned(&parms)
		ys := cryptobyte.String(key)
		y, ok4 := slowUnsigned(&ys)
		if !ok1 || !ok2 || !ok3 || !parms.Empty() || !ok4 || !ys.Empty() {
			return nil, bad("DSA numbers must be non-negative INTEGERs, RFC 3279 section 2.3.2")
		}
		blob = wire.AppendString(nil, []byte(TypeDSA))
		for _, m := range [][]byte{p, q, g, y} {
			blob = wire.AppendMPInt(blob, m)
		}
	default:
		name, ok := otherPKIX[oid.String()]
		if !ok {
			name = "algorithm " + safeName([]byte(oid.String()))
		}
		return nil, newErr(keyerrors.ErrUnsupportedKeyType, "the PKIX key is "+name+
			"; in PKIX PEM sshkey reads RSA, DSA, ECDSA (P-256, P-384, P-521) and Ed25519 keys")
	}
	if _, _, err := checkBlob(blob); err != nil {
		return nil, err
	}
	return blob, nil
}

// slowRFC4716 is the readable reference of scanRFC4716: the reader sshkey
// had, line by line with nextRFC4716Line, the body joined by append, with
// today's rules (a header line of any length within its 1024-byte value,
// PuTTY's escapes, blanks before a tag). It returns the blob and the
// Comment header's value as scanRFC4716 does (quotes removed, escapes not
// undone).
func slowRFC4716(text []byte) (blob, comment []byte, err error) {
	line, rest, _ := nextRFC4716Line(text)
	if string(line) != rfc4716Begin {
		return nil, nil, errors.New("no BEGIN line")
	}
	haveComment := false
	var body []byte
	inBody := false
	for {
		var ok bool
		line, rest, ok = nextRFC4716Line(rest)
		if !ok {
			return nil, nil, errors.New("no END line")
		}
		if string(line) == rfc4716End {
			break
		}
		if !inBody && bytes.IndexByte(line, ':') >= 0 {
			logical := bytes.Clone(line)
			for len(logical) > 0 && logical[len(logical)-1] == '\\' {
				logical = logical[:len(logical)-1]
				if line, rest, ok = nextRFC4716Line(rest); !ok {
					return nil, nil, errors.New("a continuation into nothing")
				}
				logical = append(logical, line...)
			}
			if len(logical) > maxHeader {
				return nil, nil, errors.New("a header too long")
			}
			tag, value, err := splitHeader(logical)
			if err != nil {
				return nil, nil, err
			}
			isComment := strings.EqualFold(string(tag), "Comment")
			if !isComment && privateBody(value) != "" {
				return nil, nil, errors.New("a private body in a header")
			}
			if isComment {
				if haveComment {
					return nil, nil, errors.New("two Comment headers")
				}
				haveComment = true
				if comment, _, err = unquote(value); err != nil {
					return nil, nil, err
				}
			}
			continue
		}
		inBody = true
		if len(line) > 72 {
			return nil, nil, errors.New("a body line longer than 72 bytes")
		}
		body = append(body, line...)
	}
	if err := afterKey(rest, "END line"); err != nil {
		return nil, nil, err
	}
	blob, ok := decodeB64(body)
	if !ok {
		return nil, nil, errors.New("bad base64")
	}
	return blob, comment, nil
}
