package awssdk_test

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2instanceconnect"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
	"github.com/keyvet/keyvet/examples/awssdk"
)

// Test credentials: fake, and never checked by the stand-in.
const (
	testAccessKeyID = "AKIAKEYVETTESTONLY01"
	testSecret      = "keyvet-test-secret-not-a-real-one"
)

// standIn starts a Server on a loopback httptest server, closed at the end of
// the test.
func standIn(t testing.TB) (*awssdk.Server, *httptest.Server) {
	t.Helper()
	srv := awssdk.NewServer()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts
}

// sdkConfig is the configuration of a client of ts: static credentials,
// us-east-1, ts's URL as the endpoint and no retries, so that an error is
// the first answer and a test stays fast.
func sdkConfig(ts *httptest.Server) aws.Config {
	return aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(testAccessKeyID, testSecret, ""),
		BaseEndpoint: aws.String(ts.URL),
		HTTPClient:   ts.Client(),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

func ec2Client(ts *httptest.Server, opts ...func(*ec2instanceconnect.Options)) *ec2instanceconnect.Client {
	return ec2instanceconnect.NewFromConfig(sdkConfig(ts), opts...)
}

func iamClient(ts *httptest.Server, opts ...func(*iam.Options)) *iam.Client {
	return iam.NewFromConfig(sdkConfig(ts), opts...)
}

// isA reports whether err's chain holds an error of type T.
func isA[T error](err error) bool {
	var t T
	return errors.As(err, &t)
}

// apiError returns the smithy.APIError in err's chain, failing the test when
// there is none.
func apiError(t testing.TB, err error) smithy.APIError {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) holds no smithy.APIError", err, err)
	}
	return ae
}

// wantAPIError checks that err holds a smithy.APIError of code, with message
// msg when msg is not empty, and that the error's text holds no line of key
// material from keys.
func wantAPIError(t testing.TB, err error, code, msg string, keys ...string) smithy.APIError {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	ae := apiError(t, err)
	if ae.ErrorCode() != code {
		t.Errorf("ErrorCode() = %q, want %q (error: %v)", ae.ErrorCode(), code, err)
	}
	if msg != "" && ae.ErrorMessage() != msg {
		t.Errorf("ErrorMessage() = %q,\nwant           %q", ae.ErrorMessage(), msg)
	}
	noKeyMaterial(t, err.Error(), keys...)
	return ae
}

// noKeyMaterial fails the test when text holds the base64 of any key in keys,
// or any line of 16 characters or more of it.
func noKeyMaterial(t testing.TB, text string, keys ...string) {
	t.Helper()
	for _, k := range keys {
		for _, f := range strings.Fields(k) {
			if len(f) >= 16 && !strings.HasPrefix(f, "-----") && strings.Contains(text, f) {
				t.Errorf("text holds key material %.12q...: %q", f, text)
			}
		}
	}
}
