package sshkey

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"iter"

	keyerrors "github.com/keyvet/keyvet/errors"
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
// entry, its Key and the blob, decoded into it. An Ed25519 key's blob is 51
// bytes; an RSA key's of up to 2048 bits at most 279 (an exponent of at most
// 24 bits, checkRSANumbers, and a modulus of 257 bytes with its zero byte).
type (
	ed25519Entry struct {
		e    AuthorizedKey
		k    Key
		blob [4 + len(TypeED25519) + 4 + ed25519.PublicKeySize]byte
	}
	rsaEntry struct {
		e    AuthorizedKey
		k    Key
		blob [4 + len(TypeRSA) + 4 + 3 + 4 + 257]byte
	}
)

// readKeyPart reads the key text of a line (after its options) as
// ParseAuthorizedKey(text) does, and returns a new entry holding the Key it
// returns, or the error it returns. ParseAuthorizedKey's own path (read)
// first tells the encoding from the text and allocates the entry, the Key
// and the blob apart. Here the text of an Ed25519 key, or of an RSA key of
// up to 2048 bits, is read by scanAuthorizedKey, as read reads it once it
// has found an authorized_keys line (as it does for a text that opens with
// a type name), into a new entry. Every other text, and any text that may
// hold a private key marker (holdsCore, refusePrivate's first test; its
// Dropbear test wants binary at the start), goes to ParseAuthorizedKey.
// FuzzAuthorizedKeys holds the two equal: the same blob, type, bits,
// comment, format, and an equal ssh.PublicKey.
func readKeyPart(text []byte) (*AuthorizedKey, error) {
	t0 := trimLine(text) // as read reads the line: a lone CR before the type stays
	var e *AuthorizedKey
	switch {
	case bytes.HasPrefix(t0, []byte(TypeED25519+" ")), bytes.HasPrefix(t0, []byte(TypeED25519+"\t")):
		x := new(ed25519Entry)
		e = x.e.read(t0, &x.k, x.blob[:], algEd25519)
	case bytes.HasPrefix(t0, []byte(TypeRSA+" ")), bytes.HasPrefix(t0, []byte(TypeRSA+"\t")):
		b64 := trimLeadingBlank(t0[len(TypeRSA):])
		if j := indexBlank(b64); j >= 0 {
			b64 = b64[:j]
		}
		if strictB64.DecodedLen(len(b64)) <= len(rsaEntry{}.blob) {
			x := new(rsaEntry)
			e = x.e.read(t0, &x.k, x.blob[:], algRSA)
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

// read reads text (trimmed) as scanAuthorizedKey does, the blob into buf,
// into the entry e allocated with k and buf, and returns e; or it returns
// nil if text is no line of a key of the algorithm alg whose blob fills buf
// (Ed25519) or fits in it (RSA) that ParseAuthorizedKey reads as
// readKeyPart does.
func (e *AuthorizedKey) read(text []byte, k *Key, buf []byte, alg algorithm) *AuthorizedKey {
	blob, comment, t, nbits, ok := scanAuthorizedKey(text, buf)
	if !ok || t.alg != alg || t.sk || len(blob) == 0 || &blob[0] != &buf[0] ||
		(alg == algEd25519 && len(blob) != len(buf)) || holdsCore(text) {
		return nil
	}
	// Field by field: k is zero, and a composite literal would be built
	// and copied.
	k.typ, k.bits, k.format, k.blob = t.name, nbits, FormatAuthorizedKey, blob
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
//
// A backslash before a quote is never itself stepped over (a pair ends in
// its quote), so a quote counts just when the byte before it is no
// backslash, and the scan can jump from quote to quote with IndexByte.
// FuzzAdvancePastOptions holds it to the byte-by-byte reading.
//
// The next space and the next tab are each searched for once, and again
// only when the scan has passed them, so that no search runs over the rest
// of the line at every quote ("a""a""a"... holds no blank): the cost is
// linear in len(line).
func advancePastOptions(line []byte) (end int, closed bool) {
	sp, tab := -1, -1 // the index of the next space and tab at or after i, len(line) for none
	for i := 0; ; i++ {
		// Outside quotes: the first blank ends the options, unless a
		// quote comes before it.
		if sp < i {
			sp = nextByte(line, i, ' ')
		}
		if tab < i {
			tab = nextByte(line, i, '\t')
		}
		b := min(sp, tab)
		q := bytes.IndexByte(line[i:b], '"')
		if q < 0 {
			return b, true
		}
		if i += q; i > 0 && line[i-1] == '\\' {
			continue // \" outside quotes
		}
		// Inside quotes: to the next quote that is not \".
		for {
			j := bytes.IndexByte(line[i+1:], '"')
			if j < 0 {
				return len(line), false
			}
			if i += 1 + j; line[i-1] != '\\' {
				break
			}
		}
	}
}

// nextByte returns the index of the first c in line at or after i, or
// len(line).
func nextByte(line []byte, i int, c byte) int {
	if j := bytes.IndexByte(line[i:], c); j >= 0 {
		return i + j
	}
	return len(line)
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
