package validate

import (
	keyerrors "github.com/keyvet/keyvet/errors"
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

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// listing every broken constraint, in member order. Each failure wraps
// keyerrors.ErrInvalidArgs, EC2 Instance Connect's answer.
func (in *SendSSHPublicKeyInput) Validate() error {
	var buf [8]*keyerrors.FieldError
	errs := InstanceIdRule.appendErrors(buf[:0], OpSendSSHPublicKey, in.InstanceId)
	errs = InstanceOSUserRule.appendErrors(errs, OpSendSSHPublicKey, in.InstanceOSUser)
	errs = SSHPublicKeyRule.appendErrors(errs, OpSendSSHPublicKey, in.SSHPublicKey)
	errs = AvailabilityZoneRule.appendErrors(errs, OpSendSSHPublicKey, in.AvailabilityZone)
	return requestError(OpSendSSHPublicKey, errs)
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

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// listing every broken constraint. Each failure wraps
// keyerrors.ErrInvalidArgs.
func (in *SendSerialConsoleSSHPublicKeyInput) Validate() error {
	var buf [8]*keyerrors.FieldError
	errs := InstanceIdRule.appendErrors(buf[:0], OpSendSerialConsoleSSHPublicKey, in.InstanceId)
	if fe := SerialPortRule.check(OpSendSerialConsoleSSHPublicKey, in.SerialPort); fe != nil {
		errs = append(errs, fe)
	}
	errs = SSHPublicKeyRule.appendErrors(errs, OpSendSerialConsoleSSHPublicKey, in.SSHPublicKey)
	return requestError(OpSendSerialConsoleSSHPublicKey, errs)
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

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// listing every broken constraint. A broken length or pattern wraps
// keyerrors.ErrValidation.
func (in *UploadSSHPublicKeyInput) Validate() error {
	var buf [8]*keyerrors.FieldError
	errs := UserNameRule.appendErrors(buf[:0], OpUploadSSHPublicKey, in.UserName)
	errs = SSHPublicKeyBodyRule.appendErrors(errs, OpUploadSSHPublicKey, in.SSHPublicKeyBody)
	return requestError(OpUploadSSHPublicKey, errs)
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

// requestError returns an untyped nil when errs is empty, and a
// *keyerrors.RequestError holding a copy of errs otherwise.
func requestError(op string, errs []*keyerrors.FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	return &keyerrors.RequestError{Op: op, Fields: append([]*keyerrors.FieldError(nil), errs...)}
}
