package main

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
)

// appendTyped appends m as encoding/json writes it: its keys sorted, its
// values those typedOptions puts in it written by hand (a line in ten of a
// file has options), any other by encoding/json.
func appendTyped(b []byte, m map[string]any) []byte {
	b = append(b, '{')
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendString(b, k), ':')
		switch v := m[k].(type) {
		case bool:
			b = strconv.AppendBool(b, v)
		case string:
			b = appendString(b, v)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		case []string:
			if v == nil {
				b = append(b, "null"...)
				break
			}
			b = append(b, '[')
			for j, s := range v {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendString(b, s)
			}
			b = append(b, ']')
		default:
			t, err := json.Marshal(v)
			if err != nil {
				t = []byte("null")
			}
			b = append(b, t...)
		}
	}
	return append(b, '}')
}

// appendReport appends r as one JSON object and a newline: what
// encoding/json's Encoder writes for it (TestAppendReport holds the two to
// the same value), without reflection, for the files of 100,000 keys
// checkkey reads.
func appendReport(b []byte, r *Report) []byte {
	b = append(b, `{"file":`...)
	b = appendString(b, r.File)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(r.Line), 10)
	b = append(b, `,"kind":`...)
	b = appendString(b, r.Kind)
	b = append(b, `,"kindFrom":`...)
	b = appendString(b, r.KindFrom)
	b = append(b, `,"type":`...)
	b = appendString(b, r.Type)
	b = append(b, `,"bits":`...)
	b = strconv.AppendInt(b, int64(r.Bits), 10)
	b = append(b, `,"sha256":`...)
	b = appendString(b, r.SHA256)
	if r.MD5 != "" {
		b = append(b, `,"md5":`...)
		b = appendString(b, r.MD5)
	}
	if r.EC2 != "" {
		b = append(b, `,"ec2":`...)
		b = appendString(b, r.EC2)
	}
	b = append(b, `,"encoding":`...)
	b = appendString(b, r.Encoding)
	if r.Comment != "" {
		b = append(b, `,"comment":`...)
		b = appendString(b, r.Comment)
	}
	if r.Options != "" {
		b = append(b, `,"options":`...)
		b = appendString(b, r.Options)
	}
	if len(r.Typed) > 0 {
		b = appendTyped(append(b, `,"optionsTyped":`...), r.Typed)
	}
	if r.Marker != "" {
		b = append(b, `,"marker":`...)
		b = appendString(b, r.Marker)
	}
	if r.Hosts != "" {
		b = append(b, `,"hosts":`...)
		b = r.Hosts.appendJSON(b)
	}
	if ct := r.Cert; ct != nil {
		b = append(b, `,"certificate":{"certType":`...)
		b = appendString(b, ct.CertType)
		b = append(b, `,"keyId":`...)
		b = appendString(b, ct.KeyID)
		b = append(b, `,"serial":`...)
		b = strconv.AppendUint(b, ct.Serial, 10)
		b = append(b, `,"principals":[`...)
		for i, p := range ct.Principals {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, p)
		}
		b = append(b, `],"validAfter":`...)
		b = appendString(b, ct.ValidAfter)
		b = append(b, `,"validBefore":`...)
		b = appendString(b, ct.ValidBefore)
		b = append(b, `,"ca":`...)
		b = appendString(b, ct.CA)
		b = append(b, '}')
	}
	b = append(b, `,"operations":[`...)
	for i := range r.Operations {
		o := &r.Operations[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"operation":`...)
		b = appendString(b, o.Operation)
		b = append(b, `,"accepted":`...)
		b = strconv.AppendBool(b, o.Accepted)
		if o.Code != "" {
			b = append(b, `,"code":`...)
			b = appendString(b, o.Code)
		}
		if o.HTTPStatus != 0 {
			b = append(b, `,"httpStatus":`...)
			b = strconv.AppendInt(b, int64(o.HTTPStatus), 10)
		}
		for _, f := range [...]struct{ name, v string }{{"message", o.Message}, {"reason", o.Reason}, {"hint", o.Hint}} {
			if f.v != "" {
				b = append(b, `,"`...)
				b = append(b, f.name...)
				b = append(b, `":`...)
				b = appendString(b, f.v)
			}
		}
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

// ErrorReport is what -json prints of a line or an input that holds no key.
type ErrorReport struct {
	File  string `json:"file"`
	Line  int    `json:"line"`  // 0: the whole input
	Error string `json:"error"` // the message
	Code  string `json:"code"`  // the sentinel's name: ErrPrivateKey, ErrMalformedKey, ErrUnreadable...
	Hint  string `json:"hint,omitempty"`
}

// appendError appends e as one JSON object and a newline, as
// encoding/json's Encoder writes it.
func appendError(b []byte, e *ErrorReport) []byte {
	b = append(b, `{"file":`...)
	b = appendString(b, e.File)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(e.Line), 10)
	b = append(b, `,"error":`...)
	b = appendString(b, e.Error)
	b = append(b, `,"code":`...)
	b = appendString(b, e.Code)
	if e.Hint != "" {
		b = append(b, `,"hint":`...)
		b = appendString(b, e.Hint)
	}
	return append(b, "}\n"...)
}

// appendString appends s as a JSON string, escaped as encoding/json escapes
// it: the quote, the backslash and the control characters; <, > and & as
// \u003c, \u003e and \u0026; U+2028 and U+2029; and each byte of invalid
// UTF-8 as \ufffd.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
