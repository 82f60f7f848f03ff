package awssdk_test

import (
	"context"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

const alice = "alice"

// keyIDPattern is the form of IAM's SSH public key ids.
var keyIDPattern = regexp.MustCompile(`^APKA[A-Z0-9]{16}$`)

func upload(t *testing.T, c *iam.Client, userName, body string) (*iamtypes.SSHPublicKey, error) {
	t.Helper()
	out, err := c.UploadSSHPublicKey(context.Background(), &iam.UploadSSHPublicKeyInput{
		UserName: aws.String(userName), SSHPublicKeyBody: aws.String(body)})
	if err != nil {
		return nil, err
	}
	return out.SSHPublicKey, nil
}

func mustUpload(t *testing.T, c *iam.Client, userName, body string) *iamtypes.SSHPublicKey {
	t.Helper()
	k, err := upload(t, c, userName, body)
	if err != nil {
		t.Fatalf("UploadSSHPublicKey: %v", err)
	}
	return k
}

func TestUploadSSHPublicKey(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddUser(alice)
	srv.AddUser("bob")
	c := iamClient(ts)

	before := time.Now().Add(-time.Second)
	k := mustUpload(t, c, alice, rsa2048[0])
	if aws.ToString(k.UserName) != alice || k.Status != iamtypes.StatusTypeActive ||
		aws.ToString(k.SSHPublicKeyBody) != rsa2048[0] {
		t.Errorf("uploaded key = user %q, status %q, body as sent %v",
			aws.ToString(k.UserName), k.Status, aws.ToString(k.SSHPublicKeyBody) == rsa2048[0])
	}
	if got := aws.ToString(k.Fingerprint); got != rsa2048MD5 {
		t.Errorf("Fingerprint = %q, want %q (ssh-keygen -l -E md5)", got, rsa2048MD5)
	}
	if id := aws.ToString(k.SSHPublicKeyId); !keyIDPattern.MatchString(id) {
		t.Errorf("SSHPublicKeyId = %q, want APKA and 16 upper-case letters and digits", id)
	}
	if k.UploadDate == nil || k.UploadDate.Before(before) || k.UploadDate.After(time.Now().Add(time.Second)) {
		t.Errorf("UploadDate = %v, want about now", k.UploadDate)
	}

	// The same key in PEM is the same key: refused for alice, taken for bob
	// with the same fingerprint.
	_, err := upload(t, c, alice, rsa2048PEM)
	wantAPIError(t, err, "DuplicateSSHPublicKey", keyerrors.ErrDuplicateSSHPublicKey.ErrorMessage())
	if !isA[*iamtypes.DuplicateSSHPublicKeyException](err) {
		t.Errorf("not a *DuplicateSSHPublicKeyException: %v", err)
	}
	wantStatus(t, err, http.StatusBadRequest)
	kb := mustUpload(t, c, "bob", rsa2048PEM)
	if aws.ToString(kb.Fingerprint) != rsa2048MD5 {
		t.Errorf("PEM upload: Fingerprint = %q, want %q", aws.ToString(kb.Fingerprint), rsa2048MD5)
	}
	if aws.ToString(kb.SSHPublicKeyId) == aws.ToString(k.SSHPublicKeyId) {
		t.Error("two uploads got the same id")
	}

	// Four more keys fill alice's quota of five; the sixth is refused.
	for _, body := range rsa2048[1:5] {
		mustUpload(t, c, alice, body)
	}
	_, err = upload(t, c, alice, rsa2048[5])
	wantAPIError(t, err, "LimitExceeded", "Cannot exceed quota for SSHPublicKeysPerUser: 5")
	if !isA[*iamtypes.LimitExceededException](err) {
		t.Errorf("not a *LimitExceededException: %v", err)
	}
	wantStatus(t, err, http.StatusConflict)
}

func TestUploadSSHPublicKeyErrors(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddUser(alice)
	c := iamClient(ts)

	for _, tc := range []struct {
		name, reason string
		in           validate.UploadSSHPublicKeyInput
		code         string
		typed        func(error) bool // nil: the SDK has no type for the code
	}{
		{
			name: "bad-user-name", reason: "a space breaks ^[\\w+=,.@-]+$",
			in:   validate.UploadSSHPublicKeyInput{UserName: "alice smith", SSHPublicKeyBody: rsa2048[0]},
			code: "ValidationError",
		},
		{
			name: "control-character", reason: "\\x01 breaks the body's pattern: a length or pattern failure wins over the key's",
			in:   validate.UploadSSHPublicKeyInput{UserName: alice, SSHPublicKeyBody: "\x01" + rsa2048[0]},
			code: "ValidationError",
		},
		{
			name: "rsa1024", reason: "IAM takes RSA keys of 2048 bits or more",
			in:   validate.UploadSSHPublicKeyInput{UserName: alice, SSHPublicKeyBody: rsa1024},
			code: "InvalidPublicKey", typed: isA[*iamtypes.InvalidPublicKeyException],
		},
		{
			name: "ed25519", reason: "IAM takes ssh-rsa only",
			in:   validate.UploadSSHPublicKeyInput{UserName: alice, SSHPublicKeyBody: ed25519},
			code: "InvalidPublicKey", typed: isA[*iamtypes.InvalidPublicKeyException],
		},
		{
			name: "rfc4716", reason: "IAM reads authorized_keys and PEM, not SSH2 files",
			in:   validate.UploadSSHPublicKeyInput{UserName: alice, SSHPublicKeyBody: ed25519RFC4716},
			code: "UnrecognizedPublicKeyEncoding", typed: isA[*iamtypes.UnrecognizedPublicKeyEncodingException],
		},
		{
			name: "private-key", reason: "a private key is in no public key encoding, and never echoed",
			in:   validate.UploadSSHPublicKeyInput{UserName: alice, SSHPublicKeyBody: throwawayPrivateKey},
			code: "UnrecognizedPublicKeyEncoding", typed: isA[*iamtypes.UnrecognizedPublicKeyEncodingException],
		},
		{
			name: "unknown-user", reason: "no user of that name was added",
			in:   validate.UploadSSHPublicKeyInput{UserName: "mallory", SSHPublicKeyBody: rsa2048[0]},
			code: "NoSuchEntity", typed: isA[*iamtypes.NoSuchEntityException],
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := upload(t, c, tc.in.UserName, tc.in.SSHPublicKeyBody)
			msg := "The user with name mallory cannot be found."
			if tc.code != "NoSuchEntity" {
				msg = localText(t, &tc.in)
			}
			ae := wantAPIError(t, err, tc.code, msg, tc.in.SSHPublicKeyBody)
			if tc.typed == nil {
				if _, ok := ae.(*smithy.GenericAPIError); !ok {
					t.Errorf("%s: got %T, want the SDK's *smithy.GenericAPIError", tc.reason, ae)
				}
			} else if !tc.typed(err) {
				t.Errorf("%s: the SDK did not decode a typed %s: %T", tc.reason, tc.code, ae)
			}
			// The SDK gives a generic error no fault; the wire said
			// Sender (TestWireIAM checks it).
			if wantFault := smithy.FaultClient; tc.typed != nil && ae.ErrorFault() != wantFault {
				t.Errorf("ErrorFault() = %v, want %v", ae.ErrorFault(), wantFault)
			}
			status := http.StatusBadRequest
			if tc.code == "NoSuchEntity" {
				status = http.StatusNotFound
			}
			wantStatus(t, err, status)
		})
	}
}

func TestGetSSHPublicKey(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddUser(alice)
	c := iamClient(ts)
	ctx := context.Background()
	up := mustUpload(t, c, alice, rsa2048[0])
	id := aws.ToString(up.SSHPublicKeyId)

	for _, tc := range []struct {
		encoding iamtypes.EncodingType
		body     string
	}{
		{iamtypes.EncodingTypeSsh, rsa2048[0]},
		{iamtypes.EncodingTypePem, rsa2048PEM}, // ssh-keygen -e -m PKCS8 writes PKIX, as IAM's PEM
	} {
		out, err := c.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String(id), Encoding: tc.encoding})
		if err != nil {
			t.Fatalf("Encoding %s: %v", tc.encoding, err)
		}
		k := out.SSHPublicKey
		if got := aws.ToString(k.SSHPublicKeyBody); got != tc.body {
			t.Errorf("Encoding %s: body is not the key in that encoding:\n%s", tc.encoding, got)
		}
		if aws.ToString(k.Fingerprint) != rsa2048MD5 || aws.ToString(k.SSHPublicKeyId) != id ||
			k.Status != iamtypes.StatusTypeActive || !aws.ToTime(k.UploadDate).Equal(aws.ToTime(up.UploadDate)) {
			t.Errorf("Encoding %s: got %+v, want the uploaded key's fields", tc.encoding, k)
		}
	}

	get := func(user, id string, enc iamtypes.EncodingType) error {
		_, err := c.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: aws.String(user), SSHPublicKeyId: aws.String(id), Encoding: enc})
		return err
	}
	err := get("bob", id, iamtypes.EncodingTypeSsh)
	wantAPIError(t, err, "NoSuchEntity", "The user with name bob cannot be found.")
	if !isA[*iamtypes.NoSuchEntityException](err) {
		t.Errorf("not a *NoSuchEntityException: %v", err)
	}
	err = get(alice, "APKA0000000000000000", iamtypes.EncodingTypeSsh)
	wantAPIError(t, err, "NoSuchEntity", "The Public Key with id APKA0000000000000000 cannot be found.")
	if !isA[*iamtypes.NoSuchEntityException](err) {
		t.Errorf("not a *NoSuchEntityException: %v", err)
	}
	wantStatus(t, err, http.StatusNotFound)
	// A value that passes its member's pattern but looks like key material
	// (the base64 of a PKCS#8 Ed25519 private key, of an all-zero seed, is
	// all \w) is not repeated in the answer: keyerrors.SafeValue's rule.
	const keyLike = "MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	err = get(keyLike, id, iamtypes.EncodingTypeSsh)
	wantAPIError(t, err, "NoSuchEntity", "The user with name <value omitted> cannot be found.", keyLike)
	err = get(alice, keyLike, iamtypes.EncodingTypeSsh)
	wantAPIError(t, err, "NoSuchEntity", "The Public Key with id <value omitted> cannot be found.", keyLike)

	bad := validate.GetSSHPublicKeyInput{UserName: alice, SSHPublicKeyId: "APKA-short", Encoding: "XML"}
	err = get(bad.UserName, bad.SSHPublicKeyId, iamtypes.EncodingType(bad.Encoding))
	wantAPIError(t, err, "ValidationError", localText(t, &bad))
	wantStatus(t, err, http.StatusBadRequest)
}

func TestUpdateAndDeleteSSHPublicKey(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddUser(alice)
	c := iamClient(ts)
	ctx := context.Background()
	id := aws.ToString(mustUpload(t, c, alice, rsa2048[0]).SSHPublicKeyId)

	for _, st := range []iamtypes.StatusType{iamtypes.StatusTypeInactive, iamtypes.StatusTypeExpired, iamtypes.StatusTypeActive} {
		if _, err := c.UpdateSSHPublicKey(ctx, &iam.UpdateSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String(id), Status: st}); err != nil {
			t.Fatalf("UpdateSSHPublicKey(%s): %v", st, err)
		}
		out, err := c.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String(id), Encoding: iamtypes.EncodingTypeSsh})
		if err != nil {
			t.Fatal(err)
		}
		if out.SSHPublicKey.Status != st {
			t.Errorf("after UpdateSSHPublicKey(%s), Status = %s", st, out.SSHPublicKey.Status)
		}
	}

	update := func(user, id string, st iamtypes.StatusType) error {
		_, err := c.UpdateSSHPublicKey(ctx, &iam.UpdateSSHPublicKeyInput{UserName: aws.String(user), SSHPublicKeyId: aws.String(id), Status: st})
		return err
	}
	err := update(alice, "APKA0000000000000000", iamtypes.StatusTypeInactive)
	wantAPIError(t, err, "NoSuchEntity", "")
	if !isA[*iamtypes.NoSuchEntityException](err) {
		t.Errorf("not a *NoSuchEntityException: %v", err)
	}
	bad := validate.UpdateSSHPublicKeyInput{UserName: alice, SSHPublicKeyId: id, Status: "Disabled"}
	err = update(bad.UserName, bad.SSHPublicKeyId, iamtypes.StatusType(bad.Status))
	wantAPIError(t, err, "ValidationError", localText(t, &bad))

	del := func(user, id string) error {
		_, err := c.DeleteSSHPublicKey(ctx, &iam.DeleteSSHPublicKeyInput{UserName: aws.String(user), SSHPublicKeyId: aws.String(id)})
		return err
	}
	badDel := validate.DeleteSSHPublicKeyInput{UserName: "alice/smith", SSHPublicKeyId: id}
	wantAPIError(t, del(badDel.UserName, badDel.SSHPublicKeyId), "ValidationError", localText(t, &badDel))
	err = del("bob", id)
	wantAPIError(t, err, "NoSuchEntity", "The user with name bob cannot be found.")
	if err := del(alice, id); err != nil {
		t.Fatalf("DeleteSSHPublicKey: %v", err)
	}
	err = del(alice, id)
	wantAPIError(t, err, "NoSuchEntity", "The Public Key with id "+id+" cannot be found.")
	if !isA[*iamtypes.NoSuchEntityException](err) {
		t.Errorf("not a *NoSuchEntityException: %v", err)
	}
	_, err = c.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String(id), Encoding: iamtypes.EncodingTypeSsh})
	wantAPIError(t, err, "NoSuchEntity", "")
	// The deleted key can be uploaded again.
	mustUpload(t, c, alice, rsa2048[0])
}

func TestListSSHPublicKeys(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddUser(alice)
	srv.AddUser("bob")
	srv.AddAccessKey(testAccessKeyID, "bob")
	c := iamClient(ts)
	ctx := context.Background()
	var ids []string
	for _, body := range rsa2048[:5] {
		ids = append(ids, aws.ToString(mustUpload(t, c, alice, body).SSHPublicKeyId))
	}

	list := func(in *iam.ListSSHPublicKeysInput) *iam.ListSSHPublicKeysOutput {
		t.Helper()
		out, err := c.ListSSHPublicKeys(ctx, in)
		if err != nil {
			t.Fatalf("ListSSHPublicKeys: %v", err)
		}
		return out
	}
	pageIDs := func(out *iam.ListSSHPublicKeysOutput) []string {
		var s []string
		for _, m := range out.SSHPublicKeys {
			if aws.ToString(m.UserName) != alice || m.Status != iamtypes.StatusTypeActive || m.UploadDate == nil {
				t.Errorf("metadata %+v", m)
			}
			s = append(s, aws.ToString(m.SSHPublicKeyId))
		}
		return s
	}

	all := list(&iam.ListSSHPublicKeysInput{UserName: aws.String(alice)})
	if got := pageIDs(all); !equal(got, ids) || all.IsTruncated || all.Marker != nil {
		t.Errorf("one page: ids %v truncated %v marker %v; want %v in upload order", got, all.IsTruncated, all.Marker, ids)
	}

	// Pages of two; a key deleted between pages leaves the marker valid.
	p1 := list(&iam.ListSSHPublicKeysInput{UserName: aws.String(alice), MaxItems: aws.Int32(2)})
	if got := pageIDs(p1); !equal(got, ids[:2]) || !p1.IsTruncated || p1.Marker == nil {
		t.Fatalf("page 1: %v truncated %v", got, p1.IsTruncated)
	}
	if _, err := c.DeleteSSHPublicKey(ctx, &iam.DeleteSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String(ids[1])}); err != nil {
		t.Fatal(err)
	}
	p2 := list(&iam.ListSSHPublicKeysInput{UserName: aws.String(alice), MaxItems: aws.Int32(2), Marker: p1.Marker})
	if got := pageIDs(p2); !equal(got, ids[2:4]) || !p2.IsTruncated {
		t.Fatalf("page 2: %v truncated %v, want %v", got, p2.IsTruncated, ids[2:4])
	}
	p3 := list(&iam.ListSSHPublicKeysInput{UserName: aws.String(alice), MaxItems: aws.Int32(2), Marker: p2.Marker})
	if got := pageIDs(p3); !equal(got, ids[4:]) || p3.IsTruncated || p3.Marker != nil {
		t.Fatalf("page 3: %v truncated %v, want %v", got, p3.IsTruncated, ids[4:])
	}

	// The SDK's paginator walks the pages the same way.
	var walked []string
	pg := iam.NewListSSHPublicKeysPaginator(c, &iam.ListSSHPublicKeysInput{UserName: aws.String(alice), MaxItems: aws.Int32(1)})
	for pg.HasMorePages() {
		out, err := pg.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		walked = append(walked, pageIDs(out)...)
	}
	if want := []string{ids[0], ids[2], ids[3], ids[4]}; !equal(walked, want) {
		t.Errorf("paginator: %v, want %v", walked, want)
	}

	// Without UserName: the user of the signing access key, bob, who has
	// none yet.
	if out := list(&iam.ListSSHPublicKeysInput{}); len(out.SSHPublicKeys) != 0 || out.IsTruncated {
		t.Errorf("bob's keys: %+v", out.SSHPublicKeys)
	}
	srv.AddAccessKey(testAccessKeyID, "")
	_, err := c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{})
	wantAPIError(t, err, "ValidationError", "Must specify userName when calling with non-User credentials")

	for _, tc := range []struct {
		name string
		in   *iam.ListSSHPublicKeysInput
		code string
		msg  string
	}{
		{"unknown-user", &iam.ListSSHPublicKeysInput{UserName: aws.String("carol")}, "NoSuchEntity", "The user with name carol cannot be found."},
		{"max-items-1001", &iam.ListSSHPublicKeysInput{UserName: aws.String(alice), MaxItems: aws.Int32(1001)}, "ValidationError",
			"1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"},
		{"max-items-0", &iam.ListSSHPublicKeysInput{UserName: aws.String(alice), MaxItems: aws.Int32(0)}, "ValidationError",
			"1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"marker-of-other-user", &iam.ListSSHPublicKeysInput{UserName: aws.String("bob"), Marker: p1.Marker}, "ValidationError", ""},
		{"marker-not-ours", &iam.ListSSHPublicKeysInput{UserName: aws.String(alice), Marker: aws.String("page two")}, "ValidationError", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ListSSHPublicKeys(ctx, tc.in)
			wantAPIError(t, err, tc.code, tc.msg)
		})
	}
}

// iamTyped holds, for every IAM code an operation's model declares, whether
// an error is the SDK's typed exception of that code.
var iamTyped = map[string]func(error) bool{
	"DuplicateSSHPublicKey":         isA[*iamtypes.DuplicateSSHPublicKeyException],
	"InvalidPublicKey":              isA[*iamtypes.InvalidPublicKeyException],
	"LimitExceeded":                 isA[*iamtypes.LimitExceededException],
	"NoSuchEntity":                  isA[*iamtypes.NoSuchEntityException],
	"UnrecognizedPublicKeyEncoding": isA[*iamtypes.UnrecognizedPublicKeyEncodingException],
	"InvalidInput":                  isA[*iamtypes.InvalidInputException],
}

// iamOpErrors lists the errors each IAM operation's model declares
// (aws-models/iam-ssh-public-key.json): the SDK decodes these, and only
// these, to their typed exceptions. The common errors, ValidationError and
// ServiceFailure, any operation may answer; the SDK decodes them as a
// *smithy.GenericAPIError with the code and the message, and no fault.
var iamOpErrors = map[validate.Op][]string{
	validate.OpUploadSSHPublicKey: {"DuplicateSSHPublicKey", "InvalidPublicKey", "LimitExceeded", "NoSuchEntity", "UnrecognizedPublicKeyEncoding"},
	validate.OpGetSSHPublicKey:    {"NoSuchEntity", "UnrecognizedPublicKeyEncoding"},
	validate.OpUpdateSSHPublicKey: {"InvalidInput", "NoSuchEntity"},
	validate.OpDeleteSSHPublicKey: {"NoSuchEntity"},
	validate.OpListSSHPublicKeys:  {"NoSuchEntity"},
}

var iamCommonErrors = []string{"ValidationError", "ServiceFailure"}

// TestIAMInjectedErrors sends every error each IAM operation can answer over
// the wire and checks what the SDK decodes: the typed exception for a
// modelled error, a generic one for a common error, each with keyvet's code,
// message and HTTP status.
func TestIAMInjectedErrors(t *testing.T) {
	srv, ts := standIn(t)
	srv.AddUser(alice)
	c := iamClient(ts)
	ctx := context.Background()
	id := aws.ToString(mustUpload(t, c, alice, rsa2048[0]).SSHPublicKeyId)
	calls := map[validate.Op]func() error{
		validate.OpUploadSSHPublicKey: func() error {
			_, err := c.UploadSSHPublicKey(ctx, &iam.UploadSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyBody: aws.String(rsa2048[1])})
			return err
		},
		validate.OpGetSSHPublicKey: func() error {
			_, err := c.GetSSHPublicKey(ctx, &iam.GetSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String(id), Encoding: iamtypes.EncodingTypePem})
			return err
		},
		validate.OpUpdateSSHPublicKey: func() error {
			_, err := c.UpdateSSHPublicKey(ctx, &iam.UpdateSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String(id), Status: iamtypes.StatusTypeInactive})
			return err
		},
		validate.OpDeleteSSHPublicKey: func() error {
			_, err := c.DeleteSSHPublicKey(ctx, &iam.DeleteSSHPublicKeyInput{UserName: aws.String(alice), SSHPublicKeyId: aws.String(id)})
			return err
		},
		validate.OpListSSHPublicKeys: func() error {
			_, err := c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: aws.String(alice)})
			return err
		},
	}
	seen := map[string]bool{}
	for op, call := range calls {
		for i, code := range append(append([]string(nil), iamOpErrors[op]...), iamCommonErrors...) {
			modelled := i < len(iamOpErrors[op])
			seen[code] = true
			api, ok := keyerrors.Lookup(keyerrors.ServiceIAM, code)
			if !ok {
				t.Fatalf("no keyvet sentinel for %s", code)
			}
			t.Run(op.Name()+"/"+code, func(t *testing.T) {
				srv.InjectError(op, api)
				err := call()
				ae := wantAPIError(t, err, api.ErrorCode(), api.ErrorMessage())
				if modelled {
					if !iamTyped[code](err) {
						t.Errorf("the SDK did not decode a typed %s: %T", code, ae)
					}
					want := smithy.FaultClient
					if api.ErrorFault() == keyerrors.FaultServer {
						want = smithy.FaultServer
					}
					if ae.ErrorFault() != want {
						t.Errorf("ErrorFault() = %v, want %v", ae.ErrorFault(), want)
					}
				} else if _, ok := ae.(*smithy.GenericAPIError); !ok {
					t.Errorf("common error %s decoded as %T, want *smithy.GenericAPIError", code, ae)
				}
				wantStatus(t, err, api.HTTPStatusCode())
			})
		}
	}
	for _, api := range keyerrors.All() {
		if api.Service() == keyerrors.ServiceIAM && !seen[api.ErrorCode()] {
			t.Errorf("IAM code %s reached by no operation", api.ErrorCode())
		}
	}
	// The injected errors were answered before anything changed: the key is
	// still there and still the only one.
	out, err := c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: aws.String(alice)})
	if err != nil || len(out.SSHPublicKeys) != 1 || aws.ToString(out.SSHPublicKeys[0].SSHPublicKeyId) != id {
		t.Errorf("after injected errors: %v, %v", out, err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
