package sshkey

import (
	"bytes"
	"crypto/ecdh"
	"crypto/elliptic"
	"errors"
	"math/big"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/keytype"
	"github.com/keyvet/keyvet/internal/wire"
)

// Key type names as they appear on the wire (RFC 4253 section 6.6, RFC 5656
// section 3.1, RFC 8709, OpenSSH PROTOCOL.u2f). They are x/crypto's names.
const (
	TypeRSA        = keytype.RSA        // "ssh-rsa"
	TypeDSA        = keytype.DSA        // read by sshkey itself: x/crypto v0.59 no longer parses DSA
	TypeECDSA256   = keytype.ECDSA256   // "ecdsa-sha2-nistp256"
	TypeECDSA384   = keytype.ECDSA384   // "ecdsa-sha2-nistp384"
	TypeECDSA521   = keytype.ECDSA521   // "ecdsa-sha2-nistp521"
	TypeED25519    = keytype.ED25519    // "ssh-ed25519"
	TypeSKECDSA256 = keytype.SKECDSA256 // "sk-ecdsa-sha2-nistp256@openssh.com"
	TypeSKED25519  = keytype.SKED25519  // "sk-ssh-ed25519@openssh.com"
)

// MaxRSABits is the largest RSA modulus sshkey accepts: x/crypto's bound
// (ssh-keygen caps -b at 16384), which limits the CPU an attacker-supplied
// key can cost.
const MaxRSABits = 16384

// MinRSABits is the smallest RSA modulus sshkey accepts: OpenSSH's
// SSH_RSA_MINIMUM_MODULUS_SIZE, below which ssh-keygen and sshd refuse to
// read a key at all (sshkey_check_rsa_length).
const MinRSABits = 1024

// algorithm is the family of a key type: it picks the wire check.
type algorithm = keytype.Alg

const (
	algRSA     = keytype.AlgRSA
	algDSA     = keytype.AlgDSA
	algECDSA   = keytype.AlgECDSA
	algEd25519 = keytype.AlgEd25519
)

// keyType is sshkey's view of one row of internal/keytype's table of the
// key types keyvet reads, the one place key types are listed: Types, the
// per-format rules, the wire checks and the PKIX encoder are all read off
// it.
type keyType struct {
	name  string
	alg   algorithm
	curve *ecCurve // ECDSA: the curve
	sk    bool     // a FIDO security key: an application string follows the key (PROTOCOL.u2f)
	pkix  bool     // a PKIX SubjectPublicKeyInfo can hold it (RFC 3279, RFC 5480, RFC 8410)
	pkcs1 bool     // a PKCS#1 RSAPublicKey can hold it (RFC 8017)
	oid   []byte   // PKIX: the DER contents of its algorithm OID
	cert  bool     // an OpenSSH certificate type (cert.go's certRows)
}

// keyTypes is in the order Types returns: keytype's order.
var keyTypes = makeKeyTypes()

func makeKeyTypes() []keyType {
	curves := map[*keytype.Curve]*ecCurve{}
	var ts []keyType
	for i := range keytype.All() {
		kt := &keytype.All()[i]
		if !kt.Read {
			continue
		}
		t := keyType{name: kt.Name, alg: kt.Alg, sk: kt.SK, pkix: kt.PKIX, pkcs1: kt.PKCS1, oid: kt.OID}
		if kt.Curve != nil {
			if curves[kt.Curve] == nil {
				c := newCurve(kt.Curve)
				curves[kt.Curve] = &c
			}
			t.curve = curves[kt.Curve]
		}
		ts = append(ts, t)
	}
	return ts
}

// lookupType returns the row of the key type named name, or nil.
func lookupType(name []byte) *keyType {
	if len(name) > maxTypeName {
		return nil
	}
	for _, t := range typesByLen[len(name)] {
		if string(name) == t.name {
			return t
		}
	}
	return nil
}

// maxTypeName is the length of the longest name of keyTypes.
const maxTypeName = 64

// typesByLen holds the rows of keyTypes by the length of their names
// (TestTypesByLen holds it to keyTypes), so that lookupType compares a
// name with the few of its length.
var typesByLen = func() (t [maxTypeName + 1][]*keyType) {
	for i := range keyTypes {
		n := len(keyTypes[i].name)
		t[n] = append(t[n], &keyTypes[i])
	}
	return t
}()

// Types returns the plain key types Parse accepts, in a fixed order. The
// slice is new on every call. Certificate types are not among them (see
// CertTypes and IsCertType), so that Policy{Types: Types()} refuses every
// certificate.
func Types() []string {
	names := make([]string, len(keyTypes))
	for i := range keyTypes {
		names[i] = keyTypes[i].name
	}
	return names
}

// Formats returns the encodings that can hold a key of type typ, in the
// order of the Format constants: all four for ssh-rsa; authorized_keys,
// RFC 4716 and PKIX for ssh-dss, ECDSA and Ed25519; authorized_keys and
// RFC 4716 for the sk-* types, whose application string PKIX cannot carry;
// authorized_keys and RFC 4716 for a certificate type (CertTypes); none
// for an unknown type.
func Formats(typ string) []Format {
	t := lookupType([]byte(typ))
	if t == nil {
		if t = lookupCertType(typ); t == nil { // cert.go: a certificate has no PEM form
			return nil
		}
	}
	f := []Format{FormatAuthorizedKey, FormatRFC4716}
	if t.pkix {
		f = append(f, FormatPKIX)
	}
	if t.pkcs1 {
		f = append(f, FormatPKCS1)
	}
	return f
}

// isCertType reports whether name is an OpenSSH certificate type
// (PROTOCOL.certkeys: "<type>-cert-v01@openssh.com", and the old -v00).
func isCertType[S ~string | ~[]byte](name S) bool {
	return keytype.IsCert(name)
}

// otherType says what a key type sshkey does not read is, for the
// refusal, or "": a signature algorithm people write where a key type
// belongs (RFC 8332 section 3), or an ML-DSA type of x/crypto v0.59
// (draft-sfluhrer-ssh-mldsa), which no AWS service takes.
func otherType(name []byte) string {
	t := keytype.LookupAny(name)
	switch {
	case t == nil || t.Read:
		return ""
	case t.SignatureOf == TypeRSA:
		return " is a signature algorithm, not a key type (RFC 8332 section 3); the key type is " + TypeRSA
	case t.Alg == keytype.AlgMLDSA:
		return " is an ML-DSA (FIPS 204) key, which sshkey does not read yet and no AWS service takes; use an Ed25519 or RSA key"
	}
	return ""
}

// unknownType is the error for a blob or line whose type name sshkey does
// not read.
func unknownType(name []byte) error {
	if why := otherType(name); why != "" {
		return newErr(keyerrors.ErrUnsupportedKeyType, safeName(name)+why)
	}
	return newErr(keyerrors.ErrUnsupportedKeyType, "key type "+safeName(name)+
		" is not supported; use one of "+strings.Join(Types(), ", "))
}

// parseBlob parses an SSH wire-format public key (RFC 4253 section 6.6) and
// returns the Key with blob set to b (not copied). Every encoding ends here,
// so the key checks are the same whatever the input encoding was.
func parseBlob(b []byte) (*Key, error) {
	t, nbits, err := checkBlob(b)
	if err != nil {
		return nil, err
	}
	return newKey(t, nbits, b), nil
}

// newKey makes the Key of the blob b that checkBlob accepted as a key of
// type t and size nbits; the Key keeps b.
func newKey(t *keyType, nbits int, b []byte) *Key {
	return &Key{typ: t.name, bits: nbits, blob: b}
}

// newKeyBuf returns a zero Key and a buffer of n bytes for its blob, in
// one allocation for the blobs of the common sizes (Ed25519, ECDSA, RSA of
// up to 4096 bits). The caller sets the Key's fields, its blob to the
// buffer or a prefix of it, with its capacity cut to its length so that
// nothing appended to it reaches the Key.
func newKeyBuf(n int) (*Key, []byte) {
	switch {
	case n <= 72:
		p := new(struct {
			k Key
			b [72]byte
		})
		return &p.k, p.b[:n]
	case n <= 184:
		p := new(struct {
			k Key
			b [184]byte
		})
		return &p.k, p.b[:n]
	case n <= 312:
		p := new(struct {
			k Key
			b [312]byte
		})
		return &p.k, p.b[:n]
	case n <= 568:
		p := new(struct {
			k Key
			b [568]byte
		})
		return &p.k, p.b[:n]
	}
	return new(Key), make([]byte, n)
}

// publicKey makes x/crypto's key of a blob that checkBlob accepted. A
// failure is a bug of checkBlob, which makes every check x/crypto makes
// (FuzzParse holds every Key's PublicKey to the blob): it panics, with a
// message that quotes nothing of the blob.
func publicKey(typ string, blob []byte) ssh.PublicKey {
	if typ == TypeDSA {
		return &dsaPublicKey{blob: blob}
	}
	pub, err := ssh.ParsePublicKey(blob)
	if err != nil || pub.Type() != typ {
		panic("sshkey: x/crypto does not read a " + typ + " key that sshkey accepted")
	}
	return pub
}

// checkBlob checks the wire blob b in full, with no allocation: its type,
// each field, and the bounds and arithmetic checks OpenSSH's
// sshkey_from_blob applies (plus keyvet's: minimal mpints, an odd RSA
// modulus, no trailing bytes). It returns the type's row and the size
// ssh-keygen -l shows.
func checkBlob(b []byte) (*keyType, int, error) {
	name, body, ok := wire.String(b)
	if !ok {
		return nil, 0, malformed("the key blob is truncated before its type name (RFC 4253 section 6.6); copy the whole key again")
	}
	t := lookupType(name)
	if t == nil {
		switch {
		case isCertType(string(name)):
			return checkCert(b) // cert.go
		case len(name) == 0:
			return nil, 0, malformed("the key blob has an empty type name (RFC 4253 section 6.6); the key is corrupt")
		}
		return nil, 0, unknownType(name)
	}
	var nbits int
	var err error
	switch t.alg {
	case algRSA:
		nbits, err = checkRSA(body)
	case algDSA:
		nbits, err = checkDSA(body)
	case algECDSA:
		nbits, err = t.curve.bits, checkECDSA(t, body)
	case algEd25519:
		nbits, err = 256, checkEd25519(t, body)
	}
	if err != nil {
		return nil, 0, err
	}
	return t, nbits, nil
}

func blobProblem(typ string, p wire.MPIntProblem) error {
	switch p {
	case wire.MPIntNegative:
		return newErr(keyerrors.ErrMalformedKey, "the "+typ+" key holds a negative number (RFC 4251 section 5 mpint); the key is corrupt")
	case wire.MPIntNonCanonical:
		return newErr(keyerrors.ErrMalformedKey, "the "+typ+" key holds a number with a superfluous leading zero byte (RFC 4251 section 5 mpint); re-encode it with ssh-keygen")
	}
	return truncatedBlob(typ)
}

func truncatedBlob(typ string) error {
	return malformed("the " + typ + " key blob is truncated or corrupt (RFC 4253 section 6.6); copy the whole key again")
}

func trailingBlob(typ string) error {
	return malformed("the " + typ + " key blob has bytes after the key (RFC 4253 section 6.6); the key is corrupt")
}

// checkRSA walks "mpint e, mpint n" (RFC 4253 section 6.6) and applies
// checkRSANumbers. It returns the modulus length in bits.
func checkRSA(body []byte) (int, error) {
	e, rest, p := wire.MPInt(body)
	if p != wire.MPIntOK {
		return 0, blobProblem(TypeRSA, p)
	}
	n, rest, p := wire.MPInt(rest)
	if p != wire.MPIntOK {
		return 0, blobProblem(TypeRSA, p)
	}
	if len(rest) != 0 {
		return 0, trailingBlob(TypeRSA)
	}
	return checkRSANumbers(e, n)
}

// checkRSANumbers applies the RSA bounds to the magnitudes (no leading zero
// byte) of the exponent e and the modulus n, wherever they were read, each
// with its own sentinel: a modulus of more than MaxRSABits bits is
// ErrKeyTooLarge, of fewer than MinRSABits ErrKeyTooSmall; an exponent that
// is even, below 3 or longer than 24 bits is ErrWeakKey.
func checkRSANumbers(e, n []byte) (int, error) {
	nbits := wire.BitLen(n)
	if nbits > MaxRSABits {
		return 0, newErr(keyerrors.ErrKeyTooLarge, "the RSA modulus has "+strconv.Itoa(nbits)+" bits, more than the "+
			strconv.Itoa(MaxRSABits)+" that OpenSSH and x/crypto accept; use a key of at most 16384 bits (4096 is plenty)")
	}
	// An RSA modulus is the product of two odd primes, so it is odd.
	// x/crypto does not check; a zero or even modulus is no RSA key.
	if nbits == 0 || n[len(n)-1]&1 == 0 {
		return 0, newErr(keyerrors.ErrMalformedKey, "the RSA modulus is zero or even, so it is not an RSA modulus; generate a new key")
	}
	if nbits < MinRSABits {
		return 0, newErr(keyerrors.ErrKeyTooSmall, "the RSA modulus has "+strconv.Itoa(nbits)+
			" bits, fewer than the 1024 below which OpenSSH refuses to read an RSA key; generate a new key of 3072 bits")
	}
	// Exponent bounds: x/crypto's parseRSA. A 24-bit bound keeps
	// verification cheap; e < 3 and even e are no RSA exponent (e = 1
	// makes encryption the identity).
	ebits := wire.BitLen(e)
	if ebits > 24 {
		return 0, newErr(keyerrors.ErrWeakKey, "the RSA public exponent has "+strconv.Itoa(ebits)+
			" bits, more than the 24 that x/crypto accepts; generate a new key (ssh-keygen uses 65537)")
	}
	ev := 0
	for _, c := range e {
		ev = ev<<8 | int(c)
	}
	if ev < 3 || ev&1 == 0 {
		return 0, newErr(keyerrors.ErrWeakKey, "the RSA public exponent is "+strconv.Itoa(ev)+
			", which is below 3 or even; generate a new key (ssh-keygen uses 65537)")
	}
	return nbits, nil
}

// checkDSA walks "mpint p, q, g, y" (RFC 4253 section 6.6). SSH's DSA is
// FIPS 186-2's, with a 1024-bit p and a 160-bit q: the only size ssh-keygen
// makes (ssh-dss.c refuses -b other than 1024) and the only one x/crypto
// read while it read DSA. keyvet says which way the size is off: a longer p
// is ErrKeyTooLarge, a shorter one ErrKeyTooSmall. A q of another size, and
// a generator or public value outside 1 < v < p, are ErrMalformedKey.
func checkDSA(body []byte) (int, error) {
	var m [4][]byte
	rest := body
	for i := range m {
		var p wire.MPIntProblem
		m[i], rest, p = wire.MPInt(rest)
		if p != wire.MPIntOK {
			return 0, blobProblem(TypeDSA, p)
		}
	}
	if len(rest) != 0 {
		return 0, trailingBlob(TypeDSA)
	}
	pbits := wire.BitLen(m[0])
	switch {
	case pbits > 1024:
		return 0, newErr(keyerrors.ErrKeyTooLarge, "the DSA key has "+strconv.Itoa(pbits)+
			" bits; SSH's ssh-dss is FIPS 186-2 DSA, 1024 bits exactly (RFC 4253 section 6.6); use an Ed25519 or RSA key")
	case pbits < 1024:
		return 0, newErr(keyerrors.ErrKeyTooSmall, "the DSA key has "+strconv.Itoa(pbits)+
			" bits; SSH's ssh-dss is FIPS 186-2 DSA, 1024 bits exactly (RFC 4253 section 6.6); use an Ed25519 or RSA key")
	}
	if wire.BitLen(m[1]) != 160 {
		return 0, malformed("the DSA sub-prime q is not 160 bits (FIPS 186-2); the key is corrupt")
	}
	for _, v := range m[2:] {
		if !aboveOne(v) || cmpMag(v, m[0]) >= 0 {
			return 0, malformed("the DSA generator or public value is not between 1 and p (FIPS 186-2 section 4); the key is corrupt")
		}
	}
	return pbits, nil
}

// aboveOne reports whether the magnitude m (no leading zero byte) is
// greater than 1.
func aboveOne(m []byte) bool { return len(m) > 1 || len(m) == 1 && m[0] > 1 }

// cmpMag compares two magnitudes without leading zero bytes.
func cmpMag(a, b []byte) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return bytes.Compare(a, b)
}

// ecCurve is an ECDSA curve of SSH (RFC 5656 section 10.1).
type ecCurve struct {
	id        string // the curve name in the blob: "nistp256"
	bits      int    // the size ssh-keygen -l shows
	size      int    // bytes of one coordinate
	ecdh      ecdh.Curve
	ec        elliptic.Curve
	derOID    []byte // the DER contents of its OID (RFC 5480 section 2.1.1.1)
	orderLess []byte // the group order n minus 1, size bytes, big-endian
}

// newCurve makes the ecCurve of a curve of internal/keytype's table.
func newCurve(c *keytype.Curve) ecCurve {
	n := new(big.Int).Sub(c.Elliptic.Params().N, big.NewInt(1))
	return ecCurve{id: c.ID, bits: c.Bits, size: c.Size, ecdh: c.ECDH, ec: c.Elliptic, derOID: c.OID, orderLess: n.FillBytes(make([]byte, c.Size))}
}

// checkECDSA walks "string curve, string Q" (RFC 5656 section 3.1), and for
// sk-ecdsa "string application" after them (PROTOCOL.u2f). Q must be an
// uncompressed point (SEC 1 section 2.3.3, 0x04 || X || Y), the only form
// RFC 5656 section 3.1 and OpenSSH use, and pass validatePoint.
func checkECDSA(t *keyType, body []byte) error {
	c, rest, ok := wire.String(body)
	if !ok {
		return truncatedBlob(t.name)
	}
	if string(c) != t.curve.id {
		return malformed("the curve inside the key (" + safeName(c) + ") does not match its type " + t.name + " (RFC 5656 section 3.1); the key is corrupt")
	}
	q, rest, ok := wire.String(rest)
	if !ok {
		return truncatedBlob(t.name)
	}
	if len(q) != 1+2*t.curve.size || q[0] != 4 {
		return malformed("the " + t.name + " public point is not an uncompressed point of " + t.curve.id + " (RFC 5656 section 3.1); the key is corrupt")
	}
	if err := t.curve.validatePoint(t.name, q); err != nil {
		return err
	}
	return checkApplication(t, rest)
}

// validatePoint applies OpenSSH's sshkey_ec_validate_public to the
// uncompressed point q: on the curve (which also rules out the point at
// infinity and coordinates of p or more), each coordinate longer than half
// the order's bits, and each below n-1. The curves are of prime order, so
// nQ is the point at infinity for every point on them.
func (c *ecCurve) validatePoint(typ string, q []byte) error {
	// A copy goes to crypto/ecdh, so that q, which may lie in a caller's
	// stack buffer, does not escape through the interface call.
	if _, err := c.ecdh.NewPublicKey(bytes.Clone(q)); err != nil {
		return malformed("the " + typ + " public point is not on the curve " + c.id + " (SEC 1 section 3.2.2); the key is corrupt")
	}
	x, y := q[1:1+c.size], q[1+c.size:]
	half := c.ec.Params().N.BitLen() / 2
	if wire.BitLen(x) <= half || wire.BitLen(y) <= half ||
		bytes.Compare(x, c.orderLess) >= 0 || bytes.Compare(y, c.orderLess) >= 0 {
		return malformed("the " + typ + " public point fails OpenSSH's public point check (sshkey_ec_validate_public): a coordinate is too small or not below the group order; the key is corrupt")
	}
	return nil
}

// decompress returns the uncompressed form of the compressed point q
// (SEC 1 section 2.3.4: 0x02 or 0x03 by the parity of y, then x), which
// RFC 5480 section 2.2 lets a PKIX key hold and `openssl ec -conv_form
// compressed` writes.
func (c *ecCurve) decompress(typ string, q []byte) ([]byte, error) {
	// A copy goes to crypto/elliptic (an interface call), so that q may
	// stay in a caller's stack buffer.
	x, y := elliptic.UnmarshalCompressed(c.ec, bytes.Clone(q))
	if x == nil {
		return nil, malformed("the " + typ + " compressed point is not a point of the curve " + c.id + " (SEC 1 section 2.3.4); the key is corrupt")
	}
	out := make([]byte, 1+2*c.size)
	out[0] = 4
	x.FillBytes(out[1 : 1+c.size])
	y.FillBytes(out[1+c.size:])
	return out, nil
}

// checkEd25519 walks "string key" (RFC 8709 section 4), and for sk-ed25519
// "string application" after it (PROTOCOL.u2f). An Ed25519 public key is 32
// bytes, always.
func checkEd25519(t *keyType, body []byte) error {
	k, rest, ok := wire.String(body)
	if !ok {
		return truncatedBlob(t.name)
	}
	if len(k) != 32 {
		return malformed("the " + t.name + " key is " + strconv.Itoa(len(k)) + " bytes; an Ed25519 public key is 32 bytes (RFC 8032 section 5.1.5); the key is corrupt")
	}
	return checkApplication(t, rest)
}

// checkApplication reads what follows the key proper: for a security key
// its application string (PROTOCOL.u2f), which OpenSSH reads as a C string,
// so that a NUL in it is refused (sshbuf_get_cstring; keyvet refuses a NUL
// at its end as well, which would give one application two blobs); then
// nothing.
func checkApplication(t *keyType, rest []byte) error {
	if t.sk {
		app, r, ok := wire.String(rest)
		if !ok {
			return truncatedBlob(t.name)
		}
		if bytes.IndexByte(app, 0) >= 0 {
			return malformed("the " + t.name + " application string holds a NUL byte, which OpenSSH refuses (PROTOCOL.u2f); the key is corrupt")
		}
		rest = r
	}
	if len(rest) != 0 {
		return trailingBlob(t.name)
	}
	return nil
}

// dsaPublicKey is an ssh-dss key as sshkey reads it, since x/crypto no
// longer does: the blob, checked by checkDSA. It implements ssh.PublicKey
// for Type and Marshal; Verify always fails, since DSA signatures are
// deprecated (OpenSSH 7.0 disabled them, 10.0 removed them).
type dsaPublicKey struct{ blob []byte }

func (k *dsaPublicKey) Type() string    { return TypeDSA }
func (k *dsaPublicKey) Marshal() []byte { return bytes.Clone(k.blob) }

// errDSAVerify is what Verify of a DSA key returns.
var errDSAVerify = errors.New("sshkey: ssh-dss signatures are not verified: DSA is deprecated (OpenSSH 7.0)")

func (k *dsaPublicKey) Verify([]byte, *ssh.Signature) error { return errDSAVerify }

var _ ssh.PublicKey = (*dsaPublicKey)(nil)
