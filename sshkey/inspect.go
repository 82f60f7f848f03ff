package sshkey

import (
	"bytes"
)

// This file is the fast path of Parse followed by Policy.Check: inspect
// reads a key's text far enough to know whether Parse accepts it, and if so
// its type, size and encoding, which are all Policy.Check looks at. It
// decodes the base64 into a stack buffer, walks the wire format (RFC 4251
// section 5) and the DER (X.690) in place, takes an RSA key's size from the
// length of its modulus, and builds no ssh.PublicKey (except to let x/crypto
// check the point of an ECDSA key or the group of a DSA key, which the
// AWS policies refuse anyway). It never builds an error either: a text it
// refuses goes to Parse, which says why. Parse stays the reference;
// FuzzInspect holds inspect to accept exactly what Parse accepts.

// keyInfo is what inspect learns of a key Parse accepts.
type keyInfo struct {
	typ    string // one of the Type constants
	bits   int    // as Key.Bits
	format Format
}

// stackBlob is the size of the stack buffer a blob or DER is decoded into:
// room for an RSA key of 8192 bits. A longer one is decoded into the heap.
const stackBlob = 1280

// CheckText checks that data holds one public key that Parse accepts and
// that satisfies p, as p.Check(Parse(data)) does, and returns nil or the
// same error: Parse's error, which wraps the key sentinel that says what is
// wrong with the text, or Check's. It does not make a Key: the base64 is
// decoded into a buffer on the stack, the key's fields are read where they
// lie, and an RSA key's size comes from its modulus's length. For an
// authorized_keys line, an RFC 4716 file or a PEM block of an Ed25519 key
// or an RSA key of up to 8192 bits it does not allocate, unless it refuses
// the key. It is the check to
// use when the key itself is not needed, as in a request validator; when it
// is, use Parse and Check.
//
//	p := sshkey.Policy{Types: []string{sshkey.TypeED25519}}
//	p.CheckText([]byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ me@host")) == nil
func (p *Policy) CheckText(data []byte) error {
	ki, ok := inspect(data)
	if !ok {
		k, err := Parse(data)
		if err != nil {
			return err
		}
		// inspect refuses only what Parse refuses (FuzzInspect); this is
		// the safe answer should it ever refuse more.
		return p.Check(k)
	}
	return p.check(ki.format, ki.typ, ki.bits)
}

// CheckString is CheckText of a string, for a key that arrives as one (a
// request member). It copies s into a buffer on its stack when s is short
// enough for the keys the AWS services take (up to 4096 bytes), so that
// those do not allocate; a longer s is converted.
func (p *Policy) CheckString(s string) error {
	switch {
	case len(s) <= 512:
		var buf [512]byte
		return p.CheckText(buf[:copy(buf[:], s)])
	case len(s) <= 4096:
		var buf [4096]byte
		return p.CheckText(buf[:copy(buf[:], s)])
	}
	return p.CheckText([]byte(s))
}

// inspect reports whether Parse accepts data, and if so the type, bits and
// format of the key Parse returns.
func inspect(data []byte) (keyInfo, bool) {
	if mayHoldPrivate(data) {
		return keyInfo{}, false
	}
	text := trimSpace(data)
	switch {
	case len(text) == 0:
		return keyInfo{}, false
	case bytes.HasPrefix(text, []byte("-----BEGIN ")):
		line, rest := cutLine(text)
		switch string(line) {
		case "-----BEGIN " + pemPKIX + "-----":
			return inspectPEM(rest, "-----END "+pemPKIX+"-----", FormatPKIX)
		case "-----BEGIN " + pemPKCS1 + "-----":
			return inspectPEM(rest, "-----END "+pemPKCS1+"-----", FormatPKCS1)
		}
		return keyInfo{}, false
	case bytes.HasPrefix(text, []byte("---- BEGIN SSH2 PUBLIC KEY")):
		return inspectRFC4716(text)
	}
	return inspectAuthorizedKey(text)
}

// inspectAuthorizedKey reads text (trimmed) with scanAuthorizedKey, as
// Parse does, into a buffer on the stack.
func inspectAuthorizedKey(text []byte) (keyInfo, bool) {
	var buf [stackBlob]byte
	_, _, t, bits, ok := scanAuthorizedKey(text, buf[:])
	if !ok {
		return keyInfo{}, false
	}
	return keyInfo{t.name, bits, FormatAuthorizedKey}, true
}

// scanAuthorizedKey is the scanner of an authorized_keys text (trimmed),
// for Parse and CheckText alike: it reports whether the text is one line
// "type base64 [comment]" that checkAuthorizedKey accepts, and returns the
// blob (decoded into buf, or a new slice when buf is too small), the
// comment, the type and the size. It decides; it explains nothing.
//
// A text Parse accepts is one line and holds no CR, so the text holds no CR
// or LF. None is looked for: the type must be a Type constant, the blanks
// are spaces and tabs, and checkComment refuses control characters, so a
// CR or LF could only hide in the base64, where the decoder skips it; then
// the decoded blob is short (see below).
func scanAuthorizedKey(text, buf []byte) (blob, comment []byte, t *keyType, bits int, ok bool) {
	i := 0
	for i < len(text) && text[i] != ' ' && text[i] != '\t' {
		i++
	}
	if t = lookupType(text[:i]); t == nil {
		return nil, nil, nil, 0, false
	}
	rest := trimBlank(text[i:])
	b64 := rest
	if j := indexBlank(rest); j >= 0 {
		b64, comment = rest[:j], trimBlank(rest[j:])
	}
	blob, ok = decodeTo(buf, b64)
	// The decoder takes whole quanta of four characters, each three bytes
	// less its padding, of which the text has two at most. A text of n
	// bytes (n a multiple of 4) that holds k CRs or LFs holds n-k
	// characters, a multiple of 4 too: k is 0 or at least 4, and then the
	// blob is at least three bytes shorter than 3n/4, where the padding
	// makes it at most two shorter.
	if !ok || len(b64)%4 != 0 || len(blob)+2 < len(b64)/4*3 {
		return nil, nil, nil, 0, false
	}
	bt, bits, err := checkBlob(blob)
	if err != nil || bt != t || checkComment(comment) != nil {
		return nil, nil, nil, 0, false
	}
	return blob, comment, t, bits, true
}

// indexBlank returns the index of the first space or tab in b, or -1.
func indexBlank(b []byte) int {
	i := bytes.IndexByte(b, ' ')
	if i < 0 {
		i = len(b)
	}
	if j := bytes.IndexByte(b[:i], '\t'); j >= 0 {
		i = j
	}
	if i == len(b) {
		return -1
	}
	return i
}

// decodeTo decodes padded standard base64 (strictly, as decodeB64 does) into
// buf, or into a new slice when buf is too small. The decoder refuses any
// byte outside the alphabet but CR and LF, which it skips: the caller
// allows them only where Parse skips them too (between the lines of a
// body). A text of only line ends decodes to nothing.
func decodeTo(buf, s []byte) ([]byte, bool) {
	if m := strictB64.DecodedLen(len(s)); m > len(buf) {
		buf = make([]byte, m)
	}
	m, err := strictB64.Decode(buf, s)
	if err != nil {
		return nil, false
	}
	return buf[:m], true
}

// inspectBlob reports whether parseBlob accepts the wire blob b, and returns
// its type and bits: checkBlob, which makes every check parseBlob makes
// before it builds the ssh.PublicKey.
func inspectBlob(b []byte) (string, int, bool) {
	t, bits, err := checkBlob(b)
	if err != nil {
		return "", 0, false
	}
	return t.name, bits, true
}

// inspectPEM reads the lines after a PEM BEGIN line (rest) as parsePEM does:
// base64 lines, maybe empty, each ending in LF or CRLF, then the END line
// end, which must close the text. The body is decoded where it lies: the
// decoder skips the line ends and refuses any other byte outside the
// alphabet, so only a CR that ends no line is left to look for. An END line
// (or any line of '-') before the last one holds bytes outside the alphabet.
func inspectPEM(rest []byte, end string, f Format) (keyInfo, bool) {
	n := len(rest) - len(end)
	if n < 0 || string(rest[n:]) != end || n > 0 && rest[n-1] != '\n' {
		return keyInfo{}, false
	}
	body := rest[:n]
	for b := body; ; {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			break
		}
		if i+1 >= len(b) || b[i+1] != '\n' {
			return keyInfo{}, false
		}
		b = b[i+2:]
	}
	var buf [stackBlob]byte
	der, ok := decodeTo(buf[:], body)
	if !ok {
		return keyInfo{}, false
	}
	if f == FormatPKCS1 {
		bits, ok := inspectPKCS1DER(der)
		return keyInfo{TypeRSA, bits, f}, ok
	}
	return inspectSPKI(der)
}

// The DER contents of the OIDs parseSPKI knows (X.690 section 8.19).
var (
	derOIDRSA     = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01} // 1.2.840.113549.1.1.1
	derOIDEC      = []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01}             // 1.2.840.10045.2.1
	derOIDEd25519 = []byte{0x2b, 0x65, 0x70}                                     // 1.3.101.112
	derOIDDSA     = []byte{0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01}             // 1.2.840.10040.4.1
	derOIDP256    = []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}       // 1.2.840.10045.3.1.7
	derOIDP384    = []byte{0x2b, 0x81, 0x04, 0x00, 0x22}                         // 1.3.132.0.34
	derOIDP521    = []byte{0x2b, 0x81, 0x04, 0x00, 0x23}                         // 1.3.132.0.35
)

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

// derUnsigned reads a DER INTEGER as readUnsigned does: minimally encoded
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

// inspectPKCS1DER reports whether parsePKCS1DER accepts der, and returns the
// modulus's length in bits.
func inspectPKCS1DER(der []byte) (int, bool) {
	seq, rest, ok := derRead(der, derSequence)
	if !ok || len(rest) != 0 {
		return 0, false
	}
	n, seq, ok1 := derUnsigned(seq)
	e, seq, ok2 := derUnsigned(seq)
	if !ok1 || !ok2 || len(seq) != 0 {
		return 0, false
	}
	bits, err := checkRSANumbers(e, n)
	return bits, err == nil
}

// inspectSPKI reports whether parseSPKI accepts der. The algorithm and curve
// OIDs are compared as DER bytes: one OID has one DER encoding, and any
// other OID is refused.
func inspectSPKI(der []byte) (keyInfo, bool) {
	spki, rest, ok := derRead(der, derSequence)
	if !ok || len(rest) != 0 {
		return keyInfo{}, false
	}
	algo, spki, ok := derRead(spki, derSequence)
	if !ok {
		return keyInfo{}, false
	}
	oid, algo, ok := derRead(algo, derOID)
	if !ok {
		return keyInfo{}, false
	}
	key, spki, ok := derRead(spki, derBitString)
	if !ok || len(spki) != 0 || len(key) == 0 || key[0] != 0 {
		return keyInfo{}, false // a BIT STRING of whole bytes, and nothing after it
	}
	key = key[1:]
	switch {
	case bytes.Equal(oid, derOIDRSA):
		null, algo, ok := derRead(algo, derNull)
		if !ok || len(null) != 0 || len(algo) != 0 {
			return keyInfo{}, false
		}
		bits, ok := inspectPKCS1DER(key)
		return keyInfo{TypeRSA, bits, FormatPKIX}, ok
	case bytes.Equal(oid, derOIDEd25519):
		if len(algo) != 0 || len(key) != 32 {
			return keyInfo{}, false
		}
		return keyInfo{TypeED25519, 256, FormatPKIX}, true
	}
	// The other types (ECDSA, with its point check and compressed points,
	// and DSA) are rare enough here to be read by parseSPKI itself, on a
	// copy, so that der may stay in its caller's stack buffer.
	k, err := parseSPKI(bytes.Clone(der))
	if err != nil {
		return keyInfo{}, false
	}
	return keyInfo{k.typ, k.bits, FormatPKIX}, true
}

// inspectRFC4716 reads text (trimmed) with scanRFC4716, as Parse does,
// into buffers on the stack.
func inspectRFC4716(text []byte) (keyInfo, bool) {
	var buf [stackBlob]byte
	var hdr [maxHeader]byte
	f, err := scanRFC4716(text, buf[:], &hdr)
	if err != nil {
		return keyInfo{}, false
	}
	typ, bits, ok := inspectBlob(f.blob)
	if !ok || checkComment(f.comment) != nil {
		return keyInfo{}, false
	}
	return keyInfo{typ, bits, FormatRFC4716}, true
}
