// Command vulncheck decides CI's outcome from a govulncheck scan.
//
// It reads the JSON stream that `govulncheck -format json` writes (on
// standard input) and fails when a vulnerability is reached, that is when
// the scan found a call path from the module's code to a vulnerable symbol,
// in a required module. Findings in the standard library are printed with
// their IDs but do not fail: they belong to the Go toolchain that builds a
// program, not to this repository's go.mod. Findings that are only imported
// (package level) or only required (module level) are listed as not called.
//
//	go run ./.ci/vulncheck -module examples/awssdk <scan.json
//
// Exit status: 0 when nothing outside the standard library is reached, 1 when
// something is, 2 when the input is not a complete symbol-level scan (go run
// turns any failure into 1).
//
// It uses only the standard library, so the root go.mod needs nothing for
// it; the go command leaves it out of ./... since its directory starts with
// a dot, and CI vets and tests it by its path.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// stdlibModule is the module path govulncheck gives the standard library in
// its traces.
const stdlibModule = "stdlib"

// The part of govulncheck's JSON protocol (v1) that the decision needs. Each
// message of the stream holds one of these fields; others are ignored.
type message struct {
	Config  *config  `json:"config"`
	OSV     *osv     `json:"osv"`
	Finding *finding `json:"finding"`
}

type config struct {
	ProtocolVersion string `json:"protocol_version"`
	ScannerVersion  string `json:"scanner_version"`
	DB              string `json:"db"`
	GoVersion       string `json:"go_version"`
	ScanLevel       string `json:"scan_level"`
}

type osv struct {
	ID      string `json:"id"`
	Summary string `json:"summary"`
}

// A finding's trace runs from the vulnerable code (first frame) to the
// module's own code that reaches it (last frame). Its first frame names a
// function when the symbol is called, only a package when the package is
// imported, and only a module when the module is required.
type finding struct {
	OSV          string  `json:"osv"`
	FixedVersion string  `json:"fixed_version"`
	Trace        []frame `json:"trace"`
}

type frame struct {
	Module   string    `json:"module"`
	Version  string    `json:"version"`
	Package  string    `json:"package"`
	Function string    `json:"function"`
	Receiver string    `json:"receiver"`
	Position *position `json:"position"`
}

type position struct {
	Filename string `json:"filename"`
	Line     int    `json:"line"`
}

// vuln is one advisory in one module, its findings folded together.
type vuln struct {
	ID      string
	Module  string
	Version string
	Fixed   string
	Summary string
	Reached bool
	Package string // a vulnerable package the module imports, if any
	Symbol  string // the first vulnerable symbol found called, if any
	Caller  string // where the module's code reaches it
}

// scan is what one govulncheck run reported.
type scan struct {
	Config config
	Vulns  []vuln // sorted by module, then ID
}

// decode reads a govulncheck JSON stream and folds its findings per advisory
// and module. It refuses a stream that is not a symbol-level scan of protocol
// v1, since then "reached" cannot be told from "imported".
func decode(r io.Reader) (*scan, error) {
	dec := json.NewDecoder(r)
	var cfg *config
	summaries := map[string]string{}
	type key struct{ id, module string }
	byKey := map[key]*vuln{}
	for {
		var m message
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading govulncheck JSON: %w", err)
		}
		switch {
		case m.Config != nil:
			cfg = m.Config
		case m.OSV != nil:
			summaries[m.OSV.ID] = m.OSV.Summary
		case m.Finding != nil:
			f := m.Finding
			if f.OSV == "" || len(f.Trace) == 0 || f.Trace[0].Module == "" {
				return nil, fmt.Errorf("finding without an advisory ID or a module: %+v", *f)
			}
			top := f.Trace[0]
			k := key{f.OSV, top.Module}
			v := byKey[k]
			if v == nil {
				v = &vuln{ID: f.OSV, Module: top.Module, Version: top.Version, Fixed: f.FixedVersion}
				byKey[k] = v
			}
			if top.Package != "" && v.Package == "" {
				v.Package = top.Package
			}
			if top.Function != "" {
				// govulncheck's order of findings varies from run to run:
				// the first symbol and caller in sort order is shown.
				sym, call := symbol(top), ""
				if len(f.Trace) > 1 {
					call = caller(f.Trace[len(f.Trace)-1])
				}
				if !v.Reached || sym < v.Symbol || sym == v.Symbol && call < v.Caller {
					v.Reached, v.Symbol, v.Caller = true, sym, call
				}
			}
		}
	}
	if cfg == nil {
		return nil, errors.New("no config message: the input is not govulncheck -format json output (did the scan run?)")
	}
	if !strings.HasPrefix(cfg.ProtocolVersion, "v1.") {
		return nil, fmt.Errorf("govulncheck JSON protocol %q, this reads v1", cfg.ProtocolVersion)
	}
	if cfg.ScanLevel != "symbol" {
		return nil, fmt.Errorf("govulncheck scan level %q, need \"symbol\" to tell called from imported", cfg.ScanLevel)
	}
	s := &scan{Config: *cfg}
	for _, v := range byKey {
		v.Summary = summaries[v.ID]
		s.Vulns = append(s.Vulns, *v)
	}
	sort.Slice(s.Vulns, func(i, j int) bool {
		a, b := s.Vulns[i], s.Vulns[j]
		if a.Module != b.Module {
			return a.Module < b.Module
		}
		return a.ID < b.ID
	})
	return s, nil
}

// decide splits a scan's advisories: those that fail CI (reached, outside the
// standard library), those reached in the standard library (printed only),
// and those not reached at all.
func decide(s *scan) (failing, stdlib, notReached []vuln) {
	for _, v := range s.Vulns {
		switch {
		case !v.Reached:
			notReached = append(notReached, v)
		case v.Module == stdlibModule:
			stdlib = append(stdlib, v)
		default:
			failing = append(failing, v)
		}
	}
	return failing, stdlib, notReached
}

func symbol(f frame) string {
	s := f.Package + "."
	if f.Receiver != "" {
		s += strings.TrimPrefix(f.Receiver, "*") + "."
	}
	return s + f.Function
}

func caller(f frame) string {
	s := symbol(f)
	if f.Position != nil && f.Position.Filename != "" {
		s += fmt.Sprintf(" (%s:%d)", f.Position.Filename, f.Position.Line)
	}
	return s
}

// version shows a module version as go.mod does, and the standard library's
// as a Go release ("v1.26.8" is go1.26.8).
func version(module, v string) string {
	if v == "" {
		return "(none)"
	}
	if module == stdlibModule {
		return "go" + strings.TrimPrefix(v, "v")
	}
	return v
}

func describe(w io.Writer, v vuln) {
	fixed := "no fixed version"
	if v.Fixed != "" {
		fixed = "fixed in " + version(v.Module, v.Fixed)
	}
	where := v.Module
	if v.Module == stdlibModule && v.Package != "" {
		where = v.Package
	}
	fmt.Fprintf(w, "  %s  %s@%s, %s: %s\n", v.ID, where, version(v.Module, v.Version), fixed, v.Summary)
	if v.Reached {
		fmt.Fprintf(w, "      calls %s", v.Symbol)
		if v.Caller != "" {
			fmt.Fprintf(w, " from %s", v.Caller)
		}
		fmt.Fprintln(w)
	}
}

func ids(vs []vuln) string {
	var out []string
	for _, v := range vs {
		out = append(out, v.ID+" ("+v.Module+")")
	}
	return strings.Join(out, ", ")
}

// report prints the outcome for one module and tells whether CI fails.
func report(stdout, stderr io.Writer, module string, s *scan) (fail bool) {
	failing, stdlib, notReached := decide(s)
	fmt.Fprintf(stdout, "vulncheck %s: govulncheck %s, %s, db %s\n", module, s.Config.ScannerVersion, s.Config.GoVersion, s.Config.DB)
	if len(stdlib) > 0 {
		fmt.Fprintf(stdout, "vulncheck %s: %d standard library vulnerabilities called (they belong to the Go toolchain that builds the program; printed, not failing):\n", module, len(stdlib))
		for _, v := range stdlib {
			describe(stdout, v)
		}
	}
	if len(notReached) > 0 {
		fmt.Fprintf(stdout, "vulncheck %s: %d imported or required but not called (not failing): %s\n", module, len(notReached), ids(notReached))
	}
	if len(failing) == 0 {
		fmt.Fprintf(stdout, "vulncheck %s: no vulnerability called in a required module\n", module)
		return false
	}
	fmt.Fprintf(stderr, "ci: govulncheck: module %s calls %d vulnerabilities in required modules; upgrade to the fixed versions:\n", module, len(failing))
	for _, v := range failing {
		describe(stderr, v)
	}
	return true
}

func main() {
	module := flag.String("module", ".", "the module scanned, for the messages")
	flag.Parse()
	s, err := decode(os.Stdin)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ci: govulncheck: module %s: %v\n", *module, err)
		os.Exit(2)
	}
	if report(os.Stdout, os.Stderr, *module, s) {
		os.Exit(1)
	}
}
