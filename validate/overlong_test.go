package validate_test

import (
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// overLongBodies are SSHPublicKeyBody values of n bytes, past the member's
// 16384 characters: in the pattern's class, or with one byte outside it at
// the start or at the end (the matcher stops at the first, the second makes
// it read everything), or with invalid UTF-8 last.
func overLongBodies(n int) map[string]string {
	a := strings.Repeat("A", n)
	return map[string]string{
		"in-class":      a,
		"latin1":        strings.Repeat("é", n/2),
		"bad-first":     "\x00" + a[1:],
		"bad-last":      a[1:] + "\x00",
		"invalid-utf-8": a[1:] + "\xff",
	}
}

// TestOverLongMember: AWS lists every constraint a member breaks, so an
// over-long body is refused for its length and, when a byte is outside the
// class, for its pattern too; and the key inside is never read. The cost is
// a few passes over the value and a bounded number of allocations, whatever
// its size (BENCHMARKS.md has the time per byte).
func TestOverLongMember(t *testing.T) {
	tests := []struct {
		shape  string
		want   []error
		reason string
	}{
		{"in-class", []error{keyerrors.ErrTooLong}, "every character is in the class: the length alone"},
		{"latin1", []error{keyerrors.ErrTooLong}, "two bytes a character, all in U+0080..U+00FF"},
		{"bad-first", []error{keyerrors.ErrTooLong, keyerrors.ErrPattern}, "U+0000 is outside the class"},
		{"bad-last", []error{keyerrors.ErrTooLong, keyerrors.ErrPattern}, "found only at the end"},
		{"invalid-utf-8", []error{keyerrors.ErrPattern}, "invalid UTF-8 has no length: one failure, the pattern"},
	}
	bodies := overLongBodies(4 << 20)
	for _, tt := range tests {
		in := &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: bodies[tt.shape]}
		err := in.Validate()
		var re *keyerrors.RequestError
		if !errors.As(err, &re) || len(re.Fields) != len(tt.want) {
			t.Errorf("%s: Validate = %.200v, want %d failures (%s)", tt.shape, err, len(tt.want), tt.reason)
			continue
		}
		for i, f := range re.Fields {
			if f.Field != "SSHPublicKeyBody" || f.Err != tt.want[i] || f.API != keyerrors.ErrValidation {
				t.Errorf("%s: failure %d is %s/%v/%v, want SSHPublicKeyBody/%v/ValidationError (%s)",
					tt.shape, i, f.Field, f.Err, f.API, tt.want[i], tt.reason)
			}
		}
		if n := testing.AllocsPerRun(3, func() { sinkErr = in.Validate() }); n > 8 {
			t.Errorf("%s: %v allocations, want at most 8", tt.shape, n)
		}
	}
}

// BenchmarkOverLong sets the cost of refusing an over-long SSHPublicKeyBody
// at 64 KiB and 4 MiB (SetBytes: equal MB/s is a straight line) beside the
// reference, the member's compiled regexp over the same value, which is
// what the refusal cost before the matchers decided failures too.
func BenchmarkOverLong(b *testing.B) {
	r := rule(b, validate.OpUploadSSHPublicKey, "SSHPublicKeyBody")
	re := r.Regexp()
	for _, size := range []struct {
		name string
		n    int
	}{{"64KiB", 64 << 10}, {"4MiB", 4 << 20}} {
		for shape, body := range overLongBodies(size.n) {
			in := &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: body}
			b.Run(shape+"/"+size.name+"/keyvet", func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				for b.Loop() {
					sinkErr = in.Validate()
				}
			})
			b.Run(shape+"/"+size.name+"/regexp", func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					sinkBool = re.MatchString(body)
				}
			})
		}
	}
}
