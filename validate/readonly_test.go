package validate_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// TestNoExportedVariables: package validate exports no variable, so no
// caller can assign to a rule, a policy or a table. It reads the package's
// own source; declaring an exported var (as the package once did with
// InstanceIdRule) fails it.
func TestNoExportedVariables(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	seen := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		seen++
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					if id.IsExported() {
						t.Errorf("%s: exported variable %s: a caller could change it", fset.Position(id.Pos()), id.Name)
					}
				}
			}
		}
	}
	if seen < 5 {
		t.Fatalf("read %d source files of package validate, want them all", seen)
	}
}

// TestRuleTypesHaveNoExportedFields: Rule and IntRule are read through
// methods; an exported field would let a holder of a copy believe it
// changed the rule, and a future pointer-returning lookup change it.
func TestRuleTypesHaveNoExportedFields(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[validate.Rule](), reflect.TypeFor[validate.IntRule]()} {
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() {
				t.Errorf("%s has the exported field %s", typ, f.Name)
			}
		}
	}
}

// TestLookupsReturnCopies changes everything a lookup hands out (a Rule's
// enum and regexp, a policy's slices, the slices of Rules and Ops) and then
// checks that a second lookup, and Validate, see the rules unchanged.
func TestLookupsReturnCopies(t *testing.T) {
	before := snapshot(t)

	status := rule(t, validate.OpUpdateSSHPublicKey, "Status")
	status.Enum()[0] = "Revoked"
	id := rule(t, validate.OpSendSSHPublicKey, "InstanceId")
	id.Regexp().Longest()
	for _, op := range validate.Ops() {
		rs := validate.Rules(op)
		for i := range rs {
			rs[i] = validate.Rule{}
		}
		if is := validate.IntRules(op); len(is) > 0 {
			is[0] = validate.IntRule{}
		}
	}
	ops := validate.Ops()
	ops[0] = validate.OpListSSHPublicKeys
	for _, p := range []sshkey.Policy{validate.EC2InstanceConnectKeyPolicy(), validate.IAMKeyPolicy(), validate.EC2ImportKeyPolicy(), validate.TransferKeyPolicy(), validate.LightsailKeyPolicy()} {
		p.Types[0] = sshkey.TypeDSA
		p.Formats[0] = sshkey.FormatPKIX
		p.MinRSABits = 1024
		if len(p.LineOnlyTypes) > 0 {
			p.LineOnlyTypes[0] = sshkey.TypeRSA
		}
	}

	if after := snapshot(t); after != before {
		t.Errorf("a change to what a lookup returned reached the package:\nbefore %s\nafter  %s", before, after)
	}
	for _, in := range []interface{ Validate() error }{
		&validate.TransferImportSshPublicKeyInput{ServerId: "s-0123456789abcdef0", UserName: "alice", SshPublicKeyBody: rsa1024Line(t)},
		&validate.LightsailImportKeyPairInput{KeyPairName: "my-key", PublicKeyBase64: rsa1024Line(t)},
	} {
		if err := in.Validate(); err == nil {
			t.Errorf("%T accepts a 1024-bit key after a caller lowered MinRSABits in a copy of the policy", in)
		}
	}
	if err := (&validate.UpdateSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Status: "Revoked"}).Validate(); err == nil {
		t.Error("Validate accepts Status Revoked after a caller wrote it into a copy of the enum")
	}
	rsa1024 := readKey(t, "rsa1024.pub")
	if err := (&validate.UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: rsa1024}).Validate(); err == nil {
		t.Error("Validate accepts a 1024-bit key after a caller lowered MinRSABits in a copy of the policy")
	}
}

func rsa1024Line(t *testing.T) string { return strings.TrimSpace(readKey(t, "rsa1024.pub")) }

// snapshot describes every rule and policy the package hands out, in one
// string.
func snapshot(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, op := range validate.Ops() {
		b.WriteString(op.String())
		for _, r := range validate.Rules(op) {
			b.WriteString(describe(r))
		}
		for _, r := range validate.IntRules(op) {
			b.WriteString(" " + r.Member() + "=" + itoa(r.Min()) + ".." + itoa(r.Max()))
		}
	}
	for _, p := range []sshkey.Policy{validate.EC2InstanceConnectKeyPolicy(), validate.IAMKeyPolicy(), validate.EC2ImportKeyPolicy(), validate.TransferKeyPolicy(), validate.LightsailKeyPolicy()} {
		b.WriteString(" policy" + strings.Join(p.Types, ",") + itoa(p.MinRSABits) + ".." + itoa(p.MaxRSABits))
		for _, f := range p.Formats {
			b.WriteString("," + f.String())
		}
		b.WriteString(" line-only" + strings.Join(p.LineOnlyTypes, ","))
	}
	return b.String()
}

func describe(r validate.Rule) string {
	re := ""
	if r.Regexp() != nil {
		re = r.Regexp().String()
	}
	return " " + r.Member() + "/" + r.Service() + "/" + itoa(r.MinLen()) + ".." + itoa(r.MaxLen()) + "/" + r.Pattern() +
		"/" + re + "/" + strings.Join(r.Enum(), ",") + "/" + boolString(r.Required()) + boolString(r.Sensitive())
}

func boolString(b bool) string {
	if b {
		return "t"
	}
	return "f"
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestConcurrentReads validates from many goroutines while others read
// every rule and policy and change the copies they get. Under -race it
// proves that no lookup hands out shared state a caller can write.
func TestConcurrentReads(t *testing.T) {
	want := snapshot(t)
	in := &validate.SendSSHPublicKeyInput{InstanceId: "i-0123456789abcdef0", InstanceOSUser: "ec2-user", SSHPublicKey: readKey(t, "ed25519.pub")}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for range 100 {
				if w%2 == 0 {
					if err := in.Validate(); err != nil {
						t.Errorf("Validate: %v", err)
						return
					}
					continue
				}
				for _, r := range everyRule() {
					if re := r.Regexp(); re != nil {
						re.Longest()
						_ = re.MatchString(r.Member())
					}
					if e := r.Enum(); len(e) > 0 {
						e[0] = ""
					}
				}
				p := validate.IAMKeyPolicy()
				p.Types[0] = ""
			}
		})
	}
	wg.Wait()
	if got := snapshot(t); got != want {
		t.Errorf("the rules changed under concurrent reads:\nbefore %s\nafter  %s", want, got)
	}
}
