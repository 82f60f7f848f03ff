package sshkey

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
	"github.com/keyvet/keyvet/internal/wire"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// -update-certs regenerates testdata/certs with ssh-keygen (see
// testdata/certs/README.md for the commands it runs):
//
//	go test ./sshkey/ -run TestCertGoldens -update-certs
var updateCerts = flag.Bool("update-certs", false, "regenerate ../testdata/certs with ssh-keygen")

const certsDir = "../testdata/certs"

// certCA is a throwaway CA key the generator makes.
type certCA struct{ stem, t, b string }

var certCAs = []certCA{
	{"ca_ed25519", "ed25519", ""},
	{"ca_rsa", "rsa", "3072"},
	{"ca_ecdsa256", "ecdsa", "256"},
	{"ca_ecdsa384", "ecdsa", "384"},
	{"ca_ecdsa521", "ecdsa", "521"},
	{"ca_dsa", "dsa", "1024"},
}

// certSpec is one certificate the generator makes: a throwaway key of
// type t (and size b) signed by ca with the ssh-keygen -s options opts.
// err is what Parse answers (nil: it reads it).
type certSpec struct {
	stem, t, b, ca string
	opts           []string
	err            error
}

var certSpecs = []certSpec{
	{"user_ed25519", "ed25519", "", "ca_rsa", []string{"-I", "user ed25519 key", "-n", "p1,p2", "-V", "+52w", "-z", "1",
		"-O", "force-command=/usr/bin/true", "-O", "source-address=10.0.0.0/8"}, nil},
	{"user_rsa", "rsa", "3072", "ca_ed25519", []string{"-I", "user-rsa", "-n", "alice", "-V", "always:forever", "-z", "2"}, nil},
	{"user_rsa_sha256", "rsa", "2048", "ca_rsa", []string{"-t", "rsa-sha2-256", "-I", "user-rsa-sha256", "-n", "bob", "-V", "+52w", "-z", "3"}, nil},
	{"user_ecdsa256", "ecdsa", "256", "ca_ecdsa384", []string{"-I", "user-ecdsa256", "-n", "carol", "-V", "20250101:20350101", "-z", "4",
		"-O", "clear", "-O", "permit-pty", "-O", "no-touch-required"}, nil},
	{"user_ecdsa384", "ecdsa", "384", "ca_ecdsa521", []string{"-I", "user-ecdsa384", "-V", "always:20350101", "-z", "18446744073709551615"}, nil},
	{"user_ecdsa521", "ecdsa", "521", "ca_ecdsa256", []string{"-I", "user-ecdsa521", "-n", "dave", "-V", "20250101:forever", "-z", "6",
		"-O", "verify-required"}, nil},
	{"host_ed25519", "ed25519", "", "ca_ed25519", []string{"-h", "-I", "host.example.com", "-n", "host.example.com,10.0.0.1", "-V", "+52w", "-z", "7"}, nil},
	{"host_ecdsa256", "ecdsa", "256", "ca_rsa", []string{"-h", "-I", "host2", "-n", "host2.example.com", "-V", "+52w"}, nil},
	{"user_dsa", "dsa", "1024", "ca_ed25519", []string{"-I", "user-dsa", "-n", "p1", "-V", "+52w"}, keyerrors.ErrUnsupportedKeyType},
	{"user_by_dsa_ca", "ed25519", "", "ca_dsa", []string{"-I", "user-by-dsa-ca", "-n", "p1", "-V", "+52w"}, keyerrors.ErrUnsupportedKeyType},
}

// certVectors are the certificates of openssh-portable's test vectors,
// read as they are (the sk- ones cannot be made without a security key).
var certVectors = []string{"ecdsa_1-cert", "ecdsa_sk1-cert", "ed25519_1-cert", "ed25519_sk1-cert",
	"rsa_1-cert", "rsa_1_sha1-cert", "rsa_1_sha512-cert"}

const vectorsDir = "../testdata/vectors/openssh"

// keygenEnv runs ssh-keygen with TZ=UTC, so that -L writes UTC times.
func keygen(t fataler, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("ssh-keygen", args...)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ssh-keygen %s: %v: %s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

// makeCerts makes the CA keys and certificates of certSpecs in tmp, copies
// the public keys and certificates to certsDir, and writes there the
// goldens of ssh-keygen -l (SHA256 and MD5) and -L for each certificate
// and each openssh vector certificate. Private keys stay in tmp.
func makeCerts(t fataler, tmp string) {
	t.Helper()
	gen := func(stem, typ, bits, comment string) {
		args := []string{"-q", "-t", typ, "-N", "", "-C", comment, "-f", filepath.Join(tmp, stem)}
		if bits != "" {
			args = append(args, "-b", bits)
		}
		keygen(t, args...)
	}
	for _, ca := range certCAs {
		gen(ca.stem, ca.t, ca.b, "keyvet throwaway test CA "+ca.stem)
		copyFile(t, filepath.Join(tmp, ca.stem+".pub"), filepath.Join(certsDir, ca.stem+".pub"))
	}
	for _, s := range certSpecs {
		gen(s.stem, s.t, s.b, "keyvet throwaway test key "+s.stem)
		args := append([]string{"-q", "-s", filepath.Join(tmp, s.ca)}, s.opts...)
		keygen(t, append(args, filepath.Join(tmp, s.stem+".pub"))...)
		copyFile(t, filepath.Join(tmp, s.stem+".pub"), filepath.Join(certsDir, s.stem+".pub"))
		copyFile(t, filepath.Join(tmp, s.stem+"-cert.pub"), filepath.Join(certsDir, s.stem+"-cert.pub"))
	}
	var stems []string
	for _, s := range certSpecs {
		stems = append(stems, filepath.Join(certsDir, s.stem+"-cert"))
	}
	for _, v := range certVectors {
		stems = append(stems, filepath.Join(vectorsDir, v))
	}
	for _, stem := range stems {
		writeCertGoldens(t, stem+".pub", filepath.Join(certsDir, filepath.Base(stem)))
	}
}

// writeCertGoldens writes out.l (ssh-keygen -l -E sha256 then -E md5 of
// the certificate file pub) and out.L (ssh-keygen -L).
func writeCertGoldens(t fataler, pub, out string) {
	t.Helper()
	l := append(keygen(t, "-l", "-E", "sha256", "-f", pub), keygen(t, "-l", "-E", "md5", "-f", pub)...)
	keytest.WriteFile(t, out+".l", l)
	keytest.WriteFile(t, out+".L", keygen(t, "-L", "-f", pub))
}

func copyFile(t fataler, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	keytest.WriteFile(t, to, b)
}

// certGolden is a certificate file and the goldens of it.
type certGolden struct {
	name, pub string
	err       error
}

func certGoldens() []certGolden {
	var gs []certGolden
	for _, s := range certSpecs {
		gs = append(gs, certGolden{s.stem + "-cert", filepath.Join(certsDir, s.stem+"-cert.pub"), s.err})
	}
	for _, v := range certVectors {
		gs = append(gs, certGolden{v, filepath.Join(vectorsDir, v+".pub"), nil})
	}
	return gs
}

// TestCertGoldens holds Parse of each certificate to ssh-keygen's goldens:
// the type, the size and the SHA256 and MD5 fingerprints as -l prints them
// (the certified key's), and every field as -L prints it.
func TestCertGoldens(t *testing.T) {
	if *updateCerts {
		makeCerts(t, t.TempDir())
	}
	for _, g := range certGoldens() {
		t.Run(g.name, func(t *testing.T) {
			checkCertGoldens(t, g.pub, filepath.Join(certsDir, g.name), g.err)
		})
	}
}

// checkCertGoldens holds Parse of the certificate file pub to wantErr, or,
// when wantErr is nil, to the goldens stem.l (ssh-keygen -l -E sha256 then
// -E md5) and stem.L (ssh-keygen -L, after its file name line).
func checkCertGoldens(t *testing.T, pub, stem string, wantErr error) {
	t.Helper()
	data := keytest.ReadFile(t, pub)
	k, err := Parse([]byte(data))
	if wantErr != nil {
		if !errors.Is(err, wantErr) {
			t.Fatalf("err = %v, want %v", err, wantErr)
		}
		checkErrorText(t, data, err)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	// -l: "bits fingerprint comment (TYPE-CERT)", SHA256 then MD5.
	l := strings.Split(strings.TrimSpace(keytest.ReadFile(t, stem+".l")), "\n")
	if len(l) != 2 {
		t.Fatalf("-l golden has %d lines", len(l))
	}
	for i, h := range []crypto.Hash{crypto.SHA256, crypto.MD5} {
		want := l[i]
		fp := k.Fingerprint(h).String()
		if h == crypto.MD5 {
			fp = "MD5:" + fp // as ssh-keygen -E md5 prints it
		}
		got := fmt.Sprintf("%d %s %s (%s)", k.Bits(), fp, k.Comment(), keygenCertType(k.Type()))
		if got != want {
			t.Errorf("-l:\n got %s\nwant %s", got, want)
		}
	}
	c, ok := k.Certificate()
	if !ok {
		t.Fatal("no Certificate")
	}
	if !strings.HasPrefix(l[0], strconv.Itoa(c.Key().Bits())+" "+c.Key().Fingerprint(crypto.SHA256).String()+" ") {
		t.Errorf("Certificate().Key() is not the key -l shows")
	}
	golden := keytest.ReadFile(t, stem+".L")
	_, golden, _ = strings.Cut(golden, "\n") // the file name line
	if got := keygenL(k); got != golden {
		t.Errorf("-L:\n got %s\nwant %s", got, golden)
	}
	checkInvariants(t, k)
	checkCertKey(t, k)
}

// keygenCertType is ssh-keygen's name of a certificate type (sshkey_type).
func keygenCertType(typ string) string {
	return keytest.KeygenType(certifiedType(typ)) + "-CERT"
}

// keygenL writes the certificate as ssh-keygen -L does (ssh-keygen.c,
// print_cert), with TZ=UTC, after the file name line.
func keygenL(k *Key) string {
	c, _ := k.Certificate()
	var b strings.Builder
	const in1, in2 = "        ", "                "
	fmt.Fprintf(&b, "%sType: %s %s certificate\n", in1, k.Type(), c.CertType())
	fmt.Fprintf(&b, "%sPublic key: %s %s\n", in1, keygenCertType(k.Type()), k.Fingerprint(crypto.SHA256))
	ca := c.SignatureKey()
	fmt.Fprintf(&b, "%sSigning CA: %s %s (using %s)\n", in1, keytest.KeygenType(ca.Type()), ca.Fingerprint(crypto.SHA256), c.SignatureAlgorithm())
	fmt.Fprintf(&b, "%sKey ID: \"%s\"\n", in1, c.KeyID())
	fmt.Fprintf(&b, "%sSerial: %d\n", in1, c.Serial())
	const layout = "2006-01-02T15:04:05"
	var valid string
	switch after, before := c.ValidAfter(), c.ValidBefore(); {
	case after.IsZero() && c.IsForever():
		valid = "forever"
	case after.IsZero():
		valid = "before " + before.Format(layout)
	case c.IsForever():
		valid = "after " + after.Format(layout)
	default:
		valid = "from " + after.Format(layout) + " to " + before.Format(layout)
	}
	fmt.Fprintf(&b, "%sValid: %s\n", in1, valid)
	fmt.Fprintf(&b, "%sPrincipals: ", in1)
	if p := c.Principals(); len(p) == 0 {
		b.WriteString("(none)\n")
	} else {
		b.WriteString("\n")
		for _, s := range p {
			fmt.Fprintf(&b, "%s%s\n", in2, s)
		}
	}
	options := func(title string, m map[string]string) {
		fmt.Fprintf(&b, "%s%s: ", in1, title)
		if len(m) == 0 {
			b.WriteString("(none)\n")
			return
		}
		b.WriteString("\n")
		names := make([]string, 0, len(m))
		for n := range m {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			if v := m[n]; v != "" {
				fmt.Fprintf(&b, "%s%s %s\n", in2, n, v)
			} else {
				fmt.Fprintf(&b, "%s%s\n", in2, n)
			}
		}
	}
	options("Critical Options", c.CriticalOptions())
	options("Extensions", c.Extensions())
	return b.String()
}

// checkCertKey checks what a certificate Key is beyond checkInvariants:
// its PublicKey is x/crypto's *ssh.Certificate of the blob; New of that
// gives the Key back; the certificate's keys are plain keys whose blobs
// are x/crypto's; Certificate's maps and slices are copies; the zero
// Policy refuses it with ErrCertificate and a Policy naming its type
// takes it.
func checkCertKey(t *testing.T, k *Key) {
	t.Helper()
	cert, ok := k.PublicKey().(*ssh.Certificate)
	if !ok {
		t.Fatalf("PublicKey is %T", k.PublicKey())
	}
	c, _ := k.Certificate()
	if !bytes.Equal(c.Key().Marshal(), cert.Key.Marshal()) || !bytes.Equal(c.SignatureKey().Marshal(), cert.SignatureKey.Marshal()) {
		t.Error("Certificate's keys are not x/crypto's")
	}
	if c.Key().Fingerprint(crypto.SHA256) != k.Fingerprint(crypto.SHA256) || c.Key().Bits() != k.Bits() {
		t.Error("the fingerprint or size is not the certified key's")
	}
	if uint32(c.CertType()) != cert.CertType || c.KeyID() != cert.KeyId || c.Serial() != cert.Serial ||
		!slices.Equal(c.Principals(), cert.ValidPrincipals) && !(len(c.Principals()) == 0 && len(cert.ValidPrincipals) == 0) {
		t.Error("Certificate's fields are not x/crypto's")
	}
	if c.ValidAt(time.Unix(int64(min(cert.ValidAfter, 1<<62)), 0)) != (cert.ValidBefore > cert.ValidAfter) {
		t.Error("ValidAt(valid_after) is wrong")
	}
	for name, m := range map[string][2]map[string]string{
		"CriticalOptions": {c.CriticalOptions(), cert.CriticalOptions},
		"Extensions":      {c.Extensions(), cert.Extensions},
	} {
		if fmt.Sprint(m[0]) != fmt.Sprint(m[1]) {
			t.Errorf("%s = %v, x/crypto %v", name, m[0], m[1])
		}
		m[0]["x-changed"] = "y"
	}
	if p := c.Principals(); len(p) > 0 {
		p[0] = "changed"
	}
	c2, _ := k.Certificate()
	if _, ok := c2.Extensions()["x-changed"]; ok || slices.Contains(c2.Principals(), "changed") || c.Principals() != nil && c.Principals()[0] == "changed" {
		t.Error("Certificate hands out its own maps or slices")
	}
	k2, err := New(cert, k.Comment())
	if err != nil || !k2.Equal(k) || k2.Bits() != k.Bits() || k2.Type() != k.Type() {
		t.Errorf("New(PublicKey()) = %v, %v", k2, err)
	}
	if err := new(Policy).Check(k); !errors.Is(err, keyerrors.ErrCertificate) {
		t.Errorf("Policy{}.Check err = %v, want ErrCertificate", err)
	}
	if err := (&Policy{Types: Types()}).Check(k); !errors.Is(err, keyerrors.ErrCertificate) {
		t.Errorf("Policy{Types: Types()}.Check err = %v, want ErrCertificate", err)
	}
	if err := (&Policy{Types: []string{k.Type()}}).Check(k); err != nil {
		t.Errorf("Policy{Types: {%s}}.Check: %v", k.Type(), err)
	}
	p := Policy{Types: []string{k.Type()}}
	if err := p.CheckText([]byte(k.String())); err != nil {
		t.Errorf("CheckText: %v", err)
	}
	if err := new(Policy).CheckText([]byte(k.String())); !errors.Is(err, keyerrors.ErrCertificate) {
		t.Errorf("Policy{}.CheckText err = %v, want ErrCertificate", err)
	}
	if !IsCertType(k.Type()) || !slices.Contains(CertTypes(), k.Type()) || slices.Contains(Types(), k.Type()) {
		t.Errorf("%s: IsCertType, CertTypes or Types is wrong", k.Type())
	}
	if k.Bits() > 0 && certifiedType(k.Type()) == TypeRSA {
		p := Policy{Types: []string{k.Type()}, MinRSABits: k.Bits() + 1}
		if err := p.Check(k); !errors.Is(err, keyerrors.ErrKeyTooSmall) {
			t.Errorf("MinRSABits above the certified key: err = %v, want ErrKeyTooSmall", err)
		}
	}
}

// TestCertFileReaders: the RFC 4716 form of a certificate (ssh-keygen -e
// writes one) parses to the same certificate.
func TestCertRFC4716(t *testing.T) {
	for _, g := range certGoldens() {
		if g.err != nil {
			continue
		}
		k, err := Parse([]byte(keytest.ReadFile(t, g.pub)))
		if err != nil {
			t.Fatal(err)
		}
		k2, err := ParseRFC4716(k.MarshalRFC4716())
		if err != nil || !k2.Equal(k) || k2.Format() != FormatRFC4716 {
			t.Errorf("%s: ParseRFC4716 = %v, %v", g.name, k2, err)
		}
	}
}

// TestCertLive makes certificates with the ssh-keygen installed, when there
// is one, and reads them as TestCertGoldens reads the committed ones.
func TestCertLive(t *testing.T) {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("no ssh-keygen")
	}
	if testing.Short() {
		t.Skip("short")
	}
	tmp := t.TempDir()
	keygen(t, "-q", "-t", "ed25519", "-N", "", "-C", "ca", "-f", filepath.Join(tmp, "ca"))
	keygen(t, "-q", "-t", "ecdsa", "-b", "384", "-N", "", "-C", "live key", "-f", filepath.Join(tmp, "k"))
	keygen(t, "-q", "-s", filepath.Join(tmp, "ca"), "-I", "live", "-n", "p1,p2", "-V", "+52w", "-O", "force-command=/bin/true", filepath.Join(tmp, "k.pub"))
	pub := filepath.Join(tmp, "k-cert.pub")
	k, err := Parse([]byte(keytest.ReadFile(t, pub)))
	if err != nil {
		t.Fatal(err)
	}
	l := string(keygen(t, "-l", "-f", pub))
	if want := fmt.Sprintf("%d %s %s (%s)\n", k.Bits(), k.Fingerprint(crypto.SHA256), k.Comment(), keygenCertType(k.Type())); l != want {
		t.Errorf("-l:\n got %s\nwant %s", l, want)
	}
	// ssh-keygen -lv: the -l line, then the random art of the certified
	// key, headed "[ECDSA-CERT 384]": fingerprint.RandomArt of PublicKey.
	if lv, art := string(keygen(t, "-lv", "-f", pub)), fingerprint.RandomArt(k.PublicKey()); lv != l+art+"\n" {
		t.Errorf("-lv:\n got %s%s\nwant %s", l, art, lv)
	}
	_, L, _ := strings.Cut(string(keygen(t, "-L", "-f", pub)), "\n")
	if got := keygenL(k); got != L {
		t.Errorf("-L:\n got %s\nwant %s", got, L)
	}
	checkCertKey(t, k)
}

// certBlob returns the blob of a committed certificate.
func certBlob(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(certsDir, name+"-cert.pub"))
	if err != nil {
		t.Fatal(err)
	}
	return MustParse(string(data)).Marshal()
}

func flipLastByte(b []byte) []byte {
	b = bytes.Clone(b)
	b[len(b)-1] ^= 1
	return b
}

// certFields splits a certificate blob into its top-level wire fields, for
// the tests to rebuild it with one changed.
func certFields(t testing.TB, b []byte) [][]byte {
	t.Helper()
	name, _, _ := wire.String(b)
	r := lookupCert(name)
	// name, nonce, key fields..., serial(8), type(4), key id, principals,
	// after(8), before(8), critical, extensions, reserved, ca, signature
	var out [][]byte
	rest := b
	str := func() {
		_, r, ok := wire.String(rest)
		if !ok {
			t.Fatal("short")
		}
		out, rest = append(out, rest[:len(rest)-len(r)]), r
	}
	fixed := func(n int) { out, rest = append(out, rest[:n]), rest[n:] }
	str()
	str()
	for range r.fields {
		str()
	}
	fixed(8)
	fixed(4)
	str()
	str()
	fixed(8)
	fixed(8)
	str()
	str()
	str()
	str()
	str()
	if len(rest) != 0 {
		t.Fatal("trailing")
	}
	return out
}

// The indexes of certFields' fields after the key's fields.
const (
	cfSerial = iota
	cfType
	cfKeyID
	cfPrincipals
	cfAfter
	cfBefore
	cfCritical
	cfExtensions
	cfReserved
	cfCA
	cfSignature
)

// TestCertRefused: certificates that ssh-keygen refuses are refused, each
// with its sentinel, and no message echoes the input.
func TestCertRefused(t *testing.T) {
	ed := certBlob(t, "user_ed25519")     // ed25519 key, RSA CA
	ec := certBlob(t, "user_ecdsa256")    // ECDSA key, ECDSA CA
	rsaC := certBlob(t, "user_rsa")       // RSA key, Ed25519 CA
	edHost := certBlob(t, "host_ed25519") // Ed25519 key and CA
	field := func(b []byte, keyFields, i int, v []byte) []byte {
		f := certFields(t, b)
		f[2+keyFields+i] = v
		return bytes.Join(f, nil)
	}
	str := func(s string) []byte { return wire.AppendString(nil, []byte(s)) }
	smallRSA := func() []byte { // the certified modulus cut to 791 bits
		f := certFields(t, rsaC)
		n, _, _ := wire.String(f[3])
		m := append([]byte{0x7f}, n[2:100]...)
		m[len(m)-1] |= 1
		f[3] = wire.AppendString(nil, m)
		return bytes.Join(f, nil)
	}
	ds := func(name string, data []byte) []byte {
		return wire.AppendString(wire.AppendString(nil, []byte(name)), data)
	}
	cases := []struct {
		name string
		blob []byte
		err  error
	}{
		{"bad-signature-ed25519", flipLastByte(edHost), keyerrors.ErrMalformedKey},
		{"bad-signature-rsa", flipLastByte(ed), keyerrors.ErrMalformedKey},
		{"bad-signature-ecdsa", flipLastByte(ec), keyerrors.ErrMalformedKey},
		{"changed-serial", field(edHost, 1, cfSerial, []byte{0, 0, 0, 0, 0, 0, 0, 9}), keyerrors.ErrMalformedKey},
		{"truncated", edHost[:len(edHost)-10], keyerrors.ErrMalformedKey},
		{"truncated-in-key", edHost[:60], keyerrors.ErrMalformedKey},
		{"trailing-bytes", append(bytes.Clone(edHost), 0), keyerrors.ErrMalformedKey},
		{"cert-type-3", field(edHost, 1, cfType, []byte{0, 0, 0, 3}), keyerrors.ErrMalformedKey},
		{"key-id-nul", field(edHost, 1, cfKeyID, str("a\x00b")), keyerrors.ErrMalformedKey},
		{"principal-nul", field(edHost, 1, cfPrincipals, str(string(str("a\x00")))), keyerrors.ErrMalformedKey},
		{"principals-truncated", field(edHost, 1, cfPrincipals, str("\x00\x00\x00\x09ab")), keyerrors.ErrMalformedKey},
		{"options-order", field(edHost, 1, cfCritical, str(string(append(ds("b", nil), ds("a", nil)...)))), keyerrors.ErrMalformedKey},
		{"options-repeated", field(edHost, 1, cfExtensions, str(string(append(ds("a", nil), ds("a", nil)...)))), keyerrors.ErrMalformedKey},
		{"option-data-not-string", field(edHost, 1, cfCritical, str(string(ds("force-command", []byte("xyz"))))), keyerrors.ErrMalformedKey},
		{"ca-is-cert", field(edHost, 1, cfCA, str(string(ed))), keyerrors.ErrMalformedKey},
		{"ca-truncated", field(edHost, 1, cfCA, str("\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20abc")), keyerrors.ErrMalformedKey},
		{"ca-unknown-type", field(edHost, 1, cfCA, str(string(ds("ssh-foo", []byte("x"))))), keyerrors.ErrUnsupportedKeyType},
		{"signature-trailing", field(edHost, 1, cfSignature, str(string(certFields(t, edHost)[2+1+cfSignature][4:])+"x")), keyerrors.ErrMalformedKey},
		{"signature-wrong-algorithm", field(edHost, 1, cfSignature, str(string(ds("ssh-rsa", make([]byte, 64))))), keyerrors.ErrMalformedKey},
		{"certified-key-short", field(edHost, 1, -1, str("\x01\x02")), keyerrors.ErrMalformedKey},
		{"certified-rsa-too-small", smallRSA(), keyerrors.ErrKeyTooSmall},
		{"v00", append(str("ssh-ed25519-cert-v00@openssh.com"), edHost[4+len(ssh.CertAlgoED25519v01):]...), keyerrors.ErrUnsupportedKeyType},
		{"mldsa-cert", append(str("ssh-mldsa44-ed25519-cert-v01@openssh.com"), edHost[4+len(ssh.CertAlgoED25519v01):]...), keyerrors.ErrUnsupportedKeyType},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name, _, _ := wire.String(c.blob)
			for _, in := range []string{string(name) + " " + b64(c.blob) + " comment", string(marshalRFC4716Blob(c.blob))} {
				k, err := Parse([]byte(in))
				if !errors.Is(err, c.err) || k != nil {
					t.Fatalf("Parse = %v, %v; want %v", k, err, c.err)
				}
				checkErrorText(t, in, err)
				if run := leakedRun(in, err.Error()); run != "" {
					t.Errorf("message %q echoes %q", err, run)
				}
			}
			// x/crypto reads what sshkey reads; New refuses what Parse does.
			if pub, err := ssh.ParsePublicKey(c.blob); err == nil {
				if _, err := New(pub, ""); !errors.Is(err, c.err) {
					t.Errorf("New err = %v, want %v", err, c.err)
				}
			}
		})
	}
}

// marshalRFC4716Blob is an RFC 4716 file of any blob, for refusal tests.
func marshalRFC4716Blob(blob []byte) []byte {
	k := &Key{typ: "x", blob: blob}
	return k.MarshalRFC4716()
}

// TestCertCertifiedKeyField: the certified key's first field changed
// (checked by checkBlob on the re-framed key) is caught before the
// signature is.
func TestCertAuthorizedKeysFile(t *testing.T) {
	line := keytest.ReadFile(t, filepath.Join(certsDir, "user_ed25519-cert.pub"))
	k, err := ParseAuthorizedKey([]byte(line))
	if err != nil || k.Type() != ssh.CertAlgoED25519v01 || k.String()+"\n" != line {
		t.Fatalf("ParseAuthorizedKey = %v, %v", k, err)
	}
	b, err := k.MarshalText()
	if err != nil || string(b)+"\n" != line {
		t.Errorf("MarshalText = %q", b)
	}
	if _, err := k.MarshalPKIX(); !errors.Is(err, keyerrors.ErrUnsupportedKeyType) {
		t.Errorf("MarshalPKIX err = %v", err)
	}
	if f := Formats(k.Type()); !slices.Equal(f, []Format{FormatAuthorizedKey, FormatRFC4716}) {
		t.Errorf("Formats = %v", f)
	}
	plain := MustParse(keytest.ReadFile(t, filepath.Join(certsDir, "user_ed25519.pub")))
	if k.Equal(plain) || k.Fingerprint(crypto.SHA256) != plain.Fingerprint(crypto.SHA256) {
		t.Error("a certificate is Equal to its key, or its fingerprint differs")
	}
	if c, _ := k.Certificate(); !c.Key().Equal(plain) {
		t.Error("Certificate().Key() is not the certified key")
	}
	if _, ok := plain.Certificate(); ok {
		t.Error("a plain key has a Certificate")
	}
}

func TestCertValidity(t *testing.T) {
	for _, c := range []struct {
		after, before uint64
		at            int64
		valid         bool
	}{
		{0, forever, 0, true},
		{0, forever, -5, true},
		{10, 20, 10, true},
		{10, 20, 19, true},
		{10, 20, 20, false},
		{10, 20, 9, false},
		{10, 20, -1, false},
		{0, 0, 0, false},
	} {
		cert := &Certificate{validAfter: c.after, validBefore: c.before}
		if got := cert.ValidAt(time.Unix(c.at, 0)); got != c.valid {
			t.Errorf("%d..%d at %d: %v", c.after, c.before, c.at, got)
		}
	}
	always := &Certificate{validAfter: 0, validBefore: forever}
	if !always.ValidAfter().IsZero() || !always.ValidBefore().IsZero() || !always.IsForever() {
		t.Error("always:forever")
	}
	huge := &Certificate{validAfter: 1 << 63, validBefore: forever - 1}
	if huge.ValidAfter().Unix() != 1<<63-1 || huge.ValidBefore().Unix() != 1<<63-1 || huge.IsForever() {
		t.Error("times beyond int64 are not clamped")
	}
	if zero := (&Certificate{validBefore: 0}); zero.ValidBefore() != time.Unix(0, 0).UTC() {
		t.Error("valid_before 0")
	}
	if UserCert.String() != "user" || HostCert.String() != "host" || CertType(7).String() != "CertType(7)" {
		t.Error("CertType.String")
	}
}

// certReference is the slow reference FuzzCertificate holds readCert to,
// written plainly on x/crypto: ssh.ParsePublicKey gives the
// *ssh.Certificate; OpenSSH's extra rules are applied to its fields; the
// certified key and the CA key must each be a plain key Parse accepts (and
// the CA no DSA key and no certificate); the signature, x/crypto's parse
// of the last field, must verify under the CA key over the bytes before
// that field.
func certReference(blob []byte) bool {
	pub, err := ssh.ParsePublicKey(blob)
	if err != nil {
		return false
	}
	cert, ok := pub.(*ssh.Certificate)
	if !ok {
		return false
	}
	if cert.CertType != ssh.UserCert && cert.CertType != ssh.HostCert {
		return false
	}
	if strings.Contains(cert.KeyId, "\x00") || len(cert.ValidPrincipals) > 256 {
		return false
	}
	for _, p := range cert.ValidPrincipals {
		if strings.Contains(p, "\x00") {
			return false
		}
	}
	if _, err := New(cert.Key, ""); err != nil {
		return false
	}
	if _, err := New(cert.SignatureKey, ""); err != nil || cert.SignatureKey.Type() == TypeDSA {
		return false
	}
	// x/crypto's parse lets the signature's own bytes follow the field's
	// declared content nowhere, and its marshalling is canonical for what
	// it reads, so the signed bytes are the blob without the last field.
	sigField := ssh.Marshal(struct{ S []byte }{ssh.Marshal(cert.Signature)})
	if !bytes.HasSuffix(blob, sigField) {
		return false
	}
	return cert.SignatureKey.Verify(blob[:len(blob)-len(sigField)], cert.Signature) == nil
}

// FuzzCertificate holds Parse of a certificate blob (as an authorized_keys
// line) to certReference: the same accept or refuse, and for an accepted
// certificate the fields x/crypto reads.
func FuzzCertificate(f *testing.F) {
	for _, g := range certGoldens() {
		data, err := os.ReadFile(g.pub)
		if err != nil {
			f.Fatal(err)
		}
		fields := strings.Fields(string(data))
		f.Add(keytest.MustB64(fields[1]))
	}
	f.Fuzz(func(t *testing.T, blob []byte) {
		name, _, ok := wire.String(blob)
		if !ok || !plausibleName(name) {
			return
		}
		in := string(name) + " " + b64(blob)
		k, err := Parse([]byte(in))
		want := certReference(blob)
		if (err == nil) != want {
			t.Fatalf("Parse err = %v, reference accepts: %v", err, want)
		}
		if err != nil {
			// A type label is a person's text, shown quoted by
			// SafeValue's rule; the base64 is never shown.
			if run := leakedUnquoted(in, err.Error()); run != "" {
				t.Fatalf("message %q echoes %q", err, run)
			}
			return
		}
		checkCertKey(t, k)
	})
}

// certStricter is the documented rule in which sshkey is stricter than
// x/crypto's ParseAuthorizedKey for a certificate x/crypto reads: it
// checks the certificate as OpenSSH's cert_parse does and verifies its
// signature, which x/crypto leaves to a CertChecker.
func certStricter(blob []byte, cert *ssh.Certificate) string {
	if !certReference(blob) {
		return "a certificate is checked as OpenSSH's cert_parse checks it, and its CA signature verified (x/crypto's parse does neither)"
	}
	return ""
}

// TestCertMutations is FuzzCertificate's check on fixed mutations of each
// certificate, for runs without -fuzz: a byte changed at positions spread
// over the blob, and the blob cut at each field's end.
func TestCertMutations(t *testing.T) {
	n := 0
	for _, g := range certGoldens() {
		fields := strings.Fields(keytest.ReadFile(t, g.pub))
		blob := keytest.MustB64(fields[1])
		var muts [][]byte
		for i := 0; i < len(blob); i += 1 + len(blob)/40 {
			for _, x := range []byte{0x01, 0x80, 0xff} {
				m := bytes.Clone(blob)
				m[i] ^= x
				muts = append(muts, m)
			}
		}
		for i := 4; i < len(blob); i += 1 + len(blob)/20 {
			muts = append(muts, blob[:i])
		}
		for _, m := range muts {
			name, _, ok := wire.String(m)
			if !ok || !plausibleName(name) {
				continue
			}
			n++
			in := string(name) + " " + b64(m)
			k, err := Parse([]byte(in))
			if want := certReference(m); (err == nil) != want {
				t.Fatalf("%s: Parse err = %v, reference accepts: %v", g.name, err, want)
			}
			if err != nil {
				if run := leakedRun(in, err.Error()); run != "" {
					t.Fatalf("message %q echoes %q", err, run)
				}
				continue
			}
			checkCertKey(t, k)
		}
	}
	if n < 1000 {
		t.Errorf("only %d mutations", n)
	}
}

// skCASign signs data as a FIDO security key holding priv would for the
// application "ssh:" (PROTOCOL.u2f): over SHA-256(application), the flags,
// the counter and SHA-256(data). It returns the CA's public key blob and
// the signature's wire form.
func skCASign(t *testing.T, priv any, data []byte) (caBlob, sig []byte) {
	t.Helper()
	const app = "ssh:"
	appDigest := sha256.Sum256([]byte(app))
	dataDigest := sha256.Sum256(data)
	const flags, counter = 0x01, 7
	signed := append(append(appDigest[:], flags, 0, 0, 0, counter), dataDigest[:]...)
	var format string
	var blob []byte
	switch priv := priv.(type) {
	case ed25519.PrivateKey:
		format = TypeSKED25519
		caBlob = wire.AppendString(wire.AppendString(wire.AppendString(nil, []byte(format)), priv.Public().(ed25519.PublicKey)), []byte(app))
		blob = ed25519.Sign(priv, signed)
	case *ecdsa.PrivateKey:
		format = TypeSKECDSA256
		q, err := priv.PublicKey.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		caBlob = wire.AppendString(wire.AppendString(wire.AppendString(wire.AppendString(nil, []byte(format)), []byte("nistp256")), q), []byte(app))
		d := sha256.Sum256(signed)
		r, s, err := ecdsa.Sign(rand.Reader, priv, d[:])
		if err != nil {
			t.Fatal(err)
		}
		blob = ssh.Marshal(struct{ R, S *big.Int }{r, s})
	}
	sig = wire.AppendString(wire.AppendString(nil, []byte(format)), blob)
	sig = append(sig, flags, 0, 0, 0, counter)
	return caBlob, sig
}

// TestCertSKCA: certificates signed by security-key CA keys (sk-ssh-ed25519
// and sk-ecdsa-sha2-nistp256, as ssh-keygen -s makes with a FIDO key; made
// here with software keys, since no authenticator is at hand, signing as
// PROTOCOL.u2f says one does) are verified, and one changed byte is
// refused.
func TestCertSKCA(t *testing.T) {
	_, edPriv, _ := ed25519.GenerateKey(rand.Reader)
	ecPriv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	certified := MustParse(keytest.ED25519Line).PublicKey()
	for _, priv := range []any{edPriv, ecPriv} {
		caBlob, _ := skCASign(t, priv, nil)
		caKey, err := ssh.ParsePublicKey(caBlob)
		if err != nil {
			t.Fatal(err)
		}
		cert := &ssh.Certificate{Nonce: []byte("0123456789abcdef"), Key: certified, Serial: 9, CertType: ssh.UserCert,
			KeyId: "sk-ca", ValidPrincipals: []string{"p"}, ValidBefore: ssh.CertTimeInfinity, SignatureKey: caKey,
			Permissions: ssh.Permissions{Extensions: map[string]string{"permit-pty": ""}}}
		unsigned := cert.Marshal()
		signed := unsigned[:len(unsigned)-4] // the empty signature field
		_, sig := skCASign(t, priv, signed)
		blob := wire.AppendString(bytes.Clone(signed), sig)
		k, err := Parse([]byte(ssh.CertAlgoED25519v01 + " " + b64(blob)))
		if err != nil {
			t.Fatalf("%s CA: %v", caKey.Type(), err)
		}
		c, _ := k.Certificate()
		if c.SignatureKey().Type() != caKey.Type() || c.SignatureAlgorithm() != caKey.Type() || !certReference(blob) {
			t.Errorf("%s CA: %v %v", caKey.Type(), c.SignatureKey().Type(), c.SignatureAlgorithm())
		}
		checkCertKey(t, k)
		// The counter is signed: another one does not verify.
		bad := bytes.Clone(blob)
		bad[len(bad)-1] ^= 1
		if _, err := Parse([]byte(ssh.CertAlgoED25519v01 + " " + b64(bad))); !errors.Is(err, keyerrors.ErrMalformedKey) {
			t.Errorf("%s CA, changed counter: err = %v", caKey.Type(), err)
		}
	}
}
