package validate_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// pemBody returns the base64 body of a PEM file of testdata/keys on one
// line: for a PKIX file, EC2's base64 DER form.
func pemBody(t *testing.T, name string) string {
	t.Helper()
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(readKey(t, name)), "\n") {
		if !strings.HasPrefix(line, "-----") {
			b.WriteString(strings.TrimSpace(line))
		}
	}
	return b.String()
}

// TestEC2ImportKeyPolicy holds EC2ImportKeyPolicy to docs/AWS-FACTS.md:
// RSA 1024..4096 as the line, RFC 4716 or base64 DER; Ed25519 as the line
// only; every refusal InvalidKey.Format.
func TestEC2ImportKeyPolicy(t *testing.T) {
	tests := []struct {
		key    string
		want   error // nil: taken
		reason string
	}{
		{readKey(t, "rsa1024.pub"), nil, "1024 bits is EC2's least"},
		{readKey(t, "rsa2048.pub"), nil, "the OpenSSH line"},
		{readKey(t, "rsa3072.pub"), nil, "3072 (decision: between the documented lengths)"},
		{readKey(t, "rsa4096.pub"), nil, "4096 bits is EC2's most"},
		{readKey(t, "rsa8192.pub"), keyerrors.ErrKeyTooLarge, "over 4096 bits"},
		{readKey(t, "rsa2048.rfc4716"), nil, "RSA in RFC 4716"},
		{pemBody(t, "rsa2048.pkcs8"), nil, "RSA in base64 DER"},
		{readKey(t, "rsa2048.pkcs8"), keyerrors.ErrUnsupportedEncoding, "PEM is not one of EC2's forms"},
		{readKey(t, "ed25519.pub"), nil, "Ed25519 line"},
		{readKey(t, "ed25519.rfc4716"), keyerrors.ErrUnsupportedEncoding, "Ed25519 in RFC 4716 is refused"},
		{readKey(t, "ecdsa256.pub"), keyerrors.ErrUnsupportedKeyType, "no ECDSA"},
		{readKey(t, "dsa1024.pub"), keyerrors.ErrUnsupportedKeyType, "EC2 does not accept DSA keys"},
		{pemBody(t, "ecdsa256.pkcs8"), keyerrors.ErrUnsupportedKeyType, "ECDSA in DER"},
		{base64.StdEncoding.EncodeToString([]byte(readKey(t, "rsa2048.pub"))), keyerrors.ErrMalformedKey, "base64 twice"},
		{"ssh-rsa AAAA", keyerrors.ErrMalformedKey, "garbage"},
		{readKey(t, "ed25519.pub") + readKey(t, "ed25519.pub"), keyerrors.ErrMultipleKeys, "two keys"},
	}
	for _, tt := range tests {
		in := &validate.EC2ImportKeyPairInput{KeyName: "my-key", PublicKeyMaterial: []byte(tt.key)}
		err := in.Validate()
		k, kerr := validate.CheckKey(validate.OpEC2ImportKeyPair, tt.key)
		if (err == nil) != (kerr == nil) || (k == nil) == (kerr == nil) {
			t.Errorf("%s: Validate %v, CheckKey %v, %v", tt.reason, err, k, kerr)
		}
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: %v, want nil", tt.reason, err)
			}
			continue
		}
		if !errors.Is(err, tt.want) || !errors.Is(err, keyerrors.ErrEC2InvalidKeyFormat) {
			t.Errorf("%s: %v, want %v and InvalidKey.Format", tt.reason, err, tt.want)
		} else if err.Error() != "Key is not in valid OpenSSH public key format" {
			t.Errorf("%s: %q, want EC2's message", tt.reason, err)
		}
	}
}

// TestEC2Rules: EC2's wording, one error per request, the first broken
// member.
func TestEC2Rules(t *testing.T) {
	key := []byte(readKey(t, "ed25519.pub"))
	tests := []struct {
		name string
		in   interface{ Validate() error }
		api  *keyerrors.APIError
		text string
	}{
		{"no name", &validate.EC2ImportKeyPairInput{PublicKeyMaterial: key}, keyerrors.ErrEC2MissingParameter,
			"The request must contain the parameter KeyName"},
		{"no material", &validate.EC2ImportKeyPairInput{KeyName: "k"}, keyerrors.ErrEC2MissingParameter,
			"The request must contain the parameter PublicKeyMaterial"},
		{"first member only", &validate.EC2ImportKeyPairInput{KeyName: " k"}, keyerrors.ErrEC2InvalidParameterValue,
			"Value ( k) for parameter KeyName is invalid. Must satisfy regular expression pattern: "},
		{"long name", &validate.EC2CreateKeyPairInput{KeyName: strings.Repeat("k", 256)}, keyerrors.ErrEC2InvalidParameterValue,
			"Value (" + strings.Repeat("k", 61) + "...) for parameter KeyName is invalid. Must have length less than or equal to 255"},
		{"non-ASCII name", &validate.EC2CreateKeyPairInput{KeyName: "clé"}, keyerrors.ErrEC2InvalidParameterValue, "Value (cl"},
		{"key type", &validate.EC2CreateKeyPairInput{KeyName: "k", KeyType: "dsa"}, keyerrors.ErrEC2InvalidParameterValue,
			"Value (dsa) for parameter KeyType is invalid. Must satisfy enum value set: [rsa, ed25519]"},
		{"key format", &validate.EC2CreateKeyPairInput{KeyName: "k", KeyFormat: "PEM"}, keyerrors.ErrEC2InvalidParameterValue,
			"Value (PEM) for parameter KeyFormat is invalid. Must satisfy enum value set: [pem, ppk]"},
		{"delete needs one", &validate.EC2DeleteKeyPairInput{}, keyerrors.ErrEC2MissingParameter,
			"The request must contain the parameter KeyName"},
		{"key pair id", &validate.EC2DeleteKeyPairInput{KeyPairId: "key-0123"}, keyerrors.ErrEC2InvalidParameterValue,
			"Value (key-0123) for parameter KeyPairId is invalid."},
		{"describe id", &validate.EC2DescribeKeyPairsInput{KeyPairIds: []string{"key-0123456789abcdef0", "x"}}, keyerrors.ErrEC2InvalidParameterValue,
			"Value (x) for parameter KeyPairId.2 is invalid."},
		{"filter", &validate.EC2DescribeKeyPairsInput{Filters: []validate.EC2Filter{{Name: "owner"}}}, keyerrors.ErrEC2InvalidParameterValue,
			"Value (owner) for parameter Filter.1.Name is invalid."},
	}
	for _, tt := range tests {
		err := tt.in.Validate()
		var re *keyerrors.RequestError
		if !errors.As(err, &re) || len(re.Fields) != 1 || re.API() != tt.api || !strings.HasPrefix(err.Error(), tt.text) {
			t.Errorf("%s: %v, want one %s starting %q", tt.name, err, tt.api.ErrorCode(), tt.text)
		}
	}
	for _, in := range []interface{ Validate() error }{
		&validate.EC2ImportKeyPairInput{KeyName: "my key", PublicKeyMaterial: key},
		&validate.EC2CreateKeyPairInput{KeyName: "k", KeyType: validate.EC2KeyTypeED25519, KeyFormat: validate.EC2KeyFormatPPK},
		&validate.EC2DescribeKeyPairsInput{},
		&validate.EC2DescribeKeyPairsInput{Filters: []validate.EC2Filter{{Name: "tag:Name"}, {Name: "key-name"}}},
		&validate.EC2DeleteKeyPairInput{KeyPairId: "key-0123456789abcdef0"},
	} {
		if err := in.Validate(); err != nil {
			t.Errorf("%T: %v, want nil", in, err)
		}
	}
}
