package errors

import (
	stderrors "errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rule sentinels: which constraint of the Smithy model a field broke. A
// [*FieldError] carries one in Err, with the constraint in AWS's words in
// Constraint (or keyvet's "Member must be valid UTF-8" for ErrPattern, when
// the member has no pattern).
var (
	// ErrRequired: a required member is absent (smithy.api#required).
	// AWS says "Member must not be null".
	ErrRequired = stderrors.New("required member is missing")
	// ErrTooShort: fewer Unicode scalar values than the length trait's min.
	ErrTooShort = stderrors.New("value is too short")
	// ErrTooLong: more Unicode scalar values than the length trait's max.
	ErrTooLong = stderrors.New("value is too long")
	// ErrPattern: the value does not match the pattern trait, or is not
	// valid UTF-8.
	ErrPattern = stderrors.New("value does not match the pattern")
	// ErrNotInEnum: the value is not one of the enum's values.
	ErrNotInEnum = stderrors.New("value is not in the enum")
	// ErrOutOfRange: an integer outside the range trait.
	ErrOutOfRange = stderrors.New("value is out of range")
)

// Key sentinels: what is wrong with an SSH public key or a fingerprint.
// Package sshkey returns them wrapped with detail; errors.Is finds them.
var (
	// ErrMalformedKey: the key could not be decoded (bad base64, a
	// truncated or corrupt blob, trailing data, authorized_keys options).
	ErrMalformedKey = stderrors.New("malformed SSH public key")
	// ErrUnsupportedEncoding: the text is in no encoding keyvet reads, or
	// in one the policy does not allow (an X.509 certificate, an RFC 4716
	// file where IAM wants authorized_keys or PEM).
	ErrUnsupportedEncoding = stderrors.New("unsupported SSH public key encoding")
	// ErrUnsupportedKeyType: the key's type is unknown, or not one the
	// policy allows.
	ErrUnsupportedKeyType = stderrors.New("unsupported SSH public key type")
	// ErrKeyTooSmall: an RSA modulus shorter than the policy's minimum.
	ErrKeyTooSmall = stderrors.New("SSH public key is too small")
	// ErrKeyTooLarge: an RSA modulus longer than the policy's maximum or
	// than x/crypto accepts.
	ErrKeyTooLarge = stderrors.New("SSH public key is too large")
	// ErrWeakKey: an RSA key with a weak public exponent.
	ErrWeakKey = stderrors.New("SSH public key is weak")
	// ErrPrivateKey: the text is a private key. Nothing of it is ever
	// repeated in an error.
	ErrPrivateKey = stderrors.New("private key given where a public key belongs")
	// ErrCertificate: an OpenSSH certificate (*-cert-v01@openssh.com)
	// where a plain key belongs: a policy that does not name the
	// certificate type refuses it (sshkey.Policy, every AWS policy).
	ErrCertificate = stderrors.New("SSH certificate given where a plain public key belongs")
	// ErrKeyTypeMismatch: an authorized_keys line whose type label differs
	// from the type inside its blob.
	ErrKeyTypeMismatch = stderrors.New("key type label does not match the key")
	// ErrMultipleKeys: more than one key where one belongs.
	ErrMultipleKeys = stderrors.New("more than one SSH public key")
	// ErrMalformedFingerprint: a fingerprint string in no form that
	// ssh-keygen prints.
	ErrMalformedFingerprint = stderrors.New("malformed SSH key fingerprint")
)

// FieldError reports that one member of one request failed a rule or held a
// bad key. Unwrap returns Err and API, so errors.Is matches both the rule or
// key sentinel and the service's code:
//
//	var fe *keyerrors.FieldError
//	if errors.As(err, &fe) && fe.Field == "InstanceId" { ... }
//
// Its Error text (but for EC2's key pair operations, which have no frame:
// see appendEC2 and RequestError.Error) is in the frame of AWS's
// validation messages:
//
//	Value 'i-XYZ' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^i-[a-f0-9]+$
//
// with "Value null at" for a missing member and "Value at" for a Sensitive
// one, as AWS writes them, and keyvet's "Value '<value omitted>' at" for a
// value that looks like key material (see SafeValue). The frame and the
// constraint of a rule failure are AWS's words; the constraint of a refused
// key is keyvet's ("Member must be an ssh-rsa key of at least 2048 bits, ...
// (sshkey: ...)"): AWS never says it, since a service answers a bad key with
// a code and message of its own, such as IAM's InvalidPublicKey. See the
// package doc's Messages section. [FieldError.Reason] gives the sentence to
// show a person, without the frame.
type FieldError struct {
	// Op is the operation: "SendSSHPublicKey", "UploadSSHPublicKey", ...
	Op string
	// Field is the member name as the model and the SDKs write it:
	// "InstanceId", "SSHPublicKeyBody".
	Field string
	// Value is the offending value as the message shows it, made by
	// SafeValue: escaped and at most 64 characters, OmittedValue
	// ("<value omitted>") when the value looks like key material, or
	// BinaryValue ("<binary data, 121 bytes>") when it is binary. It is
	// empty when Sensitive is set or the member is missing.
	Value string
	// Sensitive reports that the value is key material, so the message
	// leaves it out ("Value at 'sSHPublicKey' ...").
	Sensitive bool
	// Constraint is what the member must satisfy. For a rule failure it
	// is in AWS's words: "Member must have length less than or equal to
	// 64". For a refused key it is keyvet's, in the same form, with the
	// key error's text in parentheses: "Member must be an ssh-rsa key of
	// at least 2048 bits, as an authorized_keys line or in PEM encoding
	// (sshkey: ...)". When it is empty, Error uses Err's text.
	Constraint string
	// Err is a rule sentinel (ErrPattern, ...) or a key sentinel, maybe
	// wrapped with detail.
	Err error
	// API is the error code the service answers with: ErrInvalidArgs for
	// EC2 Instance Connect; ErrValidation, ErrInvalidPublicKey or
	// ErrUnrecognizedPublicKeyEncoding for IAM.
	API *APIError
}

var (
	_ error                         = (*FieldError)(nil)
	_ interface{ Unwrap() []error } = (*FieldError)(nil)
)

// Error returns the text for the failure in AWS's frame, with the member
// name's first letter lower-cased as AWS writes member paths.
func (e *FieldError) Error() string {
	var b strings.Builder
	e.appendTo(&b)
	return b.String()
}

func (e *FieldError) appendTo(b *strings.Builder) {
	if e.API != nil && e.API.Service() == ServiceEC2 {
		e.appendEC2(b)
		return
	}
	switch {
	case e.Err != nil && stderrors.Is(e.Err, ErrRequired):
		b.WriteString("Value null at '")
	case e.Sensitive:
		b.WriteString("Value at '")
	default:
		b.WriteString("Value '")
		b.WriteString(e.Value)
		b.WriteString("' at '")
	}
	b.WriteString(MemberPath(e.Field))
	b.WriteString("' failed to satisfy constraint: ")
	switch {
	case e.Constraint != "":
		b.WriteString(e.Constraint)
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	default:
		b.WriteString("unknown constraint")
	}
}

// appendEC2 writes the failure as EC2 words it: EC2 has no Smithy
// validation frame. An absent member is "The request must contain the
// parameter KeyName"; a refused key is the code's own message ("Key is not
// in valid OpenSSH public key format"); a bad value is "Value (VALUE) for
// parameter PARAM is invalid. REASON", VALUE as SafeValue shows it (empty
// for a Sensitive member) and REASON the constraint without its leading
// "Member " ("Must have length less than or equal to 255").
func (e *FieldError) appendEC2(b *strings.Builder) {
	switch {
	case e.Err != nil && stderrors.Is(e.Err, ErrRequired):
		b.WriteString("The request must contain the parameter ")
		b.WriteString(e.Field)
		return
	case e.Err != nil && !isRuleError(e.Err):
		b.WriteString(e.API.ErrorMessage())
		return
	}
	b.WriteString("Value (")
	if !e.Sensitive {
		b.WriteString(e.Value)
	}
	b.WriteString(") for parameter ")
	b.WriteString(e.Field)
	b.WriteString(" is invalid.")
	c := e.Constraint
	if c == "" && e.Err != nil {
		c = e.Err.Error()
	}
	if rest, ok := strings.CutPrefix(c, "Member "); ok && rest != "" {
		c = strings.ToUpper(rest[:1]) + rest[1:]
	}
	if c != "" {
		b.WriteByte(' ')
		b.WriteString(c)
	}
}

// Reason returns the sentence to show a person for the failure, without
// AWS's frame ("Value '...' at 'member' failed to satisfy constraint: ").
//
// For a rule failure (Err is or wraps ErrRequired, ErrTooShort, ErrTooLong,
// ErrPattern, ErrNotInEnum or ErrOutOfRange) it is the constraint with its
// leading "Member" replaced by Field:
//
//	InstanceId must have length greater than or equal to 10
//	UserName must not be null
//
// A constraint that does not start with "Member " follows Field and ": ";
// without a constraint, Err's text stands in for it ("Status: value is not
// in the enum"), and without Err either, "unknown constraint". Without
// Field, the constraint stands alone.
//
// For a key failure (any other Err) it is Field, a colon and Err's text,
// with a leading package prefix "sshkey: " or "fingerprint: " removed:
//
//	SSHPublicKeyBody: a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa
//
// Constraint is not read for a key failure: the reason is the same whatever
// words a caller put there (package validate puts its own key constraint and
// Err's text in parentheses).
//
// Reason reads only Field, Constraint and Err's text, never Value, so it
// shows no value at all. Neither Constraint nor the text of an error keyvet
// makes ever holds key material, so the reason of a keyvet error holds none;
// a caller who builds a FieldError around an error of its own answers for
// that error's text. The words may change between versions, as Error's may:
// match with errors.Is and errors.As, not on the reason.
func (e *FieldError) Reason() string {
	var b strings.Builder
	e.appendReason(&b)
	return b.String()
}

func (e *FieldError) appendReason(b *strings.Builder) {
	if e.Err != nil && !isRuleError(e.Err) {
		if e.Field != "" {
			b.WriteString(e.Field)
			b.WriteString(": ")
		}
		b.WriteString(trimPackagePrefix(e.Err.Error()))
		return
	}
	c := e.Constraint
	switch {
	case c != "":
	case e.Err != nil:
		c = e.Err.Error()
	default:
		c = "unknown constraint"
	}
	if e.Field == "" {
		b.WriteString(c)
		return
	}
	b.WriteString(e.Field)
	if rest, ok := strings.CutPrefix(c, "Member "); ok {
		b.WriteByte(' ')
		b.WriteString(rest)
		return
	}
	b.WriteString(": ")
	b.WriteString(c)
}

// ruleSentinels are the rule sentinels: a FieldError whose Err is none of
// them is a key failure.
var ruleSentinels = [...]error{ErrRequired, ErrTooShort, ErrTooLong, ErrPattern, ErrNotInEnum, ErrOutOfRange}

// isRuleError reports whether err is or wraps a rule sentinel.
func isRuleError(err error) bool {
	for _, s := range ruleSentinels {
		if stderrors.Is(err, s) {
			return true
		}
	}
	return false
}

// keyvetPrefixes are the package prefixes keyvet's key errors start with.
var keyvetPrefixes = [...]string{"sshkey: ", "fingerprint: "}

// trimPackagePrefix removes one leading keyvet package prefix from msg.
func trimPackagePrefix(msg string) string {
	for _, p := range keyvetPrefixes {
		if rest, ok := strings.CutPrefix(msg, p); ok {
			return rest
		}
	}
	return msg
}

// Unwrap returns Err and API, leaving out whichever is nil.
func (e *FieldError) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	if e.API != nil {
		errs = append(errs, e.API)
	}
	return errs
}

// RequestError gathers every failed field of one request, in the order of the
// operation's members. Validation returns one only when at least one field
// failed; otherwise it returns an untyped nil.
//
// Its Error text is AWS's frame, "N validation errors detected: ", around
// each field's text, whose words are AWS's or keyvet's as [FieldError]
// says. [Reason] gives the sentence to show a person: each field's reason,
// joined by "; ", without the frame.
type RequestError struct {
	// Op is the operation: "SendSSHPublicKey", ...
	Op string
	// Fields holds one entry per failure, never empty.
	Fields []*FieldError
}

var (
	_ error                         = (*RequestError)(nil)
	_ interface{ Unwrap() []error } = (*RequestError)(nil)
)

// Error returns the text in AWS's frame: "1 validation error detected: " or
// "N validation errors detected: ", then each field's text joined by "; ".
func (e *RequestError) Error() string {
	var b strings.Builder
	if len(e.Fields) > 0 && e.Fields[0] != nil && e.Fields[0].API != nil && e.Fields[0].API.Service() == ServiceEC2 {
		// EC2 answers one error per request, in its own words, with no
		// count and no frame.
		for i, f := range e.Fields {
			if i > 0 {
				b.WriteString("; ")
			}
			f.appendTo(&b)
		}
		return b.String()
	}
	b.WriteString(strconv.Itoa(len(e.Fields)))
	if len(e.Fields) == 1 {
		b.WriteString(" validation error detected: ")
	} else {
		b.WriteString(" validation errors detected: ")
	}
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		f.appendTo(&b)
	}
	return b.String()
}

// Unwrap returns the fields, so errors.As finds a *FieldError and errors.Is
// finds every sentinel any field carries.
func (e *RequestError) Unwrap() []error {
	errs := make([]error, len(e.Fields))
	for i, f := range e.Fields {
		errs[i] = f
	}
	return errs
}

// reason returns each field's Reason joined by "; ", skipping a nil entry
// of Fields.
func (e *RequestError) reason() string {
	var b strings.Builder
	first := true
	for _, f := range e.Fields {
		if f == nil {
			continue
		}
		if !first {
			b.WriteString("; ")
		}
		first = false
		f.appendReason(&b)
	}
	return b.String()
}

// Reason returns the sentence to show a person for err, for rule and key
// failures alike, without AWS's boilerplate ("N validation errors detected:
// ", "Value '...' at 'member' failed to satisfy constraint: "). It looks
// through err's chain with errors.As, in this order, for:
//
//   - a [*RequestError]: each field's [FieldError.Reason] joined by "; ",
//     as "InstanceId must have length greater than or equal to 10;
//     SSHPublicKey: the key blob is truncated before its type name (RFC 4253
//     section 6.6); copy the whole key again";
//   - a [*FieldError]: its [FieldError.Reason].
//
// For any other error it returns err.Error() (for an [*APIError],
// "NoSuchEntity: The user with name alice cannot be found."), for a
// RequestError without fields its Error text, and for nil "". For example,
// Reason of the error of a SendSSHPublicKeyInput with a 6-character instance
// id is "InstanceId must have length greater than or equal to 10".
//
// Reason holds no key material: it shows no value, only member names,
// constraints and the text of keyvet's errors, none of which holds any (see
// [FieldError.Reason]).
func Reason(err error) string {
	if err == nil {
		return ""
	}
	var re *RequestError
	if stderrors.As(err, &re) && re != nil {
		if r := re.reason(); r != "" {
			return r
		}
		return err.Error()
	}
	var fe *FieldError
	if stderrors.As(err, &fe) && fe != nil {
		return fe.Reason()
	}
	return err.Error()
}

// API returns the one code the service answers the whole request with. AWS
// checks the model's constraints before anything else, so a field that broke
// one wins: IAM answers ValidationError even when the key is bad too, EC2
// Instance Connect InvalidArgsException, and Transfer ValidationException
// (not InvalidRequestException); a code is one of these when it is
// errors.Is it (a WithMessage copy is). Among the rest, the first
// field's code wins. API returns nil when no field
// carries a code.
func (e *RequestError) API() *APIError {
	var first *APIError
	for _, f := range e.Fields {
		if f.API == nil {
			continue
		}
		// errors.Is, not ==: a WithMessage copy of a validation code
		// is still that code, and keeps its priority.
		if stderrors.Is(f.API, ErrValidation) || stderrors.Is(f.API, ErrInvalidArgs) || stderrors.Is(f.API, ErrTransferValidation) {
			return f.API
		}
		if first == nil {
			first = f.API
		}
	}
	return first
}

// MemberPath returns a member name as AWS writes it in a validation message:
// the first letter lower-cased, the rest unchanged. MemberPath("SSHPublicKey")
// is "sSHPublicKey".
func MemberPath(field string) string {
	if field == "" || field[0] < 'A' || field[0] > 'Z' {
		return field
	}
	return string(field[0]+('a'-'A')) + field[1:]
}

// MaxValueLen is the most characters SafeValue returns.
const MaxValueLen = 64

// OmittedValue is what SafeValue returns in place of a value that holds key
// material or text that looks like it (see [LooksLikeKey]). It is what an
// error message shows where the value would stand, as kubernetes' field
// errors write it: "Value '<value omitted>' at 'instanceOSUser' failed to
// satisfy constraint: ...".
const OmittedValue = "<value omitted>"

// MinKeyRun is the length of the shortest run of base64 characters that
// [LooksLikeKey] takes for key material, when the run mixes character
// classes (see LooksLikeKey). 40 characters are 30 bytes: less than any key,
// private or public, and more than the identifiers AWS hands out (an IAM
// SSHPublicKeyId such as APKAEIBFVJNL6EXAMPLE is 20, an instance id 19).
const MinKeyRun = 40

// privateKeyMarkers are the texts that mark a private key (see LooksLikeKey).
var privateKeyMarkers = [...]string{
	// Every PEM and SSH2 private key label, BEGIN and END lines alike:
	// "-----BEGIN RSA PRIVATE KEY-----", "---- END SSH2 ENCRYPTED PRIVATE
	// KEY ----", "-----BEGIN OPENSSH PRIVATE KEY-----", ...
	"PRIVATE KEY",
	// The base64 of "openssh-key-v1", the magic at the start of an OpenSSH
	// private key body (PROTOCOL.key), pasted without its PEM lines.
	"b3BlbnNzaC1rZXktdjE",
	// The first line of a PuTTY key file, of every version (.ppk).
	"PuTTY-User-Key-File",
}

// LooksLikeKey reports whether s holds key material or text that looks like
// it: a run of MinKeyRun (40) or more base64 characters in a row that mixes
// character classes, or a private key marker anywhere in s. In ABNF (RFC
// 5234; %s"..." is a case-sensitive string, RFC 7405):
//
//	key-like = *OCTET ( key-run / marker ) *OCTET
//	key-run  = 40*b64char   ; that mixes: it holds characters of at
//	                        ; least two of the classes upper, lower, other
//	b64char  = upper / lower / other / neutral
//	upper    = %x41-5A               ; A-Z
//	lower    = %x61-7A               ; a-z
//	other    = DIGIT / "+" / "/"     ; 0-9 + /
//	neutral  = "-" / "_" / "="       ; base64url's two, and padding
//	marker   = %s"PRIVATE KEY" / %s"b3BlbnNzaC1rZXktdjE" / %s"PuTTY-User-Key-File"
//
// b64char is the standard and the URL-safe base64 alphabets (RFC 4648
// sections 4 and 5) and the padding character "=": they all count in a
// run's length. Any other byte (a space, ".", ":", "@", "\", a line break,
// a byte of a non-ASCII character) ends a run. A neutral character counts
// in the length but in no class, so that a long name of one case joined by
// hyphens or underscores is not taken for a key.
//
// Why "mixes" is sound: the base64 of 30 or more random bytes (any key, or
// any 40-character piece of one) is 40 or more characters, each drawn
// evenly from 64, and the chance that all of 40 fall in one class and the
// neutral characters is at most 2*(28/64)^40 + (14/64)^40, below 10^-14.
// A run of one class (40 lower-case letters, an IAM user name of 65, 40
// zeros) is not key-like: such text is a name a person must see to fix it,
// not a key.
//
// The markers are matched case-sensitively, as key files write them, so
// prose such as "not a private key" is not one.
//
// The rule looks at the shape of the text, not at its meaning: a value that
// is no key but holds 40 such characters in a row of two classes (a long
// IAM Marker, a SHA-256 fingerprint's 43 base64 characters, a CamelCase
// identifier of 40 letters) looks like key material and is omitted too.
//
// LooksLikeKey reads s once per marker and once for the runs, and allocates
// nothing. For example:
//
//	LooksLikeKey("ec2-user") == false
//	LooksLikeKey("nosuchoption") == false
//	LooksLikeKey(strings.Repeat("a", 65)) == false // one class
//	LooksLikeKey("AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl") == true
//	LooksLikeKey("-----END RSA PRIVATE KEY-----") == true
func LooksLikeKey(s string) bool {
	run := 0
	var classes uint8
	for i := 0; i < len(s); i++ {
		c := keyClass[s[i]]
		if c == 0 {
			run, classes = 0, 0
			continue
		}
		run++
		classes |= c
		if mixed := classes &^ classNeutral; run >= MinKeyRun && mixed&(mixed-1) != 0 {
			return true
		}
	}
	for _, m := range privateKeyMarkers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// The classes of LooksLikeKey's grammar, as bits of keyClass.
const (
	classUpper uint8 = 1 << iota
	classLower
	classOther
	classNeutral
)

// keyClass gives each byte its class in LooksLikeKey's grammar, 0 for a byte
// that is no b64char.
var keyClass = func() (t [256]uint8) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = classUpper
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = classLower
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = classOther
	}
	t['+'], t['/'] = classOther, classOther
	t['-'], t['_'], t['='] = classNeutral, classNeutral, classNeutral
	return t
}()

// IsBinary reports whether s is binary data rather than text: it holds a
// NUL byte, or bytes that are not valid UTF-8. SafeValue shows such a value
// by its length only ([BinaryValue]): a DER or Dropbear private key is
// binary, and not one of its bytes may reach a message.
func IsBinary(s string) bool {
	return strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s)
}

// BinaryValue returns what SafeValue shows in place of a binary value of n
// bytes (see [IsBinary]): "<binary data, n bytes>", or "<binary data, 1
// byte>". Like [OmittedValue] it is in angle brackets, so that it does not
// read as the value itself. A reader that refuses binary input may use it
// to describe the input in a message of its own.
func BinaryValue(n int) string {
	if n == 1 {
		return "<binary data, 1 byte>"
	}
	return "<binary data, " + strconv.Itoa(n) + " bytes>"
}

// SafeValue returns s in the form an error message may show it. It is the
// one rule by which every keyvet package shows a caller's value in an
// error. It decides, in this order:
//
//  1. Key material is never shown. When s looks like key material
//     ([LooksLikeKey]: a run of 40 or more base64 characters that mixes
//     upper case, lower case and digits or "+" and "/", or a private key
//     marker "PRIVATE KEY", "b3BlbnNzaC1rZXktdjE" or "PuTTY-User-Key-File"),
//     SafeValue returns [OmittedValue], "<value omitted>", and nothing of s.
//  2. Binary data is described by its length only. When s holds a NUL byte
//     or bytes that are not valid UTF-8 ([IsBinary]), SafeValue returns
//     [BinaryValue](len(s)), such as "<binary data, 121 bytes>", and
//     nothing of s.
//  3. Everything else is shown, so that a person can fix it: an option
//     name, a user name, a host name, a comment. Every character that is
//     not printable, a backslash or a single quote is escaped as a Go
//     string literal escapes it (\n, \x1b, \u2028, \\, \'), and when the
//     result would be longer than MaxValueLen (64) characters it is cut at
//     a character boundary, never inside an escape, and ends in "...",
//     MaxValueLen characters at the most in all. When that escaped form
//     itself looks like key material (an escape such as \x01 can join two
//     shorter runs into one of 40), SafeValue returns OmittedValue instead:
//     what it returns never looks like key material.
//
// Text of a key's base64 field, or of the body of an RFC 4716 or PEM file,
// is never to be shown, whatever its length; a short piece of it does not
// look like a key, so a reader must not pass such text to SafeValue at all.
//
// For example:
//
//	SafeValue("i-0123") == "i-0123"
//	SafeValue("nosuchoption") == "nosuchoption"
//	SafeValue("a\nb") == `a\nb`
//	SafeValue(strings.Repeat("a", 65)) == strings.Repeat("a", 61) + "..."
//	SafeValue("MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") == "<value omitted>"
//	SafeValue("-----BEGIN OPENSSH PRIVATE KEY-----") == "<value omitted>"
//	SafeValue("0\x82\x04\xa4\x02\x01\x00") == "<binary data, 7 bytes>"
//	SafeValue("a\xffb") == "<binary data, 3 bytes>"
//
// (the fifth is the base64 of a PKCS#8 Ed25519 private key, of an all-zero
// seed; the seventh the start of a DER RSA private key). SafeValue
// allocates nothing for a value it omits, nor for one of printable ASCII
// that it returns unchanged.
//
// Key members are still better left out of a message entirely, as AWS
// leaves out its sensitive members ("Value at 'sSHPublicKey' ...").
func SafeValue(s string) string {
	if LooksLikeKey(s) {
		return OmittedValue
	}
	if IsBinary(s) {
		return BinaryValue(len(s))
	}
	if plain(s) {
		return s
	}
	limit := MaxValueLen // characters the escaped pieces may take
	if escapedLen(s, MaxValueLen) > MaxValueLen {
		limit = MaxValueLen - len("...")
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		piece, size := escapeAt(s, i)
		pn := utf8.RuneCountInString(piece)
		if n+pn > limit {
			b.WriteString("...")
			break
		}
		b.WriteString(piece)
		n += pn
		i += size
	}
	// An escape can join two runs of base64 characters that a control
	// character kept apart: "0\x01" and 38 zeros escape to a run of 41
	// ("x01000...", lower case and digits). What the message would show is
	// held to the rule too.
	if out := b.String(); !LooksLikeKey(out) {
		return out
	}
	return OmittedValue
}

// plain reports whether SafeValue shows s as it is: at most MaxValueLen
// bytes of printable ASCII other than a backslash and a single quote.
func plain(s string) bool {
	if len(s) > MaxValueLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '\\' || c == '\'' {
			return false
		}
	}
	return true
}

// escapedLen returns the length in characters of SafeValue's escaping of s
// without the cut, or a number above stop as soon as it passes stop.
func escapedLen(s string, stop int) int {
	n := 0
	for i := 0; i < len(s) && n <= stop; {
		piece, size := escapeAt(s, i)
		n += utf8.RuneCountInString(piece)
		i += size
	}
	return n
}

// escapeAt returns the escaped form of the character at s[i] and its size in
// bytes. s is valid UTF-8: SafeValue describes any other value by its
// length.
func escapeAt(s string, i int) (piece string, size int) {
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == '\\':
		return `\\`, size
	case r == '\'':
		return `\'`, size
	case strconv.IsPrint(r):
		return s[i : i+size], size
	}
	q := strconv.QuoteRune(r) // "'\n'": drop the quotes
	return q[1 : len(q)-1], size
}
