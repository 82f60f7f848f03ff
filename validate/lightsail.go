package validate

import (
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
	"github.com/keyvet/keyvet/sshkey"
)

// Lightsail answers InvalidInputException for a bad member, one member at a
// time (the first, in the order of the input's fields), with a message
// that names it (keyvet's decision: the one-field Smithy text), and for a
// key it refuses with "The format of this public key is not valid.".

// LightsailTag is one tag (lightsail types.Tag).
type LightsailTag struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
}

// LightsailImportKeyPairInput is the input of Lightsail's ImportKeyPair,
// with the field names of aws-sdk-go-v2's lightsail.ImportKeyPairInput and
// JSON names as on the wire (awsJson1.1).
type LightsailImportKeyPairInput struct {
	// KeyPairName is the key pair's name: required, pattern
	// \w[\w\-]*\w.
	KeyPairName string `json:"keyPairName"`
	// PublicKeyBase64 is, despite its name, the raw OpenSSH line:
	// required, LightsailKeyPolicy.
	PublicKeyBase64 string `json:"publicKeyBase64"`
}

// Validate checks the fields, and the key against LightsailKeyPolicy, and
// returns nil or a *keyerrors.RequestError with the first failure, which
// wraps keyerrors.ErrLightsailInvalidInput (and the key sentinel, for a
// refused key). Like SendSSHPublicKeyInput.Validate, it makes no Key.
func (in *LightsailImportKeyPairInput) Validate() error {
	_, err := in.validate(false)
	return err
}

// ValidateKey is Validate that also returns the parsed key when all holds.
func (in *LightsailImportKeyPairInput) ValidateKey() (*sshkey.Key, error) {
	return in.validate(true)
}

func (in *LightsailImportKeyPairInput) validate(wantKey bool) (*sshkey.Key, error) {
	op := OpLightsailImportKeyPair.Name()
	var buf [4]*keyerrors.FieldError
	errs := lightsailKeyPairNameRule.appendErrors(buf[:0], op, in.KeyPairName)
	var k *sshkey.Key
	if len(errs) == 0 {
		errs = lightsailPublicKeyRule.appendErrors(errs, op, in.PublicKeyBase64)
		errs, k = lightsailKeyMember.check(errs, op, in.PublicKeyBase64, len(errs) > 0, wantKey)
	}
	return keyResult(op, firstError(errs), k)
}

// LightsailCreateKeyPairInput is the input of CreateKeyPair.
type LightsailCreateKeyPairInput struct {
	KeyPairName string         `json:"keyPairName"`
	Tags        []LightsailTag `json:"tags,omitempty"`
}

// Validate checks KeyPairName (required, pattern \w[\w\-]*\w).
func (in *LightsailCreateKeyPairInput) Validate() error {
	return lightsailNameOnly(OpLightsailCreateKeyPair, in.KeyPairName)
}

// LightsailGetKeyPairInput is the input of GetKeyPair.
type LightsailGetKeyPairInput struct {
	KeyPairName string `json:"keyPairName"`
}

// Validate checks KeyPairName (required, pattern \w[\w\-]*\w).
func (in *LightsailGetKeyPairInput) Validate() error {
	return lightsailNameOnly(OpLightsailGetKeyPair, in.KeyPairName)
}

// LightsailGetKeyPairsInput is the input of GetKeyPairs. The model puts no
// rule on its members: Validate always returns nil.
type LightsailGetKeyPairsInput struct {
	PageToken             string `json:"pageToken,omitempty"`
	IncludeDefaultKeyPair bool   `json:"includeDefaultKeyPair,omitempty"`
}

// Validate returns nil: no member of GetKeyPairs has a rule.
func (in *LightsailGetKeyPairsInput) Validate() error { return nil }

// LightsailDeleteKeyPairInput is the input of DeleteKeyPair.
type LightsailDeleteKeyPairInput struct {
	// KeyPairName is the key pair: required, pattern \w[\w\-]*\w.
	KeyPairName string `json:"keyPairName"`
	// ExpectedFingerprint, when given, must equal the key pair's
	// fingerprint, which only the service knows: Validate checks no rule
	// on it.
	ExpectedFingerprint string `json:"expectedFingerprint,omitempty"`
}

// Validate checks KeyPairName.
func (in *LightsailDeleteKeyPairInput) Validate() error {
	return lightsailNameOnly(OpLightsailDeleteKeyPair, in.KeyPairName)
}

func lightsailNameOnly(op Op, name string) error {
	var buf [2]*keyerrors.FieldError
	return requestError(op.Name(), firstError(lightsailKeyPairNameRule.appendErrors(buf[:0], op.Name(), name)))
}

// LightsailResourceLocation is where a resource is (lightsail
// types.ResourceLocation).
type LightsailResourceLocation struct {
	AvailabilityZone string `json:"availabilityZone,omitempty"`
	RegionName       string `json:"regionName,omitempty"`
}

// LightsailKeyPair is Lightsail's KeyPair structure (lightsail
// types.KeyPair).
type LightsailKeyPair struct {
	Name         string                    `json:"name"`
	Arn          string                    `json:"arn"`
	SupportCode  string                    `json:"supportCode,omitempty"`
	CreatedAt    time.Time                 `json:"createdAt,omitzero"`
	Location     LightsailResourceLocation `json:"location"`
	ResourceType string                    `json:"resourceType"`
	Tags         []LightsailTag            `json:"tags,omitempty"`
	// Fingerprint is the key pair's fingerprint. Lightsail does not
	// document its form; NewLightsailKeyPair puts EC2's imported-key form
	// there (fingerprint.EC2), which keyvet's stand-in shows, and keyvet
	// promises no Lightsail fingerprint.
	Fingerprint string `json:"fingerprint,omitempty"`
}

// NewLightsailKeyPair builds the KeyPair Lightsail keeps for a valid
// ImportKeyPair: the name of in, the ARN, Region and time the caller chose,
// resource type "KeyPair", and as fingerprint EC2's form of an imported key
// (see LightsailKeyPair.Fingerprint). It validates in as
// LightsailImportKeyPairInput.ValidateKey does and returns its error.
func NewLightsailKeyPair(in *LightsailImportKeyPairInput, arn, region string, created time.Time) (*LightsailKeyPair, error) {
	k, err := in.ValidateKey()
	if err != nil {
		return nil, err
	}
	return &LightsailKeyPair{
		Name:         in.KeyPairName,
		Arn:          arn,
		CreatedAt:    created,
		Location:     LightsailResourceLocation{AvailabilityZone: "all", RegionName: region},
		ResourceType: "KeyPair",
		Fingerprint:  fingerprint.EC2(k.PublicKey()),
	}, nil
}
