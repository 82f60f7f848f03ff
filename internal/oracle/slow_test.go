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

// isHex is [0-9a-f].
func isHex(r rune) bool { return isDigit(r) || 'a' <= r && r <= 'f' }

// isECMASpace is ECMA 262's \s: WhiteSpace (tab, VT, FF, space, U+00A0,
// U+FEFF and the Zs category) and LineTerminator (LF, CR, U+2028, U+2029).
func isECMASpace(r rune) bool {
	switch r {
	case '\t', '\v', '\f', ' ', 0xA0, 0xFEFF, 0x1680, 0x202F, 0x205F, 0x3000, '\n', '\r', 0x2028, 0x2029:
		return true
	}
	return 0x2000 <= r && r <= 0x200A
}

// isLineTerminator is what ECMA 262's '.' refuses.
func isLineTerminator(r rune) bool { return oneOf(r, "\n\r\u2028\u2029") }

// refPrefixHex is the whole value prefix followed by exactly n of [0-9a-f]:
// Transfer's s-([0-9a-f]{17}) and key-[0-9a-f]{17}.
func refPrefixHex(prefix string, n int) func([]rune) bool {
	p := []rune(prefix)
	return func(rs []rune) bool {
		return len(rs) == len(p)+n && string(rs[:len(p)]) == prefix && allOf(rs[len(p):], isHex)
	}
}

// refTransferUserName is [\w][\w@.-]{2,99}, whole.
func refTransferUserName(rs []rune) bool {
	return len(rs) >= 3 && len(rs) <= 100 && isWord(rs[0]) &&
		allOf(rs[1:], func(r rune) bool { return isWord(r) || oneOf(r, "@.-") })
}

// refResourceName is Lightsail's \w[\w\-]*\w, whole.
func refResourceName(rs []rune) bool {
	n := len(rs)
	return n >= 2 && isWord(rs[0]) && isWord(rs[n-1]) &&
		everyOf(rs[1:n-1], func(r rune) bool { return isWord(r) || r == '-' })
}

// refRole is arn:.*role/\S+, whole: "arn:", then some "role/" with no line
// terminator before it, then one or more non-space characters to the end.
func refRole(rs []rune) bool {
	if len(rs) < 4 || string(rs[:4]) != "arn:" {
		return false
	}
	for i := 4; i+5 < len(rs); i++ {
		if isLineTerminator(rs[i-1]) && i > 4 {
			return false // '.' cannot cross it, and no later "role/" helps
		}
		if string(rs[i:i+5]) == "role/" && allOf(rs[i+5:], func(r rune) bool { return !isECMASpace(r) }) {
			return true
		}
	}
	return false
}

// refTransferTail is the body's tail (\s*|[ \t]+[\S \t]*\s*), whole.
func refTransferTail(t []rune) bool {
	if everyOf(t, isECMASpace) {
		return true
	}
	if len(t) == 0 || !oneOf(t[0], " \t") {
		return false
	}
	end := len(t)
	for end > 0 && isECMASpace(t[end-1]) {
		end--
	}
	return everyOf(t[:end], func(r rune) bool { return !isECMASpace(r) || r == ' ' || r == '\t' })
}

// refSshPublicKeyBody is Transfer's
//
//	\s*(ssh|ecdsa)-[a-z0-9-]+[ \t]+(([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{1,3})?(={0,3})?)(\s*|[ \t]+[\S \t]*\s*)
//
// whole. The base64 group takes any run of base64 characters, then up to
// three '='. The regexp may also leave the base64 group empty and give all
// but the first of the blanks after the type to the tail's [ \t]+.
func refSshPublicKeyBody(rs []rune) bool {
	i := 0
	for i < len(rs) && isECMASpace(rs[i]) {
		i++
	}
	rest := string(rs[i:])
	switch {
	case len(rest) >= 4 && rest[:4] == "ssh-":
		i += 4
	case len(rest) >= 6 && rest[:6] == "ecdsa-":
		i += 6
	default:
		return false
	}
	j := i
	for j < len(rs) && ('a' <= rs[j] && rs[j] <= 'z' || isDigit(rs[j]) || rs[j] == '-') {
		j++
	}
	if j == i {
		return false
	}
	k := j
	for k < len(rs) && oneOf(rs[k], " \t") {
		k++
	}
	if k == j {
		return false
	}
	if k-j >= 2 && refTransferTail(rs[j+1:]) {
		return true
	}
	b := k
	for b < len(rs) && (isWord(rs[b]) && rs[b] != '_' || rs[b] == '+' || rs[b] == '/') {
		b++
	}
	for e := 0; e < 3 && b < len(rs) && rs[b] == '='; e++ {
		b++
	}
	return refTransferTail(rs[b:])
}

var references = map[string]func([]rune) bool{
	"com.amazonaws.transfer#ServerId":         refPrefixHex("s-", 17),
	"com.amazonaws.transfer#SshPublicKeyId":   refPrefixHex("key-", 17),
	"com.amazonaws.transfer#UserName":         refTransferUserName,
	"com.amazonaws.transfer#Role":             refRole,
	"com.amazonaws.transfer#SshPublicKeyBody": refSshPublicKeyBody,
	"com.amazonaws.lightsail#ResourceName":    refResourceName,

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
