package sshkey

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// strictRules are the documented rules in which sshkey is stricter than
// x/crypto's ssh.ParseAuthorizedKey on one authorized_keys line. FuzzParse
// allows a refusal of a line x/crypto accepts only when the error carries
// one of them.
var strictRules = map[rule]string{
	ruleOptions:       "options before the key type are refused (x/crypto returns them)",
	ruleExtraText:     "only one key and white space: no comment lines, no second line (x/crypto skips lines and returns the rest)",
	ruleBase64:        "canonical base64 only: zero padding bits, no CR or LF inside (Go's decoder, which x/crypto uses, takes both)",
	ruleCanonicalBlob: "mpints are minimal and non-negative (x/crypto takes leading zeros and negative numbers)",
	ruleCertificate:   "certificates are refused (x/crypto parses them)",
	ruleRSAModulus:    "an RSA modulus is odd and not zero (x/crypto does not look)",
	ruleComment:       "the comment is UTF-8 without control characters other than tab (x/crypto takes any bytes)",
	ruleSpace:         "only space, tab, CR and LF surround the key and a CR only ends a line (x/crypto trims Unicode white space and cuts the line at a CR)",
}

var keySentinels = []error{
	keyerrors.ErrMalformedKey, keyerrors.ErrUnsupportedEncoding, keyerrors.ErrUnsupportedKeyType,
	keyerrors.ErrKeyTooSmall, keyerrors.ErrKeyTooLarge, keyerrors.ErrWeakKey, keyerrors.ErrPrivateKey,
	keyerrors.ErrCertificate, keyerrors.ErrKeyTypeMismatch, keyerrors.ErrMultipleKeys,
}

// FuzzParse checks Parse on any input: it does not panic; an error wraps
// exactly one key sentinel and holds no 16-character run of the input's
// base64; an accepted key re-encodes and re-parses to itself in every
// encoding its type allows (checkInvariants), and a PEM key is the key
// crypto/x509 reads; on a single authorized_keys line it agrees with
// x/crypto's ssh.ParseAuthorizedKey, except where a rule of strictRules
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
			if run := leakedRun(string(data), err.Error()); run != "" {
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
		ref, comment, options, _, rerr := ssh.ParseAuthorizedKey(data)
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
		if rerr == nil {
			var ke *keyError
			if !errors.As(err, &ke) || strictRules[ke.rule] == "" {
				t.Fatalf("x/crypto accepts, sshkey refuses with no documented rule: %v", err)
			}
		}
	})
}
