// Package errors is keyvet's error taxonomy: every error code that EC2
// Instance Connect, IAM, EC2 (key pairs), Transfer Family and Lightsail answer
// the SSH public key operations with, what a request field broke, and what is
// wrong with a key.
//
// The package shares its name with the standard library's errors, so callers
// import it under the alias keyerrors, as every example here does:
//
//	import keyerrors "github.com/keyvet/keyvet/errors"
//
// # Three kinds of sentinel
//
// An [*APIError] is one AWS error code ([ErrInvalidArgs] is EC2 Instance
// Connect's InvalidArgsException, [ErrValidation] is IAM's ValidationError,
// ...). It carries what a server needs to answer as AWS would, read through
// its methods: the wire code ([APIError.ErrorCode]), the service
// ([APIError.Service]), the HTTP status ([APIError.HTTPStatusCode]), the
// fault, client or server ([APIError.ErrorFault]), whether a retry can help
// ([APIError.Retryable]) and the model's description of the error
// ([APIError.ErrorMessage]). [APIError.WithMessage] makes a copy with another
// message, which still matches its sentinel. [Lookup] finds a sentinel by
// service and code, [All] lists them.
//
// The sentinels per service ([APIError.Service] is the Service constant):
//
//   - EC2 Instance Connect ([ServiceEC2InstanceConnect]): [ErrAuth],
//     [ErrEC2InstanceNotFound], [ErrEC2InstanceStateInvalid],
//     [ErrEC2InstanceTypeInvalid], [ErrEC2InstanceUnavailable],
//     [ErrInvalidArgs], [ErrSerialConsoleAccessDisabled],
//     [ErrSerialConsoleSessionLimitExceeded],
//     [ErrSerialConsoleSessionUnavailable],
//     [ErrSerialConsoleSessionUnsupported], [ErrService], [ErrThrottling].
//   - IAM ([ServiceIAM]): [ErrDuplicateSSHPublicKey], [ErrInvalidPublicKey],
//     [ErrLimitExceeded], [ErrNoSuchEntity],
//     [ErrUnrecognizedPublicKeyEncoding], [ErrInvalidInput], [ErrValidation],
//     [ErrServiceFailure].
//   - EC2 key pairs ([ServiceEC2]): [ErrEC2InvalidKeyFormat]
//     (InvalidKey.Format, EC2's answer to a bad key),
//     [ErrEC2KeyPairDuplicate], [ErrEC2KeyPairNotFound],
//     [ErrEC2KeyPairFormat] (InvalidKeyPair.Format: documented, never
//     observed, not used by keyvet), [ErrEC2MissingParameter],
//     [ErrEC2InvalidParameterValue], [ErrEC2DryRunOperation] (412),
//     [ErrEC2InternalError] (500), [ErrEC2Unavailable] (503),
//     [ErrEC2RequestLimitExceeded] (503).
//   - Transfer Family ([ServiceTransfer]): [ErrTransferValidation],
//     [ErrTransferInvalidRequest], [ErrTransferResourceNotFound],
//     [ErrTransferResourceExists], [ErrTransferThrottling],
//     [ErrTransferInternalServiceError], [ErrTransferServiceUnavailable],
//     [ErrTransferInvalidNextToken].
//   - Lightsail ([ServiceLightsail]): [ErrLightsailService],
//     [ErrLightsailInvalidInput], [ErrLightsailNotFound],
//     [ErrLightsailOperationFailure], [ErrLightsailAccessDenied],
//     [ErrLightsailAccountSetupInProgress],
//     [ErrLightsailRegionSetupInProgress], [ErrLightsailUnauthenticated].
//
// The names of the first two services' sentinels are bare; those of the
// others carry their service, since a bare name would be ambiguous or is
// taken (IAM's ErrInvalidInput is not Lightsail's InvalidInputException).
//
// A rule sentinel says which constraint of the service model a field broke:
// [ErrRequired], [ErrTooShort], [ErrTooLong], [ErrPattern], [ErrNotInEnum],
// [ErrOutOfRange].
//
// A key sentinel says what is wrong with an SSH public key: [ErrMalformedKey],
// [ErrUnsupportedEncoding], [ErrUnsupportedKeyType], [ErrKeyTooSmall],
// [ErrKeyTooLarge], [ErrWeakKey], [ErrPrivateKey], [ErrCertificate],
// [ErrKeyTypeMismatch], [ErrMultipleKeys], and for fingerprints
// [ErrMalformedFingerprint]. Package sshkey returns them wrapped with detail.
//
// # The table and the models
//
// For EC2 Instance Connect and IAM, the codes, faults and HTTP statuses are
// the services' Smithy models' (smithy.api#error and smithy.api#httpError
// traits, and for IAM the aws.protocols#awsQueryError code; trimmed copies in
// the repository's testdata/aws-models), with four exceptions: EC2 Instance Connect's API
// Reference answers AuthException, EC2InstanceNotFoundException,
// EC2InstanceUnavailableException and ThrottlingException with HTTP 400, where
// the model says 403, 404, 503 and 429, and keyvet follows the API Reference.
// The models mark no error retryable; keyvet's retry decisions (the throttling,
// unavailable and session-limit errors, and the server faults) and IAM's two
// common errors that the model does not list (ValidationError, ServiceFailure)
// are listed, each with its source, in one table in api.go (modelDivergences),
// and a test holds every sentinel to the models and to that table.
//
// For EC2 key pairs, Transfer Family and Lightsail the models are botocore's
// (testdata/aws-models again), and say less: Transfer's and Lightsail's give
// the codes and the faults (botocore's exception and fault traits) but no
// HTTP status, and EC2's lists no errors at all. The codes and faults they
// give are theirs; everything else (EC2's codes, every status of the three,
// Transfer's common ValidationException, every retry decision) is in
// testdata/aws-models/errors-without-model.tsv, one row per sentinel with its
// source (the repository's docs/AWS-FACTS.md, an API Reference, or keyvet's
// decision), and the same test holds each sentinel to its row and each row to
// the model. Where AWS's message names a resource ("The keypair 'NAME'
// already exists."), the sentinel's message leaves the name out and a server
// fills it in with WithMessage; where the facts give no message, the
// sentinel's is keyvet's, as its comment says.
//
// # Context types
//
// A [*FieldError] says that one field of one request failed: the operation,
// the AWS member name, the rule or key sentinel, and the [*APIError] the
// service answers with. Its Unwrap returns both, so both of these hold for a
// malformed instance id:
//
//	errors.Is(err, keyerrors.ErrPattern)     // what the field broke
//	errors.Is(err, keyerrors.ErrInvalidArgs) // what EC2 Instance Connect answers
//
// A [*RequestError] gathers every failed field of one request; validation
// never stops at the first. Its Unwrap returns the fields, so errors.As finds
// a [*FieldError] in it.
//
// # Messages
//
// A field's and a request's Error text are framed as AWS's own validation
// layer frames its messages:
//
//	1 validation error detected: Value 'mi-048afb7f6460a110d' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^i-[a-f0-9]+$
//
// Which words are AWS's and which are keyvet's:
//
//   - AWS's: the frame of a request, "1 validation error detected: " or "N
//     validation errors detected: " with the fields joined by "; "; the
//     frame of a field, "Value '...' at 'member' failed to satisfy
//     constraint: " ("Value null at" for a missing member, "Value at" for a
//     sensitive one); and the texts of the model's constraints, "Member must
//     have length greater than or equal to N" (or less than or equal to N),
//     "Member must satisfy regular expression pattern: ...", "Member must
//     satisfy enum value set: [...]", "Member must have value greater than
//     or equal to N" (or less than or equal to N) and "Member must not be
//     null".
//   - keyvet's: the key constraint of a refused key, such as "Member must be
//     an ssh-rsa key of 2048 to 4096 bits or an ssh-ed25519 key, as an
//     authorized_keys line or in RFC 4716 encoding", followed by the key
//     error's text in parentheses. AWS says nothing of the kind: a real
//     service answers a bad key with its own code and message, not through
//     its validation layer (IAM with InvalidPublicKey or
//     UnrecognizedPublicKeyEncoding; EC2 Instance Connect with
//     InvalidArgsException, "SSH Public key is invalid" for an sk-ed25519
//     key, as the repository's docs/AWS-FACTS.md records). Also keyvet's:
//     "Member must be valid UTF-8", for a value that is not UTF-8 in a
//     member without a pattern; the placeholders [OmittedValue] and
//     [BinaryValue] and the escaping of values (below); the text of every key sentinel and of the
//     errors packages sshkey and fingerprint wrap them in; and the reason.
//
// [Reason] and [FieldError.Reason] give the sentence to show a person, for
// rule and key failures alike, without AWS's frame:
//
//	InstanceId must have length greater than or equal to 10
//	SSHPublicKeyBody: a "ssh-ed25519" key is not accepted here; use a key of type ssh-rsa
//
// A message never holds key material: for the key fields (SSHPublicKey,
// SSHPublicKeyBody) the value is left out ("Value at 'sSHPublicKey' failed
// ..."). Any other value goes through [SafeValue], the one rule every keyvet
// package uses: a value that holds a run of 40 or more base64 characters
// that mixes upper case, lower case and digits or "+" and "/" (a line of a
// key), or a private key marker ("PRIVATE KEY", "b3BlbnNzaC1rZXktdjE",
// "PuTTY-User-Key-File"), is shown as [OmittedValue], "<value omitted>":
//
//	Value '<value omitted>' at 'instanceOSUser' failed to satisfy constraint: Member must have length less than or equal to 32
//
// a value that holds a NUL byte or is not valid UTF-8 is described by its
// length only, as [BinaryValue] writes it ("<binary data, 121 bytes>"); and
// any other value (an option name, a user name, a host name) is shown, so a
// person can fix it, escaped so that no control character reaches a log
// line, and cut to 64 characters.
//
// Error strings may change between versions; match errors with errors.Is and
// errors.As, and read codes from [APIError.ErrorCode], never from the text.
//
// Every exported function and method is safe for concurrent use.
//
// # Read-only sentinels
//
// Nothing this package exports lets a caller change what a sentinel answers.
// The sentinels are package variables holding pointers, as errors.Is needs
// (it compares an error with its target, or asks the error's Is method), and
// nothing exported changes what they point to: an [*APIError] has no exported field,
// its methods only read it, and WithMessage returns a new value; a rule or
// key sentinel is made by the standard library's errors.New, which has
// neither an exported field nor a method that changes it; [All] returns a new
// slice on every call. What Go allows of any package variable still holds
// here as for io.EOF: a program can assign another value to the variable, or
// overwrite a whole APIError through its pointer (*ErrValidation =
// APIError{}); no keyvet code does either, and [Lookup] and [All] answer from
// the package's own table, which assigning to a variable does not change.
package errors
