package awssdk

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/validate"
)

// IAM's API version and XML namespace.
const (
	iamVersion = "2010-05-08"
	iamXMLNS   = "https://iam.amazonaws.com/doc/2010-05-08/"
)

// iamMaxKeys is how many SSH public keys IAM allows one user
// (SSHPublicKeysPerUser).
const iamMaxKeys = 5

// iamDefaultMaxItems is ListSSHPublicKeys' page size when MaxItems is absent.
const iamDefaultMaxItems = 100

// serveIAM serves one IAM request (awsQuery).
func (s *Server) serveIAM(w http.ResponseWriter, r *http.Request) {
	reqID := newRequestID()
	if err := r.ParseForm(); err != nil {
		status := http.StatusBadRequest
		if tooLarge := new(http.MaxBytesError); errors.As(err, &tooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		writeXMLError(w, reqID, status, "Sender", "MalformedQueryString", "The request body is not a valid form.")
		return
	}
	action, version := r.Form.Get("Action"), r.Form.Get("Version")
	op, err := validate.ParseOp(keyerrors.ServiceIAM + ":" + action)
	if err != nil || version != iamVersion {
		writeXMLError(w, reqID, http.StatusBadRequest, "Sender", "InvalidAction",
			fmt.Sprintf("Could not find operation %s for version %s",
				keyerrors.SafeValue(r.Form.Get("Action")), keyerrors.SafeValue(version)))
		return
	}
	if e := s.injected(op); e != nil {
		writeXMLAPIError(w, reqID, e)
		return
	}
	var e *keyerrors.APIError
	var result any
	switch op {
	case validate.OpUploadSSHPublicKey:
		result, e = s.upload(r)
	case validate.OpGetSSHPublicKey:
		result, e = s.get(r)
	case validate.OpUpdateSSHPublicKey:
		e = s.update(r)
	case validate.OpDeleteSSHPublicKey:
		e = s.delete(r)
	case validate.OpListSSHPublicKeys:
		result, e = s.list(r)
	}
	if e != nil {
		writeXMLAPIError(w, reqID, e)
		return
	}
	writeXML(w, reqID, http.StatusOK, &xmlResponse{
		XMLName:   xml.Name{Local: op.Name() + "Response"},
		Xmlns:     iamXMLNS,
		Result:    result,
		RequestID: reqID,
	})
}

// noSuchUser and noSuchKey answer as IAM does, but show the value by
// keyerrors.SafeValue, the rule of every keyvet message: it passed its
// member's pattern, so nothing needs escaping and nothing is cut (a
// UserName is at most 64 characters; an SSHPublicKeyId of 40 or more is a
// run of \w, omitted whole when it mixes upper case, lower case and
// digits), but a value that looks like key material is omitted.
func noSuchUser(name string) *keyerrors.APIError {
	return keyerrors.ErrNoSuchEntity.WithMessage("The user with name " + keyerrors.SafeValue(name) + " cannot be found.")
}

func noSuchKey(id string) *keyerrors.APIError {
	return keyerrors.ErrNoSuchEntity.WithMessage("The Public Key with id " + keyerrors.SafeValue(id) + " cannot be found.")
}

// findKey returns the key id of user name; s.mu must be held.
func (s *Server) findKey(name, id string) (*user, int, *keyerrors.APIError) {
	u, ok := s.users[name]
	if !ok {
		return nil, 0, noSuchUser(name)
	}
	for i, k := range u.keys {
		if k.out.SSHPublicKeyId == id {
			return u, i, nil
		}
	}
	return nil, 0, noSuchKey(id)
}

func (s *Server) upload(r *http.Request) (any, *keyerrors.APIError) {
	in := &validate.UploadSSHPublicKeyInput{
		UserName:         r.Form.Get("UserName"),
		SSHPublicKeyBody: r.Form.Get("SSHPublicKeyBody"),
	}
	k, err := in.ValidateKey()
	if err != nil {
		return nil, refusal(err, keyerrors.ErrServiceFailure)
	}
	blob := string(k.Marshal())

	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[in.UserName]
	if !ok {
		return nil, noSuchUser(in.UserName)
	}
	for _, have := range u.keys {
		if have.blob == blob {
			return nil, keyerrors.ErrDuplicateSSHPublicKey
		}
	}
	if len(u.keys) >= iamMaxKeys {
		return nil, keyerrors.ErrLimitExceeded.WithMessage(fmt.Sprintf("Cannot exceed quota for SSHPublicKeysPerUser: %d", iamMaxKeys))
	}
	out, err := validate.NewSSHPublicKey(in, s.newKeyID(), s.now().UTC().Truncate(time.Second))
	if err != nil {
		return nil, refusal(err, keyerrors.ErrServiceFailure)
	}
	s.seq++
	u.keys = append(u.keys, &storedKey{seq: s.seq, out: *out, key: k, blob: blob})
	return &xmlKeyResult{XMLName: xml.Name{Local: validate.OpUploadSSHPublicKey.Name() + "Result"}, SSHPublicKey: xmlKey(out)}, nil
}

func (s *Server) get(r *http.Request) (any, *keyerrors.APIError) {
	in := &validate.GetSSHPublicKeyInput{
		UserName:       r.Form.Get("UserName"),
		SSHPublicKeyId: r.Form.Get("SSHPublicKeyId"),
		Encoding:       r.Form.Get("Encoding"),
	}
	if err := in.Validate(); err != nil {
		return nil, refusal(err, keyerrors.ErrServiceFailure)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, i, e := s.findKey(in.UserName, in.SSHPublicKeyId)
	if e != nil {
		return nil, e
	}
	k := u.keys[i]
	out := k.out
	switch in.Encoding {
	case validate.EncodingSSH:
		out.SSHPublicKeyBody = k.key.String()
	case validate.EncodingPEM:
		pem, err := k.key.MarshalPKIX()
		if err != nil {
			return nil, keyerrors.ErrUnrecognizedPublicKeyEncoding
		}
		out.SSHPublicKeyBody = string(pem)
	}
	return &xmlKeyResult{XMLName: xml.Name{Local: validate.OpGetSSHPublicKey.Name() + "Result"}, SSHPublicKey: xmlKey(&out)}, nil
}

func (s *Server) update(r *http.Request) *keyerrors.APIError {
	in := &validate.UpdateSSHPublicKeyInput{
		UserName:       r.Form.Get("UserName"),
		SSHPublicKeyId: r.Form.Get("SSHPublicKeyId"),
		Status:         r.Form.Get("Status"),
	}
	if err := in.Validate(); err != nil {
		return refusal(err, keyerrors.ErrServiceFailure)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, i, e := s.findKey(in.UserName, in.SSHPublicKeyId)
	if e != nil {
		return e
	}
	u.keys[i].out.Status = in.Status
	return nil
}

func (s *Server) delete(r *http.Request) *keyerrors.APIError {
	in := &validate.DeleteSSHPublicKeyInput{
		UserName:       r.Form.Get("UserName"),
		SSHPublicKeyId: r.Form.Get("SSHPublicKeyId"),
	}
	if err := in.Validate(); err != nil {
		return refusal(err, keyerrors.ErrServiceFailure)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, i, e := s.findKey(in.UserName, in.SSHPublicKeyId)
	if e != nil {
		return e
	}
	u.keys = append(u.keys[:i], u.keys[i+1:]...)
	return nil
}

func (s *Server) list(r *http.Request) (any, *keyerrors.APIError) {
	in := &validate.ListSSHPublicKeysInput{
		UserName: r.Form.Get("UserName"),
		Marker:   r.Form.Get("Marker"),
	}
	zero := false
	if v, ok := r.Form["MaxItems"]; ok && len(v) > 0 {
		n, err := strconv.Atoi(v[0])
		if err != nil {
			return nil, keyerrors.ErrValidation.WithMessage("1 validation error detected: Value '" + keyerrors.SafeValue(v[0]) +
				"' at 'maxItems' failed to satisfy constraint: Member must be an integer")
		}
		in.MaxItems, zero = n, n == 0
	}
	err := in.Validate()
	if zero {
		err = withField(err, validate.OpListSSHPublicKeys.Name(), maxItemsZero())
	}
	if err != nil {
		return nil, refusal(err, keyerrors.ErrServiceFailure)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	name := in.UserName
	if name == "" {
		name = s.accessKeys[signingAccessKey(r)]
		if name == "" {
			return nil, keyerrors.ErrValidation.WithMessage("Must specify userName when calling with non-User credentials")
		}
	}
	u, ok := s.users[name]
	if !ok {
		return nil, noSuchUser(name)
	}
	var from uint64
	if in.Marker != "" {
		var ok bool
		if from, ok = parseMarker(in.Marker, name); !ok {
			return nil, keyerrors.ErrValidation.WithMessage("The Marker is not one that ListSSHPublicKeys returned for this user.")
		}
	}
	limit := in.MaxItems
	if limit == 0 {
		limit = iamDefaultMaxItems
	}
	res := &xmlListResult{XMLName: xml.Name{Local: validate.OpListSSHPublicKeys.Name() + "Result"}}
	for _, k := range u.keys {
		if k.seq < from {
			continue
		}
		if len(res.SSHPublicKeys.Members) == limit {
			res.IsTruncated = true
			res.Marker = makeMarker(name, k.seq)
			break
		}
		res.SSHPublicKeys.Members = append(res.SSHPublicKeys.Members, xmlKeyMetadata{
			UserName:       k.out.UserName,
			SSHPublicKeyId: k.out.SSHPublicKeyId,
			Status:         k.out.Status,
			UploadDate:     xmlTime(k.out.UploadDate),
		})
	}
	return res, nil
}

// makeMarker returns the Marker of a page of user name's keys that starts at
// upload sequence seq: opaque to callers, and within the Marker rule (base64).
func makeMarker(name string, seq uint64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatUint(seq, 10) + "/" + name))
}

// parseMarker reverses makeMarker, and reports whether m is a marker for
// user name.
func parseMarker(m, name string) (uint64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(m)
	if err != nil {
		return 0, false
	}
	seq, owner, ok := strings.Cut(string(b), "/")
	if !ok || owner != name {
		return 0, false
	}
	n, err := strconv.ParseUint(seq, 10, 64)
	return n, err == nil
}

// xmlResponse is the envelope of an awsQuery result:
// <OpResponse xmlns=...><OpResult>...</OpResult><ResponseMetadata><RequestId>.
type xmlResponse struct {
	XMLName   xml.Name
	Xmlns     string `xml:"xmlns,attr"`
	Result    any
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

type xmlKeyResult struct {
	XMLName      xml.Name
	SSHPublicKey xmlSSHPublicKey
}

type xmlSSHPublicKey struct {
	UserName         string
	SSHPublicKeyId   string
	Fingerprint      string
	SSHPublicKeyBody string
	Status           string
	UploadDate       string `xml:",omitempty"`
}

func xmlKey(k *validate.SSHPublicKey) xmlSSHPublicKey {
	return xmlSSHPublicKey{
		UserName:         k.UserName,
		SSHPublicKeyId:   k.SSHPublicKeyId,
		Fingerprint:      k.Fingerprint,
		SSHPublicKeyBody: k.SSHPublicKeyBody,
		Status:           k.Status,
		UploadDate:       xmlTime(k.UploadDate),
	}
}

type xmlListResult struct {
	XMLName       xml.Name
	SSHPublicKeys struct {
		Members []xmlKeyMetadata `xml:"member"`
	}
	IsTruncated bool
	Marker      string `xml:",omitempty"`
}

type xmlKeyMetadata struct {
	UserName       string
	SSHPublicKeyId string
	Status         string
	UploadDate     string
}

// xmlTime writes a timestamp as awsQuery does (ISO 8601, UTC), or "" for the
// zero time.
func xmlTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// writeXMLAPIError writes e as an awsQuery <ErrorResponse>.
func writeXMLAPIError(w http.ResponseWriter, reqID string, e *keyerrors.APIError) {
	typ := "Sender"
	if e.ErrorFault() == keyerrors.FaultServer {
		typ = "Receiver"
	}
	writeXMLError(w, reqID, e.HTTPStatusCode(), typ, e.ErrorCode(), e.ErrorMessage())
}

// writeXMLError writes an awsQuery error:
// <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>.
func writeXMLError(w http.ResponseWriter, reqID string, status int, typ, code, msg string) {
	writeXML(w, reqID, status, &struct {
		XMLName xml.Name `xml:"ErrorResponse"`
		Xmlns   string   `xml:"xmlns,attr"`
		Type    string   `xml:"Error>Type"`
		Code    string   `xml:"Error>Code"`
		Message string   `xml:"Error>Message"`
		ReqID   string   `xml:"RequestId"`
	}{Xmlns: iamXMLNS, Type: typ, Code: code, Message: msg, ReqID: reqID})
}

func writeXML(w http.ResponseWriter, reqID string, status int, v any) {
	b, err := xml.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("X-Amzn-RequestId", reqID)
	w.WriteHeader(status)
	w.Write([]byte(xml.Header))
	w.Write(b)
}
