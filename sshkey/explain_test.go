package sshkey

import (
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// TestExplain: texts from the wild that sshkey refuses get the sentinel and
// message of their real cause, from Parse and CheckText alike.
func TestExplain(t *testing.T) {
	rfc := func(headers string) string {
		return "---- BEGIN SSH2 PUBLIC KEY ----\n" + headers + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----\n"
	}
	tests := []struct {
		name, reason, in string
		err              error
		word             string // the message must hold it
	}{
		{"bom", "Windows editors save a byte-order mark", utf8BOM + ed25519Line, keyerrors.ErrMalformedKey, "byte-order mark"},
		{"bom-rfc4716", "a byte-order mark before an RFC 4716 file", utf8BOM + ed25519RFC, keyerrors.ErrMalformedKey, "byte-order mark"},
		{"known-hosts", "a known_hosts line: host, type, key", "host.example.com " + ed25519Line, keyerrors.ErrMalformedKey, "known_hosts line"},
		{"known-hosts-port", "[host]:port and an address", "[host.example.com]:2222,10.0.0.1 " + ed25519Line, keyerrors.ErrMalformedKey, "known_hosts line"},
		{"known-hosts-hashed", "a hashed host name (ssh-keygen -H)", "|1|F1E1KeoE/eEWhi10WpGv4OdiO6Y=|3988QV0VE8wmZL7suNrYQLITLCg= " + ed25519Line, keyerrors.ErrMalformedKey, "known_hosts line"},
		{"cert-authority", "a known_hosts @cert-authority line", "@cert-authority *.example.com " + ed25519Line, keyerrors.ErrMalformedKey, "@cert-authority"},
		{"revoked", "a known_hosts @revoked line", "@revoked host.example.com " + ed25519Line, keyerrors.ErrMalformedKey, "@revoked"},
		{"wrapped", "the base64 broken in two by a terminal or mail client", "ssh-ed25519 " + ed25519B64[:40] + "\n" + ed25519B64[40:] + " me@host", keyerrors.ErrMalformedKey, "join the lines"},
		{"wrapped-crlf", "broken with CRLF", "ssh-ed25519 " + ed25519B64[:30] + "\r\n" + ed25519B64[30:], keyerrors.ErrMalformedKey, "join the lines"},
		{"wrapped-lone-cr", "broken with a lone CR", "ssh-ed25519 " + ed25519B64[:30] + "\r" + ed25519B64[30:], keyerrors.ErrMalformedKey, "join the lines"},
		{"type-line", "the type alone on a line, the base64 indented on the next: no wrapped base64, the reader says what the line lacks", "ssh-ed25519\n " + ed25519B64, keyerrors.ErrMalformedKey, "no base64 key after the type"},
		{"cr-before-wrapped", "a lone CR before the type is refused as the reader finds it", "\rssh-ed25519 " + ed25519B64[:40] + "\n" + ed25519B64[40:], keyerrors.ErrMalformedKey, "carriage return"},
		{"options", "authorized_keys options stay options, not hosts", "no-pty " + ed25519Line, keyerrors.ErrMalformedKey, "options"},
		{"options-quoted", "an option with a quoted value", `from="10.0.0.1",no-pty ` + ed25519Line, keyerrors.ErrMalformedKey, "options"},
		{"options-restrict", "restrict is an option", "restrict " + ed25519Line, keyerrors.ErrMalformedKey, "options"},
		{"two-keys", "two whole lines are two keys, not a wrapped one", ed25519Line + "\n" + ed25519Line, keyerrors.ErrMultipleKeys, "more than one key"},
		{"private-body-in-header", "a private key's base64 in an RFC 4716 header", rfc("X-Note: " + pkcs8Ed25519Body + "\n"), keyerrors.ErrPrivateKey, "PKCS#8"},
		{"private-body-in-comment", "a private key's base64 as the comment", "ssh-ed25519 " + ed25519B64 + " " + pkcs8Ed25519Body, keyerrors.ErrPrivateKey, "PKCS#8"},
		{"private-body-quoted-comment", "in an RFC 4716 Comment", rfc("Comment: \"" + pkcs8Ed25519Body + "\"\n"), keyerrors.ErrPrivateKey, "PKCS#8"},
		{"private-body-alone", "a PKCS#8 body pasted without its PEM lines", pkcs8Ed25519Body, keyerrors.ErrPrivateKey, "PKCS#8"},
		{"private-body-in-options", "in an option value", `command="` + pkcs8Ed25519Body + `" ` + ed25519Line, keyerrors.ErrPrivateKey, "PKCS#8"},
		{"public-der-comment", "a public key's DER in a comment is no private key", "ssh-ed25519 " + ed25519B64 + " " + strings.Join(strings.Split(rsaPKIX, "\n")[1:3], ""), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if !errors.Is(err, tt.err) || tt.err == nil && err != nil {
				t.Fatalf("err = %v, want %v (%s)", err, tt.err, tt.reason)
			}
			if err != nil && !strings.Contains(err.Error(), tt.word) {
				t.Errorf("message %q does not say %q", err, tt.word)
			}
			if got := (&Policy{}).CheckText([]byte(tt.in)); !errors.Is(got, tt.err) || tt.err == nil && got != nil || got != nil && got.Error() != err.Error() {
				t.Errorf("CheckText = %v, Parse %v", got, err)
			}
		})
	}
}

// pkcs8Ed25519Body is the base64 of a throwaway Ed25519 private key in
// PKCS#8, made for this test by openssl genpkey -algorithm ed25519 (OpenSSL
// 3.0.19) and used nowhere else: 64 characters with no PEM line around them.
const pkcs8Ed25519Body = "MC4CAQAwBQYDK2VwBCIEIOEV7LedFF1TOW46iw7oKPG6hW14sc0FxKN15LziEp+m"

// TestPrivateBodies: the body of every PEM private key file in testdata,
// without its BEGIN and END lines (whole, or its first line alone), is
// ErrPrivateKey wherever it is put, and no public key file is taken for one.
func TestPrivateBodies(t *testing.T) {
	for _, p := range privateKeyFiles(t) {
		if !strings.HasPrefix(p.data, "-----BEGIN ") || strings.Contains(p.data, "OPENSSH") {
			continue // the OpenSSH and other formats have their own markers
		}
		lines := strings.Split(strings.TrimSpace(p.data), "\n")
		var body []string
		for _, l := range lines[1 : len(lines)-1] {
			if !strings.Contains(l, ":") && l != "" {
				body = append(body, l)
			}
		}
		for v, in := range map[string]string{
			"body":         strings.Join(body, "\n"),
			"first-line":   body[0],
			"in-comment":   "ssh-ed25519 " + ed25519B64 + " " + body[0],
			"after-key":    ed25519Line + "\n" + strings.Join(body, "\n"),
			"in-rfc-value": "---- BEGIN SSH2 PUBLIC KEY ----\nX-Pasted: " + body[0] + "\n" + ed25519B64 + "\n---- END SSH2 PUBLIC KEY ----",
		} {
			if _, err := Parse([]byte(in)); !errors.Is(err, keyerrors.ErrPrivateKey) {
				t.Errorf("%s/%s: err = %v, want ErrPrivateKey", p.name, v, err)
			}
			if err := (&Policy{}).CheckText([]byte(in)); !errors.Is(err, keyerrors.ErrPrivateKey) {
				t.Errorf("%s/%s: CheckText = %v, want ErrPrivateKey", p.name, v, err)
			}
		}
	}
	for name, b := range inspectInputs(t) {
		if strings.Contains(name, "private") {
			continue
		}
		if kind := privateBody(b); kind != "" && !strings.Contains(string(b), "PRIVATE") {
			t.Errorf("%s: a public input is taken for %s", name, kind)
		}
	}
}

// wrappedPastes are authorized_keys texts broken at many places by many
// line ends, with and without a comment, blanks and a second line: the
// inputs on which TestWrappedFinding holds the reader's wrapped finding to
// the explain step sshkey had.
func wrappedPastes() []string {
	var out []string
	for _, k := range []struct{ typ, b64 string }{{"ssh-ed25519", ed25519B64}, {"ssh-rsa", rsaB64}} {
		for _, at := range []int{0, 1, 3, 4, 8, 30, 40, len(k.b64) - 4, len(k.b64) - 1, len(k.b64)} {
			for _, br := range []string{"\n", "\r\n", "\r", "\n\n", "\r\r\n", "\n\r", " \n", "\n ", "\t\r\n", "\r\n\r\n"} {
				for _, tail := range []string{"", " me@host", "\n", " me@host\nx", " a\r\nb", "\n" + k.typ + " " + k.b64} {
					line := k.typ + " " + k.b64[:at] + br + k.b64[at:] + tail
					out = append(out, line, "\r"+line, k.typ+br+" "+k.b64+tail)
				}
			}
		}
	}
	return out
}

// TestWrappedFinding: on every wrapped paste variant, the reader finds a
// wrapped paste where the explain step sshkey had (slowWrappedPaste) found
// one, but for the variants wrappedAside sets apart (checkInspect), and it
// finds some.
func TestWrappedFinding(t *testing.T) {
	n := 0
	for _, in := range wrappedPastes() {
		checkInspect(t, []byte(in))
		if _, _, _, _, r := scanAuthorizedKey(trimLine([]byte(in)), nil); r.wrapped {
			n++
		}
	}
	if n < 50 {
		t.Fatalf("the reader finds %d wrapped pastes", n)
	}
}
