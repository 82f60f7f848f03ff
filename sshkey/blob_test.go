package sshkey

import (
	"bytes"
	"crypto/ecdh"
	"crypto/elliptic"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/wire"
)

// ecLine returns the authorized_keys line of an ecdsa-sha2-nistp256 key
// whose point has the x coordinate found by searching up from x0 for one
// with a point on the curve, and whether crypto/ecdh takes that point.
func ecLine(t *testing.T, x0 *big.Int) (string, bool) {
	t.Helper()
	params := elliptic.P256().Params()
	for x := new(big.Int).Set(x0); x.Cmp(params.P) < 0; x.Add(x, big.NewInt(1)) {
		q := make([]byte, 33)
		q[0] = 2
		x.FillBytes(q[1:])
		point, err := refDecompress(params, q)
		if err != nil {
			continue
		}
		_, err = ecdh.P256().NewPublicKey(point)
		return "ecdsa-sha2-nistp256 " + b64(blobOf([]byte(TypeECDSA256), []byte("nistp256"), point)), err == nil
	}
	t.Fatal("no point found")
	return "", false
}

// TestOpenSSHBlobRules: the blob checks sshkey makes beyond x/crypto's,
// each one OpenSSH's (sshkey.c, OpenSSH 9.2), with the sentinel that names
// the cause.
func TestOpenSSHBlobRules(t *testing.T) {
	n := elliptic.P256().Params().N
	smallX, ecdhSmall := ecLine(t, big.NewInt(1))
	bigX, ecdhBig := ecLine(t, new(big.Int).Sub(n, big.NewInt(1)))
	if !ecdhSmall || !ecdhBig {
		t.Fatal("crypto/ecdh refuses the crafted points; the rows below would test nothing of sshkey's own")
	}
	// An odd 1023-bit modulus: only its size matters here
	// (crypto/rsa no longer makes keys this small).
	n1023 := new(big.Int).SetBit(big.NewInt(1), 1022, 1)
	e := big.NewInt(65537).Bytes()
	mag := func(b *big.Int) []byte { // an mpint's contents
		m := b.Bytes()
		if len(m) > 0 && m[0]&0x80 != 0 {
			m = append([]byte{0}, m...)
		}
		return m
	}
	dsa := MustParse(readKeyFile("dsa1024.pub")).Marshal()
	dsaField := func(i int, v []byte) string { // the DSA key with mpint i (p, q, g, y) replaced
		_, rest, _ := wire.String(dsa)
		parts := [][]byte{[]byte(TypeDSA)}
		for range 4 {
			var f []byte
			f, rest, _ = wire.String(rest)
			parts = append(parts, f)
		}
		parts[1+i] = v
		return "ssh-dss " + b64(blobOf(parts...))
	}
	ed := bytes.Repeat([]byte{7}, 32)
	tests := []struct {
		name, reason, in string
		err              error
		msg              string // a word the message must hold
	}{
		{"ecdsa-small-x", "sshkey_ec_validate_public: log2(x) must exceed log2(order)/2", smallX, keyerrors.ErrMalformedKey, "public point check"},
		{"ecdsa-x-above-order", "sshkey_ec_validate_public: x must be below order-1 (P-256's p exceeds its order)", bigX, keyerrors.ErrMalformedKey, "public point check"},
		{"rsa-1023", "OpenSSH refuses RSA under SSH_RSA_MINIMUM_MODULUS_SIZE (1024) on reading", "ssh-rsa " + b64(blobOf([]byte(TypeRSA), e, mag(n1023))), keyerrors.ErrKeyTooSmall, "1024"},
		{"rsa-1024", "1024 bits is OpenSSH's minimum, accepted", readKeyFile("rsa1024.pub"), nil, ""},
		{"sk-app-nul", "OpenSSH reads the application as a C string (sshbuf_get_cstring)", "sk-ssh-ed25519@openssh.com " + b64(blobOf([]byte(TypeSKED25519), ed, []byte("ssh:\x00x"))), keyerrors.ErrMalformedKey, "NUL"},
		{"sk-app-nul-end", "a NUL that ends the application gives it two blobs; keyvet refuses it too", "sk-ssh-ed25519@openssh.com " + b64(blobOf([]byte(TypeSKED25519), ed, []byte("ssh:\x00"))), keyerrors.ErrMalformedKey, "NUL"},
		{"sk-app", "a plain application is fine", "sk-ssh-ed25519@openssh.com " + b64(blobOf([]byte(TypeSKED25519), ed, []byte("ssh:"))), nil, ""},
		{"mldsa-65", "x/crypto v0.59's ML-DSA types are named in the refusal", "ssh-mldsa-65 " + b64(blobOf([]byte("ssh-mldsa-65"), make([]byte, 1952))), keyerrors.ErrUnsupportedKeyType, "ML-DSA"},
		{"dsa-g-one", "a DSA generator of 1 is no generator", dsaField(2, []byte{1}), keyerrors.ErrMalformedKey, "generator"},
		{"dsa-y-zero", "a DSA public value of 0 is no key", dsaField(3, nil), keyerrors.ErrMalformedKey, "public value"},
		{"dsa", "ssh-dss is read by sshkey itself", readKeyFile("dsa1024.pub"), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := Parse([]byte(tt.in))
			if !errors.Is(err, tt.err) || tt.err == nil && err != nil {
				t.Fatalf("err = %v, want %v (%s)", err, tt.err, tt.reason)
			}
			if err != nil && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
			if err == nil {
				checkInvariants(t, k)
			}
			if got := (&Policy{}).CheckText([]byte(tt.in)); !errors.Is(got, tt.err) || tt.err == nil && got != nil {
				t.Errorf("CheckText = %v, want %v", got, tt.err)
			}
		})
	}
}

// TestCompressedPoint: a PKIX EC key with a compressed point, as openssl
// writes it, is the key of the .pub file.
func TestCompressedPoint(t *testing.T) {
	for _, stem := range []string{"ecdsa256", "ecdsa384", "ecdsa521"} {
		t.Run(stem, func(t *testing.T) {
			want := MustParse(readKeyFile(stem + ".pub"))
			k, err := Parse([]byte(readKeyFile(stem + ".compressed.pem")))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(k.Marshal(), want.Marshal()) || k.Format() != FormatPKIX {
				t.Errorf("the compressed point gives another key, or format %v", k.Format())
			}
			// Written back uncompressed, as ssh-keygen -e -m PKCS8 does.
			if enc, _ := k.MarshalPKIX(); string(enc) != readKeyFile(stem+".pkcs8") {
				t.Errorf("PEM() is not ssh-keygen's export:\n%s", enc)
			}
		})
	}
	// An x of 0: off the curve, or a point with a coordinate too small.
	bad := pemOf("PUBLIC KEY", append(pemDER(readKeyFile("ecdsa256.compressed.pem"))[:len(pemDER(readKeyFile("ecdsa256.compressed.pem")))-32], make([]byte, 32)...))
	if _, err := Parse([]byte(bad)); !errors.Is(err, keyerrors.ErrMalformedKey) {
		t.Errorf("x = 0: err = %v, want ErrMalformedKey", err)
	}
}

// TestWithComment: every branch of the comment rule, the one rule every
// comment passes, parsed or given (checkComment).
func TestWithComment(t *testing.T) {
	k := MustParse(ed25519Line)
	tests := []struct {
		name, reason, comment, want string
		err                         error
	}{
		{"plain", "printable ASCII", "me@host", "me@host", nil},
		{"blanks", "blanks around it are dropped", " \tme@host\t ", "me@host", nil},
		{"inner-tab", "a tab inside is kept, as sshd keeps it", "a\tb", "a\tb", nil},
		{"empty", "no comment", "", "", nil},
		{"utf8", "UTF-8 is fine", "Jürgen's 🔑", "Jürgen's 🔑", nil},
		{"nbsp", "U+00A0 is printable", "a\u00a0b", "a\u00a0b", nil},
		{"newline", "a LF would start a new authorized_keys line", "a\nb", "", keyerrors.ErrMalformedKey},
		{"cr", "a CR ends a line for x/crypto", "a\rb", "", keyerrors.ErrMalformedKey},
		{"nul", "NUL", "a\x00", "", keyerrors.ErrMalformedKey},
		{"del", "DEL is a control character", "a\x7f", "", keyerrors.ErrMalformedKey},
		{"c1", "U+0085 is a C1 control character", "a\u0085b", "", keyerrors.ErrMalformedKey},
		{"invalid-utf8", "not UTF-8", "a\xffb", "", keyerrors.ErrMalformedKey},
		{"truncated-utf8", "a cut multi-byte character", "a\xc3", "", keyerrors.ErrMalformedKey},
		{"private-body", "a private key's body as the comment", "note " + pkcs8Ed25519Body, "", keyerrors.ErrPrivateKey},
		{"39-base64", "39 base64 characters are no body", strings.Repeat("A", 39), strings.Repeat("A", 39), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k2, err := k.WithComment(tt.comment)
			if !errors.Is(err, tt.err) || tt.err == nil && err != nil {
				t.Fatalf("err = %v, want %v (%s)", err, tt.err, tt.reason)
			}
			if err != nil {
				return
			}
			if k2.Comment() != tt.want || !k2.Equal(k) || k.Comment() == tt.want && tt.want != k.Comment() {
				t.Errorf("comment %q, want %q", k2.Comment(), tt.want)
			}
			if k.Comment() != "ED25519 test key #1" {
				t.Errorf("WithComment changed the original: %q", k.Comment())
			}
			// The line round-trips.
			back, err := ParseString(k2.String())
			if err != nil || back.Comment() != tt.want {
				t.Errorf("ParseString(String()) = %v, %v", back, err)
			}
		})
	}
}

// TestPuTTYgenFiles: the RFC 4716 files PuTTYgen 0.78 writes (puttygen -O
// public, in testdata/keys/putty) are read as the key and comment of its
// OpenSSH line (-O public-openssh): a Comment with PuTTY's \" and \\
// escapes, and one on a line longer than 72 bytes. Written back, the
// escapes are PuTTY's again.
func TestPuTTYgenFiles(t *testing.T) {
	for _, stem := range []string{"ed25519-escapes", "rsa2048-long-comment"} {
		t.Run(stem, func(t *testing.T) {
			rfc, err := os.ReadFile(filepath.Join(keysDir, "putty", stem+".pub"))
			if err != nil {
				t.Fatal(err)
			}
			line, err := os.ReadFile(filepath.Join(keysDir, "putty", stem+".openssh"))
			if err != nil {
				t.Fatal(err)
			}
			k, err := Parse(rfc)
			if err != nil {
				t.Fatal(err)
			}
			want := MustParse(string(line))
			if !k.Equal(want) || k.Comment() != want.Comment() || k.Format() != FormatRFC4716 {
				t.Errorf("PuTTYgen's file reads as %q, its OpenSSH line as %q", k.Comment(), want.Comment())
			}
			comment := strings.SplitN(string(rfc), "\n", 3)[1] // PuTTYgen's Comment header
			if got := strings.SplitN(string(k.MarshalRFC4716()), "\n", 3)[1]; !strings.HasPrefix(comment, "Comment: ") || len(comment) <= 72 && got != comment {
				t.Errorf("MarshalRFC4716's Comment header %q, PuTTYgen's %q", got, comment)
			}
			checkInvariants(t, k)
		})
	}
}

// TestPhpseclibFiles: the RFC 4716 files phpseclib 3.0.19 writes
// (PublicKeyLoader::load(KEY)->toString('PuTTY') after
// PuTTY::setComment(COMMENT), in testdata/keys/phpseclib): CRLF line ends,
// PuTTY's escapes, a long Comment on one line. The keys are PuTTYgen's.
func TestPhpseclibFiles(t *testing.T) {
	for _, c := range []struct{ stem, comment string }{
		{"ed25519-escapes", `keyvet throwaway "phpseclib" key \ with escapes`},
		{"rsa2048-long-comment", "keyvet throwaway key exported by phpseclib, with a comment longer than seventy-two bytes"},
	} {
		t.Run(c.stem, func(t *testing.T) {
			rfc, err := os.ReadFile(filepath.Join(keysDir, "phpseclib", c.stem+".pub"))
			if err != nil {
				t.Fatal(err)
			}
			line, err := os.ReadFile(filepath.Join(keysDir, "putty", c.stem+".openssh"))
			if err != nil {
				t.Fatal(err)
			}
			k, err := Parse(rfc)
			if err != nil {
				t.Fatal(err)
			}
			if !k.Equal(MustParse(string(line))) || k.Comment() != c.comment {
				t.Errorf("phpseclib's file reads as %q, want the PuTTYgen key with %q", k.Comment(), c.comment)
			}
		})
	}
}

// FuzzB64Decode holds b64Decode to strictB64.Decode: the same bytes, the
// same count and the same error (its offset too), on any input.
func FuzzB64Decode(f *testing.F) {
	for _, s := range []string{"", "AAAA", "AAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAA=", "AAAAAAAA\r\nAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAB=",
		"AAAAAAAA*AAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA==AAAA", ed25519B64,
		"AAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAB==", "AAAAAAAAAAAAAAAAAAAAAAB=", "AAAAAAAAAAAAAAAAAAAA=AAA", "AAAAAAAAAAAAAAAAAAAAAAA"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m := strictB64.DecodedLen(len(src))
		got, want := make([]byte, m), make([]byte, m)
		n, err := b64Decode(got, src)
		wn, werr := strictB64.Decode(want, src)
		if n != wn || !bytes.Equal(got[:n], want[:wn]) || fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Fatalf("b64Decode(%q) = %d, %v; strictB64.Decode: %d, %v", src, n, err, wn, werr)
		}
	})
}
