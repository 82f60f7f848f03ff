// Package sshkey parses, encodes and checks SSH public keys. It knows nothing
// of AWS: the services' key policies are in package validate, built on
// [Policy].
//
// [Parse] detects the encoding; [ParseAuthorizedKey], [ParseRFC4716],
// [ParsePKIX] and [ParsePKCS1] each read one. All of them take exactly one
// public key, with only white space (space, tab, CR, LF) around it; lines may
// end in LF or CRLF.
//
// # What it accepts
//
// authorized_keys ([FormatAuthorizedKey], sshd(8) AUTHORIZED_KEYS FILE
// FORMAT, without options):
//
//	line    = type 1*(SP / TAB) base64 [1*(SP / TAB) comment]
//	type    = the key type, equal to the type inside the blob
//	base64  = padded standard base64 (RFC 4648 section 4) of the blob
//	comment = the rest of the line: UTF-8, no control character but tab
//
// RFC 4716 ([FormatRFC4716]):
//
//	"---- BEGIN SSH2 PUBLIC KEY ----"
//	*(tag ":" [" " value])   ; a line ending in "\" continues on the next
//	1*base64-line
//	"---- END SSH2 PUBLIC KEY ----"
//
// with lines ending in LF, CRLF or CR, body lines of at most 72 bytes,
// tags of at most 64 US-ASCII bytes matched without regard to case (blanks
// before a tag are taken, as ssh-keygen -i takes them), values of at most
// 1024 bytes of UTF-8 on a header line of any length (PuTTYgen and
// phpseclib write a long Comment on one line). The Comment header, with or
// without double quotes, is the key's comment; inside the quotes \" and \\
// stand for '"' and '\', as PuTTY writes them. Other headers are ignored
// (RFC 4716 section 3.3).
//
// PKIX PEM ([FormatPKIX]): "-----BEGIN PUBLIC KEY-----", base64 lines,
// "-----END PUBLIC KEY-----", holding a DER SubjectPublicKeyInfo of an RSA,
// DSA, ECDSA (P-256, P-384, P-521; an uncompressed or compressed point, RFC
// 5480 section 2.2) or Ed25519 key. PKCS#1 PEM ([FormatPKCS1]):
// "-----BEGIN RSA PUBLIC KEY-----" holding a DER RSAPublicKey. No PEM headers.
//
// Key types: ssh-rsa, ssh-dss, ecdsa-sha2-nistp256/384/521, ssh-ed25519,
// sk-ecdsa-sha2-nistp256@openssh.com and sk-ssh-ed25519@openssh.com (see
// [Types]). Whatever the encoding, the key is checked as its SSH wire blob
// (RFC 4253 section 6.6), which the [Key] keeps: [Key.Fingerprint] hashes it
// as parsed. sshkey reads ssh-dss itself (x/crypto v0.59 no longer does):
// a DSA key parses, shows its size and fingerprints, and every AWS policy
// refuses it; its [ssh.PublicKey] verifies no signature.
//
// # Certificates
//
// An OpenSSH certificate (PROTOCOL.certkeys: [CertTypes],
// "ssh-ed25519-cert-v01@openssh.com" and the others of the types above but
// ssh-dss) is read from an authorized_keys line or an RFC 4716 file as
// ssh-keygen -l reads it: its structure is checked as OpenSSH's cert_parse
// checks it, the certified key with the checks of a plain key, and the CA's
// signature verified (RSA, ECDSA, Ed25519 and sk- CA keys). Its Type is the
// certificate type; its Bits and Fingerprint are the certified key's, as
// ssh-keygen -l prints them; Marshal, Equal and String are of the
// certificate. [Key.Certificate] gives its fields. A certificate is no
// plain key: [Policy] refuses it with ErrCertificate unless its Types name
// the certificate type, and so every AWS policy refuses it. A certificate
// of an ssh-dss key, or signed by an ssh-dss CA key, is
// ErrUnsupportedKeyType; a legacy -v00 certificate too.
//
// # What it refuses, and why
//
// Every error wraps one key sentinel of package errors (imported as
// keyerrors); match with errors.Is, never with the text, which may change.
// No error text holds key material; other values from the input (a type
// label, a PEM label) appear only escaped and cut short.
//
//   - ErrUnsupportedEncoding: text in no encoding above, empty input, an
//     X.509 CERTIFICATE or any other PEM type; or, from a ParseX function,
//     a key in another encoding. Every other sentinel means the encoding
//     was recognised.
//   - ErrPrivateKey: a private key of any kind (OpenSSH, PEM RSA/EC/DSA,
//     PKCS#8 plain or encrypted, SSH2 encrypted, PuTTY .ppk, Dropbear's
//     binary file), found by its markers anywhere in the input, or by its
//     body: a run of 40 or more base64 characters that starts with a private
//     key's DER, pasted without its BEGIN and END lines, anywhere (a comment
//     and an RFC 4716 header included). Nothing of it is repeated.
//   - ErrCertificate: from [Policy], an OpenSSH certificate whose type the
//     policy does not name (Parse reads certificates).
//   - ErrKeyTypeMismatch: an authorized_keys type label that differs from the
//     type inside the blob. sshd refuses such a line too, but for the labels
//     rsa-sha2-256 and rsa-sha2-512 on an ssh-rsa blob, which OpenSSH reads
//     as ssh-rsa and sshkey refuses (rows rsa-sha2-256-label and
//     rsa-sha2-512-label below).
//   - ErrUnsupportedKeyType: a type not listed above (ssh-mldsa-44/65/87,
//     X25519, P-224 included), named in the message where sshkey knows it.
//   - ErrMalformedKey: authorized_keys options ("no-pty ssh-ed25519 ..."),
//     comment lines, text around the key, a known_hosts line or marker
//     ("host.example.com ssh-ed25519 ...", "@cert-authority ..."), a UTF-8
//     byte-order mark, base64 split across lines (a wrapped paste: the
//     message says to join them), bad base64, a truncated or
//     corrupt blob, bytes after the key inside the blob, an ECDSA point that
//     fails OpenSSH's public point check (sshkey_ec_validate_public), a NUL
//     in a security key's application, a bad comment, a broken RFC 4716 or
//     PEM frame; a certificate whose structure OpenSSH refuses or whose CA
//     signature does not verify.
//   - ErrMultipleKeys: a second key after the first.
//   - ErrWeakKey: an RSA exponent below 3, even, or longer than 24 bits.
//   - ErrKeyTooLarge: an RSA modulus over 16384 bits ([MaxRSABits]); a DSA
//     key over 1024 bits. ErrKeyTooSmall: an RSA modulus under 1024 bits
//     ([MinRSABits], below which OpenSSH refuses to read a key), a DSA key
//     under 1024 bits (SSH's DSA is FIPS 186-2's, 1024 bits exactly).
//     Any other minimum is [Policy]'s job.
//
// # Where it is stricter than OpenSSH
//
// One table lists the inputs sshkey refuses that OpenSSH 9.2 takes:
// testdata/stricter.tsv in the repository (its columns and provenance in
// testdata/README.md), one row per case, each with an example input, the
// sentinel, what OpenSSH does with it and why sshkey refuses it. The rows
// of one key, which every reader of sshkey refuses, authorized_keys and
// known_hosts lines included:
//
//   - nul-after-key (ErrMalformedKey): a NUL byte after the key. OpenSSH
//     reads the line as a C string, which ends there.
//   - comment-control (ErrMalformedKey): a comment with a control
//     character, which OpenSSH keeps as it is.
//   - private-marker-comment (ErrPrivateKey): a private key's marker in the
//     comment, which OpenSSH takes as a comment.
//   - base64-blank-inside (ErrMalformedKey): VT, FF or CR inside the
//     base64, which OpenSSH's b64_pton skips: the base64 must be canonical.
//   - mpint-leading-zero (ErrMalformedKey): an mpint with a superfluous
//     leading zero byte, which OpenSSH strips (and fingerprints the key
//     re-encoded).
//   - rsa-sha2-256-label (ErrKeyTypeMismatch): the label rsa-sha2-256 on an
//     ssh-rsa blob. OpenSSH's sshkey.c takes the name for ssh-rsa, and
//     ssh-keygen -l and sshd read the line as an ssh-rsa key.
//   - rsa-sha2-512-label (ErrKeyTypeMismatch): the same with rsa-sha2-512.
//   - rsa-sha2-blob-type (ErrUnsupportedKeyType): a blob whose type is
//     rsa-sha2-256, which OpenSSH reads as ssh-rsa.
//   - dsa-over-1024 (ErrKeyTooLarge): a DSA key over 1024 bits, which
//     OpenSSH reads.
//   - rsa-exponent-one (ErrWeakKey): an RSA exponent below 3, which
//     OpenSSH reads: it checks no exponent.
//   - rsa-exponent-even (ErrWeakKey): an even RSA exponent.
//   - rsa-exponent-long (ErrWeakKey): an RSA exponent over 24 bits.
//   - rsa-modulus-even (ErrMalformedKey): an even RSA modulus, which OpenSSH
//     reads.
//   - cert-dsa-ca (ErrUnsupportedKeyType): a certificate signed by a DSA CA
//     key, which OpenSSH 9.2 verifies; x/crypto, which verifies it for
//     keyvet, no longer reads DSA.
//   - cert-dsa-key (ErrUnsupportedKeyType): a certificate of a DSA key.
//
// The tests hold the table, this list and the code together: each row's
// input is refused with its sentinel and, where ssh-keygen 9.2 is
// installed, read by ssh-keygen -l; a line the oracle tests find that
// ssh-keygen or sshd takes and keyvet refuses must be a row, or the test
// fails (a line ssh-keygen -l prints only because it reads no options, and
// sshd refuses, is no row). The file formats add rows of their own (lines
// over [MaxLineLen], option values, hashed host names): see their packages.
//
// # What a text is
//
// [Detect] says what a text is before it is read: one key in an encoding
// sshkey reads, a certificate, a private key, an authorized_keys or
// known_hosts line that holds more than a key, binary data, or nothing.
// Tools use it to choose a reader and to word advice; Parse does not need
// it.
//
// # Files of keys
//
// Files of keys have packages of their own, as x/crypto keeps
// ssh/knownhosts: [github.com/keyvet/keyvet/sshkey/authorizedkeys] reads
// and writes authorized_keys files as sshd(8) does, with every option
// typed, and [github.com/keyvet/keyvet/sshkey/knownhosts] reads known_hosts
// files as ssh(1) does, with host matching and hashing. Both read a line at
// a time in memory that does not grow with the file, read each key with
// the one-key rules above, and report each bad line as a [LineError]
// (longer than [MaxLineLen], or refused) without stopping the rest.
//
// # Compared with x/crypto
//
// golang.org/x/crypto/ssh parses the same blobs, but for DSA, which v0.59
// no longer reads (sshkey checks every blob itself, then returns
// x/crypto's [ssh.PublicKey] of it, or its own for ssh-dss). Its
// ParseAuthorizedKey reads a file: it skips comment and bad lines, takes
// options, and on a bad line retries as if the first field were options,
// so a type mismatch or an unknown type comes out as "illegal base64 data
// at input byte 0". sshkey reads one key and says what is wrong. It is also
// stricter: base64 must be canonical, mpints minimal and non-negative, an
// RSA modulus odd and of 1024 bits or more, an ECDSA point one that
// OpenSSH's check passes, a security key's application free of NUL, a
// comment clean UTF-8, and a certificate checked as OpenSSH checks it and
// its signature verified (x/crypto's parse verifies nothing). The fuzz test
// lists these rules and holds sshkey equal to x/crypto elsewhere.
//
// # One scanner, and the fast path
//
// Each encoding is read by one scanner, which Parse and [Policy.CheckText]
// both run. Parse then builds the [Key]; CheckText stops at the type, size
// and encoding, which are all [Policy.Check] looks at: it decodes the base64
// into a buffer on the stack, reads the wire format and the DER where they
// lie, and builds no [ssh.PublicKey]. For a valid key it does not allocate,
// and a request validator pays less for it than for x/crypto's parse alone
// (BENCHMARKS.md in the repository). A scanner decides refusal as it
// decides acceptance, in the same pass: where it fails it returns its
// refusal as a value, which Parse words (CheckText gives a refused text to
// Parse). Wording reads no grammar a second time (it looks only for a
// marker: a byte-order mark, a known_hosts host field, a private key) and
// never accepts. Every scanner costs time linear in its input, whatever its
// line ends.
//
// Every function and method is safe for concurrent use; the package has no
// mutable state. A [Key] is not modified after Parse returns it.
package sshkey
