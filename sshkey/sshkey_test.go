package sshkey

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/wire"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// Keys used by the table rows (keytest gives their provenance).
const (
	ed25519Line    = keytest.ED25519Line
	ed25519B64     = keytest.ED25519B64
	rsaB64         = keytest.RSAB64
	rsaPKIX        = keytest.RSAPKIX
	rsaPKCS1       = keytest.RSAPKCS1
	ed25519RFC     = keytest.ED25519RFC
	ed25519CertB64 = keytest.ED25519CertB64
)

// blobOf builds a blob of SSH strings, for rows that need a crafted key.
func blobOf(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = wire.AppendString(b, p)
	}
	return b
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func mustB64(s string) []byte { return keytest.MustB64(s) }

// rsaBlob builds an ssh-rsa blob from raw mpint contents of e and n.
func rsaBlob(e, n []byte) []byte { return blobOf([]byte("ssh-rsa"), e, n) }

var rsaN = func() []byte { // the modulus of rsa_1.pub, with its leading zero
	b := mustB64(rsaB64)
	_, rest, _ := wire.String(b)
	_, rest, _ = wire.String(rest)
	n, _, _ := wire.String(rest)
	return n
}()

type parseRow struct {
	name, reason string
	in           string
	parse        func([]byte) (*Key, error) // nil: Parse
	err          error                      // the sentinel; nil for success
	typ          string
	bits         int
	comment      string
	format       Format
}

func parseRows() []parseRow {
	fold := func(b64 string, n int) string { // lines of n bytes
		var lines []string
		for len(b64) > n {
			lines, b64 = append(lines, b64[:n]), b64[n:]
		}
		return strings.Join(append(lines, b64), "\n")
	}
	bigN := append([]byte{0x01}, make([]byte, 16384/8)...) // 16385 bits
	bigN[len(bigN)-1] = 1
	okN := append([]byte{0x00, 0x80}, make([]byte, 16384/8-1)...) // 16384 bits
	okN[len(okN)-1] = 1
	return []parseRow{
		{name: "ed25519", reason: "a plain .pub line", in: ed25519Line, typ: TypeED25519, bits: 256, comment: "ED25519 test key #1", format: FormatAuthorizedKey},
		{name: "ed25519-no-comment", reason: "the comment is optional", in: "ssh-ed25519 " + ed25519B64, typ: TypeED25519, bits: 256, format: FormatAuthorizedKey},
		{name: "crlf-and-blanks", reason: "white space and CRLF around the key are fine", in: " \r\n\tssh-ed25519 " + ed25519B64 + " a b \r\n\r\n", typ: TypeED25519, bits: 256, comment: "a b", format: FormatAuthorizedKey},
		{name: "tabs", reason: "sshd separates fields with tabs too", in: "ssh-ed25519\t" + ed25519B64 + "\tc", typ: TypeED25519, bits: 256, comment: "c", format: FormatAuthorizedKey},
		{name: "comment-with-blanks", reason: "the comment is the rest of the line", in: "ssh-ed25519 " + ed25519B64 + "  x  y\tz", typ: TypeED25519, bits: 256, comment: "x  y\tz", format: FormatAuthorizedKey},
		{name: "rsa-1024", reason: "sshkey has no size policy", in: "ssh-rsa " + rsaB64 + " r", typ: TypeRSA, bits: 1024, comment: "r", format: FormatAuthorizedKey},
		{name: "rsa-16384", reason: "x/crypto's largest modulus", in: "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 1}, okN)), typ: TypeRSA, bits: 16384, format: FormatAuthorizedKey},
		{name: "rsa-e3", reason: "e = 3 is the smallest exponent x/crypto takes", in: "ssh-rsa " + b64(rsaBlob([]byte{3}, rsaN)), typ: TypeRSA, bits: 1024, format: FormatAuthorizedKey},
		{name: "pkix", reason: "ssh-keygen -e -m PKCS8 output", in: rsaPKIX, typ: TypeRSA, bits: 1024, format: FormatPKIX},
		{name: "pkcs1", reason: "ssh-keygen -e -m PEM output", in: rsaPKCS1, typ: TypeRSA, bits: 1024, format: FormatPKCS1},
		{name: "pkcs1-crlf", reason: "CRLF line ends in PEM", in: strings.ReplaceAll(rsaPKCS1, "\n", "\r\n"), typ: TypeRSA, bits: 1024, format: FormatPKCS1},
		{name: "rfc4716", reason: "ssh-keygen -e output", in: ed25519RFC, typ: TypeED25519, bits: 256, comment: "256-bit ED25519, converted by root@vm from OpenSSH", format: FormatRFC4716},
		{name: "rfc4716-cr", reason: "RFC 4716 section 3.1: a lone CR ends a line", in: strings.ReplaceAll(ed25519RFC, "\n", "\r"), typ: TypeED25519, bits: 256, comment: "256-bit ED25519, converted by root@vm from OpenSSH", format: FormatRFC4716},
		{name: "rfc4716-bare-comment", reason: "section 3.3.2: an unquoted value, continued with \\, tag case-insensitive", in: "---- BEGIN SSH2 PUBLIC KEY ----\ncomment: This is my public key for use on \\\nservers which I don't like.\nx-private: ignored\nSubject: me\n" + ed25519B64[:40] + "\n" + ed25519B64[40:] + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, comment: "This is my public key for use on servers which I don't like.", format: FormatRFC4716},
		{name: "rfc4716-no-headers", reason: "headers are optional", in: "---- BEGIN SSH2 PUBLIC KEY ----\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, format: FormatRFC4716},
		{name: "rfc4716-empty-comment", reason: "\"Comment:\" with nothing after it, as an editor that trims blanks leaves it", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment:\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, format: FormatRFC4716},
		{name: "parse-authorized", reason: "the per-encoding entry point", in: ed25519Line, parse: ParseAuthorizedKey, typ: TypeED25519, bits: 256, comment: "ED25519 test key #1", format: FormatAuthorizedKey},
		{name: "parse-rfc4716", reason: "the per-encoding entry point", in: ed25519RFC, parse: ParseRFC4716, typ: TypeED25519, bits: 256, comment: "256-bit ED25519, converted by root@vm from OpenSSH", format: FormatRFC4716},
		{name: "parse-pkix", reason: "the per-encoding entry point", in: rsaPKIX, parse: ParsePKIX, typ: TypeRSA, bits: 1024, format: FormatPKIX},
		{name: "parse-pkcs1", reason: "the per-encoding entry point", in: rsaPKCS1, parse: ParsePKCS1, typ: TypeRSA, bits: 1024, format: FormatPKCS1},

		// Refusals: encodings.
		{name: "empty", reason: "no key at all", in: "", err: keyerrors.ErrUnsupportedEncoding},
		{name: "blank", reason: "white space only", in: " \r\n\t", err: keyerrors.ErrUnsupportedEncoding},
		{name: "prose", reason: "text in no encoding", in: "hello world", err: keyerrors.ErrUnsupportedEncoding},
		{name: "certificate-pem", reason: "an X.509 certificate is no SSH key encoding", in: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", err: keyerrors.ErrUnsupportedEncoding},
		{name: "other-pem", reason: "any other PEM type", in: "-----BEGIN X509 CRL-----\nMIIB\n-----END X509 CRL-----\n", err: keyerrors.ErrUnsupportedEncoding},
		{name: "pkix-to-authorized", reason: "ParseAuthorizedKey given PEM says it is another encoding", in: rsaPKIX, parse: ParseAuthorizedKey, err: keyerrors.ErrUnsupportedEncoding},
		{name: "authorized-to-pkix", reason: "ParsePKIX given a line", in: ed25519Line, parse: ParsePKIX, err: keyerrors.ErrUnsupportedEncoding},
		{name: "pkix-to-pkcs1", reason: "the two PEM types are distinct", in: rsaPKIX, parse: ParsePKCS1, err: keyerrors.ErrUnsupportedEncoding},
		{name: "authorized-to-rfc4716", reason: "ParseRFC4716 given a line", in: ed25519Line, parse: ParseRFC4716, err: keyerrors.ErrUnsupportedEncoding},

		// Refusals: authorized_keys.
		{name: "options-command", reason: "options are not accepted", in: `command="ls" ` + ed25519Line, err: keyerrors.ErrMalformedKey},
		{name: "options-no-pty", reason: "a bare option", in: "no-pty " + ed25519Line, err: keyerrors.ErrMalformedKey},
		{name: "options-restrict", reason: "restrict alone looks like a type label", in: "restrict,pty " + ed25519Line, err: keyerrors.ErrMalformedKey},
		{name: "options-quoted-blank-at", reason: "options whose first word holds @ (so it looks like a type name) and a quoted blank", in: `@" " ` + ed25519Line, err: keyerrors.ErrMalformedKey},
		{name: "options-unknown", reason: "an option sshd does not know, then a type", in: `foo="x y" ` + ed25519Line, err: keyerrors.ErrMalformedKey},
		{name: "mismatch", reason: "the label says rsa, the blob ed25519", in: "ssh-rsa " + ed25519B64, err: keyerrors.ErrKeyTypeMismatch},
		{name: "mismatch-unknown-label", reason: "an unknown label over a known blob", in: "ssh-foo " + ed25519B64, err: keyerrors.ErrKeyTypeMismatch},
		{name: "unknown-type", reason: "label and blob agree on a type sshkey does not know", in: "ssh-foo " + b64(blobOf([]byte("ssh-foo"), []byte("x"))), err: keyerrors.ErrUnsupportedKeyType},
		{name: "signature-algo", reason: "rsa-sha2-256 is no key type", in: "rsa-sha2-256 " + b64(blobOf([]byte("rsa-sha2-256"), []byte{1, 0, 1}, rsaN)), err: keyerrors.ErrUnsupportedKeyType},
		{name: "certificate", reason: "an OpenSSH certificate is read; its Bits are the certified key's", in: "ssh-ed25519-cert-v01@openssh.com " + ed25519CertB64, typ: ssh.CertAlgoED25519v01, bits: 256, format: FormatAuthorizedKey},
		{name: "certificate-plain-label", reason: "a certificate blob under a plain label: the label must be the blob's type", in: "ssh-ed25519 " + ed25519CertB64, err: keyerrors.ErrKeyTypeMismatch},
		{name: "certificate-cert-label-plain-blob", reason: "a plain blob under a certificate label: the label must be the blob's type", in: "ssh-ed25519-cert-v01@openssh.com " + ed25519B64, err: keyerrors.ErrKeyTypeMismatch},
		{name: "vertical-tab-after-key", reason: "only space, tab, CR and LF surround a key (x/crypto trims \\v)", in: "ssh-ed25519 " + ed25519B64 + "\v", err: keyerrors.ErrMalformedKey},
		{name: "nbsp-before-key", reason: "a Unicode space is no blank (x/crypto trims U+00A0 after the type)", in: "ssh-ed25519 \u00a0" + ed25519B64, err: keyerrors.ErrMalformedKey},
		{name: "bad-base64", reason: "a character outside the alphabet", in: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIw!", err: keyerrors.ErrMalformedKey},
		{name: "base64-padding-bits", reason: "non-zero padding bits: one blob, one text", in: "ssh-rsa " + rsaB64[:len(rsaB64)-3] + "x==", err: keyerrors.ErrMalformedKey},
		{name: "no-base64", reason: "a type label alone", in: "ssh-ed25519", err: keyerrors.ErrMalformedKey},
		{name: "truncated", reason: "the blob is cut short", in: "ssh-ed25519 " + b64(mustB64(ed25519B64)[:40]), err: keyerrors.ErrMalformedKey},
		{name: "trailing-in-blob", reason: "bytes after the key inside the blob", in: "ssh-ed25519 " + b64(append(mustB64(ed25519B64), 0)), err: keyerrors.ErrMalformedKey},
		{name: "ed25519-31", reason: "an Ed25519 key is 32 bytes", in: "ssh-ed25519 " + b64(blobOf([]byte("ssh-ed25519"), make([]byte, 31))), err: keyerrors.ErrMalformedKey},
		{name: "missing-label", reason: "the blob without its type label", in: ed25519B64 + " c", err: keyerrors.ErrMalformedKey},
		{name: "comment-line", reason: "comment lines are not accepted", in: "# my key\n" + ed25519Line, err: keyerrors.ErrMalformedKey},
		{name: "two-keys", reason: "a second key line", in: ed25519Line + "\n" + ed25519Line, err: keyerrors.ErrMultipleKeys},
		{name: "two-keys-blank-between", reason: "a second key after a blank line", in: ed25519Line + "\r\n\r\nssh-rsa " + rsaB64, err: keyerrors.ErrMultipleKeys},
		{name: "junk-after", reason: "text after the key line", in: ed25519Line + "\njunk", err: keyerrors.ErrMalformedKey},
		{name: "comment-control", reason: "a control character in the comment", in: "ssh-ed25519 " + ed25519B64 + " a\x01b", err: keyerrors.ErrMalformedKey},
		{name: "comment-bad-utf8", reason: "invalid UTF-8 in the comment", in: "ssh-ed25519 " + ed25519B64 + " a\xffb", err: keyerrors.ErrMalformedKey},
		{name: "ecdsa-curve-mismatch", reason: "the curve inside differs from the type", in: "ecdsa-sha2-nistp256 " + b64(blobOf([]byte("ecdsa-sha2-nistp256"), []byte("nistp384"), append([]byte{4}, make([]byte, 96)...))), err: keyerrors.ErrMalformedKey},
		{name: "ecdsa-not-on-curve", reason: "a point off the curve", in: "ecdsa-sha2-nistp256 " + b64(blobOf([]byte("ecdsa-sha2-nistp256"), []byte("nistp256"), append([]byte{4}, make([]byte, 64)...))), err: keyerrors.ErrMalformedKey},

		// Refusals: RSA numbers.
		{name: "rsa-e1", reason: "e = 1 is the identity", in: "ssh-rsa " + b64(rsaBlob([]byte{1}, rsaN)), err: keyerrors.ErrWeakKey},
		{name: "rsa-e-even", reason: "an even exponent", in: "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 0}, rsaN)), err: keyerrors.ErrWeakKey},
		{name: "rsa-e-25-bits", reason: "2^24+1 is longer than x/crypto's 24 bits", in: "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 0, 1}, rsaN)), err: keyerrors.ErrWeakKey},
		{name: "rsa-16385", reason: "past x/crypto's modulus bound", in: "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 1}, bigN)), err: keyerrors.ErrKeyTooLarge},
		{name: "rsa-n-even", reason: "an even modulus is no RSA modulus", in: "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 1}, append(bytes.Clone(rsaN[:len(rsaN)-1]), 2))), err: keyerrors.ErrMalformedKey},
		{name: "rsa-n-zero", reason: "a zero modulus", in: "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 1}, nil)), err: keyerrors.ErrMalformedKey},
		{name: "rsa-n-leading-zero", reason: "a superfluous zero byte: a second blob for one key", in: "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 1}, append([]byte{0}, rsaN...))), err: keyerrors.ErrMalformedKey},
		{name: "rsa-n-negative", reason: "the sign bit set", in: "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 1}, rsaN[1:])), err: keyerrors.ErrMalformedKey},

		// Refusals: RFC 4716.
		{name: "rfc4716-no-end", reason: "the END line is missing", in: strings.TrimSuffix(ed25519RFC, "---- END SSH2 PUBLIC KEY ----\n"), err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-bad-end", reason: "the END marker must be exact", in: strings.Replace(ed25519RFC, "---- END SSH2 PUBLIC KEY ----", "---- END SSH2 PUBLIC KEY---", 1), err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-long-body-line", reason: "section 3: 72 bytes a line of the body", in: "---- BEGIN SSH2 PUBLIC KEY ----\n" + ed25519B64 + "AAAA" + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-long-comment-line", reason: "PuTTYgen and phpseclib write a long Comment on one line; ssh-keygen -i reads it", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"" + strings.Repeat("x", 100) + "\"\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, comment: strings.Repeat("x", 100), format: FormatRFC4716},
		{name: "rfc4716-value-1024", reason: "section 3.3: a value of 1024 bytes, on one line", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: " + strings.Repeat("x", 1024) + "\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, comment: strings.Repeat("x", 1024), format: FormatRFC4716},
		{name: "rfc4716-putty-escapes", reason: "PuTTY escapes \\\" and \\\\ inside a quoted value", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"a \\\"q\\\" \\\\ b\"\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, comment: `a "q" \ b`, format: FormatRFC4716},
		{name: "rfc4716-backslash-quote-end", reason: "a value ending in \\\" whose quote closes it, as ssh-keygen -e writes a comment ending in \\", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"a\\\"\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, comment: `a\`, format: FormatRFC4716},
		{name: "rfc4716-leading-blank-header", reason: "ssh-keygen -i takes a header with blanks before its tag", in: "---- BEGIN SSH2 PUBLIC KEY ----\n \tComment: c\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, comment: "c", format: FormatRFC4716},
		{name: "rfc4716-value-1025", reason: "section 3.3: a value of 1025 bytes, on one line", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: " + strings.Repeat("x", 1025) + "\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-text-after-quote", reason: "section 3.3.2: the closing quote ends the value", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"a\" b\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-tag-64", reason: "section 3.3: a tag of 64 bytes", in: "---- BEGIN SSH2 PUBLIC KEY ----\n" + strings.Repeat("x", 64) + ": v\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, format: FormatRFC4716},
		{name: "rfc4716-body-line-72", reason: "section 3: a body line of 72 bytes", in: "---- BEGIN SSH2 PUBLIC KEY ----\n" + fold(rsaB64, 72) + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeRSA, bits: 1024, format: FormatRFC4716},
		{name: "rfc4716-body-line-73", reason: "section 3: a body line of 73 bytes", in: "---- BEGIN SSH2 PUBLIC KEY ----\n" + fold(rsaB64, 73) + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-continued-value-1024", reason: "section 3.3: a continued value of 1024 bytes in all", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: " + strings.Repeat(strings.Repeat("y", 64)+"\\\n", 15) + strings.Repeat("y", 64) + "\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, comment: strings.Repeat("y", 1024), format: FormatRFC4716},
		{name: "rfc4716-continued-value-1025", reason: "section 3.3: a continued value of 1025 bytes in all", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: " + strings.Repeat(strings.Repeat("y", 64)+"\\\n", 15) + strings.Repeat("y", 65) + "\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-header-1090", reason: "a header of 1090 bytes: a 64-byte tag, \": \" and a 1024-byte value", in: "---- BEGIN SSH2 PUBLIC KEY ----\n" + strings.Repeat("t", 64) + ": " + strings.Repeat("v", 1024) + "\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", typ: TypeED25519, bits: 256, format: FormatRFC4716},
		{name: "rfc4716-header-1091", reason: "the same header after a blank: 1091 bytes, past the bound", in: "---- BEGIN SSH2 PUBLIC KEY ----\n " + strings.Repeat("t", 64) + ": " + strings.Repeat("v", 1024) + "\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-long-tag", reason: "section 3.3: a tag is at most 64 bytes", in: "---- BEGIN SSH2 PUBLIC KEY ----\n" + strings.Repeat("x", 65) + ": v\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-long-value", reason: "section 3.3: a value is at most 1024 bytes", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: " + strings.Repeat("x", 60) + "\\\n" + strings.Repeat(strings.Repeat("x", 70)+"\\\n", 14) + "x\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-no-space", reason: "section 3.3: a space after the colon", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment:x\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-lone-quote", reason: "a value of one double quote opens and closes nothing (FuzzParseRFC4716 finding)", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-open-quote", reason: "a quote opened and not closed", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"x\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-two-comments", reason: "two Comment headers are ambiguous", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: a\nCOMMENT: b\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-no-body", reason: "headers and no key", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: a\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-blank-in-body", reason: "a blank inside the base64", in: "---- BEGIN SSH2 PUBLIC KEY ----\n" + ed25519B64[:40] + " \n" + ed25519B64[40:] + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-continued-into-nothing", reason: "a \\ on the last line", in: "---- BEGIN SSH2 PUBLIC KEY ----\nComment: a\\", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-bad-begin", reason: "the BEGIN marker must be exact", in: "---- BEGIN SSH2 PUBLIC KEY -----\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----", err: keyerrors.ErrMalformedKey},
		{name: "rfc4716-then-key", reason: "a second key after the END line", in: ed25519RFC + ed25519Line, err: keyerrors.ErrMultipleKeys},
		{name: "rfc4716-then-junk", reason: "text after the END line", in: ed25519RFC + "junk", err: keyerrors.ErrMalformedKey},

		// Refusals: PEM.
		{name: "pem-headers", reason: "RFC 1421 headers have no place in a public key", in: strings.Replace(rsaPKIX, "-----\n", "-----\nProc-Type: 4,ENCRYPTED\n\n", 1), err: keyerrors.ErrMalformedKey},
		{name: "pem-junk-before", reason: "encoding/pem would skip it", in: "junk\n" + rsaPKIX, err: keyerrors.ErrUnsupportedEncoding},
		{name: "pem-junk-after", reason: "text after the END line", in: rsaPKIX + "junk", err: keyerrors.ErrMalformedKey},
		{name: "pem-two", reason: "two PEM keys", in: rsaPKIX + rsaPKCS1, err: keyerrors.ErrMultipleKeys},
		{name: "pem-wrong-end", reason: "the END label must match", in: strings.Replace(rsaPKIX, "END PUBLIC KEY", "END RSA PUBLIC KEY", 1), err: keyerrors.ErrMalformedKey},
		{name: "pem-no-end", reason: "the END line is missing", in: strings.Replace(rsaPKIX, "-----END PUBLIC KEY-----\n", "", 1), err: keyerrors.ErrMalformedKey},
		{name: "pem-blank-in-body", reason: "encoding/pem would take it", in: strings.Replace(rsaPKIX, "MIGf", "MI Gf", 1), err: keyerrors.ErrMalformedKey},
		{name: "pem-trailing-der", reason: "bytes after the DER", in: pemOf("PUBLIC KEY", append(pemDER(rsaPKIX), 0)), err: keyerrors.ErrMalformedKey},
		{name: "pkix-dsa", reason: "DSA in PKIX is read (RFC 3279 section 2.3.2), as ssh-keygen -e -m PKCS8 writes it", in: readKeyFile("dsa1024.pkcs8"), typ: TypeDSA, bits: 1024, format: FormatPKIX},
		{name: "pkix-x25519", reason: "an X25519 key is no SSH key", in: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAhRdSrSXnAN1FCbqR0I/Ra3CS4UuRntbZWFj2nGjp2F0=\n-----END PUBLIC KEY-----\n", err: keyerrors.ErrUnsupportedKeyType},
		{name: "pkix-p224", reason: "SSH has no P-224", in: "-----BEGIN PUBLIC KEY-----\nME4wEAYHKoZIzj0CAQYFK4EEACEDOgAEx5x2XG5o4tc7FQyvpx6ow96+1WxdFtPc8XNNHbn0mX1cASRuLHLMRFMtx0IFFlwvQ8PJLmYFBkg=\n-----END PUBLIC KEY-----\n", err: keyerrors.ErrUnsupportedKeyType},
		{name: "pkcs1-e1", reason: "the exponent check holds for PEM too", in: pemOf("RSA PUBLIC KEY", pkcs1DER(rsaN[1:], []byte{1})), err: keyerrors.ErrWeakKey},
	}
}

func pemOf(label string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: label, Bytes: der}))
}

func pemDER(s string) []byte {
	b, _ := pem.Decode([]byte(s))
	return b.Bytes
}

// pkcs1DER encodes RSAPublicKey from magnitudes (n, e non-zero).
func pkcs1DER(n, e []byte) []byte {
	integer := func(m []byte) []byte {
		if m[0]&0x80 != 0 {
			m = append([]byte{0}, m...)
		}
		return append(derLen([]byte{0x02}, len(m)), m...)
	}
	body := append(integer(n), integer(e)...)
	return append(derLen([]byte{0x30}, len(body)), body...)
}

func derLen(dst []byte, n int) []byte {
	switch {
	case n < 0x80:
		return append(dst, byte(n))
	case n < 0x100:
		return append(dst, 0x81, byte(n))
	}
	return append(dst, 0x82, byte(n>>8), byte(n))
}

func readKeyFile(name string) string {
	b, err := os.ReadFile(filepath.Join(keysDir, name))
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestParse(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range parseRows() {
		t.Run(r.name, func(t *testing.T) {
			if r.reason == "" {
				t.Fatal("row has no reason")
			}
			if seen[r.name] {
				t.Fatal("duplicate row name")
			}
			seen[r.name] = true
			parse := r.parse
			if parse == nil {
				parse = Parse
			}
			k, err := parse([]byte(r.in))
			if r.err != nil {
				if !errors.Is(err, r.err) {
					t.Fatalf("err = %v, want %v", err, r.err)
				}
				if k != nil {
					t.Errorf("key = %v on error", k)
				}
				checkErrorText(t, r.in, err)
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			got := struct {
				Type, Comment string
				Bits          int
				Format        Format
			}{k.Type(), k.Comment(), k.Bits(), k.Format()}
			want := struct {
				Type, Comment string
				Bits          int
				Format        Format
			}{r.typ, r.comment, r.bits, r.format}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("key (-want +got):\n%s", d)
			}
			checkInvariants(t, k)
		})
	}
}

// checkErrorText checks that err is one of sshkey's, starts with "sshkey: "
// and holds no key material of in.
func checkErrorText(t *testing.T, in string, err error) {
	t.Helper()
	var ke *keyError
	if !errors.As(err, &ke) {
		t.Errorf("error %T is not a *keyError", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "sshkey: ") {
		t.Errorf("message %q does not start with sshkey: ", msg)
	}
	if run := leakedRun(in, msg); run != "" {
		t.Errorf("message %q holds %q of the input", msg, run)
	}
}

// leakedUnquoted is leakedRun for a reader given any input, where the
// message may show a type label, a PEM label or an option as safeName
// does, in double quotes, by keyerrors.SafeValue's rule (a person's text,
// shown so it can be fixed; what the rule takes for key material is never
// quoted). It returns msg itself when msg looks like key material, else a
// 16-character piece of a base64 run of in that msg holds outside its
// double-quoted values, or "".
func leakedUnquoted(in, msg string) string {
	if keyerrors.LooksLikeKey(msg) {
		return msg
	}
	return leakedRun(in, quotedValue.ReplaceAllString(msg, `""`))
}

func leakedRun(in, msg string) string { return keytest.LeakedRun(in, msg) }

// quotedValue matches a double-quoted value in a message, as safeName
// writes one.
var quotedValue = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// checkInvariants checks a parsed key: parsing it again gives the same key;
// every encoding that can hold its type re-parses to the same blob, type,
// bits and (where the encoding holds one) comment; the blob agrees with
// x/crypto and, for PEM, with crypto/x509.
func checkInvariants(t *testing.T, k *Key) {
	t.Helper()
	blob := k.Marshal()
	if k.Fingerprint(crypto.SHA256).String() == "" {
		t.Error("no fingerprint")
	}
	// Reference: x/crypto (refDSA for ssh-dss) parses the blob to the
	// same key, and marshals it back byte for byte (the blob is canonical).
	ref, err := refRemarshal(blob)
	if err != nil {
		t.Fatalf("the reference refuses the blob: %v", err)
	}
	if !bytes.Equal(ref, blob) {
		t.Error("the blob is not x/crypto's marshalling of the key")
	}
	if !bytes.Equal(k.PublicKey().Marshal(), blob) {
		t.Error("PublicKey.Marshal differs from Blob")
	}
	formats := Formats(k.Type())
	if len(formats) == 0 {
		t.Fatalf("no formats for %s", k.Type())
	}
	for _, f := range []Format{FormatAuthorizedKey, FormatRFC4716, FormatPKIX, FormatPKCS1} {
		enc, err := k.Encode(f)
		holds := false
		for _, g := range formats {
			holds = holds || g == f
		}
		if !holds {
			if !errors.Is(err, keyerrors.ErrUnsupportedKeyType) {
				t.Errorf("Encode(%v) err = %v, want ErrUnsupportedKeyType", f, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Encode(%v): %v", f, err)
			continue
		}
		k2, err := Parse(enc)
		if err != nil {
			t.Errorf("Parse(Encode(%v)): %v\n%s", f, err, enc)
			continue
		}
		if !bytes.Equal(k2.Marshal(), blob) || k2.Type() != k.Type() || k2.Bits() != k.Bits() || k2.Format() != f {
			t.Errorf("Parse(Encode(%v)) = %s %d %v, want %s %d", f, k2.Type(), k2.Bits(), k2.Format(), k.Type(), k.Bits())
		}
		if (f == FormatAuthorizedKey || f == FormatRFC4716) && len(quoteEscapes.Replace(k.Comment())) <= maxRFC4716Comment && k2.Comment() != k.Comment() {
			t.Errorf("Parse(Encode(%v)).Comment = %q, want %q", f, k2.Comment(), k.Comment())
		}
		if f == FormatRFC4716 {
			for i, line := range strings.Split(strings.TrimSuffix(string(enc), "\n"), "\n") {
				// The Comment header is one line, as PuTTYgen and
				// ssh-keygen write it; the others are RFC 4716's 72.
				if len(line) > 72 && !strings.HasPrefix(line, "Comment: ") || len(line) > 1023 {
					t.Errorf("RFC4716 line %d has %d bytes", i+1, len(line))
				}
			}
		}
		if f == FormatPKIX || f == FormatPKCS1 {
			checkX509(t, enc, blob)
		}
	}
	if line := k.String(); strings.ContainsAny(line, "\r\n") {
		t.Errorf("AuthorizedKey has a line break: %q", line)
	}
}

// checkX509 checks PEM output against encoding/pem and crypto/x509: they
// read the same key.
func checkX509(t *testing.T, enc, blob []byte) {
	t.Helper()
	b, rest := pem.Decode(enc)
	if b == nil || len(rest) != 0 {
		t.Fatalf("encoding/pem refuses %s", enc)
	}
	var ref []byte
	var err error
	if b.Type == "RSA PUBLIC KEY" {
		var pub *rsa.PublicKey
		if pub, err = x509.ParsePKCS1PublicKey(b.Bytes); err == nil {
			var sp ssh.PublicKey
			sp, err = ssh.NewPublicKey(pub)
			if err != nil {
				t.Fatal(err)
			}
			ref = sp.Marshal()
		}
	} else {
		ref, err = refSPKI(b.Bytes)
	}
	if err != nil {
		t.Fatalf("crypto/x509 (or refSPKI) refuses %s: %v", enc, err)
	}
	if !bytes.Equal(ref, blob) {
		t.Error("crypto/x509 reads another key")
	}
}

// TestParseEntryPoints checks that every per-encoding entry point refuses a
// private key and agrees with Parse on its own encoding.
func TestParseEntryPoints(t *testing.T) {
	entries := map[string]func([]byte) (*Key, error){
		"Parse": Parse, "ParseAuthorizedKey": ParseAuthorizedKey, "ParseRFC4716": ParseRFC4716,
		"ParsePKIX": ParsePKIX, "ParsePKCS1": ParsePKCS1,
	}
	for _, p := range privateKeyFiles(t) {
		for name, parse := range entries {
			if _, err := parse([]byte(p.data)); !errors.Is(err, keyerrors.ErrPrivateKey) {
				t.Errorf("%s(%s) err = %v, want ErrPrivateKey", name, p.name, err)
			}
		}
	}
}

type namedInput struct{ name, data string }

func privateKeyFiles(t *testing.T) []namedInput {
	t.Helper()
	var out []namedInput
	for _, g := range goldenPrivate {
		b, err := os.ReadFile(filepath.Join(keysDir, "private", g.file))
		if err != nil {
			t.Fatalf("%v (regenerate with: go test ./sshkey/ -update)", err)
		}
		out = append(out, namedInput{g.file, string(b)})
	}
	return out
}

// TestPrivateKeys checks every private key file in testdata, whole and in
// the forms people paste them (with the public key before it, without the
// BEGIN line, CRLF, indented), is ErrPrivateKey, and that no 16-character run
// of its base64 reaches the error text.
func TestPrivateKeys(t *testing.T) {
	for _, p := range privateKeyFiles(t) {
		variants := map[string]string{
			"whole":         p.data,
			"after-pub":     ed25519Line + "\n" + p.data,
			"crlf":          strings.ReplaceAll(p.data, "\n", "\r\n"),
			"indented":      "   " + p.data,
			"no-begin-line": p.data[strings.IndexByte(p.data, '\n')+1:],
		}
		for v, in := range variants {
			if v == "no-begin-line" && strings.HasPrefix(p.name, "putty") {
				continue // PuTTY's marker is its first line; without it the file is prose
			}
			if (v == "no-begin-line" || v == "crlf") && strings.HasPrefix(p.name, "dropbear") {
				continue // a binary file has no lines
			}
			_, err := Parse([]byte(in))
			if !errors.Is(err, keyerrors.ErrPrivateKey) {
				t.Errorf("%s/%s: err = %v, want ErrPrivateKey", p.name, v, err)
				continue
			}
			checkErrorText(t, in, err)
		}
	}
}

// TestNoKeyMaterialInErrors is the property: for every refusal path sshkey
// has (every error row, every invalid vector, every private key, and
// corruptions of every valid key), no 16-character run of the input's
// base64 appears in the error text.
func TestNoKeyMaterialInErrors(t *testing.T) {
	var inputs []string
	for _, r := range parseRows() {
		inputs = append(inputs, r.in)
	}
	for _, p := range privateKeyFiles(t) {
		inputs = append(inputs, p.data)
	}
	v := loadVectors(t)
	for _, r := range v.Invalid {
		inputs = append(inputs, r.Key)
	}
	var valid []string
	for _, r := range v.Valid {
		valid = append(valid, r.Key)
	}
	for _, g := range goldenKeys {
		valid = append(valid, readKeyFile(g.stem+".pub"), readKeyFile(g.stem+".rfc4716"))
	}
	// Corruptions that reach each refusal path from a valid key.
	for _, in := range valid {
		inputs = append(inputs,
			in[:len(in)/2],                          // truncated
			in+"\n"+in,                              // two keys
			"no-pty "+in,                            // options
			strings.Replace(in, "ssh-", "ssh-x", 1), // label mismatch
			strings.Replace(in, "AAAA", "AAA!", 1),  // bad base64
			strings.Replace(in, "\n", "\n\x00", 2),
			"# c\n"+in,
		)
	}
	n := 0
	for _, in := range inputs {
		for _, parse := range []func([]byte) (*Key, error){Parse, ParseAuthorizedKey, ParseRFC4716, ParsePKIX, ParsePKCS1} {
			_, err := parse([]byte(in))
			if err == nil {
				continue
			}
			n++
			if run := leakedRun(in, err.Error()); run != "" {
				t.Errorf("error %q holds %q of its input", err, run)
			}
		}
	}
	if n < 500 {
		t.Errorf("only %d refusals checked", n)
	}
}

func TestFormatString(t *testing.T) {
	for f, want := range map[Format]string{
		FormatAuthorizedKey: "authorized_keys", FormatRFC4716: "RFC 4716", FormatPKIX: "PKIX PEM",
		FormatPKCS1: "PKCS#1 PEM", FormatNone: "none", 9: "Format(9)", -1: "Format(-1)",
	} {
		if got := f.String(); got != want {
			t.Errorf("Format(%d).String() = %q, want %q", int(f), got, want)
		}
	}
}

// TestRFC4716Comments checks the encoder on comments that need folding,
// quoting or cutting: every line stays within 72 bytes, and the comment
// comes back.
func TestRFC4716Comments(t *testing.T) {
	base := MustParse(ed25519Line)
	for _, c := range []struct{ name, reason, comment, want string }{
		{"empty", "no Comment header", "", ""},
		{"quotes", "quotes inside survive: only the outer pair is removed", `"a" b "c"`, `"a" b "c"`},
		{"backslash-end", "a \\ at the end of the value is inside the quotes", `a\`, `a\`},
		{"long", "one line past 72 bytes, as PuTTYgen writes it", strings.Repeat("abcdefghij", 30), strings.Repeat("abcdefghij", 30)},
		{"backslashes", "each escaped, none a continuation", strings.Repeat(`\`, 200), strings.Repeat(`\`, 200)},
		{"utf8", "UTF-8 kept whole", strings.Repeat("é€😀", 40), strings.Repeat("é€😀", 40)},
		{"1012", "1012 bytes: the longest that ssh-keygen -i reads on one line", strings.Repeat("x", 1012), strings.Repeat("x", 1012)},
		{"too-long", "cut to 1012 bytes", strings.Repeat("x", 2000), strings.Repeat("x", 1012)},
		{"too-long-utf8", "cut at a character boundary", strings.Repeat("€", 400), strings.Repeat("€", 337)},
		{"too-long-escapes", "cut to 1012 bytes, not inside an escape", strings.Repeat(`\`, 600), strings.Repeat(`\`, 506)},
	} {
		t.Run(c.name, func(t *testing.T) {
			k, err := base.WithComment(c.comment)
			if err != nil {
				t.Fatal(err)
			}
			enc := k.MarshalRFC4716()
			for i, line := range strings.Split(strings.TrimSuffix(string(enc), "\n"), "\n") {
				max := 72 // RFC 4716 section 3
				if strings.HasPrefix(line, "Comment: ") {
					max = 1023 // ssh-keygen -i's line
				}
				if len(line) > max || strings.HasSuffix(line, `\`) && !strings.HasPrefix(line, "Comment: ") {
					t.Errorf("line %d has %d bytes, or continues", i+1, len(line))
				}
			}
			k2, err := ParseRFC4716(enc)
			if err != nil {
				t.Fatalf("%v\n%s", err, enc)
			}
			if k2.Comment() != c.want {
				t.Errorf("comment = %q, want %q", k2.Comment(), c.want)
			}
			if !strings.HasPrefix(c.name, "too-long") {
				checkInvariants(t, k)
			}
		})
	}
}

// TestPublicKeyIsNew checks that PublicKey hands out a key of its own: a
// change to an RSA key's modulus through it leaves the Key, and the next
// PublicKey, as they were. The zero Key has none.
func TestPublicKeyIsNew(t *testing.T) {
	k := MustParse(readKeyFile("rsa2048.pub"))
	blob := k.Marshal()
	pub := k.PublicKey().(ssh.CryptoPublicKey).CryptoPublicKey().(*rsa.PublicKey)
	pub.N.SetInt64(3)
	pub.E = 5
	if got := k.PublicKey().Marshal(); !bytes.Equal(got, blob) {
		t.Error("changing the *rsa.PublicKey of PublicKey changed the next PublicKey")
	}
	if !bytes.Equal(k.Marshal(), blob) || k.Bits() != 2048 {
		t.Error("changing the *rsa.PublicKey of PublicKey changed the Key")
	}
	if pub := new(Key).PublicKey(); pub != nil {
		t.Errorf("the zero Key's PublicKey = %v, want nil", pub)
	}
}

func TestNew(t *testing.T) {
	k := MustParse(ed25519Line)
	k2, err := New(k.PublicKey(), " c ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(k2.Marshal(), k.Marshal()) || k2.Comment() != "c" || k2.Bits() != 256 || k2.Format() != FormatNone {
		t.Errorf("New = %+v", k2)
	}
	cert, _, _, _, err := ssh.ParseAuthorizedKey([]byte("ssh-ed25519-cert-v01@openssh.com " + ed25519CertB64))
	if err != nil {
		t.Fatal(err)
	}
	// New takes a certificate, as Parse does; the zero Policy refuses it.
	kc, err := New(cert, "")
	if err != nil || kc.Type() != ssh.CertAlgoED25519v01 || !bytes.Equal(kc.Marshal(), cert.Marshal()) {
		t.Errorf("New(cert) = %v, %v", kc, err)
	} else if err := new(Policy).Check(kc); !errors.Is(err, keyerrors.ErrCertificate) {
		t.Errorf("Policy{}.Check(New(cert)) err = %v, want ErrCertificate", err)
	}
	if _, err := New(nil, ""); !errors.Is(err, keyerrors.ErrMalformedKey) {
		t.Errorf("New(nil) err = %v", err)
	}
	if _, err := New(k.PublicKey(), "a\x00"); !errors.Is(err, keyerrors.ErrMalformedKey) {
		t.Errorf("New(comment NUL) err = %v", err)
	}
}

func TestPolicyCheck(t *testing.T) {
	rsa1024 := MustParse("ssh-rsa " + rsaB64)
	rsa2048 := MustParse(readKeyFile("rsa2048.pub"))
	rsa8192 := MustParse(readKeyFile("rsa8192.pub"))
	ed := MustParse(ed25519Line)
	edRFC := MustParse(ed25519RFC)
	ec2 := &Policy{Types: []string{TypeRSA, TypeED25519}, MinRSABits: 2048, MaxRSABits: 4096, Formats: []Format{FormatAuthorizedKey, FormatRFC4716}}
	iam := &Policy{Types: []string{TypeRSA}, MinRSABits: 2048, Formats: []Format{FormatAuthorizedKey, FormatPKIX, FormatPKCS1}}
	for _, r := range []struct {
		name, reason string
		p            *Policy
		k            *Key
		err          error
	}{
		{"zero-policy", "the zero Policy accepts any key", &Policy{}, rsa1024, nil},
		{"ec2-rsa2048", "in range", ec2, rsa2048, nil},
		{"ec2-ed25519", "an allowed type", ec2, ed, nil},
		{"ec2-rfc4716", "an allowed encoding", ec2, edRFC, nil},
		{"ec2-rsa1024", "below the minimum", ec2, rsa1024, keyerrors.ErrKeyTooSmall},
		{"ec2-rsa8192", "above the maximum", ec2, rsa8192, keyerrors.ErrKeyTooLarge},
		{"iam-ed25519", "a type not allowed", iam, ed, keyerrors.ErrUnsupportedKeyType},
		{"iam-rfc4716", "an encoding not allowed wins over the type", iam, edRFC, keyerrors.ErrUnsupportedEncoding},
		{"nil", "no key", &Policy{}, nil, keyerrors.ErrMalformedKey},
		{"min-only-for-rsa", "bit bounds apply to RSA only", &Policy{MinRSABits: 4096}, ed, nil},
	} {
		t.Run(r.name, func(t *testing.T) {
			if r.reason == "" {
				t.Fatal("row has no reason")
			}
			err := r.p.Check(r.k)
			if r.err == nil && err != nil || r.err != nil && !errors.Is(err, r.err) {
				t.Fatalf("Check = %v, want %v", err, r.err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "sshkey: ") {
				t.Errorf("message %q", err)
			}
		})
	}
}

// vectors is testdata/vectors/sshpubkeys/vectors.json, python-sshpubkeys'
// test keys (github.com/ojarva/python-sshpubkeys@5f78869 tests/*.py, BSD-3).
type vectors struct {
	Valid []struct {
		File, Name string
		Modes      []string
		Key        string
		Bits       int
		MD5        string
		SHA256     string
		OptionsRaw *string `json:"options_raw"`
		Comment    *string
	}
	Invalid []struct {
		Name, Key, Error string
		Modes            []string
	}
	AuthorizedKeys []struct {
		Name, File string
		ValidCount int `json:"valid_count"`
	} `json:"authorized_keys"`
	InvalidAuthorizedKeys []struct {
		Name, File, Error string
	} `json:"invalid_authorized_keys"`
}

func loadVectors(t testing.TB) *vectors {
	t.Helper()
	b, err := os.ReadFile("../testdata/vectors/sshpubkeys/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Valid) == 0 || len(v.Invalid) == 0 {
		t.Fatal("no vectors")
	}
	return &v
}

// TestSSHPubKeysValid: python-sshpubkeys' valid keys parse with its bits and
// fingerprints, except where a row below says why keyvet differs.
func TestSSHPubKeysValid(t *testing.T) {
	// Rows python-sshpubkeys accepts ("loose" mode) that keyvet refuses.
	const smallRSA = "OpenSSH refuses to read an RSA key under 1024 bits (SSH_RSA_MINIMUM_MODULUS_SIZE; ssh-keygen -l says it is not a public key file)"
	refused := map[string]struct {
		err    error
		reason string
	}{
		"dsa_2048":              {keyerrors.ErrKeyTooLarge, "SSH DSA is 1024 bits (FIPS 186-2); x/crypto refuses other sizes"},
		"valid_rsa_768":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_768_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_771":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_771_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_780":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_780_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_783":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_783_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_786":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_786_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_789":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_789_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_792":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_792_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_804":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_804_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_807":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_807_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_810":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_810_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_813":         {keyerrors.ErrKeyTooSmall, smallRSA},
		"valid_rsa_813_rfc4716": {keyerrors.ErrKeyTooSmall, smallRSA},
		"dsa_3072":              {keyerrors.ErrKeyTooLarge, "SSH DSA is 1024 bits (FIPS 186-2); x/crypto refuses other sizes"},
	}
	for _, r := range loadVectors(t).Valid {
		t.Run(r.Name, func(t *testing.T) {
			k, err := Parse([]byte(r.Key))
			if want, ok := refused[r.Name]; ok {
				if !errors.Is(err, want.err) {
					t.Fatalf("err = %v, want %v (%s)", err, want.err, want.reason)
				}
				return
			}
			key := r.Key
			if r.OptionsRaw != nil {
				// keyvet refuses authorized_keys options; the key
				// after them must parse.
				if !errors.Is(err, keyerrors.ErrMalformedKey) {
					t.Fatalf("with options: err = %v, want ErrMalformedKey", err)
				}
				key = strings.TrimPrefix(key, *r.OptionsRaw+" ")
				k, err = Parse([]byte(key))
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if k.Bits() != r.Bits {
				t.Errorf("bits = %d, want %d", k.Bits(), r.Bits)
			}
			// The RFC 4716 rows carry no fingerprints.
			if got := "MD5:" + k.Fingerprint(crypto.MD5).String(); r.MD5 != "" && got != r.MD5 {
				t.Errorf("md5 = %s, want %s", got, r.MD5)
			}
			if got := k.Fingerprint(crypto.SHA256).String(); r.SHA256 != "" && got != r.SHA256 {
				t.Errorf("sha256 = %s, want %s", got, r.SHA256)
			}
			wantFormat := FormatAuthorizedKey
			if r.File == "valid_keys_rfc4716" {
				wantFormat = FormatRFC4716
			}
			if k.Format() != wantFormat {
				t.Errorf("format = %v, want %v", k.Format(), wantFormat)
			}
			if r.Comment != nil && k.Comment() != *r.Comment {
				t.Errorf("comment = %q, want %q", k.Comment(), *r.Comment)
			}
			checkInvariants(t, k)
		})
	}
}

// TestSSHPubKeysInvalid: python-sshpubkeys' invalid keys fail with the
// sentinel each row gives, except where a row says why keyvet accepts.
func TestSSHPubKeysInvalid(t *testing.T) {
	want := map[string]struct {
		err    error // nil: keyvet accepts
		reason string
	}{
		"too_short_data":               {keyerrors.ErrMalformedKey, "the blob is cut short"},
		"too_long_data":                {keyerrors.ErrMalformedKey, "bytes after the key in the blob"},
		"key_type_mismatch":            {keyerrors.ErrKeyTypeMismatch, "label ssh-dss, blob ssh-rsa"},
		"rsa_key_no_match":             {keyerrors.ErrKeyTypeMismatch, "label ssh-dss, blob ssh-rsa"},
		"invalid_q_for_dsa":            {keyerrors.ErrMalformedKey, "q is not 160 bits"},
		"missing_y_from_dsa":           {keyerrors.ErrMalformedKey, "the blob ends before y"},
		"too_long_dsa_4096":            {keyerrors.ErrKeyTooLarge, "SSH DSA is 1024 bits"},
		"too_long_dsa_16384":           {keyerrors.ErrKeyTooLarge, "SSH DSA is 1024 bits"},
		"broken_rsa_base64":            {keyerrors.ErrMalformedKey, "the base64 is cut"},
		"too_short_ed25519":            {keyerrors.ErrMalformedKey, "31 bytes"},
		"too_long_ed25519":             {keyerrors.ErrMalformedKey, "33 bytes"},
		"invalid_ecdsa_key":            {keyerrors.ErrMalformedKey, "not a point of the curve"},
		"invalid_nist_curve":           {keyerrors.ErrUnsupportedKeyType, "ecdsa-sha2-nistp255 is no type"},
		"empty_key":                    {keyerrors.ErrUnsupportedEncoding, "empty input"},
		"no_content":                   {keyerrors.ErrUnsupportedEncoding, "\"- -\" is no encoding"},
		"not_implemented_key_type":     {keyerrors.ErrUnsupportedKeyType, "ssh-invalid-key-type"},
		"512bit_ed25519":               {keyerrors.ErrMalformedKey, "64 bytes"},
		"missing_quote":                {keyerrors.ErrMalformedKey, "options (with an unclosed quote)"},
		"dsa_2048":                     {keyerrors.ErrKeyTooLarge, "python's strict size policy; keyvet refuses it too, as x/crypto does"},
		"rsa_771":                      {keyerrors.ErrKeyTooSmall, "OpenSSH refuses to read an RSA key under 1024 bits (SSH_RSA_MINIMUM_MODULUS_SIZE), as python's strict mode does"},
		"invalid_appid_sk-ssh-ed25519": {nil, "python checks the FIDO application starts with ssh:; OpenSSH's sshkey_from_blob and x/crypto do not, nor does keyvet"},
		"invalid_url_sk-ssh-ed25519":   {nil, "python checks the application is a URL; OpenSSH and x/crypto do not, nor does keyvet"},
	}
	for _, r := range loadVectors(t).Invalid {
		t.Run(r.Name, func(t *testing.T) {
			w, ok := want[r.Name]
			if !ok || w.reason == "" {
				t.Fatal("no expectation with a reason for this vector")
			}
			k, err := Parse([]byte(r.Key))
			if w.err == nil {
				if err != nil {
					t.Fatalf("err = %v, want a key (%s)", err, w.reason)
				}
				checkInvariants(t, k)
				return
			}
			if !errors.Is(err, w.err) {
				t.Fatalf("err = %v, want %v (%s)", err, w.err, w.reason)
			}
			checkErrorText(t, r.Key, err)
		})
	}
}

// TestSSHPubKeysFiles: python-sshpubkeys' authorized_keys files. keyvet
// takes one key, so only the single-key file parses.
func TestSSHPubKeysFiles(t *testing.T) {
	v := loadVectors(t)
	want := map[string]error{
		"empty_file":        keyerrors.ErrUnsupportedEncoding, // no key
		"single_key":        nil,
		"comment_only":      keyerrors.ErrUnsupportedEncoding, // a comment line and no key
		"lines_with_spaces": keyerrors.ErrMalformedKey,        // comment lines are not accepted
		"invalid_key":       keyerrors.ErrMalformedKey,
	}
	check := func(name, file string) {
		w, ok := want[name]
		if !ok {
			t.Errorf("%s: no expectation", name)
			return
		}
		_, err := Parse([]byte(file))
		if w == nil && err != nil || w != nil && !errors.Is(err, w) {
			t.Errorf("%s: err = %v, want %v", name, err, w)
		}
	}
	for _, f := range v.AuthorizedKeys {
		check(f.Name, f.File)
	}
	for _, f := range v.InvalidAuthorizedKeys {
		check(f.Name, f.File)
	}
}

// TestOpenSSHVectors: openssh-portable's regress/unittests/sshkey/testdata
// keys. Plain keys parse with the fingerprint ssh-keygen printed (the .fp
// files); certificates parse, with the certified key's fingerprint (the
// -cert.fp files, as ssh-keygen -l prints it); the hybrid ML-DSA type is
// ErrUnsupportedKeyType; the exported/ files parse to the .pub's blob.
func TestOpenSSHVectors(t *testing.T) {
	dir := "../testdata/vectors/openssh"
	pubs, err := filepath.Glob(filepath.Join(dir, "*.pub"))
	if err != nil || len(pubs) == 0 {
		t.Fatal("no vectors", err)
	}
	blobs := map[string][]byte{}
	for _, p := range pubs {
		stem := strings.TrimSuffix(filepath.Base(p), ".pub")
		t.Run(stem, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			k, err := Parse(data)
			switch {
			case strings.HasSuffix(stem, ".param"):
				// Not keys: hex curve parameters for other tests.
				if !errors.Is(err, keyerrors.ErrUnsupportedEncoding) {
					t.Errorf("err = %v, want ErrUnsupportedEncoding", err)
				}
				return
			case strings.HasPrefix(stem, "mldsa44"):
				if !errors.Is(err, keyerrors.ErrUnsupportedKeyType) {
					t.Errorf("err = %v, want ErrUnsupportedKeyType", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			blobs[stem] = k.Marshal()
			if fp, err := os.ReadFile(filepath.Join(dir, stem+".fp")); err == nil {
				if got, want := k.Fingerprint(crypto.SHA256).String(), strings.TrimSpace(string(fp)); got != want {
					t.Errorf("fingerprint %s, want %s", got, want)
				}
			}
			checkInvariants(t, k)
		})
	}
	exported, _ := filepath.Glob(filepath.Join(dir, "exported", "*.txt"))
	if len(exported) < 7 {
		t.Fatalf("only %d exported files", len(exported))
	}
	for _, p := range exported {
		name := filepath.Base(p)
		t.Run("exported/"+name, func(t *testing.T) {
			data, _ := os.ReadFile(p)
			k, err := Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			stem := name[:strings.IndexByte(name, '.')]
			if !bytes.Equal(k.Marshal(), blobs[stem]) {
				t.Errorf("blob differs from %s.pub", stem)
			}
			checkInvariants(t, k)
		})
	}
}

// TestGoldens: the keys ssh-keygen made (testdata/keys, see its README) parse
// with the type and bits asked for and the fingerprints ssh-keygen printed;
// their RFC 4716, PKCS8 and PEM exports parse to the same blob. DSA in PKIX
// is ErrUnsupportedKeyType.
func TestGoldens(t *testing.T) {
	for _, g := range goldenKeys {
		t.Run(g.stem, func(t *testing.T) {
			pub := readKeyFile(g.stem + ".pub")
			k, err := Parse([]byte(pub))
			if err != nil {
				t.Fatal(err)
			}
			if k.Type() != g.typ || k.Bits() != g.bits || k.Comment() != "keyvet throwaway test key "+g.stem {
				t.Errorf("got %s %d %q", k.Type(), k.Bits(), k.Comment())
			}
			// ssh-keygen -l -E md5, then -E sha256:
			// "1024 MD5:99:74:... comment (RSA)".
			fp := strings.Split(strings.TrimSpace(readKeyFile(g.stem+".fp")), "\n")
			if len(fp) != 2 {
				t.Fatalf(".fp has %d lines", len(fp))
			}
			md5f, shaf := strings.Fields(fp[0]), strings.Fields(fp[1])
			if md5f[0] != strconv.Itoa(g.bits) || md5f[1] != "MD5:"+k.Fingerprint(crypto.MD5).String() || shaf[1] != k.Fingerprint(crypto.SHA256).String() {
				t.Errorf("ssh-keygen -l says %q / %q; keyvet %d %s %s", fp[0], fp[1], k.Bits(), k.Fingerprint(crypto.MD5).String(), k.Fingerprint(crypto.SHA256).String())
			}
			checkInvariants(t, k)
			n := 0
			for _, e := range goldenExports {
				data, err := os.ReadFile(filepath.Join(keysDir, g.stem+e.suffix))
				if os.IsNotExist(err) && g.typ == TypeED25519 && e.mode != "RFC4716" {
					continue // ssh-keygen 9.2 cannot export Ed25519 so
				}
				if err != nil {
					t.Fatal(err)
				}
				n++
				k2, err := Parse(data)
				if err != nil {
					t.Fatalf("%s: %v", e.mode, err)
				}
				if !bytes.Equal(k2.Marshal(), k.Marshal()) {
					t.Errorf("%s: blob differs from the .pub", e.mode)
				}
				// ssh-keygen writes the same base64 lines as RFC4716.
				if e.mode == "RFC4716" {
					if got, want := bodyOf(k.MarshalRFC4716()), bodyOf(data); got != want {
						t.Errorf("RFC4716 body differs from ssh-keygen's:\n%s\n%s", got, want)
					}
				}
				// ssh-keygen -e -m PKCS8 writes RSA, DSA and ECDSA
				// (and -m PEM writes PKIX for DSA and ECDSA too).
				if e.mode == "PKCS8" || e.mode == "PEM" && g.typ != TypeRSA {
					if enc, _ := k.MarshalPKIX(); string(enc) != string(data) {
						t.Errorf("PEM differs from ssh-keygen -e -m PKCS8:\n%s\n%s", enc, data)
					}
				}
				if e.mode == "PEM" && g.typ == TypeRSA {
					if enc, _ := k.MarshalPKCS1(); string(enc) != string(data) {
						t.Errorf("PKCS1 differs from ssh-keygen -e -m PEM:\n%s\n%s", enc, data)
					}
				}
			}
			if n == 0 {
				t.Error("no exports")
			}
		})
	}
}

// bodyOf returns the lines of an RFC 4716 file after its headers.
func bodyOf(b []byte) string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l == "" || strings.HasPrefix(l, "----") || strings.Contains(l, ":") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// TestLeakCheckers checks the checkers the property tests rely on: they must
// be able to fail.
func TestLeakCheckers(t *testing.T) {
	if leakedRun("ssh-rsa "+rsaB64, "sshkey: bad "+rsaB64[20:40]) == "" {
		t.Error("leakedRun misses a 20-character piece of the input")
	}
	if leakedRun("ssh-rsa "+rsaB64, "sshkey: the ssh-rsa key is bad") != "" {
		t.Error("leakedRun flags a message without key material")
	}
	for _, c := range []struct{ in, want string }{
		{"ssh-foo", `"ssh-foo"`},
		{"a\nb", `"a\nb"`},
		{"nosuchoption", `"nosuchoption"`},   // 12 letters: shown, so the user sees what to fix
		{"permitlistenx", `"permitlistenx"`}, // likewise
		{rsaB64[:40], keyerrors.OmittedValue},
		{"x" + rsaB64[:40], keyerrors.OmittedValue},
		{"PuTTY-User-Key-File-3", keyerrors.OmittedValue},
		{"\x00\x00\x00\x07ssh-rsa", "<binary data, 11 bytes>"},               // unquoted: a placeholder
		{"ssh-\xff", "<binary data, 5 bytes>"},                               // not UTF-8
		{keyerrors.OmittedValue, `"` + keyerrors.OmittedValue + `"`},         // the text itself is shown, quoted
		{strings.Repeat("a.", 30), `"` + strings.Repeat("a.", 30) + `"`},     // 60: no cut
		{strings.Repeat("a.", 40), `"` + strings.Repeat("a.", 30) + `a..."`}, // SafeValue's cut, the only one
		{strings.Repeat("a", 65), `"` + strings.Repeat("a", 61) + `..."`},    // one class: shown, cut
	} {
		if got := safeName([]byte(c.in)); got != c.want {
			t.Errorf("safeName(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestStringOneAllocation: String builds the line in one allocation, for keys
// whose blob spans several of its 768-byte chunks too, and the line is the
// one x/crypto writes.
func TestStringOneAllocation(t *testing.T) {
	for _, name := range []string{"ed25519.pub", "rsa2048.pub", "rsa8192.pub"} {
		b, err := os.ReadFile("../testdata/keys/" + name)
		if err != nil {
			t.Fatal(err)
		}
		k := MustParse(string(b))
		if got, want := k.String()+"\n", string(ssh.MarshalAuthorizedKey(k.PublicKey())); !strings.HasPrefix(got, strings.TrimSuffix(want, "\n")) {
			t.Errorf("%s: String() = %.60q..., x/crypto writes %.60q...", name, got, want)
		}
		if n := testing.AllocsPerRun(20, func() { _ = k.String() }); n != 1 {
			t.Errorf("%s: String allocates %v times, want 1", name, n)
		}
	}
}
