package errors

// Service names, as AWS's endpoint prefixes write them. They are the first
// argument of [Lookup] and what [APIError.Service] returns.
const (
	ServiceEC2InstanceConnect = "ec2-instance-connect"
	ServiceIAM                = "iam"
	// ServiceEC2 is EC2 itself (ec2, 2016-11-15), for its key pair
	// operations: ImportKeyPair, CreateKeyPair, DescribeKeyPairs,
	// DeleteKeyPair. Not EC2 Instance Connect, whose prefix is
	// "ec2-instance-connect".
	ServiceEC2       = "ec2"
	ServiceTransfer  = "transfer"
	ServiceLightsail = "lightsail"
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
	// body (InvalidArgsException), the <Code> of an awsQuery
	// <ErrorResponse> (ValidationError), or the <Code> of an EC2
	// <Response><Errors><Error> (InvalidKey.Format).
	code string
	// service is one of the Service constants.
	service string
	// status is the HTTP status code AWS answers with (400, 403, 404,
	// 409, 412, 500 or 503).
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
// error body, the <Code> of an awsQuery <ErrorResponse>, or the <Code> of
// an EC2 <Response><Errors><Error>. ErrInvalidArgs.ErrorCode() is
// "InvalidArgsException", ErrValidation.ErrorCode() is "ValidationError",
// ErrEC2InvalidKeyFormat.ErrorCode() is "InvalidKey.Format". ErrorCode, ErrorMessage
// and ErrorFault are named as in smithy-go's APIError interface, but
// *APIError does not satisfy it: this package imports only the standard
// library, so ErrorFault returns its own [Fault]. The examples/awssdk module
// adapts an APIError to smithy-go.
func (e *APIError) ErrorCode() string { return e.code }

// Service returns the service the code belongs to: [ServiceEC2InstanceConnect],
// [ServiceIAM], [ServiceEC2], [ServiceTransfer] or [ServiceLightsail].
// ErrNoSuchEntity.Service() is "iam".
func (e *APIError) Service() string { return e.service }

// HTTPStatusCode returns the HTTP status code AWS answers with: 400, 403,
// 404, 409, 412, 500 or 503. ErrNoSuchEntity.HTTPStatusCode() is 404.
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

// EC2 key pairs (ec2, 2016-11-15, the ec2 query protocol). The code is the
// <Code> of an EC2 error body, <Response><Errors><Error>. The model lists no
// errors at all: the codes, statuses and messages are docs/AWS-FACTS.md's
// ("EC2 key pairs", Errors), held to it by the rows of
// testdata/aws-models/errors-without-model.tsv. Where the facts give a
// message with a name in it, the sentinel's message leaves the name out and
// a server fills it in with WithMessage.
var (
	// ErrEC2InvalidKeyFormat is InvalidKey.Format: the key material is no
	// key EC2 takes (garbage, ECDSA, DSA, base64 twice). It is what EC2
	// answers a bad key with; moto's InvalidKeyPair.Format is not
	// (see ErrEC2KeyPairFormat).
	ErrEC2InvalidKeyFormat = newAPI(ServiceEC2, "InvalidKey.Format", 400, FaultClient, false,
		"Key is not in valid OpenSSH public key format")
	// ErrEC2KeyPairDuplicate is InvalidKeyPair.Duplicate: the key pair
	// name exists in the Region. EC2 names it: "The keypair 'NAME'
	// already exists." (keyvet's sentinel text leaves the name out).
	ErrEC2KeyPairDuplicate = newAPI(ServiceEC2, "InvalidKeyPair.Duplicate", 400, FaultClient, false,
		"The keypair already exists.")
	// ErrEC2KeyPairNotFound is InvalidKeyPair.NotFound: DescribeKeyPairs
	// of an unknown name or id. EC2 names it: "The key pair 'NAME' does
	// not exist" (keyvet's sentinel text leaves the name out).
	ErrEC2KeyPairNotFound = newAPI(ServiceEC2, "InvalidKeyPair.NotFound", 400, FaultClient, false,
		"The key pair does not exist")
	// ErrEC2KeyPairFormat is InvalidKeyPair.Format: documented by EC2,
	// never observed. keyvet never answers with it (a bad key is
	// ErrEC2InvalidKeyFormat, InvalidKey.Format); it exists so that Lookup
	// knows the code, which moto sends where EC2 sends InvalidKey.Format.
	// The message is keyvet's: the facts give none.
	ErrEC2KeyPairFormat = newAPI(ServiceEC2, "InvalidKeyPair.Format", 400, FaultClient, false,
		"The format of the public key is not valid.")
	// ErrEC2MissingParameter is MissingParameter: a required member is
	// absent. EC2 names it: "The request must contain the parameter
	// KeyName" (keyvet's sentinel text leaves the name out).
	ErrEC2MissingParameter = newAPI(ServiceEC2, "MissingParameter", 400, FaultClient, false,
		"The request must contain a required parameter.")
	// ErrEC2InvalidParameterValue is InvalidParameterValue: a bad KeyName,
	// KeyType or KeyFormat (keyvet's decision). A server says "Value
	// (VALUE) for parameter PARAM is invalid. REASON", with VALUE as
	// SafeValue shows it; the sentinel's message is keyvet's.
	ErrEC2InvalidParameterValue = newAPI(ServiceEC2, "InvalidParameterValue", 400, FaultClient, false,
		"A value supplied for a parameter is not valid.")
	// ErrEC2DryRunOperation is DryRunOperation (HTTP 412): DryRun was set
	// and the request would have succeeded.
	ErrEC2DryRunOperation = newAPI(ServiceEC2, "DryRunOperation", 412, FaultClient, false,
		"Request would have succeeded, but DryRun flag is set.")
	// ErrEC2InternalError is InternalError (HTTP 500), a server fault the
	// SDKs retry. The message is keyvet's: the facts give none.
	ErrEC2InternalError = newAPI(ServiceEC2, "InternalError", 500, FaultServer, true,
		"An internal error has occurred.")
	// ErrEC2Unavailable is Unavailable (HTTP 503), a server fault the SDKs
	// retry. The message is keyvet's: the facts give none.
	ErrEC2Unavailable = newAPI(ServiceEC2, "Unavailable", 503, FaultServer, true,
		"The server is overloaded and cannot handle the request.")
	// ErrEC2RequestLimitExceeded is RequestLimitExceeded, EC2's
	// throttling: HTTP 503 (keyvet's decision), a client fault like every
	// throttling code here, retried by every AWS SDK. The message is
	// keyvet's: the facts give none.
	ErrEC2RequestLimitExceeded = newAPI(ServiceEC2, "RequestLimitExceeded", 503, FaultClient, true,
		"Request limit exceeded.")
)

// Transfer Family (transfer, 2018-11-05, awsJson1.1). The code is the shape
// name, sent as `__type`. Codes and faults are the model's (botocore's
// exception and fault traits); the model gives no statuses, so they are the
// Transfer API Reference's, as testdata/aws-models/errors-without-model.tsv
// lists them with every retry decision.
var (
	// ErrTransferValidation is ValidationException, a common error the
	// model does not list: Transfer's answer to a broken length or pattern,
	// in the Smithy frame ("1 validation error detected: ...").
	ErrTransferValidation = newAPI(ServiceTransfer, "ValidationException", 400, FaultClient, false,
		"The input fails to satisfy the constraints specified by an AWS service.")
	// ErrTransferInvalidRequest is InvalidRequestException: a malformed
	// request, and a key body that passes the model's pattern but is no key
	// Transfer takes. The message is the console's words for that key
	// (keyvet's decision, docs/AWS-FACTS.md); the model's documentation
	// reads "This exception is thrown when the client submits a malformed
	// request."
	ErrTransferInvalidRequest = newAPI(ServiceTransfer, "InvalidRequestException", 400, FaultClient, false,
		"Unsupported or invalid SSH public key format")
	// ErrTransferResourceNotFound is ResourceNotFoundException (with
	// Resource and ResourceType in its body).
	ErrTransferResourceNotFound = newAPI(ServiceTransfer, "ResourceNotFoundException", 400, FaultClient, false,
		"This exception is thrown when a resource is not found by the Amazon Web Services Transfer Family service.")
	// ErrTransferResourceExists is ResourceExistsException: the same key
	// is already on the user. The message is keyvet's: the model's
	// documentation ("The requested resource does not exist, or exists in a
	// region other than the one specified for the command.") says the
	// opposite of the code.
	ErrTransferResourceExists = newAPI(ServiceTransfer, "ResourceExistsException", 400, FaultClient, false,
		"The requested resource already exists.")
	// ErrTransferThrottling is ThrottlingException, retried by every AWS
	// SDK.
	ErrTransferThrottling = newAPI(ServiceTransfer, "ThrottlingException", 400, FaultClient, true,
		"The request was denied due to request throttling.")
	// ErrTransferInternalServiceError is InternalServiceError (HTTP 500), a
	// server fault the SDKs retry.
	ErrTransferInternalServiceError = newAPI(ServiceTransfer, "InternalServiceError", 500, FaultServer, true,
		"This exception is thrown when an error occurs in the Transfer Family service.")
	// ErrTransferServiceUnavailable is ServiceUnavailableException (HTTP
	// 500, as the API Reference gives it), a server fault the SDKs retry.
	ErrTransferServiceUnavailable = newAPI(ServiceTransfer, "ServiceUnavailableException", 500, FaultServer, true,
		"The request has failed because the Amazon Web Services Transfer Family service is not available.")
	// ErrTransferInvalidNextToken is InvalidNextTokenException (ListUsers).
	ErrTransferInvalidNextToken = newAPI(ServiceTransfer, "InvalidNextTokenException", 400, FaultClient, false,
		"The NextToken parameter that was passed is invalid.")
)

// Lightsail (lightsail, 2016-11-28, awsJson1.1). The code is the shape name,
// sent as `__type`; the body carries code, docs, message and tip. Codes and
// faults are the model's; the model gives no statuses, so they are
// docs/AWS-FACTS.md's decision: 400 for every client error, 500 for
// ServiceException (testdata/aws-models/errors-without-model.tsv).
var (
	// ErrLightsailService is ServiceException (HTTP 500), a server fault
	// the SDKs retry.
	ErrLightsailService = newAPI(ServiceLightsail, "ServiceException", 500, FaultServer, true,
		"A general service exception.")
	// ErrLightsailInvalidInput is InvalidInputException: Lightsail's
	// answer to a bad key (or a base64-encoded line) and, one member at a
	// time, to every bad field.
	ErrLightsailInvalidInput = newAPI(ServiceLightsail, "InvalidInputException", 400, FaultClient, false,
		"The format of this public key is not valid.")
	// ErrLightsailNotFound is NotFoundException.
	ErrLightsailNotFound = newAPI(ServiceLightsail, "NotFoundException", 400, FaultClient, false,
		"Lightsail throws this exception when it cannot find a resource.")
	// ErrLightsailOperationFailure is OperationFailureException.
	ErrLightsailOperationFailure = newAPI(ServiceLightsail, "OperationFailureException", 400, FaultClient, false,
		"Lightsail throws this exception when an operation fails to execute.")
	// ErrLightsailAccessDenied is AccessDeniedException.
	ErrLightsailAccessDenied = newAPI(ServiceLightsail, "AccessDeniedException", 400, FaultClient, false,
		"Lightsail throws this exception when the user cannot be authenticated or uses invalid credentials to access a resource.")
	// ErrLightsailAccountSetupInProgress is
	// AccountSetupInProgressException: retryable (keyvet's decision, as
	// for ErrEC2InstanceUnavailable): the same request succeeds once the
	// setup ends.
	ErrLightsailAccountSetupInProgress = newAPI(ServiceLightsail, "AccountSetupInProgressException", 400, FaultClient, true,
		"Lightsail throws this exception when an account is still in the setup in progress state.")
	// ErrLightsailRegionSetupInProgress is
	// RegionSetupInProgressException: retryable (keyvet's decision; the
	// model's tip says "Wait a few minutes and try again").
	ErrLightsailRegionSetupInProgress = newAPI(ServiceLightsail, "RegionSetupInProgressException", 400, FaultClient, true,
		"Lightsail throws this exception when an operation is performed on resources in an opt-in Region that is currently being set up.")
	// ErrLightsailUnauthenticated is UnauthenticatedException.
	ErrLightsailUnauthenticated = newAPI(ServiceLightsail, "UnauthenticatedException", 400, FaultClient, false,
		"Lightsail throws this exception when the user has not been authenticated.")
)

// all lists the sentinels in the order All returns them: EC2 Instance
// Connect, IAM, EC2 key pairs, Transfer Family, Lightsail, each in the order
// of docs/AWS-FACTS.md (and the codes it does not name after them).
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

	ErrEC2InvalidKeyFormat,
	ErrEC2KeyPairDuplicate,
	ErrEC2KeyPairNotFound,
	ErrEC2KeyPairFormat,
	ErrEC2MissingParameter,
	ErrEC2InvalidParameterValue,
	ErrEC2DryRunOperation,
	ErrEC2InternalError,
	ErrEC2Unavailable,
	ErrEC2RequestLimitExceeded,

	ErrTransferValidation,
	ErrTransferInvalidRequest,
	ErrTransferResourceNotFound,
	ErrTransferResourceExists,
	ErrTransferThrottling,
	ErrTransferInternalServiceError,
	ErrTransferServiceUnavailable,
	ErrTransferInvalidNextToken,

	ErrLightsailService,
	ErrLightsailInvalidInput,
	ErrLightsailNotFound,
	ErrLightsailOperationFailure,
	ErrLightsailAccessDenied,
	ErrLightsailAccountSetupInProgress,
	ErrLightsailRegionSetupInProgress,
	ErrLightsailUnauthenticated,
}

// All returns every APIError sentinel, grouped by service in the order EC2
// Instance Connect, IAM, EC2 key pairs, Transfer Family, Lightsail, in an order that does not change between calls or versions (new
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

// modelDivergences is the one list of the places where the sentinels of EC2
// Instance Connect and IAM differ from their Smithy models: every other
// code, fault and status of theirs is the model's, and every other code is
// not retryable. TestAPIErrorTable holds the sentinels to the models and to
// this list. The next round's services (EC2 key pairs, Transfer, Lightsail)
// have botocore models that give no statuses, and EC2's lists no errors:
// what keyvet says where those models are silent is in the test data,
// testdata/aws-models/errors-without-model.tsv, each row with its source.
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
