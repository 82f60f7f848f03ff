package validate

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Rule is the constraint a service model puts on one string member: Smithy's
// required, length, pattern and enum traits. RuleFor looks one up. A Rule is
// a value that describes itself and cannot be changed: its fields are
// unexported, every method reads, and RuleFor returns a copy, so no caller
// can change what Validate applies.
//
// A value is checked in the order AWS reports failures: presence, then
// UTF-8, length, pattern and enum. One matcher per rule decides acceptance
// and failure alike; the compiled Regexp is what callers may use, and the
// reference the tests hold the matcher to.
type Rule struct {
	member         string
	service        string
	required       bool
	minLen, maxLen int
	pattern        string         // the model's text
	re             *regexp.Regexp // pattern in RE2 syntax; nil when there is none
	enum           []string
	sensitive      bool
	// match is the rule's one matcher (match.go): whether a value
	// satisfies the pattern (any valid UTF-8 for a rule without one), and
	// its length in Unicode scalar values when it does.
	match matcher
}

// Member returns the member name as the model and the SDKs write it
// ("InstanceId").
func (r Rule) Member() string { return r.member }

// Service returns the endpoint prefix of the rule's service
// (keyerrors.ServiceEC2InstanceConnect, keyerrors.ServiceIAM,
// keyerrors.ServiceEC2, keyerrors.ServiceTransfer or
// keyerrors.ServiceLightsail): the service whose code a failure is answered
// with (see API).
func (r Rule) Service() string { return r.service }

// Required reports whether the member must be present (smithy.api#required).
func (r Rule) Required() bool { return r.required }

// MinLen returns the least length in Unicode scalar values
// (smithy.api#length), or 0 for no bound.
func (r Rule) MinLen() int { return r.minLen }

// MaxLen returns the greatest length in Unicode scalar values, or 0 for no
// bound.
func (r Rule) MaxLen() int { return r.maxLen }

// Pattern returns the pattern exactly as the model writes it (ECMA 262), the
// text AWS quotes in its message, or "" when the member has none.
func (r Rule) Pattern() string { return r.pattern }

// Regexp returns the pattern compiled by Go's RE2, or nil when the member has
// none. It matches exactly the values the model's pattern matches (invalid
// UTF-8 aside, which no model pattern matches and MatchPattern refuses):
// where the model uses syntax RE2 lacks, the rule's documentation says how
// it is rewritten. The compiled program is shared; the *regexp.Regexp is a
// copy, so calling its Longest method changes nothing for anyone else.
func (r Rule) Regexp() *regexp.Regexp {
	if r.re == nil {
		return nil
	}
	c := *r.re
	return &c
}

// Enum returns the allowed values (smithy.api#enum), or nil when the member
// is not an enum. The slice is a copy.
func (r Rule) Enum() []string { return slices.Clone(r.enum) }

// Sensitive reports that the value is key material: a failure message never
// shows it.
func (r Rule) Sensitive() bool { return r.sensitive }

// API returns the code the rule's service answers a broken constraint with:
// keyerrors.ErrInvalidArgs for EC2 Instance Connect, keyerrors.ErrValidation
// for IAM, keyerrors.ErrEC2InvalidParameterValue for EC2 key pairs (an
// absent required member is keyerrors.ErrEC2MissingParameter there),
// keyerrors.ErrTransferValidation for Transfer Family and
// keyerrors.ErrLightsailInvalidInput for Lightsail.
func (r Rule) API() *keyerrors.APIError { return serviceAPI(r.service) }

func serviceAPI(service string) *keyerrors.APIError {
	switch service {
	case keyerrors.ServiceEC2InstanceConnect:
		return keyerrors.ErrInvalidArgs
	case keyerrors.ServiceEC2:
		return keyerrors.ErrEC2InvalidParameterValue
	case keyerrors.ServiceTransfer:
		return keyerrors.ErrTransferValidation
	case keyerrors.ServiceLightsail:
		return keyerrors.ErrLightsailInvalidInput
	}
	return keyerrors.ErrValidation
}

// failureAPI is the code r's service answers the failure err with: its
// validation code, but EC2's MissingParameter for an absent required
// member.
func (r *Rule) failureAPI(err error) *keyerrors.APIError {
	if r.service == keyerrors.ServiceEC2 && err == keyerrors.ErrRequired {
		return keyerrors.ErrEC2MissingParameter
	}
	return r.API()
}

// MatchPattern reports whether v satisfies the model's pattern, with the
// model's meaning: the whole value must match, and invalid UTF-8 never does.
// It reports true when the rule has no pattern and v is valid UTF-8.
func (r Rule) MatchPattern(v string) bool {
	ok, _ := r.match(v)
	return ok
}

// Check checks one present value against the rule and returns nil, or a
// *keyerrors.FieldError for the first constraint it breaks, in AWS's order
// (Op is left empty: the rule does not know the operation). A present empty
// value is a value: Check("") of InstanceId breaks its length and its
// pattern, as AWS answers `"InstanceId": ""`; only an absent member is
// "Member must not be null", which Validate reports (its structs hold ""
// for absent) and Required tells. For Check("i-XYZ") of InstanceId:
//
//	Value 'i-XYZ' at 'instanceId' failed to satisfy constraint: Member must have length greater than or equal to 10
//
// Validate reports every broken constraint; Check stops at the first.
func (r Rule) Check(v string) error {
	var buf [3]*keyerrors.FieldError
	if errs := r.appendPresent(buf[:0], "", v); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// appendErrors appends to errs one FieldError per constraint v breaks, ""
// being an absent member (as the input structs hold it).
func (r *Rule) appendErrors(errs []*keyerrors.FieldError, op, v string) []*keyerrors.FieldError {
	if v == "" {
		if r.required {
			errs = append(errs, r.fail(op, v, keyerrors.ErrRequired, "Member must not be null"))
		}
		return errs
	}
	return r.appendPresent(errs, op, v)
}

// appendPresent is appendErrors for a present value. The matcher reads v
// once; an accepted value costs that pass and no allocation. Only a refused
// value is read again: for its UTF-8 validity and its length, which the
// matcher stops counting at the first byte outside the pattern. The cost is
// linear in len(v) for every value.
func (r *Rule) appendPresent(errs []*keyerrors.FieldError, op, v string) []*keyerrors.FieldError {
	ok, n := r.match(v)
	if ok && r.lengthOK(n) && r.inEnum(v) {
		return errs
	}
	if !ok {
		if !utf8.ValidString(v) {
			// Length counts Unicode scalar values, which invalid UTF-8
			// does not have, and no pattern matches it: one failure.
			c := "Member must be valid UTF-8"
			if r.pattern != "" {
				c = patternConstraint(r.pattern)
			}
			return append(errs, r.fail(op, v, keyerrors.ErrPattern, c))
		}
		n = scalarCount(v)
	}
	switch {
	case r.minLen > 0 && n < r.minLen:
		errs = append(errs, r.fail(op, v, keyerrors.ErrTooShort,
			"Member must have length greater than or equal to "+strconv.Itoa(r.minLen)))
	case r.maxLen > 0 && n > r.maxLen:
		errs = append(errs, r.fail(op, v, keyerrors.ErrTooLong,
			"Member must have length less than or equal to "+strconv.Itoa(r.maxLen)))
	}
	if !ok {
		// A rule without a pattern matches every valid UTF-8 value, so a
		// refusal of valid UTF-8 is the pattern's.
		errs = append(errs, r.fail(op, v, keyerrors.ErrPattern, patternConstraint(r.pattern)))
	}
	if !r.inEnum(v) {
		errs = append(errs, r.fail(op, v, keyerrors.ErrNotInEnum, enumConstraint(r.enum)))
	}
	return errs
}

func (r *Rule) lengthOK(n int) bool {
	return (r.minLen == 0 || n >= r.minLen) && (r.maxLen == 0 || n <= r.maxLen)
}

// inEnum reports whether v is one of the enum's values, or true when the
// rule is no enum.
func (r *Rule) inEnum(v string) bool {
	return r.enum == nil || slices.Contains(r.enum, v)
}

func (r *Rule) fail(op, v string, err error, constraint string) *keyerrors.FieldError {
	fe := &keyerrors.FieldError{
		Op:         op,
		Field:      r.member,
		Sensitive:  r.sensitive,
		Constraint: constraint,
		Err:        err,
		API:        r.failureAPI(err),
	}
	if !r.sensitive {
		fe.Value = keyerrors.SafeValue(v)
	}
	return fe
}

func patternConstraint(p string) string {
	return "Member must satisfy regular expression pattern: " + p
}

func enumConstraint(values []string) string {
	return "Member must satisfy enum value set: [" + strings.Join(values, ", ") + "]"
}

// IntRule is the constraint a service model puts on one integer member:
// Smithy's range trait. IntRuleFor looks one up; like Rule, it is a value
// nobody can change. Zero is the absent value (the members it covers are
// optional, with a default of 0 or none).
type IntRule struct {
	member   string
	service  string
	min, max int
}

// Member returns the member name ("MaxItems").
func (r IntRule) Member() string { return r.member }

// Service returns the service whose code a failure is answered with, as for
// Rule.
func (r IntRule) Service() string { return r.service }

// Min returns the least value of the range (smithy.api#range), inclusive.
func (r IntRule) Min() int { return r.min }

// Max returns the greatest value of the range, inclusive.
func (r IntRule) Max() int { return r.max }

// API returns the code the rule's service answers a broken range with.
func (r IntRule) API() *keyerrors.APIError { return serviceAPI(r.service) }

// Check returns nil when v is 0 (absent) or within [Min, Max], and a
// *keyerrors.FieldError wrapping keyerrors.ErrOutOfRange otherwise:
//
//	Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000
func (r IntRule) Check(v int) error {
	if fe := r.check("", v); fe != nil {
		return fe
	}
	return nil
}

func (r *IntRule) check(op string, v int) *keyerrors.FieldError {
	var c string
	switch {
	case v == 0:
		return nil
	case v < r.min:
		c = "Member must have value greater than or equal to " + strconv.Itoa(r.min)
	case v > r.max:
		c = "Member must have value less than or equal to " + strconv.Itoa(r.max)
	default:
		return nil
	}
	return &keyerrors.FieldError{
		Op:         op,
		Field:      r.member,
		Value:      strconv.Itoa(v),
		Constraint: c,
		Err:        keyerrors.ErrOutOfRange,
		API:        r.API(),
	}
}
