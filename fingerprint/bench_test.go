package fingerprint_test

import (
	"crypto"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/keyvet/keyvet/fingerprint"
)

// BenchmarkFingerprint compares OfBlob over the wire blob with x/crypto's
// functions over the parsed key, which marshal it on every call, and with
// SHA256 over the parsed key, which marshals it once per call too:
//
//	go test ./fingerprint -run '^$' -bench Fingerprint -benchmem
func BenchmarkFingerprint(b *testing.B) {
	for _, k := range []struct{ name, file string }{
		{"Ed25519", keyDir + "/ed25519.pub"},
		{"RSA-2048", keyDir + "/rsa2048.pub"},
		{"RSA-4096", keyDir + "/rsa4096.pub"},
	} {
		pub := loadPub(b, k.file)
		blob := pub.Marshal()
		for _, c := range []struct {
			name string
			fn   func() string
		}{
			{"OfBlob-SHA256", func() string { return fingerprint.OfBlob(crypto.SHA256, blob) }},
			{"x-crypto-FingerprintSHA256", func() string { return ssh.FingerprintSHA256(pub) }},
			{"SHA256-pub", func() string { return fingerprint.SHA256(pub) }},
			{"OfBlob-MD5", func() string { return fingerprint.OfBlob(crypto.MD5, blob) }},
			{"x-crypto-FingerprintLegacyMD5", func() string { return ssh.FingerprintLegacyMD5(pub) }},
			{"MD5-pub", func() string { return fingerprint.MD5(pub) }},
		} {
			b.Run(k.name+"/"+c.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sinkString = c.fn()
				}
			})
		}
	}
}

// BenchmarkParse measures Parse of each form.
func BenchmarkParse(b *testing.B) {
	for _, c := range []struct{ name, in string }{
		{"MD5-bare", edMD5},
		{"MD5-prefixed", "MD5:" + edMD5},
		{"SHA256", edSHA256},
		{"SHA512", edSHA512},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkFP, _ = fingerprint.Parse(c.in)
			}
		})
	}
}
