package fingerprint

import (
	"bytes"
	"crypto"
	"encoding/base64"
	"math/rand/v2"
	"testing"
)

// TestAppendRawB64 holds appendRawB64 to base64.RawStdEncoding.AppendEncode
// on every length up to 100, with and without bytes already in dst.
func TestAppendRawB64(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 100; n++ {
		for range 20 {
			d := make([]byte, n)
			for i := range d {
				d[i] = byte(r.Uint32())
			}
			for _, pre := range [][]byte{nil, []byte("SHA256:")} {
				got := appendRawB64(bytes.Clone(pre), d)
				want := base64.RawStdEncoding.AppendEncode(bytes.Clone(pre), d)
				if !bytes.Equal(got, want) {
					t.Fatalf("appendRawB64(%q, % x) = %q, want %q", pre, d, got, want)
				}
			}
		}
	}
}

func FuzzAppendRawB64(f *testing.F) {
	f.Add([]byte("abc"))
	f.Fuzz(func(t *testing.T, d []byte) {
		got := appendRawB64([]byte("x:"), d)
		want := base64.RawStdEncoding.AppendEncode([]byte("x:"), d)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendRawB64 = %q, want %q", got, want)
		}
	})
}

// TestSHA256Text holds sha256Text to appendText on random digests.
func TestSHA256Text(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		var sum [maxDigest]byte
		for i := range 32 {
			sum[i] = byte(r.Uint32())
		}
		got := sha256Text(&sum)
		if want := appendText(nil, crypto.SHA256, sum[:32]); string(got[:]) != string(want) {
			t.Fatalf("sha256Text(% x) = %s, want %s", sum[:32], got[:], want)
		}
	}
}
