package validate

import (
	"fmt"
	"regexp"
	"strings"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// The rules of EC2 Instance Connect (ec2-instance-connect, 2018-04-02), shape
// by shape as the Smithy model defines them. Both operations share
// InstanceId and SSHPublicKey. RuleFor gives a copy of each; these values
// are never written after initialisation.
var (
	// InstanceId: required, length 10..32, pattern ^i-[a-f0-9]+$.
	instanceIdRule = Rule{
		member: "InstanceId", service: keyerrors.ServiceEC2InstanceConnect, required: true,
		minLen: 10, maxLen: 32,
		pattern: `^i-[a-f0-9]+$`,
		re:      regexp.MustCompile(`^i-[a-f0-9]+$`),
		match:   matchInstanceId,
	}

	// InstanceOSUser: required, length 1..32, and the model's pattern
	//
	//	^(^[A-Za-z_][A-Za-z0-9\@\._-]{0,30}[A-Za-z0-9\$_-]?$)|(^(?=.{2,32}$)[0-9]{1,32}[A-Za-z\@\._-][A-Za-z0-9\@\._-]*[A-Za-z0-9\$_-]?$)$
	//
	// a user name that starts with a letter or underscore, or one that
	// starts with digits and holds a letter or one of @._- after them.
	// RE2 has no lookahead; osUserRE2 spells out what (?=.{2,32}$) says.
	instanceOSUserRule = Rule{
		member: "InstanceOSUser", service: keyerrors.ServiceEC2InstanceConnect, required: true,
		minLen: 1, maxLen: 32,
		pattern: `^(^[A-Za-z_][A-Za-z0-9\@\._-]{0,30}[A-Za-z0-9\$_-]?$)|(^(?=.{2,32}$)[0-9]{1,32}[A-Za-z\@\._-][A-Za-z0-9\@\._-]*[A-Za-z0-9\$_-]?$)$`,
		re:      regexp.MustCompile(`^(^[A-Za-z_][A-Za-z0-9\@\._-]{0,30}[A-Za-z0-9\$_-]?$)|(^` + osUserRE2() + `$)$`),
		match:   matchOSUser,
	}

	// SSHPublicKey: required, length 80..4096, no pattern. Its value is
	// key material and never appears in a message. The key inside is
	// checked against the EC2 Instance Connect key policy by the inputs'
	// Validate methods.
	sshPublicKeyRule = Rule{
		member: "SSHPublicKey", service: keyerrors.ServiceEC2InstanceConnect, required: true,
		minLen: 80, maxLen: 4096,
		sensitive: true,
		match:     matchText,
	}

	// AvailabilityZone of SendSSHPublicKey: optional, length 6..32,
	// pattern ^(\w+-){2,3}\d+\w+$ (\w and \d are ASCII, as in ECMA 262 and
	// RE2).
	availabilityZoneRule = Rule{
		member: "AvailabilityZone", service: keyerrors.ServiceEC2InstanceConnect,
		minLen: 6, maxLen: 32,
		pattern: `^(\w+-){2,3}\d+\w+$`,
		re:      regexp.MustCompile(`^(\w+-){2,3}\d+\w+$`),
		match:   matchAvailabilityZone,
	}

	// SerialPort of SendSerialConsoleSSHPublicKey: optional, default 0,
	// range 0..0.
	serialPortRule = IntRule{member: "SerialPort", service: keyerrors.ServiceEC2InstanceConnect, min: 0, max: 0}
)

// osUserRE2 returns the second branch of InstanceOSUser's pattern,
// (?=.{2,32}$)[0-9]{1,32}[A-Za-z@._-][A-Za-z0-9@._-]*[A-Za-z0-9$_-]?, in RE2
// syntax with the lookahead's meaning kept. The optional last class adds
// only $ to the middle class, so the branch is k digits, one character of
// [A-Za-z@._-], m of the middle class and maybe a $; the lookahead bounds
// k+1+m (+1 for the $) by 32, which RE2 can say only one k at a time:
//
//	[0-9]{1}[A-Za-z@._-](?:[A-Za-z0-9@._-]{0,30}|[A-Za-z0-9@._-]{0,29}\$)|[0-9]{2}...|[0-9]{31}[A-Za-z@._-]
//
// (the branch has at least 2 characters by construction). The oracle tests
// hold this regexp to the model's pattern in an ECMA 262 engine.
func osUserRE2() string {
	const after, mid = `[A-Za-z\@\._-]`, `[A-Za-z0-9\@\._-]`
	alts := make([]string, 0, 31)
	for k := 1; k <= 30; k++ {
		alts = append(alts, fmt.Sprintf(`[0-9]{%d}%s(?:%s{0,%d}|%s{0,%d}\$)`, k, after, mid, 31-k, mid, 30-k))
	}
	alts = append(alts, `[0-9]{31}`+after)
	return `(?:` + strings.Join(alts, `|`) + `)`
}

// The rules of IAM's SSH public key operations (iam, 2010-05-08). The model
// writes its character classes with \uXXXX escapes, which RE2 spells
// \x{XXXX}; the classes are the same.
var (
	// UserName of UploadSSHPublicKey, GetSSHPublicKey,
	// UpdateSSHPublicKey and DeleteSSHPublicKey: required, length 1..64,
	// pattern ^[\w+=,.@-]+$.
	userNameRule = Rule{
		member: "UserName", service: keyerrors.ServiceIAM, required: true,
		minLen: 1, maxLen: 64,
		pattern: `^[\w+=,.@-]+$`,
		re:      regexp.MustCompile(`^[\w+=,.@-]+$`),
		match:   matchUserName,
	}

	// UserName of ListSSHPublicKeys: as userNameRule, but optional
	// (absent lists the caller's own keys).
	listUserNameRule = func() Rule { r := userNameRule; r.required = false; return r }()

	// SSHPublicKeyBody of UploadSSHPublicKey (and of the SSHPublicKey
	// output): required, length 1..16384, pattern
	// ^[\u0009\u000A\u000D\u0020-\u00FF]+$ (tab, line feed, carriage
	// return, and U+0020 to U+00FF). Its value is key material and never
	// appears in a message. The key inside is checked against the IAM key
	// policy by UploadSSHPublicKeyInput.Validate.
	sshPublicKeyBodyRule = Rule{
		member: "SSHPublicKeyBody", service: keyerrors.ServiceIAM, required: true,
		minLen: 1, maxLen: 16384,
		pattern:   `^[\u0009\u000A\u000D\u0020-\u00FF]+$`,
		re:        regexp.MustCompile(`^[\x{0009}\x{000A}\x{000D}\x{0020}-\x{00FF}]+$`),
		sensitive: true,
		match:     matchKeyBody,
	}

	// SSHPublicKeyId of GetSSHPublicKey, UpdateSSHPublicKey and
	// DeleteSSHPublicKey, and of the SSHPublicKey and
	// SSHPublicKeyMetadata outputs: required, length 20..128, pattern
	// ^[\w]+$.
	sshPublicKeyIdRule = Rule{
		member: "SSHPublicKeyId", service: keyerrors.ServiceIAM, required: true,
		minLen: 20, maxLen: 128,
		pattern: `^[\w]+$`,
		re:      regexp.MustCompile(`^[\w]+$`),
		match:   matchWord,
	}

	// Encoding of GetSSHPublicKey: required, one of SSH and PEM.
	encodingRule = Rule{
		member: "Encoding", service: keyerrors.ServiceIAM, required: true,
		enum:  []string{EncodingSSH, EncodingPEM},
		match: matchText,
	}

	// Status of UpdateSSHPublicKey (and of the outputs): required, one of
	// Active, Inactive and Expired.
	statusRule = Rule{
		member: "Status", service: keyerrors.ServiceIAM, required: true,
		enum:  []string{StatusActive, StatusInactive, StatusExpired},
		match: matchText,
	}

	// Marker of ListSSHPublicKeys: optional, length 1..320, pattern
	// ^[\u0020-\u00FF]+$.
	markerRule = Rule{
		member: "Marker", service: keyerrors.ServiceIAM,
		minLen: 1, maxLen: 320,
		pattern: `^[\u0020-\u00FF]+$`,
		re:      regexp.MustCompile(`^[\x{0020}-\x{00FF}]+$`),
		match:   matchMarker,
	}

	// Fingerprint of IAM's SSHPublicKey output: required, pattern
	// ^[:\w]+$. The model also gives it length 48..48, which IAM's own
	// fingerprints break: they are the MD5 digest in colon-separated hex,
	// 47 characters ("7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51").
	// keyvet does not enforce that length (docs/AWS-FACTS.md).
	fingerprintRule = Rule{
		member: "Fingerprint", service: keyerrors.ServiceIAM, required: true,
		pattern: `^[:\w]+$`,
		re:      regexp.MustCompile(`^[:\w]+$`),
		match:   matchFingerprint,
	}

	// MaxItems of ListSSHPublicKeys: optional (IAM's default is 100),
	// range 1..1000.
	maxItemsRule = IntRule{member: "MaxItems", service: keyerrors.ServiceIAM, min: 1, max: 1000}
)

// The values of IAM's encodingType and statusType enums.
const (
	EncodingSSH = "SSH"
	EncodingPEM = "PEM"

	StatusActive   = "Active"
	StatusInactive = "Inactive"
	StatusExpired  = "Expired"
)

// The rules of EC2's key pair operations (ec2, 2016-11-15, the ec2 query
// protocol). The model puts no length or pattern on any of these members:
// each rule below is keyvet's decision from the EC2 User Guide and API
// Reference (docs/AWS-FACTS.md, "EC2 key pairs"), and its pattern text is
// keyvet's, written so that an ECMA 262 engine reads it as RE2 does. A
// failure is answered with MissingParameter (an absent required member) or
// InvalidParameterValue.
var (
	// KeyName of ImportKeyPair, CreateKeyPair and DeleteKeyPair, and each
	// of DescribeKeyPairs' KeyNames: 1..255 ASCII characters, neither the
	// first nor the last a space ("up to 255 ASCII characters. It can't
	// include leading or trailing spaces").
	ec2KeyNameRule = Rule{
		member: "KeyName", service: keyerrors.ServiceEC2, required: true,
		minLen: 1, maxLen: 255,
		pattern: `^[\x00-\x1F\x21-\x7F]([\x00-\x7F]*[\x00-\x1F\x21-\x7F])?$`,
		re:      regexp.MustCompile(`^[\x00-\x1F\x21-\x7F]([\x00-\x7F]*[\x00-\x1F\x21-\x7F])?$`),
		match:   matchEC2KeyName,
	}

	// KeyName of DeleteKeyPair and the entries of DescribeKeyPairs'
	// KeyNames: as ec2KeyNameRule, but optional (DeleteKeyPair needs
	// KeyName or KeyPairId).
	ec2OptionalKeyNameRule = func() Rule { r := ec2KeyNameRule; r.required = false; return r }()

	// PublicKeyMaterial of ImportKeyPair: required, a blob (base64 on the
	// wire; the rule sees the decoded text), no length and no pattern.
	// Its value is key material and never appears in a message; the key
	// is checked against EC2ImportKeyPolicy.
	ec2PublicKeyMaterialRule = Rule{
		member: "PublicKeyMaterial", service: keyerrors.ServiceEC2, required: true,
		sensitive: true,
		match:     matchText,
	}

	// KeyType of CreateKeyPair: optional (EC2's default is rsa), one of
	// rsa and ed25519 (the model's KeyType enum).
	ec2KeyTypeRule = Rule{
		member: "KeyType", service: keyerrors.ServiceEC2,
		enum:  []string{EC2KeyTypeRSA, EC2KeyTypeED25519},
		match: matchText,
	}

	// KeyFormat of CreateKeyPair: optional (EC2's default is pem), one of
	// pem and ppk (the model's KeyFormat enum).
	ec2KeyFormatRule = Rule{
		member: "KeyFormat", service: keyerrors.ServiceEC2,
		enum:  []string{EC2KeyFormatPEM, EC2KeyFormatPPK},
		match: matchText,
	}

	// KeyPairId of DeleteKeyPair and each of DescribeKeyPairs' KeyPairIds:
	// optional, "key-" and 17 lower-case hex digits, as EC2 makes them.
	ec2KeyPairIdRule = Rule{
		member: "KeyPairId", service: keyerrors.ServiceEC2,
		pattern: `^key-[0-9a-f]{17}$`,
		re:      regexp.MustCompile(`^key-[0-9a-f]{17}$`),
		match:   matchKeyId,
	}

	// The Name of each of DescribeKeyPairs' Filters: one of the filter
	// names the API Reference lists, or tag: and a tag key.
	ec2FilterNameRule = Rule{
		member: "Name", service: keyerrors.ServiceEC2, required: true,
		pattern: `^(fingerprint|key-name|key-pair-id|key-type|tag-key|tag:[^\n\r\u2028\u2029]+)$`,
		re:      regexp.MustCompile(`^(fingerprint|key-name|key-pair-id|key-type|tag-key|tag:[^\n\r\x{2028}\x{2029}]+)$`),
		match:   matchEC2KeyPairFilter,
	}
)

// The values of EC2's KeyType and KeyFormat enums.
const (
	EC2KeyTypeRSA     = "rsa"
	EC2KeyTypeED25519 = "ed25519"

	EC2KeyFormatPEM = "pem"
	EC2KeyFormatPPK = "ppk"
)

// The rules of Transfer Family's user and SSH key operations (transfer,
// 2018-11-05, awsJson1.1), as the model gives them. The model's patterns
// are unanchored; a whole value must match, as AWS applies them, so each
// regexp is anchored. \s and \S are ECMA 262's (ecmaSpace).
var (
	// ServerId: required, length 19..19, pattern s-([0-9a-f]{17}).
	transferServerIdRule = Rule{
		member: "ServerId", service: keyerrors.ServiceTransfer, required: true,
		minLen: 19, maxLen: 19,
		pattern: `s-([0-9a-f]{17})`,
		re:      regexp.MustCompile(`^(?:s-([0-9a-f]{17}))$`),
		match:   matchServerId,
	}

	// UserName: required, length 3..100, pattern [\w][\w@.-]{2,99}.
	transferUserNameRule = Rule{
		member: "UserName", service: keyerrors.ServiceTransfer, required: true,
		minLen: 3, maxLen: 100,
		pattern: `[\w][\w@.-]{2,99}`,
		re:      regexp.MustCompile(`^(?:[\w][\w@.-]{2,99})$`),
		match:   matchTransferUserName,
	}

	// SshPublicKeyBody of ImportSshPublicKey: required, length 0..2048,
	// the model's pattern (matchTransferKeyBody reads it). Its value is
	// key material and never appears in a message, as AWS leaves it out;
	// the key is checked against TransferKeyPolicy.
	transferKeyBodyRule = Rule{
		member: "SshPublicKeyBody", service: keyerrors.ServiceTransfer, required: true,
		maxLen:    2048,
		pattern:   `\s*(ssh|ecdsa)-[a-z0-9-]+[ \t]+(([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{1,3})?(={0,3})?)(\s*|[ \t]+[\S \t]*\s*)`,
		re:        regexp.MustCompile(`^(?:` + ecmaSpace + `*(ssh|ecdsa)-[a-z0-9-]+[ \t]+(([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{1,3})?(={0,3})?)(` + ecmaSpace + `*|[ \t]+(?:` + ecmaNonSpace + `|[ \t])*` + ecmaSpace + `*))$`),
		sensitive: true,
		match:     matchTransferKeyBody,
	}

	// SshPublicKeyBody of CreateUser: as transferKeyBodyRule, but
	// optional.
	transferOptionalKeyBodyRule = func() Rule { r := transferKeyBodyRule; r.required = false; return r }()

	// SshPublicKeyId of DeleteSshPublicKey: required, length 21..21,
	// pattern key-[0-9a-f]{17}.
	transferKeyIdRule = Rule{
		member: "SshPublicKeyId", service: keyerrors.ServiceTransfer, required: true,
		minLen: 21, maxLen: 21,
		pattern: `key-[0-9a-f]{17}`,
		re:      regexp.MustCompile(`^(?:key-[0-9a-f]{17})$`),
		match:   matchKeyId,
	}

	// Role of CreateUser: required, length 20..2048, pattern
	// arn:.*role/\S+ (. is any character but an ECMA 262 line
	// terminator).
	transferRoleRule = Rule{
		member: "Role", service: keyerrors.ServiceTransfer, required: true,
		minLen: 20, maxLen: 2048,
		pattern: `arn:.*role/\S+`,
		re:      regexp.MustCompile(`^(?:arn:[^\n\r\x{2028}\x{2029}]*role/` + ecmaNonSpace + `+)$`),
		match:   matchRole,
	}
)

// The rules of Lightsail's key pair operations (lightsail, 2016-11-28,
// awsJson1.1). The model's members are written keyPairName on the wire;
// the rules use the SDK's field names, whose first letter MemberPath
// lower-cases. A failure is answered with InvalidInputException, one member
// at a time.
var (
	// KeyPairName: required, pattern \w[\w\-]*\w (the model's
	// ResourceName), no length.
	lightsailKeyPairNameRule = Rule{
		member: "KeyPairName", service: keyerrors.ServiceLightsail, required: true,
		pattern: `\w[\w\-]*\w`,
		re:      regexp.MustCompile(`^(?:\w[\w\-]*\w)$`),
		match:   matchResourceName,
	}

	// PublicKeyBase64 of ImportKeyPair: required, no length and no
	// pattern. Despite its name it holds the raw OpenSSH line, not base64
	// of it. Its value is key material and never appears in a message;
	// the key is checked against LightsailKeyPolicy.
	lightsailPublicKeyRule = Rule{
		member: "PublicKeyBase64", service: keyerrors.ServiceLightsail, required: true,
		sensitive: true,
		match:     matchText,
	}
)
