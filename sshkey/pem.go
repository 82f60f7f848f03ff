package sshkey

import (
	"bytes"
	"encoding/asn1"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/keytype"
	"github.com/keyvet/keyvet/internal/wire"
)

// PEM (RFC 7468) and the DER inside it, read once for Parse and CheckText:
// scanPEM decides the frame, readSPKI and readPKCS1 read the DER where it
// lies and append the SSH blob of its key to a buffer, and checkBlob checks
// that blob as it checks every other. A refused frame is scanPEM's refusal,
// decided as it reads.

// parsePEM parses the trimmed text as one PEM block of the given label.
func parsePEM(text []byte, label string) (*Key, error) {
	der, r := scanPEM(text, label, nil)
	if r.refused() {
		return nil, r.err()
	}
	blob, f, err := readDER(nil, der, label)
	if err != nil {
		return nil, err
	}
	k, err := parseBlob(blob)
	if err != nil {
		return nil, err
	}
	k.format = f
	return k, nil
}

// inspectPEM is parsePEM without the Key, into buffers on the stack.
func inspectPEM(text []byte, label string) (keyInfo, bool) {
	var derBuf, blobBuf [stackBlob]byte
	der, r := scanPEM(text, label, derBuf[:])
	if r.refused() {
		return keyInfo{}, false
	}
	blob, f, err := readDER(blobBuf[:0], der, label)
	if err != nil {
		return keyInfo{}, false
	}
	t, bits, err := checkBlob(blob)
	if err != nil {
		return keyInfo{}, false
	}
	return keyInfo{t.name, bits, f}, true
}

// readDER reads the DER of a PEM block of the label, PKCS#1 for "RSA PUBLIC
// KEY" and PKIX otherwise, appends the SSH blob of its key to dst, and says
// which encoding it was.
func readDER(dst, der []byte, label string) ([]byte, Format, error) {
	if label == pemPKCS1 {
		blob, err := readPKCS1(dst, der)
		return blob, FormatPKCS1, err
	}
	blob, err := readSPKI(dst, der)
	return blob, FormatPKIX, err
}

// scanPEM reads the trimmed text as one PEM block of the label and returns
// its DER, decoded where it lies into buf (a new slice when buf is too
// small): the BEGIN line, base64 lines ending in LF or CRLF (the decoder
// skips the line ends and refuses any other byte outside the alphabet, so
// an END or header line inside fails it), and the END line, which must
// close the text. Where it fails it returns its refusal, which refusePEM
// decides from the BEGIN line on. checkPEM (slow_test.go) is its readable
// reference: FuzzInspect holds the two to the same answers and words.
func scanPEM(text []byte, label string, buf []byte) ([]byte, refusal) {
	begin, rest := cutLine(text)
	if len(begin) != len("-----BEGIN -----")+len(label) || string(begin[11:11+len(label)]) != label ||
		string(begin[:11]) != "-----BEGIN " || string(begin[11+len(label):]) != "-----" {
		return nil, refusal{why: reasonPEMBegin, label: label}
	}
	n := len(rest) - len("-----END -----") - len(label)
	if n < 0 || n > 0 && rest[n-1] != '\n' {
		return nil, refusePEM(rest, label)
	}
	if end := rest[n:]; string(end[:9]) != "-----END " || string(end[9:9+len(label)]) != label || string(end[9+len(label):]) != "-----" {
		return nil, refusePEM(rest, label)
	}
	body := rest[:n]
	for b := body; ; {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			break
		}
		if i+1 >= len(b) || b[i+1] != '\n' {
			return nil, refusePEM(rest, label)
		}
		b = b[i+2:]
	}
	der, ok := decodeTo(buf, body)
	if !ok || len(der) == 0 {
		return nil, refusePEM(rest, label)
	}
	return der, refusal{}
}

// refusePEM is scanPEM's refusal of a block whose BEGIN line rest
// follows: it reads the lines from there as checkPEM (slow_test.go) does,
// to the first that breaks a rule: base64 lines, each ending in LF or CRLF,
// up to the END line, then nothing but white space (afterKey).
func refusePEM(rest []byte, label string) refusal {
	body := rest // from the first body line to the END line
	n := 0       // the length of body before the END line
	for {
		if len(rest) == 0 {
			return refusal{why: reasonPEMEndMissing, label: label}
		}
		var line []byte
		line, rest = cutLine(rest)
		if len(line) == len("-----END -----")+len(label) && string(line[:9]) == "-----END " &&
			string(line[9:9+len(label)]) == label && string(line[9+len(label):]) == "-----" {
			break
		}
		if bytes.HasPrefix(line, []byte("-----")) {
			return refusal{why: reasonPEMWrongEnd, label: label}
		}
		if bytes.IndexByte(line, ':') >= 0 {
			return refusal{why: reasonPEMHeaders}
		}
		for _, c := range line {
			if !isBase64Char(c) && c != '=' {
				return refusal{why: reasonPEMNotBase64}
			}
		}
		n = len(body) - len(rest)
	}
	// The body holds base64 and the ends of its lines, which the decoder
	// skips.
	if der, ok := decodeTo(nil, body[:n]); !ok || len(der) == 0 {
		return refusal{why: reasonPEMInvalidBase64}
	}
	if err := afterKey(rest, "PEM END line"); err != nil {
		return refuseWith(err)
	}
	return refusal{why: reasonPEMUnexplained}
}

// derUnsignedAll reads a whole DER INTEGER that must be non-negative and
// minimal, as derUnsigned does, with nothing after it.
func derUnsignedAll(b []byte) ([]byte, bool) {
	v, rest, ok := derUnsigned(b)
	return v, ok && len(rest) == 0
}

// readPKCS1 reads RSAPublicKey ::= SEQUENCE { modulus INTEGER,
// publicExponent INTEGER } (RFC 8017 appendix A.1.1) in DER and appends the
// ssh-rsa blob of the same numbers to dst.
func readPKCS1(dst, der []byte) ([]byte, error) {
	seq, rest, ok := derRead(der, derSequence)
	if !ok || len(rest) != 0 {
		return nil, malformed("the RSA key is not one DER RSAPublicKey (RFC 8017 appendix A.1.1); the key is corrupt")
	}
	n, seq, ok1 := derUnsigned(seq)
	e, seq, ok2 := derUnsigned(seq)
	if !ok1 || !ok2 || len(seq) != 0 {
		return nil, malformed("the RSA key is not a DER RSAPublicKey of two non-negative integers (RFC 8017 appendix A.1.1); the key is corrupt")
	}
	dst = wire.AppendString(dst, []byte(TypeRSA))
	dst = wire.AppendMPInt(dst, e)
	return wire.AppendMPInt(dst, n), nil
}

// readSPKI reads SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7) in DER and
// appends the SSH blob made of its numbers and points to dst.
func readSPKI(dst, der []byte) ([]byte, error) {
	bad := func(what string) error {
		return malformed("the PKIX key is not a DER SubjectPublicKeyInfo (" + what + "); the key is corrupt")
	}
	spki, rest, ok := derRead(der, derSequence)
	if !ok || len(rest) != 0 {
		return nil, bad("RFC 5280 section 4.1")
	}
	algo, spki, ok := derRead(spki, derSequence)
	if !ok {
		return nil, bad("AlgorithmIdentifier, RFC 5280 section 4.1.1.2")
	}
	oid, params, ok := derRead(algo, derOID)
	if !ok || !validOID(oid) {
		return nil, bad("AlgorithmIdentifier, RFC 5280 section 4.1.1.2")
	}
	key, spki, ok := derRead(spki, derBitString)
	if !ok || len(spki) != 0 || len(key) == 0 || key[0] != 0 {
		return nil, bad("subjectPublicKey BIT STRING") // of whole bytes, and nothing after it
	}
	key = key[1:]
	switch keytype.ByOID(oid) {
	case keytype.AlgRSA:
		// RFC 3279 section 2.3.1: the parameters SHALL be NULL.
		null, params, ok := derRead(params, derNull)
		if !ok || len(null) != 0 || len(params) != 0 {
			return nil, bad("RSA parameters must be NULL, RFC 3279 section 2.3.1")
		}
		return readPKCS1(dst, key)
	case keytype.AlgECDSA:
		// RFC 5480 section 2.1.1: namedCurve parameters.
		curve, params, ok := derRead(params, derOID)
		if !ok || len(params) != 0 || !validOID(curve) {
			return nil, bad("EC parameters must be a named curve, RFC 5480 section 2.1.1")
		}
		var t *keyType
		for i := range keyTypes {
			if c := keyTypes[i].curve; c != nil && keyTypes[i].pkix && bytes.Equal(c.derOID, curve) {
				t = &keyTypes[i]
			}
		}
		if t == nil {
			return nil, newErr(keyerrors.ErrUnsupportedKeyType, "the PKIX key is on elliptic curve "+
				safeName([]byte(oidString(curve)))+"; SSH ECDSA keys use P-256, P-384 or P-521 (RFC 5656 section 10.1)")
		}
		// RFC 5480 section 2.2: the point is uncompressed or compressed
		// (SEC 1 section 2.3.3); SSH holds it uncompressed.
		if len(key) == 1+t.curve.size && (key[0] == 2 || key[0] == 3) {
			var err error
			if key, err = t.curve.decompress(t.name, key); err != nil {
				return nil, err
			}
		}
		dst = wire.AppendString(dst, []byte(t.name))
		dst = wire.AppendString(dst, []byte(t.curve.id))
		return wire.AppendString(dst, key), nil
	case keytype.AlgEd25519:
		// RFC 8410 section 3: the parameters MUST be absent.
		if len(params) != 0 {
			return nil, bad("Ed25519 parameters must be absent, RFC 8410 section 3")
		}
		dst = wire.AppendString(dst, []byte(TypeED25519))
		return wire.AppendString(dst, key), nil
	case keytype.AlgDSA:
		// RFC 3279 section 2.3.2: Dss-Parms ::= SEQUENCE { p, q, g }
		// INTEGER; the key is DSAPublicKey ::= INTEGER (y).
		parms, params, ok := derRead(params, derSequence)
		if !ok || len(params) != 0 {
			return nil, bad("DSA parameters must be Dss-Parms, RFC 3279 section 2.3.2")
		}
		p, parms, ok1 := derUnsigned(parms)
		q, parms, ok2 := derUnsigned(parms)
		g, parms, ok3 := derUnsigned(parms)
		y, ok4 := derUnsignedAll(key)
		if !ok1 || !ok2 || !ok3 || len(parms) != 0 || !ok4 {
			return nil, bad("DSA numbers must be non-negative INTEGERs, RFC 3279 section 2.3.2")
		}
		dst = wire.AppendString(dst, []byte(TypeDSA))
		for _, m := range [][]byte{p, q, g, y} {
			dst = wire.AppendMPInt(dst, m)
		}
		return dst, nil
	}
	name, ok := otherPKIX[oidString(oid)]
	if !ok {
		name = "algorithm " + safeName([]byte(oidString(oid)))
	}
	return nil, newErr(keyerrors.ErrUnsupportedKeyType, "the PKIX key is "+name+
		"; in PKIX PEM sshkey reads RSA, DSA, ECDSA (P-256, P-384, P-521) and Ed25519 keys")
}

// validOID reports whether b is the contents of a DER OBJECT IDENTIFIER
// (X.690 section 8.19): one or more arcs in base 128, each minimal (no
// leading 0x80) and ended by a byte with its high bit clear.
func validOID(b []byte) bool {
	if len(b) == 0 || b[len(b)-1]&0x80 != 0 {
		return false
	}
	for i := 0; i < len(b); i++ {
		if b[i] == 0x80 && (i == 0 || b[i-1]&0x80 == 0) {
			return false
		}
	}
	return true
}

// oidString returns the dotted form of the OID contents b, for a message.
func oidString(b []byte) string {
	full := append([]byte{derOID, byte(len(b))}, b...)
	var oid asn1.ObjectIdentifier
	if len(b) > 127 {
		return "(an OID too long to show)"
	}
	if _, err := asn1.Unmarshal(full, &oid); err != nil {
		return "(an invalid OID)"
	}
	return oid.String()
}

// otherPKIX names algorithms a PKIX key may hold that SSH public keys
// (as keyvet reads them) do not.
var otherPKIX = map[string]string{
	"1.2.840.113549.1.1.10": "RSASSA-PSS",
	"1.2.840.113549.1.1.7":  "RSAES-OAEP",
	"1.3.101.110":           "X25519",
	"1.3.101.111":           "X448",
	"1.3.101.113":           "Ed448",
	"1.2.840.10046.2.1":     "Diffie-Hellman",
}

// derOIDP256 is the DER contents of P-256's OID (RFC 5480 section
// 2.1.1.1), for the tests.
var derOIDP256 = keytype.P256.OID

// DER tags (X.690 section 8.1.2, universal class) of the elements inspect
// reads.
const (
	derInteger   = 0x02
	derBitString = 0x03
	derNull      = 0x05
	derOID       = 0x06
	derSequence  = 0x30
)

// derRead reads one DER element of the given tag from the start of b, as
// cryptobyte's ReadASN1 does (low tag numbers only, minimal definite
// lengths of at most four bytes, X.690 section 10.1), and returns its
// contents and what follows it. cryptobyte is not used here because its
// reader makes b escape to the heap.
func derRead(b []byte, tag byte) (contents, rest []byte, ok bool) {
	if len(b) < 2 || b[0] != tag {
		return nil, nil, false
	}
	n, hdr := uint64(b[1]), uint64(2)
	if n&0x80 != 0 {
		ll := n & 0x7f
		if ll == 0 || ll > 4 || uint64(len(b)) < 2+ll {
			return nil, nil, false
		}
		n = 0
		for _, c := range b[2 : 2+ll] {
			n = n<<8 | uint64(c)
		}
		if n < 128 || n>>((ll-1)*8) == 0 {
			return nil, nil, false // not the shortest form
		}
		hdr += ll
	}
	if uint64(len(b))-hdr < n {
		return nil, nil, false
	}
	return b[hdr : hdr+n], b[hdr+n:], true
}

// derUnsigned reads a DER INTEGER: minimally encoded
// (X.690 section 8.3.2), not negative; it returns the magnitude without a
// leading zero (empty for zero).
func derUnsigned(b []byte) (mag, rest []byte, ok bool) {
	v, rest, ok := derRead(b, derInteger)
	if !ok || len(v) == 0 || v[0]&0x80 != 0 {
		return nil, nil, false
	}
	if v[0] == 0 {
		if len(v) > 1 && v[1]&0x80 == 0 {
			return nil, nil, false
		}
		v = v[1:]
	}
	return v, rest, true
}
