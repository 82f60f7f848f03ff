package validate_test

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// wireString is an SSH string (RFC 4251 section 5): a uint32 length, then
// the bytes.
func wireString(b []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(b))), b...)
}

// rsaLine is an authorized_keys line of an RSA key with exponent e (as
// big-endian bytes) and a modulus of the given bit length (odd, top bit set).
func rsaLine(e []byte, bits int) string {
	n := make([]byte, (bits+7)/8)
	n[0] = 1 << ((bits - 1) % 8)
	n[len(n)-1] |= 1
	if n[0]&0x80 != 0 {
		n = append([]byte{0}, n...) // a positive mpint
	}
	blob := append(wireString([]byte("ssh-rsa")), wireString(e)...)
	blob = append(blob, wireString(n)...)
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(blob)
}

// TestHostileInputs is the table of input an attacker may send, the sentinel
// each gets and a bound on what refusing it costs, in allocations (time is
// too noisy to pin; BENCHMARKS.md has the curve). Every row goes through
// sshkey.Parse, and through the request that would carry it.
func TestHostileInputs(t *testing.T) {
	rsa2048 := strings.TrimSpace(readKey(t, "rsa2048.pub"))
	junk := strings.Repeat("\x8f junk, no key here; ", 16<<10/22)
	b64 := strings.Repeat("QUFBQUFBQUFB", 16<<10/12)
	pemBody := "-----BEGIN PUBLIC KEY-----\n" + strings.Repeat(strings.Repeat("A", 64)+"\n", 250) + "-----END PUBLIC KEY-----\n"
	var rfcHeaders strings.Builder
	rfcHeaders.WriteString("---- BEGIN SSH2 PUBLIC KEY ----\n")
	for range 10000 {
		rfcHeaders.WriteString("x-tag: value\n")
	}
	rfcHeaders.WriteString(strings.Fields(rsa2048)[1] + "\n---- END SSH2 PUBLIC KEY ----\n")
	hugeHeaders := "-----BEGIN PUBLIC KEY-----\nProc-Type: " + strings.Repeat("A", 64<<10) + "\n\n" +
		strings.TrimPrefix(readKey(t, "rsa2048.pkcs8"), "-----BEGIN PUBLIC KEY-----\n")
	maxLen := "ssh-rsa " + base64.StdEncoding.EncodeToString([]byte("\xff\xff\xff\xffssh-rsa")) // a length prefix of 2^32-1
	nested := "-----BEGIN PUBLIC KEY-----\n" + readKey(t, "rsa2048.pkcs8")
	repeated := readKey(t, "rsa2048.pkcs8") + readKey(t, "rsa2048.pkcs8")

	tests := []struct {
		name      string
		in        string
		parse     error // what sshkey.Parse says
		send      error // what SendSSHPublicKey says of it as SSHPublicKey (nil: not a row for it)
		upload    error // what UploadSSHPublicKey says of it as SSHPublicKeyBody
		maxAllocs float64
		reason    string
	}{
		{"16 KiB junk", junk, keyerrors.ErrUnsupportedEncoding, keyerrors.ErrPattern, keyerrors.ErrPattern, 40,
			"no encoding; a lone \\x8f is invalid UTF-8, and no character of the body's class"},
		{"16 KiB base64", b64, keyerrors.ErrUnsupportedEncoding, keyerrors.ErrTooLong, keyerrors.ErrUnsupportedEncoding, 40,
			"base64 alone is no encoding"},
		{"16 KiB PEM", pemBody, keyerrors.ErrMalformedKey, keyerrors.ErrTooLong, keyerrors.ErrMalformedKey, 40,
			"a PKIX block of zeros is no SubjectPublicKeyInfo"},
		{"4 MiB key", strings.Repeat("A", 4<<20), keyerrors.ErrUnsupportedEncoding, keyerrors.ErrTooLong, keyerrors.ErrTooLong, 40,
			"refused by length before any decoding"},
		{"NUL bytes", strings.Replace(rsa2048, "AAAA", "\x00\x00\x00\x00", 1), keyerrors.ErrMalformedKey, keyerrors.ErrMalformedKey, keyerrors.ErrPattern, 40,
			"NUL is neither base64 nor in the body's class"},
		{"invalid UTF-8", rsa2048 + " comment\xff", keyerrors.ErrMalformedKey, keyerrors.ErrPattern, keyerrors.ErrPattern, 40,
			"invalid UTF-8 never passes"},
		{"RSA 16385 bits", rsaLine([]byte{1, 0, 1}, 16385), keyerrors.ErrKeyTooLarge, keyerrors.ErrKeyTooLarge, keyerrors.ErrKeyTooLarge, 60,
			"past x/crypto's bound of 16384 bits"},
		{"e = 2^24+1", rsaLine([]byte{1, 0, 0, 1}, 2048), keyerrors.ErrWeakKey, keyerrors.ErrWeakKey, keyerrors.ErrWeakKey, 60,
			"an exponent of more than 24 bits"},
		{"e = 1", rsaLine([]byte{1}, 2048), keyerrors.ErrWeakKey, keyerrors.ErrWeakKey, keyerrors.ErrWeakKey, 60,
			"e = 1 is no encryption at all"},
		{"10,000 RFC 4716 headers", rfcHeaders.String(), keyerrors.ErrMalformedKey, keyerrors.ErrTooLong, keyerrors.ErrTooLong, 60,
			"a header flood"},
		{"PEM with huge headers", hugeHeaders, keyerrors.ErrMalformedKey, keyerrors.ErrTooLong, keyerrors.ErrTooLong, 60,
			"PEM headers are refused"},
		{"length prefix 2^32-1", maxLen, keyerrors.ErrMalformedKey, keyerrors.ErrTooShort, keyerrors.ErrMalformedKey, 40,
			"the length is checked against what is left, never allocated"},
		{"nested BEGIN", nested, keyerrors.ErrMalformedKey, keyerrors.ErrMalformedKey, keyerrors.ErrMalformedKey, 60,
			"a BEGIN inside a block"},
		{"repeated block", repeated, keyerrors.ErrMultipleKeys, keyerrors.ErrMultipleKeys, keyerrors.ErrMultipleKeys, 60,
			"two keys in one field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.in)
			_, err := sshkey.Parse(data)
			if !errors.Is(err, tt.parse) {
				t.Errorf("Parse: %v, want %v (%s)", err, tt.parse, tt.reason)
			}
			send := &validate.SendSSHPublicKeyInput{InstanceId: "i-abcd1234", InstanceOSUser: "ec2-user", SSHPublicKey: tt.in}
			if err := send.Validate(); !errors.Is(err, tt.send) || !errors.Is(err, keyerrors.ErrInvalidArgs) {
				t.Errorf("SendSSHPublicKey: %v, want %v (%s)", err, tt.send, tt.reason)
			}
			upload := &validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: tt.in}
			if err := upload.Validate(); !errors.Is(err, tt.upload) {
				t.Errorf("UploadSSHPublicKey: %v, want %v (%s)", err, tt.upload, tt.reason)
			}
			for name, f := range map[string]func(){
				"Parse":  func() { _, sinkErr = sshkey.Parse(data) },
				"Send":   func() { sinkErr = send.Validate() },
				"Upload": func() { sinkErr = upload.Validate() },
			} {
				if n := testing.AllocsPerRun(5, f); n > tt.maxAllocs {
					t.Errorf("%s allocates %v times, want at most %v", name, n, tt.maxAllocs)
				}
			}
		})
	}
}
