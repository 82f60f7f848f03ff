package sshkey

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// addFiles adds every file of testdata/keys and of OpenSSH's exported/ whose
// name matches one of the patterns to f's seed corpus.
func addFiles(f *testing.F, patterns ...string) {
	f.Helper()
	n := 0
	for _, p := range patterns {
		files, err := filepath.Glob(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no seed files match %v", patterns)
	}
}

// FuzzParseRFC4716 checks the RFC 4716 reader on its own: no panic; an
// error holds no run of the input; an accepted file is FormatRFC4716, is the
// key Parse finds in the same text, and round-trips through RFC4716 with its
// comment.
func FuzzParseRFC4716(f *testing.F) {
	addFiles(f, "../testdata/keys/*.rfc4716", "../testdata/vectors/openssh/exported/*.RFC4716.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := ParseRFC4716(data)
		if err != nil {
			if k != nil {
				t.Fatal("a key with an error")
			}
			if run := leakedUnquoted(string(data), err.Error()); run != "" {
				t.Fatalf("error %q holds %q of the input", err, run)
			}
			return
		}
		if k.Format() != FormatRFC4716 {
			t.Fatalf("Format %v", k.Format())
		}
		p, err := Parse(data)
		if err != nil || !bytes.Equal(p.Marshal(), k.Marshal()) || p.Comment() != k.Comment() {
			t.Fatalf("Parse disagrees with ParseRFC4716: %v", err)
		}
		again, err := ParseRFC4716(k.MarshalRFC4716())
		if err != nil || !bytes.Equal(again.Marshal(), k.Marshal()) || again.Comment() != k.Comment() {
			t.Fatalf("RFC4716() does not round-trip: %v (comment %q, then %q)", err, k.Comment(), again.Comment())
		}
		checkInvariants(t, k)
	})
}

// FuzzParsePEM checks the two PEM readers on their own: no panic; scanPEM
// accepts and refuses (in the same words) as checkPEM does; an error holds
// no run of the input; an accepted key is the key crypto/x509 reads
// from the same block, is the key Parse finds, and round-trips through PEM
// (and PKCS1 for RSA).
func FuzzParsePEM(f *testing.F) {
	addFiles(f, "../testdata/keys/*.pem", "../testdata/keys/*.pkcs8", "../testdata/vectors/openssh/exported/*.PEM.txt",
		"../testdata/vectors/openssh/exported/*.PKCS8.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		// The scanner refuses as its readable reference does, in the same
		// words, on any trimmed text.
		for _, label := range []string{pemPKIX, pemPKCS1} {
			_, r := scanPEM(trimSpace(data), label, nil)
			checkRefusal(t, "scanPEM", r, checkPEM(trimSpace(data), label))
		}
		for _, read := range []func([]byte) (*Key, error){ParsePKIX, ParsePKCS1} {
			k, err := read(data)
			if err != nil {
				if k != nil {
					t.Fatal("a key with an error")
				}
				if run := leakedUnquoted(string(data), err.Error()); run != "" {
					t.Fatalf("error %q holds %q of the input", err, run)
				}
				continue
			}
			checkX509(t, trimSpace(data), k.Marshal())
			p, err := Parse(data)
			if err != nil || !bytes.Equal(p.Marshal(), k.Marshal()) || p.Format() != k.Format() {
				t.Fatalf("Parse disagrees with the %v reader: %v", k.Format(), err)
			}
			checkInvariants(t, k)
		}
	})
}
