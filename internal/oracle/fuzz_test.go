package oracle

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzPatternRE2 holds every rule's MatchPattern, and its compiled RE2
// Pattern (validate's rewrite of the model pattern), to the slow reference of
// that pattern, and its Check to the reference plus the length rule, on any
// string, valid UTF-8 or not. Its seeds are the oracle's boundary strings
// (fuzzSeeds), read from the goldens at each run, and a few hand-picked
// strings, most of them invalid UTF-8; testdata/fuzz/FuzzPatternRE2 holds
// only what fuzzing found.
func FuzzPatternRE2(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
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
