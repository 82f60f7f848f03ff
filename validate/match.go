package validate

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// Hand-written matchers for the model patterns. Each walks the value's bytes
// once and reports whether the whole value matches the pattern, with the
// model's meaning (invalid UTF-8 never matches), and the value's length in
// Unicode scalar values when it does. A rule's matcher is the one judge of
// its pattern, in Rule.Check and in the inputs' Validate methods alike; the
// compiled Rule.Regexp is what callers may use and the reference that
// FuzzMatchers and the ECMA 262 oracle tests hold each matcher to.

// A matcher reports whether v matches a pattern, and v's length in Unicode
// scalar values when it does (its second result means nothing otherwise).
type matcher func(v string) (ok bool, runes int)

// Byte classes, as bits of class[b].
const (
	cWord    = 1 << iota // \w: [A-Za-z0-9_]
	cDigit               // \d: [0-9]
	cHex                 // [a-f0-9]
	cUserID              // [\w+=,.@-]: IAM user names
	cOSMid               // [A-Za-z0-9@._-]: InstanceOSUser's middle
	cOSFirst             // [A-Za-z_]: InstanceOSUser's first, branch 1
	cOSLast              // [A-Za-z0-9$_-]: InstanceOSUser's optional last
	cOSAfter             // [A-Za-z@._-]: InstanceOSUser's branch 2 after the digits
)

var class = func() (t [256]uint8) {
	set := func(chars string, bits uint8) {
		for i := 0; i < len(chars); i++ {
			t[chars[i]] |= bits
		}
	}
	const upper, lower, digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789"
	set(upper+lower+digits+"_", cWord|cUserID)
	set(digits, cDigit|cHex)
	set("abcdef", cHex)
	set("+=,.@-", cUserID)
	set(upper+lower+digits+"@._-", cOSMid)
	set(upper+lower+"_", cOSFirst)
	set(upper+lower+digits+"$_-", cOSLast)
	set(upper+lower+"@._-", cOSAfter)
	return t
}()

// allOf reports whether every byte of v is in class c (so v is ASCII), and
// v is not empty.
func allOf(v string, c uint8) bool {
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if class[v[i]]&c == 0 {
			return false
		}
	}
	return true
}

// matchInstanceId is ^i-[a-f0-9]+$.
func matchInstanceId(v string) (bool, int) {
	return len(v) > 2 && v[0] == 'i' && v[1] == '-' && allOf(v[2:], cHex), len(v)
}

// matchOSUser is InstanceOSUser's pattern, lookahead included:
//
//	branch 1: [A-Za-z_] [A-Za-z0-9@._-]{0,30} [A-Za-z0-9$_-]?
//	branch 2: (?=.{2,32}$) [0-9]{1,32} [A-Za-z@._-] [A-Za-z0-9@._-]* [A-Za-z0-9$_-]?
//
// In both, every character after the first is in [A-Za-z0-9@._-] except
// that the last may also be $ (the optional class adds only $ to the middle
// class).
func matchOSUser(v string) (bool, int) {
	n := len(v)
	if n == 0 || n > 32 { // branch 1 has at most 32 characters, branch 2's lookahead says so
		return false, n
	}
	if class[v[0]]&cOSFirst != 0 {
		// Branch 1: at most 31 characters in the middle class after
		// the first, or 30 and a last in [A-Za-z0-9$_-].
		if !tailOK(v[1:]) {
			return false, n
		}
		if n <= 31 {
			return true, n
		}
		return n == 32 && class[v[n-1]]&cOSLast != 0, n
	}
	// Branch 2.
	i := 0
	for i < n && class[v[i]]&cDigit != 0 {
		i++
	}
	if i == 0 || i == n || class[v[i]]&cOSAfter == 0 {
		return false, n
	}
	return tailOK(v[i+1:]), n
}

// tailOK reports whether every byte of s is in the middle class of
// InstanceOSUser, but the last, which may also be $.
func tailOK(s string) bool {
	for i := 0; i < len(s); i++ {
		if class[s[i]]&cOSMid == 0 && !(s[i] == '$' && i == len(s)-1) {
			return false
		}
	}
	return true
}

// matchAvailabilityZone is ^(\w+-){2,3}\d+\w+$: two or three runs of \w
// each followed by a dash, then a digit and at least one more \w.
func matchAvailabilityZone(v string) (bool, int) {
	dashes, start := 0, 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '-':
			if i == start { // an empty \w+ run
				return false, len(v)
			}
			dashes++
			start = i + 1
		case class[c]&cWord == 0:
			return false, len(v)
		}
	}
	last := v[start:]
	return (dashes == 2 || dashes == 3) && len(last) >= 2 && class[last[0]]&cDigit != 0, len(v)
}

// matchUserName is ^[\w+=,.@-]+$.
func matchUserName(v string) (bool, int) { return allOf(v, cUserID), len(v) }

// matchWord is ^[\w]+$ (SSHPublicKeyId).
func matchWord(v string) (bool, int) { return allOf(v, cWord), len(v) }

// matchFingerprint is ^[:\w]+$.
func matchFingerprint(v string) (bool, int) {
	if v == "" {
		return false, 0
	}
	for i := 0; i < len(v); i++ {
		if class[v[i]]&cWord == 0 && v[i] != ':' {
			return false, len(v)
		}
	}
	return true, len(v)
}

// latin1 matches a value whose characters are all in U+0020..U+00FF, plus
// tab, line feed and carriage return when controls is set: IAM's
// ^[\u0009\u000A\u000D\u0020-\u00FF]+$ and ^[\u0020-\u00FF]+$. In UTF-8,
// U+0080..U+00FF are the two-byte sequences C2 80..C3 BF.
func latin1(v string, controls bool) (bool, int) {
	if v == "" {
		return false, 0
	}
	n := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= 0x20 && c < 0x80:
		case c == '\t' || c == '\n' || c == '\r':
			if !controls {
				return false, n
			}
		case (c == 0xC2 || c == 0xC3) && i+1 < len(v) && v[i+1]&0xC0 == 0x80:
			i++
		default:
			return false, n
		}
		n++
	}
	return true, n
}

// matchKeyBody is SSHPublicKeyBody's pattern. A key is long (up to 16 KiB)
// and almost always plain US-ASCII text, which asciiText reads eight bytes
// at a time; anything else takes latin1.
func matchKeyBody(v string) (bool, int) {
	if asciiText(v) {
		return true, len(v)
	}
	return latin1(v, true)
}

// matchText is the "pattern" of SSHPublicKey, which has none: any valid
// UTF-8, counted in Unicode scalar values.
func matchText(v string) (bool, int) {
	if asciiText(v) {
		return true, len(v)
	}
	return utf8.ValidString(v), utf8.RuneCountInString(v)
}

// asciiText reports whether v is not empty and every byte of it is from
// 0x20 to 0x7f, tab, LF or CR: the text of an ordinary key, which is valid
// UTF-8 of len(v) scalar values, all in SSHPublicKeyBody's class. It reads v
// eight bytes at a time (SWAR: a byte with its high bit set, or below 0x20,
// shows in one mask).
func asciiText(v string) bool {
	if v == "" {
		return false
	}
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(v); i += 8 {
		w := uint64(v[i]) | uint64(v[i+1])<<8 | uint64(v[i+2])<<16 | uint64(v[i+3])<<24 |
			uint64(v[i+4])<<32 | uint64(v[i+5])<<40 | uint64(v[i+6])<<48 | uint64(v[i+7])<<56
		if w&highs != 0 {
			return false
		}
		// (w - 0x20 in each byte) sets a byte's high bit when the byte is
		// below 0x20 (no byte is 0x80 or more here, so none borrows).
		if (w-0x20*ones)&highs != 0 && !asciiTextBytes(v[i:i+8]) {
			return false
		}
	}
	return asciiTextBytes(v[i:])
}

// asciiTextBytes is asciiText one byte at a time, for what the words leave.
func asciiTextBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// matchMarker is Marker's pattern, ^[\u0020-\u00FF]+$.
func matchMarker(v string) (bool, int) { return latin1(v, false) }

// scalarCount returns the number of Unicode scalar values of v, which must
// be valid UTF-8: its bytes less its continuation bytes (10xxxxxx), counted
// eight at a time. It is utf8.RuneCountInString for valid UTF-8, in a
// fraction of the time, for the length of a value its matcher refused.
func scalarCount(v string) int {
	const highs = 0x8080808080808080
	cont, i := 0, 0
	for ; i+8 <= len(v); i += 8 {
		w := uint64(v[i]) | uint64(v[i+1])<<8 | uint64(v[i+2])<<16 | uint64(v[i+3])<<24 |
			uint64(v[i+4])<<32 | uint64(v[i+5])<<40 | uint64(v[i+6])<<48 | uint64(v[i+7])<<56
		// A byte's bit 7 set and bit 6 clear: bit 6 shifted up lands on
		// bit 7 of the same byte, and nothing crosses into a bit 7.
		cont += bits.OnesCount64(w &^ (w << 1) & highs)
	}
	for ; i < len(v); i++ {
		if v[i]&0xC0 == 0x80 {
			cont++
		}
	}
	return len(v) - cont
}

// hexRun reports whether v is prefix followed by exactly n bytes of
// [0-9a-f]: Transfer's s-([0-9a-f]{17}) and key-[0-9a-f]{17}, EC2's key
// pair ids.
func hexRun(v, prefix string, n int) bool {
	return len(v) == len(prefix)+n && v[:len(prefix)] == prefix && allOf(v[len(prefix):], cHex)
}

// matchServerId is Transfer's s-([0-9a-f]{17}).
func matchServerId(v string) (bool, int) { return hexRun(v, "s-", 17), len(v) }

// matchKeyId is key-[0-9a-f]{17}: Transfer's SshPublicKeyId and EC2's
// KeyPairId.
func matchKeyId(v string) (bool, int) { return hexRun(v, "key-", 17), len(v) }

// matchTransferUserName is [\w][\w@.-]{2,99}: a \w, then two to 99 of
// [\w@.-].
func matchTransferUserName(v string) (bool, int) {
	n := len(v)
	if n < 3 || n > 100 || class[v[0]]&cWord == 0 {
		return false, n
	}
	for i := 1; i < n; i++ {
		if c := v[i]; class[c]&cWord == 0 && c != '@' && c != '.' && c != '-' {
			return false, n
		}
	}
	return true, n
}

// matchResourceName is Lightsail's \w[\w\-]*\w: at least two characters,
// \w at both ends, \w or - between.
func matchResourceName(v string) (bool, int) {
	n := len(v)
	if n < 2 || class[v[0]]&cWord == 0 || class[v[n-1]]&cWord == 0 {
		return false, n
	}
	for i := 1; i < n-1; i++ {
		if class[v[i]]&cWord == 0 && v[i] != '-' {
			return false, n
		}
	}
	return true, n
}

// matchEC2KeyName is keyvet's rule for EC2 key pair names (the model has
// none; the User Guide says "up to 255 ASCII characters. It can't include
// leading or trailing spaces"): ASCII, not starting or ending with a
// space. The length is the rule's.
func matchEC2KeyName(v string) (bool, int) {
	n := len(v)
	if n == 0 || v[0] == ' ' || v[n-1] == ' ' {
		return false, n
	}
	for i := 0; i < n; i++ {
		if v[i] >= 0x80 {
			return false, n
		}
	}
	return true, n
}

// The names DescribeKeyPairs filters on (EC2 API Reference,
// DescribeKeyPairs, Filter.N), and the prefix of a tag filter.
var ec2KeyPairFilters = [...]string{"fingerprint", "key-name", "key-pair-id", "key-type", "tag-key"}

// matchEC2KeyPairFilter is keyvet's rule for a DescribeKeyPairs filter
// name: one of ec2KeyPairFilters, or "tag:" and a tag key of at least one
// character that is no ECMA 262 line terminator (the pattern's .+).
func matchEC2KeyPairFilter(v string) (bool, int) {
	for _, f := range ec2KeyPairFilters {
		if v == f {
			return true, len(v)
		}
	}
	key, ok := strings.CutPrefix(v, "tag:")
	if !ok || key == "" || !utf8.ValidString(key) {
		return false, len(v)
	}
	for _, r := range key {
		if isLineTerminator(r) {
			return false, len(v)
		}
	}
	return true, utf8.RuneCountInString(v)
}

// isECMASpace reports whether r is in ECMA 262's \s: WhiteSpace and
// LineTerminator (tab, LF, VT, FF, CR, space, U+00A0, U+1680,
// U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF).
// RE2's \s is ASCII and leaves out VT, so the rules' regexps spell the
// class out (ecmaSpace).
func isECMASpace(r rune) bool {
	switch {
	case r == ' ' || r >= '\t' && r <= '\r':
		return true
	case r < 0xA0:
		return false
	}
	switch r {
	case 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// isLineTerminator reports whether r is an ECMA 262 LineTerminator, which
// the pattern's . does not match: LF, CR, U+2028 and U+2029.
func isLineTerminator(r rune) bool { return r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 }

// ecmaSpace and ecmaNonSpace are ECMA 262's \s and \S in RE2 syntax.
const (
	ecmaSpace    = `[\t\n\x0B\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]`
	ecmaNonSpace = `[^\t\n\x0B\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]`
)

// nextRune decodes the rune at v[i], reporting false for invalid UTF-8.
func nextRune(v string, i int) (r rune, size int, ok bool) {
	if c := v[i]; c < utf8.RuneSelf {
		return rune(c), 1, true
	}
	r, size = utf8.DecodeRuneInString(v[i:])
	return r, size, r != utf8.RuneError || size > 1
}

// matchTransferKeyBody is Transfer's SshPublicKeyBody pattern, applied to
// the whole value:
//
//	\s*(ssh|ecdsa)-[a-z0-9-]+[ \t]+(([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{1,3})?(={0,3})?)(\s*|[ \t]+[\S \t]*\s*)
//
// The base64 group matches any run of [A-Za-z0-9+/] and then up to three
// '='. The tail is white space only, or a space or tab and then a run with
// no white space but spaces and tabs, and white space to the end: so no
// line of text may follow a line break. \s and \S are ECMA 262's
// (isECMASpace). Each step is forced but one (no other choice the regexp
// could backtrack to gives another answer): after two or more blanks the
// base64 may be empty and the tail start at the second blank.
func matchTransferKeyBody(v string) (bool, int) {
	i := 0
	for i < len(v) { // \s*
		r, size, ok := nextRune(v, i)
		if !ok {
			return false, 0
		}
		if !isECMASpace(r) {
			break
		}
		i += size
	}
	switch rest := v[i:]; {
	case strings.HasPrefix(rest, "ssh-"):
		i += len("ssh-")
	case strings.HasPrefix(rest, "ecdsa-"):
		i += len("ecdsa-")
	default:
		return false, 0
	}
	j := i
	for j < len(v) && (v[j] >= 'a' && v[j] <= 'z' || class[v[j]]&cDigit != 0 || v[j] == '-') {
		j++
	}
	k := j
	for k < len(v) && (v[k] == ' ' || v[k] == '\t') {
		k++
	}
	if j == i || k == j {
		return false, 0
	}
	// The one choice: the base64 group may be empty, and the tail's
	// [ \t]+ take all but the first of two or more blanks after the type
	// ("ssh-rsa  !x" matches so).
	if k-j >= 2 && transferTail(v[j+1:]) {
		return true, utf8.RuneCountInString(v)
	}
	for k < len(v) && (class[v[k]]&cWord != 0 && v[k] != '_' || v[k] == '+' || v[k] == '/') {
		k++
	}
	for e := 0; e < 3 && k < len(v) && v[k] == '='; e++ {
		k++
	}
	if !transferTail(v[k:]) {
		return false, 0
	}
	return true, utf8.RuneCountInString(v)
}

// transferTail is the pattern's (\s*|[ \t]+[\S \t]*\s*), and reports false
// for invalid UTF-8.
func transferTail(t string) bool {
	if t == "" {
		return true
	}
	blankFirst := t[0] == ' ' || t[0] == '\t'
	spaceOnly := true // every rune so far is white space
	inTrailer := false
	for i := 0; i < len(t); {
		r, size, ok := nextRune(t, i)
		if !ok {
			return false
		}
		i += size
		space := isECMASpace(r)
		switch {
		case inTrailer && !space:
			return false // text after the trailing white space
		case space && r != ' ' && r != '\t':
			inTrailer = true // [\S \t]* stops here; \s* takes the rest
		}
		spaceOnly = spaceOnly && space
	}
	return spaceOnly || blankFirst
}

// matchRole is Transfer's arn:.*role/\S+: "arn:", then text without a line
// terminator, then "role/" and at least one character with no white space
// to the end. Some "role/" must split v so: it must start no later than the
// first line terminator after "arn:", and end at or after the last white
// space.
func matchRole(v string) (bool, int) {
	if !strings.HasPrefix(v, "arn:") || !utf8.ValidString(v) {
		return false, len(v)
	}
	firstLT, lastSpaceEnd := len(v), 0
	for i, r := range v {
		if i >= 4 && isLineTerminator(r) && firstLT == len(v) {
			firstLT = i
		}
		if isECMASpace(r) {
			lastSpaceEnd = i + utf8.RuneLen(r)
		}
	}
	for i := 4; i+len("role/") < len(v); i++ {
		if i > firstLT {
			break
		}
		if strings.HasPrefix(v[i:], "role/") && i+len("role/") >= lastSpaceEnd {
			return true, utf8.RuneCountInString(v)
		}
	}
	return false, len(v)
}
