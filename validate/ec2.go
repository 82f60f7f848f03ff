package validate

import (
	"strconv"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
	"github.com/keyvet/keyvet/sshkey"
)

// EC2's key pair operations answer one error per request: the first
// member that breaks a rule, in the order of the input's fields, as
// MissingParameter or InvalidParameterValue (or InvalidKey.Format for the
// key). Their Validate methods return a *keyerrors.RequestError holding
// that one failure, whose Error text is EC2's message:
//
//	The request must contain the parameter KeyName
//	Value ( my key ) for parameter KeyName is invalid. Must satisfy regular expression pattern: ...
//	Key is not in valid OpenSSH public key format

// EC2Tag is one tag of a TagSpecification (ec2 types.Tag). keyvet checks no
// rule on tags: the model gives none.
type EC2Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// EC2TagSpecification is the tags to put on the key pair (ec2
// types.TagSpecification); ResourceType is "key-pair".
type EC2TagSpecification struct {
	ResourceType string   `json:"ResourceType,omitempty"`
	Tags         []EC2Tag `json:"Tags,omitempty"`
}

// EC2ImportKeyPairInput is the input of EC2's ImportKeyPair, with the field
// names of aws-sdk-go-v2's ec2.ImportKeyPairInput (ec2 query parameters
// KeyName, PublicKeyMaterial, DryRun, TagSpecification.N).
type EC2ImportKeyPairInput struct {
	// KeyName is the key pair's name, unique in the Region: required,
	// 1..255 ASCII characters, no leading or trailing space.
	KeyName string `json:"KeyName"`
	// PublicKeyMaterial is the key text, as the SDK takes it (the SDK and
	// the AWS CLI send it base64-encoded; nil is absent):
	// EC2ImportKeyPolicy.
	PublicKeyMaterial []byte `json:"PublicKeyMaterial"`
	// DryRun asks EC2 to check the request and answer DryRunOperation.
	DryRun bool `json:"DryRun,omitempty"`
	// TagSpecifications tags the key pair.
	TagSpecifications []EC2TagSpecification `json:"TagSpecifications,omitempty"`
}

// Validate checks the fields and the key against EC2ImportKeyPolicy, and
// returns nil or a *keyerrors.RequestError with the first failure: an
// absent member wraps keyerrors.ErrEC2MissingParameter, a bad KeyName
// keyerrors.ErrEC2InvalidParameterValue, a key EC2 does not take
// keyerrors.ErrEC2InvalidKeyFormat and the key sentinel that says why.
// Like SendSSHPublicKeyInput.Validate, it makes no Key.
func (in *EC2ImportKeyPairInput) Validate() error {
	_, err := in.validate(false)
	return err
}

// ValidateKey is Validate that also returns the parsed key when all holds.
func (in *EC2ImportKeyPairInput) ValidateKey() (*sshkey.Key, error) {
	return in.validate(true)
}

func (in *EC2ImportKeyPairInput) validate(wantKey bool) (*sshkey.Key, error) {
	op := OpEC2ImportKeyPair.Name()
	var buf [4]*keyerrors.FieldError
	errs := ec2KeyNameRule.appendErrors(buf[:0], op, in.KeyName)
	var k *sshkey.Key
	if len(errs) == 0 {
		// nil and empty material are both absent: the query protocol
		// sends no PublicKeyMaterial for either.
		errs = ec2ImportKeyMember.ruleErrors(errs, op, string(in.PublicKeyMaterial))
		errs, k = ec2ImportKeyMember.check(errs, op, string(in.PublicKeyMaterial), len(errs) > 0, wantKey)
	}
	return keyResult(op, firstError(errs), k)
}

// EC2CreateKeyPairInput is the input of EC2's CreateKeyPair (ec2
// CreateKeyPairInput).
type EC2CreateKeyPairInput struct {
	// KeyName is the key pair's name: required, as EC2ImportKeyPairInput's.
	KeyName string `json:"KeyName"`
	// KeyType is EC2KeyTypeRSA (the default) or EC2KeyTypeED25519.
	KeyType string `json:"KeyType,omitempty"`
	// KeyFormat is EC2KeyFormatPEM (the default) or EC2KeyFormatPPK: the
	// encoding of the private key EC2 returns.
	KeyFormat string `json:"KeyFormat,omitempty"`
	// DryRun asks EC2 to check the request and answer DryRunOperation.
	DryRun bool `json:"DryRun,omitempty"`
	// TagSpecifications tags the key pair.
	TagSpecifications []EC2TagSpecification `json:"TagSpecifications,omitempty"`
}

// Validate checks the fields and returns nil or a *keyerrors.RequestError
// with the first failure (keyerrors.ErrEC2MissingParameter or
// keyerrors.ErrEC2InvalidParameterValue).
func (in *EC2CreateKeyPairInput) Validate() error {
	op := OpEC2CreateKeyPair.Name()
	var buf [4]*keyerrors.FieldError
	errs := ec2KeyNameRule.appendErrors(buf[:0], op, in.KeyName)
	errs = ec2KeyTypeRule.appendErrors(errs, op, in.KeyType)
	errs = ec2KeyFormatRule.appendErrors(errs, op, in.KeyFormat)
	return requestError(op, firstError(errs))
}

// EC2Filter is one filter of DescribeKeyPairs (ec2 types.Filter).
type EC2Filter struct {
	// Name is "fingerprint", "key-name", "key-pair-id", "key-type",
	// "tag-key", or "tag:" and a tag key.
	Name string `json:"Name"`
	// Values are the values to match; keyvet checks no rule on them.
	Values []string `json:"Values,omitempty"`
}

// EC2DescribeKeyPairsInput is the input of EC2's DescribeKeyPairs (ec2
// DescribeKeyPairsInput). Every member is optional; none lists every key
// pair of the Region.
type EC2DescribeKeyPairsInput struct {
	// KeyNames are names to describe (KeyName.N): each as
	// EC2ImportKeyPairInput's KeyName.
	KeyNames []string `json:"KeyNames,omitempty"`
	// KeyPairIds are ids to describe (KeyPairId.N): each "key-" and 17
	// hex digits.
	KeyPairIds []string `json:"KeyPairIds,omitempty"`
	// Filters narrow the answer (Filter.N.Name, Filter.N.Value.M).
	Filters []EC2Filter `json:"Filters,omitempty"`
	// IncludePublicKey asks for each key pair's public key.
	IncludePublicKey bool `json:"IncludePublicKey,omitempty"`
	// DryRun asks EC2 to check the request and answer DryRunOperation.
	DryRun bool `json:"DryRun,omitempty"`
}

// Validate checks every entry and returns nil or a *keyerrors.RequestError
// with the first failure, whose Field is the query parameter
// ("KeyName.2", "KeyPairId.1", "Filter.1.Name"; N counts from 1).
func (in *EC2DescribeKeyPairsInput) Validate() error {
	op := OpEC2DescribeKeyPairs.Name()
	var buf [4]*keyerrors.FieldError
	errs := appendListErrors(buf[:0], op, &ec2OptionalKeyNameRule, "KeyName.", "", in.KeyNames)
	errs = appendListErrors(errs, op, &ec2KeyPairIdRule, "KeyPairId.", "", in.KeyPairIds)
	for i, f := range in.Filters {
		if len(errs) > 0 {
			break
		}
		errs = appendListErrors(errs, op, &ec2FilterNameRule, "Filter."+strconv.Itoa(i+1)+".", "Name", []string{f.Name})
	}
	return requestError(op, firstError(errs))
}

// appendListErrors appends the failures of each value of a list member,
// each a present value (an empty entry is a value), naming the field
// prefix, the value's 1-based index and suffix ("KeyName.2"); for a
// structure's member, whose own name is the suffix, the index is left out
// ("Filter.1." and "Name" give "Filter.1.Name").
func appendListErrors(errs []*keyerrors.FieldError, op string, r *Rule, prefix, suffix string, values []string) []*keyerrors.FieldError {
	for i, v := range values {
		n := len(errs)
		errs = r.appendPresent(errs, op, v)
		field := prefix + suffix
		if suffix == "" {
			field = prefix + strconv.Itoa(i+1)
		}
		for _, fe := range errs[n:] {
			fe.Field = field
		}
	}
	return errs
}

// EC2DeleteKeyPairInput is the input of EC2's DeleteKeyPair (ec2
// DeleteKeyPairInput). It needs KeyName or KeyPairId. EC2 answers a name or
// id that does not exist with success.
type EC2DeleteKeyPairInput struct {
	// KeyName is the key pair's name.
	KeyName string `json:"KeyName,omitempty"`
	// KeyPairId is the key pair's id: "key-" and 17 hex digits.
	KeyPairId string `json:"KeyPairId,omitempty"`
	// DryRun asks EC2 to check the request and answer DryRunOperation.
	DryRun bool `json:"DryRun,omitempty"`
}

// Validate checks the fields and returns nil or a *keyerrors.RequestError
// with the first failure: neither member given is MissingParameter for
// KeyName.
func (in *EC2DeleteKeyPairInput) Validate() error {
	op := OpEC2DeleteKeyPair.Name()
	var buf [4]*keyerrors.FieldError
	if in.KeyName == "" && in.KeyPairId == "" {
		return requestError(op, append(buf[:0], ec2KeyNameRule.fail(op, "", keyerrors.ErrRequired, "Member must not be null")))
	}
	errs := ec2OptionalKeyNameRule.appendErrors(buf[:0], op, in.KeyName)
	errs = ec2KeyPairIdRule.appendErrors(errs, op, in.KeyPairId)
	return requestError(op, firstError(errs))
}

// firstError returns errs cut to its first failure, for the services that
// answer one error per request (EC2, Lightsail).
func firstError(errs []*keyerrors.FieldError) []*keyerrors.FieldError {
	return errs[:min(len(errs), 1)]
}

// EC2KeyPairInfo is EC2's KeyPairInfo, one key pair of DescribeKeyPairs
// (ec2 types.KeyPairInfo).
type EC2KeyPairInfo struct {
	// KeyPairId is "key-" and 17 hex digits.
	KeyPairId string `json:"KeyPairId"`
	// KeyType is EC2KeyTypeRSA or EC2KeyTypeED25519.
	KeyType string `json:"KeyType"`
	// Tags are the key pair's tags.
	Tags []EC2Tag `json:"Tags,omitempty"`
	// PublicKey is the key as an OpenSSH line, answered when
	// IncludePublicKey is set.
	PublicKey string `json:"PublicKey,omitempty"`
	// CreateTime is when the key pair was made or imported.
	CreateTime time.Time `json:"CreateTime,omitzero"`
	// KeyName is the key pair's name.
	KeyName string `json:"KeyName"`
	// KeyFingerprint is EC2's fingerprint: fingerprint.EC2 of an imported
	// key, fingerprint.EC2Created of one EC2 made.
	KeyFingerprint string `json:"KeyFingerprint"`
}

// EC2ImportKeyPairOutput is the response of ImportKeyPair (ec2
// ImportKeyPairOutput).
type EC2ImportKeyPairOutput struct {
	KeyFingerprint string   `json:"KeyFingerprint"`
	KeyName        string   `json:"KeyName"`
	KeyPairId      string   `json:"KeyPairId"`
	Tags           []EC2Tag `json:"Tags,omitempty"`
}

// EC2CreateKeyPairOutput is the response of CreateKeyPair (ec2
// CreateKeyPairOutput). KeyMaterial is a private key: nothing of keyvet
// ever logs or shows it.
type EC2CreateKeyPairOutput struct {
	KeyFingerprint string   `json:"KeyFingerprint"`
	KeyMaterial    string   `json:"KeyMaterial"`
	KeyName        string   `json:"KeyName"`
	KeyPairId      string   `json:"KeyPairId"`
	Tags           []EC2Tag `json:"Tags,omitempty"`
}

// EC2DescribeKeyPairsOutput is the response of DescribeKeyPairs.
type EC2DescribeKeyPairsOutput struct {
	KeyPairs []EC2KeyPairInfo `json:"KeyPairs"`
}

// EC2DeleteKeyPairOutput is the response of DeleteKeyPair: Return is true,
// KeyPairId the id of the key pair deleted (empty when there was none).
type EC2DeleteKeyPairOutput struct {
	Return    bool   `json:"Return"`
	KeyPairId string `json:"KeyPairId,omitempty"`
}

// NewEC2KeyPairInfo builds the KeyPairInfo EC2 keeps for a valid
// ImportKeyPair: the name and tags of in, the id and time the caller chose,
// the key type, the key as an OpenSSH line, and EC2's fingerprint of an
// imported key (fingerprint.EC2: MD5 of the DER SubjectPublicKeyInfo for
// RSA, padded base64 SHA-256 of the wire blob for Ed25519). It validates in
// as EC2ImportKeyPairInput.ValidateKey does and returns its error, and
// refuses an id that is not "key-" and 17 hex digits, as EC2 makes them.
// Info.ImportOutput gives the ImportKeyPair response.
func NewEC2KeyPairInfo(in *EC2ImportKeyPairInput, id string, created time.Time) (*EC2KeyPairInfo, error) {
	k, err := in.ValidateKey()
	if err != nil {
		return nil, err
	}
	if err := ec2KeyPairIdRule.Check(id); err != nil {
		return nil, err
	}
	typ := EC2KeyTypeRSA
	if k.Type() == sshkey.TypeED25519 {
		typ = EC2KeyTypeED25519
	}
	var tags []EC2Tag
	for _, ts := range in.TagSpecifications {
		tags = append(tags, ts.Tags...)
	}
	return &EC2KeyPairInfo{
		KeyPairId:      id,
		KeyType:        typ,
		Tags:           tags,
		PublicKey:      k.String(),
		CreateTime:     created,
		KeyName:        in.KeyName,
		KeyFingerprint: fingerprint.EC2(k.PublicKey()),
	}, nil
}

// ImportOutput returns the ImportKeyPair response for info.
func (info *EC2KeyPairInfo) ImportOutput() *EC2ImportKeyPairOutput {
	return &EC2ImportKeyPairOutput{
		KeyFingerprint: info.KeyFingerprint,
		KeyName:        info.KeyName,
		KeyPairId:      info.KeyPairId,
		Tags:           info.Tags,
	}
}
