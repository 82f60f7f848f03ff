package sshkey

import (
	"slices"
	"strconv"
	"strings"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Policy says which keys a caller accepts. The zero Policy accepts every
// plain key Parse returns, and no certificate (see Types). The AWS
// services' policies are in package validate.
type Policy struct {
	// Types lists the allowed Type values (TypeRSA, ...); empty allows
	// any plain key type. A certificate is allowed only when Types names
	// its certificate type (one of CertTypes: an empty Types allows none);
	// the RSA bounds apply to the key an RSA certificate certifies.
	Types []string
	// MinRSABits is the smallest RSA modulus allowed, in bits; 0 is no
	// minimum.
	MinRSABits int
	// MaxRSABits is the largest RSA modulus allowed, in bits; 0 is no
	// maximum (Parse never returns more than MaxRSABits).
	MaxRSABits int
	// Formats lists the allowed encodings; empty allows any. It judges
	// only keys read from text: a Key made by New, whose Format is
	// FormatNone, passes it (the other rules still apply), and listing
	// FormatNone changes nothing.
	Formats []Format
	// LineOnlyTypes lists types that must come as an authorized_keys
	// line, whatever other encodings Formats allows for other types:
	// EC2's ImportKeyPair takes RSA as a line, RFC 4716 or base64 DER,
	// and Ed25519 as a line only. Like Formats, it judges only keys read
	// from text (not FormatNone). Empty is no such type.
	LineOnlyTypes []string
}

// Check reports whether k satisfies p: nil, or an error that wraps the
// sentinel of the first rule k breaks, checked in this order (the order in
// which a service looks at a key: the encoding, then what the key is):
//
//   - ErrCertificate: k is an OpenSSH certificate whose type p.Types does
//     not name (so the zero Policy refuses every certificate);
//   - ErrUnsupportedEncoding: k.Format() is not in p.Formats (never for a
//     Key made by New, whose Format is FormatNone: it was read from no
//     text);
//   - ErrUnsupportedKeyType: k.Type() is not in p.Types;
//   - ErrKeyTooSmall, ErrKeyTooLarge: an RSA key outside MinRSABits and
//     MaxRSABits.
//
// A nil k, or the zero Key, which holds no key, is ErrMalformedKey.
// Check(k) with Policy{Types: []string{TypeRSA}, MinRSABits: 2048} refuses
// a 1024-bit RSA key with ErrKeyTooSmall.
func (p *Policy) Check(k *Key) error {
	if k == nil {
		return malformed("no key: the key is nil")
	}
	if k.blob == nil {
		return errZeroKey()
	}
	return p.check(k.format, k.typ, k.bits)
}

// largerKeyHint is the advice for an RSA key below MinRSABits, fitted to the
// policy: an RSA key of 4096 bits (or of MaxRSABits, when that is less), and
// an Ed25519 key only where the policy takes one.
func (p *Policy) largerKeyHint() string {
	bits := 4096
	if p.MaxRSABits > 0 && p.MaxRSABits < bits {
		bits = p.MaxRSABits
	}
	hint := "generate a larger key (ssh-keygen -t rsa -b " + strconv.Itoa(bits) + ")"
	if len(p.Types) == 0 || slices.Contains(p.Types, TypeED25519) {
		hint += " or an Ed25519 key (ssh-keygen -t ed25519)"
	}
	return hint
}

// check is Check on what it looks at: the encoding, the type and the size of
// a key (of the certified key, for a certificate). FormatNone, a key read
// from no text, passes Formats.
func (p *Policy) check(f Format, typ string, bits int) error {
	if IsCertType(typ) && !slices.Contains(p.Types, typ) { // cert.go
		return newErr(keyerrors.ErrCertificate, "this is an OpenSSH certificate; give the plain public key it certifies (the .pub file without -cert)")
	}
	if len(p.Formats) > 0 && f != FormatNone && !slices.Contains(p.Formats, f) {
		names := make([]string, 0, len(p.Formats))
		for _, f := range p.Formats {
			if f != FormatNone {
				names = append(names, f.String())
			}
		}
		if len(names) == 0 {
			return newErr(keyerrors.ErrUnsupportedEncoding, "the "+f.String()+
				" encoding is not accepted here; no text encoding is")
		}
		return newErr(keyerrors.ErrUnsupportedEncoding, "the "+f.String()+
			" encoding is not accepted here; give the key as "+strings.Join(names, " or "))
	}
	if f != FormatNone && f != FormatAuthorizedKey && slices.Contains(p.LineOnlyTypes, typ) {
		return newErr(keyerrors.ErrUnsupportedEncoding, "a "+safeName([]byte(typ))+" key is accepted here only as an "+
			FormatAuthorizedKey.String()+" line, not in the "+f.String()+" encoding")
	}
	if len(p.Types) > 0 && !slices.Contains(p.Types, typ) {
		return newErr(keyerrors.ErrUnsupportedKeyType, "a "+safeName([]byte(typ))+
			" key is not accepted here; use a key of type "+strings.Join(p.Types, " or "))
	}
	if certifiedType(typ) == TypeRSA {
		if p.MinRSABits > 0 && bits < p.MinRSABits {
			return newErr(keyerrors.ErrKeyTooSmall, "the RSA key has "+strconv.Itoa(bits)+
				" bits, fewer than the "+strconv.Itoa(p.MinRSABits)+" required; "+p.largerKeyHint())
		}
		if p.MaxRSABits > 0 && bits > p.MaxRSABits {
			return newErr(keyerrors.ErrKeyTooLarge, "the RSA key has "+strconv.Itoa(bits)+
				" bits, more than the "+strconv.Itoa(p.MaxRSABits)+" allowed; generate a key of at most "+strconv.Itoa(p.MaxRSABits)+" bits")
		}
	}
	return nil
}
