package validate

import (
	"regexp"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// The rules of EC2 Instance Connect (ec2-instance-connect, 2018-04-02), shape
// by shape as the Smithy model defines them. Both operations share
// InstanceId and SSHPublicKey.
var (
	// InstanceIdRule is the InstanceId member: required, length 10..32,
	// pattern ^i-[a-f0-9]+$.
	InstanceIdRule = &Rule{
		Member: "InstanceId", Service: keyerrors.ServiceEC2InstanceConnect, Required: true,
		MinLen: 10, MaxLen: 32,
		ModelPattern: `^i-[a-f0-9]+$`,
		Pattern:      regexp.MustCompile(`^i-[a-f0-9]+$`),
		matcher:      matchInstanceId,
	}

	// InstanceOSUserRule is the InstanceOSUser member: required, length
	// 1..32, and the model's pattern
	//
	//	^(^[A-Za-z_][A-Za-z0-9\@\._-]{0,30}[A-Za-z0-9\$_-]?$)|(^(?=.{2,32}$)[0-9]{1,32}[A-Za-z\@\._-][A-Za-z0-9\@\._-]*[A-Za-z0-9\$_-]?$)$
	//
	// a user name that starts with a letter or underscore, or one that
	// starts with digits and holds a letter or one of @._- after them. RE2
	// has no lookahead, so Pattern drops (?=.{2,32}$) and MatchPattern
	// checks what it said: a value that only the second branch matches
	// has at most 32 characters (it has at least 2 by construction).
	InstanceOSUserRule = &Rule{
		Member: "InstanceOSUser", Service: keyerrors.ServiceEC2InstanceConnect, Required: true,
		MinLen: 1, MaxLen: 32,
		ModelPattern: `^(^[A-Za-z_][A-Za-z0-9\@\._-]{0,30}[A-Za-z0-9\$_-]?$)|(^(?=.{2,32}$)[0-9]{1,32}[A-Za-z\@\._-][A-Za-z0-9\@\._-]*[A-Za-z0-9\$_-]?$)$`,
		Pattern:      regexp.MustCompile(`^(^` + osUserBranch1 + `$)|(^` + osUserBranch2 + `$)$`),
		match:        matchOSUser,
		matcher:      matchOSUserFast,
	}

	// SSHPublicKeyRule is the SSHPublicKey member: required, length
	// 80..4096, no pattern. Its value is key material and never appears
	// in a message. The key inside is checked against
	// EC2InstanceConnectKeyPolicy by the inputs' Validate methods.
	SSHPublicKeyRule = &Rule{
		Member: "SSHPublicKey", Service: keyerrors.ServiceEC2InstanceConnect, Required: true,
		MinLen: 80, MaxLen: 4096,
		Sensitive: true,
		matcher:   matchText,
	}

	// AvailabilityZoneRule is the AvailabilityZone member of
	// SendSSHPublicKey: optional, length 6..32, pattern
	// ^(\w+-){2,3}\d+\w+$ (\w and \d are ASCII, as in ECMA 262 and RE2).
	AvailabilityZoneRule = &Rule{
		Member: "AvailabilityZone", Service: keyerrors.ServiceEC2InstanceConnect,
		MinLen: 6, MaxLen: 32,
		ModelPattern: `^(\w+-){2,3}\d+\w+$`,
		Pattern:      regexp.MustCompile(`^(\w+-){2,3}\d+\w+$`),
		matcher:      matchAvailabilityZone,
	}

	// SerialPortRule is the SerialPort member of
	// SendSerialConsoleSSHPublicKey: optional, default 0, range 0..0.
	SerialPortRule = &IntRule{Member: "SerialPort", Service: keyerrors.ServiceEC2InstanceConnect, Min: 0, Max: 0}
)

// The two branches of InstanceOSUser's pattern, in RE2 syntax.
const (
	osUserBranch1 = `[A-Za-z_][A-Za-z0-9\@\._-]{0,30}[A-Za-z0-9\$_-]?`
	osUserBranch2 = `[0-9]{1,32}[A-Za-z\@\._-][A-Za-z0-9\@\._-]*[A-Za-z0-9\$_-]?`
)

var (
	osUserRE1 = regexp.MustCompile(`^` + osUserBranch1 + `$`)
	osUserRE2 = regexp.MustCompile(`^` + osUserBranch2 + `$`)
)

// matchOSUser holds InstanceOSUser's model pattern: the first branch, or the
// second within 2..32 characters (the model's lookahead (?=.{2,32}$)).
func matchOSUser(v string) bool {
	return osUserRE1.MatchString(v) || (utf8.RuneCountInString(v) <= 32 && osUserRE2.MatchString(v))
}

// The rules of IAM's SSH public key operations (iam, 2010-05-08). The model
// writes its character classes with \uXXXX escapes, which RE2 spells
// \x{XXXX}; the classes are the same.
var (
	// UserNameRule is the UserName member of UploadSSHPublicKey,
	// GetSSHPublicKey, UpdateSSHPublicKey and DeleteSSHPublicKey:
	// required, length 1..64, pattern ^[\w+=,.@-]+$.
	UserNameRule = &Rule{
		Member: "UserName", Service: keyerrors.ServiceIAM, Required: true,
		MinLen: 1, MaxLen: 64,
		ModelPattern: `^[\w+=,.@-]+$`,
		Pattern:      regexp.MustCompile(`^[\w+=,.@-]+$`),
		matcher:      matchUserName,
	}

	// ListUserNameRule is the UserName member of ListSSHPublicKeys: as
	// UserNameRule, but optional (absent lists the caller's own keys).
	ListUserNameRule = &Rule{
		Member: "UserName", Service: keyerrors.ServiceIAM,
		MinLen: 1, MaxLen: 64,
		ModelPattern: UserNameRule.ModelPattern,
		Pattern:      UserNameRule.Pattern,
		matcher:      matchUserName,
	}

	// SSHPublicKeyBodyRule is the SSHPublicKeyBody member of
	// UploadSSHPublicKey: required, length 1..16384, pattern
	// ^[\u0009\u000A\u000D\u0020-\u00FF]+$ (tab, line feed, carriage
	// return, and U+0020 to U+00FF). Its value is key material and never
	// appears in a message. The key inside is checked against
	// IAMKeyPolicy by UploadSSHPublicKeyInput.Validate.
	SSHPublicKeyBodyRule = &Rule{
		Member: "SSHPublicKeyBody", Service: keyerrors.ServiceIAM, Required: true,
		MinLen: 1, MaxLen: 16384,
		ModelPattern: `^[\u0009\u000A\u000D\u0020-\u00FF]+$`,
		Pattern:      regexp.MustCompile(`^[\x{0009}\x{000A}\x{000D}\x{0020}-\x{00FF}]+$`),
		Sensitive:    true,
		matcher:      matchKeyBody,
	}

	// SSHPublicKeyIdRule is the SSHPublicKeyId member of GetSSHPublicKey,
	// UpdateSSHPublicKey and DeleteSSHPublicKey, and of the SSHPublicKey
	// and SSHPublicKeyMetadata outputs: required, length 20..128, pattern
	// ^[\w]+$.
	SSHPublicKeyIdRule = &Rule{
		Member: "SSHPublicKeyId", Service: keyerrors.ServiceIAM, Required: true,
		MinLen: 20, MaxLen: 128,
		ModelPattern: `^[\w]+$`,
		Pattern:      regexp.MustCompile(`^[\w]+$`),
		matcher:      matchWord,
	}

	// EncodingRule is the Encoding member of GetSSHPublicKey: required,
	// one of SSH and PEM.
	EncodingRule = &Rule{
		Member: "Encoding", Service: keyerrors.ServiceIAM, Required: true,
		Enum: []string{EncodingSSH, EncodingPEM},
	}

	// StatusRule is the Status member of UpdateSSHPublicKey (and of the
	// outputs): required, one of Active, Inactive and Expired.
	StatusRule = &Rule{
		Member: "Status", Service: keyerrors.ServiceIAM, Required: true,
		Enum: []string{StatusActive, StatusInactive, StatusExpired},
	}

	// MarkerRule is the Marker member of ListSSHPublicKeys: optional,
	// length 1..320, pattern ^[\u0020-\u00FF]+$.
	MarkerRule = &Rule{
		Member: "Marker", Service: keyerrors.ServiceIAM,
		MinLen: 1, MaxLen: 320,
		ModelPattern: `^[\u0020-\u00FF]+$`,
		Pattern:      regexp.MustCompile(`^[\x{0020}-\x{00FF}]+$`),
		matcher:      matchMarker,
	}

	// FingerprintRule is the Fingerprint member of IAM's SSHPublicKey
	// output: required, pattern ^[:\w]+$. The model also gives it length
	// 48..48, which IAM's own fingerprints break: they are the MD5 digest
	// in colon-separated hex, 47 characters
	// ("7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51"). keyvet does not
	// enforce that length.
	FingerprintRule = &Rule{
		Member: "Fingerprint", Service: keyerrors.ServiceIAM, Required: true,
		ModelPattern: `^[:\w]+$`,
		Pattern:      regexp.MustCompile(`^[:\w]+$`),
		matcher:      matchFingerprint,
	}

	// MaxItemsRule is the MaxItems member of ListSSHPublicKeys: optional
	// (IAM's default is 100), range 1..1000.
	MaxItemsRule = &IntRule{Member: "MaxItems", Service: keyerrors.ServiceIAM, Min: 1, Max: 1000}
)

// The values of IAM's encodingType and statusType enums.
const (
	EncodingSSH = "SSH"
	EncodingPEM = "PEM"

	StatusActive   = "Active"
	StatusInactive = "Inactive"
	StatusExpired  = "Expired"
)

// Rules returns every string rule of the seven operations, EC2 Instance
// Connect's first, in the order of this file. The slice is new on every
// call; the rules in it are shared.
func Rules() []*Rule {
	return []*Rule{
		InstanceIdRule, InstanceOSUserRule, SSHPublicKeyRule, AvailabilityZoneRule,
		UserNameRule, ListUserNameRule, SSHPublicKeyBodyRule, SSHPublicKeyIdRule,
		EncodingRule, StatusRule, MarkerRule,
	}
}

// IntRules returns every integer rule of the seven operations.
func IntRules() []*IntRule {
	return []*IntRule{SerialPortRule, MaxItemsRule}
}
