package authorizedkeys

import (
	"bytes"
	"crypto"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// The authorized_keys files of ../testdata/authorized_keys, each held to what
// ssh-keygen 9.2 reads of it: FILE.fp is `ssh-keygen -l -E sha256 -f FILE`,
// made with the file. ssh-keygen -l reads a file as sshd finds its keys
// (sshkey_read at the start of a line, else after the first field, which it
// skips as sshkey_advance_past_options does), but reads no options, prints
// one line per key it reads and skips other lines without a word, so the
// keys AuthorizedKeys yields, in order, must be ssh-keygen's but for the
// lines each file's spec marks (keygen: a row of ../../testdata/stricter.tsv,
// the one table of where keyvet is stricter than OpenSSH, or one of the
// ssh-keygen -l artefacts below, where sshd refuses the line as keyvet
// does). Regenerate with
//
//	go test ./sshkey -run 'TestAuthorizedKeysSSHKeygen|TestOptionGrammar$' -update-authorized-keys

// akSpecLine is one line of an oracle file: its text, where {NAME} stands
// for the "type base64" of the key NAME made for the files (akKeys), and,
// when ssh-keygen -l prints a key for a line AuthorizedKeys refuses, why:
// the id of a key or authorized_keys row of testdata/stricter.tsv (the line
// must be refused with the row's sentinel), or divOptions or divPrivateFile.
type akSpecLine struct {
	text, keygen string
}

// akFileSpec is one oracle file.
type akFileSpec struct {
	name string
	crlf bool // CRLF line ends, and none after the last line
	// from, when set, is a file of ../testdata whose text is the file's.
	from  string
	lines []akSpecLine
	why   string
}

// The lines ssh-keygen -l prints and AuthorizedKeys refuses that are no
// rows of testdata/stricter.tsv, because sshd refuses them too: ssh-keygen -l
// reads no options (the option grammar is held to sshd's own verdicts in
// TestOptionGrammarSSHD), and it reads a private key file whole, where sshd
// finds no key line.
const (
	divOptions     = "bad options: sshd refuses the line; ssh-keygen -l reads no options"
	divPrivateFile = "a private key file, which ssh-keygen -l reads whole (fingerprint_private); sshd reads no key of it"
)

var akOpenSSHLines = []akSpecLine{
	{text: "# authorized_keys of keys made by ssh-keygen 9.2 (see README.md)"},
	{text: ""},
	{text: "{ed25519} alice@laptop"},
	{text: "   {rsa2048} blanks before the line"},
	{text: "no-pty,no-port-forwarding {ecdsa256} options"},
	{text: "\t# an indented comment"},
	{text: `restrict,pty,command="echo \"hi, there\"" {ecdsa384} restrict then pty`},
	{text: "from=\"10.0.0.0/8,!10.0.0.1\",expiry-time=\"20991231Z\"\t{ecdsa521}\ta comment\twith tabs"},
	{text: `environment="A=1",permitopen="db.example.com:5432",permitlisten="8080" {dsa} a DSA key`},
	{text: "  "},
	{text: `cert-authority,principals="ops,dev" {ed25519b} a CA`},
	{text: "{rsa4096}"},
	{text: `,no-agent-forwarding,,X11-FORWARDING, {rsa1024} empty options and upper case`},
	{text: `tunnel="any",no-touch-required,verify-required {rsa3072} comment "quoted" and # not a comment`},
}

var akSpecs = []akFileSpec{
	{name: "openssh", why: "keys of every type ssh-keygen makes, with options, comments, blank and # lines, LF line ends",
		lines: akOpenSSHLines},
	{name: "crlf", crlf: true, why: "the lines of openssh with CRLF line ends, the last line without one",
		lines: akOpenSSHLines},
	{name: "other-tools", why: "keys made by PuTTYgen 0.78 and Dropbear 2022.83, and OpenSSH's security keys",
		lines: []akSpecLine{
			{text: "# PuTTYgen (puttygen -O public-openssh)"},
			{text: "{putty-ed25519} puttygen ed25519"},
			{text: "restrict {putty-rsa2048} puttygen rsa"},
			{text: "{putty-ecdsa256} puttygen ecdsa"},
			{text: "# Dropbear (dropbearkey -y)"},
			{text: "{dropbear-ed25519} dropbear ed25519"},
			{text: `command="/bin/true" {dropbear-ecdsa256} dropbear ecdsa`},
			{text: "{dropbear-rsa2048} dropbear rsa"},
			{text: "# security keys, from OpenSSH's regress/unittests/sshkey/testdata"},
			{text: "no-touch-required {sk-ed25519} sk ed25519"},
			{text: "verify-required {sk-ecdsa} sk ecdsa"},
		}},
	{name: "mixed", why: "good lines among bad ones: what ssh-keygen skips, AuthorizedKeys refuses, and the other way round where marked",
		lines: []akSpecLine{
			{text: "{ed25519} good"},
			{text: "no-ptyy {ed25519b} unknown option", keygen: divOptions},
			{text: `command="a",command="b" {ed25519} two commands`, keygen: divOptions},
			{text: `expiry-time="2099-12-31" {rsa2048} bad time`, keygen: divOptions},
			{text: "ssh-ed25519 {ed25519-corrupt} corrupt base64"},
			{text: "ecdsa-sha2-nistp256 {ecdsa256-noncanonical} padding bits set: OpenSSH's b64_pton refuses them too"},
			{text: "ssh-foo {ed25519-blob} unknown type"},
			{text: "ssh-rsa {ed25519-blob} the type is not the blob's"},
			{text: "{ed25519-blob} no type"},
			{text: `command="unterminated {ed25519} quote`},
			{text: "{cert} a certificate, read as ssh-keygen -l reads it"},
			{text: "rsa-sha2-256 {rsa2048-blob} a signature name as the type", keygen: "rsa-sha2-256-label"},
			{text: "{ed25519} comment\x01with a control character", keygen: "comment-control"},
			{text: "{ecdsa256} -----END OPENSSH PRIVATE KEY-----", keygen: "private-marker-comment"},
			{text: "{ed25519b} good again"},
		}},
	{name: "rfc4716", from: "keys/ed25519.rfc4716", why: "an RFC 4716 file: ssh-keygen -l reads no key of it; AuthorizedKeys yields one error and ends"},
	{name: "pem-public", from: "keys/rsa2048.pkcs8", why: "a PKIX PEM file: the same"},
	{name: "private-first", from: "keys/private/openssh_ed25519", why: "a private key: ssh-keygen -l prints the fingerprint of its public half; AuthorizedKeys yields ErrPrivateKey and ends",
		lines: []akSpecLine{{keygen: divPrivateFile}}},
}

// keygenLine is one line of ssh-keygen -l's output.
type keygenLine struct {
	bits int
	fp   string
	typ  string // sshkey_type: "ED25519", "RSA", ...
}

func readKeygen(t *testing.T, out []byte) []keygenLine {
	t.Helper()
	var lines []keygenLine
	for _, l := range strings.Split(string(out), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Fields(l)
		bits, err := strconv.Atoi(f[0])
		if err != nil || len(f) < 3 || !strings.HasPrefix(f[len(f)-1], "(") {
			t.Fatalf("bad ssh-keygen -l line %q", l)
		}
		lines = append(lines, keygenLine{bits, f[1], strings.Trim(f[len(f)-1], "()")})
	}
	return lines
}

// keygenType (knownhosts_oracle_test.go) names a type as ssh-keygen -l does.

// TestAuthorizedKeysSSHKeygen holds AuthorizedKeys to ssh-keygen -l on each
// oracle file: the keys it yields are the keys ssh-keygen printed (bits,
// SHA256 fingerprint, type), in order, but for the lines the spec marks,
// which it must refuse (with the sentinel of the table's row the mark
// names); every other line must be a sshkey.LineError. A line ssh-keygen
// prints and AuthorizedKeys refuses unmarked fails the test: it is a
// disagreement testdata/stricter.tsv does not list. Where
// ssh-keygen 9.2 is installed, it is run again on the file, and must print
// the golden.
func TestAuthorizedKeysSSHKeygen(t *testing.T) {
	if *updateAuthorized {
		updateAuthorizedKeys(t)
	}
	table := keytest.StricterIn(keytest.Stricter(t, "../.."), "key", "authorized_keys")
	for _, spec := range akSpecs {
		t.Run(spec.name, func(t *testing.T) {
			path := filepath.Join(akDir, spec.name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			golden, err := os.ReadFile(path + ".fp")
			if err != nil {
				t.Fatal(err)
			}
			want := readKeygen(t, golden)
			divergent := map[int]string{}
			if spec.from == "" {
				if n := strings.Count(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") + map[bool]int{true: 1}[spec.crlf]; n != len(spec.lines) {
					t.Fatalf("%d lines, the spec has %d: regenerate", n, len(spec.lines))
				}
			}
			for i, l := range spec.lines {
				switch _, ok := table[l.keygen]; {
				case l.keygen == "":
				case ok || l.keygen == divOptions || l.keygen == divPrivateFile:
					divergent[i+1] = l.keygen
				default:
					t.Fatalf("line %d: %q is no key or authorized_keys row of %s", i+1, l.keygen, keytest.StricterTSV)
				}
			}
			var got []keygenLine
			entries, errs := 0, map[int]error{}
			last := 0
			for e, err := range Read(bytes.NewReader(data)) {
				if err != nil {
					le, ok := err.(*sshkey.LineError)
					if !ok {
						t.Fatalf("error %v is no LineError", err)
					}
					if le.Line <= last {
						t.Errorf("line %d after line %d", le.Line, last)
					}
					last = le.Line
					errs[le.Line] = err
					if why, ok := divergent[le.Line]; ok {
						got = append(got, keygenLine{typ: "divergent: " + why})
						if row, ok := table[why]; ok && !errors.Is(err, row.Sentinel) {
							t.Errorf("line %d: %v; the row %s of %s says %s", le.Line, err, why, keytest.StricterTSV, row.Keyvet)
						}
						if why == divOptions && !errors.Is(err, keyerrors.ErrMalformedKey) {
							t.Errorf("line %d: %v; bad options are ErrMalformedKey", le.Line, err)
						}
					}
					continue
				}
				if e.Line() <= last {
					t.Errorf("line %d after line %d", e.Line(), last)
				}
				last = e.Line()
				entries++
				if _, ok := divergent[e.Line()]; ok {
					t.Errorf("line %d: read, but the spec says AuthorizedKeys refuses it: %s", e.Line(), divergent[e.Line()])
				}
				got = append(got, keygenLine{e.Key().Bits(), e.Key().Fingerprint(crypto.SHA256).String(), keytest.KeygenType(e.Key().Type())})
			}
			if len(got) != len(want) {
				t.Fatalf("AuthorizedKeys gives %d keys and marked lines, ssh-keygen -l printed %d (a line it refuses that ssh-keygen reads must be a row of %s, marked in the spec):\n%v\n%v\nerrors: %v",
					len(got), len(want), keytest.StricterTSV, got, want, errs)
			}
			for i := range got {
				if strings.HasPrefix(got[i].typ, "divergent: ") {
					continue
				}
				if got[i] != want[i] {
					t.Errorf("key %d: AuthorizedKeys %v, ssh-keygen -l %v", i+1, got[i], want[i])
				}
			}
			if spec.from != "" && (len(errs) != 1 || entries != 0) {
				t.Errorf("a file of one key in its own encoding: %d entries and %d errors, want one error", entries, len(errs))
			}
			if out, ok := runKeygenL(t, path); ok && string(out) != string(golden) {
				t.Errorf("ssh-keygen -l -E sha256 -f %s now prints\n%s\nthe golden is\n%s", path, out, golden)
			}
			t.Logf("%d lines read, %d refused, %d printed by ssh-keygen -l", entries, len(errs), len(want))
		})
	}
}

// runKeygenL runs ssh-keygen -l -E sha256 -f path when ssh-keygen of
// OpenSSH 9.2 is installed, and returns what the golden holds: its output,
// and a "#" line with its exit status and message when it fails.
func runKeygenL(t *testing.T, path string) ([]byte, bool) {
	t.Helper()
	v, err := exec.Command("ssh", "-V").CombinedOutput()
	if err != nil || !bytes.Contains(v, []byte("OpenSSH_9.2")) {
		return nil, false
	}
	cmd := exec.Command("ssh-keygen", "-l", "-E", "sha256", "-f", path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		msg := strings.TrimSpace(strings.ReplaceAll(stderr.String(), path, filepath.Base(path)))
		out = append(out, fmt.Sprintf("# ssh-keygen exit status %d: %s\n", ee.ExitCode(), msg)...)
	}
	return out, true
}

// updateAuthorizedKeys makes new keys with ssh-keygen, puttygen and
// dropbearkey, writes the oracle files of akSpecs with them, and their
// goldens with ssh-keygen -l.
func updateAuthorizedKeys(t *testing.T) {
	tmp := t.TempDir()
	keys := map[string]string{}
	pub := func(name string, text []byte) {
		f := strings.Fields(string(text))
		if len(f) < 2 {
			t.Fatalf("%s: no key in %q", name, text)
		}
		keys[name] = f[0] + " " + f[1]
	}
	for _, k := range []struct{ name, t, b string }{
		{"ed25519", "ed25519", ""}, {"ed25519b", "ed25519", ""}, {"rsa1024", "rsa", "1024"}, {"rsa2048", "rsa", "2048"},
		{"rsa3072", "rsa", "3072"}, {"rsa4096", "rsa", "4096"}, {"ecdsa256", "ecdsa", "256"}, {"ecdsa384", "ecdsa", "384"},
		{"ecdsa521", "ecdsa", "521"}, {"dsa", "dsa", ""},
	} {
		f := filepath.Join(tmp, k.name)
		args := []string{"-q", "-t", k.t, "-N", "", "-C", "keyvet throwaway " + k.name, "-f", f}
		if k.b != "" {
			args = append(args, "-b", k.b)
		}
		keytest.Run(t, "ssh-keygen", args...)
		b, err := os.ReadFile(f + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		pub(k.name, b)
	}
	for _, k := range []struct{ name, t, b string }{{"putty-ed25519", "ed25519", "256"}, {"putty-rsa2048", "rsa", "2048"}, {"putty-ecdsa256", "ecdsa", "256"}} {
		f := filepath.Join(tmp, k.name+".ppk")
		keytest.Run(t, "puttygen", "-t", k.t, "-b", k.b, "-C", "keyvet throwaway "+k.name, "-o", f, "--new-passphrase", "/dev/null")
		pub(k.name, keytest.Run(t, "puttygen", f, "-O", "public-openssh", "-o", "/dev/stdout"))
	}
	for _, k := range []struct{ name, t, s string }{{"dropbear-ed25519", "ed25519", ""}, {"dropbear-ecdsa256", "ecdsa", "256"}, {"dropbear-rsa2048", "rsa", "2048"}} {
		f := filepath.Join(tmp, k.name)
		args := []string{"-t", k.t, "-f", f}
		if k.s != "" {
			args = append(args, "-s", k.s)
		}
		keytest.Run(t, "dropbearkey", args...)
		out := keytest.Run(t, "dropbearkey", "-y", "-f", f)
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "ssh-") || strings.HasPrefix(l, "ecdsa-") {
				pub(k.name, []byte(l))
			}
		}
	}
	for name, file := range map[string]string{"sk-ed25519": "ed25519_sk1.pub", "sk-ecdsa": "ecdsa_sk1.pub", "cert": "ed25519_1-cert.pub"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "vectors", "openssh", file))
		if err != nil {
			t.Fatal(err)
		}
		pub(name, b)
	}
	blob := func(name string) string { return strings.Fields(keys[name])[1] }
	keys["ed25519-blob"] = blob("ed25519")
	keys["rsa2048-blob"] = blob("rsa2048")
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	b := []byte(blob("ed25519"))
	b[6] = alphabet[(strings.IndexByte(alphabet, b[6])+1)%64] // a corrupt type name, still base64
	keys["ed25519-corrupt"] = string(b)
	keys["ecdsa256-noncanonical"] = nonCanonical(t, blob("ecdsa256"))
	for _, spec := range akSpecs {
		path := filepath.Join(akDir, spec.name)
		var data []byte
		if spec.from != "" {
			var err error
			if data, err = os.ReadFile(filepath.Join("..", "..", "testdata", spec.from)); err != nil {
				t.Fatal(err)
			}
		} else {
			end := "\n"
			if spec.crlf {
				end = "\r\n"
			}
			var out strings.Builder
			for i, l := range spec.lines {
				text := l.text
				for name, k := range keys {
					text = strings.ReplaceAll(text, "{"+name+"}", k)
				}
				if strings.Contains(text, "{") && strings.Contains(text, "}") && !strings.Contains(text, `"`) {
					t.Fatalf("%s: a placeholder is left in %q", spec.name, text)
				}
				out.WriteString(text)
				if !spec.crlf || i < len(spec.lines)-1 {
					out.WriteString(end)
				}
			}
			data = []byte(out.String())
		}
		keytest.WriteFile(t, path, data)
		out, ok := runKeygenL(t, path)
		if !ok {
			t.Fatal("-update-authorized-keys needs ssh-keygen of OpenSSH 9.2")
		}
		keytest.WriteFile(t, path+".fp", out)
	}
}

// nonCanonical returns the base64 text b with padding bits set: the same
// blob to a lenient decoder.
func nonCanonical(t *testing.T, b string) string {
	t.Helper()
	i := strings.IndexByte(b, '=') - 1
	if i < 0 {
		t.Fatalf("no padding in %q", b)
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	v := strings.IndexByte(alphabet, b[i])
	s := b[:i] + string(alphabet[v|1]) + b[i+1:]
	if _, err := base64.StdEncoding.DecodeString(s); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return s
}

// TestStricterAuthorizedKeys holds the key and authorized_keys rows of
// testdata/stricter.tsv: Read and ParseLine refuse each row's input with
// the row's sentinel, and OpenSSH 9.2 takes it: ssh-keygen -l prints the
// key the row records where ssh-keygen 9.2 is installed (elsewhere the
// recorded verdict stands), and a row whose oracle is sshd holds a line of
// testdata/authorized_keys/options that sshd 9.2 took (options.sshd, made
// by sshd-verdicts.sh: see testdata/authorized_keys/README.md).
func TestStricterAuthorizedKeys(t *testing.T) {
	rows := keytest.Stricter(t, "../..")
	optionLines := strings.Split(keytest.ReadFile(t, filepath.Join(akDir, "options")), "\n")
	verdicts := readVerdicts(t, filepath.Join(akDir, "options.sshd"))
	for id, r := range keytest.StricterIn(rows, "key", "authorized_keys") {
		t.Run(id, func(t *testing.T) {
			if _, err := ParseLine([]byte(r.Input)); !errors.Is(err, r.Sentinel) {
				t.Errorf("ParseLine: %v; the table says %s", err, r.Keyvet)
			}
			n := 0
			for _, err := range Read(strings.NewReader(r.Input + "\n")) {
				n++
				var le *sshkey.LineError
				if !errors.As(err, &le) || le.Line != 1 || !errors.Is(err, r.Sentinel) {
					t.Errorf("Read: %v; the table says line 1 is %s", err, r.Keyvet)
				}
			}
			if n != 1 {
				t.Errorf("Read yields %d results, want one error", n)
			}
			switch r.Oracle {
			case keytest.OracleSSHDOptions:
				i := slices.Index(optionLines, r.Input)
				if i < 0 {
					t.Fatalf("the input is no line of %s/options, whose sshd verdicts are recorded", akDir)
				}
				if v := verdicts[i+1]; v != "ok" {
					t.Errorf("sshd 9.2 said %q of line %d of options; the row says it takes the line", v, i+1)
				}
			default:
				r.CheckKeygen(t, r.Input)
			}
		})
	}
}

// TestStricterDoc: the package documentation lists the authorized_keys
// rows of the table, each with its sentinel, and no other.
func TestStricterDoc(t *testing.T) {
	keytest.CheckStricterDoc(t, "doc.go", keytest.Stricter(t, "../.."), "authorized_keys")
}
