package errors

import (
	"bufio"
	"encoding/json"
	stderrors "errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// modelError is what a model says of one error shape.
type modelError struct {
	code   string // the code on the wire
	fault  Fault
	status int // 0 when the model gives none (botocore without an error trait)
}

// modelFiles names the trimmed model of each service in
// ../testdata/aws-models.
var modelFiles = map[string]string{
	ServiceEC2InstanceConnect: "ec2-instance-connect.json",
	ServiceIAM:                "iam-ssh-public-key.json",
	ServiceEC2:                "ec2-key-pairs.json",
	ServiceTransfer:           "transfer-ssh-keys.json",
	ServiceLightsail:          "lightsail-key-pairs.json",
}

// smithyServices are the services whose models are Smithy JSON, held to
// modelDivergences; the others' models are botocore JSON, held to
// errors-without-model.tsv.
var smithyServices = map[string]bool{ServiceEC2InstanceConnect: true, ServiceIAM: true}

// modelErrors reads the error shapes of a trimmed model in
// ../testdata/aws-models, Smithy JSON or botocore JSON.
func modelErrors(t *testing.T, file string) []modelError {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "aws-models", file))
	if err != nil {
		t.Fatal(err)
	}
	var top struct {
		Smithy string `json:"smithy"`
	}
	if err := json.Unmarshal(b, &top); err != nil {
		t.Fatal(err)
	}
	if top.Smithy == "" {
		return botocoreErrors(t, file, b)
	}
	return smithyErrors(t, b)
}

// botocoreErrors reads the error shapes of a botocore model: a shape with
// the exception trait is an error; its code is the shape name (what
// awsJson1.1 sends as __type, and the ec2 protocol's <Code>) unless its
// error trait gives another; it is a server fault when it has the fault
// trait or its error trait says senderFault false; the error trait's
// httpStatusCode is its status, 0 when it has none.
func botocoreErrors(t *testing.T, file string, b []byte) []modelError {
	t.Helper()
	var m struct {
		Metadata struct {
			Protocol string `json:"protocol"`
		} `json:"metadata"`
		Shapes map[string]struct {
			Exception bool `json:"exception"`
			Fault     bool `json:"fault"`
			Error     *struct {
				Code           string `json:"code"`
				HTTPStatusCode int    `json:"httpStatusCode"`
				SenderFault    *bool  `json:"senderFault"`
			} `json:"error"`
			Retryable json.RawMessage `json:"retryable"`
		} `json:"shapes"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Metadata.Protocol == "" || len(m.Shapes) == 0 {
		t.Fatalf("%s: neither a Smithy nor a botocore model", file)
	}
	var out []modelError
	for name, s := range m.Shapes {
		if !s.Exception {
			continue
		}
		if s.Retryable != nil {
			t.Fatalf("%s: the model says retryable now; decide again and update errors-without-model.tsv", name)
		}
		e := modelError{code: name, fault: FaultClient}
		if s.Fault {
			e.fault = FaultServer
		}
		if s.Error != nil {
			if s.Error.Code != "" {
				e.code = s.Error.Code
			}
			e.status = s.Error.HTTPStatusCode
			if s.Error.SenderFault != nil && !*s.Error.SenderFault {
				e.fault = FaultServer
			}
		}
		out = append(out, e)
	}
	return out
}

// smithyErrors reads the error shapes of a Smithy model: the wire code is
// the shape name under awsJson1.1 and the awsQueryError code under
// awsQuery.
func smithyErrors(t *testing.T, b []byte) []modelError {
	t.Helper()
	var m struct {
		Shapes map[string]struct {
			Type   string                     `json:"type"`
			Traits map[string]json.RawMessage `json:"traits"`
		} `json:"shapes"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	query := false
	for _, s := range m.Shapes {
		if s.Type == "service" {
			_, query = s.Traits["aws.protocols#awsQuery"]
		}
	}
	var out []modelError
	for name, s := range m.Shapes {
		raw, ok := s.Traits["smithy.api#error"]
		if !ok {
			continue
		}
		var fault string
		var status int
		var q struct{ Code string }
		if err := json.Unmarshal(raw, &fault); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(s.Traits["smithy.api#httpError"], &status); err != nil {
			t.Fatalf("%s: no httpError: %v", name, err)
		}
		if _, r := s.Traits["smithy.api#retryable"]; r {
			t.Fatalf("%s: the model says retryable now; decide again and update modelDivergences", name)
		}
		e := modelError{code: name[strings.IndexByte(name, '#')+1:], status: status, fault: FaultClient}
		if fault == "server" {
			e.fault = FaultServer
		}
		if query {
			if err := json.Unmarshal(s.Traits["aws.protocols#awsQueryError"], &q); err != nil || q.Code == "" {
				t.Fatalf("%s: no awsQueryError code: %v", name, err)
			}
			e.code = q.Code
		}
		out = append(out, e)
	}
	return out
}

// withoutModel is a row of testdata/aws-models/errors-without-model.tsv:
// what keyvet says of a code of the next round's services where the model is
// silent, and why.
type withoutModel struct {
	service, code string
	status        int
	fault         Fault
	retryable     bool
	model         string // silent, absent or differs
	source        string
}

// readWithoutModel reads testdata/aws-models/errors-without-model.tsv.
func readWithoutModel(t *testing.T) []withoutModel {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "aws-models", "errors-without-model.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []withoutModel
	sc := bufio.NewScanner(f)
	header := true
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if header {
			if line != "service\tcode\tstatus\tfault\tretryable\tmodel\tsource" {
				t.Fatalf("line %d: header %q", n, line)
			}
			header = false
			continue
		}
		if len(c) != 7 {
			t.Fatalf("line %d: %d columns, want 7", n, len(c))
		}
		status, err := strconv.Atoi(c[2])
		if err != nil {
			t.Fatalf("line %d: status: %v", n, err)
		}
		r := withoutModel{service: c[0], code: c[1], status: status, model: c[5], source: c[6]}
		switch c[3] {
		case "client":
			r.fault = FaultClient
		case "server":
			r.fault = FaultServer
		default:
			t.Fatalf("line %d: fault %q", n, c[3])
		}
		switch c[4] {
		case "yes":
			r.retryable = true
		case "no":
		default:
			t.Fatalf("line %d: retryable %q", n, c[4])
		}
		switch r.model {
		case "silent", "absent", "differs":
		default:
			t.Fatalf("line %d: model %q", n, r.model)
		}
		if strings.TrimSpace(r.source) == "" {
			t.Errorf("line %d: %s %s without its source", n, r.service, r.code)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("errors-without-model.tsv has no rows")
	}
	return rows
}

// TestAPIErrorTable holds every sentinel to what the models say. For EC2
// Instance Connect and IAM (Smithy models) it holds them to the model except
// where modelDivergences says otherwise and why, and every divergence to a
// sentinel, so the list stays true. For EC2 key pairs, Transfer Family and
// Lightsail (botocore models) it holds the codes and faults to the model,
// and each sentinel to its row of errors-without-model.tsv, which gives what
// the model does not (statuses, the codes it does not list, every retry
// decision) with its source; and each row's claim about the model
// (silent, absent or differs) to the model itself.
func TestAPIErrorTable(t *testing.T) {
	div := map[string]divergence{}
	for _, d := range modelDivergences {
		if d.source == "" {
			t.Errorf("%s %s: a divergence without its source", d.service, d.code)
		}
		if _, ok := Lookup(d.service, d.code); !ok {
			t.Errorf("%s %s: a divergence of no sentinel", d.service, d.code)
		}
		if !smithyServices[d.service] {
			t.Errorf("%s %s: modelDivergences is for the Smithy models; put the row in errors-without-model.tsv", d.service, d.code)
		}
		div[d.service+" "+d.code] = d
	}
	rows := map[string]withoutModel{}
	for _, r := range readWithoutModel(t) {
		key := r.service + " " + r.code
		if _, dup := rows[key]; dup {
			t.Errorf("%s: two rows in errors-without-model.tsv", key)
		}
		if smithyServices[r.service] {
			t.Errorf("%s: a Smithy model's code belongs in modelDivergences", key)
		}
		rows[key] = r
		e, ok := Lookup(r.service, r.code)
		if !ok {
			t.Errorf("%s: a row of errors-without-model.tsv of no sentinel", key)
			continue
		}
		if e.HTTPStatusCode() != r.status || e.ErrorFault() != r.fault || e.Retryable() != r.retryable {
			t.Errorf("%s: keyvet %d %v retryable=%v; errors-without-model.tsv says %d %v retryable=%v (%s)",
				key, e.HTTPStatusCode(), e.ErrorFault(), e.Retryable(), r.status, r.fault, r.retryable, r.source)
		}
	}
	inModel := map[string]bool{}
	for service, file := range modelFiles {
		errs := modelErrors(t, file)
		if len(errs) == 0 && service != ServiceEC2 {
			t.Fatalf("%s: no error shapes in the model", file)
		}
		if service == ServiceEC2 && len(errs) != 0 {
			t.Errorf("%s: the model lists errors now (%d); hold EC2's sentinels to them", file, len(errs))
		}
		for _, m := range errs {
			key := service + " " + m.code
			inModel[key] = true
			e, ok := Lookup(service, m.code)
			if !ok {
				t.Errorf("%s: the model's %s has no sentinel", service, m.code)
				continue
			}
			if !smithyServices[service] {
				r, ok := rows[key]
				switch {
				case !ok:
					t.Errorf("%s: no row in errors-without-model.tsv (its retry decision, and its status where the model gives none)", key)
				case r.model == "absent":
					t.Errorf("%s: errors-without-model.tsv says the model does not list it, but it does", key)
				case r.model == "silent" && m.status != 0:
					t.Errorf("%s: errors-without-model.tsv says the model gives no status, but it gives %d", key, m.status)
				case r.model == "differs" && (m.status == 0 || m.status == r.status):
					t.Errorf("%s: errors-without-model.tsv says keyvet's %d differs from the model's status %d", key, r.status, m.status)
				}
				if e.ErrorFault() != m.fault {
					t.Errorf("%s: keyvet's fault %v, the model's %v", key, e.ErrorFault(), m.fault)
				}
				continue
			}
			if m.status == 0 {
				t.Fatalf("%s: no httpError in a Smithy model", key)
			}
			d := div[key]
			wantStatus := m.status
			if d.status != 0 {
				wantStatus = d.status
				if d.status == m.status {
					t.Errorf("%s: a divergence that is none (the model says %d too)", key, m.status)
				}
			}
			if e.HTTPStatusCode() != wantStatus || e.ErrorFault() != m.fault || e.Retryable() != d.retryable {
				t.Errorf("%s: keyvet %d %v retryable=%v; want %d %v retryable=%v (the model, then modelDivergences)",
					key, e.HTTPStatusCode(), e.ErrorFault(), e.Retryable(), wantStatus, m.fault, d.retryable)
			}
			if d.common {
				t.Errorf("%s: listed as a common error, but the model has it", key)
			}
		}
	}
	for _, e := range All() {
		key := e.Service() + " " + e.ErrorCode()
		if _, ok := modelFiles[e.Service()]; !ok {
			t.Errorf("%s: a sentinel of a service without a model in testdata/aws-models", key)
			continue
		}
		if !smithyServices[e.Service()] {
			r, ok := rows[key]
			if !ok {
				t.Errorf("%s: a sentinel without its row in errors-without-model.tsv", key)
			} else if !inModel[key] && r.model != "absent" {
				t.Errorf("%s: the model does not list it; errors-without-model.tsv must say absent, not %s", key, r.model)
			}
			continue
		}
		if !inModel[key] && !div[key].common {
			t.Errorf("%s: a sentinel neither in its model nor listed as a common error", key)
		}
		if d, ok := div[key]; ok && d.common && e.Retryable() != d.retryable {
			t.Errorf("%s: retryable=%v, modelDivergences says %v", key, e.Retryable(), d.retryable)
		}
	}
}

// TestEC2KeyFormatIsNotMotos pins that EC2's answer to a bad key is
// InvalidKey.Format (docs/AWS-FACTS.md, EC2 key pairs), not the
// InvalidKeyPair.Format that moto sends and EC2 documents but was never seen
// to send ("Peers get these wrong"): the two are distinct sentinels, and
// neither matches the other under errors.Is.
func TestEC2KeyFormatIsNotMotos(t *testing.T) {
	real, ok := Lookup(ServiceEC2, "InvalidKey.Format")
	if !ok || real != ErrEC2InvalidKeyFormat {
		t.Fatalf(`Lookup(ServiceEC2, "InvalidKey.Format") = %v, %v; want ErrEC2InvalidKeyFormat`, real, ok)
	}
	motos, ok := Lookup(ServiceEC2, "InvalidKeyPair.Format")
	if !ok || motos != ErrEC2KeyPairFormat {
		t.Fatalf(`Lookup(ServiceEC2, "InvalidKeyPair.Format") = %v, %v; want ErrEC2KeyPairFormat`, motos, ok)
	}
	if stderrors.Is(ErrEC2InvalidKeyFormat, ErrEC2KeyPairFormat) || stderrors.Is(ErrEC2KeyPairFormat.WithMessage("x"), ErrEC2InvalidKeyFormat) {
		t.Error("InvalidKey.Format and InvalidKeyPair.Format match each other")
	}
	if ErrEC2InvalidKeyFormat.ErrorMessage() != "Key is not in valid OpenSSH public key format" {
		t.Errorf("ErrEC2InvalidKeyFormat's message %q is not EC2's (docs/AWS-FACTS.md)", ErrEC2InvalidKeyFormat.ErrorMessage())
	}
	// Neither is EC2 Instance Connect's code, nor the other way round.
	if _, ok := Lookup(ServiceEC2InstanceConnect, "InvalidKey.Format"); ok {
		t.Error("an EC2 key-pair code found under ec2-instance-connect")
	}
	if _, ok := Lookup(ServiceEC2, "InvalidArgsException"); ok {
		t.Error("an EC2 Instance Connect code found under ec2")
	}
}
