package validate_test

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/keyvet/keyvet/validate"
)

// The benchmarks of the key paths run keyvet and the reference it is held
// to side by side, in one benchmark function, so that one run gives the
// ratios BENCHMARKS.md reports:
//
//	go test ./validate -run '^$' -bench 'SendSSHPublicKey|UploadSSHPublicKey|Hostile' -count 10
//
// The reference of a request with an authorized_keys line is x/crypto's
// ssh.ParseAuthorizedKey of the same line: the parse alone, without any
// field check, that a service would otherwise do. x/crypto does not read
// RFC 4716, so an RFC 4716 key is compared with the parse of its
// authorized_keys line. The reference of a PKIX body is pem.Decode and
// x509.ParsePKIXPublicKey.

// keyCase is one named key of the benchmark tables.
type keyCase struct {
	name string
	key  string                // the request's key member
	ref  func(testing.TB) bool // the reference: reports whether it accepts
}

// parseLine is the bare-parse reference: ssh.ParseAuthorizedKey of line.
func parseLine(line string) func(testing.TB) bool {
	b := []byte(line)
	return func(testing.TB) bool {
		_, _, _, _, err := ssh.ParseAuthorizedKey(b)
		return err == nil
	}
}

// parsePKIX is the PEM reference: pem.Decode and x509.ParsePKIXPublicKey.
func parsePKIX(body string) func(testing.TB) bool {
	b := []byte(body)
	return func(testing.TB) bool {
		p, _ := pem.Decode(b)
		if p == nil {
			return false
		}
		_, err := x509.ParsePKIXPublicKey(p.Bytes)
		return err == nil
	}
}

// parsePKCS1 is the PKCS#1 PEM reference.
func parsePKCS1(body string) func(testing.TB) bool {
	b := []byte(body)
	return func(testing.TB) bool {
		p, _ := pem.Decode(b)
		if p == nil {
			return false
		}
		_, err := x509.ParsePKCS1PublicKey(p.Bytes)
		return err == nil
	}
}

func sendCases(t testing.TB) []keyCase {
	return []keyCase{
		{"Ed25519", readKey(t, "ed25519.pub"), parseLine(readKey(t, "ed25519.pub"))},
		{"RSA-2048", readKey(t, "rsa2048.pub"), parseLine(readKey(t, "rsa2048.pub"))},
		{"RSA-4096", readKey(t, "rsa4096.pub"), parseLine(readKey(t, "rsa4096.pub"))},
		{"RFC4716-Ed25519", readKey(t, "ed25519.rfc4716"), parseLine(readKey(t, "ed25519.pub"))},
		{"RFC4716-RSA-2048", readKey(t, "rsa2048.rfc4716"), parseLine(readKey(t, "rsa2048.pub"))},
	}
}

func uploadCases(t testing.TB) []keyCase {
	return []keyCase{
		{"RSA-2048", readKey(t, "rsa2048.pub"), parseLine(readKey(t, "rsa2048.pub"))},
		{"RSA-4096", readKey(t, "rsa4096.pub"), parseLine(readKey(t, "rsa4096.pub"))},
		{"PKIX-RSA-2048", readKey(t, "rsa2048.pkcs8"), parsePKIX(readKey(t, "rsa2048.pkcs8"))},
		{"PKIX-RSA-4096", readKey(t, "rsa4096.pkcs8"), parsePKIX(readKey(t, "rsa4096.pkcs8"))},
		{"PKCS1-RSA-2048", readKey(t, "rsa2048.pem"), parsePKCS1(readKey(t, "rsa2048.pem"))},
	}
}

func sendInput(key string) *validate.SendSSHPublicKeyInput {
	return &validate.SendSSHPublicKeyInput{InstanceId: "i-0123456789abcdef0", InstanceOSUser: "ec2-user",
		SSHPublicKey: key, AvailabilityZone: "us-west-2a"}
}

func uploadInput(key string) *validate.UploadSSHPublicKeyInput {
	return &validate.UploadSSHPublicKeyInput{UserName: "alice@example.com", SSHPublicKeyBody: key}
}

// benchKeyCase runs keyvet's Validate and the reference of one key.
func benchKeyCase(b *testing.B, c keyCase, validateFn func() error) {
	if err := validateFn(); err != nil || !c.ref(b) {
		b.Fatalf("%s: the benchmark key must be valid: %v", c.name, err)
	}
	b.Run(c.name+"/keyvet", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkErr = validateFn()
		}
	})
	b.Run(c.name+"/reference", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool = c.ref(b)
		}
	})
}

// BenchmarkSendSSHPublicKey: SendSSHPublicKeyInput.Validate (four fields,
// the key parsed and held to EC2InstanceConnectKeyPolicy) against the bare
// parse of the same key.
func BenchmarkSendSSHPublicKey(b *testing.B) {
	for _, c := range sendCases(b) {
		in := sendInput(c.key)
		benchKeyCase(b, c, in.Validate)
	}
	// One key again and again lets the processor learn its branches by
	// heart; 256 distinct Ed25519 keys, taken in turn, show that the ratio
	// does not hang on that.
	lines := distinctEd25519Lines(256)
	ins := make([]*validate.SendSSHPublicKeyInput, len(lines))
	refs := make([][]byte, len(lines))
	for j, l := range lines {
		ins[j], refs[j] = sendInput(l), []byte(l)
	}
	i, r := 0, 0
	benchKeyCase(b, keyCase{name: "Ed25519-256-keys", ref: func(testing.TB) bool {
		r = (r + 1) % len(refs)
		_, _, _, _, err := ssh.ParseAuthorizedKey(refs[r])
		return err == nil
	}}, func() error {
		i = (i + 1) % len(ins)
		return ins[i].Validate()
	})
}

// distinctEd25519Lines returns the authorized_keys lines of n Ed25519 keys,
// the same n every time, with the comment of testdata/keys/ed25519.pub.
func distinctEd25519Lines(n int) []string {
	r := rand.New(rand.NewPCG(25519, 0))
	lines := make([]string, n)
	for i := range lines {
		var seed [ed25519.SeedSize]byte
		for j := range seed {
			seed[j] = byte(r.Uint32())
		}
		pub, err := ssh.NewPublicKey(ed25519.NewKeyFromSeed(seed[:]).Public())
		if err != nil {
			panic(err)
		}
		lines[i] = strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub))) + " keyvet throwaway ed25519"
	}
	return lines
}

// BenchmarkUploadSSHPublicKey: UploadSSHPublicKeyInput.Validate against the
// bare parse (a line) or pem.Decode and crypto/x509 (PEM).
func BenchmarkUploadSSHPublicKey(b *testing.B) {
	for _, c := range uploadCases(b) {
		in := uploadInput(c.key)
		benchKeyCase(b, c, in.Validate)
	}
}

// hostileBodies returns bodies of n bytes that IAM's body rule lets through
// to the key parser and that are no key: printable junk in lines, one line
// of base64, an ssh-rsa line whose blob is n*3/4 bytes long, and a PKIX PEM
// block of 64-character base64 lines. Each seed gives other bodies.
func hostileBodies(n int, seed uint64) map[string]string {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	junk := make([]byte, n)
	for i := range junk {
		junk[i] = byte(' ' + r.IntN(95))
		if i%70 == 69 {
			junk[i] = '\n'
		}
	}
	raw := make([]byte, n)
	for i := range raw {
		raw[i] = byte(r.Uint32())
	}
	b64 := base64.StdEncoding.EncodeToString(raw)[:n]
	var p strings.Builder
	p.WriteString("-----BEGIN PUBLIC KEY-----\n")
	body := base64.StdEncoding.EncodeToString(raw)
	for p.Len() < n-len("-----END PUBLIC KEY-----\n")-65 {
		p.WriteString(body[:64])
		p.WriteByte('\n')
		body = body[64:]
	}
	p.WriteString("-----END PUBLIC KEY-----\n")
	line := "ssh-rsa " + b64[:(n-8)/4*4]
	return map[string]string{"junk": string(junk), "base64": b64, "ssh-rsa": line, "PEM": p.String()}
}

// BenchmarkHostile: UploadSSHPublicKeyInput.Validate refuses each hostile
// body in time linear in its size (SetBytes: a flat MB/s is a straight
// line), at 1, 2, 4, 8 and 16 KiB, IAM's largest body.
//
// Each size cycles through 256 KiB of distinct bodies (16 at 16 KiB, 256
// at 1 KiB): with one body run again and again, the processor's branch
// predictor learns a small body by heart, and the small sizes then look
// cheaper per byte than any body seen once (a byte-class test of random
// base64 ran nearly 6 times faster on a repeated 16 KiB text than on a
// repeated 32 KiB one, here).
func BenchmarkHostile(b *testing.B) {
	for _, kind := range []string{"junk", "base64", "ssh-rsa", "PEM"} {
		for _, kib := range []int{1, 2, 4, 8, 16} {
			ins := make([]*validate.UploadSSHPublicKeyInput, 256/kib)
			for i := range ins {
				ins[i] = uploadInput(hostileBodies(kib*1024, uint64(i))[kind])
				if ins[i].Validate() == nil {
					b.Fatalf("%s %d KiB: accepted", kind, kib)
				}
			}
			b.Run(kind+"/"+strconv.Itoa(kib)+"KiB", func(b *testing.B) {
				b.SetBytes(int64(len(ins[0].SSHPublicKeyBody)))
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					sinkErr = ins[i].Validate()
					i = (i + 1) % len(ins)
				}
			})
		}
	}
}

// TestKeyValidateAllocs pins the allocations of Validate on a valid key:
// none, for every key of the benchmark tables.
func TestKeyValidateAllocs(t *testing.T) {
	for _, c := range sendCases(t) {
		in := sendInput(c.key)
		if n := testing.AllocsPerRun(100, func() { sinkErr = in.Validate() }); n != 0 {
			t.Errorf("SendSSHPublicKey %s: %v allocations, want 0", c.name, n)
		}
	}
	for _, c := range uploadCases(t) {
		in := uploadInput(c.key)
		if n := testing.AllocsPerRun(100, func() { sinkErr = in.Validate() }); n != 0 {
			t.Errorf("UploadSSHPublicKey %s: %v allocations, want 0", c.name, n)
		}
	}
}

// TestHostileRefused: every hostile body is refused, at every size.
func TestHostileRefused(t *testing.T) {
	for _, kib := range []int{1, 2, 4, 8, 16} {
		for kind, body := range hostileBodies(kib*1024, 1) {
			if len(body) > 16384 {
				t.Fatalf("%s %d KiB: %d bytes", kind, kib, len(body))
			}
			if uploadInput(body).Validate() == nil {
				t.Errorf("%s %d KiB: accepted", kind, kib)
			}
		}
	}
}

// BenchmarkSendSSHPublicKeyFloor sets SendSSHPublicKeyInput.Validate beside
// its floor: a bare standard-base64 decode of the key's base64 field into a
// stack buffer (every byte of it must be decoded once) and the other
// members' rule checks, with no framing, no blob walk and no policy.
func BenchmarkSendSSHPublicKeyFloor(b *testing.B) {
	for _, name := range []string{"ed25519.pub", "rsa2048.pub"} {
		line := strings.TrimSpace(readKey(b, name))
		in := sendInput(line)
		b64 := []byte(strings.Fields(line)[1])
		b.Run(name+"/keyvet", func(b *testing.B) {
			for b.Loop() {
				sinkErr = in.Validate()
			}
		})
		id, user, az := rule(b, validate.OpSendSSHPublicKey, "InstanceId"), rule(b, validate.OpSendSSHPublicKey, "InstanceOSUser"),
			rule(b, validate.OpSendSSHPublicKey, "AvailabilityZone")
		b.Run(name+"/floor", func(b *testing.B) {
			var buf [1024]byte
			for b.Loop() {
				n, err := base64.StdEncoding.Decode(buf[:], b64)
				if err == nil && n > 0 {
					err = id.Check(in.InstanceId)
				}
				if err == nil {
					err = user.Check(in.InstanceOSUser)
				}
				if err == nil {
					err = az.Check(in.AvailabilityZone)
				}
				sinkErr = err
			}
		})
	}
}
