package lines

import (
	"errors"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// TestPrivateBlock: the lines of a private key in a file of key lines are
// refused as such, and none is read by the format's parser or shown.
func TestPrivateBlock(t *testing.T) {
	// parse takes "k" and refuses every other line, naming it; a line
	// that holds a private key marker is refused as ErrPrivateKey, as
	// the formats' parsers do.
	parse := func(n int, line []byte, _ *scan.Error) (string, error) {
		switch {
		case string(line) == "k":
			return "k", nil
		case scan.MayHoldPrivate(line):
			return "", scan.New(keyerrors.ErrPrivateKey, "a private key")
		}
		return "", scan.Malformed("read " + string(line))
	}
	for _, tt := range []struct {
		file    string
		private []int // the lines refused as part of a private key
		why     string
	}{
		{"k\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu\nQxYUnh\n-----END RSA PRIVATE KEY-----\nk\nx\n",
			[]int{2, 3, 4, 5}, "a PEM block after a key line, and a bad line after it read again"},
		{"k\nQxYUnhrT/q0Fqr4v\n-----END OPENSSH PRIVATE KEY-----\nk\n",
			[]int{2, 3}, "the end of a private key's body, cut from its start"},
		{"k\nPuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\nAAAAC3Nz\nAAAA\nPrivate-Lines: 1\nAAAAIBh\nPrivate-MAC: 00ff\nk\n",
			[]int{2, 3, 4, 5, 6, 7, 8, 9}, "a PuTTY file"},
		{"k\nQxYUnhrT\nk\n", nil, "a base64 line and no private key after it is an ordinary bad line"},
	} {
		private := map[int]bool{}
		for _, n := range tt.private {
			private[n] = true
		}
		for _, err := range ReadFill(strings.NewReader(tt.file), parse) {
			if err == nil {
				continue
			}
			var le *sshkey.LineError
			if !errors.As(err, &le) {
				t.Fatalf("%s: %v", tt.why, err)
			}
			if got := errors.Is(err, keyerrors.ErrPrivateKey); got != private[le.Line] {
				t.Errorf("%s: line %d: %v (part of a private key: %v)", tt.why, le.Line, err, private[le.Line])
			}
			if private[le.Line] && strings.Contains(err.Error(), "QxYU") {
				t.Errorf("%s: line %d: %v shows the key's body", tt.why, le.Line, err)
			}
			delete(private, le.Line)
		}
		if len(private) > 0 {
			t.Errorf("%s: lines %v gave no error", tt.why, private)
		}
	}
}

// TestBinaryLine: a refused line of binary data is described by its length
// alone, with its parser's sentinel; a binary line the parser takes is
// taken.
func TestBinaryLine(t *testing.T) {
	parse := func(n int, line []byte, _ *scan.Error) (string, error) {
		if string(line) == "k\x00" {
			return "k", nil
		}
		return "", scan.New(keyerrors.ErrPrivateKey, "refused "+string(line))
	}
	file := "0w\x02\x01\x01\x04 \xa1\x1b\nk\x00\nab\xffcd\n"
	var got []string
	for e, err := range ReadFill(strings.NewReader(file), parse) {
		if err == nil {
			got = append(got, e)
			continue
		}
		if !errors.Is(err, keyerrors.ErrPrivateKey) || strings.Contains(err.Error(), "refused") || !strings.Contains(err.Error(), "<binary data, ") {
			t.Errorf("%v: want the parser's sentinel and the line's length only", err)
		}
		got = append(got, "error")
	}
	if strings.Join(got, " ") != "error k error" {
		t.Errorf("Read gave %v, want an error, the key, an error", got)
	}
}
