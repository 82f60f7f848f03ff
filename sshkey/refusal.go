package sshkey

import (
	keyerrors "github.com/keyvet/keyvet/errors"
)

// refusal is a reader's refusal as a value: why it refused, decided where
// the reader failed, and what the words need. err makes the words, and only
// when a caller asks: it never decides. The zero refusal accepts. It holds
// no slice of the text or the blob (a name is copied, on the few refusals
// that show one), so that the text does not escape with it to the heap:
// CheckText's stack buffers stay there.
type refusal struct {
	why   reason
	name  string // the type the line names (reasonNoBase64, reasonTypeMismatch)
	other string // the type the blob holds (reasonTypeMismatch)
	label string // the PEM label (the reasonPEM ones)
	cause error  // reasonErr: a refusal made by a check the readers share (checkBlob, checkComment, afterKey)
	// wrapped: an authorized_keys line whose base64 was broken across
	// lines: the base64 field holds a line break, the decoder (which skips
	// it) made a key of the line's type of it, and the first line alone is
	// no key. explain words it as a wrapped paste.
	wrapped bool
}

// reason says which rule refused a text.
type reason uint8

const (
	accepted reason = iota
	reasonErr
	reasonUnexplained // a reader's fast path refused and no rule says why: a bug (the fuzz targets hold it unreachable)

	// authorized_keys (scanAuthorizedKey)
	reasonCommentLine
	reasonCR
	reasonOptions
	reasonTypeMissing
	reasonNoBase64
	reasonNotBase64
	reasonOtherSpace
	reasonTruncated
	reasonTypeMismatch

	// PEM (scanPEM)
	reasonPEMBegin
	reasonPEMEndMissing
	reasonPEMWrongEnd
	reasonPEMHeaders
	reasonPEMNotBase64
	reasonPEMInvalidBase64
	reasonPEMUnexplained
)

const msgNotBase64 = "the key is not valid base64 (RFC 4648 section 4); copy the whole key again"

func (r refusal) refused() bool { return r.why != accepted }

// err returns the error r stands for, or nil when r accepts.
func (r refusal) err() error {
	switch r.why {
	case accepted:
		return nil
	case reasonErr:
		return r.cause
	case reasonCommentLine:
		return malformed("comment lines (#) are not accepted; give the key line alone")
	case reasonCR:
		// x/crypto ends the line at the first CR and ignores the rest.
		return malformed("the line holds a carriage return (CR) that does not end it; only LF or CRLF line ends are accepted")
	case reasonOptions:
		return malformed("authorized_keys options before the key type are not accepted; remove the options before the key type")
	case reasonTypeMissing:
		return malformed("the key type is missing before the base64 key; write the type first, as in \"ssh-ed25519 AAAA...\"")
	case reasonNoBase64:
		return malformed("there is no base64 key after the type " + safeName([]byte(r.name)) + "; give the whole line of the .pub file")
	case reasonNotBase64:
		return malformed(msgNotBase64)
	case reasonOtherSpace:
		// "ssh-rsa AAAA...\v": x/crypto trims Unicode white space off the line.
		return malformed("white space other than space and tab (a vertical tab, form feed or Unicode space) stands next to the base64 key; remove it")
	case reasonTruncated:
		return malformed("the key blob is truncated before its type name (RFC 4253 section 6.6); copy the whole key again")
	case reasonTypeMismatch:
		return newErr(keyerrors.ErrKeyTypeMismatch, "the line says the key type is "+safeName([]byte(r.name))+
			" but the key is "+safeName([]byte(r.other))+"; fix the type at the start of the line")
	case reasonPEMBegin:
		return malformed("the PEM BEGIN line must be exactly \"-----BEGIN " + r.label + "-----\" (RFC 7468)")
	case reasonPEMEndMissing:
		return malformed("the PEM END line \"-----END " + r.label + "-----\" is missing (RFC 7468)")
	case reasonPEMWrongEnd:
		return malformed("the PEM block ends with a wrong END line or holds another BEGIN line; it must end with \"-----END " + r.label + "-----\" (RFC 7468)")
	case reasonPEMHeaders:
		return malformed("PEM headers (Proc-Type, DEK-Info, ...) are not accepted in a public key (RFC 7468 section 2); remove them")
	case reasonPEMNotBase64:
		return malformed("the PEM body is not base64 (RFC 7468 section 2); copy the whole block again")
	case reasonPEMInvalidBase64:
		return malformed("the PEM body is not valid base64 (RFC 7468 section 2); copy the whole block again")
	case reasonPEMUnexplained:
		return malformed("the PEM block is refused by the scanner but no rule says why; please report it")
	}
	return malformed("the authorized_keys line is refused by the scanner but no rule says why; please report it")
}

// refuseWith is the refusal of an error a shared check made, or none.
func refuseWith(err error) refusal {
	if err == nil {
		return refusal{}
	}
	return refusal{why: reasonErr, cause: err}
}
