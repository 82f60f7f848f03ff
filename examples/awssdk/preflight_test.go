package awssdk_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/examples/awssdk"
	"github.com/keyvet/keyvet/validate"
)

// preflightCase is one input of the seven operations: nil code means valid.
type preflightCase struct {
	name, reason string
	in           any
	code         string
	is           []error // sentinels the error must match
	typed        func(error) bool
}

var preflightCases = []preflightCase{
	{name: "send/ok", reason: "a valid push", in: &ec2instanceconnect.SendSSHPublicKeyInput{
		InstanceId: aws.String(instanceID), InstanceOSUser: aws.String(osUser), SSHPublicKey: aws.String(ed25519)}},
	{name: "send/bad-id", reason: "upper-case hex breaks the pattern", in: &ec2instanceconnect.SendSSHPublicKeyInput{
		InstanceId: aws.String("i-0123456789ABCDEF0"), InstanceOSUser: aws.String(osUser), SSHPublicKey: aws.String(ed25519)},
		code: "InvalidArgsException", is: []error{keyerrors.ErrPattern, keyerrors.ErrInvalidArgs}, typed: isA[*ec2types.InvalidArgsException]},
	{name: "send/nil", reason: "nil members are absent: keyvet reports them before the SDK's own check", in: &ec2instanceconnect.SendSSHPublicKeyInput{},
		code: "InvalidArgsException", is: []error{keyerrors.ErrRequired}, typed: isA[*ec2types.InvalidArgsException]},
	{name: "send/rsa1024", reason: "too small a key", in: &ec2instanceconnect.SendSSHPublicKeyInput{
		InstanceId: aws.String(instanceID), InstanceOSUser: aws.String(osUser), SSHPublicKey: aws.String(rsa1024)},
		code: "InvalidArgsException", is: []error{keyerrors.ErrKeyTooSmall}, typed: isA[*ec2types.InvalidArgsException]},
	{name: "serial/ok", reason: "a valid serial console push", in: &ec2instanceconnect.SendSerialConsoleSSHPublicKeyInput{
		InstanceId: aws.String(instanceID), SSHPublicKey: aws.String(rsa2048[0])}},
	{name: "serial/port", reason: "SerialPort must be 0", in: &ec2instanceconnect.SendSerialConsoleSSHPublicKeyInput{
		InstanceId: aws.String(instanceID), SerialPort: 1, SSHPublicKey: aws.String(rsa2048[0])},
		code: "InvalidArgsException", is: []error{keyerrors.ErrOutOfRange}, typed: isA[*ec2types.InvalidArgsException]},
	{name: "upload/ok", reason: "a valid upload", in: &iam.UploadSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyBody: aws.String(rsa2048[0])}},
	{name: "upload/pem", reason: "IAM takes PEM", in: &iam.UploadSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyBody: aws.String(rsa2048PEM)}},
	{name: "upload/ed25519", reason: "IAM takes ssh-rsa only", in: &iam.UploadSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyBody: aws.String(ed25519)},
		code: "InvalidPublicKey", is: []error{keyerrors.ErrUnsupportedKeyType, keyerrors.ErrInvalidPublicKey}, typed: isA[*iamtypes.InvalidPublicKeyException]},
	{name: "upload/private", reason: "a private key is in no public key encoding", in: &iam.UploadSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyBody: aws.String(throwawayPrivateKey)},
		code: "UnrecognizedPublicKeyEncoding", is: []error{keyerrors.ErrPrivateKey}, typed: isA[*iamtypes.UnrecognizedPublicKeyEncodingException]},
	{name: "upload/user", reason: "a bad user name is a ValidationError, which has no SDK type", in: &iam.UploadSSHPublicKeyInput{UserName: aws.String("a b"), SSHPublicKeyBody: aws.String(rsa2048[0])},
		code: "ValidationError", is: []error{keyerrors.ErrValidation}},
	{name: "get/ok", reason: "a valid get", in: &iam.GetSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String("APKA0123456789ABCDEF"), Encoding: iamtypes.EncodingTypePem}},
	{name: "get/encoding", reason: "XML is not an encoding", in: &iam.GetSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String("APKA0123456789ABCDEF"), Encoding: "XML"},
		code: "ValidationError", is: []error{keyerrors.ErrNotInEnum}},
	{name: "update/ok", reason: "a valid update", in: &iam.UpdateSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String("APKA0123456789ABCDEF"), Status: iamtypes.StatusTypeInactive}},
	{name: "update/status", reason: "Disabled is not a status", in: &iam.UpdateSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String("APKA0123456789ABCDEF"), Status: "Disabled"},
		code: "ValidationError", is: []error{keyerrors.ErrNotInEnum}},
	{name: "delete/ok", reason: "a valid delete", in: &iam.DeleteSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String("APKA0123456789ABCDEF")}},
	{name: "delete/id", reason: "an id of fewer than 20 characters", in: &iam.DeleteSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String("APKA")},
		code: "ValidationError", is: []error{keyerrors.ErrTooShort}},
	{name: "list/ok", reason: "every member is optional", in: &iam.ListSSHPublicKeysInput{}},
	{name: "list/max-items-0", reason: "the SDK sends a present 0, which IAM refuses", in: &iam.ListSSHPublicKeysInput{MaxItems: aws.Int32(0)},
		code: "ValidationError", is: []error{keyerrors.ErrOutOfRange}},
	{name: "list/max-items-1001", reason: "range 1..1000", in: &iam.ListSSHPublicKeysInput{UserName: aws.String(alice), MaxItems: aws.Int32(1001)},
		code: "ValidationError", is: []error{keyerrors.ErrOutOfRange}},
}

func TestCheck(t *testing.T) {
	for _, tc := range preflightCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.reason == "" {
				t.Fatal("a row needs a reason")
			}
			err := awssdk.Check(tc.in)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("%s: Check = %v, want nil", tc.reason, err)
				}
				return
			}
			ae := wantAPIError(t, err, tc.code, "", rsa1024, ed25519, throwawayPrivateKey)
			var ke *awssdk.APIError
			if !errors.As(err, &ke) || ae != smithy.APIError(ke) {
				t.Fatalf("Check returned %T, want *awssdk.APIError", err)
			}
			var re *keyerrors.RequestError
			if !errors.As(err, &re) {
				t.Fatalf("%v does not unwrap to a *keyerrors.RequestError", err)
			}
			if ae.ErrorMessage() != re.Error() {
				t.Errorf("ErrorMessage() = %q, want the RequestError's text %q", ae.ErrorMessage(), re.Error())
			}
			for _, s := range tc.is {
				if !errors.Is(err, s) {
					t.Errorf("%s: errors.Is(err, %v) = false", tc.reason, s)
				}
			}
			if tc.typed != nil && !tc.typed(err) {
				t.Errorf("%s: no typed SDK exception behind %v", tc.reason, err)
			}
		})
	}
}

func TestCheckMaxItemsZeroLast(t *testing.T) {
	// A present MaxItems of 0 is the last member: it comes after UserName's
	// failure, as AWS lists members.
	err := awssdk.Check(&iam.ListSSHPublicKeysInput{UserName: aws.String("a b"), MaxItems: aws.Int32(0)})
	var re *keyerrors.RequestError
	if !errors.As(err, &re) || len(re.Fields) != 2 || re.Fields[0].Field != "UserName" || re.Fields[1].Field != "MaxItems" {
		t.Fatalf("Check = %v, want UserName's then MaxItems' failure", err)
	}
}

func TestCheckUnknownInput(t *testing.T) {
	for _, in := range []any{nil, "SendSSHPublicKey", &validate.SendSSHPublicKeyInput{}, &iam.ListUsersInput{}} {
		if err := awssdk.Check(in); !errors.Is(err, awssdk.ErrUnknownInput) {
			t.Errorf("Check(%T) = %v, want ErrUnknownInput", in, err)
		}
	}
}

// TestPreflightMiddleware shows that a request keyvet refuses never reaches
// the server, for each of the seven operations, and that a valid one does.
func TestPreflightMiddleware(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddInstance(instanceID)
	srv.SetSerialConsoleAccess(true)
	srv.AddUser(alice)
	ec2c := ec2Client(ts, awssdk.WithEC2InstanceConnectPreflight())
	iamc := iamClient(ts, awssdk.WithIAMPreflight())
	ctx := context.Background()

	call := func(in any) error {
		var err error
		switch in := in.(type) {
		case *ec2instanceconnect.SendSSHPublicKeyInput:
			_, err = ec2c.SendSSHPublicKey(ctx, in)
		case *ec2instanceconnect.SendSerialConsoleSSHPublicKeyInput:
			_, err = ec2c.SendSerialConsoleSSHPublicKey(ctx, in)
		case *iam.UploadSSHPublicKeyInput:
			_, err = iamc.UploadSSHPublicKey(ctx, in)
		case *iam.GetSSHPublicKeyInput:
			_, err = iamc.GetSSHPublicKey(ctx, in)
		case *iam.UpdateSSHPublicKeyInput:
			_, err = iamc.UpdateSSHPublicKey(ctx, in)
		case *iam.DeleteSSHPublicKeyInput:
			_, err = iamc.DeleteSSHPublicKey(ctx, in)
		case *iam.ListSSHPublicKeysInput:
			_, err = iamc.ListSSHPublicKeys(ctx, in)
		default:
			t.Fatalf("no call for %T", in)
		}
		return err
	}

	for _, tc := range preflightCases {
		if tc.code == "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			before := srv.Requests()
			err := call(tc.in)
			if n := srv.Requests() - before; n != 0 {
				t.Fatalf("%s: %d requests reached the server", tc.reason, n)
			}
			wantAPIError(t, err, tc.code, "", rsa1024, ed25519, throwawayPrivateKey)
			var oe *smithy.OperationError
			if !errors.As(err, &oe) {
				t.Errorf("the SDK did not wrap the refusal in a *smithy.OperationError: %T", err)
			}
			if tc.typed != nil && !tc.typed(err) {
				t.Errorf("no typed SDK exception behind %v", err)
			}
			for _, s := range tc.is {
				if !errors.Is(err, s) {
					t.Errorf("errors.Is(err, %v) = false", s)
				}
			}
		})
	}

	// Valid requests go through: one HTTP request each.
	before := srv.Requests()
	if _, err := ec2c.SendSSHPublicKey(ctx, &ec2instanceconnect.SendSSHPublicKeyInput{
		InstanceId: aws.String(instanceID), InstanceOSUser: aws.String(osUser), SSHPublicKey: aws.String(ed25519)}); err != nil {
		t.Fatal(err)
	}
	if _, err := iamc.UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyBody: aws.String(rsa2048[0])}); err != nil {
		t.Fatal(err)
	}
	if n := srv.Requests() - before; n != 2 {
		t.Errorf("%d requests for two valid calls", n)
	}
}

// TestAddPreflight installs the middleware through aws.Config.APIOptions and
// per call, twice over, which must work as once.
func TestAddPreflight(t *testing.T) {
	srv, ts := standIn(t)
	cfg := sdkConfig(ts)
	cfg.APIOptions = append(cfg.APIOptions, awssdk.AddPreflight)
	c := iam.NewFromConfig(cfg)
	bad := &iam.DeleteSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String("short")}
	_, err := c.DeleteSSHPublicKey(context.Background(), bad, awssdk.WithIAMPreflight())
	wantAPIError(t, err, "ValidationError", "")
	if srv.Requests() != 0 {
		t.Errorf("%d requests reached the server", srv.Requests())
	}

	stack := middleware.NewStack("test", func() any { return nil })
	for range 2 {
		if err := awssdk.AddPreflight(stack); err != nil {
			t.Fatal(err)
		}
	}
	if ids := stack.Initialize.List(); len(ids) != 1 || ids[0] != awssdk.PreflightID {
		t.Errorf("Initialize step = %v, want one %s", ids, awssdk.PreflightID)
	}
}
