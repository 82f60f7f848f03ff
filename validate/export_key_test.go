package validate

// KeyMemberFast is keyMemberFast, for FuzzKeyPaths: a value it accepts must
// satisfy the rule's full check.
func KeyMemberFast(r *Rule, v string) bool { return keyMemberFast(r, v) }
