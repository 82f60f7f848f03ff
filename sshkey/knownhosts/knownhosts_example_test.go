package knownhosts_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey/knownhosts"
)

// ExampleRead reads a known_hosts file with a plain, a hashed, a
// @cert-authority and a bad line, and asks which entries are for
// server.example.com at port 22.
func ExampleRead() {
	const file = `# ~/.ssh/known_hosts
server.example.com,192.0.2.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ
|1|ATx+qHmzjFjSSGWDfhEXIvKJ12g=|6/XdYTEkqWER+1aaH7JjOeMAdk8= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ
@cert-authority *.example.com,!test.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ example CA
@Revoked * ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ
`
	for h, err := range knownhosts.Read(strings.NewReader(file)) {
		if err != nil {
			fmt.Println(errors.Is(err, keyerrors.ErrMalformedKey), err)
			continue
		}
		fmt.Printf("line %d %q %v %s: %v\n", h.Line(), h.Marker(), h.Hosts(), h.Key().Type(), h.Match("server.example.com", 22))
	}
	// Output:
	// line 2 "" [server.example.com 192.0.2.10] ssh-ed25519: true
	// line 3 "" [|1|ATx+qHmzjFjSSGWDfhEXIvKJ12g=|6/XdYTEkqWER+1aaH7JjOeMAdk8=] ssh-ed25519: true
	// line 4 "@cert-authority" [*.example.com !test.example.com] ssh-ed25519: true
	// true sshkey: line 5: markers are case-sensitive: ssh reads "@Revoked" as no marker, and skips the line; write @cert-authority or @revoked
}

// ExampleEntry_Match shows the names an entry with patterns is for: a
// port other than 22 is part of the name ssh looks up, case does not
// matter, and a negated pattern excludes a host.
func ExampleEntry_Match() {
	const line = "*.example.org,!bad.example.org,[*.example.org]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ"
	for h, err := range knownhosts.Read(strings.NewReader(line)) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(h.Match("www.example.org", 22), h.Match("WWW.Example.ORG", 22))
		fmt.Println(h.Match("www.example.org", 2222), h.Match("www.example.org", 2200))
		fmt.Println(h.Match("bad.example.org", 22), h.Match("bad.example.org", 2222))
	}
	// Output:
	// true true
	// true false
	// false true
}

// ExampleHashHost hashes a name with the salt of a line ssh-keygen -H wrote
// for server.example.com, and gives that line's host field back; at
// another port the name hashed is "[server.example.com]:2222" (as
// openssl dgst -sha1 -mac HMAC of it with that salt gives too); a salt of
// 16 bytes is refused.
func ExampleHashHost() {
	salt, err := base64.StdEncoding.DecodeString("ATx+qHmzjFjSSGWDfhEXIvKJ12g=")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, port := range []int{22, 2222} {
		h, err := knownhosts.HashHost("server.example.com", port, salt)
		fmt.Println(h, err)
	}
	_, err = knownhosts.HashHost("server.example.com", 22, salt[:16])
	fmt.Println(errors.Is(err, keyerrors.ErrMalformedKey))
	// Output:
	// |1|ATx+qHmzjFjSSGWDfhEXIvKJ12g=|6/XdYTEkqWER+1aaH7JjOeMAdk8= <nil>
	// |1|ATx+qHmzjFjSSGWDfhEXIvKJ12g=|hKy7BoQhFkVrd9GS81O+Ii5Ow1o= <nil>
	// true
}
