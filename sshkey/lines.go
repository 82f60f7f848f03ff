package sshkey

import (
	"strconv"
	"strings"
)

// LineError reports one bad line of a file of keys (an authorized_keys or a
// known_hosts file). The readers report it and go on with the next line, as
// sshd and ssh skip a line they cannot use. Err wraps the key sentinel that
// says why (keyerrors.ErrMalformedKey, ErrUnsupportedKeyType, ...), so
// errors.Is sees through a LineError; like every sshkey error, it holds no
// key material.
type LineError struct {
	// Line is the line's number, counted from 1.
	Line int
	// Err is what is wrong with the line.
	Err error
}

// Error returns "sshkey: line N: " and Err's text without its own "sshkey: "
// prefix.
func (e *LineError) Error() string {
	return "sshkey: line " + strconv.Itoa(e.Line) + ": " + strings.TrimPrefix(e.Err.Error(), "sshkey: ")
}

// Unwrap returns Err.
func (e *LineError) Unwrap() error { return e.Err }

// MaxLineLen is the longest line the file readers take, in bytes without
// its line ending: 64 KiB, sixteen times the longest authorized_keys line of
// an RSA key of 16384 bits with a long comment and options. A longer line is
// reported as a LineError wrapping keyerrors.ErrMalformedKey and skipped
// without being held in memory, so a reader's memory does not grow with its
// input.
const MaxLineLen = 64 << 10
