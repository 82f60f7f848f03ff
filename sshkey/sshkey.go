package sshkey

import (
	"bytes"
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

// Format is the text encoding a key was parsed from. FormatNone, the zero
// value, is no text encoding: the Format of a Key made by New, or of the
// zero Key, which were read from no text.
type Format int

const (
	// FormatNone is the Format of a Key read from no text: one made by New
	// (of an x/crypto key), and the zero Key. Policy.Formats does not judge
	// such a key, and Encode refuses it (ErrUnsupportedEncoding).
	FormatNone Format = iota
	// FormatAuthorizedKey is one authorized_keys line (sshd(8)), the
	// .pub file of ssh-keygen: "ssh-ed25519 AAAA... comment".
	FormatAuthorizedKey
	// FormatRFC4716 is the SSH2 public key file of RFC 4716:
	// "---- BEGIN SSH2 PUBLIC KEY ----".
	FormatRFC4716
	// FormatPKIX is a PEM block "-----BEGIN PUBLIC KEY-----" holding a DER
	// SubjectPublicKeyInfo (RFC 5280, RFC 7468 section 13).
	FormatPKIX
	// FormatPKCS1 is a PEM block "-----BEGIN RSA PUBLIC KEY-----" holding a
	// DER RSAPublicKey (RFC 8017 appendix A.1.1).
	FormatPKCS1
	// FormatDER is a DER SubjectPublicKeyInfo in padded base64 on one
	// line, with no PEM frame: the form EC2's ImportKeyPair takes for an
	// RSA key. Parse and Detect never return it; ParseDER reads it, and
	// Policy.ParseText where the policy lists it (der.go).
	FormatDER
)

// String returns "none" for FormatNone, "authorized_keys", "RFC 4716",
// "PKIX PEM" or "PKCS#1 PEM", and "Format(N)" for any other value.
func (f Format) String() string {
	switch f {
	case FormatNone:
		return "none"
	case FormatAuthorizedKey:
		return "authorized_keys"
	case FormatRFC4716:
		return "RFC 4716"
	case FormatPKIX:
		return "PKIX PEM"
	case FormatPKCS1:
		return "PKCS#1 PEM"
	case FormatDER:
		return "base64 DER"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// Key is an SSH public key: its type, its SSH wire blob (RFC 4253 section
// 6.6), its comment and the encoding it was read from. A Key is immutable,
// like a netip.Addr: Parse, New and WithComment make one, and nothing
// changes it afterwards (but UnmarshalText, on a Key its caller owns), so
// it may be shared between goroutines. Every Key this package makes holds a
// blob that passed Parse's checks. Make one with Parse, ParseString, a
// ParseX function, New or UnmarshalText.
//
// The zero Key holds no key, as the zero netip.Addr holds no address. Its
// methods do not panic: its Type and Comment are "", its Bits 0, its Format
// FormatNone, its PublicKey and Marshal nil, its Fingerprint the zero
// Fingerprint (which matches no key); it is Equal to the zero Key only. Its
// String, MarshalText, MarshalAuthorizedKey and MarshalRFC4716 are empty,
// and UnmarshalText of empty text gives the zero Key back, so a zero Key
// survives a round trip through encoding/json. Encode, MarshalPKIX and
// MarshalPKCS1 of it, and WithComment on it, are ErrMalformedKey, and
// Policy.Check refuses it with ErrMalformedKey.
type Key struct {
	typ     string
	bits    int
	comment string
	format  Format
	blob    []byte // the SSH wire blob, never handed out
}

// New makes a Key of an x/crypto public key, with the checks Parse applies to
// the key itself (type, sizes, exponent, canonical encoding). The Key was
// read from no text: its Format is FormatNone, and Policy.Formats does not
// judge it (the policy's other rules do). An *ssh.Certificate gives a
// certificate Key (see Key.Certificate), checked as Parse checks one.
// The comment must be valid UTF-8 without control characters other than
// tab (ErrMalformedKey); blanks around it are dropped.
func New(pub ssh.PublicKey, comment string) (*Key, error) {
	if pub == nil {
		return nil, malformed("no key: the public key is nil")
	}
	k, err := parseBlob(pub.Marshal())
	if err != nil {
		return nil, err
	}
	return k.WithComment(comment)
}

// MustParse is Parse that panics on error, for tests and examples with
// literal keys.
func MustParse(data string) *Key {
	k, err := ParseString(data)
	if err != nil {
		panic(err)
	}
	return k
}

// Type returns the wire type name, one of the Type constants:
// "ssh-ed25519"; for a certificate, its certificate type (one of
// CertTypes): "ssh-ed25519-cert-v01@openssh.com".
func (k *Key) Type() string { return k.typ }

// Bits returns the size ssh-keygen -l shows: the bit length of the modulus
// for RSA and of p for DSA, 256 for Ed25519 (and sk-ssh-ed25519), the curve
// size for ECDSA (256, 384, 521). A certificate's is its certified key's,
// as ssh-keygen -l shows it.
func (k *Key) Bits() int { return k.bits }

// Comment returns the authorized_keys comment or the RFC 4716 Comment
// header, without surrounding blanks; "" for PEM and for none.
func (k *Key) Comment() string { return k.comment }

// Format returns the encoding the key was parsed from: FormatNone for a key
// made by New, which was read from no text, and for the zero Key.
func (k *Key) Format() Format { return k.format }

// PublicKey returns the key as x/crypto's ssh.PublicKey, for signature
// checks, or nil for the zero Key. Each call makes a new one of the blob,
// so that changing it (the N of an RSA key's *rsa.PublicKey) leaves the Key
// as it was; keep it to check many signatures. For ssh-dss, which x/crypto
// no longer reads, it is sshkey's own type, whose Verify always fails. For
// a certificate it is an *ssh.Certificate.
func (k *Key) PublicKey() ssh.PublicKey {
	if k.blob == nil {
		return nil
	}
	return publicKey(k.typ, k.blob)
}

// Marshal returns a copy of the SSH wire blob (RFC 4253 section 6.6): the
// bytes inside the base64 of an authorized_keys line, or, for a PEM key, the
// blob made of its numbers at parse time. It is what ssh.PublicKey's
// Marshal returns; nil for the zero Key.
func (k *Key) Marshal() []byte { return slices.Clone(k.blob) }

// Equal reports whether k and o are the same key: the same blob, whatever
// their comments and formats. Two nil keys are equal, and two zero Keys; a
// zero Key is not equal to a Key that holds one.
func (k *Key) Equal(o *Key) bool {
	if k == nil || o == nil {
		return k == o
	}
	return bytes.Equal(k.blob, o.blob)
}

// WithComment returns a copy of k with the comment c, its blanks around it
// dropped. A comment that is not valid UTF-8, or holds a control character
// other than tab, is ErrMalformedKey: it could start a new line in an
// authorized_keys file. The zero Key, which holds no key, is
// ErrMalformedKey too: a comment alone is no key.
func (k *Key) WithComment(c string) (*Key, error) {
	if k.blob == nil {
		return nil, errZeroKey()
	}
	cb := trimBlank([]byte(c))
	if err := checkComment(cb); err != nil {
		return nil, err
	}
	k2 := *k
	k2.comment = string(cb)
	return &k2, nil
}

// Fingerprint returns the fingerprint of the key's blob under h, hashed as
// parsed, never re-marshalled (for a certificate, the certified key's blob,
// as ssh-keygen -l prints it and as fingerprint.SHA256 of its PublicKey): its String is what ssh-keygen -l -E prints
// (for crypto.MD5 the colon-separated hex IAM returns). It panics for a hash
// other than MD5, SHA1, SHA256, SHA384 and SHA512. The zero Key has the
// zero Fingerprint, which matches no key and whose String is "" (not the
// hash of an empty blob, which would look like a key's).
//
//	k.Fingerprint(crypto.SHA256).String() == "SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560"
func (k *Key) Fingerprint(h crypto.Hash) fingerprint.Fingerprint {
	fp := fingerprint.FromBlob(h, k.keyBlob()) // panics for a bad h, zero Key or not; keyBlob: cert.go
	if k.blob == nil {
		return fingerprint.Fingerprint{}
	}
	return fp
}

// String returns the key as one authorized_keys line without a newline:
// "ssh-ed25519 AAAAC3Nza... comment", or "ssh-ed25519 AAAAC3Nza..." when
// the comment is empty. The zero Key's String is "", as the zero
// netip.Addr's is.
func (k *Key) String() string {
	if k.blob == nil {
		return ""
	}
	var b strings.Builder
	b.Grow(len(k.typ) + 2 + base64.StdEncoding.EncodedLen(len(k.blob)) + len(k.comment))
	b.WriteString(k.typ)
	b.WriteByte(' ')
	// Encoded a chunk at a time through a stack buffer, so that the line
	// is the one allocation (a chunk of 768 bytes, a multiple of 3, has
	// no padding).
	var chunk [1024]byte
	for blob := k.blob; len(blob) > 0; {
		n := min(len(blob), 768)
		base64.StdEncoding.Encode(chunk[:], blob[:n])
		b.Write(chunk[:base64.StdEncoding.EncodedLen(n)])
		blob = blob[n:]
	}
	if k.comment != "" {
		b.WriteByte(' ')
		b.WriteString(k.comment)
	}
	return b.String()
}

// MarshalAuthorizedKey returns String and a newline, as a .pub file holds
// it and as x/crypto's ssh.MarshalAuthorizedKey ends; for the zero Key, no
// bytes (not a lone newline).
func (k *Key) MarshalAuthorizedKey() []byte {
	if k.blob == nil {
		return []byte{}
	}
	return []byte(k.String() + "\n")
}

// MarshalText implements encoding.TextMarshaler: the authorized_keys line
// of String, empty for the zero Key (as netip.Addr's MarshalText), which
// UnmarshalText reads back as the zero Key.
func (k *Key) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler: it sets k to the key
// Parse reads from text, in any encoding. Empty text sets k to the zero
// Key, as netip.Addr's UnmarshalText does, so that MarshalText's "" for
// the zero Key reads back (Parse refuses empty text, and text of blanks
// only is refused here too). On error k is unchanged.
func (k *Key) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*k = Key{}
		return nil
	}
	k2, err := Parse(text)
	if err != nil {
		return err
	}
	*k = *k2
	return nil
}

// rfc4716BodyLine is the base64 line length ssh-keygen -e writes (70); RFC
// 4716 section 3 allows 72.
const rfc4716BodyLine = 70

// maxRFC4716Comment is the longest comment, escapes included, that
// MarshalRFC4716 writes: its Comment header is one line, and ssh-keygen -i
// reads lines of at most 1023 bytes (ssh-keygen.c, get_line): that is
// `Comment: "`, 1012 bytes and `"`.
const maxRFC4716Comment = 1023 - len(`Comment: ""`)

// MarshalRFC4716 returns the key as an RFC 4716 public key file, as
// ssh-keygen -e and PuTTYgen write one: the BEGIN line, a Comment header
// with the comment in double quotes (none when the comment is empty; a '"'
// or '\\' in it escaped with '\\', as PuTTY writes and reads it), the base64
// blob in lines of 70 bytes (RFC 4716 section 3 allows 72), the END line
// and a newline.
//
// The Comment header is one line, however long, as both tools write it:
// PuTTY 0.78 cannot read a header continued with "\\" (section 3.3), and
// ssh-keygen -i reads a line of up to 1023 bytes, so a comment longer than
// 1012 bytes (escapes included) is cut there, at a character boundary. A
// comment longer than 61 bytes makes that line longer than section 3's 72.
//
// The zero Key gives no bytes: a file with an empty body would hold no key.
func (k *Key) MarshalRFC4716() []byte {
	if k.blob == nil {
		return []byte{}
	}
	enc := base64.StdEncoding.EncodeToString(k.blob)
	out := make([]byte, 0, len(rfc4716Begin)+len(rfc4716End)+len(enc)+len(enc)/rfc4716BodyLine+2*len(k.comment)+64)
	out = append(out, rfc4716Begin+"\n"...)
	if c := quoteEscapes.Replace(k.comment); c != "" {
		if len(c) > maxRFC4716Comment {
			i := maxRFC4716Comment
			for i > 0 && !utf8.RuneStart(c[i]) {
				i--
			}
			c = c[:i]
			// Not inside an escape: an odd run of backslashes at the
			// end would escape the closing quote.
			n := len(c) - len(strings.TrimRight(c, `\`))
			c = c[:len(c)-n%2]
		}
		out = append(out, "Comment: \""+c+"\"\n"...)
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

// quoteEscapes escapes a quoted RFC 4716 header value as PuTTY does
// (sshpubk.c): '\\' before '"' and '\\'.
var quoteEscapes = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// MarshalPKIX returns the key as a PKIX PEM block ("-----BEGIN PUBLIC KEY-----",
// RFC 7468 section 13), the form IAM's GetSSHPublicKey returns with
// Encoding=PEM, and ssh-keygen -e -m PKCS8 writes. PKIX holds RSA, DSA,
// ECDSA and Ed25519 keys; for the sk-* security keys, whose application
// string PKIX cannot carry, the error wraps ErrUnsupportedKeyType. The
// comment is lost. The zero Key is ErrMalformedKey.
func (k *Key) MarshalPKIX() ([]byte, error) {
	if k.blob == nil {
		return nil, errZeroKey()
	}
	t := lookupType([]byte(k.typ))
	if t == nil || !t.pkix {
		return nil, newErr(keyerrors.ErrUnsupportedKeyType, "a "+safeName([]byte(k.typ))+
			" key cannot be written as PKIX PEM; use the authorized_keys or RFC 4716 encoding")
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPKIX, Bytes: marshalSPKI(t, k.blob)}), nil
}

// MarshalPKCS1 returns an RSA key as a PKCS#1 PEM block ("-----BEGIN RSA PUBLIC
// KEY-----"), as ssh-keygen -e -m PEM writes it. For any other type the error
// wraps ErrUnsupportedKeyType. The zero Key is ErrMalformedKey.
func (k *Key) MarshalPKCS1() ([]byte, error) {
	if k.blob == nil {
		return nil, errZeroKey()
	}
	t := lookupType([]byte(k.typ))
	if t == nil || !t.pkcs1 {
		return nil, newErr(keyerrors.ErrUnsupportedKeyType, "a "+safeName([]byte(k.typ))+
			" key cannot be written as PKCS#1 PEM, which holds RSA keys only; use PEM (PKIX) or authorized_keys")
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPKCS1, Bytes: marshalPKCS1(k.blob)}), nil
}

// Encode returns the key in the encoding f: MarshalAuthorizedKey,
// MarshalRFC4716, MarshalPKIX or MarshalPKCS1. The error wraps
// ErrUnsupportedKeyType when f cannot hold the key's type, and
// ErrUnsupportedEncoding for FormatNone, which is no text encoding (so
// Encode(k.Format()) of a Key made by New is refused: name the encoding),
// and for any other unknown f.
// The zero Key is ErrMalformedKey whatever f is: it holds no key to write.
func (k *Key) Encode(f Format) ([]byte, error) {
	if k.blob == nil {
		return nil, errZeroKey()
	}
	switch f {
	case FormatAuthorizedKey:
		return k.MarshalAuthorizedKey(), nil
	case FormatRFC4716:
		return k.MarshalRFC4716(), nil
	case FormatPKIX:
		return k.MarshalPKIX()
	case FormatPKCS1:
		return k.MarshalPKCS1()
	}
	if f == FormatNone {
		return nil, unsupported("FormatNone is no text encoding; give the one to write: FormatAuthorizedKey, FormatRFC4716, FormatPKIX or FormatPKCS1")
	}
	return nil, unsupported("there is no encoding " + f.String())
}

// errZeroKey is the error of a method that needs a key, called on the zero
// Key.
func errZeroKey() error {
	return malformed("no key: the zero Key holds none; make a Key with Parse or New")
}
