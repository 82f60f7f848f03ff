package oracle

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzPatternRE2 holds every rule's MatchPattern (its matcher) and its
// compiled Regexp (validate's RE2 rewrite of the model pattern) to the slow
// reference of that pattern, and its Check to the reference plus the length
// rule, on any string, valid UTF-8 or not. Its seeds are the oracle's
// boundary strings (fuzzSeeds), read from the goldens at each run, and a few
// hand-picked strings, most of them invalid UTF-8; testdata/fuzz/FuzzPatternRE2
// holds only what fuzzing found.
func FuzzPatternRE2(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{"", "\xff", "i-\xff0123456789", "a\xc3", "1a\x80", "us-east-1\xf0\x9f\x98"} {
		f.Add(s)
	}
	rules := covered(f)
	f.Fuzz(func(t *testing.T, s string) {
		valid := utf8.ValidString(s)
		n := utf8.RuneCountInString(s)
		for _, c := range rules {
			want := ref(c.shape, s)
			if got := c.rule.MatchPattern(s); got != want {
				t.Errorf("%s.MatchPattern(%q) = %v, the slow reference of %s says %v", c.name, s, got, c.shape, want)
			}
			if re := c.rule.Regexp(); re != nil {
				if got := valid && re.MatchString(s); got != want {
					t.Errorf("%s.Regexp() on %q = %v, the slow reference of %s says %v",
						c.name, s, got, c.rule.Pattern(), want)
				}
			}
			// Check takes a present value: "" is checked like any other.
			wantOK := valid && want &&
				(c.rule.MinLen() == 0 || n >= c.rule.MinLen()) && (c.rule.MaxLen() == 0 || n <= c.rule.MaxLen())
			if err := c.rule.Check(s); (err == nil) != wantOK {
				t.Errorf("%s.Check(%q) = %v, the slow reference says accepted = %v", c.name, s, err, wantOK)
			}
		}
		if got, want := fingerprintRE.MatchString(s) && valid, ref(shapeFingerprint, s); got != want {
			t.Errorf("fingerprint pattern on %q: RE2 %v, slow reference %v", s, got, want)
		}
	})
}

// fuzzSeeds are the goldens' boundary strings of at most 64 bytes, sorted
// and without duplicates, so that every run adds the same seeds.
func fuzzSeeds(tb testing.TB) []string {
	tb.Helper()
	var seeds []string
	for _, g := range goldens(tb) {
		for _, r := range g.Cases {
			if r.Kind == "boundary" && len(r.S) <= 64 {
				seeds = append(seeds, r.S)
			}
		}
	}
	slices.Sort(seeds)
	return slices.Compact(seeds)
}
