package awssdk

import (
	"crypto"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// ec2TargetPrefix is the X-Amz-Target of an EC2 Instance Connect operation,
// before the operation's name (the model's awsJson1.1 service name).
const ec2TargetPrefix = "AWSEC2InstanceConnectService."

// ec2ContentType is awsJson1.1's media type.
const ec2ContentType = "application/x-amz-json-1.1"

// serveEC2 serves one EC2 Instance Connect request (awsJson1.1).
func (s *Server) serveEC2(w http.ResponseWriter, r *http.Request, target string) {
	reqID := newRequestID()
	name, ok := strings.CutPrefix(target, ec2TargetPrefix)
	op, opErr := validate.ParseOp(keyerrors.ServiceEC2InstanceConnect + ":" + name)
	if !ok || opErr != nil {
		writeJSONError(w, reqID, http.StatusBadRequest, "UnknownOperationException",
			"The X-Amz-Target header names no operation of this service.")
		return
	}

	var send validate.SendSSHPublicKeyInput
	var serial validate.SendSerialConsoleSSHPublicKeyInput
	var body any = &send
	if op == validate.OpSendSerialConsoleSSHPublicKey {
		body = &serial
	}
	if err := json.NewDecoder(r.Body).Decode(body); err != nil {
		// Never echo the body, nor the decoder's error: either may quote
		// the key.
		status := http.StatusBadRequest
		if tooLarge := new(http.MaxBytesError); errors.As(err, &tooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		writeJSONError(w, reqID, status, "SerializationException", "The request body is not a valid "+op.Name()+" request.")
		return
	}

	if e := s.injected(op); e != nil {
		writeJSONAPIError(w, reqID, e)
		return
	}
	var (
		k   *sshkey.Key
		err error
		id  string
	)
	if op == validate.OpSendSSHPublicKey {
		k, err = send.ValidateKey()
		id = send.InstanceId
	} else {
		k, err = serial.ValidateKey()
		id = serial.InstanceId
	}
	if err != nil {
		writeJSONAPIError(w, reqID, refusal(err, keyerrors.ErrService))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if op == validate.OpSendSerialConsoleSSHPublicKey && !s.serial {
		writeJSONAPIError(w, reqID, keyerrors.ErrSerialConsoleAccessDisabled)
		return
	}
	in, ok := s.instances[id]
	switch {
	case !ok:
		writeJSONAPIError(w, reqID, keyerrors.ErrEC2InstanceNotFound)
		return
	case in.state != InstanceRunning:
		writeJSONAPIError(w, reqID, keyerrors.ErrEC2InstanceStateInvalid)
		return
	}
	in.pushed = append(in.pushed, PushedKey{
		Op:          op,
		OSUser:      send.InstanceOSUser,
		Fingerprint: k.Fingerprint(crypto.SHA256).String(),
		Expires:     s.now().Add(pushedKeyLifetime),
	})
	writeJSON(w, reqID, http.StatusOK, validate.SendSSHPublicKeyOutput{RequestId: reqID, Success: true})
}

// writeJSONAPIError writes e as an awsJson1.1 error.
func writeJSONAPIError(w http.ResponseWriter, reqID string, e *keyerrors.APIError) {
	writeJSONError(w, reqID, e.HTTPStatusCode(), e.ErrorCode(), e.ErrorMessage())
}

// writeJSONError writes an awsJson1.1 error: {"__type": code, "Message": msg}.
func writeJSONError(w http.ResponseWriter, reqID string, status int, code, msg string) {
	writeJSON(w, reqID, status, struct {
		Type    string `json:"__type"`
		Message string `json:"Message"`
	}{code, msg})
}

func writeJSON(w http.ResponseWriter, reqID string, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ec2ContentType)
	h.Set("X-Amzn-RequestId", reqID)
	w.WriteHeader(status)
	w.Write(b)
}
