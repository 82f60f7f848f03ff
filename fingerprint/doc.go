// Package fingerprint computes every SSH public key fingerprint that
// ssh-keygen prints, byte for byte, parses fingerprints that people paste,
// and checks keys against them.
//
// # Forms
//
// A fingerprint is a digest of the key's SSH wire-format blob (RFC 4253
// section 6.6), never of its text. For OpenSSH's test key ed25519_1
// (ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ):
//
//	MD5(pub)          c5:3e:72:c6:f9:55:58:47:5c:ad:d9:8f:89:9f:37:ea
//	SHA1(pub)         SHA1:w6uZIBp5QDpWNEdXkAQGOjYkXKM
//	SHA256(pub)       SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560
//	SHA384(pub)       SHA384:wssyFesRNFGgzG9Ru/Md9M4nt9QZsGfs9UyiaLYmSuXx0kPLRRD2znv53fqEfor3
//	SHA512(pub)       SHA512:Xov7a+pFEHfcFhLYYxvPqg/OCQ+zsRnNst7CdNH7UTfubeOAfSQH+hY/bkhUR0PxSgcpXOew42nojFgas83rng
//	Bubblebabble(pub) xubop-rekyd-bakal-nubuf-pahaf-gicuh-logeb-gocif-petod-galip-fuxux
//
// [MD5] is the form of IAM's Fingerprint member and of ssh-keygen before
// OpenSSH 6.8 (RFC 4716 section 4): lowercase hex pairs joined by colons,
// without the "MD5:" that ssh-keygen -l -E md5 now writes before them. The
// SHA forms are what ssh-keygen -l -E sha1|sha256|sha384|sha512 prints: the
// hash name, a colon and base64 without padding; SHA256 is ssh-keygen's
// default. [Bubblebabble] is ssh-keygen -B (the SHA-1 digest in Antti
// Huima's encoding), and [RandomArt] the picture ssh-keygen -lv draws from
// the SHA-256 digest:
//
//	+--[ED25519 256]--+
//	|       ... .. oo.|
//	|      .   o .o ..|
//	|       o o o.  ..|
//	|      . + .. . o.|
//	|       .S.. . B o|
//	|        .o.+ o @.|
//	|       .o.o.*  .O|
//	|        o= ..+ .B|
//	|       o*o  o.E==|
//	+----[SHA256]-----+
//
// Each function takes an ssh.PublicKey and marshals it once. [OfBlob],
// [AppendBlob], [BubblebabbleBlob] and [RandomArtBlob] take the wire blob
// itself, for a caller that has only the bytes (package sshkey keeps the
// blob a key was parsed from and hashes it, which is cheaper than
// marshalling an RSA key again); they hash the bytes as given. OfBlob
// allocates only its result, and AppendBlob nothing when the buffer has
// room.
//
// # Certificates
//
// OpenSSH fingerprints a certificate (ssh-ed25519-cert-v01@openssh.com and
// the others) as the key it certifies: ssh-keygen -l prints the same
// fingerprint for ed25519_1-cert.pub as for ed25519_1.pub, and the
// functions over ssh.PublicKey here do the same for an *ssh.Certificate. The
// x/crypto functions ssh.FingerprintSHA256 and ssh.FingerprintLegacyMD5 hash
// the whole certificate instead, so for a certificate they give another
// value (SHA256:UYt3G1lz3d+U2zn1qnB2GIhTduXrS0igDusIC3adiKo rather than
// SHA256:L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560 for ed25519_1-cert.pub);
// for a plain key they agree with [SHA256] and [MD5]. The blob functions
// hash what they are given, so a certificate's blob gives x/crypto's value:
// parse it to get OpenSSH's. [RandomArt] draws a certificate from its
// certified key's digest under a header naming the certificate type
// ("+-[ED25519-CERT]--+"), as ssh-keygen -lv does.
//
// # EC2
//
// EC2's KeyFingerprint (ImportKeyPair, CreateKeyPair, DescribeKeyPairs) is
// no form of ssh-keygen's. [EC2] gives it for an imported key: for ssh-rsa
// the MD5 of the DER SubjectPublicKeyInfo in colon hex (spelled as IAM's
// MD5 but over another input), for ssh-ed25519 the SHA-256 of the wire
// blob in padded base64 with no prefix
// (L3k/oJubblSY0lB9Ulsl7emDMnRPKm/8udf2ccwk560= for ed25519_1), and "" for
// the key types EC2 does not take. [MatchesEC2] checks a pasted EC2 value
// against a key. [EC2Created] gives the fingerprint of an RSA key pair EC2
// created, the SHA-1 of the private key's PKCS #8, which only the private
// key (CreateKeyPair's KeyMaterial) gives; an Ed25519 key pair EC2 created
// has the same fingerprint as an imported one.
//
// # Parsing and comparing
//
// [Parse] reads every form above but Bubble Babble and the picture, which
// are made for eyes rather than for pasting: "MD5:" and hex, bare hex in
// either case (IAM's form), the SHA forms, and EC2's padded SHA-256. It is strict (no
// white space, no padding, no second spelling of a digest) and its errors
// wrap keyerrors.ErrMalformedFingerprint (import keyerrors
// "github.com/keyvet/keyvet/errors"). A [Fingerprint] holds the hash
// and the digest; [Fingerprint.String] writes the form the functions above
// return (bare hex for MD5, as IAM), and Parse reads it back.
// [Fingerprint.Matches] hashes a key and compares in constant time.
//
//	f, err := fingerprint.Parse(strings.TrimSpace(pasted))
//	if err != nil { ... errors.Is(err, keyerrors.ErrMalformedFingerprint) ... }
//	if f.Matches(pub) { ... }
//
// Every function is safe for concurrent use; the package has no mutable
// state. Error strings may change between versions: match errors with
// errors.Is.
package fingerprint
