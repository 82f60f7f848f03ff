package sshkey

import (
	"bytes"
	"crypto/rsa"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/keyvet/keyvet/internal/fuzzseed"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// inspectPolicies are the policies the differential tests apply: none, the
// two AWS services' (as validate defines them) and a few that make each
// rule of Check bite.
var inspectPolicies = []*Policy{
	{},
	{Types: []string{TypeRSA, TypeED25519}, MinRSABits: 2048, MaxRSABits: 4096, Formats: []Format{FormatAuthorizedKey, FormatRFC4716}},
	{Types: []string{TypeRSA}, MinRSABits: 2048, Formats: []Format{FormatAuthorizedKey, FormatPKIX, FormatPKCS1}},
	{Types: []string{TypeECDSA256, TypeDSA, TypeSKED25519}},
	{Formats: []Format{FormatPKIX}},
	{MinRSABits: 1025, MaxRSABits: 1025},
}

// checkInspect is the differential check of the fast path against the
// reference on one input: inspect accepts exactly what Parse accepts, with
// the same type, bits and format; for every policy, CheckText returns what
// Parse and Check return (the same sentinel and the same text); an accepted
// key is one x/crypto or crypto/x509 reads, with the same type and size.
func checkInspect(t *testing.T, data []byte) {
	t.Helper()
	checkHoldsCore(t, data)
	// checkComment is a private body check and checkCommentRunes' rule.
	slowComment := checkCommentRunes(data)
	if len(data) >= 40 && privateBody(data) != "" { // privateBody: held to its plain reading by scan.FuzzPrivateBody
		slowComment = errors.New("a private body")
	}
	if fast, slow := checkComment(data), slowComment; (fast == nil) != (slow == nil) {
		t.Fatalf("checkComment = %v, checkCommentRunes = %v", fast, slow)
	}
	// The reader of an authorized_keys line decides as its readable
	// reference, checkAuthorizedKey, does, and refuses with the same
	// sentinel and words; it finds a wrapped paste where the explain step
	// sshkey had (slowWrappedPaste) found one.
	if sniff(trimSpace(data)) == kindAuthorizedKey && !mayHoldPrivate(data) {
		text := trimLine(data) // as read and inspect give it to the scanner
		_, _, _, _, r := scanAuthorizedKey(text, nil)
		checkRefusal(t, "scanAuthorizedKey", r, checkAuthorizedKey(text))
		if want := slowWrappedPaste(trimSpace(data)); r.wrapped != want && !wrappedAside(text) {
			t.Fatalf("scanAuthorizedKey finds wrapped = %v, slowWrappedPaste %v, in %q", r.wrapped, want, data)
		}
	}
	// The PEM scanner decides as its readable reference, checkPEM, does,
	// with the same words; the PEM and DER readers decide as slowPEM does,
	// and read the same key.
	if text := trimSpace(data); !mayHoldPrivate(data) && (sniff(text) == kindPKIX || sniff(text) == kindPKCS1) {
		label := pemPKIX
		if sniff(text) == kindPKCS1 {
			label = pemPKCS1
		}
		_, r := scanPEM(text, label, nil)
		checkRefusal(t, "scanPEM", r, checkPEM(text, label))
		ref, rerr := slowPEM(text, label)
		k, err := parsePEM(text, label)
		if (err == nil) != (rerr == nil) {
			t.Fatalf("parsePEM says %v, slowPEM %v", err, rerr)
		}
		if err == nil && !bytes.Equal(k.Marshal(), ref) {
			t.Fatal("parsePEM and slowPEM read different keys")
		}
	}
	// The RFC 4716 scanner reads as its readable reference does.
	if text := trimSpace(data); !mayHoldPrivate(data) && sniff(text) == kindRFC4716 {
		var hdr [maxHeader + 1]byte
		f, err := scanRFC4716(text, nil, &hdr)
		blob, comment, rerr := slowRFC4716(text)
		if (err == nil) != (rerr == nil) {
			t.Fatalf("scanRFC4716 says %v, slowRFC4716 %v", err, rerr)
		}
		if err == nil && (!bytes.Equal(f.blob, blob) || !bytes.Equal(f.comment, comment)) {
			t.Fatalf("scanRFC4716 and slowRFC4716 read different keys or comments: %q, %q", f.comment, comment)
		}
	}
	ki, ok := inspect(data)
	k, err := Parse(data)
	if ok != (err == nil) {
		t.Fatalf("inspect says %v, Parse says %v", ok, err)
	}
	if ok && (ki.typ != k.Type() || ki.bits != k.Bits() || ki.format != k.Format()) {
		t.Fatalf("inspect reads %s %d %v, Parse %s %d %v", ki.typ, ki.bits, ki.format, k.Type(), k.Bits(), k.Format())
	}
	for _, p := range inspectPolicies {
		got := p.CheckText(data)
		want := err
		if want == nil {
			want = p.Check(k)
		}
		if (got == nil) != (want == nil) {
			t.Fatalf("policy %+v: CheckText = %v, Parse and Check = %v", p, got, want)
		}
		if got == nil {
			continue
		}
		if got.Error() != want.Error() {
			t.Fatalf("policy %+v: CheckText says %q, Parse and Check %q", p, got, want)
		}
		for _, s := range keySentinels {
			if errors.Is(got, s) != errors.Is(want, s) {
				t.Fatalf("policy %+v: CheckText = %v, Parse and Check = %v: not the same sentinel", p, got, want)
			}
		}
	}
	if ok {
		checkOutsideRef(t, data, ki)
	}
}

// checkRefusal holds a reader's refusal r to its readable reference's
// error ref: both accept, or both refuse with the same words and the same
// key sentinel.
func checkRefusal(t *testing.T, reader string, r refusal, ref error) {
	t.Helper()
	got := r.err()
	if (got == nil) != (ref == nil) {
		t.Fatalf("%s says %v, its reference %v", reader, got, ref)
	}
	if got == nil {
		return
	}
	if got.Error() != ref.Error() {
		t.Fatalf("%s refuses with %q, its reference with %q", reader, got, ref)
	}
	for _, s := range keySentinels {
		if errors.Is(got, s) != errors.Is(ref, s) {
			t.Fatalf("%s refuses with %v, its reference with %v: not the same sentinel", reader, got, ref)
		}
	}
}

// wrappedAside reports whether text (an authorized_keys text as the reader
// gets it) is one of the wrapped pastes the explain step sshkey had found
// and the reader does not: where the line breaks are not inside the base64
// field (its first field, split at blanks only, is no key type, or the
// field after it, likewise, is only line breaks), as in "\rssh-ed25519
// AAAA...", "ssh-ed25519\r AAAA..." or "ssh-ed25519 \n AAAA...". The
// reader's refusal of those is checkAuthorizedKey's.
func wrappedAside(text []byte) bool {
	i := indexBlank(text)
	if i < 0 || lookupType(text[:i]) == nil {
		return true
	}
	rest := trimBlank(text[i:])
	if j := indexBlank(rest); j >= 0 {
		rest = rest[:j]
	}
	return len(bytes.Trim(rest, "\r\n")) == 0
}

// checkOutsideRef checks a key inspect accepts against the parsers outside
// keyvet: x/crypto for the SSH encodings, encoding/pem and crypto/x509 for
// PEM.
func checkOutsideRef(t *testing.T, data []byte, ki keyInfo) {
	t.Helper()
	var pub any
	switch ki.format {
	case FormatAuthorizedKey:
		if ki.typ == TypeDSA {
			// x/crypto v0.59 reads no ssh-dss line: the blob Parse
			// finds is held to refDSA instead.
			k, err := Parse(data)
			if err != nil {
				t.Fatalf("inspect accepts a DSA line Parse refuses: %v", err)
			}
			if _, err := refDSA(k.Marshal()); err != nil {
				t.Fatalf("inspect accepts a DSA key refDSA refuses: %v", err)
			}
			return
		}
		ref, _, _, _, err := ssh.ParseAuthorizedKey(data)
		if err != nil {
			t.Fatalf("inspect accepts a line x/crypto refuses: %v", err)
		}
		if ref.Type() != ki.typ {
			t.Fatalf("x/crypto reads a %s key, inspect %s", ref.Type(), ki.typ)
		}
		pub = ref
	case FormatPKIX, FormatPKCS1:
		// crypto/x509 (refSPKI where it no longer serves) reads the key
		// Parse reads.
		k, err := Parse(data)
		if err != nil {
			t.Fatalf("inspect accepts PEM that Parse refuses: %v", err)
		}
		checkX509(t, trimSpace(data), k.Marshal())
		if k.Bits() != ki.bits {
			t.Fatalf("Parse says %d bits, inspect %d", k.Bits(), ki.bits)
		}
		return
	default:
		return
	}
	if ck, ok := pub.(ssh.CryptoPublicKey); ok {
		pub = ck.CryptoPublicKey()
	}
	if rk, ok := pub.(*rsa.PublicKey); ok && rk.N.BitLen() != ki.bits {
		t.Fatalf("the modulus has %d bits, inspect says %d", rk.N.BitLen(), ki.bits)
	}
}

// inspectInputs returns the inputs the differential tests and FuzzInspect
// start from, by name: every parseRows row; every key file of
// ../testdata/keys (public keys in every export, and the private keys); the
// openssh-portable vectors and their exports; python-sshpubkeys' valid and
// invalid keys and authorized_keys files; and variants of the ssh-keygen
// keys that take each branch of the frames (CRLF, lone CR, blank lines,
// continued headers, text after the key, a second key, a truncated body).
func inspectInputs(t testing.TB) map[string][]byte {
	t.Helper()
	in := map[string][]byte{}
	for _, r := range parseRows() {
		in["row-"+r.name] = []byte(r.in)
	}
	for name, b := range fuzzseed.Files(t, fuzzseed.KeyFiles...) {
		in[name] = b
	}
	v := loadVectors(t)
	for _, k := range v.Valid {
		in["sshpubkeys-valid-"+k.Name] = []byte(k.Key)
	}
	for _, k := range v.Invalid {
		in["sshpubkeys-invalid-"+k.Name] = []byte(k.Key)
	}
	for _, f := range v.AuthorizedKeys {
		in["sshpubkeys-file-"+f.Name] = []byte(f.File)
	}
	for _, f := range v.InvalidAuthorizedKeys {
		in["sshpubkeys-badfile-"+f.Name] = []byte(f.File)
	}
	for _, stem := range []string{"ed25519", "rsa2048"} {
		for _, ext := range []string{"pub", "rfc4716", "pkcs8", "pem"} {
			b, err := os.ReadFile(filepath.Join(keysDir, stem+"."+ext))
			if err != nil {
				continue
			}
			s := string(b)
			name := "variant-" + stem + "-" + ext
			in[name+"-crlf"] = []byte(strings.ReplaceAll(s, "\n", "\r\n"))
			in[name+"-cr"] = []byte(strings.ReplaceAll(s, "\n", "\r"))
			in[name+"-blank-lines"] = []byte(strings.Replace(s, "\n", "\n\n", 2))
			in[name+"-after"] = []byte(s + "x")
			in[name+"-twice"] = []byte(s + s)
			in[name+"-cut"] = []byte(s[:len(s)*2/3])
			in[name+"-lf-in-body"] = []byte(strings.Replace(s, "AAAA", "AA\nAA", 1))
			in[name+"-4-line-ends-in-body"] = []byte(strings.Replace(s, "AAAA", "AA\n\nAA\r\n", 1))
			in[name+"-continued"] = []byte(strings.Replace(s, "Comment: ", "X-Tag:\\\n Comment\\\n: ", 1))
		}
	}
	return in
}

// TestInspect runs the differential check over inspectInputs, and makes
// sure the inputs take both answers.
func TestInspect(t *testing.T) {
	accepted := 0
	for name, data := range inspectInputs(t) {
		t.Run(name, func(t *testing.T) { checkInspect(t, data) })
		if _, ok := inspect(data); ok {
			accepted++
		}
	}
	if accepted < 50 {
		t.Errorf("only %d of the inputs are keys", accepted)
	}
}

// TestCheckComment holds checkComment's word-at-a-time pass to
// checkCommentRunes: every byte value at every position of comments of 1 to
// 19 bytes (a word, a word and a tail, two words and a tail), and a few
// multi-byte texts.
func TestCheckComment(t *testing.T) {
	base := []byte("keyvet throwaway ed2")
	for n := 1; n <= len(base)-1; n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < 256; c++ {
				b := bytes.Clone(base[:n])
				b[at] = byte(c)
				fast, slow := checkComment(b), checkCommentRunes(b)
				if (fast == nil) != (slow == nil) {
					t.Fatalf("%q: checkComment = %v, checkCommentRunes = %v", b, fast, slow)
				}
			}
		}
	}
	for _, c := range []string{"José\tmachine", "\u2028 in a comment", "a\u0085b", "\xff\xfe", "tab\there"} {
		if fast, slow := checkComment([]byte(c)), checkCommentRunes([]byte(c)); (fast == nil) != (slow == nil) {
			t.Errorf("%q: checkComment = %v, checkCommentRunes = %v", c, fast, slow)
		}
	}
}

// checkHoldsCore holds holdsCore to its reference, bytes.Contains of each
// core.
func checkHoldsCore(t *testing.T, data []byte) {
	t.Helper()
	want := false
	for _, c := range scan.MarkerCores {
		want = want || bytes.Contains(data, []byte(c))
	}
	if got := holdsCore(data); got != want {
		t.Fatalf("holdsCore(%q) = %v, bytes.Contains finds a core: %v", data, got, want)
	}
}

// addInputs adds every input of inspectInputs to f's seed corpus, in the
// order of their names. The seeds live here, made from ../testdata at each
// run; testdata/fuzz holds only the fuzzer's findings.
func addInputs(f *testing.F) {
	in := inspectInputs(f)
	for _, name := range slices.Sorted(maps.Keys(in)) {
		f.Add(in[name])
	}
}

// FuzzInspect is the differential target of the fast path: on any input,
// inspect and CheckText agree with Parse and Check (checkInspect). Its seeds
// are inspectInputs (addInputs) and the findings in testdata/fuzz/FuzzInspect.
//
//	go test ./sshkey -run '^$' -fuzz FuzzInspect -fuzztime 10m
func FuzzInspect(f *testing.F) {
	f.Add([]byte(ed25519Line))
	f.Add([]byte(rsaPKIX))
	f.Add([]byte(rsaPKCS1))
	f.Add([]byte(ed25519RFC))
	addInputs(f)
	for i, in := range wrappedPastes() {
		if i%97 == 0 {
			f.Add([]byte(in))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInspect(t, data)
	})
}
