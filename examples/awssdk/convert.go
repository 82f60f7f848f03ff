package awssdk

import (
	"github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/keyvet/keyvet/validate"
)

// The From functions convert an aws-sdk-go-v2 input to keyvet's: a nil
// pointer is an absent member (the empty string, or 0 for an integer); a nil
// input converts to an input with every member absent, which Validate
// refuses for its required members; an enum (iamtypes.EncodingType,
// iamtypes.StatusType) converts to its string. The package documentation says
// what the conversion cannot carry.

// FromSendSSHPublicKeyInput converts EC2 Instance Connect's SendSSHPublicKey
// input.
func FromSendSSHPublicKeyInput(in *ec2instanceconnect.SendSSHPublicKeyInput) *validate.SendSSHPublicKeyInput {
	if in == nil {
		return &validate.SendSSHPublicKeyInput{}
	}
	return &validate.SendSSHPublicKeyInput{
		InstanceId:       str(in.InstanceId),
		InstanceOSUser:   str(in.InstanceOSUser),
		SSHPublicKey:     str(in.SSHPublicKey),
		AvailabilityZone: str(in.AvailabilityZone),
	}
}

// FromSendSerialConsoleSSHPublicKeyInput converts EC2 Instance Connect's
// SendSerialConsoleSSHPublicKey input. The SDK's SerialPort is not a pointer:
// its 0 is the model's default, which is also keyvet's absent value.
func FromSendSerialConsoleSSHPublicKeyInput(in *ec2instanceconnect.SendSerialConsoleSSHPublicKeyInput) *validate.SendSerialConsoleSSHPublicKeyInput {
	if in == nil {
		return &validate.SendSerialConsoleSSHPublicKeyInput{}
	}
	return &validate.SendSerialConsoleSSHPublicKeyInput{
		InstanceId:   str(in.InstanceId),
		SerialPort:   int(in.SerialPort),
		SSHPublicKey: str(in.SSHPublicKey),
	}
}

// FromUploadSSHPublicKeyInput converts IAM's UploadSSHPublicKey input.
func FromUploadSSHPublicKeyInput(in *iam.UploadSSHPublicKeyInput) *validate.UploadSSHPublicKeyInput {
	if in == nil {
		return &validate.UploadSSHPublicKeyInput{}
	}
	return &validate.UploadSSHPublicKeyInput{
		UserName:         str(in.UserName),
		SSHPublicKeyBody: str(in.SSHPublicKeyBody),
	}
}

// FromGetSSHPublicKeyInput converts IAM's GetSSHPublicKey input.
func FromGetSSHPublicKeyInput(in *iam.GetSSHPublicKeyInput) *validate.GetSSHPublicKeyInput {
	if in == nil {
		return &validate.GetSSHPublicKeyInput{}
	}
	return &validate.GetSSHPublicKeyInput{
		UserName:       str(in.UserName),
		SSHPublicKeyId: str(in.SSHPublicKeyId),
		Encoding:       string(in.Encoding),
	}
}

// FromUpdateSSHPublicKeyInput converts IAM's UpdateSSHPublicKey input.
func FromUpdateSSHPublicKeyInput(in *iam.UpdateSSHPublicKeyInput) *validate.UpdateSSHPublicKeyInput {
	if in == nil {
		return &validate.UpdateSSHPublicKeyInput{}
	}
	return &validate.UpdateSSHPublicKeyInput{
		UserName:       str(in.UserName),
		SSHPublicKeyId: str(in.SSHPublicKeyId),
		Status:         string(in.Status),
	}
}

// FromDeleteSSHPublicKeyInput converts IAM's DeleteSSHPublicKey input.
func FromDeleteSSHPublicKeyInput(in *iam.DeleteSSHPublicKeyInput) *validate.DeleteSSHPublicKeyInput {
	if in == nil {
		return &validate.DeleteSSHPublicKeyInput{}
	}
	return &validate.DeleteSSHPublicKeyInput{
		UserName:       str(in.UserName),
		SSHPublicKeyId: str(in.SSHPublicKeyId),
	}
}

// FromListSSHPublicKeysInput converts IAM's ListSSHPublicKeys input. A
// MaxItems of 0 converts to absent; see the note above.
func FromListSSHPublicKeysInput(in *iam.ListSSHPublicKeysInput) *validate.ListSSHPublicKeysInput {
	if in == nil {
		return &validate.ListSSHPublicKeysInput{}
	}
	out := &validate.ListSSHPublicKeysInput{
		UserName: str(in.UserName),
		Marker:   str(in.Marker),
	}
	if in.MaxItems != nil {
		out.MaxItems = int(*in.MaxItems)
	}
	return out
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
