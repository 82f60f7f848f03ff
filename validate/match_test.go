package validate_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// matcherSeeds are the strings at the edges of every pattern.
var matcherSeeds = []string{
	"", "i-", "i-0", "i-0123456789abcdef0", "i-ABC", "I-abc", "i-abc\n", "mi-048afb7f6460a110d",
	"ec2-user", "a", "_", "1", "1a", "1$", "a$", "$", "us$er", "-user", "a.b@c", "1.a$",
	"a" + strings.Repeat("b", 30) + "$", "a" + strings.Repeat("b", 31), "a" + strings.Repeat("b", 30) + "@",
	strings.Repeat("1", 31) + "a", strings.Repeat("1", 32) + "a", strings.Repeat("1", 30) + "a$", strings.Repeat("1", 31) + "a" + strings.Repeat("b", 9),
	strings.Repeat("1", 31) + "a$", "1" + strings.Repeat("a", 30) + "$", "1a" + strings.Repeat("b", 30), "1a" + strings.Repeat("b", 31), "1a" + strings.Repeat("b", 29) + "$", "12" + strings.Repeat("-", 30),
	"us-west-2a", "us-gov-west-1a", "us-west-2-lax-1a", "uswest-2a", "us--west-2a", "-us-west-2a", "us-west-2", "us-west-a2", "us-west-2a-",
	"alice", "a_Z9+=,.@-", "alice smith", "a`b", "a[b", "a:b", "a/b", "élise",
	"APKAEIBAERJR2EXAMPLE", "APKA-1", "7a:1d:ea:9e", "SHA256:abc+/",
	"a\tb\nc\r\n", "a\vb", "\x1f", " ", "\x7f", "\u0080", "ÿ", "Ā", "\xc2", "\xc2\x7f", "\xc3\xbf", "\xc4\x80", "\xff", "a\x00b", "😀",
}

// TestMatchersEqualRegexps holds every rule's matcher to its compiled
// Regexp on the seeds; FuzzMatchers does it on any string.
func TestMatchersEqualRegexps(t *testing.T) {
	rules := everyRule()
	if len(rules) < 16 {
		t.Fatalf("everyRule found %d rules, want every member of the seven operations and the outputs", len(rules))
	}
	for name, r := range rules {
		for _, s := range matcherSeeds {
			checkMatcher(t, name, r, s)
		}
	}
}

func FuzzMatchers(f *testing.F) {
	for _, s := range matcherSeeds {
		f.Add(s)
	}
	rules := everyRule()
	f.Fuzz(func(t *testing.T, s string) {
		for name, r := range rules {
			checkMatcher(t, name, r, s)
		}
	})
}

// checkMatcher checks that the rule's matcher agrees with its Regexp on s,
// and that Check gives the reference's first failure, sentinel and words.
func checkMatcher(t *testing.T, name string, r validate.Rule, s string) {
	t.Helper()
	if got, want := r.MatchPattern(s), refMatch(r, s); got != want {
		t.Fatalf("%s: MatchPattern(%q) = %v, the compiled Regexp says %v", name, s, got, want)
	}
	ref := refRule(r, s, true)
	err := r.Check(s)
	if len(ref) == 0 {
		if err != nil {
			t.Fatalf("%s: Check(%q) = %v, the reference accepts it", name, s, err)
		}
		return
	}
	var fe *keyerrors.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("%s: Check(%q) = %v, the reference finds %v", name, s, err, ref)
	}
	if fe.Err != ref[0].err || fe.Constraint != ref[0].constraint {
		t.Fatalf("%s: Check(%q) = %v / %q, the reference %v / %q", name, s, fe.Err, fe.Constraint, ref[0].err, ref[0].constraint)
	}
}

// TestScalarCount holds scalarCount, the length of a refused value, to
// utf8.RuneCountInString on valid UTF-8 of every width and alignment.
func TestScalarCount(t *testing.T) {
	for _, s := range matcherSeeds {
		for _, pad := range []string{"", "a", "abcdefg", "é", "😀😀"} {
			v := pad + s + pad
			if !utf8.ValidString(v) {
				continue
			}
			if got, want := validate.ScalarCount(v), utf8.RuneCountInString(v); got != want {
				t.Errorf("scalarCount(%q) = %d, want %d", v, got, want)
			}
		}
	}
}
