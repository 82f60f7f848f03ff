package authorizedkeys

import (
	"bytes"
	"errors"
	"io"
	"iter"

	"github.com/keyvet/keyvet/sshkey/internal/lines"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/keytype"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// Entry is one key line of an authorized_keys file: its number, its options
// and its key. Read and ParseLine make them; an Entry is the caller's to
// keep, and nothing changes it.
type Entry struct {
	line    int
	opts    *Options // nil for a line without options
	key     *sshkey.Key
	options string // the options as written; "" for none
}

// Line returns the line's number in the file, counted from 1; 0 for an
// Entry of ParseLine.
func (e *Entry) Line() int { return e.line }

// Options returns the line's options, typed: the zero Options for a line
// without options. It is a copy: changing it changes nothing of e.
func (e *Entry) Options() Options {
	if e.opts == nil {
		return Options{}
	}
	return e.opts.clone()
}

// Key returns the key, read with the one-key rules: what
// sshkey.ParseAuthorizedKey reads from the text after the options.
func (e *Entry) Key() *sshkey.Key { return e.key }

// String returns the line as it came, without a line ending: the options as
// written, a space and the key's authorized_keys line (Key.String), or the
// key's line alone when the line has no options. For a line in canonical
// form (no blanks before it, single spaces between its fields, canonical
// base64, no blanks after it) it is the line byte for byte, and ParseLine
// reads it back to the same entry.
//
//	`no-pty,command="uptime" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ me@host`
func (e *Entry) String() string {
	switch {
	case e.key == nil:
		return e.options
	case e.options == "":
		return e.key.String()
	}
	return e.options + " " + e.key.String()
}

// MarshalText implements encoding.TextMarshaler: the line of String.
func (e *Entry) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// Read returns an iterator over the entries of the authorized_keys
// file r holds, in order, read as sshd(8) of OpenSSH 9 reads the file
// (AUTHORIZED_KEYS FILE FORMAT):
//
//	file    = *(line EOL) [line]            ; EOL is LF or CRLF
//	line    = *WSP [entry / "#" *CHAR]      ; blank and # lines are skipped
//	entry   = [options 1*WSP] key
//	key     = type 1*WSP base64 [1*WSP comment]
//	options = see Options; they end at the first blank outside double quotes
//
// It yields (entry, nil) for each key line and (nil, *sshkey.LineError) for
// each bad line, and goes on with the next line, as sshd skips a line it cannot
// use. A read error is yielded once as (nil, err), err as the reader returned
// it, and ends the sequence; a line it cut short is dropped. The file is read a
// line at a time as the sequence is ranged over, in memory that does not grow
// with the file: range over it once.
//
// Where the options end is decided as sshd decides it: a line whose first field
// is a key type OpenSSH knows (ssh-ed25519, ssh-rsa, a certificate type, ...)
// has no options, and is read as a key line whole; on any other line the first
// field is the options. The key is then read with the one-key rules
// (sshkey.ParseAuthorizedKey), stricter than sshd in places (see the package
// documentation): such a line is a sshkey.LineError with the key's sentinel, as
// is a line whose type is not one sshkey reads.
//
// A sshkey.LineError wraps the sentinel that says what is wrong:
// keyerrors.ErrMalformedKey for bad options (an unknown option, a missing or
// malformed value, an unterminated quote, a second command, from or principals:
// each line sshd rejects with "bad key options") and the sentinel
// sshkey.ParseAuthorizedKey gives for a bad key (ErrUnsupportedKeyType,
// ErrKeyTypeMismatch, ErrPrivateKey, ...). A private key's
// markers or body anywhere in a line, options included, are ErrPrivateKey. A
// line longer than sshkey.MaxLineLen is ErrMalformedKey. No error holds key
// material: an option is named, its value shown only when it cannot be taken
// for key material (keyerrors.SafeValue's rule). Match errors with errors.Is
// and errors.As: their texts may change.
//
// A file whose first line that is neither blank nor a comment starts an RFC
// 4716 or PEM file (ssh-keygen -e, a private key) yields one sshkey.LineError
// for that line and ends: sshkey.Parse reads such a file.
//
//	for e, err := range authorizedkeys.Read(f) {
//		if err != nil {
//			log.Print(err) // sshkey: line 3: option "no-ptty" is not ...
//			continue
//		}
//		o := e.Options()
//		fmt.Println(e.Line(), e.Key().Type(), o.Pty.Effective(o.Restrict))
//	}
func Read(r io.Reader) iter.Seq2[*Entry, error] {
	return lines.ReadFill(r, readLine)
}

// ParseLine reads one authorized_keys line, without its line ending, as Read
// reads each line of a file: the Entry's Line is 0. A blank line and a
// comment line hold no key, and are refused (keyerrors.ErrMalformedKey), as
// is a line longer than sshkey.MaxLineLen or one holding a LF. An error is
// what Read's sshkey.LineError wraps.
func ParseLine(line []byte) (*Entry, error) {
	if err := lines.CheckOne(line); err != nil {
		return nil, err
	}
	return readLine(0, line, nil)
}

// readLine reads one line that is neither blank nor a comment, as
// auth_check_authkey_line (auth2-pubkeyfile.c) finds its key and options:
// sshkey_read at the start of the line; if that fails,
// sshkey_advance_past_options, blanks, sshkey_read again; then
// sshauthopt_parse of the options. The line is not kept. A bad line's
// error may be fill, filled in (lines.ReadFill); with fill nil, it is new.
func readLine(n int, line []byte, fill *scan.Error) (*Entry, error) {
	line = scan.TrimLeadingBlank(line)
	first := line
	if i := scan.IndexBlank(line); i >= 0 {
		first = line[:i]
	}
	if isOpenSSHKeyType(first) {
		// sshkey_read reads the line, or the line is bad: with the type
		// as options, sshauthopt_parse would refuse it.
		k, err := sshkey.ParseAuthorizedKey(line)
		if err != nil {
			return nil, err
		}
		return &Entry{line: n, key: k}, nil
	}
	e, err := readOptionsLine(n, line, fill)
	if err != nil && !errors.Is(err, keyerrors.ErrPrivateKey) && !bytes.ContainsAny(first, "=\",") && mayBeKeyLine(line) {
		// Not options, but a key line sshkey cannot read ("ssh-foo
		// AAAA...", "AAAA... comment"): the one-key rules say why.
		if d := sshkey.Detect(line); d == sshkey.KindAuthorizedKey || d == sshkey.KindCertificate {
			if _, kerr := sshkey.ParseAuthorizedKey(line); kerr != nil {
				return nil, kerr
			}
		}
	}
	return e, err
}

// mayBeKeyLine reports false for a line that sshkey.Detect does not take
// for a key line or a certificate's (KindAuthorizedKey, KindCertificate):
// printable ASCII and blanks (so that Detect's fields are scan.NextField's)
// whose first field has no key type's shape (no @, none of the prefixes of
// the type names sshkey knows or takes for types: TestMayBeKeyLine) and
// neither of whose first two fields starts as base64 of 8 characters or
// more. It saves the bad lines of the common shapes ("a", "no-ptty
// ssh-ed25519 AAAA...") Detect's cost, a look at the whole line.
func mayBeKeyLine(line []byte) bool {
	for _, c := range line {
		if (c < '!' || c > '~') && c != ' ' && c != '\t' {
			return true
		}
	}
	f1, rest := scan.NextField(line)
	f2, _ := scan.NextField(rest)
	if bytes.IndexByte(f1, '@') >= 0 || mayBeBlob(f1) || mayBeBlob(f2) {
		return true
	}
	for _, p := range typePrefixes {
		if bytes.HasPrefix(f1, []byte(p)) {
			return true
		}
	}
	return false
}

// typePrefixes start every key type name sshkey.Detect takes for one
// (sshkey's typeShaped): the names sshkey reads, and ssh-*, ecdsa-*, sk-*,
// x509v3-*, rsa-sha2-*, pgp-*, spki-*.
var typePrefixes = []string{"ssh-", "ecdsa-", "sk-", "x509v3-", "rsa-sha2-", "pgp-", "spki-"}

// mayBeBlob reports whether f starts with 8 characters of base64 or its
// padding: the shortest blob Detect takes for a key's.
func mayBeBlob(f []byte) bool {
	if len(f) < 8 {
		return false
	}
	for _, c := range f[:8] {
		if !scan.IsBase64Char(c) && c != '=' {
			return false
		}
	}
	return true
}

// readOptionsLine reads a line whose first field is its options; its error
// may be fill, filled in (readLine).
func readOptionsLine(n int, line []byte, fill *scan.Error) (*Entry, error) {
	end, closed := scan.AdvancePastOptions(line)
	opts := line[:end]
	if scan.MayHoldPrivate(opts) {
		return nil, scan.PrivateErr(scan.PrivateMarkers[scan.PrivateMarker(opts)].Kind + " in the options")
	}
	if len(opts) >= 40 {
		if kind := scan.PrivateBody(opts); kind != "" {
			return nil, scan.PrivateErr(kind + " in the options")
		}
	}
	if bytes.IndexByte(opts, 0) >= 0 {
		// sshd reads the line as a C string, which ends there: with the
		// key after it, or the quote's end, unseen.
		return nil, scan.Malformed("the options hold a NUL byte")
	}
	if !closed {
		return nil, scan.Malformed("the options open a double quote that does not close (sshd: invalid key option string)")
	}
	keyPart := scan.TrimBlank(line[end:])
	if len(keyPart) == 0 {
		return nil, scan.Fill(fill, keyerrors.ErrMalformedKey, "there is no key after the options ", optionsHead(opts), "")
	}
	// A private key in the key part is reported first, then bad options,
	// then a bad key.
	raw := string(opts)
	k, keyErr := sshkey.ParseAuthorizedKey(keyPart)
	if keyErr != nil {
		if errors.Is(keyErr, keyerrors.ErrPrivateKey) {
			return nil, keyErr
		}
		var o Options
		if err := parseOptions(raw, &o); err != nil {
			return nil, err
		}
		return nil, keyErr
	}
	// The Entry and its Options in one allocation: an Entry of a line
	// without options holds no Options, and is the smaller for it.
	p := new(struct {
		e Entry
		o Options
	})
	if err := parseOptions(raw, &p.o); err != nil {
		return nil, err
	}
	p.e = Entry{line: n, key: k, options: raw, opts: &p.o}
	return &p.e, nil
}

// optionsHead is what names options in a message: the first option's
// name, which the message shows through scan.SafeName.
func optionsHead(opts []byte) []byte {
	if i := bytes.IndexAny(opts, ",="); i >= 0 {
		opts = opts[:i]
	}
	return opts
}

// isOpenSSHKeyType reports whether f is the name of a key type OpenSSH 9.2
// reads at the start of an authorized_keys line (sshkey.c, keyimpls and
// peek_type_nid, which compares names with regard to case): then
// sshd takes the line to have no options. rsa-sha2-256 and rsa-sha2-512 are
// names of ssh-rsa keys to OpenSSH: sshd and ssh-keygen read a line
// labelled so as an ssh-rsa key. ParseAuthorizedKey refuses them as type
// labels (ErrKeyTypeMismatch): rows rsa-sha2-256-label and
// rsa-sha2-512-label of testdata/stricter.tsv. The names are
// internal/keytype's.
func isOpenSSHKeyType(f []byte) bool {
	return keytype.OpenSSHReads(f)
}
