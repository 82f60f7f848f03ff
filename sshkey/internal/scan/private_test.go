package scan

import (
	"bytes"
	"strings"
	"testing"
)

// pkcs8Ed25519Body is the base64 body of a PKCS#8 Ed25519 private key of a
// test seed (never a real key).
const pkcs8Ed25519Body = "MC4CAQAwBQYDK2VwBCIEIOEV7LedFF1TOW46iw7oKPG6hW14sc0FxKN15LziEp+m"

// containsCore is HoldsCore read plainly.
func containsCore(data []byte) bool {
	for _, c := range MarkerCores {
		if bytes.Contains(data, []byte(c)) {
			return true
		}
	}
	return false
}

// slowPrivateBody is privateBody read plainly: every maximal run of base64
// characters, from its start.
func slowPrivateBody(text []byte) string {
	for i := 0; i < len(text); {
		if !IsBase64Char(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && IsBase64Char(text[j]) {
			j++
		}
		if j-i >= 40 {
			if kind := privateDER(text[i : i+24]); kind != "" {
				return kind
			}
		}
		i = j
	}
	return ""
}

// FuzzPrivateBody holds privateBody's strided search to the plain one.
func FuzzPrivateBody(f *testing.F) {
	f.Add([]byte("ssh-ed25519 AAAA " + pkcs8Ed25519Body))
	f.Add([]byte(strings.Repeat("x", 39) + " " + pkcs8Ed25519Body + " y"))
	f.Add([]byte(pkcs8Ed25519Body[:39] + "." + pkcs8Ed25519Body))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := PrivateBody(b), slowPrivateBody(b); got != want {
			t.Fatalf("privateBody = %q, the plain search %q", got, want)
		}
	})
}

// TestPrivateBodyPlaces puts a private body at every offset of text.
func TestPrivateBodyPlaces(t *testing.T) {
	for pre := 0; pre < 130; pre++ {
		for _, sep := range []string{" ", ".", "\n"} {
			in := []byte(strings.Repeat("ab ", pre/3) + strings.Repeat("c", pre%3) + sep + pkcs8Ed25519Body + sep + "z")
			if PrivateBody(in) == "" || slowPrivateBody(in) == "" {
				t.Fatalf("a private body after %d bytes and %q is missed", pre, sep)
			}
		}
	}
}

// TestMarkerCores: every private key marker holds a core, so mayHoldPrivate
// finds every marker refusePrivate finds.
func TestMarkerCores(t *testing.T) {
	for _, m := range PrivateMarkers {
		found := false
		for _, c := range MarkerCores {
			found = found || strings.Contains(m.Marker, c)
		}
		if !found {
			t.Errorf("marker %q holds no core", m.Marker)
		}
	}
	shortest := len(MarkerCores[0])
	for _, c := range MarkerCores {
		shortest = min(shortest, len(c))
		if len(c) >= 32 {
			t.Errorf("core %q is too long for coreAt's offsets", c)
		}
	}
	if CoreStride != shortest {
		t.Errorf("CoreStride = %d, the shortest core is %d bytes", CoreStride, shortest)
	}
	// Each core at every position of texts of every length up to three
	// strides, amid base64 and amid bytes of the cores.
	for _, c := range MarkerCores {
		for _, fill := range []string{"AAAAB3NzaC1yc2E", "PRIVATE KEb3BlbnNz"} {
			for n := len(c); n <= len(c)+3*CoreStride; n++ {
				for at := 0; at+len(c) <= n; at++ {
					b := []byte(strings.Repeat(fill, n/len(fill)+1)[:n])
					copy(b[at:], c)
					if !HoldsCore(b) {
						t.Fatalf("holdsCore misses %q at %d of %q", c, at, b)
					}
					if got, want := HoldsCore(b[:n-1]), containsCore(b[:n-1]); got != want {
						t.Fatalf("HoldsCore(%q) = %v, bytes.Contains finds a core: %v", b[:n-1], got, want)
					}
				}
			}
		}
	}
}
