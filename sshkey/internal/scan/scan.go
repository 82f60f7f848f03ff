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

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Error is every error sshkey and its file formats return: a message for
// people and the key sentinel for errors.Is. The message never holds key
// material.
type Error struct {
	Sentinel error
	Msg      string
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Sentinel }

// New returns an Error of sentinel whose message is "sshkey: " and msg.
func New(sentinel error, msg string) error {
	return &Error{Sentinel: sentinel, Msg: "sshkey: " + msg}
}

// Malformed is New(keyerrors.ErrMalformedKey, msg).
func Malformed(msg string) error { return New(keyerrors.ErrMalformedKey, msg) }

// Unsupported is New(keyerrors.ErrUnsupportedEncoding, msg).
func Unsupported(msg string) error { return New(keyerrors.ErrUnsupportedEncoding, msg) }

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
