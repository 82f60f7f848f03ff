package fuzzseed

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSync(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "FuzzX")
	in := map[string][]byte{"a key": []byte("ssh-ed25519 AAAA\n"), "b": {0, 0xff}}
	if stale, err := Sync(dir, in, false); err != nil || !slices.Equal(stale, []string{"a key", "b"}) {
		t.Fatalf("an empty corpus: stale %v, %v; want both inputs", stale, err)
	}
	finding := filepath.Join(dir, "0123abcd")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(finding, []byte("go test fuzz v1\n[]byte(\"x\")\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Sync(dir, in, true); err != nil {
		t.Fatal(err)
	}
	if stale, err := Sync(dir, in, false); err != nil || len(stale) != 0 {
		t.Fatalf("after writing: stale %v, %v", stale, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "seed-a_key-*"))
	if len(files) != 1 {
		t.Fatalf("seed files for \"a key\": %v", files)
	}
	body, _ := os.ReadFile(files[0])
	if string(body) != "go test fuzz v1\n[]byte(\"ssh-ed25519 AAAA\\n\")\n" {
		t.Errorf("seed file holds %q", body)
	}
	if _, err := os.Stat(finding); err != nil {
		t.Error("a finding was removed:", err)
	}
	if err := os.WriteFile(files[0], []byte("go test fuzz v1\n[]byte(\"changed\")\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if stale, _ := Sync(dir, in, false); !slices.Equal(stale, []string{"a key"}) {
		t.Errorf("a changed seed: stale %v, want [a key]", stale)
	}
	strs, err := Sync(filepath.Join(t.TempDir(), "FuzzS"), map[string]string{"s": "x"}, true)
	if err != nil || len(strs) != 0 {
		t.Fatal(strs, err)
	}
}
