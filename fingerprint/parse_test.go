package fingerprint_test

import (
	"bytes"
	"crypto"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
)

// Fingerprints of OpenSSH's ed25519_1.pub (testdata/golden/openssh/ed25519_1.txt).
const (
	edMD5    = "c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea"
	edSHA1   = "SHA1:w6uZIBp5QDpWNEdXkAQGOjYkXKM"
	edSHA256 = "SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560"
	edSHA384 = "SHA384:wssyFesRNFGgzG9Ru/Md9M4nt9QZsGfs9UyiaLYmSuXx0kPLRRD2znv53fqEfor3"
	edSHA512 = "SHA512:Xov7a+pFEHfcFhLYYxvPqg/OCQ+zsRnNst7CdNH7UTfubeOAfSQH+hY/bkhUR0PxSgcpXOew42nojFgas83rng"
)

var parseTests = []struct {
	name   string
	in     string
	reason string
	hash   crypto.Hash // 0: Parse must refuse the input
	canon  string      // String() of the result; "" means the input itself
}{
	// Valid forms.
	{"md5-prefixed", "MD5:" + edMD5, "ssh-keygen -l -E md5 prints it", crypto.MD5, edMD5},
	{"md5-bare", edMD5, "IAM's Fingerprint and pre-6.8 ssh-keygen", crypto.MD5, ""},
	{"md5-bare-upper", strings.ToUpper(edMD5), "hex is read in either case", crypto.MD5, edMD5},
	{"md5-bare-mixed", "C5:3e:72:C6:f9:55:58:47:5c:AD:d9:8f:89:9f:37:eA", "case is per digit", crypto.MD5, edMD5},
	{"md5-prefixed-upper", "MD5:" + strings.ToUpper(edMD5), "hex after the prefix in either case too", crypto.MD5, edMD5},
	{"md5-zero", "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00", "every digest is a fingerprint", crypto.MD5, ""},
	{"md5-ff", "ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff", "every digest is a fingerprint", crypto.MD5, ""},
	{"sha1", edSHA1, "ssh-keygen -l -E sha1", crypto.SHA1, ""},
	{"sha256", edSHA256, "ssh-keygen -l, the default", crypto.SHA256, ""},
	{"sha256-zero", "SHA256:" + strings.Repeat("A", 43), "all-zero digest", crypto.SHA256, ""},
	{"sha256-slash-plus", "SHA256:" + strings.Repeat("/", 42) + "w", "the last two alphabet characters; w has zero unused bits", crypto.SHA256, ""},
	{"sha384", edSHA384, "ssh-keygen -l -E sha384; no unused bits", crypto.SHA384, ""},
	{"sha512", edSHA512, "ssh-keygen -l -E sha512", crypto.SHA512, ""},
	{"ec2-sha256", edSHA256[7:] + "=", "EC2's KeyFingerprint of an Ed25519 key: padded, no prefix", crypto.SHA256, edSHA256},
	{"ec2-sha256-zero", strings.Repeat("A", 43) + "=", "all-zero digest in EC2's form", crypto.SHA256, "SHA256:" + strings.Repeat("A", 43)},

	// Refusals.
	{"empty", "", "no fingerprint", 0, ""},
	{"colon-only", ":", "no hash name and no digest", 0, ""},
	{"no-colon", "L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560", "base64 without its hash name is ambiguous", 0, ""},
	{"md5-hex-without-colons", "c53e72c6f95558475cadd98f899f37ea", "not a form ssh-keygen prints", 0, ""},
	{"md5-15-pairs", edMD5[:44], "digest too short", 0, ""},
	{"md5-17-pairs", edMD5 + ":00", "digest too long", 0, ""},
	{"md5-trailing-colon", edMD5 + ":", "wrong length", 0, ""},
	{"md5-single-digit-pair", "c:53e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea", "colons out of place", 0, ""},
	{"md5-dashes", strings.ReplaceAll(edMD5, ":", "-"), "dash separators are not ssh-keygen's", 0, ""},
	{"md5-non-hex", "g5" + edMD5[2:], "g is not a hex digit", 0, ""},
	{"md5-non-hex-later", edMD5[:45] + "zz", "non-hex in the last pair", 0, ""},
	{"md5-prefix-lower", "md5:" + edMD5, "ssh-keygen writes the hash name in upper case", 0, ""},
	{"md5-prefix-bare-hex-body-base64", "MD5:w6uZIBp5QDpWNEdXkAQGOjYkXKM", "MD5 is hex, not base64", 0, ""},
	{"md5-empty-body", "MD5:", "no digest", 0, ""},
	{"md5-space", "MD5: " + edMD5, "no white space inside", 0, ""},
	{"sha256-lower-name", "sha256:" + edSHA256[7:], "ssh-keygen writes the hash name in upper case", 0, ""},
	{"sha256-dash-name", "SHA-256:" + edSHA256[7:], "crypto.Hash's spelling, not ssh-keygen's", 0, ""},
	{"sha256-empty", "SHA256:", "no digest", 0, ""},
	{"sha256-padded", edSHA256 + "=", "ssh-keygen writes no padding", 0, ""},
	{"ec2-sha256-noncanonical", edSHA256[7:len(edSHA256)-1] + "1=", "EC2's form has one spelling too", 0, ""},
	{"ec2-sha256-two-pads", edSHA256[7:len(edSHA256)-1] + "==", "42 characters and two '=' is no SHA-256", 0, ""},
	{"ec2-sha256-45", edSHA256[7:] + "A=", "one base64 character too many", 0, ""},
	{"ec2-sha256-url-alphabet", "L3k_oJubblSY0lB9Ulsl7emDMnRPKm-8udf2ccwk560=", "base64url is not EC2's alphabet", 0, ""},
	{"ec2-sha256-pad-first", "=" + edSHA256[7:], "the padding goes last", 0, ""},
	{"ec2-sha1-created", "68:a3:d1:d5:ff:ed:34:ee:73:26:c8:3f:d1:30:89:e9:c7:ef:a4:a3", "EC2's SHA-1 of a created RSA key pair: see EC2Created", 0, ""},
	{"moto-ed25519", strings.Repeat("ab:", 31) + "ab", "moto's colon-hex SHA-256 of the DER is no fingerprint EC2 shows", 0, ""},
	{"sha256-padding-inside", edSHA256[:40] + "=" + edSHA256[41:], "'=' is not in the alphabet", 0, ""},
	{"sha256-short", edSHA256[:len(edSHA256)-1], "one base64 character missing", 0, ""},
	{"sha256-long", edSHA256 + "A", "one base64 character too many", 0, ""},
	{"sha256-hex-body", "SHA256:" + strings.Repeat("ab", 32), "hex is not the SHA256 form", 0, ""},
	{"sha256-url-alphabet", "SHA256:L3k_oJubblSY0lB9Ulsl7emDMnRPKm-8udf2ccwk560", "base64url is not ssh-keygen's alphabet", 0, ""},
	{"sha256-dot", "SHA256:L3k.oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560", "'.' is not base64", 0, ""},
	{"sha256-noncanonical", "SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk561", "1 and 0 decode alike; only 0 is canonical", 0, ""},
	{"sha256-noncanonical-max", "SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk563", "both unused bits set", 0, ""},
	{"sha512-noncanonical", edSHA512[:len(edSHA512)-1] + "h", "SHA512 has four unused bits; h sets one", 0, ""},
	{"sha1-noncanonical", edSHA1[:len(edSHA1)-1] + "N", "SHA1 has two unused bits; N sets one", 0, ""},
	{"sha1-with-sha256-body", "SHA1:" + edSHA256[7:], "length is the hash's", 0, ""},
	{"sha256-with-sha1-body", "SHA256:" + edSHA1[5:], "length is the hash's", 0, ""},
	{"sha224", "SHA224:" + strings.Repeat("A", 38), "ssh-keygen knows no SHA224", 0, ""},
	{"blake2", "BLAKE2b:" + edSHA256[7:], "unknown hash name", 0, ""},
	{"leading-space", " " + edSHA256, "trim pasted values first", 0, ""},
	{"trailing-newline", edSHA256 + "\n", "trim pasted values first", 0, ""},
	{"trailing-crlf", edMD5 + "\r\n", "trim pasted values first", 0, ""},
	{"newline-inside", edSHA256[:20] + "\n" + edSHA256[20:], "std base64 decoders skip newlines; Parse does not", 0, ""},
	{"keygen-line", "256 " + edSHA256 + " ED25519 test key #1 (ED25519)", "a whole ssh-keygen line is not a fingerprint", 0, ""},
	{"nul", edSHA256[:20] + "\x00" + edSHA256[21:], "NUL is not base64", 0, ""},
	{"non-ascii", "SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk5é", "non-ASCII", 0, ""},
	{"invalid-utf8", "SHA256:\xff" + edSHA256[8:], "not UTF-8", 0, ""},
	{"bubblebabble", "xubop-rekyd-bakal-nubuf-pahaf-gicuh-logeb-gocif-petod-galip-fuxux", "Bubble Babble is printed, not parsed", 0, ""},
	{"private-key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", "the wrong paste; never echoed", 0, ""},
}

// TestParse runs the table: valid rows must parse to a fingerprint that
// round-trips, invalid rows must give ErrMalformedFingerprint.
func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.reason == "" {
				t.Fatal("row without a reason")
			}
			f, err := fingerprint.Parse(tt.in)
			if tt.hash == 0 {
				if err == nil {
					t.Fatalf("Parse(%q) = %v, want an error (%s)", tt.in, f, tt.reason)
				}
				if !errors.Is(err, keyerrors.ErrMalformedFingerprint) {
					t.Errorf("error %v does not wrap ErrMalformedFingerprint", err)
				}
				if f != (fingerprint.Fingerprint{}) {
					t.Errorf("Parse returned %#v with its error, want the zero value", f)
				}
				checkNoEcho(t, tt.in, err)
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v (%s)", tt.in, err, tt.reason)
			}
			checkValid(t, tt.in, f, tt.hash)
			want := tt.canon
			if want == "" {
				want = tt.in
			}
			if got := f.String(); got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
		})
	}
}

// checkValid holds the invariants of every fingerprint Parse accepts.
func checkValid(t *testing.T, in string, f fingerprint.Fingerprint, hash crypto.Hash) {
	t.Helper()
	if f.Hash() != hash {
		t.Errorf("Hash = %v, want %v", f.Hash(), hash)
	}
	if !f.IsValid() {
		t.Errorf("IsValid() = false")
	}
	if len(f.Sum()) != hash.Size() {
		t.Errorf("len(Sum()) = %d, want %d", len(f.Sum()), hash.Size())
	}
	again, err := fingerprint.Parse(in)
	if err != nil || again != f || !again.Equal(f) {
		t.Errorf("second Parse gave %v, %v", again, err)
	}
	round, err := fingerprint.Parse(f.String())
	if err != nil || !round.Equal(f) || round != f {
		t.Errorf("Parse(String()) = %v, %v; want %v", round, err, f)
	}
	text, err := f.MarshalText()
	if err != nil || string(text) != f.String() {
		t.Errorf("MarshalText() = %q, %v; want %q", text, err, f.String())
	}
	var u fingerprint.Fingerprint
	if err := u.UnmarshalText(text); err != nil || u != f {
		t.Errorf("UnmarshalText(MarshalText()) = %v, %v", u, err)
	}
	if appended, err := f.AppendText([]byte("x")); err != nil || string(appended) != "x"+f.String() {
		t.Errorf("AppendText = %q, %v", appended, err)
	}
}

// checkNoEcho checks that an error quotes no more of the input than
// keyerrors.SafeValue keeps, and nothing of an input that looks like key
// material: the message is "fingerprint: cannot parse '<SafeValue(in)>':
// <reason>: ...", and the reason does not repeat the input.
func checkNoEcho(t testing.TB, in string, err error) {
	t.Helper()
	msg := err.Error()
	prefix := "fingerprint: cannot parse '" + keyerrors.SafeValue(in) + "': "
	if keyerrors.LooksLikeKey(in) {
		prefix = "fingerprint: cannot parse '" + keyerrors.OmittedValue + "': "
		for _, m := range []string{"PRIVATE", "b3BlbnNzaC1rZXktdjE", "PuTTY-User-Key-File"} {
			if strings.Contains(msg, m) && strings.Contains(in, m) {
				t.Errorf("error %q repeats the private key's marker %s", msg, m)
			}
		}
		for i := 0; i+16 <= len(in); i++ {
			if strings.Contains(msg, in[i:i+16]) {
				t.Errorf("error %q repeats %q of a key-like input", msg, in[i:i+16])
				break
			}
		}
	}
	rest, ok := strings.CutPrefix(msg, prefix)
	if !ok {
		t.Fatalf("error %q does not start with %q", msg, prefix)
	}
	if len(in) > 4 && strings.Contains(rest, in) {
		t.Errorf("error %q repeats the input after its quote", msg)
	}
	for _, c := range []string{"\n", "\r", "\x00", "\xff"} {
		if strings.Contains(msg, c) {
			t.Errorf("error %q holds a raw %q", msg, c)
		}
	}
}

// TestParseLongInput checks that a long input is cut in the message.
func TestParseLongInput(t *testing.T) {
	in := "SHA256:" + strings.Repeat("QUJD", 100)
	_, err := fingerprint.Parse(in)
	if !errors.Is(err, keyerrors.ErrMalformedFingerprint) {
		t.Fatalf("Parse(long) error %v", err)
	}
	if strings.Contains(err.Error(), in[:80]) {
		t.Errorf("error %q holds more than 64 characters of the input", err)
	}
	checkNoEcho(t, in, err)
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Errorf("MustParse(\"SHA256:\") did not panic")
		}
	}()
	fingerprint.MustParse("SHA256:")
}

// TestZero pins the zero Fingerprint: not valid, prints as "", matches
// nothing, and round-trips through text as netip.Addr's zero value does.
func TestZero(t *testing.T) {
	var z fingerprint.Fingerprint
	pub := loadPub(t, keyDir+"/ed25519.pub")
	if z.IsValid() || z.String() != "" || z.Sum() != nil || z.Matches(pub) || z.MatchesBlob(pub.Marshal()) {
		t.Errorf("zero Fingerprint: IsValid %v, String %q, Sum %v, Matches %v", z.IsValid(), z.String(), z.Sum(), z.Matches(pub))
	}
	if !z.Equal(fingerprint.Fingerprint{}) {
		t.Errorf("zero not Equal to zero")
	}
	text, err := z.MarshalText()
	if err != nil || len(text) != 0 {
		t.Errorf("MarshalText() = %q, %v", text, err)
	}
	f := fingerprint.MustParse(edSHA256)
	if err := f.UnmarshalText(nil); err != nil || f != z {
		t.Errorf("UnmarshalText(empty) = %v, %v; want the zero value", f, err)
	}
}

// TestUnmarshalTextError checks that a bad value leaves the target alone.
func TestUnmarshalTextError(t *testing.T) {
	f := fingerprint.MustParse(edSHA256)
	err := f.UnmarshalText([]byte("SHA256:nope"))
	if !errors.Is(err, keyerrors.ErrMalformedFingerprint) || f != fingerprint.MustParse(edSHA256) {
		t.Errorf("UnmarshalText(bad) = %v, left %v", err, f)
	}
}

// TestJSON shows the text methods at work in a struct.
func TestJSON(t *testing.T) {
	type rec struct {
		FP  fingerprint.Fingerprint
		Opt fingerprint.Fingerprint
	}
	in := rec{FP: fingerprint.MustParse("MD5:" + edMD5)}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"FP":"` + edMD5 + `","Opt":""}`; string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
	var out rec
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("round trip = %v, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"FP":"SHA256:x"}`), &out); !errors.Is(err, keyerrors.ErrMalformedFingerprint) {
		t.Errorf("json.Unmarshal(bad) = %v", err)
	}
}

// TestEqual: the same digest under two hashes, or two digests, differ.
func TestEqual(t *testing.T) {
	a := fingerprint.MustParse(edSHA256)
	if !a.Equal(fingerprint.MustParse(edSHA256)) {
		t.Errorf("equal fingerprints not Equal")
	}
	if a.Equal(fingerprint.MustParse("SHA256:" + strings.Repeat("A", 43))) {
		t.Errorf("different digests Equal")
	}
	zero16 := strings.Repeat("00:", 15) + "00"
	md5 := fingerprint.MustParse(zero16)
	sha1 := fingerprint.MustParse("SHA1:" + strings.Repeat("A", 27))
	if md5.Equal(sha1) || md5 == sha1 {
		t.Errorf("all-zero MD5 and all-zero SHA1 Equal")
	}
	if !bytes.Equal(md5.Sum(), make([]byte, 16)) {
		t.Errorf("Sum() = %x", md5.Sum())
	}
	s := a.Sum()
	s[0] ^= 1
	if !a.Equal(fingerprint.MustParse(edSHA256)) {
		t.Errorf("Sum() returned the Fingerprint's own storage")
	}
}

// TestMatches: every fingerprint of every testdata key matches that key
// (and the keys with the same certified key) and no other; it survives
// String and Parse.
func TestMatches(t *testing.T) {
	keys := allKeys(t)
	hashes := []crypto.Hash{crypto.MD5, crypto.SHA1, crypto.SHA256, crypto.SHA384, crypto.SHA512}
	for _, k := range keys {
		t.Run(k.name, func(t *testing.T) {
			for _, h := range hashes {
				f := fingerprint.FromBlob(h, k.plain)
				if k.pub != nil && fingerprint.FromKey(h, k.pub) != f {
					t.Errorf("FromKey(%v) != FromBlob(%v, plain blob)", h, h)
				}
				parsed, err := fingerprint.Parse(f.String())
				if err != nil || parsed != f {
					t.Fatalf("Parse(%q) = %v, %v", f.String(), parsed, err)
				}
				if got := fingerprint.OfBlob(h, k.plain); got != f.String() {
					t.Errorf("OfBlob(%v) = %s, FromBlob().String() = %s", h, got, f)
				}
				// Every byte counts, the last one too.
				near := fingerprint.MustParse(flipLastByte(t, f.String()))
				if (k.pub != nil && near.Matches(k.pub)) || near.MatchesBlob(k.plain) || near.Equal(f) {
					t.Errorf("%v differing in the last byte matches", near)
				}
				for _, o := range keys {
					same := bytes.Equal(o.plain, k.plain)
					if got := parsed.MatchesBlob(o.plain); got != same {
						t.Errorf("%v of %s: MatchesBlob(%s) = %v, want %v", h, k.name, o.name, got, same)
					}
					if o.pub != nil {
						if got := parsed.Matches(o.pub); got != same {
							t.Errorf("%v of %s: Matches(%s) = %v, want %v", h, k.name, o.name, got, same)
						}
					}
				}
			}
		})
	}
}

// flipLastByte returns fingerprint s with the last byte of its digest
// inverted.
func flipLastByte(t *testing.T, s string) string {
	t.Helper()
	if name, b64, ok := strings.Cut(s, ":"); ok && strings.HasPrefix(name, "SHA") {
		d, err := base64.RawStdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatal(err)
		}
		d[len(d)-1] ^= 0xff
		return name + ":" + base64.RawStdEncoding.EncodeToString(d)
	}
	d, err := hex.DecodeString(strings.ReplaceAll(s, ":", ""))
	if err != nil {
		t.Fatal(err)
	}
	d[len(d)-1] ^= 0xff
	pairs := make([]string, len(d))
	for i, b := range d {
		pairs[i] = hex.EncodeToString([]byte{b})
	}
	return strings.Join(pairs, ":")
}

// TestUnsupportedHashPanics: a hash outside the five is a programming
// error, reported at once.
func TestUnsupportedHashPanics(t *testing.T) {
	blob := loadPub(t, keyDir+"/ed25519.pub").Marshal()
	for name, fn := range map[string]func(){
		"OfBlob":        func() { fingerprint.OfBlob(crypto.SHA224, blob) },
		"AppendBlob":    func() { fingerprint.AppendBlob(nil, crypto.SHA3_256, blob) },
		"FromBlob":      func() { fingerprint.FromBlob(0, blob) },
		"RandomArtBlob": func() { _, _ = fingerprint.RandomArtBlob(crypto.BLAKE2b_256, blob) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.Contains(s, "unsupported hash") {
					t.Errorf("recovered %v, want an unsupported hash panic", r)
				}
			}()
			fn()
		})
	}
}

func TestAppendBlob(t *testing.T) {
	blob := loadPub(t, keyDir+"/rsa2048.pub").Marshal()
	for _, h := range []crypto.Hash{crypto.MD5, crypto.SHA1, crypto.SHA256, crypto.SHA384, crypto.SHA512} {
		got := fingerprint.AppendBlob([]byte("prefix "), h, blob)
		if diff := cmp.Diff("prefix "+fingerprint.OfBlob(h, blob), string(got)); diff != "" {
			t.Errorf("AppendBlob(%v) (-want +got):\n%s", h, diff)
		}
	}
}

// TestConcurrent runs every entry point from many goroutines at once; with
// -race it checks that the package shares no mutable state.
func TestConcurrent(t *testing.T) {
	pub := loadPub(t, keyDir+"/ecdsa384.pub")
	cert := loadPub(t, vectorDir+"/rsa_1-cert.pub")
	want := fingerprint.SHA256(pub)
	art := fingerprint.RandomArt(cert)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				f, err := fingerprint.Parse(want)
				if err != nil || !f.Matches(pub) || fingerprint.SHA256(pub) != want ||
					fingerprint.RandomArt(cert) != art || fingerprint.MD5(pub) == "" ||
					fingerprint.Bubblebabble(cert) == "" {
					t.Error("concurrent call disagrees")
					return
				}
			}
		})
	}
	wg.Wait()
}
