package errors

// Service names, as AWS's endpoint prefixes write them. They are the first
// argument of [Lookup] and what [APIError.Service] returns.
const (
	ServiceEC2InstanceConnect = "ec2-instance-connect"
	ServiceIAM                = "iam"
)

// Fault says whose fault an error is, as Smithy's error trait does.
type Fault int

const (
	// FaultClient is an error the caller caused: fix the request.
	FaultClient Fault = iota + 1
	// FaultServer is an error on the service's side.
	FaultServer
)

// String returns "client" or "server" (the words of smithy-go's ErrorFault),
// or "unknown" for any other value.
func (f Fault) String() string {
	switch f {
	case FaultClient:
		return "client"
	case FaultServer:
		return "server"
	}
	return "unknown"
}

// APIError is one error code of an AWS service. The package variables of this
// type (ErrInvalidArgs, ErrValidation, ...) are sentinels: compare with
// errors.Is. A copy made with [APIError.WithMessage] is a distinct value that
// still matches its sentinel under errors.Is, because Is compares the service
// and the code.
//
// An APIError is read-only: it has no exported field, its data is read
// through methods ([APIError.ErrorCode], [APIError.Service],
// [APIError.HTTPStatusCode], [APIError.ErrorFault], [APIError.Retryable],
// [APIError.ErrorMessage]), and no method changes it. The sentinels are
// package variables holding pointers, as errors.Is needs (it compares
// pointers, or asks Is); nothing exported lets a caller change the fields a
// sentinel points to, so no caller can change what a sentinel answers.
// Only this package makes APIErrors: the sentinels, and their copies made by
// WithMessage. A composite literal APIError{} from outside the package is
// an APIError of no service and no code, which matches no sentinel.
type APIError struct {
	// code is the code on the wire: the `__type` of an awsJson1.1 error
	// body (InvalidArgsException), or the <Code> of an awsQuery
	// <ErrorResponse> (ValidationError).
	code string
	// service is ServiceEC2InstanceConnect or ServiceIAM.
	service string
	// status is the HTTP status code AWS answers with (400, 403, 404,
	// 409 or 500).
	status int
	// fault is FaultClient or FaultServer.
	fault Fault
	// retryable reports whether the same request may succeed later.
	retryable bool
	// message is a human description: the service model's documentation
	// of the error for a sentinel, or what WithMessage set.
	message string
}

var _ error = (*APIError)(nil)

// Error returns the code and the message, as "InvalidArgsException: One of
// the parameters is not valid.".
func (e *APIError) Error() string { return e.code + ": " + e.message }

// ErrorCode returns the code on the wire: the `__type` of an awsJson1.1
// error body, or the <Code> of an awsQuery <ErrorResponse>.
// ErrInvalidArgs.ErrorCode() is "InvalidArgsException",
// ErrValidation.ErrorCode() is "ValidationError". ErrorCode, ErrorMessage
// and ErrorFault are named as in smithy-go's APIError interface, but
// *APIError does not satisfy it: this package imports only the standard
// library, so ErrorFault returns its own [Fault]. The examples/awssdk module
// adapts an APIError to smithy-go.
func (e *APIError) ErrorCode() string { return e.code }

// Service returns the service the code belongs to: [ServiceEC2InstanceConnect]
// or [ServiceIAM]. ErrNoSuchEntity.Service() is "iam".
func (e *APIError) Service() string { return e.service }

// HTTPStatusCode returns the HTTP status code AWS answers with: 400, 403,
// 404, 409 or 500. ErrNoSuchEntity.HTTPStatusCode() is 404.
func (e *APIError) HTTPStatusCode() int { return e.status }

// ErrorFault returns whose fault the error is: [FaultClient] or
// [FaultServer]. ErrServiceFailure.ErrorFault() is FaultServer.
func (e *APIError) ErrorFault() Fault { return e.fault }

// Retryable reports whether the same request may succeed later.
// ErrThrottling.Retryable() is true, ErrInvalidArgs.Retryable() false.
func (e *APIError) Retryable() bool { return e.retryable }

// ErrorMessage returns the human description: for a sentinel the service
// model's documentation of the error ("One of the parameters is not
// valid."), for a copy what WithMessage set.
func (e *APIError) ErrorMessage() string { return e.message }

// Is reports whether target is an *APIError of the same service and code, so
// that a copy made by WithMessage matches the sentinel.
func (e *APIError) Is(target error) bool {
	t, ok := target.(*APIError)
	return ok && t != nil && e != nil && t.service == e.service && t.code == e.code
}

// WithMessage returns a copy of e with the message msg; e itself does not
// change. The copy is what a server answers with:
// ErrNoSuchEntity.WithMessage("The user with name alice cannot be found.")
// is still errors.Is(ErrNoSuchEntity), and ErrNoSuchEntity.ErrorMessage() is
// still the model's text.
func (e *APIError) WithMessage(msg string) *APIError {
	c := *e
	c.message = msg
	return &c
}

// newAPI is the one constructor of the sentinels.
func newAPI(service, code string, status int, fault Fault, retryable bool, msg string) *APIError {
	return &APIError{code: code, service: service, status: status, fault: fault, retryable: retryable, message: msg}
}

// EC2 Instance Connect (ec2-instance-connect, 2018-04-02, awsJson1.1). The
// code is the Smithy shape name. HTTP statuses are the API Reference's: 400
// for every client error, 500 for ServiceException, and the model's own
// values for the serial-console errors. Where that departs from the model
// (four statuses) and every retry decision are listed in modelDivergences.
var (
	// ErrAuth is AuthException: "Either your AWS credentials are not valid
	// or you do not have access to the EC2 instance."
	ErrAuth = newAPI(ServiceEC2InstanceConnect, "AuthException", 400, FaultClient, false,
		"Either your AWS credentials are not valid or you do not have access to the EC2 instance.")
	// ErrEC2InstanceNotFound is EC2InstanceNotFoundException.
	ErrEC2InstanceNotFound = newAPI(ServiceEC2InstanceConnect, "EC2InstanceNotFoundException", 400, FaultClient, false,
		"The specified instance was not found.")
	// ErrEC2InstanceStateInvalid is EC2InstanceStateInvalidException.
	ErrEC2InstanceStateInvalid = newAPI(ServiceEC2InstanceConnect, "EC2InstanceStateInvalidException", 400, FaultClient, false,
		"Unable to connect because the instance is not in a valid state. Connecting to a stopped or terminated instance is not supported. If the instance is stopped, start your instance, and try to connect again.")
	// ErrEC2InstanceTypeInvalid is EC2InstanceTypeInvalidException
	// (SendSerialConsoleSSHPublicKey only).
	ErrEC2InstanceTypeInvalid = newAPI(ServiceEC2InstanceConnect, "EC2InstanceTypeInvalidException", 400, FaultClient, false,
		"The instance type is not supported for connecting via the serial console. Only Nitro instance types are currently supported.")
	// ErrEC2InstanceUnavailable is EC2InstanceUnavailableException, a
	// server fault worth retrying after a few minutes.
	ErrEC2InstanceUnavailable = newAPI(ServiceEC2InstanceConnect, "EC2InstanceUnavailableException", 400, FaultServer, true,
		"The instance is currently unavailable. Wait a few minutes and try again.")
	// ErrInvalidArgs is InvalidArgsException: EC2 Instance Connect's
	// answer to every bad field and every refused key.
	ErrInvalidArgs = newAPI(ServiceEC2InstanceConnect, "InvalidArgsException", 400, FaultClient, false,
		"One of the parameters is not valid.")
	// ErrService is ServiceException.
	ErrService = newAPI(ServiceEC2InstanceConnect, "ServiceException", 500, FaultServer, true,
		"The service encountered an error. Follow the instructions in the error message and try again.")
	// ErrThrottling is ThrottlingException.
	ErrThrottling = newAPI(ServiceEC2InstanceConnect, "ThrottlingException", 400, FaultClient, true,
		"The requests were made too frequently and have been throttled. Wait a while and try again. To increase the limit on your request frequency, contact AWS Support.")
	// ErrSerialConsoleAccessDisabled is SerialConsoleAccessDisabledException.
	ErrSerialConsoleAccessDisabled = newAPI(ServiceEC2InstanceConnect, "SerialConsoleAccessDisabledException", 403, FaultClient, false,
		"Your account is not authorized to use the EC2 Serial Console. To authorize your account, run the EnableSerialConsoleAccess API.")
	// ErrSerialConsoleSessionLimitExceeded is
	// SerialConsoleSessionLimitExceededException.
	ErrSerialConsoleSessionLimitExceeded = newAPI(ServiceEC2InstanceConnect, "SerialConsoleSessionLimitExceededException", 400, FaultClient, true,
		"The instance currently has 1 active serial console session. Only 1 session is supported at a time.")
	// ErrSerialConsoleSessionUnavailable is
	// SerialConsoleSessionUnavailableException.
	ErrSerialConsoleSessionUnavailable = newAPI(ServiceEC2InstanceConnect, "SerialConsoleSessionUnavailableException", 500, FaultServer, true,
		"Unable to start a serial console session. Please try again.")
	// ErrSerialConsoleSessionUnsupported is
	// SerialConsoleSessionUnsupportedException.
	ErrSerialConsoleSessionUnsupported = newAPI(ServiceEC2InstanceConnect, "SerialConsoleSessionUnsupportedException", 400, FaultClient, false,
		"Your instance's BIOS version is unsupported for serial console connection. Reboot your instance to update its BIOS, and then try again to connect.")
)

// IAM (iam, 2010-05-08, awsQuery). The code is the awsQueryError code, sent
// in <Error><Code>; a client fault is <Type>Sender</Type>, a server fault
// <Type>Receiver</Type>. ValidationError and ServiceFailure are the common
// errors every IAM operation can answer with.
var (
	// ErrDuplicateSSHPublicKey is DuplicateSSHPublicKey (UploadSSHPublicKey).
	ErrDuplicateSSHPublicKey = newAPI(ServiceIAM, "DuplicateSSHPublicKey", 400, FaultClient, false,
		"The request was rejected because the SSH public key is already associated with the specified IAM user.")
	// ErrInvalidPublicKey is InvalidPublicKey (UploadSSHPublicKey): the
	// body is in an accepted encoding but the key is bad or breaks IAM's
	// key policy.
	ErrInvalidPublicKey = newAPI(ServiceIAM, "InvalidPublicKey", 400, FaultClient, false,
		"The request was rejected because the public key is malformed or otherwise invalid.")
	// ErrLimitExceeded is LimitExceeded (UploadSSHPublicKey; IAM allows 5
	// SSH public keys per user).
	ErrLimitExceeded = newAPI(ServiceIAM, "LimitExceeded", 409, FaultClient, false,
		"The request was rejected because it attempted to create resources beyond the current Amazon Web Services account limits.")
	// ErrNoSuchEntity is NoSuchEntity (all five IAM operations).
	ErrNoSuchEntity = newAPI(ServiceIAM, "NoSuchEntity", 404, FaultClient, false,
		"The request was rejected because it referenced a resource entity that does not exist.")
	// ErrUnrecognizedPublicKeyEncoding is UnrecognizedPublicKeyEncoding
	// (UploadSSHPublicKey, GetSSHPublicKey): the body is in no encoding
	// IAM accepts.
	ErrUnrecognizedPublicKeyEncoding = newAPI(ServiceIAM, "UnrecognizedPublicKeyEncoding", 400, FaultClient, false,
		"The request was rejected because the public key encoding format is unsupported or unrecognized.")
	// ErrInvalidInput is InvalidInput (UpdateSSHPublicKey).
	ErrInvalidInput = newAPI(ServiceIAM, "InvalidInput", 400, FaultClient, false,
		"The request was rejected because an invalid or out-of-range value was supplied for an input parameter.")
	// ErrValidation is ValidationError: IAM's answer to a broken length,
	// pattern, enum or range.
	ErrValidation = newAPI(ServiceIAM, "ValidationError", 400, FaultClient, false,
		"The input fails to satisfy the constraints specified by an AWS service.")
	// ErrServiceFailure is ServiceFailure.
	ErrServiceFailure = newAPI(ServiceIAM, "ServiceFailure", 500, FaultServer, true,
		"The request processing has failed because of an unknown error, exception or failure.")
)

// all lists the sentinels in the order All returns them: EC2 Instance Connect
// first, then IAM, each in the order of the tables in docs/AWS-FACTS.md.
var all = [...]*APIError{
	ErrAuth,
	ErrEC2InstanceNotFound,
	ErrEC2InstanceStateInvalid,
	ErrEC2InstanceTypeInvalid,
	ErrEC2InstanceUnavailable,
	ErrInvalidArgs,
	ErrSerialConsoleAccessDisabled,
	ErrSerialConsoleSessionLimitExceeded,
	ErrSerialConsoleSessionUnavailable,
	ErrSerialConsoleSessionUnsupported,
	ErrService,
	ErrThrottling,

	ErrDuplicateSSHPublicKey,
	ErrInvalidPublicKey,
	ErrLimitExceeded,
	ErrNoSuchEntity,
	ErrUnrecognizedPublicKeyEncoding,
	ErrInvalidInput,
	ErrValidation,
	ErrServiceFailure,
}

// All returns every APIError sentinel, EC2 Instance Connect's first and then
// IAM's, in an order that does not change between calls or versions (new
// codes are appended to their service's group). The slice is new on every
// call; the sentinels in it are shared.
func All() []*APIError {
	s := make([]*APIError, len(all))
	copy(s, all[:])
	return s
}

// Lookup returns the sentinel for an error code of a service, as
// Lookup(ServiceIAM, "NoSuchEntity") returns ErrNoSuchEntity. The code is
// matched exactly, as it appears on the wire. It reports false for an unknown
// service or code.
func Lookup(service, code string) (*APIError, bool) {
	for _, e := range all {
		if e.service == service && e.code == code {
			return e, true
		}
	}
	return nil, false
}

// divergence is a deliberate departure of the error table from the service
// models (testdata/aws-models: Smithy's smithy.api#error,
// smithy.api#httpError and aws.protocols#awsQueryError traits), with the
// document that justifies it.
type divergence struct {
	service, code string
	status        int  // keyvet's HTTP status where it differs from the model's; 0 for the model's
	retryable     bool // keyvet's retry decision: the models carry no smithy.api#retryable trait
	common        bool // a common error of the service, which the model does not list
	source        string
}

// modelDivergences is the one list of the places where the sentinels above
// differ from the models: every other code, fault and status is the
// model's, and every other code is not retryable. TestAPIErrorTable
// holds the sentinels to the models and to this list.
var modelDivergences = []divergence{
	{ServiceEC2InstanceConnect, "AuthException", 400, false, false,
		"EC2 Instance Connect API Reference, SendSSHPublicKey and SendSerialConsoleSSHPublicKey, Errors: HTTP Status Code 400 (the model says 403)"},
	{ServiceEC2InstanceConnect, "EC2InstanceNotFoundException", 400, false, false,
		"EC2 Instance Connect API Reference, Errors: HTTP Status Code 400 (the model says 404)"},
	{ServiceEC2InstanceConnect, "EC2InstanceUnavailableException", 400, true, false,
		"EC2 Instance Connect API Reference, Errors: HTTP Status Code 400 (the model says 503); its text says to wait a few minutes and try again"},
	{ServiceEC2InstanceConnect, "ThrottlingException", 400, true, false,
		"EC2 Instance Connect API Reference, Errors: HTTP Status Code 400 (the model says 429); throttling is retried by every AWS SDK's standard retryer"},
	{ServiceEC2InstanceConnect, "SerialConsoleSessionLimitExceededException", 0, true, false,
		"EC2 Instance Connect API Reference: the session limit frees when a session ends; keyvet's decision (docs/AWS-FACTS.md)"},
	{ServiceEC2InstanceConnect, "SerialConsoleSessionUnavailableException", 0, true, false,
		"a server fault (500): the AWS SDKs' standard retryer retries 500s"},
	{ServiceEC2InstanceConnect, "ServiceException", 0, true, false,
		"a server fault (500): the AWS SDKs' standard retryer retries 500s"},
	{ServiceIAM, "ValidationError", 0, false, true,
		"IAM API Reference, Common Errors: ValidationError, HTTP Status Code 400"},
	{ServiceIAM, "ServiceFailure", 0, true, true,
		"IAM API Reference, Common Errors: ServiceFailure (InternalFailure), HTTP Status Code 500; a server fault, retried by the SDKs"},
}
