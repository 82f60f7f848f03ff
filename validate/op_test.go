package validate_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

func TestOps(t *testing.T) {
	tests := []struct {
		op            validate.Op
		service, name string
	}{
		{validate.OpSendSSHPublicKey, keyerrors.ServiceEC2InstanceConnect, "SendSSHPublicKey"},
		{validate.OpSendSerialConsoleSSHPublicKey, keyerrors.ServiceEC2InstanceConnect, "SendSerialConsoleSSHPublicKey"},
		{validate.OpUploadSSHPublicKey, keyerrors.ServiceIAM, "UploadSSHPublicKey"},
		{validate.OpGetSSHPublicKey, keyerrors.ServiceIAM, "GetSSHPublicKey"},
		{validate.OpUpdateSSHPublicKey, keyerrors.ServiceIAM, "UpdateSSHPublicKey"},
		{validate.OpDeleteSSHPublicKey, keyerrors.ServiceIAM, "DeleteSSHPublicKey"},
		{validate.OpListSSHPublicKeys, keyerrors.ServiceIAM, "ListSSHPublicKeys"},
		{validate.OpEC2ImportKeyPair, keyerrors.ServiceEC2, "ImportKeyPair"},
		{validate.OpEC2CreateKeyPair, keyerrors.ServiceEC2, "CreateKeyPair"},
		{validate.OpEC2DescribeKeyPairs, keyerrors.ServiceEC2, "DescribeKeyPairs"},
		{validate.OpEC2DeleteKeyPair, keyerrors.ServiceEC2, "DeleteKeyPair"},
		{validate.OpTransferImportSshPublicKey, keyerrors.ServiceTransfer, "ImportSshPublicKey"},
		{validate.OpTransferDeleteSshPublicKey, keyerrors.ServiceTransfer, "DeleteSshPublicKey"},
		{validate.OpTransferCreateUser, keyerrors.ServiceTransfer, "CreateUser"},
		{validate.OpTransferDescribeUser, keyerrors.ServiceTransfer, "DescribeUser"},
		{validate.OpTransferListUsers, keyerrors.ServiceTransfer, "ListUsers"},
		{validate.OpLightsailImportKeyPair, keyerrors.ServiceLightsail, "ImportKeyPair"},
		{validate.OpLightsailCreateKeyPair, keyerrors.ServiceLightsail, "CreateKeyPair"},
		{validate.OpLightsailGetKeyPair, keyerrors.ServiceLightsail, "GetKeyPair"},
		{validate.OpLightsailGetKeyPairs, keyerrors.ServiceLightsail, "GetKeyPairs"},
		{validate.OpLightsailDeleteKeyPair, keyerrors.ServiceLightsail, "DeleteKeyPair"},
	}
	// EC2 and Lightsail share these names: the bare name is ambiguous.
	shared := map[string]bool{"ImportKeyPair": true, "CreateKeyPair": true, "DeleteKeyPair": true}
	if got := validate.Ops(); len(got) != len(tests) {
		t.Fatalf("Ops() = %v, want the %d operations of this table", got, len(tests))
	}
	for i, tt := range tests {
		if got := validate.Ops()[i]; got != tt.op {
			t.Errorf("Ops()[%d] = %v, want %v", i, got, tt.op)
		}
		if tt.op.Service() != tt.service || tt.op.Name() != tt.name || tt.op.String() != tt.service+":"+tt.name {
			t.Errorf("%d: Service %q, Name %q, String %q", tt.op, tt.op.Service(), tt.op.Name(), tt.op.String())
		}
		if shared[tt.name] {
			if op, err := validate.ParseOp(tt.name); err == nil {
				t.Errorf("ParseOp(%q) = %v, want an error: EC2 and Lightsail both have it", tt.name, op)
			}
		}
		for _, s := range []string{tt.service + ":" + tt.name, tt.name} {
			if shared[s] {
				continue
			}
			if op, err := validate.ParseOp(s); op != tt.op || err != nil {
				t.Errorf("ParseOp(%q) = %v, %v, want %v", s, op, err, tt.op)
			}
		}
		b, err := json.Marshal(tt.op)
		var back validate.Op
		if err != nil || string(b) != `"`+tt.op.String()+`"` || json.Unmarshal(b, &back) != nil || back != tt.op {
			t.Errorf("%v: JSON %s, %v, back %v", tt.op, b, err, back)
		}
	}
}

func TestParseOpRefuses(t *testing.T) {
	tests := []struct {
		in, reason string
	}{
		{"", "no name"},
		{"iam:", "a service without an operation"},
		{"iam:SendSSHPublicKey", "SendSSHPublicKey is EC2 Instance Connect's"},
		{"ec2:SendSSHPublicKey", "the service is ec2-instance-connect, not ec2"},
		{"sendsshpublickey", "names are matched exactly, as AWS writes them"},
		{"UploadSSHPublicKey ", "no trimming"},
		{"-----BEGIN OPENSSH PRIVATE KEY-----", "never repeated in the error"},
	}
	for _, tt := range tests {
		op, err := validate.ParseOp(tt.in)
		if err == nil || op != 0 {
			t.Errorf("ParseOp(%q) = %v, %v, want an error (%s)", tt.in, op, err, tt.reason)
			continue
		}
		if strings.Contains(tt.in, "PRIVATE KEY") && strings.Contains(err.Error(), "PRIVATE KEY") {
			t.Errorf("ParseOp's error repeats a private key marker: %v", err)
		}
	}
	var zero validate.Op
	if zero.String() != "Op(0)" || zero.Name() != "" || zero.Service() != "" {
		t.Errorf("the zero Op: String %q, Name %q, Service %q", zero.String(), zero.Name(), zero.Service())
	}
	if _, err := zero.MarshalText(); err == nil {
		t.Error("the zero Op marshals")
	}
	if r, ok := validate.RuleFor(zero, "InstanceId"); ok || r.Member() != "" {
		t.Errorf("RuleFor(0, InstanceId) = %v, %v", r.Member(), ok)
	}
	if validate.Rules(zero) != nil || validate.IntRules(zero) != nil {
		t.Error("Rules or IntRules of the zero Op is not nil")
	}
}

// TestRulesAreWhatValidateApplies holds the lookup table (RuleFor, Rules,
// IntRuleFor) to the Validate methods: every field of every input struct
// has exactly one rule, in the struct's order, and a bad value in that
// field makes Validate fail with the failures the rule's Check gives. The
// struct fields are found by reflection, so a member added to a struct but
// not to the table fails here.
func TestRulesAreWhatValidateApplies(t *testing.T) {
	for _, v := range validInputs {
		t.Run(v.op.Name(), func(t *testing.T) {
			val := reflect.ValueOf(v.in).Elem()
			var members []string
			for i := range val.NumField() {
				members = append(members, val.Type().Field(i).Name)
			}
			var ruled []string
			for _, r := range validate.Rules(v.op) {
				ruled = append(ruled, r.Member())
			}
			for _, r := range validate.IntRules(v.op) {
				ruled = append(ruled, r.Member())
			}
			if strings.Join(sortedCopy(members), ",") != strings.Join(sortedCopy(ruled), ",") {
				t.Fatalf("the struct's members are %v, the rules' %v", members, ruled)
			}
			for i, name := range members {
				f := val.Field(i)
				orig := reflect.ValueOf(f.Interface())
				switch f.Kind() {
				case reflect.String:
					r := rule(t, v.op, name)
					for _, bad := range []string{"\x00", strings.Repeat("a", r.MaxLen()+1), "a\xff"} {
						want := r.Check(bad)
						if want == nil {
							continue // a value this rule takes
						}
						f.SetString(bad)
						err := v.in.Validate()
						f.Set(orig)
						var re *keyerrors.RequestError
						if !errors.As(err, &re) || re.Fields[0].Field != name {
							t.Errorf("%s = %q: Validate = %.200v, want the member's failure", name, bad, err)
							continue
						}
						if got := re.Fields[0]; got.Constraint != want.(*keyerrors.FieldError).Constraint || got.Op != v.op.Name() {
							t.Errorf("%s = %q: Validate says %q (Op %q), Check %q", name, bad, got.Constraint, got.Op, want.(*keyerrors.FieldError).Constraint)
						}
					}
				case reflect.Int:
					r, ok := validate.IntRuleFor(v.op, name)
					if !ok {
						t.Fatalf("no IntRuleFor(%v, %s)", v.op, name)
					}
					f.SetInt(int64(r.Max() + 1))
					err := v.in.Validate()
					f.Set(orig)
					if want := r.Check(r.Max() + 1); err == nil || want == nil || !strings.Contains(err.Error(), want.Error()) {
						t.Errorf("%s = %d: Validate = %v, Check = %v", name, r.Max()+1, err, want)
					}
				default:
					t.Fatalf("member %s of kind %s", name, f.Kind())
				}
			}
		})
	}
}

func sortedCopy(s []string) []string { return slices.Sorted(slices.Values(s)) }
