package fingerprint

import (
	"bytes"
	"crypto"
	"crypto/sha1"
	"fmt"
	"strconv"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/keytype"
	"github.com/keyvet/keyvet/internal/wire"
)

// Bubblebabble returns the SHA-1 digest of pub in Antti Huima's Bubble
// Babble encoding, as ssh-keygen -B prints it:
//
//	xubop-rekyd-bakal-nubuf-pahaf-gicuh-logeb-gocif-petod-galip-fuxux
//
// A certificate gives its certified key's, as in OpenSSH. pub must not be
// nil.
func Bubblebabble(pub ssh.PublicKey) string { return BubblebabbleBlob(plainBlob(pub)) }

// BubblebabbleBlob returns the Bubble Babble encoding of the SHA-1 digest
// of an SSH wire-format public key blob, hashed as given (a certificate's
// blob gives the whole certificate's; see [OfBlob]). The result, always 65
// characters, is the only allocation.
func BubblebabbleBlob(blob []byte) string {
	d := sha1.Sum(blob)
	var buf [bubblebabbleLen]byte
	return string(appendBubblebabble(buf[:0], d[:]))
}

// bubblebabbleLen is the length of the Bubble Babble encoding of a SHA-1
// digest: 11 five-letter tuples and 10 dashes.
const bubblebabbleLen = (sha1.Size/2+1)*6 - 1

// appendBubblebabble appends the Bubble Babble encoding of d, as
// fingerprint_bubblebabble in OpenSSH's sshkey.c computes it (the encoding
// is specified in Antti Huima's draft "The Bubble Babble Binary Data
// Encoding", 2000).
func appendBubblebabble(dst []byte, d []byte) []byte {
	const (
		vowels     = "aeiouy"
		consonants = "bcdfghklmnprstvzx"
	)
	rounds := len(d)/2 + 1
	seed := 1
	dst = append(dst, 'x')
	for i := range rounds {
		if i+1 < rounds || len(d)%2 != 0 {
			b0 := int(d[2*i])
			dst = append(dst,
				vowels[((b0>>6)&3+seed)%6],
				consonants[(b0>>2)&15],
				vowels[(b0&3+seed/6)%6])
			if i+1 < rounds {
				b1 := int(d[2*i+1])
				dst = append(dst, consonants[(b1>>4)&15], '-', consonants[b1&15])
				seed = (seed*5 + b0*7 + b1) % 36
			}
		} else {
			dst = append(dst, vowels[seed%6], consonants[16], vowels[seed/6])
		}
	}
	return append(dst, 'x')
}

// RandomArt returns the picture ssh-keygen -lv draws under the fingerprint
// line: the "drunken bishop" walk over the SHA-256 digest of pub
// (fingerprint_randomart in OpenSSH's sshkey.c), 11 lines of 19 characters
// joined by "\n" with no newline after the last, byte for byte what
// OpenSSH's sshkey_fingerprint(k, SSH_DIGEST_SHA256, SSH_FP_RANDOMART)
// returns:
//
//	+--[ED25519 256]--+
//	|       ... .. oo.|
//	|      .   o .o ..|
//	|       o o o.  ..|
//	|      . + .. . o.|
//	|       .S.. . B o|
//	|        .o.+ o @.|
//	|       .o.o.*  .O|
//	|        o= ..+ .B|
//	|       o*o  o.E==|
//	+----[SHA256]-----+
//
// The header holds OpenSSH's short type name and the key size in bits
// (sshkey_type and sshkey_size); when they do not fit, the type name alone,
// cut to 16 characters as OpenSSH cuts it ("+[ED25519-SK-CERT-+"). A
// certificate is drawn from its certified key's digest under a header that
// names the certificate ("+-[ED25519-CERT]--+"), as ssh-keygen -lv does.
// A key of a type OpenSSH does not know (only possible with an ssh.PublicKey
// implemented outside x/crypto) gets the header OpenSSH gives an unknown
// key, "[unknown 0]". pub must not be nil.
func RandomArt(pub ssh.PublicKey) string { return randomArtKey(crypto.SHA256, pub) }

// randomArtKey is RandomArt over the digest h, as ssh-keygen -lv -E draws.
func randomArtKey(h crypto.Hash, pub ssh.PublicKey) string {
	blob := plainBlob(pub)
	label, nbits, err := keyInfo(blob)
	if err != nil {
		label, nbits = "unknown", 0
	} else if _, ok := pub.(*ssh.Certificate); ok {
		label += "-CERT"
	}
	d := sum(h, blob)
	return randomArt(label, nbits, hashName(h), d[:digestSize(h)])
}

// RandomArtBlob returns the picture ssh-keygen -lv -E draws for an SSH
// wire-format public key blob under h (crypto.MD5, SHA1, SHA256, SHA384 or
// SHA512; [RandomArt] uses SHA256, ssh-keygen's default). The digest is
// taken over the blob as given; the header's type and size are read from
// it. A certificate's blob is therefore drawn from the whole certificate's
// digest, unlike ssh-keygen: parse it and call RandomArt to get OpenSSH's
// picture.
//
// The error wraps [keyerrors.ErrUnsupportedKeyType] for a key type OpenSSH
// 9.2 does not know, and [keyerrors.ErrMalformedKey] for a blob too short
// for the fields the header needs. It panics for an unsupported hash.
func RandomArtBlob(h crypto.Hash, blob []byte) (string, error) {
	d := sum(h, blob) // panics first for a bad hash: a programming error
	label, nbits, err := keyInfo(blob)
	if err != nil {
		return "", err
	}
	return randomArt(label, nbits, hashName(h), d[:digestSize(h)]), nil
}

// The field of the drunken bishop, as in OpenSSH's sshkey.c.
const (
	fldBase = 8
	fldY    = fldBase + 1
	fldX    = fldBase*2 + 1
	// artLen is the length of a picture: 11 lines of fldX+2 characters
	// and 10 newlines.
	artLen = (fldY+2)*(fldX+3) - 1
	// augmentation are the characters for a square visited 0, 1, 2...
	// times; the last two mark the start (S) and the end (E).
	augmentation = " .o+=*BOX@%&#/^SE"
)

// randomArt draws digest d as fingerprint_randomart does, with "[label
// nbits]" in the top border and "[alg]" in the bottom one.
func randomArt(label string, nbits int, alg string, d []byte) string {
	const top = byte(len(augmentation) - 1)
	var field [fldX][fldY]byte
	x, y := fldX/2, fldY/2
	for _, in := range d {
		// Each byte holds four moves of two bits, low bits first.
		for range 4 {
			if in&1 != 0 {
				x++
			} else {
				x--
			}
			if in&2 != 0 {
				y++
			} else {
				y--
			}
			x = max(0, min(x, fldX-1))
			y = max(0, min(y, fldY-1))
			if field[x][y] < top-2 {
				field[x][y]++
			}
			in >>= 2
		}
	}
	field[fldX/2][fldY/2] = top - 1
	field[x][y] = top

	// OpenSSH formats "[type bits]" into a buffer of fldX bytes; when
	// the text is longer than that it falls back to "[type]", and
	// snprintf keeps at most fldX-1 characters of either.
	var tbuf [2 * fldX]byte
	title := append(tbuf[:0], '[')
	title = append(title, label...)
	title = append(title, ' ')
	title = strconv.AppendInt(title, int64(nbits), 10)
	title = append(title, ']')
	if len(title) > fldX {
		title = append(append(append(tbuf[:0], '['), label...), ']')
	}
	var hbuf [fldX]byte
	hash := append(append(append(hbuf[:0], '['), alg...), ']')

	var buf [artLen]byte
	b := appendBorder(buf[:0], title)
	b = append(b, '\n')
	for y := range fldY {
		b = append(b, '|')
		for x := range fldX {
			b = append(b, augmentation[min(field[x][y], top)])
		}
		b = append(b, '|', '\n')
	}
	b = appendBorder(b, hash)
	return string(b)
}

// appendBorder appends a border line with text centred as OpenSSH centres
// it: (fldX-len)/2 dashes before, the rest after.
func appendBorder(b, text []byte) []byte {
	if len(text) > fldX-1 {
		text = text[:fldX-1]
	}
	b = append(b, '+')
	pad := (fldX - len(text)) / 2
	for range pad {
		b = append(b, '-')
	}
	b = append(b, text...)
	for range fldX - pad - len(text) {
		b = append(b, '-')
	}
	return append(b, '+')
}

// keyInfo returns the short type name and the size in bits that OpenSSH's
// sshkey_type and sshkey_size give the key in an SSH wire blob: "RSA" and
// the modulus size, "DSA" and the size of p, "ECDSA" and the curve size,
// "ED25519" and 256, the "-SK" variants, and "-CERT" after the name for a
// certificate (whose size is its certified key's). It reads only the fields
// it needs and checks nothing else.
func keyInfo(blob []byte) (label string, nbits int, err error) {
	typ, rest, ok := wire.String(blob)
	if !ok {
		return "", 0, fmt.Errorf("fingerprint: key blob too short for its type name: %w", keyerrors.ErrMalformedKey)
	}
	isCert := bytes.HasSuffix(typ, []byte(keytype.CertSuffix))
	if isCert {
		if _, rest, ok = wire.String(rest); !ok { // nonce
			return "", 0, fmt.Errorf("fingerprint: certificate blob too short for its nonce: %w", keyerrors.ErrMalformedKey)
		}
	}
	var t *keytype.Type
	if isCert {
		t = keytype.LookupCert(typ)
	} else {
		t = keytype.Lookup(typ)
	}
	if t == nil {
		return "", 0, unknownType(typ)
	}
	// mpint is the index of the mpint whose size is the key's, or -1.
	label, nbits, mpint := t.Label, t.Bits, -1
	if nbits == 0 {
		mpint = t.SizeMPInt
	}
	if mpint >= 0 {
		var n []byte
		for range mpint + 1 {
			if n, rest, ok = wire.String(rest); !ok {
				return "", 0, fmt.Errorf("fingerprint: %s key blob too short: %w", label, keyerrors.ErrMalformedKey)
			}
		}
		nbits = wire.BitLen(n)
	}
	if isCert {
		label += "-CERT"
	}
	return label, nbits, nil
}

func unknownType(typ []byte) error {
	return fmt.Errorf("fingerprint: key type '%s' unknown to OpenSSH 9.2: %w",
		keyerrors.SafeValue(string(typ)), keyerrors.ErrUnsupportedKeyType)
}
