package fingerprint_test

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/keyvet/keyvet/fingerprint"
)

const (
	// vectorDir holds OpenSSH's regress keys (see ../testdata).
	vectorDir = "../testdata/vectors/openssh"
	// keyDir holds the throwaway keys made for the goldens.
	keyDir = "testdata/keys"
)

// testKey is one key from testdata: its blob and, when x/crypto parses it,
// the key.
type testKey struct {
	name string
	blob []byte        // the blob as in the file: a certificate's for a certificate
	pub  ssh.PublicKey // nil when x/crypto cannot parse the blob
	// plain is the blob OpenSSH fingerprints: the certified key's for a
	// certificate.
	plain []byte
}

// xcryptoRefuses lists the testdata keys that x/crypto v0.59.0 cannot
// parse, with the reason; every other key must parse (ssh-dss through
// parsePub).
var xcryptoRefuses = map[string]string{
	"mldsa44_ed25519_1.pub":      "x/crypto v0.59.0 has no ssh-mldsa44-ed25519@openssh.com",
	"mldsa44_ed25519_1-cert.pub": "x/crypto v0.59.0 has no ssh-mldsa44-ed25519-cert-v01@openssh.com",
	"mldsa44_ed25519_2.pub":      "x/crypto v0.59.0 has no ssh-mldsa44-ed25519@openssh.com",
}

// vectorFiles returns the .pub files of vectorDir, without the .param.pub
// files, which hold a raw EC point rather than a key.
func vectorFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(vectorDir, "*.pub"))
	if err != nil {
		t.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, ".param.pub") })
	if len(files) != 22 {
		t.Fatalf("%d keys in %s, want 22", len(files), vectorDir)
	}
	return files
}

// loadKey reads a one-line .pub file. A certificate's plain blob is its
// certified key's; for a certificate x/crypto cannot parse, it is taken
// from the plain key file beside it (name without "-cert"), after checking
// that the certificate holds that key.
func loadKey(t testing.TB, path string) testKey {
	t.Helper()
	line, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	typ, blob, err := authorizedBlob(string(line))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	k := testKey{name: filepath.Base(path), blob: blob, plain: blob}
	pub, err := parsePub(blob)
	reason, refused := xcryptoRefuses[k.name]
	switch {
	case err == nil && refused:
		t.Fatalf("%s: x/crypto parses it now; remove it from xcryptoRefuses (%s)", path, reason)
	case err != nil && !refused:
		t.Fatalf("%s: %v", path, err)
	case err != nil:
		if strings.HasSuffix(typ, "-cert-v01@openssh.com") {
			plainPath := strings.TrimSuffix(path, "-cert.pub") + ".pub"
			plain := loadKey(t, plainPath)
			if !certifies(blob, plain.blob) {
				t.Fatalf("%s does not certify the key in %s", path, plainPath)
			}
			k.plain = plain.blob
		}
		return k
	}
	k.pub = pub
	if c, ok := pub.(*ssh.Certificate); ok {
		k.plain = c.Key.Marshal()
	}
	return k
}

// certifies reports whether the certificate blob cert holds the key whose
// blob is plain: after the certificate's type and nonce come the fields of
// the plain key after its type (PROTOCOL.certkeys in OpenSSH).
func certifies(cert, plain []byte) bool {
	cert, ok1 := skipString(cert) // type
	cert, ok2 := skipString(cert) // nonce
	fields, ok3 := skipString(plain)
	return ok1 && ok2 && ok3 && bytes.HasPrefix(cert, fields)
}

func skipString(b []byte) ([]byte, bool) {
	if len(b) < 4 || uint64(binary.BigEndian.Uint32(b)) > uint64(len(b)-4) {
		return nil, false
	}
	return b[4+binary.BigEndian.Uint32(b):], true
}

// authorizedBlob finds the key in an authorized_keys line, options and
// comment included, by base64 decoding and nothing else: the first field
// that decodes to a blob whose type string is the field before it.
func authorizedBlob(line string) (typ string, blob []byte, err error) {
	fields := strings.Fields(line)
	for i := 1; i < len(fields); i++ {
		b, err := base64.StdEncoding.DecodeString(fields[i])
		if err != nil || len(b) < 4 {
			continue
		}
		n := binary.BigEndian.Uint32(b)
		if uint64(n) <= uint64(len(b)-4) && string(b[4:4+n]) == fields[i-1] {
			return fields[i-1], b, nil
		}
	}
	return "", nil, errors.New("no key in line")
}

// rfc4716Blob decodes the body of an RFC 4716 public key file (section 3):
// header lines hold a colon and may continue with a backslash; the rest is
// base64.
func rfc4716Blob(text string) ([]byte, error) {
	var b64 strings.Builder
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	inHeader, cont := false, false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case strings.HasPrefix(l, "---- BEGIN SSH2 PUBLIC KEY ----"):
			inHeader = true
		case strings.HasPrefix(l, "---- END SSH2 PUBLIC KEY ----"):
			return base64.StdEncoding.DecodeString(b64.String())
		case cont || (inHeader && strings.Contains(l, ":")):
			cont = strings.HasSuffix(l, `\`)
		default:
			inHeader = false
			b64.WriteString(l)
		}
	}
	return nil, errors.New("no END line")
}

// allKeys returns every key of testdata: the throwaway keys and OpenSSH's.
func allKeys(t testing.TB) []testKey {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(keyDir, "*.pub"))
	if err != nil || len(files) != 7 {
		t.Fatalf("%d keys in %s (err %v), want 7", len(files), keyDir, err)
	}
	var keys []testKey
	for _, f := range append(files, vectorFiles(t)...) {
		keys = append(keys, loadKey(t, f))
	}
	return keys
}

func loadPub(t testing.TB, path string) ssh.PublicKey {
	t.Helper()
	k := loadKey(t, path)
	if k.pub == nil {
		t.Fatalf("%s: x/crypto cannot parse it", path)
	}
	return k.pub
}

// parsePub: see export_test.go.
var parsePub = fingerprint.ParsePub
