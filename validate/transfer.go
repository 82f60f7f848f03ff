package validate

import (
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
)

// Transfer Family checks the model's constraints first, every member, and
// answers them with ValidationException in the Smithy frame:
//
//	1 validation error detected: Value 'ab' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 3
//
// leaving the key body's value out. A body that passes its pattern but holds
// no key Transfer takes is InvalidRequestException ("Unsupported or invalid
// SSH public key format").

// TransferImportSshPublicKeyInput is the input of Transfer Family's
// ImportSshPublicKey, with the field names of aws-sdk-go-v2's
// transfer.ImportSshPublicKeyInput and JSON names as on the wire
// (awsJson1.1).
type TransferImportSshPublicKeyInput struct {
	// ServerId is the server: required, length 19..19, pattern
	// s-([0-9a-f]{17}).
	ServerId string `json:"ServerId"`
	// SshPublicKeyBody is the key, one OpenSSH line: required, length
	// 0..2048, the model's pattern, and TransferKeyPolicy.
	SshPublicKeyBody string `json:"SshPublicKeyBody"`
	// UserName is the server's user: required, length 3..100, pattern
	// [\w][\w@.-]{2,99}.
	UserName string `json:"UserName"`
}

// Validate checks every field, and the key against TransferKeyPolicy, and
// returns nil or a *keyerrors.RequestError listing every broken
// constraint. A broken length or pattern wraps
// keyerrors.ErrTransferValidation; a key Transfer does not take wraps
// keyerrors.ErrTransferInvalidRequest and the key sentinel. Like
// SendSSHPublicKeyInput.Validate, it makes no Key.
func (in *TransferImportSshPublicKeyInput) Validate() error {
	_, err := in.validate(false)
	return err
}

// ValidateKey is Validate that also returns the parsed key when all holds.
func (in *TransferImportSshPublicKeyInput) ValidateKey() (*sshkey.Key, error) {
	return in.validate(true)
}

func (in *TransferImportSshPublicKeyInput) validate(wantKey bool) (*sshkey.Key, error) {
	op := OpTransferImportSshPublicKey.Name()
	var buf [8]*keyerrors.FieldError
	errs := transferServerIdRule.appendErrors(buf[:0], op, in.ServerId)
	n := len(errs)
	errs = transferKeyBodyRule.appendErrors(errs, op, in.SshPublicKeyBody)
	errs, k := transferKeyMember.check(errs, op, in.SshPublicKeyBody, len(errs) > n, wantKey)
	errs = transferUserNameRule.appendErrors(errs, op, in.UserName)
	return keyResult(op, errs, k)
}

// TransferDeleteSshPublicKeyInput is the input of DeleteSshPublicKey.
type TransferDeleteSshPublicKeyInput struct {
	// ServerId is the server: required, as TransferImportSshPublicKeyInput's.
	ServerId string `json:"ServerId"`
	// SshPublicKeyId is the key's id: required, length 21..21, pattern
	// key-[0-9a-f]{17}.
	SshPublicKeyId string `json:"SshPublicKeyId"`
	// UserName is the server's user: required.
	UserName string `json:"UserName"`
}

// Validate checks every field and returns nil, or a *keyerrors.RequestError
// whose failures wrap keyerrors.ErrTransferValidation.
func (in *TransferDeleteSshPublicKeyInput) Validate() error {
	op := OpTransferDeleteSshPublicKey.Name()
	var buf [8]*keyerrors.FieldError
	errs := transferServerIdRule.appendErrors(buf[:0], op, in.ServerId)
	errs = transferKeyIdRule.appendErrors(errs, op, in.SshPublicKeyId)
	errs = transferUserNameRule.appendErrors(errs, op, in.UserName)
	return requestError(op, errs)
}

// TransferCreateUserInput is the input of CreateUser, with the members that
// keyvet checks: the ones the key needs and the required ones. (The
// service's other members, home directories, policies, POSIX profiles and
// tags, are outside keyvet.)
type TransferCreateUserInput struct {
	// Role is the IAM role the user assumes: required, length 20..2048,
	// pattern arn:.*role/\S+.
	Role string `json:"Role"`
	// ServerId is the server: required.
	ServerId string `json:"ServerId"`
	// SshPublicKeyBody is the user's first key: optional, as
	// TransferImportSshPublicKeyInput's.
	SshPublicKeyBody string `json:"SshPublicKeyBody,omitempty"`
	// UserName is the new user: required.
	UserName string `json:"UserName"`
}

// Validate checks every field, and the key when there is one, as
// TransferImportSshPublicKeyInput.Validate does.
func (in *TransferCreateUserInput) Validate() error {
	_, err := in.validate(false)
	return err
}

// ValidateKey is Validate that also returns the parsed key when all holds
// and there is one (nil without a key).
func (in *TransferCreateUserInput) ValidateKey() (*sshkey.Key, error) {
	return in.validate(true)
}

func (in *TransferCreateUserInput) validate(wantKey bool) (*sshkey.Key, error) {
	op := OpTransferCreateUser.Name()
	var buf [8]*keyerrors.FieldError
	errs := transferRoleRule.appendErrors(buf[:0], op, in.Role)
	errs = transferServerIdRule.appendErrors(errs, op, in.ServerId)
	var k *sshkey.Key
	if in.SshPublicKeyBody != "" {
		n := len(errs)
		errs = transferOptionalKeyBodyRule.appendErrors(errs, op, in.SshPublicKeyBody)
		errs, k = transferCreateUserKeyMember.check(errs, op, in.SshPublicKeyBody, len(errs) > n, wantKey)
	}
	errs = transferUserNameRule.appendErrors(errs, op, in.UserName)
	return keyResult(op, errs, k)
}

// TransferDescribeUserInput is the input of DescribeUser.
type TransferDescribeUserInput struct {
	ServerId string `json:"ServerId"`
	UserName string `json:"UserName"`
}

// Validate checks both fields (required, as TransferImportSshPublicKeyInput's).
func (in *TransferDescribeUserInput) Validate() error {
	op := OpTransferDescribeUser.Name()
	var buf [4]*keyerrors.FieldError
	errs := transferServerIdRule.appendErrors(buf[:0], op, in.ServerId)
	errs = transferUserNameRule.appendErrors(errs, op, in.UserName)
	return requestError(op, errs)
}

// TransferListUsersInput is the input of ListUsers, as far as the model
// keyvet carries gives it: the server.
type TransferListUsersInput struct {
	ServerId string `json:"ServerId"`
}

// Validate checks ServerId (required).
func (in *TransferListUsersInput) Validate() error {
	op := OpTransferListUsers.Name()
	var buf [2]*keyerrors.FieldError
	return requestError(op, transferServerIdRule.appendErrors(buf[:0], op, in.ServerId))
}

// TransferImportSshPublicKeyOutput is the response of ImportSshPublicKey
// (the model's ImportSshPublicKeyResponse).
type TransferImportSshPublicKeyOutput struct {
	ServerId       string `json:"ServerId"`
	SshPublicKeyId string `json:"SshPublicKeyId"`
	UserName       string `json:"UserName"`
}

// TransferSshPublicKey is one key of a DescribedUser (transfer
// types.SshPublicKey).
type TransferSshPublicKey struct {
	// DateImported is when the key was imported.
	DateImported time.Time `json:"DateImported"`
	// SshPublicKeyBody is the key as it was imported.
	SshPublicKeyBody string `json:"SshPublicKeyBody"`
	// SshPublicKeyId is "key-" and 17 hex digits.
	SshPublicKeyId string `json:"SshPublicKeyId"`
}

// TransferDescribedUser is the user DescribeUser answers with (transfer
// types.DescribedUser), with the members keyvet's operations fill.
type TransferDescribedUser struct {
	Arn           string                 `json:"Arn"`
	Role          string                 `json:"Role,omitempty"`
	SshPublicKeys []TransferSshPublicKey `json:"SshPublicKeys,omitempty"`
	UserName      string                 `json:"UserName,omitempty"`
}

// TransferDescribeUserOutput is the response of DescribeUser.
type TransferDescribeUserOutput struct {
	ServerId string                `json:"ServerId"`
	User     TransferDescribedUser `json:"User"`
}

// TransferListedUser is one user of ListUsers (transfer types.ListedUser).
type TransferListedUser struct {
	Arn               string `json:"Arn"`
	Role              string `json:"Role,omitempty"`
	SshPublicKeyCount int    `json:"SshPublicKeyCount"`
	UserName          string `json:"UserName,omitempty"`
}

// TransferListUsersOutput is the response of ListUsers.
type TransferListUsersOutput struct {
	ServerId string               `json:"ServerId"`
	Users    []TransferListedUser `json:"Users"`
}

// NewTransferSshPublicKey builds the key Transfer keeps for a valid
// ImportSshPublicKey, and its response: the body of in, the id and date the
// caller chose. It validates in as
// TransferImportSshPublicKeyInput.ValidateKey does and returns its error,
// and refuses an id that breaks SshPublicKeyId's rule (Transfer's ids are
// "key-" and 17 hex digits).
func NewTransferSshPublicKey(in *TransferImportSshPublicKeyInput, id string, imported time.Time) (*TransferSshPublicKey, *TransferImportSshPublicKeyOutput, error) {
	if _, err := in.ValidateKey(); err != nil {
		return nil, nil, err
	}
	if err := transferKeyIdRule.Check(id); err != nil {
		return nil, nil, err
	}
	key := &TransferSshPublicKey{DateImported: imported, SshPublicKeyBody: in.SshPublicKeyBody, SshPublicKeyId: id}
	return key, &TransferImportSshPublicKeyOutput{ServerId: in.ServerId, SshPublicKeyId: id, UserName: in.UserName}, nil
}
