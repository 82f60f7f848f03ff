// Package keytest holds what the tests of sshkey and its file formats
// share: test keys with their provenance, and helpers to run the oracles
// and check messages. Only tests import it.
package keytest

import (
	"bytes"
	"encoding/base64"
	"iter"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// Keys used by the table rows. Their provenance is given beside each.
const (
	// openssh-portable regress/unittests/sshkey/testdata/ed25519_1.pub
	ED25519Line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ ED25519 test key #1"
	ED25519B64  = "AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ"
	// openssh-portable regress/unittests/sshkey/testdata/rsa_1.pub (1024 bits)
	RSAB64 = "AAAAB3NzaC1yc2EAAAADAQABAAAAgQDLV5lUTt7FrADseB/CGhEZzpoojjEW5y8+ePvLppmK3MmMI18ud6vxzpK3bwZLYkVSyfJYI0HmIuGhdu7yMrW6wb84gbq8C31Xoe9EORcIUuGSvDKdNSM1SjlhDquRblDFB8kToqXyx1lqrXecXylxIUOL0jE+u0rU1967pDJx+w=="
	// openssh-portable regress/unittests/sshkey/testdata/exported/rsa_1.PKCS8.txt
	RSAPKIX = "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDLV5lUTt7FrADseB/CGhEZzpoo\njjEW5y8+ePvLppmK3MmMI18ud6vxzpK3bwZLYkVSyfJYI0HmIuGhdu7yMrW6wb84\ngbq8C31Xoe9EORcIUuGSvDKdNSM1SjlhDquRblDFB8kToqXyx1lqrXecXylxIUOL\n0jE+u0rU1967pDJx+wIDAQAB\n-----END PUBLIC KEY-----\n"
	// openssh-portable regress/unittests/sshkey/testdata/exported/rsa_1.PEM.txt
	RSAPKCS1 = "-----BEGIN RSA PUBLIC KEY-----\nMIGJAoGBAMtXmVRO3sWsAOx4H8IaERnOmiiOMRbnLz54+8ummYrcyYwjXy53q/HO\nkrdvBktiRVLJ8lgjQeYi4aF27vIytbrBvziBurwLfVeh70Q5FwhS4ZK8Mp01IzVK\nOWEOq5FuUMUHyROipfLHWWqtd5xfKXEhQ4vSMT67StTX3rukMnH7AgMBAAE=\n-----END RSA PUBLIC KEY-----\n"
	// openssh-portable regress/unittests/sshkey/testdata/exported/ed25519_1.RFC4716.txt
	ED25519RFC = "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"256-bit ED25519, converted by root@vm from OpenSSH\"\nAAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ\n---- END SSH2 PUBLIC KEY ----\n"
	// openssh-portable regress/unittests/sshkey/testdata/ed25519_1-cert.pub (first 2 fields)
	ED25519CertB64 = "AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIIxzuxl4z3uwAIslne8Huft+1n1IhHAlNbWZkQyyECCGAAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZAAAAAAAAAAgAAAACAAAABmp1bGl1cwAAABIAAAAFaG9zdDEAAAAFaG9zdDIAAAAANowB8AAAAABNHmBwAAAAAAAAAAAAAAAAAAAAMwAAAAtzc2gtZWQyNTUxOQAAACBThupGO0X+FLQhbz8CoKPwc7V3JNsQuGtlsgN+F7SMGQAAAFMAAAALc3NoLWVkMjU1MTkAAABABGTn+Bmz86Ajk+iqKCSdP5NClsYzn4alJd0V5bizhP0Kumc/HbqQfSt684J1WdSzih+EjvnTgBhK9jTBKb90AQ=="
)

// MustB64 decodes standard base64, or panics.
func MustB64(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// KeySentinels are the key sentinels of package errors.
var KeySentinels = []error{
	keyerrors.ErrMalformedKey, keyerrors.ErrUnsupportedEncoding, keyerrors.ErrUnsupportedKeyType,
	keyerrors.ErrKeyTooSmall, keyerrors.ErrKeyTooLarge, keyerrors.ErrWeakKey, keyerrors.ErrPrivateKey,
	keyerrors.ErrCertificate, keyerrors.ErrKeyTypeMismatch, keyerrors.ErrMultipleKeys,
}

// Base64Run is a run of 16 base64 characters or more.
var Base64Run = regexp.MustCompile(`[A-Za-z0-9+/]{16,}`)

// LeakedRun returns a 16-character piece of a base64 run of in that msg
// holds, or "".
func LeakedRun(in, msg string) string {
	for _, run := range Base64Run.FindAllString(in, -1) {
		for i := 0; i+16 <= len(run); i++ {
			if strings.Contains(msg, run[i:i+16]) {
				return run[i : i+16]
			}
		}
	}
	return ""
}

// Fataler is what Run needs of a *testing.T or *testing.B.
type Fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// Run runs a command and returns its standard output; it fails t when the
// command fails.
func Run(t Fataler, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

// KeygenType is the name ssh-keygen -l gives a key type (sshkey.c,
// sshkey_type): "ED25519", and "ED25519-CERT" for its certificate type.
func KeygenType(typ string) string {
	if plain, ok := strings.CutSuffix(typ, "-cert-v01@openssh.com"); ok {
		if strings.HasPrefix(plain, "sk-") {
			plain += "@openssh.com"
		}
		return KeygenType(plain) + "-CERT"
	}
	switch {
	case typ == "ssh-rsa":
		return "RSA"
	case typ == "ssh-dss":
		return "DSA"
	case typ == "ssh-ed25519":
		return "ED25519"
	case typ == "sk-ssh-ed25519@openssh.com":
		return "ED25519-SK"
	case typ == "sk-ecdsa-sha2-nistp256@openssh.com":
		return "ECDSA-SK"
	case strings.HasPrefix(typ, "ecdsa-"):
		return "ECDSA"
	}
	return typ
}

// WriteFile writes data to path, or fails t.
func WriteFile(t Fataler, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// ReadFile returns the file at path as a string, or fails t.
func ReadFile(t Fataler, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Count ranges over a file reader's sequence without asking for an error's
// text, and returns how many entries and errors it yields.
func Count[E any](seq iter.Seq2[E, error]) (entries, errs int) {
	for _, err := range seq {
		if err != nil {
			errs++
		} else {
			entries++
		}
	}
	return entries, errs
}

// CostPerByte times f on each input in turn, interleaved, runs times, and
// returns the least wall time per byte of each: the least of interleaved
// runs is what a busy machine lets through of the cost alone.
func CostPerByte(f func([]byte), runs int, inputs ...[]byte) []float64 {
	best := make([]time.Duration, len(inputs))
	for i := range best {
		best[i] = 1 << 62
	}
	for range runs {
		for i, in := range inputs {
			start := time.Now()
			f(in)
			best[i] = min(best[i], time.Since(start))
		}
	}
	out := make([]float64, len(inputs))
	for i, d := range best {
		out[i] = float64(d.Nanoseconds()) / float64(len(inputs[i]))
	}
	return out
}

// Linear fails t unless reading each file of larges costs, per byte, at
// most 4 times what its namesake of smalls costs (CostPerByte, least of 5
// runs, tried 3 times): linear cost grows 1x, a quadratic one 16x to 64x
// between the sizes these tests use. Below 2 ns a byte at the large size
// the ratio is not looked at: that is memory-speed noise.
func Linear(t *testing.T, read func([]byte), smalls, larges map[string][]byte) {
	t.Helper()
	for name := range smalls {
		t.Run(name, func(t *testing.T) {
			var got []float64
			for range 3 {
				got = CostPerByte(read, 5, smalls[name], larges[name])
				if got[1] <= 4*got[0] || got[1] < 2 {
					return
				}
			}
			t.Errorf("%.2f ns/byte on %d bytes, %.2f on %d: not linear", got[1], len(larges[name]), got[0], len(smalls[name]))
		})
	}
}
