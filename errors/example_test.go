package errors_test

import (
	"errors"
	"fmt"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// Showing a person why IAM would refuse an upload: Reason gives one sentence
// per failed field, for the rule the user name broke and for the key alike,
// without AWS's frame around them.
func ExampleReason() {
	in := &validate.UploadSSHPublicKeyInput{
		UserName:         "alice smith",
		SSHPublicKeyBody: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIMZSIvWyH7BOkcq7y3shlxonWGBV1EExj2B6+6M6xmG",
	}
	err := in.Validate()
	fmt.Println(keyerrors.Reason(err))
	// Output:
	// UserName must satisfy regular expression pattern: ^[\w+=,.@-]+$; SSHPublicKeyBody: a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa
}

// The reason of one field's failure, as a form shows it beside the field: the
// constraint, with the field's name for AWS's "Member".
func ExampleFieldError_Reason() {
	fe := &keyerrors.FieldError{
		Op:         "SendSSHPublicKey",
		Field:      "InstanceId",
		Value:      "i-0123",
		Constraint: "Member must have length greater than or equal to 10",
		Err:        keyerrors.ErrTooShort,
		API:        keyerrors.ErrInvalidArgs,
	}
	fmt.Println(fe)
	fmt.Println(fe.Reason())
	// Output:
	// Value 'i-0123' at 'instanceId' failed to satisfy constraint: Member must have length greater than or equal to 10
	// InstanceId must have length greater than or equal to 10
}

// SafeValue's one rule: a name a person must fix is shown, escaped and cut
// to 64 characters; key material is omitted; binary data is described by
// its length.
func ExampleSafeValue() {
	for _, v := range []string{
		"nosuchoption",    // an option name: shown
		"ec2-user\x1b[2J", // shown, escaped
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",    // 65 letters of one class: shown, cut
		"AAAAC3NzaC1lZDI1NTE5AAAAIIMZSIvWyH7BOkcq7y3shlxonWGBV1EExj2B6+6M6xmG", // a key's base64: omitted
		"-----BEGIN OPENSSH PRIVATE KEY-----",                                  // a private key marker: omitted
		"\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03",                              // binary: its length only
	} {
		fmt.Println(keyerrors.SafeValue(v))
	}
	// Output:
	// nosuchoption
	// ec2-user\x1b[2J
	// aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...
	// <value omitted>
	// <value omitted>
	// <binary data, 15 bytes>
}

// A stand-in for EC2 answers an import of a name that is taken with EC2's
// own words, naming the key pair; the copy made by WithMessage still matches
// its sentinel under errors.Is, and carries the sentinel's code, status and
// fault.
func ExampleAPIError_WithMessage_ec2KeyPairDuplicate() {
	var err error = keyerrors.ErrEC2KeyPairDuplicate.WithMessage("The keypair 'deploy' already exists.")
	fmt.Println(err)
	fmt.Println(errors.Is(err, keyerrors.ErrEC2KeyPairDuplicate), errors.Is(err, keyerrors.ErrEC2KeyPairNotFound))
	var api *keyerrors.APIError
	if errors.As(err, &api) {
		fmt.Println(api.Service(), api.ErrorCode(), api.HTTPStatusCode(), api.ErrorFault(), api.Retryable())
	}
	// Output:
	// InvalidKeyPair.Duplicate: The keypair 'deploy' already exists.
	// true false
	// ec2 InvalidKeyPair.Duplicate 400 client false
}
