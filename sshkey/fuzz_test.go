package sshkey

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"math/big"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/wire"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// stricter returns the documented rule in which sshkey is stricter than
// x/crypto's ssh.ParseAuthorizedKey, for a line x/crypto accepts (ref,
// comment, options, rest) and sshkey refuses, or "" when no rule applies.
// It judges from the input and x/crypto's answer alone: sshkey's errors
// carry no bookkeeping for it.
func stricter(data []byte, ref ssh.PublicKey, comment string, options []string, rest []byte) string {
	line := bytes.TrimSpace(data)
	fields := bytes.Fields(line)
	var b64 []byte
	for i, f := range fields {
		if string(f) == ref.Type() && i+1 < len(fields) {
			b64 = fields[i+1]
			break
		}
	}
	blob, strictErr := base64.StdEncoding.Strict().DecodeString(string(b64))
	switch {
	case options != nil:
		return "options before the key type are refused (x/crypto returns them)"
	case len(bytes.TrimSpace(rest)) > 0:
		return "one key and white space only: no second line (x/crypto returns the rest)"
	case bytes.ContainsAny(line, "\v\f\r") || bytes.ContainsRune(line, 0x85) || bytes.ContainsRune(line, 0xa0) ||
		bytes.ContainsFunc(line, func(r rune) bool { return r > 0x7f && unicode.IsSpace(r) }) || bytes.HasPrefix(line, []byte("\ufeff")):
		return "only space, tab, CR and LF surround the key, and a CR only ends a line (x/crypto trims Unicode white space and cuts the line at a CR)"
	case bytes.Contains(bytes.ReplaceAll(data[:len(data)-len(bytes.TrimLeft(data, " \t\r\n"))], []byte("\r\n"), nil), []byte("\r")):
		return "a CR before the key type is part of the line, not a blank, unless an LF follows it (x/crypto trims it; ssh-keygen -l and sshd refuse the line)"
	case strictErr != nil:
		return "canonical base64 only: zero padding bits, no CR or LF inside (Go's decoder, which x/crypto uses, takes both)"
	case !bytes.Equal(blob, ref.Marshal()):
		return "mpints are minimal and non-negative (x/crypto takes leading zeros and negative numbers)"
	case !utf8.ValidString(comment) || strings.ContainsFunc(comment, func(r rune) bool { return r != '\t' && unicode.IsControl(r) }):
		return "the comment is UTF-8 without control characters other than tab (x/crypto takes any bytes)"
	}
	switch pub := ref.(type) {
	case *ssh.Certificate:
		if why := certStricter(blob, pub); why != "" {
			return why
		}
	case ssh.CryptoPublicKey:
		switch ck := pub.CryptoPublicKey().(type) {
		case *rsa.PublicKey:
			if ck.N.Bit(0) == 0 || ck.N.BitLen() < 1024 {
				return "an RSA modulus is odd and of at least 1024 bits, as OpenSSH reads one (x/crypto does not look)"
			}
		case *ecdsa.PublicKey:
			b, err := ck.Bytes()
			if err != nil {
				break
			}
			size := (len(b) - 1) / 2
			n := ck.Curve.Params().N
			x, y := new(big.Int).SetBytes(b[1:1+size]), new(big.Int).SetBytes(b[1+size:])
			nm1 := new(big.Int).Sub(n, big.NewInt(1))
			if x.BitLen() <= n.BitLen()/2 || y.BitLen() <= n.BitLen()/2 || x.Cmp(nm1) >= 0 || y.Cmp(nm1) >= 0 {
				return "an ECDSA point passes OpenSSH's sshkey_ec_validate_public (x/crypto checks only that it is on the curve)"
			}
		}
	}
	if strings.HasPrefix(ref.Type(), "sk-") {
		// The application is the blob's last string.
		var last []byte
		for f, rest, ok := wire.String(blob); ok; f, rest, ok = wire.String(rest) {
			last = f
		}
		if bytes.IndexByte(last, 0) >= 0 {
			return "a security key's application holds no NUL (OpenSSH reads it as a C string; x/crypto does not look)"
		}
	}
	return ""
}

var keySentinels = keytest.KeySentinels

// FuzzParse checks Parse on any input: it does not panic; an error wraps
// exactly one key sentinel and holds no 16-character run of the input's
// base64; an accepted key re-encodes and re-parses to itself in every
// encoding its type allows (checkInvariants), and a PEM key is the key
// crypto/x509 reads; on a single authorized_keys line it agrees with
// x/crypto's ssh.ParseAuthorizedKey, except where a rule of stricter
// makes sshkey refuse.
func FuzzParse(f *testing.F) {
	f.Add([]byte(ed25519Line))
	f.Add([]byte(rsaPKIX))
	f.Add([]byte(rsaPKCS1))
	f.Add([]byte(ed25519RFC))
	addInputs(f) // the parseRows, and every key file and vector
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := Parse(data)
		if err != nil {
			if k != nil {
				t.Fatal("a key with an error")
			}
			n := 0
			for _, s := range keySentinels {
				if errors.Is(err, s) {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("error %q wraps %d key sentinels", err, n)
			}
			if run := leakedUnquoted(string(data), err.Error()); run != "" {
				t.Fatalf("error %q holds %q of the input", err, run)
			}
		} else {
			checkInvariants(t, k)
			if k.Format() == FormatPKIX || k.Format() == FormatPKCS1 {
				checkX509(t, trimSpace(data), k.Marshal())
			}
		}

		// The x/crypto reference, on one line.
		text := trimSpace(data)
		if bytes.IndexByte(text, '\n') >= 0 || errors.Is(err, keyerrors.ErrPrivateKey) {
			return
		}
		ref, comment, options, xrest, rerr := ssh.ParseAuthorizedKey(data)
		if err == nil && k.Type() == TypeDSA {
			// x/crypto v0.59 reads no ssh-dss line; checkInvariants has
			// held the blob to refDSA.
			return
		}
		if err == nil {
			if k.Format() != FormatAuthorizedKey {
				// A one-line RFC 4716 file (lone CRs end its lines) is
				// no authorized_keys line to x/crypto either.
				if rerr == nil {
					t.Fatalf("x/crypto reads a %v key as an authorized_keys line", k.Format())
				}
				return
			}
			if rerr != nil {
				t.Fatalf("sshkey accepts, x/crypto refuses: %v", rerr)
			}
			if options != nil || !bytes.Equal(ref.Marshal(), k.Marshal()) || comment != strings.TrimSpace(k.Comment()) {
				t.Fatalf("x/crypto reads %q %v %q, sshkey %q %q", ref.Type(), options, comment, k.Type(), k.Comment())
			}
			return
		}
		if rerr == nil && stricter(data, ref, comment, options, xrest) == "" {
			t.Fatalf("x/crypto accepts, sshkey refuses with no documented rule: %v", err)
		}
	})
}

// TestStricter: every parseRows row that x/crypto accepts and sshkey
// refuses has its documented rule, and the rules are not vacuous: each
// named case below is one x/crypto accepts that stricter explains.
func TestStricter(t *testing.T) {
	smallX, _ := ecLine(t, big.NewInt(1))
	ed := bytes.Repeat([]byte{7}, 32)
	cases := map[string]string{
		"options":                   "no-pty " + ed25519Line,
		"cr-inside":                 "ssh-ed25519 " + ed25519B64 + " a\rb",
		"padding-bits":              "ssh-rsa " + rsaB64[:len(rsaB64)-3] + "x==",
		"leading-zero":              "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 1}, append([]byte{0}, rsaN...))),
		"control":                   "ssh-ed25519 " + ed25519B64 + " a\x01b",
		"certificate-bad-signature": "ssh-ed25519-cert-v01@openssh.com " + b64(flipLastByte(mustB64(ed25519CertB64))),
		"even-modulus":              "ssh-rsa " + b64(rsaBlob([]byte{1, 0, 1}, append(bytes.Clone(rsaN[:len(rsaN)-1]), 2))),
		"small-point":               smallX,
		"sk-nul":                    "sk-ssh-ed25519@openssh.com " + b64(blobOf([]byte(TypeSKED25519), ed, []byte("ssh:\x00"))),
		"invalid-utf8":              "ssh-ed25519 " + ed25519B64 + " \xff",
	}
	for name, in := range cases {
		ref, comment, options, rest, rerr := ssh.ParseAuthorizedKey([]byte(in))
		if rerr != nil {
			t.Errorf("%s: x/crypto refuses it (%v): not a case of x/crypto accepting", name, rerr)
			continue
		}
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("%s: sshkey accepts it", name)
		}
		if why := stricter([]byte(in), ref, comment, options, rest); why == "" {
			t.Errorf("%s: no documented rule explains the refusal", name)
		}
	}
	// A line both accept has no rule.
	ref, comment, options, rest, _ := ssh.ParseAuthorizedKey([]byte(ed25519Line))
	if why := stricter([]byte(ed25519Line), ref, comment, options, rest); why != "" {
		t.Errorf("a plain line is 'stricter': %s", why)
	}
}
