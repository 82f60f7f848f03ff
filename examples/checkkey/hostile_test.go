package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// hostileSize is the size of each hostile file: 16 MiB.
const hostileSize = 16 << 20

// edLine returns the authorized_keys text of an Ed25519 key made from i,
// "ssh-ed25519 AAAA...": distinct keys for distinct i.
func edLine(i int) string {
	var pub [32]byte
	binary.BigEndian.PutUint64(pub[:], uint64(i)+1)
	blob := binary.BigEndian.AppendUint32(nil, 11)
	blob = append(blob, "ssh-ed25519"...)
	blob = binary.BigEndian.AppendUint32(blob, 32)
	blob = append(blob, pub[:]...)
	return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob)
}

// rsaLine returns the authorized_keys text of an RSA key whose modulus has
// the given bits (a random odd number of that size, e = 65537), from r.
func rsaLine(r *rand.Rand, bits int) string {
	mod := make([]byte, bits/8+1) // a leading zero byte keeps the mpint positive when the top bit is set
	for j := 1; j < len(mod); j++ {
		mod[j] = byte(r.Uint32())
	}
	if top := bits % 8; top != 0 {
		mod = append(mod[:1], mod...) // one byte more for the top bits
		mod[1] = byte(r.Uint32()) & (1<<top - 1)
		mod[1] |= 1 << (top - 1)
	} else {
		mod[1] |= 0x80
	}
	mod[len(mod)-1] |= 1
	for len(mod) > 1 && mod[0] == 0 && mod[1] < 0x80 {
		mod = mod[1:] // minimal
	}
	str := func(b, s []byte) []byte { return append(binary.BigEndian.AppendUint32(b, uint32(len(s))), s...) }
	blob := str(str(str(nil, []byte("ssh-rsa")), []byte{1, 0, 1}), mod)
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(blob)
}

// fill returns lines made by line(i), i = 0, 1, ..., each ended by a LF,
// up to size bytes.
func fill(size int, line func(i int) string) []byte {
	var b bytes.Buffer
	b.Grow(size + 1<<16)
	for i := 0; ; i++ {
		l := line(i)
		if b.Len()+len(l)+1 > size {
			return b.Bytes()
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
}

// longLine returns head, rep repeated, then tail, just under
// sshkey.MaxLineLen (64 KiB) bytes: a line the reader reads, not one it
// skips as too long.
func longLine(head, rep, tail string) string {
	n := (64<<10 - len(head) - len(tail) - 1) / len(rep)
	return head + strings.Repeat(rep, n) + tail
}

// A hostileInput is a file built to make checkkey hold memory, and the
// arguments it is read with.
type hostileInput struct {
	name string   // the test's name, and the file's
	args []string // before the file
	data func() []byte
}

// hostileInputs are the inputs of the memory bound: each at most
// 64 MiB of maximum resident set.
func hostileInputs() []hostileInput {
	return []hostileInput{
		// One host and 64 KiB of commas: 32,000 empty host patterns a line.
		{"known_hosts-commas", []string{"-format", "known_hosts"}, func() []byte {
			return fill(hostileSize, func(i int) string { return longLine("", ",", "h "+edLine(i)) })
		}},
		// The same, with the keys judged (-op): the hosts printed in full.
		{"known_hosts-commas-json", []string{"-json", "-op", "SendSSHPublicKey", "-format", "known_hosts"}, func() []byte {
			return fill(hostileSize, func(i int) string { return longLine("", ",", "h "+edLine(i)) })
		}},
		// Host patterns of one byte each: as many patterns, none empty.
		{"known_hosts-names", []string{"-format", "known_hosts"}, func() []byte {
			return fill(hostileSize, func(i int) string { return longLine("", "a,", "h "+edLine(i)) })
		}},
		// Option lists of 64 KiB.
		{"authorized_keys-no-pty", []string{"-format", "authorized_keys"}, func() []byte {
			return fill(hostileSize, func(i int) string { return longLine("", "no-pty,", "no-pty "+edLine(i)) })
		}},
		{"authorized_keys-no-pty-json", []string{"-json", "-format", "authorized_keys"}, func() []byte {
			return fill(hostileSize, func(i int) string { return longLine("", "no-pty,", "no-pty "+edLine(i)) })
		}},
		{"authorized_keys-command", []string{"-format", "authorized_keys"}, func() []byte {
			return fill(hostileSize, func(i int) string { return longLine("", `command="x",`, `command="x" `+edLine(i)) })
		}},
		// One from= of 32,000 patterns: a long list of typed values.
		{"authorized_keys-from-json", []string{"-json", "-format", "authorized_keys"}, func() []byte {
			return fill(hostileSize, func(i int) string { return longLine(`from="`, "a,", `a" `+edLine(i)) })
		}},
		// Random bytes, read as each kind.
		{"binary-auto", nil, binaryData},
		{"binary-authorized_keys", []string{"-format", "authorized_keys"}, binaryData},
		{"binary-known_hosts", []string{"-format", "known_hosts"}, binaryData},
		// Every line bad for a reason of its own: an unknown option.
		{"bad-options", []string{"-format", "authorized_keys"}, func() []byte {
			return fill(hostileSize, func(i int) string { return "opt" + strconv.Itoa(i) + " " + edLine(i) })
		}},
		// Every key refused for a reason of its own: RSA keys of every
		// size from 8 to 2040 bits, over and over.
		{"refusals", nil, func() []byte { return distinctRefusals(hostileSize) }},
	}
}

// binaryData is 16 MiB of random bytes, the same at each call.
func binaryData() []byte {
	r := rand.New(rand.NewChaCha8([32]byte{'b', 'i', 'n'}))
	b := make([]byte, hostileSize)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// distinctRefusals returns an authorized_keys file of up to size bytes
// whose keys are refused by every operation, each for a reason of its own
// for its size: RSA keys of 1,024 to 2,047 bits, over and over.
func distinctRefusals(size int) []byte {
	r := rand.New(rand.NewChaCha8([32]byte{'r', 'e', 'f'}))
	return fill(size, func(i int) string { return rsaLine(r, 1024+i%1024) })
}

// writeHostile writes in's file to a directory of tb's and returns its name.
func writeHostile(tb testing.TB, in hostileInput) string {
	tb.Helper()
	name := filepath.Join(tb.TempDir(), in.name)
	if err := os.WriteFile(name, in.data(), 0o600); err != nil {
		tb.Fatal(err)
	}
	return name
}

// TestCheckkeyMemoryHostile: on each hostile input of 16 MiB checkkey
// holds at most 64 MiB. CHECKKEY_BIN=PATH measures another build of
// checkkey (one of an older commit: BENCHMARKS.md's figures before).
func TestCheckkeyMemoryHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes files of 16 MiB")
	}
	if b := os.Getenv("CHECKKEY_BIN"); b != "" {
		checkkeyBin = b
	}
	for _, in := range hostileInputs() {
		t.Run(in.name, func(t *testing.T) {
			name := writeHostile(t, in)
			rss := maxRSS(t, append(in.args, name)...)
			t.Logf("%s: %d MiB", in.name, rss>>20)
			if rss > 64<<20 {
				t.Errorf("%v %s: maximum resident set %d MiB, want at most 64", in.args, in.name, rss>>20)
			}
		})
	}
}

// TestCheckkeyMemoryDistinct: on files whose every line is refused, or bad,
// for a reason of its own, checkkey's memory is flat (16 MiB within 16 MiB
// of its memory on 1 MiB), and the refusals it keeps to explain after the
// run are capped: at most maxExplanations explained, the rest counted, each
// refusal once.
func TestCheckkeyMemoryDistinct(t *testing.T) {
	if testing.Short() {
		t.Skip("writes files of 16 MiB")
	}
	for _, in := range hostileInputs() {
		if in.name != "bad-options" && in.name != "refusals" {
			continue
		}
		t.Run(in.name, func(t *testing.T) {
			large := writeHostile(t, in)
			data, err := os.ReadFile(large)
			if err != nil {
				t.Fatal(err)
			}
			small := filepath.Join(t.TempDir(), in.name)
			if err := os.WriteFile(small, data[:bytes.LastIndexByte(data[:1<<20], '\n')+1], 0o600); err != nil {
				t.Fatal(err)
			}
			rssSmall, rssLarge := maxRSS(t, append(in.args, small)...), maxRSS(t, append(in.args, large)...)
			if rssLarge > rssSmall+16<<20 {
				t.Errorf("maximum resident set %d MiB on 16 MiB, %d MiB on 1 MiB: it grows with the distinct reasons", rssLarge>>20, rssSmall>>20)
			}
		})
	}
	// The explanations of the refusals file.
	name := writeHostile(t, hostileInput{name: "refusals", data: func() []byte { return distinctRefusals(2 << 20) }})
	_, stderr, status := runCheckkey(t, checkkeyBin, t.TempDir(), name)
	if status != exitRefused {
		t.Fatalf("exit status %d, want %d\n%s", status, exitRefused, cut(stderr, 2000))
	}
	explained, counted, unexplained := 0, 0, -1
	refusedTotal := 0
	for line := range strings.Lines(stderr) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.Contains(line, " refused ") && strings.Contains(line, "(HTTP "):
			explained++
			ops, after, _ := strings.Cut(line, " refused ")
			_, after, _ = strings.Cut(after, "): ")
			lines := strings.Count(after, ", ") + 1
			if i := strings.Index(after, " and "); i >= 0 {
				more, err := strconv.Atoi(strings.TrimSuffix(after[i+len(" and "):], " more"))
				if err != nil {
					t.Fatalf("explanation %q: %v", line, err)
				}
				lines += more
			}
			counted += lines * (strings.Count(ops, ", ") + 1) // each line refused by each operation named
		case strings.HasPrefix(line, "checkkey: ") && strings.HasSuffix(line, "-v explains each below its key"):
			n, _, _ := strings.Cut(strings.TrimPrefix(line, "checkkey: "), " ")
			unexplained, _ = strconv.Atoi(n)
		case strings.HasPrefix(line, "checkkey: 1 file"):
			for _, f := range strings.Split(line, "; ")[1:] {
				if _, counts, ok := strings.Cut(f, ": "); ok && strings.HasSuffix(counts, " refused") {
					var acc, ref int
					fmt.Sscanf(counts, "%d accepted, %d refused", &acc, &ref)
					refusedTotal += ref
				}
			}
		}
	}
	if explained == 0 || explained > maxExplanations {
		t.Errorf("%d refusals explained, want 1 to %d", explained, maxExplanations)
	}
	if unexplained <= 0 {
		t.Errorf("no count of the refusals not explained")
	}
	if counted+unexplained != refusedTotal || refusedTotal == 0 {
		t.Errorf("%d refusals explained and %d counted as not explained, %d refused in the summary", counted, unexplained, refusedTotal)
	}
}

// TestLongHostField: a verdict line shows at most hostsWidth bytes of a
// known_hosts line's host field; -json lists every pattern, the empty ones
// too.
func TestLongHostField(t *testing.T) {
	field := strings.Repeat("host.example.com,", 100) + ",h"
	name := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(name, []byte(field+" "+edLine(1)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, _ := runCheckkey(t, checkkeyBin, t.TempDir(), "-op", "SendSSHPublicKey", name)
	if !strings.Contains(stdout, " "+field[:hostsWidth-3]+"... ") || strings.Contains(stdout, field[:hostsWidth]) {
		t.Errorf("the host field is not cut to %d bytes:\n%s", hostsWidth, stdout)
	}
	stdout, _, _ = runCheckkey(t, checkkeyBin, t.TempDir(), "-json", "-op", "SendSSHPublicKey", name)
	var r struct{ Hosts []string }
	if err := json.Unmarshal([]byte(strings.SplitN(stdout, "\n", 2)[0]), &r); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Hosts, ","); got != field || len(r.Hosts) != 102 {
		t.Errorf("-json hosts: %d patterns, joined %q; want 102, %q", len(r.Hosts), got, field)
	}
}
