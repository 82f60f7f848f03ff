// Command linecost reads a file of one shape of lines with
// authorizedkeys.Read or knownhosts.Read, formatting each error, for
// BENCHMARKS.md's "Bad lines" figures under callgrind:
//
//	CGO_ENABLED=0 go build -o /tmp/linecost ./sshkey/internal/linecost
//	GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off GOMAXPROCS=1 valgrind --tool=callgrind \
//	    --callgrind-out-file=/tmp/cg.keys /tmp/linecost -shape keys
//	(the same with -read=false: the baseline, making the input alone)
//	callgrind_annotate /tmp/cg.keys | grep -E 'PROGRAM TOTALS|sha256.block'
//
// It prints the input's size; instructions per byte are the program's
// total less the baseline's (and less SHA-256's block function), over it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/keyvet/keyvet/sshkey/authorizedkeys"
	"github.com/keyvet/keyvet/sshkey/knownhosts"
)

const ed25519Line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ user@host\n"

// shape returns about size bytes of whole lines of the named shape.
func shape(name string, size int) []byte {
	var unit []byte
	switch name {
	case "keys":
		unit = []byte(ed25519Line)
	case "known-keys":
		unit = []byte("host.example.com,10.0.0.1 " + ed25519Line)
	case "a":
		unit = []byte("a\n")
	case "binary":
		unit = make([]byte, 4096)
		x := uint32(2463534242)
		for i := range unit {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			unit[i] = byte(x)
		}
	case "mistyped":
		unit = []byte("no-ptty " + ed25519Line)
	default:
		fmt.Fprintln(os.Stderr, "unknown shape", name)
		os.Exit(2)
	}
	return bytes.Repeat(unit, max(1, size/len(unit)))
}

var sink int

// format: whether each error's text is asked for.
var format = flag.Bool("format", true, "call Error() on each error")

//go:noinline
func run(data []byte, known bool) {
	if known {
		for e, err := range knownhosts.Read(bytes.NewReader(data)) {
			switch {
			case err != nil && *format:
				sink += len(err.Error())
			case err == nil:
				sink += e.Line()
			}
		}
		return
	}
	for e, err := range authorizedkeys.Read(bytes.NewReader(data)) {
		switch {
		case err != nil && *format:
			sink += len(err.Error())
		case err == nil:
			sink += e.Line()
		}
	}
}

func main() {
	name := flag.String("shape", "keys", "keys, known-keys, a, binary, mistyped")
	size := flag.Int("size", 1<<20, "input size in bytes")
	known := flag.Bool("knownhosts", false, "read with knownhosts.Read")
	read := flag.Bool("read", true, "read the input (false: make it only, the baseline)")
	flag.Parse()
	data := shape(*name, *size)
	if *read {
		run(data, *known)
	}
	fmt.Println(len(data), "bytes", sink)
}
