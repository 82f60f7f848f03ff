package knownhosts

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
	"github.com/keyvet/keyvet/sshkey/internal/lines"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// The known_hosts rows use the keys of sshkey_test.go (keytest.ED25519B64, keytest.RSAB64,
// keytest.ED25519CertB64: openssh-portable's regress/unittests/sshkey/testdata).

// khRead returns what KnownHosts yields for in: the entries and errors, in
// order, the entries' indexes in the errors slice nil.
func khRead(t *testing.T, r io.Reader) (entries []*Entry, errs []error) {
	t.Helper()
	for h, err := range Read(r) {
		if (h == nil) == (err == nil) {
			t.Fatalf("KnownHosts yielded (%v, %v): one of the two must be nil", h, err)
		}
		entries = append(entries, h)
		errs = append(errs, err)
	}
	return entries, errs
}

// khEqual reports whether two entries are the same: line, marker, host
// field, key and comment.
func khEqual(a, b *Entry) bool {
	return a.Line() == b.Line() && a.Marker() == b.Marker() && slices.Equal(a.Hosts(), b.Hosts()) &&
		a.Key().Equal(b.Key()) && a.Key().Comment() == b.Key().Comment() && a.Key().Format() == b.Key().Format()
}

// khHostTexts returns the patterns of h as written.
func khHostTexts(h *Entry) []string {
	var s []string
	for _, p := range h.Hosts() {
		s = append(s, p.String())
	}
	return s
}

// khCheckEntry checks the invariants of an entry read from line: its key
// is what sshkey.ParseAuthorizedKey reads from the text after the host field;
// String and MarshalText give a line that reads back to an equal entry.
func khCheckEntry(t *testing.T, h *Entry) {
	t.Helper()
	line := h.String()
	text, err := h.MarshalText()
	if err != nil || string(text) != line {
		t.Fatalf("MarshalText = %q, %v; want String %q", text, err, line)
	}
	again, errs := khRead(t, strings.NewReader(line))
	if len(again) != 1 || errs[0] != nil {
		t.Fatalf("String %q reads back as %v, %v", line, again, errs)
	}
	want := *h
	want.line = 1
	if !khEqual(again[0], &want) {
		t.Fatalf("String %q reads back as another entry: %+v, want %+v", line, again[0], want)
	}
	if h.Key().Format() != sshkey.FormatAuthorizedKey {
		t.Errorf("sshkey.Key.Format = %v", h.Key().Format())
	}
}

type khRow struct {
	name  string
	line  string
	want  Marker   // for a good line
	hosts []string // for a good line: the patterns as written
	err   error    // for a bad line: the sentinel
	why   string
}

func TestKnownHostsLine(t *testing.T) {
	ed := "ssh-ed25519 " + keytest.ED25519B64
	rsa := "ssh-rsa " + keytest.RSAB64
	hash := "|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM=" // sshd(8), SSH_KNOWN_HOSTS FILE FORMAT's example
	rows := []khRow{
		// Good lines.
		{"plain", "server.example.com " + ed, MarkerNone, []string{"server.example.com"}, nil, "one name, then the key"},
		{"names", "server.example.com,192.0.2.10 " + rsa + " a comment", MarkerNone, []string{"server.example.com", "192.0.2.10"}, nil, "a comma-separated list and a comment"},
		{"port", "[server.example.com]:2222 " + ed, MarkerNone, []string{"[server.example.com]:2222"}, nil, "a name at another port than 22, as ssh writes it"},
		{"ipv6", "2001:db8::1,[2001:db8::1]:2200 " + ed, MarkerNone, []string{"2001:db8::1", "[2001:db8::1]:2200"}, nil, "IPv6 addresses, bare for port 22, bracketed for another"},
		{"patterns", "*.example.org,!bad.example.org,db?.internal " + ed, MarkerNone, []string{"*.example.org", "!bad.example.org", "db?.internal"}, nil, "wildcards and a negation"},
		{"port pattern", "[*.example.net]:2222 " + ed, MarkerNone, []string{"[*.example.net]:2222"}, nil, "a wildcard inside the brackets"},
		{"empty patterns", "a,,b, " + ed, MarkerNone, []string{"a", "", "b", ""}, nil, "empty patterns stay where they stand, so the field is written back as it came"},
		{"bang", "! " + ed, MarkerNone, []string{"!"}, nil, "a lone ! is the negated empty pattern"},
		{"blanks", " \t server.example.com \t " + ed + " \t", MarkerNone, []string{"server.example.com"}, nil, "blanks before, between and after the fields"},
		{"tabs", "server.example.com\tssh-ed25519\t" + keytest.ED25519B64 + "\tcomment", MarkerNone, []string{"server.example.com"}, nil, "tabs separate fields as spaces do"},
		{"hashed", hash + " " + ed, MarkerNone, []string{hash}, nil, "a hashed name, as ssh-keygen -H writes it"},
		{"ca", "@cert-authority *.example.com " + ed + " example CA", MarkerCertAuthority, []string{"*.example.com"}, nil, "a certificate authority"},
		{"revoked", "@revoked * " + rsa, MarkerRevoked, []string{"*"}, nil, "a revoked key, for every host"},
		{"marker blanks", "  @revoked \t host " + ed, MarkerRevoked, []string{"host"}, nil, "blanks before and after a marker"},
		{"marker tabs", "@revoked\thost\t" + strings.ReplaceAll(ed, " ", "\t"), MarkerRevoked, []string{"host"}, nil, "a tab ends a marker on a line that holds no space (check_markers)"},
		{"hashed ca", "@cert-authority " + hash + " " + ed, MarkerCertAuthority, []string{hash}, nil, "a hashed name after a marker"},
		{"hash after marker", "@revoked #host " + ed, MarkerRevoked, []string{"#host"}, nil, "after a marker, a # starts a host name, not a comment"},
		{"options as host", "no-pty " + ed, MarkerNone, []string{"no-pty"}, nil, "ssh reads any first field as host names, authorized_keys options too"},
		{"later hashed", "a," + hash + " " + ed, MarkerNone, []string{"a", hash}, nil, "a field that does not start with | is patterns: |1|... after a comma is a pattern, matched as text"},
		{"lone cr", "ho\rst " + ed, MarkerNone, []string{"ho\rst"}, nil, "a lone CR is a byte of the line, here of a host name"},

		// Bad markers.
		{"case", "@Revoked host " + ed, 0, nil, keyerrors.ErrMalformedKey, "markers are case-sensitive (check_markers uses strcmp)"},
		{"case ca", "@CERT-AUTHORITY host " + ed, 0, nil, keyerrors.ErrMalformedKey, "markers are case-sensitive"},
		{"two markers", "@cert-authority @revoked host " + ed, 0, nil, keyerrors.ErrMalformedKey, "one marker a line"},
		{"marker twice", "@revoked @revoked host " + ed, 0, nil, keyerrors.ErrMalformedKey, "one marker a line, even the same twice"},
		{"at host", "@revoked @host " + ed, 0, nil, keyerrors.ErrMalformedKey, "a host field that starts with @ after a marker is a second marker"},
		{"unknown", "@trusted host " + ed, 0, nil, keyerrors.ErrMalformedKey, "an unknown marker"},
		{"at", "@ host " + ed, 0, nil, keyerrors.ErrMalformedKey, "a marker of @ alone (check_markers: sp <= cp + 1)"},
		{"at name", "@host " + ed, 0, nil, keyerrors.ErrMalformedKey, "a host field that starts with @ is a marker"},
		{"tab then space", "@revoked\thost " + ed, 0, nil, keyerrors.ErrMalformedKey, "the marker ends at the first space of the line, so it is \"@revoked\\thost\""},
		{"marker alone", "@revoked", 0, nil, keyerrors.ErrMalformedKey, "no blank after the marker (check_markers: no space, no tab)"},
		{"marker blank", "@revoked ", 0, nil, keyerrors.ErrMalformedKey, "no host names after the marker"},
		{"long marker", "@" + strings.Repeat("x", 40) + " host " + ed, 0, nil, keyerrors.ErrMalformedKey, "a marker of 32 bytes or more"},

		// Bad host fields.
		{"host alone", "server.example.com", 0, nil, keyerrors.ErrMalformedKey, "no key (hostkeys_foreach_file: truncated before key type)"},
		{"host blank", "server.example.com \t", 0, nil, keyerrors.ErrMalformedKey, "no key, blanks after the host names"},
		{"host comment", "server.example.com # " + ed, 0, nil, keyerrors.ErrMalformedKey, "a # where the key type belongs"},
		{"hash scheme", "|2|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM= " + ed, 0, nil, keyerrors.ErrMalformedKey, "|1| is the one scheme (extract_salt: invalid magic identifier)"},
		{"hash bar", "| " + ed, 0, nil, keyerrors.ErrMalformedKey, "a field of | alone (extract_salt: string too short)"},
		{"hash no delim", "|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI= " + ed, 0, nil, keyerrors.ErrMalformedKey, "no | after the salt (extract_salt: missing salt termination character)"},
		{"hash empty salt", "|1||USECr3SWf1JUPsms5AqfD5QfxkM= " + ed, 0, nil, keyerrors.ErrMalformedKey, "an empty salt (extract_salt: bad encoded salt length 0)"},
		{"hash short salt", "|1|c2FsdA==|USECr3SWf1JUPsms5AqfD5QfxkM= " + ed, 0, nil, keyerrors.ErrMalformedKey, "a salt of 4 bytes (extract_salt: expected salt len 20)"},
		{"hash bad salt", "|1|JfKTdBh7rNbXkVAQCRp4OQoPf!I=|USECr3SWf1JUPsms5AqfD5QfxkM= " + ed, 0, nil, keyerrors.ErrMalformedKey, "a salt that is not base64 (extract_salt: salt decode error)"},
		{"hash unpadded", "|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI|USECr3SWf1JUPsms5AqfD5QfxkM= " + ed, 0, nil, keyerrors.ErrMalformedKey, "a salt without its padding, which b64_pton refuses"},
		{"hash bits", "|1|JfKTdBh7rNbXkVAQCRp4OQoPfmJ=|USECr3SWf1JUPsms5AqfD5QfxkM= " + ed, 0, nil, keyerrors.ErrMalformedKey, "a salt whose padding bits are not zero, which b64_pton refuses"},
		{"hash short hash", "|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|c2FsdA== " + ed, 0, nil, keyerrors.ErrMalformedKey, "a hash of 4 bytes: ssh compares the field with the 28 characters it makes, and matches it to no host"},
		{"hash empty hash", "|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=| " + ed, 0, nil, keyerrors.ErrMalformedKey, "an empty hash matches no host"},
		{"hash and names", hash + ",www.example.com " + ed, 0, nil, keyerrors.ErrMalformedKey, "ssh reads the whole field as one hash, which matches no host (match_maybe_hashed)"},
		{"hash third bar", hash + "| " + ed, 0, nil, keyerrors.ErrMalformedKey, "text after the hash matches no host"},

		// Bad keys: the one-key rules' sentinels.
		{"type only", "host ssh-ed25519", 0, nil, keyerrors.ErrMalformedKey, "no base64 after the type"},
		{"bad base64", "host ssh-ed25519 AAAA!!!!", 0, nil, keyerrors.ErrMalformedKey, "the base64 does not decode"},
		{"mismatch", "host ssh-rsa " + keytest.ED25519B64, 0, nil, keyerrors.ErrKeyTypeMismatch, "the type is not the blob's"},
		{"unknown type", "host ssh-foo " + keytest.ED25519B64, 0, nil, keyerrors.ErrKeyTypeMismatch, "an unknown type label before a known blob"},
		{"cert", "host ssh-ed25519-cert-v01@openssh.com " + keytest.ED25519CertB64, 0, []string{"host"}, nil, "a certificate, which the one-key rules read (its CA signature verified)"},
		{"rsa1", "host 1024 35 1234567890123456789", 0, nil, keyerrors.ErrUnsupportedEncoding, "an SSH-1 RSA key (hostkeys_foreach_file: assume legacy RSA1)"},
		{"control comment", "host " + ed + " bell\x07", 0, nil, keyerrors.ErrMalformedKey, "the one-key rules refuse a control character in a comment (ssh takes it)"},
		{"cr comment", "host " + ed + " a\rb", 0, nil, keyerrors.ErrMalformedKey, "a lone CR in the key text, which the one-key rules refuse"},
		{"private", "host " + ed + " b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB", 0, nil, keyerrors.ErrPrivateKey, "a private key's body after the key"},
		{"private alone", "host -----BEGIN OPENSSH PRIVATE KEY-----", 0, nil, keyerrors.ErrPrivateKey, "a private key where the key belongs"},
		{"no hosts", ed + " me@host", 0, nil, keyerrors.ErrMalformedKey, "an authorized_keys line: the type where the host names belong"},
		{"no hosts bad key", "ssh-rsa " + keytest.ED25519B64, 0, nil, keyerrors.ErrKeyTypeMismatch, "an authorized_keys line whose key is bad too: the key's error"},
		{"blank in hosts", "a.example.com b.example.com " + ed, 0, nil, keyerrors.ErrMalformedKey, "host names separated by a blank: the second is read as the key type (ParseAuthorizedKey's sentinel)"},
		{"nul", "host\x00 " + ed, 0, nil, keyerrors.ErrMalformedKey, "a NUL byte, which ends a field for ssh but is then read past"},
		{"nul comment", "host " + ed + " a\x00b", 0, nil, keyerrors.ErrMalformedKey, "a NUL byte in the comment"},
	}
	for _, r := range rows {
		if r.why == "" {
			t.Fatalf("%s: no reason", r.name)
		}
		t.Run(r.name, func(t *testing.T) {
			entries, errs := khRead(t, strings.NewReader("# first\n\n"+r.line+"\n"))
			if len(entries) != 1 {
				t.Fatalf("%d results, want 1 (%s)", len(entries), r.why)
			}
			h, err := entries[0], errs[0]
			if r.err != nil {
				var le *sshkey.LineError
				if !errors.As(err, &le) || le.Line != 3 || !errors.Is(err, r.err) {
					t.Fatalf("err = %v, want a sshkey.LineError of line 3 wrapping %v (%s)", err, r.err, r.why)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v (%s)", err, r.why)
			}
			if h.Line() != 3 || h.Marker() != r.want || !slices.Equal(khHostTexts(h), r.hosts) {
				t.Fatalf("line %d, marker %v, hosts %q; want 3, %v, %q (%s)", h.Line(), h.Marker(), khHostTexts(h), r.want, r.hosts, r.why)
			}
			khCheckEntry(t, h)
		})
	}
}

// TestKnownHostsKey: an entry's key is the key sshkey.ParseAuthorizedKey reads
// from the text after the host field, comment and all.
func TestKnownHostsKey(t *testing.T) {
	entries, errs := khRead(t, strings.NewReader("@cert-authority *.example.com,!x.example.com  "+keytest.ED25519Line+" \n"))
	if len(entries) != 1 || errs[0] != nil {
		t.Fatal(errs)
	}
	h := entries[0]
	want, err := sshkey.ParseAuthorizedKey([]byte(keytest.ED25519Line))
	if err != nil {
		t.Fatal(err)
	}
	if !h.Key().Equal(want) || h.Key().Comment() != "ED25519 test key #1" || h.Key().Type() != sshkey.TypeED25519 {
		t.Errorf("key %v, want %v", h.Key(), want)
	}
	if got := h.String(); got != "@cert-authority *.example.com,!x.example.com "+keytest.ED25519Line {
		t.Errorf("String = %q", got)
	}
	neg := []bool{false, true}
	for i, p := range h.Hosts() {
		if p.Negated() != neg[i] || p.Hashed() {
			t.Errorf("pattern %q: Negated %v, Hashed %v", p, p.Negated(), p.Hashed())
		}
	}
}

// TestKnownHostsFile: line numbers, line ends, blank and comment lines, a
// bad line among good ones.
func TestKnownHostsFile(t *testing.T) {
	ed := "ssh-ed25519 " + keytest.ED25519B64
	tests := []struct {
		name, in string
		lines    []int // the line of each result
		bad      []int // the lines reported bad
		why      string
	}{
		{"lf", "a " + ed + "\nb " + ed + "\n", []int{1, 2}, nil, "LF line ends"},
		{"crlf", "a " + ed + "\r\nb " + ed + " c\r\n", []int{1, 2}, nil, "CRLF line ends: the CR is no part of the comment"},
		{"no final newline", "a " + ed + "\nb " + ed, []int{1, 2}, nil, "the last line needs no line end"},
		{"blank and comments", "\n# c\n  \t\n  # c\na " + ed + "\n\n", []int{5}, nil, "blank lines and comments, with blanks before them, yield nothing but count"},
		{"bad between", "a " + ed + "\nbad\nc " + ed + "\n", []int{1, 2, 3}, []int{2}, "a bad line is reported and the rest read"},
		{"empty", "", nil, nil, "no lines"},
		{"crlf blank", "\r\n\r\na " + ed + "\r\n", []int{3}, nil, "CRLF blank lines"},
	}
	for _, tt := range tests {
		for _, r := range []io.Reader{strings.NewReader(tt.in), iotest.OneByteReader(strings.NewReader(tt.in))} {
			entries, errs := khRead(t, r)
			var lines, bad []int
			for i, h := range entries {
				if errs[i] != nil {
					var le *sshkey.LineError
					if !errors.As(errs[i], &le) {
						t.Fatalf("%s: %v is no LineError", tt.name, errs[i])
					}
					lines, bad = append(lines, le.Line), append(bad, le.Line)
					continue
				}
				lines = append(lines, h.Line())
				if strings.ContainsAny(h.Key().Comment(), "\r\n") {
					t.Errorf("%s: comment %q holds a line end", tt.name, h.Key().Comment())
				}
			}
			if !slices.Equal(lines, tt.lines) || !slices.Equal(bad, tt.bad) {
				t.Errorf("%s: lines %v, bad %v; want %v, %v (%s)", tt.name, lines, bad, tt.lines, tt.bad, tt.why)
			}
		}
	}
}

func TestKnownHostsTooLong(t *testing.T) {
	ed := "ssh-ed25519 " + keytest.ED25519B64
	long := "a " + ed + " " + strings.Repeat("c", sshkey.MaxLineLen)
	entries, errs := khRead(t, strings.NewReader("x "+ed+"\n"+long+"\ny "+ed))
	if len(entries) != 3 || errs[0] != nil || errs[2] != nil || entries[2].Line() != 3 {
		t.Fatalf("results %v %v", entries, errs)
	}
	var le *sshkey.LineError
	if !errors.As(errs[1], &le) || le.Line != 2 || !errors.Is(errs[1], keyerrors.ErrMalformedKey) {
		t.Errorf("the long line gives %v, want tooLongError's", errs[1])
	}
	if errs[1].Error() != lines.TooLongError(2).Error() {
		t.Errorf("error %q, want %q", errs[1], lines.TooLongError(2))
	}
}

func TestKnownHostsReadError(t *testing.T) {
	ed := "ssh-ed25519 " + keytest.ED25519B64
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader("a "+ed+"\nbad\nb "+ed), iotest.ErrReader(boom))
	entries, errs := khRead(t, r)
	// The third line, cut short by the error, is not read.
	if len(entries) != 3 || entries[0] == nil || errs[1] == nil || !errors.Is(errs[2], boom) {
		t.Fatalf("results %v %v; want an entry, a bad line, then the read error", entries, errs)
	}
	var le *sshkey.LineError
	if errors.As(errs[2], &le) {
		t.Errorf("the read error is a LineError: %v", errs[2])
	}
}

// TestKnownHostsStop: the iterator stops when the loop does, and reads no
// more of r than it has to.
func TestKnownHostsStop(t *testing.T) {
	ed := "ssh-ed25519 " + keytest.ED25519B64
	in := strings.Repeat("a "+ed+"\nbad\n", 10)
	for _, stopAt := range []int{1, 2} {
		n := 0
		for range Read(strings.NewReader(in)) {
			n++
			if n == stopAt {
				break
			}
		}
		if n != stopAt {
			t.Errorf("break after %d: the loop ran %d times", stopAt, n)
		}
	}
}

// TestKnownHostsOneKeyFile: an RFC 4716 or PEM key file yields oneKeyFile's
// error and ends; such a line later in a file is one bad line.
func TestKnownHostsOneKeyFile(t *testing.T) {
	ed := "ssh-ed25519 " + keytest.ED25519B64
	tests := []struct {
		name, in string
		err      error
		why      string
	}{
		{"rfc4716", keytest.ED25519RFC, keyerrors.ErrUnsupportedEncoding, "an RFC 4716 file"},
		{"pem", keytest.RSAPKIX, keyerrors.ErrUnsupportedEncoding, "a PKIX PEM file"},
		{"pkcs1", keytest.RSAPKCS1, keyerrors.ErrUnsupportedEncoding, "a PKCS#1 PEM file"},
		{"private", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n", keyerrors.ErrPrivateKey, "a private key file"},
		{"after comments", "# keys\n\n" + keytest.ED25519RFC, keyerrors.ErrUnsupportedEncoding, "the first line that is no comment or blank counts"},
	}
	for _, tt := range tests {
		entries, errs := khRead(t, strings.NewReader(tt.in))
		if len(entries) != 1 || !errors.Is(errs[0], tt.err) {
			t.Errorf("%s: %d results (%v), want one error wrapping %v (%s)", tt.name, len(entries), errs, tt.err, tt.why)
			continue
		}
		want := lines.OneKeyFile(1, []byte(strings.SplitN(tt.in, "\n", 2)[0]))
		if strings.HasPrefix(tt.in, "#") {
			want = lines.OneKeyFile(3, []byte(strings.Split(tt.in, "\n")[2]))
		}
		if errs[0].Error() != want.Error() {
			t.Errorf("%s: %v, want oneKeyFile's %v", tt.name, errs[0], want)
		}
	}
	// Later in a file, a PEM block is lines of a known_hosts file, each bad.
	entries, errs := khRead(t, strings.NewReader("a "+ed+"\n"+keytest.RSAPKIX))
	if len(entries) != 7 || entries[0] == nil {
		t.Fatalf("%d results, want the entry and six bad lines: %v", len(entries), errs)
	}
	for _, err := range errs[1:] {
		if err == nil {
			t.Errorf("a line of the PEM block is an entry")
		}
	}
	// A first line that is a good entry is one, though it starts as PEM does.
	entries, errs = khRead(t, strings.NewReader("-----BEGIN "+ed+"\n"))
	if len(entries) != 1 || errs[0] != nil || entries[0].Hosts()[0].String() != "-----BEGIN" {
		t.Errorf("a good line for host -----BEGIN: %v %v", entries, errs)
	}
}

// TestKnownHostsMemory: the heap KnownHosts holds while it reads does not
// grow with the file: 100,000 lines hold what 1,000 do.
func TestKnownHostsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100,000 lines")
	}
	held := func(n int) uint64 {
		var m runtime.MemStats
		for h, err := range Read(&khLines{n: n}) {
			if err != nil {
				t.Fatal(err)
			}
			if h.Line() == n {
				runtime.GC()
				runtime.ReadMemStats(&m)
			}
		}
		return m.HeapAlloc
	}
	held(1000) // warm up
	small, large := held(1000), held(100_000)
	if large > small+256<<10 {
		t.Errorf("the heap held after 100,000 lines is %d bytes, after 1,000 %d: it grows with the file", large, small)
	}
}

// khLines is a known_hosts file of n lines made as it is read.
type khLines struct {
	n, i int
	buf  []byte
}

func (r *khLines) Read(p []byte) (int, error) {
	for len(r.buf) < len(p) && r.i < r.n {
		r.i++
		r.buf = fmt.Appendf(r.buf, "host%d.example.com,192.0.2.%d ssh-ed25519 %s host %d\n", r.i, r.i%256, keytest.ED25519B64, r.i)
	}
	if len(r.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.buf)
	r.buf = r.buf[:copy(r.buf, r.buf[n:])]
	return n, nil
}

// khCheckMessage checks the text of a bad line's error: no key material
// from the key text of the line (any run of 16 base64 characters of the
// text after the marker, if any, the host field and the key type: those
// are a person's text, which keyerrors.SafeValue's rule shows), nothing that looks like key material at all
// (keyerrors.LooksLikeKey: no run of 40 base64 characters that mixes
// classes), and no byte that SafeValue would escape: a control character,
// invalid UTF-8.
func khCheckMessage(t *testing.T, line []byte, err error) {
	t.Helper()
	msg := err.Error()
	shown := msg
	cp := scan.TrimLeadingBlank(line)
	shownFields := 2 // the host field and the key type
	if len(cp) > 0 && cp[0] == '@' {
		shownFields = 3 // and the marker before them
	}
	for range shownFields { // the fields a message may show, escaped
		var f []byte
		f, cp = scan.NextField(cp)
		if len(f) > 0 {
			// As scan.SafeName shows a field: quoted, its quotes
			// escaped (a bare field could be a piece of another).
			shown = strings.ReplaceAll(shown, `"`+strings.ReplaceAll(keyerrors.SafeValue(string(f)), `"`, `\"`)+`"`, "")
		}
	}
	if run := keytest.LeakedRun(string(cp), shown); run != "" {
		t.Fatalf("error %q holds %q of the key text", msg, run)
	}
	if keyerrors.LooksLikeKey(msg) {
		t.Fatalf("error %q looks like key material", msg)
	}
	if !utf8.ValidString(msg) || strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 }) {
		t.Fatalf("error %q holds an unescaped byte", msg)
	}
}

// TestKnownHostsMessages: bad lines' errors escape the host names and
// markers they show and hold no key material.
func TestKnownHostsMessages(t *testing.T) {
	ed := "ssh-ed25519 " + keytest.ED25519B64
	lines := []string{
		"\x1b[31mevil\x1b[0m",                               // terminal escapes in a host field with no key
		"ho\rst\x7f,\xff\xfe",                               // CR, DEL and invalid UTF-8
		"@\x1b[2Jmarker host " + ed,                         // an unknown marker with an escape
		"@Revoked\x1b host " + ed,                           // no marker, for its case and an escape
		strings.Repeat("h", 200),                            // a long host name of one class: shown, cut short
		strings.Repeat("hH", 100),                           // a long run that mixes classes: omitted
		keytest.ED25519B64,                                  // a blob where the host names belong
		"host " + keytest.ED25519B64 + " x",                 // a blob where the type belongs
		"host ssh-rsa " + keytest.ED25519B64,                // a type mismatch
		"host ssh-ed25519 " + keytest.ED25519B64[:60],       // a truncated key
		"|1|" + keytest.ED25519B64[:28] + "|c2FsdA== " + ed, // a bad hash
		"@revoked\thost " + ed,                              // the tab marker
		"a b " + ed,                                         // a blank in the host field
		"ssh-ed25519 " + keytest.ED25519B64[:64] + "AAAA",   // no host names, and a bad key
		"0\x01" + strings.Repeat("0", 38),                   // SafeValue's escape joins two runs into one of 41 (FuzzKnownHosts' finding)
	}
	for _, l := range lines {
		entries, errs := khRead(t, strings.NewReader(l+"\n"))
		if len(entries) != 1 || errs[0] == nil {
			t.Errorf("%q: %v, want one error", l, errs)
			continue
		}
		khCheckMessage(t, []byte(l), errs[0])
	}
	// The host names shown are SafeValue's.
	_, errs := khRead(t, strings.NewReader("\x1b[31mevil\n"))
	if want := keyerrors.SafeValue("\x1b[31mevil"); !strings.Contains(errs[0].Error(), `"`+want+`"`) {
		t.Errorf("%q does not show the host as SafeValue does, %q", errs[0], want)
	}
}

func TestMarkerString(t *testing.T) {
	for m, want := range map[Marker]string{MarkerNone: "", MarkerCertAuthority: "@cert-authority", MarkerRevoked: "@revoked", Marker(7): "Marker(7)", Marker(-1): "Marker(-1)"} {
		if got := m.String(); got != want {
			t.Errorf("Marker(%d).String() = %q, want %q", int(m), got, want)
		}
	}
}

// TestKnownHostMarshalText: entries whose line would not read back to them
// are refused.
func TestKnownHostMarshalText(t *testing.T) {
	ed := "ssh-ed25519 " + keytest.ED25519B64
	read := func(line string) *Entry {
		entries, errs := khRead(t, strings.NewReader(line))
		if len(entries) != 1 || errs[0] != nil {
			t.Fatalf("%q: %v", line, errs)
		}
		return entries[0]
	}
	h := read("a,|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM=,@b,#c " + ed)
	hashed := read("|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM= " + ed)
	tests := []struct {
		name string
		edit func(h *Entry)
		ok   bool
		why  string
	}{
		{"as read", func(h *Entry) {}, true, "an entry as read"},
		{"no key", func(h *Entry) { h.key = nil }, false, "a line needs a key"},
		{"marker", func(h *Entry) { h.marker = 3 }, false, "an unknown marker"},
		{"no hosts", func(h *Entry) { h.hosts = nil }, false, "a line needs a host field"},
		{"empty host", func(h *Entry) { h.hosts = []HostPattern{{}} }, false, "an empty host field"},
		{"two empty", func(h *Entry) { h.hosts = []HostPattern{{}, {}} }, true, "\",\" is a host field"},
		{"bar first", func(h *Entry) { h.hosts = h.Hosts()[1:] }, false, "a field that starts with | is read as a hashed name"},
		{"at first", func(h *Entry) { h.hosts = h.Hosts()[2:] }, false, "a field that starts with @ is read as a marker"},
		{"hash first", func(h *Entry) { h.hosts = h.Hosts()[3:] }, false, "a line that starts with # is a comment"},
		{"hash first marked", func(h *Entry) { h.hosts, h.marker = h.Hosts()[3:], MarkerRevoked }, true, "after a marker, # starts a host name"},
		{"hashed and more", func(h *Entry) { h.hosts = append(slices.Clone(hashed.Hosts()), h.Hosts()[0]) }, false, "a hashed name stands alone"},
		{"hashed", func(h *Entry) { h.hosts = hashed.Hosts() }, true, "a hashed name alone"},
	}
	for _, tt := range tests {
		e := *h
		tt.edit(&e)
		text, err := e.MarshalText()
		if (err == nil) != tt.ok {
			t.Errorf("%s: MarshalText = %q, %v (%s)", tt.name, text, err, tt.why)
			continue
		}
		if err != nil {
			if !errors.Is(err, keyerrors.ErrMalformedKey) {
				t.Errorf("%s: %v does not wrap ErrMalformedKey", tt.name, err)
			}
			continue
		}
		again := read(string(text))
		if e.line = 1; !khEqual(again, &e) {
			t.Errorf("%s: %q reads back as %v (%s)", tt.name, text, again, tt.why)
		}
	}
	if !bytes.Equal([]byte(h.String()), khMust(h.MarshalText())) {
		t.Error("MarshalText is not String")
	}
}

func khMust[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
