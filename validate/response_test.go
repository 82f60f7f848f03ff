package validate_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

func TestNewSSHPublicKey(t *testing.T) {
	uploaded := time.Date(2026, 11, 23, 13, 0, 0, 0, time.UTC)
	tests := []struct {
		name, body, fingerprint, reason string
	}{
		// ssh-keygen -l -E md5 -f <the model's example key> (OpenSSH 9.2p1)
		{"model example", modelExampleKey, "29:97:8f:ab:3c:17:c5:86:03:c2:c3:47:7f:e8:14:bb", "authorized_keys body"},
		// testdata/keys/rsa2048.fp, made by ssh-keygen -l -E md5
		{"rsa2048 line", readKey(t, "rsa2048.pub"), "1d:80:79:b4:b7:90:44:61:c5:80:01:b0:3a:44:ce:f8", "with a comment"},
		{"rsa2048 PKIX", readKey(t, "rsa2048.pkcs8"), "1d:80:79:b4:b7:90:44:61:c5:80:01:b0:3a:44:ce:f8", "PEM: the same key, the same fingerprint"},
		{"rsa2048 PKCS1", readKey(t, "rsa2048.pem"), "1d:80:79:b4:b7:90:44:61:c5:80:01:b0:3a:44:ce:f8", "PKCS#1: the same key"},
	}
	for _, tt := range tests {
		in := &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: tt.body}
		got, err := validate.NewSSHPublicKey(in, "APKAEIBAERJR2EXAMPLE", uploaded)
		if err != nil {
			t.Errorf("%s: %v (%s)", tt.name, err, tt.reason)
			continue
		}
		want := validate.SSHPublicKey{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Fingerprint: tt.fingerprint,
			SSHPublicKeyBody: tt.body, Status: validate.StatusActive, UploadDate: uploaded}
		if *got != want {
			t.Errorf("%s: got %+v\nwant %+v (%s)", tt.name, *got, want, tt.reason)
		}
		if err := got.Validate(); err != nil {
			t.Errorf("%s: the built response breaks the output rules: %v", tt.name, err)
		}
	}
}

func TestNewSSHPublicKeyRefuses(t *testing.T) {
	good := &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: modelExampleKey}
	if _, err := validate.NewSSHPublicKey(good, "APKA-1", time.Now()); !errors.Is(err, keyerrors.ErrTooShort) {
		t.Errorf("a short id: %v, want ErrTooShort", err)
	}
	bad := &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: readKey(t, "ed25519.pub")}
	k, err := validate.NewSSHPublicKey(bad, "APKAEIBAERJR2EXAMPLE", time.Now())
	if k != nil || !errors.Is(err, keyerrors.ErrInvalidPublicKey) {
		t.Errorf("an Ed25519 upload: %v, %v; want nil, ErrInvalidPublicKey", k, err)
	}
}

func TestOutputValidate(t *testing.T) {
	k := &validate.SSHPublicKey{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE",
		Fingerprint: "7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51", SSHPublicKeyBody: modelExampleKey, Status: "Active"}
	if err := k.Validate(); err != nil {
		t.Errorf("IAM's 47-character fingerprint must pass (the model's length 48 is not enforced): %v", err)
	}
	k.Fingerprint = "MD5:7a:1d"
	k.Status = ""
	var re *keyerrors.RequestError
	if err := k.Validate(); !errors.As(err, &re) || len(re.Fields) != 1 || re.Fields[0].Field != "Status" {
		t.Errorf("got %v, want one failure: Status is required (':' and \\w allow 'MD5:7a:1d')", err)
	}
	k.Fingerprint = "SHA256:abc+/"
	k.Status = "Active"
	if err := k.Validate(); !errors.Is(err, keyerrors.ErrPattern) || !strings.Contains(err.Error(), "'fingerprint'") {
		t.Errorf("got %v, want a pattern failure on fingerprint", err)
	}
	m := &validate.SSHPublicKeyMetadata{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Status: "Inactive"}
	if err := m.Validate(); !errors.Is(err, keyerrors.ErrRequired) {
		t.Errorf("metadata without UploadDate: %v, want ErrRequired", err)
	}
	m.UploadDate = time.Now()
	if err := m.Validate(); err != nil {
		t.Errorf("metadata: %v", err)
	}
}
