package keytest

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// StricterTSV is testdata/stricter.tsv, the one table of the places where
// keyvet refuses what OpenSSH 9.2 takes, relative to the repository's root.
const StricterTSV = "testdata/stricter.tsv"

// StricterRow is one row of testdata/stricter.tsv (its README section says
// what each column holds).
type StricterRow struct {
	ID        string
	AppliesTo string // "key", "authorized_keys" or "known_hosts"
	Input     string // the example, evaluated
	Keyvet    string // the sentinel's name, "ErrMalformedKey"
	Sentinel  error  // the sentinel
	OpenSSH   string // what OpenSSH 9.2 does with the input, in words
	Oracle    string // "ssh-keygen -l: BITS TYPE" or "sshd: options.sshd ok"
	Reason    string // why keyvet refuses it
	Line      int    // the row's line in the file
}

// Oracles of the oracle column.
const (
	OracleKeygenPrefix = "ssh-keygen -l: "
	OracleSSHDOptions  = "sshd: options.sshd ok"
)

// Scopes of the applies_to column.
var StricterScopes = []string{"key", "authorized_keys", "known_hosts"}

var stricterColumns = []string{"id", "applies_to", "input", "keyvet", "openssh", "oracle", "reason"}

// SentinelsByName are the key sentinels of package errors by their Go names.
var SentinelsByName = map[string]error{
	"ErrMalformedKey": keyerrors.ErrMalformedKey, "ErrUnsupportedEncoding": keyerrors.ErrUnsupportedEncoding,
	"ErrUnsupportedKeyType": keyerrors.ErrUnsupportedKeyType, "ErrKeyTooSmall": keyerrors.ErrKeyTooSmall,
	"ErrKeyTooLarge": keyerrors.ErrKeyTooLarge, "ErrWeakKey": keyerrors.ErrWeakKey, "ErrPrivateKey": keyerrors.ErrPrivateKey,
	"ErrCertificate": keyerrors.ErrCertificate, "ErrKeyTypeMismatch": keyerrors.ErrKeyTypeMismatch,
	"ErrMultipleKeys": keyerrors.ErrMultipleKeys,
}

var stricterID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Stricter reads the table at root/StricterTSV (root: the repository's
// root, relative to the test's directory) and checks its form: the header,
// seven columns a row, unique ids, known scopes, sentinels and oracles, and
// inputs that evaluate.
func Stricter(t testing.TB, root string) []StricterRow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, StricterTSV))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if got := strings.Split(lines[0], "\t"); !slices.Equal(got, stricterColumns) {
		t.Fatalf("%s: header %q, want %q", StricterTSV, got, stricterColumns)
	}
	var rows []StricterRow
	seen := map[string]bool{}
	for i, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != len(stricterColumns) {
			t.Fatalf("%s:%d: %d columns, want %d", StricterTSV, i+2, len(f), len(stricterColumns))
		}
		r := StricterRow{ID: f[0], AppliesTo: f[1], Keyvet: f[3], OpenSSH: f[4], Oracle: f[5], Reason: f[6], Line: i + 2}
		in, err := EvalInput(f[2])
		if err != nil {
			t.Fatalf("%s:%d: input: %v", StricterTSV, r.Line, err)
		}
		r.Input = in
		r.Sentinel = SentinelsByName[r.Keyvet]
		switch {
		case !stricterID.MatchString(r.ID) || seen[r.ID]:
			t.Fatalf("%s:%d: id %q is not lower-case-with-dashes, or not unique", StricterTSV, r.Line, r.ID)
		case !slices.Contains(StricterScopes, r.AppliesTo):
			t.Fatalf("%s:%d: applies_to %q is none of %q", StricterTSV, r.Line, r.AppliesTo, StricterScopes)
		case r.Sentinel == nil:
			t.Fatalf("%s:%d: keyvet %q is no key sentinel", StricterTSV, r.Line, r.Keyvet)
		case r.OpenSSH == "" || r.Reason == "":
			t.Fatalf("%s:%d: openssh and reason must be given", StricterTSV, r.Line)
		}
		if _, _, ok := r.KeygenWant(); !ok && r.Oracle != OracleSSHDOptions {
			t.Fatalf("%s:%d: oracle %q is neither %q nor %q", StricterTSV, r.Line, r.Oracle, OracleKeygenPrefix+"BITS TYPE", OracleSSHDOptions)
		}
		seen[r.ID] = true
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", StricterTSV)
	}
	return rows
}

// StricterIn returns the rows of the scopes given, by id.
func StricterIn(rows []StricterRow, scopes ...string) map[string]StricterRow {
	out := map[string]StricterRow{}
	for _, r := range rows {
		if slices.Contains(scopes, r.AppliesTo) {
			out[r.ID] = r
		}
	}
	return out
}

// KeygenWant returns the bits and type ssh-keygen -l prints of the row's
// input, from its oracle column.
func (r StricterRow) KeygenWant() (bits int, typ string, ok bool) {
	s, ok := strings.CutPrefix(r.Oracle, OracleKeygenPrefix)
	if !ok {
		return 0, "", false
	}
	b, typ, ok := strings.Cut(s, " ")
	bits, err := strconv.Atoi(b)
	if !ok || err != nil || typ == "" || strings.Contains(typ, " ") {
		return 0, "", false
	}
	return bits, typ, true
}

// EvalInput evaluates an input cell: Go-quoted strings and
// repeat("s", n) joined by +, so that a long input stays one short line.
func EvalInput(cell string) (string, error) {
	e, err := parser.ParseExpr(cell)
	if err != nil {
		return "", err
	}
	var eval func(ast.Expr) (string, error)
	eval = func(e ast.Expr) (string, error) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind == token.STRING && strings.HasPrefix(e.Value, `"`) {
				return strconv.Unquote(e.Value)
			}
		case *ast.BinaryExpr:
			if e.Op == token.ADD {
				x, err := eval(e.X)
				if err != nil {
					return "", err
				}
				y, err := eval(e.Y)
				return x + y, err
			}
		case *ast.CallExpr:
			if id, ok := e.Fun.(*ast.Ident); ok && id.Name == "repeat" && len(e.Args) == 2 {
				s, err := eval(e.Args[0])
				n, ok := e.Args[1].(*ast.BasicLit)
				if err != nil || !ok || n.Kind != token.INT {
					return "", fmt.Errorf("repeat wants a string and a number")
				}
				c, err := strconv.Atoi(n.Value)
				if err != nil || c < 0 || c > 1<<20 {
					return "", fmt.Errorf("repeat count %s", n.Value)
				}
				return strings.Repeat(s, c), nil
			}
		}
		return "", fmt.Errorf("%T: only \"strings\", + and repeat(\"s\", n)", e)
	}
	return eval(e)
}

// docRow is a row of a doc comment's list of the table:
// "//   - ID (SENTINEL): ...".
var docRow = regexp.MustCompile(`(?m)^//   - ([a-z0-9]+(?:-[a-z0-9]+)*) \((Err[A-Za-z]+)\): `)

// CheckStricterDoc holds the list a doc.go gives of the table to the rows
// of the scopes given: the same ids, with the same sentinels, each once.
func CheckStricterDoc(t testing.TB, docPath string, rows []StricterRow, scopes ...string) {
	t.Helper()
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	want := StricterIn(rows, scopes...)
	seen := map[string]bool{}
	for _, m := range docRow.FindAllSubmatch(doc, -1) {
		id, sentinel := string(m[1]), string(m[2])
		r, ok := want[id]
		switch {
		case seen[id]:
			t.Errorf("%s lists %s twice", docPath, id)
		case !ok:
			t.Errorf("%s lists %s, which %s has not for %q", docPath, id, StricterTSV, scopes)
		case r.Keyvet != sentinel:
			t.Errorf("%s says %s is %s; %s says %s", docPath, id, sentinel, StricterTSV, r.Keyvet)
		}
		seen[id] = true
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("%s does not list %s of %s (\"//   - %s (%s): ...\")", docPath, id, StricterTSV, id, want[id].Keyvet)
		}
	}
}

// KeygenL runs ssh-keygen -l -E sha256 on a file holding a comment line,
// then text and a line end, where ssh-keygen of OpenSSH 9.2 is installed,
// and returns the "BITS TYPE" of each key it printed. The comment line
// comes first because ssh-keygen -l reads a file whose first line holds
// "PRIVATE KEY" as a private key file (do_fingerprint), which sshd and ssh
// never do.
func KeygenL(t testing.TB, text string) (keys []string, ok bool) {
	t.Helper()
	v, err := exec.Command("ssh", "-V").CombinedOutput()
	if err != nil || !bytes.Contains(v, []byte("OpenSSH_9.2")) {
		return nil, false
	}
	path := filepath.Join(t.TempDir(), "keys")
	WriteFile(t, path, []byte("# a row of keyvet's testdata/stricter.tsv\n"+text+"\n"))
	out, _ := exec.Command("ssh-keygen", "-l", "-E", "sha256", "-f", path).Output() // exit 255: no key
	for _, l := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		f := strings.Fields(l)
		if len(f) >= 3 {
			keys = append(keys, f[0]+" "+strings.Trim(f[len(f)-1], "()"))
		}
	}
	return keys, true
}

// CheckKeygen holds the row's oracle to the installed ssh-keygen, run on
// text (the row's input, or a line holding it): it must print one key, of
// the bits and type the row records. It returns false where ssh-keygen 9.2
// is not installed: the row's recorded verdict stands.
func (r StricterRow) CheckKeygen(t testing.TB, text string) bool {
	t.Helper()
	bits, typ, ok := r.KeygenWant()
	if !ok {
		return false
	}
	got, ok := KeygenL(t, text)
	if !ok {
		return false
	}
	if want := fmt.Sprintf("%d %s", bits, typ); len(got) != 1 || got[0] != want {
		t.Errorf("%s (%s:%d): ssh-keygen -l printed %q; the row says it prints %q", r.ID, StricterTSV, r.Line, got, want)
	}
	return true
}
