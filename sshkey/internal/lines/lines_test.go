package lines

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/keyvet/keyvet/sshkey"
)

func TestLineReader(t *testing.T) {
	long := strings.Repeat("x", sshkey.MaxLineLen+1)
	tests := []struct {
		name, in string
		want     []string // "<long>" for a line too long
		reason   string
	}{
		{"empty", "", nil, "no line at all"},
		{"lf", "a\nb\n", []string{"a", "b"}, "two lines"},
		{"crlf", "a\r\nb\r\n", []string{"a", "b"}, "CRLF is a line ending"},
		{"no last newline", "a\nb", []string{"a", "b"}, "the last line needs no ending"},
		{"lone cr", "a\rb\n", []string{"a\rb"}, "a lone CR is part of the line, as sshd reads it"},
		{"blank lines", "\n\n", []string{"", ""}, "blank lines count"},
		{"max", strings.Repeat("y", sshkey.MaxLineLen) + "\r\n", []string{strings.Repeat("y", sshkey.MaxLineLen)}, "exactly sshkey.MaxLineLen bytes, CRLF aside"},
		{"too long", "a\n" + long + "\nb\n", []string{"a", "<long>", "b"}, "a line past sshkey.MaxLineLen is reported and skipped"},
		{"too long last", "a\n" + long, []string{"a", "<long>"}, "without a line ending"},
	}
	for _, tt := range tests {
		for _, r := range []io.Reader{strings.NewReader(tt.in), iotest.OneByteReader(strings.NewReader(tt.in))} {
			lr := newLineReader(r)
			var got []string
			for {
				ok, tooLong := lr.next()
				if !ok {
					break
				}
				if lr.n != len(got)+1 {
					t.Fatalf("%s: line number %d, want %d", tt.name, lr.n, len(got)+1)
				}
				if tooLong {
					got = append(got, "<long>")
				} else {
					got = append(got, string(lr.line))
				}
			}
			if lr.readErr() != nil || strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("%s: lines %q, err %v; want %q (%s)", tt.name, got, lr.readErr(), tt.want, tt.reason)
			}
		}
	}
}

func TestLineReaderError(t *testing.T) {
	boom := errors.New("boom")
	lr := newLineReader(io.MultiReader(strings.NewReader("a\nb"), iotest.ErrReader(boom)))
	if ok, _ := lr.next(); !ok || string(lr.line) != "a" {
		t.Fatalf("first line: %v %q", ok, lr.line)
	}
	if ok, _ := lr.next(); ok {
		t.Errorf("the line a read error cut short was returned: %q", lr.line)
	}
	if !errors.Is(lr.readErr(), boom) {
		t.Errorf("readErr = %v, want boom", lr.readErr())
	}
}
