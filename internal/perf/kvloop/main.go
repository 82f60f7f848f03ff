// Command kvloop is the program internal/perf/run.sh counts instructions of:
// loops over an authorized_keys file that take each key's SHA256
// fingerprint string, by keyvet, by x/crypto, and by the least work any
// strict reader must do. It is a measuring tool, not part of keyvet.
//
//	kvloop gen N > FILE   write an authorized_keys file of N key lines
//	kvloop MODE FILE      run one loop over FILE (KVLOOP_PRINT=1 prints
//	                      each fingerprint, one a line)
//
// The modes:
//
//	read     read the file and nothing else: the baseline
//	keyvet   authorizedkeys.Read, then Key.Fingerprint(crypto.SHA256).String()
//	xcrypto  ssh.ParseAuthorizedKey on each line, then ssh.FingerprintSHA256
//	strict   the strict floor: the options skipped (quotes honoured), the
//	         type and base64 fields split, std base64 decoded, the wire
//	         framing read with the type equal to the label, the key's own
//	         checks (an Ed25519 key of 32 bytes; an RSA exponent of at most
//	         24 bits, odd and above 1, a modulus of 1024 to 16384 bits, odd,
//	         minimal), no trailing bytes, SHA-256 and the "SHA256:" string
package main

import (
	"bufio"
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"strconv"

	"golang.org/x/crypto/ssh"

	"github.com/keyvet/keyvet/internal/keytype"
	"github.com/keyvet/keyvet/internal/wire"
	"github.com/keyvet/keyvet/sshkey/authorizedkeys"
)

func main() {
	if len(os.Args) != 3 {
		fatal(fmt.Errorf("usage: kvloop gen N | kvloop MODE FILE"))
	}
	if os.Args[1] == "gen" {
		n, err := strconv.Atoi(os.Args[2])
		if err != nil {
			fatal(err)
		}
		gen(n)
		return
	}
	data, err := os.ReadFile(os.Args[2])
	if err != nil {
		fatal(err)
	}
	show := os.Getenv("KVLOOP_PRINT") == "1"
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	sink := func(fp string) {
		if show {
			out.WriteString(fp)
			out.WriteByte('\n')
		}
	}
	switch os.Args[1] {
	case "read":
	case "keyvet":
		for e, err := range authorizedkeys.Read(bytes.NewReader(data)) {
			if err != nil {
				fatal(err)
			}
			sink(e.Key().Fingerprint(crypto.SHA256).String())
		}
	case "xcrypto":
		for rest := data; len(rest) > 0; {
			pub, _, _, r, err := ssh.ParseAuthorizedKey(rest)
			if err != nil {
				break // only blank and comment lines are left
			}
			sink(ssh.FingerprintSHA256(pub))
			rest = r
		}
	case "strict":
		for len(data) > 0 {
			var line []byte
			line, data, _ = bytes.Cut(data, []byte("\n"))
			if fp, ok := strict(line); ok {
				sink(fp)
			} else if len(bytes.TrimLeft(line, " \t")) > 0 && bytes.TrimLeft(line, " \t")[0] != '#' {
				fatal(fmt.Errorf("strict: a line it refuses"))
			}
		}
	default:
		fatal(fmt.Errorf("unknown mode %q", os.Args[1]))
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "kvloop:", err)
	os.Exit(1)
}

// gen writes n key lines: 7 in 10 Ed25519 (from fixed seeds), 3 in 10
// RSA-2048 (30 keys made at each run); 1 in 10 with options, 1 in 3 with a
// comment; a comment line and a blank line every 100 lines.
func gen(n int) {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	var eds, rsas []string
	for i := range 70 {
		seed := sha256.Sum256([]byte("kvloop " + strconv.Itoa(i)))
		pub, err := ssh.NewPublicKey(ed25519.NewKeyFromSeed(seed[:]).Public())
		if err != nil {
			fatal(err)
		}
		eds = append(eds, string(bytes.TrimSpace(ssh.MarshalAuthorizedKey(pub))))
	}
	for range 30 {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			fatal(err)
		}
		pub, err := ssh.NewPublicKey(&k.PublicKey)
		if err != nil {
			fatal(err)
		}
		rsas = append(rsas, string(bytes.TrimSpace(ssh.MarshalAuthorizedKey(pub))))
	}
	for i := range n {
		if i%100 == 99 {
			out.WriteString("# a comment line\n\n")
		}
		if i%10 == 3 {
			out.WriteString(`no-pty,command="/usr/bin/uptime",from="10.0.0.0/8" `)
		}
		if i%10 < 7 {
			out.WriteString(eds[i%len(eds)])
		} else {
			out.WriteString(rsas[i%len(rsas)])
		}
		if i%3 == 0 {
			out.WriteString(" user" + strconv.Itoa(i) + "@host.example.com")
		}
		out.WriteByte('\n')
	}
}

// strict reads one line as the strict floor does.
func strict(line []byte) (string, bool) {
	for len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
		line = line[1:]
	}
	if len(line) == 0 || line[0] == '#' {
		return "", false
	}
	if !bytes.HasPrefix(line, []byte("ssh-")) {
		line = line[optionsEnd(line):]
		for len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			line = line[1:]
		}
	}
	i := blank(line)
	if i == len(line) {
		return "", false
	}
	typ, rest := line[:i], line[i+1:]
	for len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
		rest = rest[1:]
	}
	b64 := rest[:blank(rest)]
	var buf [512]byte
	if base64.StdEncoding.DecodedLen(len(b64)) > len(buf) {
		return "", false
	}
	n, err := base64.StdEncoding.Decode(buf[:], b64)
	if err != nil {
		return "", false
	}
	blob := buf[:n]
	name, body, ok := wire.String(blob)
	if !ok || !bytes.Equal(name, typ) {
		return "", false
	}
	switch string(name) {
	case keytype.ED25519:
		k, tail, ok := wire.String(body)
		if !ok || len(k) != 32 || len(tail) != 0 {
			return "", false
		}
	case keytype.RSA:
		e, tail, ok := wire.String(body)
		if !ok || len(e) == 0 || len(e) > 3 || e[0] == 0 || e[len(e)-1]&1 == 0 || len(e) == 1 && e[0] == 1 {
			return "", false
		}
		m, tail, ok := wire.String(tail)
		if !ok || len(tail) != 0 || len(m) < 2 || m[0] == 0 && m[1] < 0x80 || m[0] >= 0x80 || m[len(m)-1]&1 == 0 {
			return "", false
		}
		if m[0] == 0 {
			m = m[1:]
		}
		if bits := len(m)*8 - leadingZeros(m[0]); bits < 1024 || bits > 16384 {
			return "", false
		}
	default:
		return "", false
	}
	sum := sha256.Sum256(blob)
	var fp [7 + 43]byte
	copy(fp[:], "SHA256:")
	base64.RawStdEncoding.Encode(fp[7:], sum[:])
	return string(fp[:]), true
}

// blank is the index of the first space or tab in b, or len(b).
func blank(b []byte) int {
	i := bytes.IndexByte(b, ' ')
	if i < 0 {
		i = len(b)
	}
	if j := bytes.IndexByte(b[:i], '\t'); j >= 0 {
		i = j
	}
	return i
}

func leadingZeros(c byte) int {
	n := 0
	for c&0x80 == 0 && n < 8 {
		c <<= 1
		n++
	}
	return n
}

// optionsEnd is where the options at the start of line end: the first blank
// outside double quotes (a backslash before a quote escapes it).
func optionsEnd(line []byte) int {
	quoted := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line) && line[i+1] == '"':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ' ' || c == '\t'):
			return i
		}
	}
	return len(line)
}
