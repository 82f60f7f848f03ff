package sshkey

import (
	"bytes"
	"encoding/binary"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/keytype"
	"github.com/keyvet/keyvet/internal/wire"
)

// This file reads OpenSSH certificates (PROTOCOL.certkeys): a
// "<type>-cert-v01@openssh.com" blob is checked as OpenSSH's cert_parse
// checks it, and its CA signature verified, as ssh-keygen does before it
// shows a certificate.
//
// A certificate is a Key like any other: its Type is the certificate type,
// its Marshal, Equal and String are of the certificate blob; its Bits and
// Fingerprint are those of the certified key, as ssh-keygen -l prints them.
// Key.Certificate gives the certificate's fields.

// certRow is one certificate type sshkey reads: the certificate's name, the
// plain type of the key it certifies, and the number of wire fields
// (strings and mpints) of that key after the nonce.
type certRow struct {
	name   string
	plain  string
	fields int
	kt     keyType // the row checkBlob returns: the certificate's name only
}

// certRows are the certificate types of PROTOCOL.certkeys and
// PROTOCOL.u2f, one for each type keyvet reads (internal/keytype's table),
// in the order of Types. ssh-dss-cert-v01 is known, to refuse it by name:
// x/crypto, which gives a certificate's PublicKey, no longer reads DSA.
var certRows = func() []certRow {
	var rows []certRow
	for _, t := range keytype.All() {
		if !t.Read || t.Cert == "" {
			continue
		}
		rows = append(rows, certRow{name: t.Cert, plain: t.Name, fields: wireFields(&t), kt: keyType{name: t.Cert, cert: true}})
	}
	return rows
}()

// wireFields is the number of wire fields (strings and mpints) of a key of
// type t after a certificate's nonce: mpints e and n of RSA; p, q, g and y
// of DSA; the curve and Q of ECDSA; the public key of Ed25519; and a
// security key's application after them.
func wireFields(t *keytype.Type) int {
	n := 0
	switch t.Alg {
	case keytype.AlgRSA, keytype.AlgECDSA:
		n = 2
	case keytype.AlgDSA:
		n = 4
	case keytype.AlgEd25519:
		n = 1
	}
	if t.SK {
		n++
	}
	return n
}

// lookupCert returns the row of the certificate type named name, or nil.
func lookupCert[T string | []byte](name T) *certRow {
	for i := range certRows {
		if string(name) == certRows[i].name {
			return &certRows[i]
		}
	}
	return nil
}

// lookupCertType returns the keyType checkBlob returns for a certificate of
// type name, or nil: what scanAuthorizedKey compares the line's type to.
func lookupCertType[T string | []byte](name T) *keyType {
	if r := lookupCert(name); r != nil && r.plain != TypeDSA {
		return &r.kt
	}
	return nil
}

// CertTypes returns the OpenSSH certificate types Parse accepts
// ("ssh-ed25519-cert-v01@openssh.com", ...), one for each type of Types
// but ssh-dss, in the same order. The slice is new on every call. Types
// does not list them, so that a Policy{Types: Types()} still refuses every
// certificate; name a certificate type in Policy.Types to accept it.
func CertTypes() []string {
	var names []string
	for _, r := range certRows {
		if r.plain != TypeDSA {
			names = append(names, r.name)
		}
	}
	return names
}

// IsCertType reports whether name is an OpenSSH certificate type that
// Parse accepts: one of CertTypes.
func IsCertType(name string) bool { return lookupCertType(name) != nil }

// certifiedType returns the plain type a certificate type certifies, or
// typ itself when typ is no certificate type.
func certifiedType(typ string) string {
	if r := lookupCert(typ); r != nil {
		return r.plain
	}
	return typ
}

// sshkeyCertMaxPrincipals is OpenSSH's SSHKEY_CERT_MAX_PRINCIPALS.
const sshkeyCertMaxPrincipals = 256

// certParts are the fields of a certificate blob, as slices of it.
type certParts struct {
	row         *certRow
	keyFields   []byte // the certified key's fields, after the nonce
	serial      uint64
	certType    uint32
	keyID       []byte
	principals  []byte // the principals' strings, packed
	validAfter  uint64
	validBefore uint64
	critical    []byte // the critical options' name/data pairs, packed
	extensions  []byte // the extensions' name/data pairs, packed
	caKey       []byte // the CA's plain key blob
	signed      []byte // the blob up to the signature
	sigFormat   []byte
	sigBlob     []byte
	sigRest     []byte // a security key's flags and counter
}

func certTruncated() error {
	return malformed("the certificate blob is truncated or corrupt (PROTOCOL.certkeys); copy the whole certificate again")
}

// uint64Field reads a uint64 (RFC 4251 section 5).
func uint64Field(b []byte) (uint64, []byte, bool) {
	if len(b) < 8 {
		return 0, nil, false
	}
	return binary.BigEndian.Uint64(b), b[8:], true
}

// plainBlob returns the wire blob of a plain key of type typ whose fields
// are fields.
func plainBlob(typ string, fields []byte) []byte {
	out := make([]byte, 0, 4+len(typ)+len(fields))
	out = wire.AppendString(out, []byte(typ))
	return append(out, fields...)
}

// readCert walks the certificate blob b as OpenSSH's sshkey_from_blob and
// cert_parse do, and x/crypto's parseCert, applying the checks of both:
// the type; the nonce; the certified key, re-framed as a plain key and
// checked by checkBlob; serial, type (user or host), key ID, principals
// (at most 256, no NUL in any, nor in the key ID); the validity; critical
// options and extensions (name and data pairs, names in strictly
// increasing order, each data empty or one string); the reserved string;
// the CA key, a plain key that checkBlob accepts and not ssh-dss; the
// signature, which must be the last field and verify under the CA key
// over the bytes before it (when verify is set: a Key's blob, read again,
// was verified when the Key was made). It returns the parts and the
// certified key's size.
func readCert(b []byte, verify bool) (*certParts, int, error) {
	name, rest, ok := wire.String(b)
	if !ok {
		return nil, 0, certTruncated()
	}
	row := lookupCert(name)
	if row == nil {
		return nil, 0, unknownCert(name)
	}
	if row.plain == TypeDSA {
		return nil, 0, newErr(keyerrors.ErrUnsupportedKeyType, "this is a certificate of an ssh-dss (DSA) key, which sshkey does not read: DSA is deprecated (OpenSSH 7.0 disabled it, 10.0 removed it); certify an Ed25519 or RSA key")
	}
	p := &certParts{row: row}
	if _, rest, ok = wire.String(rest); !ok { // the nonce
		return nil, 0, certTruncated()
	}
	start := rest
	for range row.fields {
		if _, rest, ok = wire.String(rest); !ok {
			return nil, 0, certTruncated()
		}
	}
	p.keyFields = start[:len(start)-len(rest)]
	_, bits, err := checkBlob(plainBlob(row.plain, p.keyFields))
	if err != nil {
		return nil, 0, err
	}
	var b1, b2 bool
	p.serial, rest, ok = uint64Field(rest)
	if !ok || len(rest) < 4 {
		return nil, 0, certTruncated()
	}
	p.certType, rest = binary.BigEndian.Uint32(rest), rest[4:]
	p.keyID, rest, ok = wire.String(rest)
	p.principals, rest, b1 = wire.String(rest)
	if !ok || !b1 {
		return nil, 0, certTruncated()
	}
	p.validAfter, rest, ok = uint64Field(rest)
	if !ok {
		return nil, 0, certTruncated()
	}
	p.validBefore, rest, ok = uint64Field(rest)
	if !ok {
		return nil, 0, certTruncated()
	}
	p.critical, rest, ok = wire.String(rest)
	p.extensions, rest, b1 = wire.String(rest)
	_, rest, b2 = wire.String(rest) // reserved
	if !ok || !b1 || !b2 {
		return nil, 0, certTruncated()
	}
	p.caKey, rest, ok = wire.String(rest)
	if !ok {
		return nil, 0, certTruncated()
	}
	p.signed = b[:len(b)-len(rest)]
	sig, rest, ok := wire.String(rest)
	if !ok {
		return nil, 0, certTruncated()
	}
	if len(rest) != 0 {
		return nil, 0, malformed("the certificate blob has bytes after its signature (PROTOCOL.certkeys); the certificate is corrupt")
	}
	if p.certType != uint32(UserCert) && p.certType != uint32(HostCert) {
		return nil, 0, malformed("the certificate is of type " + strconv.FormatUint(uint64(p.certType), 10) +
			", neither a user (1) nor a host (2) certificate (PROTOCOL.certkeys); the certificate is corrupt")
	}
	if bytes.IndexByte(p.keyID, 0) >= 0 {
		return nil, 0, malformed("the certificate's key ID holds a NUL byte, which OpenSSH refuses; the certificate is corrupt")
	}
	if err := checkPrincipals(p.principals); err != nil {
		return nil, 0, err
	}
	if err := checkTuples(p.critical, "critical options"); err != nil {
		return nil, 0, err
	}
	if err := checkTuples(p.extensions, "extensions"); err != nil {
		return nil, 0, err
	}
	if err := checkCAKey(p.caKey); err != nil {
		return nil, 0, err
	}
	if p.sigFormat, p.sigBlob, p.sigRest, ok = splitSignature(sig); !ok {
		return nil, 0, malformed("the certificate's signature is truncated or corrupt (PROTOCOL.certkeys); the certificate is corrupt")
	}
	if verify {
		if err := p.verify(); err != nil {
			return nil, 0, err
		}
	}
	return p, bits, nil
}

// unknownCert is the error for a certificate type sshkey does not read.
func unknownCert(name []byte) error {
	if bytes.HasSuffix(name, []byte("-cert-v00@openssh.com")) {
		return newErr(keyerrors.ErrUnsupportedKeyType, "this is a legacy v00 certificate ("+safeName(name)+
			"), which OpenSSH no longer reads (7.0 removed them); issue a v01 certificate")
	}
	return newErr(keyerrors.ErrUnsupportedKeyType, "certificate type "+safeName(name)+
		" is not supported; certificates of the types "+joinTypes(CertTypes())+" are")
}

func joinTypes(names []string) string { return strings.Join(names, ", ") }

// checkPrincipals checks the packed principals: strings without NUL (they
// are C strings to OpenSSH), at most 256 of them.
func checkPrincipals(b []byte) error {
	n := 0
	for len(b) > 0 {
		s, rest, ok := wire.String(b)
		if !ok {
			return malformed("the certificate's principals are truncated or corrupt (PROTOCOL.certkeys); the certificate is corrupt")
		}
		if bytes.IndexByte(s, 0) >= 0 {
			return malformed("a principal of the certificate holds a NUL byte, which OpenSSH refuses; the certificate is corrupt")
		}
		if n++; n > sshkeyCertMaxPrincipals {
			return malformed("the certificate names more than the 256 principals OpenSSH reads (SSHKEY_CERT_MAX_PRINCIPALS); the certificate is corrupt")
		}
		b = rest
	}
	return nil
}

// checkTuples checks packed critical options or extensions: name and data
// strings (OpenSSH's check), the names in strictly increasing order as
// PROTOCOL.certkeys asks, and each data empty or one string (x/crypto's
// checks).
func checkTuples(b []byte, what string) error {
	var last []byte
	for first := true; len(b) > 0; first = false {
		name, rest, ok := wire.String(b)
		if !ok {
			return malformed("the certificate's " + what + " are truncated or corrupt (PROTOCOL.certkeys); the certificate is corrupt")
		}
		data, rest, ok := wire.String(rest)
		if !ok {
			return malformed("the certificate's " + what + " are truncated or corrupt (PROTOCOL.certkeys); the certificate is corrupt")
		}
		if !first && bytes.Compare(name, last) <= 0 {
			return malformed("the certificate's " + what + " are not in lexical order, or one is repeated (PROTOCOL.certkeys); the certificate is corrupt")
		}
		if len(data) > 0 {
			if _, r, ok := wire.String(data); !ok || len(r) != 0 {
				return malformed("the data of one of the certificate's " + what + " is not one string (PROTOCOL.certkeys); the certificate is corrupt")
			}
		}
		last, b = name, rest
	}
	return nil
}

// checkCAKey checks the CA's key: a plain key (OpenSSH refuses a
// certificate as CA key) that checkBlob accepts, and not ssh-dss, whose
// signatures sshkey does not verify.
func checkCAKey(ca []byte) error {
	name, _, ok := wire.String(ca)
	if !ok {
		return certTruncated()
	}
	switch {
	case isCertType(string(name)):
		return malformed("the certificate is signed by a certificate (" + safeName(name) + "), which OpenSSH refuses (PROTOCOL.certkeys); sign it with a plain CA key")
	case string(name) == TypeDSA:
		return newErr(keyerrors.ErrUnsupportedKeyType, "the certificate is signed by an ssh-dss (DSA) CA key, whose signatures sshkey does not verify: DSA is deprecated (OpenSSH 7.0 disabled it, 10.0 removed it); sign it with an Ed25519 or RSA CA key")
	}
	if _, _, err := checkBlob(ca); err != nil {
		return prefixErr(err, "the certificate's CA key: ")
	}
	return nil
}

// prefixErr returns err, a keyError, with its message prefixed.
func prefixErr(err error, prefix string) error {
	ke, ok := err.(*keyError)
	if !ok {
		return err
	}
	return newErr(ke.Sentinel, prefix+strings.TrimPrefix(ke.Msg, "sshkey: "))
}

// splitSignature reads a signature (RFC 4253 section 6.6): its format and
// blob, and for a security key's signature (PROTOCOL.u2f) the flags byte
// and counter; nothing may follow.
func splitSignature(sig []byte) (format, blob, rest []byte, ok bool) {
	format, r, ok := wire.String(sig)
	if !ok {
		return nil, nil, nil, false
	}
	blob, r, ok = wire.String(r)
	if !ok {
		return nil, nil, nil, false
	}
	switch string(format) {
	case TypeSKECDSA256, TypeSKED25519:
		if len(r) != 5 {
			return nil, nil, nil, false
		}
		return format, blob, r, true
	}
	return format, blob, nil, len(r) == 0
}

// verify checks the CA's signature over the signed bytes with x/crypto's
// verifier of the CA key's type (which also checks that the signature's
// format is one of that key type's).
func (p *certParts) verify() error {
	ca, err := ssh.ParsePublicKey(p.caKey)
	if err != nil {
		// checkCAKey accepted it, so x/crypto reads it (FuzzParse).
		return malformed("the certificate's CA key cannot be read; the certificate is corrupt")
	}
	sig := &ssh.Signature{Format: string(p.sigFormat), Blob: p.sigBlob, Rest: p.sigRest}
	if err := ca.Verify(p.signed, sig); err != nil {
		return malformed("the certificate's signature does not verify under its CA key (" + safeName(p.caKeyType()) +
			", signature " + safeName(p.sigFormat) + "), as ssh-keygen finds too; the certificate is corrupt or forged")
	}
	return nil
}

func (p *certParts) caKeyType() []byte {
	name, _, _ := wire.String(p.caKey)
	return name
}

// checkCert is checkBlob of a certificate blob b: it returns the row of
// the certificate's type and the size of the certified key.
//
// It reads a copy of b, so that b, which may lie in a caller's stack
// buffer (CheckText), does not escape: the parts and the verifier keep
// slices of it.
func checkCert(b []byte) (*keyType, int, error) {
	p, bits, err := readCert(bytes.Clone(b), true)
	if err != nil {
		return nil, 0, err
	}
	return &p.row.kt, bits, nil
}

// keyBlob returns the wire blob a Key's fingerprint is of: for a
// certificate, the certified key's, as ssh-keygen -l prints it; for a plain
// key, its own.
func (k *Key) keyBlob() []byte {
	if !keytype.IsCert(k.typ) { // the common case, without a search
		return k.blob
	}
	if r := lookupCert(k.typ); r != nil && k.blob != nil {
		p, _, err := readCert(k.blob, false)
		if err != nil {
			panic("sshkey: a certificate Key holds a blob readCert refuses")
		}
		return plainBlob(r.plain, p.keyFields)
	}
	return k.blob
}

// CertType is the type of an OpenSSH certificate (PROTOCOL.certkeys): a
// user or a host certificate.
type CertType uint32

const (
	// UserCert is SSH2_CERT_TYPE_USER: a certificate a user logs in with.
	UserCert CertType = 1
	// HostCert is SSH2_CERT_TYPE_HOST: a certificate a host proves itself
	// with.
	HostCert CertType = 2
)

// String returns "user" or "host", as ssh-keygen -L writes them, and
// "CertType(N)" for any other value.
func (t CertType) String() string {
	switch t {
	case UserCert:
		return "user"
	case HostCert:
		return "host"
	}
	return "CertType(" + strconv.FormatUint(uint64(t), 10) + ")"
}

// Certificate is an OpenSSH certificate's fields, read-only: what
// ssh-keygen -L shows. Get one with Key.Certificate. Its methods return
// copies.
//
// That Parse read a certificate means its signature verifies under the CA
// key it names (SignatureKey), as ssh-keygen checks before it shows one: it
// is intact, not trusted. Whether that CA is one to trust, and whether the
// certificate is valid now (ValidAt), for whom (Principals) and with which
// options, is the caller's decision, as it is sshd's (x/crypto's
// ssh.CertChecker makes those checks for a connection).
type Certificate struct {
	certType    CertType
	keyID       string
	serial      uint64
	principals  []string
	validAfter  uint64
	validBefore uint64
	critical    map[string]string
	extensions  map[string]string
	key         *Key
	caKey       *Key
	sigFormat   string
}

// forever is the valid_before of a certificate that never expires, as
// OpenSSH writes it (ssh-keygen -V ...:forever): 0xffffffffffffffff.
const forever uint64 = math.MaxUint64

// Certificate returns the certificate k holds, and true; or nil and false
// when k is a plain key (or the zero Key).
func (k *Key) Certificate() (*Certificate, bool) {
	r := lookupCert(k.typ)
	if r == nil || k.blob == nil {
		return nil, false
	}
	p, _, err := readCert(k.blob, false)
	if err != nil {
		panic("sshkey: a certificate Key holds a blob readCert refuses")
	}
	c := &Certificate{
		certType:    CertType(p.certType),
		keyID:       string(p.keyID),
		serial:      p.serial,
		validAfter:  p.validAfter,
		validBefore: p.validBefore,
		critical:    tuples(p.critical),
		extensions:  tuples(p.extensions),
		sigFormat:   string(p.sigFormat),
	}
	for b := p.principals; len(b) > 0; {
		s, rest, _ := wire.String(b)
		c.principals = append(c.principals, string(s))
		b = rest
	}
	pb := plainBlob(r.plain, p.keyFields)
	t, bits, _ := checkBlob(pb)
	c.key = newKey(t, bits, pb)
	ca := bytes.Clone(p.caKey)
	t, bits, _ = checkBlob(ca)
	c.caKey = newKey(t, bits, ca)
	return c, true
}

// tuples reads packed name/data pairs that checkTuples accepted: a data
// that is one string gives that string, an empty one "".
func tuples(b []byte) map[string]string {
	m := map[string]string{}
	for len(b) > 0 {
		name, rest, _ := wire.String(b)
		data, rest, _ := wire.String(rest)
		v, _, _ := wire.String(data)
		m[string(name)] = string(v)
		b = rest
	}
	return m
}

// CertType returns UserCert or HostCert.
func (c *Certificate) CertType() CertType { return c.certType }

// KeyID returns the key ID (ssh-keygen -I), as the certificate holds it.
func (c *Certificate) KeyID() string { return c.keyID }

// Serial returns the serial number (ssh-keygen -z).
func (c *Certificate) Serial() uint64 { return c.serial }

// Principals returns a copy of the principals (ssh-keygen -n), in the
// certificate's order; none (nil) means, to OpenSSH, any principal.
func (c *Certificate) Principals() []string {
	if len(c.principals) == 0 {
		return nil
	}
	return append([]string(nil), c.principals...)
}

// ValidAfter returns the start of the validity period in UTC. A
// certificate valid from the start of time (valid_after 0, ssh-keygen -V
// always:...) gives the zero time.Time. A valid_after beyond the range of
// an int64 of seconds gives the time of math.MaxInt64 seconds.
func (c *Certificate) ValidAfter() time.Time {
	if c.validAfter == 0 {
		return time.Time{}
	}
	return unixTime(c.validAfter)
}

// ValidBefore returns the end of the validity period in UTC: the first
// second at which the certificate is no longer valid. A certificate that
// never expires (valid_before 0xffffffffffffffff, ssh-keygen -V
// ...:forever) gives the zero time.Time; IsForever tells it too. A
// valid_before of 0 is 1970-01-01T00:00:00Z, a certificate that was never
// valid. A value beyond the range of an int64 of seconds gives the time of
// math.MaxInt64 seconds.
func (c *Certificate) ValidBefore() time.Time {
	if c.validBefore == forever {
		return time.Time{}
	}
	return unixTime(c.validBefore)
}

// IsForever reports whether the certificate never expires: its
// valid_before is 0xffffffffffffffff, as ssh-keygen -V ...:forever writes
// it.
func (c *Certificate) IsForever() bool { return c.validBefore == forever }

// ValidAt reports whether t lies in the validity period as OpenSSH judges
// it (sshkey_cert_check_authority): valid_after <= t < valid_before, in
// whole seconds since 1970.
func (c *Certificate) ValidAt(t time.Time) bool {
	s := t.Unix()
	if s < 0 {
		return c.validAfter == 0 && c.validBefore > 0
	}
	return uint64(s) >= c.validAfter && uint64(s) < c.validBefore
}

func unixTime(s uint64) time.Time {
	if s > math.MaxInt64 {
		s = math.MaxInt64
	}
	return time.Unix(int64(s), 0).UTC()
}

// CriticalOptions returns a copy of the critical options (ssh-keygen -O
// force-command=..., source-address=..., verify-required): each name with
// its value, "" for an option without one.
func (c *Certificate) CriticalOptions() map[string]string { return cloneMap(c.critical) }

// Extensions returns a copy of the extensions (permit-pty, ...): each name
// with its value, "" for the usual ones, which have none.
func (c *Certificate) Extensions() map[string]string { return cloneMap(c.extensions) }

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Key returns the certified key as a plain Key (FormatNone, no comment):
// the key whose fingerprint ssh-keygen -l shows for the certificate.
func (c *Certificate) Key() *Key { return c.key }

// SignatureKey returns the CA's key, which signed the certificate, as a
// plain Key (FormatNone, no comment): the "Signing CA" of ssh-keygen -L.
func (c *Certificate) SignatureKey() *Key { return c.caKey }

// SignatureAlgorithm returns the algorithm of the CA's signature
// ("ssh-ed25519", "rsa-sha2-512", ...): the "using" of ssh-keygen -L.
func (c *Certificate) SignatureAlgorithm() string { return c.sigFormat }
