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

// modelExampleKey is the SSHPublicKey of the SendSSHPublicKey example in the
// EC2 Instance Connect Smithy model (smithy.api#examples, "To push an SSH key
// to an EC2 instance"): an RSA-2048 authorized_keys line without comment.
const modelExampleKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC3FlHqj2eqCdrGHuA6dRjfZXQ4HX5lXEIRHaNbxEwE5Te7xNF7StwhrDtiV7IdT5fDqbRyGw/szPj3xGkNTVoElCZ2dDFb2qYZ1WLIpZwj/UhO9l2mgfjR56UojjQut5Jvn2KZ1OcyrNO0J83kCaJCV7JoVbXY79FBMUccYNY45zmv9+1FMCfY6i2jdIhwR6+yLk8oubL8lIPyq7X+6b9S0yKCkB7Peml1DvghlybpAIUrC9vofHt6XP4V1i0bImw1IlljQS+DUmULRFSccATDscCX9ajnj7Crhm0HAZC0tBPXpFdHkPwL3yzYo546SCS9LKEwz62ymxxbL9k7h09t"

// readKey reads a key file of testdata/keys (made by ssh-keygen; see its
// README.md).
func readKey(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "keys", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// keyOutcome is what one operation answers one key with: nil for accepted,
// or the API code and the key sentinel.
type keyOutcome struct {
	api *keyerrors.APIError
	key error
}

var accepted = keyOutcome{}

func TestKeyPolicies(t *testing.T) {
	ec2 := func(key error) keyOutcome { return keyOutcome{keyerrors.ErrInvalidArgs, key} }
	invalid := func(key error) keyOutcome { return keyOutcome{keyerrors.ErrInvalidPublicKey, key} }
	unrecognized := func(key error) keyOutcome {
		return keyOutcome{keyerrors.ErrUnrecognizedPublicKeyEncoding, key}
	}
	tests := []struct {
		name   string
		key    string
		send   keyOutcome // SendSSHPublicKey and SendSerialConsoleSSHPublicKey
		upload keyOutcome // UploadSSHPublicKey
		reason string
	}{
		{"model example", modelExampleKey, accepted, accepted,
			"the RSA-2048 key of the model's own example"},
		{"rsa2048 line", readKey(t, "rsa2048.pub"), accepted, accepted, "ssh-rsa at the minimum of both services"},
		{"rsa2048 crlf", strings.TrimSpace(readKey(t, "rsa2048.pub")) + "\r\n", accepted, accepted, "a CRLF line end is white space"},
		{"rsa3072 line", readKey(t, "rsa3072.pub"), accepted, accepted, "between 2048 and 4096"},
		{"rsa4096 line", readKey(t, "rsa4096.pub"), accepted, accepted, "EC2 Instance Connect's maximum"},
		{"rsa8192 line", readKey(t, "rsa8192.pub"), ec2(keyerrors.ErrKeyTooLarge), accepted,
			"EC2 Instance Connect supports 2048 to 4096 bits; IAM sets only a minimum"},
		{"rsa1024 line", readKey(t, "rsa1024.pub"), ec2(keyerrors.ErrKeyTooSmall), invalid(keyerrors.ErrKeyTooSmall),
			"both services want at least 2048 bits"},
		{"rsa2048 PKIX", readKey(t, "rsa2048.pkcs8"), ec2(keyerrors.ErrUnsupportedEncoding), accepted,
			"IAM takes PEM; EC2 Instance Connect takes OpenSSH and SSH2 encodings only"},
		{"rsa2048 PKCS1", readKey(t, "rsa2048.pem"), ec2(keyerrors.ErrUnsupportedEncoding), accepted,
			"PKCS#1 is PEM too"},
		{"rsa2048 RFC 4716", readKey(t, "rsa2048.rfc4716"), accepted, unrecognized(keyerrors.ErrUnsupportedEncoding),
			"EC2 Instance Connect takes SSH2 files; IAM does not recognise them"},
		{"ed25519 line", readKey(t, "ed25519.pub"), accepted, invalid(keyerrors.ErrUnsupportedKeyType),
			"EC2 Instance Connect takes Ed25519; IAM takes ssh-rsa only"},
		{"ed25519 no comment", ed25519NoComment(t), accepted, invalid(keyerrors.ErrUnsupportedKeyType),
			"80 characters, the minimum length of SSHPublicKey"},
		{"ed25519 RFC 4716", readKey(t, "ed25519.rfc4716"), accepted, unrecognized(keyerrors.ErrUnsupportedEncoding),
			"SSH2 encoding of an Ed25519 key"},
		{"ecdsa256", readKey(t, "ecdsa256.pub"), ec2(keyerrors.ErrUnsupportedKeyType), invalid(keyerrors.ErrUnsupportedKeyType),
			"neither service takes ECDSA"},
		{"dsa", readKey(t, "dsa1024.pub"), ec2(keyerrors.ErrUnsupportedKeyType), invalid(keyerrors.ErrUnsupportedKeyType),
			"neither service takes DSA"},
		{"private key", readKey(t, "private/pem_rsa"), ec2(keyerrors.ErrPrivateKey), unrecognized(keyerrors.ErrPrivateKey),
			"a private key is never a public key encoding"},
		{"type mismatch", "ssh-ed25519 " + strings.Fields(readKey(t, "rsa2048.pub"))[1], ec2(keyerrors.ErrKeyTypeMismatch), invalid(keyerrors.ErrKeyTypeMismatch),
			"the label must be the type inside the blob"},
		{"options", `no-pty ` + readKey(t, "rsa2048.pub"), ec2(keyerrors.ErrMalformedKey), invalid(keyerrors.ErrMalformedKey),
			"authorized_keys options are not part of a key"},
		{"two keys", readKey(t, "rsa2048.pub") + readKey(t, "rsa3072.pub"), ec2(keyerrors.ErrMultipleKeys), invalid(keyerrors.ErrMultipleKeys),
			"one key per request"},
		{"junk", strings.Repeat("not a key ", 10), ec2(keyerrors.ErrUnsupportedEncoding), unrecognized(keyerrors.ErrUnsupportedEncoding),
			"text in no encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			send := &validate.SendSSHPublicKeyInput{InstanceId: "i-abcd1234", InstanceOSUser: "ec2-user", SSHPublicKey: tt.key}
			serial := &validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: "i-abcd1234", SSHPublicKey: tt.key}
			upload := &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: tt.key}
			k1, err1 := send.ValidateKey()
			checkKeyOutcome(t, "SendSSHPublicKey", "SSHPublicKey", k1, err1, tt.send, tt.key, tt.reason)
			k2, err2 := serial.ValidateKey()
			checkKeyOutcome(t, "SendSerialConsoleSSHPublicKey", "SSHPublicKey", k2, err2, tt.send, tt.key, tt.reason)
			k3, err3 := upload.ValidateKey()
			checkKeyOutcome(t, "UploadSSHPublicKey", "SSHPublicKeyBody", k3, err3, tt.upload, tt.key, tt.reason)
			if (send.Validate() == nil) != (err1 == nil) || (upload.Validate() == nil) != (err3 == nil) {
				t.Error("Validate and ValidateKey disagree")
			}
		})
	}
}

func checkKeyOutcome(t *testing.T, op, field string, k *sshkey.Key, err error, want keyOutcome, key, reason string) {
	t.Helper()
	if want == accepted {
		if err != nil {
			t.Errorf("%s: %v, want accepted (%s)", op, err, reason)
		} else if k == nil {
			t.Errorf("%s: no key returned", op)
		}
		return
	}
	if err == nil {
		t.Errorf("%s: accepted, want %s + %v (%s)", op, want.api.ErrorCode(), want.key, reason)
		return
	}
	if !errors.Is(err, want.api) || !errors.Is(err, want.key) {
		t.Errorf("%s: %v\nwant errors.Is %s and %v (%s)", op, err, want.api.ErrorCode(), want.key, reason)
	}
	var fe *keyerrors.FieldError
	if !errors.As(err, &fe) || fe.Field != field || fe.API != want.api || !fe.Sensitive {
		t.Errorf("%s: FieldError %+v, want Field %s, API %s, Sensitive", op, fe, field, want.api.ErrorCode())
	}
	assertNoKeyMaterial(t, err.Error(), key)
}

// assertNoKeyMaterial fails when msg holds any 16-character run of the
// base64 in key.
func assertNoKeyMaterial(t *testing.T, msg, key string) {
	t.Helper()
	for _, f := range strings.Fields(key) {
		for i := 0; i+16 <= len(f); i++ {
			run := f[i : i+16]
			if strings.Trim(run, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != "" {
				continue // not a base64 run
			}
			if strings.Contains(msg, run) {
				t.Fatalf("the message holds key material %q: %s", run, msg)
			}
		}
	}
}

func ed25519NoComment(t testing.TB) string {
	f := strings.Fields(readKey(t, "ed25519.pub"))
	s := f[0] + " " + f[1]
	if len(s) != 80 {
		t.Fatalf("an ed25519 line without comment has %d characters, want 80", len(s))
	}
	return s
}

// TestKeyNotParsedPastLength checks that a key member too long for its rule
// gets the length failure alone: the key is not decoded.
func TestKeyNotParsedPastLength(t *testing.T) {
	long := strings.Repeat(readKey(t, "rsa2048.pub"), 20) // > 4096 characters
	err := (&validate.SendSSHPublicKeyInput{InstanceId: "i-abcd1234", InstanceOSUser: "ec2-user", SSHPublicKey: long}).Validate()
	var re *keyerrors.RequestError
	if !errors.As(err, &re) || len(re.Fields) != 1 || re.Fields[0].Err != keyerrors.ErrTooLong {
		t.Fatalf("got %v, want one ErrTooLong failure", err)
	}
}

func TestKeyFailureMessage(t *testing.T) {
	err := (&validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: readKey(t, "ed25519.pub")}).Validate()
	want := "1 validation error detected: Value at 'sSHPublicKeyBody' failed to satisfy constraint: " +
		"Member must be an ssh-rsa key of at least 2048 bits, as an authorized_keys line or in PEM encoding ("
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %v\nwant the prefix %s", err, want)
	}
}
