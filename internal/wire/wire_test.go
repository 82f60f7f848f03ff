package wire

import (
	"bytes"
	"math/big"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct {
		name, in, s, rest string
		ok                bool
		reason            string
	}{
		{"empty string", "\x00\x00\x00\x00", "", "", true, "a zero length is a valid empty string"},
		{"with rest", "\x00\x00\x00\x02hi!", "hi", "!", true, "the bytes after the string are the rest"},
		{"short header", "\x00\x00\x00", "", "", false, "a length needs four bytes"},
		{"runs past", "\x00\x00\x00\x03hi", "", "", false, "the length is longer than what follows"},
		{"huge length", "\xff\xff\xff\xffhi", "", "", false, "a length near 2^32 must not overflow the bound check"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, rest, ok := String([]byte(tt.in))
			if ok != tt.ok || string(s) != tt.s || string(rest) != tt.rest {
				t.Errorf("String(%q) = %q, %q, %v; want %q, %q, %v (%s)", tt.in, s, rest, ok, tt.s, tt.rest, tt.ok, tt.reason)
			}
		})
	}
}

func TestMPInt(t *testing.T) {
	tests := []struct {
		name, in, mag string
		p             MPIntProblem
		reason        string
	}{
		{"zero", "\x00\x00\x00\x00", "", MPIntOK, "zero is the empty string (RFC 4251 section 5)"},
		{"small", "\x00\x00\x00\x01\x03", "\x03", MPIntOK, "a positive number without a high bit"},
		{"high bit", "\x00\x00\x00\x02\x00\x80", "\x80", MPIntOK, "a leading zero is needed before a set high bit"},
		{"negative", "\x00\x00\x00\x01\x80", "", MPIntNegative, "a set high bit is a negative number"},
		{"zero byte", "\x00\x00\x00\x01\x00", "", MPIntNonCanonical, "zero written with one byte is not minimal"},
		{"leading zero", "\x00\x00\x00\x02\x00\x01", "", MPIntNonCanonical, "a zero before a clear high bit is not minimal"},
		{"truncated", "\x00\x00\x00\x02\x01", "", MPIntTruncated, "the string runs past the input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mag, _, p := MPInt([]byte(tt.in))
			if p != tt.p || string(mag) != tt.mag {
				t.Errorf("MPInt(%q) = %q, %v; want %q, %v (%s)", tt.in, mag, p, tt.mag, tt.p, tt.reason)
			}
		})
	}
}

func TestBitLen(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{{"", 0}, {"\x00", 0}, {"\x01", 1}, {"\x00\x01\x00", 9}, {"\x80\x00", 16}, {"\x7f", 7}} {
		if got := BitLen([]byte(tt.in)); got != tt.want {
			t.Errorf("BitLen(%q) = %d, want %d", tt.in, got, tt.want)
		}
		if got := new(big.Int).SetBytes([]byte(tt.in)).BitLen(); got != tt.want {
			t.Errorf("big.Int BitLen(%q) = %d; the table is wrong", tt.in, got)
		}
	}
}

// FuzzMPInt holds AppendMPInt and MPInt to each other and to math/big: any
// magnitude written is read back as the same number, and minimal.
func FuzzMPInt(f *testing.F) {
	for _, s := range []string{"", "\x00", "\x01", "\x80", "\x00\x80", "\xff\xff", "\x00\x00\x01"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, m []byte) {
		enc := AppendMPInt([]byte("x"), m)
		mag, rest, p := MPInt(enc[1:])
		if p != MPIntOK || len(rest) != 0 {
			t.Fatalf("MPInt(AppendMPInt(%x)) = %v, rest %x", m, p, rest)
		}
		want := new(big.Int).SetBytes(m)
		if got := new(big.Int).SetBytes(mag); got.Cmp(want) != 0 {
			t.Fatalf("read %x back as %x", m, mag)
		}
		if BitLen(m) != want.BitLen() {
			t.Fatalf("BitLen(%x) = %d, big.Int says %d", m, BitLen(m), want.BitLen())
		}
		if len(mag) > 0 && mag[0] == 0 || !bytes.Equal(mag, want.Bytes()) {
			t.Fatalf("magnitude %x is not minimal", mag)
		}
	})
}
