package validate

import (
	"regexp"
	"strconv"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Rule is the constraint a service model puts on one string member: Smithy's
// required, length, pattern and enum traits. The package variables of this
// type are the rules of the seven operations; they are shared and must not be
// modified.
//
// A value is checked in the order AWS reports failures: presence, then
// length, then pattern, then enum. An empty string is an absent value.
type Rule struct {
	// Member is the member name as the model and the SDKs write it
	// ("InstanceId").
	Member string
	// Service is keyerrors.ServiceEC2InstanceConnect or
	// keyerrors.ServiceIAM; it decides the code a failure is answered with
	// (see API).
	Service string
	// Required reports whether the member must be present (Smithy
	// smithy.api#required). Absent is the empty string.
	Required bool
	// MinLen and MaxLen bound the length in Unicode scalar values
	// (smithy.api#length); 0 means no bound.
	MinLen, MaxLen int
	// ModelPattern is the pattern exactly as the model writes it (ECMA
	// 262), the form AWS quotes in its message; empty when the member has
	// none.
	ModelPattern string
	// Pattern is ModelPattern compiled by Go's RE2. Where the model's
	// pattern uses syntax RE2 lacks it is rewritten with the same meaning,
	// and the rule's doc says how. It is applied to the whole value.
	Pattern *regexp.Regexp
	// Enum lists the allowed values (smithy.api#enum); nil when the member
	// is not an enum.
	Enum []string
	// Sensitive reports that the value is key material: a failure message
	// never shows it.
	Sensitive bool

	// match, when set, replaces Pattern.MatchString in the reference
	// check, for a model pattern whose meaning RE2 cannot hold in one
	// expression.
	match func(string) bool
	// matcher is the hand-written fast path of the pattern (match.go).
	matcher matcher
}

// API returns the code the rule's service answers a broken constraint with:
// keyerrors.ErrInvalidArgs for EC2 Instance Connect, keyerrors.ErrValidation
// for IAM.
func (r *Rule) API() *keyerrors.APIError { return serviceAPI(r.Service) }

func serviceAPI(service string) *keyerrors.APIError {
	if service == keyerrors.ServiceEC2InstanceConnect {
		return keyerrors.ErrInvalidArgs
	}
	return keyerrors.ErrValidation
}

// MatchPattern reports whether v satisfies the model's pattern, with the
// model's meaning: the whole value must match, and invalid UTF-8 never does.
// It reports true when the rule has no pattern and v is valid UTF-8.
func (r *Rule) MatchPattern(v string) bool {
	if r.matcher != nil {
		ok, _ := r.matcher(v)
		return ok
	}
	return r.matchPatternRE(v)
}

// matchPatternRE is MatchPattern done with the compiled Pattern: the
// reference the hand-written matchers are held to.
func (r *Rule) matchPatternRE(v string) bool {
	if !utf8.ValidString(v) {
		return false
	}
	switch {
	case r.match != nil:
		return r.match(v)
	case r.Pattern != nil:
		return r.Pattern.MatchString(v)
	}
	return true
}

// Check checks one value against the rule and returns nil, or a
// *keyerrors.FieldError for the first constraint it breaks (Op is left
// empty: the rule does not know the operation). Input Validate methods report
// every broken constraint; Check stops at the first. For
// InstanceIdRule.Check("i-XYZ") the error reads:
//
//	Value 'i-XYZ' at 'instanceId' failed to satisfy constraint: Member must have length greater than or equal to 10
func (r *Rule) Check(v string) error {
	var buf [3]*keyerrors.FieldError
	if errs := r.appendErrors(buf[:0], "", v); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// appendErrors appends to errs one FieldError per constraint v breaks. A
// value the fast matcher accepts costs one pass over its bytes and no
// allocation; any other value takes the full check, which says what broke.
func (r *Rule) appendErrors(errs []*keyerrors.FieldError, op, v string) []*keyerrors.FieldError {
	if v != "" && r.fastAccept(v) {
		return errs
	}
	return r.appendErrorsRef(errs, op, v)
}

// appendErrorsRef is appendErrors without the fast path: the plain reading
// of the rule, with the compiled Pattern.
func (r *Rule) appendErrorsRef(errs []*keyerrors.FieldError, op, v string) []*keyerrors.FieldError {
	if v == "" {
		if r.Required {
			errs = append(errs, r.fail(op, v, keyerrors.ErrRequired, "Member must not be null"))
		}
		return errs
	}
	if !utf8.ValidString(v) {
		// Length counts Unicode scalar values, which invalid UTF-8 does
		// not have, and no pattern matches it: one failure, never a pass.
		c := "Member must be valid UTF-8"
		if r.ModelPattern != "" {
			c = patternConstraint(r.ModelPattern)
		}
		return append(errs, r.fail(op, v, keyerrors.ErrPattern, c))
	}
	if r.MinLen > 0 || r.MaxLen > 0 {
		switch n := utf8.RuneCountInString(v); {
		case r.MinLen > 0 && n < r.MinLen:
			errs = append(errs, r.fail(op, v, keyerrors.ErrTooShort,
				"Member must have length greater than or equal to "+strconv.Itoa(r.MinLen)))
		case r.MaxLen > 0 && n > r.MaxLen:
			errs = append(errs, r.fail(op, v, keyerrors.ErrTooLong,
				"Member must have length less than or equal to "+strconv.Itoa(r.MaxLen)))
		}
	}
	if r.ModelPattern != "" && !r.matchPatternRE(v) {
		errs = append(errs, r.fail(op, v, keyerrors.ErrPattern, patternConstraint(r.ModelPattern)))
	}
	if r.Enum != nil && !r.inEnum(v) {
		errs = append(errs, r.fail(op, v, keyerrors.ErrNotInEnum, enumConstraint(r.Enum)))
	}
	return errs
}

func (r *Rule) inEnum(v string) bool {
	for _, e := range r.Enum {
		if v == e {
			return true
		}
	}
	return false
}

func (r *Rule) fail(op, v string, err error, constraint string) *keyerrors.FieldError {
	fe := &keyerrors.FieldError{
		Op:         op,
		Field:      r.Member,
		Sensitive:  r.Sensitive,
		Constraint: constraint,
		Err:        err,
		API:        r.API(),
	}
	if !r.Sensitive {
		fe.Value = keyerrors.SafeValue(v)
	}
	return fe
}

func patternConstraint(p string) string {
	return "Member must satisfy regular expression pattern: " + p
}

func enumConstraint(values []string) string {
	s := "Member must satisfy enum value set: ["
	for i, v := range values {
		if i > 0 {
			s += ", "
		}
		s += v
	}
	return s + "]"
}

// IntRule is the constraint a service model puts on one integer member:
// Smithy's range trait. Zero is the absent value (the members it covers are
// optional, with a default of 0 or none).
type IntRule struct {
	// Member is the member name ("MaxItems").
	Member string
	// Service decides the code a failure is answered with, as for Rule.
	Service string
	// Min and Max bound the value, both inclusive (smithy.api#range).
	Min, Max int
}

// API returns the code the rule's service answers a broken range with.
func (r *IntRule) API() *keyerrors.APIError { return serviceAPI(r.Service) }

// Check returns nil when v is 0 (absent) or within [Min, Max], and a
// *keyerrors.FieldError wrapping keyerrors.ErrOutOfRange otherwise:
//
//	Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000
func (r *IntRule) Check(v int) error {
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
	case v < r.Min:
		c = "Member must have value greater than or equal to " + strconv.Itoa(r.Min)
	case v > r.Max:
		c = "Member must have value less than or equal to " + strconv.Itoa(r.Max)
	default:
		return nil
	}
	return &keyerrors.FieldError{
		Op:         op,
		Field:      r.Member,
		Value:      strconv.Itoa(v),
		Constraint: c,
		Err:        keyerrors.ErrOutOfRange,
		API:        r.API(),
	}
}
