package scan

import (
	"bytes"
	"strings"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Private key markers. A private key is recognised by its markers anywhere in
// the input, so that a .pub file followed by its private half, or a private
// key pasted with text before it, is refused as what it is.
var PrivateMarkers = []struct {
	Marker, Kind string
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

// PrivateMarker returns the index in PrivateMarkers of the first marker data
// holds, or -1.
func PrivateMarker(data []byte) int {
	for i, m := range PrivateMarkers {
		if bytes.Contains(data, []byte(m.Marker)) {
			return i
		}
	}
	return -1
}

// MarkerCores are substrings of which every private key marker holds one
// (TestMarkerCores checks it): data that holds none of them holds no marker.
var MarkerCores = [...]string{"PRIVATE KEY", "PuTTY-User-Key-File-", "b3BlbnNzaC1rZXktdjE"}

// CoreStride is the length of the shortest core. A core found in data spans
// CoreStride bytes or more, so it covers one of the positions CoreStride-1,
// 2*CoreStride-1, ...: holdsCore looks at those bytes only.
const CoreStride = len("PRIVATE KEY")

// coreAt lists, for each byte, the places it holds in the cores, each as
// the core's index<<5 | the offset in it (a core is shorter than 32 bytes).
var coreAt = func() (t [256][]uint8) {
	for i, c := range MarkerCores {
		for j := 0; j < len(c); j++ {
			t[c[j]] = append(t[c[j]], uint8(i<<5|j))
		}
	}
	return t
}()

// HoldsCore reports whether data holds one of MarkerCores, as three
// bytes.Contains would, reading one byte in CoreStride: at each, it
// compares the cores that hold that byte, where they would lie. A key's
// base64 text holds a byte of a core at some 40% of these positions, so
// holdsCore costs a fraction of a byte-by-byte search (FuzzInspect holds it
// equal to bytes.Contains).
func HoldsCore(data []byte) bool {
	for p := CoreStride - 1; p < len(data); p += CoreStride {
		for _, at := range coreAt[data[p]] {
			core := MarkerCores[at>>5]
			s := p - int(at&31)
			if s >= 0 && len(data)-s >= len(core) && data[s] == core[0] && string(data[s:s+len(core)]) == core {
				return true
			}
		}
	}
	return false
}

// MayHoldPrivate reports whether data holds a private key marker, as
// PrivateMarker(data) >= 0 does, looking first for the markers' cores.
func MayHoldPrivate(data []byte) bool {
	return HoldsCore(data) && PrivateMarker(data) >= 0
}

// PrivateBody returns what kind of private key text holds the base64 body
// of, without its BEGIN and END lines, or "": a run of 40 or more base64
// characters that starts with the DER of a private key (PKCS#1 RSA,
// PKCS#8 plain or encrypted, SEC1 EC, OpenSSL DSA). A public key's DER
// (SubjectPublicKeyInfo, RSAPublicKey) and SSH blob start otherwise, so no
// public key is taken for one.
func PrivateBody(text []byte) string {
	// A run of 40 covers one of the places 39, 79, ...: only the runs
	// through those places are looked at, each once.
	const minRun = 40
	done := 0 // text[:done] is looked at
	for p := minRun - 1; p < len(text); p += minRun {
		if p < done || !IsBase64Char(text[p]) {
			continue
		}
		i, j := p, p+1
		for i > done && IsBase64Char(text[i-1]) {
			i--
		}
		for j < len(text) && IsBase64Char(text[j]) {
			j++
		}
		if j-i >= minRun {
			if kind := privateDER(text[i : i+24]); kind != "" {
				return kind
			}
		}
		done = j
	}
	return ""
}

// privateDER names the private key whose DER the base64 b (24 characters)
// starts: SEQUENCE { INTEGER 0 or 1, ... } with what follows the version
// telling the kinds apart, or SEQUENCE { SEQUENCE { OID of a PKCS#5 or
// PKCS#12 password-based scheme } } for an encrypted PKCS#8 key.
func privateDER(b []byte) string {
	var buf [18]byte
	n, err := strictB64.Decode(buf[:], b)
	der := buf[:n]
	if err != nil || len(der) < 12 || der[0] != 0x30 {
		return ""
	}
	p := 2 // after the SEQUENCE's tag and short length
	switch der[1] {
	case 0x81:
		p = 3
	case 0x82:
		p = 4
	default:
		if der[1] >= 0x80 {
			return ""
		}
	}
	d := der[p:]
	switch {
	case d[0] == 0x02 && d[1] == 1 && d[2] == 0 && d[3] == 0x02:
		return "the body of a PKCS#1 RSA or OpenSSL DSA private key"
	case d[0] == 0x02 && d[1] == 1 && (d[2] == 0 || d[2] == 1) && d[3] == 0x30:
		return "the body of a PKCS#8 private key"
	case d[0] == 0x02 && d[1] == 1 && d[2] == 1 && d[3] == 0x04:
		return "the body of a SEC 1 EC private key"
	case d[0] == 0x30 && d[2] == 0x06 && d[3] == 9 && len(d) >= 12 &&
		bytes.Equal(d[4:11], []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01}) && (d[11] == 0x05 || d[11] == 0x0c):
		return "the body of an encrypted PKCS#8 private key"
	}
	return ""
}

func PrivateErr(kind string) error {
	how := "the .pub file, or ssh-keygen -y -f KEYFILE"
	if strings.Contains(kind, "PuTTY") {
		how = "puttygen KEYFILE -O public-openssh" // ssh-keygen does not read .ppk files
	}
	return New(keyerrors.ErrPrivateKey, "this is "+kind+"; give the public key ("+how+"), never the private key")
}

// OpensPrivateBlock reports whether line opens a private key's block of
// lines, and returns the text of the line that closes it: a PEM or OpenSSH
// BEGIN line of a private key ("-----BEGIN RSA PRIVATE KEY-----", closed by
// "-----END "), an SSH2 one ("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----",
// closed by "---- END SSH2"), or a PuTTY file's first line
// ("PuTTY-User-Key-File-3: ...", closed by its "Private-MAC: " line). A line
// that closes its block itself opens none.
func OpensPrivateBlock(line []byte) (closer string, ok bool) {
	if !HoldsCore(line) {
		return "", false
	}
	switch {
	case bytes.Contains(line, []byte("-----BEGIN ")) && bytes.Contains(line, []byte("PRIVATE KEY-----")):
		closer = "-----END "
	case bytes.Contains(line, []byte("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----")):
		closer = "---- END SSH2"
	case bytes.Contains(line, []byte("PuTTY-User-Key-File-")):
		closer = "Private-MAC: "
	default:
		return "", false
	}
	if bytes.Contains(line, []byte(closer)) {
		return "", false
	}
	return closer, true
}

// ClosesPrivateBlock reports whether line ends a private key's body: a PEM
// or OpenSSH END line of a private key, an SSH2 one, or a PuTTY file's
// "Private-Lines: " or "Private-MAC: " line.
func ClosesPrivateBlock(line []byte) bool {
	line = TrimLeadingBlank(line)
	return bytes.HasPrefix(line, []byte("-----END ")) && bytes.Contains(line, []byte("PRIVATE KEY-----")) ||
		bytes.HasPrefix(line, []byte("---- END SSH2 ENCRYPTED PRIVATE KEY ----")) ||
		bytes.HasPrefix(line, []byte("Private-Lines: ")) || bytes.HasPrefix(line, []byte("Private-MAC: "))
}

// IsBase64Line reports whether line, without the blanks around it, is
// base64 text alone (the alphabet and '='), as a line of a key's body is.
func IsBase64Line(line []byte) bool {
	line = TrimBlank(line)
	for _, c := range line {
		if !IsBase64Char(c) && c != '=' {
			return false
		}
	}
	return len(line) > 0
}
