package validate_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

type ruleCase struct {
	name   string
	in     string
	want   error // nil: valid; else the rule sentinel of the first failure
	reason string
}

// checkRuleCases runs one rule's table: the result of Check, the sentinels
// errors.Is finds, the Field errors.As finds, and the invariants every row
// must keep (Check is deterministic, a failure never holds a sensitive
// value).
func checkRuleCases(t *testing.T, r validate.Rule, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		if tc.reason == "" {
			t.Fatalf("%s/%s: a row needs a reason", r.Member(), tc.name)
		}
		t.Run(r.Member()+"/"+tc.name, func(t *testing.T) {
			err := r.Check(tc.in)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Check(%q) = %v, want nil (%s)", tc.in, err, tc.reason)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check(%q) = nil, want %v (%s)", tc.in, tc.want, tc.reason)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("Check(%q) = %v, want errors.Is %v (%s)", tc.in, err, tc.want, tc.reason)
			}
			if !errors.Is(err, r.API()) {
				t.Errorf("Check(%q) does not wrap the service's code %s", tc.in, r.API().ErrorCode())
			}
			var fe *keyerrors.FieldError
			if !errors.As(err, &fe) || fe.Field != r.Member() {
				t.Fatalf("errors.As finds no FieldError for %s in %v", r.Member(), err)
			}
			if r.Sensitive() && tc.in != "" && strings.Contains(err.Error(), tc.in) {
				t.Errorf("the message shows a sensitive value: %s", err)
			}
			if again := r.Check(tc.in); again.Error() != err.Error() {
				t.Errorf("Check is not deterministic: %v, then %v", err, again)
			}
		})
	}
}

func TestInstanceIdRule(t *testing.T) {
	checkRuleCases(t, rule(t, validate.OpSendSSHPublicKey, "InstanceId"), []ruleCase{
		{"min", "i-01234567", nil, "10 characters is the minimum"},
		{"min-1", "i-0123456", keyerrors.ErrTooShort, "9 characters"},
		{"max", "i-" + strings.Repeat("a", 30), nil, "32 characters is the maximum"},
		{"max+1", "i-" + strings.Repeat("a", 31), keyerrors.ErrTooLong, "33 characters"},
		{"seed example", "i-abcd1234", nil, "the model's own example"},
		{"17 hex", "i-0123456789abcdef0", nil, "today's instance ids"},
		{"upper hex", "i-0123456789ABCDEF", keyerrors.ErrPattern, "[a-f0-9] is lower-case only"},
		{"g", "i-0123456789g", keyerrors.ErrPattern, "g is past f"},
		{"managed instance", "mi-048afb7f6460a110d", keyerrors.ErrPattern, "AWS's own example of a refused id"},
		{"trailing newline", "i-0123456789\n", keyerrors.ErrPattern, "$ is the end of the value, a newline does not slip past"},
		{"leading space", " i-0123456789", keyerrors.ErrPattern, "the pattern covers the whole value"},
		{"present empty", "", keyerrors.ErrTooShort, "Check takes a present value: \"\" breaks the length first (then the pattern), as AWS answers \"InstanceId\": \"\""},
		{"invalid utf8", "i-01234567\xff", keyerrors.ErrPattern, "invalid UTF-8 never passes"},
		{"multi-byte", "i-0123456é", keyerrors.ErrPattern, "é is 1 character (10 in all) but outside the class"},
	})
}

func TestInstanceOSUserRule(t *testing.T) {
	checkRuleCases(t, rule(t, validate.OpSendSSHPublicKey, "InstanceOSUser"), []ruleCase{
		{"ec2-user", "ec2-user", nil, "the usual user"},
		{"one letter", "a", nil, "length 1 and branch 1"},
		{"underscore", "_", nil, "branch 1 starts with a letter or _"},
		{"one digit", "1", keyerrors.ErrPattern, "branch 2 needs a non-digit after the digits"},
		{"digits then letter", "1a", nil, "branch 2, 2 characters"},
		{"all digits", "1234", keyerrors.ErrPattern, "a user name is not a number"},
		{"dollar end", "user$", nil, "a trailing $ is allowed (Samba machine accounts)"},
		{"dollar middle", "us$er", keyerrors.ErrPattern, "$ only at the end"},
		{"starts with dash", "-user", keyerrors.ErrPattern, "branch 1 starts with a letter or _, branch 2 with a digit"},
		{"at and dot", "a.b@c", nil, "@ and . are in the class"},
		{"max branch 1", "a" + strings.Repeat("b", 31), nil, "32 characters"},
		{"max+1 branch 1", "a" + strings.Repeat("b", 32), keyerrors.ErrTooLong, "33 characters breaks length and branch 1"},
		{"max branch 2", strings.Repeat("1", 31) + "a", nil, "32 characters: the lookahead (?=.{2,32}$) holds"},
		{"max+1 branch 2", strings.Repeat("1", 32) + "a", keyerrors.ErrTooLong, "33 characters: the length rule and the lookahead"},
		{"present empty", "", keyerrors.ErrTooShort, "a present \"\" is shorter than 1"},
		{"trailing newline", "ec2-user\n", keyerrors.ErrPattern, "no newline before $"},
		{"space", "ec2 user", keyerrors.ErrPattern, "no space"},
		{"é", "é", keyerrors.ErrPattern, "ASCII only"},
	})
	// The lookahead's meaning, which the RE2 rewrite spells out: a long
	// branch-2 name matches the model's pattern without (?=.{2,32}$), and
	// neither the matcher nor the Regexp takes it.
	r := rule(t, validate.OpSendSSHPublicKey, "InstanceOSUser")
	long := strings.Repeat("1", 31) + "a" + strings.Repeat("b", 9)
	if !regexp.MustCompile(`^[0-9]{1,32}[A-Za-z@._-][A-Za-z0-9@._-]*[A-Za-z0-9$_-]?$`).MatchString(long) {
		t.Fatal("branch 2 without its lookahead should take a long name: the test's premise is wrong")
	}
	if r.MatchPattern(long) || r.Regexp().MatchString(long) {
		t.Errorf("MatchPattern = %v, Regexp = %v for a 41-character branch-2 name: the lookahead (?=.{2,32}$) refuses it",
			r.MatchPattern(long), r.Regexp().MatchString(long))
	}
	// Both failures are listed, as AWS lists them.
	err := (&validate.SendSSHPublicKeyInput{InstanceId: "i-0123456789", InstanceOSUser: long, SSHPublicKey: strings.Repeat("A", 80)}).Validate()
	var re *keyerrors.RequestError
	if !errors.As(err, &re) || len(re.Fields) < 2 || !errors.Is(re.Fields[0], keyerrors.ErrTooLong) || !errors.Is(re.Fields[1], keyerrors.ErrPattern) {
		t.Errorf("Validate = %v, want InstanceOSUser's length and then its pattern", err)
	}
}

func TestAvailabilityZoneRule(t *testing.T) {
	checkRuleCases(t, rule(t, validate.OpSendSSHPublicKey, "AvailabilityZone"), []ruleCase{
		{"us-west-2a", "us-west-2a", nil, "the model's example"},
		{"three dashes", "us-gov-west-1a", nil, "(\\w+-){3}"},
		{"local zone", "us-west-2-lax-1a", keyerrors.ErrPattern, "four dashes: the model's pattern refuses Local Zone names"},
		{"present empty", "", keyerrors.ErrTooShort, "optional, but a present \"\" breaks the length 6..32"},
		{"min", "a-b-1c", nil, "6 characters"},
		{"min-1", "a-b-1", keyerrors.ErrTooShort, "5 characters (and no \\w after the digits)"},
		{"max+1", "us-west-2" + strings.Repeat("a", 24), keyerrors.ErrTooLong, "33 characters"},
		{"one dash", "uswest-2a", keyerrors.ErrPattern, "(\\w+-){2,3}: at least two dashes"},
		{"four dashes", "a-b-c-d-1a", keyerrors.ErrPattern, "at most three dashes"},
		{"no letter after digit", "us-west-2", keyerrors.ErrPattern, "\\d+\\w+ needs a character after the digits"},
		{"unicode letter", "us-wést-2a", keyerrors.ErrPattern, "\\w is ASCII"},
		{"trailing newline", "us-west-2a\n", keyerrors.ErrPattern, "no newline before $"},
	})
}

func TestSSHPublicKeyRule(t *testing.T) {
	key80 := "ssh-ed25519 " + strings.Repeat("A", 68)
	checkRuleCases(t, rule(t, validate.OpSendSSHPublicKey, "SSHPublicKey"), []ruleCase{
		{"min", key80, nil, "80 characters: an ed25519 line without comment"},
		{"min-1", key80[:79], keyerrors.ErrTooShort, "79 characters"},
		{"max", strings.Repeat("A", 4096), nil, "4096 characters (the key is checked by Validate, not by the rule)"},
		{"max+1", strings.Repeat("A", 4097), keyerrors.ErrTooLong, "4097 characters"},
		{"multi-byte max", strings.Repeat("é", 4096), nil, "length counts characters, not bytes"},
		{"present empty", "", keyerrors.ErrTooShort, "a present \"\" is shorter than 80"},
		{"invalid utf8", key80 + "\xff", keyerrors.ErrPattern, "invalid UTF-8 never passes"},
	})
}

func TestUserNameRules(t *testing.T) {
	common := []ruleCase{
		{"alice", "alice", nil, "a plain name"},
		{"all classes", "a_Z9+=,.@-", nil, "every character of [\\w+=,.@-]"},
		{"max", strings.Repeat("u", 64), nil, "64 characters"},
		{"max+1", strings.Repeat("u", 65), keyerrors.ErrTooLong, "65 characters"},
		{"space", "alice smith", keyerrors.ErrPattern, "no space"},
		{"slash", "a/b", keyerrors.ErrPattern, "/ is not in the class"},
		{"colon", "a:b", keyerrors.ErrPattern, ": is just past 9"},
		{"backtick", "a`b", keyerrors.ErrPattern, "` is just before a"},
		{"bracket", "a[b", keyerrors.ErrPattern, "[ is just past Z"},
		{"é", "élise", keyerrors.ErrPattern, "\\w is ASCII"},
		{"trailing newline", "alice\n", keyerrors.ErrPattern, "no newline before $"},
		{"invalid utf8", "al\xffice", keyerrors.ErrPattern, "invalid UTF-8 never passes"},
	}
	checkRuleCases(t, rule(t, validate.OpUploadSSHPublicKey, "UserName"), append(common,
		ruleCase{"present empty", "", keyerrors.ErrTooShort, "required in Upload, Get, Update and Delete; a present \"\" breaks the length"}))
	checkRuleCases(t, rule(t, validate.OpListSSHPublicKeys, "UserName"), append(common,
		ruleCase{"present empty", "", keyerrors.ErrTooShort, "optional in ListSSHPublicKeys, but UserName=\"\" is present and too short, as IAM answers it"}))
}

func TestSSHPublicKeyBodyRule(t *testing.T) {
	checkRuleCases(t, rule(t, validate.OpUploadSSHPublicKey, "SSHPublicKeyBody"), []ruleCase{
		{"min", "a", nil, "1 character (the key is checked by Validate)"},
		{"max", strings.Repeat("A", 16384), nil, "16384 characters"},
		{"max+1", strings.Repeat("A", 16385), keyerrors.ErrTooLong, "16385 characters"},
		{"tab lf cr", "a\tb\nc\r\n", nil, "U+0009, U+000A and U+000D are in the class"},
		{"vertical tab", "a\vb", keyerrors.ErrPattern, "U+000B is not"},
		{"U+001F", "a\x1fb", keyerrors.ErrPattern, "just below U+0020"},
		{"U+00FF", "aÿ", nil, "the top of the class"},
		{"U+0100", "aĀ", keyerrors.ErrPattern, "just past U+00FF"},
		{"é max", strings.Repeat("é", 16384), nil, "16384 characters of 2 bytes"},
		{"é max+1", strings.Repeat("é", 16385), keyerrors.ErrTooLong, "16385 characters of 2 bytes"},
		{"NUL", "a\x00b", keyerrors.ErrPattern, "U+0000 is not in the class"},
		{"invalid utf8", "ssh-rsa \xff", keyerrors.ErrPattern, "a lone byte 0xff is not U+00FF"},
		{"present empty", "", keyerrors.ErrTooShort, "a present \"\" is shorter than 1"},
	})
}

func TestSSHPublicKeyIdRule(t *testing.T) {
	checkRuleCases(t, rule(t, validate.OpGetSSHPublicKey, "SSHPublicKeyId"), []ruleCase{
		{"IAM id", "APKAEIBAERJR2EXAMPLE", nil, "20 characters, as IAM makes them"},
		{"min-1", "APKAEIBAERJR2EXAMPL", keyerrors.ErrTooShort, "19 characters"},
		{"max", strings.Repeat("A", 128), nil, "128 characters"},
		{"max+1", strings.Repeat("A", 129), keyerrors.ErrTooLong, "129 characters"},
		{"underscore", "APKA_EIBAERJR2EXAMPLE", nil, "_ is in \\w"},
		{"dash", "APKA-EIBAERJR2EXAMPLE", keyerrors.ErrPattern, "- is not in \\w"},
		{"present empty", "", keyerrors.ErrTooShort, "a present \"\" is shorter than 20"},
	})
}

func TestEnumRules(t *testing.T) {
	checkRuleCases(t, rule(t, validate.OpGetSSHPublicKey, "Encoding"), []ruleCase{
		{"SSH", "SSH", nil, "an enum value"},
		{"PEM", "PEM", nil, "an enum value"},
		{"lower", "ssh", keyerrors.ErrNotInEnum, "enum values are case-sensitive"},
		{"present empty", "", keyerrors.ErrNotInEnum, "an enum has no length: \"\" is not one of its values"},
	})
	checkRuleCases(t, rule(t, validate.OpUpdateSSHPublicKey, "Status"), []ruleCase{
		{"Active", "Active", nil, "an enum value"},
		{"Inactive", "Inactive", nil, "an enum value"},
		{"Expired", "Expired", nil, "added to the model in 2025"},
		{"space", "Active ", keyerrors.ErrNotInEnum, "exact match"},
		{"present empty", "", keyerrors.ErrNotInEnum, "\"\" is not one of the values"},
	})
}

func TestMarkerRule(t *testing.T) {
	checkRuleCases(t, rule(t, validate.OpListSSHPublicKeys, "Marker"), []ruleCase{
		{"present empty", "", keyerrors.ErrTooShort, "optional, but a present \"\" breaks the length 1..320"},
		{"min", " ", nil, "1 character, U+0020 is in the class"},
		{"max é", strings.Repeat("é", 320), nil, "320 characters of 2 bytes: the Marker example of the issue"},
		{"max+1 é", strings.Repeat("é", 321), keyerrors.ErrTooLong, "321 characters"},
		{"tab", "a\tb", keyerrors.ErrPattern, "no U+0009 in a Marker"},
		{"newline", "abc\n", keyerrors.ErrPattern, "no newline before $"},
		{"U+0100", "Ā", keyerrors.ErrPattern, "just past U+00FF"},
	})
}

func TestIntRules(t *testing.T) {
	tests := []struct {
		rule   validate.IntRule
		in     int
		want   string // "" for valid, else the constraint
		reason string
	}{
		{intRule(t, validate.OpListSSHPublicKeys, "MaxItems"), 0, "", "absent: IAM's default of 100"},
		{intRule(t, validate.OpListSSHPublicKeys, "MaxItems"), 1, "", "the minimum"},
		{intRule(t, validate.OpListSSHPublicKeys, "MaxItems"), 1000, "", "the maximum"},
		{intRule(t, validate.OpListSSHPublicKeys, "MaxItems"), 1001, "Member must have value less than or equal to 1000", "max+1"},
		{intRule(t, validate.OpListSSHPublicKeys, "MaxItems"), -1, "Member must have value greater than or equal to 1", "below the minimum"},
		{intRule(t, validate.OpSendSerialConsoleSSHPublicKey, "SerialPort"), 0, "", "the only serial port"},
		{intRule(t, validate.OpSendSerialConsoleSSHPublicKey, "SerialPort"), 1, "Member must have value less than or equal to 0", "range 0..0"},
		{intRule(t, validate.OpSendSerialConsoleSSHPublicKey, "SerialPort"), -1, "Member must have value greater than or equal to 0", "range 0..0"},
	}
	for _, tt := range tests {
		err := tt.rule.Check(tt.in)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s.Check(%d) = %v, want nil (%s)", tt.rule.Member(), tt.in, err, tt.reason)
			}
			continue
		}
		var fe *keyerrors.FieldError
		if !errors.As(err, &fe) || fe.Constraint != tt.want || !errors.Is(err, keyerrors.ErrOutOfRange) || !errors.Is(err, tt.rule.API()) {
			t.Errorf("%s.Check(%d) = %v, want %q wrapping ErrOutOfRange (%s)", tt.rule.Member(), tt.in, err, tt.want, tt.reason)
		}
	}
}

// TestRulesDescribeThemselves checks what every rule says of itself: a
// model pattern exactly when a Regexp, a known service, and the service's
// code.
func TestRulesDescribeThemselves(t *testing.T) {
	for name, r := range everyRule() {
		if (r.Pattern() == "") != (r.Regexp() == nil) {
			t.Errorf("%s: Pattern %q but Regexp %v", name, r.Pattern(), r.Regexp())
		}
		switch r.Service() {
		case keyerrors.ServiceEC2InstanceConnect:
			if r.API() != keyerrors.ErrInvalidArgs {
				t.Errorf("%s: API() = %v, EC2 Instance Connect answers InvalidArgsException", name, r.API())
			}
		case keyerrors.ServiceIAM:
			if r.API() != keyerrors.ErrValidation {
				t.Errorf("%s: API() = %v, IAM answers ValidationError", name, r.API())
			}
		case keyerrors.ServiceEC2:
			if r.API() != keyerrors.ErrEC2InvalidParameterValue {
				t.Errorf("%s: API() = %v, EC2 answers InvalidParameterValue", name, r.API())
			}
		case keyerrors.ServiceTransfer:
			if r.API() != keyerrors.ErrTransferValidation {
				t.Errorf("%s: API() = %v, Transfer answers ValidationException", name, r.API())
			}
		case keyerrors.ServiceLightsail:
			if r.API() != keyerrors.ErrLightsailInvalidInput {
				t.Errorf("%s: API() = %v, Lightsail answers InvalidInputException", name, r.API())
			}
		default:
			t.Errorf("%s: unknown service %q", name, r.Service())
		}
		if r.MaxLen() != 0 && r.MinLen() > r.MaxLen() {
			t.Errorf("%s: length %d..%d", name, r.MinLen(), r.MaxLen())
		}
	}
}
