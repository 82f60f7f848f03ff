package authorizedkeys

import (
	"bytes"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/fuzzseed"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// This file is the slow reference of AuthorizedKeys: lines split with
// bytes.Split, the options found and read the way sshauthopt_parse reads
// them (each option name tried as a prefix in sshd's order, then a comma or
// the end), with the key read by sshkey.ParseAuthorizedKey. The value checks
// (parseExpiry, checkPermit, parseTunnel, validEnvName) are shared: the
// option grammar table holds those to sshd.

// quotedValue matches a double-quoted value in a message, as safeName
// writes it.
var quotedValue = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// refLine is what the reference expects of one line.
type refLine struct {
	n       int
	bad     bool
	keyPart []byte  // the text sshkey.ParseAuthorizedKey reads
	opts    Options // when !bad
}

// refAuthorizedKeys is the reference reading of data.
func refAuthorizedKeys(data []byte) []refLine {
	var out []refLine
	lns := bytes.Split(data, []byte("\n"))
	if len(lns[len(lns)-1]) == 0 {
		lns = lns[:len(lns)-1] // after the last LF: no line
	}
	first := true
	for i, line := range lns {
		n := i + 1
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > sshkey.MaxLineLen {
			out = append(out, refLine{n: n, bad: true})
			first = false
			continue
		}
		line = bytes.TrimLeft(line, " \t")
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if first && (bytes.HasPrefix(line, []byte("---- BEGIN SSH2 PUBLIC KEY")) || bytes.HasPrefix(line, []byte("-----BEGIN "))) {
			return append(out, refLine{n: n, bad: true})
		}
		first = false
		out = append(out, refReadLine(n, line))
	}
	return out
}

// refOpenSSHTypes are the key type names of OpenSSH 9.2's keyimpls.
var refOpenSSHTypes = strings.Fields(`ssh-ed25519 ssh-ed25519-cert-v01@openssh.com sk-ssh-ed25519@openssh.com
	sk-ssh-ed25519-cert-v01@openssh.com ecdsa-sha2-nistp256 ecdsa-sha2-nistp256-cert-v01@openssh.com
	ecdsa-sha2-nistp384 ecdsa-sha2-nistp384-cert-v01@openssh.com ecdsa-sha2-nistp521
	ecdsa-sha2-nistp521-cert-v01@openssh.com sk-ecdsa-sha2-nistp256@openssh.com
	sk-ecdsa-sha2-nistp256-cert-v01@openssh.com webauthn-sk-ecdsa-sha2-nistp256@openssh.com ssh-dss
	ssh-dss-cert-v01@openssh.com ssh-rsa ssh-rsa-cert-v01@openssh.com rsa-sha2-256
	rsa-sha2-256-cert-v01@openssh.com rsa-sha2-512 rsa-sha2-512-cert-v01@openssh.com
	ssh-xmss@openssh.com ssh-xmss-cert-v01@openssh.com`)

func refReadLine(n int, line []byte) refLine {
	r := refLine{n: n}
	field := line
	if i := bytes.IndexAny(line, " \t"); i >= 0 {
		field = line[:i]
	}
	for _, t := range refOpenSSHTypes {
		if string(field) == t {
			r.keyPart = line
			_, err := sshkey.ParseAuthorizedKey(line)
			r.bad = err != nil
			return r
		}
	}
	end, closed := refAdvancePastOptions(line)
	opts := line[:end]
	r.keyPart = bytes.TrimLeft(line[end:], " \t")
	o, ok := refParseOptions(string(opts))
	_, err := sshkey.ParseAuthorizedKey(r.keyPart)
	r.bad = !closed || !ok || err != nil || bytes.IndexByte(opts, 0) >= 0 || scan.MayHoldPrivate(opts) || scan.PrivateBody(opts) != ""
	r.opts = o
	return r
}

// refAdvancePastOptions finds the end of the options as
// sshkey_advance_past_options does, a byte at a time: the first blank
// outside double quotes, where \" is stepped over whole. closed is false
// when a quote is open at the end.
func refAdvancePastOptions(line []byte) (end int, closed bool) {
	quoted := false
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' && i+1 < len(line) && line[i+1] == '"' {
			i++
		} else if line[i] == '"' {
			quoted = !quoted
		} else if !quoted && (line[i] == ' ' || line[i] == '\t') {
			return i, true
		}
	}
	return len(line), !quoted
}

// FuzzAdvancePastOptions holds advancePastOptions, which jumps from quote
// to quote, to the byte-by-byte reference.
func FuzzAdvancePastOptions(f *testing.F) {
	for _, r := range optionRows() {
		f.Add([]byte(r.text()))
	}
	for _, s := range []string{`a="\\"" b`, `\"a b`, `"\" b" c`, `x="" y`, `"`, `a\"b"c d"e f`, "a=\"\t\" b\tc"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		end, closed := scan.AdvancePastOptions(line)
		wantEnd, wantClosed := refAdvancePastOptions(line)
		if end != wantEnd || closed != wantClosed {
			t.Fatalf("scan.AdvancePastOptions(%q) = %d, %v; the reference: %d, %v", line, end, closed, wantEnd, wantClosed)
		}
	})
}

// refParseOptions reads options as sshauthopt_parse does, in its order.
func refParseOptions(s string) (Options, bool) {
	var o Options
	flags := []string{"restrict", "cert-authority", "port-forwarding", "agent-forwarding", "x11-forwarding", "touch-required", "verify-required", "pty", "user-rc"}
	values := []string{"command", "principals", "from", "expiry-time", "environment", "permitopen", "permitlisten", "tunnel"}
	hasPrefixFold := func(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }
	for len(s) > 0 {
		matched := false
		for i, f := range flags {
			rest, neg := s, false
			if i >= 2 && hasPrefixFold(rest, "no-") {
				rest, neg = rest[3:], true
			}
			if hasPrefixFold(rest, f) {
				s, matched = rest[len(f):], true
				set := PermissionAllowed
				if neg {
					set = PermissionDenied
				}
				switch f {
				case "restrict":
					o.Restrict = true
					o.PortForwarding, o.AgentForwarding, o.X11Forwarding, o.Pty, o.UserRC = 0, 0, 0, 0, 0
				case "cert-authority":
					o.CertAuthority = true
				case "port-forwarding":
					o.PortForwarding = set
				case "agent-forwarding":
					o.AgentForwarding = set
				case "x11-forwarding":
					o.X11Forwarding = set
				case "touch-required":
					o.NoTouchRequired = neg
				case "verify-required":
					o.VerifyRequired = !neg
				case "pty":
					o.Pty = set
				case "user-rc":
					o.UserRC = set
				}
				break
			}
		}
		for _, v := range values {
			if matched || !hasPrefixFold(s, v+"=") {
				continue
			}
			matched = true
			s = s[len(v)+1:]
			if s == "" || s[0] != '"' {
				return o, false
			}
			var val strings.Builder
			i := 1
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && s[i+1] == '"' {
					i++
				}
				val.WriteByte(s[i])
			}
			if i == len(s) {
				return o, false
			}
			s = s[i+1:]
			value := val.String()
			switch v {
			case "command":
				if o.HasCommand {
					return o, false
				}
				o.HasCommand, o.Command = true, value
			case "principals":
				if o.Principals != nil {
					return o, false
				}
				o.Principals = strings.Split(value, ",")
			case "from":
				if o.From != nil {
					return o, false
				}
				o.From = strings.Split(value, ",")
			case "expiry-time":
				if !validExpiry(value) {
					return o, false
				}
				o.ExpiryTime = append(o.ExpiryTime, value)
			case "environment":
				name, _, ok := strings.Cut(value, "=")
				if len(o.Environment) > 1024 || !ok || !validEnvName(name) {
					return o, false
				}
				dup := false
				for _, e := range o.Environment {
					dup = dup || strings.HasPrefix(e, name+"=")
				}
				if !dup {
					o.Environment = append(o.Environment, value)
				}
			case "permitopen":
				if len(o.PermitOpen) > 4096 || checkPermit(value) != "" {
					return o, false
				}
				o.PermitOpen = append(o.PermitOpen, value)
			case "permitlisten":
				if !strings.Contains(value, ":") {
					value = "*:" + value
				}
				if len(o.PermitListen) > 4096 || checkPermit(value) != "" {
					return o, false
				}
				o.PermitListen = append(o.PermitListen, value)
			case "tunnel":
				t, ok := parseTunnel(value)
				if !ok {
					return o, false
				}
				o.HasTunnel, o.Tunnel = true, t
			}
		}
		if s == "" {
			break
		}
		if s[0] != ',' {
			return o, false // an unknown option, or text after one
		}
		s = s[1:]
	}
	return o, true
}

// FuzzAuthorizedKeys holds AuthorizedKeys to the reference on any input: no
// panic; line numbers that increase; one entry or one sshkey.LineError for each
// line that is neither blank nor a comment (and none after a first line
// that starts an RFC 4716 or PEM file); an entry exactly where the
// reference reads the line, with its options, and a sshkey.Key that is what
// sshkey.ParseAuthorizedKey reads from the line's key part (blob, type, bits,
// comment, format, and an equal ssh.PublicKey); an error that wraps one key
// sentinel, the one-key rules' where the options are good, and holds no
// 16-character run of the input's base64; and String and MarshalText that
// AuthorizedKeys reads back to an equal entry.
func FuzzAuthorizedKeys(f *testing.F) {
	// Seeds of at most 8 KiB: the fuzzer mutates and minimises a long
	// input slowly. The options file is the option rows' lines, each a
	// seed below; the rows too long (a thousand environments) are the
	// table's to test.
	const maxSeed = 8 << 10
	add := func(b []byte) {
		if len(b) <= maxSeed {
			f.Add(b)
		}
	}
	for _, b := range fuzzseed.Files(f, "testdata/authorized_keys/*") {
		add(b)
	}
	for _, b := range fuzzseed.Files(f, fuzzseed.KeyFiles...) {
		add(b)
	}
	for _, r := range optionRows() {
		add([]byte(r.text()))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := refAuthorizedKeys(data)
		// leaks returns a 16-character run of the input's base64 that msg
		// holds outside the double-quoted values safeName shows, as
		// leakedRun does, looking up each run of 16 base64 characters of
		// the (short) message in the input: a run of the input that msg
		// holds is one of them. A quoted value is an option name or value,
		// or a type label, shown by keyerrors.SafeValue's rule: what the
		// rule takes for key material is never in quotes (it is
		// keyerrors.OmittedValue), and no message may look like key
		// material at all. The key text of the line (its base64 field and
		// what follows it) is never shown, quoted or not.
		leaks := func(msg string, w refLine) string {
			if keyerrors.LooksLikeKey(msg) {
				return msg
			}
			if _, keyText, ok := bytes.Cut(bytes.TrimLeft(w.keyPart, " \t"), []byte(" ")); ok {
				if run := keytest.LeakedRun(string(keyText), msg); run != "" {
					return run
				}
			}
			for _, run := range keytest.Base64Run.FindAllString(quotedValue.ReplaceAllString(msg, `""`), -1) {
				for i := 0; i+16 <= len(run); i++ {
					if bytes.Contains(data, []byte(run[i:i+16])) {
						return run[i : i+16]
					}
				}
			}
			return ""
		}
		type got struct {
			n   int
			e   *Entry
			err error
		}
		var gots []got
		for e, err := range Read(bytes.NewReader(data)) {
			var le *sshkey.LineError
			switch {
			case err == nil && e != nil:
				gots = append(gots, got{e.Line(), e, nil})
			case err != nil && e == nil && errors.As(err, &le):
				gots = append(gots, got{le.Line, nil, err})
			default:
				t.Fatalf("yield(%v, %v)", e, err)
			}
		}
		if len(gots) != len(want) {
			t.Fatalf("%d results, the reference %d:\n%v\n%v", len(gots), len(want), gots, want)
		}
		for i, g := range gots {
			w := want[i]
			if g.n != w.n || (i > 0 && g.n <= gots[i-1].n) {
				t.Fatalf("result %d is of line %d, the reference's of line %d", i, g.n, w.n)
			}
			if g.err != nil {
				if !w.bad {
					t.Fatalf("line %d: %v; the reference reads it", g.n, g.err)
				}
				sentinels := 0
				for _, s := range keytest.KeySentinels {
					if errors.Is(g.err, s) {
						sentinels++
					}
				}
				if sentinels != 1 {
					t.Fatalf("line %d: %v wraps %d key sentinels", g.n, g.err, sentinels)
				}
				if run := leaks(g.err.Error(), w); run != "" {
					t.Fatalf("line %d: error %q holds %q of the input", g.n, g.err, run)
				}
				continue
			}
			if w.bad {
				t.Fatalf("line %d: read as %+v; the reference refuses it", g.n, g.e.Options())
			}
			ref, err := sshkey.ParseAuthorizedKey(w.keyPart)
			if err != nil {
				t.Fatalf("line %d: sshkey.ParseAuthorizedKey refuses the key part: %v", g.n, err)
			}
			k := g.e.Key()
			if !k.Equal(ref) || k.Type() != ref.Type() || k.Bits() != ref.Bits() || k.Comment() != ref.Comment() || k.Format() != ref.Format() ||
				!reflect.DeepEqual(k.PublicKey(), ref.PublicKey()) || !bytes.Equal(k.PublicKey().Marshal(), ref.Marshal()) {
				t.Fatalf("line %d: the key is not ParseAuthorizedKey's", g.n)
			}
			if diff := cmp.Diff(w.opts, g.e.Options()); diff != "" {
				t.Fatalf("line %d: options (-reference +AuthorizedKeys):\n%s", g.n, diff)
			}
			s := g.e.String()
			if b, err := g.e.MarshalText(); err != nil || string(b) != s {
				t.Fatalf("MarshalText %q, %v; String %q", b, err, s)
			}
			var again []*Entry
			for e, err := range Read(strings.NewReader(s)) {
				if err != nil {
					t.Fatalf("line %d: String %q does not read back: %v", g.n, s, err)
				}
				again = append(again, e)
			}
			if len(again) != 1 || !again[0].Key().Equal(k) || again[0].Key().Comment() != k.Comment() ||
				!cmp.Equal(again[0].Options(), g.e.Options()) || again[0].String() != s {
				t.Fatalf("line %d: String %q reads back to another entry", g.n, s)
			}
		}
	})
}
