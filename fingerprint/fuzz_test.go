package fingerprint_test

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"regexp"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
)

// The slow parser: the grammar of Parse written with regexp and the
// standard library's strict decoders, obviously correct and allocating
// freely, for FuzzParse to hold the fast one to.
var (
	slowMD5 = regexp.MustCompile(`^(?:MD5:)?([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){15})$`)
	slowB64 = regexp.MustCompile(`^(SHA1|SHA256|SHA384|SHA512):([A-Za-z0-9+/]+)$`)
	slowEC2 = regexp.MustCompile(`^([A-Za-z0-9+/]{43})=$`)
	slowAlg = map[string]crypto.Hash{"SHA1": crypto.SHA1, "SHA256": crypto.SHA256, "SHA384": crypto.SHA384, "SHA512": crypto.SHA512}
)

func slowParse(s string) (crypto.Hash, []byte, bool) {
	if m := slowMD5.FindStringSubmatch(s); m != nil {
		d, err := hex.DecodeString(strings.ReplaceAll(m[1], ":", ""))
		return crypto.MD5, d, err == nil
	}
	if m := slowB64.FindStringSubmatch(s); m != nil {
		h := slowAlg[m[1]]
		// Strict refuses non-zero unused bits; the regexp has already
		// refused the newlines that Strict would skip.
		d, err := base64.RawStdEncoding.Strict().DecodeString(m[2])
		return h, d, err == nil && len(d) == h.Size()
	}
	if m := slowEC2.FindStringSubmatch(s); m != nil {
		d, err := base64.StdEncoding.Strict().DecodeString(s)
		return crypto.SHA256, d, err == nil && len(d) == sha256.Size
	}
	return 0, nil, false
}

// canonical is what String must give for an input Parse accepts: the
// input itself, but lowercase and unprefixed for MD5, and ssh-keygen's
// "SHA256:" form for EC2's padded SHA-256.
func canonical(s string) string {
	if strings.HasPrefix(s, "SHA") {
		return s
	}
	if strings.HasSuffix(s, "=") {
		return "SHA256:" + strings.TrimSuffix(s, "=")
	}
	return strings.ToLower(strings.TrimPrefix(s, "MD5:"))
}

// slowOfBlob is OfBlob written with hash.Hash and the standard library's
// encoders.
func slowOfBlob(h crypto.Hash, blob []byte) string {
	w := h.New()
	w.Write(blob)
	d := w.Sum(nil)
	if h == crypto.MD5 {
		var parts []string
		for _, b := range d {
			parts = append(parts, hex.EncodeToString([]byte{b}))
		}
		return strings.Join(parts, ":")
	}
	return strings.ReplaceAll(h.String(), "-", "") + ":" + base64.RawStdEncoding.EncodeToString(d)
}

// FuzzParse checks that Parse never panics, agrees with the slow parser,
// refuses only with ErrMalformedFingerprint and a message within
// SafeValue, and that what it accepts round-trips through String. It also
// holds OfBlob of the input, under every hash, to slowOfBlob. Its seeds
// are the golden fingerprints (GoldenFingerprints), read from testdata/golden
// at each run, and the inputs of the Parse table; testdata/fuzz/FuzzParse
// holds only what fuzzing found.
func FuzzParse(f *testing.F) {
	for _, s := range fingerprint.GoldenFingerprints(f) {
		f.Add(s)
	}
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, h := range []crypto.Hash{crypto.MD5, crypto.SHA1, crypto.SHA256, crypto.SHA384, crypto.SHA512} {
			if got, want := fingerprint.OfBlob(h, []byte(s)), slowOfBlob(h, []byte(s)); got != want {
				t.Fatalf("OfBlob(%v, %q) = %q, want %q", h, s, got, want)
			}
		}
		fp, err := fingerprint.Parse(s)
		h, d, ok := slowParse(s)
		if (err == nil) != ok {
			t.Fatalf("Parse(%q) error %v; slow parser accepts: %v", s, err, ok)
		}
		if err != nil {
			if !errors.Is(err, keyerrors.ErrMalformedFingerprint) {
				t.Fatalf("Parse(%q) error %v does not wrap ErrMalformedFingerprint", s, err)
			}
			checkNoEcho(t, s, err)
			return
		}
		if fp.Hash() != h || !bytes.Equal(fp.Sum(), d) {
			t.Fatalf("Parse(%q) = %v %x; slow parser %v %x", s, fp.Hash(), fp.Sum(), h, d)
		}
		str := fp.String()
		if str != canonical(s) {
			t.Fatalf("Parse(%q).String() = %q, want %q", s, str, canonical(s))
		}
		again, err := fingerprint.Parse(str)
		if err != nil || !again.Equal(fp) || again != fp {
			t.Fatalf("Parse(String()) = %v, %v; want %v", again, err, fp)
		}
	})
}
