package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// checkkeyBin is the command, built once by TestMain.
var checkkeyBin string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "checkkey")
	if err != nil {
		panic(err)
	}
	checkkeyBin = filepath.Join(dir, "checkkey")
	if out, err := exec.Command("go", "build", "-o", checkkeyBin, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic(fmt.Sprintf("go build: %v\n%s", err, out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runCheckkey runs the command with HOME set to home and returns its
// standard output, standard error and exit status.
func runCheckkey(t *testing.T, bin, home string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return strings.ReplaceAll(o.String(), home, "$HOME"), strings.ReplaceAll(e.String(), home, "$HOME"), status
}

const keys = "../../testdata/keys/"

func TestCommand(t *testing.T) {
	bin := checkkeyBin
	emptyHome := t.TempDir()
	sshHome := t.TempDir()
	if err := os.Mkdir(filepath.Join(sshHome, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ed25519.pub", "rsa1024.pub"} {
		data, err := os.ReadFile(keys + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sshHome, ".ssh", "id_"+name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		home   string
		args   []string
		status int
		reason string
	}{
		{"sample", emptyHome, nil, 0, "no ~/.ssh/*.pub: the bundled sample key, and it says so"},
		{"home", sshHome, nil, 0, "every ~/.ssh/*.pub, in name order; an IAM refusal is an answer, not a failure"},
		{"files", emptyHome, []string{keys + "rsa2048.pub", keys + "rsa2048.pkcs8", keys + "rsa2048.rfc4716", keys + "ecdsa256.pub", keys + "rsa8192.pub"}, 0,
			"each encoding and each service's policy"},
		{"private", emptyHome, []string{keys + "private/pem_rsa", keys + "private/openssh_ed25519"}, 1,
			"private keys are refused and never printed"},
		{"missing", emptyHome, []string{keys + "rsa2048.pub", "does-not-exist.pub"}, 1, "an unreadable file fails the run, the others are still checked"},
		{"usage", emptyHome, []string{"-no-such-flag"}, 2, "bad usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := runCheckkey(t, bin, tt.home, tt.args...)
			if status != tt.status {
				t.Errorf("exit status %d, want %d (%s)\nstdout:\n%s\nstderr:\n%s", status, tt.status, tt.reason, stdout, stderr)
			}
			got := "## stdout\n" + stdout + "## stderr\n" + stderr
			golden := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to make it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (%s):\n got:\n%s\nwant:\n%s", golden, tt.reason, got, want)
			}
		})
	}
}

func TestPrivateKeyNeverPrinted(t *testing.T) {
	bin := checkkeyBin
	files, err := filepath.Glob(keys + "private/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no private keys in testdata: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{f}, {"-json", f}} {
			stdout, stderr, status := runCheckkey(t, bin, t.TempDir(), args...)
			if status != 1 {
				t.Errorf("%v: exit status %d, want 1", args, status)
			}
			out := stdout + stderr
			for _, line := range strings.Split(string(data), "\n") {
				line = strings.TrimSpace(line)
				for i := 0; i+16 <= len(line); i += 8 {
					if run := line[i : i+16]; !strings.Contains(run, "-----") && !strings.Contains(run, "PuTTY") && strings.Contains(out, run) {
						t.Fatalf("%v: the output holds %q of the private key:\n%s", args, run, out)
					}
				}
			}
		}
	}
}

func TestJSON(t *testing.T) {
	bin := checkkeyBin
	stdout, _, status := runCheckkey(t, bin, t.TempDir(), "-json", keys+"ed25519.pub", keys+"private/pem_rsa")
	if status != 1 {
		t.Errorf("exit status %d, want 1 (the private key)", status)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	var ed, priv Report
	if err := dec.Decode(&ed); err != nil {
		t.Fatal(err)
	}
	if err := dec.Decode(&priv); err != nil {
		t.Fatal(err)
	}
	if dec.More() {
		t.Error("more than one object per key")
	}
	// testdata/keys/ed25519.fp, made by ssh-keygen -l -E md5|sha256.
	want := Report{File: keys + "ed25519.pub", Source: "argument", Type: "ssh-ed25519", Bits: 256, Encoding: "authorized_keys",
		Comment: "keyvet throwaway test key ed25519",
		MD5:     "8f:7c:4a:17:ac:79:b5:af:8a:36:85:b3:51:9f:47:90", SHA256: "SHA256:NZ/N9RvP6bM9HGBhggWFzbPUrSkKQLmxqMnR40Iyg7A"}
	ops := ed.Operations
	ed.Operations = nil
	if diff := cmp.Diff(want, ed); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	if len(ops) != 3 || !ops[0].Accepted || !ops[1].Accepted || ops[2].Accepted ||
		ops[0].Operation != "SendSSHPublicKey" || ops[1].Operation != "SendSerialConsoleSSHPublicKey" || ops[2].Operation != "UploadSSHPublicKey" {
		t.Fatalf("operations %+v: want Send and SendSerialConsole accepted, Upload refused", ops)
	}
	if ops[2].Code != "InvalidPublicKey" || ops[2].HTTPStatus != 400 || !strings.HasPrefix(ops[2].Message, "1 validation error detected: Value at 'sSHPublicKeyBody'") {
		t.Errorf("upload answer %+v, want InvalidPublicKey, 400 and AWS's message", ops[2])
	}
	if priv.Error == "" || priv.Type != "" || len(priv.Operations) != 0 {
		t.Errorf("private key report %+v: want only an error", priv)
	}
}
