// Package fuzzseed keeps the seed corpora of keyvet's fuzz targets in step
// with the test data they are made from. Only tests import it.
package fuzzseed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Hold is Sync for a test: it fails t when the corpus in dir is missing a
// seed of inputs or holds a stale one, and says how to rewrite it (go test
// with -seeds, whose value the caller passes as write).
func Hold[T string | []byte](t testing.TB, dir string, inputs map[string]T, write bool) {
	t.Helper()
	stale, err := Sync(dir, inputs, write)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) > 0 {
		t.Errorf("%d seeds of %s are missing or out of date (%q, ...); rewrite them with go test -run TestSeedCorpus -seeds", len(stale), dir, stale[0])
	}
}

// Sync holds dir, a fuzz target's corpus directory (testdata/fuzz/FuzzX),
// to inputs: one file per input, named seed-<name>-<8 hex digits of its
// SHA-256>, holding the value in the "go test fuzz v1" format for a target
// that takes one string or one []byte. With write set it removes the old
// seed-* files and writes every input; without, it changes nothing and
// returns the names of the inputs whose file is missing or differs, so a
// test can fail until the corpus is rewritten. Files not named seed-* (the
// fuzzer's findings) are never touched.
func Sync[T string | []byte](dir string, inputs map[string]T, write bool) (stale []string, err error) {
	names := make([]string, 0, len(inputs))
	for name := range inputs {
		names = append(names, name)
	}
	sort.Strings(names)
	if write {
		old, err := filepath.Glob(filepath.Join(dir, "seed-*"))
		if err != nil {
			return nil, err
		}
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				return nil, err
			}
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	for _, name := range names {
		v := inputs[name]
		typ := "string"
		if _, ok := any(v).([]byte); ok {
			typ = "[]byte"
		}
		body := fmt.Appendf(nil, "go test fuzz v1\n%s(%q)\n", typ, v)
		sum := sha256.Sum256([]byte(string(v)))
		file := filepath.Join(dir, "seed-"+clean(name)+"-"+hex.EncodeToString(sum[:4]))
		if write {
			if err := os.WriteFile(file, body, 0o644); err != nil {
				return nil, err
			}
			continue
		}
		if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, body) {
			stale = append(stale, name)
		}
	}
	return stale, nil
}

// KeyFiles are the files of ../testdata that hold keys, as globs relative to
// a package directory: the public keys with their exports, the private keys,
// and OpenSSH's keys and exports.
var KeyFiles = []string{"../testdata/keys/*.*", "../testdata/keys/private/*",
	"../testdata/vectors/openssh/*.pub", "../testdata/vectors/openssh/exported/*.txt"}

// Files reads every file that the globs match, but .fp and .md files, and
// returns their contents by "file-" and the path relative to the repository
// root (testdata/keys/rsa2048.pub). A glob that matches nothing fails t.
func Files(t testing.TB, globs ...string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, g := range globs {
		m, _ := filepath.Glob(g)
		if len(m) == 0 {
			t.Fatalf("no files %s", g)
		}
		for _, f := range m {
			if strings.HasSuffix(f, ".fp") || strings.HasSuffix(f, ".md") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel("..", f)
			files["file-"+rel] = b
		}
	}
	return files
}

// clean makes name safe in a file name: letters, digits and dashes stay,
// anything else becomes an underscore.
func clean(name string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, name)
}
