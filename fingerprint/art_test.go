package fingerprint

import (
	"crypto"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/ssh"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// TestBubblebabbleSpec checks the encoder on the examples of Antti Huima's
// draft "The Bubble Babble Binary Data Encoding", which encode raw bytes,
// including the odd lengths a SHA-1 digest never has.
func TestBubblebabbleSpec(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "xexax"},
		{"1234567890", "xesef-disof-gytuf-katof-movif-baxux"},
		{"Pineapple", "xigak-nyryk-humil-bosek-sonax"},
	} {
		if got := string(appendBubblebabble(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("bubblebabble(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestRandomArtTitle checks the header rules of fingerprint_randomart:
// "[type bits]" centred, "[type]" when that is longer than 17, and at most
// 16 characters of either (the snprintf buffer).
func TestRandomArtTitle(t *testing.T) {
	for _, tt := range []struct {
		label string
		nbits int
		want  string
	}{
		{"RSA", 2048, "+---[RSA 2048]----+"},
		{"ED25519", 256, "+--[ED25519 256]--+"},
		{"ED25519-SK", 256, "+[ED25519-SK 256]-+"},      // 16: fits
		{"RSA-CERT", 16384, "+[RSA-CERT 16384]-+"},      // 16: fits
		{"ECDSA-CERT", 1024, "+[ECDSA-CERT 1024-+"},     // 17: snprintf cuts it
		{"ED25519-CERT", 256, "+-[ED25519-CERT]--+"},    // 18: falls back
		{"ED25519-SK-CERT", 256, "+[ED25519-SK-CERT-+"}, // fallback cut too
		{"unknown", 0, "+---[unknown 0]---+"},
	} {
		art := randomArt(tt.label, tt.nbits, "SHA256", make([]byte, 32))
		lines := strings.Split(art, "\n")
		if lines[0] != tt.want {
			t.Errorf("title for %s %d = %s, want %s", tt.label, tt.nbits, lines[0], tt.want)
		}
		if len(lines) != fldY+2 || len(art) != artLen {
			t.Errorf("%d lines, %d bytes; want %d and %d", len(lines), len(art), fldY+2, artLen)
		}
		for _, l := range lines {
			if len(l) != fldX+2 {
				t.Errorf("line %q of %d characters", l, len(l))
			}
		}
	}
}

// TestRandomArtWalk checks a walk small enough to follow by hand: one
// byte 0x00 moves the bishop up-left four times from the centre (8,4),
// where it stops at the top wall, (4,0). S marks the centre.
func TestRandomArtWalk(t *testing.T) {
	want := strings.Join([]string{
		"+----[TEST 1]-----+",
		"|    E            |",
		"|     .           |",
		"|      .          |",
		"|       .         |",
		"|        S        |",
		"|                 |",
		"|                 |",
		"|                 |",
		"|                 |",
		"+------[MD5]------+",
	}, "\n")
	if diff := cmp.Diff(want, randomArt("TEST", 1, "MD5", []byte{0})); diff != "" {
		t.Errorf("randomArt (-want +got):\n%s", diff)
	}
	// 0xff moves down-right: the bishop reaches the bottom wall at
	// (12,8), slides along it to the corner (16,8) and stays there, its
	// visits piling up under the E.
	want = strings.Join([]string{
		"+----[TEST 1]-----+",
		"|                 |",
		"|                 |",
		"|                 |",
		"|                 |",
		"|        S        |",
		"|         .       |",
		"|          .      |",
		"|           .     |",
		"|            ....E|",
		"+------[MD5]------+",
	}, "\n")
	if diff := cmp.Diff(want, randomArt("TEST", 1, "MD5", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})); diff != "" {
		t.Errorf("corner walk (-want +got):\n%s", diff)
	}
}

// blobOf joins fields as SSH wire strings.
func blobOf(fields ...string) []byte {
	var b []byte
	for _, f := range fields {
		b = binary.BigEndian.AppendUint32(b, uint32(len(f)))
		b = append(b, f...)
	}
	return b
}

// TestKeyInfo covers the types OpenSSH names and the refusals.
func TestKeyInfo(t *testing.T) {
	for _, tt := range []struct {
		name  string
		blob  []byte
		label string
		nbits int
		err   error
	}{
		{"rsa", blobOf("ssh-rsa", "\x01\x00\x01", "\x00\x80"+strings.Repeat("\x00", 127)), "RSA", 1024, nil},
		{"rsa-odd", blobOf("ssh-rsa", "\x03", "\x05"+strings.Repeat("\xff", 10)), "RSA", 83, nil},
		{"dsa", blobOf("ssh-dss", "\x00\xff"+strings.Repeat("\x00", 127), "q", "g", "y"), "DSA", 1024, nil},
		{"ecdsa384", blobOf("ecdsa-sha2-nistp384", "nistp384", "Q"), "ECDSA", 384, nil},
		{"ed25519-cert", blobOf("ssh-ed25519-cert-v01@openssh.com", "nonce", "pk"), "ED25519-CERT", 256, nil},
		{"sk-ecdsa", blobOf("sk-ecdsa-sha2-nistp256@openssh.com"), "ECDSA-SK", 256, nil},
		{"sk-ecdsa-cert", blobOf("sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "n"), "ECDSA-SK-CERT", 256, nil},
		{"rsa-cert", blobOf("ssh-rsa-cert-v01@openssh.com", "nonce", "\x01\x00\x01", "\x7f\xff"), "RSA-CERT", 15, nil},
		{"empty", nil, "", 0, keyerrors.ErrMalformedKey},
		{"short-length", []byte{0, 0, 0}, "", 0, keyerrors.ErrMalformedKey},
		{"overlong", []byte{0, 0, 0, 9, 's'}, "", 0, keyerrors.ErrMalformedKey},
		{"rsa-no-n", blobOf("ssh-rsa", "\x01\x00\x01"), "", 0, keyerrors.ErrMalformedKey},
		{"cert-no-nonce", blobOf("ssh-rsa-cert-v01@openssh.com"), "", 0, keyerrors.ErrMalformedKey},
		{"unknown", blobOf("ssh-mldsa44-ed25519@openssh.com", "pk"), "", 0, keyerrors.ErrUnsupportedKeyType},
		{"sk-without-domain", blobOf("sk-ecdsa-sha2-nistp256"), "", 0, keyerrors.ErrUnsupportedKeyType},
		{"sk-ed-domain-cert", blobOf("sk-ssh-ed25519@openssh.com-cert-v01@openssh.com", "n"), "", 0, keyerrors.ErrUnsupportedKeyType},
	} {
		t.Run(tt.name, func(t *testing.T) {
			label, nbits, err := keyInfo(tt.blob)
			if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
				t.Fatalf("keyInfo error %v, want %v", err, tt.err)
			}
			if label != tt.label || nbits != tt.nbits {
				t.Errorf("keyInfo = %s %d, want %s %d", label, nbits, tt.label, tt.nbits)
			}
			art, err := RandomArtBlob(crypto.SHA256, tt.blob)
			if !errors.Is(err, tt.err) || (err == nil) != (art != "") {
				t.Errorf("RandomArtBlob = %q, %v; want error %v", art, err, tt.err)
			}
		})
	}
}

// otherKey is an ssh.PublicKey of a type OpenSSH does not know.
type otherKey struct{}

func (otherKey) Type() string                                 { return "x-test@example.com" }
func (otherKey) Marshal() []byte                              { return blobOf("x-test@example.com", "k") }
func (otherKey) Verify(data []byte, sig *ssh.Signature) error { return errors.New("no") }

func TestRandomArtUnknownKey(t *testing.T) {
	art := RandomArt(otherKey{})
	if h := strings.SplitN(art, "\n", 2)[0]; h != "+---[unknown 0]---+" {
		t.Errorf("header %s", h)
	}
	if SHA256(otherKey{}) != OfBlob(crypto.SHA256, otherKey{}.Marshal()) {
		t.Errorf("SHA256 of a foreign key is not its blob's")
	}
}
