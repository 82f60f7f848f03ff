package sshkey

import (
	"encoding/base64"
	"slices"
)

// Base64 DER (FormatDER): a DER SubjectPublicKeyInfo (RFC 5280 section
// 4.1) in standard, padded base64 on one line, with no PEM frame. EC2's
// ImportKeyPair takes an RSA key in this form ("the body of a DER
// SubjectPublicKeyInfo"). It is a format of its own, read only where a
// caller asks for it: Parse and Detect never read it, so that their
// answers, and Policy.CheckText's, stay what they were, and a base64 run
// that happens to decode as DER is not taken for a key where the form is
// not expected. ParseDER reads it; Policy.ParseText reads it when the
// policy lists FormatDER. Formats does not list it: no type has it as a
// form Parse reads.

// ParseDER parses data as base64 DER: after white space around it is
// trimmed, data must be one run of standard base64 with its padding
// (encoding/base64's StdEncoding, strict: no line breaks inside, no bits
// after the last byte) that decodes to exactly one DER SubjectPublicKeyInfo,
// read as a PKIX PEM block's DER is read. Every SubjectPublicKeyInfo a PKIX
// PEM block may hold is read, RSA, ECDSA and Ed25519 (a decision: the form
// says nothing of the key type; EC2 takes only RSA in it, and its policy,
// validate.EC2ImportKeyPolicy, says so with Policy.LineOnlyTypes). The Key's
// Format is FormatDER and its comment is empty. A refusal wraps
// ErrMalformedKey (or ErrUnsupportedKeyType for an algorithm the PKIX
// reader does not know) and never quotes the input.
func ParseDER(data []byte) (*Key, error) {
	text := trimSpace(data)
	if len(text) == 0 {
		return nil, malformed("no key: the input is empty or white space; give the base64 of a DER SubjectPublicKeyInfo")
	}
	if !isBase64Run(text) {
		return nil, malformed("base64 DER is one run of standard base64 (A-Z, a-z, 0-9, +, /, = padding), with nothing else on the line")
	}
	der := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
	n, err := base64.StdEncoding.Strict().Decode(der, text)
	if err != nil {
		return nil, malformed("the base64 is not canonical padded standard base64; copy the whole key again")
	}
	blob, err := readSPKI(nil, der[:n])
	if err != nil {
		return nil, err
	}
	k, err := parseBlob(blob)
	if err != nil {
		return nil, err
	}
	k.format = FormatDER
	return k, nil
}

// isBase64Run reports whether text is made of the standard base64 alphabet
// and '=' only: no encoding Parse reads looks so (an authorized_keys line
// has a space, RFC 4716 and PEM their dashes), so the choice between
// ParseDER and Parse is the text's own.
func isBase64Run(text []byte) bool {
	for _, c := range text {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return len(text) > 0
}

// ParseText parses data as the key of a request that p judges, and checks
// it: p.Check(Parse(data)), except that where p.Formats lists FormatDER a
// text that is one run of base64 (and nothing Parse reads is) is read by
// ParseDER. For a policy that does not list FormatDER, ParseText is
// exactly Parse and Check, and CheckText gives the same answer without
// making a Key. CheckText reads no base64 DER: use ParseText for a policy
// that lists FormatDER.
func (p *Policy) ParseText(data []byte) (*Key, error) {
	var k *Key
	var err error
	if slices.Contains(p.Formats, FormatDER) && isBase64Run(trimSpace(data)) {
		k, err = ParseDER(data)
	} else {
		k, err = Parse(data)
	}
	if err != nil {
		return nil, err
	}
	if err := p.Check(k); err != nil {
		return nil, err
	}
	return k, nil
}
