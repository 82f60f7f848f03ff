package sshkey

import (
	"math/bits"

	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// quickAuthorizedKey is read's path for the text it reads most: one
// authorized_keys line that scanAuthorizedKey accepts. It returns the Key
// read returns for data, or nil, and then read decides as before. It walks
// the line once (splitKeyLine, keyLine.scan), where read walks it for the
// private key markers, sniffs its encoding and then scans it, and it
// decodes the base64 straight into the Key's allocation (newKeyBuf).
//
// It returns what read returns whenever it returns a Key:
//
//   - sniff: text (trimLine(data)) starts with a type name (splitKeyLine
//     looked it up) and a blank, so it starts no PEM or RFC 4716 block and
//     no comment line, and trimSpace(data) is text (trimLine stopped at a
//     type name's first byte, which is no white space): sniff says
//     kindAuthorizedKey, and read calls parseAuthorizedKey(text), whose
//     Key is scanAuthorizedKey's: the same splitKeyLine and keyLine.scan.
//   - dropbearPrivate is asked as read asks it.
//   - holdsCore(data): a core begins and ends with a byte that is no white
//     space (TestQuickCores), so a core in data lies in text. No core
//     starts before b64Start: text[:b64Start] is a type name sshkey reads
//     and blanks, none of which holds the first byte of a core
//     (TestQuickCores). Let L be the longest core's length. A core found
//     in text either starts at b64End-(L-1) or after (it lies in
//     text[b64End-(L-1):]), or lies wholly in the base64, which
//     keyLine.scan accepted: then it is made of base64 characters only,
//     one of b64Cores. Those two looks are holdsCore(text); the first
//     costs a few probes, the second holdsB64Core.
//
// FuzzParse and FuzzInspect hold Parse and ParseAuthorizedKey, which go
// through here, to their references.
func quickAuthorizedKey(data []byte) *Key {
	text := trimLine(data)
	l, ok := splitKeyLine(text)
	if !ok || l.t.cert { // a certificate's Key is newKey's (cert.go)
		return nil
	}
	k, buf := newKeyBuf(strictB64.DecodedLen(l.b64End - l.b64Start))
	blob, bits, r := l.scan(text, buf)
	if r.refused() || dropbearPrivate(text) {
		return nil
	}
	if holdsCore(text[max(l.b64Start, l.b64End-(maxCore-1)):]) ||
		holdsB64Core(text[l.b64Start:l.b64End]) {
		return nil
	}
	k.typ, k.bits, k.blob = l.t.name, bits, blob[:len(blob):len(blob)]
	k.comment = string(l.comment)
	k.format = FormatAuthorizedKey
	return k
}

// maxCore is the length of the longest of scan.MarkerCores.
var maxCore = func() int {
	n := 0
	for _, c := range scan.MarkerCores {
		n = max(n, len(c))
	}
	return n
}()

// b64Cores are the cores of scan.MarkerCores made of base64 characters
// only: the only ones a key's base64 can hold.
var b64Cores = func() (cs [][]byte) {
	for _, c := range scan.MarkerCores {
		if isB64Run(c) {
			cs = append(cs, []byte(c))
		}
	}
	return cs
}()

func isB64Run(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isBase64Char(s[i]) && s[i] != '=' {
			return false
		}
	}
	return true
}

// holdsB64Core reports whether b64 holds one of b64Cores, as
// bytes.Contains would, looking at one byte in len(core), as
// scan.HoldsCore does: a core found in b64 covers one of the places
// len(core)-1, 2*len(core)-1, ..., and at each the offsets in the core of
// that byte (b64CoreAt) say where the core would start. TestHoldsB64Core
// holds it to bytes.Contains.
func holdsB64Core(b64 []byte) bool {
	for k, c := range b64Cores {
		at := &b64CoreAt[k]
		for p := len(c) - 1; p < len(b64); p += len(c) {
			for m := at[b64[p]]; m != 0; m &= m - 1 {
				s := p - bits.TrailingZeros32(m)
				if s >= 0 && len(b64)-s >= len(c) && b64[s] == c[0] && string(b64[s:s+len(c)]) == string(c) {
					return true
				}
			}
		}
	}
	return false
}

// b64CoreAt holds, for each core of b64Cores and each byte, the set of its
// offsets in the core (a core is shorter than 32 bytes: TestMarkerCores).
var b64CoreAt = func() [][256]uint32 {
	t := make([][256]uint32, len(b64Cores))
	for k, c := range b64Cores {
		for j, b := range c {
			t[k][b] |= 1 << j
		}
	}
	return t
}()
