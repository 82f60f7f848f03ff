package fuzzseed

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"a.pub": "ssh-ed25519 AAAA\n", "a.fp": "skipped", "README.md": "skipped"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := Files(t, filepath.Join(dir, "*"))
	if len(got) != 1 {
		t.Fatalf("Files read %d files, want the one that is neither .fp nor .md: %v", len(got), got)
	}
	for name, b := range got {
		if string(b) != "ssh-ed25519 AAAA\n" {
			t.Errorf("Files gave %q = %q", name, b)
		}
	}
}
