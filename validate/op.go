package validate

import (
	"errors"
	"strconv"
	"strings"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Op names one AWS operation that keyvet covers. Its String form is the
// service's endpoint prefix and the operation's name, as IAM policies write
// the action:
//
//	ec2-instance-connect:SendSSHPublicKey
//	iam:UploadSSHPublicKey
//	ec2:ImportKeyPair
//	transfer:ImportSshPublicKey
//	lightsail:ImportKeyPair
//
// The zero Op is no operation; ParseOp never returns it.
type Op uint8

// The operations keyvet covers, in the order Ops lists them: EC2 Instance
// Connect's, IAM's, EC2's key pair operations, Transfer Family's and
// Lightsail's. The first two services' names are bare; the others carry
// their service, since EC2 and Lightsail share operation names.
const (
	OpSendSSHPublicKey Op = iota + 1
	OpSendSerialConsoleSSHPublicKey
	OpUploadSSHPublicKey
	OpGetSSHPublicKey
	OpUpdateSSHPublicKey
	OpDeleteSSHPublicKey
	OpListSSHPublicKeys
	OpEC2ImportKeyPair
	OpEC2CreateKeyPair
	OpEC2DescribeKeyPairs
	OpEC2DeleteKeyPair
	OpTransferImportSshPublicKey
	OpTransferDeleteSshPublicKey
	OpTransferCreateUser
	OpTransferDescribeUser
	OpTransferListUsers
	OpLightsailImportKeyPair
	OpLightsailCreateKeyPair
	OpLightsailGetKeyPair
	OpLightsailGetKeyPairs
	OpLightsailDeleteKeyPair
	opEnd // one past the last Op
)

// ops is the table of operations: their service, their name and their
// members' rules, in the model's member order. Index 0 is the zero Op.
var ops = [opEnd]struct {
	service, name string
	rules         []*Rule
	intRules      []*IntRule
	key           *keyMember // the key member, nil for an operation that carries none
}{
	OpSendSSHPublicKey: {keyerrors.ServiceEC2InstanceConnect, "SendSSHPublicKey",
		[]*Rule{&instanceIdRule, &instanceOSUserRule, &sshPublicKeyRule, &availabilityZoneRule}, nil, &ec2KeyMember},
	OpSendSerialConsoleSSHPublicKey: {keyerrors.ServiceEC2InstanceConnect, "SendSerialConsoleSSHPublicKey",
		[]*Rule{&instanceIdRule, &sshPublicKeyRule}, []*IntRule{&serialPortRule}, &ec2KeyMember},
	OpUploadSSHPublicKey: {keyerrors.ServiceIAM, "UploadSSHPublicKey",
		[]*Rule{&userNameRule, &sshPublicKeyBodyRule}, nil, &iamKeyMember},
	OpGetSSHPublicKey: {keyerrors.ServiceIAM, "GetSSHPublicKey",
		[]*Rule{&userNameRule, &sshPublicKeyIdRule, &encodingRule}, nil, nil},
	OpUpdateSSHPublicKey: {keyerrors.ServiceIAM, "UpdateSSHPublicKey",
		[]*Rule{&userNameRule, &sshPublicKeyIdRule, &statusRule}, nil, nil},
	OpDeleteSSHPublicKey: {keyerrors.ServiceIAM, "DeleteSSHPublicKey",
		[]*Rule{&userNameRule, &sshPublicKeyIdRule}, nil, nil},
	OpListSSHPublicKeys: {keyerrors.ServiceIAM, "ListSSHPublicKeys",
		[]*Rule{&listUserNameRule, &markerRule}, []*IntRule{&maxItemsRule}, nil},

	OpEC2ImportKeyPair: {keyerrors.ServiceEC2, "ImportKeyPair",
		[]*Rule{&ec2KeyNameRule, &ec2PublicKeyMaterialRule}, nil, &ec2ImportKeyMember},
	OpEC2CreateKeyPair: {keyerrors.ServiceEC2, "CreateKeyPair",
		[]*Rule{&ec2KeyNameRule, &ec2KeyTypeRule, &ec2KeyFormatRule}, nil, nil},
	OpEC2DescribeKeyPairs: {keyerrors.ServiceEC2, "DescribeKeyPairs",
		[]*Rule{&ec2OptionalKeyNameRule, &ec2KeyPairIdRule, &ec2FilterNameRule}, nil, nil},
	OpEC2DeleteKeyPair: {keyerrors.ServiceEC2, "DeleteKeyPair",
		[]*Rule{&ec2OptionalKeyNameRule, &ec2KeyPairIdRule}, nil, nil},

	OpTransferImportSshPublicKey: {keyerrors.ServiceTransfer, "ImportSshPublicKey",
		[]*Rule{&transferServerIdRule, &transferKeyBodyRule, &transferUserNameRule}, nil, &transferKeyMember},
	OpTransferDeleteSshPublicKey: {keyerrors.ServiceTransfer, "DeleteSshPublicKey",
		[]*Rule{&transferServerIdRule, &transferKeyIdRule, &transferUserNameRule}, nil, nil},
	OpTransferCreateUser: {keyerrors.ServiceTransfer, "CreateUser",
		[]*Rule{&transferRoleRule, &transferServerIdRule, &transferOptionalKeyBodyRule, &transferUserNameRule}, nil, &transferCreateUserKeyMember},
	OpTransferDescribeUser: {keyerrors.ServiceTransfer, "DescribeUser",
		[]*Rule{&transferServerIdRule, &transferUserNameRule}, nil, nil},
	OpTransferListUsers: {keyerrors.ServiceTransfer, "ListUsers",
		[]*Rule{&transferServerIdRule}, nil, nil},

	OpLightsailImportKeyPair: {keyerrors.ServiceLightsail, "ImportKeyPair",
		[]*Rule{&lightsailKeyPairNameRule, &lightsailPublicKeyRule}, nil, &lightsailKeyMember},
	OpLightsailCreateKeyPair: {keyerrors.ServiceLightsail, "CreateKeyPair",
		[]*Rule{&lightsailKeyPairNameRule}, nil, nil},
	OpLightsailGetKeyPair: {keyerrors.ServiceLightsail, "GetKeyPair",
		[]*Rule{&lightsailKeyPairNameRule}, nil, nil},
	OpLightsailGetKeyPairs: {keyerrors.ServiceLightsail, "GetKeyPairs", nil, nil, nil},
	OpLightsailDeleteKeyPair: {keyerrors.ServiceLightsail, "DeleteKeyPair",
		[]*Rule{&lightsailKeyPairNameRule}, nil, nil},
}

// Ops returns every operation keyvet covers, in the order of the constants.
// The slice is new on every call.
func Ops() []Op {
	s := make([]Op, 0, opEnd-1)
	for op := Op(1); op < opEnd; op++ {
		s = append(s, op)
	}
	return s
}

func (op Op) valid() bool { return op > 0 && op < opEnd }

// Name returns the operation's name as the model, the X-Amz-Target header
// and the awsQuery Action write it ("SendSSHPublicKey"), the Op of the errors
// Validate returns. It returns "" for an Op that is not one of the
// constants.
func (op Op) Name() string {
	if !op.valid() {
		return ""
	}
	return ops[op].name
}

// Service returns the service's endpoint prefix (keyerrors.ServiceIAM,
// keyerrors.ServiceEC2InstanceConnect, keyerrors.ServiceEC2,
// keyerrors.ServiceTransfer or keyerrors.ServiceLightsail), or "" for an Op
// that is not one of the constants.
func (op Op) Service() string {
	if !op.valid() {
		return ""
	}
	return ops[op].service
}

// String returns "service:Operation" ("iam:UploadSSHPublicKey"), or
// "Op(N)" for an Op that is not one of the constants.
func (op Op) String() string {
	if !op.valid() {
		return "Op(" + strconv.Itoa(int(op)) + ")"
	}
	return ops[op].service + ":" + ops[op].name
}

// MarshalText returns String's form. It fails for an Op that is not one of
// the constants.
func (op Op) MarshalText() ([]byte, error) {
	if !op.valid() {
		return nil, errors.New("validate: " + op.String() + " is no operation")
	}
	return []byte(op.String()), nil
}

// UnmarshalText reads what ParseOp reads.
func (op *Op) UnmarshalText(text []byte) error {
	o, err := ParseOp(string(text))
	if err != nil {
		return err
	}
	*op = o
	return nil
}

// ParseOp returns the operation that s names: its String form
// ("ec2-instance-connect:SendSSHPublicKey"), or its bare name
// ("SendSSHPublicKey") where one service alone has an operation of that
// name. Names are matched exactly, as AWS writes them. EC2 and Lightsail
// both have ImportKeyPair, CreateKeyPair and DeleteKeyPair, so those need
// their service ("ec2:ImportKeyPair"); IAM's DeleteSSHPublicKey and
// Transfer's DeleteSshPublicKey differ in case, and each is unique.
func ParseOp(s string) (Op, error) {
	service, name, qualified := strings.Cut(s, ":")
	if !qualified {
		name, service = service, ""
	}
	found := Op(0)
	for op := Op(1); op < opEnd; op++ {
		if ops[op].name != name || (qualified && ops[op].service != service) {
			continue
		}
		if found != 0 {
			return 0, errors.New("validate: operation " + keyerrors.SafeValue(s) +
				" is ambiguous: write " + found.String() + " or " + op.String())
		}
		found = op
	}
	if found == 0 {
		return 0, errors.New("validate: no operation " + keyerrors.SafeValue(s) +
			" (the operations are listed by validate.Ops, as service:Operation)")
	}
	return found, nil
}

// TakesKey reports whether op carries an SSH public key, which CheckKey can
// then vet on its own.
func (op Op) TakesKey() bool { return op.valid() && ops[op].key != nil }

// RuleFor returns the rule of the string member named member (as the model
// and the SDKs write it: "InstanceId") of op's input. It reports false when
// op has no such string member; IntRuleFor looks up integer members. The
// Rule is a copy: nothing a caller does to it changes the rule Validate
// applies.
func RuleFor(op Op, member string) (Rule, bool) {
	if !op.valid() {
		return Rule{}, false
	}
	return find(ops[op].rules, member, func(r *Rule) string { return r.member })
}

// IntRuleFor returns the rule of the integer member named member of op's
// input ("MaxItems" of OpListSSHPublicKeys), or false.
func IntRuleFor(op Op, member string) (IntRule, bool) {
	if !op.valid() {
		return IntRule{}, false
	}
	return find(ops[op].intRules, member, func(r *IntRule) string { return r.member })
}

// find returns a copy of the rule of rules whose member is named member.
func find[R any](rules []*R, member string, name func(*R) string) (R, bool) {
	for _, r := range rules {
		if name(r) == member {
			return *r, true
		}
	}
	var zero R
	return zero, false
}

// Rules returns the rules of op's string members, in the model's member
// order, or nil for an Op that is not one of the constants. The slice and
// the rules in it are copies.
func Rules(op Op) []Rule {
	if !op.valid() {
		return nil
	}
	s := make([]Rule, len(ops[op].rules))
	for i, r := range ops[op].rules {
		s[i] = *r
	}
	return s
}

// IntRules returns the rules of op's integer members, or nil when it has
// none.
func IntRules(op Op) []IntRule {
	if !op.valid() || len(ops[op].intRules) == 0 {
		return nil
	}
	s := make([]IntRule, len(ops[op].intRules))
	for i, r := range ops[op].intRules {
		s[i] = *r
	}
	return s
}

// outputs is the table of the output structures' rules, looked up by
// OutputRuleFor.
var outputs = []struct {
	structure string
	rules     []*Rule
}{
	{"SSHPublicKey", []*Rule{&userNameRule, &sshPublicKeyIdRule, &fingerprintRule, &sshPublicKeyBodyRule, &statusRule}},
	{"SSHPublicKeyMetadata", []*Rule{&userNameRule, &sshPublicKeyIdRule, &statusRule}},
}

// OutputRuleFor returns the rule of a string member of an output structure
// of the models, as the structure's Validate method applies it:
// OutputRuleFor("SSHPublicKey", "Fingerprint"). The structures are IAM's
// SSHPublicKey and SSHPublicKeyMetadata. It reports false for any other
// structure or member.
func OutputRuleFor(structure, member string) (Rule, bool) {
	for _, o := range outputs {
		if o.structure == structure {
			return find(o.rules, member, func(r *Rule) string { return r.member })
		}
	}
	return Rule{}, false
}
