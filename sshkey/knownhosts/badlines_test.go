package knownhosts_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/keyvet/keyvet/sshkey/internal/keytest"
	"github.com/keyvet/keyvet/sshkey/knownhosts"
)

const khEdLine = "host.example.com,10.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ user@host\n"

// readAllHosts ranges over Read of data without asking for an error's text.
func readAllHosts(data []byte) (entries, errs int) {
	return keytest.Count(knownhosts.Read(bytes.NewReader(data)))
}

// TestBadHostLineAllocs: a bad line of "a\n" costs Read one allocation.
func TestBadHostLineAllocs(t *testing.T) {
	data := bytes.Repeat([]byte("a\n"), 1000)
	if _, errs := readAllHosts(data); errs != 1000 {
		t.Fatalf("%d errors for 1000 lines", errs)
	}
	if n := testing.AllocsPerRun(3, func() { readAllHosts(data) }) / 1000; n > 1.05 {
		t.Errorf(`%.2f allocations per line of "a", want 1`, n)
	}
}

// hostFiles are files of about size bytes of lines of 60 KiB (a longer
// line is skipped unread) of the shapes that could make a known_hosts
// scanner quadratic, and of one-byte lines and binary data.
func hostFiles(size int) map[string][]byte {
	line := func(unit, tail string) string {
		return strings.Repeat(unit, (60<<10-len(tail))/len(unit)) + tail + "\n"
	}
	rep := func(l string) []byte { return bytes.Repeat([]byte(l), max(1, size/len(l))) }
	bin := make([]byte, size)
	x := uint32(2463534242)
	for i := range bin {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		bin[i] = byte(x)
	}
	key := " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ"
	return map[string][]byte{
		"host-lists":        rep(line("a,", "a"+key)),
		"host-lists-no-key": rep(line("a,", "")),
		"bad-key-runs":      rep(line("a ", "")),
		"quoted-runs":       rep(line(`"a"`, key)),
		"markers":           rep(line("@", "")),
		"hashed":            rep(line("|1|", "")),
		"one-byte-lines":    rep("a\n"),
		"binary":            bin,
		"keys":              rep(khEdLine),
	}
}

// TestReadLinear: Read costs about the same per byte on 4 MiB (1 MiB under
// -race) of each shape as on 64 KiB: within 4x (a quadratic reader costs
// 64x, 16x under -race), the least of 5 interleaved runs, measured again
// when off.
func TestReadLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("4 MiB inputs; run without -short")
	}
	large := 4 << 20
	if keytest.RaceEnabled {
		large = 1 << 20
	}
	keytest.Linear(t, func(b []byte) { readAllHosts(b) }, hostFiles(64<<10), hostFiles(large))
}
