// Package awssdk fits keyvet into aws-sdk-go-v2: it checks the requests of
// the seven operations that carry SSH public keys before they are sent, makes
// keyvet's errors look like the SDK's, and serves both services locally so
// that code calling them can be tested with the real SDK clients.
//
// Operations: EC2 Instance Connect's SendSSHPublicKey and
// SendSerialConsoleSSHPublicKey (awsJson1.1), IAM's UploadSSHPublicKey,
// GetSSHPublicKey, UpdateSSHPublicKey, DeleteSSHPublicKey and
// ListSSHPublicKeys (awsQuery).
//
// # Pre-flight
//
// The From functions convert an SDK input (*ec2instanceconnect.SendSSHPublicKeyInput,
// *iam.UploadSSHPublicKeyInput, ...) to keyvet's validate structs: a nil
// pointer is an absent member. The SDK can also send a present empty string
// or a present MaxItems of 0, which keyvet's structs cannot tell from
// absence: Check and the middleware refuse a MaxItems of 0 themselves, as IAM
// does, and an empty string as a missing member (AWS would say "Member must
// have length greater than or equal to 1": the same code in other words).
// Check validates any of the seven SDK inputs in
// one call. The pre-flight middleware does the same on every call of a
// client, in the Initialize step, so a request keyvet refuses is neither
// signed nor sent nor retried:
//
//	client := ec2instanceconnect.NewFromConfig(cfg, awssdk.WithEC2InstanceConnectPreflight())
//	iamClient := iam.NewFromConfig(cfg, awssdk.WithIAMPreflight())
//	cfg.APIOptions = append(cfg.APIOptions, awssdk.AddPreflight) // or every client of cfg
//
// # Errors
//
// Check and the middleware return an *APIError: it satisfies smithy.APIError
// (ErrorCode, ErrorMessage, ErrorFault) with the code and the message the
// service would answer, and unwraps both to keyvet's *keyerrors.RequestError
// and to the SDK's typed exception. So one errors.As handles a request keyvet
// refused and one the service refused:
//
//	var invalid *ec2types.InvalidArgsException
//	if errors.As(err, &invalid) { ... } // pre-flight or server
//	if errors.Is(err, keyerrors.ErrKeyTooSmall) { ... } // pre-flight only: the wire carries no sentinel
//
// AsSmithy makes the same adapter from any keyvet error (*keyerrors.APIError,
// *keyerrors.RequestError, *keyerrors.FieldError). Error strings may change;
// match codes and types, not text. No message holds key material.
//
// # Stand-in server
//
// Server is an http.Handler that serves the seven operations in their wire
// formats, with IAM's keys in memory; see its documentation for what state
// reaches which error. Start it with httptest.NewServer and give the clients
// its URL as BaseEndpoint. It is a test double, not an emulator of AWS's
// access control: it checks no signature.
package awssdk
