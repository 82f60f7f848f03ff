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

// KeyFiles are the files of ../testdata that hold keys, as globs relative to
// a package directory: the public keys with their exports, the private keys,
// and OpenSSH's keys and exports.
var KeyFiles = []string{"../testdata/keys/*.*", "../testdata/keys/private/*", "../testdata/keys/putty/*", "../testdata/keys/phpseclib/*",
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
