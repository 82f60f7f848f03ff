package validate_test

import (
	"errors"
	"fmt"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// Validating a SendSSHPublicKey request before sending it: a valid request
// gives a nil error.
func ExampleSendSSHPublicKeyInput_Validate() {
	in := &validate.SendSSHPublicKeyInput{
		InstanceId:     "i-0123456789abcdef0",
		InstanceOSUser: "ec2-user",
		SSHPublicKey:   "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIMZSIvWyH7BOkcq7y3shlxonWGBV1EExj2B6+6M6xmG",
	}
	fmt.Println(in.Validate())
	// Output: <nil>
}

// Branching on the code EC2 Instance Connect would answer with, and on what
// the field broke.
func ExampleSendSSHPublicKeyInput_Validate_errorsIs() {
	in := &validate.SendSSHPublicKeyInput{
		InstanceId:     "mi-048afb7f6460a110d",
		InstanceOSUser: "ec2-user",
		SSHPublicKey:   "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIMZSIvWyH7BOkcq7y3shlxonWGBV1EExj2B6+6M6xmG",
	}
	err := in.Validate()
	if errors.Is(err, keyerrors.ErrInvalidArgs) {
		fmt.Println("HTTP", keyerrors.ErrInvalidArgs.HTTPStatusCode(), keyerrors.ErrInvalidArgs.ErrorCode())
	}
	fmt.Println(errors.Is(err, keyerrors.ErrPattern))
	fmt.Println(err)
	// Output:
	// HTTP 400 InvalidArgsException
	// true
	// 1 validation error detected: Value 'mi-048afb7f6460a110d' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^i-[a-f0-9]+$
}

// Reading every failed field of a request: validation never stops at the
// first.
func ExampleUpdateSSHPublicKeyInput_Validate_fields() {
	in := &validate.UpdateSSHPublicKeyInput{UserName: "alice smith", Status: "Disabled"}
	var re *keyerrors.RequestError
	if errors.As(in.Validate(), &re) {
		fmt.Println(re.API().ErrorCode())
		for _, f := range re.Fields {
			fmt.Printf("%s: %s\n", f.Field, f.Constraint)
		}
	}
	// Output:
	// ValidationError
	// UserName: Member must satisfy regular expression pattern: ^[\w+=,.@-]+$
	// SSHPublicKeyId: Member must not be null
	// Status: Member must satisfy enum value set: [Active, Inactive, Expired]
}

// Checking one field on its own, and reading its constraint.
func ExampleRule_Check() {
	r, _ := validate.RuleFor(validate.OpUploadSSHPublicKey, "UserName")
	fmt.Println(r.MinLen(), r.MaxLen(), r.Pattern())
	fmt.Println(r.Check("alice"))
	fmt.Println(r.Check("alice/admin"))
	// Output:
	// 1 64 ^[\w+=,.@-]+$
	// <nil>
	// Value 'alice/admin' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\w+=,.@-]+$
}

// Checking a key against IAM's key policy: IAM takes ssh-rsa keys of at
// least 2048 bits only, so an Ed25519 key is refused with InvalidPublicKey.
func Example_iamKeyPolicy() {
	k := sshkey.MustParse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIMZSIvWyH7BOkcq7y3shlxonWGBV1EExj2B6+6M6xmG")
	iam, ec2 := validate.IAMKeyPolicy(), validate.EC2InstanceConnectKeyPolicy()
	fmt.Println(iam.Check(k) != nil)
	fmt.Println(ec2.Check(k))

	in := &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: k.String()}
	err := in.Validate()
	fmt.Println(errors.Is(err, keyerrors.ErrInvalidPublicKey), errors.Is(err, keyerrors.ErrUnsupportedKeyType))
	// Output:
	// true
	// <nil>
	// true true
}

// Building the response IAM gives to an upload: the fingerprint is the MD5
// of the key's SSH wire blob.
func ExampleNewSSHPublicKey() {
	in := &validate.UploadSSHPublicKeyInput{
		UserName: "alice",
		// The key of the SendSSHPublicKey example in the EC2 Instance Connect model.
		SSHPublicKeyBody: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC3FlHqj2eqCdrGHuA6dRjfZXQ4HX5lXEIRHaNbxEwE5Te7xNF7StwhrDtiV7IdT5fDqbRyGw/szPj3xGkNTVoElCZ2dDFb2qYZ1WLIpZwj/UhO9l2mgfjR56UojjQut5Jvn2KZ1OcyrNO0J83kCaJCV7JoVbXY79FBMUccYNY45zmv9+1FMCfY6i2jdIhwR6+yLk8oubL8lIPyq7X+6b9S0yKCkB7Peml1DvghlybpAIUrC9vofHt6XP4V1i0bImw1IlljQS+DUmULRFSccATDscCX9ajnj7Crhm0HAZC0tBPXpFdHkPwL3yzYo546SCS9LKEwz62ymxxbL9k7h09t",
	}
	k, err := validate.NewSSHPublicKey(in, "APKAEIBAERJR2EXAMPLE", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	fmt.Println(k.SSHPublicKeyId, k.Status)
	fmt.Println(k.Fingerprint)
	// Output:
	// APKAEIBAERJR2EXAMPLE Active
	// 29:97:8f:ab:3c:17:c5:86:03:c2:c3:47:7f:e8:14:bb
}
