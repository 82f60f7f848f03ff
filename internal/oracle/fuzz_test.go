package oracle

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"unicode/utf8"
)

// FuzzPatternRE2 holds every rule's MatchPattern, and its compiled RE2
// Pattern (validate's rewrite of the model pattern), to the slow reference of
// that pattern, and its Check to the reference plus the length rule, on any
// string, valid UTF-8 or not. The seed corpus in testdata/fuzz/FuzzPatternRE2
// is the oracle's boundary strings (written by -update).
func FuzzPatternRE2(f *testing.F) {
	for _, s := range []string{"", "\xff", "i-\xff0123456789", "a\xc3", "1a\x80", "us-east-1\xf0\x9f\x98"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid := utf8.ValidString(s)
		n := utf8.RuneCountInString(s)
		for _, c := range covered {
			want := ref(c.shape, s)
			if got := c.rule.MatchPattern(s); got != want {
				t.Errorf("%s.MatchPattern(%q) = %v, the slow reference of %s says %v", c.name, s, got, c.shape, want)
			}
			// The RE2 rewrite itself, which MatchPattern may bypass for a
			// faster matcher. InstanceOSUser's Pattern drops the lookahead
			// (?=.{2,32}$), so it may say more than the model, and only
			// over 32 characters.
			if c.rule.Pattern != nil {
				re2 := valid && c.rule.Pattern.MatchString(s)
				if c.shape == shapeOSUser && re2 && !want && n > 32 {
					re2 = false
				}
				if re2 != want {
					t.Errorf("%s.Pattern (%s) on %q = %v, the slow reference of %s says %v",
						c.name, c.rule.Pattern, s, re2, c.rule.ModelPattern, want)
				}
			}
			wantOK := s == "" && !c.rule.Required ||
				s != "" && valid && want &&
					(c.rule.MinLen == 0 || n >= c.rule.MinLen) && (c.rule.MaxLen == 0 || n <= c.rule.MaxLen)
			if err := c.rule.Check(s); (err == nil) != wantOK {
				t.Errorf("%s.Check(%q) = %v, the slow reference says accepted = %v", c.name, s, err, wantOK)
			}
		}
		if got, want := fingerprintRE.MatchString(s) && valid, ref(shapeFingerprint, s); got != want {
			t.Errorf("fingerprint pattern on %q: RE2 %v, slow reference %v", s, got, want)
		}
	})
}

// writeFuzzSeeds replaces the seed corpus of FuzzPatternRE2 with the
// goldens' boundary strings of at most 64 bytes, one file per distinct
// string, named by its SHA-256 as go test -fuzz names its own finds.
func writeFuzzSeeds() error {
	gs, err := goldenCache()
	if err != nil {
		return err
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzPatternRE2")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dir, "seed-*"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	var seeds []string
	for _, g := range gs {
		for _, r := range g.Cases {
			if r.Kind == "boundary" && len(r.S) <= 64 && !seen[r.S] {
				seen[r.S] = true
				seeds = append(seeds, r.S)
			}
		}
	}
	sort.Strings(seeds)
	for _, s := range seeds {
		sum := sha256.Sum256([]byte(s))
		name := filepath.Join(dir, fmt.Sprintf("seed-%x", sum[:8]))
		body := "go test fuzz v1\nstring(" + strconv.Quote(s) + ")\n"
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "oracle -update: %d fuzz seeds in %s\n", len(seeds), dir)
	return nil
}
