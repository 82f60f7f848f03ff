package validate_test

import (
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/keyvet/keyvet/validate"
)

var sinkErr error

// The field-only inputs at their usual size.
var (
	getIn    = &validate.GetSSHPublicKeyInput{UserName: "alice@example.com", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Encoding: "SSH"}
	updateIn = &validate.UpdateSSHPublicKeyInput{UserName: "alice@example.com", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Status: "Inactive"}
	deleteIn = &validate.DeleteSSHPublicKeyInput{UserName: "alice@example.com", SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE"}
	listIn   = &validate.ListSSHPublicKeysInput{UserName: "alice@example.com", Marker: "AAB2E3NzaC1yc2EAAAADAQABAAABAQC3FlHqj2eqCdrGHu", MaxItems: 50}
)

// The same checks done by hand with the precompiled model regexps: the
// baseline a service would write without keyvet.
var (
	reUserName = regexp.MustCompile(`^[\w+=,.@-]+$`)
	reKeyID    = regexp.MustCompile(`^[\w]+$`)
	reMarker   = regexp.MustCompile(`^[\x{0020}-\x{00FF}]+$`)
)

func byRegexp(re *regexp.Regexp, v string, min, max int) bool {
	n := utf8.RuneCountInString(v)
	return utf8.ValidString(v) && n >= min && n <= max && re.MatchString(v)
}

func getByRegexp(in *validate.GetSSHPublicKeyInput) bool {
	return byRegexp(reUserName, in.UserName, 1, 64) && byRegexp(reKeyID, in.SSHPublicKeyId, 20, 128) &&
		(in.Encoding == "SSH" || in.Encoding == "PEM")
}

func updateByRegexp(in *validate.UpdateSSHPublicKeyInput) bool {
	return byRegexp(reUserName, in.UserName, 1, 64) && byRegexp(reKeyID, in.SSHPublicKeyId, 20, 128) &&
		(in.Status == "Active" || in.Status == "Inactive" || in.Status == "Expired")
}

func deleteByRegexp(in *validate.DeleteSSHPublicKeyInput) bool {
	return byRegexp(reUserName, in.UserName, 1, 64) && byRegexp(reKeyID, in.SSHPublicKeyId, 20, 128)
}

func listByRegexp(in *validate.ListSSHPublicKeysInput) bool {
	return byRegexp(reUserName, in.UserName, 1, 64) && byRegexp(reMarker, in.Marker, 1, 320) && in.MaxItems >= 1 && in.MaxItems <= 1000
}

var sinkBool bool

func BenchmarkFieldOnly(b *testing.B) {
	benches := []struct {
		name   string
		keyvet func() error
		regexp func() bool
	}{
		{"Get", getIn.Validate, func() bool { return getByRegexp(getIn) }},
		{"Update", updateIn.Validate, func() bool { return updateByRegexp(updateIn) }},
		{"Delete", deleteIn.Validate, func() bool { return deleteByRegexp(deleteIn) }},
		{"List", listIn.Validate, func() bool { return listByRegexp(listIn) }},
	}
	for _, bb := range benches {
		if bb.keyvet() != nil || !bb.regexp() {
			b.Fatalf("%s: the benchmark input must be valid", bb.name)
		}
		b.Run(bb.name+"/keyvet", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkErr = bb.keyvet()
			}
		})
		b.Run(bb.name+"/regexp", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkBool = bb.regexp()
			}
		})
	}
}

// TestFieldOnlyNoAllocs pins the allocation count of the valid field-only
// inputs: none.
func TestFieldOnlyNoAllocs(t *testing.T) {
	for name, f := range map[string]func() error{
		"Get": getIn.Validate, "Update": updateIn.Validate, "Delete": deleteIn.Validate, "List": listIn.Validate,
	} {
		if n := testing.AllocsPerRun(100, func() { sinkErr = f() }); n != 0 {
			t.Errorf("%s.Validate allocates %v times, want 0", name, n)
		}
	}
}
