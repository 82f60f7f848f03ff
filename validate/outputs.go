package validate

import (
	"encoding/xml"
	"time"
)

// SendSSHPublicKeyOutput is the response of SendSSHPublicKey. A pushed key
// lives 60 seconds on the instance.
type SendSSHPublicKeyOutput struct {
	// RequestId identifies the request.
	RequestId string `json:"RequestId,omitempty"`
	// Success reports whether the key was pushed.
	Success bool `json:"Success"`
}

// SendSerialConsoleSSHPublicKeyOutput is the response of
// SendSerialConsoleSSHPublicKey.
type SendSerialConsoleSSHPublicKeyOutput struct {
	// RequestId identifies the request.
	RequestId string `json:"RequestId,omitempty"`
	// Success reports whether the key was pushed.
	Success bool `json:"Success"`
}

// SSHPublicKey is IAM's SSHPublicKey structure, the result of
// UploadSSHPublicKey and GetSSHPublicKey.
type SSHPublicKey struct {
	// UserName is the IAM user the key belongs to.
	UserName string `json:"UserName" xml:"UserName"`
	// SSHPublicKeyId is the key's id: length 20..128, pattern ^[\w]+$
	// (IAM's ids are APKA and 16 upper-case letters and digits).
	SSHPublicKeyId string `json:"SSHPublicKeyId" xml:"SSHPublicKeyId"`
	// Fingerprint is the MD5 fingerprint of the key's SSH wire blob, as
	// fingerprint.MD5 gives it: pattern ^[:\w]+$.
	Fingerprint string `json:"Fingerprint" xml:"Fingerprint"`
	// SSHPublicKeyBody is the key in the encoding asked for.
	SSHPublicKeyBody string `json:"SSHPublicKeyBody" xml:"SSHPublicKeyBody"`
	// Status is StatusActive, StatusInactive or StatusExpired.
	Status string `json:"Status" xml:"Status"`
	// UploadDate is when the key was uploaded; the zero time is absent,
	// in JSON (omitzero) and in XML (MarshalXML).
	UploadDate time.Time `json:"UploadDate,omitzero" xml:"UploadDate"`
}

// MarshalXML writes k with its fields' tags, leaving out UploadDate when it
// is the zero time, as JSON's omitzero does. encoding/xml's omitempty does
// not apply to a struct such as time.Time, so without this method a zero
// time would be written as <UploadDate>0001-01-01T00:00:00Z</UploadDate>.
// Any other time is written as time.Time's MarshalText gives it (RFC 3339).
func (k SSHPublicKey) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	type fields SSHPublicKey // the same fields and tags, without MarshalXML
	v := struct {
		fields
		// UploadDate is shallower than fields' UploadDate, so it hides
		// it, as in Go's own field selection.
		UploadDate *time.Time `xml:"UploadDate,omitempty"`
	}{fields: fields(k)}
	if !k.UploadDate.IsZero() {
		v.UploadDate = &k.UploadDate
	}
	return e.EncodeElement(v, start)
}

// SSHPublicKeyMetadata is one entry of ListSSHPublicKeys: a key without its
// body and fingerprint. Its UploadDate is required, so it is always written,
// the zero time included.
type SSHPublicKeyMetadata struct {
	UserName       string    `json:"UserName" xml:"UserName"`
	SSHPublicKeyId string    `json:"SSHPublicKeyId" xml:"SSHPublicKeyId"`
	Status         string    `json:"Status" xml:"Status"`
	UploadDate     time.Time `json:"UploadDate" xml:"UploadDate"`
}

// UploadSSHPublicKeyOutput is the response of UploadSSHPublicKey.
type UploadSSHPublicKeyOutput struct {
	SSHPublicKey *SSHPublicKey `json:"SSHPublicKey,omitempty" xml:"SSHPublicKey,omitempty"`
}

// GetSSHPublicKeyOutput is the response of GetSSHPublicKey.
type GetSSHPublicKeyOutput struct {
	SSHPublicKey *SSHPublicKey `json:"SSHPublicKey,omitempty" xml:"SSHPublicKey,omitempty"`
}

// UpdateSSHPublicKeyOutput is the (empty) response of UpdateSSHPublicKey.
type UpdateSSHPublicKeyOutput struct{}

// DeleteSSHPublicKeyOutput is the (empty) response of DeleteSSHPublicKey.
type DeleteSSHPublicKeyOutput struct{}

// ListSSHPublicKeysOutput is the response of ListSSHPublicKeys.
type ListSSHPublicKeysOutput struct {
	// SSHPublicKeys is one page of keys.
	SSHPublicKeys []SSHPublicKeyMetadata `json:"SSHPublicKeys" xml:"SSHPublicKeys>member"`
	// IsTruncated reports whether more keys follow; then Marker is the
	// next request's Marker.
	IsTruncated bool   `json:"IsTruncated" xml:"IsTruncated"`
	Marker      string `json:"Marker,omitempty" xml:"Marker,omitempty"`
}
