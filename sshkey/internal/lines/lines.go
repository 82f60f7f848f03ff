// Package lines is the bounded line reader sshkey's file formats
// (authorizedkeys, knownhosts) share, and their loop: each line that is
// neither blank nor a comment is read by the format's parser, and a bad line
// becomes a *sshkey.LineError without stopping the rest.
package lines

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"iter"
	"strconv"
	"unicode/utf8"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// lineReader reads a file a line at a time, in constant memory: each line
// without its LF or CRLF (a lone CR is part of the line, as sshd and ssh read
// it), with its number.
type lineReader struct {
	r    *bufio.Reader
	n    int    // the number of the line last returned
	line []byte // the line last returned; valid until the next call
	buf  []byte // line's storage, reused
	err  error  // the read error that ended the file, io.EOF at its end
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 32<<10)}
}

// next reads the next line. It reports false at the end of the input or on a
// read error (then err holds it, and io.EOF at a clean end). tooLong is set
// for a line longer than sshkey.MaxLineLen, whose bytes are not kept.
func (lr *lineReader) next() (ok, tooLong bool) {
	if lr.err != nil {
		return false, false
	}
	lr.buf = lr.buf[:0]
	if chunk, err := lr.r.ReadSlice('\n'); err == nil {
		// The common case: the whole line is in the reader's buffer,
		// and line points into it, valid until the next read.
		lr.n++
		lr.line = bytes.TrimSuffix(chunk[:len(chunk)-1], []byte("\r"))
		if len(lr.line) > sshkey.MaxLineLen {
			lr.line = nil
			return true, true
		}
		return true, false
	} else {
		lr.buf = append(lr.buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			err = nil
		}
		if err != nil {
			if err != io.EOF || len(lr.buf) == 0 {
				lr.err = err
				return false, false
			}
			lr.err = err // the last line has no line ending; the next call ends
			return lr.finish(false)
		}
	}
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if !tooLong {
			if len(lr.buf)+len(chunk) > sshkey.MaxLineLen+2 { // +2: the CRLF, trimmed below
				tooLong = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && (err != io.EOF || len(lr.buf) == 0 && !tooLong) {
			lr.err = err // a read error drops the line it cut short
			return false, false
		}
		if err != nil {
			lr.err = err // the last line has no line ending; the next call ends
		}
		break
	}
	return lr.finish(tooLong)
}

// finish ends next for a line gathered in buf.
func (lr *lineReader) finish(tooLong bool) (ok, tooLongOut bool) {
	lr.n++
	line := bytes.TrimSuffix(lr.buf, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) > sshkey.MaxLineLen {
		tooLong = true
	}
	if tooLong {
		line = nil
	}
	lr.line = line
	return true, tooLong
}

// readErr returns the error that ended the input, or nil at its clean end.
func (lr *lineReader) readErr() error {
	if lr.err == io.EOF {
		return nil
	}
	return lr.err
}

// lineError is a LineError and the scan.Error it wraps, made in one
// allocation: what ReadFill yields for a line its parser refused by filling
// in the Error it was given.
type lineError struct {
	le sshkey.LineError
	se scan.Error
}

// newLineError returns the LineError of line n refused with err; when err
// is fill, the Error the parser filled in, it is copied into the LineError's
// own allocation, as fill is filled in again for the next line.
func newLineError(n int, err error, fill *scan.Error) *sshkey.LineError {
	if se, ok := err.(*scan.Error); ok && se == fill {
		c := &lineError{se: *fill}
		c.le = sshkey.LineError{Line: n, Err: &c.se}
		return &c.le
	}
	return &sshkey.LineError{Line: n, Err: err}
}

// ReadFill is the loop of the file readers (authorizedkeys.Read,
// knownhosts.Read): each line that is neither blank nor a comment is read
// by parse; a line parse refuses is a LineError, and the reading goes on; a
// first such line that starts a file of one key in an encoding of its own
// (OneKeyFile) ends it; a line past sshkey.MaxLineLen is TooLongError; a
// read error is yielded as it is and ends the sequence. parse must not
// keep line.
//
// parse may refuse a line by filling in the Error it is given (scan.Fill)
// and returning it: the Error and its LineError are then made in one
// allocation, and the message only when it is asked for, so a bad line
// costs little more than reading it. parse must not keep fill, nor return
// it wrapped.
//
// A refused line that is binary data (a NUL byte, bytes that are not
// UTF-8) is described by its length alone (binaryLine).
//
// A line that opens a private key's block (a PEM or SSH2 BEGIN line, a
// PuTTY file's first line: scan.OpensPrivateBlock) is refused by parse
// with ErrPrivateKey; each line after it, up to the one that closes the
// block, is refused too (ErrPrivateKey, inPrivateBlock) without being
// parsed, so that no line of the key's body is read as a key, hosts or
// options and shown in a message, however short.
func ReadFill[E any](r io.Reader, parse func(n int, line []byte, fill *scan.Error) (E, error)) iter.Seq2[E, error] {
	return func(yield func(E, error) bool) {
		var zero E
		lr := newLineReader(r)
		first := true // no line but blank and comment lines so far
		blockStart, closer := 0, ""
		// pending is the error of the last line read, held back while
		// that line is base64 alone: a private key's END line after it
		// makes it a line of that key's body, whose error shows nothing
		// of it.
		var pending *sshkey.LineError
		var fill scan.Error // what parse fills in for a line it refuses
		for {
			ok, tooLong := lr.next()
			if !ok {
				break
			}
			if pending != nil {
				if scan.ClosesPrivateBlock(lr.line) {
					pending.Err = inPrivateBlock(0)
				}
				p := pending
				pending = nil
				if !yield(zero, p) {
					return
				}
			}
			if tooLong {
				first = false
				if !yield(zero, TooLongError(lr.n)) {
					return
				}
				continue
			}
			if closer != "" {
				if bytes.Contains(lr.line, []byte(closer)) {
					closer = ""
				}
				if !yield(zero, &sshkey.LineError{Line: lr.n, Err: inPrivateBlock(blockStart)}) {
					return
				}
				continue
			}
			if BlankOrComment(lr.line) {
				continue
			}
			e, err := parse(lr.n, lr.line, &fill)
			if err != nil {
				if c, ok := scan.OpensPrivateBlock(lr.line); ok {
					blockStart, closer = lr.n, c
				}
			}
			if err != nil && first {
				if err := OneKeyFile(lr.n, lr.line); err != nil {
					yield(zero, err)
					return
				}
			}
			first = false
			if err != nil {
				if bytes.IndexByte(lr.line, 0) >= 0 || !utf8.Valid(lr.line) {
					err = binaryLine(&fill, err, len(lr.line))
				}
				le := newLineError(lr.n, err, &fill)
				if scan.IsBase64Line(lr.line) {
					pending = le
					continue
				}
				if !yield(zero, le) {
					return
				}
				continue
			}
			if !yield(e, nil) {
				return
			}
		}
		if pending != nil && !yield(zero, pending) {
			return
		}
		if err := lr.readErr(); err != nil {
			yield(zero, err)
		}
	}
}

// binaryLine is the error of a refused line that holds a NUL byte or bytes
// that are not UTF-8, in place of err, the parser's: err's sentinel, and
// the line described by its length alone, as keyerrors.SafeValue describes
// binary data, so that nothing of a binary key file (DER, Dropbear) read as
// lines is shown.
//
// It fills in fill, which err may be.
func binaryLine(fill *scan.Error, err error, n int) error {
	sentinel := keyerrors.ErrMalformedKey
	if se := (*scan.Error)(nil); errors.As(err, &se) {
		sentinel = se.Sentinel
	}
	return scan.FillBinary(fill, sentinel, "the line is ", n, ", not text: a key file in a binary format (DER, Dropbear) is no file of key lines")
}

// inPrivateBlock is the error of a line inside the private key whose block
// opens at line start (0: a line of a key's body before its END line).
func inPrivateBlock(start int) error {
	where := "a private key"
	if start > 0 {
		where = "the private key that starts at line " + strconv.Itoa(start)
	}
	return scan.New(keyerrors.ErrPrivateKey, "this line is part of "+where+
		"; remove the private key from the file, and give its public key (ssh-keygen -y -f KEYFILE)")
}

// TooLongError is the LineError of a line past sshkey.MaxLineLen.
func TooLongError(line int) *sshkey.LineError {
	return &sshkey.LineError{Line: line, Err: tooLong()}
}

func tooLong() error {
	return scan.Malformed("the line is longer than " + strconv.Itoa(sshkey.MaxLineLen) + " bytes")
}

// CheckOne is what the formats' ParseLine refuse before reading a line: one
// longer than sshkey.MaxLineLen, one that holds a LF (two lines), a blank
// or comment line (no key). The errors wrap keyerrors.ErrMalformedKey.
func CheckOne(line []byte) error {
	switch {
	case len(line) > sshkey.MaxLineLen:
		return tooLong()
	case bytes.IndexByte(line, '\n') >= 0:
		return scan.Malformed("the line holds a line break; give one line")
	case BlankOrComment(line):
		return scan.Malformed("the line is blank or a comment, and holds no key")
	}
	return nil
}

// BlankOrComment reports whether a line is skipped by sshd and ssh: empty,
// only spaces and tabs, or a comment, whose first character after them is #.
func BlankOrComment(line []byte) bool {
	line = bytes.TrimLeft(line, " \t")
	return len(line) == 0 || line[0] == '#'
}

// OneKeyFile reports the LineError for a first line that starts a file of one
// key in an encoding of its own, RFC 4716 or PEM, which a line reader cannot
// read: Parse reads it.
func OneKeyFile(n int, line []byte) *sshkey.LineError {
	line = bytes.TrimLeft(line, " \t")
	switch {
	case bytes.HasPrefix(line, []byte("---- BEGIN SSH2 PUBLIC KEY")):
		return &sshkey.LineError{Line: n, Err: scan.Unsupported("this is an RFC 4716 key file, not a file of key lines; read it as one key (sshkey.Parse)")}
	case bytes.HasPrefix(line, []byte("-----BEGIN ")):
		return &sshkey.LineError{Line: n, Err: scan.New(pemSentinel(line), "this is a PEM file, not a file of key lines; read it as one key (sshkey.Parse)")}
	}
	return nil
}

// pemSentinel is the sentinel of a PEM first line: ErrPrivateKey for a
// private key's, ErrUnsupportedEncoding for any other.
func pemSentinel(line []byte) error {
	if bytes.Contains(line, []byte("PRIVATE KEY")) {
		return keyerrors.ErrPrivateKey
	}
	return keyerrors.ErrUnsupportedEncoding
}
