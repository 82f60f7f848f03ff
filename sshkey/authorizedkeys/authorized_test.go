package authorizedkeys

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// akResult is what AuthorizedKeys yields for one line: an entry, or the
// sentinel of its sshkey.LineError.
type akResult struct {
	line int
	err  error // the key sentinel; nil for an entry
}

// collect ranges over Read(r), checking what every file must
// show: line numbers that increase, errors that are LineErrors (but a read
// error, which must come last) wrapping exactly one key sentinel, entries
// with a sshkey.Key.
func collect(t *testing.T, r io.Reader) (entries []*Entry, results []akResult, readErr error) {
	t.Helper()
	last := 0
	for e, err := range Read(r) {
		if readErr != nil {
			t.Fatalf("something after the read error %v", readErr)
		}
		n := 0
		if err != nil {
			var le *sshkey.LineError
			if !errors.As(err, &le) {
				readErr = err
				continue
			}
			if e != nil {
				t.Fatalf("line %d: an entry and an error", le.Line)
			}
			var sentinel error
			for _, s := range keytest.KeySentinels {
				if errors.Is(err, s) {
					if sentinel != nil {
						t.Fatalf("line %d: %v wraps two key sentinels", le.Line, err)
					}
					sentinel = s
				}
			}
			if sentinel == nil {
				t.Fatalf("line %d: %v wraps no key sentinel", le.Line, err)
			}
			n = le.Line
			results = append(results, akResult{n, sentinel})
		} else {
			if e == nil || e.Key() == nil {
				t.Fatal("a nil entry or key without an error")
			}
			n = e.Line()
			entries = append(entries, e)
			results = append(results, akResult{n, nil})
		}
		if n <= last {
			t.Fatalf("line %d after line %d", n, last)
		}
		last = n
	}
	return entries, results, readErr
}

const (
	akRSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDLV5lUTt7FrADseB/CGhEZzpoojjEW5y8+ePvLppmK3MmMI18ud6vxzpK3bwZLYkVSyfJYI0HmIuGhdu7yMrW6wb84gbq8C31Xoe9EORcIUuGSvDKdNSM1SjlhDquRblDFB8kToqXyx1lqrXecXylxIUOL0jE+u0rU1967pDJx+w=="
)

func TestAuthorizedKeysFiles(t *testing.T) {
	cert, err := os.ReadFile("../../testdata/vectors/openssh/ed25519_1-cert.pub")
	if err != nil {
		t.Fatal(err)
	}
	long := "command=\"" + strings.Repeat("x", sshkey.MaxLineLen) + "\" " + akKey
	ok := func(n int) akResult { return akResult{n, nil} }
	bad := func(n int, s error) akResult { return akResult{n, s} }
	malf, priv := keyerrors.ErrMalformedKey, keyerrors.ErrPrivateKey
	tests := []struct {
		name, in string
		want     []akResult
		reason   string
	}{
		{"empty", "", nil, "no lines, no entries"},
		{"comments", "# a\n\n  \t\n\t# b\n", nil, "blank and # lines are skipped"},
		{"lf", akKey + "\n" + akRSA + " c\n", []akResult{ok(1), ok(2)}, "two lines"},
		{"crlf", akKey + "\r\n\r\n" + akRSA + " c\r\n", []akResult{ok(1), ok(3)}, "CRLF line ends; a CRLF alone is blank"},
		{"no last newline", akKey + "\n" + akRSA, []akResult{ok(1), ok(2)}, "the last line needs no line end"},
		{"no last crlf", akKey + "\r\n" + "no-pty " + akRSA + " c", []akResult{ok(1), ok(2)}, "nor with CRLF"},
		{"lone cr", akKey + " a\rb\n" + akKey + "\n", []akResult{bad(1, malf), ok(2)}, "a lone CR is part of the line, which the one-key rules refuse in a comment"},
		{"trailing cr at eof", akKey + "\r", []akResult{ok(1)}, "a CR at the very end is the line end's"},
		{"too long", akKey + "\n" + long + "\n" + akKey + "\n", []akResult{ok(1), bad(2, malf), ok(3)}, "a line past sshkey.MaxLineLen is reported and skipped"},
		{"too long first", long + "\n" + akKey, []akResult{bad(1, malf), ok(2)}, "and need not be the first"},
		{"bad line goes on", "no-ptyy " + akKey + "\n" + akKey + "\n", []akResult{bad(1, malf), ok(2)}, "a bad line does not stop the rest"},
		{"rfc4716 first", "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n" + akKey + "\n", []akResult{bad(1, keyerrors.ErrUnsupportedEncoding)}, "an RFC 4716 file: one error, and the end"},
		{"pem after comments", "# exported\n\n-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n", []akResult{bad(3, keyerrors.ErrUnsupportedEncoding)}, "the first line that is not blank or a comment decides"},
		{"private first", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n", []akResult{bad(1, priv)}, "a private key file: ErrPrivateKey, and the end"},
		{"private later", akKey + "\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n" + akKey,
			[]akResult{ok(1), bad(2, priv), bad(3, priv), bad(4, priv), ok(5)}, "a private key pasted after a key line: each of its lines is refused as one"},
		{"rfc4716 later", akKey + "\n---- BEGIN SSH2 PUBLIC KEY ----\n" + akKey, []akResult{ok(1), bad(2, malf), ok(3)}, "after the first line, a BEGIN line is a bad line like any"},
		{"bom", "\ufeff" + akKey + "\n", []akResult{bad(1, malf)}, "a byte-order mark makes the first field no key type: sshd takes it for an unknown option"},
		{"certificate", string(cert), []akResult{ok(1)}, "a certificate line: read, as ssh-keygen -l reads it (its CA signature verified)"},
		{"certificate with options", "cert-authority " + string(cert), []akResult{ok(1)}, "after options too"},
		{"unsupported type", "ssh-mldsa-44 AAAADHNzaC1tbGRzYS00NA==\n", []akResult{bad(1, keyerrors.ErrUnsupportedKeyType)}, "a type sshkey does not read"},
		{"type mismatch", "ssh-rsa " + strings.Fields(akKey)[1] + "\n", []akResult{bad(1, keyerrors.ErrKeyTypeMismatch)}, "the label is not the blob's type"},
		{"options then unsupported", "no-pty ssh-mldsa-44 AAAADHNzaC1tbGRzYS00NA==\n", []akResult{bad(1, keyerrors.ErrUnsupportedKeyType)}, "the key part's sentinel after good options"},
		{"missing type", strings.Fields(akKey)[1] + " c\n", []akResult{bad(1, malf)}, "base64 without its type"},
		{"options no key", "restrict\n", []akResult{bad(1, malf)}, "options and nothing after them"},
		{"nul in comment", akKey + " a\x00b\n", []akResult{bad(1, malf)}, "a NUL in the comment is a control character"},
		{"private in options", `command="-----BEGIN RSA PRIVATE KEY-----" ` + akKey + "\n", []akResult{bad(1, priv)}, "a private key marker in an option's value"},
		{"private in comment", akKey + " -----BEGIN RSA PRIVATE KEY-----\n", []akResult{bad(1, priv)}, "and in the comment"},
		{"private across fields", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA00000000000000000000000000000000000PRIVATE KEY ----\n", []akResult{bad(1, priv)}, "a marker whose blank is the one between the base64 and the comment (found by FuzzAuthorizedKeys)"},
		{"private beats options", `no-ptyy ` + akKey + " -----BEGIN RSA PRIVATE KEY-----\n", []akResult{bad(1, priv)}, "ErrPrivateKey is reported before a bad option"},
	}
	for _, tt := range tests {
		for _, r := range []io.Reader{strings.NewReader(tt.in), iotest.OneByteReader(strings.NewReader(tt.in))} {
			_, got, readErr := collect(t, r)
			if readErr != nil {
				t.Fatalf("%s: read error %v", tt.name, readErr)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(akResult{}), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("%s (-want +got):\n%s(%s)", tt.name, diff, tt.reason)
			}
		}
	}
}

// TestAuthorizedKeysReadError: the entries before a read error, then the
// error once, as the reader gave it, then nothing; the line it cut short is
// dropped.
func TestAuthorizedKeysReadError(t *testing.T) {
	boom := errors.New("boom")
	for _, tail := range []string{"", "no-pty ssh-ed25519 AAAA"} {
		r := io.MultiReader(strings.NewReader(akKey+"\n"+akRSA+"\n"+tail), iotest.ErrReader(boom))
		_, got, readErr := collect(t, r)
		if !errors.Is(readErr, boom) || readErr != boom {
			t.Errorf("tail %q: read error %v, want boom itself", tail, readErr)
		}
		if want := []akResult{{1, nil}, {2, nil}}; !cmp.Equal(want, got, cmp.AllowUnexported(akResult{})) {
			t.Errorf("tail %q: %v, want the two lines before the error", tail, got)
		}
	}
}

// TestAuthorizedKeysBreak: a loop may stop at any entry or error, and the
// iterator reads no further.
func TestAuthorizedKeysBreak(t *testing.T) {
	in := akKey + "\nbogus\n" + akKey + "\n"
	for stop := 1; stop <= 3; stop++ {
		n := 0
		for range Read(strings.NewReader(in)) {
			if n++; n == stop {
				break
			}
		}
		if n != stop {
			t.Errorf("stopped at %d, want %d", n, stop)
		}
	}
	// Stop at the RFC 4716 error and at a read error: the iterator
	// returns without calling yield again.
	for _, r := range []io.Reader{strings.NewReader("---- BEGIN SSH2 PUBLIC KEY ----\n"), iotest.ErrReader(io.ErrUnexpectedEOF)} {
		for range Read(r) {
			break
		}
	}
}

// TestAuthorizedKeyString: String gives back a canonical line byte for byte,
// and a line in any other form as its canonical form, which reads back to
// the same entry. MarshalText is String.
func TestAuthorizedKeyString(t *testing.T) {
	for _, c := range []struct{ in, want, reason string }{
		{akKey, akKey, "no comment"},
		{akKey + " me@host", akKey + " me@host", "a comment"},
		{`no-pty,command="echo \"x\" y" ` + akKey + " c", `no-pty,command="echo \"x\" y" ` + akKey + " c", "options as written, escapes and all"},
		{`,No-Pty,, ` + akRSA, `,No-Pty,, ` + akRSA, "empty options and case kept"},
		{" \t" + akKey + "\t c  d \t", akKey + " c  d", "blanks around the line and before the comment go; blanks inside the comment stay"},
		{"restrict\t\t" + akKey, "restrict " + akKey, "one space after the options"},
		{"ssh-ed25519\t" + strings.Fields(akKey)[1] + "  x", akKey + " x", "one space between the fields"},
	} {
		entries, _, _ := collect(t, strings.NewReader(c.in))
		if len(entries) != 1 {
			t.Fatalf("%q: %d entries", c.in, len(entries))
		}
		e := entries[0]
		if got := e.String(); got != c.want {
			t.Errorf("String of %q = %q, want %q (%s)", c.in, got, c.want, c.reason)
		}
		if b, err := e.MarshalText(); err != nil || string(b) != e.String() {
			t.Errorf("MarshalText = %q, %v", b, err)
		}
		again, _, _ := collect(t, strings.NewReader(e.String()))
		if len(again) != 1 || !again[0].Key().Equal(e.Key()) || again[0].Key().Comment() != e.Key().Comment() || !cmp.Equal(again[0].Options(), e.Options()) || again[0].String() != e.String() {
			t.Errorf("%q does not read back to the same entry", e.String())
		}
	}
	if s := (&Entry{}).String(); s != "" {
		t.Errorf("the zero Entry's String is %q", s)
	}
}

// TestAuthorizedKeysNoKeyMaterial feeds lines with private key bodies in
// their options, option names and comments: every line is refused, no error
// holds a run of 16 base64 characters of the line's key (akKey's base64), and
// none holds 16 of a body of MinKeyRun characters or more, wherever it
// stands. A piece of a body shorter than that (30 characters) is below
// keyerrors.SafeValue's rule where the line gives it as an option name or
// value: that is text a person wrote there, shown so it can be fixed. Where
// the line gives it as a key's base64 field, the reader never shows it.
func TestAuthorizedKeysNoKeyMaterial(t *testing.T) {
	var bodies []string
	for _, name := range []string{"openssh_ed25519", "pem_rsa", "pem_ec", "pkcs8_rsa", "pkcs8_encrypted", "openssh_rsa_encrypted"} {
		b, err := os.ReadFile(filepath.Join("../../testdata/keys", "private", name))
		if err != nil {
			t.Fatal(err)
		}
		var body strings.Builder
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(l, "-----") && !strings.Contains(l, ":") {
				body.WriteString(strings.TrimSpace(l))
			}
		}
		s := body.String()
		// The whole body, a piece from its middle (no DER start,
		// no OpenSSH magic), and a short piece.
		bodies = append(bodies, s, s[len(s)/3:len(s)/3+80], s[len(s)/2:len(s)/2+30])
	}
	// keyForms give the body as a key's base64 field (after a type, or
	// after options): never shown, whatever its length.
	keyForms := map[string]bool{`ssh-ed25519 %s`: true, `ssh-foo %s`: true, `command="x" %s`: true}
	akB64 := strings.Fields(akKey)[1]
	forms := []string{
		`command="%s" ` + akKey,
		`from="%s",no-pty ` + akKey,
		`environment="%s" ` + akKey,
		`environment="A=%s",environment="=%s" ` + akKey,
		`expiry-time="%s" ` + akKey,
		`permitopen="%s" ` + akKey,
		`permitlisten="[%s" ` + akKey,
		`tunnel="%s" ` + akKey,
		`principals="%s",principals="x" ` + akKey,
		`%s ` + akKey,
		`no-pty,%s=1 ` + akKey,
		`command="%s ` + akKey,
		akKey + ` %s`,
		`no-ptyy ` + akKey + ` %s`,
		`%s`,
		`ssh-ed25519 %s`,
		`ssh-foo %s`,
		`command="x" %s`,
	}
	checked := 0
	for _, body := range bodies {
		for _, form := range forms {
			line := strings.ReplaceAll(form, "%s", body)
			for _, err := range Read(strings.NewReader(line)) {
				if err == nil {
					continue
				}
				checked++
				if run := keytest.LeakedRun(akB64, err.Error()); run != "" {
					t.Errorf("%q: error %q holds %q of the key", form, err, run)
				}
				if len(body) < keyerrors.MinKeyRun && !keyForms[form] {
					continue // a person's text: shown by the rule
				}
				if run := keytest.LeakedRun(line, err.Error()); run != "" {
					t.Errorf("%q: error %q holds %q", form, err, run)
				}
			}
		}
	}
	if checked < len(bodies)*len(forms)/2 {
		t.Errorf("only %d errors to check", checked)
	}
}

// genReader is an io.Reader of n authorized_keys lines made as they are
// read, so that the test's input takes no memory of its own.
type genReader struct {
	lines [][]byte
	n, i  int
	cur   []byte
}

func (g *genReader) Read(p []byte) (int, error) {
	if len(g.cur) == 0 {
		if g.i == g.n {
			return 0, io.EOF
		}
		g.cur = g.lines[g.i%len(g.lines)]
		g.i++
	}
	n := copy(p, g.cur)
	g.cur = g.cur[n:]
	return n, nil
}

func akLines() [][]byte {
	return [][]byte{
		[]byte(akKey + " user@host\n"),
		[]byte(`restrict,pty,command="uptime",from="10.0.0.0/8" ` + akRSA + " ops\n"),
		[]byte("# a comment\n"),
		[]byte("no-ptyy " + akKey + "\n"),
		[]byte("\n"),
	}
}

// heapAfter reads n generated lines and returns the bytes of heap in use
// after the last one, with the sequence still open, after a collection.
func heapAfter(t *testing.T, n int) uint64 {
	t.Helper()
	var ms runtime.MemStats
	read := 0
	for e, err := range Read(&genReader{lines: akLines(), n: n}) {
		if e == nil && err == nil {
			t.Fatal("nothing yielded")
		}
		if read++; read == n*3/5 { // the lines that yield, 3 in 5
			runtime.GC()
			runtime.ReadMemStats(&ms)
		}
	}
	if read != n*3/5 {
		t.Fatalf("%d yields for %d lines", read, n)
	}
	return ms.HeapAlloc
}

// TestAuthorizedKeysMemory: the heap held while reading 100,000 lines is
// what it is after 1,000: AuthorizedKeys streams.
func TestAuthorizedKeysMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100,000 lines")
	}
	heapAfter(t, 1000) // warm up: the runtime's own first allocations
	small := heapAfter(t, 1000)
	large := heapAfter(t, 100000)
	t.Logf("heap in use: %d bytes after 1,000 lines, %d after 100,000", small, large)
	if large > small+256<<10 {
		t.Errorf("the heap grew by %d bytes from 1,000 to 100,000 lines", large-small)
	}
}

var akSink *Entry

// TestAuthorizedKeysAllocs pins the allocations per line: a line without
// options costs the sshkey.Key and the entry; options cost their text and the
// values that need slices; nothing is per file beyond the reader.
func TestAuthorizedKeysAllocs(t *testing.T) {
	if keytest.RaceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, c := range []struct {
		name string
		line string
		max  float64
	}{
		{"ed25519", akKey + " user@host\n", 6},
		{"ed25519-no-comment", akKey + "\n", 5},
		{"rsa", akRSA + " user@host\n", 12},
		{"flags", "restrict,pty,no-agent-forwarding " + akKey + " user@host\n", 7},
		{"command", `command="uptime" ` + akKey + " user@host\n", 7},
		{"comment-line", "# nothing\n", 0},
	} {
		data := bytes.Repeat([]byte(c.line), 100)
		r := bytes.NewReader(data)
		// The reader's buffer and the iterator are per file: measured
		// over 100 lines, they add less than 1 a line.
		perFile := testing.AllocsPerRun(10, func() {
			r.Reset(data)
			for e := range Read(r) {
				akSink = e
			}
		})
		r.Reset(nil)
		base := testing.AllocsPerRun(10, func() {
			r.Reset(nil)
			for e := range Read(r) {
				akSink = e
			}
		})
		perLine := (perFile - base) / 100
		t.Logf("%s: %.2f allocations a line (%.0f a file)", c.name, perLine, base)
		if perLine > c.max+0.05 {
			t.Errorf("%s: %.2f allocations a line, want at most %.0f", c.name, perLine, c.max)
		}
	}
}
