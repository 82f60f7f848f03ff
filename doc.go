// Package keyvet checks SSH public keys and the AWS requests that carry
// them: EC2 Instance Connect's SendSSHPublicKey and
// SendSerialConsoleSSHPublicKey, and IAM's UploadSSHPublicKey,
// GetSSHPublicKey, UpdateSSHPublicKey, DeleteSSHPublicKey and
// ListSSHPublicKeys. Services, proxies and emulators that receive these
// requests, and tools that send them, import keyvet instead of re-deriving
// AWS's rules. This package holds no code; it is the map.
//
// Package [github.com/keyvet/keyvet/validate] holds the request and response
// structs of the seven operations, with the field names of aws-sdk-go-v2,
// and checks every member exactly as the AWS service models define it
// (length in Unicode scalar values, the model's pattern on the whole value,
// enums, ranges) and every key against the service's key policy;
// validate.CheckKey asks whether an operation would take a key alone, and
// validate.RuleFor gives each member's rule. Start here.
//
// Package [github.com/keyvet/keyvet/errors], imported as keyerrors, is the
// error taxonomy: a sentinel per AWS error code with its HTTP status and
// fault, what a field broke, and what is wrong with a key. Every error keyvet
// returns matches them with errors.Is and errors.As. A request's error reads
// as AWS's own validation message for the model's constraints, and in
// keyvet's words, in the same frame, for a refused key (a real service
// answers a bad key with a message of its own); the errors package's doc says
// which words are whose, and keyerrors.Reason gives the sentence to show a
// person.
//
// Package [github.com/keyvet/keyvet/sshkey] parses and encodes SSH public keys
// in the four encodings these APIs take (authorized_keys lines, RFC 4716
// files, PKIX and PKCS#1 PEM), refuses private keys, certificates and
// malformed input with precise sentinels, and checks a key against a policy.
// Its packages [github.com/keyvet/keyvet/sshkey/authorizedkeys] and
// [github.com/keyvet/keyvet/sshkey/knownhosts] read whole authorized_keys and
// known_hosts files as sshd and ssh read them, a line at a time. It knows
// nothing of AWS.
//
// Package [github.com/keyvet/keyvet/fingerprint] computes every fingerprint
// ssh-keygen prints (MD5 as IAM returns it, SHA256, SHA1, SHA384, SHA512,
// bubblebabble, the randomart box), byte for byte, and parses and compares
// fingerprints people paste.
//
// The common path, checking a request a service received:
//
//	in := &validate.SendSSHPublicKeyInput{
//		InstanceId:     "i-0123456789abcdef0",
//		InstanceOSUser: "ec2-user",
//		SSHPublicKey:   line,
//	}
//	if err := in.Validate(); err != nil {
//		var re *keyerrors.RequestError
//		errors.As(err, &re)
//		api := re.API() // keyerrors.ErrInvalidArgs: InvalidArgsException, HTTP 400
//		// answer with api.ErrorCode(), api.HTTPStatusCode() and err.Error()
//	}
package keyvet
