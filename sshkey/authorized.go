package sshkey

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/binary"
	"errors"
	"io"
	"iter"
	"math/big"
	"math/bits"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/wire"
)

// AuthorizedKey is one key line of an authorized_keys file: its number, its
// options and its key. AuthorizedKeys makes them.
type AuthorizedKey struct {
	// Line is the line's number, counted from 1.
	Line int
	// Options are the line's options, typed; the zero KeyOptions for a
	// line without options.
	Options KeyOptions
	// Key is the key, read with the one-key rules: what
	// ParseAuthorizedKey reads from the text after the options.
	Key *Key

	options string // the options as written; "" for none
}

// String returns the line as it came, without a line ending: the options as
// written, a space and the key's authorized_keys line (Key.String), or the
// key's line alone when the line has no options. For a line in canonical
// form (no blanks before it, single spaces between its fields, canonical
// base64, no blanks after it) it is the line byte for byte, and
// AuthorizedKeys reads it back to the same entry. It writes the options
// the line had: changing Options does not change it.
//
//	`no-pty,command="uptime" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ me@host`
func (e *AuthorizedKey) String() string {
	switch {
	case e.Key == nil:
		return e.options
	case e.options == "":
		return e.Key.String()
	}
	return e.options + " " + e.Key.String()
}

// MarshalText implements encoding.TextMarshaler: the line of String.
func (e *AuthorizedKey) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// AuthorizedKeys returns an iterator over the entries of the authorized_keys
// file r holds, in order, read as sshd(8) of OpenSSH 9 reads the file
// (AUTHORIZED_KEYS FILE FORMAT):
//
//	file    = *(line EOL) [line]            ; EOL is LF or CRLF
//	line    = *WSP [entry / "#" *CHAR]      ; blank and # lines are skipped
//	entry   = [options 1*WSP] key
//	key     = type 1*WSP base64 [1*WSP comment]
//	options = see KeyOptions; they end at the first blank outside double quotes
//
// It yields (entry, nil) for each key line and (nil, *LineError) for each
// bad line, and goes on with the next line, as sshd skips a line it cannot
// use. A read error is yielded once as (nil, err), err as the reader
// returned it, and ends the sequence; a line it cut short is dropped. The
// file is read a line at a time as the sequence is ranged over, in memory
// that does not grow with the file: range over it once.
//
// Where the options end is decided as sshd decides it: a line whose first
// field is a key type OpenSSH knows (ssh-ed25519, ssh-rsa, a certificate
// type, ...) has no options, and is read as a key line whole; on any other
// line the first field is the options. The key is then read with the
// one-key rules (ParseAuthorizedKey), stricter than sshd in places (see the
// package documentation): such a line is a LineError with the key's
// sentinel, as is a line whose type is not one sshkey reads.
//
// A LineError wraps the sentinel that says what is wrong:
// keyerrors.ErrMalformedKey for bad options (an unknown option, a missing or
// malformed value, an unterminated quote, a second command, from or
// principals: each line sshd rejects with "bad key options") and the
// sentinel ParseAuthorizedKey gives for a bad key (ErrUnsupportedKeyType,
// ErrCertificate, ErrKeyTypeMismatch, ErrPrivateKey, ...). A private key's
// markers or body anywhere in a line, options included, are ErrPrivateKey.
// A line longer than MaxLineLen is ErrMalformedKey. No error holds key
// material: an option is named, its value shown only when it cannot be
// taken for key material (keyerrors.SafeValue, and no run of 12 base64
// characters). Match errors with errors.Is and errors.As: their texts may
// change.
//
// A file whose first line that is neither blank nor a comment starts an RFC
// 4716 or PEM file (ssh-keygen -e, a private key) yields one LineError for
// that line and ends: Parse reads such a file.
//
//	for e, err := range sshkey.AuthorizedKeys(f) {
//		if err != nil {
//			log.Print(err) // sshkey: line 3: option "no-ptty" is not ...
//			continue
//		}
//		fmt.Println(e.Line, e.Key.Type(), e.Options.Pty.Effective(e.Options.Restrict))
//	}
func AuthorizedKeys(r io.Reader) iter.Seq2[*AuthorizedKey, error] {
	return readLines(r, readAuthorizedLine)
}

// readAuthorizedLine reads one line that is neither blank nor a comment, as
// auth_check_authkey_line (auth2-pubkeyfile.c) finds its key and options:
// sshkey_read at the start of the line; if that fails,
// sshkey_advance_past_options, blanks, sshkey_read again; then
// sshauthopt_parse of the options. The line is not kept.
func readAuthorizedLine(n int, line []byte) (*AuthorizedKey, error) {
	line = trimLeadingBlank(line)
	first := line
	if i := indexBlank(line); i >= 0 {
		first = line[:i]
	}
	if isOpenSSHKeyType(first) {
		// sshkey_read reads the line, or the line is bad: with the type
		// as options, sshauthopt_parse would refuse it.
		e, err := readKeyPart(line)
		if err != nil {
			return nil, err
		}
		e.Line = n
		return e, nil
	}
	e, err := readOptionsLine(n, line)
	if err != nil && !errors.Is(err, keyerrors.ErrPrivateKey) && keyShaped(first) {
		// Not options, but a key line sshkey cannot read ("ssh-foo
		// AAAA...", "AAAA... comment"): the one-key rules say why.
		if _, kerr := ParseAuthorizedKey(line); kerr != nil {
			return nil, kerr
		}
	}
	return e, err
}

// readOptionsLine reads a line whose first field is its options.
func readOptionsLine(n int, line []byte) (*AuthorizedKey, error) {
	end, closed := advancePastOptions(line)
	opts := line[:end]
	if mayHoldPrivate(opts) {
		return nil, privateErr(privateMarkers[privateMarker(opts)].kind + " in the options")
	}
	if len(opts) >= 40 {
		if kind := privateBody(opts); kind != "" {
			return nil, privateErr(kind + " in the options")
		}
	}
	if bytes.IndexByte(opts, 0) >= 0 {
		// sshd reads the line as a C string, which ends there: with the
		// key after it, or the quote's end, unseen.
		return nil, malformed("the options hold a NUL byte")
	}
	if !closed {
		return nil, malformed("the options open a double quote that does not close (sshd: invalid key option string)")
	}
	keyPart := trimBlank(line[end:])
	if len(keyPart) == 0 {
		return nil, malformed("there is no key after the options " + optionsHead(opts))
	}
	// A private key in the key part is reported first, then bad options,
	// then a bad key.
	raw := string(opts)
	e, keyErr := readKeyPart(keyPart)
	if keyErr != nil {
		if errors.Is(keyErr, keyerrors.ErrPrivateKey) {
			return nil, keyErr
		}
		var o KeyOptions
		if err := parseOptions(raw, &o); err != nil {
			return nil, err
		}
		return nil, keyErr
	}
	if err := parseOptions(raw, &e.Options); err != nil {
		return nil, err
	}
	e.Line, e.options = n, raw
	return e, nil
}

// The entries of the common keys are made in one allocation each: the
// entry, its Key, the blob (decoded into it) and x/crypto's key. An Ed25519
// key's blob is 51 bytes; an RSA key's of up to 2048 bits at most 279 (an
// exponent of at most 24 bits, checkRSANumbers, and a modulus of 257 bytes
// with its zero byte), and its modulus 2048 bits of words.
type (
	ed25519Entry struct {
		e    AuthorizedKey
		k    Key
		blob [4 + len(TypeED25519) + 4 + ed25519.PublicKeySize]byte
		pub  [ed25519.PublicKeySize]byte // x/crypto's copy of the key
	}
	rsaEntry struct {
		e     AuthorizedKey
		k     Key
		pub   rsa.PublicKey
		n     big.Int
		words [2048 / bits.UintSize]big.Word
		blob  [4 + len(TypeRSA) + 4 + 3 + 4 + 257]byte
	}
)

// readKeyPart reads the key text of a line (after its options) as
// ParseAuthorizedKey(text) does, and returns a new entry holding the Key it
// returns, or the error it returns. ParseAuthorizedKey's own path (read)
// first tells the encoding from the text, and builds x/crypto's key with
// ssh.ParsePublicKey, which reads the blob again by reflection. Here the
// text of an Ed25519 key, or of an RSA key of up to 2048 bits, is read by
// scanAuthorizedKey, as read reads it once it has found an authorized_keys
// line (as it does for a text that opens with a type name), into a new
// entry, whose ssh.PublicKey is made of the numbers checkBlob has checked,
// with ssh.NewPublicKey. Every other text, and any text that may hold a
// private key marker (holdsCore, refusePrivate's first test; its Dropbear
// test wants binary at the start), goes to ParseAuthorizedKey. FuzzAuthorizedKeys holds
// the two equal: the same blob, type, bits, comment, format, and an equal
// ssh.PublicKey.
func readKeyPart(text []byte) (*AuthorizedKey, error) {
	t0 := trimSpace(text)
	var e *AuthorizedKey
	switch {
	case bytes.HasPrefix(t0, []byte(TypeED25519+" ")), bytes.HasPrefix(t0, []byte(TypeED25519+"\t")):
		e = readEd25519(t0)
	case bytes.HasPrefix(t0, []byte(TypeRSA+" ")), bytes.HasPrefix(t0, []byte(TypeRSA+"\t")):
		b64 := trimLeadingBlank(t0[len(TypeRSA):])
		if j := indexBlank(b64); j >= 0 {
			b64 = b64[:j]
		}
		if strictB64.DecodedLen(len(b64)) <= len(rsaEntry{}.blob) {
			e = readRSA(t0)
		}
	}
	if e != nil {
		return e, nil
	}
	k, err := ParseAuthorizedKey(text)
	if err != nil {
		return nil, err
	}
	return &AuthorizedKey{Key: k}, nil
}

// wordBytes is the size of a big.Word in bytes.
const wordBytes = bits.UintSize / 8

// readEd25519 reads text (trimmed) as scanAuthorizedKey does into a new
// entry, and returns it, or nil if it is no Ed25519 key line that
// ParseAuthorizedKey reads as readKeyPart does.
func readEd25519(text []byte) *AuthorizedKey {
	x := new(ed25519Entry)
	blob, comment, t, nbits, ok := scanAuthorizedKey(text, x.blob[:])
	if !ok || t.alg != algEd25519 || t.sk || len(blob) != len(x.blob) || &blob[0] != &x.blob[0] || holdsCore(text) {
		return nil
	}
	_, body, _ := wire.String(blob)
	key, _, _ := wire.String(body)
	pub, err := ssh.NewPublicKey(ed25519.PublicKey(x.pub[:copy(x.pub[:], key)]))
	if err != nil {
		return nil
	}
	return x.e.set(&x.k, pub, t, nbits, blob, comment)
}

// readRSA is readEd25519 for an RSA key of up to 2048 bits.
func readRSA(text []byte) *AuthorizedKey {
	x := new(rsaEntry)
	blob, comment, t, nbits, ok := scanAuthorizedKey(text, x.blob[:])
	if !ok || t.alg != algRSA || len(blob) == 0 || &blob[0] != &x.blob[0] || holdsCore(text) {
		return nil
	}
	_, body, _ := wire.String(blob)
	exp, rest, _ := wire.MPInt(body)
	n, _, _ := wire.MPInt(rest)
	ev := 0
	for _, c := range exp { // at most 24 bits (checkRSANumbers)
		ev = ev<<8 | int(c)
	}
	// The modulus's words, least significant first, as big.Int holds
	// them (SetBits): what SetBytes would make, in the entry.
	w := x.words[:(len(n)+wordBytes-1)/wordBytes]
	for i := range w {
		end := len(n) - i*wordBytes
		switch {
		case end < wordBytes: // the most significant word, short
			var v big.Word
			for _, c := range n[:end] {
				v = v<<8 | big.Word(c)
			}
			w[i] = v
		case wordBytes == 8:
			w[i] = big.Word(binary.BigEndian.Uint64(n[end-8 : end]))
		default:
			w[i] = big.Word(binary.BigEndian.Uint32(n[end-4 : end]))
		}
	}
	x.pub = rsa.PublicKey{N: x.n.SetBits(w), E: ev}
	pub, err := ssh.NewPublicKey(&x.pub)
	if err != nil {
		return nil
	}
	return x.e.set(&x.k, pub, t, nbits, blob, comment)
}

// set makes e the entry of the Key k it is allocated with, made of pub and
// what scanAuthorizedKey read, and returns it.
func (e *AuthorizedKey) set(k *Key, pub ssh.PublicKey, t *keyType, nbits int, blob, comment []byte) *AuthorizedKey {
	// Field by field: k is zero, and a composite literal would be built
	// and copied.
	k.pub, k.typ, k.bits, k.format, k.blob = pub, t.name, nbits, FormatAuthorizedKey, blob
	if len(comment) > 0 {
		k.comment = string(comment)
	}
	e.Key = k
	return e
}

// optionsHead names options in a message: the first option's name, through
// safeName.
func optionsHead(opts []byte) string {
	if i := bytes.IndexAny(opts, ",="); i >= 0 {
		opts = opts[:i]
	}
	return safeName(opts)
}

// advancePastOptions returns where the options at the start of line end, as
// sshkey_advance_past_options finds it: at the first space or tab outside
// double quotes, where a double quote opens or closes them unless a
// backslash stands before it (\" is stepped over whole, inside quotes or
// out). closed is false when a quote is open at the end of the line.
func advancePastOptions(line []byte) (end int, closed bool) {
	if i := indexBlank(line); i >= 0 && bytes.IndexByte(line[:i], '"') < 0 {
		return i, true // no quote before the first blank
	}
	quoted := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line) && line[i+1] == '"':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ' ' || c == '\t'):
			return i, true
		}
	}
	return len(line), !quoted
}

// isOpenSSHKeyType reports whether f is the name of a key type OpenSSH 9.2
// reads at the start of an authorized_keys line (sshkey.c, keyimpls and
// peek_type_nid, which compares names with regard to case): then
// sshd takes the line to have no options. rsa-sha2-256 and rsa-sha2-512 are
// names of ssh-rsa keys to OpenSSH; ParseAuthorizedKey refuses them as type
// labels.
func isOpenSSHKeyType(f []byte) bool {
	switch string(f) {
	case TypeED25519, TypeRSA, TypeECDSA256, TypeECDSA384, TypeECDSA521, TypeDSA,
		"sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
		"webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
		"rsa-sha2-256", "rsa-sha2-512", "ssh-xmss@openssh.com",
		"ssh-ed25519-cert-v01@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
		"ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
		"ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
		"ssh-dss-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com",
		"rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com",
		"ssh-xmss-cert-v01@openssh.com":
		return true
	}
	return false
}

// keyShaped reports whether the first field of a line, which is no key
// type OpenSSH knows, is still meant as the start of a key line: it has the
// shape of a type name (ssh-foo, ecdsa-sha2-nistp224, a name@domain) or is
// base64 of a blob, and holds none of the '=', '"' and ',' of options. It
// only chooses the message of a bad line.
func keyShaped(f []byte) bool {
	if bytes.ContainsAny(f, "=\",") {
		return false
	}
	return typeShaped(f) || blobShaped(f)
}
