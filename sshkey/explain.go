package sshkey

import (
	"bytes"
	"errors"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/wire"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// This file is the explain step: it runs only on a text sshkey has already
// refused, to name the cause better than the rule that refused it can (a
// private key's body, a byte-order mark, a known_hosts line, a wrapped
// paste). It returns an error in every case, so it can never accept. It
// reads no grammar: what it knows of the text beyond a few markers is what
// the reader that refused it decided (wrapped).

// explain returns the error to give for the trimmed text that a reader
// refused with err; wrapped is the authorized_keys reader's finding that
// the text is a wrapped paste (refusal.wrapped).
func explain(text []byte, err error, wrapped bool) error {
	if errors.Is(err, keyerrors.ErrPrivateKey) {
		return err
	}
	if kind := privateBody(text); kind != "" {
		return privateErr(kind)
	}
	for i := bytes.IndexByte(text, '\n'); i >= 0; {
		if dropbearPrivate(text[i+1:]) {
			return dropbearErr()
		}
		j := bytes.IndexByte(text[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	var ke *keyError
	if !errors.As(err, &ke) {
		return err
	}
	switch {
	case bytes.HasPrefix(text, []byte(utf8BOM)):
		return newErr(keyerrors.ErrMalformedKey, "the text starts with a UTF-8 byte-order mark (EF BB BF), which SSH tools do not read; save the file without it")
	case knownHostsMarker(text):
		return newErr(ke.Sentinel, "this is a known_hosts line with an @cert-authority or @revoked marker, not a public key; give the key alone (the type and base64 after the host names)")
	case knownHostsLine(text):
		return newErr(ke.Sentinel, "this is a known_hosts line (host names before the key type), not an authorized_keys line; give the key alone (the type and base64 after the host names)")
	case wrapped:
		return newErr(keyerrors.ErrMalformedKey, "the base64 key is split across lines, as a wrapped paste leaves it; join the lines into one")
	}
	return err
}

const utf8BOM = "\xef\xbb\xbf"

// firstFields returns the first three blank-separated fields of text's
// first line.
func firstFields(text []byte) (f1, f2, f3 []byte) {
	line, _ := cutLine(text)
	f1, rest := nextField(line)
	f2, rest = nextField(rest)
	f3, _ = nextField(rest)
	return f1, f2, f3
}

// knownHostsMarker reports whether text starts with a known_hosts marker
// (sshd(8) SSH_KNOWN_HOSTS FILE FORMAT) before host names and a key.
func knownHostsMarker(text []byte) bool {
	f1, _, f3 := firstFields(text)
	return (string(f1) == "@cert-authority" || string(f1) == "@revoked") && len(f3) > 0
}

// knownHostsLine reports whether text's first line is "hosts type base64",
// as a known_hosts line is: a field that is no key type and no
// authorized_keys options (no option name, no quoted value), then a key
// type, then base64 of a blob of that type.
func knownHostsLine(text []byte) bool {
	f1, f2, f3 := firstFields(text)
	if len(f1) == 0 || lookupType(f1) != nil || lookupType(f2) == nil && !isCertType(string(f2)) ||
		startsWithOption(f1) || bytes.IndexByte(f1, '"') >= 0 { // authorized_keys options, not hosts
		return false
	}
	// The start of the base64 is enough: 84 characters decode to 63 bytes,
	// which hold the wire string of any key or certificate type name.
	var buf [64]byte
	blob, ok := decodeTo(buf[:], f3[:min(len(f3)/4*4, 84)])
	return ok && bytes.HasPrefix(blob, wire.AppendString(nil, f2))
}

func privateBody(text []byte) string { return scan.PrivateBody(text) }

// dropbearPrivate reports whether data is a Dropbear private key file
// (dropbearkey -f): binary, an SSH string naming a key type, then the key's
// public and private numbers, so that it is no public key blob.
func dropbearPrivate(data []byte) bool {
	name, _, ok := wire.String(data)
	if !ok || len(name) == 0 || lookupType(name) == nil {
		return false
	}
	_, _, err := checkBlob(data)
	return err != nil
}

func dropbearErr() error {
	return newErr(keyerrors.ErrPrivateKey, "this is a Dropbear private key; give its public key (dropbearkey -y -f KEYFILE), never the private key")
}

func privateErr(kind string) error { return scan.PrivateErr(kind) }
