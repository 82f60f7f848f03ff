package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// checkkeyBin is the command, built once by TestMain.
var checkkeyBin string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "checkkey")
	if err != nil {
		panic(err)
	}
	checkkeyBin = filepath.Join(dir, "checkkey")
	if out, err := exec.Command("go", "build", "-o", checkkeyBin, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic(fmt.Sprintf("go build: %v\n%s", err, out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runCheckkey runs the command with HOME set to home and returns its
// standard output, standard error and exit status.
func runCheckkey(t *testing.T, bin, home string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	return runCheckkeyStdin(t, bin, home, "", args...)
}

// emptyPipe, as the stdin of runCheckkeyStdin, is an empty pipe; "" is
// /dev/null.
const emptyPipe = "<empty pipe>"

// runCheckkeyStdin is runCheckkey with stdin as the standard input: a pipe
// that holds it, or /dev/null when it is "".
func runCheckkeyStdin(t *testing.T, bin, home, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	switch stdin {
	case "": // /dev/null, a character device: not read
	case emptyPipe:
		cmd.Stdin = strings.NewReader("") // a pipe that holds nothing
	default:
		cmd.Stdin = strings.NewReader(stdin) // a pipe
	}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return strings.ReplaceAll(o.String(), home, "$HOME"), strings.ReplaceAll(e.String(), home, "$HOME"), status
}

const keys = "../../testdata/keys/"

// mixedAuthorizedKeys is an authorized_keys file of every kind of line:
// comments, blank lines, options with quotes, a CRLF line, a DSA key, a
// 1024-bit RSA key, and a line that holds no key.
func mixedAuthorizedKeys(t *testing.T) string {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(keys + name)
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(b))
	}
	return "# team keys\n\n" +
		read("ed25519.pub") + "\n" +
		`from="10.0.0.0/8",command="echo \"hi\"",no-pty ` + read("rsa2048.pub") + "\r\n" +
		"  # indented comment\n" +
		read("dsa1024.pub") + "\n" +
		"restrict,pty " + read("rsa1024.pub") + "\n" +
		"no-such-option " + read("ed25519.pub") + "\n" +
		read("rsa4096.pub") // no final newline
}

// knownHostsFile is a known_hosts file: plain, with a port, hashed (the
// hash of "example.net", salt of 20 zero bytes), a marker.
func knownHostsFile(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(keys + "ed25519.pub")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	key := f[0] + " " + f[1]
	return "example.com,192.0.2.1 " + key + "\n" +
		"[example.org]:2222 " + key + "\n" +
		"@cert-authority *.example.com " + key + "\n"
}

func TestCommand(t *testing.T) {
	bin := checkkeyBin
	emptyHome := t.TempDir()
	sshHome := t.TempDir()
	if err := os.Mkdir(filepath.Join(sshHome, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ed25519.pub", "rsa1024.pub"} {
		data, err := os.ReadFile(keys + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sshHome, ".ssh", "id_"+name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	files := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(files, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mixed := write("authorized_keys", mixedAuthorizedKeys(t))
	known := write("known_hosts", knownHostsFile(t))
	rsa2048, err := os.ReadFile(keys + "rsa2048.pub")
	if err != nil {
		t.Fatal(err)
	}
	rsa1024, err := os.ReadFile(keys + "rsa1024.pub")
	if err != nil {
		t.Fatal(err)
	}
	ed25519, err := os.ReadFile(keys + "ed25519.pub")
	if err != nil {
		t.Fatal(err)
	}
	edKey := strings.Join(strings.Fields(string(ed25519))[:2], " ")
	// A mistyped option on the first line: an authorized_keys file all
	// the same, whose first line is a bad option.
	typo := write("keys.txt", "no-ptty "+string(ed25519)+string(rsa2048))
	// A known_hosts file whose first entry is broken.
	brokenHosts := write("hosts.txt", "example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA\nexample.org "+edKey+"\n[example.net]:2222 "+edKey+"\n")
	// Two key lines in a file named as one key, and a file of host keys
	// with no name of its kind.
	twoKeys := write("two.pub", string(ed25519)+string(rsa2048))
	hostList := write("hosts.list", "example.com "+edKey+"\n")
	// A directory of keys: files of each kind by name, one of no kind,
	// and below it a directory read only with -r, which holds a named
	// pipe and a loop of symbolic links.
	dir := filepath.Join(files, "dir")
	sub := filepath.Join(dir, "sub")
	if err := os.MkdirAll(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		"dir/id_ed25519.pub":      string(ed25519),
		"dir/authorized_keys":     string(rsa2048),
		"dir/notes.txt":           "not read: its name is of no kind\n",
		"dir/sub/known_hosts":     "example.com " + edKey + "\n",
		"dir/sub/id_rsa2048.pub":  string(rsa2048),
		"dir/sub/ignored.private": "not read\n",
	} {
		write(name, content)
	}
	if err := syscall.Mkfifo(filepath.Join(sub, "fifo.pub"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop2.pub", filepath.Join(sub, "loop1.pub")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop1.pub", filepath.Join(sub, "loop2.pub")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(sub, "up.pub")); err != nil {
		t.Fatal(err)
	}
	// Files of key lines with no key line: zero keys, no error.
	emptyAK := write("empty/authorized_keys", "")
	commentHosts := write("empty/known_hosts", "# no hosts yet\n\n")
	emptyPub := write("empty/id_empty.pub", "")
	commentPub := write("empty/id_comment.pub", "# nothing\n")
	// A file name that would forge a line, were it printed as it is.
	forger := write("forged\n$FILES/x.pub:1 ssh-ed25519 256 SHA256:x SendSSHPublicKey=accepted.pub", string(rsa1024))
	dirLink := filepath.Join(files, "dirlink")
	if err := os.Symlink("dir", dirLink); err != nil {
		t.Fatal(err)
	}
	binary := write("blob.dat", "\x00\x01\x02binary\n\xff\xfe\n")
	certHome := t.TempDir()
	if err := os.Mkdir(filepath.Join(certHome, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"id_ed25519.pub": string(ed25519), "id_ed25519-cert.pub": "ssh-ed25519-cert-v01@openssh.com AAAA\n"} {
		if err := os.WriteFile(filepath.Join(certHome, ".ssh", name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(certHome, ".ssh", "fifo.pub"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		home   string
		stdin  string
		args   []string
		status int
		reason string
	}{
		{"sample", emptyHome, "", nil, 0, "no ~/.ssh/*.pub: the bundled sample key, said on stderr; every operation takes it"},
		{"home", sshHome, "", nil, 1, "every ~/.ssh/*.pub, in name order; IAM refuses the Ed25519 key, every service the RSA-1024"},
		{"files", emptyHome, "", []string{keys + "rsa2048.pub", keys + "rsa2048.pkcs8", keys + "rsa2048.rfc4716", keys + "ecdsa256.pub", keys + "rsa8192.pub"}, 1,
			"each encoding and each service's policy, with hints that fit the service"},
		{"accepted", emptyHome, "", []string{"-op", "SendSSHPublicKey,iam:UploadSSHPublicKey", keys + "rsa2048.pub", keys + "rsa4096.pub"}, 0,
			"every key accepted by every chosen operation"},
		{"authorized_keys", emptyHome, "", []string{mixed}, 3,
			"a mixed authorized_keys file: line numbers, options, CRLF; the bad line goes to stderr and makes it 3"},
		{"known_hosts", emptyHome, "", []string{"-op", "SendSSHPublicKey", known}, 0, "a known_hosts file is found by its host names"},
		{"forced", emptyHome, "", []string{"-format", "known_hosts", "-op", "SendSSHPublicKey", keys + "ed25519.pub"}, 3,
			"-format known_hosts reads a .pub file as known_hosts: its key type is taken for a host name"},
		{"stdin", emptyHome, string(rsa2048), []string{"-op", "UploadSSHPublicKey", "-"}, 0, "- reads standard input"},
		{"private", emptyHome, "", []string{keys + "private/pem_rsa", keys + "private/putty_v3.ppk"}, 3,
			"private keys are refused and never printed; the .ppk one is pointed to puttygen"},
		{"binary", emptyHome, "", []string{keys + "private/dropbear_ed25519", keys + "private/dropbear_rsa"}, 3,
			"a binary private key is refused (found by its content), never shown byte by byte"},
		{"missing", emptyHome, "", []string{keys + "rsa2048.pub", "does-not-exist.pub"}, 3, "an unreadable file is no key: 3, and the others are still checked"},
		{"typo", emptyHome, "", []string{typo}, 3, "a mistyped option is a bad option of an authorized_keys file, not a sign of known_hosts"},
		{"brokenhosts", emptyHome, "", []string{"-op", "SendSSHPublicKey", brokenHosts}, 3, "a known_hosts file whose first entry is broken is known_hosts still"},
		{"both", emptyHome, "", []string{"-json", "-op", "SendSSHPublicKey", typo, brokenHosts}, 3, "both on one command line, each its own kind, said in kind and kindFrom"},
		{"formatperfile", emptyHome, "", []string{"-op", "SendSSHPublicKey", "-format", "known_hosts", hostList, "-format", "authorized_keys", twoKeys, "-format", "auto", known}, 0,
			"-format applies to the files after it"},
		{"pipe", emptyHome, string(rsa2048), []string{"-op", "UploadSSHPublicKey"}, 0, "a piped key is read with no file named, not the bundled sample"},
		{"pipeempty", emptyHome, emptyPipe, nil, 3, "an empty stdin holds no key: 3"},
		{"devnull", emptyHome, "", []string{"-op", "SendSSHPublicKey"}, 0, "/dev/null as stdin is not read: the default, here the bundled sample"},
		{"certhome", certHome, "", []string{"-op", "SendSSHPublicKey"}, 0, "a -cert.pub beside its key, and a named pipe, are left out of the default, with a note"},
		{"dir", emptyHome, "", []string{"-op", "SendSSHPublicKey", dir}, 0, "a directory: its files named as of a kind, not its directories"},
		{"dirrecurse", emptyHome, "", []string{"-r", "-op", "SendSSHPublicKey", dir}, 0,
			"-r: its directories too; a named pipe, a loop of links and a link to a directory skipped with a note"},
		{"emptyfiles", emptyHome, "", []string{emptyAK, commentHosts}, 0, "an empty authorized_keys file and a known_hosts file of comments hold zero keys: no error"},
		{"forger", emptyHome, "", []string{"-op", "SendSSHPublicKey", forger}, 1, "a file name with a newline is Go-quoted: it forges no line"},
		{"quiet", emptyHome, "", []string{"-q", mixed}, 3, "-q: only the refused keys, the bad lines and the summary"},
		{"verbose", emptyHome, "", []string{"-v", mixed}, 3, "-v: below each key its fingerprints and each refusal's message, reason and hint; the kind of each file"},
		{"hostsunjudged", emptyHome, "", []string{known}, 0, "known_hosts keys are host keys: listed, not judged, when -op names no operation"},
		{"opcase", emptyHome, "", []string{"-op", "sendsshpublickey,IAM:uploadsshpublickey", keys + "rsa2048.pub"}, 0, "-op names match in any case"},
		{"opservice", emptyHome, "", []string{"-op", "ec2-instance-connect", keys + "rsa2048.pub"}, 2, "a service alone names no operation: bad usage"},
		{"jsonerrors", emptyHome, "", []string{"-json", "-op", "SendSSHPublicKey", mixed, keys + "private/pem_rsa", keys + "private/putty_v3.ppk", "does-not-exist.pub"}, 3,
			"-json: every key (typed options) and every error an object on stdout, with its code and hint; the summary last"},
		{"oplistjson", emptyHome, "", []string{"-op", "list", "-json"}, 0, "-op list -json: a JSON array"},
		{"emptykey", emptyHome, "", []string{emptyPub, commentPub}, 3, "a file taken as one key that holds none is exit 3"},
		{"help", emptyHome, "", []string{"-h"}, 0, "-h: the usage, the exit statuses and examples"},
		{"formatmismatch", emptyHome, "", []string{"-format", "authorized_keys", keys + "rsa2048.rfc4716", keys + "rsa2048.pkcs8"}, 3,
			"one key read as key lines: the advice names checkkey's -format, not a Go function"},
		{"dirlink", emptyHome, "", []string{"-op", "SendSSHPublicKey", dirLink}, 0, "a symbolic link to a directory named on the command line is followed"},
		{"binaryfile", emptyHome, "", []string{binary}, 3, "a file of binary data with no name of a kind is one input that holds no key, said once"},
		{"oplist", emptyHome, "", []string{"-op", "list"}, 0, "every operation, and which take no key"},
		{"certificate", emptyHome, "", []string{"../../testdata/certs/user_ecdsa256-cert.pub", "../../testdata/certs/host_ed25519-cert.pub"}, 1,
			"a certificate: the certified key's type, bits and fingerprint as ssh-keygen -l shows them, its kind, id, principals and validity; every policy refuses it"},
		{"certificatejson", emptyHome, "", []string{"-json", "-op", "SendSSHPublicKey", "../../testdata/certs/user_ecdsa256-cert.pub"}, 1,
			"-json: a certificate's data in its own object"},
		{"badop", emptyHome, "", []string{"-op", "SendSSHPublicKey,Nope", keys + "rsa2048.pub"}, 2, "an unknown operation is bad usage"},
		{"keylessop", emptyHome, "", []string{"-op", "GetSSHPublicKey", keys + "rsa2048.pub"}, 2, "an operation that takes no key is bad usage"},
		{"badformat", emptyHome, "", []string{"-format", "pem", keys + "rsa2048.pub"}, 2, "an unknown -format"},
		{"usage", emptyHome, "", []string{"-no-such-flag"}, 2, "bad usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := runCheckkeyStdin(t, bin, tt.home, tt.stdin, tt.args...)
			stdout = strings.ReplaceAll(stdout, files, "$FILES")
			stderr = strings.ReplaceAll(stderr, files, "$FILES")
			if status != tt.status {
				t.Errorf("exit status %d, want %d (%s)\nstdout:\n%s\nstderr:\n%s", status, tt.status, tt.reason, stdout, stderr)
			}
			got := "## stdout\n" + stdout + "## stderr\n" + stderr
			golden := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to make it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (%s):\n got:\n%s\nwant:\n%s", golden, tt.reason, got, want)
			}
		})
	}
}

func TestPrivateKeyNeverPrinted(t *testing.T) {
	bin := checkkeyBin
	files, err := filepath.Glob(keys + "private/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no private keys in testdata: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{f}, {"-json", f}, {"-format", "authorized_keys", f}, {"-format", "known_hosts", f}, {"-"}} {
			stdout, stderr, status := runCheckkeyStdin(t, bin, t.TempDir(), string(data), args...)
			if status != 3 {
				t.Errorf("%v: exit status %d, want 3", args, status)
			}
			out := stdout + stderr
			// A binary key (Dropbear, DER) is described by its
			// length: not one byte of it shown, escaped or not.
			if keyerrors.IsBinary(string(data)) && strings.Contains(out, `\x`) {
				t.Fatalf("%v: the output shows bytes of a binary private key:\n%s", args, out)
			}
			for _, line := range strings.Split(string(data), "\n") {
				line = strings.TrimSpace(line)
				for i := 0; i+16 <= len(line); i += 8 {
					if run := line[i : i+16]; !strings.Contains(run, "-----") && !strings.Contains(run, "PuTTY") && strings.Contains(out, run) {
						t.Fatalf("%v: the output holds %q of the private key:\n%s", args, run, out)
					}
				}
			}
		}
	}
}

// TestJSON reads a mixed authorized_keys file with -json: one object per
// key, with its file, line, type, bits, SHA256 (as ssh-keygen prints it)
// and one entry per operation; the bad line is on stderr, not in the JSON.
func TestJSON(t *testing.T) {
	name := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(name, []byte(mixedAuthorizedKeys(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, status := runCheckkey(t, checkkeyBin, t.TempDir(), "-json", name)
	if status != 3 {
		t.Errorf("exit status %d, want 3 (a line holds no key)", status)
	}
	if stderr != "" {
		t.Errorf("stderr %q: want nothing, every error in the JSON", stderr)
	}
	var got []Report
	var errs []ErrorReport
	var sums []Summary
	for line := range strings.Lines(stdout) {
		var probe map[string]any
		if err := json.Unmarshal([]byte(line), &probe); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		var err error
		switch {
		case probe["summary"] == true:
			var s Summary
			err = json.Unmarshal([]byte(line), &s)
			sums = append(sums, s)
		case probe["error"] != nil:
			var e ErrorReport
			err = json.Unmarshal([]byte(line), &e)
			errs = append(errs, e)
		default:
			if len(sums) > 0 {
				t.Errorf("a key after the summary: %s", line)
			}
			var r Report
			err = json.Unmarshal([]byte(line), &r)
			got = append(got, r)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(errs) != 1 || errs[0].File != name || errs[0].Line != 8 || errs[0].Code != "ErrMalformedKey" || errs[0].Error == "" {
		t.Errorf("errors %+v: want line 8's, ErrMalformedKey", errs)
	}
	if len(sums) != 1 || sums[0].Keys != 5 || sums[0].BadLines != 1 || sums[0].Status != 3 || sums[0].Files != 1 ||
		len(sums[0].Operations) != 5 || sums[0].Operations[1].Refused != 3 {
		t.Errorf("summaries %+v: want one, last, of 5 keys and 1 bad line", sums)
	}
	// The fingerprints are testdata/keys/*.fp, made by ssh-keygen -l.
	want := []struct {
		line   int
		typ    string
		bits   int
		sha256 string
		send   bool
		upload bool
	}{
		{3, "ssh-ed25519", 256, fingerprintOf(t, "ed25519.fp"), true, false},
		{4, "ssh-rsa", 2048, fingerprintOf(t, "rsa2048.fp"), true, true},
		{6, "ssh-dss", 1024, fingerprintOf(t, "dsa1024.fp"), false, false},
		{7, "ssh-rsa", 1024, fingerprintOf(t, "rsa1024.fp"), false, false},
		{9, "ssh-rsa", 4096, fingerprintOf(t, "rsa4096.fp"), true, true},
	}
	if len(got) != len(want) {
		t.Fatalf("%d objects, want %d:\n%s", len(got), len(want), stdout)
	}
	for i, w := range want {
		r := got[i]
		if r.File != name || r.Line != w.line || r.Kind != "authorized_keys" || r.KindFrom != "name" || r.Type != w.typ || r.Bits != w.bits || r.SHA256 != w.sha256 {
			t.Errorf("object %d: %+v, want line %d %s %d %s", i, r, w.line, w.typ, w.bits, w.sha256)
		}
		// The default: each service's operation that takes a key, EC2
		// Instance Connect's and IAM's first.
		if len(r.Operations) != 5 || r.Operations[0].Operation != "ec2-instance-connect:SendSSHPublicKey" ||
			r.Operations[1].Operation != "iam:UploadSSHPublicKey" ||
			r.Operations[0].Accepted != w.send || r.Operations[1].Accepted != w.upload {
			t.Errorf("object %d: operations %+v, want Send %v, Upload %v", i, r.Operations, w.send, w.upload)
		}
		for _, o := range r.Operations {
			if !o.Accepted && (o.Code == "" || o.HTTPStatus != 400 || o.Message == "" || o.Reason == "") {
				t.Errorf("object %d: refusal %+v lacks its code, status, message or reason", i, o)
			}
		}
	}
}

// fingerprintOf returns the SHA256 fingerprint ssh-keygen -l printed into a
// testdata/keys .fp file.
func fingerprintOf(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(keys + name)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range strings.Fields(string(b)) {
		if strings.HasPrefix(f, "SHA256:") {
			return f
		}
	}
	t.Fatalf("%s holds no SHA256 fingerprint", name)
	return ""
}

// TestRunStdin calls run in the process: stdin is read when no file is
// named and it holds data (a pipe, a file), and not otherwise.
func TestRunStdin(t *testing.T) {
	key, err := os.ReadFile(keys + "rsa2048.pub")
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range []bool{true, false} {
		var stdout, stderr bytes.Buffer
		status := run([]string{"-op", "UploadSSHPublicKey"}, bytes.NewReader(key), data, &stdout, &stderr, t.TempDir())
		if status != 0 {
			t.Errorf("stdin data %v: exit status %d, want 0\n%s", data, status, stderr.String())
		}
		read := strings.HasPrefix(stdout.String(), "-:1 ssh-rsa 2048 "+fingerprintOf(t, "rsa2048.fp"))
		if read != data {
			t.Errorf("stdin data %v: stdin read %v:\n%s%s", data, read, stdout.String(), stderr.String())
		}
	}
}

// TestWords: no message, in any golden file, names a Go identifier of the
// library (sshkey.Parse, validate.Ops, ...) or its package prefix.
func TestWords(t *testing.T) {
	goldens, err := filepath.Glob("testdata/*.golden")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"sshkey.", "sshkey:", "validate.", "validate:", "keyerrors", "authorizedkeys.", "knownhosts."} {
			if i := strings.Index(string(b), w); i >= 0 {
				t.Errorf("%s names %q: %s", g, w, b[max(0, i-60):min(len(b), i+60)])
			}
		}
	}
}

// TestStdinRegularFile: standard input redirected from a regular file
// (checkkey < key.pub) is read when no file is named.
func TestStdinRegularFile(t *testing.T) {
	f, err := os.Open(keys + "rsa2048.pub")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cmd := exec.Command(checkkeyBin, "-op", "UploadSSHPublicKey")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	cmd.Stdin = f // an *os.File: the child's stdin is the file itself
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if want := "-:1 ssh-rsa 2048 " + fingerprintOf(t, "rsa2048.fp") + " UploadSSHPublicKey=accepted"; !strings.HasPrefix(string(out), want) {
		t.Errorf("stdout %q, want it to start with %q", out, want)
	}
}

// TestFingerprintsSSHKeygen: checkkey's SHA256 fingerprints are those
// ssh-keygen -lf prints for the same files: key files, and an
// authorized_keys file line by line (skipped where ssh-keygen is not
// installed; TestJSON holds them to the .fp files it made).
func TestFingerprintsSSHKeygen(t *testing.T) {
	bin, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Skip("no ssh-keygen:", err)
	}
	ak := filepath.Join(t.TempDir(), "authorized_keys")
	// Without its unknown option, which sshd refuses and ssh-keygen does not.
	good := strings.Replace(mixedAuthorizedKeys(t), "no-such-option ", "no-pty ", 1)
	if err := os.WriteFile(ak, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	pubs, _ := filepath.Glob(keys + "*.pub")
	for _, f := range append(pubs, ak) {
		out, err := exec.Command(bin, "-lf", f).Output()
		if err != nil {
			t.Fatalf("ssh-keygen -lf %s: %v", f, err)
		}
		var want []string
		for _, field := range strings.Fields(string(out)) {
			if strings.HasPrefix(field, "SHA256:") {
				want = append(want, field)
			}
		}
		stdout, _, _ := runCheckkey(t, checkkeyBin, t.TempDir(), "-op", "SendSSHPublicKey", f)
		var got []string
		for line := range strings.Lines(stdout) {
			got = append(got, strings.Fields(line)[3])
		}
		if len(want) == 0 || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: checkkey %v, ssh-keygen -lf %v", f, got, want)
		}
	}
}
