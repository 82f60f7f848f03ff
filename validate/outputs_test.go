package validate_test

import (
	"encoding/json"
	"encoding/xml"
	"testing"
	"time"

	"github.com/keyvet/keyvet/validate"
)

// TestUploadDateEncoding holds the bytes of SSHPublicKey and
// SSHPublicKeyMetadata in XML and JSON, with a zero and a set UploadDate.
// SSHPublicKey leaves a zero UploadDate out in both (the member is optional
// in IAM's model); SSHPublicKeyMetadata always writes it (it is required).
// It fails when SSHPublicKey's XML writes the zero time
// (<UploadDate>0001-01-01T00:00:00Z</UploadDate>, what encoding/xml's
// omitempty does for a time.Time), when a set time is lost or written in
// another form, or when a field's name changes.
func TestUploadDateEncoding(t *testing.T) {
	set := time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC)
	key := func(d time.Time) validate.SSHPublicKey {
		return validate.SSHPublicKey{UserName: "alice", SSHPublicKeyId: "APKAEIBFVJNL6EXAMPLE",
			Fingerprint: "7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51", SSHPublicKeyBody: "ssh-ed25519 AAAA",
			Status: validate.StatusActive, UploadDate: d}
	}
	meta := func(d time.Time) validate.SSHPublicKeyMetadata {
		return validate.SSHPublicKeyMetadata{UserName: "alice", SSHPublicKeyId: "APKAEIBFVJNL6EXAMPLE",
			Status: validate.StatusActive, UploadDate: d}
	}
	zeroKey, setKey := key(time.Time{}), key(set)
	const keyXML = "<SSHPublicKey><UserName>alice</UserName><SSHPublicKeyId>APKAEIBFVJNL6EXAMPLE</SSHPublicKeyId>" +
		"<Fingerprint>7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51</Fingerprint>" +
		"<SSHPublicKeyBody>ssh-ed25519 AAAA</SSHPublicKeyBody><Status>Active</Status>"
	const keyJSON = `{"UserName":"alice","SSHPublicKeyId":"APKAEIBFVJNL6EXAMPLE",` +
		`"Fingerprint":"7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51","SSHPublicKeyBody":"ssh-ed25519 AAAA","Status":"Active"`
	const metaXML = "<SSHPublicKeyMetadata><UserName>alice</UserName><SSHPublicKeyId>APKAEIBFVJNL6EXAMPLE</SSHPublicKeyId><Status>Active</Status>"
	const metaJSON = `{"UserName":"alice","SSHPublicKeyId":"APKAEIBFVJNL6EXAMPLE","Status":"Active"`

	tests := []struct {
		name      string
		v         any
		xml, json string
		reason    string
	}{
		{"key, zero", key(time.Time{}),
			keyXML + "</SSHPublicKey>", keyJSON + "}",
			"an optional UploadDate that is not set is left out, in XML as in JSON"},
		{"key, set", key(set),
			keyXML + "<UploadDate>2024-05-01T12:30:00Z</UploadDate></SSHPublicKey>", keyJSON + `,"UploadDate":"2024-05-01T12:30:00Z"}`,
			"a set UploadDate is written in RFC 3339, in both"},
		{"key pointer, zero", &validate.UploadSSHPublicKeyOutput{SSHPublicKey: &zeroKey},
			"<UploadSSHPublicKeyOutput>" + keyXML + "</SSHPublicKey></UploadSSHPublicKeyOutput>",
			`{"SSHPublicKey":` + keyJSON + "}}",
			"inside an output, through its *SSHPublicKey, the element keeps its name and leaves the zero time out"},
		{"key pointer, set", &validate.GetSSHPublicKeyOutput{SSHPublicKey: &setKey},
			"<GetSSHPublicKeyOutput>" + keyXML + "<UploadDate>2024-05-01T12:30:00Z</UploadDate></SSHPublicKey></GetSSHPublicKeyOutput>",
			`{"SSHPublicKey":` + keyJSON + `,"UploadDate":"2024-05-01T12:30:00Z"}}`,
			"and writes a set one"},
		{"metadata, zero", meta(time.Time{}),
			metaXML + "<UploadDate>0001-01-01T00:00:00Z</UploadDate></SSHPublicKeyMetadata>", metaJSON + `,"UploadDate":"0001-01-01T00:00:00Z"}`,
			"SSHPublicKeyMetadata's UploadDate is required: always written, the zero time included"},
		{"metadata, set", meta(set),
			metaXML + "<UploadDate>2024-05-01T12:30:00Z</UploadDate></SSHPublicKeyMetadata>", metaJSON + `,"UploadDate":"2024-05-01T12:30:00Z"}`,
			"and a set one as SSHPublicKey writes it"},
	}
	for _, tt := range tests {
		x, err := xml.Marshal(tt.v)
		if err != nil {
			t.Fatalf("%s: xml.Marshal: %v", tt.name, err)
		}
		if string(x) != tt.xml {
			t.Errorf("%s: XML\n got %s\nwant %s\n(%s)", tt.name, x, tt.xml, tt.reason)
		}
		j, err := json.Marshal(tt.v)
		if err != nil {
			t.Fatalf("%s: json.Marshal: %v", tt.name, err)
		}
		if string(j) != tt.json {
			t.Errorf("%s: JSON\n got %s\nwant %s\n(%s)", tt.name, j, tt.json, tt.reason)
		}
	}

	// What MarshalXML writes reads back to the same key, with and without
	// UploadDate.
	for _, want := range []validate.SSHPublicKey{key(time.Time{}), key(set)} {
		b, err := xml.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var got validate.SSHPublicKey
		if err := xml.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		gotDate, wantDate := got.UploadDate, want.UploadDate
		got.UploadDate, want.UploadDate = time.Time{}, time.Time{}
		if got != want || !gotDate.Equal(wantDate) {
			t.Errorf("XML round trip: got %+v at %v, want %+v at %v", got, gotDate, want, wantDate)
		}
	}
}
