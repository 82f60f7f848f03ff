package awssdk_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/examples/awssdk"
)

// Check validates an SDK input before it is sent, and answers what the service
// would: here a bad instance id, in EC2 Instance Connect's code and words.
func ExampleCheck() {
	err := awssdk.Check(&ec2instanceconnect.SendSSHPublicKeyInput{
		InstanceId:     aws.String("i-0123456789ABCDEF0"),
		InstanceOSUser: aws.String("ec2-user"),
		SSHPublicKey:   aws.String(ed25519),
	})
	var ae smithy.APIError
	if errors.As(err, &ae) {
		fmt.Println(ae.ErrorCode())
		fmt.Println(ae.ErrorMessage())
	}
	fmt.Println(errors.Is(err, keyerrors.ErrPattern))
	// Output:
	// InvalidArgsException
	// 1 validation error detected: Value 'i-0123456789ABCDEF0' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^i-[a-f0-9]+$
	// true
}

// The pre-flight middleware refuses a bad request inside the client: the
// server never sees it, and the error is the SDK's typed exception.
func ExampleWithEC2InstanceConnectPreflight() {
	srv := awssdk.NewServer()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := ec2instanceconnect.NewFromConfig(aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIAEXAMPLE", "secret", ""),
		BaseEndpoint: aws.String(ts.URL),
	}, awssdk.WithEC2InstanceConnectPreflight())

	_, err := client.SendSSHPublicKey(context.Background(), &ec2instanceconnect.SendSSHPublicKeyInput{
		InstanceId:     aws.String("i-0123456789abcdef0"),
		InstanceOSUser: aws.String("ec2-user"),
		SSHPublicKey:   aws.String(rsa1024), // too small
	})
	var invalid *ec2types.InvalidArgsException
	fmt.Println(errors.As(err, &invalid), errors.Is(err, keyerrors.ErrKeyTooSmall))
	fmt.Println("requests sent:", srv.Requests())
	// Output:
	// true true
	// requests sent: 0
}

// A real IAM client talks to the stand-in; errors.As finds the typed
// exception the SDK decoded from the wire.
func ExampleServer() {
	srv := awssdk.NewServer()
	srv.AddUser("alice")
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := iam.NewFromConfig(aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIAEXAMPLE", "secret", ""),
		BaseEndpoint: aws.String(ts.URL),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	})
	ctx := context.Background()
	in := &iam.UploadSSHPublicKeyInput{UserName: aws.String("alice"), SSHPublicKeyBody: aws.String(rsa2048[0])}

	out, err := client.UploadSSHPublicKey(ctx, in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(aws.ToString(out.SSHPublicKey.Fingerprint), out.SSHPublicKey.Status)

	_, err = client.UploadSSHPublicKey(ctx, in)
	var dup *iamtypes.DuplicateSSHPublicKeyException
	if errors.As(err, &dup) {
		fmt.Println(dup.ErrorCode())
	}

	in.UserName = aws.String("bob")
	_, err = client.UploadSSHPublicKey(ctx, in)
	var missing *iamtypes.NoSuchEntityException
	if errors.As(err, &missing) {
		fmt.Println(missing.ErrorMessage())
	}
	// Output:
	// a1:ae:8b:05:ab:8a:2b:8d:6c:92:fc:71:11:10:a7:13 Active
	// DuplicateSSHPublicKey
	// The user with name bob cannot be found.
}

// AsSmithy gives any keyvet error the method set of the SDK's errors.
func ExampleAsSmithy() {
	ae := awssdk.AsSmithy(keyerrors.ErrLimitExceeded)
	fmt.Println(ae.ErrorCode(), ae.ErrorFault())
	var limit *iamtypes.LimitExceededException
	fmt.Println(errors.As(ae, &limit))
	// Output:
	// LimitExceeded client
	// true
}
