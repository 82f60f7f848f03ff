package sshkey

import (
	"errors"
	"testing"

	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// TestStricterKeyRows holds the key rows of ../testdata/stricter.tsv, the
// one table of where keyvet is stricter than OpenSSH 9.2: ParseAuthorizedKey
// refuses each row's input with the row's sentinel, and, where ssh-keygen
// 9.2 is installed, ssh-keygen -l reads it and prints the key the row
// records (elsewhere the recorded verdict stands). The authorized_keys and
// known_hosts rows are held by the tests of those packages.
func TestStricterKeyRows(t *testing.T) {
	rows := keytest.Stricter(t, "..")
	live := 0
	for _, r := range rows {
		if r.AppliesTo != "key" {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			if _, err := ParseAuthorizedKey([]byte(r.Input)); !errors.Is(err, r.Sentinel) {
				t.Errorf("ParseAuthorizedKey: %v; the table says %s", err, r.Keyvet)
			}
			if r.Oracle == keytest.OracleSSHDOptions {
				t.Errorf("a key row's oracle is ssh-keygen -l, not %q", r.Oracle)
			}
			if r.CheckKeygen(t, r.Input) {
				live++
			}
		})
	}
	t.Logf("%d rows checked against the installed ssh-keygen", live)
}

// TestStricterDoc: the package documentation lists the key rows of the
// table, each with its sentinel, and no other.
func TestStricterDoc(t *testing.T) {
	keytest.CheckStricterDoc(t, "doc.go", keytest.Stricter(t, ".."), "key")
}
