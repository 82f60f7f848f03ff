// Package validate holds the request and response structs of the AWS
// operations that carry SSH public keys, and checks a request exactly as the
// service models define it, before it is sent or when it is received.
//
// Operations covered, with their services' protocols:
//
//	EC2 Instance Connect (2018-04-02, awsJson1.1): SendSSHPublicKey, SendSerialConsoleSSHPublicKey
//	IAM (2010-05-08, awsQuery):                     UploadSSHPublicKey, GetSSHPublicKey, UpdateSSHPublicKey,
//	                                                DeleteSSHPublicKey, ListSSHPublicKeys
//	EC2 key pairs (2016-11-15, ec2 query):          ImportKeyPair, CreateKeyPair, DescribeKeyPairs, DeleteKeyPair
//	Transfer Family (2018-11-05, awsJson1.1):       ImportSshPublicKey, DeleteSshPublicKey, CreateUser,
//	                                                DescribeUser, ListUsers
//	Lightsail (2016-11-28, awsJson1.1):             ImportKeyPair, CreateKeyPair, GetKeyPair, GetKeyPairs,
//	                                                DeleteKeyPair
//
// The next round's names carry their service (EC2ImportKeyPairInput,
// TransferImportSshPublicKeyInput, LightsailImportKeyPairInput,
// OpEC2ImportKeyPair, ...). Transfer Family lists every broken member in
// the frame below (ValidationException), and answers a body that passes its
// pattern but is no key it takes with InvalidRequestException. EC2 and
// Lightsail answer one failure per request, the first: EC2 in its own words
// ("The request must contain the parameter KeyName", "Value (VALUE) for
// parameter PARAM is invalid. REASON", InvalidKey.Format's "Key is not in
// valid OpenSSH public key format"), Lightsail with InvalidInputException
// in the one-member frame. EC2's PublicKeyMaterial is the SDK's []byte: the
// decoded key text, which may be an OpenSSH line, RFC 4716 or, for RSA,
// base64 DER (sshkey.FormatDER); Lightsail's PublicKeyBase64 is, despite
// its name, the raw OpenSSH line.
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
// The frame ("2 validation errors detected: ", "Value '...' at 'instanceId'
// failed to satisfy constraint: ") and the constraints of the model
// ("Member must have length ...", "Member must satisfy regular expression
// pattern: ...", "Member must satisfy enum value set: [...]", "Member must
// have value ...", "Member must not be null") are AWS's words. A refused key
// is keyvet's: AWS answers it with its own code and message, and keyvet
// states the service's key policy in the same frame, with the reason after
// it:
//
//	Value at 'sSHPublicKeyBody' failed to satisfy constraint: Member must be an ssh-rsa key of at least 2048 bits, as an authorized_keys line or in PEM encoding (sshkey: a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa)
//
// "Member must be valid UTF-8", for a member without a pattern, is
// keyvet's too. keyerrors.Reason gives the sentence to show a person
// without the frame.
//
// # Operations and rules
//
// An Op names an operation (OpSendSSHPublicKey, ...); its String form is
// "service:Operation" (ec2-instance-connect:SendSSHPublicKey), ParseOp reads
// it back, and Ops lists them all. Every member's constraint is a Rule (an
// IntRule for integers), looked up by operation and member:
//
//	r, _ := validate.RuleFor(validate.OpSendSSHPublicKey, "InstanceId")
//	r.MinLen(), r.MaxLen(), r.Pattern() // 10, 32, "^i-[a-f0-9]+$"
//	r.Check("i-XYZ")                    // a *keyerrors.FieldError: length
//
// A rule describes itself through methods (Member, Required, MinLen, MaxLen,
// Pattern, Regexp, Enum, Sensitive, API) and cannot be changed: RuleFor
// returns a copy of a value nobody writes, and so do Rules, IntRuleFor and
// OutputRuleFor. The key policies are read-only the same way:
// EC2InstanceConnectKeyPolicy, IAMKeyPolicy, EC2ImportKeyPolicy,
// TransferKeyPolicy and LightsailKeyPolicy return copies. The rules read
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
// Each rule has one decision path: a matcher written for its pattern reads
// the value once and decides acceptance and failure alike. Rule.Regexp is
// the same pattern compiled by RE2, for callers who want a regexp; the tests
// hold every matcher to it, and both to the model's pattern run in an ECMA
// 262 engine. Two model patterns do not compile in RE2 and are rewritten
// with the same meaning: InstanceOSUser's lookahead (?=.{2,32}$) becomes an
// alternation over the number of leading digits, and IAM's \u0009-style
// escapes are written \x{0009}. Rule.Pattern keeps the model's text, which
// is what messages quote.
//
// # A key alone
//
// CheckKey asks whether an operation would take a key, without inventing
// the request's other members: the key member's rules and the service's key
// policy, with the error Validate gives for that member.
//
//	_, err := validate.CheckKey(validate.OpUploadSSHPublicKey, line)
//
// CheckParsedKey does the same for a key already parsed (from a file of
// keys, say), as CheckKey of its authorized_keys line. Op.TakesKey tells the
// operations that carry a key.
//
// # Cost
//
// A valid member costs one pass of its matcher over its bytes and no
// allocation. A refused member costs at most three linear passes (the
// matcher, which stops at the first byte outside the pattern, then UTF-8
// validity and the length in scalar values) and one FieldError per broken
// constraint. AWS lists every broken constraint, so an over-long member is
// still checked against its pattern, in that same linear pass: a 4 MiB
// SSHPublicKeyBody is refused for its length (and, if some byte is outside
// the class, its pattern) in about a millisecond. A key member's key is
// only read when the member's length holds.
//
// # Keys and their values
//
// The key members (SSHPublicKey, SSHPublicKeyBody) are Sensitive: no message
// ever shows their value ("Value at 'sSHPublicKey' failed ..."). Any other
// value is shown by keyerrors.SafeValue, the rule every keyvet package uses:
// a value that looks like key material (a run of 40 or more base64
// characters that mixes upper case, lower case and digits or "+" and "/",
// or a private key marker such as "PRIVATE KEY") is shown as
// "<value omitted>" (keyerrors.OmittedValue), so a private key pasted into
// InstanceOSUser reads
//
//	Value '<value omitted>' at 'instanceOSUser' failed to satisfy constraint: Member must have length less than or equal to 32
//
// a value that holds a NUL byte or is not valid UTF-8 is described by its
// length only ("<binary data, 121 bytes>", keyerrors.BinaryValue); and any
// other value is shown escaped and cut to 64 characters. A value that is no
// key but has that shape (a Marker of 40 base64 characters of mixed case)
// is omitted too.
//
// Every exported function and method is safe for concurrent use. The
// package holds no state a caller can change.
package validate
