package awssdk_test

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// These tests speak the wire formats without the SDK: they reach what the
// SDK's own checks never send (absent required members, bad JSON, unknown
// operations) and check the shape of the bodies.

func post(t *testing.T, url, target, contentType, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

type jsonError struct {
	Type    string `json:"__type"`
	Message string `json:"Message"`
}

func TestWireEC2(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddInstance(instanceID)
	const ct = "application/x-amz-json-1.1"
	target := "AWSEC2InstanceConnectService." + validate.OpSendSSHPublicKey.Name()

	body, _ := json.Marshal(validate.SendSSHPublicKeyInput{InstanceId: instanceID, InstanceOSUser: osUser, SSHPublicKey: ed25519})
	resp, b := post(t, ts.URL, target, ct, string(body))
	var ok struct {
		RequestId string
		Success   bool
	}
	if err := json.Unmarshal(b, &ok); err != nil || resp.StatusCode != 200 || !ok.Success || ok.RequestId == "" ||
		resp.Header.Get("Content-Type") != ct || resp.Header.Get("X-Amzn-RequestId") != ok.RequestId {
		t.Errorf("success: %d %s %v %v", resp.StatusCode, b, resp.Header, err)
	}

	for _, tc := range []struct {
		name, reason, target, body string
		status                     int
		code, msg                  string
	}{
		{"absent-members", "the SDK refuses nil required members itself; the wire can carry their absence",
			target, `{}`, 400, "InvalidArgsException", localText(t, &validate.SendSSHPublicKeyInput{})},
		{"private-key", "refused, and nothing of it comes back",
			target, mustJSON(t, validate.SendSSHPublicKeyInput{InstanceId: instanceID, InstanceOSUser: osUser, SSHPublicKey: throwawayPrivateKey}),
			400, "InvalidArgsException", ""},
		{"not-json", "the body is not JSON; the decoder's error, which may quote it, is not echoed",
			target, `{"SSHPublicKey": "` + strings.Fields(rsa2048[0])[1] + `"`, 400, "SerializationException", ""},
		{"unknown-target", "an operation the service does not have",
			"AWSEC2InstanceConnectService.SendSSHPrivateKey", `{}`, 400, "UnknownOperationException", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := post(t, ts.URL, tc.target, ct, tc.body)
			var e jsonError
			if err := json.Unmarshal(b, &e); err != nil {
				t.Fatalf("%s: body %q: %v", tc.reason, b, err)
			}
			if resp.StatusCode != tc.status || e.Type != tc.code || (tc.msg != "" && e.Message != tc.msg) {
				t.Errorf("%s: got %d %+v, want %d %s %q", tc.reason, resp.StatusCode, e, tc.status, tc.code, tc.msg)
			}
			noKeyMaterial(t, string(b), throwawayPrivateKey, rsa2048[0])
		})
	}

	req, _ := http.NewRequest(http.MethodGet, ts.URL, nil)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", r.StatusCode)
	}
}

// xmlError is awsQuery's <ErrorResponse>.
type xmlError struct {
	XMLName xml.Name `xml:"https://iam.amazonaws.com/doc/2010-05-08/ ErrorResponse"`
	Type    string   `xml:"Error>Type"`
	Code    string   `xml:"Error>Code"`
	Message string   `xml:"Error>Message"`
	ReqID   string   `xml:"RequestId"`
}

func TestWireIAM(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddUser(alice)
	const ct = "application/x-www-form-urlencoded"
	form := func(kv ...string) string {
		v := url.Values{"Version": {"2010-05-08"}}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v.Encode()
	}

	// The shape of a result, as in IAM's documentation.
	resp, b := post(t, ts.URL, "", ct, form("Action", "UploadSSHPublicKey", "UserName", alice, "SSHPublicKeyBody", rsa2048[0]))
	var up struct {
		XMLName xml.Name `xml:"https://iam.amazonaws.com/doc/2010-05-08/ UploadSSHPublicKeyResponse"`
		Key     struct {
			UserName, SSHPublicKeyId, Fingerprint, SSHPublicKeyBody, Status, UploadDate string
		} `xml:"UploadSSHPublicKeyResult>SSHPublicKey"`
		ReqID string `xml:"ResponseMetadata>RequestId"`
	}
	if err := xml.Unmarshal(b, &up); err != nil || resp.StatusCode != 200 {
		t.Fatalf("upload: %d %v\n%s", resp.StatusCode, err, b)
	}
	if up.Key.UserName != alice || up.Key.Fingerprint != rsa2048MD5 || up.Key.Status != "Active" || up.Key.SSHPublicKeyBody != rsa2048[0] ||
		!strings.HasSuffix(up.Key.UploadDate, "Z") || up.ReqID == "" || resp.Header.Get("X-Amzn-RequestId") != up.ReqID {
		t.Errorf("upload result: %+v", up)
	}

	resp, b = post(t, ts.URL, "", ct, form("Action", "ListSSHPublicKeys", "UserName", alice))
	var list struct {
		XMLName xml.Name `xml:"https://iam.amazonaws.com/doc/2010-05-08/ ListSSHPublicKeysResponse"`
		Members []struct {
			UserName, SSHPublicKeyId, Status, UploadDate string
		} `xml:"ListSSHPublicKeysResult>SSHPublicKeys>member"`
		IsTruncated string `xml:"ListSSHPublicKeysResult>IsTruncated"`
	}
	if err := xml.Unmarshal(b, &list); err != nil || resp.StatusCode != 200 || len(list.Members) != 1 ||
		list.Members[0].SSHPublicKeyId != up.Key.SSHPublicKeyId || list.IsTruncated != "false" {
		t.Errorf("list: %d %v\n%s", resp.StatusCode, err, b)
	}

	for _, tc := range []struct {
		name, reason, body string
		status             int
		typ, code, msg     string
	}{
		{"absent-members", "absent required members reach the server only without the SDK",
			form("Action", "UploadSSHPublicKey"), 400, "Sender", "ValidationError", localText(t, &validate.UploadSSHPublicKeyInput{})},
		{"private-key", "refused, and nothing of it comes back",
			form("Action", "UploadSSHPublicKey", "UserName", alice, "SSHPublicKeyBody", throwawayPrivateKey), 400, "Sender", "UnrecognizedPublicKeyEncoding", ""},
		{"no-such-key", "a 404",
			form("Action", "DeleteSSHPublicKey", "UserName", alice, "SSHPublicKeyId", "APKA0000000000000000"), 404, "Sender", "NoSuchEntity", ""},
		{"max-items-not-a-number", "the SDK sends an int32; the wire can carry anything",
			form("Action", "ListSSHPublicKeys", "MaxItems", "ten"), 400, "Sender", "ValidationError",
			"1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be an integer"},
		{"unknown-action", "not an operation of IAM's",
			form("Action", "UploadSSHPrivateKey"), 400, "Sender", "InvalidAction", "Could not find operation UploadSSHPrivateKey for version 2010-05-08"},
		{"unknown-version", "IAM has one version",
			"Action=ListSSHPublicKeys&Version=2099-01-01", 400, "Sender", "InvalidAction", "Could not find operation ListSSHPublicKeys for version 2099-01-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := post(t, ts.URL, "", ct, tc.body)
			var e xmlError
			if err := xml.Unmarshal(b, &e); err != nil {
				t.Fatalf("%s: body %q: %v", tc.reason, b, err)
			}
			if resp.StatusCode != tc.status || e.Type != tc.typ || e.Code != tc.code || (tc.msg != "" && e.Message != tc.msg) || e.ReqID == "" {
				t.Errorf("%s: got %d %+v, want %d %s %s %q", tc.reason, resp.StatusCode, e, tc.status, tc.typ, tc.code, tc.msg)
			}
			noKeyMaterial(t, string(b), throwawayPrivateKey)
		})
	}

	// A server fault is a Receiver's.
	srv.InjectError(validate.OpListSSHPublicKeys, keyerrors.ErrServiceFailure)
	resp, b = post(t, ts.URL, "", ct, form("Action", "ListSSHPublicKeys", "UserName", alice))
	var e xmlError
	if err := xml.Unmarshal(b, &e); err != nil || resp.StatusCode != 500 || e.Type != "Receiver" || e.Code != "ServiceFailure" {
		t.Errorf("ServiceFailure: %d %+v %v", resp.StatusCode, e, err)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
