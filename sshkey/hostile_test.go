package sshkey

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hostileShapes returns texts of about n bytes in each shape an attacker can
// send the scanners, in every line-end style: the input of TestLinearCost
// and BenchmarkHostileShapes. None of them is a key but those isKey names:
// a key with a long comment, or many headers, is a key.
func hostileShapes(n int) map[string][]byte {
	rep := func(unit string) string { return strings.Repeat(unit, max(1, n/len(unit))) }
	line64 := strings.Repeat("A", 64)
	rfc := func(eol string) []byte {
		return []byte("---- BEGIN SSH2 PUBLIC KEY ----" + eol + rep(line64+eol) + "---- END SSH2 PUBLIC KEY ----" + eol)
	}
	pem := func(eol string) []byte {
		return []byte("-----BEGIN PUBLIC KEY-----" + eol + rep(line64+eol) + "-----END PUBLIC KEY-----" + eol)
	}
	return map[string][]byte{
		"junk":               []byte(rep("\x8f junk, no key here; ")),
		"base64":             []byte(rep("QUFB")),
		"ssh-rsa-line":       []byte("ssh-rsa " + rep("QUFB")),
		"long-comment":       []byte("ssh-ed25519 " + ed25519B64 + " " + rep("word ")),
		"many-lines-lf":      []byte(rep(ed25519Line + "\n")),
		"rfc4716-lf":         rfc("\n"),
		"rfc4716-crlf":       rfc("\r\n"),
		"rfc4716-cr":         rfc("\r"),
		"rfc4716-mixed":      []byte("---- BEGIN SSH2 PUBLIC KEY ----\n" + rep(line64+"\r"+line64+"\r\n"+line64+"\n") + "---- END SSH2 PUBLIC KEY ----\n"),
		"rfc4716-headers":    []byte("---- BEGIN SSH2 PUBLIC KEY ----\n" + rep("x-tag: value\n") + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----\n"),
		"rfc4716-headers-cr": []byte("---- BEGIN SSH2 PUBLIC KEY ----\r" + rep("x-tag: value\r") + "AAAA\r---- END SSH2 PUBLIC KEY ----\r"),
		"rfc4716-continued":  []byte("---- BEGIN SSH2 PUBLIC KEY ----\n" + rep("x-tag: v\\\n") + "v\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----\n"),
		"rfc4716-cr-no-end":  []byte("---- BEGIN SSH2 PUBLIC KEY ----\r" + rep(line64+"\r")),
		"pem-lf":             pem("\n"),
		"pem-crlf":           pem("\r\n"),
		"pem-cr":             pem("\r"),
		"pem-no-end":         []byte("-----BEGIN PUBLIC KEY-----\n" + rep(line64+"\n")),
		"comment-runs":       []byte("ssh-ed25519 " + ed25519B64 + " " + rep(strings.Repeat("QUFB", 10)+" ")),
		"private-body-late":  []byte("ssh-ed25519 " + ed25519B64 + " " + rep("word ") + "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQ"),
	}
}

// isKey names the shapes that are keys, with a long comment or many
// headers.
var isKey = map[string]bool{"long-comment": true, "comment-runs": true, "rfc4716-headers": true}

// costPerByte returns the least time per byte of three runs of f on in.
func costPerByte(f func([]byte), in []byte) float64 {
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		f(in)
		best = min(best, time.Since(start))
	}
	return float64(best.Nanoseconds()) / float64(len(in))
}

// TestLinearCost: Parse and CheckText refuse every hostile shape, and cost
// about the same per byte on 4 MiB (1 MiB under -race) as on 64 KiB. The bound here is 4x, loose
// against a noisy machine (a quadratic scanner costs 64x); BENCHMARKS.md has
// the measured curve, within 2x.
func TestLinearCost(t *testing.T) {
	if testing.Short() {
		t.Skip("4 MiB inputs; run without -short")
	}
	largeSize := 4 << 20
	if raceEnabled {
		largeSize = 1 << 20 // still 16 times the small one: a quadratic scanner costs 16x
	}
	small, large := hostileShapes(64<<10), hostileShapes(largeSize)
	p := &Policy{}
	for name := range small {
		t.Run(name, func(t *testing.T) {
			for _, f := range []struct {
				name string
				run  func([]byte) error
			}{
				{"Parse", func(b []byte) error { _, err := Parse(b); return err }},
				{"CheckText", p.CheckText},
			} {
				if err := f.run(large[name]); (err == nil) != isKey[name] {
					t.Fatalf("%s of the large %s: %v", f.name, name, err)
				}
				// Measured again, up to three times, when the ratio is
				// off: noise passes on a second look, a quadratic
				// scanner never does.
				var s, l float64
				for range 3 {
					s = costPerByte(func(b []byte) { _ = f.run(b) }, small[name])
					l = costPerByte(func(b []byte) { _ = f.run(b) }, large[name])
					if l <= 4*s || l <= 2 { // under 2 ns a byte, noise dominates
						break
					}
				}
				if l > 4*s && l > 2 {
					t.Errorf("%s: %.2f ns/byte on %d bytes, %.2f on 64 KiB: not linear", f.name, l, len(large[name]), s)
				}
			}
		})
	}
}

// BenchmarkHostileShapes measures Parse and CheckText on each hostile shape
// at 64 KiB and 4 MiB, for the cost curve in BENCHMARKS.md:
//
//	go test ./sshkey -run '^$' -bench HostileShapes -benchtime 3x
func BenchmarkHostileShapes(b *testing.B) {
	p := &Policy{}
	for _, size := range []int{64 << 10, 4 << 20} {
		shapes := hostileShapes(size)
		for _, name := range slices.Sorted(maps.Keys(shapes)) {
			in := shapes[name]
			b.Run(name+"/"+sizeName(size)+"/Parse", func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					_, _ = Parse(in)
				}
			})
			b.Run(name+"/"+sizeName(size)+"/CheckText", func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					_ = p.CheckText(in)
				}
			})
		}
	}
}

func sizeName(n int) string {
	if n >= 1<<20 {
		return strconv.Itoa(n>>20) + "MiB"
	}
	return strconv.Itoa(n>>10) + "KiB"
}
