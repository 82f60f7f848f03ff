package knownhosts

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/lines"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// This file reads known_hosts lines as ssh(1) of OpenSSH 9.2 reads them:
// sshd(8), SSH_KNOWN_HOSTS FILE FORMAT, and hostfile.c's
// hostkeys_foreach_file, check_markers and extract_salt, which the comments
// below cite. hostmatch.go decides which hosts an entry is for.

// Marker is the marker a known_hosts line may start with (sshd(8),
// SSH_KNOWN_HOSTS FILE FORMAT).
type Marker int

const (
	// MarkerNone: a plain line, the host key of the hosts it names.
	MarkerNone Marker = iota
	// MarkerCertAuthority: "@cert-authority", a certificate authority
	// whose certificates ssh(1) takes as host keys of the hosts named.
	MarkerCertAuthority
	// MarkerRevoked: "@revoked", a key ssh(1) never accepts, as a host
	// key or as an authority.
	MarkerRevoked
)

const (
	markerCA      = "@cert-authority"
	markerRevoked = "@revoked"
)

// String returns the marker as a line holds it: "@cert-authority",
// "@revoked", "" for MarkerNone, and "Marker(N)" for any other value.
func (m Marker) String() string {
	switch m {
	case MarkerNone:
		return ""
	case MarkerCertAuthority:
		return markerCA
	case MarkerRevoked:
		return markerRevoked
	}
	return "Marker(" + strconv.Itoa(int(m)) + ")"
}

// Entry is one entry of a known_hosts file: a line that holds a key. Read
// and ParseLine make them; an Entry is the caller's to keep, and nothing
// changes it.
type Entry struct {
	line   int
	marker Marker
	hosts  []HostPattern
	key    *sshkey.Key
}

// Line returns the line's number in the file, counted from 1; 0 for an
// Entry of ParseLine.
func (e *Entry) Line() int { return e.line }

// Marker returns the line's marker, MarkerNone for none.
func (e *Entry) Marker() Marker { return e.marker }

// Hosts returns the host field split at its commas, in order: patterns as
// written ("server.example.com", "*.example.org", "!bad.example.org",
// "[host]:2222"), or one hashed name when the field is "|1|salt|hash". An
// empty pattern stays where it stands ("a,,b" is "a", "", "b"; "a," is "a",
// ""), so that the field is written back as it came. The slice is a copy.
func (e *Entry) Hosts() []HostPattern { return slices.Clone(e.hosts) }

// Key returns the host key (or, for MarkerCertAuthority, the authority's),
// read from the text after the host field with the one-key rules of
// sshkey.ParseAuthorizedKey; its Comment is the line's comment.
func (e *Entry) Key() *sshkey.Key { return e.key }

// HostPattern is one name of a known_hosts host field, as written: a
// pattern, maybe negated ("!bad.example.com"), with the wildcards * and ?
// ("*.example.com", "[*.example.net]:2222"), or a hashed name
// ("|1|salt|hash", as ssh-keygen -H writes it), whose salt and hash it
// holds decoded. The zero HostPattern is the empty pattern. HostPatterns
// are comparable with ==.
type HostPattern struct {
	text   string // as written: "!bad.example.com", "|1|salt|hash"
	hashed bool
	salt   string // hashed: the HMAC-SHA1 key, 20 bytes
	hash   string // hashed: HMAC-SHA1(salt, name), 20 bytes
}

// String returns the pattern as written: "*.example.com",
// "!bad.example.com", "[host]:2222", "|1|salt|hash".
func (p HostPattern) String() string { return p.text }

// Negated reports whether the pattern starts with "!": a host it matches
// is not one of the entry's, whatever its other patterns match. A hashed
// name is never negated.
func (p HostPattern) Negated() bool { return !p.hashed && len(p.text) > 0 && p.text[0] == '!' }

// Hashed reports whether the pattern is a hashed name, "|1|salt|hash".
func (p HostPattern) Hashed() bool { return p.hashed }

// Read returns an iterator over the entries of the known_hosts file
// that r holds, in order. It reads r as it goes, so range over it once. It
// reads the file as ssh(1) of OpenSSH 9.2 does (sshd(8), SSH_KNOWN_HOSTS
// FILE FORMAT; hostfile.c, hostkeys_foreach_file):
//
//	line    = *WSP [marker 1*WSP] hosts 1*WSP key
//	marker  = "@cert-authority" / "@revoked"       ; in this case only
//	hosts   = hashed / pattern *("," pattern)
//	hashed  = "|1|" base64(salt) "|" base64(HMAC-SHA1(salt, name))
//	pattern = ["!"] *(any byte but SP, TAB, ",")  ; * and ? are wildcards
//	key     = type 1*WSP base64 [1*WSP comment]    ; sshkey.ParseAuthorizedKey's line
//
// where WSP is a space or a tab, a salt and a hash are 20 bytes each in
// padded base64, as ssh-keygen -H writes them, and lines end in LF or CRLF
// (the last may have no line end). [Entry.Match] says which hosts an
// entry is for; [HashHost] makes a hashed name.
//
// It yields (entry, nil) for each key line and (nil, *sshkey.LineError) for
// each line ssh would not use, and goes on with the next line, as ssh skips a
// line it cannot read; blank lines and comment lines (# first, after any
// blanks) yield nothing. A read error is yielded once, as (nil, err), and ends
// the sequence. So does the *sshkey.LineError of a file whose first line that
// is not blank or a comment is no known_hosts line but starts an RFC 4716 or
// PEM key file, which sshkey.Parse reads. Read holds one line at a time: its
// memory does not grow with the file.
//
// A bad line's sshkey.LineError wraps a key sentinel and holds no key material;
// host names and markers from the line appear in it only escaped and cut
// short by keyerrors.SafeValue. A line is bad:
//
//   - for its marker (ErrMalformedKey): one other than "@cert-authority"
//     or "@revoked", one of those in another case ("@Revoked"), or two
//     markers. A marker ends at the first space of the line, or at its
//     first tab when the line holds no space (check_markers): a marker
//     followed by a tab, on a line with a space further on, is no marker.
//   - for its host field (ErrMalformedKey): none, no key after it (nothing,
//     or a # where the key type belongs), or a field that starts with "|"
//     and is not "|1|", a salt of 20 bytes, "|", a hash of 20 bytes, in
//     padded base64. ssh refuses a line whose salt is not the base64 of 20
//     bytes (extract_salt). A line whose hash is not, or whose field holds
//     more after the hash ("|1|salt|hash,other"), ssh reads but matches
//     to no host, as it compares the whole field with the hash it makes
//     (match_maybe_hashed): a line it never uses either.
//   - for its key, with the sentinel of sshkey.ParseAuthorizedKey's one-key rules:
//     ErrMalformedKey, ErrUnsupportedKeyType, ErrKeyTypeMismatch,
//     ErrPrivateKey, ... A key line with no host names, as
//     an authorized_keys file holds it, is ErrMalformedKey.
//   - for a NUL byte anywhere (ErrMalformedKey), at which ssh ends the
//     field it reads, and then reads on past it; for a length over
//     sshkey.MaxLineLen (ErrMalformedKey).
//
// Those are ssh's rules, but for the NUL byte and the key, which sshkey
// reads more strictly than ssh does: a comment must be UTF-8 without
// control characters (a lone CR included), the base64 canonical, and a
// certificate's CA signature must verify (see the package documentation).
//
//	for h, err := range knownhosts.Read(f) {
//		if err != nil {
//			log.Print(err) // sshkey: line 7: unknown marker "@trusted"; ...
//			continue
//		}
//		if h.marker() == knownhosts.MarkerNone && h.Match("server.example.com", 22) { ... }
//	}
func Read(r io.Reader) iter.Seq2[*Entry, error] {
	return lines.ReadFill(r, parseLine)
}

// ParseLine reads one known_hosts line, without its line ending, as Read
// reads each line of a file: the Entry's Line is 0. A blank line and a
// comment line hold no key, and are refused (keyerrors.ErrMalformedKey), as
// is a line longer than sshkey.MaxLineLen or one holding a LF. An error is
// what Read's sshkey.LineError wraps.
func ParseLine(line []byte) (*Entry, error) {
	if err := lines.CheckOne(line); err != nil {
		return nil, err
	}
	return parseLine(0, line, nil)
}

// parseLine reads one known_hosts line that is neither blank nor a
// comment, in the order hostkeys_foreach_file reads it: the marker, the
// host field, then the key. Nothing it returns aliases line. A bad line's
// error may be fill, filled in (lines.ReadFill); with fill nil, it is new.
func parseLine(n int, line []byte, fill *scan.Error) (*Entry, error) {
	if bytes.IndexByte(line, 0) >= 0 {
		return nil, scan.Fill(fill, keyerrors.ErrMalformedKey, "the line holds a NUL byte, where ssh stops reading a field; remove it", nil, "")
	}
	marker, cp, err := readMarker(scan.TrimLeadingBlank(line))
	if err != nil {
		return nil, err
	}
	field, rest := cp, []byte(nil)
	if i := bytes.IndexAny(cp, " \t"); i >= 0 {
		field, rest = cp[:i], scan.TrimLeadingBlank(cp[i:])
	}
	if len(field) == 0 {
		return nil, scan.Malformed("there are no host names after the marker; write the host names, then the key")
	}
	if len(rest) == 0 || rest[0] == '#' {
		// hostkeys_foreach_file: "truncated before key type".
		return nil, scan.Fill(fill, keyerrors.ErrMalformedKey, "there is no key after the host names ", field,
			"; a known_hosts line is [marker] host names, key type, base64 key [comment]")
	}
	hosts, err := readHosts(field)
	if err != nil {
		return nil, err
	}
	key, err := sshkey.ParseAuthorizedKey(rest)
	if err != nil {
		return nil, keyErr(field, rest, cp, err)
	}
	return &Entry{line: n, marker: marker, hosts: hosts, key: key}, nil
}

// readMarker reads the marker at the start of cp, as check_markers does: a
// marker ends at the first space of the line, or at its first tab when
// there is no space; it must be "@cert-authority" or "@revoked", shorter
// than 32 bytes, and no second one (no second field that starts with @)
// may follow. It returns the text after the marker and its blanks.
func readMarker(cp []byte) (Marker, []byte, error) {
	m := MarkerNone
	for len(cp) > 0 && cp[0] == '@' {
		if m != MarkerNone {
			return 0, nil, scan.Malformed("the host names start with @ after a marker, which ssh reads as a second marker; a line takes one marker, " +
				markerCA + " or " + markerRevoked)
		}
		sp := bytes.IndexByte(cp, ' ')
		if sp < 0 {
			sp = bytes.IndexByte(cp, '\t')
		}
		if sp > 1 && sp < 32 {
			switch string(cp[:sp]) {
			case markerCA:
				m = MarkerCertAuthority
			case markerRevoked:
				m = MarkerRevoked
			}
		}
		if m == MarkerNone {
			return 0, nil, markerErr(cp, sp)
		}
		cp = scan.TrimLeadingBlank(cp[sp:])
	}
	return m, cp, nil
}

// markerErr says why the text at the start of cp, which starts with @, is
// no marker; sp is where check_markers ends it (-1 for nowhere).
func markerErr(cp []byte, sp int) error {
	word := cp // the first field, up to a space or a tab
	if i := bytes.IndexAny(cp, " \t"); i >= 0 {
		word = cp[:i]
	}
	known := string(word) == markerCA || string(word) == markerRevoked
	switch {
	case known && sp < 0:
		return scan.Malformed("nothing follows the marker " + string(word) + "; write the host names, then the key")
	case known:
		return scan.Malformed("a tab follows the marker " + string(word) + " and the line holds a space further on: ssh ends a marker at the line's first space, " +
			"so it reads all before that space as the marker, and skips the line; put a space after the marker")
	case bytes.EqualFold(word, []byte(markerCA)) || bytes.EqualFold(word, []byte(markerRevoked)):
		return scan.Malformed("markers are case-sensitive: ssh reads " + scan.SafeName(word) + " as no marker, and skips the line; write " + markerCA + " or " + markerRevoked)
	}
	return scan.Malformed("unknown marker " + scan.SafeName(word) + "; ssh knows " + markerCA + " and " + markerRevoked + " only")
}

// hashMagic starts a hashed host name (hostfile.h, HASH_MAGIC): HMAC-SHA1,
// the one scheme OpenSSH has.
const hashMagic = "|1|"

// hashSize is the size of a hashed name's salt and hash: SHA-1's, as
// extract_salt requires of the salt.
const hashSize = 20

// readHosts splits a host field into its patterns, or reads it as one
// hashed name when it starts with "|", as match_maybe_hashed does.
func readHosts(field []byte) ([]HostPattern, error) {
	if field[0] == '|' {
		p, err := readHashed(field)
		if err != nil {
			return nil, err
		}
		return []HostPattern{p}, nil
	}
	s := string(field) // one copy; the patterns are its substrings
	hosts := make([]HostPattern, 0, strings.Count(s, ",")+1)
	for {
		i := strings.IndexByte(s, ',')
		if i < 0 {
			return append(hosts, HostPattern{text: s}), nil
		}
		hosts = append(hosts, HostPattern{text: s[:i]})
		s = s[i+1:]
	}
}

// readHashed reads a hashed host name, "|1|salt|hash", each of salt and
// hash the padded base64 of 20 bytes, as host_hash writes them.
func readHashed(field []byte) (HostPattern, error) {
	if !bytes.HasPrefix(field, []byte(hashMagic)) {
		return HostPattern{}, scan.Malformed("the host field starts with | but not with |1|, the hashed names ssh reads (HMAC-SHA1, as ssh-keygen -H writes them)")
	}
	b64salt, b64hash, ok := bytes.Cut(field[len(hashMagic):], []byte("|"))
	if !ok {
		return HostPattern{}, scan.Malformed("the hashed host name has no | after its salt; ssh-keygen -H writes |1|salt|hash")
	}
	salt, ok := scan.DecodeB64(b64salt)
	if !ok || len(salt) != hashSize {
		return HostPattern{}, scan.Malformed("the salt of the hashed host name is not the base64 of 20 bytes, which ssh requires; hash the name again with ssh-keygen -H")
	}
	hash, ok := scan.DecodeB64(b64hash)
	if !ok || len(hash) != hashSize {
		if bytes.IndexByte(b64hash, ',') >= 0 {
			return HostPattern{}, scan.Malformed("a hashed host name is followed by other names; ssh reads the whole field as one hash, which matches no host: give each name a line of its own")
		}
		return HostPattern{}, scan.Malformed("the hash of the hashed host name is not the base64 of an HMAC-SHA1 (20 bytes), so ssh matches it to no host; hash the name again with ssh-keygen -H")
	}
	return HostPattern{text: string(field), hashed: true, salt: string(salt), hash: string(hash)}, nil
}

// keyErr is the error for the key text rest of a line that ParseAuthorizedKey
// refused with err: err, but for two lines that a person meant otherwise. A
// line with no host names ("ssh-ed25519 AAAA..."), whose host field is a key
// type, is ErrMalformedKey (or the error of its key, if that is bad too). A
// host field cut by a blank ("a b ssh-ed25519 AAAA...") keeps its
// sentinel with a message that says so. cp is the line from its host field.
func keyErr(field, rest, cp []byte, err error) error {
	var ke *scan.Error
	if !errors.As(err, &ke) || errors.Is(err, keyerrors.ErrPrivateKey) {
		return err
	}
	switch d := sshkey.Detect(cp); {
	case d == sshkey.KindAuthorizedKey || d == sshkey.KindCertificate:
		if _, kerr := sshkey.ParseAuthorizedKey(cp); kerr != nil {
			return kerr
		}
		return scan.Malformed("the line has no host names: it starts with the key type, as an authorized_keys line does; write the host names before it")
	case sshkey.Detect(rest) == sshkey.KindKnownHostsLine:
		return scan.New(ke.Sentinel, "the host field ends at the blank after "+scan.SafeName(field)+
			", and ssh reads the next field as the key type; separate host names with commas, not blanks")
	case rsa1Line(rest):
		// hostkeys_foreach_file: "Assume legacy RSA1 if the first
		// component is a short decimal number".
		return scan.New(ke.Sentinel, "this is an SSH-1 RSA key (bits, exponent and modulus in decimal), which OpenSSH no longer reads; "+
			"fetch the host's current key with ssh-keyscan")
	}
	return err
}

// rsa1Line reports whether a key text starts as an SSH-1 RSA key does: a
// number of 1 to 7 digits (its bits), then a blank.
func rsa1Line(rest []byte) bool {
	f, more := scan.NextField(rest)
	if len(f) == 0 || len(f) > 7 || len(more) == 0 {
		return false
	}
	for _, c := range f {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// String returns the entry as a known_hosts line without a line ending: the
// marker, the host field as written and Key.String(), separated by single
// spaces. For an entry Read read, it is the line it came from, but
// for the blanks between the fields:
//
//	@cert-authority *.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ example CA
func (h *Entry) String() string {
	var b strings.Builder
	if h.marker != MarkerNone {
		b.WriteString(h.marker.String())
		b.WriteByte(' ')
	}
	for i, p := range h.hosts {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(p.text)
	}
	if h.key != nil {
		b.WriteByte(' ')
		b.WriteString(h.key.String())
	}
	return b.String()
}

// MarshalText implements encoding.TextMarshaler: the line of String. It
// fails (ErrMalformedKey) for an entry that line would not give back: one
// with no key, an unknown marker, an empty host field, a hashed name beside
// other names, or a first pattern that ssh would read as something else (a
// marker for "@...", a hashed name for "|...", a comment for "#..." where
// no marker comes before it).
func (h *Entry) MarshalText() ([]byte, error) {
	if err := h.check(); err != nil {
		return nil, err
	}
	return []byte(h.String()), nil
}

// check reports why String's line would not read back as h, or nil.
func (h *Entry) check() error {
	switch {
	case h.key == nil:
		return scan.Malformed("the known_hosts entry has no key")
	case h.marker < MarkerNone || h.marker > MarkerRevoked:
		return scan.Malformed("the known_hosts entry has an unknown marker, " + h.marker.String())
	case len(h.hosts) == 0 || len(h.hosts) == 1 && h.hosts[0].text == "":
		return scan.Malformed("the known_hosts entry has no host names")
	}
	for _, p := range h.hosts {
		if p.hashed && len(h.hosts) > 1 {
			return scan.Malformed("a hashed host name stands alone in its host field; ssh reads the whole field as one hash")
		}
	}
	switch first := h.hosts[0]; {
	case first.hashed:
	case strings.HasPrefix(first.text, "@"):
		return scan.Malformed("the host field would start with @, which ssh reads as a marker")
	case strings.HasPrefix(first.text, "|"):
		return scan.Malformed("the host field would start with |, which ssh reads as a hashed name")
	case strings.HasPrefix(first.text, "#") && h.marker == MarkerNone:
		return scan.Malformed("the line would start with #, which makes it a comment")
	}
	return nil
}
