package sshkey

import (
	"os"
	"testing"
)

func TestDetect(t *testing.T) {
	pkcs8, err := os.ReadFile("../testdata/keys/private/pkcs8_rsa")
	if err != nil {
		t.Fatal(err)
	}
	dropbear, err := os.ReadFile("../testdata/keys/private/dropbear_ed25519")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		in   string
		want Kind
		why  string
	}{
		{"", KindNone, "nothing"},
		{" \r\n\t", KindNone, "white space only"},
		{ed25519Line, KindAuthorizedKey, "a key line"},
		{"# keys\n" + ed25519Line + "\n", KindAuthorizedKey, "a comment line before a key line"},
		{"ssh-foo AAAA", KindAuthorizedKey, "a type-shaped first field, well-formed or not"},
		{ed25519B64 + " comment", KindAuthorizedKey, "base64 of a blob without its type"},
		{ed25519RFC, KindRFC4716, "an RFC 4716 file"},
		{rsaPKIX, KindPKIX, "a PKIX PEM block"},
		{rsaPKCS1, KindPKCS1, "a PKCS#1 PEM block"},
		{"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", KindUnknown, "another PEM label"},
		{"ssh-ed25519-cert-v01@openssh.com " + ed25519CertB64, KindCertificate, "a certificate line"},
		{string(pkcs8), KindPrivateKey, "a PKCS#8 private key"},
		{string(dropbear), KindPrivateKey, "a Dropbear private key (binary)"},
		{ed25519Line + "\n-----BEGIN OPENSSH PRIVATE KEY-----\n", KindPrivateKey, "a private key after a public one"},
		{`no-pty,command="x" ` + ed25519Line, KindAuthorizedKeysLine, "options before a key"},
		{"host.example.com,10.0.0.1 " + ed25519Line, KindKnownHostsLine, "host names before a key"},
		{"@cert-authority *.example.com " + ed25519Line, KindKnownHostsLine, "a marker, hosts and a key"},
		{"a\x00b", KindBinary, "a NUL byte"},
		{"\xff\xfe", KindBinary, "not UTF-8"},
		{"hello world", KindUnknown, "prose"},
	} {
		if got := Detect([]byte(tt.in)); got != tt.want {
			t.Errorf("Detect(%.40q) = %v, want %v (%s)", tt.in, got, tt.want, tt.why)
		}
	}
	if s := Kind(200).String(); s != "Kind(200)" {
		t.Errorf("Kind(200).String() = %q", s)
	}
}
