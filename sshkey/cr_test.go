package sshkey

import (
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// TestCRIsNoBlank: in an authorized_keys line sshd and ssh-keygen split
// fields on space and tab only, and a CR is an ordinary byte unless an LF
// follows it at the end of a line. Parse, ParseAuthorizedKey and CheckText
// refuse a CR where a blank belongs (before the key type, or between the
// type and the base64) with ErrMalformedKey, and still take a .pub file's
// line end (LF or CRLF) and blank lines (LF or CRLF) around the line. The
// ssh-keygen results in the reasons are those of OpenSSH_9.2p1 (Debian
// 2+deb12u6), ssh-keygen -lf FILE on a file holding the text, with
// ed25519B64 as the key: "not a public key file" is its refusal.
//
// RFC 4716 (section 3.1) and PEM (RFC 7468 section 3) end lines in CR too,
// so a CR before a BEGIN line is a blank line there.
func TestCRIsNoBlank(t *testing.T) {
	k := "ssh-ed25519 " + ed25519B64
	for _, c := range []struct {
		name, reason, in string
		err              error // nil: accepted
	}{
		{"lf", "a .pub file ends in LF (ssh-keygen -lf: 256 SHA256:... c (ED25519))", k + " c\n", nil},
		{"crlf", "a CRLF line end (ssh-keygen -lf: accepted)", k + " c\r\n", nil},
		{"crlf-blank-lines", "blank lines in CRLF before and after the line (ssh-keygen -lf: accepted)", "\r\n \r\n" + k + " c\r\n\r\n", nil},
		{"lf-blank-line", "a blank line before the key (ssh-keygen -lf: accepted)", "\n" + k + " c\n", nil},
		{"trailing-cr", "a CR after the comment, no LF: ssh-keygen -lf accepts it (the CR is the comment's last byte to it); sshkey drops it with the line end", k + " c\r", nil},
		{"trailing-cr-no-comment", "a CR after the base64 (ssh-keygen -lf: accepted, its base64 decoder skips it)", k + "\r", nil},
		{"type-cr-base64", "a CR between the type and the base64 splits no fields (ssh-keygen -lf: not a public key file)", "ssh-ed25519\r" + ed25519B64 + " c\n", keyerrors.ErrMalformedKey},
		{"type-cr-base64-no-comment", "the same without a comment (ssh-keygen -lf: not a public key file)", "ssh-ed25519\r" + ed25519B64, keyerrors.ErrMalformedKey},
		{"cr-before-type", "a lone CR before the type is part of the line (ssh-keygen -lf: not a public key file)", "\r" + k + " c\n", keyerrors.ErrMalformedKey},
		{"blank-cr-before-type", "a space, then a lone CR before the type (ssh-keygen -lf: not a public key file)", " \r" + k + " c\n", keyerrors.ErrMalformedKey},
		{"tab-cr-before-type", "a tab, then a lone CR before the type (ssh-keygen -lf: not a public key file)", "\t\r" + k + " c\n", keyerrors.ErrMalformedKey},
		{"lf-cr-before-type", "a blank line, then a lone CR before the type (ssh-keygen -lf: not a public key file)", "\n\r" + k + " c\n", keyerrors.ErrMalformedKey},
		{"type-cr-blank", "a CR after the type, then a space: the type field is \"ssh-ed25519\\r\" (ssh-keygen -lf: not a public key file)", "ssh-ed25519\r " + ed25519B64 + " c\n", keyerrors.ErrMalformedKey},
		{"blank-cr-base64", "a CR at the start of the base64: ssh-keygen -lf accepts it (its base64 decoder skips white space); sshkey reads base64 with no CR or LF inside, as before", "ssh-ed25519 \r" + ed25519B64 + " c\n", keyerrors.ErrMalformedKey},
		{"options-cr-type", "a CR between options and the type (ssh-keygen -lf: not a public key file)", "no-pty\r" + k + " c\n", keyerrors.ErrMalformedKey},
		{"rfc4716-cr-before", "RFC 4716 section 3.1: a lone CR ends a line, so this is a blank line before the BEGIN line", "\r" + strings.ReplaceAll(ed25519RFC, "\n", "\r"), nil},
		{"pkix-cr-before", "RFC 7468 section 3: CR is a line end, so this is a blank line before the BEGIN line", "\r" + rsaPKIX, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &Policy{}
			_, perr := Parse([]byte(c.in))
			cerr := p.CheckText([]byte(c.in))
			errs := []struct {
				api string
				err error
			}{{"Parse", perr}, {"CheckText", cerr}}
			if c.err != nil || strings.HasPrefix(strings.TrimLeft(c.in, " \t\r\n"), "ssh-") {
				_, aerr := ParseAuthorizedKey([]byte(c.in))
				errs = append(errs, struct {
					api string
					err error
				}{"ParseAuthorizedKey", aerr})
			}
			for _, e := range errs {
				switch {
				case c.err == nil && e.err != nil:
					t.Errorf("%s: %v; want the key (%s)", e.api, e.err, c.reason)
				case c.err != nil && !errors.Is(e.err, c.err):
					t.Errorf("%s: %v; want %v (%s)", e.api, e.err, c.err, c.reason)
				case e.err != nil:
					if run := leakedRun(c.in, e.err.Error()); run != "" {
						t.Errorf("%s: error %q holds %q of the input", e.api, e.err, run)
					}
				}
			}
		})
	}
}
