package sshkey

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// -update regenerates testdata/keys with ssh-keygen (and openssl for the
// encrypted PKCS#8 key). Normal runs only read the files.
var update = flag.Bool("update", false, "regenerate ../testdata/keys with ssh-keygen and openssl")

const keysDir = "../testdata/keys"

// goldenKeys are the public keys made by ssh-keygen: file stem, ssh-keygen
// -t and -b, the type and bits Parse must report.
var goldenKeys = []struct {
	stem, t string
	b       int
	typ     string
	bits    int
}{
	{"rsa1024", "rsa", 1024, TypeRSA, 1024},
	{"rsa2048", "rsa", 2048, TypeRSA, 2048},
	{"rsa3072", "rsa", 3072, TypeRSA, 3072},
	{"rsa4096", "rsa", 4096, TypeRSA, 4096},
	{"rsa8192", "rsa", 8192, TypeRSA, 8192},
	{"ed25519", "ed25519", 0, TypeED25519, 256},
	{"ecdsa256", "ecdsa", 256, TypeECDSA256, 256},
	{"ecdsa384", "ecdsa", 384, TypeECDSA384, 384},
	{"ecdsa521", "ecdsa", 521, TypeECDSA521, 521},
	{"dsa1024", "dsa", 1024, TypeDSA, 1024},
}

// goldenExports are the ssh-keygen -e -m modes and the file suffix each is
// kept under. ssh-keygen 9.2 writes no PKCS8 or PEM form of Ed25519 keys.
var goldenExports = []struct{ mode, suffix string }{
	{"RFC4716", ".rfc4716"},
	{"PKCS8", ".pkcs8"},
	{"PEM", ".pem"},
}

// goldenPrivate are the private key files kept for refusal tests, in
// testdata/keys/private, with how each is made.
var goldenPrivate = []struct{ file, how string }{
	{"openssh_ed25519", "ssh-keygen -t ed25519 (OpenSSH format)"},
	{"openssh_rsa_encrypted", "ssh-keygen -t rsa -b 1024 -N keyvet-test (OpenSSH format, encrypted)"},
	{"pem_rsa", "ssh-keygen -t rsa -b 1024 -m PEM"},
	{"pem_ec", "ssh-keygen -t ecdsa -m PEM"},
	{"pem_dsa", "ssh-keygen -t dsa -m PEM"},
	{"pkcs8_rsa", "ssh-keygen -t rsa -b 1024 -m PKCS8"},
	{"pkcs8_encrypted", "openssl pkcs8 -topk8 -v2 aes-256-cbc of pem_rsa"},
	{"putty_v3.ppk", "written by the test: PuTTY-User-Key-File-3, ed25519, unencrypted"},
	{"putty_v2.ppk", "written by the test: PuTTY-User-Key-File-2, ed25519, unencrypted"},
	{"ssh2_encrypted", "written by the test: SSH.com SSH2 ENCRYPTED PRIVATE KEY framing around random bytes"},
	{"dropbear_ed25519", "dropbearkey -t ed25519 (Dropbear's binary format)"},
	{"dropbear_rsa", "dropbearkey -t rsa"},
	{"dropbear_ecdsa", "dropbearkey -t ecdsa"},
}

func run(t fataler, name string, args ...string) []byte { return keytest.Run(t, name, args...) }

func writeFile(t fataler, path string, data []byte) { keytest.WriteFile(t, path, data) }

// TestMain regenerates testdata/keys before the tests when -update is given:
//
//	go test ./sshkey/ -update
func TestMain(m *testing.M) {
	flag.Parse()
	if *update {
		tmp, err := os.MkdirTemp("", "keyvet-goldens")
		if err != nil {
			log.Fatal(err)
		}
		updateGoldens(logFataler{}, tmp)
		os.RemoveAll(tmp)
	}
	os.Exit(m.Run())
}

// fataler is the part of testing.TB the generator uses.
type fataler = keytest.Fataler

type logFataler struct{}

func (logFataler) Helper()                           {}
func (logFataler) Fatal(args ...any)                 { log.Fatal(args...) }
func (logFataler) Fatalf(format string, args ...any) { log.Fatalf(format, args...) }

func updateGoldens(t fataler, tmp string) {
	priv := filepath.Join(keysDir, "private")
	if err := os.MkdirAll(priv, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, g := range goldenKeys {
		key := filepath.Join(tmp, g.stem)
		args := []string{"-q", "-t", g.t, "-N", "", "-C", "keyvet throwaway test key " + g.stem, "-f", key}
		if g.b != 0 {
			args = append(args, "-b", fmt.Sprint(g.b))
		}
		run(t, "ssh-keygen", args...)
		pub, err := os.ReadFile(key + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(keysDir, g.stem+".pub"), pub)
		// The fingerprints as ssh-keygen prints them, for tests that
		// run without ssh-keygen.
		fp := append(run(t, "ssh-keygen", "-l", "-E", "md5", "-f", key+".pub"),
			run(t, "ssh-keygen", "-l", "-E", "sha256", "-f", key+".pub")...)
		writeFile(t, filepath.Join(keysDir, g.stem+".fp"), fp)
		for _, e := range goldenExports {
			dst := filepath.Join(keysDir, g.stem+e.suffix)
			out, err := exec.Command("ssh-keygen", "-e", "-m", e.mode, "-f", key+".pub").Output()
			if err != nil {
				os.Remove(dst) // ssh-keygen cannot export this type so
				continue
			}
			writeFile(t, dst, out)
		}
		if g.t == "ecdsa" {
			// A compressed point (RFC 5480 section 2.2), as openssl
			// writes it.
			run(t, "openssl", "ec", "-pubin", "-in", filepath.Join(keysDir, g.stem+".pkcs8"), "-pubout",
				"-conv_form", "compressed", "-out", filepath.Join(keysDir, g.stem+".compressed.pem"))
		}
	}

	gen := func(file string, args ...string) {
		key := filepath.Join(tmp, file)
		run(t, "ssh-keygen", append([]string{"-q", "-C", "keyvet throwaway " + file, "-f", key}, args...)...)
		data, err := os.ReadFile(key)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(priv, file), data)
	}
	gen("openssh_ed25519", "-t", "ed25519", "-N", "")
	gen("openssh_rsa_encrypted", "-t", "rsa", "-b", "1024", "-N", "keyvet-test")
	gen("pem_rsa", "-t", "rsa", "-b", "1024", "-N", "", "-m", "PEM")
	gen("pem_ec", "-t", "ecdsa", "-N", "", "-m", "PEM")
	gen("pem_dsa", "-t", "dsa", "-N", "", "-m", "PEM")
	gen("pkcs8_rsa", "-t", "rsa", "-b", "1024", "-N", "", "-m", "PKCS8")
	enc := run(t, "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:keyvet-test",
		"-in", filepath.Join(tmp, "pem_rsa"))
	writeFile(t, filepath.Join(priv, "pkcs8_encrypted"), enc)
	writeFile(t, filepath.Join(priv, "putty_v3.ppk"), puttyKey(t, 3))
	writeFile(t, filepath.Join(priv, "putty_v2.ppk"), puttyKey(t, 2))
	writeFile(t, filepath.Join(priv, "ssh2_encrypted"), ssh2PrivateKey(t))
	for _, typ := range []string{"ed25519", "rsa", "ecdsa"} {
		key := filepath.Join(tmp, "dropbear_"+typ)
		run(t, "dropbearkey", "-t", typ, "-f", key)
		data, err := os.ReadFile(key)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(priv, "dropbear_"+typ), data)
	}
}

// puttyKey writes an unencrypted PuTTY private key file of a new Ed25519 key
// (PuTTY's doc/ppk.but): the framing and MAC are right, the key is thrown
// away.
func puttyKey(t fataler, version int) []byte {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	str := func(dst, s []byte) []byte {
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(s)))
		return append(dst, s...)
	}
	pubBlob := str(str(nil, []byte("ssh-ed25519")), pub)
	privBlob := str(nil, priv.Seed())
	comment := "keyvet throwaway putty key"
	var macData []byte
	for _, s := range [][]byte{[]byte("ssh-ed25519"), []byte("none"), []byte(comment), pubBlob, privBlob} {
		macData = str(macData, s)
	}
	var mac []byte
	if version == 3 {
		m := hmac.New(sha256.New, nil) // v3, unencrypted: empty MAC key
		m.Write(macData)
		mac = m.Sum(nil)
	} else {
		// v2: HMAC-SHA-1 keyed with SHA-1("putty-private-key-file-mac-key"),
		// no passphrase.
		k := sha1.Sum([]byte("putty-private-key-file-mac-key"))
		m := hmac.New(sha1.New, k[:])
		m.Write(macData)
		mac = m.Sum(nil)
	}
	lines := func(b []byte) string {
		s := base64.StdEncoding.EncodeToString(b)
		var out []string
		for len(s) > 64 {
			out = append(out, s[:64])
			s = s[64:]
		}
		out = append(out, s)
		return fmt.Sprintf("%d\n%s\n", len(out), strings.Join(out, "\n"))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "PuTTY-User-Key-File-%d: ssh-ed25519\nEncryption: none\nComment: %s\n", version, comment)
	b.WriteString("Public-Lines: " + lines(pubBlob))
	b.WriteString("Private-Lines: " + lines(privBlob))
	fmt.Fprintf(&b, "Private-MAC: %x\n", mac)
	return []byte(b.String())
}

// ssh2PrivateKey writes the framing of an SSH.com private key
// ("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----", magic 0x3f6ff9eb) around
// random bytes: what sshkey must refuse from its markers alone.
func ssh2PrivateKey(t fataler) []byte {
	body := make([]byte, 300)
	if _, err := rand.Read(body); err != nil {
		t.Fatal(err)
	}
	binary.BigEndian.PutUint32(body, 0x3f6ff9eb)
	s := base64.StdEncoding.EncodeToString(body)
	var b strings.Builder
	b.WriteString("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"keyvet throwaway ssh2 key\"\n")
	for len(s) > 70 {
		b.WriteString(s[:70] + "\n")
		s = s[70:]
	}
	b.WriteString(s + "\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n")
	return []byte(b.String())
}
