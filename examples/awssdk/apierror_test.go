package awssdk_test

import (
	"errors"
	"fmt"
	"testing"

	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/examples/awssdk"
	"github.com/keyvet/keyvet/validate"
)

func TestAsSmithySentinels(t *testing.T) {
	for _, api := range keyerrors.All() {
		t.Run(api.ErrorCode(), func(t *testing.T) {
			ae := awssdk.AsSmithy(api)
			if ae == nil {
				t.Fatal("AsSmithy = nil")
			}
			var _ smithy.APIError = ae
			if ae.ErrorCode() != api.ErrorCode() || ae.ErrorMessage() != api.ErrorMessage() {
				t.Errorf("code %q message %q, want %q %q", ae.ErrorCode(), ae.ErrorMessage(), api.ErrorCode(), api.ErrorMessage())
			}
			want := smithy.FaultClient
			if api.ErrorFault() == keyerrors.FaultServer {
				want = smithy.FaultServer
			}
			if ae.ErrorFault() != want {
				t.Errorf("ErrorFault() = %v, want %v", ae.ErrorFault(), want)
			}
			if !errors.Is(ae, api) {
				t.Error("errors.Is(AsSmithy(sentinel), sentinel) = false")
			}
			// The SDK's typed exception is behind it, but for ValidationError,
			// which has none, and for the services this module has no SDK
			// client of (EC2 key pairs, Transfer, Lightsail).
			sdk := api.Service() == keyerrors.ServiceEC2InstanceConnect || api.Service() == keyerrors.ServiceIAM
			typed := ec2Typed[api.ErrorCode()]
			if api.Service() == keyerrors.ServiceIAM {
				typed = iamTyped[api.ErrorCode()]
				if api.ErrorCode() == "ServiceFailure" {
					typed = isA[*iamtypes.ServiceFailureException]
				}
			}
			if sdk && api.ErrorCode() != "ValidationError" && (typed == nil || !typed(ae)) {
				t.Errorf("no typed SDK exception behind AsSmithy(%s)", api.ErrorCode())
			}
			// Wrapped, it is found all the same.
			if got := awssdk.AsSmithy(fmt.Errorf("context: %w", api.WithMessage("m"))); got == nil || got.ErrorMessage() != "m" {
				t.Errorf("AsSmithy(wrapped) = %v", got)
			}
		})
	}
}

func TestAsSmithyRequestError(t *testing.T) {
	in := &validate.UploadSSHPublicKeyInput{UserName: "alice smith", SSHPublicKeyBody: rsa1024}
	err := in.Validate()
	ae := awssdk.AsSmithy(err)
	if ae == nil {
		t.Fatal("AsSmithy = nil")
	}
	// A length or pattern failure wins over the key's: IAM answers
	// ValidationError.
	if ae.ErrorCode() != "ValidationError" || ae.ErrorMessage() != err.Error() || ae.ErrorFault() != smithy.FaultClient {
		t.Errorf("got %q %q %v", ae.ErrorCode(), ae.ErrorMessage(), ae.ErrorFault())
	}
	if !errors.Is(ae, keyerrors.ErrKeyTooSmall) || !errors.Is(ae, keyerrors.ErrPattern) {
		t.Error("the adapter hides the fields' sentinels")
	}
	noKeyMaterial(t, ae.Error(), rsa1024)

	// One FieldError reads as a request of one failure.
	var fe *keyerrors.FieldError
	if !errors.As(err, &fe) {
		t.Fatal("no FieldError")
	}
	one := awssdk.AsSmithy(fe)
	if want := "1 validation error detected: " + fe.Error(); one.ErrorMessage() != want || one.ErrorCode() != fe.API.ErrorCode() {
		t.Errorf("AsSmithy(FieldError) = %q %q, want %q", one.ErrorCode(), one.ErrorMessage(), want)
	}
	// An adapter is returned as it is.
	if awssdk.AsSmithy(fmt.Errorf("wrapped: %w", ae)) != ae {
		t.Error("AsSmithy(wrapped adapter) made a new adapter")
	}
}

func TestAsSmithyNone(t *testing.T) {
	for _, err := range []error{nil, errors.New("plain"), keyerrors.ErrPattern, &keyerrors.RequestError{Op: "X", Fields: []*keyerrors.FieldError{{Field: "F", Err: keyerrors.ErrRequired}}}} {
		if got := awssdk.AsSmithy(err); got != nil {
			t.Errorf("AsSmithy(%v) = %v, want nil", err, got)
		}
	}
}
