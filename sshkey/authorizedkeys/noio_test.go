package authorizedkeys

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// processStateReads are the selectors a package under sshkey/ may not use
// outside its tests: reading a line must not depend on the process's time
// zone or environment.
var processStateReads = map[string][]string{
	"time": {"Local"},
	"os":   {"Getenv", "LookupEnv", "Environ"},
}

// noIOViolations returns what the Go file src (named name) does that a
// package under sshkey/ may not: import "net" (the resolver: cgo, NSS), or
// read time.Local or the environment. Each finding is "name:line: what".
func noIOViolations(fset *token.FileSet, name string, src any) ([]string, error) {
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var out []string
	local := map[string]string{} // the file's name for "time" and "os"
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return nil, err
		}
		if path == "net" {
			out = append(out, fmt.Sprintf("%s: imports \"net\"", fset.Position(imp.Pos())))
		}
		if _, ok := processStateReads[path]; ok {
			n := path
			if imp.Name != nil {
				n = imp.Name.Name
			}
			local[n] = path
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		x, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		path, ok := local[x.Name]
		if !ok {
			return true
		}
		for _, bad := range processStateReads[path] {
			if sel.Sel.Name == bad {
				out = append(out, fmt.Sprintf("%s: reads %s.%s", fset.Position(sel.Pos()), path, bad))
			}
		}
		return true
	})
	return out, nil
}

// TestNoIOImports: no non-test Go file of a package under sshkey/ imports
// "net", or reads time.Local or the environment (os.Getenv, os.LookupEnv,
// os.Environ). It parses the source files themselves (go/parser: no go
// command, no network).
func TestNoIOImports(t *testing.T) {
	root := filepath.Join("..") // sshkey/
	fset := token.NewFileSet()
	var files int
	var bad []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		files++
		found, err := noIOViolations(fset, path, nil)
		if err != nil {
			return err
		}
		bad = append(bad, found...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Fatalf("found %d Go files under sshkey/; the walk is looking in the wrong place", files)
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("%s: parsing must do no I/O and read no process state", b)
	}
}

// TestNoIOViolationsFinds holds noIOViolations to sources that break each
// rule, so that TestNoIOImports can fail.
func TestNoIOViolationsFinds(t *testing.T) {
	for _, c := range []struct {
		src, want, reason string
	}{
		{`package p; import "net"; var _ = net.LookupPort`, `imports "net"`, "the resolver"},
		{`package p; import n "net"; var _ = n.IPv4len`, `imports "net"`, "renamed, still net"},
		{`package p; import "time"; var _ = time.Local`, "reads time.Local", "the process's zone"},
		{`package p; import tm "time"; var _ = tm.Local`, "reads time.Local", "renamed"},
		{`package p; import "os"; var _ = os.Getenv("TZ")`, "reads os.Getenv", "the environment"},
		{`package p; import "os"; func f() { _, _ = os.LookupEnv("X") }`, "reads os.LookupEnv", "the environment, another way"},
		{`package p; import "net/netip"; var _ netip.Addr`, "", "net/netip does no I/O"},
		{`package p; import "time"; var _ = time.UTC`, "", "time.UTC is no process state"},
		{`package p; type s struct{ Local int }; var time s; var _ = time.Local`, "", "a variable named time is not the package"},
	} {
		got, err := noIOViolations(token.NewFileSet(), "x.go", c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.reason, err)
		}
		if c.want == "" {
			if len(got) != 0 {
				t.Errorf("%q: %v, want nothing (%s)", c.src, got, c.reason)
			}
			continue
		}
		if len(got) != 1 || !strings.Contains(got[0], c.want) {
			t.Errorf("%q: %v, want one finding that says %s (%s)", c.src, got, c.want, c.reason)
		}
	}
}

// TestParsePermit: ParsePermit splits each value as handle_permit checks
// it, and says what its port is, a name included, which it does not look
// up.
func TestParsePermit(t *testing.T) {
	for _, c := range []struct {
		in     string
		host   string
		port   int  // Port's number, when portOK
		portOK bool // Port's ok
		name   string
		any    bool
		reason string
	}{
		{"host.example.com:22", "host.example.com", 22, true, "", false, "host:port"},
		{"*:8080", "*", 8080, true, "", false, "any host, as a bare permitlisten port is recorded"},
		{"host:*", "host", 0, false, "", true, "any port"},
		{"*:*", "*", 0, false, "", true, "permitlisten=\"*\""},
		{"[2001:db8::1]:22", "2001:db8::1", 22, true, "", false, "the brackets are not the host's"},
		{"[::1]/22", "::1", 22, true, "", false, "/ after ]"},
		{"host/22", "host", 22, true, "", false, "/ for :"},
		{":22", "", 22, true, "", false, "an empty host"},
		{"host: 22", "host", 22, true, "", false, "strtonum's leading blank"},
		{"host:+022", "host", 22, true, "", false, "a sign and leading zeros"},
		{"host:65535", "host", 65535, true, "", false, "the highest port"},
		{"host:ssh", "host", 0, false, "ssh", false, "a service name, not looked up"},
		{"host:http-alt", "host", 0, false, "http-alt", false, "a name with a dash"},
		{"host:keyvet-test-svc", "host", 0, false, "keyvet-test-svc", false, "a name no /etc/services holds: taken, as nothing is looked up"},
		{"host:x11", "host", 0, false, "x11", false, "a name with a digit"},
		{"host:0x16", "host", 0, false, "0x16", false, "not a number, so a name"},
		{"host:kerberos_master", "host", 0, false, "kerberos_master", false, "an underscore, as /etc/services has"},
	} {
		p, err := ParsePermit(c.in)
		if err != nil {
			t.Errorf("ParsePermit(%q): %v (%s)", c.in, err, c.reason)
			continue
		}
		n, ok := p.Port()
		if p.Host() != c.host || n != c.port || ok != c.portOK || p.PortName() != c.name || p.AnyPort() != c.any || p.String() != c.in {
			t.Errorf("ParsePermit(%q) = host %q, Port %d %v, PortName %q, AnyPort %v, String %q; want %q, %d %v, %q, %v (%s)",
				c.in, p.Host(), n, ok, p.PortName(), p.AnyPort(), p.String(), c.host, c.port, c.portOK, c.name, c.any, c.reason)
		}
	}
	for _, c := range []struct{ in, reason string }{
		{"", "empty"},
		{"host", "no port"},
		{"22", "a bare port: Options records it as *:22"},
		{"host:", "an empty port"},
		{"host:0", "port 0"},
		{"host:-0", "-0 is 0"},
		{"host:65536", "past the highest port, and all digits: no name"},
		{"host:-1", "a negative number is no name"},
		{"host:+", "a sign alone"},
		{"host:22 ", "a blank after the digits"},
		{"host:SSH", "upper case: glibc compares names with regard to case"},
		{"host:ss h", "a blank in a name"},
		{"host:a#b", "# starts a comment in /etc/services"},
		{"host:s\x7fh", "DEL"},
		{"host:sé", "a byte past ASCII"},
		{"::1:22", "an unbracketed IPv6 address: host \"\", port \":1:22\""},
		{"host:a/b", "a / in the port"},
		{"[::1]", "no port after ]"},
		{"[::1", "[ does not close"},
		{"[::1]x22", "] followed by neither : nor /"},
		{strings.Repeat("h", 1025) + ":22", "a host of NI_MAXHOST bytes"},
	} {
		if p, err := ParsePermit(c.in); err == nil {
			t.Errorf("ParsePermit(%q) = %q, want an error (%s)", c.in, p, c.reason)
		}
	}
	var zero Permit
	if n, ok := zero.Port(); zero.Host() != "" || n != 0 || ok || zero.PortName() != "" || zero.AnyPort() || zero.String() != "" {
		t.Error("the zero Permit has a host or a port")
	}
}

// TestPermitServiceNameNoLookup: a line whose ports are service names, one
// of them known to no /etc/services, is read, and each name is reported as
// a name, as written.
func TestPermitServiceNameNoLookup(t *testing.T) {
	if b, err := os.ReadFile("/etc/services"); err == nil && strings.Contains(string(b), "keyvet-test-svc") {
		t.Fatal("/etc/services names keyvet-test-svc; the test needs a name no host knows")
	}
	e, err := ParseLine([]byte(`permitopen="db:keyvet-test-svc",permitlisten="http-alt",permitopen="h:ssh" ` + akKey))
	if err != nil {
		t.Fatalf("a line with service names: %v", err)
	}
	o := e.Options()
	var names []string
	for _, v := range append(o.PermitOpen, o.PermitListen...) {
		p, err := ParsePermit(v)
		if err != nil {
			t.Fatalf("ParsePermit(%q) of a value the line gave: %v", v, err)
		}
		if _, ok := p.Port(); ok {
			t.Errorf("%q: Port is a number for a service name", v)
		}
		names = append(names, p.Host()+" "+p.PortName())
	}
	if want := []string{"db keyvet-test-svc", "h ssh", "* http-alt"}; strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("hosts and names %q, want %q", names, want)
	}
}

// TestExpiry: Options.Expiry reads the values in the zone it is given; a
// local value moves with the zone, a UTC one does not, and which is the
// earliest may too.
func TestExpiry(t *testing.T) {
	east := time.FixedZone("UTC+5", 5*60*60)
	west := time.FixedZone("UTC-8", -8*60*60)
	for _, c := range []struct {
		values    []string
		utc, e, w time.Time // Expiry in UTC, east, west
		ok        bool
		reason    string
	}{
		{nil, time.Time{}, time.Time{}, time.Time{}, false, "no expiry-time"},
		{[]string{"20300101"}, utc(2030, 1, 1, 0, 0, 0), utc(2029, 12, 31, 19, 0, 0), utc(2030, 1, 1, 8, 0, 0), true, "a local value is the zone's midnight"},
		{[]string{"20300101Z"}, utc(2030, 1, 1, 0, 0, 0), utc(2030, 1, 1, 0, 0, 0), utc(2030, 1, 1, 0, 0, 0), true, "a UTC value is the same in every zone"},
		{[]string{"203001011230UTC"}, utc(2030, 1, 1, 12, 30, 0), utc(2030, 1, 1, 12, 30, 0), utc(2030, 1, 1, 12, 30, 0), true, "UTC as a suffix"},
		{[]string{"20310101Z", "20300601Z", "20320101Z"}, utc(2030, 6, 1, 0, 0, 0), utc(2030, 6, 1, 0, 0, 0), utc(2030, 6, 1, 0, 0, 0), true, "the earliest, wherever it is"},
		{[]string{"20300101030000Z", "20300101"}, utc(2030, 1, 1, 0, 0, 0), utc(2029, 12, 31, 19, 0, 0), utc(2030, 1, 1, 3, 0, 0), true, "which is the earliest depends on the zone"},
		{[]string{"20230231Z"}, utc(2023, 3, 3, 0, 0, 0), utc(2023, 3, 3, 0, 0, 0), utc(2023, 3, 3, 0, 0, 0), true, "31 February rolls over"},
		{[]string{"20300101000061"}, utc(2030, 1, 1, 0, 1, 1), utc(2029, 12, 31, 19, 1, 1), utc(2030, 1, 1, 8, 1, 1), true, "second 61 rolls over"},
		{[]string{"bogus", "20300101Z"}, utc(2030, 1, 1, 0, 0, 0), utc(2030, 1, 1, 0, 0, 0), utc(2030, 1, 1, 0, 0, 0), true, "a value that is no time (set by hand) is skipped"},
		{[]string{"bogus"}, time.Time{}, time.Time{}, time.Time{}, false, "and none left is none"},
	} {
		o := Options{ExpiryTime: c.values}
		for _, z := range []struct {
			loc  *time.Location
			want time.Time
		}{{time.UTC, c.utc}, {east, c.e}, {west, c.w}} {
			got, ok := o.Expiry(z.loc)
			if ok != c.ok || !got.Equal(z.want) {
				t.Errorf("Expiry(%s) of %q = %v, %v; want %v, %v (%s)", z.loc, c.values, got.UTC(), ok, z.want, c.ok, c.reason)
			}
		}
	}
	// The brief's case: without Z the zone moves the time; with Z it does not.
	local, _ := Options{ExpiryTime: []string{"20300101"}}.Expiry(time.UTC)
	localEast, _ := Options{ExpiryTime: []string{"20300101"}}.Expiry(east)
	z, _ := Options{ExpiryTime: []string{"20300101Z"}}.Expiry(time.UTC)
	zEast, _ := Options{ExpiryTime: []string{"20300101Z"}}.Expiry(east)
	if local.Equal(localEast) || !z.Equal(zEast) {
		t.Errorf("20300101: UTC %v, UTC+5 %v (want different); 20300101Z: %v, %v (want equal)", local, localEast, z, zEast)
	}
}

// TestExpiryValidInEveryZone: whether a line's expiry-time is good depends
// on no zone. A value the line takes is after the epoch in every zone up to
// a day from UTC; the values near the epoch that sshd takes in some zones
// and not in others are refused.
func TestExpiryValidInEveryZone(t *testing.T) {
	for _, c := range []struct {
		in     string
		ok     bool
		reason string
	}{
		{"19700101", false, "local midnight, 1 January 1970: before the epoch east of UTC, at it in UTC, after it west"},
		{"197001012359", false, "the epoch's day, late: before the epoch in UTC+14"},
		{"19700101235961", true, "second 61 rolls over to 2 January 00:00:01, after the epoch in every zone"},
		{"19700102", true, "2 January 1970: after the epoch in every zone"},
		{"19691231235959Z", false, "UTC before the epoch"},
		{"19700101000000Z", false, "the epoch itself, which sshd refuses"},
		{"19700101000001Z", true, "UTC, one second after"},
		{"20300101", true, "an ordinary local time"},
		{"99991231235959", true, "the last time the digits hold"},
	} {
		if got := validExpiry(c.in); got != c.ok {
			t.Errorf("validExpiry(%q) = %v, want %v (%s)", c.in, got, c.ok, c.reason)
			continue
		}
		if !c.ok {
			continue
		}
		for off := -24*60*60 + 1; off < 24*60*60; off += 15 * 60 {
			loc := time.FixedZone("z", off)
			if got, ok := (Options{ExpiryTime: []string{c.in}}).Expiry(loc); !ok || got.Unix() <= 0 {
				t.Errorf("%q in UTC%+ds: %v, %v; a value the line takes must be after the epoch in every zone", c.in, off, got, ok)
				break
			}
		}
	}
	// The same held through ParseLine: a bad expiry-time refuses the line.
	if _, err := ParseLine([]byte(`expiry-time="19700101" ` + akKey)); err == nil {
		t.Error("a line with expiry-time=\"19700101\" is read; whether sshd takes it depends on its zone, and keyvet refuses it")
	}
	if _, err := ParseLine([]byte(`expiry-time="19700102" ` + akKey)); err != nil {
		t.Errorf("expiry-time=\"19700102\": %v", err)
	}
}

// TestEnvironmentDuplicates: the first environment of each NAME is kept,
// names compared with regard to case, and the limit counts the values kept.
// Many duplicates of a name set early and of one set late are read with
// one lookup each in the set of names kept (envSet): the work is linear in
// the number of options, where the old loop compared each duplicate with
// every value kept (1025 comparisons a duplicate here). No clock is read.
func TestEnvironmentDuplicates(t *testing.T) {
	var b strings.Builder
	const distinct, dups = 1025, 100_000
	for i := 0; i < distinct-1; i++ {
		fmt.Fprintf(&b, `environment="E%04d=%d",`, i, i)
	}
	// 1024 names kept: below the limit, so each duplicate is looked up.
	for i := 0; i < dups; i++ {
		fmt.Fprintf(&b, `environment="E%04d=x",`, distinct-2-i%2*(distinct-2))
	}
	fmt.Fprintf(&b, `environment="E%04d=%d",`, distinct-1, distinct-1) // the 1025th
	b.WriteString(`environment="e0000=lower"`)                         // past the limit
	var o Options
	var env envSet
	if err := parseOptionsEnv(b.String(), &o, &env); err == nil {
		t.Fatal("a 1026th distinct name after 1025 is taken, want the limit's refusal")
	}
	if len(o.Environment) != distinct || o.Environment[0] != "E0000=0" || o.Environment[distinct-2] != fmt.Sprintf("E%04d=%d", distinct-2, distinct-2) {
		t.Fatalf("kept %d values, first %q: want %d, the first of each name", len(o.Environment), o.Environment[0], distinct)
	}
	// The last is refused by the limit before it is looked up.
	if env.lookups != distinct+dups {
		t.Errorf("%d environment options took %d lookups of a name; want one each", distinct+dups, env.lookups)
	}
	o = Options{}
	if err := parseOptions(`environment="A=1",environment="a=2",environment="A=3",environment="a=4",environment="AB=5"`, &o); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(o.Environment, " "); got != "A=1 a=2 AB=5" {
		t.Errorf("environment kept %q, want the first of each name, compared with regard to case", got)
	}
	// A parse that starts from values already kept keeps their names.
	o = Options{Environment: []string{"A=0"}}
	if err := parseOptions(`environment="A=1",environment="B=2"`, &o); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(o.Environment, " "); got != "A=0 B=2" {
		t.Errorf("environment kept %q after A=0, want A=0 B=2", got)
	}
}

// FuzzOptionValues holds ParsePermit and Options.Expiry to their contracts
// on any value: a permit that splits reads back from its String, and its
// port is exactly one of a number, "*" or a service name; an expiry-time a
// line takes is after the epoch in zones from UTC-23:45 to UTC+23:45, and
// Expiry gives it.
func FuzzOptionValues(f *testing.F) {
	for _, s := range []string{"host:22", "[::1]/ssh", "*:*", ":+022", "h:keyvet-test-svc", "::1:22", "20300101", "19700101235961", "19700101000001Z", "20230231utc", "99991231235959"} {
		f.Add(s)
	}
	zones := []*time.Location{time.UTC, time.FixedZone("e", 23*3600+45*60), time.FixedZone("w", -(23*3600 + 45*60))}
	f.Fuzz(func(t *testing.T, s string) {
		if p, err := ParsePermit(s); err == nil {
			if p.String() != s {
				t.Fatalf("String %q of ParsePermit(%q)", p.String(), s)
			}
			n, ok := p.Port()
			kinds := 0
			for _, k := range []bool{ok, p.AnyPort(), p.PortName() != ""} {
				if k {
					kinds++
				}
			}
			if kinds != 1 || ok && (n < 1 || n > 65535) {
				t.Fatalf("ParsePermit(%q): Port %d %v, AnyPort %v, PortName %q: want exactly one", s, n, ok, p.AnyPort(), p.PortName())
			}
			if q, err := ParsePermit(p.String()); err != nil || q != p {
				t.Fatalf("ParsePermit(%q) does not read back", s)
			}
		} else if checkPermit(s) == "" {
			t.Fatalf("ParsePermit(%q): %v, but checkPermit takes it", s, err)
		}
		o := Options{ExpiryTime: []string{s}}
		for _, loc := range zones {
			got, ok := o.Expiry(loc)
			if validExpiry(s) && (!ok || got.Unix() <= 0) {
				t.Fatalf("%q is taken, but in %s it is %v, %v", s, loc, got, ok)
			}
			if _, read := readExpiry(s); ok != read {
				t.Fatalf("Expiry of %q: ok %v, readExpiry %v", s, ok, read)
			}
		}
	})
}
