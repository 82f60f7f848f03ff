package validate

import (
	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
)

// SendSSHPublicKeyInput is the input of EC2 Instance Connect's
// SendSSHPublicKey, with the field names of aws-sdk-go-v2's
// ec2instanceconnect.SendSSHPublicKeyInput and JSON names as on the wire
// (awsJson1.1).
type SendSSHPublicKeyInput struct {
	// InstanceId is the instance to push the key to: required, length
	// 10..32, pattern ^i-[a-f0-9]+$.
	InstanceId string `json:"InstanceId"`
	// InstanceOSUser is the OS user the key is for: required, length
	// 1..32, the model's pattern (RuleFor gives it).
	InstanceOSUser string `json:"InstanceOSUser"`
	// SSHPublicKey is the key, one authorized_keys line or an RFC 4716
	// file: required, length 80..4096, and EC2InstanceConnectKeyPolicy.
	SSHPublicKey string `json:"SSHPublicKey"`
	// AvailabilityZone is optional: length 6..32, pattern
	// ^(\w+-){2,3}\d+\w+$.
	AvailabilityZone string `json:"AvailabilityZone,omitempty"`
}

// Validate checks every field, and the key against
// EC2InstanceConnectKeyPolicy, and returns nil or a *keyerrors.RequestError
// listing every broken constraint, in member order. Each failure wraps
// keyerrors.ErrInvalidArgs, EC2 Instance Connect's answer; a refused key's
// failure also wraps the key sentinel (keyerrors.ErrKeyTooSmall, ...). The
// key is vetted with sshkey's Policy.CheckText, which makes no Key: a valid
// input costs no allocation.
func (in *SendSSHPublicKeyInput) Validate() error {
	_, err := in.validate(false)
	return err
}

// ValidateKey is Validate that also returns the parsed key when all holds,
// so a caller who needs it does not parse it twice. It parses the key with
// sshkey.Parse, and gives the same answer as Validate.
func (in *SendSSHPublicKeyInput) ValidateKey() (*sshkey.Key, error) {
	return in.validate(true)
}

// validate is Validate, and ValidateKey when wantKey is set.
func (in *SendSSHPublicKeyInput) validate(wantKey bool) (*sshkey.Key, error) {
	op := OpSendSSHPublicKey.Name()
	var buf [8]*keyerrors.FieldError
	errs := instanceIdRule.appendErrors(buf[:0], op, in.InstanceId)
	errs = instanceOSUserRule.appendErrors(errs, op, in.InstanceOSUser)
	n := len(errs)
	errs = sshPublicKeyRule.appendErrors(errs, op, in.SSHPublicKey)
	errs, k := ec2KeyMember.check(errs, op, in.SSHPublicKey, len(errs) > n, wantKey)
	errs = availabilityZoneRule.appendErrors(errs, op, in.AvailabilityZone)
	return keyResult(op, errs, k)
}

// SendSerialConsoleSSHPublicKeyInput is the input of EC2 Instance Connect's
// SendSerialConsoleSSHPublicKey.
type SendSerialConsoleSSHPublicKeyInput struct {
	// InstanceId is the instance: required, length 10..32, pattern
	// ^i-[a-f0-9]+$.
	InstanceId string `json:"InstanceId"`
	// SerialPort is the serial port; 0, the default, is the only valid
	// port: range 0..0.
	SerialPort int `json:"SerialPort,omitempty"`
	// SSHPublicKey is the key: required, length 80..4096, and
	// EC2InstanceConnectKeyPolicy.
	SSHPublicKey string `json:"SSHPublicKey"`
}

// Validate checks every field, and the key against
// EC2InstanceConnectKeyPolicy, and returns nil or a *keyerrors.RequestError
// listing every broken constraint. Each failure wraps
// keyerrors.ErrInvalidArgs. Like SendSSHPublicKeyInput.Validate, it makes
// no Key.
func (in *SendSerialConsoleSSHPublicKeyInput) Validate() error {
	_, err := in.validate(false)
	return err
}

// ValidateKey is Validate that also returns the parsed key when all holds.
func (in *SendSerialConsoleSSHPublicKeyInput) ValidateKey() (*sshkey.Key, error) {
	return in.validate(true)
}

// validate is Validate, and ValidateKey when wantKey is set.
func (in *SendSerialConsoleSSHPublicKeyInput) validate(wantKey bool) (*sshkey.Key, error) {
	op := OpSendSerialConsoleSSHPublicKey.Name()
	var buf [8]*keyerrors.FieldError
	errs := instanceIdRule.appendErrors(buf[:0], op, in.InstanceId)
	if fe := serialPortRule.check(op, in.SerialPort); fe != nil {
		errs = append(errs, fe)
	}
	n := len(errs)
	errs = sshPublicKeyRule.appendErrors(errs, op, in.SSHPublicKey)
	errs, k := ec2KeyMember.check(errs, op, in.SSHPublicKey, len(errs) > n, wantKey)
	return keyResult(op, errs, k)
}

// UploadSSHPublicKeyInput is the input of IAM's UploadSSHPublicKey, with the
// field names of aws-sdk-go-v2's iam.UploadSSHPublicKeyInput and the awsQuery
// parameter names.
type UploadSSHPublicKeyInput struct {
	// UserName is the IAM user: required, length 1..64, pattern
	// ^[\w+=,.@-]+$.
	UserName string `json:"UserName"`
	// SSHPublicKeyBody is the key, in authorized_keys (ssh-rsa) or PEM
	// encoding: required, length 1..16384, pattern
	// ^[\u0009\u000A\u000D\u0020-\u00FF]+$, and IAMKeyPolicy.
	SSHPublicKeyBody string `json:"SSHPublicKeyBody"`
}

// Validate checks every field, and the key against IAMKeyPolicy, and
// returns nil or a *keyerrors.RequestError listing every broken constraint.
// A broken length or pattern wraps keyerrors.ErrValidation; a body in no
// encoding IAM takes wraps keyerrors.ErrUnrecognizedPublicKeyEncoding, and a
// key IAM can read but refuses keyerrors.ErrInvalidPublicKey, each with the
// key sentinel that says why. Like SendSSHPublicKeyInput.Validate, it
// makes no Key.
func (in *UploadSSHPublicKeyInput) Validate() error {
	_, err := in.validate(false)
	return err
}

// ValidateKey is Validate that also returns the parsed key when all holds.
func (in *UploadSSHPublicKeyInput) ValidateKey() (*sshkey.Key, error) {
	return in.validate(true)
}

// validate is Validate, and ValidateKey when wantKey is set.
func (in *UploadSSHPublicKeyInput) validate(wantKey bool) (*sshkey.Key, error) {
	op := OpUploadSSHPublicKey.Name()
	var buf [8]*keyerrors.FieldError
	errs := userNameRule.appendErrors(buf[:0], op, in.UserName)
	n := len(errs)
	errs = sshPublicKeyBodyRule.appendErrors(errs, op, in.SSHPublicKeyBody)
	errs, k := iamKeyMember.check(errs, op, in.SSHPublicKeyBody, len(errs) > n, wantKey)
	return keyResult(op, errs, k)
}

// GetSSHPublicKeyInput is the input of IAM's GetSSHPublicKey.
type GetSSHPublicKeyInput struct {
	// UserName is the IAM user: required, length 1..64, pattern
	// ^[\w+=,.@-]+$.
	UserName string `json:"UserName"`
	// SSHPublicKeyId is the key's id: required, length 20..128, pattern
	// ^[\w]+$.
	SSHPublicKeyId string `json:"SSHPublicKeyId"`
	// Encoding is EncodingSSH or EncodingPEM: required.
	Encoding string `json:"Encoding"`
}

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// whose failures wrap keyerrors.ErrValidation.
func (in *GetSSHPublicKeyInput) Validate() error {
	op := OpGetSSHPublicKey.Name()
	var buf [8]*keyerrors.FieldError
	errs := userNameRule.appendErrors(buf[:0], op, in.UserName)
	errs = sshPublicKeyIdRule.appendErrors(errs, op, in.SSHPublicKeyId)
	errs = encodingRule.appendErrors(errs, op, in.Encoding)
	return requestError(op, errs)
}

// UpdateSSHPublicKeyInput is the input of IAM's UpdateSSHPublicKey.
type UpdateSSHPublicKeyInput struct {
	// UserName is the IAM user: required, length 1..64, pattern
	// ^[\w+=,.@-]+$.
	UserName string `json:"UserName"`
	// SSHPublicKeyId is the key's id: required, length 20..128, pattern
	// ^[\w]+$.
	SSHPublicKeyId string `json:"SSHPublicKeyId"`
	// Status is StatusActive, StatusInactive or StatusExpired: required.
	Status string `json:"Status"`
}

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// whose failures wrap keyerrors.ErrValidation.
func (in *UpdateSSHPublicKeyInput) Validate() error {
	op := OpUpdateSSHPublicKey.Name()
	var buf [8]*keyerrors.FieldError
	errs := userNameRule.appendErrors(buf[:0], op, in.UserName)
	errs = sshPublicKeyIdRule.appendErrors(errs, op, in.SSHPublicKeyId)
	errs = statusRule.appendErrors(errs, op, in.Status)
	return requestError(op, errs)
}

// DeleteSSHPublicKeyInput is the input of IAM's DeleteSSHPublicKey.
type DeleteSSHPublicKeyInput struct {
	// UserName is the IAM user: required, length 1..64, pattern
	// ^[\w+=,.@-]+$.
	UserName string `json:"UserName"`
	// SSHPublicKeyId is the key's id: required, length 20..128, pattern
	// ^[\w]+$.
	SSHPublicKeyId string `json:"SSHPublicKeyId"`
}

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// whose failures wrap keyerrors.ErrValidation.
func (in *DeleteSSHPublicKeyInput) Validate() error {
	op := OpDeleteSSHPublicKey.Name()
	var buf [8]*keyerrors.FieldError
	errs := userNameRule.appendErrors(buf[:0], op, in.UserName)
	errs = sshPublicKeyIdRule.appendErrors(errs, op, in.SSHPublicKeyId)
	return requestError(op, errs)
}

// ListSSHPublicKeysInput is the input of IAM's ListSSHPublicKeys.
type ListSSHPublicKeysInput struct {
	// UserName is optional (absent: the caller's own user):
	// length 1..64, pattern ^[\w+=,.@-]+$.
	UserName string `json:"UserName,omitempty"`
	// Marker is the Marker of the previous page: optional, length 1..320,
	// pattern ^[\u0020-\u00FF]+$.
	Marker string `json:"Marker,omitempty"`
	// MaxItems is the page size; 0 is absent (IAM's default is 100):
	// range 1..1000.
	MaxItems int `json:"MaxItems,omitempty"`
}

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// whose failures wrap keyerrors.ErrValidation.
func (in *ListSSHPublicKeysInput) Validate() error {
	op := OpListSSHPublicKeys.Name()
	var buf [8]*keyerrors.FieldError
	errs := listUserNameRule.appendErrors(buf[:0], op, in.UserName)
	errs = markerRule.appendErrors(errs, op, in.Marker)
	if fe := maxItemsRule.check(op, in.MaxItems); fe != nil {
		errs = append(errs, fe)
	}
	return requestError(op, errs)
}

// keyResult returns k when errs is empty, and the request's error otherwise.
func keyResult(op string, errs []*keyerrors.FieldError, k *sshkey.Key) (*sshkey.Key, error) {
	if err := requestError(op, errs); err != nil {
		return nil, err
	}
	return k, nil
}

// requestError returns an untyped nil when errs is empty, and a
// *keyerrors.RequestError holding a copy of errs otherwise.
func requestError(op string, errs []*keyerrors.FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	return &keyerrors.RequestError{Op: op, Fields: append([]*keyerrors.FieldError(nil), errs...)}
}
