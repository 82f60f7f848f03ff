package scan

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// TestNamedAsEager: an Error made with its name kept (Named) says, when
// asked, what the message made at once said: "sshkey: " + pre +
// SafeName(name) + post, for names of every kind SafeValue tells apart
// (short, cut, escaped, key-like, binary, non-ASCII of every width, the
// placeholder itself), and keeps its sentinel.
func TestNamedAsEager(t *testing.T) {
	b64 := "AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ"
	names := []string{
		"", "a", "no-ptty", keyerrors.OmittedValue, keyerrors.OmittedValue + "x",
		strings.Repeat("a", 63), strings.Repeat("a", 64), strings.Repeat("a", 65), strings.Repeat("a", 66), strings.Repeat("a", 60<<10),
		strings.Repeat("é", 64), strings.Repeat("é", 65), strings.Repeat("€", 70), strings.Repeat("😀", 100), "a\nb", strings.Repeat("\x01", 70),
		strings.Repeat("'", 40), strings.Repeat("\\", 70), b64, "x " + b64 + " y", "PRIVATE KEY", strings.Repeat("a", 70) + "PRIVATE KEY",
		"a\x00b", "\xff", strings.Repeat("a", 100) + "\xff", "0\x01" + strings.Repeat("0", 38), strings.Repeat("a", 64) + "\x01",
		strings.Repeat("é", 63) + "\u2028" + strings.Repeat("a", 10),
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "B", "7", "+", "/", "=", "-", "\\", "'", "\"", " ", "\t", "\x01", "\x7f", "é", "€", "😀", "\u2028", "\xff", "\x00", ",", "@"}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(140) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		names = append(names, b.String())
	}
	for _, name := range names {
		want := "sshkey: option " + SafeName([]byte(name)) + " is not known"
		err := Named(keyerrors.ErrMalformedKey, "option ", []byte(name), " is not known")
		if got := err.Error(); got != want {
			t.Errorf("Named(%q): %q, want %q", name, got, want)
		}
		if !errors.Is(err, keyerrors.ErrMalformedKey) {
			t.Errorf("Named(%q) is not ErrMalformedKey", name)
		}
	}
}

// TestNamedCopies: an Error keeps no byte of the buffer its name came from.
func TestNamedCopies(t *testing.T) {
	buf := []byte("no-ptty")
	err := Named(keyerrors.ErrMalformedKey, "option ", buf, "")
	copy(buf, "xxxxxxx")
	if got, want := err.Error(), `sshkey: option "no-ptty"`; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// TestErrorLazyForms: New, FillBinary and a zero Error say what they said
// when the message was made at once.
func TestErrorLazyForms(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{New(keyerrors.ErrPrivateKey, "a private key"), "sshkey: a private key"},
		{FillBinary(nil, keyerrors.ErrMalformedKey, "the line is ", 7, ", not text"), "sshkey: the line is <binary data, 7 bytes>, not text"},
		{FillBinary(nil, keyerrors.ErrMalformedKey, "the line is ", 1, ""), "sshkey: the line is <binary data, 1 byte>"},
		{&Error{Sentinel: keyerrors.ErrMalformedKey, Msg: "sshkey: whole"}, "sshkey: whole"},
		{&Error{}, ""},
		{Named(keyerrors.ErrMalformedKey, "no name", nil, ""), "sshkey: no name"},
		{Named(keyerrors.ErrMalformedKey, "empty name ", []byte{}, ""), `sshkey: empty name ""`},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%q, want %q", got, tt.want)
		}
	}
}
