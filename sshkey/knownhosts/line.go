package knownhosts

import (
	"strconv"
	"strings"

	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// Line returns the known_hosts line, without a line ending, that records
// key for hosts: the marker m and a space (none for MarkerNone), the hosts
// joined with commas, a space, and key.String() (type, base64 and comment):
//
//	Line(MarkerNone, []string{"server.example.com", "192.0.2.10"}, key)
//	// server.example.com,192.0.2.10 ssh-ed25519 AAAAC3Nza... comment
//	Line(MarkerCertAuthority, []string{"*.example.com"}, caKey)
//	// @cert-authority *.example.com ssh-ed25519 AAAAC3Nza... CA
//
// Each host is written as given: a name, an address, "[host]:port" for a
// port other than 22, or a pattern (with * and ?, or "!" to negate it, see
// Entry.Match). For a hashed line, hash each name with HashHost first and
// write one line per name, as ssh-keygen -H does: a hashed name must stand
// alone in its host field, since ssh reads the whole field as one hash.
//
//	h, _ := HashHost("server.example.com", 22, nil)
//	Line(MarkerNone, []string{h}, key) // |1|salt|hash ssh-ed25519 AAAAC3Nza...
//
// ParseLine reads the line back to an entry with marker m, hosts as given,
// and a key Equal to key with its comment; Line returns no line it would
// not. It returns an error that wraps keyerrors.ErrMalformedKey instead,
// never a line, for:
//
//   - a nil or zero key, or a key whose comment holds a LF, CR or NUL;
//   - a marker other than MarkerNone, MarkerCertAuthority and MarkerRevoked;
//   - no hosts, an empty host, or a host holding a LF, CR, NUL, space, tab
//     or comma (which would start another line, end the host field or
//     split the host);
//   - a first host that starts with '@' (ssh reads it as a marker, or as a
//     second one) or, without a marker, with '#' (the line would be a
//     comment);
//   - a host that starts with '|' and is not a well-formed hashed name
//     (HashHost's "|1|salt|hash", 20 bytes each), or a hashed name beside
//     other hosts;
//   - a line longer than sshkey.MaxLineLen.
//
// Line is the safe writer of known_hosts lines: x/crypto's
// golang.org/x/crypto/ssh/knownhosts.Line writes an address holding a line
// break as it is, so a caller who appends its result to a file can be made
// to install a second line, such as "@cert-authority * <key>", which trusts
// a key for every host (golang/go#81537). keyvet's Line refuses such a host.
func Line(m Marker, hosts []string, key *sshkey.Key) (string, error) {
	if key == nil || key.String() == "" {
		return "", scan.Malformed("there is no key to write")
	}
	if strings.ContainsAny(key.Comment(), "\n\r\x00") {
		return "", scan.Malformed("the key's comment holds a line break or a NUL, which would end the line")
	}
	if m < MarkerNone || m > MarkerRevoked {
		return "", scan.Malformed("the marker " + m.String() + " is unknown; ssh knows " + markerCA + " and " + markerRevoked + " only")
	}
	if len(hosts) == 0 {
		return "", scan.Malformed("there are no host names to write")
	}
	for i, h := range hosts {
		if err := checkLineHost(m, i, h, len(hosts)); err != nil {
			return "", err
		}
	}
	var b strings.Builder
	if m != MarkerNone {
		b.WriteString(m.String())
		b.WriteByte(' ')
	}
	b.WriteString(strings.Join(hosts, ","))
	b.WriteByte(' ')
	b.WriteString(key.String())
	line := b.String()
	if len(line) > sshkey.MaxLineLen {
		return "", scan.Malformed("the line would be longer than " + strconv.Itoa(sshkey.MaxLineLen) + " bytes, which sshkey does not read")
	}
	// The last word is ParseLine's: no line it would refuse is handed out.
	if _, err := ParseLine([]byte(line)); err != nil {
		return "", err
	}
	return line, nil
}

// checkLineHost says why host, the i-th of n given to Line with marker m,
// cannot be written as it is, or returns nil.
func checkLineHost(m Marker, i int, host string, n int) error {
	nth := "host " + strconv.Itoa(i+1)
	switch {
	case host == "":
		return scan.Malformed(nth + " is empty")
	case strings.ContainsAny(host, "\n\r\x00"):
		return scan.Malformed(nth + " holds a line break or a NUL, which would start another line")
	case strings.ContainsAny(host, " \t"):
		return scan.Malformed(nth + " holds a blank, which would end the host field")
	case strings.IndexByte(host, ',') >= 0:
		return scan.Malformed(nth + " holds a comma, which would split it; give each name as a host of its own")
	case host[0] == '|':
		if _, err := readHashed([]byte(host)); err != nil {
			return err
		}
		if n > 1 {
			return scan.Malformed(nth + " is a hashed name beside other hosts; ssh reads the whole field as one hash: write a line per hashed name")
		}
	case i == 0 && host[0] == '@':
		return scan.Malformed("the first host starts with @, which ssh reads as a marker")
	case i == 0 && host[0] == '#' && m == MarkerNone:
		return scan.Malformed("the first host starts with #, which would make the line a comment")
	}
	return nil
}
