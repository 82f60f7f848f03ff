package sshkey

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
)

// The small defects: a Key made by New has no text format (FormatNone) and
// Policy.Formats does not judge it; the zero Key marshals to "" and reads
// back; and the PEM reader's refusals of an END line glued to the base64
// and of Ed25519 parameters are each held by a test.

// mustNew is New of the x/crypto key of a parsed one, failing t on error.
func mustNew(t *testing.T, pub ssh.PublicKey) *Key {
	t.Helper()
	k, err := New(pub, "made by New")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestFormatNone(t *testing.T) {
	var zero Format
	if zero != FormatNone || FormatNone.String() != "none" {
		t.Fatalf("the zero Format is %d (%q), want FormatNone (\"none\")", int(zero), zero.String())
	}
	if k := mustNew(t, MustParse(ed25519Line).PublicKey()); k.Format() != FormatNone {
		t.Errorf("New(...).Format() = %v, want FormatNone", k.Format())
	}
	for _, f := range []Format{FormatAuthorizedKey, FormatRFC4716, FormatPKIX, FormatPKCS1} {
		if f == FormatNone || f.String() == FormatNone.String() {
			t.Errorf("%v is spelled as FormatNone", f)
		}
	}
}

// TestPolicyFormatsNew: Policy.Formats judges keys read from text only; a
// New key passes it, and every other rule still applies to it.
func TestPolicyFormatsNew(t *testing.T) {
	rsaPriv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaPub, err := ssh.NewPublicKey(&rsaPriv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	ed := mustNew(t, MustParse(ed25519Line).PublicKey())
	rsa2048 := mustNew(t, rsaPub)
	rsa1024 := mustNew(t, MustParse("ssh-rsa "+rsaB64).PublicKey())
	onlyPKCS1 := []Format{FormatPKCS1}
	for _, tc := range []struct {
		name, reason string
		p            Policy
		k            *Key
		err          error
	}{
		{"ed25519-any-format", "Formats does not judge a New key, however narrow", Policy{Formats: onlyPKCS1}, ed, nil},
		{"ed25519-every-format", "FormatNone need not be listed", Policy{Formats: []Format{FormatAuthorizedKey, FormatRFC4716, FormatPKIX, FormatPKCS1}}, ed, nil},
		{"listed-none", "listing FormatNone is allowed and changes nothing", Policy{Formats: []Format{FormatNone}}, ed, nil},
		{"rsa-ec2", "EC2 Instance Connect's rules, a 2048-bit New key", Policy{Types: []string{TypeRSA, TypeED25519}, MinRSABits: 2048, MaxRSABits: 4096, Formats: []Format{FormatAuthorizedKey, FormatRFC4716}}, rsa2048, nil},
		{"type-still-checked", "Formats passes, Types does not", Policy{Types: []string{TypeRSA}, Formats: onlyPKCS1}, ed, keyerrors.ErrUnsupportedKeyType},
		{"size-still-checked", "Formats passes, MinRSABits does not", Policy{MinRSABits: 2048, Formats: onlyPKCS1}, rsa1024, keyerrors.ErrKeyTooSmall},
		{"max-still-checked", "Formats passes, MaxRSABits does not", Policy{MaxRSABits: 1024, Formats: onlyPKCS1}, rsa2048, keyerrors.ErrKeyTooLarge},
		{"parsed-still-judged", "a key read from text is still judged by Formats", Policy{Formats: onlyPKCS1}, MustParse(ed25519Line), keyerrors.ErrUnsupportedEncoding},
		{"parsed-pkix-judged", "a PKIX key against authorized_keys only", Policy{Formats: []Format{FormatAuthorizedKey}}, MustParse(rsaPKIX), keyerrors.ErrUnsupportedEncoding},
		{"parsed-listed-none", "listing FormatNone lets no text encoding in", Policy{Formats: []Format{FormatNone}}, MustParse(ed25519Line), keyerrors.ErrUnsupportedEncoding},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Check(tc.k)
			if tc.err == nil && err != nil || tc.err != nil && !errors.Is(err, tc.err) {
				t.Errorf("%s: Check = %v, want %v", tc.reason, err, tc.err)
			}
			if err != nil && strings.Contains(err.Error(), " none") {
				t.Errorf("%s: the error names FormatNone: %v", tc.reason, err)
			}
		})
	}
}

func TestEncodeFormatNone(t *testing.T) {
	for _, k := range []*Key{MustParse(ed25519Line), mustNew(t, MustParse(ed25519Line).PublicKey())} {
		out, err := k.Encode(FormatNone)
		if !errors.Is(err, keyerrors.ErrUnsupportedEncoding) || out != nil {
			t.Fatalf("Encode(FormatNone) = %q, %v; want ErrUnsupportedEncoding", out, err)
		}
		if !strings.Contains(err.Error(), "FormatNone is no text encoding") {
			t.Errorf("Encode(FormatNone) does not say why: %v", err)
		}
		if _, err := k.Encode(Format(9)); !errors.Is(err, keyerrors.ErrUnsupportedEncoding) || !strings.Contains(err.Error(), "Format(9)") {
			t.Errorf("Encode(Format(9)) = %v", err)
		}
	}
}

// zeroKeyRows checks every method of the zero Key, one row per method: none
// panics, and each gives the documented answer.
var zeroKeyRows = []struct {
	method, reason string
	check          func(k *Key) string // "" when the answer is right
}{
	{"Type", "no key, no type", func(k *Key) string { return want(k.Type() == "", k.Type()) }},
	{"Bits", "no key, no size", func(k *Key) string { return want(k.Bits() == 0, k.Bits()) }},
	{"Certificate", "no key, no certificate", func(k *Key) string { c, ok := k.Certificate(); return want(c == nil && !ok, c) }},
	{"Comment", "no comment", func(k *Key) string { return want(k.Comment() == "", k.Comment()) }},
	{"Format", "read from no text", func(k *Key) string { return want(k.Format() == FormatNone, k.Format()) }},
	{"PublicKey", "nil, not an x/crypto key of nothing", func(k *Key) string { return want(k.PublicKey() == nil, k.PublicKey()) }},
	{"Marshal", "nil blob", func(k *Key) string { return want(k.Marshal() == nil, k.Marshal()) }},
	{"Equal", "equal to a zero Key, not to a key or nil", func(k *Key) string {
		real := MustParse(ed25519Line)
		return want(k.Equal(&Key{}) && !k.Equal(real) && !real.Equal(k) && !k.Equal(nil), "wrong Equal")
	}},
	{"WithComment", "a comment alone is no key", func(k *Key) string {
		k2, err := k.WithComment("c")
		return want(k2 == nil && errors.Is(err, keyerrors.ErrMalformedKey), err)
	}},
	{"Fingerprint", "the zero Fingerprint under every hash, not the hash of an empty blob", func(k *Key) string {
		for _, h := range []crypto.Hash{crypto.MD5, crypto.SHA1, crypto.SHA256, crypto.SHA384, crypto.SHA512} {
			fp := k.Fingerprint(h)
			if fp != (fingerprint.Fingerprint{}) || fp.String() != "" || fp.MatchesBlob(nil) {
				return "Fingerprint(" + h.String() + ") = " + fp.String()
			}
		}
		return ""
	}},
	{"String", "\"\", as the zero netip.Addr", func(k *Key) string { return want(k.String() == "", k.String()) }},
	{"MarshalAuthorizedKey", "no bytes, not a lone newline", func(k *Key) string {
		return want(len(k.MarshalAuthorizedKey()) == 0, k.MarshalAuthorizedKey())
	}},
	{"MarshalText", "\"\" and no error, as netip.Addr", func(k *Key) string {
		b, err := k.MarshalText()
		return want(len(b) == 0 && err == nil, b, err)
	}},
	{"UnmarshalText", "empty text reads back as the zero Key, even into a non-zero one", func(k *Key) string {
		k2 := *MustParse(ed25519Line)
		err := k2.UnmarshalText([]byte{})
		return want(err == nil && reflect.DeepEqual(k2, *k), err)
	}},
	{"MarshalRFC4716", "no bytes: an empty body holds no key", func(k *Key) string {
		return want(len(k.MarshalRFC4716()) == 0, k.MarshalRFC4716())
	}},
	{"MarshalPKIX", "no key to write", func(k *Key) string {
		b, err := k.MarshalPKIX()
		return want(b == nil && errors.Is(err, keyerrors.ErrMalformedKey), err)
	}},
	{"MarshalPKCS1", "no key to write", func(k *Key) string {
		b, err := k.MarshalPKCS1()
		return want(b == nil && errors.Is(err, keyerrors.ErrMalformedKey), err)
	}},
	{"Encode", "no key to write, whatever the format", func(k *Key) string {
		for _, f := range []Format{FormatNone, FormatAuthorizedKey, FormatRFC4716, FormatPKIX, FormatPKCS1, 9} {
			if b, err := k.Encode(f); b != nil || !errors.Is(err, keyerrors.ErrMalformedKey) {
				return "Encode(" + f.String() + "): " + errString(err)
			}
		}
		return ""
	}},
}

func want(ok bool, got ...any) string {
	if ok {
		return ""
	}
	return "got " + fmt.Sprintln(got...)
}

func errString(err error) string {
	if err == nil {
		return "nil error"
	}
	return err.Error()
}

func TestZeroKey(t *testing.T) {
	covered := map[string]bool{}
	for _, row := range zeroKeyRows {
		covered[row.method] = true
		t.Run(row.method, func(t *testing.T) {
			var k Key
			if msg := row.check(&k); msg != "" {
				t.Errorf("zero Key %s (%s): %s", row.method, row.reason, msg)
			}
			if !reflect.DeepEqual(k, Key{}) {
				t.Errorf("zero Key %s changed the Key: %+v", row.method, k)
			}
		})
	}
	// A method added to Key needs a row.
	typ := reflect.TypeOf(&Key{})
	for i := range typ.NumMethod() {
		if m := typ.Method(i).Name; !covered[m] {
			t.Errorf("no zero-Key row for (*Key).%s", m)
		}
	}
}

// TestZeroKeyRoundTrip: what the zero Key marshals to reads back as the
// zero Key, through MarshalText and encoding/json; a real key still round
// trips, and blank text is still refused.
func TestZeroKeyRoundTrip(t *testing.T) {
	var zero Key
	text, err := zero.MarshalText()
	if err != nil || string(text) != "" {
		t.Fatalf("zero MarshalText = %q, %v", text, err)
	}
	var back Key
	if err := back.UnmarshalText(text); err != nil || !reflect.DeepEqual(back, zero) {
		t.Fatalf("UnmarshalText(%q) = %+v, %v; want the zero Key", text, back, err)
	}

	type doc struct{ K Key }
	js, err := json.Marshal(&doc{})
	if err != nil || string(js) != `{"K":""}` {
		t.Fatalf("json of a zero Key = %s, %v", js, err)
	}
	var d doc
	if err := json.Unmarshal(js, &d); err != nil || !reflect.DeepEqual(d.K, zero) {
		t.Fatalf("json round trip of a zero Key = %+v, %v", d.K, err)
	}
	js, err = json.Marshal(&doc{*MustParse(ed25519Line)})
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &d); err != nil || !d.K.Equal(MustParse(ed25519Line)) || d.K.Comment() != "ED25519 test key #1" {
		t.Fatalf("json round trip of %s = %+v, %v", js, d.K, err)
	}

	for _, blank := range []string{" ", "\n", "\t \r\n"} {
		k := *MustParse(ed25519Line)
		if err := k.UnmarshalText([]byte(blank)); err == nil || !k.Equal(MustParse(ed25519Line)) {
			t.Errorf("UnmarshalText(%q) = %v and left %v; want an error and the key unchanged", blank, err, &k)
		}
	}
	if _, err := Parse(nil); err == nil {
		t.Error("Parse of empty text succeeded; only UnmarshalText reads it, as the zero Key")
	}
}

func TestPolicyZeroKey(t *testing.T) {
	for _, p := range []Policy{{}, {Types: []string{""}}, {Formats: []Format{FormatNone}}} {
		if err := p.Check(&Key{}); !errors.Is(err, keyerrors.ErrMalformedKey) {
			t.Errorf("%+v.Check(zero Key) = %v, want ErrMalformedKey", p, err)
		}
	}
}

// The PEM reader's defects. testdata/pem/ed25519.pkix.pem is a test key of
// openssl's (see testdata/pem/README).

func readPEMFixture(t *testing.T) (text string, raw []byte) {
	t.Helper()
	b, err := os.ReadFile("testdata/pem/ed25519.pkix.pem")
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PUBLIC KEY" {
		t.Fatal("testdata/pem/ed25519.pkix.pem is not a PUBLIC KEY block")
	}
	pub, err := ssh.ParsePublicKey(blobOf([]byte(TypeED25519), blk.Bytes[len(blk.Bytes)-ed25519.PublicKeySize:]))
	if err != nil {
		t.Fatal(err)
	}
	return string(b), pub.(ssh.CryptoPublicKey).CryptoPublicKey().(ed25519.PublicKey)
}

// ed25519SPKI builds an Ed25519 SubjectPublicKeyInfo of the raw key, with
// the DER params (if any) after the OID in the AlgorithmIdentifier.
func ed25519SPKI(raw, params []byte) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier([]int{1, 3, 101, 112})
			b.AddBytes(params)
		})
		b.AddASN1BitString(raw)
	})
	return b.BytesOrPanic()
}

// readPEMEveryWay reads text with every entry point that reads PKIX and
// returns their errors, by name.
func readPEMEveryWay(text string) map[string]error {
	errs := map[string]error{}
	_, errs["Parse"] = Parse([]byte(text))
	_, errs["ParseString"] = ParseString(text)
	_, errs["ParsePKIX"] = ParsePKIX([]byte(text))
	var k Key
	errs["UnmarshalText"] = k.UnmarshalText([]byte(text))
	errs["Policy.CheckText"] = (&Policy{}).CheckText([]byte(text))
	errs["Policy.CheckString"] = (&Policy{}).CheckString(text)
	errs["Policy.CheckText(PKIX only)"] = (&Policy{Formats: []Format{FormatPKIX}}).CheckText([]byte(text))
	return errs
}

func TestPEMDefects(t *testing.T) {
	good, raw := readPEMFixture(t)
	// The fixture's base64 is one line; the RSA key's is four.
	glue := func(s string) string {
		const end = "\n-----END PUBLIC KEY-----"
		if strings.Count(s, end) != 1 {
			panic("no END line to glue")
		}
		return strings.Replace(s, end, end[1:], 1)
	}
	spki := func(params []byte) string { return pemOf("PUBLIC KEY", ed25519SPKI(raw, params)) }
	null := []byte{0x05, 0x00}
	for _, tc := range []struct {
		name, reason, in string
		err              error // nil: the text is a key, the control row of the ones after it
	}{
		{"fixture", "the fixture, unchanged, is a key", good, nil},
		{"glued-end", "the END line glued to the last base64 line (RFC 7468 section 2: it starts a line)", glue(good), keyerrors.ErrMalformedKey},
		{"glued-end-crlf", "as glued-end, the other lines ending in CRLF (a lone CR before END is refused by the CRLF rule too)", glue(strings.ReplaceAll(good, "\n", "\r\n")), keyerrors.ErrMalformedKey},
		{"rsa", "the four-line RSA key, unchanged, is a key", rsaPKIX, nil},
		{"rsa-glued-end", "the END line glued to the last of four base64 lines", glue(rsaPKIX), keyerrors.ErrMalformedKey},
		{"ed25519-built", "ed25519SPKI without parameters makes the fixture's DER", spki(nil), nil},
		{"ed25519-null-params", "Ed25519 with NULL parameters, as RSA has: RFC 8410 section 3 says absent", spki(null), keyerrors.ErrMalformedKey},
		{"ed25519-oid-params", "Ed25519 with a curve OID as parameters, as EC has", spki(derOIDOf(derOIDP256)), keyerrors.ErrMalformedKey},
		{"ed25519-empty-seq-params", "Ed25519 with an empty SEQUENCE as parameters", spki([]byte{0x30, 0x00}), keyerrors.ErrMalformedKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				k, err := ParsePKIX([]byte(tc.in))
				if err != nil {
					t.Fatalf("%s: %v", tc.reason, err)
				}
				if k.Format() != FormatPKIX {
					t.Errorf("%s: Format %v", tc.reason, k.Format())
				}
				if k.Type() == TypeED25519 && !bytes.Equal(k.PublicKey().(ssh.CryptoPublicKey).CryptoPublicKey().(ed25519.PublicKey), raw) {
					t.Errorf("%s: not the fixture's key", tc.reason)
				}
			}
			errs := readPEMEveryWay(tc.in)
			names := make([]string, 0, len(errs))
			for name := range errs {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				err := errs[name]
				if tc.err == nil && err != nil || tc.err != nil && !errors.Is(err, tc.err) {
					t.Errorf("%s: %s = %v, want %v", tc.reason, name, err, tc.err)
				}
			}
		})
	}
	if spki(nil) != good {
		t.Errorf("ed25519SPKI(raw, nil) is not the fixture:\n%s\n%s", spki(nil), good)
	}
}

// derOIDOf is the DER OBJECT IDENTIFIER of the contents oid.
func derOIDOf(oid []byte) []byte { return append([]byte{derOID, byte(len(oid))}, oid...) }
