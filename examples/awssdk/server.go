package awssdk

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/validate"
)

// Server is a local stand-in for the seven operations of EC2 Instance Connect
// and IAM that carry SSH public keys, for tests of code that calls them: an
// http.Handler to serve with httptest.NewServer (or any listener) and to
// point aws-sdk-go-v2 clients at with BaseEndpoint. It is safe for concurrent
// use. It checks requests with keyvet exactly as the real services are
// modelled to, keeps IAM's keys in memory, and answers in each service's wire
// format, so what an SDK client decodes (typed exception, code, message) is
// what keyvet said. It checks no signature and no credentials.
//
// One handler serves both services: a POST with an X-Amz-Target header is
// EC2 Instance Connect (awsJson1.1), any other POST is IAM (awsQuery, a form
// body with Action and Version=2010-05-08).
//
// # EC2 Instance Connect
//
// Instances are registered with AddInstance and start running. Errors reached
// by state:
//
//   - InvalidArgsException: a request keyvet refuses (every bad member or
//     key); the message is keyvet's RequestError text.
//   - EC2InstanceNotFoundException: an instance never added.
//   - EC2InstanceStateInvalidException: an instance whose state
//     (SetInstanceState) is not InstanceRunning.
//   - SerialConsoleAccessDisabledException: SendSerialConsoleSSHPublicKey
//     while the account's serial console access is off, as it is by default
//     on AWS and here (SetSerialConsoleAccess).
//
// Every other code (AuthException, ThrottlingException, ServiceException,
// EC2InstanceTypeInvalidException, EC2InstanceUnavailableException, the
// other serial-console errors) is reached with InjectError. A key pushed with
// success is kept 60 seconds, as on an instance, and PushedKeys lists them.
//
// # IAM
//
// Users are registered with AddUser. UploadSSHPublicKey checks the request
// (ValidationError, UnrecognizedPublicKeyEncoding, InvalidPublicKey), then
// the user (NoSuchEntity), then refuses a key the user has already
// (DuplicateSSHPublicKey: the same SSH wire blob, whatever its encoding) and
// a sixth key (LimitExceeded: IAM allows five per user). It computes the MD5
// fingerprint, a random id (APKA and 16 upper-case letters and digits) and
// the upload date, and the key starts Active. GetSSHPublicKey returns the key
// as one authorized_keys line with its comment (Encoding SSH) or as PKIX PEM
// (Encoding PEM);
// UpdateSSHPublicKey sets its status; DeleteSSHPublicKey removes it; each
// answers NoSuchEntity for an unknown user or id. ListSSHPublicKeys lists a
// user's keys in upload order, MaxItems at a time (100 by default), with an
// opaque Marker that stays valid when keys are deleted between pages.
// ListSSHPublicKeys without UserName lists the keys of the user the request
// was signed for: the access key id in the SigV4 Authorization header, mapped
// to a user with AddAccessKey; with an access key mapped to no user it
// answers ValidationError "Must specify userName when calling with non-User
// credentials", as IAM answers a caller that is not an IAM user. InvalidInput,
// ServiceFailure and an UnrecognizedPublicKeyEncoding from GetSSHPublicKey
// are reached with InjectError.
//
// Requests outside the models: an X-Amz-Target naming no operation answers
// UnknownOperationException and a body that is not JSON
// SerializationException (both 400); an unknown Action or Version answers
// InvalidAction (400); a method other than POST answers 405.
type Server struct {
	requests atomic.Int64

	mu         sync.Mutex
	instances  map[string]*instance
	serial     bool
	users      map[string]*user
	accessKeys map[string]string // access key id -> user name
	ids        map[string]bool   // every key id given out
	seq        uint64            // upload sequence, for List's markers
	inject     map[validate.Op][]*keyerrors.APIError
	now        func() time.Time
}

// Instance states. Only a running instance takes a key.
const (
	InstancePending    = "pending"
	InstanceRunning    = "running"
	InstanceStopping   = "stopping"
	InstanceStopped    = "stopped"
	InstanceTerminated = "terminated"
)

type instance struct {
	state  string
	pushed []PushedKey
}

// PushedKey is a key pushed to an instance by SendSSHPublicKey or
// SendSerialConsoleSSHPublicKey.
type PushedKey struct {
	// Op is validate.OpSendSSHPublicKey or
	// validate.OpSendSerialConsoleSSHPublicKey.
	Op validate.Op
	// OSUser is the InstanceOSUser of SendSSHPublicKey; empty for the
	// serial console.
	OSUser string
	// Fingerprint is the key's SHA256 fingerprint, as ssh-keygen -l prints
	// it ("SHA256:...").
	Fingerprint string
	// Expires is when the instance forgets the key: 60 seconds after it was
	// pushed.
	Expires time.Time
}

// pushedKeyLifetime is how long an instance keeps a pushed key (EC2 Instance
// Connect: "the public key is available for 60 seconds").
const pushedKeyLifetime = 60 * time.Second

type user struct {
	keys []*storedKey // upload order
}

type storedKey struct {
	seq  uint64
	out  validate.SSHPublicKey // as uploaded; Status kept current
	key  *sshkey.Key
	blob string
}

// NewServer returns a Server with no instance, no user and serial console
// access off.
func NewServer() *Server {
	return &Server{
		instances:  make(map[string]*instance),
		users:      make(map[string]*user),
		accessKeys: make(map[string]string),
		ids:        make(map[string]bool),
		inject:     make(map[validate.Op][]*keyerrors.APIError),
		now:        time.Now,
	}
}

// AddInstance registers a running instance. Adding one again sets it running
// and forgets the keys pushed to it.
func (s *Server) AddInstance(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instances[id] = &instance{state: InstanceRunning}
}

// SetInstanceState sets the state of an added instance (InstanceStopped,
// ...); any state but InstanceRunning makes both EC2 Instance Connect
// operations answer EC2InstanceStateInvalidException. It reports false for
// an instance never added.
func (s *Server) SetInstanceState(id, state string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, ok := s.instances[id]
	if ok {
		in.state = state
	}
	return ok
}

// SetSerialConsoleAccess turns the account's serial console access on or off
// (AWS's EnableSerialConsoleAccess and DisableSerialConsoleAccess). While it
// is off, SendSerialConsoleSSHPublicKey answers
// SerialConsoleAccessDisabledException.
func (s *Server) SetSerialConsoleAccess(enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.serial = enabled
}

// PushedKeys returns the keys pushed to an instance that it still keeps (for
// 60 seconds after each push), oldest first, or nil.
func (s *Server) PushedKeys(instanceID string) []PushedKey {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, ok := s.instances[instanceID]
	if !ok {
		return nil
	}
	now := s.now()
	var keep []PushedKey
	for _, p := range in.pushed {
		if now.Before(p.Expires) {
			keep = append(keep, p)
		}
	}
	in.pushed = keep
	return append([]PushedKey(nil), keep...)
}

// AddUser registers an IAM user with no key. Adding one again does nothing.
func (s *Server) AddUser(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[name]; !ok {
		s.users[name] = &user{}
	}
}

// AddAccessKey maps an access key id to a user: ListSSHPublicKeys without
// UserName, signed with that access key id, lists that user's keys.
func (s *Server) AddAccessKey(accessKeyID, userName string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accessKeys[accessKeyID] = userName
}

// InjectError makes the next request of operation op answer
// err, whatever the request holds, before it is checked: as a throttled or
// unauthorised request is refused at the front door. Errors injected for one
// operation answer its next requests in order, one each. Use a sentinel or a
// copy with its own message: keyerrors.ErrThrottling,
// keyerrors.ErrServiceFailure.WithMessage("try later"). The SDK decodes an
// IAM code to its typed exception only when the operation's model declares
// it (UploadSSHPublicKey's five errors; NoSuchEntity and
// UnrecognizedPublicKeyEncoding for GetSSHPublicKey; InvalidInput and
// NoSuchEntity for UpdateSSHPublicKey; NoSuchEntity for the others); any
// other, such as the common errors ValidationError and ServiceFailure, comes
// back as a *smithy.GenericAPIError with the code and the message.
func (s *Server) InjectError(op validate.Op, err *keyerrors.APIError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inject[op] = append(s.inject[op], err)
}

// injected pops the next error injected for op.
func (s *Server) injected(op validate.Op) *keyerrors.APIError {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.inject[op]
	if len(q) == 0 {
		return nil
	}
	s.inject[op] = q[1:]
	return q[0]
}

// Requests returns how many HTTP requests the Server has received, of any
// kind.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// maxBody bounds a request body: IAM's largest member is a 16384-character
// key, at most 48 KiB once form-encoded.
const maxBody = 1 << 20

// ServeHTTP serves one request of either service.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		s.serveEC2(w, r, target)
		return
	}
	s.serveIAM(w, r)
}

// newRequestID returns a random UUID (version 4), the form of AWS's request
// ids.
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// keyIDAlphabet is what follows "APKA" in an IAM SSH public key id.
const keyIDAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newKeyID returns an id no key of s has had: "APKA" and 16 random upper-case
// letters and digits. s.mu must be held.
func (s *Server) newKeyID() string {
	for {
		var b [16]byte
		rand.Read(b[:])
		var id strings.Builder
		id.WriteString("APKA")
		for _, c := range b {
			id.WriteByte(keyIDAlphabet[int(c)%len(keyIDAlphabet)])
		}
		if k := id.String(); !s.ids[k] {
			s.ids[k] = true
			return k
		}
	}
}

// signingAccessKey returns the access key id of a SigV4 Authorization
// header ("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/iam/aws4_request,
// ..."), or "".
func signingAccessKey(r *http.Request) string {
	h := r.Header.Get("Authorization")
	_, cred, ok := strings.Cut(h, "Credential=")
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(cred, "/")
	return id
}

// refusal returns the code, with its message, that a service answers a
// request keyvet refused with: err's API() and Error() text when err is a
// *keyerrors.RequestError, as Validate returns, and internal, the service's
// server fault, otherwise.
func refusal(err error, internal *keyerrors.APIError) *keyerrors.APIError {
	var re *keyerrors.RequestError
	if errors.As(err, &re) {
		if api := re.API(); api != nil {
			return api.WithMessage(re.Error())
		}
	}
	return internal
}
