// Command checkkey reads SSH public keys and says what AWS would answer each
// one with: for SendSSHPublicKey and SendSerialConsoleSSHPublicKey (EC2
// Instance Connect) and UploadSSHPublicKey (IAM), "accepted", or the exact
// error code, HTTP status and message.
//
// Usage:
//
//	go run ./examples/checkkey [-json] [FILE...]
//
// With no FILE it checks every ~/.ssh/*.pub, and the bundled sample key
// where there is none, and says which it used. For each key it prints the
// type, bits, encoding, comment and the MD5 (IAM's Fingerprint) and SHA256
// fingerprints. A private key given by mistake is refused without printing
// any of it. With -json it prints one JSON object per key, one per line.
//
// The exit status is 0 when every key was read, 1 when some key could not be
// read or is no valid public key, and 2 for bad usage.
package main

import (
	"crypto"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// sampleKey is a throwaway RSA-2048 key made for this example (ssh-keygen -t
// rsa -b 2048 -C keyvet-sample; the private half was discarded).
//
//go:embed sample.pub
var sampleKey []byte

// maxKeyFile bounds what checkkey reads of one file: IAM's SSHPublicKeyBody
// holds at most 16384 characters, so a larger file is no key AWS takes.
const maxKeyFile = 64 << 10

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv("HOME")))
}

// Report is what checkkey says of one key; -json prints it as it is.
type Report struct {
	File       string            `json:"file"`
	Source     string            `json:"source"` // "argument", "~/.ssh" or "sample"
	Error      string            `json:"error,omitempty"`
	Type       string            `json:"type,omitempty"`
	Bits       int               `json:"bits,omitempty"`
	Encoding   string            `json:"encoding,omitempty"`
	Comment    string            `json:"comment,omitempty"`
	MD5        string            `json:"md5,omitempty"`
	SHA256     string            `json:"sha256,omitempty"`
	Operations []OperationReport `json:"operations,omitempty"`
}

// OperationReport is the answer of one AWS operation.
type OperationReport struct {
	Operation  string `json:"operation"`
	Accepted   bool   `json:"accepted"`
	Code       string `json:"code,omitempty"`
	HTTPStatus int    `json:"httpStatus,omitempty"`
	Message    string `json:"message,omitempty"`
}

func run(args []string, stdout, stderr io.Writer, home string) int {
	fs := flag.NewFlagSet("checkkey", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "print one JSON object per key")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: checkkey [-json] [FILE...]")
		fmt.Fprintln(stderr, "With no FILE, checks every ~/.ssh/*.pub, or the bundled sample key when there is none.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}

	var reports []*Report
	switch files := fs.Args(); {
	case len(files) > 0:
		for _, f := range files {
			reports = append(reports, checkFile(f, "argument"))
		}
	default:
		found := homeKeys(home)
		if len(found) == 0 {
			if !*jsonOut {
				fmt.Fprintln(stdout, "no ~/.ssh/*.pub found: checking the bundled sample key")
			}
			reports = append(reports, checkData("sample.pub", "sample", sampleKey))
			break
		}
		if !*jsonOut {
			fmt.Fprintf(stdout, "checking %d key(s) from ~/.ssh\n", len(found))
		}
		for _, f := range found {
			reports = append(reports, checkFile(f, "~/.ssh"))
		}
	}

	status := 0
	enc := json.NewEncoder(stdout)
	for _, r := range reports {
		if r.Error != "" {
			status = 1
		}
		if *jsonOut {
			if err := enc.Encode(r); err != nil {
				fmt.Fprintln(stderr, "checkkey:", err)
				return 1
			}
			continue
		}
		printText(stdout, r)
	}
	return status
}

// homeKeys returns the ~/.ssh/*.pub files, sorted.
func homeKeys(home string) []string {
	if home == "" {
		return nil
	}
	files, _ := filepath.Glob(filepath.Join(home, ".ssh", "*.pub"))
	sort.Strings(files)
	return files
}

func checkFile(name, source string) *Report {
	f, err := os.Open(name)
	if err != nil {
		return &Report{File: name, Source: source, Error: err.Error()}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return &Report{File: name, Source: source, Error: err.Error()}
	}
	if len(data) > maxKeyFile {
		return &Report{File: name, Source: source, Error: fmt.Sprintf("larger than %d bytes: no SSH public key is", maxKeyFile)}
	}
	return checkData(name, source, data)
}

// checkData parses one key and asks each operation about it. Errors from
// sshkey and validate never hold key material, so they are printed as they
// are.
func checkData(name, source string, data []byte) *Report {
	r := &Report{File: name, Source: source}
	k, err := sshkey.Parse(data)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	r.Type, r.Bits, r.Encoding, r.Comment = k.Type(), k.Bits(), k.Format().String(), k.Comment()
	r.MD5 = k.Fingerprint(crypto.MD5).String()
	r.SHA256 = k.Fingerprint(crypto.SHA256).String()

	text := string(data)
	r.Operations = []OperationReport{
		answer(validate.OpSendSSHPublicKey, (&validate.SendSSHPublicKeyInput{
			InstanceId: "i-0123456789abcdef0", InstanceOSUser: "ec2-user", SSHPublicKey: text,
		}).Validate()),
		answer(validate.OpSendSerialConsoleSSHPublicKey, (&validate.SendSerialConsoleSSHPublicKeyInput{
			InstanceId: "i-0123456789abcdef0", SSHPublicKey: text,
		}).Validate()),
		answer(validate.OpUploadSSHPublicKey, (&validate.UploadSSHPublicKeyInput{
			UserName: "checkkey", SSHPublicKeyBody: text,
		}).Validate()),
	}
	return r
}

func answer(op validate.Op, err error) OperationReport {
	if err == nil {
		return OperationReport{Operation: op.Name(), Accepted: true}
	}
	o := OperationReport{Operation: op.Name(), Message: err.Error()}
	var re *keyerrors.RequestError
	if errors.As(err, &re) {
		if api := re.API(); api != nil {
			o.Code, o.HTTPStatus = api.ErrorCode(), api.HTTPStatusCode()
		}
	}
	return o
}

func printText(w io.Writer, r *Report) {
	fmt.Fprintf(w, "%s\n", r.File)
	if r.Error != "" {
		fmt.Fprintf(w, "  error: %s\n", r.Error)
		return
	}
	comment := r.Comment
	if comment == "" {
		comment = "(none)"
	}
	fmt.Fprintf(w, "  type:     %s\n  bits:     %d\n  encoding: %s\n  comment:  %s\n  MD5:      %s\n  SHA256:   %s\n",
		r.Type, r.Bits, r.Encoding, comment, r.MD5, r.SHA256)
	for _, o := range r.Operations {
		if o.Accepted {
			fmt.Fprintf(w, "  %-30s accepted\n", o.Operation+":")
			continue
		}
		fmt.Fprintf(w, "  %-30s %s (HTTP %d): %s\n", o.Operation+":", o.Code, o.HTTPStatus, o.Message)
	}
}
