package validate_test

import (
	"crypto"
	"sync"
	"testing"

	"github.com/keyvet/keyvet/fingerprint"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// TestConcurrentUse validates and fingerprints shared inputs from many
// goroutines at once. Under -race it proves that the rules, the policies,
// the parsed keys and the package state are safe to share; every goroutine
// must also get the answer one goroutine alone gets.
func TestConcurrentUse(t *testing.T) {
	keys := []string{readKey(t, "rsa2048.pub"), readKey(t, "ed25519.pub"), readKey(t, "rsa2048.pkcs8"),
		readKey(t, "rsa2048.rfc4716"), readKey(t, "rsa1024.pub"), readKey(t, "private/pem_rsa"), "junk"}
	shared := make([]*sshkey.Key, 0, len(keys))
	type answer struct{ send, upload, md5, sha256, art string }
	want := make([]answer, len(keys))
	run := func(i int, k *sshkey.Key) answer {
		send := (&validate.SendSSHPublicKeyInput{InstanceId: "i-abcd1234", InstanceOSUser: "ec2-user", SSHPublicKey: keys[i]}).Validate()
		upload := (&validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: keys[i]}).Validate()
		a := answer{send: errString(send), upload: errString(upload)}
		if k != nil {
			a.md5, a.sha256 = k.Fingerprint(crypto.MD5).String(), k.Fingerprint(crypto.SHA256).String()
			a.art = fingerprint.RandomArt(k.PublicKey())
		}
		return a
	}
	for i, s := range keys {
		k, _ := sshkey.Parse([]byte(s))
		shared = append(shared, k)
		want[i] = run(i, k)
	}
	const workers = 16
	var wg sync.WaitGroup
	errs := make(chan string, workers*len(keys))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 50 {
				i := (w + n) % len(keys)
				if got := run(i, shared[i]); got != want[i] {
					errs <- keys[i][:10]
					return
				}
				_ = everyRule()
				_ = (&validate.ListSSHPublicKeysInput{MaxItems: 1001}).Validate()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("a goroutine got another answer for the key starting %q", e)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
