package validate_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// TestTransferRules holds every member rule of Transfer Family's operations
// to the model (docs/AWS-FACTS.md, "Transfer Family"), whole values only.
func TestTransferRules(t *testing.T) {
	op := validate.OpTransferImportSshPublicKey
	tests := []struct {
		op     validate.Op
		member string
		v      string
		want   error // nil: accepted
		reason string
	}{
		{op, "ServerId", "s-0123456789abcdef0", nil, "s- and 17 hex digits"},
		{op, "ServerId", "s-0123456789abcdef", keyerrors.ErrTooShort, "16 hex digits: 18 characters"},
		{op, "ServerId", "s-0123456789ABCDEF0", keyerrors.ErrPattern, "upper-case hex"},
		{op, "ServerId", "S-0123456789abcdef0", keyerrors.ErrPattern, "capital S"},
		{op, "ServerId", "xs-0123456789abcdef", keyerrors.ErrPattern, "the unanchored pattern would find s-... inside; the whole value must match"},
		{op, "UserName", "alice", nil, "word characters"},
		{op, "UserName", "a.b@c-d", nil, "@ . - after the first"},
		{op, "UserName", "ab", keyerrors.ErrTooShort, "3..100"},
		{op, "UserName", strings.Repeat("a", 101), keyerrors.ErrTooLong, "3..100"},
		{op, "UserName", "-abc", keyerrors.ErrPattern, "first must be \\w"},
		{op, "UserName", "al ice", keyerrors.ErrPattern, "space"},
		{op, "UserName", "älice", keyerrors.ErrPattern, "\\w is ASCII"},
		{op, "SshPublicKeyBody", "ssh-ed25519 AAAA comment", nil, "the pattern only: one OpenSSH line"},
		{op, "SshPublicKeyBody", "\u00a0ssh-ed25519 AAAA", nil, "ECMA 262 \\s takes U+00A0"},
		{op, "SshPublicKeyBody", "\u0085ssh-ed25519 AAAA", keyerrors.ErrPattern, "U+0085 is not ECMA 262 white space"},
		{op, "SshPublicKeyBody", "ssh-dss AAAA", nil, "the pattern lets ssh-dss through (the policy refuses it)"},
		{op, "SshPublicKeyBody", "command=\"x\" ssh-ed25519 AAAA", keyerrors.ErrPattern, "options"},
		{op, "SshPublicKeyBody", "sk-ssh-ed25519@openssh.com AAAA", keyerrors.ErrPattern, "security key"},
		{op, "SshPublicKeyBody", "ssh-ed25519-cert-v01@openssh.com AAAA", keyerrors.ErrPattern, "certificate"},
		{op, "SshPublicKeyBody", "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----", keyerrors.ErrPattern, "RFC 4716"},
		{op, "SshPublicKeyBody", "ssh-ed25519 " + strings.Repeat("A", 2037), keyerrors.ErrTooLong, "0..2048"},
		{validate.OpTransferDeleteSshPublicKey, "SshPublicKeyId", "key-0123456789abcdef0", nil, "key- and 17 hex digits"},
		{validate.OpTransferDeleteSshPublicKey, "SshPublicKeyId", "key-0123456789abcdef", keyerrors.ErrTooShort, "21..21"},
		{validate.OpTransferDeleteSshPublicKey, "SshPublicKeyId", "KEY-0123456789abcdef0", keyerrors.ErrPattern, "upper case"},
		{validate.OpTransferCreateUser, "Role", "arn:aws:iam::123456789012:role/sftp", nil, "arn:.*role/\\S+"},
		{validate.OpTransferCreateUser, "Role", "arn:aws:iam::123456789012:user/sftp", keyerrors.ErrPattern, "no role/"},
		{validate.OpTransferCreateUser, "Role", "arn:aws:iam::123456789012:role/a b", keyerrors.ErrPattern, "\\S+ to the end"},
		{validate.OpTransferCreateUser, "Role", "arn:aws:iam::1\n2:role/sftp", keyerrors.ErrPattern, ". refuses a line feed"},
		{validate.OpTransferCreateUser, "Role", "arn:x:role/", keyerrors.ErrTooShort, "20..2048"},
		{validate.OpTransferCreateUser, "SshPublicKeyBody", "", nil, "optional in CreateUser"},
	}
	for _, tt := range tests {
		err := rule(t, tt.op, tt.member).Check(tt.v)
		if tt.want == nil && tt.v == "" {
			if r := rule(t, tt.op, tt.member); r.Required() {
				t.Errorf("%v.%s is required, want optional (%s)", tt.op, tt.member, tt.reason)
			}
			continue
		}
		switch {
		case tt.want == nil && err != nil:
			t.Errorf("%v.%s Check(%.40q) = %v, want nil (%s)", tt.op, tt.member, tt.v, err, tt.reason)
		case tt.want != nil && (!errors.Is(err, tt.want) || !errors.Is(err, keyerrors.ErrTransferValidation)):
			t.Errorf("%v.%s Check(%.40q) = %v, want %v and ValidationException (%s)", tt.op, tt.member, tt.v, err, tt.want, tt.reason)
		}
	}
}

// TestTransferValidate: the Smithy frame, the key's value left out, and
// InvalidRequestException for a body the pattern takes but the policy
// refuses.
func TestTransferValidate(t *testing.T) {
	good := func() *validate.TransferImportSshPublicKeyInput {
		return &validate.TransferImportSshPublicKeyInput{ServerId: "s-0123456789abcdef0", UserName: "alice", SshPublicKeyBody: strings.TrimSpace(readKey(t, "ed25519.pub"))}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("a good request: %v", err)
	}
	tests := []struct {
		name   string
		edit   func(*validate.TransferImportSshPublicKeyInput)
		api    *keyerrors.APIError
		sent   error
		text   string
		reason string
	}{
		{"user", func(in *validate.TransferImportSshPublicKeyInput) { in.UserName = "ab" }, keyerrors.ErrTransferValidation, keyerrors.ErrTooShort,
			"2 validation errors detected: Value 'ab' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value 'ab' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w][\\w@.-]{2,99}", "AWS's frame: the length and the pattern ({2,99} after one) both"},
		{"body pattern", func(in *validate.TransferImportSshPublicKeyInput) {
			in.SshPublicKeyBody = "command=\"x\" " + in.SshPublicKeyBody
		},
			keyerrors.ErrTransferValidation, keyerrors.ErrPattern, "1 validation error detected: Value at 'sshPublicKeyBody' failed to satisfy constraint: Member must satisfy regular expression pattern: ", "the key's value left out"},
		{"dss", func(in *validate.TransferImportSshPublicKeyInput) {
			in.SshPublicKeyBody = strings.TrimSpace(readKey(t, "dsa1024.pub"))
		},
			keyerrors.ErrTransferInvalidRequest, keyerrors.ErrUnsupportedKeyType, "", "the pattern takes ssh-dss, Transfer does not"},
		{"rsa1024", func(in *validate.TransferImportSshPublicKeyInput) {
			in.SshPublicKeyBody = strings.TrimSpace(readKey(t, "rsa1024.pub"))
		},
			keyerrors.ErrTransferInvalidRequest, keyerrors.ErrKeyTooSmall, "", "RSA at least 2048 bits (decision)"},
		{"garbage base64", func(in *validate.TransferImportSshPublicKeyInput) { in.SshPublicKeyBody = "ssh-ed25519 AAAA" },
			keyerrors.ErrTransferInvalidRequest, keyerrors.ErrMalformedKey, "", "passes the pattern, no key"},
		{"two members", func(in *validate.TransferImportSshPublicKeyInput) {
			in.UserName = "ab"
			in.SshPublicKeyBody = "ssh-ed25519 AAAA"
		},
			keyerrors.ErrTransferValidation, keyerrors.ErrTooShort, "", "ValidationException wins over InvalidRequestException"},
	}
	for _, tt := range tests {
		in := good()
		tt.edit(in)
		err := in.Validate()
		var re *keyerrors.RequestError
		if !errors.As(err, &re) || re.API() != tt.api || !errors.Is(err, tt.sent) {
			t.Errorf("%s: %v, want %v wrapping %v (%s)", tt.name, err, tt.api.ErrorCode(), tt.sent, tt.reason)
			continue
		}
		if tt.text != "" && !strings.HasPrefix(err.Error(), tt.text) {
			t.Errorf("%s: %q, want it to start %q (%s)", tt.name, err, tt.text, tt.reason)
		}
	}
	for _, name := range []string{"rsa2048.pub", "ecdsa256.pub", "ecdsa384.pub", "ecdsa521.pub", "ed25519.pub"} {
		in := good()
		in.SshPublicKeyBody = readKey(t, name)
		if err := in.Validate(); err != nil {
			t.Errorf("%s: %v, Transfer takes it", name, err)
		}
	}
}

// TestLightsail: one member at a time, the name first; the raw line, not
// base64 of it.
func TestLightsail(t *testing.T) {
	line := strings.TrimSpace(readKey(t, "ed25519.pub"))
	tests := []struct {
		name, key string
		sent      error
		field     string
		reason    string
	}{
		{"my-key", line, nil, "", "the raw line"},
		{"my-key", readKey(t, "rsa2048.pub"), nil, "", "RSA 2048"},
		{"a", line, keyerrors.ErrPattern, "KeyPairName", "\\w[\\w\\-]*\\w needs two characters"},
		{"-ab", line, keyerrors.ErrPattern, "KeyPairName", "dash first"},
		{"x a", line, keyerrors.ErrPattern, "KeyPairName", "the whole value must match"},
		{"", "", keyerrors.ErrRequired, "KeyPairName", "one member at a time: the name first"},
		{"my-key", "", keyerrors.ErrRequired, "PublicKeyBase64", "required"},
		{"my-key", base64.StdEncoding.EncodeToString([]byte(line)), keyerrors.ErrUnsupportedEncoding, "PublicKeyBase64", "base64 of the line is refused"},
		{"my-key", readKey(t, "rsa1024.pub"), keyerrors.ErrKeyTooSmall, "PublicKeyBase64", "RSA at least 2048"},
		{"my-key", readKey(t, "ecdsa256.pub"), keyerrors.ErrUnsupportedKeyType, "PublicKeyBase64", "no ECDSA"},
		{"my-key", readKey(t, "ed25519.rfc4716"), keyerrors.ErrUnsupportedEncoding, "PublicKeyBase64", "the OpenSSH line only"},
	}
	for _, tt := range tests {
		err := (&validate.LightsailImportKeyPairInput{KeyPairName: tt.name, PublicKeyBase64: tt.key}).Validate()
		if tt.sent == nil {
			if err != nil {
				t.Errorf("%q: %v, want nil (%s)", tt.name, err, tt.reason)
			}
			continue
		}
		var re *keyerrors.RequestError
		if !errors.As(err, &re) || len(re.Fields) != 1 || re.Fields[0].Field != tt.field || !errors.Is(err, tt.sent) || re.API() != keyerrors.ErrLightsailInvalidInput {
			t.Errorf("%q: %v, want one InvalidInputException of %s wrapping %v (%s)", tt.name, err, tt.field, tt.sent, tt.reason)
		}
		if re != nil && tt.field == "PublicKeyBase64" && re.API().ErrorMessage() != "The format of this public key is not valid." && !errors.Is(err, keyerrors.ErrRequired) {
			t.Errorf("%q: message %q", tt.name, re.API().ErrorMessage())
		}
	}
	for _, in := range []interface{ Validate() error }{
		&validate.LightsailCreateKeyPairInput{KeyPairName: "a"},
		&validate.LightsailGetKeyPairInput{KeyPairName: "a b"},
		&validate.LightsailDeleteKeyPairInput{KeyPairName: ""},
	} {
		if err := in.Validate(); !errors.Is(err, keyerrors.ErrLightsailInvalidInput) {
			t.Errorf("%T: %v, want InvalidInputException", in, err)
		}
	}
	if err := (&validate.LightsailGetKeyPairsInput{}).Validate(); err != nil {
		t.Errorf("GetKeyPairs: %v", err)
	}
}

// TestNextRoundCheckKey: CheckKey for the next round's key-taking ops.
func TestNextRoundCheckKey(t *testing.T) {
	for _, op := range []validate.Op{validate.OpTransferImportSshPublicKey, validate.OpTransferCreateUser, validate.OpLightsailImportKeyPair} {
		if k, err := validate.CheckKey(op, readKey(t, "ed25519.pub")); err != nil || k == nil {
			t.Errorf("%v: %v, %v", op, k, err)
		}
		if _, err := validate.CheckKey(op, readKey(t, "rsa1024.pub")); !errors.Is(err, keyerrors.ErrKeyTooSmall) {
			t.Errorf("%v rsa1024: %v", op, err)
		}
	}
}
