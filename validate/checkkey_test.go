package validate_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/fuzzseed"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// keyRequest returns the Validate and ValidateKey of a request of op whose
// members other than the key hold.
func keyRequest(op validate.Op, key string) func() (*sshkey.Key, error) {
	switch op {
	case validate.OpSendSSHPublicKey:
		return (&validate.SendSSHPublicKeyInput{InstanceId: "i-0123456789abcdef0", InstanceOSUser: "ec2-user", SSHPublicKey: key}).ValidateKey
	case validate.OpSendSerialConsoleSSHPublicKey:
		return (&validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: "i-0123456789abcdef0", SSHPublicKey: key}).ValidateKey
	case validate.OpUploadSSHPublicKey:
		return (&validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: key}).ValidateKey
	case validate.OpEC2ImportKeyPair:
		return (&validate.EC2ImportKeyPairInput{KeyName: "my-key", PublicKeyMaterial: []byte(key)}).ValidateKey
	case validate.OpTransferImportSshPublicKey:
		return (&validate.TransferImportSshPublicKeyInput{ServerId: "s-0123456789abcdef0", UserName: "alice", SshPublicKeyBody: key}).ValidateKey
	case validate.OpTransferCreateUser:
		return (&validate.TransferCreateUserInput{Role: "arn:aws:iam::123456789012:role/sftp", ServerId: "s-0123456789abcdef0", UserName: "alice", SshPublicKeyBody: key}).ValidateKey
	case validate.OpLightsailImportKeyPair:
		return (&validate.LightsailImportKeyPairInput{KeyPairName: "my-key", PublicKeyBase64: key}).ValidateKey
	}
	panic(fmt.Sprint("no key member: ", op))
}

// TestCheckKeyIsValidate holds CheckKey to the full request: for every key
// file of testdata and a few broken values, in every operation that takes a
// key, CheckKey gives the error ValidateKey gives (the same text, the same
// sentinels) and the same key.
func TestCheckKeyIsValidate(t *testing.T) {
	values := []string{"", "x", strings.Repeat("A", 5000), "ssh-ed25519 AAAA\xff", modelExampleKey}
	for _, b := range fuzzseed.Files(t, fuzzseed.KeyFiles...) {
		values = append(values, string(b))
	}
	takes := 0
	for _, op := range validate.Ops() {
		if !op.TakesKey() {
			if _, err := validate.CheckKey(op, modelExampleKey); err == nil || errors.Is(err, keyerrors.ErrInvalidArgs) {
				t.Errorf("CheckKey(%v) = %v, want an error of its own: the operation carries no key", op, err)
			}
			continue
		}
		takes++
		for _, v := range values {
			if v == "" && op == validate.OpTransferCreateUser {
				// An empty body is an absent one in the struct, a present
				// empty one to CheckKey, which the pattern refuses.
				if _, err := validate.CheckKey(op, v); !errors.Is(err, keyerrors.ErrPattern) || !errors.Is(err, keyerrors.ErrTransferValidation) {
					t.Errorf("CheckKey(%v, \"\") = %v, want the pattern's ValidationException", op, err)
				}
				continue
			}
			k, err := validate.CheckKey(op, v)
			wantK, want := keyRequest(op, v)()
			if fmt.Sprint(err) != fmt.Sprint(want) {
				t.Fatalf("%v, %.40q: CheckKey says %v, Validate %v", op, v, err, want)
			}
			if (k == nil) != (wantK == nil) || k != nil && !k.Equal(wantK) {
				t.Fatalf("%v, %.40q: CheckKey's key %v, ValidateKey's %v", op, v, k, wantK)
			}
			for _, s := range []error{keyerrors.ErrInvalidArgs, keyerrors.ErrInvalidPublicKey, keyerrors.ErrUnrecognizedPublicKeyEncoding,
				keyerrors.ErrValidation, keyerrors.ErrKeyTooSmall, keyerrors.ErrPrivateKey, keyerrors.ErrTooLong} {
				if errors.Is(err, s) != errors.Is(want, s) {
					t.Fatalf("%v, %.40q: errors.Is(%v) differs: CheckKey %v, Validate %v", op, v, s, err, want)
				}
			}
		}
	}
	if takes != 7 {
		t.Errorf("%d operations take a key, want 7", takes)
	}
}

func ExampleCheckKey() {
	key := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIMZSIvWyH7BOkcq7y3shlxonWGBV1EExj2B6+6M6xmG alice@example.com"
	for _, op := range []validate.Op{validate.OpSendSSHPublicKey, validate.OpUploadSSHPublicKey} {
		k, err := validate.CheckKey(op, key)
		if err != nil {
			var re *keyerrors.RequestError
			errors.As(err, &re)
			fmt.Printf("%v: refused, %s: %s\n", op, re.API().ErrorCode(), keyerrors.Reason(err))
			continue
		}
		fmt.Printf("%v: accepted, %s %d bits\n", op, k.Type(), k.Bits())
	}
	// Output:
	// ec2-instance-connect:SendSSHPublicKey: accepted, ssh-ed25519 256 bits
	// iam:UploadSSHPublicKey: refused, InvalidPublicKey: SSHPublicKeyBody: a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa
}

// TestCheckParsedKey holds CheckParsedKey(op, k) to CheckKey(op, k.String())
// for every key of testdata that parses.
func TestCheckParsedKey(t *testing.T) {
	n := 0
	for name, b := range fuzzseed.Files(t, fuzzseed.KeyFiles...) {
		k, err := sshkey.Parse(b)
		if err != nil {
			continue
		}
		n++
		for _, op := range validate.Ops() {
			_, want := validate.CheckKey(op, k.String())
			if got := validate.CheckParsedKey(op, k); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s, %v: CheckParsedKey = %v, CheckKey of its line = %v", name, op, got, want)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d keys of testdata parse", n)
	}
	if validate.CheckParsedKey(validate.OpSendSSHPublicKey, nil) == nil {
		t.Error("CheckParsedKey(nil) = nil")
	}
}
