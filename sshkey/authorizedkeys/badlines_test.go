package authorizedkeys_test

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/keyvet/keyvet/sshkey/authorizedkeys"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

const edLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ user@host\n"

// badShapes are files of about size bytes of one shape of line each: key
// lines, the reference, and bad lines of the shapes a careless or hostile
// file is made of.
func badShapes(size int) map[string][]byte {
	rep := func(unit string) []byte { return bytes.Repeat([]byte(unit), max(1, size/len(unit))) }
	bin := make([]byte, size)
	x := uint32(2463534242)
	for i := range bin {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		bin[i] = byte(x)
	}
	return map[string][]byte{
		"keys":     rep(edLine),
		"a":        rep("a\n"),
		"binary":   bin,
		"mistyped": rep("no-ptty " + edLine),
	}
}

// readAll ranges over Read of data without asking for an error's text, and
// returns the entries and the errors.
func readAll(data []byte) (entries, errs int) {
	return keytest.Count(authorizedkeys.Read(bytes.NewReader(data)))
}

// TestBadLineAllocs: a bad line of the common shapes costs one allocation
// (its LineError and the error it wraps, made together), its message none
// until asked for; a line of mistyped options no more than a key line's
// allocations (its key is read) and three: the options' copy, the entry
// they would have been, the error.
func TestBadLineAllocs(t *testing.T) {
	const n = 1000
	perLine := func(data []byte) float64 {
		_, errs := readAll(data)
		lines := bytes.Count(data, []byte("\n"))
		if name := string(data[:1]); name == "a" && errs != lines {
			t.Fatalf("%d errors for %d lines", errs, lines)
		}
		return testing.AllocsPerRun(3, func() { readAll(data) }) / float64(lines)
	}
	a := perLine(bytes.Repeat([]byte("a\n"), n))
	keys := perLine(bytes.Repeat([]byte(edLine), n))
	mistyped := perLine(bytes.Repeat([]byte("no-ptty "+edLine), n))
	t.Logf("allocations per line: a %.2f, key lines %.2f, mistyped options %.2f", a, keys, mistyped)
	if a > 1.05 {
		t.Errorf(`%.2f allocations per line of "a", want 1`, a)
	}
	if mistyped > keys+3.05 {
		t.Errorf("%.2f allocations per line of mistyped options, %.2f per key line: want at most three more", mistyped, keys)
	}
}

// allocPerByte returns the bytes Read allocates per byte of data, the
// least of three runs.
func allocPerByte(data []byte) float64 {
	best := uint64(1 << 62)
	var m0, m1 runtime.MemStats
	for range 3 {
		runtime.ReadMemStats(&m0)
		readAll(data)
		runtime.ReadMemStats(&m1)
		best = min(best, m1.TotalAlloc-m0.TotalAlloc)
	}
	return float64(best) / float64(len(data))
}

// TestBadLineAllocBytes: per byte of input, a file of bad lines allocates
// about what a file of key lines does (BENCHMARKS.md, "Bad lines", has the
// figures): bad lines hold no message until one is asked for. A file of
// "a\n" is the exception that cannot be helped: one error per two bytes,
// and an error (LineError, sentinel, line number, the words' parts, the
// name's bounded copy) is bytes: the bound is one error's allocation per
// line, no more.
func TestBadLineAllocBytes(t *testing.T) {
	shapes := badShapes(256 << 10)
	keys := allocPerByte(shapes["keys"])
	// The bounds are bytes per byte of input, set when key lines
	// allocated 4.35 a byte (before an Entry held its Options by
	// pointer; now about 2.4): a key line must stay the dearer of the
	// two where a bad line can be as cheap as one.
	for _, tt := range []struct {
		name  string
		bound float64
	}{{"a", 80}, {"binary", 4.35}, {"mistyped", 1.5 * 4.35}} {
		got := allocPerByte(shapes[tt.name])
		t.Logf("%s: %.2f bytes allocated per byte, key lines %.2f", tt.name, got, keys)
		if got > tt.bound {
			t.Errorf("%s: %.2f bytes allocated per byte of input, more than %.2f (key lines: %.2f)", tt.name, got, tt.bound, keys)
		}
	}
	if keys > 4.35 {
		t.Errorf("key lines: %.2f bytes allocated per byte of input, more than 4.35", keys)
	}
}

// TestBadLineTime: reading a file of bad lines costs, per byte, within a
// bound of the key lines' cost, measured on a busy machine (interleaved,
// the least of 5 runs). The bounds are twice or more BENCHMARKS.md's
// ratios ("Bad lines"): a file of "a\n", one error per two bytes, is what
// costs most, and is far from the key lines' cost (about 30x, 64x before
// the errors' words were made lazily): each line is a parse, an allocation
// and a yield.
func TestBadLineTime(t *testing.T) {
	if testing.Short() {
		t.Skip("1 MiB inputs; run without -short")
	}
	size := 1 << 20
	if keytest.RaceEnabled {
		size = 256 << 10
	}
	shapes := badShapes(size)
	bounds := map[string]float64{"a": 150, "binary": 6, "mistyped": 10}
	if keytest.RaceEnabled {
		bounds["a"] = 300 // the race detector weighs on allocations most
	}
	for name, bound := range bounds {
		got := keytest.CostPerByte(func(b []byte) { readAll(b) }, 5, shapes["keys"], shapes[name])
		t.Logf("%s: %.2f ns/byte, key lines %.2f: %.1fx", name, got[1], got[0], got[1]/got[0])
		if got[1] > bound*got[0] {
			t.Errorf("%s: %.2f ns/byte, %.1f times the key lines' %.2f; want at most %.0fx", name, got[1], got[1]/got[0], got[0], bound)
		}
	}
}

// hostileFiles are files of about size bytes of lines of 60 KiB (a line
// over 64 KiB is skipped unread) of each shape that could make a scanner
// quadratic, and files of one-byte lines, binary data and mistyped options.
func hostileFiles(size int) map[string][]byte {
	line := func(unit string) string {
		return strings.Repeat(unit, (60<<10)/len(unit)) + "\n"
	}
	rep := func(l string) []byte { return bytes.Repeat([]byte(l), max(1, size/len(l))) }
	shapes := badShapes(size)
	return map[string][]byte{
		"quoted-runs":      rep(line(`"a"`)),
		"escaped-quotes":   rep(`"` + line(`\"`)),
		"option-runs":      rep(line(`k="v",`)),
		"command-runs":     rep(line(`command="v",`)),
		"comma-runs":       rep(line(`a,`)),
		"blank-runs":       rep(line(`a `)),
		"one-byte-lines":   shapes["a"],
		"binary":           shapes["binary"],
		"mistyped-options": shapes["mistyped"],
	}
}

// TestReadLinear: Read costs about the same per byte on 4 MiB (1 MiB under
// -race) of each hostile shape as on 64 KiB: within 4x (a quadratic reader
// costs 64x, 16x under -race), the least of 5 interleaved runs, measured
// again when off.
func TestReadLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("4 MiB inputs; run without -short")
	}
	large := 4 << 20
	if keytest.RaceEnabled {
		large = 1 << 20
	}
	keytest.Linear(t, func(b []byte) { readAll(b) }, hostileFiles(64<<10), hostileFiles(large))
}
