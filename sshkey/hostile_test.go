package sshkey

import (
	"maps"
	"math"
	"runtime"
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
		// Options-shaped text with no blank: the options scanner
		// (advancePastOptions) must not look for a blank over the rest
		// of the line at every quote.
		"quoted-runs":      []byte(rep(`"a"`)),
		"escaped-quotes":   []byte(rep(`\"`)),
		"quoted-values":    []byte(rep(`k="v",`)),
		"quoted-tabs":      []byte(rep("\"\t\"")),
		"open-quote":       []byte(`command="` + rep(`\"`)),
		"type-then-quotes": []byte("ssh-ed25519 " + ed25519B64 + " " + rep(`"a"`)),
		"hash-then-quotes": []byte("#\n" + rep(`"a"`)),
		"cr-then-quotes":   []byte("ssh-ed25519\r" + rep(`"a"`)),
		"equals-runs":      []byte(rep("a=")),
		"commas":           []byte(rep(",")),
		"binary":           binaryText(n),
		"short-lines":      []byte(rep("a\n")),
		"cr-lines":         []byte(rep("a\r")),
		"blank-runs":       []byte("a" + rep(" \t\r\n") + "a"),
	}
}

// binaryText returns n bytes of a fixed pseudo-random sequence.
func binaryText(n int) []byte {
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = byte(x >> 24)
	}
	return b
}

// isKey names the shapes that are keys, with a long comment or many
// headers.
var isKey = map[string]bool{"long-comment": true, "comment-runs": true, "rfc4716-headers": true, "type-then-quotes": true}

// linearAPIs are the entry points TestLinearCost holds to a linear cost.
func linearAPIs() []struct {
	name string
	run  func([]byte) error
} {
	p := &Policy{}
	return []struct {
		name string
		run  func([]byte) error
	}{
		{"Parse", func(b []byte) error { _, err := Parse(b); return err }},
		{"CheckText", p.CheckText},
		{"ParseAuthorizedKey", func(b []byte) error { _, err := ParseAuthorizedKey(b); return err }},
	}
}

// minCosts runs f on small and large in turn, rounds times, and returns the
// least CPU time per byte of each (threadTime: on a busy machine a run that
// spans several time slices, as the large one does, would otherwise be
// charged the time other processes ran). The sizes take turns so that a
// spell of load on the machine (cache and memory traffic) falls on both;
// the least of several runs is the one the load touched least.
func minCosts(f func([]byte) error, small, large []byte, rounds int, s, l float64) (float64, float64) {
	perByte := func(in []byte) float64 {
		runtime.LockOSThread() // both readings of one thread's clock
		defer runtime.UnlockOSThread()
		start := threadTime()
		_ = f(in)
		return float64(threadTime()-start) / float64(len(in))
	}
	for range rounds {
		s = min(s, perByte(small))
		l = min(l, perByte(large))
		if l*float64(len(large)) > slowRun {
			break // not linear: a quadratic scanner fails without more runs
		}
	}
	return s, l
}

// slowRun is the time, in nanoseconds, of a run on the large input that
// ends the measuring: a linear scanner takes a few milliseconds there (a
// few tens under -race), a quadratic one seconds.
const slowRun = 1e9

// TestLinearCost: Parse, CheckText and ParseAuthorizedKey refuse every
// hostile shape (or accept the few that are keys), and cost about the same
// per byte on the large input as on the small one, 16 times shorter: the
// bound is 4x, where a scanner that reads the rest of the text again at
// every quote, field or line costs 16x. Each cost is the least of runs that
// alternate the two sizes, measured again (the least kept) while the ratio
// is over the bound: noise passes on a second look, a quadratic scanner
// never does. Under -race, which slows every byte about tenfold, the sizes
// are 16 KiB and 256 KiB, still 16x apart.
func TestLinearCost(t *testing.T) {
	if testing.Short() {
		t.Skip("inputs of 1 MiB for every shape and API; run without -short")
	}
	smallSize, largeSize := 64<<10, 1<<20
	if raceEnabled {
		smallSize, largeSize = 16<<10, 256<<10
	}
	small, large := hostileShapes(smallSize), hostileShapes(largeSize)
	for _, name := range slices.Sorted(maps.Keys(small)) {
		t.Run(name, func(t *testing.T) {
			runtime.GC() // the garbage of the shape before is no cost of this one
			for _, f := range linearAPIs() {
				err := f.run(large[name])
				if f.name == "ParseAuthorizedKey" && err != nil {
					// A key in another encoding is no authorized_keys line.
				} else if (err == nil) != isKey[name] {
					t.Fatalf("%s of the large %s: %v", f.name, name, err)
				}
				s, l := math.Inf(1), math.Inf(1)
				for try := 0; try < 4; try++ {
					s, l = minCosts(f.run, small[name], large[name], 3, s, l)
					// Under 1 ns a byte on the large input the cost is
					// that of reading memory, not of a second scan.
					if l < 4*s || l < 1 || l*float64(len(large[name])) > slowRun {
						break
					}
				}
				t.Logf("%s: %.2f ns/byte on %d bytes, %.2f on %d (%.1fx)", f.name, l, len(large[name]), s, len(small[name]), l/s)
				if l >= 4*s && l >= 1 {
					t.Errorf("%s: %.2f ns/byte on %d bytes, %.2f on %d: %.1fx, not linear", f.name, l, len(large[name]), s, len(small[name]), l/s)
				}
			}
		})
	}
}

// wallTime returns the wall clock in nanoseconds.
func wallTime() int64 { return time.Now().UnixNano() }

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
