package awssdk_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect/types"
	"github.com/aws/smithy-go"
	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/examples/awssdk"
	"github.com/keyvet/keyvet/validate"
)

const (
	instanceID = "i-0123456789abcdef0"
	osUser     = "ec2-user"
)

// localText returns the message keyvet gives for in, which the stand-in must
// send on the wire.
func localText(t *testing.T, in interface{ Validate() error }) string {
	t.Helper()
	err := in.Validate()
	var re *keyerrors.RequestError
	if !errors.As(err, &re) {
		t.Fatalf("Validate() = %v, want a *keyerrors.RequestError", err)
	}
	return re.Error()
}

func TestSendSSHPublicKey(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddInstance(instanceID)
	c := ec2Client(ts)
	ctx := context.Background()

	for _, tc := range []struct {
		name, reason, key string
	}{
		{"rsa2048", "an authorized_keys line of RSA 2048 bits", rsa2048[0]},
		{"ed25519", "an authorized_keys line of Ed25519", ed25519},
		{"ed25519-rfc4716", "EC2 Instance Connect takes the SSH2 (RFC 4716) encoding too", ed25519RFC4716},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := c.SendSSHPublicKey(ctx, &ec2instanceconnect.SendSSHPublicKeyInput{
				InstanceId:       aws.String(instanceID),
				InstanceOSUser:   aws.String(osUser),
				SSHPublicKey:     aws.String(tc.key),
				AvailabilityZone: aws.String("us-east-1a"),
			})
			if err != nil {
				t.Fatalf("%s: %v", tc.reason, err)
			}
			if !out.Success || aws.ToString(out.RequestId) == "" {
				t.Errorf("Success = %v, RequestId = %q; want true and an id", out.Success, aws.ToString(out.RequestId))
			}
		})
	}
	pushed := srv.PushedKeys(instanceID)
	if len(pushed) != 3 {
		t.Fatalf("PushedKeys = %d keys, want 3", len(pushed))
	}
	if p := pushed[0]; p.Op != validate.OpSendSSHPublicKey || p.OSUser != osUser || !strings.HasPrefix(p.Fingerprint, "SHA256:") {
		t.Errorf("PushedKeys()[0] = %+v", p)
	}
}

func TestSendSSHPublicKeyErrors(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddInstance(instanceID)
	srv.AddInstance("i-00000000000000001")
	srv.SetInstanceState("i-00000000000000001", awssdk.InstanceStopped)
	c := ec2Client(ts)

	for _, tc := range []struct {
		name, reason string
		in           validate.SendSSHPublicKeyInput
		code         string
		typed        func(error) bool
		validation   bool // the message is keyvet's RequestError text
	}{
		{
			name: "bad-instance-id", reason: "upper case breaks ^i-[a-f0-9]+$",
			in:   validate.SendSSHPublicKeyInput{InstanceId: "i-0123456789ABCDEF0", InstanceOSUser: osUser, SSHPublicKey: ed25519},
			code: "InvalidArgsException", typed: isA[*ec2types.InvalidArgsException], validation: true,
		},
		{
			name: "bad-os-user-and-zone", reason: "every bad member is listed, in member order",
			in:   validate.SendSSHPublicKeyInput{InstanceId: instanceID, InstanceOSUser: "root user", SSHPublicKey: ed25519, AvailabilityZone: "moon"},
			code: "InvalidArgsException", typed: isA[*ec2types.InvalidArgsException], validation: true,
		},
		{
			name: "rsa1024", reason: "EC2 Instance Connect takes RSA keys of 2048 to 4096 bits",
			in:   validate.SendSSHPublicKeyInput{InstanceId: instanceID, InstanceOSUser: osUser, SSHPublicKey: rsa1024},
			code: "InvalidArgsException", typed: isA[*ec2types.InvalidArgsException], validation: true,
		},
		{
			name: "private-key", reason: "a private key is refused and never echoed",
			in:   validate.SendSSHPublicKeyInput{InstanceId: instanceID, InstanceOSUser: osUser, SSHPublicKey: throwawayPrivateKey},
			code: "InvalidArgsException", typed: isA[*ec2types.InvalidArgsException], validation: true,
		},
		{
			name: "unknown-instance", reason: "no instance of that id was added",
			in:   validate.SendSSHPublicKeyInput{InstanceId: "i-0000000000000000f", InstanceOSUser: osUser, SSHPublicKey: ed25519},
			code: "EC2InstanceNotFoundException", typed: isA[*ec2types.EC2InstanceNotFoundException],
		},
		{
			name: "stopped-instance", reason: "only a running instance takes a key",
			in:   validate.SendSSHPublicKeyInput{InstanceId: "i-00000000000000001", InstanceOSUser: osUser, SSHPublicKey: ed25519},
			code: "EC2InstanceStateInvalidException", typed: isA[*ec2types.EC2InstanceStateInvalidException],
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.SendSSHPublicKey(context.Background(), &ec2instanceconnect.SendSSHPublicKeyInput{
				InstanceId:       aws.String(tc.in.InstanceId),
				InstanceOSUser:   aws.String(tc.in.InstanceOSUser),
				SSHPublicKey:     aws.String(tc.in.SSHPublicKey),
				AvailabilityZone: optional(tc.in.AvailabilityZone),
			})
			msg := ""
			if tc.validation {
				msg = localText(t, &tc.in)
			} else {
				api, _ := keyerrors.Lookup(keyerrors.ServiceEC2InstanceConnect, tc.code)
				msg = api.ErrorMessage()
			}
			ae := wantAPIError(t, err, tc.code, msg, tc.in.SSHPublicKey)
			if !tc.typed(err) {
				t.Errorf("%s: the SDK did not decode a typed %s: %T", tc.reason, tc.code, ae)
			}
			if ae.ErrorFault() != smithy.FaultClient {
				t.Errorf("ErrorFault() = %v, want client", ae.ErrorFault())
			}
			wantStatus(t, err, http.StatusBadRequest)
		})
	}
	if n := len(srv.PushedKeys(instanceID)); n != 0 {
		t.Errorf("%d keys pushed by refused requests", n)
	}
}

func TestSendSerialConsoleSSHPublicKey(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddInstance(instanceID)
	c := ec2Client(ts)
	ctx := context.Background()
	in := func(id string, port int32, key string) *ec2instanceconnect.SendSerialConsoleSSHPublicKeyInput {
		return &ec2instanceconnect.SendSerialConsoleSSHPublicKeyInput{InstanceId: aws.String(id), SerialPort: port, SSHPublicKey: aws.String(key)}
	}

	// Serial console access is off on a new account, as on AWS.
	_, err := c.SendSerialConsoleSSHPublicKey(ctx, in(instanceID, 0, ed25519))
	wantAPIError(t, err, "SerialConsoleAccessDisabledException", keyerrors.ErrSerialConsoleAccessDisabled.ErrorMessage())
	if !isA[*ec2types.SerialConsoleAccessDisabledException](err) {
		t.Errorf("not a *SerialConsoleAccessDisabledException: %v", err)
	}
	wantStatus(t, err, http.StatusForbidden)

	srv.SetSerialConsoleAccess(true)
	out, err := c.SendSerialConsoleSSHPublicKey(ctx, in(instanceID, 0, rsa2048[0]))
	if err != nil {
		t.Fatal(err)
	}
	if !out.Success || aws.ToString(out.RequestId) == "" {
		t.Errorf("Success = %v, RequestId = %q", out.Success, aws.ToString(out.RequestId))
	}
	if p := srv.PushedKeys(instanceID); len(p) != 1 || p[0].Op != validate.OpSendSerialConsoleSSHPublicKey {
		t.Errorf("PushedKeys = %+v, want the serial console's key", p)
	}

	// SerialPort 1 breaks the range 0..0.
	bad := validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: instanceID, SerialPort: 1, SSHPublicKey: ed25519}
	_, err = c.SendSerialConsoleSSHPublicKey(ctx, in(instanceID, 1, ed25519))
	wantAPIError(t, err, "InvalidArgsException", localText(t, &bad))
	if !isA[*ec2types.InvalidArgsException](err) {
		t.Errorf("not a *InvalidArgsException: %v", err)
	}

	_, err = c.SendSerialConsoleSSHPublicKey(ctx, in("i-0000000000000000f", 0, ed25519))
	wantAPIError(t, err, "EC2InstanceNotFoundException", "")
	if !isA[*ec2types.EC2InstanceNotFoundException](err) {
		t.Errorf("not a *EC2InstanceNotFoundException: %v", err)
	}

	srv.SetInstanceState(instanceID, awssdk.InstanceTerminated)
	_, err = c.SendSerialConsoleSSHPublicKey(ctx, in(instanceID, 0, ed25519))
	wantAPIError(t, err, "EC2InstanceStateInvalidException", "")
	if !isA[*ec2types.EC2InstanceStateInvalidException](err) {
		t.Errorf("not a *EC2InstanceStateInvalidException: %v", err)
	}
}

// ec2Typed holds, for every EC2 Instance Connect code, whether an error is
// the SDK's typed exception of that code.
var ec2Typed = map[string]func(error) bool{
	"AuthException":                              isA[*ec2types.AuthException],
	"EC2InstanceNotFoundException":               isA[*ec2types.EC2InstanceNotFoundException],
	"EC2InstanceStateInvalidException":           isA[*ec2types.EC2InstanceStateInvalidException],
	"EC2InstanceTypeInvalidException":            isA[*ec2types.EC2InstanceTypeInvalidException],
	"EC2InstanceUnavailableException":            isA[*ec2types.EC2InstanceUnavailableException],
	"InvalidArgsException":                       isA[*ec2types.InvalidArgsException],
	"SerialConsoleAccessDisabledException":       isA[*ec2types.SerialConsoleAccessDisabledException],
	"SerialConsoleSessionLimitExceededException": isA[*ec2types.SerialConsoleSessionLimitExceededException],
	"SerialConsoleSessionUnavailableException":   isA[*ec2types.SerialConsoleSessionUnavailableException],
	"SerialConsoleSessionUnsupportedException":   isA[*ec2types.SerialConsoleSessionUnsupportedException],
	"ServiceException":                           isA[*ec2types.ServiceException],
	"ThrottlingException":                        isA[*ec2types.ThrottlingException],
}

// ec2OpErrors lists the errors each operation's model declares
// (aws-models/ec2-instance-connect.json).
var ec2OpErrors = map[validate.Op][]string{
	validate.OpSendSSHPublicKey: {"AuthException", "EC2InstanceNotFoundException", "EC2InstanceStateInvalidException",
		"EC2InstanceUnavailableException", "InvalidArgsException", "ServiceException", "ThrottlingException"},
	validate.OpSendSerialConsoleSSHPublicKey: {"AuthException", "EC2InstanceNotFoundException", "EC2InstanceStateInvalidException",
		"EC2InstanceTypeInvalidException", "EC2InstanceUnavailableException", "InvalidArgsException",
		"SerialConsoleAccessDisabledException", "SerialConsoleSessionLimitExceededException",
		"SerialConsoleSessionUnavailableException", "SerialConsoleSessionUnsupportedException", "ServiceException",
		"ThrottlingException"},
}

// TestEC2InjectedErrors sends every error each EC2 Instance Connect operation
// declares over the wire, and checks that the SDK decodes the typed exception
// with keyvet's code, message, fault and HTTP status.
func TestEC2InjectedErrors(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddInstance(instanceID)
	srv.SetSerialConsoleAccess(true)
	c := ec2Client(ts)
	ctx := context.Background()
	n := 0
	for _, api := range keyerrors.All() {
		if api.Service() != keyerrors.ServiceEC2InstanceConnect {
			continue
		}
		n++
		typed := ec2Typed[api.ErrorCode()]
		if typed == nil {
			t.Errorf("no typed exception known for %s", api.ErrorCode())
			continue
		}
		for _, op := range []validate.Op{validate.OpSendSSHPublicKey, validate.OpSendSerialConsoleSSHPublicKey} {
			if !slices.Contains(ec2OpErrors[op], api.ErrorCode()) {
				continue
			}
			t.Run(api.ErrorCode()+"/"+op.Name(), func(t *testing.T) {
				e := api.WithMessage("injected: " + api.ErrorMessage())
				srv.InjectError(op, e)
				var err error
				if op == validate.OpSendSSHPublicKey {
					_, err = c.SendSSHPublicKey(ctx, &ec2instanceconnect.SendSSHPublicKeyInput{
						InstanceId: aws.String(instanceID), InstanceOSUser: aws.String(osUser), SSHPublicKey: aws.String(ed25519)})
				} else {
					_, err = c.SendSerialConsoleSSHPublicKey(ctx, &ec2instanceconnect.SendSerialConsoleSSHPublicKeyInput{
						InstanceId: aws.String(instanceID), SSHPublicKey: aws.String(ed25519)})
				}
				ae := wantAPIError(t, err, api.ErrorCode(), e.ErrorMessage())
				if !typed(err) {
					t.Errorf("the SDK did not decode a typed %s: %T", api.ErrorCode(), ae)
				}
				if want := awssdk.AsSmithy(api).ErrorFault(); ae.ErrorFault() != want {
					t.Errorf("ErrorFault() = %v, want %v", ae.ErrorFault(), want)
				}
				wantStatus(t, err, api.HTTPStatusCode())
			})
		}
	}
	if n != len(ec2Typed) {
		t.Errorf("the taxonomy has %d EC2 Instance Connect codes, the test knows %d", n, len(ec2Typed))
	}
}

// wantStatus checks the HTTP status of the response an SDK error came from.
func wantStatus(t *testing.T, err error, status int) {
	t.Helper()
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		t.Errorf("no HTTP response behind %v", err)
		return
	}
	if re.HTTPStatusCode() != status {
		t.Errorf("HTTP status %d, want %d", re.HTTPStatusCode(), status)
	}
}

// optional returns nil for "" (an absent member) and a pointer to s
// otherwise.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
