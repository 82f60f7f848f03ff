package validate_test

import (
	"errors"
	"fmt"

	keyerrors "github.com/keyvet/keyvet/errors"
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
		fmt.Println("HTTP", keyerrors.ErrInvalidArgs.HTTPStatus, keyerrors.ErrInvalidArgs.Code)
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
		fmt.Println(re.API().Code)
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
	r := validate.UserNameRule
	fmt.Println(r.MinLen, r.MaxLen, r.ModelPattern)
	fmt.Println(r.Check("alice"))
	fmt.Println(r.Check("alice/admin"))
	// Output:
	// 1 64 ^[\w+=,.@-]+$
	// <nil>
	// Value 'alice/admin' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\w+=,.@-]+$
}
