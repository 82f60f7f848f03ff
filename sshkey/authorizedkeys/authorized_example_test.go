package authorizedkeys_test

import (
	"crypto"
	"errors"
	"fmt"
	"strings"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey/authorizedkeys"
)

// ExampleRead reads a small authorized_keys file: a comment, a
// key line with options, a plain key line and a line sshd would skip for
// its unknown option. Each entry shows its line number, type and bits,
// SHA256 fingerprint and what its options allow; the bad line is reported
// and the reading goes on.
func ExampleRead() {
	file := `# deploy keys
restrict,pty,command="/usr/bin/uptime" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ ci@build

ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDLV5lUTt7FrADseB/CGhEZzpoojjEW5y8+ePvLppmK3MmMI18ud6vxzpK3bwZLYkVSyfJYI0HmIuGhdu7yMrW6wb84gbq8C31Xoe9EORcIUuGSvDKdNSM1SjlhDquRblDFB8kToqXyx1lqrXecXylxIUOL0jE+u0rU1967pDJx+w== alice@laptop
no-ptty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ typo
`
	for e, err := range authorizedkeys.Read(strings.NewReader(file)) {
		if err != nil {
			fmt.Println(errors.Is(err, keyerrors.ErrMalformedKey), err)
			continue
		}
		k, o := e.Key(), e.Options()
		fmt.Println(e.Line(), k.Type(), k.Bits(), k.Fingerprint(crypto.SHA256).String())
		fmt.Printf("  command %q (%v), pty %v, port forwarding %v\n", o.Command, o.HasCommand,
			o.Pty.Effective(o.Restrict), o.PortForwarding.Effective(o.Restrict))
	}
	// Output:
	// 2 ssh-ed25519 256 SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560
	//   command "/usr/bin/uptime" (true), pty true, port forwarding false
	// 4 ssh-rsa 1024 SHA256:l6itGumSMcRBBAFteCgmjQBIXqLK/jFGUH3viHX1RmE
	//   command "" (false), pty true, port forwarding true
	// true sshkey: line 5: option "no-ptty" is not an authorized_keys option sshd knows (sshd(8), AUTHORIZED_KEYS FILE FORMAT)
}

// ExampleParsePermit splits a line's permitopen and permitlisten values. A
// port written as a service name is reported as one and not looked up: the
// server resolves it (sshd with getservbyname), and so must a caller that
// wants its number, on the server (net.LookupPort("tcp", name)).
func ExampleParsePermit() {
	line := `permitopen="db.example.com:5432",permitopen="[2001:db8::1]:http-alt",permitlisten="8080",permitlisten="localhost:*" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ`
	e, err := authorizedkeys.ParseLine([]byte(line))
	if err != nil {
		fmt.Println(err)
		return
	}
	o := e.Options()
	for _, v := range append(o.PermitOpen, o.PermitListen...) {
		p, err := authorizedkeys.ParsePermit(v)
		if err != nil {
			fmt.Println(err)
			continue
		}
		switch n, ok := p.Port(); {
		case ok:
			fmt.Printf("%s: host %q, port %d\n", p, p.Host(), n)
		case p.AnyPort():
			fmt.Printf("%s: host %q, any port\n", p, p.Host())
		default:
			fmt.Printf("%s: host %q, service %q\n", p, p.Host(), p.PortName())
		}
	}
	// Output:
	// db.example.com:5432: host "db.example.com", port 5432
	// [2001:db8::1]:http-alt: host "2001:db8::1", service "http-alt"
	// *:8080: host "*", port 8080
	// localhost:*: host "localhost", any port
}

// ExampleOptions_Expiry reads a line's expiry-time values in the server's
// time zone: a value with Z is UTC wherever the server is; one without is
// the server's local time.
func ExampleOptions_Expiry() {
	line := `expiry-time="20300101",expiry-time="20300101030000Z" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ`
	e, err := authorizedkeys.ParseLine([]byte(line))
	if err != nil {
		fmt.Println(err)
		return
	}
	o := e.Options()
	fmt.Println(o.ExpiryTime)
	for _, loc := range []*time.Location{time.UTC, time.FixedZone("UTC-5", -5*60*60)} {
		t, ok := o.Expiry(loc)
		fmt.Println(loc, t.UTC().Format(time.RFC3339), ok)
	}
	// Output:
	// [20300101 20300101030000Z]
	// UTC 2030-01-01T00:00:00Z true
	// UTC-5 2030-01-01T03:00:00Z true
}
