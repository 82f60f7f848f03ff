package sshkey

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Key type names as they appear on the wire (RFC 4253 section 6.6, RFC 5656
// section 3.1, RFC 8709, OpenSSH PROTOCOL.u2f). They are x/crypto's names.
const (
	TypeRSA        = ssh.KeyAlgoRSA        // "ssh-rsa"
	TypeDSA        = "ssh-dss"             // ssh.InsecureKeyAlgoDSA, deprecated by x/crypto; DSA keys still exist
	TypeECDSA256   = ssh.KeyAlgoECDSA256   // "ecdsa-sha2-nistp256"
	TypeECDSA384   = ssh.KeyAlgoECDSA384   // "ecdsa-sha2-nistp384"
	TypeECDSA521   = ssh.KeyAlgoECDSA521   // "ecdsa-sha2-nistp521"
	TypeED25519    = ssh.KeyAlgoED25519    // "ssh-ed25519"
	TypeSKECDSA256 = ssh.KeyAlgoSKECDSA256 // "sk-ecdsa-sha2-nistp256@openssh.com"
	TypeSKED25519  = ssh.KeyAlgoSKED25519  // "sk-ssh-ed25519@openssh.com"
)

// MaxRSABits is the largest RSA modulus sshkey accepts: x/crypto v0.55's
// bound (ssh-keygen caps -b at 16384), which limits the CPU an
// attacker-supplied key can cost.
const MaxRSABits = 16384

// Types returns the key types Parse accepts, in a fixed order. The slice is
// new on every call.
func Types() []string {
	return []string{TypeRSA, TypeDSA, TypeECDSA256, TypeECDSA384, TypeECDSA521, TypeED25519, TypeSKECDSA256, TypeSKED25519}
}

func isKnownType(name string) bool {
	switch name {
	case TypeRSA, TypeDSA, TypeECDSA256, TypeECDSA384, TypeECDSA521, TypeED25519, TypeSKECDSA256, TypeSKED25519:
		return true
	}
	return false
}

// isCertType reports whether name is an OpenSSH certificate type
// (PROTOCOL.certkeys: "<type>-cert-v01@openssh.com", and the old -v00).
func isCertType(name string) bool {
	return strings.HasSuffix(name, "-cert-v01@openssh.com") || strings.HasSuffix(name, "-cert-v00@openssh.com")
}

// signatureAlgos maps signature algorithm names that people write where a key
// type belongs to the key type (RFC 8332 section 3).
var signatureAlgos = map[string]string{
	ssh.KeyAlgoRSASHA256: TypeRSA,
	ssh.KeyAlgoRSASHA512: TypeRSA,
}

// readString reads an SSH string (RFC 4251 section 5: uint32 length, then
// that many bytes).
func readString(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 4 {
		return nil, nil, false
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, false
	}
	return b[4 : 4+n], b[4+n:], true
}

// readMPInt reads an SSH mpint (RFC 4251 section 5) that must be
// non-negative and minimally encoded: no leading zero byte unless the next
// byte has its high bit set. It returns the magnitude without a leading zero.
// Minimal encoding is keyvet's rule: OpenSSH tolerates leading zeros, but then
// one key has many blobs, and so many fingerprints (IAM's duplicate check
// compares fingerprints).
func readMPInt(b []byte) (mag, rest []byte, problem string) {
	s, rest, ok := readString(b)
	if !ok {
		return nil, nil, "truncated"
	}
	if len(s) > 0 && s[0]&0x80 != 0 {
		return nil, nil, "negative"
	}
	if len(s) > 0 && s[0] == 0 {
		if len(s) == 1 || s[1]&0x80 == 0 {
			return nil, nil, "noncanonical"
		}
		s = s[1:]
	}
	return s, rest, ""
}

// bitLen returns the bit length of the big-endian magnitude m (no leading
// zero byte). It is BN_num_bits, what ssh-keygen -l prints for RSA.
func bitLen(m []byte) int {
	if len(m) == 0 {
		return 0
	}
	return (len(m)-1)*8 + bits.Len8(m[0])
}

// parseBlob parses an SSH wire-format public key (RFC 4253 section 6.6) and
// returns the Key with blob set to b (not copied). Every encoding ends here,
// so the key checks are the same whatever the input encoding was. The fields
// are walked here, without big.Int, to give each fault its own sentinel;
// x/crypto then builds the ssh.PublicKey and does the arithmetic checks (a
// point on its curve, DSA group bounds).
func parseBlob(b []byte) (*Key, error) {
	name, body, ok := readString(b)
	if !ok {
		return nil, malformed("the key blob is truncated before its type name (RFC 4253 section 6.6); copy the whole key again")
	}
	typ := string(name)
	if isCertType(typ) {
		return nil, strictErr(keyerrors.ErrCertificate, ruleCertificate,
			"this is an OpenSSH certificate ("+safeName(name)+"); give the plain public key it certifies (the .pub file without -cert)")
	}
	var nbits int
	var err error
	switch typ {
	case TypeRSA:
		nbits, err = checkRSA(body)
	case TypeDSA:
		nbits, err = checkDSA(body)
	case TypeECDSA256:
		nbits, err = 256, checkECDSA(typ, body, "nistp256", 32, false)
	case TypeECDSA384:
		nbits, err = 384, checkECDSA(typ, body, "nistp384", 48, false)
	case TypeECDSA521:
		nbits, err = 521, checkECDSA(typ, body, "nistp521", 66, false)
	case TypeSKECDSA256:
		nbits, err = 256, checkECDSA(typ, body, "nistp256", 32, true)
	case TypeED25519:
		nbits, err = 256, checkEd25519(typ, body, false)
	case TypeSKED25519:
		nbits, err = 256, checkEd25519(typ, body, true)
	case "":
		return nil, malformed("the key blob has an empty type name (RFC 4253 section 6.6); the key is corrupt")
	default:
		if k, ok := signatureAlgos[typ]; ok {
			return nil, newErr(keyerrors.ErrUnsupportedKeyType, safeName(name)+
				" is a signature algorithm, not a key type (RFC 8332 section 3); the key type is "+k)
		}
		return nil, newErr(keyerrors.ErrUnsupportedKeyType, "key type "+safeName(name)+
			" is not supported; use one of "+strings.Join(Types(), ", "))
	}
	if err != nil {
		return nil, err
	}
	pub, perr := ssh.ParsePublicKey(b)
	if perr != nil || pub.Type() != typ {
		// x/crypto's text is not shown: it can quote values from the blob.
		return nil, malformed("the " + typ + " key is invalid (" + invalidWhat(typ) + "); copy the whole key again or generate a new one")
	}
	return &Key{PublicKey: pub, Type: typ, Bits: nbits, blob: b}, nil
}

func invalidWhat(typ string) string {
	switch typ {
	case TypeDSA:
		return "its DSA parameters break FIPS 186-2"
	case TypeRSA:
		return "x/crypto refuses its numbers"
	}
	return "its point is not on the curve"
}

func blobProblem(typ, problem string) error {
	switch problem {
	case "truncated":
		return malformed("the " + typ + " key blob is truncated or corrupt (RFC 4253 section 6.6); copy the whole key again")
	case "negative":
		return strictErr(keyerrors.ErrMalformedKey, ruleCanonicalBlob,
			"the "+typ+" key holds a negative number (RFC 4251 section 5 mpint); the key is corrupt")
	case "noncanonical":
		return strictErr(keyerrors.ErrMalformedKey, ruleCanonicalBlob,
			"the "+typ+" key holds a number with a superfluous leading zero byte (RFC 4251 section 5 mpint); re-encode it with ssh-keygen")
	case "trailing":
		return malformed("the " + typ + " key blob has bytes after the key (RFC 4253 section 6.6); the key is corrupt")
	}
	return malformed("the " + typ + " key blob is corrupt")
}

// checkRSA walks "mpint e, mpint n" (RFC 4253 section 6.6) and applies
// x/crypto's bounds, each with its own sentinel: a modulus of more than
// MaxRSABits bits is ErrKeyTooLarge; an exponent that is even, below 3 or
// longer than 24 bits is ErrWeakKey. It returns the modulus length in bits.
//
// The bit count comes from the modulus bytes, not from a big.Int: this is the
// function a faster parser replaces.
func checkRSA(body []byte) (int, error) {
	e, rest, p := readMPInt(body)
	if p != "" {
		return 0, blobProblem(TypeRSA, p)
	}
	n, rest, p := readMPInt(rest)
	if p != "" {
		return 0, blobProblem(TypeRSA, p)
	}
	if len(rest) != 0 {
		return 0, blobProblem(TypeRSA, "trailing")
	}
	return checkRSANumbers(e, n)
}

// checkRSANumbers applies checkRSA's bounds to the magnitudes (no leading
// zero byte) of the exponent e and the modulus n, wherever they were read.
func checkRSANumbers(e, n []byte) (int, error) {
	nbits := bitLen(n)
	if nbits > MaxRSABits {
		return 0, newErr(keyerrors.ErrKeyTooLarge, "the RSA modulus has "+strconv.Itoa(nbits)+" bits, more than the "+
			strconv.Itoa(MaxRSABits)+" that OpenSSH and x/crypto accept; use a key of at most 16384 bits (4096 is plenty)")
	}
	// An RSA modulus is the product of two odd primes, so it is odd.
	// x/crypto does not check; a zero or even modulus is no RSA key.
	if nbits == 0 || n[len(n)-1]&1 == 0 {
		return 0, strictErr(keyerrors.ErrMalformedKey, ruleRSAModulus,
			"the RSA modulus is zero or even, so it is not an RSA modulus; generate a new key")
	}
	// Exponent bounds: x/crypto's parseRSA. A 24-bit bound keeps
	// verification cheap; e < 3 and even e are no RSA exponent (e = 1
	// makes encryption the identity).
	ebits := bitLen(e)
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
// FIPS 186-2's, with a 1024-bit p and a 160-bit q; x/crypto refuses every
// other size. keyvet says which way the size is off: a longer p is
// ErrKeyTooLarge, a shorter one ErrKeyTooSmall. A bad q is ErrMalformedKey.
func checkDSA(body []byte) (int, error) {
	var m [4][]byte
	rest := body
	for i := range m {
		var p string
		m[i], rest, p = readMPInt(rest)
		if p != "" {
			return 0, blobProblem(TypeDSA, p)
		}
	}
	if len(rest) != 0 {
		return 0, blobProblem(TypeDSA, "trailing")
	}
	pbits := bitLen(m[0])
	switch {
	case pbits > 1024:
		return 0, newErr(keyerrors.ErrKeyTooLarge, "the DSA key has "+strconv.Itoa(pbits)+
			" bits; SSH's ssh-dss is FIPS 186-2 DSA, 1024 bits exactly (RFC 4253 section 6.6); use an Ed25519 or RSA key")
	case pbits < 1024:
		return 0, newErr(keyerrors.ErrKeyTooSmall, "the DSA key has "+strconv.Itoa(pbits)+
			" bits; SSH's ssh-dss is FIPS 186-2 DSA, 1024 bits exactly (RFC 4253 section 6.6); use an Ed25519 or RSA key")
	}
	if bitLen(m[1]) != 160 {
		return 0, malformed("the DSA sub-prime q is not 160 bits (FIPS 186-2); the key is corrupt")
	}
	return pbits, nil
}

// checkECDSA walks "string curve, string Q" (RFC 5656 section 3.1), and for
// sk-ecdsa "string application" after them (PROTOCOL.u2f). Q must be an
// uncompressed point (SEC 1 section 2.3.3, 0x04 || X || Y), the only form
// RFC 5656 section 3.1 and x/crypto use.
func checkECDSA(typ string, body []byte, curve string, size int, sk bool) error {
	c, rest, ok := readString(body)
	if !ok {
		return blobProblem(typ, "truncated")
	}
	if string(c) != curve {
		return malformed("the curve inside the key (" + safeName(c) + ") does not match its type " + typ + " (RFC 5656 section 3.1); the key is corrupt")
	}
	q, rest, ok := readString(rest)
	if !ok {
		return blobProblem(typ, "truncated")
	}
	if len(q) != 1+2*size || q[0] != 4 {
		return malformed("the " + typ + " public point is not an uncompressed point of " + curve + " (RFC 5656 section 3.1); the key is corrupt")
	}
	if sk {
		if _, rest, ok = readString(rest); !ok {
			return blobProblem(typ, "truncated")
		}
	}
	if len(rest) != 0 {
		return blobProblem(typ, "trailing")
	}
	return nil
}

// checkEd25519 walks "string key" (RFC 8709 section 4), and for sk-ed25519
// "string application" after it (PROTOCOL.u2f). An Ed25519 public key is 32
// bytes, always.
func checkEd25519(typ string, body []byte, sk bool) error {
	k, rest, ok := readString(body)
	if !ok {
		return blobProblem(typ, "truncated")
	}
	if len(k) != 32 {
		return malformed("the " + typ + " key is " + strconv.Itoa(len(k)) + " bytes; an Ed25519 public key is 32 bytes (RFC 8032 section 5.1.5); the key is corrupt")
	}
	if sk {
		if _, rest, ok = readString(rest); !ok {
			return blobProblem(typ, "truncated")
		}
	}
	if len(rest) != 0 {
		return blobProblem(typ, "trailing")
	}
	return nil
}

// appendString appends an SSH string.
func appendString(dst, s []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(s)))
	return append(dst, s...)
}

// appendMPInt appends the non-negative big-endian magnitude m (no leading
// zeros) as a minimal SSH mpint.
func appendMPInt(dst, m []byte) []byte {
	if len(m) > 0 && m[0]&0x80 != 0 {
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(m)+1))
		dst = append(dst, 0)
		return append(dst, m...)
	}
	return appendString(dst, m)
}
