package authorizedkeys_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/authorizedkeys"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// lineKey is the test Ed25519 key with the comment "c".
var lineKey = sshkey.MustParse("ssh-ed25519 " + keytest.ED25519B64 + " c")

// checkLineReadsBack fails t unless line reads back (ParseLine) to opts and
// key, with key's comment.
func checkLineReadsBack(t *testing.T, line string, opts authorizedkeys.Options, key *sshkey.Key) {
	t.Helper()
	e, err := authorizedkeys.ParseLine([]byte(line))
	if err != nil {
		t.Fatalf("Line wrote %q, which ParseLine refuses: %v", line, err)
	}
	if diff := cmp.Diff(opts, e.Options()); diff != "" {
		t.Fatalf("Line wrote %q, which reads back to other options (-given +read):\n%s", line, diff)
	}
	if !e.Key().Equal(key) || e.Key().Comment() != key.Comment() {
		t.Fatalf("Line wrote %q, which reads back to another key or comment: %q", line, e.Key().Comment())
	}
}

func TestLine(t *testing.T) {
	const k = "ssh-ed25519 " + keytest.ED25519B64 + " c"
	tests := []struct {
		opts authorizedkeys.Options
		want string // the line; "" for an error
		msg  string // for an error: a part of its message
		why  string
	}{
		{authorizedkeys.Options{}, k, "", "no options: the key's line alone"},
		{authorizedkeys.Options{Restrict: true, Pty: authorizedkeys.PermissionAllowed}, "restrict,pty " + k, "",
			"restrict first, so that the pty after it grants it again"},
		{authorizedkeys.Options{
			Restrict: true, CertAuthority: true,
			AgentForwarding: authorizedkeys.PermissionDenied, PortForwarding: authorizedkeys.PermissionAllowed,
			Pty: authorizedkeys.PermissionDenied, UserRC: authorizedkeys.PermissionAllowed, X11Forwarding: authorizedkeys.PermissionDenied,
			NoTouchRequired: true, VerifyRequired: true,
			HasCommand: true, Command: "uptime",
			Environment:  []string{"A=1", "B="},
			ExpiryTime:   []string{"20300102030405Z"},
			From:         []string{"10.0.0.0/8", "!10.1.0.0/16"},
			PermitListen: []string{"*:8080"}, PermitOpen: []string{"localhost:22", "[::1]:80"},
			Principals: []string{"alice", "bob"},
			HasTunnel:  true, Tunnel: 3,
		}, `restrict,cert-authority,no-agent-forwarding,port-forwarding,no-pty,user-rc,no-x11-forwarding,no-touch-required,verify-required,` +
			`command="uptime",environment="A=1",environment="B=",expiry-time="20300102030405Z",from="10.0.0.0/8,!10.1.0.0/16",` +
			`permitlisten="*:8080",permitopen="localhost:22",permitopen="[::1]:80",principals="alice,bob",tunnel="3" ` + k, "",
			"every option, in the canonical order of Line's documentation"},
		{authorizedkeys.Options{HasCommand: true}, `command="" ` + k, "", "an empty command is present and written"},
		{authorizedkeys.Options{HasCommand: true, Command: `echo "hi there"`}, `command="echo \"hi there\"" ` + k, "",
			"quotes escaped, blanks kept inside the quotes"},
		{authorizedkeys.Options{HasCommand: true, Command: `a\"b`}, `command="a\\"b" ` + k, "",
			`a backslash before a quote: the quote is escaped, the backslash stands for itself`},
		{authorizedkeys.Options{HasCommand: true, Command: `a\b`}, `command="a\b" ` + k, "", "a backslash before another byte is itself"},
		{authorizedkeys.Options{From: []string{""}}, `from="" ` + k, "", `from="" is the list of one empty pattern`},
		{authorizedkeys.Options{HasTunnel: true, Tunnel: authorizedkeys.TunnelAny}, `tunnel="any" ` + k, "", "TunnelAny is any"},
		{authorizedkeys.Options{HasTunnel: true, Tunnel: 0}, `tunnel="0" ` + k, "", "tun device 0"},
		{authorizedkeys.Options{ExpiryTime: []string{"20310101", "20300102030405Z"}},
			`expiry-time="20310101",expiry-time="20300102030405Z" ` + k, "", "every expiry-time, in order, as written"},

		{authorizedkeys.Options{HasCommand: true, Command: "a\nrestrict"}, "", `"command"`, "a LF would start another line"},
		{authorizedkeys.Options{HasCommand: true, Command: "a\rb"}, "", `"command"`, "a CR in a value"},
		{authorizedkeys.Options{HasCommand: true, Command: "a\x00b"}, "", `"command"`, "a NUL, where sshd ends the line"},
		{authorizedkeys.Options{HasCommand: true, Command: `x\`}, "", "backslash", `command="x\" would escape its closing quote`},
		{authorizedkeys.Options{Command: "x"}, "", "HasCommand", "a command without HasCommand would be lost"},
		{authorizedkeys.Options{From: []string{"a,b"}}, "", `"from"`, "a from element with a comma would split"},
		{authorizedkeys.Options{Principals: []string{"alice", "b,c"}}, "", `"principals"`, "a principal with a comma would split"},
		{authorizedkeys.Options{Environment: []string{"NOEQUALS"}}, "", `"environment"`, "an environment value must be NAME=value"},
		{authorizedkeys.Options{Environment: []string{"A-B=1"}}, "", `"environment"`, "a NAME of letters, digits and underscores"},
		{authorizedkeys.Options{Environment: []string{"=1"}}, "", `"environment"`, "an empty NAME"},
		{authorizedkeys.Options{Environment: []string{"A=1", "A=2"}}, "", "twice", "sshd keeps the first of a NAME: the second would be lost"},
		{authorizedkeys.Options{Environment: []string{"A=1\nB=2"}}, "", `"environment"`, "a LF in an environment value"},
		{authorizedkeys.Options{PermitOpen: []string{"host"}}, "", `"permitopen"`, "no port"},
		{authorizedkeys.Options{PermitOpen: []string{"host:0"}}, "", `"permitopen"`, "port 0"},
		{authorizedkeys.Options{PermitOpen: []string{"host:65536"}}, "", `"permitopen"`, "a port above 65535"},
		{authorizedkeys.Options{PermitListen: []string{"8080"}}, "", `"permitlisten"`, "sshd records a bare port as *:port; it would not read back as written"},
		{authorizedkeys.Options{HasTunnel: true, Tunnel: -2}, "", `"tunnel"`, "a negative device other than TunnelAny"},
		{authorizedkeys.Options{HasTunnel: true, Tunnel: authorizedkeys.MaxTunnel + 1}, "", `"tunnel"`, "a device above MaxTunnel"},
		{authorizedkeys.Options{Tunnel: 4}, "", "HasTunnel", "a tunnel without HasTunnel would be lost"},
		{authorizedkeys.Options{ExpiryTime: []string{"19700101000000Z"}}, "", `"expiry-time"`, "the epoch, which sshd takes for none"},
		{authorizedkeys.Options{ExpiryTime: []string{"19700101"}}, "", `"expiry-time"`, "a local time on the epoch's day: good or bad by zone"},
		{authorizedkeys.Options{ExpiryTime: []string{"100000101Z"}}, "", `"expiry-time"`, "a five-digit year"},
		{authorizedkeys.Options{ExpiryTime: []string{"2030-01-02"}}, "", `"expiry-time"`, "not the option's form"},
		{authorizedkeys.Options{Pty: 3}, "", `"pty"`, "a Permission none of the three"},
		{authorizedkeys.Options{HasCommand: true, Command: "-----BEGIN OPENSSH PRIVATE KEY-----"}, "", "", "a private key's marker in a value, which ParseLine refuses"},
		{authorizedkeys.Options{HasCommand: true, Command: strings.Repeat("a", sshkey.MaxLineLen)}, "", "longer", "a line over MaxLineLen"},
	}
	for _, tt := range tests {
		got, err := authorizedkeys.Line(tt.opts, lineKey)
		if tt.want == "" {
			if err == nil {
				t.Errorf("Line(%+.60v) = %q, want an error (%s)", tt.opts, got, tt.why)
			} else if got != "" || !errors.Is(err, keyerrors.ErrMalformedKey) && !errors.Is(err, keyerrors.ErrPrivateKey) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Line(%+.60v) = %q, %v; want \"\" and an error naming %s (%s)", tt.opts, got, err, tt.msg, tt.why)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Line(%+.60v) =\n\t%q, %v\nwant\n\t%q (%s)", tt.opts, got, err, tt.want, tt.why)
			continue
		}
		checkLineReadsBack(t, got, tt.opts, lineKey)
	}
}

// TestLineEmptyLists: a list option that is empty but not nil is written
// as none (and so reads back as nil), not as an empty value: from="" would
// be the list of one empty pattern, which refuses every login.
func TestLineEmptyLists(t *testing.T) {
	const k = "ssh-ed25519 " + keytest.ED25519B64 + " c"
	for _, tt := range []struct {
		opts authorizedkeys.Options
		why  string
	}{
		{authorizedkeys.Options{From: []string{}}, "an empty from"},
		{authorizedkeys.Options{Principals: []string{}}, "empty principals"},
		{authorizedkeys.Options{Environment: []string{}, PermitOpen: []string{}, PermitListen: []string{}}, "empty repeated options"},
	} {
		got, err := authorizedkeys.Line(tt.opts, lineKey)
		if err != nil || got != k {
			t.Errorf("Line(%s) = %q, %v; want the key's line alone", tt.why, got, err)
		}
	}
}

// TestLineKey: a nil or zero key is an error, never a line of options alone.
func TestLineKey(t *testing.T) {
	for _, tt := range []struct {
		key *sshkey.Key
		why string
	}{
		{nil, "a nil key"},
		{&sshkey.Key{}, "the zero Key holds no key"},
	} {
		if got, err := authorizedkeys.Line(authorizedkeys.Options{Restrict: true}, tt.key); err == nil || got != "" || !errors.Is(err, keyerrors.ErrMalformedKey) {
			t.Errorf("Line(restrict, %s) = %q, %v; want ErrMalformedKey", tt.why, got, err)
		}
	}
}

// TestLineSeedFiles: every entry of the seed files of
// testdata/authorized_keys is written back by Line to a line that reads
// back to its options and key.
func TestLineSeedFiles(t *testing.T) {
	paths, err := filepath.Glob("../../testdata/authorized_keys/*")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed files: %v", err)
	}
	n, skipped := 0, 0
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for e, err := range authorizedkeys.Read(f) {
			if err != nil {
				continue
			}
			line, err := authorizedkeys.Line(e.Options(), e.Key())
			if err != nil && strings.Contains(e.String(), "\r") && strings.Contains(err.Error(), "line break") {
				// A CR inside a quoted value, which sshd reads (the
				// cr-in-quotes line of testdata/authorized_keys/options)
				// and Line refuses, as documented: other readers end a
				// line at a CR.
				skipped++
				continue
			}
			if err != nil {
				t.Errorf("%s:%d: Line: %v", filepath.Base(path), e.Line(), err)
				continue
			}
			checkLineReadsBack(t, line, e.Options(), e.Key())
			n++
		}
		f.Close()
	}
	if n < 50 || skipped > 2 {
		t.Errorf("%d entries round-trip and %d with a CR are refused; the glob or the files are wrong", n, skipped)
	}
	t.Logf("%d entries round-trip; %d with a CR in a value refused", n, skipped)
}

// fuzzOptions builds Options from fuzz input: bits of flags set the
// booleans and permissions, and lists are split at \x1e.
func fuzzOptions(flags uint32, command, env, from, listen, open, principals string, expiry int64, tunnel int32) authorizedkeys.Options {
	list := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, "\x1e")
	}
	perm := func(shift uint) authorizedkeys.Permission { return authorizedkeys.Permission(flags >> shift & 3) }
	o := authorizedkeys.Options{
		Restrict:        flags&1 != 0,
		CertAuthority:   flags&2 != 0,
		AgentForwarding: perm(2),
		PortForwarding:  perm(4),
		Pty:             perm(6),
		UserRC:          perm(8),
		X11Forwarding:   perm(10),
		NoTouchRequired: flags&(1<<12) != 0,
		VerifyRequired:  flags&(1<<13) != 0,
		HasCommand:      flags&(1<<14) != 0,
		Command:         command,
		Environment:     list(env),
		From:            list(from),
		PermitListen:    list(listen),
		PermitOpen:      list(open),
		Principals:      list(principals),
		HasTunnel:       flags&(1<<15) != 0,
		Tunnel:          int(tunnel),
	}
	if flags&(1<<16) != 0 {
		v := time.Unix(expiry, 0).UTC().Format("20060102150405")
		if flags&(1<<17) == 0 {
			v += "Z"
		}
		o.ExpiryTime = []string{v}
	}
	return o
}

// FuzzLine: whatever Options the input makes, a line Line writes reads back
// to them and to the key, with its comment.
func FuzzLine(f *testing.F) {
	f.Add(uint32(0), "", "", "", "", "", "", int64(0), int32(0), "c")
	f.Add(uint32(1|2|1<<2|2<<4|1<<6|2<<8|1<<10|1<<12|1<<13|1<<14|1<<15|1<<16), "uptime", "A=1\x1eB=2", "10.0.0.0/8\x1e!10.1.0.0/16", "*:80", "h:22\x1e[::1]:80", "alice\x1ebob", int64(1900000000), int32(-1), "me@host")
	f.Add(uint32(1<<14|1<<16|1<<17), `a\"b"c`, "", "", "", "", "", int64(1700000000), int32(0), "")
	f.Add(uint32(1<<14), `x\`, "A=\"", "a,b", "8080", "h:0", "", int64(0), int32(0), "a b\tc")
	f.Fuzz(func(t *testing.T, flags uint32, command, env, from, listen, open, principals string, expiry int64, tunnel int32, comment string) {
		key, err := lineKey.WithComment(comment)
		if err != nil {
			return
		}
		opts := fuzzOptions(flags, command, env, from, listen, open, principals, expiry, tunnel)
		line, err := authorizedkeys.Line(opts, key)
		if err != nil {
			if line != "" {
				t.Fatalf("Line returned %q with the error %v", line, err)
			}
			// An option value is a person's text, shown by SafeValue's
			// rule; the key's base64 never is, and no message looks
			// like key material.
			if run := keytest.LeakedRun(key.String(), err.Error()); run != "" || keyerrors.LooksLikeKey(err.Error()) {
				t.Fatalf("Line's error holds key material (%q): %v", run, err)
			}
			return
		}
		if strings.ContainsAny(line, "\n\r\x00") {
			t.Fatalf("Line wrote %q, which holds a line break or a NUL", line)
		}
		checkLineReadsBack(t, line, opts, key)
	})
}

// ExampleLine writes a restricted deploy key that may run one command.
func ExampleLine() {
	key := sshkey.MustParse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ ci@build")
	line, err := authorizedkeys.Line(authorizedkeys.Options{
		Restrict:   true,
		Pty:        authorizedkeys.PermissionAllowed,
		HasCommand: true,
		Command:    `/usr/bin/deploy --tag "v1"`,
		From:       []string{"192.0.2.0/24", "2001:db8::/32"},
	}, key)
	fmt.Println(line, err)

	_, err = authorizedkeys.Line(authorizedkeys.Options{HasCommand: true, Command: "true\nssh-ed25519 AAAA..."}, key)
	fmt.Println(errors.Is(err, keyerrors.ErrMalformedKey), err)
	// Output:
	// restrict,pty,command="/usr/bin/deploy --tag \"v1\"",from="192.0.2.0/24,2001:db8::/32" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ ci@build <nil>
	// true sshkey: option "command" has a value holding a line break, which would start another line
}
