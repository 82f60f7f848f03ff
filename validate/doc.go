// Package validate holds the request and response structs of the AWS
// operations that carry SSH public keys, and checks a request exactly as the
// service models define it, before it is sent or when it is received.
//
// Operations covered, with their services' protocols:
//
//	EC2 Instance Connect (2018-04-02, awsJson1.1): SendSSHPublicKey, SendSerialConsoleSSHPublicKey
//	IAM (2010-05-08, awsQuery):                     UploadSSHPublicKey, GetSSHPublicKey, UpdateSSHPublicKey,
//	                                                DeleteSSHPublicKey, ListSSHPublicKeys
//
// Each input struct (SendSSHPublicKeyInput, ...) has the field names of
// aws-sdk-go-v2 and JSON names as on the wire. An empty string is an absent
// member and an int of 0 an absent integer, as the SDKs send them. Validate
// checks every member and returns nil (an untyped nil) or a
// *keyerrors.RequestError that lists every broken constraint, in member
// order, in AWS's words:
//
//	2 validation errors detected: Value 'i-XYZ' at 'instanceId' failed to satisfy constraint: Member must have length greater than or equal to 10; Value 'i-XYZ' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^i-[a-f0-9]+$
//
// Each failure is a *keyerrors.FieldError that wraps both what the member
// broke (keyerrors.ErrTooShort, ErrPattern, ...) and the code the service
// answers with, so both errors.Is(err, keyerrors.ErrPattern) and
// errors.Is(err, keyerrors.ErrInvalidArgs) hold. EC2 Instance Connect
// answers InvalidArgsException for every bad member; IAM answers
// ValidationError for a broken length, pattern, enum or range.
//
// # Rules
//
// Every member's constraint is an exported *Rule (or *IntRule for integers):
// InstanceIdRule, UserNameRule, ... A caller can check one value with
// Rule.Check and read the constraint from the rule's fields. The rules read
// the Smithy traits as AWS applies them:
//
//   - length (smithy.api#length) counts Unicode scalar values, not bytes:
//     320 × "é" is a valid Marker, 321 is not;
//   - a pattern (smithy.api#pattern, ECMA 262) must match the whole value,
//     \w and \d are ASCII, and $ is the end of the value, so a trailing
//     newline does not slip past it;
//   - invalid UTF-8 never passes: it fails the pattern, or, for a member
//     without one, the check "Member must be valid UTF-8";
//   - failures of one member are reported in the order presence, length,
//     pattern, enum, as AWS lists them.
//
// Two model patterns do not compile in Go's RE2 and are rewritten with the
// same meaning: InstanceOSUser's lookahead (?=.{2,32}$) is checked by
// Rule.MatchPattern as a length bound on the branch that carries it, and
// IAM's \u0009-style escapes are written \x{0009}. Rule.ModelPattern keeps the
// model's text, which is what messages quote; the repository's oracle tests
// run the original patterns in an ECMA 262 engine and hold the Go rules to
// them.
//
// # Keys and their values
//
// The key members (SSHPublicKey, SSHPublicKeyBody) are Sensitive: no message
// ever shows their value ("Value at 'sSHPublicKey' failed ..."). Any other
// value is shown by keyerrors.SafeValue, the rule every keyvet package uses:
// a value that looks like key material (a run of 40 or more base64
// characters, or a private key marker such as "PRIVATE KEY") is shown as
// "<value omitted>" (keyerrors.OmittedValue), so a private key pasted into
// InstanceOSUser reads
//
//	Value '<value omitted>' at 'instanceOSUser' failed to satisfy constraint: Member must have length less than or equal to 32
//
// and any other value is shown escaped and cut to 64 characters. A value
// that is no key but has that shape (a Marker of 40 base64 characters) is
// omitted too.
//
// Every exported function and method is safe for concurrent use; the rules
// are shared values that must not be modified.
package validate
