package validate

import (
	"errors"
	"slices"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
)

// ec2InstanceConnectKeyPolicy is the key EC2 Instance Connect takes (see
// EC2InstanceConnectKeyPolicy). It is never written after initialisation.
var ec2InstanceConnectKeyPolicy = sshkey.Policy{
	Types:      []string{sshkey.TypeRSA, sshkey.TypeED25519},
	MinRSABits: 2048,
	MaxRSABits: 4096,
	Formats:    []sshkey.Format{sshkey.FormatAuthorizedKey, sshkey.FormatRFC4716},
}

// iamKeyPolicy is the key IAM takes (see IAMKeyPolicy). It is never written
// after initialisation.
var iamKeyPolicy = sshkey.Policy{
	Types:      []string{sshkey.TypeRSA},
	MinRSABits: 2048,
	Formats:    []sshkey.Format{sshkey.FormatAuthorizedKey, sshkey.FormatPKIX, sshkey.FormatPKCS1},
}

// ec2ImportKeyPolicy is the key EC2's ImportKeyPair takes (see
// EC2ImportKeyPolicy). It is never written after initialisation.
var ec2ImportKeyPolicy = sshkey.Policy{
	Types:         []string{sshkey.TypeRSA, sshkey.TypeED25519},
	MinRSABits:    1024,
	MaxRSABits:    4096,
	Formats:       []sshkey.Format{sshkey.FormatAuthorizedKey, sshkey.FormatRFC4716, sshkey.FormatDER},
	LineOnlyTypes: []string{sshkey.TypeED25519},
}

// transferKeyPolicy is the key Transfer Family takes (see
// TransferKeyPolicy). It is never written after initialisation.
var transferKeyPolicy = sshkey.Policy{
	Types:      []string{sshkey.TypeRSA, sshkey.TypeECDSA256, sshkey.TypeECDSA384, sshkey.TypeECDSA521, sshkey.TypeED25519},
	MinRSABits: 2048,
	Formats:    []sshkey.Format{sshkey.FormatAuthorizedKey},
}

// lightsailKeyPolicy is the key Lightsail's ImportKeyPair takes (see
// LightsailKeyPolicy). It is never written after initialisation.
var lightsailKeyPolicy = sshkey.Policy{
	Types:      []string{sshkey.TypeRSA, sshkey.TypeED25519},
	MinRSABits: 2048,
	Formats:    []sshkey.Format{sshkey.FormatAuthorizedKey},
}

// EC2ImportKeyPolicy returns the key EC2's ImportKeyPair takes: ssh-rsa of
// 1024 to 4096 bits, as an OpenSSH authorized_keys line, an RFC 4716 file or
// base64 DER (sshkey.FormatDER), or ssh-ed25519 as the line only. The EC2
// User Guide lists "RSA" and "ED25519", "Amazon EC2 does not accept DSA
// keys", the lengths "1024, 2048, and 4096" (keyvet takes 3072 too) and
// the three formats, of which DER and RFC 4716 for RSA only. DSA, ECDSA,
// security keys (sk-*), certificates, options and two keys are refused, as
// EC2 refuses them with InvalidKey.Format. An Ed25519 key pair does not
// work with a Windows AMI (RunInstances answers Unsupported); the import
// itself succeeds, and so does the policy.
//
// The Policy is a copy, slices included.
func EC2ImportKeyPolicy() sshkey.Policy { return clonePolicy(&ec2ImportKeyPolicy) }

// TransferKeyPolicy returns the key Transfer Family takes in
// ImportSshPublicKey and CreateUser: ssh-rsa of at least 2048 bits (a
// decision: the service guide names 2048 bits and more), ecdsa-sha2-nistp256,
// -nistp384 and -nistp521, or ssh-ed25519, as one OpenSSH authorized_keys
// line. The member's pattern, checked first, refuses RFC 4716, PEM, options,
// security keys and certificates; it lets ssh-dss through, which this
// policy refuses, as Transfer answers InvalidRequestException.
//
// The Policy is a copy, slices included.
func TransferKeyPolicy() sshkey.Policy { return clonePolicy(&transferKeyPolicy) }

// LightsailKeyPolicy returns the key Lightsail's ImportKeyPair takes:
// ssh-rsa of at least 2048 bits (documented) or ssh-ed25519 (which the live
// service accepts), as the raw OpenSSH line. The member is named
// publicKeyBase64 but holds the line itself: base64 of the line is refused,
// as Lightsail answers it with InvalidInputException "The format of this
// public key is not valid.".
//
// The Policy is a copy, slices included.
func LightsailKeyPolicy() sshkey.Policy { return clonePolicy(&lightsailKeyPolicy) }

// EC2InstanceConnectKeyPolicy returns the key EC2 Instance Connect takes in
// SendSSHPublicKey and SendSerialConsoleSSHPublicKey: ssh-rsa of 2048 to
// 4096 bits, or ssh-ed25519, as an authorized_keys line or an RFC 4716 file.
// The EC2 User Guide says "Supported types: RSA (OpenSSH and SSH2) and
// ED25519" and "Supported lengths: 2048 and 4096"; DSA, ECDSA, security keys
// (sk-*) and certificates are refused, as the service refuses them with
// InvalidArgsException.
//
// The Policy is a copy, slices included: changing it changes nothing that
// Validate applies.
func EC2InstanceConnectKeyPolicy() sshkey.Policy { return clonePolicy(&ec2InstanceConnectKeyPolicy) }

// IAMKeyPolicy returns the key IAM takes in UploadSSHPublicKey: "The public
// key must be encoded in ssh-rsa format or PEM format. The minimum
// bit-length of the public key is 2048 bits." So ssh-rsa only, of at least
// 2048 bits, as an authorized_keys line or PEM (PKIX "PUBLIC KEY" or PKCS#1
// "RSA PUBLIC KEY"). An RFC 4716 file is an encoding IAM does not recognise.
//
// The Policy is a copy, slices included.
func IAMKeyPolicy() sshkey.Policy { return clonePolicy(&iamKeyPolicy) }

func clonePolicy(p *sshkey.Policy) sshkey.Policy {
	c := *p
	c.Types = slices.Clone(p.Types)
	c.Formats = slices.Clone(p.Formats)
	c.LineOnlyTypes = slices.Clone(p.LineOnlyTypes)
	return c
}

// The constraints a key member states when its key is refused: keyvet's
// words, in AWS's frame. AWS itself answers a refused key with the
// service's code and a message of its own (IAM's InvalidPublicKey, EC2
// Instance Connect's InvalidArgsException).
const (
	ec2KeyConstraint       = "Member must be an ssh-rsa key of 2048 to 4096 bits or an ssh-ed25519 key, as an authorized_keys line or in RFC 4716 encoding"
	iamKeyConstraint       = "Member must be an ssh-rsa key of at least 2048 bits, as an authorized_keys line or in PEM encoding"
	ec2ImportKeyConstraint = "Member must be an ssh-rsa key of 1024 to 4096 bits, as an OpenSSH line, in RFC 4716 encoding or as base64 DER, or an ssh-ed25519 key as an OpenSSH line"
	transferKeyConstraint  = "Member must be an ssh-rsa key of at least 2048 bits, an ecdsa-sha2-nistp256, -nistp384 or -nistp521 key or an ssh-ed25519 key, as one OpenSSH line"
	lightsailKeyConstraint = "Member must be an ssh-rsa key of at least 2048 bits or an ssh-ed25519 key, as one OpenSSH line"
)

// A keyMember is how one service vets the key member of its requests.
type keyMember struct {
	rule       *Rule
	policy     *sshkey.Policy
	constraint string
	// api is the code the service answers a refused key with.
	api func(err error) *keyerrors.APIError
}

var (
	// EC2 Instance Connect answers InvalidArgsException for every bad key.
	ec2KeyMember = keyMember{&sshPublicKeyRule, &ec2InstanceConnectKeyPolicy, ec2KeyConstraint,
		func(error) *keyerrors.APIError { return keyerrors.ErrInvalidArgs }}
	// IAM answers UnrecognizedPublicKeyEncoding for a body in no encoding
	// it takes (a private key included: no public key encoding holds it),
	// and InvalidPublicKey for a key it could read but refuses.
	iamKeyMember = keyMember{&sshPublicKeyBodyRule, &iamKeyPolicy, iamKeyConstraint,
		func(err error) *keyerrors.APIError {
			if errors.Is(err, keyerrors.ErrUnsupportedEncoding) || errors.Is(err, keyerrors.ErrPrivateKey) {
				return keyerrors.ErrUnrecognizedPublicKeyEncoding
			}
			return keyerrors.ErrInvalidPublicKey
		}}
	// EC2 answers InvalidKey.Format for every material it does not take.
	ec2ImportKeyMember = keyMember{&ec2PublicKeyMaterialRule, &ec2ImportKeyPolicy, ec2ImportKeyConstraint,
		func(error) *keyerrors.APIError { return keyerrors.ErrEC2InvalidKeyFormat }}
	// Transfer answers a body that passes the pattern but holds no key it
	// takes with InvalidRequestException.
	transferKeyMember = keyMember{&transferKeyBodyRule, &transferKeyPolicy, transferKeyConstraint,
		func(error) *keyerrors.APIError { return keyerrors.ErrTransferInvalidRequest }}
	transferCreateUserKeyMember = keyMember{&transferOptionalKeyBodyRule, &transferKeyPolicy, transferKeyConstraint,
		func(error) *keyerrors.APIError { return keyerrors.ErrTransferInvalidRequest }}
	// Lightsail answers InvalidInputException for every key it refuses.
	lightsailKeyMember = keyMember{&lightsailPublicKeyRule, &lightsailKeyPolicy, lightsailKeyConstraint,
		func(error) *keyerrors.APIError { return keyerrors.ErrLightsailInvalidInput }}
)

// ruleErrors appends the failures of the key member's own rule, the key
// being present: "" for an optional key member (CreateUser's
// SshPublicKeyBody) is a present empty value, which its rules judge; for a
// required one it is absent. A blob member (EC2's PublicKeyMaterial) holds
// bytes, not text: its rule judges presence only, and the key policy the
// rest (binary material is InvalidKey.Format, not a parameter's value).
func (m keyMember) ruleErrors(errs []*keyerrors.FieldError, op, v string) []*keyerrors.FieldError {
	switch {
	case v == "" && m.rule.required:
		return m.rule.appendErrors(errs, op, v)
	case m.rule == &ec2PublicKeyMaterialRule:
		return errs
	}
	return m.rule.appendPresent(errs, op, v)
}

// check vets the key v of a request. It appends the failure to errs, or
// returns the key when wantKey is set. The key is only read when the
// member's length and presence held (ruleFailed is false): a 4 MiB value is
// refused by length before any decoding. Without wantKey the key is vetted
// by sshkey's fast path, Policy.CheckText, which gives the same answer as
// Policy.ParseText (sshkey's FuzzInspect, and FuzzKeyPaths here) without
// making a Key.
func (m keyMember) check(errs []*keyerrors.FieldError, op, v string, ruleFailed, wantKey bool) ([]*keyerrors.FieldError, *sshkey.Key) {
	if ruleFailed {
		return errs, nil
	}
	var k *sshkey.Key
	var err error
	if wantKey {
		k, err = m.policy.ParseText([]byte(v))
	} else if slices.Contains(m.policy.Formats, sshkey.FormatDER) {
		// CheckText reads no base64 DER: EC2's ImportKeyPair pays for a
		// Key.
		_, err = m.policy.ParseText([]byte(v))
	} else {
		err = m.policy.CheckString(v)
	}
	if err != nil {
		return append(errs, keyFieldError(op, m.rule, m.constraint, err, m.api(err))), nil
	}
	return errs, k
}

// CheckKey reports whether op would take key as its key member (the
// SSHPublicKey of the EC2 Instance Connect operations, the SSHPublicKeyBody
// of UploadSSHPublicKey, the PublicKeyMaterial of EC2's ImportKeyPair (the
// decoded text), the SshPublicKeyBody of Transfer's ImportSshPublicKey and
// CreateUser, the publicKeyBase64 of Lightsail's ImportKeyPair): the
// member's rules and the service's key policy,
// with the error Validate gives for that member of a request whose other
// members hold. It returns the parsed key when op takes it. So a tool can
// ask "will SendSSHPublicKey take this key" without inventing an instance
// id:
//
//	k, err := validate.CheckKey(validate.OpSendSSHPublicKey, line)
//
// err is nil, or a *keyerrors.RequestError of op's name holding the one
// failure of the key member (errors.Is finds keyerrors.ErrInvalidArgs,
// keyerrors.ErrKeyTooSmall, ...). An Op that carries no key (Op.TakesKey is
// false) gets an error that wraps no sentinel.
func CheckKey(op Op, key string) (*sshkey.Key, error) {
	if !op.TakesKey() {
		return nil, errors.New("validate: " + op.String() + " carries no SSH public key")
	}
	m := ops[op].key
	name := op.Name()
	var buf [4]*keyerrors.FieldError
	// The key is asked about as present: "" for an optional key member
	// (CreateUser's SshPublicKeyBody) is a present empty value, which its
	// rules judge.
	errs := m.ruleErrors(buf[:0], name, key)
	errs, k := m.check(errs, name, key, len(errs) > 0, true)
	return keyResult(name, errs, k)
}

// CheckParsedKey is CheckKey of k.String(), k's authorized_keys line, the
// text a tool sends for a key it read from a file: the same answer and the
// same error, without reading the text again. It is for loops over many
// keys already parsed (authorizedkeys.Read, knownhosts.Read), where
// CheckKey would parse each twice. A key made by sshkey.New (its Format is
// sshkey.FormatNone) is judged the same way, as its line; the zero Key's
// line is "", which the key member refuses as missing.
func CheckParsedKey(op Op, k *sshkey.Key) error {
	if !op.TakesKey() {
		return errors.New("validate: " + op.String() + " carries no SSH public key")
	}
	if k == nil {
		return errors.New("validate: CheckParsedKey of a nil key")
	}
	m := ops[op].key
	line := k.String()
	if !slices.Contains(m.policy.Formats, sshkey.FormatAuthorizedKey) {
		_, err := CheckKey(op, line) // the line's encoding is refused: say so as CheckKey does
		return err
	}
	// The text is k's authorized_keys line, whatever encoding k was read
	// from: the policy's other constraints apply to the parsed key as it
	// is, and its encoding is one the policy takes.
	p := *m.policy
	p.Formats, p.LineOnlyTypes = nil, nil
	name := op.Name()
	var buf [4]*keyerrors.FieldError
	errs := m.rule.appendErrors(buf[:0], name, line)
	if len(errs) == 0 {
		if err := p.Check(k); err != nil {
			errs = append(errs, keyFieldError(name, m.rule, m.constraint, err, m.api(err)))
		}
	}
	return requestError(name, errs)
}

func keyFieldError(op string, r *Rule, constraint string, err error, api *keyerrors.APIError) *keyerrors.FieldError {
	return &keyerrors.FieldError{
		Op:         op,
		Field:      r.member,
		Sensitive:  true,
		Constraint: constraint + " (" + err.Error() + ")",
		Err:        err,
		API:        api,
	}
}
