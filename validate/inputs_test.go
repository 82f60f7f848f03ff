package validate_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// A throwaway Ed25519 key (ssh-keygen -t ed25519 -C keyvet-test, OpenSSH 9.2; private half discarded), 80
// characters without its comment.
const ed25519Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIMZSIvWyH7BOkcq7y3shlxonWGBV1EExj2B6+6M6xmG keyvet-test"

type validator interface{ Validate() error }

type failure struct {
	field string
	rule  error
}

func TestValidateInputs(t *testing.T) {
	tests := []struct {
		name   string
		in     validator
		want   []failure // nil: valid
		api    *keyerrors.APIError
		reason string
	}{
		{"send ok", &validate.SendSSHPublicKeyInput{InstanceId: "i-abcd1234", InstanceOSUser: "ec2-user", SSHPublicKey: ed25519Key, AvailabilityZone: "us-west-2a"},
			nil, nil, "every field holds"},
		{"send no AZ", &validate.SendSSHPublicKeyInput{InstanceId: "i-abcd1234", InstanceOSUser: "ec2-user", SSHPublicKey: ed25519Key},
			nil, nil, "AvailabilityZone is optional"},
		{"send empty", &validate.SendSSHPublicKeyInput{},
			[]failure{{"InstanceId", keyerrors.ErrRequired}, {"InstanceOSUser", keyerrors.ErrRequired}, {"SSHPublicKey", keyerrors.ErrRequired}},
			keyerrors.ErrInvalidArgs, "three required members are absent; every one is reported"},
		{"send length and pattern", &validate.SendSSHPublicKeyInput{InstanceId: "i-XYZ", InstanceOSUser: "ec2-user", SSHPublicKey: ed25519Key},
			[]failure{{"InstanceId", keyerrors.ErrTooShort}, {"InstanceId", keyerrors.ErrPattern}},
			keyerrors.ErrInvalidArgs, "one member can break two constraints; AWS lists both, length first"},
		{"serial ok", &validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: "i-abcd1234", SSHPublicKey: ed25519Key},
			nil, nil, "SerialPort 0 is the default"},
		{"serial port 1", &validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: "i-abcd1234", SerialPort: 1, SSHPublicKey: ed25519Key},
			[]failure{{"SerialPort", keyerrors.ErrOutOfRange}}, keyerrors.ErrInvalidArgs, "range 0..0"},
		{"upload empty", &validate.UploadSSHPublicKeyInput{},
			[]failure{{"UserName", keyerrors.ErrRequired}, {"SSHPublicKeyBody", keyerrors.ErrRequired}},
			keyerrors.ErrValidation, "IAM answers ValidationError"},
		{"get ok", &validate.GetSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Encoding: "PEM"},
			nil, nil, "every field holds"},
		{"get bad encoding", &validate.GetSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Encoding: "DER"},
			[]failure{{"Encoding", keyerrors.ErrNotInEnum}}, keyerrors.ErrValidation, "SSH or PEM"},
		{"update ok", &validate.UpdateSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Status: "Inactive"},
			nil, nil, "every field holds"},
		{"update three", &validate.UpdateSSHPublicKeyInput{UserName: "alice smith", SSHPublicKeyId: "short", Status: "Disabled"},
			[]failure{{"UserName", keyerrors.ErrPattern}, {"SSHPublicKeyId", keyerrors.ErrTooShort}, {"Status", keyerrors.ErrNotInEnum}},
			keyerrors.ErrValidation, "three members, three failures"},
		{"delete ok", &validate.DeleteSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE"},
			nil, nil, "every field holds"},
		{"delete no id", &validate.DeleteSSHPublicKeyInput{UserName: "alice"},
			[]failure{{"SSHPublicKeyId", keyerrors.ErrRequired}}, keyerrors.ErrValidation, "the id is required"},
		{"list empty", &validate.ListSSHPublicKeysInput{}, nil, nil, "every member is optional"},
		{"list bad", &validate.ListSSHPublicKeysInput{UserName: "a b", Marker: "\t", MaxItems: 1001},
			[]failure{{"UserName", keyerrors.ErrPattern}, {"Marker", keyerrors.ErrPattern}, {"MaxItems", keyerrors.ErrOutOfRange}},
			keyerrors.ErrValidation, "every member broken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Validate()
			if tt.want == nil {
				if err != nil { // also catches a typed nil, which callers would see as an error
					t.Fatalf("Validate() = %v, want nil (%s)", err, tt.reason)
				}
				return
			}
			var re *keyerrors.RequestError
			if !errors.As(err, &re) {
				t.Fatalf("Validate() = %v (%T), want a *RequestError (%s)", err, err, tt.reason)
			}
			var got []failure
			for _, f := range re.Fields {
				got = append(got, failure{f.Field, f.Err})
				if f.Op != re.Op || f.API != tt.api {
					t.Errorf("field %s: Op %q API %v, want %q %v", f.Field, f.Op, f.API, re.Op, tt.api)
				}
				if !errors.Is(err, f.Err) {
					t.Errorf("errors.Is(err, %v) is false", f.Err)
				}
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b error) bool { return a == b }), cmp.AllowUnexported(failure{})); diff != "" {
				t.Errorf("failures (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.api) || re.API() != tt.api {
				t.Errorf("errors.Is(err, %s) = false or API() = %v", tt.api.ErrorCode(), re.API())
			}
		})
	}
}

// TestMessageGolden pins AWS's wording for one failure of each constraint
// kind, and for a request with three failures.
func TestMessageGolden(t *testing.T) {
	tests := []struct {
		name string
		in   validator
		want string
	}{
		{"null", &validate.DeleteSSHPublicKeyInput{SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE"},
			"1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null"},
		{"min length", &validate.GetSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKA", Encoding: "SSH"},
			"1 validation error detected: Value 'APKA' at 'sSHPublicKeyId' failed to satisfy constraint: Member must have length greater than or equal to 20"},
		{"max length", &validate.DeleteSSHPublicKeyInput{UserName: strings.Repeat("u.", 33)[:65], SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE"},
			"1 validation error detected: Value '" + strings.Repeat("u.", 31)[:61] + "...' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"},
		// The base64 of a PKCS#8 Ed25519 private key (of an all-zero seed)
		// pasted into the user name: 64 base64 characters in a row.
		{"key-like value omitted", &validate.SendSSHPublicKeyInput{InstanceId: "i-abcd1234", InstanceOSUser: "MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", SSHPublicKey: ed25519Key},
			"2 validation errors detected: " +
				"Value '<value omitted>' at 'instanceOSUser' failed to satisfy constraint: Member must have length less than or equal to 32; " +
				"Value '<value omitted>' at 'instanceOSUser' failed to satisfy constraint: Member must satisfy regular expression pattern: " + rule(t, validate.OpSendSSHPublicKey, "InstanceOSUser").Pattern()},
		{"private key marker omitted", &validate.GetSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Encoding: "-----END RSA PRIVATE KEY-----"},
			"1 validation error detected: Value '<value omitted>' at 'encoding' failed to satisfy constraint: Member must satisfy enum value set: [SSH, PEM]"},
		{"pattern", &validate.SendSSHPublicKeyInput{InstanceId: "mi-048afb7f6460a110d", InstanceOSUser: "ec2-user", SSHPublicKey: ed25519Key},
			"1 validation error detected: Value 'mi-048afb7f6460a110d' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^i-[a-f0-9]+$"},
		{"enum", &validate.UpdateSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Status: "on"},
			"1 validation error detected: Value 'on' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]"},
		{"max value", &validate.ListSSHPublicKeysInput{MaxItems: 1001},
			"1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"},
		{"min value", &validate.ListSSHPublicKeysInput{MaxItems: -5},
			"1 validation error detected: Value '-5' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"key withheld", &validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: "i-abcd1234", SSHPublicKey: "ssh-ed25519 AAAA"},
			"1 validation error detected: Value at 'sSHPublicKey' failed to satisfy constraint: Member must have length greater than or equal to 80"},
		{"escaped", &validate.UploadSSHPublicKeyInput{UserName: "bob\n2026-11-23 INFO forged line", SSHPublicKeyBody: modelExampleKey},
			"1 validation error detected: Value 'bob\\n2026-11-23 INFO forged line' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\w+=,.@-]+$"},
		{"three", &validate.UpdateSSHPublicKeyInput{UserName: "alice smith", SSHPublicKeyId: "short", Status: "Disabled"},
			"3 validation errors detected: " +
				"Value 'alice smith' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\w+=,.@-]+$; " +
				"Value 'short' at 'sSHPublicKeyId' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
				"Value 'Disabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]"},
	}
	for _, tt := range tests {
		err := tt.in.Validate()
		if err == nil {
			t.Errorf("%s: Validate() = nil", tt.name)
			continue
		}
		if got := err.Error(); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// TestJSONNames checks that the inputs marshal with the wire names, so a
// request body decodes straight into them.
func TestJSONNames(t *testing.T) {
	body := `{"InstanceId":"i-abcd1234","InstanceOSUser":"ec2-user","SSHPublicKey":"k","AvailabilityZone":"us-west-2a"}`
	var in validate.SendSSHPublicKeyInput
	if err := json.Unmarshal([]byte(body), &in); err != nil {
		t.Fatal(err)
	}
	want := validate.SendSSHPublicKeyInput{InstanceId: "i-abcd1234", InstanceOSUser: "ec2-user", SSHPublicKey: "k", AvailabilityZone: "us-west-2a"}
	if in != want {
		t.Fatalf("decoded %+v, want %+v", in, want)
	}
	out, err := json.Marshal(validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: "i-abcd1234", SSHPublicKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); got != `{"InstanceId":"i-abcd1234","SSHPublicKey":"k"}` {
		t.Errorf("marshalled %s: an absent SerialPort must be left out", got)
	}
}
