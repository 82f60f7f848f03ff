package awssdk

import (
	"errors"

	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect/types"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	keyerrors "github.com/keyvet/keyvet/errors"
)

// APIError is a keyvet error dressed as an error of aws-sdk-go-v2: it
// satisfies smithy.APIError, so code that handles the SDK's errors handles
// keyvet's the same way, whether keyvet refused a request before it was sent
// or a service (or this package's Server) answered it.
//
// Unwrap returns the keyvet error, so errors.Is(err, keyerrors.ErrPattern)
// and errors.As(err, &requestErr) hold, and, when the SDK has a typed
// exception for the code, that exception with the same message, so
// errors.As(err, &invalidArgs) with an *ec2types.InvalidArgsException holds
// too. IAM's ValidationError is a common error without a type of its own in
// the SDK (it decodes to *smithy.GenericAPIError), so there is none for it.
type APIError struct {
	// Code is the AWS error code: "InvalidArgsException",
	// "ValidationError", ...
	Code string
	// Message is the service's message: a RequestError's text ("1
	// validation error detected: ..."), or a *keyerrors.APIError's
	// ErrorMessage().
	Message string
	// Fault is smithy.FaultClient or smithy.FaultServer.
	Fault smithy.ErrorFault
	// Err is the keyvet error: a *keyerrors.RequestError, a
	// *keyerrors.FieldError or a *keyerrors.APIError.
	Err error

	sdk error // the SDK's typed exception for Code, or nil
}

var (
	_ smithy.APIError               = (*APIError)(nil)
	_ interface{ Unwrap() []error } = (*APIError)(nil)
)

// Error returns "Code: Message", as the SDK's exceptions do.
func (e *APIError) Error() string { return e.Code + ": " + e.Message }

// ErrorCode returns e.Code.
func (e *APIError) ErrorCode() string { return e.Code }

// ErrorMessage returns e.Message.
func (e *APIError) ErrorMessage() string { return e.Message }

// ErrorFault returns e.Fault.
func (e *APIError) ErrorFault() smithy.ErrorFault { return e.Fault }

// Unwrap returns Err and the SDK's typed exception, leaving out whichever is
// nil.
func (e *APIError) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	if e.sdk != nil {
		errs = append(errs, e.sdk)
	}
	return errs
}

// AsSmithy returns err as an *APIError, or nil when err is nil or carries no
// AWS error code. It looks through err's chain, in this order, for:
//
//   - an *APIError: returned as it is;
//   - a *keyerrors.RequestError: the code is its API().ErrorCode(), the message its
//     Error() text, as the service would answer the request;
//   - a *keyerrors.FieldError with an API code: treated as a RequestError
//     of that one field ("1 validation error detected: ...");
//   - a *keyerrors.APIError: its ErrorCode(), ErrorMessage() and ErrorFault().
//
// For example AsSmithy(keyerrors.ErrNoSuchEntity).ErrorCode() is
// "NoSuchEntity" and its ErrorFault() is smithy.FaultClient. Messages hold no
// key material: keyvet never puts any in them.
func AsSmithy(err error) *APIError {
	if err == nil {
		return nil
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae
	}
	var re *keyerrors.RequestError
	if errors.As(err, &re) {
		if api := re.API(); api != nil {
			return newAPIError(api, re.Error(), re)
		}
	}
	var fe *keyerrors.FieldError
	if errors.As(err, &fe) && fe.API != nil {
		one := &keyerrors.RequestError{Op: fe.Op, Fields: []*keyerrors.FieldError{fe}}
		return newAPIError(fe.API, one.Error(), fe)
	}
	var api *keyerrors.APIError
	if errors.As(err, &api) {
		return newAPIError(api, api.ErrorMessage(), api)
	}
	return nil
}

// newAPIError builds the adapter for code api with message msg around the
// keyvet error err.
func newAPIError(api *keyerrors.APIError, msg string, err error) *APIError {
	return &APIError{
		Code:    api.ErrorCode(),
		Message: msg,
		Fault:   smithyFault(api.ErrorFault()),
		Err:     err,
		sdk:     sdkException(api.Service(), api.ErrorCode(), msg),
	}
}

func smithyFault(f keyerrors.Fault) smithy.ErrorFault {
	switch f {
	case keyerrors.FaultClient:
		return smithy.FaultClient
	case keyerrors.FaultServer:
		return smithy.FaultServer
	}
	return smithy.FaultUnknown
}

// sdkException returns the SDK's typed exception for a code of a service,
// with message msg, or nil when the SDK has none.
func sdkException(service, code, msg string) error {
	m := &msg
	switch service {
	case keyerrors.ServiceEC2InstanceConnect:
		switch code {
		case "AuthException":
			return &ec2types.AuthException{Message: m}
		case "EC2InstanceNotFoundException":
			return &ec2types.EC2InstanceNotFoundException{Message: m}
		case "EC2InstanceStateInvalidException":
			return &ec2types.EC2InstanceStateInvalidException{Message: m}
		case "EC2InstanceTypeInvalidException":
			return &ec2types.EC2InstanceTypeInvalidException{Message: m}
		case "EC2InstanceUnavailableException":
			return &ec2types.EC2InstanceUnavailableException{Message: m}
		case "InvalidArgsException":
			return &ec2types.InvalidArgsException{Message: m}
		case "SerialConsoleAccessDisabledException":
			return &ec2types.SerialConsoleAccessDisabledException{Message: m}
		case "SerialConsoleSessionLimitExceededException":
			return &ec2types.SerialConsoleSessionLimitExceededException{Message: m}
		case "SerialConsoleSessionUnavailableException":
			return &ec2types.SerialConsoleSessionUnavailableException{Message: m}
		case "SerialConsoleSessionUnsupportedException":
			return &ec2types.SerialConsoleSessionUnsupportedException{Message: m}
		case "ServiceException":
			return &ec2types.ServiceException{Message: m}
		case "ThrottlingException":
			return &ec2types.ThrottlingException{Message: m}
		}
	case keyerrors.ServiceIAM:
		switch code {
		case "DuplicateSSHPublicKey":
			return &iamtypes.DuplicateSSHPublicKeyException{Message: m}
		case "InvalidPublicKey":
			return &iamtypes.InvalidPublicKeyException{Message: m}
		case "LimitExceeded":
			return &iamtypes.LimitExceededException{Message: m}
		case "NoSuchEntity":
			return &iamtypes.NoSuchEntityException{Message: m}
		case "UnrecognizedPublicKeyEncoding":
			return &iamtypes.UnrecognizedPublicKeyEncodingException{Message: m}
		case "InvalidInput":
			return &iamtypes.InvalidInputException{Message: m}
		case "ServiceFailure":
			return &iamtypes.ServiceFailureException{Message: m}
		}
	}
	return nil
}
