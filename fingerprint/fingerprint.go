package fingerprint

import (
	"crypto"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
)

// OfBlob returns the fingerprint of an SSH wire-format public key blob (RFC
// 4253 section 6.6) in the form ssh-keygen -l -E prints it: for crypto.MD5 the
// lowercase colon-separated hex with no prefix (IAM's Fingerprint), for
// crypto.SHA1, crypto.SHA256 and crypto.SHA512 the hash name, a colon and
// unpadded standard base64. It panics for any other hash, a programming
// error.
func OfBlob(h crypto.Hash, blob []byte) string {
	switch h {
	case crypto.MD5:
		sum := md5.Sum(blob)
		var buf [3*md5.Size - 1]byte
		for i, b := range sum {
			if i > 0 {
				buf[3*i-1] = ':'
			}
			hex.Encode(buf[3*i:3*i+2], []byte{b})
		}
		return string(buf[:])
	case crypto.SHA1:
		sum := sha1.Sum(blob)
		return "SHA1:" + base64.RawStdEncoding.EncodeToString(sum[:])
	case crypto.SHA256:
		sum := sha256.Sum256(blob)
		return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
	case crypto.SHA512:
		sum := sha512.Sum512(blob)
		return "SHA512:" + base64.RawStdEncoding.EncodeToString(sum[:])
	}
	panic("fingerprint: unsupported hash " + h.String())
}
