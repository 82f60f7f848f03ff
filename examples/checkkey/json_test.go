package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestAppendReport holds appendReport to encoding/json: the same bytes for
// reports of every shape, strings with every escape included.
func TestAppendReport(t *testing.T) {
	odd := "a\"b\\c\n\r\t\x00\x1f<>&\u2028\u2029é😀\xff\xc3 end"
	reports := []*Report{
		{File: "f", Line: 1, Kind: kindKey, KindFrom: fromName, Type: "ssh-ed25519", Bits: 256, SHA256: "SHA256:x", MD5: "m", Encoding: "authorized_keys",
			Operations: []OperationReport{{Operation: "ec2-instance-connect:SendSSHPublicKey", Accepted: true}}},
		{File: odd, Line: 123456, Kind: kindKnownHosts, KindFrom: odd, Type: odd, Bits: 4096, SHA256: odd, MD5: odd, EC2: odd, Encoding: odd, Comment: odd, Options: odd, Typed: map[string]any{"pty": "denied", "from": []string{odd, "a"}, "restrict": true, "tunnel": 3, "command": odd},
			Marker: "@revoked", Hosts: HostField("a," + odd + ",[h]:22"),
			Cert: &CertReport{CertType: "user", KeyID: odd, Serial: 1<<64 - 1, Principals: []string{odd, "b"}, ValidAfter: "always", ValidBefore: odd, CA: odd},
			Operations: []OperationReport{
				{Operation: "iam:UploadSSHPublicKey", Code: "InvalidPublicKey", HTTPStatus: 400, Message: odd, Reason: odd, Hint: odd},
				{Operation: "x", Accepted: true},
			}},
		{Operations: []OperationReport{}},
		{Cert: &CertReport{Principals: []string{}}, Operations: []OperationReport{}},
		{},
	}
	for i, r := range reports {
		var want bytes.Buffer
		if err := json.NewEncoder(&want).Encode(r); err != nil {
			t.Fatal(err)
		}
		got := appendReport(nil, r)
		if r.Operations == nil {
			// encoding/json writes a nil slice as null; checkkey never
			// leaves Operations nil.
			want = *bytes.NewBuffer(bytes.Replace(want.Bytes(), []byte(`"operations":null`), []byte(`"operations":[]`), 1))
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("report %d:\n got %s\nwant %s", i, got, want.Bytes())
		}
	}
}

// TestAppendError holds appendError to encoding/json.
func TestAppendError(t *testing.T) {
	odd := "a\"b\\c\n\r\t\x00\x1f<>&\u2028\u2029é😀\xff\xc3 end"
	for i, e := range []*ErrorReport{{}, {File: odd, Line: 7, Error: odd, Code: "ErrPrivateKey", Hint: odd}, {File: "f", Error: "e", Code: "ErrUnreadable"}} {
		var want bytes.Buffer
		if err := json.NewEncoder(&want).Encode(e); err != nil {
			t.Fatal(err)
		}
		if got := appendError(nil, e); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("error %d:\n got %s\nwant %s", i, got, want.Bytes())
		}
	}
}
