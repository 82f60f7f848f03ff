package fingerprint_test

import (
	"bufio"
	"crypto"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/keyvet/keyvet/fingerprint"
)

// readOptional returns the trimmed content of path, or "" if there is no
// such file.
func readOptional(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// sshKeygenTSV reads fingerprints-sshkeygen-9.2.tsv: file, then the lines
// of ssh-keygen -l -E md5 and -E sha256. It returns the fingerprints by
// file name.
func sshKeygenTSV(t *testing.T) map[string][2]string {
	t.Helper()
	f, err := os.Open(filepath.Join(vectorDir, "fingerprints-sshkeygen-9.2.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string][2]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 3 {
			t.Fatalf("tsv row %q: %d columns", sc.Text(), len(cols))
		}
		rows[cols[0]] = [2]string{strings.Fields(cols[1])[1], strings.Fields(cols[2])[1]}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestOpenSSHVectors checks every key of OpenSSH's regress test data
// against its .fp (SHA256), .fp.bb (Bubble Babble) and the MD5 and SHA256
// ssh-keygen 9.2 printed. Certificates give their certified key's values.
// Keys x/crypto cannot parse are checked through the blob functions.
func TestOpenSSHVectors(t *testing.T) {
	tsv := sshKeygenTSV(t)
	used := map[string]bool{}
	for _, path := range vectorFiles(t) {
		base := filepath.Base(path)
		stem := strings.TrimSuffix(base, ".pub")
		t.Run(stem, func(t *testing.T) {
			k := loadKey(t, path)
			isCert := strings.Contains(stem, "-cert")
			// A certificate has no .fp.bb of its own: its certified
			// key's applies.
			wantSHA256 := readOptional(t, filepath.Join(vectorDir, stem+".fp"))
			wantBB := readOptional(t, filepath.Join(vectorDir, strings.TrimSuffix(stem, "-cert")+".fp.bb"))
			row, inTSV := tsv[base]
			used[base] = true
			if inTSV {
				if wantSHA256 != "" && wantSHA256 != row[1] {
					t.Fatalf(".fp says %s, ssh-keygen 9.2 %s", wantSHA256, row[1])
				}
				wantSHA256 = row[1]
			} else if _, ok := xcryptoRefuses[base]; !ok {
				t.Fatalf("no row in the tsv; only the keys ssh-keygen 9.2 cannot read may lack one")
			}
			if wantSHA256 == "" {
				t.Fatalf("no expected SHA256 (no .fp and no tsv row)")
			}

			// The blob functions, over the blob OpenSSH hashes.
			if got := fingerprint.OfBlob(crypto.SHA256, k.plain); got != wantSHA256 {
				t.Errorf("OfBlob(SHA256, plain blob) = %s, want %s", got, wantSHA256)
			}
			if wantBB != "" {
				if got := fingerprint.BubblebabbleBlob(k.plain); got != wantBB {
					t.Errorf("BubblebabbleBlob(plain blob) = %s, want %s", got, wantBB)
				}
			}
			if inTSV {
				if got := "MD5:" + fingerprint.OfBlob(crypto.MD5, k.plain); got != row[0] {
					t.Errorf("OfBlob(MD5, plain blob) = %s, want %s", got, row[0])
				}
			}
			if isCert {
				// The blob functions hash what they are given: the
				// whole certificate, not what OpenSSH prints.
				if got := fingerprint.OfBlob(crypto.SHA256, k.blob); got == wantSHA256 {
					t.Errorf("OfBlob(SHA256, certificate blob) = %s, OpenSSH's value; want the whole certificate's", got)
				}
			}

			if k.pub == nil {
				t.Logf("checked through the blob functions only: %s", xcryptoRefuses[base])
				return
			}
			pub := k.pub
			if got := fingerprint.SHA256(pub); got != wantSHA256 {
				t.Errorf("SHA256 = %s, want %s", got, wantSHA256)
			}
			if wantBB != "" {
				if got := fingerprint.Bubblebabble(pub); got != wantBB {
					t.Errorf("Bubblebabble = %s, want %s", got, wantBB)
				}
			}
			if inTSV {
				if got := fingerprint.MD5(pub); "MD5:"+got != row[0] {
					t.Errorf("MD5 = %s, want %s without its prefix", got, row[0])
				}
			}
			f := fingerprint.MustParse(wantSHA256)
			if !f.Matches(pub) {
				t.Errorf("MustParse(%s).Matches = false", wantSHA256)
			}
			if got := f.MatchesBlob(k.blob); got == isCert {
				t.Errorf("MatchesBlob(blob as in the file) = %v, want %v", got, !isCert)
			}

			// x/crypto agrees for a plain key and hashes the whole
			// certificate for a certificate.
			xSHA, xMD5 := ssh.FingerprintSHA256(pub), ssh.FingerprintLegacyMD5(pub)
			if isCert {
				if xSHA == wantSHA256 {
					t.Errorf("ssh.FingerprintSHA256(certificate) = %s, OpenSSH's value: the documented difference is gone", xSHA)
				}
				if want := fingerprint.OfBlob(crypto.SHA256, k.blob); xSHA != want {
					t.Errorf("ssh.FingerprintSHA256(certificate) = %s, OfBlob(certificate blob) = %s", xSHA, want)
				}
				if want := fingerprint.OfBlob(crypto.MD5, k.blob); xMD5 != want {
					t.Errorf("ssh.FingerprintLegacyMD5(certificate) = %s, OfBlob(certificate blob) = %s", xMD5, want)
				}
			} else {
				if xSHA != wantSHA256 {
					t.Errorf("ssh.FingerprintSHA256 = %s, want %s", xSHA, wantSHA256)
				}
				if want := fingerprint.MD5(pub); xMD5 != want {
					t.Errorf("ssh.FingerprintLegacyMD5 = %s, MD5 = %s", xMD5, want)
				}
			}
		})
	}
	for file := range tsv {
		if !used[file] {
			t.Errorf("tsv row for %s, which is not a key file", file)
		}
	}
}

// TestCertificate pins the documented difference: a certificate
// fingerprints as its certified key in OpenSSH and here, as the whole
// certificate in x/crypto.
func TestCertificate(t *testing.T) {
	cert := loadPub(t, filepath.Join(vectorDir, "ed25519_1-cert.pub"))
	key := loadPub(t, filepath.Join(vectorDir, "ed25519_1.pub"))
	if _, ok := cert.(*ssh.Certificate); !ok {
		t.Fatalf("ed25519_1-cert.pub parsed as %T", cert)
	}
	const (
		openssh = "SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560" // ed25519_1-cert.fp, ssh-keygen -l
		xcrypto = "SHA256:UYt3G1lz3d+U2zn1qnB2GIhTduXrS0igDusIC3adiKo" // ssh.FingerprintSHA256(cert), as in doc.go
	)
	for _, c := range []struct{ name, got, want string }{
		{"SHA256(cert)", fingerprint.SHA256(cert), openssh},
		{"SHA256(key)", fingerprint.SHA256(key), openssh},
		{"FromKey(SHA256, cert).String()", fingerprint.FromKey(crypto.SHA256, cert).String(), openssh},
		{"ssh.FingerprintSHA256(cert)", ssh.FingerprintSHA256(cert), xcrypto},
		{"OfBlob(SHA256, cert.Marshal())", fingerprint.OfBlob(crypto.SHA256, cert.Marshal()), xcrypto},
		{"MD5(cert)", fingerprint.MD5(cert), fingerprint.MD5(key)},
		{"SHA1(cert)", fingerprint.SHA1(cert), fingerprint.SHA1(key)},
		{"SHA384(cert)", fingerprint.SHA384(cert), fingerprint.SHA384(key)},
		{"SHA512(cert)", fingerprint.SHA512(cert), fingerprint.SHA512(key)},
		{"Bubblebabble(cert)", fingerprint.Bubblebabble(cert), fingerprint.Bubblebabble(key)},
		// The picture is the key's under a certificate header.
		{"RandomArt(cert) body", strings.SplitN(fingerprint.RandomArt(cert), "\n", 2)[1], strings.SplitN(fingerprint.RandomArt(key), "\n", 2)[1]},
		{"RandomArt(cert) header", strings.SplitN(fingerprint.RandomArt(cert), "\n", 2)[0], "+-[ED25519-CERT]--+"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if !fingerprint.MustParse(openssh).Matches(cert) {
		t.Errorf("the fingerprint ssh-keygen prints for the certificate does not match it")
	}
	if fingerprint.MustParse(xcrypto).Matches(cert) {
		t.Errorf("x/crypto's fingerprint of the certificate matches it; Matches should follow OpenSSH")
	}
}

// sshpubkeysVector is an entry of python-sshpubkeys' vectors.json.
type sshpubkeysVector struct {
	File   string `json:"file"`
	Name   string `json:"name"`
	Key    string `json:"key"`
	Bits   int    `json:"bits"`
	MD5    string `json:"md5"`
	SHA256 string `json:"sha256"`
}

// TestSSHPubKeysVectors checks python-sshpubkeys' valid keys: the
// authorized_keys lines against their MD5 and SHA256, the RFC 4716 files
// against the line of the same key.
func TestSSHPubKeysVectors(t *testing.T) {
	data, err := os.ReadFile("../testdata/vectors/sshpubkeys/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ Valid []sshpubkeysVector }
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	byName := map[string]sshpubkeysVector{}
	for _, e := range v.Valid {
		if e.File == "valid_keys" {
			byName[e.Name] = e
		}
	}
	var lines, rfc int
	for _, e := range v.Valid {
		t.Run(e.Name, func(t *testing.T) {
			var blob []byte
			want := e
			switch e.File {
			case "valid_keys":
				var err error
				if _, blob, err = authorizedBlob(e.Key); err != nil {
					t.Fatal(err)
				}
				if e.MD5 == "" || e.SHA256 == "" {
					t.Fatalf("vector without md5 or sha256")
				}
				lines++
			case "valid_keys_rfc4716":
				var err error
				if blob, err = rfc4716Blob(e.Key); err != nil {
					t.Fatal(err)
				}
				var ok bool
				if want, ok = byName[strings.TrimSuffix(e.Name, "_rfc4716")]; !ok {
					t.Fatalf("no authorized_keys vector for this RFC 4716 file")
				}
				rfc++
			default:
				t.Fatalf("unknown vector file %q", e.File)
			}
			if got := "MD5:" + fingerprint.OfBlob(crypto.MD5, blob); got != want.MD5 {
				t.Errorf("MD5 = %s, want %s", got, want.MD5)
			}
			if got := fingerprint.OfBlob(crypto.SHA256, blob); got != want.SHA256 {
				t.Errorf("SHA256 = %s, want %s", got, want.SHA256)
			}
			// The size in the picture's header is the vector's.
			art, err := fingerprint.RandomArtBlob(crypto.SHA256, blob)
			if err != nil {
				t.Fatal(err)
			}
			if header := strings.SplitN(art, "\n", 2)[0]; !strings.Contains(header, fmt.Sprintf(" %d]", e.Bits)) {
				t.Errorf("RandomArtBlob header %s, want %d bits", header, e.Bits)
			}
			pub, err := parsePub(blob)
			if err != nil {
				t.Fatalf("x/crypto: %v", err)
			}
			if got := fingerprint.MD5(pub); "MD5:"+got != want.MD5 {
				t.Errorf("MD5(pub) = %s, want %s", got, want.MD5)
			}
			if got := fingerprint.SHA256(pub); got != want.SHA256 {
				t.Errorf("SHA256(pub) = %s, want %s", got, want.SHA256)
			}
		})
	}
	if lines != 56 || rfc != 40 {
		t.Errorf("checked %d authorized_keys and %d RFC 4716 vectors, want 56 and 40", lines, rfc)
	}
}
