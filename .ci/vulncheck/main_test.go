package main

import (
	"bytes"
	"strings"
	"testing"
)

// Messages shaped as govulncheck -format json writes them (protocol v1),
// cut down to the fields decode reads.
const (
	cfgSymbol  = `{"config":{"protocol_version":"v1.0.0","scanner_name":"govulncheck","scanner_version":"v1.9.0","db":"file:///db","go_version":"go1.26.8","scan_level":"symbol"}}`
	cfgPackage = `{"config":{"protocol_version":"v1.0.0","scan_level":"package"}}`
	cfgV2      = `{"config":{"protocol_version":"v2.0.0","scan_level":"symbol"}}`
	progress   = `{"progress":{"message":"Fetching vulnerabilities from the database..."}}`

	osvCrypto = `{"osv":{"id":"GO-0000-0001","summary":"a bug in x/crypto/ssh"}}`
	osvStd    = `{"osv":{"id":"GO-0000-0002","summary":"a bug in net/http"}}`

	cryptoModule  = `{"finding":{"osv":"GO-0000-0001","fixed_version":"v0.56.0","trace":[{"module":"golang.org/x/crypto","version":"v0.55.0"}]}}`
	cryptoPackage = `{"finding":{"osv":"GO-0000-0001","fixed_version":"v0.56.0","trace":[{"module":"golang.org/x/crypto","version":"v0.55.0","package":"golang.org/x/crypto/ssh"}]}}`
	cryptoSymbol  = `{"finding":{"osv":"GO-0000-0001","fixed_version":"v0.56.0","trace":[` +
		`{"module":"golang.org/x/crypto","version":"v0.55.0","package":"golang.org/x/crypto/ssh","function":"NewServerConn"},` +
		`{"module":"example.com/m","package":"example.com/m","function":"main","position":{"filename":"main.go","line":11}}]}}`
	stdPackage = `{"finding":{"osv":"GO-0000-0002","fixed_version":"v1.26.9","trace":[{"module":"stdlib","version":"v1.26.8","package":"net/http"}]}}`
	stdSymbol  = `{"finding":{"osv":"GO-0000-0002","fixed_version":"v1.26.9","trace":[` +
		`{"module":"stdlib","version":"v1.26.8","package":"net/http","function":"ServeHTTP","receiver":"*Server"},` +
		`{"module":"example.com/m","package":"example.com/m","function":"main"}]}}`
	// One advisory can name the standard library and a module both; a call
	// into the standard library's copy must not pass for the module's.
	osvBoth         = `{"osv":{"id":"GO-0000-0003","summary":"in both"}}`
	bothStdSymbol   = `{"finding":{"osv":"GO-0000-0003","fixed_version":"v1.26.9","trace":[{"module":"stdlib","version":"v1.26.8","package":"crypto/tls","function":"Dial"},{"module":"example.com/m","function":"main"}]}}`
	bothNetPackage  = `{"finding":{"osv":"GO-0000-0003","fixed_version":"v0.9.0","trace":[{"module":"golang.org/x/net","version":"v0.8.0","package":"golang.org/x/net/http2"}]}}`
	emptyTrace      = `{"finding":{"osv":"GO-0000-0001","trace":[]}}`
	traceNoModule   = `{"finding":{"osv":"GO-0000-0001","trace":[{"package":"p","function":"f"}]}}`
	findingNoOSVKey = `{"finding":{"trace":[{"module":"golang.org/x/crypto","function":"f"}]}}`
)

func stream(msgs ...string) string { return strings.Join(msgs, "\n") }

func TestDecide(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		wantErr    string // a part of the error, "" for none
		failing    []string
		stdlib     []string
		notReached []string
	}{
		{name: "no findings", in: stream(cfgSymbol, progress, osvCrypto)},
		{
			name:       "required module, only required",
			in:         stream(cfgSymbol, osvCrypto, cryptoModule),
			notReached: []string{"GO-0000-0001"},
		},
		{
			name:       "required module, imported, not called",
			in:         stream(cfgSymbol, osvCrypto, cryptoModule, cryptoPackage),
			notReached: []string{"GO-0000-0001"},
		},
		{
			name:    "required module, called",
			in:      stream(cfgSymbol, osvCrypto, cryptoModule, cryptoPackage, cryptoSymbol),
			failing: []string{"GO-0000-0001"},
		},
		{
			name:    "symbol finding first",
			in:      stream(cfgSymbol, cryptoSymbol, cryptoModule, osvCrypto),
			failing: []string{"GO-0000-0001"},
		},
		{
			name:   "standard library, called",
			in:     stream(cfgSymbol, osvStd, stdPackage, stdSymbol),
			stdlib: []string{"GO-0000-0002"},
		},
		{
			name:       "standard library imported, module called",
			in:         stream(cfgSymbol, osvStd, osvCrypto, stdPackage, cryptoSymbol),
			failing:    []string{"GO-0000-0001"},
			notReached: []string{"GO-0000-0002"},
		},
		{
			name:       "one advisory, standard library called, module imported",
			in:         stream(cfgSymbol, osvBoth, bothStdSymbol, bothNetPackage),
			stdlib:     []string{"GO-0000-0003"},
			notReached: []string{"GO-0000-0003"},
		},
		{name: "empty input", in: "", wantErr: "no config"},
		{name: "findings without config", in: stream(cryptoSymbol), wantErr: "no config"},
		{name: "package-level scan", in: stream(cfgPackage, cryptoPackage), wantErr: "scan level"},
		{name: "other protocol", in: stream(cfgV2, cryptoPackage), wantErr: "protocol"},
		{name: "cut off", in: cfgSymbol + "\n" + cryptoSymbol[:40], wantErr: "reading"},
		{name: "empty trace", in: stream(cfgSymbol, emptyTrace), wantErr: "without"},
		{name: "trace without module", in: stream(cfgSymbol, traceNoModule), wantErr: "without"},
		{name: "finding without advisory", in: stream(cfgSymbol, findingNoOSVKey), wantErr: "without"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := decode(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("decode: error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			failing, stdlib, notReached := decide(s)
			check := func(what string, got []vuln, want []string) {
				t.Helper()
				var ids []string
				for _, v := range got {
					ids = append(ids, v.ID)
				}
				if strings.Join(ids, ",") != strings.Join(want, ",") {
					t.Errorf("%s = %v, want %v", what, ids, want)
				}
			}
			check("failing", failing, tt.failing)
			check("stdlib", stdlib, tt.stdlib)
			check("not reached", notReached, tt.notReached)
		})
	}
}

func TestReport(t *testing.T) {
	s, err := decode(strings.NewReader(stream(cfgSymbol, osvCrypto, osvStd, cryptoPackage, cryptoSymbol, stdSymbol)))
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if !report(&stdout, &stderr, "examples/x", s) {
		t.Fatal("report passed a called x/crypto vulnerability")
	}
	for _, want := range []string{
		"module examples/x calls 1 vulnerabilities in required modules",
		"GO-0000-0001  golang.org/x/crypto@v0.55.0, fixed in v0.56.0: a bug in x/crypto/ssh",
		"calls golang.org/x/crypto/ssh.NewServerConn from example.com/m.main (main.go:11)",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	for _, want := range []string{
		"1 standard library vulnerabilities called",
		"GO-0000-0002  net/http@go1.26.8, fixed in go1.26.9: a bug in net/http",
		"calls net/http.Server.ServeHTTP from example.com/m.main",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}

	s, err = decode(strings.NewReader(stream(cfgSymbol, osvStd, stdSymbol, cryptoPackage)))
	if err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if report(&stdout, &stderr, ".", s) {
		t.Fatalf("report failed on a standard library call and an imported module:\n%s", stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr on a pass: %s", stderr.String())
	}
}
