package knownhosts

import (
	"bytes"
	"crypto"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// The oracle: the files of testdata/known_hosts, made by OpenSSH's tools
// against local Dropbear servers (gen.sh; README.md there), and what
// ssh-keygen -lf, ssh-keygen -l -F and ssh -v said of them. The tests hold
// KnownHosts and Match to those goldens; where ssh-keygen is installed they
// also run it again, and on files of random patterns.

const khDir = "testdata/known_hosts"

// khFiles are the known_hosts files of khDir, by their names without
// ".known_hosts".
var khFiles = []string{"scan", "scan-hashed", "hand", "hand-hashed", "markers", "bad"}

func khOpen(t *testing.T, name string) io.Reader {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(khDir, name+".known_hosts"))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}

// khLines returns the lines of a known_hosts file of khDir.
func khFileLines(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(khDir, name+".known_hosts"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// khListed is one line of ssh-keygen -l: "BITS FINGERPRINT COMMENT (TYPE)".
type khListed struct {
	bits         int
	fp, name, ty string // name: the comment, or the host field when there is none
}

var lfLine = regexp.MustCompile(`^(\d+) (SHA256:[A-Za-z0-9+/]{43}) (.*) \(([A-Z0-9-]+)\)$`)

func parseLF(t *testing.T, out string) []khListed {
	t.Helper()
	var rows []khListed
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l == "" {
			continue
		}
		m := lfLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("ssh-keygen -l line %q", l)
		}
		bits, _ := strconv.Atoi(m[1])
		rows = append(rows, khListed{bits, m[2], m[3], m[4]})
	}
	return rows
}

// khFound is one line ssh-keygen -l -F found: its number, marker ("CA",
// "REVOKED" or ""), key type name and fingerprint.
type khFound struct {
	line         int
	marker       string
	ty, fp, rest string
}

var (
	findHeader = regexp.MustCompile(`^## ssh-keygen -l -F "(.*)"$`)
	findHost   = regexp.MustCompile(`^# Host (.*) found: line (\d+) (CA|REVOKED|)$`)
)

// parseFind reads the output of ssh-keygen -l -F QUERY: of one query q,
// or of several, each after a line "## ssh-keygen -l -F "QUERY"", as gen.sh
// writes them.
func parseFind(t *testing.T, out, q string) (queries []string, found map[string][]khFound) {
	t.Helper()
	found = map[string][]khFound{}
	lns := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i := 0; i < len(lns); i++ {
		l := lns[i]
		if m := findHeader.FindStringSubmatch(l); m != nil {
			q = m[1]
			queries = append(queries, q)
			continue
		}
		if l == "" {
			continue
		}
		m := findHost.FindStringSubmatch(l)
		if m == nil || m[1] != q || i+1 == len(lns) {
			t.Fatalf("ssh-keygen -F line %q (query %q)", l, q)
		}
		n, _ := strconv.Atoi(m[2])
		// The next line: "QUERY TYPE FINGERPRINT[ COMMENT]".
		fields := strings.SplitN(strings.TrimPrefix(lns[i+1], q+" "), " ", 3)
		if len(fields) < 2 {
			t.Fatalf("ssh-keygen -F line %q", lns[i+1])
		}
		f := khFound{line: n, marker: m[3], ty: fields[0], fp: fields[1]}
		if len(fields) == 3 {
			f.rest = fields[2]
		}
		found[q] = append(found[q], f)
		i++
	}
	return queries, found
}

func khMarkerName(m Marker) string {
	return map[Marker]string{MarkerNone: "", MarkerCertAuthority: "CA", MarkerRevoked: "REVOKED"}[m]
}

// khWantList returns what ssh-keygen -l lists of a file, by what
// KnownHosts read of it: the key of each entry but those with a marker (its
// do_fingerprint tries the line, then the line without its first field, as
// a key: a marker line is neither), and of each refused line that is the
// example of a known_hosts row of ../../testdata/stricter.tsv, the one table
// of where keyvet is stricter than OpenSSH (a hashed host name ssh matches
// to no host, which ssh-keygen -l does not look at): such a line must be
// refused with the row's sentinel. Any other line KnownHosts refuses and
// ssh-keygen lists is a disagreement the table does not list, and fails the
// comparison.
func khWantList(t *testing.T, name string) []khListed {
	t.Helper()
	lns := khFileLines(t, name)
	rows := map[string]keytest.StricterRow{}
	for _, r := range keytest.StricterIn(keytest.Stricter(t, "../.."), "known_hosts") {
		rows[r.Input] = r
	}
	var want []khListed
	for h, err := range Read(khOpen(t, name)) {
		var key *sshkey.Key
		var hosts string
		switch {
		case err == nil && h.Marker() == MarkerNone:
			key, hosts = h.Key(), strings.Join(khHostTexts(h), ",")
		case err != nil:
			var le *sshkey.LineError
			if !errors.As(err, &le) {
				t.Fatal(err)
			}
			row, ok := rows[lns[le.Line-1]]
			if !ok {
				continue
			}
			if !errors.Is(err, row.Sentinel) {
				t.Errorf("%s line %d: %v; the row %s of %s says %s", name, le.Line, err, row.ID, keytest.StricterTSV, row.Keyvet)
			}
			field, rest, _ := strings.Cut(lns[le.Line-1], " ")
			k, kerr := sshkey.ParseAuthorizedKey([]byte(rest))
			if kerr != nil {
				t.Fatalf("%s line %d: the row %s's key: %v", name, le.Line, row.ID, kerr)
			}
			key, hosts = k, field
		default:
			continue
		}
		l := khListed{key.Bits(), key.Fingerprint(crypto.SHA256).String(), key.Comment(), keytest.KeygenType(key.Type())}
		if l.name == "" {
			l.name = hosts
		}
		want = append(want, l)
	}
	return want
}

// TestKnownHostsKeygenList holds KnownHosts to ssh-keygen -lf FILE: the same
// keys, fingerprints and comments, in the same order.
func TestKnownHostsKeygenList(t *testing.T) {
	for _, name := range khFiles {
		b, err := os.ReadFile(filepath.Join(khDir, name+".lf"))
		if err != nil {
			t.Fatal(err)
		}
		got, want := parseLF(t, string(b)), khWantList(t, name)
		if !slices.Equal(got, want) || len(got) == 0 {
			t.Errorf("%s: ssh-keygen -lf listed\n%v\nKnownHosts read (and the rows of %s)\n%v", name, got, keytest.StricterTSV, want)
		}
	}
}

// khCheckFind holds the entries of a file to ssh-keygen -l -F's answer for
// query q: the lines it found are those whose host field matches q as
// given (ssh-keygen does not lowercase q, match_hostname does for
// patterns), with their markers, types and fingerprints. Bad lines are
// never found.
func khCheckFind(t *testing.T, file string, entries []*Entry, q string, found []khFound) {
	t.Helper()
	byLine := map[int]khFound{}
	for _, f := range found {
		byLine[f.line] = f
	}
	for _, h := range entries {
		f, ok := byLine[h.Line()]
		if m := matchHosts(h.Hosts(), q); m != ok {
			t.Errorf("%s line %d %q: matches %q: %v; ssh-keygen -F found it: %v", file, h.Line(), khHostTexts(h), q, m, ok)
			continue
		}
		delete(byLine, h.Line())
		if ok && (f.marker != khMarkerName(h.Marker()) || f.ty != keytest.KeygenType(h.Key().Type()) || f.fp != h.Key().Fingerprint(crypto.SHA256).String() ||
			f.rest != h.Key().Comment()) {
			t.Errorf("%s line %d: ssh-keygen -F %q found %+v; KnownHosts read %v %s %s", file, h.Line(), q, f, h.Marker(), h.Key().Type(), h.Key().Fingerprint(crypto.SHA256))
		}
	}
	for n := range byLine {
		t.Errorf("%s: ssh-keygen -F %q found line %d, which KnownHosts reports bad", file, q, n)
	}
}

func khEntries(t *testing.T, r io.Reader) []*Entry {
	t.Helper()
	var entries []*Entry
	for h, err := range Read(r) {
		if err == nil {
			entries = append(entries, h)
		}
	}
	return entries
}

// TestKnownHostsKeygenFind holds matchHosts, and through it Match, to
// ssh-keygen -l -F QUERY -f FILE for every query gen.sh asked of every
// file.
func TestKnownHostsKeygenFind(t *testing.T) {
	for _, name := range khFiles {
		b, err := os.ReadFile(filepath.Join(khDir, name+".find"))
		if err != nil {
			t.Fatal(err)
		}
		queries, found := parseFind(t, string(b), "")
		if len(queries) < 20 {
			t.Fatalf("%s.find: %d queries", name, len(queries))
		}
		entries := khEntries(t, khOpen(t, name))
		for _, q := range queries {
			khCheckFind(t, name, entries, q, found[q])
			// Match(host, port) is matchHosts of the name ssh looks
			// up, lowercased: it agrees with ssh-keygen -F for a
			// query in lowercase, the form ssh looks up.
			host, port, ok := khSplitName(q)
			if !ok || lowerASCII(q) != q {
				continue
			}
			for _, h := range entries {
				if h.Match(host, port) != matchHosts(h.Hosts(), q) {
					t.Errorf("%s line %d: Match(%q, %d) is not matchHosts(%q)", name, h.Line(), host, port, q)
				}
			}
		}
	}
	// Where ssh-keygen -F and ssh part: a name with capitals. ssh-keygen
	// -F hashes it as given, and finds no hashed line; ssh lowercases it
	// first (hand-hashed.ssh: HostKeyAlias=SERVER.EXAMPLE.COM is found at
	// line 2), as Match does.
	b, err := os.ReadFile(filepath.Join(khDir, "hand-hashed.find"))
	if err != nil {
		t.Fatal(err)
	}
	_, found := parseFind(t, string(b), "")
	if len(found["SERVER.EXAMPLE.COM"]) != 0 || len(found["server.example.com"]) != 1 {
		t.Errorf("ssh-keygen -F found %v for SERVER.EXAMPLE.COM, %v for server.example.com", found["SERVER.EXAMPLE.COM"], found["server.example.com"])
	}
	for _, h := range khEntries(t, khOpen(t, "hand-hashed")) {
		if h.Line() == 2 && !h.Match("SERVER.EXAMPLE.COM", 22) {
			t.Error("Match does not lowercase the name before hashing it")
		}
	}
}

var (
	sshHeader  = regexp.MustCompile(`^## ssh -o HostKeyAlias="(.*)"$`)
	sshFound   = regexp.MustCompile(`^Found key in (.*):(\d+)$`)
	sshOffend  = regexp.MustCompile(`^Offending ([A-Z0-9-]+) key in (.*):(\d+)$`)
	sshUnknown = regexp.MustCompile(`^No ED25519 host key is known for (.*) and you have requested strict checking\.$`)
	sshKnown   = regexp.MustCompile(`^(Host '.*' is known and matches the ED25519 host key\.|Host key for .* has changed)$`)
)

// TestKnownHostsSSH holds Match to ssh(1) itself: with HostKeyAlias=NAME,
// ssh -v connected to a Dropbear server whose key is ssh-ed25519, and said
// which line of the file held it, which held another key for the name, or
// that no line was for the name (FILE.ssh, by gen.sh). ssh looks up the
// alias lowercased, as is.
func TestKnownHostsSSH(t *testing.T) {
	for _, name := range []string{"scan-hashed", "hand", "hand-hashed"} {
		b, err := os.ReadFile(filepath.Join(khDir, name+".ssh"))
		if err != nil {
			t.Fatal(err)
		}
		byLine := map[int]*Entry{}
		for _, h := range khEntries(t, khOpen(t, name)) {
			byLine[h.Line()] = h
		}
		alias, n := "", 0
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			lookup := lowerASCII(alias)
			match := func(line int) {
				h := byLine[line]
				if h == nil || !matchHosts(h.Hosts(), lookup) || h.Marker() != MarkerNone {
					t.Errorf("%s: ssh found line %d for %q; KnownHosts read %v, which does not match", name, line, alias, h)
				}
				if host, port, ok := khSplitName(lookup); ok && h != nil && !h.Match(host, port) {
					t.Errorf("%s: ssh found line %d for %q; Match(%q, %d) is false", name, line, alias, host, port)
				}
				n++
			}
			switch m := []([]string){sshHeader.FindStringSubmatch(l), sshFound.FindStringSubmatch(l), sshOffend.FindStringSubmatch(l), sshUnknown.FindStringSubmatch(l)}; {
			case m[0] != nil:
				alias = m[0][1]
			case m[1] != nil:
				line, _ := strconv.Atoi(m[1][2])
				match(line)
				if h := byLine[line]; h != nil && h.Key().Type() != sshkey.TypeED25519 {
					t.Errorf("%s: ssh found the server's ssh-ed25519 key at line %d, which holds %s", name, line, h.Key().Type())
				}
			case m[2] != nil:
				line, _ := strconv.Atoi(m[2][3])
				match(line)
			case m[3] != nil:
				for _, h := range byLine {
					if h.Marker() == MarkerNone && matchHosts(h.Hosts(), lookup) {
						t.Errorf("%s: ssh knows no key for %q, but line %d matches it", name, alias, h.Line())
					}
				}
				n++
			case sshKnown.MatchString(l):
			default:
				t.Fatalf("%s.ssh: line %q", name, l)
			}
		}
		if n < 7 {
			t.Errorf("%s.ssh: %d answers", name, n)
		}
	}
}

// khKeygen runs ssh-keygen, or skips t where it is not installed.
func khKeygen(t *testing.T, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Skip("ssh-keygen is not installed")
	}
	var out bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) { // -F exits 1 when it finds nothing
			t.Fatal(err)
		}
	}
	return out.String()
}

// TestKnownHostsKeygenLive runs the installed ssh-keygen again on the
// testdata files and holds KnownHosts and matchHosts to what it says now.
func TestKnownHostsKeygenLive(t *testing.T) {
	if testing.Short() {
		t.Skip("runs ssh-keygen")
	}
	b, err := os.ReadFile(filepath.Join(khDir, "hand.find"))
	if err != nil {
		t.Fatal(err)
	}
	queries, _ := parseFind(t, string(b), "")
	for _, name := range khFiles {
		file := filepath.Join(khDir, name+".known_hosts")
		if got, want := parseLF(t, khKeygen(t, "-lf", file)), khWantList(t, name); !slices.Equal(got, want) {
			t.Errorf("%s: ssh-keygen -lf listed\n%v\nKnownHosts read\n%v", name, got, want)
		}
		entries := khEntries(t, khOpen(t, name))
		for _, q := range queries {
			_, found := parseFind(t, khKeygen(t, "-l", "-F", q, "-f", file), q)
			khCheckFind(t, name, entries, q, found[q])
		}
	}
}

// TestMatchKeygenRandom holds matchHosts to the installed ssh-keygen -l -F
// on a file of random host fields (patterns over a few bytes, with *, ?, !,
// brackets and ports, and hashed names) and random queries.
func TestMatchKeygenRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("runs ssh-keygen")
	}
	khKeygen(t, "-l", "-F", "x", "-f", os.DevNull) // skips where there is none
	rng := rand.New(rand.NewPCG(1, 2))
	name := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			b.WriteByte("abA."[rng.IntN(4)])
		}
		if rng.IntN(3) == 0 {
			return "[" + b.String() + "]:" + []string{"2222", "22", "7"}[rng.IntN(3)]
		}
		return b.String()
	}
	pattern := func() string {
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteByte('!')
		}
		for range rng.IntN(6) {
			b.WriteByte("abA.*?[]:27"[rng.IntN(11)])
		}
		return b.String()
	}
	var file strings.Builder
	var names []string
	for i := range 150 {
		var field string
		if i%5 == 0 {
			n := name()
			host, port, ok := khSplitName(lowerASCII(n))
			if !ok {
				host, port = lowerASCII(n), 22
			}
			s, err := HashHost(host, port, nil)
			if err != nil {
				t.Fatal(err)
			}
			field, names = s, append(names, n)
		} else {
			ps := make([]string, 1+rng.IntN(3))
			for j := range ps {
				ps[j] = pattern()
			}
			field = strings.Join(ps, ",")
		}
		if field == "" || field[0] == '#' || field[0] == '@' || field[0] == '|' && i%5 != 0 {
			field = "x" + field
		}
		fmt.Fprintf(&file, "%s ssh-ed25519 %s\n", field, keytest.ED25519B64)
	}
	path := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(path, []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	entries := khEntries(t, strings.NewReader(file.String()))
	if len(entries) != 150 {
		t.Fatalf("%d entries of 150", len(entries))
	}
	queries := names
	for range 100 {
		queries = append(queries, name())
	}
	hits, hashed := 0, 0
	for _, q := range queries {
		_, found := parseFind(t, khKeygen(t, "-l", "-F", q, "-f", path), q)
		khCheckFind(t, "random", entries, q, found[q])
		for _, f := range found[q] {
			hits++
			if (f.line-1)%5 == 0 {
				hashed++
			}
		}
	}
	// The file and queries are such that ssh-keygen finds lines often,
	// hashed ones too: the comparison is not of empty answers.
	if hits < 500 || hashed < 40 {
		t.Errorf("ssh-keygen found %d lines, %d of them hashed", hits, hashed)
	}
}

// TestStricterKnownHosts holds the key and known_hosts rows of
// testdata/stricter.tsv: Read and ParseLine refuse each known_hosts row's
// input, and each key row's input after a host name, with the row's
// sentinel; where ssh-keygen 9.2 is installed, ssh-keygen -l lists the key
// of each such line, as the row records (elsewhere the recorded verdict,
// and for the hashed names the golden bad.lf, stand). The known_hosts rows'
// hashed names are lines of bad.known_hosts, which TestKnownHostsKeygenList
// holds to the golden.
func TestStricterKnownHosts(t *testing.T) {
	rows := keytest.Stricter(t, "../..")
	bad := khFileLines(t, "bad")
	for id, r := range keytest.StricterIn(rows, "key", "known_hosts") {
		t.Run(id, func(t *testing.T) {
			line := r.Input
			if r.AppliesTo == "key" {
				line = "host.example.com " + r.Input
			}
			if _, err := ParseLine([]byte(line)); !errors.Is(err, r.Sentinel) {
				t.Errorf("ParseLine: %v; the table says %s", err, r.Keyvet)
			}
			n := 0
			for _, err := range Read(strings.NewReader(line + "\n")) {
				n++
				var le *sshkey.LineError
				if !errors.As(err, &le) || le.Line != 1 || !errors.Is(err, r.Sentinel) {
					t.Errorf("Read: %v; the table says line 1 is %s", err, r.Keyvet)
				}
			}
			if n != 1 {
				t.Errorf("Read yields %d results, want one error", n)
			}
			if strings.HasPrefix(id, "kh-hash-") && !slices.Contains(bad, r.Input) {
				t.Errorf("the input is no line of bad.known_hosts, whose ssh-keygen -lf golden is recorded")
			}
			r.CheckKeygen(t, line)
		})
	}
}

// TestStricterDoc: the package documentation lists the known_hosts rows of
// the table, each with its sentinel, and no other.
func TestStricterDoc(t *testing.T) {
	keytest.CheckStricterDoc(t, "doc.go", keytest.Stricter(t, "../.."), "known_hosts")
}
