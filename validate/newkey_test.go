package validate_test

import (
	"errors"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// TestCheckParsedKeyNewAndZero: a Key made by sshkey.New (Format
// FormatNone) is judged by CheckParsedKey as its authorized_keys line, as a
// parsed key is: the services' Formats do not refuse it, their other rules
// do. The zero Key, whose String is "", is refused as CheckKey refuses "".
func TestCheckParsedKeyNewAndZero(t *testing.T) {
	mk := func(file string) *sshkey.Key {
		parsed := sshkey.MustParse(readKey(t, file))
		k, err := sshkey.New(parsed.PublicKey(), "made by New")
		if err != nil {
			t.Fatal(err)
		}
		if k.Format() != sshkey.FormatNone {
			t.Fatalf("New(%s).Format() = %v", file, k.Format())
		}
		return k
	}
	rsa2048, rsa1024, ed, ecdsa := mk("rsa2048.pub"), mk("rsa1024.pub"), mk("ed25519.pub"), mk("ecdsa256.pub")
	for _, tc := range []struct {
		name, reason string
		op           validate.Op
		k            *sshkey.Key
		want         error // nil: accepted
	}{
		{"iam-rsa2048", "IAM takes a 2048-bit RSA key made by New", validate.OpUploadSSHPublicKey, rsa2048, nil},
		{"ec2-rsa2048", "EC2 Instance Connect takes it too", validate.OpSendSSHPublicKey, rsa2048, nil},
		{"ec2-ed25519", "EC2 Instance Connect takes an Ed25519 key made by New", validate.OpSendSerialConsoleSSHPublicKey, ed, nil},
		{"iam-ed25519", "IAM's type rule still applies to a New key", validate.OpUploadSSHPublicKey, ed, keyerrors.ErrUnsupportedKeyType},
		{"iam-rsa1024", "IAM's size rule still applies to a New key", validate.OpUploadSSHPublicKey, rsa1024, keyerrors.ErrKeyTooSmall},
		{"ec2-ecdsa", "EC2 Instance Connect's type rule still applies", validate.OpSendSSHPublicKey, ecdsa, keyerrors.ErrUnsupportedKeyType},
		{"iam-zero", "the zero Key's line is empty, as CheckKey of \"\" says: the member is missing", validate.OpUploadSSHPublicKey, &sshkey.Key{}, keyerrors.ErrRequired},
		{"ec2-zero", "the zero Key's line is empty: the member is missing", validate.OpSendSSHPublicKey, &sshkey.Key{}, keyerrors.ErrRequired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := validate.CheckParsedKey(tc.op, tc.k)
			if tc.want == nil {
				if err != nil {
					t.Errorf("%s: CheckParsedKey = %v", tc.reason, err)
				}
				return
			}
			_, lineErr := validate.CheckKey(tc.op, tc.k.String())
			if !errors.Is(err, tc.want) || !errors.Is(lineErr, tc.want) {
				t.Errorf("%s: CheckParsedKey = %v, CheckKey of its line = %v, want %v", tc.reason, err, lineErr, tc.want)
			}
			if errors.Is(err, keyerrors.ErrUnsupportedEncoding) {
				t.Errorf("%s: a New key refused for its encoding: %v", tc.reason, err)
			}
		})
	}
}
