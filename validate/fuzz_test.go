package validate_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/internal/fuzzseed"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// The fuzz targets below run every operation's Validate over all its fields
// at once and hold the result to a reference built here from the plain
// rules: refRule (slow_test.go, the Regexp reading of each rule) for the fields, and
// sshkey.Parse with the service's Policy for the key. They also check that
// no message holds a 16-character run of the key.

// outcome is one failure as the reference sees it: the member, the sentinel
// (a rule sentinel or the key sentinel) and the code.
type outcome struct {
	Field string
	Err   error
	API   *keyerrors.APIError
}

func (o outcome) String() string { return fmt.Sprintf("%s/%v/%s", o.Field, o.Err, o.API.ErrorCode()) }

var keySentinels = []error{
	keyerrors.ErrPrivateKey, keyerrors.ErrCertificate, keyerrors.ErrKeyTypeMismatch, keyerrors.ErrMultipleKeys,
	keyerrors.ErrUnsupportedEncoding, keyerrors.ErrUnsupportedKeyType, keyerrors.ErrKeyTooSmall,
	keyerrors.ErrKeyTooLarge, keyerrors.ErrWeakKey, keyerrors.ErrMalformedKey,
}

// sentinelOf returns the rule or key sentinel err wraps.
func sentinelOf(err error) error {
	for _, s := range append([]error{keyerrors.ErrRequired, keyerrors.ErrTooShort, keyerrors.ErrTooLong,
		keyerrors.ErrPattern, keyerrors.ErrNotInEnum, keyerrors.ErrOutOfRange}, keySentinels...) {
		if errors.Is(err, s) {
			return s
		}
	}
	return err
}

// refField appends the reference's failures of member value v, "" being
// absent as the input structs hold it.
func refField(out []outcome, r validate.Rule, v string) []outcome {
	for _, f := range refRule(r, v, v != "") {
		out = append(out, outcome{r.Member(), f.err, r.API()})
	}
	return out
}

func refInt(out []outcome, r validate.IntRule, v int) []outcome {
	if v != 0 && (v < r.Min() || v > r.Max()) {
		out = append(out, outcome{r.Member(), keyerrors.ErrOutOfRange, r.API()})
	}
	return out
}

// refKey is the key check as docs/AWS-FACTS.md states it: parse, then the policy;
// EC2 Instance Connect answers InvalidArgsException for every bad key; IAM
// answers UnrecognizedPublicKeyEncoding for a body in no encoding it takes
// and InvalidPublicKey for a key it refuses.
func refKey(out []outcome, r validate.Rule, v string, iam bool) []outcome {
	if v == "" || len(refRule(r, v, true)) > 0 {
		return out // the key is only read once its length and pattern hold
	}
	p := validate.EC2InstanceConnectKeyPolicy()
	if iam {
		p = validate.IAMKeyPolicy()
	}
	return refKeyPolicy(out, r, v, p, iam)
}

// refKeyPolicy is refKey's parse and policy for any service: IAM's two
// codes (iam), or the one code the service answers every bad key with
// (EC2 Instance Connect's InvalidArgsException, Transfer's
// InvalidRequestException, Lightsail's InvalidInputException).
func refKeyPolicy(out []outcome, r validate.Rule, v string, p sshkey.Policy, iam bool) []outcome {
	k, err := sshkey.Parse([]byte(v))
	if err == nil {
		err = p.Check(k)
	}
	if err == nil {
		return out
	}
	api := keyerrors.ErrInvalidArgs
	switch r.Service() {
	case keyerrors.ServiceTransfer:
		api = keyerrors.ErrTransferInvalidRequest
	case keyerrors.ServiceLightsail:
		api = keyerrors.ErrLightsailInvalidInput
	}
	if iam {
		api = keyerrors.ErrInvalidPublicKey
		if errors.Is(err, keyerrors.ErrUnsupportedEncoding) || errors.Is(err, keyerrors.ErrPrivateKey) {
			api = keyerrors.ErrUnrecognizedPublicKeyEncoding
		}
	}
	return append(out, outcome{r.Member(), sentinelOf(err), api})
}

// compare checks err against the reference outcomes, and that the message
// holds no run of key but where the same run stands in one of the other,
// non-key values, which messages show.
func compare(t *testing.T, op validate.Op, err error, want []outcome, key string, others ...string) {
	t.Helper()
	var got []outcome
	if err != nil {
		var re *keyerrors.RequestError
		if !errors.As(err, &re) {
			t.Fatalf("%s: %T %v, want a *RequestError", op, err, err)
		}
		if re.Op != op.Name() || len(re.Fields) == 0 {
			t.Fatalf("%s: RequestError{Op: %q, %d fields}", op, re.Op, len(re.Fields))
		}
		for _, f := range re.Fields {
			if f.Op != op.Name() {
				t.Fatalf("%s: field %s has Op %q", op, f.Field, f.Op)
			}
			got = append(got, outcome{f.Field, sentinelOf(f.Err), f.API})
		}
		if key != "" {
			checkNoKeyRun(t, err.Error(), key, others...)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%s: Validate gives %v, the reference %v", op, got, want)
	}
}

// checkNoKeyRun fails when msg looks like key material, or holds a
// 16-character run of key that is not also in the message's fixed wording,
// in one of the other values the message shows (a key of "0000..." beside
// an InstanceId of "0000..." is not an echo), or in a double-quoted value
// of sshkey's text: a type label, a PEM label or an option, shown by
// keyerrors.SafeValue's rule (never quoted when the rule takes it for key
// material).
func checkNoKeyRun(t *testing.T, msg, key string, others ...string) {
	t.Helper()
	if keyerrors.LooksLikeKey(msg) {
		t.Fatalf("the message looks like key material: %s", msg)
	}
	msg = quotedValue.ReplaceAllString(msg, `""`)
	for i := 0; i+16 <= len(key); i++ {
		run := key[i : i+16]
		if strings.TrimLeft(run, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") != "" {
			continue // only base64 runs are key material
		}
		if strings.Contains(msg, run) && !strings.Contains(wording, run) && !containsAny(others, run) {
			t.Fatalf("the message holds %q of the key: %s", run, msg)
		}
	}
}

// quotedValue matches a double-quoted value in sshkey's text.
var quotedValue = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// containsAny reports whether run stands in one of values as a message
// shows it (escaped by SafeValue: "\x00" and zeros make a run of zeros).
func containsAny(values []string, run string) bool {
	for _, v := range values {
		if strings.Contains(keyerrors.SafeValue(v), run) {
			return true
		}
	}
	return false
}

// wording is text keyvet's messages may hold whatever the key: the
// constraints and sshkey's advice. A run found in it is not an echo.
const wording = "Member must be an ssh-rsa key of 2048 to 4096 bits or an ssh-ed25519 key, as an authorized_keys line or in RFC 4716 encoding " +
	"Member must be an ssh-rsa key of at least 2048 bits, as an authorized_keys line or in PEM encoding " +
	"authorized_keys SSH2 PUBLIC KEY BEGIN END ssh-keygen ecdsa-sha2-nistp256 ecdsa-sha2-nistp384 ecdsa-sha2-nistp521 " +
	"sk-ssh-ed25519@openssh.com sk-ecdsa-sha2-nistp256@openssh.com ssh-ed25519-cert-v01@openssh.com ssh-rsa-cert-v01@openssh.com"

// keySeeds are the key files of ../testdata (fuzzseed.KeyFiles) and a few
// broken lines.
func keySeeds(f *testing.F) []string {
	seeds := []string{"", "ssh-ed25519 AAAA", modelExampleKey, "ssh-rsa " + strings.Repeat("A", 100)}
	for _, b := range fuzzseed.Files(f, fuzzseed.KeyFiles...) {
		seeds = append(seeds, string(b))
	}
	return seeds
}

func FuzzSendSSHPublicKey(f *testing.F) {
	for _, k := range keySeeds(f) {
		f.Add("i-0123456789abcdef0", "ec2-user", k, "us-west-2a")
	}
	f.Add("i-XYZ", "1$", "", "us-west-2")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, id, user, key, az string) {
		in := &validate.SendSSHPublicKeyInput{InstanceId: id, InstanceOSUser: user, SSHPublicKey: key, AvailabilityZone: az}
		want := refField(nil, rule(t, validate.OpSendSSHPublicKey, "InstanceId"), id)
		want = refField(want, rule(t, validate.OpSendSSHPublicKey, "InstanceOSUser"), user)
		want = refField(want, rule(t, validate.OpSendSSHPublicKey, "SSHPublicKey"), key)
		want = refKey(want, rule(t, validate.OpSendSSHPublicKey, "SSHPublicKey"), key, false)
		want = refField(want, rule(t, validate.OpSendSSHPublicKey, "AvailabilityZone"), az)
		compare(t, validate.OpSendSSHPublicKey, in.Validate(), want, key, id, user, az)
	})
}

func FuzzSendSerialConsoleSSHPublicKey(f *testing.F) {
	for _, k := range keySeeds(f) {
		f.Add("i-0123456789abcdef0", 0, k)
	}
	f.Add("i-0", 1, "")
	f.Fuzz(func(t *testing.T, id string, port int, key string) {
		in := &validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: id, SerialPort: port, SSHPublicKey: key}
		want := refField(nil, rule(t, validate.OpSendSSHPublicKey, "InstanceId"), id)
		want = refInt(want, intRule(t, validate.OpSendSerialConsoleSSHPublicKey, "SerialPort"), port)
		want = refField(want, rule(t, validate.OpSendSSHPublicKey, "SSHPublicKey"), key)
		want = refKey(want, rule(t, validate.OpSendSSHPublicKey, "SSHPublicKey"), key, false)
		compare(t, validate.OpSendSerialConsoleSSHPublicKey, in.Validate(), want, key, id)
	})
}

func FuzzUploadSSHPublicKey(f *testing.F) {
	for _, k := range keySeeds(f) {
		f.Add("alice", k)
	}
	f.Add("a b", "\x00")
	f.Fuzz(func(t *testing.T, user, body string) {
		in := &validate.UploadSSHPublicKeyInput{UserName: user, SSHPublicKeyBody: body}
		want := refField(nil, rule(t, validate.OpUploadSSHPublicKey, "UserName"), user)
		want = refField(want, rule(t, validate.OpUploadSSHPublicKey, "SSHPublicKeyBody"), body)
		want = refKey(want, rule(t, validate.OpUploadSSHPublicKey, "SSHPublicKeyBody"), body, true)
		compare(t, validate.OpUploadSSHPublicKey, in.Validate(), want, body, user)
	})
}

func FuzzGetSSHPublicKey(f *testing.F) {
	f.Add("alice", "APKAEIBAERJR2EXAMPLE", "SSH")
	f.Add("", "APKA", "ssh")
	f.Fuzz(func(t *testing.T, user, id, enc string) {
		in := &validate.GetSSHPublicKeyInput{UserName: user, SSHPublicKeyId: id, Encoding: enc}
		want := refField(nil, rule(t, validate.OpUploadSSHPublicKey, "UserName"), user)
		want = refField(want, rule(t, validate.OpGetSSHPublicKey, "SSHPublicKeyId"), id)
		want = refField(want, rule(t, validate.OpGetSSHPublicKey, "Encoding"), enc)
		compare(t, validate.OpGetSSHPublicKey, in.Validate(), want, "")
	})
}

func FuzzUpdateSSHPublicKey(f *testing.F) {
	f.Add("alice", "APKAEIBAERJR2EXAMPLE", "Active")
	f.Add("a/b", "x", "Disabled")
	f.Fuzz(func(t *testing.T, user, id, status string) {
		in := &validate.UpdateSSHPublicKeyInput{UserName: user, SSHPublicKeyId: id, Status: status}
		want := refField(nil, rule(t, validate.OpUploadSSHPublicKey, "UserName"), user)
		want = refField(want, rule(t, validate.OpGetSSHPublicKey, "SSHPublicKeyId"), id)
		want = refField(want, rule(t, validate.OpUpdateSSHPublicKey, "Status"), status)
		compare(t, validate.OpUpdateSSHPublicKey, in.Validate(), want, "")
	})
}

func FuzzDeleteSSHPublicKey(f *testing.F) {
	f.Add("alice", "APKAEIBAERJR2EXAMPLE")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, user, id string) {
		in := &validate.DeleteSSHPublicKeyInput{UserName: user, SSHPublicKeyId: id}
		want := refField(nil, rule(t, validate.OpUploadSSHPublicKey, "UserName"), user)
		want = refField(want, rule(t, validate.OpGetSSHPublicKey, "SSHPublicKeyId"), id)
		compare(t, validate.OpDeleteSSHPublicKey, in.Validate(), want, "")
	})
}

func FuzzListSSHPublicKeys(f *testing.F) {
	f.Add("alice", "marker", 100)
	f.Add("", "", 0)
	f.Add("a b", "\t", 1001)
	f.Fuzz(func(t *testing.T, user, marker string, max int) {
		in := &validate.ListSSHPublicKeysInput{UserName: user, Marker: marker, MaxItems: max}
		want := refField(nil, rule(t, validate.OpListSSHPublicKeys, "UserName"), user)
		want = refField(want, rule(t, validate.OpListSSHPublicKeys, "Marker"), marker)
		want = refInt(want, intRule(t, validate.OpListSSHPublicKeys, "MaxItems"), max)
		compare(t, validate.OpListSSHPublicKeys, in.Validate(), want, "")
	})
}

func FuzzTransferImportSshPublicKey(f *testing.F) {
	for _, k := range keySeeds(f) {
		f.Add("s-0123456789abcdef0", "alice", k)
	}
	f.Add("s-0123456789ABCDEF0", "a", "ssh-dss AAAA")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, server, user, key string) {
		in := &validate.TransferImportSshPublicKeyInput{ServerId: server, UserName: user, SshPublicKeyBody: key}
		op := validate.OpTransferImportSshPublicKey
		want := refField(nil, rule(t, op, "ServerId"), server)
		want = refField(want, rule(t, op, "SshPublicKeyBody"), key)
		if key != "" && len(refRule(rule(t, op, "SshPublicKeyBody"), key, true)) == 0 {
			want = refKeyPolicy(want, rule(t, op, "SshPublicKeyBody"), key, validate.TransferKeyPolicy(), false)
		}
		want = refField(want, rule(t, op, "UserName"), user)
		compare(t, op, in.Validate(), want, key, server, user)
	})
}

func FuzzTransferDeleteSshPublicKey(f *testing.F) {
	f.Add("s-0123456789abcdef0", "key-0123456789abcdef0", "alice")
	f.Add("s-0", "key-", "a b")
	f.Fuzz(func(t *testing.T, server, id, user string) {
		in := &validate.TransferDeleteSshPublicKeyInput{ServerId: server, SshPublicKeyId: id, UserName: user}
		op := validate.OpTransferDeleteSshPublicKey
		want := refField(nil, rule(t, op, "ServerId"), server)
		want = refField(want, rule(t, op, "SshPublicKeyId"), id)
		want = refField(want, rule(t, op, "UserName"), user)
		compare(t, op, in.Validate(), want, "")
	})
}

func FuzzTransferCreateUser(f *testing.F) {
	for _, k := range keySeeds(f) {
		f.Add("arn:aws:iam::123456789012:role/sftp", "s-0123456789abcdef0", "alice", k)
	}
	f.Add("arn:aws:iam::1:user/x", "s-", "", "")
	f.Fuzz(func(t *testing.T, role, server, user, key string) {
		in := &validate.TransferCreateUserInput{Role: role, ServerId: server, UserName: user, SshPublicKeyBody: key}
		op := validate.OpTransferCreateUser
		want := refField(nil, rule(t, op, "Role"), role)
		want = refField(want, rule(t, op, "ServerId"), server)
		want = refField(want, rule(t, op, "SshPublicKeyBody"), key)
		if key != "" && len(refRule(rule(t, op, "SshPublicKeyBody"), key, true)) == 0 {
			want = refKeyPolicy(want, rule(t, op, "SshPublicKeyBody"), key, validate.TransferKeyPolicy(), false)
		}
		want = refField(want, rule(t, op, "UserName"), user)
		compare(t, op, in.Validate(), want, key, role, server, user)
	})
}

// FuzzLightsailImportKeyPair: Lightsail answers one member at a time, the
// first that breaks a rule.
func FuzzLightsailImportKeyPair(f *testing.F) {
	for _, k := range keySeeds(f) {
		f.Add("my-key", k)
	}
	f.Add("-a", "c3NoLWVkMjU1MTkgQUFBQQ==")
	f.Fuzz(func(t *testing.T, name, key string) {
		in := &validate.LightsailImportKeyPairInput{KeyPairName: name, PublicKeyBase64: key}
		op := validate.OpLightsailImportKeyPair
		want := refField(nil, rule(t, op, "KeyPairName"), name)
		if len(want) == 0 {
			want = refField(want, rule(t, op, "PublicKeyBase64"), key)
			if key != "" && len(want) == 0 {
				want = refKeyPolicy(want, rule(t, op, "PublicKeyBase64"), key, validate.LightsailKeyPolicy(), false)
			}
		}
		compare(t, op, in.Validate(), want[:min(len(want), 1)], key, name)
	})
}

func FuzzLightsailKeyPairName(f *testing.F) {
	f.Add("my-key")
	f.Add("a")
	f.Add("a b")
	f.Fuzz(func(t *testing.T, name string) {
		for op, in := range map[validate.Op]interface{ Validate() error }{
			validate.OpLightsailCreateKeyPair: &validate.LightsailCreateKeyPairInput{KeyPairName: name},
			validate.OpLightsailGetKeyPair:    &validate.LightsailGetKeyPairInput{KeyPairName: name},
			validate.OpLightsailDeleteKeyPair: &validate.LightsailDeleteKeyPairInput{KeyPairName: name},
		} {
			want := refField(nil, rule(t, op, "KeyPairName"), name)
			compare(t, op, in.Validate(), want[:min(len(want), 1)], "", name)
		}
	})
}

// FuzzEC2ImportKeyPair: one failure at most, KeyName's first; the key by
// ParseText (base64 DER read), InvalidKey.Format for every refusal.
func FuzzEC2ImportKeyPair(f *testing.F) {
	for _, k := range keySeeds(f) {
		f.Add("my-key", k)
	}
	f.Add(" k", "")
	f.Add("k", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")
	f.Fuzz(func(t *testing.T, name, key string) {
		in := &validate.EC2ImportKeyPairInput{KeyName: name, PublicKeyMaterial: []byte(key)}
		op := validate.OpEC2ImportKeyPair
		var want []outcome
		for _, f := range refRule(rule(t, op, "KeyName"), name, name != "") {
			api := keyerrors.ErrEC2InvalidParameterValue
			if f.err == keyerrors.ErrRequired {
				api = keyerrors.ErrEC2MissingParameter
			}
			want = append(want, outcome{"KeyName", f.err, api})
		}
		if len(want) == 0 {
			if key == "" {
				want = append(want, outcome{"PublicKeyMaterial", keyerrors.ErrRequired, keyerrors.ErrEC2MissingParameter})
			} else {
				p := validate.EC2ImportKeyPolicy()
				if _, err := p.ParseText([]byte(key)); err != nil {
					want = append(want, outcome{"PublicKeyMaterial", sentinelOf(err), keyerrors.ErrEC2InvalidKeyFormat})
				}
			}
		}
		compare(t, op, in.Validate(), want[:min(len(want), 1)], key, name)
	})
}
