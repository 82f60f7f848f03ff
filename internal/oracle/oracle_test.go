package oracle

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

var update = flag.Bool("update", false,
	"regenerate testdata/oracle by running node internal/oracle/gen.js")

const (
	goldenDir = "../../testdata/oracle"
	modelsDir = "../../testdata/aws-models"

	shapeFingerprint = "com.amazonaws.iam#publicKeyFingerprintType"
	shapeOSUser      = "com.amazonaws.ec2instanceconnect#InstanceOSUser"
)

func TestMain(m *testing.M) {
	flag.Parse()
	if *update {
		if err := regenerate(); err != nil {
			fmt.Fprintln(os.Stderr, "oracle -update:", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// regenerate runs the ECMA 262 oracle, which rewrites the goldens, and makes
// the tests read them again. Only -update needs node.
func regenerate() error {
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("-update runs the ECMA 262 oracle internal/oracle/gen.js with node, "+
			"and node is not on PATH (%v); install Node.js, or run the tests without -update "+
			"to check the committed goldens", err)
	}
	cmd := exec.Command(node, "gen.js")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("node gen.js: %v", err)
	}
	goldenCache = sync.OnceValues(readGoldens)
	return nil
}

// A golden is one testdata/oracle/<shape>.json, as gen.js writes it.
type golden struct {
	file        string
	Generator   string  `json:"generator"`
	Node        string  `json:"node"`
	Model       string  `json:"model"`
	ModelSHA256 string  `json:"modelSHA256"`
	Provenance  string  `json:"provenance"`
	Shape       string  `json:"shape"`
	Pattern     *string `json:"pattern"`
	Flags       string  `json:"flags"`
	Anchored    bool    `json:"anchored"` // the pattern was run as ^(?:pattern)$ (botocore models)
	Length      *struct {
		Min *int `json:"min"`
		Max *int `json:"max"`
	} `json:"length"`
	Members []struct {
		Member   string `json:"member"`
		Required bool   `json:"required"`
	} `json:"members"`
	Cases []row `json:"cases"`
}

// A row is one string the oracle ran.
type row struct {
	S       string `json:"s"`
	Len     int    `json:"len"`     // Unicode scalar values, [...s].length
	Pattern *bool  `json:"pattern"` // the model's pattern in RegExp; null when the shape has none
	Rule    bool   `json:"rule"`    // length trait AND pattern
	Kind    string `json:"kind"`    // boundary, edge or random
	Note    string `json:"note"`
}

func (g *golden) min() int {
	if g.Length == nil || g.Length.Min == nil {
		return 0
	}
	return *g.Length.Min
}

func (g *golden) max() int {
	if g.Length == nil || g.Length.Max == nil {
		return 0
	}
	return *g.Length.Max
}

var goldenCache = sync.OnceValues(readGoldens)

func readGoldens() (map[string]*golden, error) {
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no goldens in %s: run go test ./internal/oracle -update", goldenDir)
	}
	out := make(map[string]*golden)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		g := &golden{file: filepath.Base(f)}
		if err := json.Unmarshal(b, g); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		if prev, ok := out[g.Shape]; ok {
			return nil, fmt.Errorf("%s and %s both hold shape %s", prev.file, g.file, g.Shape)
		}
		out[g.Shape] = g
	}
	return out, nil
}

func goldens(t testing.TB) map[string]*golden {
	t.Helper()
	gs, err := goldenCache()
	if err != nil {
		t.Fatal(err)
	}
	return gs
}

// A coveredRule is one member's rule and the model shape it is held to.
type coveredRule struct {
	name  string // op.Member
	rule  validate.Rule
	shape string
}

// shapes maps every input member the oracle holds to its model shape. Every
// member of every operation with a pattern or a length must be here
// (TestOracleCoversEveryRule).
var shapes = map[string]string{
	"SendSSHPublicKey.InstanceId":                "com.amazonaws.ec2instanceconnect#InstanceId",
	"SendSSHPublicKey.InstanceOSUser":            shapeOSUser,
	"SendSSHPublicKey.SSHPublicKey":              "com.amazonaws.ec2instanceconnect#SSHPublicKey",
	"SendSSHPublicKey.AvailabilityZone":          "com.amazonaws.ec2instanceconnect#AvailabilityZone",
	"SendSerialConsoleSSHPublicKey.InstanceId":   "com.amazonaws.ec2instanceconnect#InstanceId",
	"SendSerialConsoleSSHPublicKey.SSHPublicKey": "com.amazonaws.ec2instanceconnect#SSHPublicKey",
	"UploadSSHPublicKey.UserName":                "com.amazonaws.iam#userNameType",
	"UploadSSHPublicKey.SSHPublicKeyBody":        "com.amazonaws.iam#publicKeyMaterialType",
	"GetSSHPublicKey.UserName":                   "com.amazonaws.iam#userNameType",
	"GetSSHPublicKey.SSHPublicKeyId":             "com.amazonaws.iam#publicKeyIdType",
	"UpdateSSHPublicKey.UserName":                "com.amazonaws.iam#userNameType",
	"UpdateSSHPublicKey.SSHPublicKeyId":          "com.amazonaws.iam#publicKeyIdType",
	"DeleteSSHPublicKey.UserName":                "com.amazonaws.iam#userNameType",
	"DeleteSSHPublicKey.SSHPublicKeyId":          "com.amazonaws.iam#publicKeyIdType",
	"ListSSHPublicKeys.UserName":                 "com.amazonaws.iam#userNameType",
	"ListSSHPublicKeys.Marker":                   "com.amazonaws.iam#markerType",

	// Transfer Family and Lightsail: botocore models, whose unanchored
	// patterns gen.js runs against the whole value (the goldens say
	// "anchored": true), as AWS applies them.
	"ImportSshPublicKey.ServerId":         "com.amazonaws.transfer#ServerId",
	"ImportSshPublicKey.UserName":         "com.amazonaws.transfer#UserName",
	"ImportSshPublicKey.SshPublicKeyBody": "com.amazonaws.transfer#SshPublicKeyBody",
	"DeleteSshPublicKey.ServerId":         "com.amazonaws.transfer#ServerId",
	"DeleteSshPublicKey.UserName":         "com.amazonaws.transfer#UserName",
	"DeleteSshPublicKey.SshPublicKeyId":   "com.amazonaws.transfer#SshPublicKeyId",
	"CreateUser.Role":                     "com.amazonaws.transfer#Role",
	"CreateUser.ServerId":                 "com.amazonaws.transfer#ServerId",
	"CreateUser.UserName":                 "com.amazonaws.transfer#UserName",
	"CreateUser.SshPublicKeyBody":         "com.amazonaws.transfer#SshPublicKeyBody",
	"DescribeUser.ServerId":               "com.amazonaws.transfer#ServerId",
	"DescribeUser.UserName":               "com.amazonaws.transfer#UserName",
	"ListUsers.ServerId":                  "com.amazonaws.transfer#ServerId",
	"ImportKeyPair.KeyPairName":           "com.amazonaws.lightsail#ResourceName",
	"CreateKeyPair.KeyPairName":           "com.amazonaws.lightsail#ResourceName",
	"GetKeyPair.KeyPairName":              "com.amazonaws.lightsail#ResourceName",
	"DeleteKeyPair.KeyPairName":           "com.amazonaws.lightsail#ResourceName",
}

// noModelRule lists the rules whose pattern or length is keyvet's decision,
// not a model's (EC2's key pair members: the ec2 model has no pattern or
// length on them, docs/AWS-FACTS.md): no model shape to hold them to, so
// no golden. validate's own tests hold them (TestEC2Rules).
var noModelRule = map[string]bool{
	"ec2:ImportKeyPair.KeyName":      true,
	"ec2:CreateKeyPair.KeyName":      true,
	"ec2:DescribeKeyPairs.KeyName":   true,
	"ec2:DescribeKeyPairs.KeyPairId": true,
	"ec2:DescribeKeyPairs.Name":      true,
	"ec2:DeleteKeyPair.KeyName":      true,
	"ec2:DeleteKeyPair.KeyPairId":    true,
}

// covered returns every input member's rule that shapes names, looked up
// with validate.RuleFor.
func covered(t testing.TB) []coveredRule {
	t.Helper()
	var out []coveredRule
	for _, op := range validate.Ops() {
		for _, r := range validate.Rules(op) {
			name := op.Name() + "." + r.Member()
			if shape, ok := shapes[name]; ok {
				out = append(out, coveredRule{name, r, shape})
			}
		}
	}
	if len(out) != len(shapes) {
		t.Fatalf("validate.Rules finds %d of the %d members of shapes", len(out), len(shapes))
	}
	return out
}

// fingerprintRE is the model's pattern of publicKeyFingerprintType, the
// Fingerprint of IAM's SSHPublicKey output, compiled here from the model's
// text, so that the oracle also holds RE2's reading of the pattern text
// itself. TestFingerprintShape holds the output rule to the same rows.
var fingerprintRE = regexp.MustCompile(`^[:\w]+$`)

// expectedErr is the sentinel Check must wrap first for a present value the
// oracle refuses, in AWS's order: length, pattern.
func expectedErr(g *golden, r row) error {
	switch {
	case g.min() > 0 && r.Len < g.min():
		return keyerrors.ErrTooShort
	case g.max() > 0 && r.Len > g.max():
		return keyerrors.ErrTooLong
	}
	return keyerrors.ErrPattern
}

// mismatches collects a test's disagreements and reports the first few of
// each kind in full, with the string quoted, and the count of the rest.
type mismatches struct {
	t     *testing.T
	count map[string]int
}

func (m *mismatches) add(kind string, format string, args ...any) {
	m.t.Helper()
	if m.count == nil {
		m.count = map[string]int{}
	}
	m.count[kind]++
	if m.count[kind] <= 10 {
		m.t.Errorf(kind+": "+format, args...)
	}
}

func (m *mismatches) done() {
	m.t.Helper()
	for kind, n := range m.count {
		if n > 10 {
			m.t.Errorf("%s: %d disagreements in all (first 10 shown)", kind, n)
		}
	}
}

func TestRulesAgreeWithOracle(t *testing.T) {
	gs := goldens(t)
	for _, c := range covered(t) {
		t.Run(c.name, func(t *testing.T) {
			g, ok := gs[c.shape]
			if !ok {
				t.Fatalf("no golden for %s", c.shape)
			}
			var m mismatches
			m.t = t
			for _, r := range g.Cases {
				if !utf8.ValidString(r.S) {
					t.Fatalf("golden %s holds invalid UTF-8 %q (a lone surrogate?)", g.file, r.S)
				}
				if n := utf8.RuneCountInString(r.S); n != r.Len {
					m.add("length", "%q (%s): oracle counts %d scalar values, utf8.RuneCountInString %d", r.S, r.Note, r.Len, n)
				}

				// The model's pattern, with its meaning: MatchPattern.
				want := true // no pattern: every valid string
				if r.Pattern != nil {
					want = *r.Pattern
				}
				if got := c.rule.MatchPattern(r.S); got != want {
					m.add("MatchPattern", "%q (%s, %d chars): MatchPattern = %v, the model's pattern in ECMA 262 says %v",
						r.S, r.Note, r.Len, got, want)
				}
				// The RE2 rewrite itself, which callers use and the
				// matcher (MatchPattern) is held to.
				if re := c.rule.Regexp(); re != nil {
					if got := re.MatchString(r.S); got != want {
						m.add("Regexp (RE2)", "%q (%s, %d chars): %.60s... = %v, the model's %s in ECMA 262 says %v",
							r.S, r.Note, r.Len, re, got, c.rule.Pattern(), want)
					}
				}

				// The whole rule: Check, of a present value (an empty
				// string included: AWS checks a present "" against
				// the length and the pattern).
				wantOK := r.Rule
				err := c.rule.Check(r.S)
				switch {
				case wantOK && err != nil:
					m.add("Check", "%q (%s, %d chars): Check = %v, the model accepts it", r.S, r.Note, r.Len, err)
				case !wantOK && err == nil:
					m.add("Check", "%q (%s, %d chars): Check = nil, the model refuses it", r.S, r.Note, r.Len)
				case !wantOK:
					var fe *keyerrors.FieldError
					if !errors.As(err, &fe) {
						m.add("Check error type", "%q: Check = %T, want *keyerrors.FieldError", r.S, err)
					}
					if want := expectedErr(g, r); !errors.Is(err, want) {
						m.add("Check sentinel", "%q (%s, %d chars): Check = %v, want it to wrap %v",
							r.S, r.Note, r.Len, err, want)
					}
				}
			}
			m.done()
		})
	}
}

// TestFingerprintShape holds the output shape publicKeyFingerprintType to the
// oracle's pattern results. keyvet does not enforce the model's length 48
// (IAM's own fingerprints have 47 characters; see docs/AWS-FACTS.md), so only the
// pattern is compared, and the IAM sample must pass.
func TestFingerprintShape(t *testing.T) {
	g, ok := goldens(t)[shapeFingerprint]
	if !ok {
		t.Fatalf("no golden for %s", shapeFingerprint)
	}
	if g.Pattern == nil || *g.Pattern != fingerprintRE.String() {
		t.Fatalf("model pattern of %s is %v, the test compiles %s", shapeFingerprint, g.Pattern, fingerprintRE)
	}
	fp, ok := validate.OutputRuleFor("SSHPublicKey", "Fingerprint")
	if !ok {
		t.Fatal(`OutputRuleFor("SSHPublicKey", "Fingerprint"): no rule`)
	}
	if *g.Pattern != fp.Pattern() {
		t.Errorf("the Fingerprint rule's Pattern = %s, the model says %s", fp.Pattern(), *g.Pattern)
	}
	var m mismatches
	m.t = t
	for _, r := range g.Cases {
		if r.Pattern == nil {
			t.Fatalf("%q: golden has no pattern result", r.S)
		}
		if n := utf8.RuneCountInString(r.S); n != r.Len {
			m.add("length", "%q: oracle counts %d scalar values, utf8.RuneCountInString %d", r.S, r.Len, n)
		}
		if got := fingerprintRE.MatchString(r.S); got != *r.Pattern {
			m.add("regexp", "%q (%s): RE2 %s = %v, ECMA 262 says %v", r.S, r.Note, fingerprintRE, got, *r.Pattern)
		}
		if got := fp.MatchPattern(r.S); got != *r.Pattern {
			m.add("Fingerprint MatchPattern", "%q (%s): %v, ECMA 262 says %v", r.S, r.Note, got, *r.Pattern)
		}
		if got := fp.Regexp().MatchString(r.S); got != *r.Pattern {
			m.add("Fingerprint Regexp", "%q (%s): %v, ECMA 262 says %v", r.S, r.Note, got, *r.Pattern)
		}
	}
	m.done()
	const sample = "7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51" // IAM API Reference, 47 chars
	if err := fp.Check(sample); err != nil {
		t.Errorf("the Fingerprint rule's Check(%q) = %v, want nil (length 48 is not enforced)", sample, err)
	}
}

// TestInstanceOSUserLookahead shows that the goldens test what the RE2
// rewrite of InstanceOSUser must keep: strings of more than 32 characters
// that branch 2 matches without its lookahead (?=.{2,32}$), which the
// model's pattern refuses and TestRulesAgreeWithOracle holds the Regexp and
// the matcher to.
func TestInstanceOSUserLookahead(t *testing.T) {
	g := goldens(t)[shapeOSUser]
	if g == nil {
		t.Fatal("no golden for InstanceOSUser")
	}
	noLookahead := regexp.MustCompile(`^[0-9]{1,32}[A-Za-z\@\._-][A-Za-z0-9\@\._-]*[A-Za-z0-9\$_-]?$`)
	only := 0
	for _, r := range g.Cases {
		if noLookahead.MatchString(r.S) && !*r.Pattern {
			if r.Len <= 32 {
				t.Errorf("%q (%d chars): branch 2 without the lookahead matches, the model refuses: only strings over 32 may", r.S, r.Len)
			}
			only++
		}
	}
	if only < 5 {
		t.Errorf("goldens hold %d strings that only the lookahead-free branch 2 matches, want at least 5", only)
	}
}

// TestOracleCoversEveryRule fails when a rule with a pattern or a length has
// no oracle, when a golden has no rule, or when a rule's transcription of the
// model (pattern text, lengths, member, required) differs from the model.
func TestOracleCoversEveryRule(t *testing.T) {
	gs := goldens(t)
	for _, op := range validate.Ops() {
		for _, r := range validate.Rules(op) {
			if r.Pattern() == "" && r.MinLen() == 0 && r.MaxLen() == 0 {
				continue // enum-only rules: nothing for a regexp oracle
			}
			if noModelRule[op.String()+"."+r.Member()] {
				continue
			}
			if _, ok := shapes[op.Name()+"."+r.Member()]; !ok {
				t.Errorf("rule %s.%s (%s) has a pattern or length but no oracle: add it to shapes and, if its shape is new, to gen.js",
					op.Name(), r.Member(), r.Pattern())
			}
		}
	}
	usedShapes := map[string]bool{shapeFingerprint: true}
	for _, c := range covered(t) {
		usedShapes[c.shape] = true
		g, ok := gs[c.shape]
		if !ok {
			t.Errorf("%s: no golden for %s", c.name, c.shape)
			continue
		}
		wantPattern := ""
		if g.Pattern != nil {
			wantPattern = *g.Pattern
		}
		if c.rule.Pattern() != wantPattern {
			t.Errorf("%s Pattern() = %q, the model's %s says %q", c.name, c.rule.Pattern(), c.shape, wantPattern)
		}
		if c.rule.MinLen() != g.min() || c.rule.MaxLen() != g.max() {
			t.Errorf("%s length %d..%d, the model says %d..%d", c.name, c.rule.MinLen(), c.rule.MaxLen(), g.min(), g.max())
		}
		if (c.rule.Regexp() == nil) != (g.Pattern == nil) {
			t.Errorf("%s: Regexp set = %v, model has a pattern = %v", c.name, c.rule.Regexp() != nil, g.Pattern != nil)
		}
		found := false
		for _, m := range g.Members {
			// Lightsail's wire names start lower-case (keyPairName); the
			// rules use the SDK's field names.
			_, name, _ := strings.Cut(m.Member, "$")
			if strings.EqualFold(name, c.rule.Member()) && m.Required == c.rule.Required() {
				found = true
			}
		}
		if !found {
			t.Errorf("%s (member %s, required %v): no member of the model targeting %s has that name and required trait: %+v",
				c.name, c.rule.Member(), c.rule.Required(), c.shape, g.Members)
		}
	}
	for shape := range gs {
		if !usedShapes[shape] {
			t.Errorf("golden for %s has no rule: add the rule to covered", shape)
		}
	}
}

// TestGoldensMatchModels fails when the goldens are stale: every constrained
// string shape of testdata/aws-models has a golden made from the same model
// bytes, with the same pattern and length.
func TestGoldensMatchModels(t *testing.T) {
	gs := goldens(t)
	seen := map[string]bool{}
	for _, file := range []string{"ec2-instance-connect.json", "iam-ssh-public-key.json"} {
		b, err := os.ReadFile(filepath.Join(modelsDir, file))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		var model struct {
			Shapes map[string]struct {
				Type   string                     `json:"type"`
				Traits map[string]json.RawMessage `json:"traits"`
			} `json:"shapes"`
		}
		if err := json.Unmarshal(b, &model); err != nil {
			t.Fatal(err)
		}
		for id, sh := range model.Shapes {
			p, hasP := sh.Traits["smithy.api#pattern"]
			l, hasL := sh.Traits["smithy.api#length"]
			if sh.Type != "string" || (!hasP && !hasL) {
				continue
			}
			seen[id] = true
			g, ok := gs[id]
			if !ok {
				t.Errorf("%s: shape %s has no golden: run go test ./internal/oracle -update", file, id)
				continue
			}
			if g.Model != "testdata/aws-models/"+file || g.ModelSHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("%s was made from %s (sha256 %s), the model is now sha256 %x: run -update",
					g.file, g.Model, g.ModelSHA256, sum)
			}
			if g.Generator != "internal/oracle/gen.js" || g.Node == "" || g.Provenance == "" {
				t.Errorf("%s: header lacks generator, node or provenance", g.file)
			}
			var pattern *string
			if hasP {
				if err := json.Unmarshal(p, &pattern); err != nil {
					t.Fatal(err)
				}
			}
			if (pattern == nil) != (g.Pattern == nil) || (pattern != nil && *pattern != *g.Pattern) {
				t.Errorf("%s: golden pattern %v, model pattern %s", g.file, g.Pattern, p)
			}
			if hasL {
				var lt struct{ Min, Max *int }
				if err := json.Unmarshal(l, &lt); err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(deref(lt.Min), deref(lt.Max)) != fmt.Sprint(g.min(), g.max()) {
					t.Errorf("%s: golden length %d..%d, model %s", g.file, g.min(), g.max(), l)
				}
			}
		}
	}
	for id, c := range botocoreConstraints(t) {
		seen[id] = true
		g, ok := gs[id]
		if !ok {
			t.Errorf("%s: shape %s has no golden: run go test ./internal/oracle -update", c.file, id)
			continue
		}
		if g.Model != "testdata/aws-models/"+c.file || g.ModelSHA256 != c.sha {
			t.Errorf("%s was made from %s (sha256 %s), the model is now sha256 %s: run -update", g.file, g.Model, g.ModelSHA256, c.sha)
		}
		if !g.Anchored {
			t.Errorf("%s: a botocore pattern must be run against the whole value (anchored)", g.file)
		}
		if (c.Pattern == nil) != (g.Pattern == nil) || (c.Pattern != nil && *c.Pattern != *g.Pattern) {
			t.Errorf("%s: golden pattern %v, model pattern %v", g.file, g.Pattern, c.Pattern)
		}
		if deref(c.Min) != g.min() || deref(c.Max) != g.max() {
			t.Errorf("%s: golden length %d..%d, model %d..%d", g.file, g.min(), g.max(), deref(c.Min), deref(c.Max))
		}
	}
	for shape, g := range gs {
		if !seen[shape] {
			t.Errorf("%s holds shape %s, which the models do not constrain", g.file, shape)
		}
	}
}

// A botocoreString is a string shape of a botocore model, as gen.js reads it.
type botocoreString struct {
	file, sha string
	Type      string  `json:"type"`
	Pattern   *string `json:"pattern"`
	Min       *int    `json:"min"`
	Max       *int    `json:"max"`
}

// botocoreConstraints returns the string shapes with a pattern or a length
// that an operation's input of the botocore models (Transfer Family,
// Lightsail) targets, by gen.js's ids (com.amazonaws.<endpointPrefix>#Name).
func botocoreConstraints(t *testing.T) map[string]botocoreString {
	t.Helper()
	out := map[string]botocoreString{}
	for _, file := range []string{"transfer-ssh-keys.json", "lightsail-key-pairs.json"} {
		b, err := os.ReadFile(filepath.Join(modelsDir, file))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		var model struct {
			Metadata   struct{ EndpointPrefix string } `json:"metadata"`
			Operations map[string]struct {
				Input struct{ Shape string } `json:"input"`
			} `json:"operations"`
			Shapes map[string]json.RawMessage `json:"shapes"`
		}
		if err := json.Unmarshal(b, &model); err != nil {
			t.Fatal(err)
		}
		for _, op := range model.Operations {
			var in struct {
				Members map[string]struct{ Shape string } `json:"members"`
			}
			if err := json.Unmarshal(model.Shapes[op.Input.Shape], &in); err != nil {
				t.Fatal(err)
			}
			for _, m := range in.Members {
				var sh botocoreString
				if err := json.Unmarshal(model.Shapes[m.Shape], &sh); err != nil {
					t.Fatal(err)
				}
				if sh.Type != "string" || sh.Pattern == nil && sh.Min == nil && sh.Max == nil {
					continue
				}
				sh.file, sh.sha = file, hex.EncodeToString(sum[:])
				out["com.amazonaws."+model.Metadata.EndpointPrefix+"#"+m.Shape] = sh
			}
		}
	}
	return out
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// TestGoldensExercise guards the generator: every golden holds the length
// boundaries min-1, min, max, max+1, strings the pattern matches and refuses,
// and strings the rule accepts and refuses, with multi-byte characters.
func TestGoldensExercise(t *testing.T) {
	shapes := make([]string, 0)
	gs := goldens(t)
	for s := range gs {
		shapes = append(shapes, s)
	}
	sort.Strings(shapes)
	for _, shape := range shapes {
		g := gs[shape]
		lens := map[int]bool{}
		var match, nomatch, accept, refuse, multibyte, random int
		for _, r := range g.Cases {
			lens[r.Len] = true
			if r.Pattern != nil && *r.Pattern {
				match++
			} else if r.Pattern != nil {
				nomatch++
			}
			if r.Rule {
				accept++
			} else {
				refuse++
			}
			if len(r.S) > r.Len {
				multibyte++
			}
			if r.Kind == "random" {
				random++
			}
		}
		want := []int{0}
		if g.min() > 0 {
			want = append(want, g.min()-1, g.min())
		}
		if g.max() > 0 {
			want = append(want, g.max(), g.max()+1)
		}
		for _, n := range want {
			if !lens[n] {
				t.Errorf("%s: no string of length %d", g.file, n)
			}
		}
		if g.Pattern != nil && (match == 0 || nomatch == 0) {
			t.Errorf("%s: %d strings match the pattern and %d do not; want both", g.file, match, nomatch)
		}
		if accept == 0 || refuse == 0 || multibyte == 0 || random < 100 {
			t.Errorf("%s: %d accepted, %d refused, %d multi-byte, %d random strings", g.file, accept, refuse, multibyte, random)
		}
	}
}
