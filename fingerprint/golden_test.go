package fingerprint

// The goldens in testdata/golden are ssh-keygen's own output. A normal run
// only reads them; `go test ./fingerprint -run TestGolden -update` runs
// ssh-keygen (OpenSSH 9.2 made the committed ones) to write them again,
// first generating the throwaway keys in testdata/keys if they are missing.
// FuzzParse adds the fingerprints in them (GoldenFingerprints) as seeds at
// each run. See testdata/README.md.

import (
	"bufio"
	"bytes"
	"crypto"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/ssh"
)

var update = flag.Bool("update", false, "run ssh-keygen to regenerate testdata/golden (and missing testdata/keys)")

// throwaway lists the keys generated for the goldens: file name in
// testdata/keys and ssh-keygen -t/-b arguments. Only the public halves are
// kept.
var throwaway = []struct{ name, typ, bits string }{
	{"rsa2048", "rsa", "2048"},
	{"rsa4096", "rsa", "4096"},
	{"ed25519", "ed25519", ""},
	{"ecdsa256", "ecdsa", "256"},
	{"ecdsa384", "ecdsa", "384"},
	{"ecdsa521", "ecdsa", "521"},
	{"dsa1024", "dsa", "1024"},
}

// vectorDir holds the OpenSSH regress keys, shared with the other packages.
const vectorDir = "../testdata/vectors/openssh"

// refusedBySSHKeygen lists the OpenSSH vectors that ssh-keygen 9.2 cannot
// read, so they have no golden; vectors_test.go checks them against the
// .fp and .fp.bb files instead.
var refusedBySSHKeygen = map[string]string{
	"mldsa44_ed25519_1.pub":      "ML-DSA-44/Ed25519 keys are newer than OpenSSH 9.2",
	"mldsa44_ed25519_1-cert.pub": "ML-DSA-44/Ed25519 keys are newer than OpenSSH 9.2",
	"mldsa44_ed25519_2.pub":      "ML-DSA-44/Ed25519 keys are newer than OpenSSH 9.2",
}

// goldenCommands are the ssh-keygen invocations recorded for each key, with
// the file name appended after -f. hash is the digest the output shows.
var goldenCommands = []struct {
	args []string
	kind string // "l" (fingerprint line), "B" (bubblebabble), "lv" (line and random art)
	hash crypto.Hash
}{
	{[]string{"-l", "-E", "md5"}, "l", crypto.MD5},
	{[]string{"-l", "-E", "sha1"}, "l", crypto.SHA1},
	{[]string{"-l", "-E", "sha256"}, "l", crypto.SHA256},
	{[]string{"-l", "-E", "sha384"}, "l", crypto.SHA384},
	{[]string{"-l", "-E", "sha512"}, "l", crypto.SHA512},
	{[]string{"-B"}, "B", crypto.SHA1},
	{[]string{"-lv"}, "lv", crypto.SHA256},
	{[]string{"-lv", "-E", "md5"}, "lv", crypto.MD5},
	{[]string{"-lv", "-E", "sha512"}, "lv", crypto.SHA512},
}

// goldenKey is a key with a golden file.
type goldenKey struct {
	name   string // golden file name without .txt
	pub    string // path of the .pub file
	golden string // path of the golden file
}

func goldenKeys(t testing.TB) []goldenKey {
	t.Helper()
	var keys []goldenKey
	for _, k := range throwaway {
		keys = append(keys, goldenKey{k.name,
			filepath.Join("testdata", "keys", k.name+".pub"),
			filepath.Join("testdata", "golden", k.name+".txt")})
	}
	files, err := filepath.Glob(filepath.Join(vectorDir, "*.pub"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no OpenSSH vectors in %s (err %v)", vectorDir, err)
	}
	for _, f := range files {
		base := filepath.Base(f)
		if _, ok := refusedBySSHKeygen[base]; ok || strings.HasSuffix(base, ".param.pub") {
			continue // .param.pub files hold a raw EC point, not a key
		}
		name := strings.TrimSuffix(base, ".pub")
		keys = append(keys, goldenKey{"openssh-" + name, f,
			filepath.Join("testdata", "golden", "openssh", name+".txt")})
	}
	return keys
}

func TestGolden(t *testing.T) {
	if *update {
		writeGoldens(t)
	}
	keys := goldenKeys(t)
	var seen int
	for _, k := range keys {
		t.Run(k.name, func(t *testing.T) {
			checkGolden(t, k)
			seen++
		})
	}
	// 7 throwaway keys and 19 OpenSSH vectors; a lost file must fail.
	if want := len(throwaway) + 19; seen != want {
		t.Errorf("checked %d goldens, want %d", seen, want)
	}
}

// checkGolden compares every recorded ssh-keygen output for one key with
// what this package computes, line for line and byte for byte.
func checkGolden(t *testing.T, k goldenKey) {
	line, err := os.ReadFile(k.pub)
	if err != nil {
		t.Fatal(err)
	}
	pub, comment, err := goldenLine(string(line))
	if err != nil {
		t.Fatalf("%s: %v", k.pub, err)
	}
	if comment == "" {
		comment = "no comment"
	}
	plain := pub
	cert, isCert := pub.(*ssh.Certificate)
	if isCert {
		plain = cert.Key
	}
	label, nbits, err := keyInfo(pub.Marshal())
	if err != nil {
		t.Fatalf("keyInfo: %v", err)
	}
	if isCert {
		if _, b, err := keyInfo(plain.Marshal()); err != nil || b != nbits {
			t.Errorf("certificate size %d, certified key's %d (err %v)", nbits, b, err)
		}
	}

	sections := readGolden(t, k.golden)
	var want []string
	for _, c := range goldenCommands {
		want = append(want, command(c.args, filepath.Base(k.pub)))
	}
	if diff := cmp.Diff(want, sortedKeys(sections), cmpSorted); diff != "" {
		t.Fatalf("%s: commands differ (-want +got):\n%s", k.golden, diff)
	}

	for _, c := range goldenCommands {
		cmdline := command(c.args, filepath.Base(k.pub))
		got := sections[cmdline]
		var fp string
		switch c.hash {
		case crypto.MD5:
			fp = "MD5:" + MD5(pub) // ssh-keygen's prefix, IAM's bare form
		case crypto.SHA1:
			fp = SHA1(pub)
		case crypto.SHA256:
			fp = SHA256(pub)
		case crypto.SHA384:
			fp = SHA384(pub)
		case crypto.SHA512:
			fp = SHA512(pub)
		}
		blobFP := OfBlob(c.hash, plain.Marshal())
		if c.hash == crypto.MD5 {
			blobFP = "MD5:" + blobFP
		}
		if blobFP != fp {
			t.Errorf("OfBlob(%v, certified key) = %s, function over the key %s", c.hash, blobFP, fp)
		}
		var out string
		switch c.kind {
		case "l":
			out = fmt.Sprintf("%d %s %s (%s)\n", nbits, fp, comment, label)
		case "B":
			out = fmt.Sprintf("%d %s %s (%s)\n", nbits, Bubblebabble(pub), comment, label)
		case "lv":
			art := randomArtKey(c.hash, pub)
			if c.hash == crypto.SHA256 {
				art = RandomArt(pub)
			}
			if !isCert {
				blobArt, err := RandomArtBlob(c.hash, pub.Marshal())
				if err != nil || blobArt != art {
					t.Errorf("RandomArtBlob(%v) = %q, %v; RandomArt gives %q", c.hash, blobArt, err, art)
				}
			}
			out = fmt.Sprintf("%d %s %s (%s)\n%s\n", nbits, fp, comment, label, art)
		}
		if diff := cmp.Diff(got, out); diff != "" {
			t.Errorf("$ %s: output differs (-ssh-keygen +keyvet):\n%s", cmdline, diff)
		}
	}
}

var cmpSorted = cmp.Transformer("sort", func(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
})

func sortedKeys(m map[string]string) []string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	slices.Sort(s)
	return s
}

func command(args []string, file string) string {
	return "ssh-keygen " + strings.Join(args, " ") + " -f " + file
}

// readGolden reads a golden file: "#" lines are comments, a "$ " line is a
// command and the lines up to the next command its standard output.
func readGolden(t testing.TB, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (regenerate with: go test ./fingerprint -run TestGolden -update)", err)
	}
	sections := map[string]string{}
	var cmd string
	var out strings.Builder
	flush := func() {
		if cmd != "" {
			sections[cmd] = out.String()
		}
		out.Reset()
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case cmd == "" && strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "$ "):
			flush()
			cmd = strings.TrimPrefix(line, "$ ")
			if _, dup := sections[cmd]; dup {
				t.Fatalf("%s: %q twice", path, cmd)
			}
		case cmd == "":
			t.Fatalf("%s: output before the first command: %q", path, line)
		default:
			out.WriteString(line + "\n")
		}
	}
	flush()
	return sections
}

// writeGoldens runs ssh-keygen: it generates the throwaway keys that are
// missing, then records every golden command for every key.
func writeGoldens(t *testing.T) {
	t.Helper()
	keygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Fatalf("-update needs ssh-keygen: %v", err)
	}
	version := "unknown"
	if out, err := exec.Command("ssh", "-V").CombinedOutput(); err == nil {
		version = strings.TrimSpace(string(out))
	}

	keyDir := filepath.Join("testdata", "keys")
	if err := os.MkdirAll(keyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, k := range throwaway {
		pubPath := filepath.Join(keyDir, k.name+".pub")
		if _, err := os.Stat(pubPath); err == nil {
			continue
		}
		tmp := t.TempDir()
		args := []string{"-q", "-t", k.typ, "-N", "", "-C", "keyvet throwaway " + k.name, "-f", filepath.Join(tmp, "key")}
		if k.bits != "" {
			args = append(args, "-b", k.bits)
		}
		if out, err := exec.Command(keygen, args...).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		pub, err := os.ReadFile(filepath.Join(tmp, "key.pub"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(pubPath, pub, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("generated %s (private half discarded)", pubPath)
	}

	for _, k := range goldenKeys(t) {
		var b strings.Builder
		fmt.Fprintf(&b, "# ssh-keygen output for %s\n", filepath.ToSlash(k.pub))
		fmt.Fprintf(&b, "# recorded by `go test ./fingerprint -run TestGolden -update` with %s (ssh -V)\n", version)
		fmt.Fprintf(&b, "# each \"$ \" line is a command run in the key's directory; the lines up to the next are its stdout\n")
		for _, c := range goldenCommands {
			args := append(slices.Clone(c.args), "-f", filepath.Base(k.pub))
			cmd := exec.Command(keygen, args...)
			cmd.Dir = filepath.Dir(k.pub)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s in %s: %v\n%s", command(c.args, filepath.Base(k.pub)), cmd.Dir, err, stderr.Bytes())
			}
			fmt.Fprintf(&b, "$ %s\n%s", command(c.args, filepath.Base(k.pub)), out)
		}
		if err := os.MkdirAll(filepath.Dir(k.golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(k.golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// GoldenFingerprints returns the fingerprints that ssh-keygen -l printed in
// the goldens, for FuzzParse to add as seeds: each key's line under every
// hash, and for MD5 the "MD5:" form, the bare form and the bare form in upper
// case. They are sorted and without duplicates (a certificate has its key's
// fingerprints), so that every run adds the same seeds.
func GoldenFingerprints(t testing.TB) []string {
	t.Helper()
	var fps []string
	for _, k := range goldenKeys(t) {
		sections := readGolden(t, k.golden)
		for _, c := range goldenCommands {
			if c.kind != "l" {
				continue
			}
			cmdline := command(c.args, filepath.Base(k.pub))
			out, ok := sections[cmdline]
			if !ok {
				t.Fatalf("%s: no %q", k.golden, cmdline)
			}
			f := strings.Fields(out)
			if len(f) < 2 {
				t.Fatalf("%s: $ %s printed %q, no fingerprint", k.golden, cmdline, out)
			}
			fps = append(fps, f[1])
			if c.hash == crypto.MD5 {
				bare := strings.TrimPrefix(f[1], "MD5:")
				fps = append(fps, bare, strings.ToUpper(bare))
			}
		}
	}
	slices.Sort(fps)
	return slices.Compact(fps)
}
