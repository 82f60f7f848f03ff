package errors

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// modelError is what a model says of one error shape.
type modelError struct {
	code   string // the code on the wire
	fault  Fault
	status int
}

// modelErrors reads the error shapes of a trimmed model in
// ../testdata/aws-models: the wire code is the shape name under awsJson1.1
// and the awsQueryError code under awsQuery.
func modelErrors(t *testing.T, file string) []modelError {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "aws-models", file))
	if err != nil {
		t.Fatal(err)
	}
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

// TestAPIErrorTable holds every sentinel to what the models say, except
// where modelDivergences says otherwise and why; and every divergence to a
// sentinel, so the list stays true.
func TestAPIErrorTable(t *testing.T) {
	div := map[string]divergence{}
	for _, d := range modelDivergences {
		if d.source == "" {
			t.Errorf("%s %s: a divergence without its source", d.service, d.code)
		}
		if _, ok := Lookup(d.service, d.code); !ok {
			t.Errorf("%s %s: a divergence of no sentinel", d.service, d.code)
		}
		div[d.service+" "+d.code] = d
	}
	inModel := map[string]bool{}
	for service, file := range map[string]string{
		ServiceEC2InstanceConnect: "ec2-instance-connect.json",
		ServiceIAM:                "iam-ssh-public-key.json",
	} {
		errs := modelErrors(t, file)
		if len(errs) == 0 {
			t.Fatalf("%s: no error shapes in the model", file)
		}
		for _, m := range errs {
			key := service + " " + m.code
			inModel[key] = true
			e, ok := Lookup(service, m.code)
			if !ok {
				t.Errorf("%s: the model's %s has no sentinel", service, m.code)
				continue
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
		if !inModel[key] && !div[key].common {
			t.Errorf("%s: a sentinel neither in its model nor listed as a common error", key)
		}
		if d, ok := div[key]; ok && d.common && e.Retryable() != d.retryable {
			t.Errorf("%s: retryable=%v, modelDivergences says %v", key, e.Retryable(), d.retryable)
		}
	}
}
