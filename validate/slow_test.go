package validate_test

import (
	"slices"
	"strconv"
	"testing"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// The reference reading of a rule: the plain words of the Smithy traits,
// built only from what a Rule shows of itself (its accessors and its
// compiled Regexp), never from its matcher. Validate and Rule.Check are held
// to it by FuzzMatchers, the Fuzz* targets of fuzz_test.go and the tables of
// rule_test.go.

// refFailure is one broken constraint as the reference sees it.
type refFailure struct {
	err        error  // the rule sentinel
	constraint string // AWS's words
}

// refRule returns every constraint v breaks, in AWS's order: presence, UTF-8,
// length, pattern, enum. present is false for an absent member.
func refRule(r validate.Rule, v string, present bool) []refFailure {
	if !present {
		if r.Required() {
			return []refFailure{{keyerrors.ErrRequired, "Member must not be null"}}
		}
		return nil
	}
	if !utf8.ValidString(v) {
		if r.Pattern() == "" {
			return []refFailure{{keyerrors.ErrPattern, "Member must be valid UTF-8"}}
		}
		return []refFailure{{keyerrors.ErrPattern, "Member must satisfy regular expression pattern: " + r.Pattern()}}
	}
	var out []refFailure
	n := utf8.RuneCountInString(v)
	if r.MinLen() > 0 && n < r.MinLen() {
		out = append(out, refFailure{keyerrors.ErrTooShort, "Member must have length greater than or equal to " + strconv.Itoa(r.MinLen())})
	} else if r.MaxLen() > 0 && n > r.MaxLen() {
		out = append(out, refFailure{keyerrors.ErrTooLong, "Member must have length less than or equal to " + strconv.Itoa(r.MaxLen())})
	}
	if re := r.Regexp(); re != nil && !re.MatchString(v) {
		out = append(out, refFailure{keyerrors.ErrPattern, "Member must satisfy regular expression pattern: " + r.Pattern()})
	}
	if enum := r.Enum(); enum != nil && !slices.Contains(enum, v) {
		s := "Member must satisfy enum value set: ["
		for i, e := range enum {
			if i > 0 {
				s += ", "
			}
			s += e
		}
		out = append(out, refFailure{keyerrors.ErrNotInEnum, s + "]"})
	}
	return out
}

// refMatch is the reference of Rule.MatchPattern: the compiled Regexp over
// valid UTF-8.
func refMatch(r validate.Rule, v string) bool {
	if !utf8.ValidString(v) {
		return false
	}
	re := r.Regexp()
	return re == nil || re.MatchString(v)
}

// rule returns op's rule for member, failing the test when there is none.
func rule(t testing.TB, op validate.Op, member string) validate.Rule {
	t.Helper()
	r, ok := validate.RuleFor(op, member)
	if !ok {
		t.Fatalf("RuleFor(%v, %q): no such rule", op, member)
	}
	return r
}

// intRule returns op's integer rule for member.
func intRule(t testing.TB, op validate.Op, member string) validate.IntRule {
	t.Helper()
	r, ok := validate.IntRuleFor(op, member)
	if !ok {
		t.Fatalf("IntRuleFor(%v, %q): no such rule", op, member)
	}
	return r
}

// everyRule returns one of each distinct rule: every input member of every
// operation, and the output members, named "op.Member".
func everyRule() map[string]validate.Rule {
	out := map[string]validate.Rule{}
	for _, op := range validate.Ops() {
		for _, r := range validate.Rules(op) {
			out[op.Name()+"."+r.Member()] = r
		}
	}
	for _, m := range []string{"UserName", "SSHPublicKeyId", "Fingerprint", "SSHPublicKeyBody", "Status"} {
		if r, ok := validate.OutputRuleFor("SSHPublicKey", m); ok {
			out["SSHPublicKey."+m] = r
		}
	}
	return out
}
