package authorizedkeys_test

import (
	"bytes"
	"crypto"
	"fmt"
	"strings"
	"testing"

	"github.com/keyvet/keyvet/sshkey/authorizedkeys"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
	"golang.org/x/crypto/ssh"
)

// benchAuthorizedKeysFile is a file of n authorized_keys lines made from the
// Ed25519 and RSA-2048 keys of testdata/keys: three lines in four a key,
// with varied comments, one key line in three with options; the fourth
// line a comment or a blank line.
func benchAuthorizedKeysFile(tb testing.TB, n int) (data []byte, keys int) {
	ed := strings.Fields(keytest.ReadFile(tb, "../../testdata/keys/ed25519.pub"))
	rsa := strings.Fields(keytest.ReadFile(tb, "../../testdata/keys/rsa2048.pub"))
	options := []string{
		`restrict,pty`,
		`no-port-forwarding,no-agent-forwarding,command="/usr/local/bin/backup --host=%d"`,
		`from="10.%d.0.0/16,!10.%d.0.1",expiry-time="20991231Z"`,
		`environment="DEPLOY_ID=%d",permitopen="db.internal:5432"`,
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		k := ed
		if i%2 == 1 {
			k = rsa
		}
		switch {
		case i%8 == 7:
			b.WriteString("# team " + fmt.Sprint(i) + ": keys rotated quarterly\n")
			continue
		case i%8 == 3:
			b.WriteString("\n")
			continue
		case i%3 == 0:
			o := options[(i/3)%len(options)]
			b.WriteString(strings.ReplaceAll(o, "%d", fmt.Sprint(i%250)) + " ")
		}
		keys++
		fmt.Fprintf(&b, "%s %s user%d@host-%d.example.com\n", k[0], k[1], i, i%97)
	}
	return []byte(b.String()), keys
}

var sinkEntries int

// BenchmarkAuthorizedKeys reads a 100,000-line file and fingerprints every
// key (SHA256), with AuthorizedKeys and with the loop x/crypto offers for
// the same job: ssh.ParseAuthorizedKey on the rest, then
// ssh.FingerprintSHA256. It reports ns/line beside ns/op:
//
//	go test -run '^$' -bench BenchmarkAuthorizedKeys -count 3 ./sshkey
func BenchmarkAuthorizedKeys(b *testing.B) {
	const lines = 100000
	data, keys := benchAuthorizedKeysFile(b, lines)
	b.Run("keyvet", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			for e, err := range authorizedkeys.Read(bytes.NewReader(data)) {
				if err != nil {
					b.Fatal(err)
				}
				sinkString = e.Key().Fingerprint(crypto.SHA256).String()
				n++
			}
			if n != keys {
				b.Fatalf("%d keys, want %d", n, keys)
			}
			sinkEntries = n
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/lines, "ns/line")
	})
	b.Run("x-crypto", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			for rest := data; len(rest) > 0; {
				pub, _, _, r, err := ssh.ParseAuthorizedKey(rest)
				if err != nil {
					break // no key in the rest: only comments and blanks
				}
				sinkString = ssh.FingerprintSHA256(pub)
				n++
				rest = r
			}
			if n != keys {
				b.Fatalf("%d keys, want %d", n, keys)
			}
			sinkEntries = n
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/lines, "ns/line")
	})
}

var sinkString string
