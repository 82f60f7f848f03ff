package sshkey

import (
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/keyvet/keyvet/internal/wire"
)

// The DER encoders below write a checked blob's numbers and points as
// crypto/x509's MarshalPKIXPublicKey and MarshalPKCS1PublicKey write them
// (TestPKIXEncoder holds them equal), and DSA, which crypto/x509 no longer
// writes, as ssh-keygen -e -m PKCS8 does (RFC 3279 section 2.3.2).

// addUnsigned adds the magnitude m as a DER INTEGER (X.690 section 8.3):
// zero is one zero byte, and a zero byte goes before a set high bit.
func addUnsigned(b *cryptobyte.Builder, m []byte) {
	b.AddASN1(cbasn1.INTEGER, func(b *cryptobyte.Builder) {
		if len(m) == 0 || m[0]&0x80 != 0 {
			b.AddUint8(0)
		}
		b.AddBytes(m)
	})
}

// addOID adds an OBJECT IDENTIFIER of the DER contents oid.
func addOID(b *cryptobyte.Builder, oid []byte) {
	b.AddASN1(cbasn1.OBJECT_IDENTIFIER, func(b *cryptobyte.Builder) { b.AddBytes(oid) })
}

// mpints reads the n mpints after the type name of a checked blob.
func mpints(blob []byte, n int) [][]byte {
	_, rest, _ := wire.String(blob)
	out := make([][]byte, n)
	for i := range out {
		out[i], rest, _ = wire.MPInt(rest)
	}
	return out
}

// marshalPKCS1 returns RSAPublicKey ::= SEQUENCE { modulus, publicExponent }
// (RFC 8017 appendix A.1.1) of a checked ssh-rsa blob.
func marshalPKCS1(blob []byte) []byte {
	m := mpints(blob, 2) // e, n
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		addUnsigned(b, m[1])
		addUnsigned(b, m[0])
	})
	return b.BytesOrPanic()
}

// marshalSPKI returns the DER SubjectPublicKeyInfo (RFC 5280 section
// 4.1.2.7) of a checked blob whose type row t says PKIX can hold it.
func marshalSPKI(t *keyType, blob []byte) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		var key []byte
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			switch t.alg {
			case algRSA: // RFC 3279 section 2.3.1
				addOID(b, t.oid)
				b.AddASN1NULL()
				key = marshalPKCS1(blob)
			case algDSA: // RFC 3279 section 2.3.2
				m := mpints(blob, 4) // p, q, g, y
				addOID(b, t.oid)
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					for _, v := range m[:3] {
						addUnsigned(b, v)
					}
				})
				var y cryptobyte.Builder
				addUnsigned(&y, m[3])
				key = y.BytesOrPanic()
			case algECDSA: // RFC 5480 section 2
				addOID(b, t.oid)
				addOID(b, t.curve.derOID)
				_, rest, _ := wire.String(blob)
				_, rest, _ = wire.String(rest)
				key, _, _ = wire.String(rest)
			case algEd25519: // RFC 8410 section 4
				addOID(b, t.oid)
				_, rest, _ := wire.String(blob)
				key, _, _ = wire.String(rest)
			}
		})
		b.AddASN1(cbasn1.BIT_STRING, func(b *cryptobyte.Builder) {
			b.AddUint8(0) // no unused bits
			b.AddBytes(key)
		})
	})
	return b.BytesOrPanic()
}
