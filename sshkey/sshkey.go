package sshkey

import (
	"crypto"
	"encoding/base64"
	"encoding/pem"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
)

// Format is the text encoding a key was parsed from.
type Format int

const (
	// FormatAuthorizedKey is one authorized_keys line (sshd(8)), the
	// .pub file of ssh-keygen: "ssh-ed25519 AAAA... comment".
	FormatAuthorizedKey Format = iota + 1
	// FormatRFC4716 is the SSH2 public key file of RFC 4716:
	// "---- BEGIN SSH2 PUBLIC KEY ----".
	FormatRFC4716
	// FormatPKIX is a PEM block "-----BEGIN PUBLIC KEY-----" holding a DER
	// SubjectPublicKeyInfo (RFC 5280, RFC 7468 section 13).
	FormatPKIX
	// FormatPKCS1 is a PEM block "-----BEGIN RSA PUBLIC KEY-----" holding a
	// DER RSAPublicKey (RFC 8017 appendix A.1.1).
	FormatPKCS1
)

// String returns "authorized_keys", "RFC 4716", "PKIX PEM" or "PKCS#1 PEM",
// and "Format(N)" for any other value.
func (f Format) String() string {
	switch f {
	case FormatAuthorizedKey:
		return "authorized_keys"
	case FormatRFC4716:
		return "RFC 4716"
	case FormatPKIX:
		return "PKIX PEM"
	case FormatPKCS1:
		return "PKCS#1 PEM"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// Key is a parsed SSH public key. A Key returned by this package is never
// modified by it, so it may be shared between goroutines; callers should not
// modify its fields either.
type Key struct {
	// PublicKey is x/crypto's key, for signature checks.
	PublicKey ssh.PublicKey
	// Type is the wire type name, one of the Type constants:
	// "ssh-ed25519".
	Type string
	// Bits is the size ssh-keygen -l shows: the bit length of the modulus
	// for RSA and DSA, 256 for Ed25519 (and sk-ssh-ed25519), the curve size
	// for ECDSA (256, 384, 521).
	Bits int
	// Comment is the authorized_keys comment or the RFC 4716 Comment
	// header, without surrounding blanks; empty for PEM.
	Comment string
	// Format is the encoding the key was parsed from; 0 for a key made by
	// New.
	Format Format

	blob []byte // the SSH wire blob (RFC 4253 section 6.6) it was parsed from
}

// New makes a Key of an x/crypto public key, with the checks Parse applies to
// the key itself (type, sizes, exponent, canonical encoding); Format is 0.
// A certificate is ErrCertificate. The comment must be valid UTF-8 without
// control characters other than tab (ErrMalformedKey).
func New(pub ssh.PublicKey, comment string) (*Key, error) {
	if pub == nil {
		return nil, malformed("no key: the public key is nil")
	}
	if _, ok := pub.(*ssh.Certificate); ok {
		return nil, newErr(keyerrors.ErrCertificate, "this is an OpenSSH certificate; give the plain public key it certifies")
	}
	k, err := parseBlob(pub.Marshal())
	if err != nil {
		return nil, err
	}
	c := trimBlank([]byte(comment))
	if err := checkComment(c); err != nil {
		return nil, err
	}
	k.Comment = string(c)
	return k, nil
}

// MustParse is Parse that panics on error, for tests and examples with
// literal keys.
func MustParse(data string) *Key {
	k, err := Parse([]byte(data))
	if err != nil {
		panic(err)
	}
	return k
}

func (k *Key) wire() []byte {
	if k.blob == nil && k.PublicKey != nil {
		return k.PublicKey.Marshal() // a Key not made by this package
	}
	return k.blob
}

// Blob returns a copy of the SSH wire-format blob (RFC 4253 section 6.6) the
// key was parsed from: the bytes inside the base64 of an authorized_keys line,
// or, for a PEM key, the blob made of its numbers once at parse time.
func (k *Key) Blob() []byte {
	return slices.Clone(k.wire())
}

// AppendBlob appends the blob that Blob returns to dst.
func (k *Key) AppendBlob(dst []byte) []byte {
	return append(dst, k.wire()...)
}

// Fingerprint returns the fingerprint of the key's blob in the form
// ssh-keygen -l -E prints it (see fingerprint.OfBlob): for crypto.MD5 the
// colon-separated hex that IAM returns, for crypto.SHA256
// "SHA256:" and unpadded base64. The blob is hashed as parsed, never
// re-marshalled. It panics for a hash other than MD5, SHA1, SHA256 and SHA512.
func (k *Key) Fingerprint(h crypto.Hash) string {
	return fingerprint.OfBlob(h, k.wire())
}

// cleanComment makes a comment safe for one line: control characters become
// spaces, invalid UTF-8 becomes U+FFFD, blanks around it go. Comments of
// parsed keys are clean already; this guards keys built by hand, whose
// comment could otherwise inject a line into an authorized_keys file.
func cleanComment(c string) string {
	if checkComment([]byte(c)) == nil {
		return strings.Trim(c, " \t")
	}
	var b strings.Builder
	for _, r := range c {
		if r != '\t' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
			r = ' '
		}
		b.WriteRune(r) // RuneError for invalid bytes
	}
	return strings.Trim(b.String(), " \t")
}

// AuthorizedKey returns the key as one authorized_keys line, without a
// trailing newline: "ssh-ed25519 AAAAC3Nza... comment", or "ssh-ed25519
// AAAAC3Nza..." when the comment is empty.
func (k *Key) AuthorizedKey() string {
	blob := k.wire()
	c := cleanComment(k.Comment)
	var b strings.Builder
	b.Grow(len(k.Type) + 2 + base64.StdEncoding.EncodedLen(len(blob)) + len(c))
	b.WriteString(k.Type)
	b.WriteByte(' ')
	b.WriteString(base64.StdEncoding.EncodeToString(blob))
	if c != "" {
		b.WriteByte(' ')
		b.WriteString(c)
	}
	return b.String()
}

// rfc4716BodyLine is the base64 line length ssh-keygen -e writes (70); RFC
// 4716 section 3 allows 72.
const rfc4716BodyLine = 70

// maxRFC4716Comment is the longest comment RFC4716 writes: a header value is
// at most 1024 bytes (RFC 4716 section 3.3), two of them the quotes.
const maxRFC4716Comment = 1022

// RFC4716 returns the key as an RFC 4716 public key file, as ssh-keygen -e
// writes one: the BEGIN line, a Comment header with the comment in double
// quotes (none when the comment is empty), the base64 blob in lines of 70
// bytes, the END line and a newline. Every line is at most 72 bytes (RFC 4716
// section 3): a long Comment header is continued with "\" on the next lines
// (section 3.3), cut at a character boundary. A comment longer than 1022
// bytes is cut there, since a header value is at most 1024 bytes.
func (k *Key) RFC4716() []byte {
	blob := k.wire()
	enc := base64.StdEncoding.EncodeToString(blob)
	out := make([]byte, 0, len(rfc4716Begin)+len(rfc4716End)+len(enc)+len(enc)/rfc4716BodyLine+len(k.Comment)+64)
	out = append(out, rfc4716Begin+"\n"...)
	if c := cleanComment(k.Comment); c != "" {
		if len(c) > maxRFC4716Comment {
			i := maxRFC4716Comment
			for i > 0 && !utf8.RuneStart(c[i]) {
				i--
			}
			c = c[:i]
		}
		out = appendFolded(out, "Comment: \""+c+"\"")
	}
	for len(enc) > rfc4716BodyLine {
		out = append(out, enc[:rfc4716BodyLine]...)
		out = append(out, '\n')
		enc = enc[rfc4716BodyLine:]
	}
	out = append(out, enc...)
	out = append(out, "\n"+rfc4716End+"\n"...)
	return out
}

// appendFolded appends a header as lines of at most 72 bytes: each line but
// the last holds at most 71 bytes and a "\" (RFC 4716 section 3.3).
func appendFolded(out []byte, h string) []byte {
	for len(h) > 72 {
		i := 71
		for !utf8.RuneStart(h[i]) {
			i--
		}
		out = append(out, h[:i]...)
		out = append(out, "\\\n"...)
		h = h[i:]
	}
	out = append(out, h...)
	return append(out, '\n')
}

// PEM returns the key as a PKIX PEM block ("-----BEGIN PUBLIC KEY-----",
// RFC 7468 section 13), the form IAM's GetSSHPublicKey returns with
// Encoding=PEM, and ssh-keygen -e -m PKCS8 writes. PKIX holds RSA, DSA,
// ECDSA and Ed25519 keys; for the sk-* security keys, whose application
// string PKIX cannot carry, the error wraps ErrUnsupportedKeyType. The
// comment is lost.
func (k *Key) PEM() ([]byte, error) {
	t := lookupType([]byte(k.Type))
	if t == nil || !t.pkix {
		return nil, newErr(keyerrors.ErrUnsupportedKeyType, "a "+safeName([]byte(k.Type))+
			" key cannot be written as PKIX PEM; use the authorized_keys or RFC 4716 encoding")
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPKIX, Bytes: marshalSPKI(t, k.wire())}), nil
}

// PKCS1 returns an RSA key as a PKCS#1 PEM block ("-----BEGIN RSA PUBLIC
// KEY-----"), as ssh-keygen -e -m PEM writes it. For any other type the error
// wraps ErrUnsupportedKeyType.
func (k *Key) PKCS1() ([]byte, error) {
	t := lookupType([]byte(k.Type))
	if t == nil || !t.pkcs1 {
		return nil, newErr(keyerrors.ErrUnsupportedKeyType, "a "+safeName([]byte(k.Type))+
			" key cannot be written as PKCS#1 PEM, which holds RSA keys only; use PEM (PKIX) or authorized_keys")
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPKCS1, Bytes: marshalPKCS1(k.wire())}), nil
}

// Encode returns the key in the encoding f: AuthorizedKey (with a trailing
// newline, as a .pub file has), RFC4716, PEM or PKCS1. The error wraps
// ErrUnsupportedKeyType when f cannot hold the key's type, and
// ErrUnsupportedEncoding for an unknown f.
func (k *Key) Encode(f Format) ([]byte, error) {
	switch f {
	case FormatAuthorizedKey:
		return []byte(k.AuthorizedKey() + "\n"), nil
	case FormatRFC4716:
		return k.RFC4716(), nil
	case FormatPKIX:
		return k.PEM()
	case FormatPKCS1:
		return k.PKCS1()
	}
	return nil, unsupported("there is no encoding " + f.String())
}
