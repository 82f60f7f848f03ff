package validate_test

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
	"github.com/keyvet/keyvet/validate"
)

// pastedKey is private key text pasted where it does not belong: a whole
// key file, or a piece of its base64 body.
type pastedKey struct {
	name  string // file and piece: "pem_rsa body line 3"
	value string // what is pasted
	body  string // the key file's base64 body, without line breaks
}

// privateKeyPastes returns every private key file of
// ../testdata/keys/private, and a PKCS#8 Ed25519 key made here from a fixed
// seed, each as a whole file and as the bare pieces of its base64 body a
// person might paste: the body without its BEGIN and END lines, the body on
// one line, each line of it, and its first 64 characters.
//
// A line shorter than keyerrors.MinKeyRun (the last line of a PEM body may
// be a few characters) is below the rule: SafeValue shows such a value, by
// design, so it is not pasted here.
func privateKeyPastes(t *testing.T) []pastedKey {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "keys", "private", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no private key files in ../testdata/keys/private: %v", err)
	}
	type keyFile struct{ name, text string }
	var keys []keyFile
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, keyFile{filepath.Base(f), string(b)})
	}
	// The case that started this test: `openssl genpkey -algorithm
	// ed25519` writes a body of 64 base64 characters, one line.
	seed := make([]byte, ed25519.SeedSize)
	for i := range seed {
		seed[i] = byte(i * 7)
	}
	der, err := x509.MarshalPKCS8PrivateKey(ed25519.NewKeyFromSeed(seed))
	if err != nil {
		t.Fatal(err)
	}
	keys = append(keys, keyFile{"pkcs8_ed25519 (made by the test)", string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))})

	var out []pastedKey
	for _, k := range keys {
		var lines []string
		for _, l := range strings.Split(strings.ReplaceAll(k.text, "\r\n", "\n"), "\n") {
			if l != "" && strings.Trim(l, base64Alphabet+"=") == "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 && strings.IndexByte(k.text, 0) >= 0 {
			// A binary key file (Dropbear's): the base64 of the
			// file is what gets pasted.
			lines = []string{base64.StdEncoding.EncodeToString([]byte(k.text))}
		}
		if len(lines) == 0 {
			t.Fatalf("%s: no base64 body lines", k.name)
		}
		body := strings.Join(lines, "")
		out = append(out,
			pastedKey{k.name + " file", k.text, body},
			pastedKey{k.name + " body", strings.Join(lines, "\n"), body},
			pastedKey{k.name + " body on one line", body, body},
			pastedKey{k.name + " first 64", body[:min(64, len(body))], body},
		)
		for i, l := range lines {
			if len(l) >= keyerrors.MinKeyRun {
				out = append(out, pastedKey{k.name + " line " + strconv.Itoa(i+1), l, body})
			}
		}
	}
	return out
}

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// validInputs holds one valid request of each operation: a paste into one
// member is then the request's only failure.
var validInputs = []struct {
	op validate.Op
	in validator
}{
	{validate.OpSendSSHPublicKey, &validate.SendSSHPublicKeyInput{InstanceId: "i-abcd1234", InstanceOSUser: "ec2-user", SSHPublicKey: ed25519Key, AvailabilityZone: "us-west-2a"}},
	{validate.OpSendSerialConsoleSSHPublicKey, &validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: "i-abcd1234", SSHPublicKey: ed25519Key}},
	{validate.OpUploadSSHPublicKey, &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: modelExampleKey}},
	{validate.OpGetSSHPublicKey, &validate.GetSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Encoding: validate.EncodingSSH}},
	{validate.OpUpdateSSHPublicKey, &validate.UpdateSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Status: validate.StatusActive}},
	{validate.OpDeleteSSHPublicKey, &validate.DeleteSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE"}},
	{validate.OpListSSHPublicKeys, &validate.ListSSHPublicKeysInput{UserName: "alice", Marker: "m", MaxItems: 10}},
}

// sensitiveMember reports whether the rule of member is Sensitive: a key
// member.
func sensitiveMember(member string) bool {
	for _, r := range everyRule() {
		if r.Member() == member && r.Sensitive() {
			return true
		}
	}
	return false
}

// TestNoKeyMaterialInErrors pastes every private key, whole and in pieces,
// into every string member of every operation input (found by reflection,
// so a new member is covered without a change here) and holds the promise
// of keyerrors.SafeValue: no error text, and no field of an error value,
// holds 20 characters in a row of what was pasted, nor 16 of the key's
// base64 body (SECURITY.md), nor a private key marker. A key member must
// refuse the paste.
func TestNoKeyMaterialInErrors(t *testing.T) {
	pastes := privateKeyPastes(t)
	for _, v := range validInputs {
		if err := v.in.Validate(); err != nil {
			t.Fatalf("%s: the baseline request is invalid: %v", v.op, err)
		}
		typ := reflect.TypeOf(v.in).Elem()
		members := 0
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Type.Kind() != reflect.String {
				continue
			}
			members++
			for _, p := range pastes {
				in := reflect.New(typ)
				in.Elem().Set(reflect.ValueOf(v.in).Elem())
				in.Elem().Field(i).SetString(p.value)
				err := in.Interface().(validator).Validate()
				where := v.op.Name() + "." + f.Name + " = " + p.name
				checkNoKeyMaterial(t, where, err, p)
				if !sensitiveMember(f.Name) {
					continue
				}
				var fe *keyerrors.FieldError
				if !errors.As(err, &fe) || fe.Field != f.Name {
					t.Errorf("%s: key member accepts it: %v", where, err)
					continue
				}
				if strings.Contains(p.value, "PRIVATE KEY") && strings.HasSuffix(p.name, " file") &&
					!errors.Is(err, keyerrors.ErrPrivateKey) && !errors.Is(err, keyerrors.ErrTooLong) {
					t.Errorf("%s: a private key file within the length bound is not refused as one: %v", where, err)
				}
			}
		}
		if members == 0 {
			t.Errorf("%s: no string member found", v.op)
		}
	}
}

// TestNoKeyMaterialInFingerprintErrors pastes every private key, whole and
// in pieces, into fingerprint.Parse.
func TestNoKeyMaterialInFingerprintErrors(t *testing.T) {
	for _, p := range privateKeyPastes(t) {
		_, err := fingerprint.Parse(p.value)
		if !errors.Is(err, keyerrors.ErrMalformedFingerprint) {
			t.Errorf("fingerprint.Parse(%s) = %v, want ErrMalformedFingerprint", p.name, err)
		}
		checkNoKeyMaterial(t, "fingerprint.Parse("+p.name+")", err, p)
	}
}

// checkNoKeyMaterial checks err's text, and the text of every field of a
// *keyerrors.RequestError and its *keyerrors.FieldErrors.
func checkNoKeyMaterial(t *testing.T, where string, err error, p pastedKey) {
	t.Helper()
	if err == nil {
		return // a valid value (a Marker may be any line of text): nothing shown
	}
	texts := []string{err.Error()}
	var re *keyerrors.RequestError
	if errors.As(err, &re) {
		texts = append(texts, re.Op)
		for _, fe := range re.Fields {
			texts = append(texts, fe.Error(), fe.Op, fe.Field, fe.Value, fe.Constraint)
			if fe.Err != nil {
				texts = append(texts, fe.Err.Error())
			}
			if fe.API != nil {
				texts = append(texts, fe.API.Error())
			}
		}
	}
	for _, text := range texts {
		if s := sharedRun(p.value, text, 20); s != "" {
			t.Errorf("%s: error text holds %q of the pasted value: %s", where, s, text)
		}
		if s := sharedRun(p.body, text, 16); s != "" {
			t.Errorf("%s: error text holds %q of the key's base64: %s", where, s, text)
		}
		for _, m := range []string{"PRIVATE KEY", "b3BlbnNzaC1rZXktdjE", "PuTTY-User-Key-File"} {
			if strings.Contains(text, m) {
				t.Errorf("%s: error text holds the marker %q: %s", where, m, text)
			}
		}
	}
}

// sharedRun returns the first n-byte piece of in that text holds, or "".
func sharedRun(in, text string, n int) string {
	for i := 0; i+n <= len(in); i++ {
		if strings.Contains(text, in[i:i+n]) {
			return in[i : i+n]
		}
	}
	return ""
}

// TestNoKeyMaterialCheckers checks that the checkers can fail: a message
// with 20 characters of the value, or 16 of the body, is caught.
func TestNoKeyMaterialCheckers(t *testing.T) {
	p := pastedKey{value: "x MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAA y", body: "MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAA"}
	if sharedRun(p.value, "bad 'x MC4CAQAwBQYDK2VwBCIE'", 20) == "" {
		t.Error("sharedRun misses 20 characters of the value")
	}
	if sharedRun(p.body, "bad BQYDK2VwBCIEIAAA", 16) == "" {
		t.Error("sharedRun misses 16 characters of the body")
	}
	if sharedRun(p.body, "Value '<value omitted>' at 'instanceOSUser'", 16) != "" {
		t.Error("sharedRun flags a message without key material")
	}
}
