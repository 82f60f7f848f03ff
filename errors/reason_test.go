package errors_test

import (
	"errors"
	"fmt"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// keyDetail is a key error as package sshkey makes one: its own text, with
// the package prefix, unwrapping to a key sentinel.
type keyDetail struct {
	msg      string
	sentinel error
}

func (e *keyDetail) Error() string { return e.msg }
func (e *keyDetail) Unwrap() error { return e.sentinel }

// ed25519Body is the base64 of a public key, as the tests of validate use
// it: no reason may show any of it.
const ed25519Body = "AAAAC3NzaC1lZDI1NTE5AAAAIIMZSIvWyH7BOkcq7y3shlxonWGBV1EExj2B6+6M6xmG"

// The key constraints package validate states for a refused key, and how it
// builds the FieldError's Constraint from them.
const (
	ec2KeyConstraint = "Member must be an ssh-rsa key of 2048 to 4096 bits or an ssh-ed25519 key, as an authorized_keys line or in RFC 4716 encoding"
	iamKeyConstraint = "Member must be an ssh-rsa key of at least 2048 bits, as an authorized_keys line or in PEM encoding"
)

func keyField(field, constraint string, err error, api *keyerrors.APIError) *keyerrors.FieldError {
	return &keyerrors.FieldError{Op: "UploadSSHPublicKey", Field: field, Sensitive: true,
		Constraint: constraint + " (" + err.Error() + ")", Err: err, API: api}
}

// TestReason holds Reason and FieldError.Reason to the sentence each kind of
// failure gives, and checks that no reason shows key material. It fails when
// AWS's frame is left in, a rule failure loses its constraint or a key
// failure its detail, a package prefix is kept or a foreign one removed, the
// key reason reads Constraint or Value, or errors.As is not used to look
// through wrapping.
func TestReason(t *testing.T) {
	short := &keyerrors.FieldError{Op: "SendSSHPublicKey", Field: "InstanceId", Value: "i-0123",
		Constraint: "Member must have length greater than or equal to 10", Err: keyerrors.ErrTooShort, API: keyerrors.ErrInvalidArgs}
	missing := &keyerrors.FieldError{Op: "UploadSSHPublicKey", Field: "UserName",
		Constraint: "Member must not be null", Err: keyerrors.ErrRequired, API: keyerrors.ErrValidation}
	pattern := &keyerrors.FieldError{Field: "UserName", Value: "a b",
		Constraint: `Member must satisfy regular expression pattern: ^[\w+=,.@-]+$`, Err: keyerrors.ErrPattern, API: keyerrors.ErrValidation}
	ed25519 := &keyDetail{`sshkey: a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa`, keyerrors.ErrUnsupportedKeyType}
	truncated := &keyDetail{"sshkey: the key blob is truncated before its type name (RFC 4253 section 6.6); copy the whole key again", keyerrors.ErrMalformedKey}
	iamKey := keyField("SSHPublicKeyBody", iamKeyConstraint, ed25519, keyerrors.ErrInvalidPublicKey)
	ec2Key := keyField("SSHPublicKey", ec2KeyConstraint, truncated, keyerrors.ErrInvalidArgs)

	tests := []struct {
		name   string
		err    error
		want   string
		reason string
	}{
		// Rule failures: the constraint, with the field for "Member".
		{"too short", short, "InstanceId must have length greater than or equal to 10",
			"the length constraint in the field's name"},
		{"required", missing, "UserName must not be null", "a missing member"},
		{"pattern", pattern, `UserName must satisfy regular expression pattern: ^[\w+=,.@-]+$`,
			"the model's pattern, without the value"},
		{"too long", &keyerrors.FieldError{Field: "SSHPublicKey", Sensitive: true, Constraint: "Member must have length less than or equal to 4096", Err: keyerrors.ErrTooLong},
			"SSHPublicKey must have length less than or equal to 4096", "a key member that broke a length rule is a rule failure"},
		{"enum", &keyerrors.FieldError{Field: "Status", Value: "On", Constraint: "Member must satisfy enum value set: [Active, Inactive]", Err: keyerrors.ErrNotInEnum},
			"Status must satisfy enum value set: [Active, Inactive]", "the enum's values"},
		{"range", &keyerrors.FieldError{Field: "MaxItems", Value: "1001", Constraint: "Member must have value less than or equal to 1000", Err: keyerrors.ErrOutOfRange},
			"MaxItems must have value less than or equal to 1000", "an integer's range"},
		{"utf-8", &keyerrors.FieldError{Field: "Marker", Value: `\xff`, Constraint: "Member must be valid UTF-8", Err: keyerrors.ErrPattern},
			"Marker must be valid UTF-8", "keyvet's constraint for invalid UTF-8 reads the same way"},
		{"wrapped rule", &keyerrors.FieldError{Field: "InstanceId", Constraint: "Member must have length greater than or equal to 10", Err: fmt.Errorf("detail: %w", keyerrors.ErrTooShort)},
			"InstanceId must have length greater than or equal to 10", "Err that wraps a rule sentinel is a rule failure"},
		{"no Member", &keyerrors.FieldError{Field: "Status", Constraint: "must be Active or Inactive", Err: keyerrors.ErrNotInEnum},
			"Status: must be Active or Inactive", "a constraint in other words follows the field and a colon"},
		{"Membership", &keyerrors.FieldError{Field: "Group", Constraint: "Membership must be set", Err: keyerrors.ErrRequired},
			"Group: Membership must be set", `only the word "Member" is replaced, not a word that starts with it`},
		{"no constraint", &keyerrors.FieldError{Field: "Status", Value: "on", Err: keyerrors.ErrNotInEnum},
			"Status: value is not in the enum", "Err's text stands in for a missing constraint, as in Error"},
		{"no field", &keyerrors.FieldError{Constraint: "Member must not be null", Err: keyerrors.ErrRequired},
			"Member must not be null", "without a field, the constraint as it is"},
		{"nothing", &keyerrors.FieldError{Field: "X"}, "X: unknown constraint", "Error says the same"},
		{"constraint, no Err", &keyerrors.FieldError{Field: "X", Constraint: "Member must not be null"},
			"X must not be null", "without Err, the constraint is still the reason"},

		// Key failures: the field and Err's text without the package prefix;
		// the Constraint validate builds is not read.
		{"key type", iamKey, `SSHPublicKeyBody: a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa`,
			"IAM refuses an Ed25519 key: sshkey's words, without \"sshkey: \""},
		{"truncated", ec2Key, "SSHPublicKey: the key blob is truncated before its type name (RFC 4253 section 6.6); copy the whole key again",
			"a malformed key"},
		{"other constraint", keyField("SSHPublicKey", "Member must be some key", truncated, nil), ec2Key.Reason(),
			"the reason of a key failure does not depend on Constraint"},
		{"no constraint key", &keyerrors.FieldError{Field: "SSHPublicKey", Sensitive: true, Err: truncated}, ec2Key.Reason(),
			"nor on whether there is one"},
		{"fingerprint", &keyerrors.FieldError{Field: "Fingerprint", Err: fmt.Errorf("fingerprint: key blob too short for its type name: %w", keyerrors.ErrMalformedKey)},
			"Fingerprint: key blob too short for its type name: malformed SSH public key", `package fingerprint's prefix goes too`},
		{"bare sentinel", &keyerrors.FieldError{Field: "SSHPublicKey", Err: keyerrors.ErrPrivateKey},
			"SSHPublicKey: private key given where a public key belongs", "a key sentinel without detail"},
		{"one prefix", &keyerrors.FieldError{Field: "SSHPublicKey", Err: &keyDetail{"sshkey: sshkey: x", keyerrors.ErrMalformedKey}},
			"SSHPublicKey: sshkey: x", "one leading prefix is removed, no more"},
		{"prefix inside", &keyerrors.FieldError{Field: "SSHPublicKey", Err: &keyDetail{"bad: sshkey: x", keyerrors.ErrMalformedKey}},
			"SSHPublicKey: bad: sshkey: x", "only a leading prefix is removed"},
		{"other package", &keyerrors.FieldError{Field: "SSHPublicKey", Err: errors.New("x509: malformed")},
			"SSHPublicKey: x509: malformed", "another package's prefix stays"},
		{"key, no field", &keyerrors.FieldError{Err: ed25519}, `a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa`,
			"without a field, Err's text alone"},
		{"value ignored", &keyerrors.FieldError{Field: "SSHPublicKey", Value: "ssh-ed25519 " + ed25519Body, Err: truncated}, ec2Key.Reason(),
			"Value is never read, so a value a caller left in it is not shown"},
		{"value ignored, rule", &keyerrors.FieldError{Field: "SSHPublicKey", Value: ed25519Body, Constraint: "Member must have length less than or equal to 4096", Err: keyerrors.ErrTooLong},
			"SSHPublicKey must have length less than or equal to 4096", "nor for a rule failure"},

		// Requests and wrapping.
		{"request of one", &keyerrors.RequestError{Op: "SendSSHPublicKey", Fields: []*keyerrors.FieldError{short}},
			"InstanceId must have length greater than or equal to 10", `no "1 validation error detected: "`},
		{"request", &keyerrors.RequestError{Op: "SendSSHPublicKey", Fields: []*keyerrors.FieldError{short, ec2Key}},
			"InstanceId must have length greater than or equal to 10; SSHPublicKey: the key blob is truncated before its type name (RFC 4253 section 6.6); copy the whole key again",
			`each field's reason, joined by "; "`},
		{"request with a nil field", &keyerrors.RequestError{Fields: []*keyerrors.FieldError{nil, missing, nil, iamKey}},
			`UserName must not be null; SSHPublicKeyBody: a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa`,
			"a nil entry is skipped, with its separator"},
		{"wrapped request", fmt.Errorf("upload: %w", &keyerrors.RequestError{Fields: []*keyerrors.FieldError{pattern, iamKey}}),
			`UserName must satisfy regular expression pattern: ^[\w+=,.@-]+$; SSHPublicKeyBody: a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa`,
			"errors.As finds the request through wrapping; the wrapper's words go"},
		{"wrapped field", fmt.Errorf("check: %w", short), "InstanceId must have length greater than or equal to 10",
			"errors.As finds a lone field error too"},
		{"joined", errors.Join(errors.New("first"), missing), "UserName must not be null",
			"errors.As looks into joined errors"},
		{"empty request", &keyerrors.RequestError{}, "0 validation errors detected: ",
			"a request without fields (keyvet never makes one) has no reason of its own: its Error text"},

		// Any other error: its text.
		{"api error", keyerrors.ErrNoSuchEntity.WithMessage("The user with name alice cannot be found."),
			"NoSuchEntity: The user with name alice cannot be found.", "an APIError is not a field failure"},
		{"plain", errors.New("connection refused"), "connection refused", "any other error"},
		{"key sentinel", ed25519, ed25519.Error(), "a key error outside a FieldError is left as it is"},
		{"nil", nil, "", "no error, no reason"},
	}
	for _, tt := range tests {
		got := keyerrors.Reason(tt.err)
		if got != tt.want {
			t.Errorf("%s: Reason() =\n %q\nwant\n %q\n(%s)", tt.name, got, tt.want, tt.reason)
		}
		var fe *keyerrors.FieldError
		var re *keyerrors.RequestError
		if errors.As(tt.err, &fe) && !errors.As(tt.err, &re) && fe.Reason() != got {
			t.Errorf("%s: Reason(err) = %q, but the FieldError's Reason() = %q", tt.name, got, fe.Reason())
		}
		if leaks(ed25519Body, got) {
			t.Errorf("%s: the reason %q holds key material", tt.name, got)
		}
	}
}

// TestReasonEveryRuleSentinel holds the rule/key split to the list of rule
// sentinels: each of the six gives the constraint in the field's name, and
// each key sentinel gives the field and Err's text. It fails when a rule
// sentinel is left out of the package's list (its reason would read "X:
// value is ..." with the constraint lost), or a key sentinel is taken for a
// rule.
func TestReasonEveryRuleSentinel(t *testing.T) {
	for _, s := range []error{keyerrors.ErrRequired, keyerrors.ErrTooShort, keyerrors.ErrTooLong,
		keyerrors.ErrPattern, keyerrors.ErrNotInEnum, keyerrors.ErrOutOfRange} {
		fe := &keyerrors.FieldError{Field: "F", Constraint: "Member must hold", Err: s}
		if got := fe.Reason(); got != "F must hold" {
			t.Errorf("%v: Reason() = %q, want %q", s, got, "F must hold")
		}
	}
	for _, s := range []error{keyerrors.ErrMalformedKey, keyerrors.ErrUnsupportedEncoding, keyerrors.ErrUnsupportedKeyType,
		keyerrors.ErrKeyTooSmall, keyerrors.ErrKeyTooLarge, keyerrors.ErrWeakKey, keyerrors.ErrPrivateKey,
		keyerrors.ErrCertificate, keyerrors.ErrKeyTypeMismatch, keyerrors.ErrMultipleKeys, keyerrors.ErrMalformedFingerprint} {
		fe := &keyerrors.FieldError{Field: "F", Constraint: "Member must hold", Err: s}
		if got, want := fe.Reason(), "F: "+s.Error(); got != want {
			t.Errorf("%v: Reason() = %q, want %q", s, got, want)
		}
	}
}
