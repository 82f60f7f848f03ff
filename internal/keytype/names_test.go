package keytype

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// nameExemptions are the directories (relative to the module root, with
// slashes) whose non-test files may spell key-type names, and why.
var nameExemptions = map[string]string{
	"internal/keytype":        "the table itself",
	"sshkey/internal/keytest": "a helper only tests import: its oracles spell the names to check the table against",
}

// tableNames returns every name of the table: each row's name and
// certificate name, and the curves' names.
func tableNames() map[string]bool {
	names := map[string]bool{}
	for _, t := range All() {
		names[t.Name] = true
		if t.Cert != "" {
			names[t.Cert] = true
		}
		if t.Curve != nil {
			names[t.Curve.ID] = true
		}
	}
	return names
}

// nameLiterals returns "file:line: literal" for each string literal of the
// Go source src whose value is one of names.
func nameLiterals(fset *token.FileSet, filename string, src any, names map[string]bool) ([]string, error) {
	f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		v, err := strconv.Unquote(lit.Value)
		if err == nil && names[v] {
			found = append(found, fset.Position(lit.Pos()).String()+": "+lit.Value)
		}
		return true
	})
	return found, nil
}

// moduleRoot returns the directory of the root module's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil &&
			strings.HasPrefix(string(b), "module github.com/keyvet/keyvet\n") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod of github.com/keyvet/keyvet above the test's directory")
		}
		dir = parent
	}
}

// TestNoNameLiterals holds the table to being the only list of key types:
// no string literal of a non-test Go file of the root module (nested
// modules such as examples/awssdk are not walked) is a name of the table,
// outside the directories of nameExemptions. Comments are not read.
func TestNoNameLiterals(t *testing.T) {
	root := moduleRoot(t)
	names := tableNames()
	fset := token.NewFileSet()
	var found []string
	seen := map[string]bool{}
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if path == root {
				return nil
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module
			}
			if _, ok := nameExemptions[rel]; ok {
				seen[rel] = true
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			return nil
		}
		files++
		lits, err := nameLiterals(fset, path, nil, names)
		if err != nil {
			return err
		}
		found = append(found, lits...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("walked %d non-test Go files under %s; want the whole module", files, root)
	}
	for dir := range nameExemptions {
		if !seen[dir] {
			t.Errorf("exempt directory %s not found: drop its exemption", dir)
		}
	}
	for _, f := range found {
		t.Errorf("%s: a key-type name outside internal/keytype; use the table (keytype.Lookup, keytype.OpenSSHReads, ...) or its constants", f)
	}
}

// TestNameLiteralsFinds holds the checker of TestNoNameLiterals to finding
// names in literals, and only there.
func TestNameLiteralsFinds(t *testing.T) {
	const src = `package p

// ssh-ed25519 in a comment is fine.
const a = "ssh-ed25519"

var b = []string{` + "`ssh-rsa-cert-v01@openssh.com`" + `, "nistp384", "rsa-sha2-512", "ssh-xmss@openssh.com", "ssh-mldsa-65"}

var c = "ssh-ed25519 AAAA..." // a sentence that holds a name is fine
`
	got, err := nameLiterals(token.NewFileSet(), "p.go", src, tableNames())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Errorf("found %d name literals, want 6: %q", len(got), got)
	}
}

// TestTable checks the table's shape and its look-ups.
func TestTable(t *testing.T) {
	seen := map[string]bool{}
	var read []string
	for i, tt := range All() {
		for _, n := range []string{tt.Name, tt.Cert} {
			if n == "" {
				continue
			}
			if seen[n] {
				t.Errorf("%s twice in the table", n)
			}
			seen[n] = true
		}
		if tt.Cert != "" && tt.Cert != strings.TrimSuffix(tt.Name, "@openssh.com")+CertSuffix {
			t.Errorf("%s: certificate name %s is not the name with %s", tt.Name, tt.Cert, CertSuffix)
		}
		if (tt.Alg == AlgECDSA) != (tt.Curve != nil) {
			t.Errorf("%s: family %d with curve %v", tt.Name, tt.Alg, tt.Curve)
		}
		if tt.PKIX != (tt.OID != nil) || tt.PKIX && (!tt.Read || tt.SK) || tt.PKCS1 && !tt.PKIX {
			t.Errorf("%s: PKIX %v, PKCS1 %v, OID %x", tt.Name, tt.PKIX, tt.PKCS1, tt.OID)
		}
		if tt.Read {
			if len(read) != i {
				t.Errorf("%s: a type keyvet reads after one it does not", tt.Name)
			}
			read = append(read, tt.Name)
			if tt.Label == "" || tt.Cert == "" || !tt.OpenSSH || tt.SignatureOf != "" {
				t.Errorf("%s: a type keyvet reads needs a label, a certificate, OpenSSH and no SignatureOf", tt.Name)
			}
			if tt.Curve != nil && tt.Bits != tt.Curve.Bits {
				t.Errorf("%s: %d bits on a curve of %d", tt.Name, tt.Bits, tt.Curve.Bits)
			}
			if Lookup(tt.Name) != &All()[i] || Lookup([]byte(tt.Name)) != &All()[i] || LookupCert(tt.Cert) != &All()[i] {
				t.Errorf("%s: Lookup or LookupCert does not find it", tt.Name)
			}
		} else if Lookup(tt.Name) != nil || tt.Cert != "" && LookupCert(tt.Cert) != nil {
			t.Errorf("%s: Lookup finds a type keyvet does not read", tt.Name)
		}
		if LookupAny(tt.Name) != &All()[i] {
			t.Errorf("%s: LookupAny does not find it", tt.Name)
		}
		if OpenSSHReads(tt.Name) != tt.OpenSSH || tt.Cert != "" && OpenSSHReads(tt.Cert) != tt.OpenSSH {
			t.Errorf("%s: OpenSSHReads is not %v", tt.Name, tt.OpenSSH)
		}
		if tt.SignatureOf != "" && Lookup(tt.SignatureOf) == nil {
			t.Errorf("%s: SignatureOf %s is no type keyvet reads", tt.Name, tt.SignatureOf)
		}
		if IsCert(tt.Name) || tt.Cert != "" && !IsCert(tt.Cert) {
			t.Errorf("%s: IsCert is wrong", tt.Name)
		}
		if tt.PKIX && ByOID(tt.OID) != tt.Alg {
			t.Errorf("%s: ByOID(%x) = %d, want %d", tt.Name, tt.OID, ByOID(tt.OID), tt.Alg)
		}
	}
	want := []string{RSA, DSA, ECDSA256, ECDSA384, ECDSA521, ED25519, SKECDSA256, SKED25519}
	if !slices.Equal(read, want) {
		t.Errorf("types keyvet reads = %q, want %q", read, want)
	}
	for _, n := range []string{"", "ssh-rsa ", "SSH-RSA", "rsa", "ssh-rsa-cert-v00@openssh.com"} {
		if Lookup(n) != nil || LookupAny(n) != nil || LookupCert(n) != nil || OpenSSHReads(n) {
			t.Errorf("%q is found", n)
		}
	}
	if !IsCert("foo-cert-v00@openssh.com") || IsCert("cert-v01@openssh.com") {
		t.Error("IsCert is wrong on the v00 suffix or a bare suffix")
	}
	if ByOID(nil) != 0 || ByOID(P256.OID) != 0 {
		t.Error("ByOID finds a non-algorithm OID")
	}
}
