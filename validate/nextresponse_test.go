package validate_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

var (
	ec2MD5Form    = regexp.MustCompile(`^[0-9a-f]{2}(:[0-9a-f]{2}){15}$`)
	ec2SHA256Form = regexp.MustCompile(`^[A-Za-z0-9+/]{43}=$`)
)

func TestNewEC2KeyPairInfo(t *testing.T) {
	when := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	const id = "key-0123456789abcdef0"
	tests := []struct {
		name, material, typ string
		form                *regexp.Regexp
	}{
		{"RSA line", readKey(t, "rsa2048.pub"), validate.EC2KeyTypeRSA, ec2MD5Form},
		{"RSA base64 DER", pemBody(t, "rsa2048.pkcs8"), validate.EC2KeyTypeRSA, ec2MD5Form},
		{"Ed25519", readKey(t, "ed25519.pub"), validate.EC2KeyTypeED25519, ec2SHA256Form},
	}
	for _, tt := range tests {
		in := &validate.EC2ImportKeyPairInput{KeyName: "my-key", PublicKeyMaterial: []byte(tt.material),
			TagSpecifications: []validate.EC2TagSpecification{{ResourceType: "key-pair", Tags: []validate.EC2Tag{{Key: "k", Value: "v"}}}}}
		info, err := validate.NewEC2KeyPairInfo(in, id, when)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		k := sshkey.MustParse(info.PublicKey)
		if info.KeyType != tt.typ || info.KeyName != "my-key" || info.KeyPairId != id || !info.CreateTime.Equal(when) ||
			info.KeyFingerprint != fingerprint.EC2(k.PublicKey()) || !tt.form.MatchString(info.KeyFingerprint) || len(info.Tags) != 1 {
			t.Errorf("%s: %+v", tt.name, info)
		}
		out := info.ImportOutput()
		b, _ := json.Marshal(out)
		if out.KeyFingerprint != info.KeyFingerprint || !strings.Contains(string(b), `"KeyPairId":"`+id+`"`) {
			t.Errorf("%s: ImportOutput %s", tt.name, b)
		}
	}
	in := &validate.EC2ImportKeyPairInput{KeyName: "my-key", PublicKeyMaterial: []byte(readKey(t, "ed25519.pub"))}
	if _, err := validate.NewEC2KeyPairInfo(in, "key-0123", when); err == nil {
		t.Error("an id that is not key- and 17 hex digits is taken")
	}
	in.PublicKeyMaterial = []byte(readKey(t, "ecdsa256.pub"))
	if _, err := validate.NewEC2KeyPairInfo(in, id, when); !errors.Is(err, keyerrors.ErrEC2InvalidKeyFormat) {
		t.Errorf("an ECDSA key: %v, want InvalidKey.Format", err)
	}
}

func TestNewTransferSshPublicKey(t *testing.T) {
	when := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	in := &validate.TransferImportSshPublicKeyInput{ServerId: "s-0123456789abcdef0", UserName: "alice", SshPublicKeyBody: readKey(t, "ed25519.pub")}
	key, out, err := validate.NewTransferSshPublicKey(in, "key-0123456789abcdef0", when)
	if err != nil {
		t.Fatal(err)
	}
	if key.SshPublicKeyBody != in.SshPublicKeyBody || key.SshPublicKeyId != "key-0123456789abcdef0" || !key.DateImported.Equal(when) ||
		out.ServerId != in.ServerId || out.UserName != "alice" || out.SshPublicKeyId != key.SshPublicKeyId {
		t.Errorf("%+v %+v", key, out)
	}
	if b, _ := json.Marshal(out); string(b) != `{"ServerId":"s-0123456789abcdef0","SshPublicKeyId":"key-0123456789abcdef0","UserName":"alice"}` {
		t.Errorf("ImportSshPublicKeyResponse %s", b)
	}
	if _, _, err := validate.NewTransferSshPublicKey(in, "key-XYZ", when); err == nil {
		t.Error("a bad id is taken")
	}
	in.SshPublicKeyBody = readKey(t, "dsa1024.pub")
	if _, _, err := validate.NewTransferSshPublicKey(in, "key-0123456789abcdef0", when); !errors.Is(err, keyerrors.ErrTransferInvalidRequest) {
		t.Errorf("ssh-dss: %v", err)
	}
}

func TestNewLightsailKeyPair(t *testing.T) {
	when := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	in := &validate.LightsailImportKeyPairInput{KeyPairName: "my-key", PublicKeyBase64: readKey(t, "rsa2048.pub")}
	const arn = "arn:aws:lightsail:us-east-1:123456789012:KeyPair/0123"
	kp, err := validate.NewLightsailKeyPair(in, arn, "us-east-1", when)
	if err != nil {
		t.Fatal(err)
	}
	k := sshkey.MustParse(in.PublicKeyBase64)
	if kp.Name != "my-key" || kp.Arn != arn || kp.ResourceType != "KeyPair" || kp.Location.RegionName != "us-east-1" ||
		kp.Fingerprint != fingerprint.EC2(k.PublicKey()) || !kp.CreatedAt.Equal(when) {
		t.Errorf("%+v", kp)
	}
	b, _ := json.Marshal(kp)
	for _, name := range []string{`"name":`, `"arn":`, `"resourceType":"KeyPair"`, `"fingerprint":`, `"location":`} {
		if !strings.Contains(string(b), name) {
			t.Errorf("KeyPair JSON %s lacks %s", b, name)
		}
	}
	in.PublicKeyBase64 = readKey(t, "rsa1024.pub")
	if _, err := validate.NewLightsailKeyPair(in, arn, "us-east-1", when); !errors.Is(err, keyerrors.ErrLightsailInvalidInput) {
		t.Errorf("rsa1024: %v", err)
	}
}
