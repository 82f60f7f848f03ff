package sshkey

import (
	"bytes"
	"encoding/base64"

	"github.com/keyvet/keyvet/internal/wire"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// This file is Policy.CheckText: Parse without the Key. inspect runs the
// scanners Parse runs (scanAuthorizedKey, scanRFC4716, scanPEM with
// readSPKI and readPKCS1, then checkBlob), with buffers on the stack, and
// stops at the type, size and encoding, which are all Policy.Check looks
// at: it builds no Key and no error (a reader's refusal is a value, which
// it drops). A text it refuses goes to Parse, whose readers say why.
// FuzzInspect holds the two to the same answers.

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
// the key. It is the check to use when the key itself is not needed, as in
// a request validator; when it is, use Parse and Check. Its cost is linear
// in len(data), whatever the text.
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
		line, _ := cutLine(text)
		switch string(line) {
		case "-----BEGIN " + pemPKIX + "-----":
			return inspectPEM(text, pemPKIX)
		case "-----BEGIN " + pemPKCS1 + "-----":
			return inspectPEM(text, pemPKCS1)
		}
		return keyInfo{}, false
	case bytes.HasPrefix(text, []byte("---- BEGIN SSH2 PUBLIC KEY")):
		return inspectRFC4716(text)
	}
	return inspectAuthorizedKey(trimLine(data)) // as read reads it
}

// inspectAuthorizedKey reads text (trimmed) with scanAuthorizedKey, as
// Parse does, into a buffer on the stack.
func inspectAuthorizedKey(text []byte) (keyInfo, bool) {
	var buf [stackBlob]byte
	_, _, t, bits, r := scanAuthorizedKey(text, buf[:])
	if r.refused() {
		return keyInfo{}, false
	}
	return keyInfo{t.name, bits, FormatAuthorizedKey}, true
}

// scanAuthorizedKey is the reader of an authorized_keys text (trimmed),
// for Parse and CheckText alike: it reads the text as one line "type
// base64 [comment]" and returns the blob (decoded into buf, or a new slice
// when buf is too small), the comment, the type and the size; or, where it
// fails, its refusal, decided there (refuseLine, refuseBase64,
// refuseBlob). checkAuthorizedKey (slow_test.go) is its readable
// reference: FuzzInspect holds the two to the same answers, the same
// sentinels and the same words.
//
// A text Parse accepts is one line and holds no CR, so the text holds no CR
// or LF. None is looked for on the way to an acceptance: the type must be
// a Type constant, the blanks are spaces and tabs, and checkComment refuses
// control characters, so a CR or LF could only hide in the base64, where
// the decoder skips it; then the decoded blob is short (see below).
func scanAuthorizedKey(text, buf []byte) (blob, comment []byte, t *keyType, bits int, r refusal) {
	l, ok := splitKeyLine(text)
	if !ok {
		return nil, nil, nil, 0, refuseLine(text)
	}
	if blob, bits, r = l.scan(text, buf); r.refused() {
		return nil, nil, nil, 0, r
	}
	return blob, l.comment, l.t, bits, refusal{}
}

// keyLine is where the fields of an authorized_keys text lie: the type
// (text[:typeEnd]), the base64 (text[b64Start:b64End]) and the comment.
type keyLine struct {
	t                         *keyType
	typeEnd, b64Start, b64End int
	comment                   []byte
}

// splitKeyLine is scanAuthorizedKey's first half: it finds the fields of
// text, and reports false when the first is no type name sshkey reads (a
// key type, or a certificate type: cert.go).
func splitKeyLine(text []byte) (keyLine, bool) {
	var l keyLine
	// The type name ends at the first blank, within maxTypeName bytes.
	i := indexBlank(text[:min(len(text), maxTypeName+1)])
	if i < 0 {
		i = len(text)
	}
	if l.t = lookupType(text[:i]); l.t == nil {
		if l.t = lookupCertType(text[:i]); l.t == nil {
			return l, false
		}
	}
	l.typeEnd = i
	rest := trimBlank(text[i:])
	l.b64Start = len(text) - len(rest)
	b64 := rest
	if j := indexBlank(rest); j >= 0 {
		b64, l.comment = rest[:j], trimBlank(rest[j:])
	}
	l.b64End = l.b64Start + len(b64)
	return l, true
}

// scan is scanAuthorizedKey's second half: it decodes the base64 of l (of
// text) into buf, or a new slice when buf is too small, and checks the
// blob and the comment; or it returns its refusal, decided where it fails.
func (l *keyLine) scan(text, buf []byte) (blob []byte, bits int, r refusal) {
	b64 := text[l.b64Start:l.b64End]
	blob, ok := decodeTo(buf, b64)
	// The decoder takes whole quanta of four characters, each three bytes
	// less its padding, of which the text has two at most. A text of n
	// bytes (n a multiple of 4) that holds k CRs or LFs holds n-k
	// characters, a multiple of 4 too: k is 0 or at least 4, and then the
	// blob is at least three bytes shorter than 3n/4, where the padding
	// makes it at most two shorter.
	if !ok || len(b64)%4 != 0 || len(blob)+2 < len(b64)/4*3 {
		r = refuseTyped(text, l.typeEnd)
		r.wrapped = ok && wrappedBase64(l.t, blob, b64, l.comment)
		return nil, 0, r
	}
	bt, bits, err := checkBlob(blob)
	if err != nil || bt != l.t || checkComment(l.comment) != nil {
		// The base64 holds no CR or LF: it lies in the first line.
		return nil, 0, refuseDecoded(text, l.typeEnd, l.b64End, b64, blob)
	}
	return blob, bits, refusal{}
}

// The refusal half of scanAuthorizedKey: each function takes the reading up
// where the scanner failed and finds the first rule (in checkAuthorizedKey's
// order) the line breaks. The line is the text up to its first LF, without
// the CR before it; what follows the line is judged by afterKey.

// refuseLine is the refusal of a text whose first field is no key type.
func refuseLine(text []byte) refusal {
	line, after := cutLine(text)
	line = trimBlank(line)
	if len(line) > 0 && line[0] == '#' {
		return refusal{why: reasonCommentLine}
	}
	if bytes.IndexByte(line, '\r') >= 0 {
		return refusal{why: reasonCR}
	}
	label, rest := nextField(line)
	if !typeShaped(label) {
		if looksLikeOptions(line) {
			return refusal{why: reasonOptions}
		}
		if blobShaped(label) {
			return refusal{why: reasonTypeMissing}
		}
		// The second field is a blob but the first is no type name.
	}
	return refuseBase64(line, label, rest, after)
}

// refuseTyped is the refusal of a text whose first field, text[:i], is a
// key type, and whose base64 field the decoder refused or found to hold a
// line break.
func refuseTyped(text []byte, i int) refusal {
	line, after := cutLine(text)
	line = trimBlank(line)
	if bytes.IndexByte(line, '\r') >= 0 {
		return refusal{why: reasonCR}
	}
	return refuseBase64(line, text[:i], trimBlank(line[i:]), after)
}

// refuseDecoded is the refusal of a text whose first field, text[:i], is a
// key type and whose base64 field b64, which holds no line break, decodes
// to blob and ends at text[end]: the blob, the comment or what follows the
// line is wrong.
func refuseDecoded(text []byte, i, end int, b64, blob []byte) refusal {
	line, after := cutLine(text)
	line = trimBlank(line)
	if bytes.IndexByte(line, '\r') >= 0 {
		return refusal{why: reasonCR}
	}
	if len(b64) == 0 {
		return refusal{why: reasonNoBase64, name: string(text[:i])}
	}
	return refuseBlob(text[:i], blob, trimBlank(line[end:]), after)
}

// refuseBase64 judges the base64 field and what follows it on the line.
func refuseBase64(line, label, rest, after []byte) refusal {
	b64, rest := nextField(rest)
	if len(b64) == 0 {
		return refusal{why: reasonNoBase64, name: string(label)}
	}
	blob, ok := decodeB64(b64)
	if !ok {
		if typeShaped(b64) || looksLikeOptions(line) {
			// "@ ssh-rsa AAAA...": the first field is options (any
			// text to x/crypto's retry) and the second the type; or
			// '@" " ssh-rsa AAAA...', options with a quoted blank.
			return refusal{why: reasonOptions}
		}
		if _, err := base64.StdEncoding.DecodeString(string(b64)); err == nil {
			// x/crypto's decoder takes it (CR/LF inside, or padding bits).
			return refusal{why: reasonNotBase64}
		}
		if t := bytes.TrimSpace(b64); len(t) < len(b64) && len(t) > 0 {
			return refusal{why: reasonOtherSpace}
		}
		return refusal{why: reasonNotBase64}
	}
	return refuseBlob(label, blob, rest, after)
}

// refuseBlob judges the decoded blob against the type the line names, then
// the comment, then what follows the line.
func refuseBlob(label, blob, comment, after []byte) refusal {
	name, _, ok := wire.String(blob)
	if !ok {
		return refusal{why: reasonTruncated}
	}
	if !bytes.Equal(name, label) {
		return refusal{why: reasonTypeMismatch, name: string(label), other: string(name)}
	}
	if _, _, err := checkBlob(blob); err != nil {
		return refuseWith(err)
	}
	if err := checkComment(comment); err != nil {
		return refuseWith(err)
	}
	if err := afterKey(after, "key line"); err != nil {
		return refuseWith(err)
	}
	return refusal{why: reasonUnexplained}
}

// wrappedBase64 reports whether a base64 field b64 that holds a line break
// (CR or LF), and that the decoder, skipping the breaks, decoded to blob,
// is a wrapped paste of a key of type t: joined, the line is a key (the
// blob is one of type t and the comment, its breaks dropped, is fine), and
// the first line alone is none but ends with the base64 (no comment after
// it).
func wrappedBase64(t *keyType, blob, b64, comment []byte) bool {
	if bt, _, err := checkBlob(blob); err != nil || bt != t {
		return false
	}
	k := bytes.IndexByte(b64, '\n')
	if k < 0 {
		// Lone CRs only: the first line holds them, and is no key; it
		// may hold nothing after the base64.
		c := comment
		if j := bytes.IndexByte(c, '\n'); j >= 0 {
			c = bytes.TrimSuffix(c[:j], []byte("\r"))
		}
		if len(c) > 0 {
			return false
		}
	} else {
		// The first line ends inside the base64: it is no key if it
		// holds a lone CR, or if base64 follows on the next lines.
		first := bytes.TrimSuffix(b64[:k], []byte("\r"))
		if bytes.IndexByte(first, '\r') < 0 && len(bytes.Trim(b64[k:], "\r\n")) == 0 {
			return false
		}
	}
	joined := bytes.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, comment)
	return checkComment(trimBlank(joined)) == nil
}

// indexBlank returns the index of the first space or tab in b, or -1.
func indexBlank(b []byte) int { return scan.IndexBlank(b) }

// decodeTo decodes padded standard base64 (strictly, as decodeB64 does) into
// buf, or into a new slice when buf is too small. The decoder refuses any
// byte outside the alphabet but CR and LF, which it skips: the caller
// allows them only where Parse skips them too (between the lines of a
// body). A text of only line ends decodes to nothing.
func decodeTo(buf, s []byte) ([]byte, bool) {
	if m := strictB64.DecodedLen(len(s)); m > len(buf) {
		buf = make([]byte, m)
	}
	m, err := b64Decode(buf, s)
	if err != nil {
		return nil, false
	}
	return buf[:m], true
}

// inspectBlob reports whether parseBlob accepts the wire blob b, and returns
// its type and bits: checkBlob, which makes every check parseBlob makes
// before it builds the Key.
func inspectBlob(b []byte) (string, int, bool) {
	t, bits, err := checkBlob(b)
	if err != nil {
		return "", 0, false
	}
	return t.name, bits, true
}

// inspectRFC4716 reads text (trimmed) with scanRFC4716, as Parse does,
// into buffers on the stack.
func inspectRFC4716(text []byte) (keyInfo, bool) {
	var buf [stackBlob]byte
	var hdr [maxHeader + 1]byte
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
