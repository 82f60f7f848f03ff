// Package fuzzseed reads the files of ../testdata that keyvet's fuzz targets
// and differential tests start from; the targets add them with f.Add, so
// that testdata/fuzz holds only the fuzzer's findings. Only tests import it.
package fuzzseed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// KeyFiles are the files of the repository's testdata that hold keys, as
// globs relative to the repository's root (Root): the public keys with their
// exports, the private keys, and OpenSSH's keys and exports.
var KeyFiles = []string{"testdata/keys/*.*", "testdata/keys/private/*", "testdata/keys/putty/*", "testdata/keys/phpseclib/*",
	"testdata/vectors/openssh/*.pub", "testdata/vectors/openssh/exported/*.txt"}

// Root returns the repository's root, relative to the working directory
// of a test (its package's directory): the nearest directory upwards that
// holds a go.mod and a testdata directory.
func Root(t testing.TB) string {
	t.Helper()
	dir := "."
	for range 8 {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "testdata")); err == nil {
				return dir
			}
		}
		dir = filepath.Join(dir, "..")
	}
	t.Fatal("no repository root above the working directory")
	return ""
}

// Files reads every file that the globs match, but .fp and .md files, and
// returns their contents by "file-" and the path relative to the repository
// root (testdata/keys/rsa2048.pub). A glob is absolute or relative to the
// root; one that matches nothing fails t.
func Files(t testing.TB, globs ...string) map[string][]byte {
	t.Helper()
	root := Root(t)
	files := map[string][]byte{}
	for _, g := range globs {
		if !filepath.IsAbs(g) {
			g = filepath.Join(root, g)
		}
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
			rel, _ := filepath.Rel(root, f)
			files["file-"+rel] = b
		}
	}
	return files
}
