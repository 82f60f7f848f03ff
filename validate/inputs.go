package validate

import (
	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
)

// Operation names, as the models and the X-Amz-Target / Action of a request
// write them. They are the Op of every error this package returns.
const (
	OpSendSSHPublicKey              = "SendSSHPublicKey"
	OpSendSerialConsoleSSHPublicKey = "SendSerialConsoleSSHPublicKey"
	OpUploadSSHPublicKey            = "UploadSSHPublicKey"
	OpGetSSHPublicKey               = "GetSSHPublicKey"
	OpUpdateSSHPublicKey            = "UpdateSSHPublicKey"
	OpDeleteSSHPublicKey            = "DeleteSSHPublicKey"
	OpListSSHPublicKeys             = "ListSSHPublicKeys"
)

// SendSSHPublicKeyInput is the input of EC2 Instance Connect's
// SendSSHPublicKey, with the field names of aws-sdk-go-v2's
// ec2instanceconnect.SendSSHPublicKeyInput and JSON names as on the wire
// (awsJson1.1).
type SendSSHPublicKeyInput struct {
	// InstanceId is the instance to push the key to: required, InstanceIdRule.
	InstanceId string `json:"InstanceId"`
	// InstanceOSUser is the OS user the key is for: required,
	// InstanceOSUserRule.
	InstanceOSUser string `json:"InstanceOSUser"`
	// SSHPublicKey is the key, one authorized_keys line or an RFC 4716
	// file: required, SSHPublicKeyRule and EC2InstanceConnectKeyPolicy.
	SSHPublicKey string `json:"SSHPublicKey"`
	// AvailabilityZone is optional: AvailabilityZoneRule.
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
	const op = OpSendSSHPublicKey
	var buf [8]*keyerrors.FieldError
	errs := InstanceIdRule.appendErrors(buf[:0], op, in.InstanceId)
	errs = InstanceOSUserRule.appendErrors(errs, op, in.InstanceOSUser)
	n := len(errs)
	errs = SSHPublicKeyRule.appendErrors(errs, op, in.SSHPublicKey)
	errs, k := ec2KeyMember.check(errs, op, in.SSHPublicKey, len(errs) > n, wantKey)
	errs = AvailabilityZoneRule.appendErrors(errs, op, in.AvailabilityZone)
	return keyResult(op, errs, k)
}

// SendSerialConsoleSSHPublicKeyInput is the input of EC2 Instance Connect's
// SendSerialConsoleSSHPublicKey.
type SendSerialConsoleSSHPublicKeyInput struct {
	// InstanceId is the instance: required, InstanceIdRule.
	InstanceId string `json:"InstanceId"`
	// SerialPort is the serial port; 0, the default, is the only valid
	// port: SerialPortRule.
	SerialPort int `json:"SerialPort,omitempty"`
	// SSHPublicKey is the key: required, SSHPublicKeyRule and
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
	const op = OpSendSerialConsoleSSHPublicKey
	var buf [8]*keyerrors.FieldError
	errs := InstanceIdRule.appendErrors(buf[:0], op, in.InstanceId)
	if fe := SerialPortRule.check(op, in.SerialPort); fe != nil {
		errs = append(errs, fe)
	}
	n := len(errs)
	errs = SSHPublicKeyRule.appendErrors(errs, op, in.SSHPublicKey)
	errs, k := ec2KeyMember.check(errs, op, in.SSHPublicKey, len(errs) > n, wantKey)
	return keyResult(op, errs, k)
}

// UploadSSHPublicKeyInput is the input of IAM's UploadSSHPublicKey, with the
// field names of aws-sdk-go-v2's iam.UploadSSHPublicKeyInput and the awsQuery
// parameter names.
type UploadSSHPublicKeyInput struct {
	// UserName is the IAM user: required, UserNameRule.
	UserName string `json:"UserName"`
	// SSHPublicKeyBody is the key, in authorized_keys (ssh-rsa) or PEM
	// encoding: required, SSHPublicKeyBodyRule and IAMKeyPolicy.
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
	const op = OpUploadSSHPublicKey
	var buf [8]*keyerrors.FieldError
	errs := UserNameRule.appendErrors(buf[:0], op, in.UserName)
	n := len(errs)
	errs = SSHPublicKeyBodyRule.appendErrors(errs, op, in.SSHPublicKeyBody)
	errs, k := iamKeyMember.check(errs, op, in.SSHPublicKeyBody, len(errs) > n, wantKey)
	return keyResult(op, errs, k)
}

// GetSSHPublicKeyInput is the input of IAM's GetSSHPublicKey.
type GetSSHPublicKeyInput struct {
	// UserName is the IAM user: required, UserNameRule.
	UserName string `json:"UserName"`
	// SSHPublicKeyId is the key's id: required, SSHPublicKeyIdRule.
	SSHPublicKeyId string `json:"SSHPublicKeyId"`
	// Encoding is EncodingSSH or EncodingPEM: required, EncodingRule.
	Encoding string `json:"Encoding"`
}

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// whose failures wrap keyerrors.ErrValidation.
func (in *GetSSHPublicKeyInput) Validate() error {
	var buf [8]*keyerrors.FieldError
	errs := UserNameRule.appendErrors(buf[:0], OpGetSSHPublicKey, in.UserName)
	errs = SSHPublicKeyIdRule.appendErrors(errs, OpGetSSHPublicKey, in.SSHPublicKeyId)
	errs = EncodingRule.appendErrors(errs, OpGetSSHPublicKey, in.Encoding)
	return requestError(OpGetSSHPublicKey, errs)
}

// UpdateSSHPublicKeyInput is the input of IAM's UpdateSSHPublicKey.
type UpdateSSHPublicKeyInput struct {
	// UserName is the IAM user: required, UserNameRule.
	UserName string `json:"UserName"`
	// SSHPublicKeyId is the key's id: required, SSHPublicKeyIdRule.
	SSHPublicKeyId string `json:"SSHPublicKeyId"`
	// Status is StatusActive, StatusInactive or StatusExpired: required,
	// StatusRule.
	Status string `json:"Status"`
}

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// whose failures wrap keyerrors.ErrValidation.
func (in *UpdateSSHPublicKeyInput) Validate() error {
	var buf [8]*keyerrors.FieldError
	errs := UserNameRule.appendErrors(buf[:0], OpUpdateSSHPublicKey, in.UserName)
	errs = SSHPublicKeyIdRule.appendErrors(errs, OpUpdateSSHPublicKey, in.SSHPublicKeyId)
	errs = StatusRule.appendErrors(errs, OpUpdateSSHPublicKey, in.Status)
	return requestError(OpUpdateSSHPublicKey, errs)
}

// DeleteSSHPublicKeyInput is the input of IAM's DeleteSSHPublicKey.
type DeleteSSHPublicKeyInput struct {
	// UserName is the IAM user: required, UserNameRule.
	UserName string `json:"UserName"`
	// SSHPublicKeyId is the key's id: required, SSHPublicKeyIdRule.
	SSHPublicKeyId string `json:"SSHPublicKeyId"`
}

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// whose failures wrap keyerrors.ErrValidation.
func (in *DeleteSSHPublicKeyInput) Validate() error {
	var buf [8]*keyerrors.FieldError
	errs := UserNameRule.appendErrors(buf[:0], OpDeleteSSHPublicKey, in.UserName)
	errs = SSHPublicKeyIdRule.appendErrors(errs, OpDeleteSSHPublicKey, in.SSHPublicKeyId)
	return requestError(OpDeleteSSHPublicKey, errs)
}

// ListSSHPublicKeysInput is the input of IAM's ListSSHPublicKeys.
type ListSSHPublicKeysInput struct {
	// UserName is optional (absent: the caller's own user):
	// ListUserNameRule.
	UserName string `json:"UserName,omitempty"`
	// Marker is the Marker of the previous page: optional, MarkerRule.
	Marker string `json:"Marker,omitempty"`
	// MaxItems is the page size; 0 is absent (IAM's default is 100):
	// MaxItemsRule.
	MaxItems int `json:"MaxItems,omitempty"`
}

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// whose failures wrap keyerrors.ErrValidation.
func (in *ListSSHPublicKeysInput) Validate() error {
	var buf [8]*keyerrors.FieldError
	errs := ListUserNameRule.appendErrors(buf[:0], OpListSSHPublicKeys, in.UserName)
	errs = MarkerRule.appendErrors(errs, OpListSSHPublicKeys, in.Marker)
	if fe := MaxItemsRule.check(OpListSSHPublicKeys, in.MaxItems); fe != nil {
		errs = append(errs, fe)
	}
	return requestError(OpListSSHPublicKeys, errs)
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
