package fingerprint

import (
	"encoding/base64"
	"errors"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"

	"github.com/keyvet/keyvet/internal/wire"
)

// ParsePub is parsePub for the tests of package fingerprint_test.
var ParsePub = parsePub

// parsePub is ssh.ParsePublicKey, except for ssh-dss, which x/crypto v0.59
// no longer reads: a DSA blob is taken as it is (blobKey), so that the
// functions over ssh.PublicKey can be held to ssh-keygen's DSA goldens.
// Every DSA blob in testdata was written by ssh-keygen.
func parsePub(blob []byte) (ssh.PublicKey, error) {
	if typ, _, ok := wire.String(blob); ok && string(typ) == "ssh-dss" {
		return blobKey(blob), nil
	}
	return ssh.ParsePublicKey(blob)
}

// blobKey is an ssh.PublicKey that is only its blob.
type blobKey []byte

func (k blobKey) Type() string                        { typ, _, _ := wire.String(k); return string(typ) }
func (k blobKey) Marshal() []byte                     { return slices.Clone(k) }
func (k blobKey) Verify([]byte, *ssh.Signature) error { return errors.New("blobKey: no signatures") }

// goldenLine returns the key and the comment of an authorized_keys
// line "type base64 [comment]" as ssh-keygen writes one.
func goldenLine(line string) (ssh.PublicKey, string, error) {
	f := strings.Fields(line)
	if len(f) < 2 {
		return nil, "", errors.New("not an authorized_keys line")
	}
	blob, err := base64.StdEncoding.DecodeString(f[1])
	if err != nil {
		return nil, "", err
	}
	pub, err := parsePub(blob)
	return pub, strings.Join(f[2:], " "), err
}
