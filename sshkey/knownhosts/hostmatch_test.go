package knownhosts

import (
	"encoding/base64"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
	"github.com/keyvet/keyvet/sshkey/internal/lines"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// khEntry reads the known_hosts line "field ssh-ed25519 ..." or fails t.
func khEntry(t *testing.T, field string) *Entry {
	t.Helper()
	entries, errs := khRead(t, strings.NewReader(field+" ssh-ed25519 "+keytest.ED25519B64+"\n"))
	if len(entries) != 1 || errs[0] != nil {
		t.Fatalf("%q: %v", field, errs)
	}
	return entries[0]
}

// khSalt is a salt of ssh-keygen -H (testdata/known_hosts/hand-hashed.known_hosts,
// line 2, the name server.example.com).
var khSalt = keytest.MustB64("ATx+qHmzjFjSSGWDfhEXIvKJ12g=")

func TestMatch(t *testing.T) {
	hash := func(host string, port int) string {
		s, err := HashHost(host, port, khSalt)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	long := strings.Repeat("a", maxSubpattern-1)
	tests := []struct {
		field string
		host  string
		port  int
		want  bool
		why   string
	}{
		{"server.example.com", "server.example.com", 22, true, "the name itself at port 22"},
		{"server.example.com", "server.example.com", 0, true, "port 0 is 22 (put_host_port)"},
		{"server.example.com", "server.example.com", 2222, false, "at another port ssh looks up [host]:port, not the bare name"},
		{"[server.example.com]:2222", "server.example.com", 2222, true, "a name at another port"},
		{"[server.example.com]:2222", "server.example.com", 22, false, "the bracketed name is for its port only"},
		{"[server.example.com]:2222", "server.example.com", 2223, false, "another port"},
		{"[server.example.com]:22", "server.example.com", 22, false, "ssh writes port 22 bare, never [host]:22"},
		{"server.example.com", "server.example.com", -1, false, "a port outside 0 to 65535"},
		{"*", "server.example.com", 65536, false, "a port outside 0 to 65535 matches nothing, * neither"},
		{"[h]:65535", "h", 65535, true, "the highest port"},
		{"SERVER.Example.COM", "server.example.com", 22, true, "patterns compare without regard to ASCII case (match_pattern_list lowercases them)"},
		{"server.example.com", "SERVER.EXAMPLE.COM", 22, true, "Match lowercases the host, as ssh does before it looks it up"},
		{"[SERVER.example.com]:2222", "Server.Example.Com", 2222, true, "case does not matter inside brackets either"},
		{"ÄBC.example.com", "äbc.example.com", 22, false, "only ASCII letters are folded (misc.c lowercase in the C and UTF-8 locales)"},
		{"*", "server.example.com", 22, true, "* matches every name"},
		{"*", "server.example.com", 2222, true, "* matches [host]:port too: brackets and colons are bytes like others"},
		{"*", "", 22, true, "* matches the empty name"},
		{"*.example.com", "example.com", 22, false, "*. needs the dot"},
		{"*.example.com", "a.b.example.com", 22, true, "* matches dots"},
		{"*.example.com", "a.example.com.evil", 22, false, "a pattern matches the whole name"},
		{"?.example.com", "a.example.com", 22, true, "? matches one byte"},
		{"?.example.com", "ab.example.com", 22, false, "? matches one byte only"},
		{"?.example.com", ".example.com", 22, false, "? needs a byte"},
		{"h?st", "hóst", 22, false, "? is one byte, and ó two"},
		{"h??st", "hóst", 22, true, "two ? for the two bytes of ó"},
		{"a*b*c", "axxbyyc", 22, true, "two stars"},
		{"a*b*c", "axxbyyd", 22, false, "two stars, no c at the end"},
		{"a**c", "ac", 22, true, "a run of stars matches nothing too"},
		{"*a*a*a*a*a*a*b", strings.Repeat("a", 60), 22, false, "stars that match_pattern's recursion takes long over, quickly"},
		{"*.example.org,!bad.example.org", "www.example.org", 22, true, "a positive match, the negation not matched"},
		{"*.example.org,!bad.example.org", "bad.example.org", 22, false, "a matching negation excludes the host"},
		{"!bad.example.org,*.example.org", "bad.example.org", 22, false, "the negation excludes whatever its place"},
		{"!bad.example.org", "good.example.org", 22, false, "a negation alone matches nothing"},
		{"!*.example.org,www.example.org", "www.example.org", 22, false, "a negated wildcard"},
		{"!!a", "!a", 22, false, "one ! negates; the second is a byte of the pattern, and the negation matches"},
		{"!!a,*", "!a", 22, false, "so the negated !a excludes !a"},
		{"db?.internal,!db9.internal,db1?.internal", "db12.internal", 22, true, "the third pattern matches"},
		{"db?.internal,!db9.internal,db1?.internal", "db9.internal", 22, false, "the negation"},
		{"[*.example.net]:2222", "www.example.net", 2222, true, "a wildcard inside brackets"},
		{"[*.example.net]:2222", "www.example.net", 22, false, "for port 2222 only"},
		{"[127.0.0.1]:*", "127.0.0.1", 2222, true, "a wildcard port"},
		{"[127.0.0.1]:*", "127.0.0.1", 22, false, "not for port 22, written bare"},
		{"::1", "::1", 22, true, "an IPv6 address at port 22, bare"},
		{"::1", "::1", 2223, false, "at another port it is [::1]:2223"},
		{"[::1]:2223", "::1", 2223, true, "an IPv6 address at another port, bracketed"},
		{"2001:DB8::1", "2001:db8::1", 22, true, "hex digits of an address compare without regard to case"},
		{"2001:db8::1", "2001:db8:0::1", 22, false, "addresses compare as text, not as addresses"},
		{"fe80::1%eth0", "fe80::1%eth0", 22, true, "a zone"},
		{"a,,b", "", 22, true, "an empty pattern matches the empty name"},
		{"a,", "", 22, false, "a final empty pattern is not seen (match_pattern_list ends at the final comma)"},
		{",", "", 22, true, "the field \",\" holds one empty pattern"},
		{"a,!", "", 22, false, "\"!\" is the negated empty pattern"},
		{long, long, 22, true, "a pattern of 1022 bytes"},
		{long + "a", long + "a", 22, false, "a pattern of 1023 bytes makes match_pattern_list give up: no match"},
		{"host," + long + "a", "host", 22, false, "a long pattern after a matching one: no match at all"},
		{"!" + long, long, 22, false, "the ! is no part of the length: a negated pattern of 1022 bytes, matched"},
		{"!" + long + "a,*", "x", 22, false, "a negated pattern of 1023 bytes gives up too"},
		{hash("server.example.com", 22), "server.example.com", 22, true, "a hashed name"},
		{hash("server.example.com", 22), "Server.Example.COM", 22, true, "Match lowercases the host before hashing, as ssh does"},
		{hash("server.example.com", 22), "server.example.com", 2222, false, "the hash is of the bare name"},
		{hash("server.example.com", 2222), "server.example.com", 2222, true, "a hashed [host]:port"},
		{hash("server.example.com", 2222), "server.example.com", 22, false, "the hash is of [host]:2222"},
		{hash("::1", 2223), "::1", 2223, true, "a hashed IPv6 address at another port"},
		{hash("*", 22), "server.example.com", 22, false, "a hashed name has no wildcards"},
	}
	for _, tt := range tests {
		if tt.why == "" {
			t.Fatalf("%q: no reason", tt.field)
		}
		h := khEntry(t, tt.field)
		if got := h.Match(tt.host, tt.port); got != tt.want {
			t.Errorf("%.40q Match(%.40q, %d) = %v, want %v (%s)", tt.field, tt.host, tt.port, got, tt.want, tt.why)
		}
	}
}

// refMatchPattern is match_pattern as its comment defines it, one case at a
// time: * matches any run of bytes, ? any one byte, every other byte
// itself (s and p lowercase). It is the textbook dynamic programme, in
// O(len(s)*len(p)) steps: m[i][j] reports whether the suffix s[i:] matches
// the suffix p[j:], filled from the ends back, each entry by the one case
// that applies to p[j]:
//
//   - p[j:] empty: matches only the empty s[i:];
//   - p[j] == '*': the star matches nothing (m[i][j+1]) or takes one more
//     byte of s and stays (m[i+1][j]);
//   - otherwise s[i:] must not be empty, p[j] must be '?' or s[i], and the
//     rest must match (m[i+1][j+1]).
func refMatchPattern(s, p string) bool {
	m := make([][]bool, len(s)+1)
	for i := range m {
		m[i] = make([]bool, len(p)+1)
	}
	for i := len(s); i >= 0; i-- {
		for j := len(p); j >= 0; j-- {
			switch {
			case j == len(p):
				m[i][j] = i == len(s)
			case p[j] == '*':
				m[i][j] = m[i][j+1] || i < len(s) && m[i+1][j]
			default:
				m[i][j] = i < len(s) && (p[j] == '?' || p[j] == s[i]) && m[i+1][j+1]
			}
		}
	}
	return m[0][0]
}

// TestRefMatchPattern checks the reference itself on cases worked by
// hand, so that FuzzMatchPattern and TestMatchPattern cannot agree with a
// broken reference.
func TestRefMatchPattern(t *testing.T) {
	tests := []struct {
		s, p string
		want bool
		why  string
	}{
		{"", "", true, "the empty pattern matches the empty string"},
		{"a", "", false, "the empty pattern matches nothing else"},
		{"", "*", true, "a star matches the empty run"},
		{"", "?", false, "? needs a byte"},
		{"abc", "abc", true, "literal bytes match themselves"},
		{"abc", "abd", false, "a different last byte"},
		{"abc", "ab", false, "the pattern must cover the whole string"},
		{"ab", "abc", false, "the string must cover the whole pattern"},
		{"abc", "a?c", true, "? matches any one byte"},
		{"ac", "a?c", false, "? matches exactly one byte"},
		{"abc", "*", true, "a star matches everything"},
		{"abc", "a*", true, "a trailing star matches the rest"},
		{"abc", "*c", true, "a leading star matches the start"},
		{"abc", "*b", false, "a leading star, then a byte that is not last"},
		{"axbxc", "a*b*c", true, "two stars"},
		{"axbxd", "a*b*c", false, "two stars, wrong end"},
		{"ac", "a**c", true, "a run of stars matches the empty run"},
		{"aab", "*ab", true, "the star must give back a byte it could take"},
		{"a*", "a?", true, "a literal * in s is a byte like another"},
		{strings.Repeat("a", 200), strings.Repeat("*a", 50) + "b", false, "the exponential case, answered at once"},
		{strings.Repeat("a", 200), strings.Repeat("*a", 50), true, "many stars that do match"},
	}
	for _, tt := range tests {
		if got := refMatchPattern(tt.s, tt.p); got != tt.want {
			t.Errorf("refMatchPattern(%.30q, %.30q) = %v, want %v (%s)", tt.s, tt.p, got, tt.want, tt.why)
		}
	}
}

// TestMatchPattern holds matchPattern to the reference on every pattern of
// up to 6 bytes over a, B, * and ? and every string of up to 6 bytes over a
// and b.
func TestMatchPattern(t *testing.T) {
	var strs []string
	var walk func(s string, alphabet string, n int, f func(string))
	walk = func(s, alphabet string, n int, f func(string)) {
		f(s)
		if len(s) == n {
			return
		}
		for i := range alphabet {
			walk(s+alphabet[i:i+1], alphabet, n, f)
		}
	}
	walk("", "ab", 6, func(s string) { strs = append(strs, s) })
	walk("", "aB*?", 6, func(p string) {
		lp := strings.ToLower(p)
		for _, s := range strs {
			if got, want := matchPattern(s, p), refMatchPattern(s, lp); got != want {
				t.Fatalf("matchPattern(%q, %q) = %v, want %v", s, p, got, want)
			}
		}
	})
}

// FuzzMatchPattern holds matchPattern to the reference on any short input.
func FuzzMatchPattern(f *testing.F) {
	f.Add("www.example.org", "*.example.org")
	f.Add("db12.internal", "db1?.internal")
	f.Add("[h]:2222", "[*]:*")
	f.Fuzz(func(t *testing.T, s, p string) {
		if len(s) > 256 || len(p) > 256 {
			return // the reference costs len(s)*len(p) steps and bytes
		}
		s = lowerASCII(s)
		if got, want := matchPattern(s, p), refMatchPattern(s, lowerASCII(p)); got != want {
			t.Fatalf("matchPattern(%q, %q) = %v, want %v", s, p, got, want)
		}
	})
}

// khSplitName splits a name as ssh writes it into host and port:
// "[host]:port", or a bare host for port 22.
func khSplitName(name string) (host string, port int, ok bool) {
	if !strings.HasPrefix(name, "[") {
		return name, 22, true
	}
	i := strings.LastIndex(name, "]:")
	if i < 0 {
		return "", 0, false
	}
	port, err := strconv.Atoi(name[i+2:])
	if err != nil || port == 22 {
		return "", 0, false // ssh never writes [host]:22
	}
	return name[1:i], port, true
}

// khSaltOf returns the salt of a hashed name.
func khSaltOf(t *testing.T, hashed string) []byte {
	t.Helper()
	parts := strings.Split(hashed, "|")
	if len(parts) != 4 {
		t.Fatalf("%q is no hashed name", hashed)
	}
	salt, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	return salt
}

// TestHashHostKeygen holds HashHost to ssh-keygen -H: hand-hashed.known_hosts
// is hand.known_hosts as ssh-keygen -H wrote it, which copies lines with a
// marker or with *, ? or ! in their host field, and writes a line for each
// other name of a line, lowercased, hashed with a salt of its own
// (known_hosts_hash). HashHost with each line's salt writes its name.
func TestHashHostKeygen(t *testing.T) {
	plain, err := os.ReadFile("testdata/known_hosts/hand.known_hosts")
	if err != nil {
		t.Fatal(err)
	}
	hashed, err := os.ReadFile("testdata/known_hosts/hand-hashed.known_hosts")
	if err != nil {
		t.Fatal(err)
	}
	var want []string // each line of hashed: the name it hashes, or "=" + the line copied
	for _, line := range strings.Split(strings.TrimSuffix(string(plain), "\n"), "\n") {
		if lines.BlankOrComment([]byte(line)) {
			want = append(want, "="+line)
			continue
		}
		field, _ := scan.NextField(scan.TrimLeadingBlank([]byte(line)))
		if strings.ContainsAny(string(field), "*?!") || field[0] == '@' {
			want = append(want, "="+line)
			continue
		}
		// known_hosts_hash stops at the first empty name: of
		// "example.com,,www.example.com" it hashes example.com alone.
		for name := range strings.SplitSeq(string(field), ",") {
			if name == "" {
				break
			}
			want = append(want, strings.ToLower(name))
		}
	}
	got := strings.Split(strings.TrimSuffix(string(hashed), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("hand-hashed has %d lines, want %d", len(got), len(want))
	}
	n := 0
	for i, line := range got {
		if line, ok := strings.CutPrefix(want[i], "="); ok {
			if got[i] != line {
				t.Errorf("line %d: %q, want the copy %q", i+1, got[i], line)
			}
			continue
		}
		field, _, _ := strings.Cut(line, " ")
		host, port, ok := khSplitName(want[i])
		if !ok {
			t.Fatalf("line %d: name %q", i+1, want[i])
		}
		h, err := HashHost(host, port, khSaltOf(t, field))
		if err != nil || h != field {
			t.Errorf("line %d: HashHost(%q, %d, its salt) = %q, %v; ssh-keygen -H wrote %q", i+1, host, port, h, err, field)
		}
		n++
	}
	if n < 8 {
		t.Errorf("%d hashed lines checked", n)
	}
}

// TestHashHostKeyscan holds HashHost to ssh-keyscan -H: each hashed line of
// scan-hashed.known_hosts is the hash, with its salt, of one of the names
// ssh-keyscan wrote in scan.known_hosts, and of no other.
func TestHashHostKeyscan(t *testing.T) {
	names := map[string]bool{}
	for h, err := range Read(khOpen(t, "scan")) {
		if err != nil {
			t.Fatal(err)
		}
		names[h.Hosts()[0].String()] = true
	}
	n := 0
	for h, err := range Read(khOpen(t, "scan-hashed")) {
		if err != nil {
			t.Fatal(err)
		}
		field := h.Hosts()[0].String()
		var found []string
		for name := range names {
			host, port, _ := khSplitName(name)
			s, err := HashHost(host, port, khSaltOf(t, field))
			if err != nil {
				t.Fatal(err)
			}
			if s == field {
				found = append(found, name)
			}
			if h.Match(host, port) != (s == field) {
				t.Errorf("line %d: Match(%q, %d) = %v, but HashHost gives %q", h.Line(), host, port, !(s == field), s)
			}
		}
		if len(found) != 1 {
			t.Errorf("line %d: %q is the hash of %v, want one name", h.Line(), field, found)
		}
		n++
	}
	if n != 9 {
		t.Errorf("%d hashed lines, want the 9 ssh-keyscan wrote", n)
	}
}

func TestHashHost(t *testing.T) {
	// hand-hashed.known_hosts line 2, ssh-keygen -H of server.example.com.
	const keygen = "|1|ATx+qHmzjFjSSGWDfhEXIvKJ12g=|6/XdYTEkqWER+1aaH7JjOeMAdk8="
	for _, tt := range []struct {
		host string
		port int
		why  string
	}{
		{"server.example.com", 22, "the name ssh-keygen -H hashed"},
		{"server.example.com", 0, "port 0 is 22"},
		{"Server.Example.COM", 22, "HashHost lowercases, as ssh and ssh-keygen -H do"},
	} {
		if got, err := HashHost(tt.host, tt.port, khSalt); err != nil || got != keygen {
			t.Errorf("HashHost(%q, %d) = %q, %v; want %q (%s)", tt.host, tt.port, got, err, keygen, tt.why)
		}
	}
	// openssl dgst -sha1 -mac HMAC -macopt hexkey:(the salt in hex) -binary
	// of "[server.example.com]:2222", in base64.
	const port2222 = "|1|ATx+qHmzjFjSSGWDfhEXIvKJ12g=|hKy7BoQhFkVrd9GS81O+Ii5Ow1o="
	if got, err := HashHost("server.example.com", 2222, khSalt); err != nil || got != port2222 {
		t.Errorf("HashHost at port 2222 = %q, %v; want the hash of [server.example.com]:2222, %q", got, err, port2222)
	}

	for _, tt := range []struct {
		port int
		salt []byte
		why  string
	}{
		{22, make([]byte, 19), "a salt of 19 bytes"},
		{22, make([]byte, 21), "a salt of 21 bytes"},
		{22, []byte{}, "an empty salt, which is not nil"},
		{-1, khSalt, "a negative port"},
		{65536, khSalt, "a port over 65535"},
	} {
		got, err := HashHost("h", tt.port, tt.salt)
		if got != "" || !errors.Is(err, keyerrors.ErrMalformedKey) {
			t.Errorf("HashHost(h, %d, %d bytes) = %q, %v; want ErrMalformedKey (%s)", tt.port, len(tt.salt), got, err, tt.why)
		}
	}

	// A nil salt is a new random one each time; the name reads back.
	a, err1 := HashHost("::1", 2222, nil)
	b, err2 := HashHost("::1", 2222, nil)
	if err1 != nil || err2 != nil || a == b {
		t.Fatalf("random salts: %q %v, %q %v", a, err1, b, err2)
	}
	for _, s := range []string{a, b} {
		h := khEntry(t, s)
		if !h.Hosts()[0].Hashed() || h.Hosts()[0].Negated() || h.Hosts()[0].String() != s || !h.Match("::1", 2222) || h.Match("::1", 22) {
			t.Errorf("%q does not read back as the hash of [::1]:2222", s)
		}
	}
}
