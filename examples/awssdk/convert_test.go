package awssdk_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/keyvet/keyvet/examples/awssdk"
	"github.com/keyvet/keyvet/validate"
)

func TestFrom(t *testing.T) {
	for _, tc := range []struct {
		name, reason string
		got, want    any
	}{
		{"send", "every member carried",
			*awssdk.FromSendSSHPublicKeyInput(&ec2instanceconnect.SendSSHPublicKeyInput{
				InstanceId: aws.String("i-1"), InstanceOSUser: aws.String("u"), SSHPublicKey: aws.String("k"), AvailabilityZone: aws.String("az")}),
			validate.SendSSHPublicKeyInput{InstanceId: "i-1", InstanceOSUser: "u", SSHPublicKey: "k", AvailabilityZone: "az"}},
		{"send-nil-members", "a nil pointer is absent",
			*awssdk.FromSendSSHPublicKeyInput(&ec2instanceconnect.SendSSHPublicKeyInput{InstanceId: aws.String("i-1")}),
			validate.SendSSHPublicKeyInput{InstanceId: "i-1"}},
		{"send-nil", "a nil input has every member absent", *awssdk.FromSendSSHPublicKeyInput(nil), validate.SendSSHPublicKeyInput{}},
		{"serial", "SerialPort is an int32, not a pointer",
			*awssdk.FromSendSerialConsoleSSHPublicKeyInput(&ec2instanceconnect.SendSerialConsoleSSHPublicKeyInput{
				InstanceId: aws.String("i-1"), SerialPort: 3, SSHPublicKey: aws.String("k")}),
			validate.SendSerialConsoleSSHPublicKeyInput{InstanceId: "i-1", SerialPort: 3, SSHPublicKey: "k"}},
		{"serial-nil", "nil input", *awssdk.FromSendSerialConsoleSSHPublicKeyInput(nil), validate.SendSerialConsoleSSHPublicKeyInput{}},
		{"upload", "both members",
			*awssdk.FromUploadSSHPublicKeyInput(&iam.UploadSSHPublicKeyInput{UserName: aws.String("a"), SSHPublicKeyBody: aws.String("k")}),
			validate.UploadSSHPublicKeyInput{UserName: "a", SSHPublicKeyBody: "k"}},
		{"upload-nil", "nil input", *awssdk.FromUploadSSHPublicKeyInput(nil), validate.UploadSSHPublicKeyInput{}},
		{"get", "the enum converts to its string",
			*awssdk.FromGetSSHPublicKeyInput(&iam.GetSSHPublicKeyInput{UserName: aws.String("a"), SSHPublicKeyId: aws.String("id"), Encoding: iamtypes.EncodingTypePem}),
			validate.GetSSHPublicKeyInput{UserName: "a", SSHPublicKeyId: "id", Encoding: validate.EncodingPEM}},
		{"get-nil", "nil input", *awssdk.FromGetSSHPublicKeyInput(nil), validate.GetSSHPublicKeyInput{}},
		{"update", "the enum converts to its string",
			*awssdk.FromUpdateSSHPublicKeyInput(&iam.UpdateSSHPublicKeyInput{UserName: aws.String("a"), SSHPublicKeyId: aws.String("id"), Status: iamtypes.StatusTypeExpired}),
			validate.UpdateSSHPublicKeyInput{UserName: "a", SSHPublicKeyId: "id", Status: validate.StatusExpired}},
		{"update-nil", "nil input", *awssdk.FromUpdateSSHPublicKeyInput(nil), validate.UpdateSSHPublicKeyInput{}},
		{"delete", "both members",
			*awssdk.FromDeleteSSHPublicKeyInput(&iam.DeleteSSHPublicKeyInput{UserName: aws.String("a"), SSHPublicKeyId: aws.String("id")}),
			validate.DeleteSSHPublicKeyInput{UserName: "a", SSHPublicKeyId: "id"}},
		{"delete-nil", "nil input", *awssdk.FromDeleteSSHPublicKeyInput(nil), validate.DeleteSSHPublicKeyInput{}},
		{"list", "MaxItems dereferenced",
			*awssdk.FromListSSHPublicKeysInput(&iam.ListSSHPublicKeysInput{UserName: aws.String("a"), Marker: aws.String("m"), MaxItems: aws.Int32(7)}),
			validate.ListSSHPublicKeysInput{UserName: "a", Marker: "m", MaxItems: 7}},
		{"list-empty", "every member optional and absent", *awssdk.FromListSSHPublicKeysInput(&iam.ListSSHPublicKeysInput{}), validate.ListSSHPublicKeysInput{}},
		{"list-nil", "nil input", *awssdk.FromListSSHPublicKeysInput(nil), validate.ListSSHPublicKeysInput{}},
	} {
		if tc.got != tc.want {
			t.Errorf("%s (%s): got %+v, want %+v", tc.name, tc.reason, tc.got, tc.want)
		}
	}
}
