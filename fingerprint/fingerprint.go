package fingerprint

import (
	"crypto"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"slices"

	"golang.org/x/crypto/ssh"
)

const (
	// maxDigest is the size of the largest digest supported, SHA-512's.
	maxDigest = sha512.Size
	// maxLen is the length of the longest fingerprint string: "SHA512:"
	// and 86 base64 characters.
	maxLen = len("SHA512:") + (maxDigest*8+5)/6
	// md5Len is the length of an MD5 fingerprint: 16 hex pairs and 15
	// colons.
	md5Len = 3*md5.Size - 1
)

// digestSize returns the digest size of a supported hash, or 0.
func digestSize(h crypto.Hash) int {
	switch h {
	case crypto.MD5:
		return md5.Size
	case crypto.SHA1:
		return sha1.Size
	case crypto.SHA256:
		return sha256.Size
	case crypto.SHA384:
		return sha512.Size384
	case crypto.SHA512:
		return sha512.Size
	}
	return 0
}

// hashName returns the name ssh-keygen writes before a base64
// fingerprint (ssh_digest_alg_name in OpenSSH's digest-openssl.c), or "".
func hashName(h crypto.Hash) string {
	switch h {
	case crypto.MD5:
		return "MD5"
	case crypto.SHA1:
		return "SHA1"
	case crypto.SHA256:
		return "SHA256"
	case crypto.SHA384:
		return "SHA384"
	case crypto.SHA512:
		return "SHA512"
	}
	return ""
}

// sum returns the digest of blob under h in the first digestSize(h) bytes
// of d. It panics if h is not supported.
func sum(h crypto.Hash, blob []byte) (d [maxDigest]byte) {
	switch h {
	case crypto.MD5:
		s := md5.Sum(blob)
		copy(d[:], s[:])
	case crypto.SHA1:
		s := sha1.Sum(blob)
		copy(d[:], s[:])
	case crypto.SHA256:
		s := sha256.Sum256(blob)
		copy(d[:], s[:])
	case crypto.SHA384:
		s := sha512.Sum384(blob)
		copy(d[:], s[:])
	case crypto.SHA512:
		d = sha512.Sum512(blob)
	default:
		panic(unsupported(h))
	}
	return d
}

func unsupported(h crypto.Hash) string {
	return "fingerprint: unsupported hash " + h.String() + " (want crypto.MD5, SHA1, SHA256, SHA384 or SHA512)"
}

const hexDigits = "0123456789abcdef"

// appendText appends the ssh-keygen form of digest d under h: colon hex for
// MD5, the hash name, a colon and unpadded base64 for the others.
func appendText(dst []byte, h crypto.Hash, d []byte) []byte {
	if h == crypto.MD5 {
		for i, b := range d {
			if i > 0 {
				dst = append(dst, ':')
			}
			dst = append(dst, hexDigits[b>>4], hexDigits[b&0x0f])
		}
		return dst
	}
	dst = append(dst, hashName(h)...)
	dst = append(dst, ':')
	return appendRawB64(dst, d)
}

const b64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// appendRawB64 is base64.RawStdEncoding.AppendEncode(dst, d), in about a
// third of its instructions on a digest: six bytes at a time, read as one
// word, into eight characters written as one, with b64Pairs, which maps 12
// bits to their two characters. TestAppendRawB64 and FuzzAppendRawB64 hold
// the two equal.
func appendRawB64(dst, d []byte) []byte {
	n := len(dst)
	m := (len(d)*8 + 5) / 6
	dst = slices.Grow(dst, m)[:n+m]
	out := dst[n:]
	for len(d) >= 8 && len(out) >= 8 {
		v := binary.BigEndian.Uint64(d) // the first 48 bits are encoded
		w := uint64(b64Pairs[v>>52]) | uint64(b64Pairs[v>>40&0xfff])<<16 |
			uint64(b64Pairs[v>>28&0xfff])<<32 | uint64(b64Pairs[v>>16&0xfff])<<48
		binary.LittleEndian.PutUint64(out, w)
		d, out = d[6:], out[8:]
	}
	for len(d) >= 3 && len(out) >= 4 {
		v := uint32(d[0])<<16 | uint32(d[1])<<8 | uint32(d[2])
		out[0] = b64Alphabet[v>>18]
		out[1] = b64Alphabet[v>>12&0x3f]
		out[2] = b64Alphabet[v>>6&0x3f]
		out[3] = b64Alphabet[v&0x3f]
		d, out = d[3:], out[4:]
	}
	switch {
	case len(d) == 1 && len(out) >= 2:
		out[0] = b64Alphabet[d[0]>>2]
		out[1] = b64Alphabet[d[0]<<4&0x3f]
	case len(d) == 2 && len(out) >= 3:
		v := uint32(d[0])<<8 | uint32(d[1])
		out[0] = b64Alphabet[v>>10]
		out[1] = b64Alphabet[v>>4&0x3f]
		out[2] = b64Alphabet[v<<2&0x3f]
	}
	return dst
}

// sha256Text is appendText(nil, crypto.SHA256, sum[:32]) in an array:
// "SHA256:" and the 43 characters of the digest, five words of six bytes
// and a last pair of bytes. sum's bytes past the digest are not used.
// TestSHA256Text holds it to appendText.
func sha256Text(sum *[maxDigest]byte) (t [7 + 43]byte) {
	copy(t[:], "SHA256:")
	o := t[7:]
	for k := 0; k < 5; k++ {
		v := binary.BigEndian.Uint64(sum[6*k:]) // the first 48 bits are encoded
		w := uint64(b64Pairs[v>>52]) | uint64(b64Pairs[v>>40&0xfff])<<16 |
			uint64(b64Pairs[v>>28&0xfff])<<32 | uint64(b64Pairs[v>>16&0xfff])<<48
		binary.LittleEndian.PutUint64(o[8*k:], w)
	}
	v := uint32(sum[30])<<8 | uint32(sum[31])
	o[40] = b64Alphabet[v>>10]
	o[41] = b64Alphabet[v>>4&0x3f]
	o[42] = b64Alphabet[v<<2&0x3f]
	return t
}

// b64Pairs maps 12 bits to their two base64 characters, the first in the
// low byte.
var b64Pairs = func() (t [1 << 12]uint16) {
	for i := range t {
		t[i] = uint16(b64Alphabet[i>>6]) | uint16(b64Alphabet[i&0x3f])<<8
	}
	return t
}()

// plainBlob returns the SSH wire blob that OpenSSH fingerprints for pub:
// the certified key's for a certificate, pub's own otherwise.
func plainBlob(pub ssh.PublicKey) []byte {
	if c, ok := pub.(*ssh.Certificate); ok {
		return c.Key.Marshal()
	}
	return pub.Marshal()
}

// OfBlob returns the fingerprint of an SSH wire-format public key blob (RFC
// 4253 section 6.6) as ssh-keygen -l -E prints it: for crypto.MD5 the
// lowercase colon-separated hex with no prefix (IAM's Fingerprint), for
// crypto.SHA1, crypto.SHA256, crypto.SHA384 and crypto.SHA512 the hash name,
// a colon and unpadded standard base64 (RFC 4648 section 4):
//
//	OfBlob(crypto.MD5, blob)    // "c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea"
//	OfBlob(crypto.SHA256, blob) // "SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560"
//
// The blob is hashed as given and never parsed: a certificate's blob gives
// the fingerprint of the whole certificate (as x/crypto's
// ssh.FingerprintSHA256 does), not OpenSSH's, which is the certified key's;
// see [SHA256]. It panics for any other hash: a programming error. The
// result is the only allocation.
func OfBlob(h crypto.Hash, blob []byte) string {
	var buf [maxLen]byte
	return string(AppendBlob(buf[:0], h, blob))
}

// AppendBlob appends to dst the fingerprint [OfBlob] returns and returns
// the extended buffer. It does not allocate when dst has room for the
// result: 47 bytes for MD5, 32 for SHA1, 50 for SHA256, 71 for SHA384, 93
// for SHA512. It panics for an unsupported hash, as OfBlob does.
func AppendBlob(dst []byte, h crypto.Hash, blob []byte) []byte {
	// MD5 and SHA-256, the fingerprints IAM and ssh-keygen show, skip
	// sum's copy into a buffer of the largest digest.
	switch h {
	case crypto.MD5:
		d := md5.Sum(blob)
		return appendText(dst, h, d[:])
	case crypto.SHA256:
		d := sha256.Sum256(blob)
		return appendText(dst, h, d[:])
	}
	d := sum(h, blob)
	return appendText(dst, h, d[:digestSize(h)])
}

// MD5 returns the MD5 fingerprint of pub as IAM's Fingerprint member holds
// it: lowercase hex pairs separated by colons, without the "MD5:" that
// ssh-keygen -l -E md5 puts before it (RFC 4716 section 4):
//
//	c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea
//
// A certificate gives its certified key's fingerprint, as in OpenSSH. pub
// must not be nil.
func MD5(pub ssh.PublicKey) string { return OfBlob(crypto.MD5, plainBlob(pub)) }

// SHA1 returns the SHA-1 fingerprint of pub as ssh-keygen -l -E sha1 prints
// it, "SHA1:" and unpadded base64:
//
//	SHA1:w6uZIBp5QDpWNEdXkAQGOjYkXKM
//
// A certificate gives its certified key's fingerprint, as in OpenSSH.
func SHA1(pub ssh.PublicKey) string { return OfBlob(crypto.SHA1, plainBlob(pub)) }

// SHA256 returns the SHA-256 fingerprint of pub as ssh-keygen -l prints it
// by default, "SHA256:" and unpadded base64:
//
//	SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560
//
// A certificate gives its certified key's fingerprint, as ssh-keygen -l
// does; x/crypto's ssh.FingerprintSHA256 hashes the whole certificate and
// so gives another value for it. For a plain key the two agree.
func SHA256(pub ssh.PublicKey) string { return OfBlob(crypto.SHA256, plainBlob(pub)) }

// SHA384 returns the SHA-384 fingerprint of pub as ssh-keygen -l -E sha384
// prints it, "SHA384:" and unpadded base64. A certificate gives its
// certified key's fingerprint.
func SHA384(pub ssh.PublicKey) string { return OfBlob(crypto.SHA384, plainBlob(pub)) }

// SHA512 returns the SHA-512 fingerprint of pub as ssh-keygen -l -E sha512
// prints it, "SHA512:" and unpadded base64. A certificate gives its
// certified key's fingerprint.
func SHA512(pub ssh.PublicKey) string { return OfBlob(crypto.SHA512, plainBlob(pub)) }
