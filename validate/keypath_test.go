package validate_test

import (
	"encoding/json"
	"errors"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/fuzzseed"
	"github.com/keyvet/keyvet/validate"
)

// Validate vets a key with sshkey's fast path (Policy.CheckText), and
// ValidateKey with Parse and Check, the reference. checkKeyPaths holds the
// two equal on one key, in the three inputs that carry a key: both accept,
// or both fail with the same fields, sentinels, codes and text; and both
// agree with refKey, the reference the other fuzz targets use.
func checkKeyPaths(t *testing.T, key string) {
	t.Helper()
	send := &validate.SendSSHPublicKeyInput{InstanceId: "i-0123456789abcdef0", InstanceOSUser: "ec2-user", SSHPublicKey: key}
	serial := &validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: "i-0123456789abcdef0", SSHPublicKey: key}
	upload := &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: key}
	for _, c := range []struct {
		op        validate.Op
		fast, ref func() error
		want      []outcome
	}{
		{validate.OpSendSSHPublicKey, send.Validate, func() error { _, err := send.ValidateKey(); return err },
			refKey(refField(nil, rule(t, validate.OpSendSSHPublicKey, "SSHPublicKey"), key), rule(t, validate.OpSendSSHPublicKey, "SSHPublicKey"), key, false)},
		{validate.OpSendSerialConsoleSSHPublicKey, serial.Validate, func() error { _, err := serial.ValidateKey(); return err },
			refKey(refField(nil, rule(t, validate.OpSendSSHPublicKey, "SSHPublicKey"), key), rule(t, validate.OpSendSSHPublicKey, "SSHPublicKey"), key, false)},
		{validate.OpUploadSSHPublicKey, upload.Validate, func() error { _, err := upload.ValidateKey(); return err },
			refKey(refField(nil, rule(t, validate.OpUploadSSHPublicKey, "SSHPublicKeyBody"), key), rule(t, validate.OpUploadSSHPublicKey, "SSHPublicKeyBody"), key, true)},
	} {
		fast, ref := c.fast(), c.ref()
		if (fast == nil) != (ref == nil) {
			t.Fatalf("%s: Validate = %v, ValidateKey = %v", c.op, fast, ref)
		}
		compare(t, c.op, fast, c.want, key)
		if fast == nil {
			continue
		}
		if fast.Error() != ref.Error() {
			t.Fatalf("%s: Validate says %q, ValidateKey %q", c.op, fast, ref)
		}
		var fr, rr *keyerrors.RequestError
		if !errors.As(fast, &fr) || !errors.As(ref, &rr) || len(fr.Fields) != len(rr.Fields) {
			t.Fatalf("%s: Validate = %v, ValidateKey = %v", c.op, fast, ref)
		}
		for i, f := range fr.Fields {
			r := rr.Fields[i]
			if f.Field != r.Field || f.API != r.API || sentinelOf(f.Err) != sentinelOf(r.Err) || f.Sensitive != r.Sensitive {
				t.Fatalf("%s: Validate's failure %s/%v/%s, ValidateKey's %s/%v/%s",
					c.op, f.Field, sentinelOf(f.Err), f.API.ErrorCode(), r.Field, sentinelOf(r.Err), r.API.ErrorCode())
			}
		}
	}
}

// keyPathInputs returns the keys the differential tests start from, by
// name: every file of ../testdata/keys (public keys in every export, and
// private keys), the openssh-portable vectors and exports, python-sshpubkeys'
// keys and files, and for the ssh-keygen keys variants that break them in
// each way a service meets (CRLF, text after, two keys, cut short).
func keyPathInputs(t testing.TB) map[string]string {
	t.Helper()
	in := map[string]string{"model-example": modelExampleKey}
	for name, b := range fuzzseed.Files(t, fuzzseed.KeyFiles...) {
		rel := strings.TrimPrefix(name, "file-")
		s := string(b)
		in[name] = s
		if strings.Contains(rel, "/keys/") && !strings.Contains(rel, "/private/") {
			in["crlf-"+rel] = strings.ReplaceAll(s, "\n", "\r\n")
			in["after-"+rel] = s + "x"
			in["twice-"+rel] = s + s
			in["cut-"+rel] = s[:len(s)*2/3]
		}
	}
	b, err := os.ReadFile("../testdata/vectors/sshpubkeys/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Valid, Invalid []struct{ Name, Key string }
	}
	if err := json.Unmarshal(b, &v); err != nil || len(v.Valid) == 0 {
		t.Fatal("no sshpubkeys vectors", err)
	}
	for _, k := range v.Valid {
		in["sshpubkeys-valid-"+k.Name] = k.Key
	}
	for _, k := range v.Invalid {
		in["sshpubkeys-invalid-"+k.Name] = k.Key
	}
	return in
}

// TestKeyPaths runs checkKeyPaths over keyPathInputs.
func TestKeyPaths(t *testing.T) {
	for name, key := range keyPathInputs(t) {
		t.Run(name, func(t *testing.T) { checkKeyPaths(t, key) })
	}
}

// FuzzKeyPaths is the differential target of the key paths: on any key,
// Validate (sshkey's fast path) and ValidateKey (Parse and Check) of the
// three inputs that carry a key give the same answer (checkKeyPaths). Its
// seeds are keyPathInputs, made from ../testdata at each run, and the
// findings in testdata/fuzz/FuzzKeyPaths.
//
//	go test ./validate -run '^$' -fuzz FuzzKeyPaths -fuzztime 10m
func FuzzKeyPaths(f *testing.F) {
	f.Add(modelExampleKey)
	in := keyPathInputs(f)
	for _, name := range slices.Sorted(maps.Keys(in)) {
		f.Add(in[name])
	}
	f.Fuzz(func(t *testing.T, key string) {
		checkKeyPaths(t, key)
	})
}
