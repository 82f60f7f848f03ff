package knownhosts

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"strconv"

	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// This file decides which hosts a known_hosts entry is for, as ssh(1) of
// OpenSSH 9.2 does: hostfile.c's match_maybe_hashed and host_hash, match.c's
// match_hostname, match_pattern_list and match_pattern, misc.c's
// put_host_port and lowercase.

// Match reports whether the entry is for host at port, as ssh(1) decides it
// when it looks the server up in a known_hosts file:
//
//   - The name looked up is host for port 22 (and for 0, which ssh takes for
//     22), and "[host]:port" for any other port (put_host_port); host is a
//     bare name or address, without brackets or port: "::1" at port 2222 is
//     "[::1]:2222". A port outside 0 to 65535 matches nothing.
//   - ssh lowercases a host name before it looks it up (ssh.c; a canonical
//     address is lowercase already), and Match does too, for hashed and
//     plain entries alike. Only ASCII letters are folded, as tolower
//     folds them in the C and UTF-8 locales (misc.c, lowercase; a
//     single-byte locale such as ISO 8859-1 would fold more). ssh-keygen -F
//     does not lowercase its argument: for a name with capitals, it finds
//     the plain entries that Match finds, but not the hashed ones.
//   - A hashed name matches when HMAC-SHA1, keyed with its salt, of the
//     name is its hash (match_maybe_hashed).
//   - Patterns match as match_pattern_list decides, in their order: * stands
//     for any run of bytes (dots and brackets included; "*" matches every
//     name, at any port), ? for one byte, every other byte for itself
//     without regard to ASCII case; a host that a negated pattern
//     ("!bad.example.com") matches is not the entry's, whatever the other
//     patterns match; otherwise the entry is for the host when a pattern
//     matches. "[*.example.net]:2222" is for every name under example.net
//     at port 2222, "[host]:*" for host at every port but 22. A pattern
//     of 1023 bytes or more (its "!" aside) makes the entry match nothing,
//     as match_pattern_list gives up on it. An empty pattern matches the
//     empty name only, and one after a final comma ("a,") none at all, as
//     match_pattern_list does not see it.
//
// ssh also looks up the server's address, when CheckHostIP is on (not by
// default since OpenSSH 8.5), in the form getnameinfo writes it
// ("192.0.2.1", "2001:db8::1"); that is a second call to Match. Match
// looks at the host field only: the marker and the key are for the caller
// to weigh.
func (h *Entry) Match(host string, port int) bool {
	name, ok := lookupName(host, port)
	return ok && matchHosts(h.hosts, name)
}

// lookupName returns the name ssh(1) looks host up by at port in a
// known_hosts file: lowercased, bare for port 22 (or 0), "[host]:port"
// for any other (put_host_port). ok is false for a port outside 0 to
// 65535.
func lookupName(host string, port int) (name string, ok bool) {
	if port < 0 || port > 65535 {
		return "", false
	}
	host = lowerASCII(host)
	if port == 0 || port == 22 {
		return host, true
	}
	return "[" + host + "]:" + strconv.Itoa(port), true
}

// maxSubpattern is the length at which match_pattern_list gives up on a
// pattern (its buffer of 1024 bytes, less the NUL): it reports no match for
// the whole field.
const maxSubpattern = 1023

// matchHosts reports whether the name matches the host field pats, as
// match_maybe_hashed does for a name as given: a hashed name is compared
// with the name as it is, patterns with the name lowercased (match_hostname
// lowercases it). Match lowercases the name before; ssh-keygen -F does
// not.
func matchHosts(pats []HostPattern, name string) bool {
	lname := "" // name lowercased, made once for the first pattern
	positive := false
	for i, p := range pats {
		if p.hashed {
			positive = positive || p.matchHashed(name)
			continue
		}
		t := p.text
		if t == "" && i > 0 && i == len(pats)-1 {
			break // after a final comma: match_pattern_list ends there
		}
		neg := len(t) > 0 && t[0] == '!'
		if neg {
			t = t[1:]
		}
		if len(t) >= maxSubpattern {
			return false
		}
		if lname == "" {
			lname = lowerASCII(name)
		}
		if matchPattern(lname, t) {
			if neg {
				return false
			}
			positive = true
		}
	}
	return positive
}

// matchHashed reports whether p, a hashed name, is the hash of name.
func (p HostPattern) matchHashed(name string) bool {
	return hmac.Equal(hostHMAC([]byte(p.salt), name), []byte(p.hash))
}

func hostHMAC(salt []byte, name string) []byte {
	m := hmac.New(sha1.New, salt)
	m.Write([]byte(name))
	return m.Sum(nil)
}

// matchPattern reports whether the pattern p matches s, as match.c's
// match_pattern does, with p's ASCII letters lowercased (s is lowercase): *
// matches any run of bytes, ? any one byte, every other byte itself. It
// costs at most len(s) times len(p) steps, where match_pattern's recursion
// can take exponential time: on a mismatch it goes back to the last * only,
// which is enough, since a later * can match whatever an earlier one would
// have.
func matchPattern(s, p string) bool {
	i, j := 0, 0
	star, next := -1, 0 // the last * of p seen, and where in s its run would end next
	for i < len(s) {
		switch {
		case j < len(p) && p[j] == '*':
			star, next = j, i
			j++
		case j < len(p) && (p[j] == '?' || lowerByte(p[j]) == s[i]):
			i++
			j++
		case star >= 0:
			next++
			i, j = next, star+1
		default:
			return false
		}
	}
	for j < len(p) && p[j] == '*' {
		j++
	}
	return j == len(p)
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lowerASCII returns s with its ASCII letters lowercased, and s itself when
// it has none.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lowerByte(b[j])
			}
			return string(b)
		}
	}
	return s
}

// HashHost returns the hashed form of a host name as ssh-keygen -H and ssh
// (HashKnownHosts) write it (hostfile.c, host_hash): "|1|", the base64 of
// salt, "|", and the base64 of HMAC-SHA1 keyed with salt of the name, which
// is host lowercased at port 22 (and 0), "[host]:port" at any other, as
// Match looks it up:
//
//	HashHost("server.example.com", 22, salt) // "|1|" + base64(salt) + "|" + base64(HMAC-SHA1(salt, "server.example.com"))
//	HashHost("::1", 2222, salt)              // the name hashed is "[::1]:2222"
//
// The salt must be 20 bytes, the size of SHA-1, the one size ssh reads
// back (extract_salt); a nil salt stands for 20 random bytes, as
// ssh-keygen makes for each name. Any other salt, or a port outside 0 to
// 65535, is an error that wraps keyerrors.ErrMalformedKey.
func HashHost(host string, port int, salt []byte) (string, error) {
	name, ok := lookupName(host, port)
	if !ok {
		return "", scan.Malformed("the port " + strconv.Itoa(port) + " is outside 0 to 65535")
	}
	if salt == nil {
		salt = make([]byte, hashSize)
		rand.Read(salt)
	}
	if len(salt) != hashSize {
		return "", scan.Malformed("the salt is " + strconv.Itoa(len(salt)) + " bytes; ssh reads a salt of 20 bytes, the size of SHA-1")
	}
	return hashMagic + base64.StdEncoding.EncodeToString(salt) + "|" +
		base64.StdEncoding.EncodeToString(hostHMAC(salt, name)), nil
}
