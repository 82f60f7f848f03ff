package validate

import keyerrors "github.com/keyvet/keyvet/errors"

// MatchPatternRE is the reference of MatchPattern: the compiled Pattern (and
// the lookahead check of InstanceOSUser), never the hand-written matcher.
func (r *Rule) MatchPatternRE(v string) bool { return r.matchPatternRE(v) }

// CheckRef is the reference of the fast path of Check: every failure the
// plain reading of the rule finds.
func (r *Rule) CheckRef(v string) []*keyerrors.FieldError { return r.appendErrorsRef(nil, "", v) }

// CheckFast reports whether the fast path accepts v on its own.
func (r *Rule) CheckFast(v string) bool { return v != "" && r.fastAccept(v) }
