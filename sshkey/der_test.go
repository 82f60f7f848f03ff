package sshkey_test

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"golang.org/x/crypto/ssh"
)

// derText returns the base64 of the DER of a testdata PKIX PEM file, on one
// line: EC2's base64 DER form.
func derText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "keys", name))
	if err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if !strings.HasPrefix(line, "-----") {
			body.WriteString(strings.TrimSpace(line))
		}
	}
	return body.String()
}

func TestParseDER(t *testing.T) {
	der := derText(t, "rsa2048.pkcs8")
	k, err := sshkey.ParseDER([]byte(" " + der + "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	pem, err := os.ReadFile(filepath.Join("..", "testdata", "keys", "rsa2048.pkcs8"))
	if err != nil {
		t.Fatal(err)
	}
	want := sshkey.MustParse(string(pem))
	if !k.Equal(want) || k.Format() != sshkey.FormatDER || k.Bits() != 2048 || k.Comment() != "" {
		t.Errorf("ParseDER = %v (%v, %d bits), want the PEM file's key in FormatDER", k, k.Format(), k.Bits())
	}
	if sshkey.FormatDER.String() != "base64 DER" {
		t.Errorf("FormatDER.String() = %q", sshkey.FormatDER)
	}

	// Not Parse's: Parse, Detect and CheckText stay as they were.
	if _, err := sshkey.Parse([]byte(der)); err == nil {
		t.Error("Parse reads base64 DER; only ParseDER and ParseText (where asked) may")
	}
	if err := (&sshkey.Policy{}).CheckText([]byte(der)); err == nil {
		t.Error("CheckText reads base64 DER")
	}

	// Other SubjectPublicKeyInfo types are read (the policy decides).
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	spki, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	if k, err := sshkey.ParseDER([]byte(base64.StdEncoding.EncodeToString(spki))); err != nil || k.Type() != sshkey.TypeED25519 {
		t.Errorf("ParseDER of an Ed25519 SPKI: %v, %v", k, err)
	}

	bad := []struct{ in, reason string }{
		{"", "empty"},
		{der[:len(der)-1], "not a multiple of four: unpadded"},
		{base64.StdEncoding.EncodeToString([]byte{0x30, 0x01, 0x00, 0x00})[:6], "padding left out"},
		{der[:64] + "\n" + der[64:], "a line break inside"},
		{der + "AAAA", "DER with bytes after it"},
		{"ssh-rsa " + der, "an authorized_keys line is not base64 DER"},
		{base64.StdEncoding.EncodeToString([]byte("ssh-ed25519 AAAA")), "base64 of a line"},
		{der[:len(der)-4], "truncated DER"},
	}
	for _, tt := range bad {
		if _, err := sshkey.ParseDER([]byte(tt.in)); !errors.Is(err, keyerrors.ErrMalformedKey) {
			t.Errorf("ParseDER(%.30q...) = %v, want ErrMalformedKey (%s)", tt.in, err, tt.reason)
		} else if tt.in != "" && strings.Contains(err.Error(), tt.in[:min(len(tt.in), 16)]) {
			t.Errorf("ParseDER's error quotes the input: %v", err)
		}
	}
}

// TestPolicyParseText: ParseText is Parse and Check for a policy that does
// not list FormatDER, and reads base64 DER only for one that does;
// LineOnlyTypes asks for the line.
func TestPolicyParseText(t *testing.T) {
	der := derText(t, "rsa2048.pkcs8")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "keys", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	inputs := []string{der, read("rsa2048.pub"), read("rsa2048.rfc4716"), read("ed25519.pub"), read("ed25519.rfc4716"), read("rsa2048.pkcs8"), "x", ""}
	for _, p := range []sshkey.Policy{{}, {Formats: []sshkey.Format{sshkey.FormatAuthorizedKey}}, {Types: []string{sshkey.TypeED25519}}} {
		for _, in := range inputs {
			k, err := p.ParseText([]byte(in))
			wk, werr := sshkey.Parse([]byte(in))
			if werr == nil {
				werr = p.Check(wk)
			}
			if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() || err == nil && !k.Equal(wk) {
				t.Errorf("%+v ParseText(%.30q) = %v, %v; Parse and Check %v, %v", p, in, k, err, wk, werr)
			}
			if cerr := p.CheckText([]byte(in)); (cerr == nil) != (err == nil) {
				t.Errorf("%+v CheckText(%.30q) = %v, ParseText %v", p, in, cerr, err)
			}
		}
	}

	ec2 := sshkey.Policy{
		Types:         []string{sshkey.TypeRSA, sshkey.TypeED25519},
		Formats:       []sshkey.Format{sshkey.FormatAuthorizedKey, sshkey.FormatRFC4716, sshkey.FormatDER},
		LineOnlyTypes: []string{sshkey.TypeED25519},
	}
	tests := []struct {
		in     string
		want   error
		reason string
	}{
		{der, nil, "RSA in base64 DER"},
		{read("rsa2048.pub"), nil, "RSA line"},
		{read("rsa2048.rfc4716"), nil, "RSA in RFC 4716"},
		{read("ed25519.pub"), nil, "Ed25519 line"},
		{read("ed25519.rfc4716"), keyerrors.ErrUnsupportedEncoding, "Ed25519 as the line only"},
		{read("rsa2048.pkcs8"), keyerrors.ErrUnsupportedEncoding, "PKIX PEM is not listed"},
		{base64.StdEncoding.EncodeToString([]byte(read("rsa2048.pub"))), keyerrors.ErrMalformedKey, "base64 twice"},
	}
	for _, tt := range tests {
		k, err := ec2.ParseText([]byte(tt.in))
		switch {
		case tt.want == nil && (err != nil || k == nil):
			t.Errorf("ParseText(%.30q) = %v, %v, want a key (%s)", tt.in, k, err, tt.reason)
		case tt.want != nil && !errors.Is(err, tt.want):
			t.Errorf("ParseText(%.30q) = %v, want %v (%s)", tt.in, err, tt.want, tt.reason)
		}
		if k, err := sshkey.Parse([]byte(tt.in)); err == nil && (ec2.Check(k) == nil) != (tt.want == nil) && k.Format() != sshkey.FormatDER {
			t.Errorf("Check(%.30q) disagrees with ParseText (%s)", tt.in, tt.reason)
		}
	}
	// A key made by New (FormatNone) is not judged by LineOnlyTypes.
	pub, _, _ := ed25519.GenerateKey(nil)
	k, err := sshkey.New(mustSSH(t, pub), "")
	if err != nil || ec2.Check(k) != nil {
		t.Errorf("New key: %v, %v", err, ec2.Check(k))
	}
}

func mustSSH(t *testing.T, pub any) ssh.PublicKey {
	t.Helper()
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// FuzzParseText holds ParseText to Parse and Check for a policy without
// FormatDER, and to ParseDER and Check for a base64 run where the policy
// lists it.
func FuzzParseText(f *testing.F) {
	f.Add("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ")
	f.Add("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=")
	f.Add("")
	der := sshkey.Policy{Formats: []sshkey.Format{sshkey.FormatAuthorizedKey, sshkey.FormatDER}}
	f.Fuzz(func(t *testing.T, s string) {
		plain := sshkey.Policy{}
		k, err := plain.ParseText([]byte(s))
		wk, werr := sshkey.Parse([]byte(s))
		if werr == nil {
			werr = plain.Check(wk)
		}
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("ParseText %v, Parse and Check %v", err, werr)
		}
		if err == nil && !k.Equal(wk) {
			t.Fatal("ParseText's key differs")
		}
		if cerr := plain.CheckText([]byte(s)); (cerr == nil) != (err == nil) {
			t.Fatalf("CheckText %v, ParseText %v", cerr, err)
		}
		dk, derr := der.ParseText([]byte(s))
		if derr == nil && dk.Format() == sshkey.FormatDER {
			if _, perr := sshkey.Parse([]byte(s)); perr == nil {
				t.Fatal("Parse and ParseDER both read the text")
			}
		}
	})
}
