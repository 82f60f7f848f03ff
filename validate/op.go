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
//
// The zero Op is no operation; ParseOp never returns it.
type Op uint8

// The operations keyvet covers, EC2 Instance Connect's first, then IAM's, in
// the order Ops lists them.
const (
	OpSendSSHPublicKey Op = iota + 1
	OpSendSerialConsoleSSHPublicKey
	OpUploadSSHPublicKey
	OpGetSSHPublicKey
	OpUpdateSSHPublicKey
	OpDeleteSSHPublicKey
	OpListSSHPublicKeys
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

// Service returns the service's endpoint prefix, keyerrors.ServiceIAM or
// keyerrors.ServiceEC2InstanceConnect, or "" for an Op that is not one of
// the constants.
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
// name. Names are matched exactly, as AWS writes them.
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
