package validate_test

import (
	"strings"
	"testing"

	"github.com/keyvet/keyvet/validate"
)

// matcherSeeds are the strings at the edges of every pattern.
var matcherSeeds = []string{
	"", "i-", "i-0", "i-0123456789abcdef0", "i-ABC", "I-abc", "i-abc\n", "mi-048afb7f6460a110d",
	"ec2-user", "a", "_", "1", "1a", "1$", "a$", "$", "us$er", "-user", "a.b@c", "1.a$",
	"a" + strings.Repeat("b", 30) + "$", "a" + strings.Repeat("b", 31), "a" + strings.Repeat("b", 30) + "@",
	strings.Repeat("1", 31) + "a", strings.Repeat("1", 32) + "a", strings.Repeat("1", 30) + "a$", strings.Repeat("1", 31) + "a" + strings.Repeat("b", 9),
	"us-west-2a", "us-gov-west-1a", "us-west-2-lax-1a", "uswest-2a", "us--west-2a", "-us-west-2a", "us-west-2", "us-west-a2", "us-west-2a-",
	"alice", "a_Z9+=,.@-", "alice smith", "a`b", "a[b", "a:b", "a/b", "élise",
	"APKAEIBAERJR2EXAMPLE", "APKA-1", "7a:1d:ea:9e", "SHA256:abc+/",
	"a\tb\nc\r\n", "a\vb", "\x1f", " ", "\x7f", "\u0080", "ÿ", "Ā", "\xc2", "\xc2\x7f", "\xc3\xbf", "\xc4\x80", "\xff", "a\x00b", "😀",
}

// TestMatchersEqualRegexps holds every hand-written matcher to the compiled
// pattern on the seeds; FuzzMatchers does it on any string.
func TestMatchersEqualRegexps(t *testing.T) {
	for _, r := range validate.Rules() {
		for _, s := range matcherSeeds {
			checkMatcher(t, r, s)
		}
	}
}

func FuzzMatchers(f *testing.F) {
	for _, s := range matcherSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range validate.Rules() {
			checkMatcher(t, r, s)
		}
	})
}

// checkMatcher checks that the fast matcher and the regexp agree on s, and
// that the fast accept path agrees with the full check.
func checkMatcher(t *testing.T, r *validate.Rule, s string) {
	t.Helper()
	if got, want := r.MatchPattern(s), r.MatchPatternRE(s); got != want {
		t.Fatalf("%s: MatchPattern(%q) = %v, the compiled pattern says %v", r.Member, s, got, want)
	}
	ref := r.CheckRef(s)
	if r.CheckFast(s) && len(ref) > 0 {
		t.Fatalf("%s: the fast path accepts %q, the full check refuses it: %v", r.Member, s, ref[0])
	}
	if (r.Check(s) == nil) != (len(ref) == 0) {
		t.Fatalf("%s: Check(%q) = %v, the full check found %d failures", r.Member, s, r.Check(s), len(ref))
	}
	// The fast path must accept every valid non-empty value of a rule that
	// has a matcher, or the speed is an accident of the input.
	if s != "" && len(ref) == 0 && r.ModelPattern != "" && !r.CheckFast(s) {
		t.Fatalf("%s: %q is valid but the fast path does not accept it", r.Member, s)
	}
}
