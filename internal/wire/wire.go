// Package wire reads and writes the SSH wire encoding of public keys (RFC
// 4251 section 5): strings and mpints, as the blobs of RFC 4253 section 6.6,
// RFC 5656 section 3.1 and RFC 8709 section 4 hold them. It is the one
// reader of blobs for packages sshkey and fingerprint; it knows no key type.
//
// The readers never copy: what they return aliases their input. They never
// panic, whatever the input.
package wire

import (
	"encoding/binary"
	"math/bits"
)

// String reads an SSH string at the start of b: a uint32 length, then that
// many bytes. It reports false when b is shorter than the length says.
//
//	String([]byte("\x00\x00\x00\x02hi!")) == "hi", "!", true
func String(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 4 {
		return nil, nil, false
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, false
	}
	return b[4 : 4+n], b[4+n:], true
}

// MPIntProblem says why MPInt refused an mpint.
type MPIntProblem int

const (
	// MPIntOK is no problem.
	MPIntOK MPIntProblem = iota
	// MPIntTruncated is an mpint whose string runs past the input.
	MPIntTruncated
	// MPIntNegative is an mpint whose first byte has its high bit set
	// (RFC 4251 section 5: two's complement).
	MPIntNegative
	// MPIntNonCanonical is an mpint with a superfluous leading zero byte.
	MPIntNonCanonical
)

// MPInt reads an SSH mpint at the start of b that must be non-negative and
// minimally encoded: no leading zero byte unless the next byte has its high
// bit set (RFC 4251 section 5). It returns the magnitude without the
// leading zero byte; zero is the empty magnitude.
//
// Minimal encoding is stricter than OpenSSH, which tolerates leading zeros:
// with them one key has many blobs, and so many fingerprints.
func MPInt(b []byte) (mag, rest []byte, p MPIntProblem) {
	s, rest, ok := String(b)
	if !ok {
		return nil, nil, MPIntTruncated
	}
	if len(s) > 0 && s[0]&0x80 != 0 {
		return nil, nil, MPIntNegative
	}
	if len(s) > 0 && s[0] == 0 {
		if len(s) == 1 || s[1]&0x80 == 0 {
			return nil, nil, MPIntNonCanonical
		}
		s = s[1:]
	}
	return s, rest, MPIntOK
}

// BitLen returns the number of significant bits of the unsigned big-endian
// integer m, leading zero bytes allowed: OpenSSL's BN_num_bits, the size
// ssh-keygen -l prints for RSA and DSA keys.
//
//	BitLen([]byte{0x00, 0x01, 0x00}) == 9
func BitLen(m []byte) int {
	for len(m) > 0 && m[0] == 0 {
		m = m[1:]
	}
	if len(m) == 0 {
		return 0
	}
	return (len(m)-1)*8 + bits.Len8(m[0])
}

// AppendString appends s to dst as an SSH string.
func AppendString(dst, s []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(s)))
	return append(dst, s...)
}

// AppendMPInt appends the unsigned big-endian magnitude m to dst as a
// minimal SSH mpint: leading zero bytes of m are dropped, and one zero byte
// is put before a first byte with its high bit set.
func AppendMPInt(dst, m []byte) []byte {
	for len(m) > 0 && m[0] == 0 {
		m = m[1:]
	}
	if len(m) > 0 && m[0]&0x80 != 0 {
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(m)+1))
		dst = append(dst, 0)
		return append(dst, m...)
	}
	return AppendString(dst, m)
}
