// Package keytype is keyvet's one table of SSH key types: each type's name
// on the wire, its OpenSSH certificate name, its family, curve and size,
// the encodings that can hold it, its PKIX OID, and the names OpenSSH reads
// that keyvet does not. sshkey, sshkey/authorizedkeys and fingerprint read
// every key-type name off it; no other production file of the module spells
// one (TestNoNameLiterals holds them to that).
package keytype

import (
	"crypto/ecdh"
	"crypto/elliptic"
)

// The names of the key types keyvet reads, as they appear on the wire
// (RFC 4253 section 6.6, RFC 5656 section 3.1, RFC 8709, OpenSSH
// PROTOCOL.u2f). They are x/crypto's names (TestXCryptoNames).
const (
	RSA        = "ssh-rsa"
	DSA        = "ssh-dss"
	ECDSA256   = "ecdsa-sha2-nistp256"
	ECDSA384   = "ecdsa-sha2-nistp384"
	ECDSA521   = "ecdsa-sha2-nistp521"
	ED25519    = "ssh-ed25519"
	SKECDSA256 = "sk-ecdsa-sha2-nistp256@openssh.com"
	SKED25519  = "sk-ssh-ed25519@openssh.com"
)

// CertSuffix ends the name of an OpenSSH certificate type
// (PROTOCOL.certkeys: "<type>-cert-v01@openssh.com"); certSuffixV00 ends
// the names of the old, withdrawn certificate format.
const (
	CertSuffix    = "-cert-v01@openssh.com"
	certSuffixV00 = "-cert-v00@openssh.com"
)

// Alg is the family of a key type: it picks the wire check and the PKIX
// encoding.
type Alg int

const (
	AlgRSA Alg = iota + 1
	AlgDSA
	AlgECDSA
	AlgEd25519
	AlgXMSS  // OpenSSH's experimental XMSS keys (sshkey-xmss.c)
	AlgMLDSA // ML-DSA (FIPS 204), draft-sfluhrer-ssh-mldsa
)

// Curve is an ECDSA curve of SSH (RFC 5656 section 10.1).
type Curve struct {
	ID       string // the curve name in the blob: "nistp256"
	Bits     int    // the size ssh-keygen -l shows
	Size     int    // bytes of one coordinate
	OID      []byte // the DER contents of its OID (RFC 5480 section 2.1.1.1)
	ECDH     ecdh.Curve
	Elliptic elliptic.Curve
}

var (
	p256 = Curve{ID: "nistp256", Bits: 256, Size: 32, ECDH: ecdh.P256(), Elliptic: elliptic.P256(),
		OID: []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}} // 1.2.840.10045.3.1.7
	p384 = Curve{ID: "nistp384", Bits: 384, Size: 48, ECDH: ecdh.P384(), Elliptic: elliptic.P384(),
		OID: []byte{0x2b, 0x81, 0x04, 0x00, 0x22}} // 1.3.132.0.34
	p521 = Curve{ID: "nistp521", Bits: 521, Size: 66, ECDH: ecdh.P521(), Elliptic: elliptic.P521(),
		OID: []byte{0x2b, 0x81, 0x04, 0x00, 0x23}} // 1.3.132.0.35
)

// P256 is the curve of ecdsa-sha2-nistp256 and sk-ecdsa-sha2-nistp256.
var P256 = &p256

// The DER contents of the PKIX algorithm OIDs (X.690 section 8.19) of the
// key families (RFC 3279, RFC 5480, RFC 8410).
var (
	oidRSA     = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01} // 1.2.840.113549.1.1.1
	oidDSA     = []byte{0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01}             // 1.2.840.10040.4.1
	oidEC      = []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01}             // 1.2.840.10045.2.1
	oidEd25519 = []byte{0x2b, 0x65, 0x70}                                     // 1.3.101.112
)

// Type is one row of the table.
type Type struct {
	Name string // on the wire and at the start of an authorized_keys line
	Cert string // its OpenSSH certificate type (PROTOCOL.certkeys), or ""
	Alg  Alg
	// Curve is the curve of an ECDSA type, else nil.
	Curve *Curve
	// SK marks a FIDO security key: an application string follows the
	// key (PROTOCOL.u2f), which PKIX cannot carry.
	SK bool

	// Read marks the types keyvet reads. Every one of them can be held by
	// an authorized_keys line and an RFC 4716 block; PKIX and PKCS1 say
	// which other encodings can.
	Read  bool
	PKIX  bool   // a PKIX SubjectPublicKeyInfo can hold it (RFC 3279, RFC 5480, RFC 8410)
	PKCS1 bool   // a PKCS#1 RSAPublicKey can hold it (RFC 8017)
	OID   []byte // the DER contents of its PKIX algorithm OID, when PKIX
	// Label is OpenSSH's short name of the type (sshkey_type): "RSA",
	// "ECDSA-SK".
	Label string
	// Bits is the size OpenSSH gives every key of the type (sshkey_size),
	// or 0 when the size is that of the SizeMPInt'th mpint of the blob
	// (counting from 0 after the name).
	Bits      int
	SizeMPInt int

	// OpenSSH marks the names (Name and Cert) OpenSSH 9.2 reads at the
	// start of an authorized_keys line (sshkey.c, keyimpls).
	OpenSSH bool
	// SignatureOf is, for a signature algorithm OpenSSH also reads as a
	// key type name (its sigonly keyimpls: rsa-sha2-256, rsa-sha2-512,
	// webauthn-sk-ecdsa-sha2-nistp256@openssh.com), the key type it names.
	SignatureOf string
}

// table lists first the types keyvet reads, in the order sshkey.Types
// returns them, then names keyvet does not read.
var table = [...]Type{
	{Name: RSA, Cert: "ssh-rsa-cert-v01@openssh.com", Alg: AlgRSA, Read: true, PKIX: true, PKCS1: true, OID: oidRSA,
		Label: "RSA", SizeMPInt: 1, OpenSSH: true}, // e, n
	{Name: DSA, Cert: "ssh-dss-cert-v01@openssh.com", Alg: AlgDSA, Read: true, PKIX: true, OID: oidDSA,
		Label: "DSA", SizeMPInt: 0, OpenSSH: true}, // p, q, g, y
	{Name: ECDSA256, Cert: "ecdsa-sha2-nistp256-cert-v01@openssh.com", Alg: AlgECDSA, Curve: &p256, Read: true, PKIX: true, OID: oidEC,
		Label: "ECDSA", Bits: 256, OpenSSH: true},
	{Name: ECDSA384, Cert: "ecdsa-sha2-nistp384-cert-v01@openssh.com", Alg: AlgECDSA, Curve: &p384, Read: true, PKIX: true, OID: oidEC,
		Label: "ECDSA", Bits: 384, OpenSSH: true},
	{Name: ECDSA521, Cert: "ecdsa-sha2-nistp521-cert-v01@openssh.com", Alg: AlgECDSA, Curve: &p521, Read: true, PKIX: true, OID: oidEC,
		Label: "ECDSA", Bits: 521, OpenSSH: true},
	{Name: ED25519, Cert: "ssh-ed25519-cert-v01@openssh.com", Alg: AlgEd25519, Read: true, PKIX: true, OID: oidEd25519,
		Label: "ED25519", Bits: 256, OpenSSH: true},
	{Name: SKECDSA256, Cert: "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", Alg: AlgECDSA, Curve: &p256, SK: true, Read: true,
		Label: "ECDSA-SK", Bits: 256, OpenSSH: true},
	{Name: SKED25519, Cert: "sk-ssh-ed25519-cert-v01@openssh.com", Alg: AlgEd25519, SK: true, Read: true,
		Label: "ED25519-SK", Bits: 256, OpenSSH: true},

	// Names OpenSSH 9.2 reads that keyvet does not.
	{Name: "rsa-sha2-256", Cert: "rsa-sha2-256-cert-v01@openssh.com", Alg: AlgRSA, OpenSSH: true, SignatureOf: RSA},
	{Name: "rsa-sha2-512", Cert: "rsa-sha2-512-cert-v01@openssh.com", Alg: AlgRSA, OpenSSH: true, SignatureOf: RSA},
	{Name: "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", Alg: AlgECDSA, Curve: &p256, SK: true, OpenSSH: true, SignatureOf: SKECDSA256},
	{Name: "ssh-xmss@openssh.com", Cert: "ssh-xmss-cert-v01@openssh.com", Alg: AlgXMSS, OpenSSH: true},

	// Names neither keyvet nor OpenSSH 9.2 reads: the ML-DSA types of
	// x/crypto v0.59 (draft-sfluhrer-ssh-mldsa).
	{Name: "ssh-mldsa-44", Alg: AlgMLDSA},
	{Name: "ssh-mldsa-65", Alg: AlgMLDSA},
	{Name: "ssh-mldsa-87", Alg: AlgMLDSA},
}

// All returns every row of the table: first the types keyvet reads, in the
// order sshkey.Types returns them, then the names it does not read. The
// rows are the table's own; callers must not modify them.
func All() []Type { return table[:] }

// Lookup returns the row of the type keyvet reads named name, or nil.
func Lookup[S ~string | ~[]byte](name S) *Type {
	for i := range table {
		if t := &table[i]; t.Read && string(name) == t.Name {
			return t
		}
	}
	return nil
}

// LookupAny returns the row named name, whether keyvet reads the type or
// not, or nil.
func LookupAny[S ~string | ~[]byte](name S) *Type {
	for i := range table {
		if t := &table[i]; string(name) == t.Name {
			return t
		}
	}
	return nil
}

// LookupCert returns the row of the type keyvet reads whose certificate
// type is named name, or nil.
func LookupCert[S ~string | ~[]byte](name S) *Type {
	for i := range table {
		if t := &table[i]; t.Read && t.Cert != "" && string(name) == t.Cert {
			return t
		}
	}
	return nil
}

// OpenSSHReads reports whether name is the name of a key or certificate
// type OpenSSH 9.2 reads at the start of an authorized_keys line (sshkey.c,
// keyimpls and peek_type_nid, which compares names with regard to case).
func OpenSSHReads[S ~string | ~[]byte](name S) bool {
	if len(name) >= len(openSSHByLen) {
		return false
	}
	for _, n := range openSSHByLen[len(name)] {
		if string(name) == n {
			return true
		}
	}
	return false
}

// openSSHByLen holds the names OpenSSHReads reports, by their length, so
// that a name is compared with the few of its length (authorizedkeys asks
// for the first field of every line).
var openSSHByLen = func() (t [64][]string) {
	for i := range table {
		if r := &table[i]; r.OpenSSH {
			for _, n := range []string{r.Name, r.Cert} {
				if n != "" {
					t[len(n)] = append(t[len(n)], n)
				}
			}
		}
	}
	return t
}()

// ByOID returns the family whose PKIX algorithm OID has the DER contents
// oid, or 0. The ECDSA types share one OID; their curve OIDs tell them
// apart.
func ByOID(oid []byte) Alg {
	for i := range table {
		if t := &table[i]; t.PKIX && string(oid) == string(t.OID) {
			return t.Alg
		}
	}
	return 0
}

// IsCert reports whether name is the name of an OpenSSH certificate type:
// it ends as PROTOCOL.certkeys's names do, "-cert-v01@openssh.com", or the
// old "-cert-v00@openssh.com".
func IsCert[S ~string | ~[]byte](name S) bool {
	return hasSuffix(name, CertSuffix) || hasSuffix(name, certSuffixV00)
}

func hasSuffix[S ~string | ~[]byte](s S, suffix string) bool {
	return len(s) >= len(suffix) && string(s[len(s)-len(suffix):]) == suffix
}
