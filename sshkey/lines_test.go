package sshkey

import (
	"slices"
	"testing"
)

// refLines splits b as RFC 4716 section 3.1 says, plainly: LF, CRLF or a
// lone CR end a line.
func refLines(b []byte) []string {
	var out []string
	for len(b) > 0 {
		line, rest, _ := nextRFC4716Line(b)
		out = append(out, string(line))
		b = rest
	}
	return out
}

func scanLines(b []byte) []string {
	var out []string
	s := newLineScanner(b)
	for {
		var line []byte
		var ok bool
		line, s, ok = s.next()
		if !ok {
			return out
		}
		out = append(out, string(line))
	}
}

// TestLineScanner holds lineScanner to nextRFC4716Line on every text of up
// to 8 bytes over 'a', CR and LF, which covers each way lines can end.
func TestLineScanner(t *testing.T) {
	alphabet := []byte{'a', '\r', '\n'}
	var walk func(b []byte)
	walk = func(b []byte) {
		if got, want := scanLines(b), refLines(b); !slices.Equal(got, want) {
			t.Fatalf("%q: lineScanner %q, reference %q", b, got, want)
		}
		if len(b) == 8 {
			return
		}
		for _, c := range alphabet {
			walk(append(b, c))
		}
	}
	walk(nil)
}

// FuzzLineScanner holds lineScanner to nextRFC4716Line on any text.
func FuzzLineScanner(f *testing.F) {
	f.Add([]byte("a\rb\r\nc\n\rd"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := scanLines(b), refLines(b); !slices.Equal(got, want) {
			t.Fatalf("%q: lineScanner %q, reference %q", b, got, want)
		}
	})
}
