package validate

import (
	"crypto"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
)

// NewSSHPublicKey builds the SSHPublicKey that IAM answers a valid upload
// with: the user name and body of in, the id and upload date the caller
// chose, the MD5 fingerprint of the key as IAM computes it (over the SSH wire
// blob, as ssh-keygen -l -E md5 shows it without "MD5:"), and Status Active.
// It validates in as UploadSSHPublicKeyInput.ValidateKey does and returns its
// error, and refuses an id that breaks SSHPublicKeyId's rule. IAM's own ids are
// "APKA" and 16 upper-case letters and digits.
func NewSSHPublicKey(in *UploadSSHPublicKeyInput, id string, uploadDate time.Time) (*SSHPublicKey, error) {
	k, err := in.ValidateKey()
	if err != nil {
		return nil, err
	}
	if err := sshPublicKeyIdRule.Check(id); err != nil {
		return nil, err
	}
	return &SSHPublicKey{
		UserName:         in.UserName,
		SSHPublicKeyId:   id,
		Fingerprint:      k.Fingerprint(crypto.MD5).String(),
		SSHPublicKeyBody: in.SSHPublicKeyBody,
		Status:           StatusActive,
		UploadDate:       uploadDate,
	}, nil
}

// Validate checks the structure against the model's output rules
// (OutputRuleFor("SSHPublicKey", member) gives each; every member but
// UploadDate is required) and returns nil or a
// *keyerrors.RequestError whose Op is "SSHPublicKey". It does not parse the
// body: a stored key was checked when it was uploaded.
func (k *SSHPublicKey) Validate() error {
	const op = "SSHPublicKey"
	var buf [8]*keyerrors.FieldError
	errs := userNameRule.appendErrors(buf[:0], op, k.UserName)
	errs = sshPublicKeyIdRule.appendErrors(errs, op, k.SSHPublicKeyId)
	errs = fingerprintRule.appendErrors(errs, op, k.Fingerprint)
	errs = sshPublicKeyBodyRule.appendErrors(errs, op, k.SSHPublicKeyBody)
	errs = statusRule.appendErrors(errs, op, k.Status)
	return requestError(op, errs)
}

// Validate checks the structure against the model's output rules and returns
// nil or a *keyerrors.RequestError whose Op is "SSHPublicKeyMetadata". Every
// member is required.
func (m *SSHPublicKeyMetadata) Validate() error {
	const op = "SSHPublicKeyMetadata"
	var buf [8]*keyerrors.FieldError
	errs := userNameRule.appendErrors(buf[:0], op, m.UserName)
	errs = sshPublicKeyIdRule.appendErrors(errs, op, m.SSHPublicKeyId)
	errs = statusRule.appendErrors(errs, op, m.Status)
	if m.UploadDate.IsZero() {
		errs = append(errs, &keyerrors.FieldError{Op: op, Field: "UploadDate", Constraint: "Member must not be null",
			Err: keyerrors.ErrRequired, API: keyerrors.ErrValidation})
	}
	return requestError(op, errs)
}
