package sshkey

import (
	"bytes"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// keyError is every error sshkey returns: a message for people and the key
// sentinel for errors.Is. The message never holds key material.
type keyError struct {
	sentinel error
	msg      string
}

func (e *keyError) Error() string { return e.msg }
func (e *keyError) Unwrap() error { return e.sentinel }

func newErr(sentinel error, msg string) error {
	return &keyError{sentinel: sentinel, msg: "sshkey: " + msg}
}

func malformed(msg string) error   { return newErr(keyerrors.ErrMalformedKey, msg) }
func unsupported(msg string) error { return newErr(keyerrors.ErrUnsupportedEncoding, msg) }

// safeName returns a caller-supplied name (a type label, a curve, an
// option, a PEM label) as an error message may show it: keyerrors.SafeValue's
// form of it in double quotes ("nosuchoption", escaped and cut to
// keyerrors.MaxValueLen characters), or SafeValue's placeholder unquoted
// when SafeValue shows nothing of it: keyerrors.OmittedValue for what looks
// like key material, keyerrors.BinaryValue for binary data. SafeValue's rule
// is the only one: safeName adds the quotes and nothing else. Text of a
// key's base64 field must not reach safeName at all.
func safeName(b []byte) string {
	s := string(b)
	v := keyerrors.SafeValue(s)
	if (v == keyerrors.OmittedValue && s != keyerrors.OmittedValue) || keyerrors.IsBinary(s) {
		return v
	}
	return `"` + v + `"`
}

// Private key markers. A private key is recognised by its markers anywhere in
// the input, so that a .pub file followed by its private half, or a private
// key pasted with text before it, is refused as what it is.
var privateMarkers = []struct {
	marker, kind string
}{
	{"-----BEGIN OPENSSH PRIVATE KEY-----", "an OpenSSH private key"},
	{"-----BEGIN RSA PRIVATE KEY-----", "a PEM RSA private key"},
	{"-----BEGIN EC PRIVATE KEY-----", "a PEM EC private key"},
	{"-----BEGIN DSA PRIVATE KEY-----", "a PEM DSA private key"},
	{"-----BEGIN ENCRYPTED PRIVATE KEY-----", "an encrypted PKCS#8 private key"},
	{"-----BEGIN PRIVATE KEY-----", "a PKCS#8 private key"},
	{"---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----", "an SSH2 (RFC 4716 style) private key"},
	{"PuTTY-User-Key-File-", "a PuTTY private key (.ppk)"},
	// Any other PEM or SSH2 private key label, and the END lines of all of
	// them (a private key whose BEGIN line was lost is still one).
	{"PRIVATE KEY-----", "a private key"},
	{"PRIVATE KEY ----", "a private key"},
	// The base64 of "openssh-key-v1\x00", the start of an OpenSSH private
	// key body pasted without its markers (PROTOCOL.key).
	{"b3BlbnNzaC1rZXktdjE", "the body of an OpenSSH private key"},
}

// refusePrivate returns ErrPrivateKey when data holds a private key marker.
// The message names the kind of key, never a byte of it.
func refusePrivate(data []byte) error {
	if dropbearPrivate(trimSpace(data)) {
		return dropbearErr()
	}
	if !holdsCore(data) {
		return nil
	}
	if i := privateMarker(data); i >= 0 {
		return privateErr(privateMarkers[i].kind)
	}
	return nil
}

// privateMarker returns the index in privateMarkers of the first marker data
// holds, or -1.
func privateMarker(data []byte) int {
	for i, m := range privateMarkers {
		if bytes.Contains(data, []byte(m.marker)) {
			return i
		}
	}
	return -1
}

// markerCores are substrings of which every private key marker holds one
// (TestMarkerCores checks it): data that holds none of them holds no marker.
var markerCores = [...]string{"PRIVATE KEY", "PuTTY-User-Key-File-", "b3BlbnNzaC1rZXktdjE"}

// coreStride is the length of the shortest core. A core found in data spans
// coreStride bytes or more, so it covers one of the positions coreStride-1,
// 2*coreStride-1, ...: holdsCore looks at those bytes only.
const coreStride = len("PRIVATE KEY")

// coreAt lists, for each byte, the places it holds in the cores, each as
// the core's index<<5 | the offset in it (a core is shorter than 32 bytes).
var coreAt = func() (t [256][]uint8) {
	for i, c := range markerCores {
		for j := 0; j < len(c); j++ {
			t[c[j]] = append(t[c[j]], uint8(i<<5|j))
		}
	}
	return t
}()

// holdsCore reports whether data holds one of markerCores, as three
// bytes.Contains would, reading one byte in coreStride: at each, it
// compares the cores that hold that byte, where they would lie. A key's
// base64 text holds a byte of a core at some 40% of these positions, so
// holdsCore costs a fraction of a byte-by-byte search (FuzzInspect holds it
// equal to bytes.Contains).
func holdsCore(data []byte) bool {
	for p := coreStride - 1; p < len(data); p += coreStride {
		for _, at := range coreAt[data[p]] {
			core := markerCores[at>>5]
			s := p - int(at&31)
			if s >= 0 && len(data)-s >= len(core) && data[s] == core[0] && string(data[s:s+len(core)]) == core {
				return true
			}
		}
	}
	return false
}

// mayHoldPrivate reports whether data holds a private key marker, as
// privateMarker(data) >= 0 does, looking first for the markers' cores.
func mayHoldPrivate(data []byte) bool {
	return holdsCore(data) && privateMarker(data) >= 0
}
