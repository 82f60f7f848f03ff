package oracle

import (
	"testing"
	"unicode/utf8"
)

// The slow references: each model pattern read by hand as a plain loop over
// runes, with no regexp, so that FuzzPatternRE2 can hold validate's RE2
// rewrites to them on any input. Every reference takes valid UTF-8 only; ref
// turns invalid UTF-8 into false (no model pattern matches it).
//
// TestReferencesAgreeWithOracle holds the references themselves to the ECMA
// 262 goldens, so neither side is trusted on its own.

// \w in ECMA 262 without the i and u flags: [A-Za-z0-9_].
func isWord(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
}

// \d and [0-9].
func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isLetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// oneOf reports whether r is one of the ASCII characters in set.
func oneOf(r rune, set string) bool {
	for _, c := range set {
		if r == c {
			return true
		}
	}
	return false
}

// allOf reports whether rs is non-empty and every rune satisfies ok: the
// shape ^[class]+$.
func allOf(rs []rune, ok func(rune) bool) bool {
	if len(rs) == 0 {
		return false
	}
	for _, r := range rs {
		if !ok(r) {
			return false
		}
	}
	return true
}

// everyOf is allOf that also accepts no runes: [class]*.
func everyOf(rs []rune, ok func(rune) bool) bool {
	return len(rs) == 0 || allOf(rs, ok)
}

// refInstanceId is ^i-[a-f0-9]+$.
func refInstanceId(rs []rune) bool {
	return len(rs) >= 3 && rs[0] == 'i' && rs[1] == '-' &&
		allOf(rs[2:], func(r rune) bool { return 'a' <= r && r <= 'f' || isDigit(r) })
}

// The classes of InstanceOSUser:
//
//	first  [A-Za-z_]
//	middle [A-Za-z0-9\@\._-]   (\@ and \. are the characters @ and .)
//	last   [A-Za-z0-9\$_-]
//	sep    [A-Za-z\@\._-]      (middle without digits)
func osFirst(r rune) bool  { return isLetter(r) || r == '_' }
func osMiddle(r rune) bool { return isLetter(r) || isDigit(r) || oneOf(r, "@._-") }
func osLast(r rune) bool   { return isLetter(r) || isDigit(r) || oneOf(r, "$_-") }
func osSep(r rune) bool    { return isLetter(r) || oneOf(r, "@._-") }

// middleThenLast reports whether rs is middle{0,maxMiddle} last? (maxMiddle
// < 0: no bound): either all of rs is middle runes, or all but the final
// one, which is a last rune.
func middleThenLast(rs []rune, maxMiddle int) bool {
	fits := func(n int) bool { return maxMiddle < 0 || n <= maxMiddle }
	if fits(len(rs)) && everyOf(rs, osMiddle) {
		return true
	}
	n := len(rs)
	return n >= 1 && fits(n-1) && everyOf(rs[:n-1], osMiddle) && osLast(rs[n-1])
}

// refInstanceOSUser is
//
//	^(^[A-Za-z_][A-Za-z0-9\@\._-]{0,30}[A-Za-z0-9\$_-]?$)|(^(?=.{2,32}$)[0-9]{1,32}[A-Za-z\@\._-][A-Za-z0-9\@\._-]*[A-Za-z0-9\$_-]?$)$
//
// The outer ^( )|( )$ only adds anchors each branch already has: the value
// matches one branch or the other, whole.
func refInstanceOSUser(rs []rune) bool {
	// Branch 1: first, then up to 30 middle, then an optional last.
	if len(rs) >= 1 && osFirst(rs[0]) && middleThenLast(rs[1:], 30) {
		return true
	}
	// Branch 2, lookahead (?=.{2,32}$): 2 to 32 characters to the end,
	// none a line terminator ('.' refuses \n, \r, U+2028, U+2029).
	if len(rs) < 2 || len(rs) > 32 {
		return false
	}
	for _, r := range rs {
		if oneOf(r, "\n\r\u2028\u2029") {
			return false
		}
	}
	// [0-9]{1,32}: the separator that follows is never a digit, so the
	// digits are the whole leading run of digits.
	i := 0
	for i < len(rs) && isDigit(rs[i]) {
		i++
	}
	if i < 1 || i > 32 || i >= len(rs) || !osSep(rs[i]) {
		return false
	}
	return middleThenLast(rs[i+1:], -1)
}

// refAvailabilityZone is ^(\w+-){2,3}\d+\w+$. \w has no '-', so the dashes
// split the value into its parts: 2 or 3 non-empty word groups, then a tail
// of at least two word characters whose first is a digit (\d+\w+).
func refAvailabilityZone(rs []rune) bool {
	var parts [][]rune
	start := 0
	for i, r := range rs {
		if r == '-' {
			parts = append(parts, rs[start:i])
			start = i + 1
		}
	}
	parts = append(parts, rs[start:])
	if len(parts) != 3 && len(parts) != 4 {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if !allOf(p, isWord) {
			return false
		}
	}
	tail := parts[len(parts)-1]
	return len(tail) >= 2 && isDigit(tail[0]) && allOf(tail, isWord)
}

// refUserName is ^[\w+=,.@-]+$.
func refUserName(rs []rune) bool {
	return allOf(rs, func(r rune) bool { return isWord(r) || oneOf(r, "+=,.@-") })
}

// refKeyMaterial is ^[\u0009\u000A\u000D\u0020-\u00FF]+$.
func refKeyMaterial(rs []rune) bool {
	return allOf(rs, func(r rune) bool { return r == 0x09 || r == 0x0A || r == 0x0D || 0x20 <= r && r <= 0xFF })
}

// refKeyId is ^[\w]+$.
func refKeyId(rs []rune) bool { return allOf(rs, isWord) }

// refMarker is ^[\u0020-\u00FF]+$.
func refMarker(rs []rune) bool { return allOf(rs, func(r rune) bool { return 0x20 <= r && r <= 0xFF }) }

// refFingerprint is ^[:\w]+$.
func refFingerprint(rs []rune) bool {
	return allOf(rs, func(r rune) bool { return isWord(r) || r == ':' })
}

// refNone is a shape without a pattern (SSHPublicKey).
func refNone([]rune) bool { return true }

var references = map[string]func([]rune) bool{
	"com.amazonaws.ec2instanceconnect#InstanceId":       refInstanceId,
	"com.amazonaws.ec2instanceconnect#InstanceOSUser":   refInstanceOSUser,
	"com.amazonaws.ec2instanceconnect#SSHPublicKey":     refNone,
	"com.amazonaws.ec2instanceconnect#AvailabilityZone": refAvailabilityZone,
	"com.amazonaws.iam#userNameType":                    refUserName,
	"com.amazonaws.iam#publicKeyMaterialType":           refKeyMaterial,
	"com.amazonaws.iam#publicKeyIdType":                 refKeyId,
	"com.amazonaws.iam#markerType":                      refMarker,
	shapeFingerprint:                                    refFingerprint,
}

// ref reports whether v matches the model pattern of shape, by the slow
// reference. Invalid UTF-8 never matches.
func ref(shape, v string) bool {
	if !utf8.ValidString(v) {
		return false
	}
	return references[shape]([]rune(v))
}

func TestReferencesAgreeWithOracle(t *testing.T) {
	gs := goldens(t)
	for shape, g := range gs {
		if references[shape] == nil {
			t.Errorf("no slow reference for %s", shape)
			continue
		}
		bad := 0
		for _, r := range g.Cases {
			want := r.Pattern == nil || *r.Pattern
			if got := ref(shape, r.S); got != want {
				if bad++; bad <= 10 {
					t.Errorf("%s: reference(%q) = %v, ECMA 262 says %v (%s)", g.file, r.S, got, want, r.Note)
				}
			}
		}
	}
}
