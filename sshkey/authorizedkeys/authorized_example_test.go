package authorizedkeys_test

import (
	"crypto"
	"errors"
	"fmt"
	"strings"

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
