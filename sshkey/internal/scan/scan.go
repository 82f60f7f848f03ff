// Package scan is the text machinery sshkey shares with its file formats
// (sshkey/authorizedkeys, sshkey/knownhosts) without making it public: the
// error every one of them returns, the blanks that split fields, the names
// of the authorized_keys options and where they end, the private key
// detectors, and the one way a name from the input is shown in a message.
package scan

import (
	"bytes"
	"encoding/base64"
	"strings"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Error is every error sshkey and its file formats return: a message for
// people and the key sentinel for errors.Is. The message never holds key
// material.
//
// The message is made when Error is called, not when the Error is: a file
// reader refuses a bad line at the cost of filling in an Error, and the
// words are put together only for the lines whose text a caller asks for.
// An Error holds its message as parts: constant words (pre, post) around at
// most one name from the input, which the message shows as SafeName shows
// it. The name is kept as a bounded copy (Name), since the input it comes
// from is not the Error's to keep; Msg, when set, is the whole message
// instead.
type Error struct {
	Sentinel error
	// Msg is the whole message, "sshkey: ..."; when it is empty, the
	// message is "sshkey: " + pre + name + post.
	Msg       string
	pre, post string
	name      Name
}

func (e *Error) Error() string {
	if e.Msg != "" || e.pre == "" && e.post == "" && e.name.kind == nameNone {
		return e.Msg
	}
	return "sshkey: " + e.pre + e.name.String() + e.post
}

func (e *Error) Unwrap() error { return e.Sentinel }

// New returns an Error of sentinel whose message is "sshkey: " and msg.
func New(sentinel error, msg string) error {
	return &Error{Sentinel: sentinel, pre: msg}
}

// Named returns an Error of sentinel whose message is "sshkey: ", pre,
// SafeName(name) and post; only a bounded copy of name is kept (Name). A
// nil name is none: the message is pre and post alone (an empty name that
// is not nil is shown, as SafeName shows it, as "").
func Named(sentinel error, pre string, name []byte, post string) error {
	return Fill(nil, sentinel, pre, name, post)
}

// Fill sets *e to the Error Named returns and returns e, or a new Error when
// e is nil: a file reader passes the Error it fills for each bad line, and
// keeps it only for a line it yields.
func Fill(e *Error, sentinel error, pre string, name []byte, post string) *Error {
	if e == nil {
		e = new(Error)
	}
	*e = Error{Sentinel: sentinel, pre: pre, post: post}
	if name != nil {
		e.name.set(name)
	}
	return e
}

// FillBinary sets *e (a new Error when e is nil) to an Error of sentinel
// whose message is "sshkey: ", pre, keyerrors.BinaryValue(n) and post.
func FillBinary(e *Error, sentinel error, pre string, n int, post string) *Error {
	if e == nil {
		e = new(Error)
	}
	*e = Error{Sentinel: sentinel, pre: pre, post: post, name: Name{kind: nameBinary, n: n}}
	return e
}

// Malformed is New(keyerrors.ErrMalformedKey, msg).
func Malformed(msg string) error { return New(keyerrors.ErrMalformedKey, msg) }

// Unsupported is New(keyerrors.ErrUnsupportedEncoding, msg).
func Unsupported(msg string) error { return New(keyerrors.ErrUnsupportedEncoding, msg) }

// nameInline is the most bytes of a name an Error holds in itself: a
// longer one is copied apart, up to its first MaxValueLen+1 characters.
const nameInline = 24

// The kinds of Name.
const (
	nameNone    = iota // no name: the message is pre and post alone
	nameText           // the name's first characters (inline or long), shown through SafeName
	nameOmitted        // the name looks like key material: keyerrors.OmittedValue
	nameBinary         // the name is binary data of n bytes: keyerrors.BinaryValue(n)
)

// Name is what a message shows of a name from the input, SafeName's form of
// it, kept so that it is made only when the message is: what decides that
// form on the whole name (whether it looks like key material or is binary
// data, a linear scan of one copy) is decided at once, and of a
// name shown as text, the first MaxValueLen+1 characters are copied, all
// that SafeValue's cut can show (in the Error itself when they fit in
// nameInline bytes, in a copy of their own when not). SafeName of those
// characters is SafeName of the whole name: they do not look like key
// material or binary data when the whole name does not, and they cut where
// the whole name would.
type Name struct {
	kind   uint8
	len    uint8
	n      int    // the name's length in bytes, for nameBinary
	long   string // the characters kept, when they do not fit in inline
	inline [nameInline]byte
}

func (m *Name) set(b []byte) {
	s := string(b) // one copy, of a name SafeValue's rule must see whole
	switch {
	case keyerrors.LooksLikeKey(s):
		if s == keyerrors.OmittedValue { // shown as it is: SafeName quotes it
			m.kind, m.long = nameText, keyerrors.OmittedValue
			return
		}
		m.kind = nameOmitted
		return
	case keyerrors.IsBinary(s):
		m.kind, m.n = nameBinary, len(b)
		return
	}
	// The first MaxValueLen+1 characters.
	end, chars := 0, 0
	for end < len(b) && chars <= keyerrors.MaxValueLen {
		if b[end] < utf8.RuneSelf {
			end++
		} else {
			_, size := utf8.DecodeRune(b[end:])
			end += size
		}
		chars++
	}
	m.kind = nameText
	if end > nameInline {
		m.long = string(b[:end])
		return
	}
	m.len = uint8(copy(m.inline[:], b[:end]))
}

// String returns SafeName of the name.
func (m *Name) String() string {
	switch m.kind {
	case nameText:
		if m.long != "" {
			return SafeName([]byte(m.long))
		}
		return SafeName(m.inline[:m.len])
	case nameOmitted:
		return keyerrors.OmittedValue
	case nameBinary:
		return keyerrors.BinaryValue(m.n)
	}
	return ""
}

// TrimBlank drops the spaces and tabs at both ends of b (inside one line).
func TrimBlank(b []byte) []byte {
	b = TrimLeadingBlank(b)
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// TrimLeadingBlank drops the spaces and tabs at the start of b.
func TrimLeadingBlank(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}

// IndexBlank returns the index of the first space or tab in b, or -1.
func IndexBlank(b []byte) int {
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

// NextField splits a line at the first run of spaces and tabs.
func NextField(b []byte) (field, rest []byte) {
	i := IndexBlank(b)
	if i < 0 {
		return b, nil
	}
	return b[:i], TrimBlank(b[i:])
}

// base64Alphabet marks the bytes of standard base64 (RFC 4648 section 4:
// A-Z, a-z, 0-9, + and /), padding not included.
var base64Alphabet = func() (t [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") {
		t[c] = true
	}
	return t
}()

// IsBase64Char reports whether c is in the standard base64 alphabet.
func IsBase64Char(c byte) bool { return base64Alphabet[c] }

// IsPaddedB64 reports whether s is padded standard base64 made only of
// alphabet bytes and trailing '=': a length that is a multiple of 4, at most
// two '=' at its end, no other byte (no line break, which Go's decoders
// skip).
func IsPaddedB64(s []byte) bool {
	if len(s) == 0 || len(s)%4 != 0 {
		return false
	}
	pad := 0
	for i, c := range s {
		switch {
		case c == '=':
			if i < len(s)-2 {
				return false
			}
			pad++
		case pad > 0 || !IsBase64Char(c):
			return false
		}
	}
	return true
}

// strictB64 is padded standard base64 that refuses non-canonical text.
var strictB64 = base64.StdEncoding.Strict()

// DecodeB64 decodes padded standard base64 (IsPaddedB64) strictly: the
// bits after the last byte must be zero.
func DecodeB64(s []byte) ([]byte, bool) {
	if !IsPaddedB64(s) {
		return nil, false
	}
	b := make([]byte, strictB64.DecodedLen(len(s)))
	n, err := strictB64.Decode(b, s)
	if err != nil {
		return nil, false
	}
	return b[:n], true
}

// SafeName returns a caller-supplied name (a type label, a curve, an
// option, a PEM label) as an error message may show it: keyerrors.SafeValue's
// form of it in double quotes ("nosuchoption", escaped and cut to
// keyerrors.MaxValueLen characters), or SafeValue's placeholder unquoted
// when SafeValue shows nothing of it: keyerrors.OmittedValue for what looks
// like key material, keyerrors.BinaryValue for binary data. SafeValue's rule
// is the only one: SafeName adds the quotes, and escapes a double quote in
// the value as \" (SafeValue escapes backslashes), so that the quoted text
// ends where the value does. Text of a key's base64 field must not reach
// SafeName at all.
func SafeName(b []byte) string {
	s := string(b)
	v := keyerrors.SafeValue(s)
	if (v == keyerrors.OmittedValue && s != keyerrors.OmittedValue) || keyerrors.IsBinary(s) {
		return v
	}
	return `"` + strings.ReplaceAll(v, `"`, `\"`) + `"`
}
