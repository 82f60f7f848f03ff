package fingerprint

import (
	"crypto"
	"crypto/subtle"
	"errors"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Fingerprint is a parsed or computed key fingerprint: a hash function and
// a digest. The zero value is no fingerprint: it matches no key and its
// String is "". Fingerprint is comparable, and == means the same as
// [Fingerprint.Equal]; it can be a map key.
type Fingerprint struct {
	// hash is crypto.MD5, SHA1, SHA256, SHA384 or SHA512 for a valid
	// fingerprint, 0 for the zero value.
	hash crypto.Hash
	// sum holds the digest in its first digestSize(Hash) bytes; the rest
	// are zero.
	sum [maxDigest]byte
}

// FromKey returns the fingerprint of pub under h. A certificate gives its
// certified key's, as in OpenSSH and [SHA256]. It panics for an unsupported
// hash, as [OfBlob] does; pub must not be nil.
func FromKey(h crypto.Hash, pub ssh.PublicKey) Fingerprint {
	return FromBlob(h, plainBlob(pub))
}

// FromBlob returns the fingerprint under h of an SSH wire-format public key
// blob, hashed as given (see [OfBlob]). It panics for an unsupported hash.
func FromBlob(h crypto.Hash, blob []byte) Fingerprint {
	return Fingerprint{hash: h, sum: sum(h, blob)}
}

// Parse parses a fingerprint in a form ssh-keygen, IAM or EC2 prints:
//
//	MD5:c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea   ssh-keygen -l -E md5
//	c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea       IAM's Fingerprint, ssh-keygen before 6.8
//	SHA1:w6uZIBp5QDpWNEdXkAQGOjYkXKM                      ssh-keygen -l -E sha1
//	SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560    ssh-keygen -l
//	L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560=          EC2's KeyFingerprint of an Ed25519 key
//	SHA384:<64 base64 characters>                         ssh-keygen -l -E sha384
//	SHA512:<86 base64 characters>                         ssh-keygen -l -E sha512
//
// The hex digits of the MD5 forms may be in either case. The hash names
// are upper case, as ssh-keygen writes them, and the base64 after a hash
// name is the standard alphabet without padding (RFC 4648 section 4), as
// ssh-keygen writes it. The grammar:
//
//	fingerprint = "MD5:" hex / hex / name ":" base64 / ec2-sha256
//	hex         = 2HEXDIG 15(":" 2HEXDIG)              ; 47 characters
//	name        = "SHA1" / "SHA256" / "SHA384" / "SHA512"
//	base64      = the digest's unpadded length: 27, 43, 64 or 86 characters
//	ec2-sha256  = 43 base64 characters and "="          ; 44 characters
//
// The forms do not overlap: only the bare hex form starts with a hex pair
// and a colon (no hash name is two hex digits), and only EC2's form has no
// colon at all (the base64 alphabet has none). EC2's form is the SHA-256
// digest of the key's wire blob, the same digest as ssh-keygen's
// "SHA256:" form, so it parses to the same Fingerprint, whose
// [Fingerprint.String] is ssh-keygen's spelling. A bare hex value is read
// as IAM's MD5 (of the wire blob); EC2 shows the same spelling for an
// imported RSA key but over another input, so check such a value with
// [MatchesEC2], not [Fingerprint.Matches], when it came from EC2. EC2's
// SHA-1 of a created RSA key pair (59 characters of colon hex) is not
// read: see [EC2Created].
//
// Parse is strict, so that one fingerprint has one spelling and a typo is
// not mistaken for another fingerprint: it refuses the empty string, white
// space anywhere (trim a pasted value first), a hash name it does not know
// or in lower case, a digest of the wrong length, "=" padding after a hash
// name, a bare base64 digest without EC2's padding, a character
// outside the form's alphabet, hex without colons, and base64 whose last
// character carries non-zero unused bits (a second spelling of the same
// digest). The error wraps [keyerrors.ErrMalformedFingerprint]; its text
// quotes the input as [keyerrors.SafeValue] shows it, and may change between
// versions. So nothing of an input that looks like key material is quoted
// ('<value omitted>'): not of a private key, and not of a SHA-256 or longer
// fingerprint either, whose 43 or more base64 characters in a row have the
// shape of key material.
func Parse(s string) (Fingerprint, error) {
	if s == "" {
		return Fingerprint{}, parseError(s, "empty string")
	}
	name, body, ok := strings.Cut(s, ":")
	if !ok {
		if len(s) == ec2SHA256Len && s[len(s)-1] == '=' {
			return parseEC2SHA256(s)
		}
		return Fingerprint{}, parseError(s, "no colon: neither \"HASH:base64\", colon-separated hex nor EC2's padded SHA-256 base64")
	}
	var h crypto.Hash
	switch name {
	case "MD5":
		return parseHex(s, body, len("MD5:"))
	case "SHA1":
		h = crypto.SHA1
	case "SHA256":
		h = crypto.SHA256
	case "SHA384":
		h = crypto.SHA384
	case "SHA512":
		h = crypto.SHA512
	default:
		if len(name) == 2 && unhex(name[0]) >= 0 && unhex(name[1]) >= 0 {
			return parseHex(s, s, 0)
		}
		return Fingerprint{}, parseError(s, "unknown hash name (want MD5, SHA1, SHA256, SHA384 or SHA512, in upper case)")
	}
	return parseBase64(s, h, body, len(name)+1)
}

// MustParse is like [Parse] but panics on an error. It is meant for tests
// and examples with a literal fingerprint.
func MustParse(s string) Fingerprint {
	f, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return f
}

// parseHex parses the 16 colon-separated hex pairs of an MD5 fingerprint
// in body, which starts at offset off of the input s.
func parseHex(s, body string, off int) (Fingerprint, error) {
	if len(body) != md5Len {
		return Fingerprint{}, parseError(s, "MD5 fingerprint of "+strconv.Itoa(len(body))+
			" characters, want 47 (16 colon-separated hex pairs)")
	}
	f := Fingerprint{hash: crypto.MD5}
	for i := range len(body) {
		c := body[i]
		if i%3 == 2 {
			if c != ':' {
				return Fingerprint{}, parseError(s, "want ':' at offset "+strconv.Itoa(off+i))
			}
			continue
		}
		v := unhex(c)
		if v < 0 {
			return Fingerprint{}, parseError(s, "not a hex digit at offset "+strconv.Itoa(off+i))
		}
		f.sum[i/3] = f.sum[i/3]<<4 | byte(v)
	}
	return f, nil
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

// b64 maps a character of the standard base64 alphabet to its value, and
// every other byte to 0xff.
var b64 = func() (t [256]byte) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range t {
		t[i] = 0xff
	}
	for i := range len(alphabet) {
		t[alphabet[i]] = byte(i)
	}
	return t
}()

// parseBase64 parses the unpadded base64 digest of h in body, which starts
// at offset off of the input s.
func parseBase64(s string, h crypto.Hash, body string, off int) (Fingerprint, error) {
	n := digestSize(h)
	want := (n*8 + 5) / 6
	if i := strings.IndexByte(body, '='); i >= 0 {
		return Fingerprint{}, parseError(s, "padding '=' at offset "+strconv.Itoa(off+i)+
			" (ssh-keygen writes base64 without padding)")
	}
	if len(body) != want {
		return Fingerprint{}, parseError(s, hashName(h)+" fingerprint of "+strconv.Itoa(len(body))+
			" base64 characters, want "+strconv.Itoa(want))
	}
	f := Fingerprint{hash: h}
	var acc uint32 // bits not yet written, in the low accBits bits
	accBits := 0
	j := 0
	for i := range len(body) {
		v := b64[body[i]]
		if v == 0xff {
			return Fingerprint{}, parseError(s, "not a base64 character at offset "+strconv.Itoa(off+i))
		}
		acc = acc<<6 | uint32(v)
		accBits += 6
		if accBits >= 8 {
			accBits -= 8
			f.sum[j] = byte(acc >> accBits)
			j++
			acc &= 1<<accBits - 1
		}
	}
	if acc != 0 {
		return Fingerprint{}, parseError(s, "last base64 character has non-zero unused bits (not the canonical spelling)")
	}
	return f, nil
}

// parseError returns the error for an input s that Parse refuses.
func parseError(s, reason string) error {
	return &parseErr{value: quote(s), reason: reason}
}

// parseErr is Parse's error. It is unexported: match it with errors.Is
// and keyerrors.ErrMalformedFingerprint.
type parseErr struct {
	value  string // quoted and cut by quote
	reason string
}

func (e *parseErr) Error() string {
	return "fingerprint: cannot parse " + e.value + ": " + e.reason + ": " + keyerrors.ErrMalformedFingerprint.Error()
}

func (e *parseErr) Unwrap() error { return keyerrors.ErrMalformedFingerprint }

// quote returns s as an error message may show it, by keyerrors.SafeValue,
// the one rule of every keyvet package, put in single quotes as AWS does:
// escaped and cut, or '<value omitted>' for text that looks like key
// material (someone pasted the wrong file), of which nothing may reach a
// log.
func quote(s string) string {
	return "'" + keyerrors.SafeValue(s) + "'"
}

// Hash returns the hash function of f: crypto.MD5, SHA1, SHA256, SHA384 or
// SHA512, and 0 for the zero Fingerprint.
func (f Fingerprint) Hash() crypto.Hash { return f.hash }

// IsValid reports whether f holds a fingerprint: whether its Hash is one
// of crypto.MD5, SHA1, SHA256, SHA384 and SHA512. The zero Fingerprint is
// not valid.
func (f Fingerprint) IsValid() bool { return digestSize(f.hash) != 0 }

// String returns f in the form [OfBlob] returns for the same key, which
// [Parse] reads back to an equal Fingerprint: colon-separated lowercase hex
// with no "MD5:" prefix for MD5 (IAM's form), "SHA256:" and unpadded
// base64 for SHA-256, and so on. It returns "" for a Fingerprint that is
// not valid, such as the zero value.
func (f Fingerprint) String() string {
	if f.hash == crypto.SHA256 {
		t := sha256Text(&f.sum)
		return string(t[:])
	}
	n := digestSize(f.hash)
	if n == 0 {
		return ""
	}
	var buf [maxLen]byte
	return string(appendText(buf[:0], f.hash, f.sum[:n]))
}

// AppendText implements encoding.TextAppender: it appends [Fingerprint.String]
// to b. The zero Fingerprint appends nothing; a non-zero Hash that is not
// supported is an error.
func (f Fingerprint) AppendText(b []byte) ([]byte, error) {
	n := digestSize(f.hash)
	if n == 0 {
		if f.hash == 0 {
			return b, nil
		}
		return b, errors.New(unsupported(f.hash))
	}
	return appendText(b, f.hash, f.sum[:n]), nil
}

// MarshalText implements encoding.TextMarshaler, as [Fingerprint.AppendText].
func (f Fingerprint) MarshalText() ([]byte, error) {
	return f.AppendText(make([]byte, 0, maxLen))
}

// UnmarshalText implements encoding.TextUnmarshaler with [Parse]; empty
// text gives the zero Fingerprint, as MarshalText writes it. On error f is
// left unchanged.
func (f *Fingerprint) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*f = Fingerprint{}
		return nil
	}
	g, err := Parse(string(text))
	if err != nil {
		return err
	}
	*f = g
	return nil
}

// Sum returns a copy of the digest, f.Hash().Size() bytes long (16 for MD5, 32
// for SHA256, ...), or nil when f is not valid.
func (f Fingerprint) Sum() []byte {
	n := digestSize(f.hash)
	if n == 0 {
		return nil
	}
	return append([]byte(nil), f.sum[:n]...)
}

// Matches reports whether f is the fingerprint of pub: pub is hashed with
// f.hash and the digests compared in constant time (crypto/subtle). A
// certificate is hashed as its certified key, as OpenSSH does, so a
// certificate matches the fingerprint ssh-keygen -l prints for it. The zero
// Fingerprint matches no key. pub must not be nil.
func (f Fingerprint) Matches(pub ssh.PublicKey) bool {
	if !f.IsValid() {
		return false
	}
	return f.MatchesBlob(plainBlob(pub))
}

// MatchesBlob reports whether f is the fingerprint of an SSH wire-format
// public key blob, hashed as given (see [OfBlob]), comparing in constant
// time. It does not allocate.
func (f Fingerprint) MatchesBlob(blob []byte) bool {
	n := digestSize(f.hash)
	if n == 0 {
		return false
	}
	d := sum(f.hash, blob)
	return subtle.ConstantTimeCompare(d[:n], f.sum[:n]) == 1
}

// Equal reports whether f and g are the same fingerprint: the same hash and
// the same digest. It compares in constant time and otherwise means the
// same as f == g. Fingerprints of one key under two hashes are not equal.
func (f Fingerprint) Equal(g Fingerprint) bool {
	return subtle.ConstantTimeEq(int32(f.hash), int32(g.hash))&
		subtle.ConstantTimeCompare(f.sum[:], g.sum[:]) == 1
}
