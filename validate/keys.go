package validate

import (
	"errors"
	"unsafe"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
)

// EC2InstanceConnectKeyPolicy is the key EC2 Instance Connect takes in
// SendSSHPublicKey and SendSerialConsoleSSHPublicKey: ssh-rsa of 2048 to
// 4096 bits, or ssh-ed25519, as an authorized_keys line or an RFC 4716 file.
// The EC2 User Guide says "Supported types: RSA (OpenSSH and SSH2) and
// ED25519" and "Supported lengths: 2048 and 4096"; DSA, ECDSA, security keys
// (sk-*) and certificates are refused, as the service refuses them with
// InvalidArgsException.
var EC2InstanceConnectKeyPolicy = sshkey.Policy{
	Types:      []string{sshkey.TypeRSA, sshkey.TypeED25519},
	MinRSABits: 2048,
	MaxRSABits: 4096,
	Formats:    []sshkey.Format{sshkey.FormatAuthorizedKey, sshkey.FormatRFC4716},
}

// IAMKeyPolicy is the key IAM takes in UploadSSHPublicKey: "The public key
// must be encoded in ssh-rsa format or PEM format. The minimum bit-length of
// the public key is 2048 bits." So ssh-rsa only, of at least 2048 bits, as an
// authorized_keys line or PEM (PKIX "PUBLIC KEY" or PKCS#1 "RSA PUBLIC
// KEY"). An RFC 4716 file is an encoding IAM does not recognise.
var IAMKeyPolicy = sshkey.Policy{
	Types:      []string{sshkey.TypeRSA},
	MinRSABits: 2048,
	Formats:    []sshkey.Format{sshkey.FormatAuthorizedKey, sshkey.FormatPKIX, sshkey.FormatPKCS1},
}

// The constraints a key member states when its key is refused.
const (
	ec2KeyConstraint = "Member must be an ssh-rsa key of 2048 to 4096 bits or an ssh-ed25519 key, as an authorized_keys line or in RFC 4716 encoding"
	iamKeyConstraint = "Member must be an ssh-rsa key of at least 2048 bits, as an authorized_keys line or in PEM encoding"
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
	ec2KeyMember = keyMember{SSHPublicKeyRule, &EC2InstanceConnectKeyPolicy, ec2KeyConstraint,
		func(error) *keyerrors.APIError { return keyerrors.ErrInvalidArgs }}
	// IAM answers UnrecognizedPublicKeyEncoding for a body in no encoding
	// it takes (a private key included: no public key encoding holds it),
	// and InvalidPublicKey for a key it could read but refuses.
	iamKeyMember = keyMember{SSHPublicKeyBodyRule, &IAMKeyPolicy, iamKeyConstraint,
		func(err error) *keyerrors.APIError {
			if errors.Is(err, keyerrors.ErrUnsupportedEncoding) || errors.Is(err, keyerrors.ErrPrivateKey) {
				return keyerrors.ErrUnrecognizedPublicKeyEncoding
			}
			return keyerrors.ErrInvalidPublicKey
		}}
)

// check vets the key v of a request. It appends the failure to errs, or
// returns the key when wantKey is set. The key is only read when the
// member's length and presence held (ruleFailed is false): a 4 MiB value is
// refused by length before any decoding. Without wantKey the key is vetted
// by sshkey's fast path, Policy.CheckText, which gives the same answer as
// Parse and Check (sshkey's FuzzInspect, and FuzzKeyPaths here) without
// making a Key.
func (m keyMember) check(errs []*keyerrors.FieldError, op, v string, ruleFailed, wantKey bool) ([]*keyerrors.FieldError, *sshkey.Key) {
	if ruleFailed {
		return errs, nil
	}
	var k *sshkey.Key
	var err error
	if wantKey {
		k, err = sshkey.Parse([]byte(v))
		if err == nil {
			err = m.policy.Check(k)
		}
	} else {
		err = m.policy.CheckText(bytesOf(v))
	}
	if err != nil {
		return append(errs, keyFieldError(op, m.rule, m.constraint, err, m.api(err))), nil
	}
	return errs, k
}

func keyFieldError(op string, r *Rule, constraint string, err error, api *keyerrors.APIError) *keyerrors.FieldError {
	return &keyerrors.FieldError{
		Op:         op,
		Field:      r.Member,
		Sensitive:  true,
		Constraint: constraint + " (" + err.Error() + ")",
		Err:        err,
		API:        api,
	}
}

// bytesOf returns the bytes of s without copying them, for CheckText, which
// only reads its input and keeps nothing of it: a copy of a 16 KiB key body
// would cost more than checking it.
func bytesOf(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// keyBodyPattern is SSHPublicKeyBodyRule's model pattern, which every
// value keyMemberFast accepts matches.
const keyBodyPattern = `^[\u0009\u000A\u000D\u0020-\u00FF]+$`

// appendKeyMemberErrors is r.appendErrors for a key member (SSHPublicKeyRule
// or SSHPublicKeyBodyRule) with a faster pass for the usual key: one that
// keyMemberFast accepts satisfies r, and any other value gets r's full
// check. A key is long (up to 16 KiB), so counting its runes and matching
// its pattern byte by byte would cost as much as parsing it.
func appendKeyMemberErrors(errs []*keyerrors.FieldError, r *Rule, op, v string) []*keyerrors.FieldError {
	if keyMemberFast(r, v) {
		return errs
	}
	return r.appendErrors(errs, op, v)
}

// keyMemberFast reports whether v surely satisfies r, which has no enum and
// no pattern or keyBodyPattern: v is made of US-ASCII characters from U+0020
// to U+007F, tab, LF and CR (which keyBodyPattern allows), so it is valid
// UTF-8 and its length in Unicode scalar values is its length in bytes,
// within r's bounds. It reads v eight bytes at a time (SWAR: a byte with its
// high bit set, or below 0x20, shows in one mask).
func keyMemberFast(r *Rule, v string) bool {
	if r.Enum != nil || r.ModelPattern != "" && r.ModelPattern != keyBodyPattern ||
		len(v) == 0 || len(v) < r.MinLen || r.MaxLen > 0 && len(v) > r.MaxLen {
		return false
	}
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(v); i += 8 {
		w := uint64(v[i]) | uint64(v[i+1])<<8 | uint64(v[i+2])<<16 | uint64(v[i+3])<<24 |
			uint64(v[i+4])<<32 | uint64(v[i+5])<<40 | uint64(v[i+6])<<48 | uint64(v[i+7])<<56
		if w&highs != 0 {
			return false
		}
		// (w - 0x20 in each byte) sets a byte's high bit when the byte is
		// below 0x20 (no byte is 0x80 or more here, so none borrows).
		if (w-0x20*ones)&highs != 0 && !controlsOK(v[i:i+8]) {
			return false
		}
	}
	return controlsOK(v[i:])
}

// controlsOK reports whether every byte of s is from 0x20 to 0x7f, tab, LF
// or CR.
func controlsOK(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
