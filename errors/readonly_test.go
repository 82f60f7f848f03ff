package errors_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// exported names every exported package-level variable of package errors
// with its value. TestExportedVarsAreSentinels holds this list to the
// package's source, so a variable added there and not here fails.
var exported = map[string]error{
	"ErrAuth":                              keyerrors.ErrAuth,
	"ErrEC2InstanceNotFound":               keyerrors.ErrEC2InstanceNotFound,
	"ErrEC2InstanceStateInvalid":           keyerrors.ErrEC2InstanceStateInvalid,
	"ErrEC2InstanceTypeInvalid":            keyerrors.ErrEC2InstanceTypeInvalid,
	"ErrEC2InstanceUnavailable":            keyerrors.ErrEC2InstanceUnavailable,
	"ErrInvalidArgs":                       keyerrors.ErrInvalidArgs,
	"ErrService":                           keyerrors.ErrService,
	"ErrThrottling":                        keyerrors.ErrThrottling,
	"ErrSerialConsoleAccessDisabled":       keyerrors.ErrSerialConsoleAccessDisabled,
	"ErrSerialConsoleSessionLimitExceeded": keyerrors.ErrSerialConsoleSessionLimitExceeded,
	"ErrSerialConsoleSessionUnavailable":   keyerrors.ErrSerialConsoleSessionUnavailable,
	"ErrSerialConsoleSessionUnsupported":   keyerrors.ErrSerialConsoleSessionUnsupported,
	"ErrDuplicateSSHPublicKey":             keyerrors.ErrDuplicateSSHPublicKey,
	"ErrInvalidPublicKey":                  keyerrors.ErrInvalidPublicKey,
	"ErrLimitExceeded":                     keyerrors.ErrLimitExceeded,
	"ErrNoSuchEntity":                      keyerrors.ErrNoSuchEntity,
	"ErrUnrecognizedPublicKeyEncoding":     keyerrors.ErrUnrecognizedPublicKeyEncoding,
	"ErrInvalidInput":                      keyerrors.ErrInvalidInput,
	"ErrValidation":                        keyerrors.ErrValidation,
	"ErrServiceFailure":                    keyerrors.ErrServiceFailure,
	"ErrEC2InvalidKeyFormat":               keyerrors.ErrEC2InvalidKeyFormat,
	"ErrEC2KeyPairDuplicate":               keyerrors.ErrEC2KeyPairDuplicate,
	"ErrEC2KeyPairNotFound":                keyerrors.ErrEC2KeyPairNotFound,
	"ErrEC2KeyPairFormat":                  keyerrors.ErrEC2KeyPairFormat,
	"ErrEC2MissingParameter":               keyerrors.ErrEC2MissingParameter,
	"ErrEC2InvalidParameterValue":          keyerrors.ErrEC2InvalidParameterValue,
	"ErrEC2DryRunOperation":                keyerrors.ErrEC2DryRunOperation,
	"ErrEC2InternalError":                  keyerrors.ErrEC2InternalError,
	"ErrEC2Unavailable":                    keyerrors.ErrEC2Unavailable,
	"ErrEC2RequestLimitExceeded":           keyerrors.ErrEC2RequestLimitExceeded,
	"ErrTransferValidation":                keyerrors.ErrTransferValidation,
	"ErrTransferInvalidRequest":            keyerrors.ErrTransferInvalidRequest,
	"ErrTransferResourceNotFound":          keyerrors.ErrTransferResourceNotFound,
	"ErrTransferResourceExists":            keyerrors.ErrTransferResourceExists,
	"ErrTransferThrottling":                keyerrors.ErrTransferThrottling,
	"ErrTransferInternalServiceError":      keyerrors.ErrTransferInternalServiceError,
	"ErrTransferServiceUnavailable":        keyerrors.ErrTransferServiceUnavailable,
	"ErrTransferInvalidNextToken":          keyerrors.ErrTransferInvalidNextToken,
	"ErrLightsailService":                  keyerrors.ErrLightsailService,
	"ErrLightsailInvalidInput":             keyerrors.ErrLightsailInvalidInput,
	"ErrLightsailNotFound":                 keyerrors.ErrLightsailNotFound,
	"ErrLightsailOperationFailure":         keyerrors.ErrLightsailOperationFailure,
	"ErrLightsailAccessDenied":             keyerrors.ErrLightsailAccessDenied,
	"ErrLightsailAccountSetupInProgress":   keyerrors.ErrLightsailAccountSetupInProgress,
	"ErrLightsailRegionSetupInProgress":    keyerrors.ErrLightsailRegionSetupInProgress,
	"ErrLightsailUnauthenticated":          keyerrors.ErrLightsailUnauthenticated,

	"ErrRequired":   keyerrors.ErrRequired,
	"ErrTooShort":   keyerrors.ErrTooShort,
	"ErrTooLong":    keyerrors.ErrTooLong,
	"ErrPattern":    keyerrors.ErrPattern,
	"ErrNotInEnum":  keyerrors.ErrNotInEnum,
	"ErrOutOfRange": keyerrors.ErrOutOfRange,

	"ErrMalformedKey":         keyerrors.ErrMalformedKey,
	"ErrUnsupportedEncoding":  keyerrors.ErrUnsupportedEncoding,
	"ErrUnsupportedKeyType":   keyerrors.ErrUnsupportedKeyType,
	"ErrKeyTooSmall":          keyerrors.ErrKeyTooSmall,
	"ErrKeyTooLarge":          keyerrors.ErrKeyTooLarge,
	"ErrWeakKey":              keyerrors.ErrWeakKey,
	"ErrPrivateKey":           keyerrors.ErrPrivateKey,
	"ErrCertificate":          keyerrors.ErrCertificate,
	"ErrKeyTypeMismatch":      keyerrors.ErrKeyTypeMismatch,
	"ErrMultipleKeys":         keyerrors.ErrMultipleKeys,
	"ErrMalformedFingerprint": keyerrors.ErrMalformedFingerprint,
}

// readOnlyMethods is the whole exported method set of *APIError: each only
// reads its receiver (WithMessage returns a new value).
var readOnlyMethods = []string{"Error", "ErrorCode", "ErrorFault", "ErrorMessage", "HTTPStatusCode", "Is", "Retryable", "Service", "WithMessage"}

// declaredVar is an exported package-level variable as the source declares
// it.
type declaredVar struct {
	ctor string // "newAPI" or "errors.New"
	lit  string // the code given to newAPI, or the text given to errors.New
}

// exportedVars parses the package's non-test files and returns every
// exported package-level variable. It fails the test for one whose value is
// not a call of the package's constructor newAPI or of the standard
// library's errors.New.
func exportedVars(t *testing.T) map[string]declaredVar {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	vars := map[string]declaredVar{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		stdErrors := "" // the name the file imports the standard errors under
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "errors" {
				stdErrors = "errors"
				if imp.Name != nil {
					stdErrors = imp.Name.Name
				}
			}
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if !id.IsExported() {
						continue
					}
					pos := fset.Position(id.Pos())
					if len(vs.Values) != len(vs.Names) {
						t.Errorf("%s: %s is not given one value of its own", pos, id.Name)
						continue
					}
					v, ok := declared(vs.Values[i], stdErrors)
					if !ok {
						t.Errorf("%s: %s = %s: an exported variable must be newAPI(...) or errors.New(\"...\")",
							pos, id.Name, types.ExprString(vs.Values[i]))
						continue
					}
					vars[id.Name] = v
				}
			}
		}
	}
	return vars
}

// declared reads a call of newAPI(service, "Code", ...) or
// errors.New("text").
func declared(e ast.Expr, stdErrors string) (declaredVar, bool) {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return declaredVar{}, false
	}
	var v declaredVar
	arg := -1
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		if fun.Name == "newAPI" && len(call.Args) == 6 {
			v.ctor, arg = "newAPI", 1
		}
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok && stdErrors != "" && x.Name == stdErrors && fun.Sel.Name == "New" && len(call.Args) == 1 {
			v.ctor, arg = "errors.New", 0
		}
	}
	if arg < 0 {
		return declaredVar{}, false
	}
	lit, ok := call.Args[arg].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return declaredVar{}, false
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return declaredVar{}, false
	}
	v.lit = s
	return v, true
}

// TestExportedVarsAreSentinels shows that no exported identifier of package
// errors lets a caller change a sentinel: every exported package-level
// variable is an *APIError made by newAPI, whose type has no exported field
// and only read-only methods, or an error made by errors.New, which has no
// exported field and only Error.
//
// It fails when an exported variable of another kind is added (a map, a
// slice, an APIError literal, a func), when one is added to the source but
// not to the list above (or removed from the source), when APIError gains an
// exported field or a method not in readOnlyMethods, or when a sentinel's
// value is not the one the source declares (another code, another text).
func TestExportedVarsAreSentinels(t *testing.T) {
	vars := exportedVars(t)
	for name := range vars {
		if _, ok := exported[name]; !ok {
			t.Errorf("%s: an exported variable the test does not know; add it to exported", name)
		}
	}
	for name := range exported {
		if _, ok := vars[name]; !ok {
			t.Errorf("%s: in the test's list, but no longer an exported variable of the package", name)
		}
	}

	apiType := reflect.TypeFor[*keyerrors.APIError]()
	newType := reflect.TypeOf(errors.New(""))
	for name, d := range vars {
		v, ok := exported[name]
		if !ok {
			continue
		}
		switch d.ctor {
		case "newAPI":
			if reflect.TypeOf(v) != apiType {
				t.Errorf("%s: %T, want *APIError", name, v)
				continue
			}
			e := v.(*keyerrors.APIError)
			if e.ErrorCode() != d.lit {
				t.Errorf("%s: ErrorCode() = %q, the source says %q", name, e.ErrorCode(), d.lit)
			}
			if got, ok := keyerrors.Lookup(e.Service(), e.ErrorCode()); !ok || got != e {
				t.Errorf("%s: not the sentinel Lookup(%q, %q) returns", name, e.Service(), e.ErrorCode())
			}
		case "errors.New":
			if reflect.TypeOf(v) != newType {
				t.Errorf("%s: %T, want the type of errors.New's values, %v", name, v, newType)
				continue
			}
			if v.Error() != d.lit {
				t.Errorf("%s: Error() = %q, the source says %q", name, v.Error(), d.lit)
			}
		}
	}

	for _, typ := range []reflect.Type{apiType, newType} {
		st := typ.Elem()
		for i := range st.NumField() {
			if f := st.Field(i); f.IsExported() {
				t.Errorf("%v has the exported field %s: a caller could change a sentinel through it", st, f.Name)
			}
		}
	}
	var methods []string
	for i := range apiType.NumMethod() {
		methods = append(methods, apiType.Method(i).Name)
	}
	if !slices.Equal(methods, readOnlyMethods) {
		t.Errorf("*APIError's methods are %v, want %v: check that a new one only reads its receiver, then add it to readOnlyMethods",
			methods, readOnlyMethods)
	}
	if n := newType.NumMethod(); n != 1 || newType.Method(0).Name != "Error" {
		t.Errorf("%v has %d methods, want Error alone", newType, n)
	}
}

// TestMethodsLeaveSentinelsAlone calls every exported method of every
// *APIError sentinel, WithMessage included, and checks that the sentinel is
// the same value afterwards. It fails when a method writes to its receiver
// (a WithMessage that sets e.message and returns e, say).
func TestMethodsLeaveSentinelsAlone(t *testing.T) {
	for _, e := range keyerrors.All() {
		before := *e
		rv := reflect.ValueOf(e)
		for i := range rv.NumMethod() {
			m := rv.Method(i)
			args := make([]reflect.Value, m.Type().NumIn())
			for j := range args {
				switch in := m.Type().In(j); in {
				case reflect.TypeFor[string]():
					args[j] = reflect.ValueOf("a message of the caller's")
				case reflect.TypeFor[error]():
					args[j] = reflect.ValueOf(keyerrors.ErrValidation.WithMessage("another")).Convert(in)
				default:
					args[j] = reflect.Zero(in)
				}
			}
			m.Call(args)
		}
		if *e != before {
			t.Errorf("%s: a method changed the sentinel: %+v, was %+v", before.ErrorCode(), *e, before)
		}
	}
}

// TestWithMessageCopies shows that WithMessage makes a new value and leaves
// its sentinel as it was, for every sentinel. It fails when WithMessage
// returns its receiver or writes to it.
func TestWithMessageCopies(t *testing.T) {
	for _, e := range keyerrors.All() {
		before := *e
		c := e.WithMessage("The user with name alice cannot be found.")
		if c == e {
			t.Errorf("%s: WithMessage returned the sentinel itself", e.ErrorCode())
		}
		if *e != before || e.ErrorMessage() == c.ErrorMessage() {
			t.Errorf("%s: WithMessage changed the sentinel's message to %q", e.ErrorCode(), e.ErrorMessage())
		}
		if c.ErrorMessage() != "The user with name alice cannot be found." || c.ErrorCode() != e.ErrorCode() || c.Service() != e.Service() ||
			c.HTTPStatusCode() != e.HTTPStatusCode() || c.ErrorFault() != e.ErrorFault() || c.Retryable() != e.Retryable() {
			t.Errorf("%s: the copy %+v is not the sentinel with a new message", e.ErrorCode(), *c)
		}
		if got, _ := keyerrors.Lookup(e.Service(), e.ErrorCode()); got != e || got.ErrorMessage() != before.ErrorMessage() {
			t.Errorf("%s: after WithMessage, Lookup returns %+v", e.ErrorCode(), got)
		}
	}
}

// TestAllIsFresh shows that All returns a new slice on every call: writing
// to one changes neither a later call's result nor what Lookup finds. It
// fails when All returns the package's own table (all[:]), or a slice
// sharing its backing array.
func TestAllIsFresh(t *testing.T) {
	want := keyerrors.All()
	a := keyerrors.All()
	if &a[0] == &want[0] {
		t.Fatal("two calls of All share their backing array")
	}
	for i := range a {
		a[i] = keyerrors.ErrValidation.WithMessage("not a sentinel")
	}
	a[0] = nil
	b := keyerrors.All()
	if !slices.Equal(b, want) {
		t.Fatal("writing to All's result changed a second call's result: a caller could change the taxonomy")
	}
	for _, e := range want {
		if got, ok := keyerrors.Lookup(e.Service(), e.ErrorCode()); !ok || got != e {
			t.Errorf("writing to All's result changed Lookup(%q, %q) to %v", e.Service(), e.ErrorCode(), got)
		}
	}
	if got, _ := keyerrors.Lookup(keyerrors.ServiceIAM, "ValidationError"); got.ErrorMessage() == "not a sentinel" {
		t.Error("Lookup returns a value a caller put in All's result")
	}
}

// TestConcurrentReads runs Lookup, All and every read method from many
// goroutines while others make WithMessage copies of the same sentinels and
// write to their own All results. Run with -race: it fails when WithMessage
// or any method writes to a sentinel, or All hands out the package's own
// table (the race detector reports the write; the checks below see a wrong
// value even without it).
func TestConcurrentReads(t *testing.T) {
	type snapshot struct {
		service, code, message string
		status                 int
		fault                  keyerrors.Fault
		retryable              bool
	}
	snap := func(e *keyerrors.APIError) snapshot {
		return snapshot{e.Service(), e.ErrorCode(), e.ErrorMessage(), e.HTTPStatusCode(), e.ErrorFault(), e.Retryable()}
	}
	want := map[*keyerrors.APIError]snapshot{}
	for _, e := range keyerrors.All() {
		want[e] = snap(e)
	}
	const workers, rounds = 16, 50
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				all := keyerrors.All()
				for i, e := range all {
					if w%2 == 0 {
						c := e.WithMessage(fmt.Sprintf("worker %d round %d", w, r))
						if !errors.Is(c, e) || c.ErrorMessage() == want[e].message {
							t.Errorf("%s: a copy made concurrently is wrong: %+v", want[e].code, snap(c))
							return
						}
						all[i] = c // a caller's own slice: it may write to it
						continue
					}
					got, ok := keyerrors.Lookup(e.Service(), e.ErrorCode())
					if !ok || got != e || snap(got) != want[e] || got.Error() != want[e].code+": "+want[e].message {
						t.Errorf("%s: Lookup or a method answered %+v, want %+v", want[e].code, snap(got), want[e])
						return
					}
				}
			}
		})
	}
	wg.Wait()
	for e, w := range want {
		if snap(e) != w {
			t.Errorf("%s: the sentinel changed to %+v", w.code, snap(e))
		}
	}
}
