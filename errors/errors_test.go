package errors_test

import (
	"encoding/base64"
	"errors"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// TestAPIErrorFacts holds every sentinel to the tables of docs/AWS-FACTS.md: the
// code, the HTTP status, the fault and the retry decision.
func TestAPIErrorFacts(t *testing.T) {
	const ec2, iam = keyerrors.ServiceEC2InstanceConnect, keyerrors.ServiceIAM
	const ec2kp, transfer, lightsail = keyerrors.ServiceEC2, keyerrors.ServiceTransfer, keyerrors.ServiceLightsail
	client, server := keyerrors.FaultClient, keyerrors.FaultServer
	want := []struct {
		err       *keyerrors.APIError
		service   string
		code      string
		status    int
		fault     keyerrors.Fault
		retryable bool
	}{
		{keyerrors.ErrAuth, ec2, "AuthException", 400, client, false},
		{keyerrors.ErrEC2InstanceNotFound, ec2, "EC2InstanceNotFoundException", 400, client, false},
		{keyerrors.ErrEC2InstanceStateInvalid, ec2, "EC2InstanceStateInvalidException", 400, client, false},
		{keyerrors.ErrEC2InstanceTypeInvalid, ec2, "EC2InstanceTypeInvalidException", 400, client, false},
		{keyerrors.ErrEC2InstanceUnavailable, ec2, "EC2InstanceUnavailableException", 400, server, true},
		{keyerrors.ErrInvalidArgs, ec2, "InvalidArgsException", 400, client, false},
		{keyerrors.ErrSerialConsoleAccessDisabled, ec2, "SerialConsoleAccessDisabledException", 403, client, false},
		{keyerrors.ErrSerialConsoleSessionLimitExceeded, ec2, "SerialConsoleSessionLimitExceededException", 400, client, true},
		{keyerrors.ErrSerialConsoleSessionUnavailable, ec2, "SerialConsoleSessionUnavailableException", 500, server, true},
		{keyerrors.ErrSerialConsoleSessionUnsupported, ec2, "SerialConsoleSessionUnsupportedException", 400, client, false},
		{keyerrors.ErrService, ec2, "ServiceException", 500, server, true},
		{keyerrors.ErrThrottling, ec2, "ThrottlingException", 400, client, true},
		{keyerrors.ErrDuplicateSSHPublicKey, iam, "DuplicateSSHPublicKey", 400, client, false},
		{keyerrors.ErrInvalidPublicKey, iam, "InvalidPublicKey", 400, client, false},
		{keyerrors.ErrLimitExceeded, iam, "LimitExceeded", 409, client, false},
		{keyerrors.ErrNoSuchEntity, iam, "NoSuchEntity", 404, client, false},
		{keyerrors.ErrUnrecognizedPublicKeyEncoding, iam, "UnrecognizedPublicKeyEncoding", 400, client, false},
		{keyerrors.ErrInvalidInput, iam, "InvalidInput", 400, client, false},
		{keyerrors.ErrValidation, iam, "ValidationError", 400, client, false},
		{keyerrors.ErrServiceFailure, iam, "ServiceFailure", 500, server, true},
		{keyerrors.ErrEC2InvalidKeyFormat, ec2kp, "InvalidKey.Format", 400, client, false},
		{keyerrors.ErrEC2KeyPairDuplicate, ec2kp, "InvalidKeyPair.Duplicate", 400, client, false},
		{keyerrors.ErrEC2KeyPairNotFound, ec2kp, "InvalidKeyPair.NotFound", 400, client, false},
		{keyerrors.ErrEC2KeyPairFormat, ec2kp, "InvalidKeyPair.Format", 400, client, false},
		{keyerrors.ErrEC2MissingParameter, ec2kp, "MissingParameter", 400, client, false},
		{keyerrors.ErrEC2InvalidParameterValue, ec2kp, "InvalidParameterValue", 400, client, false},
		{keyerrors.ErrEC2DryRunOperation, ec2kp, "DryRunOperation", 412, client, false},
		{keyerrors.ErrEC2InternalError, ec2kp, "InternalError", 500, server, true},
		{keyerrors.ErrEC2Unavailable, ec2kp, "Unavailable", 503, server, true},
		{keyerrors.ErrEC2RequestLimitExceeded, ec2kp, "RequestLimitExceeded", 503, client, true},
		{keyerrors.ErrTransferValidation, transfer, "ValidationException", 400, client, false},
		{keyerrors.ErrTransferInvalidRequest, transfer, "InvalidRequestException", 400, client, false},
		{keyerrors.ErrTransferResourceNotFound, transfer, "ResourceNotFoundException", 400, client, false},
		{keyerrors.ErrTransferResourceExists, transfer, "ResourceExistsException", 400, client, false},
		{keyerrors.ErrTransferThrottling, transfer, "ThrottlingException", 400, client, true},
		{keyerrors.ErrTransferInternalServiceError, transfer, "InternalServiceError", 500, server, true},
		{keyerrors.ErrTransferServiceUnavailable, transfer, "ServiceUnavailableException", 500, server, true},
		{keyerrors.ErrTransferInvalidNextToken, transfer, "InvalidNextTokenException", 400, client, false},
		{keyerrors.ErrLightsailService, lightsail, "ServiceException", 500, server, true},
		{keyerrors.ErrLightsailInvalidInput, lightsail, "InvalidInputException", 400, client, false},
		{keyerrors.ErrLightsailNotFound, lightsail, "NotFoundException", 400, client, false},
		{keyerrors.ErrLightsailOperationFailure, lightsail, "OperationFailureException", 400, client, false},
		{keyerrors.ErrLightsailAccessDenied, lightsail, "AccessDeniedException", 400, client, false},
		{keyerrors.ErrLightsailAccountSetupInProgress, lightsail, "AccountSetupInProgressException", 400, client, true},
		{keyerrors.ErrLightsailRegionSetupInProgress, lightsail, "RegionSetupInProgressException", 400, client, true},
		{keyerrors.ErrLightsailUnauthenticated, lightsail, "UnauthenticatedException", 400, client, false},
	}
	all := keyerrors.All()
	if len(all) != len(want) {
		t.Fatalf("All() has %d sentinels, the tables have %d", len(all), len(want))
	}
	for i, w := range want {
		e := w.err
		if all[i] != e {
			t.Errorf("All()[%d] = %s, want %s (the order is part of the contract)", i, all[i].ErrorCode(), e.ErrorCode())
		}
		if e.Service() != w.service || e.ErrorCode() != w.code || e.HTTPStatusCode() != w.status || e.ErrorFault() != w.fault || e.Retryable() != w.retryable {
			t.Errorf("%s = {%s %s %d %v %v}, want {%s %s %d %v %v}", w.code,
				e.Service(), e.ErrorCode(), e.HTTPStatusCode(), e.ErrorFault(), e.Retryable(),
				w.service, w.code, w.status, w.fault, w.retryable)
		}
		if e.ErrorMessage() == "" || e.Error() != w.code+": "+e.ErrorMessage() {
			t.Errorf("%s: Error() = %q, ErrorMessage() = %q", w.code, e.Error(), e.ErrorMessage())
		}
	}
}

func TestLookup(t *testing.T) {
	for _, e := range keyerrors.All() {
		got, ok := keyerrors.Lookup(e.Service(), e.ErrorCode())
		if !ok || got != e {
			t.Errorf("Lookup(%q, %q) = %v, %v; want the sentinel itself", e.Service(), e.ErrorCode(), got, ok)
		}
	}
	misses := []struct{ name, service, code, reason string }{
		{"wrong service", keyerrors.ServiceIAM, "InvalidArgsException", "codes belong to one service"},
		{"case differs", keyerrors.ServiceIAM, "nosuchentity", "wire codes are matched exactly"},
		{"query code", keyerrors.ServiceEC2InstanceConnect, "InvalidArguments", "the awsQueryError alias is not EC2 Instance Connect's wire code (awsJson1.1 sends the shape name)"},
		{"unknown service", "ec2", "InvalidArgsException", "only the two services are known"},
		{"empty", "", "", "nothing to find"},
	}
	for _, m := range misses {
		if got, ok := keyerrors.Lookup(m.service, m.code); ok || got != nil {
			t.Errorf("%s: Lookup(%q, %q) = %v, %v; want nil, false (%s)", m.name, m.service, m.code, got, ok, m.reason)
		}
	}
}

func TestFaultString(t *testing.T) {
	for f, want := range map[keyerrors.Fault]string{
		keyerrors.FaultClient: "client",
		keyerrors.FaultServer: "server",
		0:                     "unknown",
		42:                    "unknown",
	} {
		if got := f.String(); got != want {
			t.Errorf("Fault(%d).String() = %q, want %q", int(f), got, want)
		}
	}
}

func TestWithMessage(t *testing.T) {
	e := keyerrors.ErrNoSuchEntity.WithMessage("The user with name alice cannot be found.")
	if e == keyerrors.ErrNoSuchEntity {
		t.Fatal("WithMessage returned the sentinel itself")
	}
	if keyerrors.ErrNoSuchEntity.ErrorMessage() == e.ErrorMessage() {
		t.Fatal("WithMessage changed the sentinel")
	}
	if e.ErrorMessage() != "The user with name alice cannot be found." || e.ErrorCode() != "NoSuchEntity" ||
		e.Service() != keyerrors.ServiceIAM || e.HTTPStatusCode() != 404 || e.ErrorFault() != keyerrors.FaultClient || e.Retryable() {
		t.Errorf("the copy = {%s %s %d %v %v %q}, want the sentinel's data with the new message",
			e.Service(), e.ErrorCode(), e.HTTPStatusCode(), e.ErrorFault(), e.Retryable(), e.ErrorMessage())
	}
	if !errors.Is(e, keyerrors.ErrNoSuchEntity) {
		t.Error("a copy does not match its sentinel")
	}
	if errors.Is(e, keyerrors.ErrInvalidArgs) || errors.Is(e, keyerrors.ErrLimitExceeded) {
		t.Error("a copy matches another code")
	}
	if again := e.WithMessage("again"); !errors.Is(again, keyerrors.ErrNoSuchEntity) || !keyerrors.ErrNoSuchEntity.Is(again) {
		t.Error("a copy of a copy does not match its sentinel both ways")
	}
	if zero := (&keyerrors.APIError{}); errors.Is(zero, keyerrors.ErrNoSuchEntity) || keyerrors.ErrNoSuchEntity.Is(zero) {
		t.Error("an APIError literal made outside the package matches a sentinel")
	}
	var nilErr *keyerrors.APIError
	if errors.Is(e, nilErr) {
		t.Error("matches a nil *APIError")
	}
}

func TestFieldErrorUnwrap(t *testing.T) {
	fe := &keyerrors.FieldError{Op: "SendSSHPublicKey", Field: "InstanceId", Value: "x",
		Constraint: "Member must have length greater than or equal to 10",
		Err:        keyerrors.ErrTooShort, API: keyerrors.ErrInvalidArgs}
	re := &keyerrors.RequestError{Op: "SendSSHPublicKey", Fields: []*keyerrors.FieldError{fe}}
	for _, err := range []error{fe, re} {
		if !errors.Is(err, keyerrors.ErrTooShort) || !errors.Is(err, keyerrors.ErrInvalidArgs) {
			t.Errorf("%T: errors.Is fails for the rule or the API sentinel", err)
		}
		if errors.Is(err, keyerrors.ErrPattern) || errors.Is(err, keyerrors.ErrValidation) {
			t.Errorf("%T: errors.Is holds for a sentinel it does not carry", err)
		}
		var got *keyerrors.FieldError
		if !errors.As(err, &got) || got != fe {
			t.Errorf("%T: errors.As does not find the FieldError", err)
		}
	}
	if n := len((&keyerrors.FieldError{Field: "X"}).Unwrap()); n != 0 {
		t.Errorf("Unwrap of a FieldError without Err and API returned %d errors", n)
	}
}

func TestMessages(t *testing.T) {
	pattern := &keyerrors.FieldError{Field: "InstanceId", Value: "mi-048afb7f6460a110d",
		Constraint: "Member must satisfy regular expression pattern: ^i-[a-f0-9]+$", Err: keyerrors.ErrPattern}
	missing := &keyerrors.FieldError{Field: "UserName", Constraint: "Member must not be null", Err: keyerrors.ErrRequired}
	key := &keyerrors.FieldError{Field: "SSHPublicKey", Sensitive: true, Value: "must not show",
		Constraint: "Member must have length less than or equal to 4096", Err: keyerrors.ErrTooLong}
	bare := &keyerrors.FieldError{Field: "Status", Value: "on", Err: keyerrors.ErrNotInEnum}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"pattern", pattern, "Value 'mi-048afb7f6460a110d' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^i-[a-f0-9]+$"},
		{"null", missing, "Value null at 'userName' failed to satisfy constraint: Member must not be null"},
		{"sensitive", key, "Value at 'sSHPublicKey' failed to satisfy constraint: Member must have length less than or equal to 4096"},
		{"no constraint text", bare, "Value 'on' at 'status' failed to satisfy constraint: value is not in the enum"},
		{"one", &keyerrors.RequestError{Fields: []*keyerrors.FieldError{pattern}},
			"1 validation error detected: " + pattern.Error()},
		{"three", &keyerrors.RequestError{Fields: []*keyerrors.FieldError{pattern, missing, key}},
			"3 validation errors detected: " + pattern.Error() + "; " + missing.Error() + "; " + key.Error()},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestRequestErrorAPI(t *testing.T) {
	key := &keyerrors.FieldError{Field: "SSHPublicKeyBody", Err: keyerrors.ErrKeyTooSmall, API: keyerrors.ErrInvalidPublicKey}
	name := &keyerrors.FieldError{Field: "UserName", Err: keyerrors.ErrPattern, API: keyerrors.ErrValidation}
	validationCopy := keyerrors.ErrValidation.WithMessage("1 validation error detected: ...")
	invalidArgsCopy := keyerrors.ErrInvalidArgs.WithMessage("1 validation error detected: ...")
	tests := []struct {
		name   string
		fields []*keyerrors.FieldError
		want   *keyerrors.APIError
		reason string
	}{
		{"key only", []*keyerrors.FieldError{key}, keyerrors.ErrInvalidPublicKey, "the key's code"},
		{"validation wins", []*keyerrors.FieldError{key, name}, keyerrors.ErrValidation, "AWS checks the model's constraints before the key"},
		{"no code", []*keyerrors.FieldError{{Field: "X", Err: keyerrors.ErrPattern}}, nil, "nothing to answer with"},
		{"validation copy wins", []*keyerrors.FieldError{key, {Field: "UserName", Err: keyerrors.ErrPattern, API: validationCopy}}, validationCopy,
			"a WithMessage copy of ValidationError is still ValidationError (errors.Is), and keeps its priority"},
		{"invalid-args copy wins", []*keyerrors.FieldError{{Field: "SSHPublicKey", Err: keyerrors.ErrKeyTooSmall, API: keyerrors.ErrEC2InstanceNotFound}, {Field: "InstanceId", Err: keyerrors.ErrPattern, API: invalidArgsCopy}}, invalidArgsCopy,
			"the same for EC2 Instance Connect's InvalidArgsException"},
		{"transfer validation wins", []*keyerrors.FieldError{
			{Field: "SshPublicKeyBody", Err: keyerrors.ErrUnsupportedKeyType, API: keyerrors.ErrTransferInvalidRequest},
			{Field: "UserName", Err: keyerrors.ErrTooShort, API: keyerrors.ErrTransferValidation}}, keyerrors.ErrTransferValidation,
			"Transfer checks the model's constraints (ValidationException) before the key (InvalidRequestException)"},
	}
	for _, tt := range tests {
		if got := (&keyerrors.RequestError{Fields: tt.fields}).API(); got != tt.want {
			t.Errorf("%s: API() = %v, want %v (%s)", tt.name, got, tt.want, tt.reason)
		}
	}
}

func TestMemberPath(t *testing.T) {
	for in, want := range map[string]string{
		"InstanceId":       "instanceId",
		"SSHPublicKeyBody": "sSHPublicKeyBody",
		"SSHPublicKey":     "sSHPublicKey",
		"marker":           "marker",
		"":                 "",
		"É":                "É",
	} {
		if got := keyerrors.MemberPath(in); got != want {
			t.Errorf("MemberPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafeValue(t *testing.T) {
	long := strings.Repeat("a.", 50)
	b64 := strings.Repeat("QWJj", 20)                          // base64 of "Abc...": upper and lower case
	der := "0\x82\x04\xa4\x02\x01\x00\x02\x82\x01\x01\x00\xc4" // the start of a DER RSA private key
	tests := []struct {
		name, in, want, reason string
	}{
		{"plain", "i-0123456789", "i-0123456789", "printable text is shown as it is"},
		{"empty", "", "", "nothing to show"},
		{"newline", "a\nb", `a\nb`, "no raw line break may reach a log line"},
		{"controls", "\x1b[31m\r\t\x7f", `\x1b[31m\r\t\x7f`, "terminal escapes are neutralised"},
		{"quote", "it's", `it\'s`, "the value is quoted with single quotes"},
		{"backslash", `a\b`, `a\\b`, "an escape in the input cannot pass for one of ours"},
		{"invalid utf8", "a\xffb", "<binary data, 3 bytes>", "bytes that are not UTF-8 are binary data: described by their length, not one byte shown"},
		{"NUL", "\x00\x1b[31m", "<binary data, 6 bytes>", "a NUL byte makes the value binary, the rest of it text or not"},
		{"one byte", "\x00", "<binary data, 1 byte>", "the singular"},
		{"DER", der, "<binary data, 13 bytes>", "a DER private key's bytes (0x00 among them) never reach a message, not even escaped"},
		{"dropbear", "\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01", "<binary data, 18 bytes>", "a Dropbear private key starts with length-prefixed strings"},
		{"long binary", strings.Repeat("\xf5\xa5\xebT5", 30), "<binary data, 150 bytes>", "the whole length, not the cut one"},
		{"binary and key-like", "\x00" + b64, keyerrors.OmittedValue, "key material wins: the value is omitted, not described"},
		{"U+FFFD is text", "a\uFFFDb", "a\uFFFDb", "the replacement character itself is valid UTF-8 and printable"},
		{"escape joins runs", "0\x01" + strings.Repeat("0", 38), keyerrors.OmittedValue,
			"the escape x01 joins 1 and 38 zeros into a run of 41: what would be shown is held to the rule (a fuzz finding of FuzzKnownHosts)"},
		{"escape short of a run", "0\x01" + strings.Repeat("0", 36), `0\x01` + strings.Repeat("0", 36), "a run of 39 after the escape is shown"},
		{"line separator", "a\u2028b", `a\u2028b`, "U+2028 breaks lines in some viewers"},
		{"non-ascii", "é中", "é中", "printable non-ASCII is kept"},
		{"exactly 64", long[:64], long[:64], "fits: no cut"},
		{"65", long[:65], long[:61] + "...", "cut to 64 characters, the dots included"},
		{"long", long, long[:61] + "...", "cut to 64 characters, the dots included"},
		{"escape at the cut", long[:60] + "\n\n\n\n", long[:60] + "...", "never cut inside an escape"},
		{"runes at the cut", strings.Repeat("é", 70), strings.Repeat("é", 61) + "...", "characters, not bytes"},

		// Ordinary AWS values stay visible.
		{"instance id", "i-0123456789abcdef0", "i-0123456789abcdef0", "19 characters, far below a key-like run"},
		{"os user", "ec2-user", "ec2-user", "a user name"},
		{"iam user", "alice.smith@example.com", "alice.smith@example.com", "IAM user names allow . and @, which end runs"},
		{"ssh public key id", "APKAEIBFVJNL6EXAMPLE", "APKAEIBFVJNL6EXAMPLE", "IAM's SSHPublicKeyId as the docs show it: 20 characters"},
		{"hex instance id", "i-" + strings.Repeat("0123456789abcdef", 4)[:37], "i-" + strings.Repeat("0123456789abcdef", 4)[:37],
			"39 characters of the base64 alphabet in a row (- and hex digits are in it): one short of a run"},
		{"fingerprint", "MD5:0b:ad:f0:0d:0b:ad:f0:0d:0b:ad:f0:0d:0b:ad:f0:0d", "MD5:0b:ad:f0:0d:0b:ad:f0:0d:0b:ad:f0:0d:0b:ad:f0:0d", "colons end every run"},
		{"prose", "not a private key", "not a private key", "the markers are case-sensitive, as key files write them"},
		{"option name", "nosuchoption", "nosuchoption", "an unknown authorized_keys option must be shown, so the user sees what to fix"},
		{"option name 13", "permitlistenx", "permitlistenx", "a misspelt option of 13 letters, likewise"},
		{"iam user of 65 letters", strings.Repeat("a", 65), strings.Repeat("a", 61) + "...", "one class (lower case) is no key, however long: shown, cut to the max"},
		{"upper case name", strings.Repeat("ABCDEFGHIJ", 5), strings.Repeat("ABCDEFGHIJ", 5), "50 upper-case letters: one class, shown"},
		{"long host label", "build-worker-pool-east-primary-node-zero-one", "build-worker-pool-east-primary-node-zero-one",
			"44 base64 characters, lower case and hyphens: a hyphen is neutral, the run one class"},
		{"digits", strings.Repeat("0123456789", 5), strings.Repeat("0123456789", 5), "50 digits: one class (other), shown"},
		{"comment", "alice@laptop.example.com 2024-01-01 work key", "alice@laptop.example.com 2024-01-01 work key", "a key comment is text to show"},

		// The run boundary.
		{"run of 39", b64[:39], b64[:39], "one short of MinKeyRun: shown"},
		{"run of 40", b64[:40], keyerrors.OmittedValue, "MinKeyRun base64 characters in a row look like key material"},
		{"run of 80", b64, keyerrors.OmittedValue, "no part of a long run is shown, not even cut"},
		{"run of 39 in text", "user " + b64[:39] + " x", "user " + b64[:39] + " x", "the run is what counts, not the length of the value"},
		{"run of 40 in text", "user " + b64[:40] + " x", keyerrors.OmittedValue, "a run anywhere in the value"},
		{"run at the end", long[:40] + b64[:40], keyerrors.OmittedValue, "a run past the cut still omits the value: the rule reads all of it"},
		{"broken by a space", b64[:39] + " " + b64[:39], b64[:39] + " " + b64[:21] + "...", "a space ends a run: two runs of 39"},
		{"broken by a dot", b64[:39] + "." + b64[:39], b64[:39] + "." + b64[:21] + "...", "a dot ends a run"},
		{"broken by a newline", b64[:39] + "\n" + b64[:39], b64[:39] + `\n` + b64[:20] + "...", "a line break ends a run"},
		{"mixed run of 40", "Zm9vYmFyAAAAB3NzaC1yc2EAAAADAQABAAABAQCx", keyerrors.OmittedValue, "40 characters of a key line, upper, lower and digits: never shown"},
		{"lower and digits", strings.Repeat("a1", 20), keyerrors.OmittedValue, "two classes mix: lower case and other"},
		{"upper and other", strings.Repeat("A+", 20), keyerrors.OmittedValue, "two classes mix: upper case and other (+)"},
		{"mix late in the run", strings.Repeat("a", 45) + "B", keyerrors.OmittedValue, "the run as a whole mixes, whichever character brings the second class"},
		{"mix across a break", strings.Repeat("a", 39) + "." + strings.Repeat("B", 39), strings.Repeat("a", 39) + "." + strings.Repeat("B", 21) + "...",
			"classes count within one run: a dot ends it and its classes"},
		{"url-safe alphabet", strings.Repeat("aB-_", 10), keyerrors.OmittedValue, "- and _ are base64url (RFC 4648 section 5) and count in a run's length"},
		{"neutral only joins", strings.Repeat("ab-_", 10), strings.Repeat("ab-_", 10), "- and _ belong to no class: lower case and them is one class"},
		{"standard alphabet", strings.Repeat("ab+/", 10), keyerrors.OmittedValue, "+ and / are base64 (RFC 4648 section 4), in the class of digits"},
		{"padding counts", b64[:38] + "==", keyerrors.OmittedValue, "= is base64's padding and counts in a run"},
		{"utf-8 ends a run", b64[:39] + "é" + b64[:39], b64[:39] + "é" + b64[:21] + "...", "a byte of a non-ASCII character is no base64 character"},

		// The markers, alone and in text.
		{"PRIVATE KEY", "PRIVATE KEY", keyerrors.OmittedValue, "the core of every PEM and SSH2 private key label"},
		{"PEM BEGIN", "-----BEGIN RSA PRIVATE KEY-----", keyerrors.OmittedValue, "a PEM private key's first line"},
		{"PEM END", "-----END PRIVATE KEY-----", keyerrors.OmittedValue, "an END line alone is still a private key's"},
		{"SSH2", "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----", keyerrors.OmittedValue, "SSH.com's private key label"},
		{"PRIVATE KEY in text", "my PRIVATE KEY is", keyerrors.OmittedValue, "a marker anywhere in the value"},
		{"openssh magic", "b3BlbnNzaC1rZXktdjE", keyerrors.OmittedValue, `the base64 of "openssh-key-v1" (PROTOCOL.key), 19 characters`},
		{"openssh magic in text", "x b3BlbnNzaC1rZXktdjEAAAA y", keyerrors.OmittedValue, "an OpenSSH private key body's start, pasted in text"},
		{"putty", "PuTTY-User-Key-File", keyerrors.OmittedValue, "a PuTTY key file's first line"},
		{"putty in text", "PuTTY-User-Key-File-3: ssh-ed25519", keyerrors.OmittedValue, "a .ppk's first line as it stands"},
		{"marker case", "putty-user-key-file private key B3BLBNNZAC1RZXKTDJE", "putty-user-key-file private key B3BLBNNZAC1RZXKTDJE", "markers are case-sensitive"},
		{"the placeholder", keyerrors.OmittedValue, keyerrors.OmittedValue, "printable and not key-like: shown as it is"},
	}
	for _, tt := range tests {
		got := keyerrors.SafeValue(tt.in)
		if got != tt.want {
			t.Errorf("%s: SafeValue(%q) = %q, want %q (%s)", tt.name, tt.in, got, tt.want, tt.reason)
		}
		if n := utf8.RuneCountInString(got); n > keyerrors.MaxValueLen {
			t.Errorf("%s: %d characters, more than %d", tt.name, n, keyerrors.MaxValueLen)
		}
		omitted := got == keyerrors.OmittedValue && tt.in != keyerrors.OmittedValue
		if keyerrors.LooksLikeKey(tt.in) && !omitted {
			t.Errorf("%s: LooksLikeKey(%q), but SafeValue shows it", tt.name, tt.in)
		}
		if !omitted && keyerrors.LooksLikeKey(got) && got != keyerrors.OmittedValue {
			t.Errorf("%s: SafeValue shows %q, which looks like key material", tt.name, got)
		}
		if got == keyerrors.OmittedValue && tt.in != keyerrors.OmittedValue && leaks(tt.in, got) {
			t.Errorf("%s: the placeholder holds part of the value", tt.name)
		}
	}
}

// leaks reports whether msg holds 8 characters in a row of in: the
// placeholder must owe nothing to the value it stands for.
func leaks(in, msg string) bool {
	for i := 0; i+8 <= len(in); i++ {
		if strings.Contains(msg, in[i:i+8]) {
			return true
		}
	}
	return false
}

// sink keeps the compiler from optimising away what the alloc tests compute.
var sink string

// TestSafeValueNoAllocs pins the allocations of the common cases: an
// ordinary value shown as it is, and a key-like one, cost nothing.
func TestSafeValueNoAllocs(t *testing.T) {
	for _, s := range []string{"i-0123456789abcdef0", "ec2-user", "", strings.Repeat("QWJj", 1000), "-----BEGIN RSA PRIVATE KEY-----"} {
		if n := testing.AllocsPerRun(100, func() { sink = keyerrors.SafeValue(s) }); n != 0 {
			t.Errorf("SafeValue(%.20q...) allocates %v times, want 0", s, n)
		}
	}
}

// keyRunRE and looksLikeKeyRef are the obviously-correct reading of
// LooksLikeKey's grammar: a run of 40 or more b64chars that holds characters
// of two of the classes upper, lower and other, or a marker.
var keyRunRE = regexp.MustCompile(`[A-Za-z0-9+/_=-]{40,}`)

func looksLikeKeyRef(s string) bool {
	for _, run := range keyRunRE.FindAllString(s, -1) {
		classes := 0
		for _, class := range []string{"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789+/"} {
			if strings.ContainsAny(run, class) {
				classes++
			}
		}
		if classes >= 2 {
			return true
		}
	}
	return strings.Contains(s, "PRIVATE KEY") ||
		strings.Contains(s, "b3BlbnNzaC1rZXktdjE") || strings.Contains(s, "PuTTY-User-Key-File")
}

// TestLooksLikeKeyRandom: the base64 of 30 or more random bytes, any piece
// of a key line, looks like key material (the soundness of "mixes"), and so
// does a key line itself.
func TestLooksLikeKeyRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 300)
	for i := 0; i < 20000; i++ {
		n := 30 + r.IntN(len(buf)-30)
		for j := range buf[:n] {
			buf[j] = byte(r.Uint32())
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawURLEncoding} {
			if s := enc.EncodeToString(buf[:n]); !keyerrors.LooksLikeKey(s) || keyerrors.SafeValue(s) != keyerrors.OmittedValue {
				t.Fatalf("the base64 of %d random bytes, %q, is not taken for key material", n, s)
			}
		}
	}
}

// FuzzSafeValue holds SafeValue's promises on any input: at most 64
// characters, valid UTF-8, no control character; OmittedValue when the
// reference reading of the grammar says the input looks like key material;
// else BinaryValue(len) exactly when the input holds a NUL or is not UTF-8;
// else the input itself when it is short, printable and free of quotes and
// backslashes; and never an output that looks like key material.
func FuzzSafeValue(f *testing.F) {
	for _, s := range []string{"", "a\nb", "it's", "\xff", strings.Repeat("\x00", 70), strings.Repeat("é", 65),
		strings.Repeat("A", 39), strings.Repeat("A", 40), strings.Repeat("Ab", 20), strings.Repeat("a", 65), "nosuchoption",
		"-----END PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjE", "PuTTY-User-Key-File-3", "0\x01" + strings.Repeat("0", 38)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := keyerrors.SafeValue(s)
		ref := looksLikeKeyRef(s)
		if keyerrors.LooksLikeKey(s) != ref {
			t.Fatalf("LooksLikeKey(%q) = %v, the reference says %v", s, !ref, ref)
		}
		binary := strings.Contains(s, "\x00") || !utf8.ValidString(s)
		if keyerrors.IsBinary(s) != binary {
			t.Fatalf("IsBinary(%q) = %v, want %v", s, !binary, binary)
		}
		omitted := got == keyerrors.OmittedValue && s != keyerrors.OmittedValue
		if ref && !omitted {
			t.Fatalf("SafeValue(%q) = %q, yet the reference says it looks like key material", s, got)
		}
		if !ref && binary && got != keyerrors.BinaryValue(len(s)) {
			t.Fatalf("SafeValue(%q) = %q, want %q: binary data is described by its length", s, got, keyerrors.BinaryValue(len(s)))
		}
		if !omitted && looksLikeKeyRef(got) {
			t.Fatalf("SafeValue(%q) = %q, which looks like key material", s, got)
		}
		// Only an escape can make a value key-like that was not: one
		// that needs none is omitted exactly when the reference says so.
		if omitted && !ref && !binary && isPrintable(s) && !strings.ContainsAny(s, `\'`) {
			t.Fatalf("SafeValue(%q) omits a printable value the reference does not take for key material", s)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("SafeValue(%q) = %q: invalid UTF-8", s, got)
		}
		if n := utf8.RuneCountInString(got); n > keyerrors.MaxValueLen {
			t.Fatalf("SafeValue(%q) has %d characters", s, n)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("SafeValue(%q) = %q holds control character %U", s, got, r)
			}
		}
		if !ref && !binary && !strings.HasSuffix(got, "...") && !strings.ContainsAny(s, `\'`) &&
			utf8.RuneCountInString(s) <= keyerrors.MaxValueLen && got != s && isPrintable(s) {
			t.Fatalf("SafeValue(%q) = %q changed a printable value", s, got)
		}
		// What is shown of a text value is the value, escaped, from its
		// start: never a byte of binary data, never a character not in s.
		if !ref && !binary && got != keyerrors.OmittedValue {
			shown := strings.TrimSuffix(got, "...")
			if !strings.HasPrefix(escapeRef(s), shown) {
				t.Fatalf("SafeValue(%q) = %q, which is not a prefix of the escaped value %q", s, got, escapeRef(s))
			}
		}
	})
}

// escapeRef escapes s as SafeValue's rule says: as a Go string literal
// would, but leaving printable characters and double quotes as they are and
// escaping the single quote.
func escapeRef(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\'':
			b.WriteString(`\'`)
		case r == '"':
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

func isPrintable(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return keyerrors.SafeValue(string(r)) != string(r) }) < 0
}
