package fingerprint_test

import (
	"crypto"
	"testing"

	"github.com/keyvet/keyvet/fingerprint"
)

// Sinks keep the compiler from optimising away the calls measured.
var (
	sinkString string
	sinkBytes  []byte
	sinkBool   bool
	sinkFP     fingerprint.Fingerprint
)

// TestNoAllocs pins the allocations of the hot paths: the string result
// is the only one, and the append and compare forms make none.
func TestNoAllocs(t *testing.T) {
	blob := loadPub(t, keyDir+"/rsa4096.pub").Marshal()
	hashes := []crypto.Hash{crypto.MD5, crypto.SHA1, crypto.SHA256, crypto.SHA384, crypto.SHA512}
	buf := make([]byte, 0, 128)
	for _, h := range hashes {
		f := fingerprint.FromBlob(h, blob)
		s := f.String()
		g := f
		for _, c := range []struct {
			name string
			want float64
			fn   func()
		}{
			{"OfBlob", 1, func() { sinkString = fingerprint.OfBlob(h, blob) }},
			{"AppendBlob", 0, func() { sinkBytes = fingerprint.AppendBlob(buf[:0], h, blob) }},
			{"FromBlob", 0, func() { sinkFP = fingerprint.FromBlob(h, blob) }},
			{"Parse", 0, func() { sinkFP, _ = fingerprint.Parse(s) }},
			{"String", 1, func() { sinkString = f.String() }},
			{"AppendText", 0, func() { sinkBytes, _ = f.AppendText(buf[:0]) }},
			{"MatchesBlob", 0, func() { sinkBool = f.MatchesBlob(blob) }},
			{"Equal", 0, func() { sinkBool = f.Equal(g) }},
		} {
			if got := testing.AllocsPerRun(100, c.fn); got != c.want {
				t.Errorf("%s(%v): %v allocations, want %v", c.name, h, got, c.want)
			}
		}
	}
	if got := testing.AllocsPerRun(100, func() { sinkString = fingerprint.BubblebabbleBlob(blob) }); got != 1 {
		t.Errorf("BubblebabbleBlob: %v allocations, want 1", got)
	}
	if got := testing.AllocsPerRun(100, func() { sinkString, _ = fingerprint.RandomArtBlob(crypto.SHA256, blob) }); got != 1 {
		t.Errorf("RandomArtBlob: %v allocations, want 1", got)
	}
}
