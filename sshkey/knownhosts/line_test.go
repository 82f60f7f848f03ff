package knownhosts_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
	"github.com/keyvet/keyvet/sshkey/knownhosts"
)

// khLineKey is the test Ed25519 key with the comment "c".
var khLineKey = sshkey.MustParse("ssh-ed25519 " + keytest.ED25519B64 + " c")

// khHashed is server.example.com hashed with the salt of ssh-keygen -H in
// ExampleRead.
const khHashed = "|1|ATx+qHmzjFjSSGWDfhEXIvKJ12g=|6/XdYTEkqWER+1aaH7JjOeMAdk8="

// checkKHLineReadsBack fails t unless line reads back (ParseLine) to m,
// hosts as given, and key with its comment.
func checkKHLineReadsBack(t *testing.T, line string, m knownhosts.Marker, hosts []string, key *sshkey.Key) {
	t.Helper()
	e, err := knownhosts.ParseLine([]byte(line))
	if err != nil {
		t.Fatalf("Line wrote %q, which ParseLine refuses: %v", line, err)
	}
	var got []string
	for _, p := range e.Hosts() {
		got = append(got, p.String())
	}
	if e.Marker() != m || strings.Join(got, "\x00") != strings.Join(hosts, "\x00") || len(got) != len(hosts) {
		t.Fatalf("Line wrote %q, which reads back as marker %v, hosts %q; want %v, %q", line, e.Marker(), got, m, hosts)
	}
	if !e.Key().Equal(key) || e.Key().Comment() != key.Comment() {
		t.Fatalf("Line wrote %q, which reads back to another key or comment %q", line, e.Key().Comment())
	}
}

func TestLine(t *testing.T) {
	const k = "ssh-ed25519 " + keytest.ED25519B64 + " c"
	tests := []struct {
		m     knownhosts.Marker
		hosts []string
		want  string // the line; "" for an error
		why   string
	}{
		{knownhosts.MarkerNone, []string{"server.example.com"}, "server.example.com " + k, "one host"},
		{knownhosts.MarkerNone, []string{"server.example.com", "192.0.2.10", "[::1]:2222"}, "server.example.com,192.0.2.10,[::1]:2222 " + k,
			"hosts joined with commas"},
		{knownhosts.MarkerCertAuthority, []string{"*.example.com", "!test.example.com"}, "@cert-authority *.example.com,!test.example.com " + k,
			"a marker, a pattern and a negated one"},
		{knownhosts.MarkerRevoked, []string{"*"}, "@revoked * " + k, "the @revoked marker"},
		{knownhosts.MarkerRevoked, []string{"#host"}, "@revoked #host " + k, "# after a marker is a host, not a comment"},
		{knownhosts.MarkerNone, []string{"host", "#other"}, "host,#other " + k, "# in a later host is a byte like another"},
		{knownhosts.MarkerNone, []string{"host", "@other"}, "host,@other " + k, "@ in a later host is a byte like another"},
		{knownhosts.MarkerNone, []string{khHashed}, khHashed + " " + k, "a hashed name alone"},
		{knownhosts.MarkerCertAuthority, []string{khHashed}, "@cert-authority " + khHashed + " " + k, "a hashed name after a marker"},

		{knownhosts.MarkerNone, nil, "", "no hosts"},
		{knownhosts.MarkerNone, []string{}, "", "an empty list of hosts"},
		{knownhosts.MarkerNone, []string{""}, "", "an empty host"},
		{knownhosts.MarkerNone, []string{"a", ""}, "", "an empty host after another"},
		{knownhosts.MarkerNone, []string{"evil\n@cert-authority *"}, "", "a LF would start another line: golang/go#81537"},
		{knownhosts.MarkerNone, []string{"a\rb"}, "", "a CR"},
		{knownhosts.MarkerNone, []string{"a\x00b"}, "", "a NUL, where ssh ends the field"},
		{knownhosts.MarkerNone, []string{"a b"}, "", "a space would end the host field"},
		{knownhosts.MarkerNone, []string{"a\tb"}, "", "a tab would end the host field"},
		{knownhosts.MarkerNone, []string{"a,b"}, "", "a comma would split the host"},
		{knownhosts.MarkerNone, []string{"@cert-authority"}, "", "a first host with @ reads as a marker"},
		{knownhosts.MarkerRevoked, []string{"@host"}, "", "a first host with @ after a marker reads as a second marker"},
		{knownhosts.MarkerNone, []string{"#host"}, "", "a first host with # and no marker makes a comment"},
		{knownhosts.MarkerNone, []string{"|host"}, "", "| not followed by 1| is no hashed name"},
		{knownhosts.MarkerNone, []string{"|1|abc|def"}, "", "a salt and hash not of 20 bytes"},
		{knownhosts.MarkerNone, []string{khHashed, "other"}, "", "a hashed name beside another host"},
		{knownhosts.MarkerNone, []string{"other", khHashed}, "", "a hashed name after another host"},
		{knownhosts.Marker(3), []string{"host"}, "", "an unknown marker"},
		{knownhosts.Marker(-1), []string{"host"}, "", "a negative marker"},
		{knownhosts.MarkerNone, []string{strings.Repeat("a", sshkey.MaxLineLen)}, "", "a line over MaxLineLen"},
	}
	for _, tt := range tests {
		got, err := knownhosts.Line(tt.m, tt.hosts, khLineKey)
		if tt.want == "" {
			if err == nil || got != "" || !errors.Is(err, keyerrors.ErrMalformedKey) {
				t.Errorf("Line(%v, %.60q) = %q, %v; want \"\" and ErrMalformedKey (%s)", tt.m, tt.hosts, got, err, tt.why)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Line(%v, %.60q) =\n\t%q, %v\nwant\n\t%q (%s)", tt.m, tt.hosts, got, err, tt.want, tt.why)
			continue
		}
		checkKHLineReadsBack(t, got, tt.m, tt.hosts, khLineKey)
	}
}

// TestLineOwnChecks: Line's refusals come from its own checks, with
// messages that say what is wrong with the host, not only from the
// ParseLine it asks last.
func TestLineOwnChecks(t *testing.T) {
	for _, tt := range []struct {
		m     knownhosts.Marker
		hosts []string
		msg   string
		why   string
	}{
		{knownhosts.MarkerNone, []string{"#host"}, "first host starts with #", "a comment line, which ParseLine also refuses"},
		{knownhosts.MarkerNone, []string{"@host"}, "first host starts with @", "a marker, which ParseLine also refuses"},
		{knownhosts.MarkerNone, []string{"a b"}, "blank", "a blank, which ParseLine would read as the end of the field"},
		{knownhosts.MarkerNone, []string{khHashed, "x"}, "hashed name beside", "a hashed name not alone"},
		{knownhosts.MarkerNone, []string{"a", ""}, "host 2 is empty", "the empty host is named by its place"},
	} {
		_, err := knownhosts.Line(tt.m, tt.hosts, khLineKey)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Line(%v, %q): %v; want a message with %q (%s)", tt.m, tt.hosts, err, tt.msg, tt.why)
		}
	}
}

// TestLineKey: a nil or zero key is an error, never a line of hosts alone.
func TestLineKey(t *testing.T) {
	for _, tt := range []struct {
		key *sshkey.Key
		why string
	}{
		{nil, "a nil key"},
		{&sshkey.Key{}, "the zero Key holds no key"},
	} {
		if got, err := knownhosts.Line(knownhosts.MarkerNone, []string{"host"}, tt.key); err == nil || got != "" || !errors.Is(err, keyerrors.ErrMalformedKey) {
			t.Errorf("Line(host, %s) = %q, %v; want ErrMalformedKey", tt.why, got, err)
		}
	}
}

// TestLineHashed: a name hashed with HashHost and written by Line matches
// that name, at its port, and no other.
func TestLineHashed(t *testing.T) {
	h, err := knownhosts.HashHost("server.example.com", 2222, nil)
	if err != nil {
		t.Fatal(err)
	}
	line, err := knownhosts.Line(knownhosts.MarkerNone, []string{h}, khLineKey)
	if err != nil {
		t.Fatal(err)
	}
	e, err := knownhosts.ParseLine([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if !e.Match("server.example.com", 2222) || e.Match("server.example.com", 22) || e.Match("other.example.com", 2222) {
		t.Errorf("the hashed line %q matches other than server.example.com at port 2222", line)
	}
}

// FuzzLine: whatever the marker, hosts and comment, a line Line writes
// reads back to exactly them and the key.
func FuzzLine(f *testing.F) {
	f.Add(0, "server.example.com\x1e192.0.2.10", "c", false, "")
	f.Add(1, "*.example.com\x1e!test.example.com", "CA", false, "")
	f.Add(2, "#x", "", false, "")
	f.Add(0, "evil\n@cert-authority *", "", false, "")
	f.Add(0, "server.example.com", "", true, "01234567890123456789")
	f.Add(0, "@x\x1e|1|a|b", "a b", false, "")
	f.Fuzz(func(t *testing.T, marker int, hostList, comment string, hash bool, salt string) {
		key, err := khLineKey.WithComment(comment)
		if err != nil {
			return
		}
		m := knownhosts.Marker(marker)
		hosts := strings.Split(hostList, "\x1e")
		if hash {
			h, err := knownhosts.HashHost(hosts[0], 22, []byte(salt))
			if err != nil {
				return
			}
			hosts[0] = h
		}
		line, err := knownhosts.Line(m, hosts, key)
		if err != nil {
			if line != "" {
				t.Fatalf("Line returned %q with the error %v", line, err)
			}
			if !errors.Is(err, keyerrors.ErrMalformedKey) {
				t.Fatalf("Line's error %v is no ErrMalformedKey", err)
			}
			return
		}
		if strings.ContainsAny(line, "\n\r\x00") {
			t.Fatalf("Line wrote %q, which holds a line break or a NUL", line)
		}
		checkKHLineReadsBack(t, line, m, hosts, key)
	})
}

// ExampleLine writes a plain, a hashed and a @cert-authority line, and
// refuses a host holding a line break, which would install a second line.
func ExampleLine() {
	key := sshkey.MustParse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ")
	fmt.Println(knownhosts.Line(knownhosts.MarkerNone, []string{"server.example.com", "192.0.2.10"}, key))

	// One line per hashed name; a nil salt would be random.
	salt := []byte("\x01\x3c\x7e\xa8\x79\xb3\x8c\x58\xd2\x48\x65\x83\x7e\x11\x17\x22\xf2\x89\xd7\x68")
	h, _ := knownhosts.HashHost("server.example.com", 22, salt)
	fmt.Println(knownhosts.Line(knownhosts.MarkerNone, []string{h}, key))

	fmt.Println(knownhosts.Line(knownhosts.MarkerCertAuthority, []string{"*.example.com"}, key))

	_, err := knownhosts.Line(knownhosts.MarkerNone, []string{"evil\n@cert-authority *"}, key)
	fmt.Println(errors.Is(err, keyerrors.ErrMalformedKey), err)
	// Output:
	// server.example.com,192.0.2.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ <nil>
	// |1|ATx+qHmzjFjSSGWDfhEXIvKJ12g=|6/XdYTEkqWER+1aaH7JjOeMAdk8= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ <nil>
	// @cert-authority *.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ <nil>
	// true sshkey: host 1 holds a line break or a NUL, which would start another line
}
