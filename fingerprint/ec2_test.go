package fingerprint_test

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
)

// ec2Goldens is the table that testdata/ec2/gen.sh writes with OpenSSL and
// ssh-keygen, AWS's own commands (never keyvet's or moto's):
//
//	imported RSA:     ssh-keygen -e -m PKCS8 -f K.pub | openssl pkey -pubin -outform DER | openssl md5 -c
//	imported Ed25519: cut -d' ' -f2 K.pub | base64 -d | openssl sha256 -binary | base64
//	created RSA:      openssl pkcs8 -topk8 -nocrypt -in K -outform DER | openssl sha1 -c
//	created Ed25519:  ssh-keygen -y -f K | cut -d' ' -f2 | base64 -d | openssl sha256 -binary | base64
//
// The committed file was made with OpenSSH_9.2p1 Debian-2+deb12u6 and
// OpenSSL 3.0.19; TestEC2Oracle runs the commands again where they are
// installed.
const ec2Goldens = "testdata/ec2/ec2.tsv"

type ec2Golden struct {
	file string // from the repository root
	kind string // "imported" or "created"
	fp   string // "" for a key type EC2 does not take ("-" in the file)
}

func readEC2Goldens(t *testing.T) []ec2Golden {
	t.Helper()
	f, err := os.Open(ec2Goldens)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []ec2Golden
	sc := bufio.NewScanner(f)
	for n := 0; sc.Scan(); n++ {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 3 {
			t.Fatalf("%s:%d: %d columns, want 3", ec2Goldens, n+1, len(cols))
		}
		if n == 0 {
			if sc.Text() != "file\tkind\tfingerprint" {
				t.Fatalf("%s: header %q", ec2Goldens, sc.Text())
			}
			continue
		}
		r := ec2Golden{file: cols[0], kind: cols[1], fp: cols[2]}
		if r.fp == "-" {
			r.fp = ""
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	var imported, created int
	for _, r := range rows {
		switch r.kind {
		case "imported":
			imported++
		case "created":
			created++
		default:
			t.Fatalf("%s: kind %q", ec2Goldens, r.kind)
		}
	}
	if imported < 10 || created < 4 {
		t.Fatalf("%s: %d imported and %d created rows, want at least 10 and 4", ec2Goldens, imported, created)
	}
	return rows
}

// rootPath is a golden's file from this package's directory.
func rootPath(file string) string { return filepath.Join("..", filepath.FromSlash(file)) }

// checkEC2Form checks the length and alphabet of an EC2 fingerprint.
func checkEC2Form(t *testing.T, fp string) {
	t.Helper()
	switch len(fp) {
	case 47, 59: // MD5, SHA-1 in colon hex
		for i, c := range fp {
			if i%3 == 2 && c != ':' || i%3 != 2 && !strings.ContainsRune("0123456789abcdef", c) {
				t.Errorf("%q is not lowercase colon hex", fp)
				return
			}
		}
	case 44: // SHA-256 in padded base64
		d, err := base64.StdEncoding.Strict().DecodeString(fp)
		if err != nil || len(d) != sha256.Size {
			t.Errorf("%q is not padded base64 of 32 bytes", fp)
		}
	default:
		t.Errorf("%q: %d characters, want 47, 59 or 44", fp, len(fp))
	}
}

// TestEC2Goldens holds EC2, MatchesEC2, Parse and EC2Created to the goldens.
func TestEC2Goldens(t *testing.T) {
	for _, r := range readEC2Goldens(t) {
		t.Run(r.file, func(t *testing.T) {
			if r.kind == "created" {
				checkCreatedGolden(t, r)
				return
			}
			pub := loadPub(t, rootPath(r.file))
			got := fingerprint.EC2(pub)
			if got != r.fp {
				t.Fatalf("EC2 = %q, want %q", got, r.fp)
			}
			if r.fp == "" {
				if pub.Type() == ssh.KeyAlgoRSA || pub.Type() == ssh.KeyAlgoED25519 {
					t.Fatalf("no golden for an EC2 key type %s", pub.Type())
				}
				for _, s := range []string{"", fingerprint.MD5(pub), fingerprint.SHA256(pub), fingerprint.SHA256(pub)[7:] + "="} {
					if fingerprint.MatchesEC2(pub, s) {
						t.Errorf("MatchesEC2(%s key, %q) = true; EC2 takes no such key", pub.Type(), s)
					}
				}
				return
			}
			checkEC2Form(t, got)
			if !fingerprint.MatchesEC2(pub, r.fp) {
				t.Errorf("MatchesEC2(key, %q) = false", r.fp)
			}
			// The SHA-256 of EC2 and of ssh-keygen are one digest;
			// EC2's MD5 is not IAM's.
			switch pub.Type() {
			case ssh.KeyAlgoED25519:
				if want := fingerprint.SHA256(pub)[len("SHA256:"):] + "="; got != want {
					t.Errorf("EC2 = %q, want ssh-keygen's digest padded: %q", got, want)
				}
				f, err := fingerprint.Parse(r.fp)
				if err != nil || !f.Matches(pub) || f.String() != fingerprint.SHA256(pub) {
					t.Errorf("Parse(%q) = %v, %v; want the key's SHA-256 fingerprint", r.fp, f, err)
				}
			case ssh.KeyAlgoRSA:
				if got == fingerprint.MD5(pub) {
					t.Errorf("EC2 = IAM's MD5 %q; EC2 hashes the DER, not the blob", got)
				}
				if !fingerprint.MatchesEC2(pub, strings.ToUpper(r.fp)) {
					t.Errorf("MatchesEC2(key, %q) = false; hex is read in either case", strings.ToUpper(r.fp))
				}
				if fingerprint.MatchesEC2(pub, fingerprint.MD5(pub)) {
					t.Errorf("MatchesEC2(key, IAM's MD5 %q) = true", fingerprint.MD5(pub))
				}
				if fingerprint.MustParse(r.fp).Matches(pub) {
					t.Errorf("Parse(%q).Matches = true; Parse reads bare hex as IAM's", r.fp)
				}
			default:
				t.Fatalf("golden for %s, which EC2 does not take", pub.Type())
			}
			// A certificate gives its certified key's value.
			cert := &ssh.Certificate{Key: pub, CertType: ssh.UserCert}
			if g := fingerprint.EC2(cert); g != got {
				t.Errorf("EC2(certificate) = %q, want the certified key's %q", g, got)
			}
			if !fingerprint.MatchesEC2(cert, r.fp) {
				t.Errorf("MatchesEC2(certificate, %q) = false", r.fp)
			}
		})
	}
}

// checkCreatedGolden holds EC2Created to a golden of a created key pair.
func checkCreatedGolden(t *testing.T, r ec2Golden) {
	t.Helper()
	material, err := os.ReadFile(rootPath(r.file))
	if err != nil {
		t.Fatal(err)
	}
	got, err := fingerprint.EC2Created(material)
	if err != nil {
		t.Fatalf("EC2Created: %v", err)
	}
	if got != r.fp {
		t.Fatalf("EC2Created = %q, want %q", got, r.fp)
	}
	checkEC2Form(t, got)
	signer, err := ssh.ParsePrivateKey(material)
	if err != nil {
		t.Fatal(err)
	}
	pub := signer.PublicKey()
	switch pub.Type() {
	case ssh.KeyAlgoRSA:
		if len(got) != 59 {
			t.Errorf("EC2Created = %q, want SHA-1 in colon hex (59 characters)", got)
		}
		// Not the imported value, and not moto's (a digest of the
		// public key): EC2 hashes the private key.
		der, err := x509.MarshalPKIXPublicKey(pub.(ssh.CryptoPublicKey).CryptoPublicKey())
		if err != nil {
			t.Fatal(err)
		}
		d := sha1.Sum(der)
		if moto := colonHex(d[:]); got == moto {
			t.Errorf("EC2Created = %q, moto's SHA-1 of the public key", got)
		}
		if fingerprint.MatchesEC2(pub, got) {
			t.Errorf("MatchesEC2(public key, created fingerprint) = true")
		}
	case ssh.KeyAlgoED25519:
		if want := fingerprint.EC2(pub); got != want {
			t.Errorf("EC2Created = %q, want EC2 of the public key %q (EC2 hashes the public key)", got, want)
		}
		if !fingerprint.MatchesEC2(pub, got) {
			t.Errorf("MatchesEC2(public key, %q) = false", got)
		}
	default:
		t.Fatalf("created golden of a %s key", pub.Type())
	}
}

func colonHex(d []byte) string {
	h := hex.EncodeToString(d)
	var parts []string
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}

// TestEC2Moto pins the values moto (the AWS mock) computes, which are
// wrong, so that no test of keyvet follows it: for Ed25519 moto shows the
// colon-hex SHA-256 of the DER SubjectPublicKeyInfo (95 characters).
func TestEC2Moto(t *testing.T) {
	pub := loadPub(t, filepath.Join(vectorDir, "ed25519_1.pub"))
	der, err := x509.MarshalPKIXPublicKey(pub.(ssh.CryptoPublicKey).CryptoPublicKey())
	if err != nil {
		t.Fatal(err)
	}
	d := sha256.Sum256(der)
	moto := colonHex(d[:])
	if len(moto) != 95 {
		t.Fatalf("moto's form: %d characters", len(moto))
	}
	if fingerprint.EC2(pub) == moto || fingerprint.MatchesEC2(pub, moto) {
		t.Errorf("EC2 follows moto: %q", moto)
	}
	if _, err := fingerprint.Parse(moto); err == nil {
		t.Errorf("Parse(%q) accepts moto's form", moto)
	}
}

// TestEC2Oracle recomputes every golden with OpenSSL and ssh-keygen, where
// they are installed, and holds both the file and keyvet to them.
func TestEC2Oracle(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	for _, tool := range []string{"openssl", "ssh-keygen", "base64"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s on the PATH", tool)
		}
	}
	tmp := t.TempDir()
	for i, r := range readEC2Goldens(t) {
		if r.fp == "" {
			continue
		}
		path := rootPath(r.file)
		var script string
		var typ string
		if r.kind == "imported" {
			typ = strings.Fields(readFile(t, path))[0]
		} else {
			signer, err := ssh.ParsePrivateKey([]byte(readFile(t, path)))
			if err != nil {
				t.Fatal(err)
			}
			typ = signer.PublicKey().Type()
		}
		switch r.kind + " " + typ {
		case "imported ssh-rsa":
			script = `ssh-keygen -e -m PKCS8 -f "$1" | openssl pkey -pubin -outform DER | openssl md5 -c | sed 's/^.*= //'`
		case "imported ssh-ed25519":
			script = `cut -d' ' -f2 "$1" | base64 -d | openssl sha256 -binary | base64`
		case "created ssh-rsa":
			script = `openssl pkcs8 -topk8 -nocrypt -in "$1" -outform DER | openssl sha1 -c | sed 's/^.*= //'`
		case "created ssh-ed25519":
			// ssh-keygen -y reads only a file of mode 0600.
			cp := filepath.Join(tmp, strings.Repeat("k", i+1))
			if err := os.WriteFile(cp, []byte(readFile(t, path)), 0o600); err != nil {
				t.Fatal(err)
			}
			path = cp
			script = `ssh-keygen -y -f "$1" | cut -d' ' -f2 | base64 -d | openssl sha256 -binary | base64`
		default:
			t.Fatalf("%s: %s %s", r.file, r.kind, typ)
		}
		out, err := exec.Command(bash, "-c", "set -euo pipefail; "+script, "oracle", path).Output()
		if err != nil {
			t.Fatalf("%s: %s: %v", r.file, script, err)
		}
		oracle := strings.TrimSpace(string(out))
		if oracle != r.fp {
			t.Errorf("%s: OpenSSL says %q, %s says %q", r.file, oracle, ec2Goldens, r.fp)
		}
		var got string
		if r.kind == "imported" {
			got = fingerprint.EC2(loadPub(t, rootPath(r.file)))
		} else {
			got, err = fingerprint.EC2Created([]byte(readFile(t, rootPath(r.file))))
			if err != nil {
				t.Fatal(err)
			}
		}
		if got != oracle {
			t.Errorf("%s: keyvet says %q, OpenSSL %q", r.file, got, oracle)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEC2Digests holds EC2 to the standard library on keys made here:
// the MD5 of MarshalPKIXPublicKey for RSA, the padded SHA-256 of the blob
// for Ed25519, "" for ECDSA.
func TestEC2Digests(t *testing.T) {
	rk, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	rpub, err := ssh.NewPublicKey(&rk.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&rk.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	md := md5.Sum(der)
	if got, want := fingerprint.EC2(rpub), colonHex(md[:]); got != want {
		t.Errorf("EC2(RSA) = %q, want %q", got, want)
	}
	epub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	spub, err := ssh.NewPublicKey(epub)
	if err != nil {
		t.Fatal(err)
	}
	sd := sha256.Sum256(spub.Marshal())
	if got, want := fingerprint.EC2(spub), base64.StdEncoding.EncodeToString(sd[:]); got != want {
		t.Errorf("EC2(Ed25519) = %q, want %q", got, want)
	}
	ek, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecpub, err := ssh.NewPublicKey(&ek.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	if got := fingerprint.EC2(ecpub); got != "" {
		t.Errorf("EC2(ECDSA) = %q, want \"\"", got)
	}
}

// TestMatchesEC2Refuses: values that are not EC2's fingerprint of the key,
// in EC2's spelling, do not match.
func TestMatchesEC2Refuses(t *testing.T) {
	rsaPub := loadPub(t, filepath.Join(vectorDir, "rsa_1.pub"))
	edPub := loadPub(t, filepath.Join(vectorDir, "ed25519_1.pub"))
	rsaFP := fingerprint.EC2(rsaPub) // c0:f9:b8:59:12:f6:5c:88:48:62:a6:dc:4c:98:16:cb
	edFP := fingerprint.EC2(edPub)   // L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560=
	for _, tt := range []struct {
		name string
		pub  ssh.PublicKey
		s    string
	}{
		{"rsa-iam-md5", rsaPub, fingerprint.MD5(rsaPub)},
		{"rsa-keygen-md5", rsaPub, "MD5:" + rsaFP},
		{"rsa-ec2-prefixed", rsaPub, "MD5:" + rsaFP},
		{"rsa-keygen-sha256", rsaPub, fingerprint.SHA256(rsaPub)},
		{"rsa-padded-sha256", rsaPub, fingerprint.SHA256(rsaPub)[7:] + "="},
		{"rsa-other-key", rsaPub, fingerprint.EC2(loadPub(t, filepath.Join(vectorDir, "rsa_2.pub")))},
		{"rsa-ed25519-value", rsaPub, edFP},
		{"rsa-trailing-newline", rsaPub, rsaFP + "\n"},
		{"rsa-leading-space", rsaPub, " " + rsaFP[:46]},
		{"rsa-dashes", rsaPub, strings.ReplaceAll(rsaFP, ":", "-")},
		{"rsa-no-colons", rsaPub, strings.ReplaceAll(rsaFP, ":", "")},
		{"rsa-last-digit", rsaPub, rsaFP[:46] + "a"},
		{"rsa-empty", rsaPub, ""},
		{"ed-keygen-sha256", edPub, fingerprint.SHA256(edPub)},
		{"ed-unpadded", edPub, edFP[:43]},
		{"ed-noncanonical", edPub, edFP[:42] + "1="},
		{"ed-url-alphabet", edPub, strings.ReplaceAll(edFP, "/", "_")},
		{"ed-md5", edPub, fingerprint.MD5(edPub)},
		{"ed-other-key", edPub, fingerprint.EC2(loadPub(t, filepath.Join(vectorDir, "ed25519_2.pub")))},
		{"ed-trailing-space", edPub, edFP[1:] + " "},
		{"ed-rsa-value", edPub, rsaFP},
		{"ed-empty", edPub, ""},
	} {
		if fingerprint.MatchesEC2(tt.pub, tt.s) {
			t.Errorf("%s: MatchesEC2(%s, %q) = true", tt.name, tt.pub.Type(), tt.s)
		}
	}
}

// TestEC2CreatedFormats: the same RSA key in PKCS #1, PKCS #8 and OpenSSH
// PEM gives one fingerprint; an Ed25519 key in PKCS #8 and OpenSSH gives
// EC2 of its public key.
func TestEC2CreatedFormats(t *testing.T) {
	material := []byte(readFile(t, "testdata/ec2/created-rsa2048.pem"))
	want, err := fingerprint.EC2Created(material)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(material)
	rk, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	p8, err := x509.MarshalPKCS8PrivateKey(rk)
	if err != nil {
		t.Fatal(err)
	}
	d := sha1.Sum(p8)
	if got := colonHex(d[:]); got != want {
		t.Errorf("EC2Created = %q, SHA-1 of MarshalPKCS8PrivateKey %q", want, got)
	}
	sshBlock, err := ssh.MarshalPrivateKey(rk, "")
	if err != nil {
		t.Fatal(err)
	}
	_, ek, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ep8, err := x509.MarshalPKCS8PrivateKey(ek)
	if err != nil {
		t.Fatal(err)
	}
	eSSH, err := ssh.MarshalPrivateKey(ek, "comment")
	if err != nil {
		t.Fatal(err)
	}
	epub, err := ssh.NewPublicKey(ek.Public())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		material []byte
		want     string
	}{
		{"rsa-pkcs8", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8}), want},
		{"rsa-openssh", pem.EncodeToMemory(sshBlock), want},
		{"rsa-crlf", []byte(strings.ReplaceAll(string(material), "\n", "\r\n")), want},
		{"rsa-trailing-blank-lines", append(append([]byte(nil), material...), "\n\n  \n"...), want},
		{"ed25519-pkcs8", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ep8}), fingerprint.EC2(epub)},
		{"ed25519-openssh", pem.EncodeToMemory(eSSH), fingerprint.EC2(epub)},
	} {
		got, err := fingerprint.EC2Created(tt.material)
		if err != nil || got != tt.want {
			t.Errorf("%s: EC2Created = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

// TestEC2CreatedRefuses: what is not the key material of an RSA or Ed25519
// key pair is refused with a sentinel, and the error holds nothing of it.
func TestEC2CreatedRefuses(t *testing.T) {
	rsaPEM := readFile(t, "testdata/ec2/created-rsa2048.pem")
	ek, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecP8, err := x509.MarshalPKCS8PrivateKey(ek)
	if err != nil {
		t.Fatal(err)
	}
	ecSSH, err := ssh.MarshalPrivateKey(ek, "")
	if err != nil {
		t.Fatal(err)
	}
	_, edk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	edEnc, err := ssh.MarshalPrivateKeyWithPassphrase(edk, "", []byte("keyvet-test"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(rsaPEM, "\n")
	corrupt := strings.Join(append(append([]string{lines[0]}, lines[1][:40]+lines[1][41:]), lines[2:]...), "\n")
	truncated := strings.Join(append([]string{lines[0], lines[1]}, lines[len(lines)-2:]...), "\n")
	headers := strings.Replace(rsaPEM, "KEY-----\n", "KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n", 1)
	for _, tt := range []struct {
		name     string
		material string
		want     error
	}{
		{"empty", "", keyerrors.ErrMalformedKey},
		{"garbage", "zq8HJXw3Vb0tKmN2pLs7YcD4eRu9gTiA", keyerrors.ErrMalformedKey},
		{"binary", "\x00\xff\x30\x82\x04\xa4\x02\x01\x00\x02\x82\x01\x01\x00\xc3\x9f", keyerrors.ErrMalformedKey},
		{"der-not-pem", string(x509.MarshalPKCS1PrivateKey(mustRSA(t, rsaPEM))), keyerrors.ErrMalformedKey},
		{"authorized-keys-line", readFile(t, filepath.Join(vectorDir, "rsa_1.pub")), keyerrors.ErrMalformedKey},
		{"corrupt-pkcs1", corrupt, keyerrors.ErrMalformedKey},
		{"truncated-pkcs1", truncated, keyerrors.ErrMalformedKey},
		{"two-blocks", rsaPEM + rsaPEM, keyerrors.ErrMalformedKey},
		{"pkcs8-public-key", readFile(t, "../testdata/keys/rsa2048.pkcs8"), keyerrors.ErrUnsupportedEncoding},
		{"rsa-public-key", readFile(t, "../testdata/keys/rsa2048.pem"), keyerrors.ErrUnsupportedEncoding},
		{"pem-encrypted", headers, keyerrors.ErrUnsupportedEncoding},
		{"pkcs8-encrypted", readFile(t, "../testdata/keys/private/pkcs8_encrypted"), keyerrors.ErrUnsupportedEncoding},
		{"openssh-rsa-encrypted", readFile(t, "../testdata/keys/private/openssh_rsa_encrypted"), keyerrors.ErrUnsupportedEncoding},
		{"openssh-ed25519-encrypted", string(pem.EncodeToMemory(edEnc)), keyerrors.ErrUnsupportedEncoding},
		{"ecdsa-sec1", readFile(t, "../testdata/keys/private/pem_ec"), keyerrors.ErrUnsupportedKeyType},
		{"dsa", readFile(t, "../testdata/keys/private/pem_dsa"), keyerrors.ErrUnsupportedKeyType},
		{"ecdsa-pkcs8", string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecP8})), keyerrors.ErrUnsupportedKeyType},
		{"ecdsa-openssh", string(pem.EncodeToMemory(ecSSH)), keyerrors.ErrUnsupportedKeyType},
		{"putty", readFile(t, "../testdata/keys/private/putty_v3.ppk"), keyerrors.ErrMalformedKey},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := fingerprint.EC2Created([]byte(tt.material))
			if err == nil {
				t.Fatalf("EC2Created = %q, want an error", got)
			}
			if got != "" {
				t.Errorf("EC2Created returned %q with its error", got)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			checkNoMaterial(t, tt.material, err)
		})
	}
}

func mustRSA(t *testing.T, pemText string) *rsa.PrivateKey {
	t.Helper()
	b, _ := pem.Decode([]byte(pemText))
	k, err := x509.ParsePKCS1PrivateKey(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// checkNoMaterial checks that EC2Created's error holds nothing of the
// input: not its PEM type and no 6 bytes in a row of it, and is one of the
// fixed texts ("fingerprint: EC2 key material: REASON: SENTINEL").
func checkNoMaterial(t *testing.T, material string, err error) {
	t.Helper()
	msg := err.Error()
	if !strings.HasPrefix(msg, "fingerprint: EC2 key material: ") {
		t.Errorf("error %q: not EC2Created's", msg)
	}
	for _, m := range []string{"BEGIN", "PRIVATE KEY", "PUBLIC KEY", "PuTTY", "ssh-rsa", "OPENSSH"} {
		if strings.Contains(msg, m) {
			t.Errorf("error %q names %s", msg, m)
		}
	}
	for i := 0; i+6 <= len(material); i++ {
		if w := material[i : i+6]; strings.Contains(msg, w) && strings.TrimSpace(w) == w && !strings.Contains(w, "-") {
			t.Errorf("error %q holds %q of the input", msg, w)
			return
		}
	}
}

// ec2CreatedReasons are the only reasons EC2Created's error gives, each
// with its sentinel: fixed texts, so that no byte of the input can reach
// the message. A new reason in ec2.go must be added here.
var ec2CreatedReasons = map[string]error{
	"no PEM block":                                   keyerrors.ErrMalformedKey,
	"data after the PEM block":                       keyerrors.ErrMalformedKey,
	"the PKCS #1 RSA private key does not decode":    keyerrors.ErrMalformedKey,
	"the PKCS #8 private key does not decode":        keyerrors.ErrMalformedKey,
	"the OpenSSH private key does not decode":        keyerrors.ErrMalformedKey,
	"the RSA private key does not encode as PKCS #8": keyerrors.ErrMalformedKey,
	"the Ed25519 public key does not encode":         keyerrors.ErrMalformedKey,
	"PEM headers (an encrypted key?)":                keyerrors.ErrUnsupportedEncoding,
	"an encrypted OpenSSH private key":               keyerrors.ErrUnsupportedEncoding,
	"the PEM block is not a private key EC2 returns": keyerrors.ErrUnsupportedEncoding,
	"EC2 creates RSA and Ed25519 key pairs only":     keyerrors.ErrUnsupportedKeyType,
}

// FuzzEC2Created checks that EC2Created never panics, that a fingerprint
// has EC2's form, and that an error is one of the fixed texts with its
// sentinel, whatever the input.
func FuzzEC2Created(f *testing.F) {
	for _, p := range []string{
		"testdata/ec2/created-rsa2048.pem", "testdata/ec2/created-ed25519",
		"../testdata/keys/private/pem_ec", "../testdata/keys/private/pkcs8_rsa",
		"../testdata/keys/private/openssh_rsa_encrypted", "../testdata/keys/rsa2048.pkcs8",
	} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, material []byte) {
		fp, err := fingerprint.EC2Created(material)
		if err == nil {
			checkEC2Form(t, fp)
			return
		}
		if fp != "" {
			t.Errorf("EC2Created returned %q with its error", fp)
		}
		msg, ok := strings.CutPrefix(err.Error(), "fingerprint: EC2 key material: ")
		if !ok {
			t.Fatalf("error %q: not EC2Created's", err)
		}
		for reason, sentinel := range ec2CreatedReasons {
			if msg == reason+": "+sentinel.Error() {
				if !errors.Is(err, sentinel) {
					t.Errorf("error %q does not wrap %v", err, sentinel)
				}
				return
			}
		}
		t.Errorf("error %q is none of the fixed texts", err)
	})
}

// FuzzMatchesEC2 holds MatchesEC2 to a string comparison with EC2's
// value: either case of the hex for RSA, the exact text for Ed25519.
func FuzzMatchesEC2(f *testing.F) {
	rsaPub := loadPub(f, filepath.Join(vectorDir, "rsa_1.pub"))
	edPub := loadPub(f, filepath.Join(vectorDir, "ed25519_1.pub"))
	ecPub := loadPub(f, filepath.Join(vectorDir, "ecdsa_1.pub"))
	for _, pub := range []ssh.PublicKey{rsaPub, edPub, ecPub} {
		f.Add(fingerprint.EC2(pub))
		f.Add(fingerprint.MD5(pub))
		f.Add(fingerprint.SHA256(pub))
		f.Add(fingerprint.SHA256(pub)[7:] + "=")
	}
	f.Add(strings.ToUpper(fingerprint.EC2(rsaPub)))
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fingerprint.MatchesEC2(rsaPub, s), strings.ToLower(s) == fingerprint.EC2(rsaPub); got != want {
			t.Errorf("MatchesEC2(RSA, %q) = %v, want %v", s, got, want)
		}
		if got, want := fingerprint.MatchesEC2(edPub, s), s == fingerprint.EC2(edPub); got != want {
			t.Errorf("MatchesEC2(Ed25519, %q) = %v, want %v", s, got, want)
		}
		if fingerprint.MatchesEC2(ecPub, s) {
			t.Errorf("MatchesEC2(ECDSA, %q) = true", s)
		}
	})
}
