package keyvet_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/authorizedkeys"
	"github.com/keyvet/keyvet/sshkey/knownhosts"
	"github.com/keyvet/keyvet/validate"
)

// This file holds the rule of DESIGN.md's "errors" for private keys: no
// byte of a private key, and nothing cut from its base64, reaches any
// message of any keyvet API, wherever the key is given.

// window is the length of the pieces of a secret no message may hold.
const window = 6

// secret is a private key as an input, and the windows no message may
// hold: every 6 bytes of a binary file, every 6 characters of the base64
// lines of a text one.
type secret struct {
	name    string
	input   []byte
	windows map[string]bool
}

func newSecret(name string, input []byte) secret {
	s := secret{name: name, input: input, windows: map[string]bool{}}
	if isText(input) {
		for _, line := range strings.Split(string(input), "\n") {
			line = strings.TrimSpace(line)
			if len(line) < 16 || strings.Trim(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != "" {
				continue // a marker or a header, no base64 line
			}
			for i := 0; i+window <= len(line); i++ {
				s.windows[line[i:i+window]] = true
			}
		}
	} else {
		for i := 0; i+window <= len(input); i++ {
			if w := string(input[i : i+window]); !strings.Contains(publicLabels, w) {
				s.windows[w] = true
			}
		}
	}
	return s
}

// publicLabels are the algorithm names a binary private key holds in the
// clear (an OpenSSH key's type, as its public key carries it): no key
// material, and words keyvet's key constraints use ("Member must be an
// ssh-rsa key of ..."), which a message of EC2's and Lightsail's key
// members, which have no pattern, shows for any binary value.
const publicLabels = "ssh-rsa ssh-ed25519 ssh-dss ecdsa-sha2-nistp256 ecdsa-sha2-nistp384 ecdsa-sha2-nistp521"

func isText(b []byte) bool {
	for _, c := range b {
		if c == 0 || c >= 0x80 {
			return false
		}
	}
	return true
}

// secrets are the private keys of testdata/keys/private, their PEM files as
// DER too, and keys made here in every DER form.
func secrets(t *testing.T) []secret {
	t.Helper()
	files, err := filepath.Glob("testdata/keys/private/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no private keys: %v", err)
	}
	var out []secret
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, newSecret(filepath.Base(f), b))
		if p, _ := pem.Decode(b); p != nil {
			out = append(out, newSecret(filepath.Base(f)+".der", p.Bytes))
		}
	}
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sec1, err := x509.MarshalECPrivateKey(ec)
	if err != nil {
		t.Fatal(err)
	}
	_, ed, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rk, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	for name, key := range map[string]any{"ec": ec, "ed25519": ed, "rsa": rk} {
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, newSecret("made "+name+" pkcs8.der", der))
	}
	return append(out, newSecret("made ec sec1.der", sec1), newSecret("made rsa pkcs1.der", x509.MarshalPKCS1PrivateKey(rk)))
}

// pieces returns the input whole and cut in two at each line end: each
// piece holds a private key's marker or a whole line of its body (a line
// alone, such as a short last line of base64, is no key material a reader
// could tell; the file readers see each line of a piece on its own).
func pieces(in []byte) [][]byte {
	out := [][]byte{in}
	for i := 0; i < len(in); i++ {
		if in[i] == '\n' {
			out = append(out, in[:i], in[i+1:])
		}
	}
	return out
}

// unescape undoes the escapes SafeValue and Go's quoting write (\xHH, \n,
// \r, \t, \\, \', \"), so that an escaped binary window is found too.
func unescape(msg string) string {
	var b strings.Builder
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		if c != '\\' || i+1 == len(msg) {
			b.WriteByte(c)
			continue
		}
		switch n := msg[i+1]; n {
		case 'x':
			if i+3 < len(msg) {
				var v byte
				ok := true
				for _, h := range []byte(msg[i+2 : i+4]) {
					switch {
					case h >= '0' && h <= '9':
						v = v<<4 | (h - '0')
					case h >= 'a' && h <= 'f':
						v = v<<4 | (h - 'a' + 10)
					default:
						ok = false
					}
				}
				if ok {
					b.WriteByte(v)
					i += 3
					continue
				}
			}
			b.WriteByte(c)
		case 'n':
			b.WriteByte('\n')
			i++
		case 'r':
			b.WriteByte('\r')
			i++
		case 't':
			b.WriteByte('\t')
			i++
		case '\\', '\'', '"':
			b.WriteByte(n)
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// leaked returns a window of s that msg holds, as written or escaped.
func (s secret) leaked(msg string) string {
	for _, m := range []string{msg, unescape(msg)} {
		for i := 0; i+window <= len(m); i++ {
			if s.windows[m[i:i+window]] {
				return m[i : i+window]
			}
		}
	}
	return ""
}

// inputs are the zero input of every validate operation.
var inputs = []any{
	&validate.SendSSHPublicKeyInput{}, &validate.SendSerialConsoleSSHPublicKeyInput{},
	&validate.UploadSSHPublicKeyInput{}, &validate.GetSSHPublicKeyInput{},
	&validate.UpdateSSHPublicKeyInput{}, &validate.DeleteSSHPublicKeyInput{},
	&validate.ListSSHPublicKeysInput{},
	&validate.EC2CreateKeyPairInput{}, &validate.EC2DescribeKeyPairsInput{}, &validate.EC2DeleteKeyPairInput{},
	&validate.TransferImportSshPublicKeyInput{}, &validate.TransferDeleteSshPublicKeyInput{},
	&validate.TransferCreateUserInput{}, &validate.TransferDescribeUserInput{}, &validate.TransferListUsersInput{},
	&validate.LightsailImportKeyPairInput{}, &validate.LightsailCreateKeyPairInput{}, &validate.LightsailGetKeyPairInput{},
	&validate.LightsailDeleteKeyPairInput{},
}

// messages calls every API that reads text on piece, in every place it can
// stand, and calls yield with each error's message and reason.
func messages(piece []byte, yield func(where, msg string)) {
	report := func(where string, err error) {
		if err != nil {
			yield(where, err.Error())
			yield(where+" (reason)", keyerrors.Reason(err))
		}
	}
	_, err := sshkey.Parse(piece)
	report("sshkey.Parse", err)
	_, err = sshkey.ParseAuthorizedKey(piece)
	report("sshkey.ParseAuthorizedKey", err)
	report("Policy.CheckText", (&sshkey.Policy{}).CheckText(piece))
	_, err = fingerprint.Parse(string(piece))
	report("fingerprint.Parse", err)
	const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ"
	p := string(piece)
	for where, file := range map[string]string{
		"a line":          key + "\n" + p + "\n" + key + "\n",
		"the options":     p + " " + key + "\n",
		"a quoted option": `command="` + p + `" ` + key + "\n",
		"the comment":     key + " " + p + "\n",
	} {
		for _, err := range authorizedkeys.Read(strings.NewReader(file)) {
			report("authorizedkeys.Read, "+where, err)
		}
	}
	for where, file := range map[string]string{
		"a line":      "h " + key + "\n" + p + "\n" + "h " + key + "\n",
		"the hosts":   p + " " + key + "\n",
		"the comment": "h " + key + " " + p + "\n",
	} {
		for _, err := range knownhosts.Read(strings.NewReader(file)) {
			report("knownhosts.Read, "+where, err)
		}
	}
	for _, in := range inputs {
		typ := reflect.TypeOf(in).Elem()
		for i := 0; i < typ.NumField(); i++ {
			if typ.Field(i).Type.Kind() != reflect.String {
				continue
			}
			v := reflect.New(typ)
			v.Elem().Field(i).SetString(p)
			report("validate."+typ.Name()+"."+typ.Field(i).Name, v.Interface().(interface{ Validate() error }).Validate())
		}
	}
	for _, op := range validate.Ops() {
		if op.TakesKey() {
			_, err := validate.CheckKey(op, p)
			report("validate.CheckKey "+op.String(), err)
		}
	}
}

func TestNoPrivateKeyInMessages(t *testing.T) {
	for _, s := range secrets(t) {
		for _, piece := range pieces(s.input) {
			messages(piece, func(where, msg string) {
				if w := s.leaked(msg); w != "" {
					t.Errorf("%s, %s (a piece of %d bytes): the message holds %q of the key: %s", s.name, where, len(piece), w, msg)
				}
			})
		}
	}
}
