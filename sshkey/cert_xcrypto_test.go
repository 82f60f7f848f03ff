package sshkey

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	xtestdata "golang.org/x/crypto/ssh/testdata"

	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// The certificates of x/crypto's ssh test data (golang.org/x/crypto at the
// version go.mod requires, ssh/testdata/keys.go, the map SSHCertificates),
// one file each in xcryptoDir as NAME-cert.pub, with the goldens of
// ssh-keygen -l and -L beside them (testdata/vectors/xcrypto/README.md).
// -update-certs rewrites the files from the map and the goldens with the
// ssh-keygen installed.
const xcryptoDir = "../testdata/vectors/xcrypto"

// xcryptoCert is one certificate of SSHCertificates: its map key, and what
// Parse answers (nil: it reads it, as ssh-keygen does).
type xcryptoCert struct {
	name string
	err  error
}

// xcryptoCerts lists every key of SSHCertificates. ssh-keygen of OpenSSH 9.2
// reads each of them (all are RSA keys certified by x/crypto's RSA test CA
// key "ca", with ssh-rsa, rsa-sha2-256 and rsa-sha2-512 signatures), and so
// does Parse.
var xcryptoCerts = []xcryptoCert{
	{"rsa", nil},
	{"rsa-sha2-256", nil},
	{"rsa-sha2-512", nil},
	{"rsa-user-testcertificate", nil},
}

// TestXCryptoCertFiles: the committed files are x/crypto's certificates,
// byte for byte, and xcryptoCerts lists every one of them.
func TestXCryptoCertFiles(t *testing.T) {
	var names, listed []string
	for name := range xtestdata.SSHCertificates {
		names = append(names, name)
	}
	for _, c := range xcryptoCerts {
		listed = append(listed, c.name)
	}
	slices.Sort(names)
	slices.Sort(listed)
	if !slices.Equal(names, listed) {
		t.Fatalf("x/crypto's SSHCertificates has %q, xcryptoCerts lists %q", names, listed)
	}
	files, err := filepath.Glob(filepath.Join(xcryptoDir, "*-cert.pub"))
	if err != nil || len(files) != len(names) {
		t.Fatalf("%s has %d certificate files (%v), want %d", xcryptoDir, len(files), err, len(names))
	}
	for _, name := range names {
		want := xtestdata.SSHCertificates[name]
		if got := keytest.ReadFile(t, filepath.Join(xcryptoDir, name+"-cert.pub")); got != string(want) {
			t.Errorf("%s-cert.pub is not x/crypto's SSHCertificates[%q]", name, name)
		}
	}
}

// TestXCryptoCertGoldens holds Parse of each x/crypto certificate to
// ssh-keygen's goldens as TestCertGoldens does: the type, size and SHA256
// and MD5 fingerprints of -l, every field of -L, or the refusal.
func TestXCryptoCertGoldens(t *testing.T) {
	if *updateCerts {
		for _, c := range xcryptoCerts {
			pub := filepath.Join(xcryptoDir, c.name+"-cert.pub")
			keytest.WriteFile(t, pub, xtestdata.SSHCertificates[c.name])
			writeCertGoldens(t, pub, filepath.Join(xcryptoDir, c.name+"-cert"))
		}
	}
	for _, c := range xcryptoCerts {
		t.Run(c.name, func(t *testing.T) {
			checkCertGoldens(t, filepath.Join(xcryptoDir, c.name+"-cert.pub"), filepath.Join(xcryptoDir, c.name+"-cert"), c.err)
		})
	}
}

// TestXCryptoCertKeygen runs the ssh-keygen installed, when there is one, on
// each x/crypto certificate and holds it to the committed goldens, so that a
// golden cannot go stale.
func TestXCryptoCertKeygen(t *testing.T) {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("no ssh-keygen")
	}
	if testing.Short() {
		t.Skip("short")
	}
	for _, c := range xcryptoCerts {
		if c.err != nil {
			continue
		}
		stem := filepath.Join(xcryptoDir, c.name+"-cert")
		pub := stem + ".pub"
		l := append(keygen(t, "-l", "-E", "sha256", "-f", pub), keygen(t, "-l", "-E", "md5", "-f", pub)...)
		if want := keytest.ReadFile(t, stem+".l"); !bytes.Equal(l, []byte(want)) {
			t.Errorf("%s: ssh-keygen -l:\n got %s\nwant %s", c.name, l, want)
		}
		_, gotL, _ := strings.Cut(string(keygen(t, "-L", "-f", pub)), "\n")
		_, wantL, _ := strings.Cut(keytest.ReadFile(t, stem+".L"), "\n")
		if gotL != wantL {
			t.Errorf("%s: ssh-keygen -L:\n got %s\nwant %s", c.name, gotL, wantL)
		}
	}
}
