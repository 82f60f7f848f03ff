package validate_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// TestCertificatesRefused: sshkey reads OpenSSH certificates, and every
// service's policy still refuses each one with ErrCertificate, with the
// words and API code it had when sshkey refused them itself: as an
// authorized_keys line and as an RFC 4716 file, by CheckKey (Parse, then
// the policy), by CheckParsedKey and by Validate (the fast path).
func TestCertificatesRefused(t *testing.T) {
	files, _ := filepath.Glob("../testdata/certs/*-cert.pub")
	vectors, _ := filepath.Glob("../testdata/vectors/openssh/*-cert.pub")
	files = append(files, vectors...)
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		k, err := sshkey.Parse(data)
		if err != nil {
			continue // a certificate sshkey does not read (ssh-dss, ML-DSA): sshkey's tests
		}
		n++
		for _, in := range []string{string(data), string(k.MarshalRFC4716())} {
			for _, op := range []validate.Op{validate.OpSendSSHPublicKey, validate.OpSendSerialConsoleSSHPublicKey, validate.OpUploadSSHPublicKey} {
				_, err := validate.CheckKey(op, in)
				var re *keyerrors.RequestError
				if !errors.Is(err, keyerrors.ErrCertificate) || !errors.As(err, &re) {
					t.Fatalf("%s %v: err = %v, want ErrCertificate", filepath.Base(f), op, err)
				}
				want := keyerrors.ErrInvalidArgs.ErrorCode()
				if op == validate.OpUploadSSHPublicKey {
					want = keyerrors.ErrInvalidPublicKey.ErrorCode()
				}
				if got := re.API().ErrorCode(); got != want {
					t.Errorf("%s %v: code %s, want %s", filepath.Base(f), op, got, want)
				}
				if !strings.Contains(err.Error(), "(sshkey: this is an OpenSSH certificate; give the plain public key it certifies (the .pub file without -cert))") {
					t.Errorf("%s %v: words changed: %v", filepath.Base(f), op, err)
				}
				if err2 := validate.CheckParsedKey(op, k); !errors.Is(err2, keyerrors.ErrCertificate) {
					t.Errorf("%s %v: CheckParsedKey err = %v", filepath.Base(f), op, err2)
				}
				var verr error
				switch op {
				case validate.OpSendSSHPublicKey:
					verr = (&validate.SendSSHPublicKeyInput{InstanceId: "i-0123456789abcdef0", InstanceOSUser: "ec2-user", SSHPublicKey: in}).Validate()
				case validate.OpUploadSSHPublicKey:
					verr = (&validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: in}).Validate()
				default:
					continue
				}
				if verr == nil || verr.Error() != err.Error() {
					t.Errorf("%s %v: Validate = %v, CheckKey %v", filepath.Base(f), op, verr, err)
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d certificates read", n)
	}
}
