package sshkey

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// strictB64 is standard base64 with padding (RFC 4648 section 4) that also
// refuses non-zero padding bits, so one blob has one text. Callers check the
// alphabet first: the decoder itself skips CR and LF.
var strictB64 = base64.StdEncoding.Strict()

// isBase64Char reports whether c is in the standard base64 alphabet (RFC
// 4648 section 4: A-Z, a-z, 0-9, + and /). It looks c up in b64Quad: a
// chain of range tests branches on every byte, which on random text (the
// base64 of a key, or hostile input) the processor cannot predict.
func isBase64Char(c byte) bool { return b64Quad[0][c] != b64Bad }

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// b64Decode is strictB64.Decode(dst, src), which it returns, in about half
// the time on a key's base64. It decodes the groups of 8 characters at the
// start of src that lie wholly in the alphabet itself, each with eight
// table look-ups and one store of 8 bytes (6 of them its own), two groups
// a turn while it can; then the
// last groups, when they are whole groups of the alphabet with at most the
// padding after (b64DecodeTail), with four look-ups each. It hands the rest
// to strictB64 from the first group that holds a byte outside the alphabet
// (CR, LF, '=' or any other) on, or when the tail is not so. Base64
// decodes each group of 4 characters apart, so what strictB64 makes of the
// rest is what it makes of it in the whole src: a group that holds no CR or
// LF and no '=' is decoded to the same 3 bytes wherever it stands.
// FuzzB64Decode holds the two equal. dst must hold
// strictB64.DecodedLen(len(src)) bytes.
func b64Decode(dst, src []byte) (int, error) {
	q0, q1, q2, q3 := &b64Quad[0], &b64Quad[1], &b64Quad[2], &b64Quad[3]
	d, s := dst, src
	for len(s) >= 24 && len(d) >= 14 {
		a := q0[s[0]] | q1[s[1]] | q2[s[2]] | q3[s[3]]
		b := q0[s[4]] | q1[s[5]] | q2[s[6]] | q3[s[7]]
		c := q0[s[8]] | q1[s[9]] | q2[s[10]] | q3[s[11]]
		e := q0[s[12]] | q1[s[13]] | q2[s[14]] | q3[s[15]]
		if (a|b|c|e)&b64Bad != 0 {
			break
		}
		binary.BigEndian.PutUint64(d, uint64(a)<<40|uint64(b)<<16)
		binary.BigEndian.PutUint64(d[6:], uint64(c)<<40|uint64(e)<<16)
		d, s = d[12:], s[16:]
	}
	for len(s) >= 8 && len(d) >= 8 {
		a := q0[s[0]] | q1[s[1]] | q2[s[2]] | q3[s[3]]
		b := q0[s[4]] | q1[s[5]] | q2[s[6]] | q3[s[7]]
		if (a|b)&b64Bad != 0 {
			break
		}
		binary.BigEndian.PutUint64(d, uint64(a)<<40|uint64(b)<<16)
		d, s = d[6:], s[8:]
	}
	n, i := len(dst)-len(d), len(src)-len(s)
	if m, ok := b64DecodeTail(d, s); ok {
		return n + m, nil
	}
	m, err := strictB64.Decode(d, s)
	if off, ok := err.(base64.CorruptInputError); ok {
		err = off + base64.CorruptInputError(i) // an offset in src
	}
	return n + m, err
}

// b64DecodeTail decodes the last groups b64Decode leaves, when they are
// what strictB64 decodes without an error: whole groups of four alphabet
// bytes, the last of which may end in one or two '=' with its padding bits
// zero. It reports false for any other s, which strictB64 then decodes (or
// refuses), having maybe written to dst.
func b64DecodeTail(dst, s []byte) (int, bool) {
	if len(s) == 0 || len(s)%4 != 0 || len(dst) < len(s)/4*3 {
		return 0, false
	}
	q0, q1, q2, q3 := &b64Quad[0], &b64Quad[1], &b64Quad[2], &b64Quad[3]
	n := 0
	for ; len(s) > 4 && len(dst)-n >= 3; s = s[4:] {
		v := q0[s[0]] | q1[s[1]] | q2[s[2]] | q3[s[3]]
		if v&b64Bad != 0 {
			return 0, false
		}
		d := dst[n : n+3 : n+3]
		d[0], d[1], d[2] = byte(v>>16), byte(v>>8), byte(v)
		n += 3
	}
	if len(s) != 4 || len(dst)-n < 3 {
		return 0, false
	}
	d := dst[n : n+3 : n+3]
	switch {
	case s[3] != '=':
		v := q0[s[0]] | q1[s[1]] | q2[s[2]] | q3[s[3]]
		if v&b64Bad != 0 {
			return 0, false
		}
		d[0], d[1], d[2] = byte(v>>16), byte(v>>8), byte(v)
		return n + 3, true
	case s[2] != '=':
		v := q0[s[0]] | q1[s[1]] | q2[s[2]]
		if v&b64Bad != 0 || v&0xff != 0 {
			return 0, false
		}
		d[0], d[1] = byte(v>>16), byte(v>>8)
		return n + 2, true
	}
	v := q0[s[0]] | q1[s[1]]
	if v&b64Bad != 0 || v&0xffff != 0 {
		return 0, false
	}
	d[0] = byte(v >> 16)
	return n + 1, true
}

// b64Quad holds, for each byte, its 6-bit value in the alphabet at each of
// the four places of a group, shifted to bits 18, 12, 6 and 0 of the
// group's 24; or b64Bad for a byte outside the alphabet.
var b64Quad = func() (t [4][256]uint32) {
	for p := range t {
		for c := range t[p] {
			t[p][c] = b64Bad
		}
		for v, c := range []byte(base64Alphabet) {
			t[p][c] = uint32(v) << (18 - 6*p)
		}
	}
	return t
}()

const b64Bad = 1 << 31

// decodeB64 decodes padded standard base64 made only of alphabet bytes and
// trailing '='.
func decodeB64(s []byte) ([]byte, bool) {
	if !scan.IsPaddedB64(s) {
		return nil, false
	}
	out := make([]byte, strictB64.DecodedLen(len(s)))
	n, err := b64Decode(out, s)
	if err != nil {
		return nil, false
	}
	return out[:n], true
}

// isSpace reports whether c is white space that may surround a key: ASCII
// space, tab, CR and LF. Unicode spaces are not white space here.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// trimLine is trimSpace for the text of one authorized_keys line, where
// sshd and ssh-keygen split fields on space and tab only and a CR is an
// ordinary byte unless it ends a line with the LF after it: what it drops
// before the line is spaces, tabs and blank lines (ending in LF or CRLF), so
// a lone CR before the key type stays, to be refused with the line
// ("\rssh-ed25519 AAAA..." is no public key to ssh-keygen -l). After the
// line it drops what trimSpace drops: the line ends, and a CR before them,
// which ssh-keygen -l reads as part of the comment, is no key byte.
func trimLine(b []byte) []byte {
	for len(b) > 0 {
		if c := b[0]; c == ' ' || c == '\t' || c == '\n' {
			b = b[1:]
		} else if c == '\r' && len(b) > 1 && b[1] == '\n' {
			b = b[2:]
		} else {
			break
		}
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func trimBlank(b []byte) []byte { return scan.TrimBlank(b) } // space and tab, inside one line

// trimLeadingBlank drops the spaces and tabs at the start of b.
func trimLeadingBlank(b []byte) []byte { return scan.TrimLeadingBlank(b) }

// cutLine returns the first line of b without its LF or CRLF, and what
// follows it.
func cutLine(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		line, rest = b, nil
	} else {
		line, rest = b[:i], b[i+1:]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, rest
}

// nextField splits a line at the first run of spaces and tabs.
func nextField(b []byte) (field, rest []byte) { return scan.NextField(b) }

type kind int

const (
	kindUnknown kind = iota
	kindEmpty
	kindAuthorizedKey
	kindRFC4716
	kindPKIX
	kindPKCS1
	kindOtherPEM
)

const (
	rfc4716Begin = "---- BEGIN SSH2 PUBLIC KEY ----"
	rfc4716End   = "---- END SSH2 PUBLIC KEY ----"
	pemPKIX      = "PUBLIC KEY"
	pemPKCS1     = "RSA PUBLIC KEY"
)

// sniff says which encoding the trimmed text is in, looking at its start.
func sniff(text []byte) kind {
	if len(text) == 0 {
		return kindEmpty
	}
	if bytes.HasPrefix(text, []byte("-----BEGIN ")) {
		line, _ := cutLine(text)
		switch string(line) {
		case "-----BEGIN " + pemPKIX + "-----":
			return kindPKIX
		case "-----BEGIN " + pemPKCS1 + "-----":
			return kindPKCS1
		}
		return kindOtherPEM
	}
	if bytes.HasPrefix(text, []byte("---- BEGIN SSH2 PUBLIC KEY")) {
		return kindRFC4716
	}
	line, rest := cutLine(text)
	if len(line) > 0 && line[0] == '#' {
		// A comment line: an authorized_keys file if a key line follows.
		for len(rest) > 0 {
			line, rest = cutLine(rest)
			if l := trimBlank(line); len(l) > 0 && l[0] != '#' {
				if looksLikeAuthorizedKey(l) {
					return kindAuthorizedKey
				}
				return kindUnknown
			}
		}
		return kindUnknown
	}
	if looksLikeAuthorizedKey(line) {
		return kindAuthorizedKey
	}
	return kindUnknown
}

// looksLikeAuthorizedKey reports whether line is meant as an authorized_keys
// line, well-formed or not: its first field is a key type name (or has the
// shape of one: ssh-*, ecdsa-*, sk-*, x509v3-*, a name@domain), or it starts
// with authorized_keys options, or its second field (or its only field) is
// base64 of a blob that starts with a type name.
func looksLikeAuthorizedKey(line []byte) bool {
	f1, rest := nextField(line)
	if typeShaped(f1) || looksLikeOptions(line) {
		return true
	}
	if i := bytes.IndexByte(f1, '\r'); i > 0 && typeShaped(f1[:i]) {
		// "ssh-ed25519\rAAAA...": a type name, then a CR where a blank
		// belongs. A CR splits no fields (sshd and ssh-keygen refuse the
		// line), but the line is meant as a key line.
		return true
	}
	f2, _ := nextField(rest)
	return blobShaped(f2) || blobShaped(f1)
}

func typeShaped(f []byte) bool {
	if lookupType(f) != nil || isCertType(f) {
		return true
	}
	if !plausibleName(f) {
		return false
	}
	for _, p := range []string{"ssh-", "ecdsa-", "sk-", "x509v3-", "rsa-sha2-", "pgp-", "spki-"} {
		if bytes.HasPrefix(f, []byte(p)) {
			return true
		}
	}
	return bytes.IndexByte(f, '@') >= 0
}

// plausibleName reports whether b can be an SSH algorithm name (RFC 4251
// section 6): 1 to 64 printable US-ASCII characters, no comma.
func plausibleName(b []byte) bool {
	if len(b) == 0 || len(b) > 64 {
		return false
	}
	for _, c := range b {
		if c <= ' ' || c >= 0x7f || c == ',' {
			return false
		}
	}
	return true
}

// blobShaped reports whether f is base64 whose decoded bytes start with an
// SSH string that is a plausible algorithm name. Only a prefix is decoded.
func blobShaped(f []byte) bool {
	if len(f) < 8 {
		return false
	}
	p := f
	if len(p) > 96 {
		p = p[:96]
	}
	p = p[:len(p)/4*4]
	for _, c := range p {
		if !isBase64Char(c) && c != '=' {
			return false
		}
	}
	dec := make([]byte, base64.StdEncoding.DecodedLen(len(p)))
	n, err := base64.StdEncoding.Decode(dec, p)
	if err != nil {
		return false
	}
	dec = dec[:n]
	if len(dec) < 4 {
		return false
	}
	l := int(dec[0])<<24 | int(dec[1])<<16 | int(dec[2])<<8 | int(dec[3])
	if l < 1 || l > 64 || 4+l > len(dec) {
		return false
	}
	return plausibleName(dec[4 : 4+l])
}

// looksLikeOptions reports whether line starts with authorized_keys options
// (sshd(8), AUTHORIZED_KEYS FILE FORMAT): its first option is one sshd knows,
// or the options field (which may hold blanks inside double quotes) is
// followed by a key type name and another field, the shape x/crypto's
// options pass accepts.
func looksLikeOptions(line []byte) bool {
	if startsWithOption(line) {
		return true
	}
	end, _ := scan.AdvancePastOptions(line)
	f, rest := nextField(trimBlank(line[end:]))
	return typeShaped(f) && len(rest) > 0
}

// startsWithOption reports whether line starts with the name of an
// authorized_keys option sshd knows (scan.OptionNames, with "no-" before the
// negatable ones), matched without regard to case.
func startsWithOption(line []byte) bool {
	name := line
	if i := bytes.IndexAny(name, "=, \t"); i >= 0 {
		name = name[:i]
	}
	s := string(name)
	if len(s) > 3 && strings.EqualFold(s[:3], "no-") {
		if id, ok := scan.LookupOption(s[3:]); ok && scan.OptionNames[id].Kind == scan.OptNegatable {
			return true
		}
	}
	_, ok := scan.LookupOption(s)
	return ok
}

// looksLikeKey reports whether text (trimmed) starts with something meant as
// a public key in any encoding: the test for ErrMultipleKeys.
func looksLikeKey(text []byte) bool {
	switch sniff(text) {
	case kindAuthorizedKey, kindRFC4716, kindPKIX, kindPKCS1:
		return true
	}
	return false
}

// afterKey judges the text that follows a key: nothing (after white space) is
// fine, another key is ErrMultipleKeys, anything else ErrMalformedKey.
func afterKey(rest []byte, what string) error {
	rest = trimSpace(rest)
	if len(rest) == 0 {
		return nil
	}
	if looksLikeKey(rest) {
		return newErr(keyerrors.ErrMultipleKeys, "the input holds more than one key; give one key at a time")
	}
	return newErr(keyerrors.ErrMalformedKey, "unexpected text after the "+what+"; give the key alone")
}

// Parse parses one SSH public key in any encoding sshkey knows, which it
// detects from the text: an authorized_keys line (FormatAuthorizedKey), an
// RFC 4716 file (FormatRFC4716), a PKIX PEM block "-----BEGIN PUBLIC
// KEY-----" (FormatPKIX) or a PKCS#1 PEM block "-----BEGIN RSA PUBLIC
// KEY-----" (FormatPKCS1). White space and CRLF line ends around the key are
// fine; anything else is an error. In an authorized_keys line, as in sshd's
// and ssh-keygen's, only spaces and tabs separate fields: a CR before the
// key type, or between the type and the base64, is ErrMalformedKey unless
// an LF follows it (a blank line in CRLF).
//
// Text in none of these encodings (including empty input, an X.509
// CERTIFICATE and any other PEM type) gives an error that wraps
// keyerrors.ErrUnsupportedEncoding. Once the encoding is recognised, a bad key
// gives a key sentinel: ErrMalformedKey, ErrUnsupportedKeyType, ErrWeakKey,
// ErrKeyTooLarge, ErrKeyTooSmall, ErrKeyTypeMismatch or ErrMultipleKeys.
// An OpenSSH certificate (authorized_keys or RFC 4716) is read: see
// Key.Certificate; Policy refuses it unless its Types name it. A private
// key in any encoding gives ErrPrivateKey. Match with errors.Is; the texts
// may change.
//
//	k, err := sshkey.Parse([]byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ me@host"))
//	// k.Type() == "ssh-ed25519", k.Bits() == 256, k.Comment() == "me@host"
func Parse(data []byte) (*Key, error) {
	return read(data, kindUnknown)
}

// ParseString is Parse of a string: ParseString(s) is Parse([]byte(s)).
func ParseString(s string) (*Key, error) { return read([]byte(s), kindUnknown) }

// read is every entry point: Parse (want kindUnknown, any encoding) and
// the ParseX functions (want their encoding). A refusal goes through
// explain, which may name its cause better; it never accepts.
func read(data []byte, want kind) (*Key, error) {
	if want == kindUnknown || want == kindAuthorizedKey {
		if k := quickAuthorizedKey(data); k != nil {
			return k, nil
		}
	}
	if err := refusePrivate(data); err != nil {
		return nil, err
	}
	text := trimSpace(data)
	k := sniff(text)
	var key *Key
	var err error
	wrapped := false
	switch {
	case want != kindUnknown && k != want:
		err = notEncoding(text, k)
	case k == kindAuthorizedKey:
		// The line keeps a lone CR before it (trimLine), which the
		// scanner refuses; the explain step reads text as it is.
		var r refusal
		key, r = parseAuthorizedKey(trimLine(data))
		err, wrapped = r.err(), r.wrapped
	case k == kindRFC4716:
		key, err = parseRFC4716(text)
	case k == kindPKIX:
		key, err = parsePEM(text, pemPKIX)
	case k == kindPKCS1:
		key, err = parsePEM(text, pemPKCS1)
	default:
		err = notEncoding(text, k)
	}
	if err != nil {
		return nil, explain(text, err, wrapped)
	}
	return key, nil
}

// notEncoding is the ErrUnsupportedEncoding error for text of kind k.
func notEncoding(text []byte, k kind) error {
	switch k {
	case kindEmpty:
		return unsupported("no key: the input is empty or white space; give an SSH public key")
	case kindOtherPEM:
		line, _ := cutLine(text)
		label := bytes.TrimSuffix(bytes.TrimPrefix(line, []byte("-----BEGIN ")), []byte("-----"))
		if string(label) == "CERTIFICATE" {
			return unsupported("this is an X.509 certificate, not an SSH public key; give the key as an authorized_keys line or a PUBLIC KEY PEM block")
		}
		return unsupported("PEM type " + safeName(label) + " is not a public key encoding sshkey reads; give a PUBLIC KEY or RSA PUBLIC KEY PEM block")
	case kindAuthorizedKey:
		return unsupported("this is an authorized_keys line; parse it with Parse or ParseAuthorizedKey")
	case kindRFC4716:
		return unsupported("this is an RFC 4716 (SSH2) key; parse it with Parse or ParseRFC4716")
	case kindPKIX:
		return unsupported("this is a PKIX PEM key; parse it with Parse or ParsePKIX")
	case kindPKCS1:
		return unsupported("this is a PKCS#1 PEM key; parse it with Parse or ParsePKCS1")
	}
	return unsupported("the text is in no SSH public key encoding (authorized_keys line, RFC 4716, PKIX or PKCS#1 PEM); give the contents of the .pub file")
}

// ParseAuthorizedKey parses one authorized_keys line (sshd(8), AUTHORIZED_KEYS
// FILE FORMAT) without options:
//
//	line    = *WSP type 1*WSP base64 [1*WSP comment] *WSP
//
// type must be the type inside the base64 blob (ErrKeyTypeMismatch
// otherwise); comment is the rest of the line, without surrounding blanks. A
// line with options before the type ("no-pty ssh-ed25519 AAAA...") is
// ErrMalformedKey, and so are comment lines ("# ...") and text after the line;
// a second key line is ErrMultipleKeys. Text that is no authorized_keys line
// is ErrUnsupportedEncoding.
func ParseAuthorizedKey(data []byte) (*Key, error) {
	return read(data, kindAuthorizedKey)
}

// parseAuthorizedKey reads text (trimmed) with scanAuthorizedKey, and
// returns the Key or the scanner's refusal.
func parseAuthorizedKey(text []byte) (*Key, refusal) {
	blob, comment, t, bits, r := scanAuthorizedKey(text, nil)
	if r.refused() {
		return nil, r
	}
	k := newKey(t, bits, blob)
	k.comment = string(comment)
	k.format = FormatAuthorizedKey
	return k, refusal{}
}

// checkComment refuses a comment that is not valid UTF-8 or holds a control
// character other than tab. sshd does not care, but such a comment breaks log
// lines and RFC 4716 headers (which are UTF-8, RFC 4716 section 3.3).
func checkComment(c []byte) error {
	if len(c) >= 40 {
		if kind := privateBody(c); kind != "" {
			return privateErr(kind + " in the comment")
		}
	}
	if !printable(c) {
		return checkCommentRunes(c)
	}
	return nil
}

// printable reports whether every byte of b is printable US-ASCII (0x20 to
// 0x7e) or a tab, reading b eight bytes at a time: in a word of such bytes,
// no byte has its high bit set, none is below 0x20 (subtracting 0x20 from
// each byte sets no high bit), and none is 0x7f (adding 1 to each sets
// none). A word that fails one test is read again byte by byte (a byte
// below 0x20 may be a tab; a borrow may set a high bit that is no byte's).
func printable(b []byte) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if (w|(w-0x20*ones)|(w+ones))&highs != 0 && !printableBytes(b[i:i+8]) {
			return false
		}
	}
	return printableBytes(b[i:])
}

// printableBytes is printable one byte at a time.
func printableBytes(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' || c >= 0x7f {
			return false
		}
	}
	return true
}

// checkCommentRunes is checkComment for a comment that is not all printable
// US-ASCII and tabs.
func checkCommentRunes(c []byte) error {
	if !utf8.Valid(c) {
		return newErr(keyerrors.ErrMalformedKey, "the key comment is not valid UTF-8; fix or remove the comment")
	}
	for i := 0; i < len(c); {
		r, n := rune(c[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(c[i:])
		}
		if r != '\t' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
			return newErr(keyerrors.ErrMalformedKey, "the key comment holds a control character; fix or remove the comment")
		}
		i += n
	}
	return nil
}

// ParseRFC4716 parses an RFC 4716 ("SSH2") public key file:
//
//	file   = begin *header body end
//	begin  = "---- BEGIN SSH2 PUBLIC KEY ----" EOL
//	header = tag ":" [" " value] EOL      ; continued while a line ends in "\"
//	body   = 1*(base64-line EOL)
//	end    = "---- END SSH2 PUBLIC KEY ----"
//
// Lines end in LF, CRLF or CR (section 3.1); a body line holds at most 72
// bytes (section 3). A tag is at most 64 bytes of US-ASCII and matched
// without regard to case, after any blanks before it; a value at most 1024
// bytes of UTF-8 (section 3.3), however long its line. The Comment header's
// value, without its double quotes and with PuTTY's \" and \\ escapes
// undone, is the key's Comment (section 3.3.2); other headers are ignored,
// as section 3.3 requires.
func ParseRFC4716(data []byte) (*Key, error) {
	return read(data, kindRFC4716)
}

// splitRFC4716Lines splits at LF, CRLF or a lone CR (RFC 4716 section 3.1).
func nextRFC4716Line(b []byte) (line, rest []byte, ok bool) {
	if len(b) == 0 {
		return nil, nil, false
	}
	i := bytes.IndexAny(b, "\r\n")
	if i < 0 {
		return b, nil, true
	}
	line, rest = b[:i], b[i+1:]
	if b[i] == '\r' && len(rest) > 0 && rest[0] == '\n' {
		rest = rest[1:]
	}
	return line, rest, true
}

// lineScanner splits text at LF, CRLF or a lone CR (RFC 4716 section
// 3.1), as nextRFC4716Line does, with two vectorised searches a line: it
// remembers where the next LF is, so that text whose lines end in lone CRs
// is still searched once for LF, not once a line.
type lineScanner struct {
	rest []byte
	lf   int // the index in rest of the next LF, len(rest) for none, -1 not known
}

func newLineScanner(b []byte) lineScanner { return lineScanner{rest: b, lf: -1} }

// next returns the next line, without its end, and the scanner after it;
// false after the last line. It is a value method, so that no store through
// a pointer makes the text escape to the heap.
func (s lineScanner) next() ([]byte, lineScanner, bool) {
	b := s.rest
	if len(b) == 0 {
		return nil, s, false
	}
	lf := s.lf
	if lf < 0 {
		if lf = bytes.IndexByte(b, '\n'); lf < 0 {
			lf = len(b)
		}
	}
	i := lf
	if j := bytes.IndexByte(b[:i], '\r'); j >= 0 {
		i = j
	}
	if i == len(b) {
		return b, lineScanner{}, true
	}
	n := i + 1 // the bytes the line and its end take
	if b[i] == '\r' && n < len(b) && b[n] == '\n' {
		n++
	}
	if lf >= n {
		lf -= n // the same LF, further on
	} else {
		lf = -1
	}
	return b[:i], lineScanner{rest: b[n:], lf: lf}, true
}

func rfcErr(msg string) error {
	return malformed(msg + "; re-export the key with ssh-keygen -e -f KEY.pub")
}

func parseRFC4716(text []byte) (*Key, error) {
	var hdr [maxHeader + 1]byte
	f, err := scanRFC4716(text, nil, &hdr)
	if err != nil {
		return nil, err
	}
	// The Key keeps a copy: escape analysis cannot tell f.blob (new) from
	// f.comment (text's), and text must not escape CheckText's stack.
	k, err := parseBlob(bytes.Clone(f.blob))
	if err != nil {
		return nil, err
	}
	if err := checkComment(f.comment); err != nil {
		return nil, err
	}
	if f.escaped {
		k.comment = unescapeQuoted(f.comment)
	} else {
		k.comment = string(f.comment)
	}
	k.format = FormatRFC4716
	return k, nil
}

// maxHeader bounds a header, continued or not: a tag (64 bytes), ": " and a
// value (1024 bytes), RFC 4716 section 3.3.
const maxHeader = 64 + 2 + 1024

// rfc4716File is what scanRFC4716 finds in a file.
type rfc4716File struct {
	blob    []byte // the decoded body
	comment []byte // the Comment header's value, blanks and quotes removed
	escaped bool   // comment was quoted and holds a backslash escape
}

// scanRFC4716 reads text (trimmed) as an RFC 4716 file, for Parse and
// CheckText alike: the BEGIN line, the headers (continued while a line ends
// in "\"), the base64 lines and the END line, which must close the text.
// The body is decoded where it lies into buf (a new slice when buf is too
// small): the decoder skips the line ends and refuses any other byte
// outside the alphabet. A continued header is joined in hdr. What it
// returns aliases text, buf and hdr. Each refusal builds its error where it
// is found; nothing else is built.
func scanRFC4716(text, buf []byte, hdr *[maxHeader + 1]byte) (rfc4716File, error) {
	var f rfc4716File
	lines := newLineScanner(text)
	line, lines, _ := lines.next()
	if string(line) != rfc4716Begin {
		return f, rfcErr("the first line must be exactly \"" + rfc4716Begin + "\" (RFC 4716 section 3.2)")
	}
	haveComment := false
	lineNo := 1
	var body []byte // from the first body line to the END line
	for {
		start := lines
		var ok bool
		line, lines, ok = lines.next()
		if !ok {
			return f, rfcErr("the END line \"" + rfc4716End + "\" is missing (RFC 4716 section 3.2)")
		}
		lineNo++
		if bytes.IndexByte(line, ':') < 0 || string(line) == rfc4716End {
			lines = start // the body starts with this line
			body = start.rest
			break
		}
		// A header, maybe continued (section 3.3), of at most maxHeader
		// bytes once joined (any blanks before its tag included). Its
		// lines may be longer than 72 bytes, as PuTTYgen and phpseclib
		// write a long Comment: the value's 1024 bytes are the bound, as
		// for ssh-keygen -i, which reads a header of any line length.
		if len(line) > maxHeader+1 { // one more for a "\\" that goes
			return f, rfcErr("a header value is longer than 1024 bytes (RFC 4716 section 3.3)")
		}
		h := line
		if h[len(h)-1] == '\\' {
			h = append(hdr[:0], h[:len(h)-1]...)
			for {
				line, lines, ok = lines.next()
				if !ok {
					return f, rfcErr("a header line ends in \\ but no line follows (RFC 4716 section 3.3)")
				}
				lineNo++
				if len(h)+len(line) > maxHeader+1 {
					return f, rfcErr("a header value is longer than 1024 bytes (RFC 4716 section 3.3)")
				}
				h = append(h, line...)
				if len(h) == 0 || h[len(h)-1] != '\\' {
					break
				}
				h = h[:len(h)-1]
			}
		}
		if len(h) > maxHeader {
			return f, rfcErr("a header value is longer than 1024 bytes (RFC 4716 section 3.3)")
		}
		tag, value, err := splitHeader(h)
		if err != nil {
			return f, err
		}
		isComment := bytes.EqualFold(tag, []byte("Comment"))
		if len(value) >= 40 && !isComment { // checkComment looks at the comment
			if kind := privateBody(value); kind != "" {
				return f, privateErr(kind + " in a header")
			}
		}
		if isComment {
			if haveComment {
				return f, rfcErr("there are two Comment headers (RFC 4716 section 3.3.2)")
			}
			haveComment = true
			if f.comment, f.escaped, err = unquote(value); err != nil {
				return f, err
			}
		}
	}
	// The body: lines of at most 72 bytes (section 3) up to the END line.
	n := 0 // the length of body before the END line
	for {
		var ok bool
		line, lines, ok = lines.next()
		if !ok {
			return f, rfcErr("the END line \"" + rfc4716End + "\" is missing (RFC 4716 section 3.2)")
		}
		if string(line) == rfc4716End {
			if err := afterKey(lines.rest, "END line"); err != nil {
				return f, err
			}
			break
		}
		if len(line) > 72 {
			return f, rfcErr("line " + strconv.Itoa(lineNo) + " is longer than 72 bytes (RFC 4716 section 3)")
		}
		lineNo++
		n = len(body) - len(lines.rest)
	}
	body = body[:n]
	blob, ok := decodeTo(buf, body)
	if !ok || len(blob) == 0 {
		return f, bodyErr(body, lineNo)
	}
	f.blob = blob
	return f, nil
}

// bodyErr says what is wrong with an RFC 4716 body the decoder refused:
// which line holds a byte outside the alphabet, or that the whole is no
// base64.
func bodyErr(body []byte, lastLine int) error {
	if len(trimSpace(body)) == 0 {
		return rfcErr("the key body is missing between the headers and the END line (RFC 4716 section 3.4)")
	}
	first := lastLine - bytes.Count(body, []byte("\n")) - bytes.Count(body, []byte("\r")) + bytes.Count(body, []byte("\r\n"))
	for i, b := 0, body; len(b) > 0; i++ {
		line, r, _ := nextRFC4716Line(b)
		if bytes.HasPrefix(line, []byte("----")) {
			return rfcErr("the END line must be exactly \"" + rfc4716End + "\" (RFC 4716 section 3.2)")
		}
		for _, c := range line {
			if !isBase64Char(c) && c != '=' {
				return rfcErr("line " + strconv.Itoa(first+i) + " of the key body is not base64 (RFC 4716 section 3.4)")
			}
		}
		b = r
	}
	return rfcErr("the key body is not valid base64 (RFC 4716 section 3.4)")
}

// unquote returns a Comment header's value without its blanks and, when it
// starts with a double quote, without its quotes (RFC 4716 section 3.3.2).
// Inside the quotes \" and \\ stand for '"' and '\\', as PuTTY writes
// them (escaped reports whether there are any); the quote that closes the
// value must end it. A value that ends in a quote whose only closing quote
// is escaped ("a\") is taken as written, as ssh-keygen -e writes a comment
// that ends in a backslash.
func unquote(v []byte) (value []byte, escaped bool, err error) {
	v = trimBlank(v)
	if len(v) == 0 || v[0] != '"' {
		return v, false, nil
	}
	if bytes.IndexByte(v, '\\') < 0 {
		// No escapes: the closing quote is the next one.
		if i := bytes.IndexByte(v[1:], '"') + 1; i > 0 && i == len(v)-1 {
			return trimBlank(v[1:i]), false, nil
		} else if i > 0 {
			return nil, false, rfcErr("the Comment header has text after its closing double quote (RFC 4716 section 3.3.2)")
		}
		return nil, false, rfcErr("the Comment header opens a double quote but does not close it (RFC 4716 section 3.3.2)")
	}
	for i := 1; i < len(v); i++ {
		switch v[i] {
		case '\\':
			if i+1 < len(v) && (v[i+1] == '"' || v[i+1] == '\\') {
				escaped = true
				i++
			}
		case '"':
			if i != len(v)-1 {
				return nil, false, rfcErr("the Comment header has text after its closing double quote (RFC 4716 section 3.3.2)")
			}
			return trimBlank(v[1:i]), escaped, nil
		}
	}
	if len(v) >= 2 && v[len(v)-1] == '"' {
		return trimBlank(v[1 : len(v)-1]), false, nil
	}
	return nil, false, rfcErr("the Comment header opens a double quote but does not close it (RFC 4716 section 3.3.2)")
}

// unescapeQuoted undoes unquote's escapes: \" is '"' and \\ is '\\'.
func unescapeQuoted(v []byte) string {
	var b strings.Builder
	b.Grow(len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && (v[i+1] == '"' || v[i+1] == '\\') {
			i++
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// splitHeader splits "Tag: value" (RFC 4716 section 3.3).
func splitHeader(h []byte) (tag, value []byte, err error) {
	// Blanks before the tag are taken, as ssh-keygen -i takes them.
	h = trimLeadingBlank(h)
	i := bytes.IndexByte(h, ':')
	tag, value = h[:i], h[i+1:]
	if len(tag) == 0 || len(tag) > 64 {
		return nil, nil, rfcErr("a header tag is empty or longer than 64 bytes (RFC 4716 section 3.3)")
	}
	for _, c := range tag {
		if c <= ' ' || c >= 0x7f {
			return nil, nil, rfcErr("a header tag holds a character other than printable US-ASCII (RFC 4716 section 3.3)")
		}
	}
	if len(value) > 0 {
		if value[0] != ' ' {
			return nil, nil, rfcErr("a header tag's colon must be followed by a space (RFC 4716 section 3.3)")
		}
		value = value[1:]
	}
	if len(value) > 1024 {
		return nil, nil, rfcErr("a header value is longer than 1024 bytes (RFC 4716 section 3.3)")
	}
	if !utf8.Valid(value) {
		return nil, nil, rfcErr("a header value is not UTF-8 (RFC 4716 section 3.3)")
	}
	return tag, value, nil
}

// ParsePKIX parses a PKIX public key in PEM (RFC 7468 section 13, "-----BEGIN
// PUBLIC KEY-----"): a DER SubjectPublicKeyInfo (RFC 5280 section 4.1) of an
// RSA or DSA (RFC 3279 sections 2.3.1 and 2.3.2), ECDSA P-256, P-384 or
// P-521 (RFC 5480; the point uncompressed or compressed) or Ed25519 (RFC
// 8410) key. Other algorithms (X25519, Ed448, other curves) are
// ErrUnsupportedKeyType. PEM headers and text around the block
// are ErrMalformedKey. The key has no comment.
func ParsePKIX(data []byte) (*Key, error) {
	return read(data, kindPKIX)
}

// ParsePKCS1 parses an RSA public key in PKCS#1 PEM ("-----BEGIN RSA PUBLIC
// KEY-----", RFC 8017 appendix A.1.1), as ssh-keygen -e -m PEM writes it.
func ParsePKCS1(data []byte) (*Key, error) {
	return read(data, kindPKCS1)
}
