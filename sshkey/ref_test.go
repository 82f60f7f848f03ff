package sshkey

import (
	"bytes"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/asn1"
	"encoding/binary"
	"errors"
	"math/big"

	"golang.org/x/crypto/ssh"
)

// This file holds the references outside sshkey's own code that the tests
// hold its answers to, where x/crypto and crypto/x509 no longer serve:
// x/crypto v0.59 does not read ssh-dss, and crypto/x509 reads neither a
// compressed EC point nor a DSA key that ssh.NewPublicKey can take. Each is
// written plainly, with math/big and encoding/asn1, and shares no code with
// the package.

// refRemarshal parses an SSH wire blob with the outside reference and
// returns its canonical marshalling: x/crypto's ssh.ParsePublicKey, and for
// ssh-dss refDSA.
func refRemarshal(blob []byte) ([]byte, error) {
	if bytes.HasPrefix(blob, []byte("\x00\x00\x00\x07ssh-dss")) {
		return refDSA(blob)
	}
	pub, err := ssh.ParsePublicKey(blob)
	if err != nil {
		return nil, err
	}
	return pub.Marshal(), nil
}

// refDSA reads "string ssh-dss, mpint p, q, g, y" (RFC 4253 section 6.6)
// with math/big, applies SSH's FIPS 186-2 sizes (p of 1024 bits, q of 160,
// 1 < g, y < p), and marshals it again.
func refDSA(blob []byte) ([]byte, error) {
	var fields [][]byte
	for b := blob; len(b) > 0; {
		if len(b) < 4 || uint64(binary.BigEndian.Uint32(b)) > uint64(len(b)-4) {
			return nil, errors.New("ref: truncated")
		}
		n := binary.BigEndian.Uint32(b)
		fields = append(fields, b[4:4+n])
		b = b[4+n:]
	}
	if len(fields) != 5 || string(fields[0]) != "ssh-dss" {
		return nil, errors.New("ref: not five fields of ssh-dss")
	}
	var m [4]*big.Int
	for i, f := range fields[1:] {
		if len(f) > 0 && f[0]&0x80 != 0 {
			return nil, errors.New("ref: negative")
		}
		m[i] = new(big.Int).SetBytes(f)
	}
	p, q := m[0], m[1]
	if p.BitLen() != 1024 || q.BitLen() != 160 {
		return nil, errors.New("ref: not FIPS 186-2 sizes")
	}
	for _, v := range m[2:] {
		if v.Cmp(big.NewInt(1)) <= 0 || v.Cmp(p) >= 0 {
			return nil, errors.New("ref: g or y out of range")
		}
	}
	return refBlob("ssh-dss", m[:]...), nil
}

// refBlob marshals a blob of a type name and mpints.
func refBlob(typ string, ints ...*big.Int) []byte {
	str := func(dst, s []byte) []byte {
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(s)))
		return append(dst, s...)
	}
	out := str(nil, []byte(typ))
	for _, v := range ints {
		b := v.Bytes()
		if len(b) > 0 && b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		out = str(out, b)
	}
	return out
}

// refSPKI reads a DER SubjectPublicKeyInfo and returns the SSH blob of its
// key: crypto/x509 and ssh.NewPublicKey; for DSA, and for an EC key with a
// compressed point, encoding/asn1 and math/big.
func refSPKI(der []byte) ([]byte, error) {
	var spki struct {
		Algo struct {
			OID    asn1.ObjectIdentifier
			Params asn1.RawValue `asn1:"optional"`
		}
		Key asn1.BitString
	}
	rest, err := asn1.Unmarshal(der, &spki)
	if err != nil || len(rest) != 0 {
		return nil, errors.New("ref: not one SubjectPublicKeyInfo")
	}
	switch {
	case spki.Algo.OID.Equal(asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}):
		var parms struct{ P, Q, G *big.Int }
		var y *big.Int
		if rest, err := asn1.Unmarshal(spki.Algo.Params.FullBytes, &parms); err != nil || len(rest) != 0 {
			return nil, errors.New("ref: bad Dss-Parms")
		}
		if rest, err := asn1.Unmarshal(spki.Key.Bytes, &y); err != nil || len(rest) != 0 {
			return nil, errors.New("ref: bad DSA public value")
		}
		return refDSA(refBlob("ssh-dss", parms.P, parms.Q, parms.G, y))
	case spki.Algo.OID.Equal(asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}) && len(spki.Key.Bytes) > 0 &&
		(spki.Key.Bytes[0] == 2 || spki.Key.Bytes[0] == 3):
		var curveOID asn1.ObjectIdentifier
		if _, err := asn1.Unmarshal(spki.Algo.Params.FullBytes, &curveOID); err != nil {
			return nil, errors.New("ref: bad curve")
		}
		names := map[string]struct {
			curve     elliptic.Curve
			typ, name string
		}{
			"1.2.840.10045.3.1.7": {elliptic.P256(), "ecdsa-sha2-nistp256", "nistp256"},
			"1.3.132.0.34":        {elliptic.P384(), "ecdsa-sha2-nistp384", "nistp384"},
			"1.3.132.0.35":        {elliptic.P521(), "ecdsa-sha2-nistp521", "nistp521"},
		}
		c, ok := names[curveOID.String()]
		if !ok {
			return nil, errors.New("ref: unknown curve")
		}
		point, err := refDecompress(c.curve.Params(), spki.Key.Bytes)
		if err != nil {
			return nil, err
		}
		str := func(dst, s []byte) []byte {
			dst = binary.BigEndian.AppendUint32(dst, uint32(len(s)))
			return append(dst, s...)
		}
		return refRemarshal(str(str(str(nil, []byte(c.typ)), []byte(c.name)), point))
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, err
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		return nil, err
	}
	return sp.Marshal(), nil
}

// refDecompress computes y from x for a compressed point, y^2 = x^3 - 3x + b
// (mod p), with the parity the prefix gives (SEC 1 section 2.3.4).
func refDecompress(params *elliptic.CurveParams, q []byte) ([]byte, error) {
	size := (params.BitSize + 7) / 8
	if len(q) != 1+size {
		return nil, errors.New("ref: compressed point of the wrong length")
	}
	x := new(big.Int).SetBytes(q[1:])
	if x.Cmp(params.P) >= 0 {
		return nil, errors.New("ref: x not below p")
	}
	y2 := new(big.Int).Exp(x, big.NewInt(3), params.P)
	y2.Sub(y2, new(big.Int).Mul(x, big.NewInt(3)))
	y2.Add(y2, params.B)
	y2.Mod(y2, params.P)
	y := new(big.Int).ModSqrt(y2, params.P)
	if y == nil {
		return nil, errors.New("ref: not on the curve")
	}
	if y.Bit(0) != uint(q[0]&1) {
		y.Sub(params.P, y)
	}
	out := make([]byte, 1+2*size)
	out[0] = 4
	x.FillBytes(out[1 : 1+size])
	y.FillBytes(out[1+size:])
	return out, nil
}
