package knownhosts

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/keyvet/keyvet/sshkey/internal/keytest"
	"github.com/keyvet/keyvet/sshkey/internal/lines"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/fuzzseed"
	"github.com/keyvet/keyvet/sshkey"
)

// refKnownHost is the slow reference of one known_hosts line (not blank, no
// comment, at most sshkey.MaxLineLen bytes): sshd(8)'s SSH_KNOWN_HOSTS FILE FORMAT
// with hostkeys_foreach_file's rules, spelt out on strings. ok reports
// whether the marker and the host field are ones ssh uses; key is the text
// sshkey.ParseAuthorizedKey then judges.
func refKnownHost(line string) (m Marker, field, key string, ok bool) {
	if strings.IndexByte(line, 0) >= 0 {
		return 0, "", "", false // KnownHosts refuses a NUL anywhere
	}
	s := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(s, "@") {
		// A marker runs to the first space of the line, or to its first
		// tab when it holds no space.
		end := strings.IndexByte(s, ' ')
		if end < 0 {
			end = strings.IndexByte(s, '\t')
		}
		if end < 0 {
			return 0, "", "", false
		}
		switch s[:end] {
		case "@cert-authority":
			m = MarkerCertAuthority
		case "@revoked":
			m = MarkerRevoked
		default:
			return 0, "", "", false
		}
		if s = strings.TrimLeft(s[end:], " \t"); strings.HasPrefix(s, "@") {
			return 0, "", "", false // a second marker
		}
	}
	field = s
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		field, key = s[:i], strings.TrimLeft(s[i:], " \t")
	}
	if field == "" || key == "" || key[0] == '#' {
		return 0, "", "", false
	}
	if field[0] == '|' {
		// The one form that ssh reads and can match: "|1|", 20 bytes of
		// salt, "|", 20 bytes of hash, in canonical base64.
		parts := strings.Split(field, "|")
		if len(parts) != 4 || parts[0] != "" || parts[1] != "1" {
			return 0, "", "", false
		}
		for _, p := range parts[2:] {
			b, err := base64.StdEncoding.Strict().DecodeString(p)
			if err != nil || len(b) != 20 || strings.ContainsAny(p, "\r\n") {
				return 0, "", "", false
			}
		}
	}
	return m, field, key, true
}

// khSentinels are the key sentinels a bad line's error may wrap.
var khSentinels = []error{keyerrors.ErrMalformedKey, keyerrors.ErrUnsupportedEncoding, keyerrors.ErrUnsupportedKeyType,
	keyerrors.ErrKeyTooSmall, keyerrors.ErrKeyTooLarge, keyerrors.ErrWeakKey, keyerrors.ErrPrivateKey, keyerrors.ErrCertificate,
	keyerrors.ErrKeyTypeMismatch, keyerrors.ErrMultipleKeys}

// FuzzKnownHosts holds KnownHosts to a line-by-line reference: every line
// that is not blank or a comment yields one entry or one sshkey.LineError, with its
// number, in order; an entry is what refKnownHost and sshkey.ParseAuthorizedKey
// read of its line (the key part parses alone, to the same key and comment),
// and its String reads back to an equal entry; a bad line is one the
// reference refuses or whose key sshkey.ParseAuthorizedKey refuses, with that
// sentinel, and its error holds no key material; a first line that is no
// entry but starts an RFC 4716 or PEM file ends the file with oneKeyFile's
// error. Match does not panic on any entry.
func FuzzKnownHosts(f *testing.F) {
	for _, b := range fuzzseed.Files(f, "sshkey/knownhosts/"+khDir+"/*.known_hosts") {
		f.Add(b)
	}
	ed := "ssh-ed25519 " + keytest.ED25519B64
	for _, s := range []string{
		"a " + ed + "\r\nb,c " + ed + " comment\r\n",
		"@revoked\th\t" + strings.ReplaceAll(ed, " ", "\t") + "\n@revoked\th " + ed,
		"|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM= " + ed + "\n",
		"# c\n\n" + keytest.ED25519RFC,
		"h\x00 " + ed + "\nh " + ed + " \x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, errs := khRead(t, bytes.NewReader(data))
		lns := strings.Split(string(data), "\n")
		if lns[len(lns)-1] == "" {
			lns = lns[:len(lns)-1] // the end of the last line, not a line
		}
		k, first := 0, true // the next result; no line but blank and comments so far
		for i, line := range lns {
			n := i + 1
			line = strings.TrimSuffix(line, "\r")
			if len(line) > sshkey.MaxLineLen {
				if k >= len(errs) || errs[k] == nil || errs[k].Error() != lines.TooLongError(n).Error() {
					t.Fatalf("line %d is too long, and no tooLongError is the next result", n)
				}
				k, first = k+1, false
				continue
			}
			if lines.BlankOrComment([]byte(line)) {
				continue
			}
			m, field, keyText, ok := refKnownHost(line)
			var want *sshkey.Key
			kerr := errors.New("no key read")
			if ok {
				want, kerr = sshkey.ParseAuthorizedKey([]byte(keyText))
			}
			if kerr != nil && first {
				if e := lines.OneKeyFile(n, []byte(line)); e != nil {
					if k != len(errs)-1 || errs[k] == nil || errs[k].Error() != e.Error() {
						t.Fatalf("line %d starts a one-key file, and its error does not end the results", n)
					}
					return
				}
			}
			first = false
			if k >= len(entries) {
				t.Fatalf("line %d yields nothing", n)
			}
			h, err := entries[k], errs[k]
			k++
			if kerr == nil {
				if err != nil {
					t.Fatalf("line %d %q: %v; the reference reads it", n, line, err)
				}
				if h.Line() != n || h.Marker() != m || strings.Join(khHostTexts(h), ",") != field || !h.Key().Equal(want) || h.Key().Comment() != want.Comment() {
					t.Fatalf("line %d %q: read %v; the reference reads %v %q %v", n, line, h, m, field, want)
				}
				khCheckEntry(t, h)
				for _, name := range []string{"", "a", field, strings.TrimPrefix(field, "!")} {
					h.Match(name, 22)
					h.Match(name, 2222)
				}
				continue
			}
			var le *sshkey.LineError
			if !errors.As(err, &le) || le.Line != n || h != nil {
				t.Fatalf("line %d %q: (%v, %v); the reference refuses it (%v)", n, line, h, err, kerr)
			}
			khCheckMessage(t, []byte(line), err)
			if d := sshkey.Detect([]byte(field + " " + keyText)); ok && d != sshkey.KindAuthorizedKey && d != sshkey.KindCertificate {
				// The key's own error: the one-key rules' sentinel.
				for _, s := range khSentinels {
					if errors.Is(err, s) != errors.Is(kerr, s) {
						t.Fatalf("line %d %q: %v; sshkey.ParseAuthorizedKey of its key says %v", n, line, err, kerr)
					}
				}
			}
		}
		if k != len(entries) {
			t.Fatalf("%d results for %d lines that are not blank or comments", len(entries), k)
		}
	})
}
