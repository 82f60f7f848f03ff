package sshkey_test

import (
	"crypto"
	"crypto/md5"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// The benchmarks run keyvet and the reference side by side in one function,
// so that one run gives the ratios BENCHMARKS.md reports:
//
//	go test ./sshkey -run '^$' -bench 'Fingerprint|CheckText' -count 10

var (
	sinkString string
	sinkErr    error
	sinkBool   bool
)

// benchKey is one named key of the benchmark tables: its text, and the
// authorized_keys line of the same key, which x/crypto reads.
type benchKey struct {
	name, text, line string
}

func readTestKey(tb testing.TB, name string) string {
	return keytest.ReadFile(tb, filepath.Join("..", "testdata", "keys", name))
}

func benchKeys(tb testing.TB) []benchKey {
	return []benchKey{
		{"Ed25519", readTestKey(tb, "ed25519.pub"), readTestKey(tb, "ed25519.pub")},
		{"RSA-2048", readTestKey(tb, "rsa2048.pub"), readTestKey(tb, "rsa2048.pub")},
		{"RSA-4096", readTestKey(tb, "rsa4096.pub"), readTestKey(tb, "rsa4096.pub")},
		{"RFC4716-RSA-2048", readTestKey(tb, "rsa2048.rfc4716"), readTestKey(tb, "rsa2048.pub")},
		{"PKIX-RSA-2048", readTestKey(tb, "rsa2048.pkcs8"), readTestKey(tb, "rsa2048.pub")},
	}
}

// BenchmarkFingerprint: (*Key).Fingerprint, which hashes the blob the key
// was parsed from, against x/crypto's FingerprintLegacyMD5 and
// FingerprintSHA256 of the key x/crypto parsed from the same line, which
// marshal the key again on every call.
func BenchmarkFingerprint(b *testing.B) {
	for _, c := range benchKeys(b) {
		k := sshkey.MustParse(c.text)
		pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(c.line))
		if err != nil {
			b.Fatal(err)
		}
		blob := k.Marshal()
		for _, f := range []struct {
			name   string
			keyvet func() string
			ref    func() string
			floor  func() string
		}{
			{"MD5", func() string { return k.Fingerprint(crypto.MD5).String() }, func() string { return ssh.FingerprintLegacyMD5(pub) },
				func() string { d := md5.Sum(blob); return string(d[:]) }},
			{"SHA256", func() string { return k.Fingerprint(crypto.SHA256).String() }, func() string { return ssh.FingerprintSHA256(pub) },
				func() string { d := sha256.Sum256(blob); return string(d[:]) }},
		} {
			if got, want := f.keyvet(), f.ref(); got != want && "MD5:"+got != want {
				b.Fatalf("%s %s: keyvet %s, x/crypto %s", c.name, f.name, got, want)
			}
			b.Run(c.name+"/"+f.name+"/keyvet", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sinkString = f.keyvet()
				}
			})
			b.Run(c.name+"/"+f.name+"/x-crypto", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sinkString = f.ref()
				}
			})
			// What any fingerprint of the blob costs: the hash, and one
			// string of the digest's bytes for the result.
			b.Run(c.name+"/"+f.name+"/hash+string", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sinkString = f.floor()
				}
			})
		}
	}
}

// anyKeyPolicy accepts every key: CheckText then costs what reading the key
// costs.
var anyKeyPolicy = &sshkey.Policy{}

// BenchmarkCheckText: Policy.CheckText (the fast path) against Parse and
// Check (the reference path, which makes the Key) and against the parse of
// the same key outside keyvet: x/crypto's ParseAuthorizedKey of its line,
// or pem.Decode and x509.ParsePKIXPublicKey for PKIX.
func BenchmarkCheckText(b *testing.B) {
	for _, c := range benchKeys(b) {
		data := []byte(c.text)
		line := []byte(c.line)
		if err := anyKeyPolicy.CheckText(data); err != nil {
			b.Fatal(err)
		}
		outside := func() bool {
			_, _, _, _, err := ssh.ParseAuthorizedKey(line)
			return err == nil
		}
		if c.name == "PKIX-RSA-2048" {
			outside = func() bool {
				p, _ := pem.Decode(data)
				_, err := x509.ParsePKIXPublicKey(p.Bytes)
				return err == nil
			}
		}
		b.Run(c.name+"/CheckText", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkErr = anyKeyPolicy.CheckText(data)
			}
		})
		b.Run(c.name+"/Parse+Check", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				k, err := sshkey.Parse(data)
				if err == nil {
					err = anyKeyPolicy.Check(k)
				}
				sinkErr = err
			}
		})
		b.Run(c.name+"/outside", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkBool = outside()
			}
		})
	}
}

// TestHotPathAllocs pins the allocations of the hot paths: Fingerprint
// makes its result string and nothing else; CheckText of a valid key makes
// nothing.
func TestHotPathAllocs(t *testing.T) {
	for _, c := range benchKeys(t) {
		k := sshkey.MustParse(c.text)
		for _, h := range []crypto.Hash{crypto.MD5, crypto.SHA256} {
			if n := testing.AllocsPerRun(100, func() { sinkString = k.Fingerprint(h).String() }); n != 1 {
				t.Errorf("%s: Fingerprint(%v) allocates %v times, want 1", c.name, h, n)
			}
		}
		data := []byte(c.text)
		if n := testing.AllocsPerRun(100, func() { sinkErr = anyKeyPolicy.CheckText(data) }); n != 0 {
			t.Errorf("%s: CheckText allocates %v times, want 0", c.name, n)
		}
	}
}
