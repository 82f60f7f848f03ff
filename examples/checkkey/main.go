// Command checkkey reads SSH public keys, one per file or many in
// authorized_keys and known_hosts files, and says what AWS would answer each
// one with: for each service's operation that takes a key (EC2 Instance
// Connect's SendSSHPublicKey, IAM's UploadSSHPublicKey, EC2's
// ImportKeyPair, Transfer Family's ImportSshPublicKey, Lightsail's
// ImportKeyPair; -op names others, such as SendSerialConsoleSSHPublicKey),
// accepted, or refused with the service's error code.
//
// Usage:
//
//	go run ./examples/checkkey [-op OP,...|list] [-json] [-v|-q] [-r] [-format KIND] [FILE|DIR|-]...
//
// With no FILE it reads standard input when that is a pipe or a regular
// file (not a terminal, not /dev/null), and otherwise every ~/.ssh/*.pub
// (a *-cert.pub beside its key left out), or the bundled sample key where
// there is none. "-" reads standard input. A directory is read for its
// files named as below; -r reads the directories in it too. Symbolic links
// are not followed into directories; named pipes, devices and sockets in a
// directory are skipped with a note.
//
// The kind of a file is said by the last -format before it on the command
// line (flags and files mix), or else by its name (authorized_keys,
// authorized_keys2: key lines; known_hosts, known_hosts2, ssh_known_hosts:
// host keys; *.pub, *.ppk: one key), or else by its first 64 KiB: known_hosts
// when a line has a marker or a hashed host, or when no line reads as an
// authorized_keys line and some as a known_hosts line; authorized_keys
// otherwise (a mistyped option is a bad authorized_keys line).
//
// stdout holds one line per key:
//
//	FILE:LINE TYPE BITS SHA256:... [MARKER HOSTS] OP=accepted OP=refused:CODE ... [OPTIONS] [CERT] [COMMENT]
//
// where HOSTS is a known_hosts line's host field and OPTIONS an
// authorized_keys line's options, as written, cut to 128 and 64 bytes
// (-json has them whole), and CERT, for an OpenSSH certificate, is
// "cert=user id=ID principals=P,... valid=FROM..TO" (a certificate's bits
// and fingerprint are its certified key's, as ssh-keygen -l shows them).
//
// File names, hosts, options and comments are Go-quoted where they hold a
// control character, a double quote or a backslash. Each distinct refusal
// is explained once on stderr after the run (-v: below each key), then a
// summary. -json prints one object per key and per error, the summary last.
//
// The exit status is 0 when every key is accepted by every operation it was
// judged by, 1 when some key is refused, 3 when some input holds a bad line
// or a private key or cannot be read (3 wins over 1), and 2 for bad usage.
package main

import (
	"bufio"
	"bytes"
	"crypto"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/fingerprint"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/authorizedkeys"
	"github.com/keyvet/keyvet/sshkey/knownhosts"
	"github.com/keyvet/keyvet/validate"
)

// sampleKey is a throwaway RSA-2048 key made for this example (ssh-keygen -t
// rsa -b 2048 -C keyvet-sample; the private half was discarded).
//
//go:embed sample.pub
var sampleKey []byte

// maxKeyFile bounds what checkkey reads of a file that holds one key in an
// encoding of its own: IAM's SSHPublicKeyBody holds at most 16384
// characters, so a larger one is no key AWS takes. Files of key lines are
// read a line at a time, whatever their size.
const maxKeyFile = 64 << 10

// memoryLimit is the soft limit of checkkey's Go heap (debug.SetMemoryLimit).
const memoryLimit = 32 << 20

// Exit statuses.
const (
	exitOK      = 0
	exitRefused = 1
	exitUsage   = 2
	exitNoKey   = 3
)

func main() {
	// checkkey streams: what it holds at once is a few batches of lines,
	// whatever the size of its input, so the collector may run less often
	// than by default. On a file of 100,000 keys this saves a tenth of the
	// time.
	debug.SetGCPercent(400)
	// But the heap it may grow to is bounded: a line of 64 KiB of commas
	// in a known_hosts file is 3.6 MB of host patterns while it is read,
	// which at 400% would let the heap grow past 64 MiB. The limit makes
	// the collector run sooner when it nears it; what checkkey keeps live
	// is a few MiB, far below it.
	debug.SetMemoryLimit(memoryLimit)
	os.Exit(run(os.Args[1:], os.Stdin, stdinHoldsData(os.Stdin), os.Stdout, os.Stderr, os.Getenv("HOME")))
}

// stdinHoldsData says whether standard input is a pipe or a regular file,
// which checkkey reads when no file is named: not a terminal, nor a
// character device such as /dev/null.
func stdinHoldsData(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeNamedPipe != 0 || fi.Mode().IsRegular()
}

// The kinds of input.
const (
	kindAuto           = "auto"
	kindKey            = "key"
	kindAuthorizedKeys = "authorized_keys"
	kindKnownHosts     = "known_hosts"
)

// Report is what checkkey says of one key; -json prints it as it is.
type Report struct {
	File       string            `json:"file"`
	Line       int               `json:"line"`
	Kind       string            `json:"kind"`     // key, authorized_keys or known_hosts
	KindFrom   string            `json:"kindFrom"` // what said the kind: flag, name or content
	Type       string            `json:"type"`
	Bits       int               `json:"bits"`
	SHA256     string            `json:"sha256"`
	MD5        string            `json:"md5,omitempty"` // IAM's fingerprint, when an IAM operation is asked
	EC2        string            `json:"ec2,omitempty"` // EC2's KeyFingerprint of an imported key, when an EC2 key pair operation is asked
	Encoding   string            `json:"encoding"`
	Comment    string            `json:"comment,omitempty"`
	Options    string            `json:"options,omitempty"`      // authorized_keys: the options as written
	Typed      map[string]any    `json:"optionsTyped,omitempty"` // the same, typed: sshd's option names, the values as read
	Marker     string            `json:"marker,omitempty"`       // known_hosts: @cert-authority or @revoked
	Hosts      HostField         `json:"hosts,omitempty"`        // known_hosts: the host patterns, a list in JSON
	Cert       *CertReport       `json:"certificate,omitempty"`  // an OpenSSH certificate's data
	Operations []OperationReport `json:"operations"`
}

// CertReport is what checkkey shows of an OpenSSH certificate: its type and
// bits and fingerprint above are the certified key's, as ssh-keygen -l
// shows them.
type CertReport struct {
	CertType    string   `json:"certType"` // user or host
	KeyID       string   `json:"keyId"`
	Serial      uint64   `json:"serial"`
	Principals  []string `json:"principals"`
	ValidAfter  string   `json:"validAfter"`  // RFC 3339 in UTC, or "always"
	ValidBefore string   `json:"validBefore"` // RFC 3339 in UTC, or "forever"
	CA          string   `json:"ca"`          // the signing CA key's SHA256 fingerprint
}

// certReport returns the CertReport of k, or nil for a plain key.
func certReport(k *sshkey.Key) *CertReport {
	c, ok := k.Certificate()
	if !ok {
		return nil
	}
	r := &CertReport{CertType: c.CertType().String(), KeyID: c.KeyID(), Serial: c.Serial(), Principals: c.Principals(),
		ValidAfter: "always", ValidBefore: "forever", CA: c.SignatureKey().Fingerprint(crypto.SHA256).String()}
	if r.Principals == nil {
		r.Principals = []string{}
	}
	if t := c.ValidAfter(); !t.IsZero() {
		r.ValidAfter = t.UTC().Format(time.RFC3339)
	}
	if t := c.ValidBefore(); !c.IsForever() && !t.IsZero() {
		r.ValidBefore = t.UTC().Format(time.RFC3339)
	}
	return r
}

// HostField is a known_hosts line's host field as written, its patterns
// separated by commas (no pattern holds one, and a hashed name stands
// alone). JSON has it as the list of its patterns. One string, not a slice
// of patterns, is what checkkey holds of a line's hosts: a line of 64 KiB
// of commas is 64 KiB, not 32,000 strings.
type HostField string

// MarshalJSON writes the patterns as a JSON list of strings.
func (h HostField) MarshalJSON() ([]byte, error) { return h.appendJSON(nil), nil }

// appendJSON appends the patterns to b as a JSON list of strings.
func (h HostField) appendJSON(b []byte) []byte {
	b = append(b, '[')
	s := string(h)
	for {
		p, rest, more := strings.Cut(s, ",")
		b = appendString(b, p)
		if !more {
			return append(b, ']')
		}
		b = append(b, ',')
		s = rest
	}
}

// hostField returns the host field of e as written: Entry.String's line
// after the marker, up to the key. It does not call Entry.Hosts, which
// copies the patterns (56 bytes each: 3.6 MB for a line of commas).
func hostField(e *knownhosts.Entry) HostField {
	line := e.String()
	if m := e.Marker(); m != knownhosts.MarkerNone {
		line = strings.TrimPrefix(line, m.String()+" ")
	}
	field, _, _ := strings.Cut(line, " ")
	return HostField(field)
}

// OperationReport is the answer of one AWS operation.
type OperationReport struct {
	Operation  string `json:"operation"` // service:Operation
	Accepted   bool   `json:"accepted"`
	Code       string `json:"code,omitempty"`
	HTTPStatus int    `json:"httpStatus,omitempty"`
	Message    string `json:"message,omitempty"` // AWS's message
	Reason     string `json:"reason,omitempty"`  // the same, in plain words
	Hint       string `json:"hint,omitempty"`
}

// checker holds one run's options and what it has seen.
type checker struct {
	ops     []validate.Op
	names   []string // the ops as printed on the verdict line
	opNames []string // the ops as service:Operation, for the reports
	json    bool
	out     *bufio.Writer
	buf     []byte            // a JSON line, reused
	opsBuf  []OperationReport // a report's operations, reused
	stderr  io.Writer
	iam     bool // some chosen operation is IAM's, whose fingerprint is MD5
	ec2     bool // some chosen operation is EC2's, whose fingerprint is fingerprint.EC2
	refused bool // some key refused by some operation
	noKey   bool // some input held no key

	verbose    bool // -v: each refusal explained below its key
	quiet      bool // -q: only the refused keys, the bad lines and the summary
	judgeHosts bool // known_hosts keys are judged: -op named the operations

	// What the summary counts.
	files    int
	kinds    map[string]int
	keys     int
	accepted []int // by operation
	refusals []int // by operation
	badLines int
	noKeys   int // inputs that hold no key at all, or cannot be read
	unjudged int // host keys listed, not judged

	explained   map[string]*explanation // the refusals explained after the run
	explOrder   []*explanation
	unexplained int // refusals of kinds beyond maxExplanations
}

// The refusals explained after the run, at most, and the lines listed for
// each: memory stays bounded whatever the input.
const (
	maxExplanations = 32
	maxPlaces       = 5
)

// An explanation is one distinct refusal: the same code, reason and hint.
type explanation struct {
	ops                   []string
	code                  string
	status                int
	message, reason, hint string
	places                []string // FILE:LINE, at most maxPlaces
	last                  string   // the FILE:LINE of the last refusal
	lines                 int      // the distinct lines refused
	count                 int      // the refusals: a line refused by two operations counts twice
}

// usageText is what -h prints, and bad usage after its message.
const usageText = `usage: checkkey [-op OP,...|list] [-json] [-v|-q] [-r] [-format KIND] [FILE|DIR|-]...

Says what AWS would answer each SSH public key with: EC2 Instance Connect's
SendSSHPublicKey (and SendSerialConsoleSSHPublicKey, with -op), IAM's
UploadSSHPublicKey, EC2's ImportKeyPair, Transfer Family's
ImportSshPublicKey and Lightsail's ImportKeyPair.
With no FILE it reads standard input when it is a pipe or a file, and
otherwise every ~/.ssh/*.pub (the bundled sample key when there is none).

  -op OP,...     the operations to ask, by name in any case, or as
                 service:Operation; -op list prints them. Default: each
                 service's operation that takes a key (SendSSHPublicKey,
                 UploadSSHPublicKey, ec2:ImportKeyPair, ImportSshPublicKey,
                 lightsail:ImportKeyPair). Keys of known_hosts files are
                 host keys: judged only by the operations -op names.
  -format KIND   what the files after it hold: auto (the default: by their
                 name, then their content), key, authorized_keys, known_hosts
  -r             read the directories named, and the directories in them
  -v             below each key, each refusal's message, reason and hint,
                 and each service's fingerprint
  -q             print only the refused keys, the bad lines and the summary
  -json          one JSON object per key and per error, the summary last
  -              standard input

Each key is one line: FILE:LINE TYPE BITS SHA256:... [MARKER HOSTS]
OP=accepted|OP=refused:CODE ... [OPTIONS] [cert=user|host id=ID
principals=P,... valid=FROM..TO] [COMMENT]; a certificate's bits and
fingerprint are its certified key's, as ssh-keygen -l shows them.
-json fields of a key: file, line, kind, kindFrom (flag, name or
content), type, bits, sha256, md5 (IAM's, with an IAM operation), ec2
(EC2's KeyFingerprint, with ec2:ImportKeyPair),
encoding, comment, options (as written), optionsTyped, marker, hosts,
certificate (certType, keyId, serial, principals, validAfter,
validBefore, ca), operations (operation, accepted, code, httpStatus,
message, reason, hint). Of an error: file, line, error, code (ErrPrivateKey,
ErrUnreadable, ...), hint. The last object: "summary": true, with the
counts.

Exit status: 0 every key accepted by every operation it was judged by;
1 some key refused; 3 some input holds a bad line or a private key, or
cannot be read (3 wins over 1); 2 bad usage.

Examples:
  checkkey                                     every ~/.ssh/*.pub
  cat key.pub | checkkey -op SendSSHPublicKey  a piped key
  checkkey -q ~/.ssh/authorized_keys           only what is refused or bad
  checkkey -format known_hosts hosts.txt -format authorized_keys keys.txt
  checkkey -r -json /etc/ssh/keys | jq .       every key file of a tree
`

// An input is a file named on the command line, with the -format before it.
type input struct {
	name   string
	format string
}

// options are the flags of one run.
type options struct {
	op      string
	json    bool
	recurse bool
	verbose bool
	quiet   bool
	inputs  []input
}

// parseArgs reads the command line: flags and files interleaved, each
// -format applying to the files after it. "--" ends the flags.
func parseArgs(args []string) (options, error) {
	var o options
	format := kindAuto
	flags := true
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !flags || a == "-" || !strings.HasPrefix(a, "-") {
			o.inputs = append(o.inputs, input{a, format})
			continue
		}
		if a == "--" {
			flags = false
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		needValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 == len(args) {
				return "", fmt.Errorf("flag needs an argument: -%s", name)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "op":
			v, err := needValue()
			if err != nil {
				return o, err
			}
			o.op = v
		case "format":
			v, err := needValue()
			if err != nil {
				return o, err
			}
			switch v {
			case kindAuto, kindKey, kindAuthorizedKeys, kindKnownHosts:
			default:
				return o, fmt.Errorf("-format %s: want auto, key, authorized_keys or known_hosts", quote(v))
			}
			format = v
		case "json":
			if hasValue {
				return o, fmt.Errorf("-json takes no value")
			}
			o.json = true
		case "r", "v", "q":
			if hasValue {
				return o, fmt.Errorf("-%s takes no value", name)
			}
			switch name {
			case "r":
				o.recurse = true
			case "v":
				o.verbose = true
			case "q":
				o.quiet = true
			}
		case "h", "help":
			return o, errHelp
		default:
			return o, fmt.Errorf("no such flag: %s", quote(a))
		}
	}
	return o, nil
}

var errHelp = errors.New("help")

// run runs checkkey. stdinData says whether stdin is to be read when no file
// is named (a pipe or a regular file; see stdinHoldsData).
func run(args []string, stdin io.Reader, stdinData bool, stdout, stderr io.Writer, home string) int {
	opt, err := parseArgs(args)
	if err != nil {
		if errors.Is(err, errHelp) {
			fmt.Fprint(stderr, usageText)
			return exitOK
		}
		fmt.Fprintln(stderr, "checkkey:", err)
		first, _, _ := strings.Cut(usageText, "\n")
		fmt.Fprintf(stderr, "%s\n(checkkey -h explains each flag)\n", first)
		return exitUsage
	}
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	if opt.op == "list" && opt.json {
		type opJSON struct {
			Operation string `json:"operation"`
			Service   string `json:"service"`
			TakesKey  bool   `json:"takesKey"`
		}
		list := []opJSON{}
		for _, op := range validate.Ops() {
			list = append(list, opJSON{op.String(), op.Service(), op.TakesKey()})
		}
		b, _ := json.Marshal(list)
		out.Write(append(b, '\n'))
		return exitOK
	}
	if opt.op == "list" {
		for _, op := range validate.Ops() {
			note := ""
			if !op.TakesKey() {
				note = " (takes no key)"
			}
			fmt.Fprintf(out, "%s%s\n", op, note)
		}
		return exitOK
	}
	ops, err := parseOps(opt.op)
	if err != nil {
		fmt.Fprintln(stderr, "checkkey:", err)
		return exitUsage
	}
	c := &checker{ops: ops, names: opNames(ops), json: opt.json, out: out, stderr: stderr,
		verbose: opt.verbose, quiet: opt.quiet, judgeHosts: opt.op != "",
		kinds: map[string]int{}, accepted: make([]int, len(ops)), refusals: make([]int, len(ops)),
		explained: map[string]*explanation{}}
	for _, op := range ops {
		c.iam = c.iam || op.Service() == keyerrors.ServiceIAM
		c.ec2 = c.ec2 || op.Service() == keyerrors.ServiceEC2
		c.opNames = append(c.opNames, op.String()) // once, not once a key
	}

	inputs := opt.inputs
	switch {
	case len(inputs) > 0:
	case stdinData:
		inputs = []input{{"-", kindAuto}}
	default:
		files := homeKeys(home, stderr)
		if len(files) == 0 {
			fmt.Fprintln(stderr, "checkkey: no ~/.ssh/*.pub found: checking the bundled sample key")
			c.read("sample.pub", kindAuto, bytes.NewReader(sampleKey))
		} else {
			fmt.Fprintf(stderr, "checkkey: checking %d key file(s) from ~/.ssh\n", len(files))
		}
		for _, f := range files {
			inputs = append(inputs, input{f, kindAuto})
		}
	}
	for _, in := range inputs {
		if in.name == "-" {
			c.read("-", in.format, stdin)
			continue
		}
		fi, err := os.Stat(in.name)
		if err == nil && fi.IsDir() {
			c.readDir(in, opt.recurse)
			continue
		}
		c.readFile(in.name, in.format)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "checkkey:", err)
		return exitNoKey
	}
	status := exitOK
	switch {
	case c.noKey:
		status = exitNoKey
	case c.refused:
		status = exitRefused
	}
	if c.json {
		c.jsonSummary(status)
		if err := out.Flush(); err != nil {
			fmt.Fprintln(stderr, "checkkey:", err)
			return exitNoKey
		}
		return status
	}
	c.explain()
	c.summary()
	return status
}

// parseOps reads -op: empty is each service's first operation that takes
// a key (EC2 Instance Connect's SendSSHPublicKey, IAM's
// UploadSSHPublicKey): a service's other key-taking operations apply the
// same key policy, so they would repeat its verdict.
func parseOps(s string) ([]validate.Op, error) {
	if s == "" {
		var ops []validate.Op
		seen := map[string]bool{}
		for _, op := range validate.Ops() {
			if op.TakesKey() && !seen[op.Service()] {
				seen[op.Service()] = true
				ops = append(ops, op)
			}
		}
		return ops, nil
	}
	var ops []validate.Op
	for _, name := range strings.Split(s, ",") {
		op, err := lookupOp(strings.TrimSpace(name))
		if err != nil {
			return nil, err
		}
		if !op.TakesKey() {
			return nil, fmt.Errorf("-op: %v takes no SSH public key (checkkey -op list marks the operations that take none)", op)
		}
		if !slices.Contains(ops, op) {
			ops = append(ops, op)
		}
	}
	return ops, nil
}

// lookupOp finds an operation by its name: service:Operation, or the bare
// Operation, in any case where that names one operation only.
func lookupOp(name string) (validate.Op, error) {
	if op, err := validate.ParseOp(name); err == nil {
		return op, nil
	}
	var found []validate.Op
	for _, op := range validate.Ops() {
		if strings.EqualFold(op.String(), name) || strings.EqualFold(op.Name(), name) {
			found = append(found, op)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return 0, fmt.Errorf("-op: no operation %s; checkkey -op list prints them", quote(name))
	}
	var names []string
	for _, op := range found {
		names = append(names, op.String())
	}
	return 0, fmt.Errorf("-op: %s names more than one operation (%s): say which, as service:Operation", quote(name), strings.Join(names, ", "))
}

// opNames returns each operation's bare name where it is unique, and its
// service:Operation form where it is not.
func opNames(ops []validate.Op) []string {
	names := make([]string, len(ops))
	for i, op := range ops {
		names[i] = op.String()
		if got, err := validate.ParseOp(op.Name()); err == nil && got == op {
			names[i] = op.Name()
		}
	}
	return names
}

// homeKeys returns the ~/.ssh/*.pub files, sorted, but a *-cert.pub beside
// its key, which it notes on stderr.
func homeKeys(home string, stderr io.Writer) []string {
	if home == "" {
		return nil
	}
	files, _ := filepath.Glob(filepath.Join(home, ".ssh", "*.pub"))
	slices.Sort(files)
	keep := files[:0]
	for _, f := range files {
		fi, err := os.Lstat(f)
		if err != nil {
			continue
		}
		if why := notRegular(f, fi.Mode().Type()); why != "" {
			fmt.Fprintf(stderr, "checkkey: %s: skipped: %s\n", quote(f), why)
			continue
		}
		if base, ok := strings.CutSuffix(f, "-cert.pub"); ok {
			if _, err := os.Stat(base + ".pub"); err == nil {
				fmt.Fprintf(stderr, "checkkey: %s: left out: a certificate, beside its key %s\n", quote(f), quote(base+".pub"))
				continue
			}
		}
		keep = append(keep, f)
	}
	return keep
}

// readFile checks the keys of a named file.
func (c *checker) readFile(name, format string) {
	f, err := os.Open(name)
	if err != nil {
		c.noKeyAt(name, 0, err)
		return
	}
	defer f.Close()
	c.read(name, format, f)
}

// readDir checks each regular file of a directory whose name is of a kind
// (kindOfName), read as in.format says, and with recurse those of its
// directories. Symbolic links
// are followed to files, never into directories; named pipes, devices and
// sockets are skipped with a note, never opened.
func (c *checker) readDir(in input, recurse bool) {
	root := in.name
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		root += string(filepath.Separator) // named: followed, as ls and find -H do
	}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			c.noKeyAt(path, 0, err)
			return nil
		}
		if d.IsDir() {
			if path != root && !recurse {
				return fs.SkipDir
			}
			return nil
		}
		if kindOfName(path) == "" {
			return nil
		}
		if why := notRegular(path, d.Type()); why != "" {
			c.note(path, "skipped: %s", why)
			return nil
		}
		c.readFile(path, in.format)
		return nil
	})
}

// notRegular says why the file at path, of the type mode (as a directory
// lists it), is not to be opened, or "" when it is a regular file or a
// symbolic link to one. A link is never followed into a directory.
func notRegular(path string, mode fs.FileMode) string {
	if mode&fs.ModeSymlink != 0 {
		fi, err := os.Stat(path)
		switch {
		case err != nil:
			return fmt.Sprintf("a symbolic link that leads to no file (%v)", errors.Unwrap(err))
		case fi.IsDir():
			return "a symbolic link to a directory, not followed"
		}
		mode = fi.Mode().Type()
	}
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe, not opened"
	case mode&fs.ModeSocket != 0:
		return "a socket, not opened"
	case mode&fs.ModeDevice != 0:
		return "a device, not opened"
	case mode.IsDir():
		return "a directory"
	case !mode.IsRegular():
		return "not a regular file, not opened"
	}
	return ""
}

// note prints a note on a file on standard error.
func (c *checker) note(name, format string, args ...any) {
	c.out.Flush()
	fmt.Fprintf(c.stderr, "checkkey: %s: %s\n", quote(name), fmt.Sprintf(format, args...))
}

// read checks every key r holds.
func (c *checker) read(name, format string, r io.Reader) {
	br := bufio.NewReaderSize(r, maxKeyFile+1)
	head, err := br.Peek(maxKeyFile + 1)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		c.noKeyAt(name, 0, err)
		return
	}
	if name == "-" && len(head) == 0 {
		c.noKeyAt("-", 0, errors.New("standard input is empty: no key to check"))
		return
	}
	kind, from := format, fromFlag
	if kind == kindAuto {
		kind, from = kindOfName(name), fromName
		if kind == "" || name == "-" {
			kind, from = detect(head), fromContent
		}
	}
	c.files++
	c.kinds[kind]++
	if c.verbose {
		c.note(name, "read as %s (said by its %s)", kind, map[string]string{fromFlag: "-format flag", fromName: "name", fromContent: "content"}[from])
	}
	switch kind {
	case kindKey:
		if len(head) > maxKeyFile {
			c.noKeyHint(name, 0, fmt.Errorf("the file is larger than %d bytes, and no SSH public key is that large", maxKeyFile),
				"if it is a file of key lines, say so: checkkey -format authorized_keys FILE, or -format known_hosts")
			return
		}
		k, err := sshkey.Parse(head)
		if err != nil {
			c.noKeyHint(name, 0, err, noKeyHintFor(name, head, err))
			return
		}
		text := string(head)
		c.report(&Report{File: name, Line: 1, Kind: kindKey, KindFrom: from}, k, func(op validate.Op) error {
			_, err := validate.CheckKey(op, text) // the text as it is: its encoding counts
			return err
		})
	case kindAuthorizedKeys:
		c.lines(name, pipeline(authorizedkeys.Read(br), func(e *authorizedkeys.Entry) keyLine {
			l := keyLine{report: Report{File: name, Line: e.Line(), Kind: kindAuthorizedKeys, KindFrom: from}, key: e.Key()}
			// The line is its options, a space and the key's text, which
			// starts with the key's type: no option is named so. Each
			// Key.String encodes the key's base64 again: once a line, twice
			// for a line with options.
			if line := e.String(); !strings.HasPrefix(line, e.Key().Type()+" ") {
				l.report.Options = line[:len(line)-len(e.Key().String())-1]
				l.report.Typed = typedOptions(e.Options())
			}
			return l
		}))
	case kindKnownHosts:
		c.lines(name, pipeline(knownhosts.Read(br), func(e *knownhosts.Entry) keyLine {
			l := keyLine{report: Report{File: name, Line: e.Line(), Kind: kindKnownHosts, KindFrom: from}, key: e.Key()}
			if m := e.Marker(); m != knownhosts.MarkerNone {
				l.report.Marker = m.String()
			}
			l.report.Hosts = hostField(e)
			return l
		}))
	}
}

// A keyLine is one line of a file of keys, as the reader gave it: a key and
// what to report of its line, or the line's error.
type keyLine struct {
	report Report
	key    *sshkey.Key
	err    error
}

// lines reports every line of a file of keys, in order, and gives each
// batch back to the pipeline to fill again.
func (c *checker) lines(name string, p *pipe) {
	for batch := range p.full {
		for i := range batch {
			if l := &batch[i]; l.err != nil {
				c.lineError(name, l.err)
			} else {
				c.report(&l.report, l.key, nil)
			}
		}
		clear(batch) // nothing of the lines kept past their report
		select {
		case p.free <- batch[:0]:
		default:
		}
	}
}

// A pipe is what pipeline returns: the batches read, and the batches
// reported, to be filled again. Reusing them saves allocating and clearing
// fresh memory for each: a keyLine is about 300 bytes.
type pipe struct {
	full <-chan []keyLine
	free chan []keyLine
}

// weight is about the bytes l holds beyond its fixed size: its texts, and
// up to 8 times them for what is made of them (a from="a,b,..." of 64 KiB
// is 32,000 strings in Typed, 16 bytes each).
func (l *keyLine) weight() int {
	r := &l.report
	return 1024 + 8*(len(r.Options)+len(r.Hosts)+len(r.Comment))
}

// pipeline reads the entries of seq on a goroutine of its own, in batches,
// while the caller checks and prints the batches before: parsing a line and
// checking a key take about the same time, so a file of 100,000 keys takes
// half the time on two cores. Memory stays bounded: four batches at most
// wait, each of at most batchSize lines and about batchWeight bytes (lines
// of 64 KiB of options or hosts make batches of a few lines). The caller
// must read the channel to its end.
func pipeline[E any](seq iter.Seq2[E, error], convert func(E) keyLine) *pipe {
	const (
		batchSize   = 256
		batchWeight = 1 << 20
	)
	ch := make(chan []keyLine, 4)
	p := &pipe{full: ch, free: make(chan []keyLine, 6)}
	newBatch := func() []keyLine {
		select {
		case b := <-p.free:
			return b
		default:
			return make([]keyLine, 0, batchSize)
		}
	}
	go func() {
		defer close(ch)
		batch := newBatch()
		weight := 0
		for e, err := range seq {
			if err != nil {
				batch = append(batch, keyLine{err: err})
			} else {
				batch = append(batch, convert(e))
			}
			weight += batch[len(batch)-1].weight()
			if len(batch) == batchSize || weight >= batchWeight {
				ch <- batch
				batch = newBatch()
				weight = 0
			}
		}
		if len(batch) > 0 {
			ch <- batch
		}
	}()
	return p
}

// What said a file's kind.
const (
	fromFlag    = "flag"
	fromName    = "name"
	fromContent = "content"
)

// kindOfName returns the kind of a file by its name, as OpenSSH and PuTTY
// name them, or "".
func kindOfName(name string) string {
	base := filepath.Base(name)
	switch base {
	case "authorized_keys", "authorized_keys2":
		return kindAuthorizedKeys
	case "known_hosts", "known_hosts2", "ssh_known_hosts":
		return kindKnownHosts
	}
	if strings.HasSuffix(base, ".pub") || strings.HasSuffix(base, ".ppk") {
		return kindKey
	}
	return ""
}

// Content detection looks at no more than this head of a file.
const (
	detectBytes = 64 << 10
	detectLines = 100
)

// detect says what a file holds from its head: one key in an encoding of
// its own, a known_hosts file, or an authorized_keys file. A file is
// known_hosts only when a line has a marker or a hashed host, or when no
// line reads as authorized_keys and some read as known_hosts; a line whose
// first field looks like an authorized_keys option (mistyped or not) is
// counted as authorized_keys, so the reader reports the bad option.
func detect(head []byte) string {
	if len(head) > detectBytes {
		head = head[:detectBytes]
	}
	line := firstKeyLine(head)
	switch {
	case bytes.HasPrefix(line, []byte("---- BEGIN")), bytes.HasPrefix(line, []byte("-----BEGIN")),
		bytes.HasPrefix(line, []byte("PuTTY-User-Key-File")), bytes.HasPrefix(line, []byte("\xef\xbb\xbf")):
		return kindKey
	}
	switch sshkey.Detect(head) {
	case sshkey.KindPrivateKey, sshkey.KindBinary:
		return kindKey // Parse says best what it is, once
	}
	var ak, kh, other, n int
	for rest := head; len(rest) > 0 && n < detectLines; {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		line = bytes.TrimRight(bytes.TrimLeft(line, " \t"), " \t\r")
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		n++
		if line[0] == '@' || bytes.HasPrefix(line, []byte("|1|")) {
			return kindKnownHosts
		}
		first, _, _ := bytes.Cut(line, []byte(" "))
		switch {
		case optionShaped(string(first)):
			ak++
		case parses(authorizedkeys.ParseLine(line)):
			ak++
		case parses(knownhosts.ParseLine(line)):
			kh++
		default:
			other++
		}
	}
	switch {
	case ak == 0 && kh > 0:
		return kindKnownHosts
	case ak == 0 && kh == 0 && n == 1:
		return kindKey // one line that is no key line: Parse says best what it is
	}
	return kindAuthorizedKeys
}

func parses[E any](_ E, err error) bool { return err == nil }

// optionNames are the options of an authorized_keys line (sshd(8)).
var optionNames = []string{
	"agent-forwarding", "cert-authority", "command", "environment", "expiry-time", "from",
	"no-agent-forwarding", "no-port-forwarding", "no-pty", "no-user-rc", "no-x11-forwarding",
	"permitlisten", "permitopen", "port-forwarding", "principals", "pty", "no-touch-required",
	"verify-required", "restrict", "tunnel", "user-rc", "x11-forwarding",
}

// optionShaped says whether the first field of a line looks like
// authorized_keys options rather than host names: it holds = or a quote, or
// each of its comma-separated words is an option name or one mistyped (at
// most two edits away, or starting with "no-").
func optionShaped(field string) bool {
	if strings.ContainsAny(field, "=\"") {
		return true
	}
	for w := range strings.SplitSeq(strings.ToLower(field), ",") {
		if strings.HasPrefix(w, "no-") {
			continue
		}
		near := false
		for _, o := range optionNames {
			if editDistance(w, o) <= 2 {
				near = true
				break
			}
		}
		if !near {
			return false
		}
	}
	return true
}

// editDistance returns the Levenshtein distance of two short strings.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	var prev, cur [65]int
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// firstKeyLine returns the first line of head that is neither blank nor a
// comment, without its line ending.
func firstKeyLine(head []byte) []byte {
	for len(head) > 0 {
		line, rest, _ := bytes.Cut(head, []byte("\n"))
		head = rest
		line = bytes.TrimSuffix(line, []byte("\r"))
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] != '#' {
			return t
		}
	}
	return nil
}

// quote returns s as it is, or Go-quoted when it holds a control character,
// a double quote, a backslash or bytes that are not UTF-8: no input can
// forge a line of output.
func quote(s string) string {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '"' || r == '\\' || r == utf8.RuneError || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' {
			return strconv.Quote(s)
		}
	}
	return s
}

// report asks every chosen operation about k and prints the answers. check
// asks one operation; nil asks about k's authorized_keys line, the text a
// key line of a file sends (validate.CheckParsedKey). A known_hosts key is
// a host key: judged only by operations named with -op.
func (c *checker) report(r *Report, k *sshkey.Key, check func(validate.Op) error) {
	c.keys++
	r.Type, r.Bits, r.Encoding, r.Comment = k.Type(), k.Bits(), k.Format().String(), k.Comment()
	r.SHA256 = k.Fingerprint(crypto.SHA256).String()
	r.Cert = certReport(k)
	if c.iam {
		r.MD5 = k.Fingerprint(crypto.MD5).String() // IAM's Fingerprint
	}
	r.EC2 = ""
	if c.ec2 {
		r.EC2 = fingerprint.EC2(k.PublicKey()) // "" for a type EC2 does not import
	}
	// One slice serves every report: each is printed before the next.
	if c.opsBuf == nil {
		c.opsBuf = make([]OperationReport, len(c.ops))
	}
	r.Operations = c.opsBuf
	if r.Kind == kindKnownHosts && !c.judgeHosts {
		r.Operations = c.opsBuf[:0]
		c.unjudged++
	}
	refused := false
	for i, op := range c.ops[:len(r.Operations)] {
		o := &r.Operations[i]
		*o = OperationReport{}
		o.Operation = c.opNames[i]
		var err error
		if check != nil {
			err = check(op)
		} else {
			err = validate.CheckParsedKey(op, k)
		}
		if err == nil {
			o.Accepted = true
			c.accepted[i]++
			continue
		}
		c.refused, refused = true, true
		c.refusals[i]++
		o.Message, o.Reason, o.Hint = words(err.Error()), words(keyerrors.Reason(err)), hint(op, err, k, r.File)
		var re *keyerrors.RequestError
		if errors.As(err, &re) {
			if api := re.API(); api != nil {
				o.Code, o.HTTPStatus = api.ErrorCode(), api.HTTPStatusCode()
			}
		}
		if !c.verbose && !c.json && !c.quiet {
			c.defer_(i, o, r)
		}
	}
	if c.json {
		c.buf = appendReport(c.buf[:0], r)
		c.out.Write(c.buf) // a write error sticks in out, and run reports it
		return
	}
	if c.quiet && !refused {
		return
	}
	c.printText(r)
}

// defer_ keeps a refusal to explain after the run, once for each distinct
// code, reason and hint.
func (c *checker) defer_(i int, o *OperationReport, r *Report) {
	key := o.Code + "\x00" + o.Reason + "\x00" + o.Hint
	e := c.explained[key]
	if e == nil {
		if len(c.explOrder) == maxExplanations {
			c.unexplained++
			return
		}
		e = &explanation{code: o.Code, status: o.HTTPStatus, message: o.Message, reason: o.Reason, hint: o.Hint}
		c.explained[key] = e
		c.explOrder = append(c.explOrder, e)
	}
	if !slices.Contains(e.ops, c.names[i]) {
		e.ops = append(e.ops, c.names[i])
	}
	place := quote(r.File) + ":" + strconv.Itoa(r.Line)
	if place != e.last {
		e.last = place
		e.lines++
		if len(e.places) < maxPlaces {
			e.places = append(e.places, place)
		}
	}
	e.count++
}

// explain prints, on standard error, each distinct refusal once, with the
// lines it applies to.
func (c *checker) explain() {
	w := c.stderr
	for _, e := range c.explOrder {
		fmt.Fprintf(w, "%s refused %s (HTTP %d): %s", strings.Join(e.ops, ", "), e.code, e.status, strings.Join(e.places, ", "))
		if more := e.lines - len(e.places); more > 0 {
			fmt.Fprintf(w, " and %d more", more)
		}
		fmt.Fprintf(w, "\n    AWS says: %s\n    reason: %s\n", e.message, e.reason)
		if e.hint != "" {
			fmt.Fprintf(w, "    hint: %s\n", e.hint)
		}
	}
	if c.unexplained > 0 {
		fmt.Fprintf(w, "checkkey: %d more refusals, of other kinds, not explained here; -v explains each below its key\n", c.unexplained)
	}
}

// summary prints, on standard error, what the run read and found.
func (c *checker) summary() {
	w := c.stderr
	fmt.Fprintf(w, "checkkey: %s", plural(c.files, "file"))
	var kinds []string
	for _, k := range []string{kindKey, kindAuthorizedKeys, kindKnownHosts} {
		if n := c.kinds[k]; n > 0 {
			if k == kindKey {
				k = "of one key"
			}
			kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
		}
	}
	if len(kinds) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(kinds, ", "))
	}
	fmt.Fprintf(w, ", %s", plural(c.keys, "key"))
	if c.unjudged > 0 {
		fmt.Fprintf(w, " (%d host keys of known_hosts listed, not judged: -op names the operations to judge them by)", c.unjudged)
	}
	for i, name := range c.names {
		fmt.Fprintf(w, "; %s: %d accepted, %d refused", name, c.accepted[i], c.refusals[i])
	}
	fmt.Fprintf(w, "; %s", plural(c.badLines, "bad line"))
	if c.noKeys > 0 {
		fmt.Fprintf(w, "; %s", plural(c.noKeys, "input with no key or unreadable", "inputs with no key or unreadable"))
	}
	fmt.Fprintln(w)
}

// Summary is the last object -json prints.
type Summary struct {
	Summary    bool             `json:"summary"` // always true: this is the summary
	Files      int              `json:"files"`
	Kinds      map[string]int   `json:"kinds"` // files of each kind
	Keys       int              `json:"keys"`
	Unjudged   int              `json:"unjudged"` // known_hosts keys listed, not judged
	Operations []OperationCount `json:"operations"`
	BadLines   int              `json:"badLines"`
	NoKey      int              `json:"inputsWithNoKey"` // inputs with no key, or unreadable
	Status     int              `json:"status"`          // the exit status
}

// OperationCount is what one operation answered over the run.
type OperationCount struct {
	Operation string `json:"operation"`
	Accepted  int    `json:"accepted"`
	Refused   int    `json:"refused"`
}

func (c *checker) jsonSummary(status int) {
	sum := Summary{Summary: true, Files: c.files, Kinds: c.kinds, Keys: c.keys, Unjudged: c.unjudged,
		Operations: []OperationCount{}, BadLines: c.badLines, NoKey: c.noKeys, Status: status}
	for i, op := range c.ops {
		sum.Operations = append(sum.Operations, OperationCount{op.String(), c.accepted[i], c.refusals[i]})
	}
	b, _ := json.Marshal(sum)
	c.out.Write(append(b, '\n'))
}

// plural returns "1 thing" or "N things".
func plural(n int, one string, many ...string) string {
	if n == 1 {
		return "1 " + one
	}
	if len(many) > 0 {
		return strconv.Itoa(n) + " " + many[0]
	}
	return strconv.Itoa(n) + " " + one + "s"
}

// optionsWidth and hostsWidth are the most of a line's options and of its
// host field a verdict line shows (-json shows them whole).
const (
	optionsWidth = 64
	hostsWidth   = 128
)

// printText prints a key's line, and with -v what explains it below it.
func (c *checker) printText(r *Report) {
	w := c.out
	fmt.Fprintf(w, "%s:%d %s %d %s", quote(r.File), r.Line, quote(r.Type), r.Bits, r.SHA256)
	if r.Marker != "" {
		fmt.Fprintf(w, " %s", r.Marker)
	}
	if r.Hosts != "" {
		w.WriteByte(' ')
		w.WriteString(quote(cut(string(r.Hosts), hostsWidth)))
	}
	for i, o := range r.Operations {
		if o.Accepted {
			fmt.Fprintf(w, " %s=accepted", c.names[i])
		} else {
			fmt.Fprintf(w, " %s=refused:%s", c.names[i], o.Code)
		}
	}
	if r.Options != "" {
		w.WriteByte(' ')
		w.WriteString(quote(cut(r.Options, optionsWidth)))
	}
	if ct := r.Cert; ct != nil {
		fmt.Fprintf(w, " cert=%s id=%s principals=%s valid=%s..%s", ct.CertType, quote(ct.KeyID),
			quote(strings.Join(ct.Principals, ",")), ct.ValidAfter, ct.ValidBefore)
	}
	if r.Comment != "" {
		w.WriteByte(' ')
		w.WriteString(quote(r.Comment))
	}
	w.WriteByte('\n')
	if !c.verbose {
		return
	}
	fmt.Fprintf(w, "    fingerprint: ec2-instance-connect %s", r.SHA256)
	if r.MD5 != "" {
		fmt.Fprintf(w, ", iam MD5:%s", strings.TrimPrefix(r.MD5, "MD5:"))
	}
	if r.EC2 != "" {
		fmt.Fprintf(w, ", ec2 %s", r.EC2)
	}
	w.WriteByte('\n')
	for i, o := range r.Operations {
		if o.Accepted {
			continue
		}
		fmt.Fprintf(w, "    %s: %s (HTTP %d): %s\n", c.names[i], o.Code, o.HTTPStatus, o.Message)
		fmt.Fprintf(w, "    %s: reason: %s\n", c.names[i], o.Reason)
		if o.Hint != "" {
			fmt.Fprintf(w, "    %s: hint: %s\n", c.names[i], o.Hint)
		}
	}
}

// cut returns s cut to n bytes, on a character boundary, ending in "..."
// when it is cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n - 3
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// lineError reports a line that holds no key, or the read error that ended
// a file.
func (c *checker) lineError(name string, err error) {
	var le *sshkey.LineError
	if errors.As(err, &le) {
		c.noKeyAt(name, le.Line, le.Err)
		return
	}
	c.noKeyAt(name, 0, err)
}

// noKeyAt prints, on standard error, that the input holds no key at a line
// (0: the whole input). sshkey's and the os package's errors hold no key
// material.
func (c *checker) noKeyAt(name string, line int, err error) {
	c.noKeyHint(name, line, err, "")
}

// noKeyHint is noKeyAt with a hint, "" for none. With -json it prints an
// object on standard output instead.
func (c *checker) noKeyHint(name string, line int, err error, hint string) {
	c.noKey = true
	if line > 0 {
		c.badLines++
	} else {
		c.noKeys++
	}
	code := errCode(err)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the name is printed already
	}
	msg := strings.ReplaceAll(words(err.Error()), "checkkey -format key FILE", "checkkey -format key "+shellWord(name))
	if c.json {
		c.buf = appendError(c.buf[:0], &ErrorReport{File: name, Line: line, Error: msg, Code: code, Hint: hint})
		c.out.Write(c.buf)
		return
	}
	c.out.Flush() // the keys before it first, where both go to one terminal
	if line > 0 {
		fmt.Fprintf(c.stderr, "%s:%d: %s\n", quote(name), line, msg)
	} else {
		fmt.Fprintf(c.stderr, "%s: %s\n", quote(name), msg)
	}
	if hint != "" {
		fmt.Fprintf(c.stderr, "%s: hint: %s\n", quote(name), hint)
	}
}

// libraryWords are the words of the library's messages meant for a Go
// programmer, and what a command-line user is told instead.
var libraryWords = strings.NewReplacer(
	"(sshkey: ", "(",
	"read it as one key (sshkey.Parse)", "read it as one key: checkkey -format key FILE",
	"which sshkey does not read", "which checkkey does not read",
)

// words returns a message of the library in the words of checkkey's user:
// its flags and OpenSSH's commands, not Go identifiers.
func words(msg string) string {
	return libraryWords.Replace(strings.TrimPrefix(msg, "sshkey: "))
}

// sentinels are the errors whose names -json gives as an error's code, the
// most telling first.
var sentinels = []struct {
	name string
	err  error
}{
	{"ErrPrivateKey", keyerrors.ErrPrivateKey},
	{"ErrCertificate", keyerrors.ErrCertificate},
	{"ErrMultipleKeys", keyerrors.ErrMultipleKeys},
	{"ErrKeyTypeMismatch", keyerrors.ErrKeyTypeMismatch},
	{"ErrUnsupportedEncoding", keyerrors.ErrUnsupportedEncoding},
	{"ErrUnsupportedKeyType", keyerrors.ErrUnsupportedKeyType},
	{"ErrKeyTooSmall", keyerrors.ErrKeyTooSmall},
	{"ErrKeyTooLarge", keyerrors.ErrKeyTooLarge},
	{"ErrWeakKey", keyerrors.ErrWeakKey},
	{"ErrTooLong", keyerrors.ErrTooLong},
	{"ErrMalformedKey", keyerrors.ErrMalformedKey},
}

// errUnreadable and errNoKey are checkkey's own codes: a file that cannot
// be read, and an input that holds nothing of a key.
const (
	errUnreadable = "ErrUnreadable"
	errNoKey      = "ErrNoKey"
)

// errCode returns the name of err's sentinel.
func errCode(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return errUnreadable
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.name
		}
	}
	return errNoKey
}

// noKeyHintFor returns a hint for an input that is no public key, where one
// fits, or "".
func noKeyHintFor(name string, head []byte, err error) string {
	switch {
	case bytes.HasPrefix(head, []byte("PuTTY-User-Key-File")) || strings.HasSuffix(name, ".ppk"):
		return "a PuTTY key file holds the private key; its public half is: puttygen " + shellWord(name) + " -O public-openssh"
	case errors.Is(err, keyerrors.ErrCertificate):
		return "this is a certificate; give the key it certifies (the .pub file beside the -cert.pub)"
	}
	return ""
}

// typedOptions returns the options of a line by sshd's names: each set
// flag as true, each permission as "allowed" or "denied", each value as
// read.
func typedOptions(o authorizedkeys.Options) map[string]any {
	m := map[string]any{}
	flag := func(name string, v bool) {
		if v {
			m[name] = true
		}
	}
	flag("restrict", o.Restrict)
	flag("cert-authority", o.CertAuthority)
	flag("no-touch-required", o.NoTouchRequired)
	flag("verify-required", o.VerifyRequired)
	for _, p := range []struct {
		name string
		p    authorizedkeys.Permission
	}{{"agent-forwarding", o.AgentForwarding}, {"port-forwarding", o.PortForwarding}, {"pty", o.Pty}, {"user-rc", o.UserRC}, {"X11-forwarding", o.X11Forwarding}} {
		if p.p != authorizedkeys.PermissionDefault {
			m[p.name] = p.p.String()
		}
	}
	if o.HasCommand {
		m["command"] = o.Command
	}
	if o.HasTunnel {
		m["tunnel"] = o.Tunnel
	}
	for _, l := range []struct {
		name string
		v    []string
	}{{"environment", o.Environment}, {"expiry-time", o.ExpiryTime}, {"from", o.From}, {"permitlisten", o.PermitListen}, {"permitopen", o.PermitOpen}, {"principals", o.Principals}} {
		if len(l.v) > 0 {
			m[l.name] = l.v
		}
	}
	return m
}

// hint returns advice for a key op refused, fitted to the service, or "".
func hint(op validate.Op, err error, k *sshkey.Key, file string) string {
	iam := op.Service() == keyerrors.ServiceIAM
	// The next round's services (EC2 key pairs, Transfer, Lightsail) get no
	// type or size advice here: the reason says what each takes.
	nextRound := !iam && op.Service() != keyerrors.ServiceEC2InstanceConnect
	switch {
	case nextRound && (errors.Is(err, keyerrors.ErrUnsupportedKeyType) || errors.Is(err, keyerrors.ErrKeyTooSmall) || errors.Is(err, keyerrors.ErrKeyTooLarge)):
		return ""
	case errors.Is(err, keyerrors.ErrUnsupportedKeyType), errors.Is(err, keyerrors.ErrKeyTooSmall):
		if iam {
			return "IAM takes only ssh-rsa keys of 2048 bits or more: ssh-keygen -t rsa -b 4096"
		}
		return "EC2 Instance Connect takes ssh-ed25519 keys, or ssh-rsa keys of 2048 to 4096 bits: ssh-keygen -t ed25519"
	case errors.Is(err, keyerrors.ErrKeyTooLarge):
		return "EC2 Instance Connect takes ssh-rsa keys of at most 4096 bits: ssh-keygen -t rsa -b 4096, or ssh-keygen -t ed25519"
	case errors.Is(err, keyerrors.ErrTooLong):
		return "the key's text is longer than the service takes; an Ed25519 key is the shortest: ssh-keygen -t ed25519"
	case errors.Is(err, keyerrors.ErrUnsupportedEncoding):
		switch k.Format() {
		case sshkey.FormatRFC4716:
			return "convert it to an OpenSSH line: ssh-keygen -i -f " + shellWord(file)
		case sshkey.FormatPKIX:
			return "convert it to an OpenSSH line: ssh-keygen -i -m PKCS8 -f " + shellWord(file)
		case sshkey.FormatPKCS1:
			return "convert it to an OpenSSH line: ssh-keygen -i -m PEM -f " + shellWord(file)
		}
	}
	return ""
}

// shellWord quotes a file name for a command line when it needs it.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/~+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
