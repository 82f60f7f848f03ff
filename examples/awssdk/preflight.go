package awssdk

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go/middleware"
	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// ErrUnknownInput is what Check returns, wrapped, for a value that is not the
// input of one of the seven operations.
var ErrUnknownInput = errors.New("awssdk: not an input of an operation keyvet checks")

// Check validates the input of one of the seven operations, as an
// aws-sdk-go-v2 pointer (*ec2instanceconnect.SendSSHPublicKeyInput,
// *iam.UploadSSHPublicKeyInput, ...), with keyvet's rules: every member's
// presence, length, pattern, enum and range, and the key against the
// service's key policy. It returns nil when the service would take the
// request as far as keyvet knows, and otherwise an *APIError with the code
// and the message the service would answer with, which unwraps to the
// *keyerrors.RequestError and to the SDK's typed exception:
//
//	err := awssdk.Check(&ec2instanceconnect.SendSSHPublicKeyInput{InstanceId: aws.String("i-XYZ"), ...})
//	// err.Error() == "InvalidArgsException: 1 validation error detected: Value 'i-XYZ' at 'instanceId' ..."
//
// A value of any other type gives an error wrapping ErrUnknownInput. Check
// cannot know what only the service knows (whether the user or the instance
// exists, the key quota): the service may still refuse a request Check let
// through.
func Check(params any) error {
	ok, err := check(params)
	if !ok {
		return fmt.Errorf("%w: %T", ErrUnknownInput, params)
	}
	if err != nil {
		return AsSmithy(err)
	}
	return nil
}

// check reports whether it knows the type of params, and validates it.
func check(params any) (known bool, err error) {
	switch in := params.(type) {
	case *ec2instanceconnect.SendSSHPublicKeyInput:
		return true, FromSendSSHPublicKeyInput(in).Validate()
	case *ec2instanceconnect.SendSerialConsoleSSHPublicKeyInput:
		return true, FromSendSerialConsoleSSHPublicKeyInput(in).Validate()
	case *iam.UploadSSHPublicKeyInput:
		return true, FromUploadSSHPublicKeyInput(in).Validate()
	case *iam.GetSSHPublicKeyInput:
		return true, FromGetSSHPublicKeyInput(in).Validate()
	case *iam.UpdateSSHPublicKeyInput:
		return true, FromUpdateSSHPublicKeyInput(in).Validate()
	case *iam.DeleteSSHPublicKeyInput:
		return true, FromDeleteSSHPublicKeyInput(in).Validate()
	case *iam.ListSSHPublicKeysInput:
		err := FromListSSHPublicKeysInput(in).Validate()
		if in != nil && in.MaxItems != nil && *in.MaxItems == 0 {
			err = withField(err, validate.OpListSSHPublicKeys.Name(), maxItemsZero())
		}
		return true, err
	}
	return false, nil
}

// maxItemsZero is the failure of a present MaxItems of 0, which keyvet's
// struct cannot carry (its 0 is absent) but the SDK sends and IAM refuses
// (range 1..1000).
func maxItemsZero() *keyerrors.FieldError {
	r, _ := validate.IntRuleFor(validate.OpListSSHPublicKeys, "MaxItems")
	return &keyerrors.FieldError{
		Op:         validate.OpListSSHPublicKeys.Name(),
		Field:      r.Member(),
		Value:      "0",
		Constraint: fmt.Sprintf("Member must have value greater than or equal to %d", r.Min()),
		Err:        keyerrors.ErrOutOfRange,
		API:        r.API(),
	}
}

// withField appends fe, the request's last member, to err, a
// *keyerrors.RequestError or nil.
func withField(err error, op string, fe *keyerrors.FieldError) error {
	var re *keyerrors.RequestError
	if errors.As(err, &re) {
		return &keyerrors.RequestError{Op: re.Op, Fields: append(re.Fields[:len(re.Fields):len(re.Fields)], fe)}
	}
	return &keyerrors.RequestError{Op: op, Fields: []*keyerrors.FieldError{fe}}
}

// PreflightID is the ID of the pre-flight middleware in the Initialize step
// of a client's middleware stack.
const PreflightID = "keyvet.Preflight"

// AddPreflight adds the pre-flight middleware to the Initialize step of
// stack, first in the step, so it runs before the SDK's own check of required
// members and before anything is signed or sent. It is a func of the type of
// aws.Config.APIOptions and of every client's Options.APIOptions:
//
//	cfg.APIOptions = append(cfg.APIOptions, awssdk.AddPreflight) // every client made from cfg
//
// The middleware runs Check on the input of each of the seven operations and
// ends the call with Check's error (an *APIError, which the SDK wraps in its
// *smithy.OperationError) when keyvet refuses it, so a bad request never
// leaves the process and is never retried. The input of any other operation
// passes untouched. Adding it to a stack that holds it already does nothing.
func AddPreflight(stack *middleware.Stack) error {
	if _, ok := stack.Initialize.Get(PreflightID); ok {
		return nil
	}
	return stack.Initialize.Add(preflight{}, middleware.Before)
}

// WithEC2InstanceConnectPreflight returns a client option that installs the
// pre-flight middleware on an EC2 Instance Connect client, or on one call:
//
//	client := ec2instanceconnect.NewFromConfig(cfg, awssdk.WithEC2InstanceConnectPreflight())
func WithEC2InstanceConnectPreflight() func(*ec2instanceconnect.Options) {
	return func(o *ec2instanceconnect.Options) { o.APIOptions = append(o.APIOptions, AddPreflight) }
}

// WithIAMPreflight returns a client option that installs the pre-flight
// middleware on an IAM client, or on one call:
//
//	client := iam.NewFromConfig(cfg, awssdk.WithIAMPreflight())
func WithIAMPreflight() func(*iam.Options) {
	return func(o *iam.Options) { o.APIOptions = append(o.APIOptions, AddPreflight) }
}

type preflight struct{}

func (preflight) ID() string { return PreflightID }

func (preflight) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	if _, err := check(in.Parameters); err != nil {
		return middleware.InitializeOutput{}, middleware.Metadata{}, AsSmithy(err)
	}
	return next.HandleInitialize(ctx, in)
}
