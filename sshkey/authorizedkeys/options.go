package authorizedkeys

import (
	"slices"
	"strconv"
	"strings"
	"time"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// This file reads the options of an authorized_keys line as sshd(8) of
// OpenSSH 9.2 reads them: auth-options.c, sshauthopt_parse, with the helpers
// of misc.c it calls (opt_flag, opt_match, opt_dequote, parse_absolute_time,
// a2port, a2tun, hpdelim2, valid_env_name). The grammar is Options'.

// Permission is what an authorized_keys line says of one of the five
// permissions sshd grants by default and restrict takes away: agent
// forwarding, port forwarding, a pty, ~/.ssh/rc and X11 forwarding. The zero
// value is PermissionDefault.
type Permission uint8

const (
	// PermissionDefault: the line does not name the permission after its
	// last restrict (or at all). sshd grants it unless the line has
	// restrict.
	PermissionDefault Permission = iota
	// PermissionAllowed: the last of the permission's options is its plain
	// form ("pty").
	PermissionAllowed
	// PermissionDenied: the last of the permission's options is its "no-"
	// form ("no-pty").
	PermissionDenied
)

// String returns "default", "allowed" or "denied", and "Permission(N)" for
// any other value.
func (p Permission) String() string {
	switch p {
	case PermissionDefault:
		return "default"
	case PermissionAllowed:
		return "allowed"
	case PermissionDenied:
		return "denied"
	}
	return "Permission(" + strconv.Itoa(int(p)) + ")"
}

// Effective reports whether sshd grants the permission on a line whose
// restrict option is restrict (Options.Restrict): PermissionAllowed
// grants it, PermissionDenied does not, and PermissionDefault grants it
// unless restrict is set. sshd_config may still take it away (AllowTcpForwarding,
// PermitTTY, ...): Effective says what the line allows. For port forwarding,
// permitopen and permitlisten then narrow what is allowed.
//
//	o.Pty.Effective(o.Restrict) // restrict,pty: true; restrict: false; no-pty: false
func (p Permission) Effective(restrict bool) bool {
	switch p {
	case PermissionAllowed:
		return true
	case PermissionDenied:
		return false
	}
	return !restrict
}

// TunnelAny is the Options.Tunnel of tunnel="any": sshd picks the tun
// device (SSH_TUNID_ANY in OpenSSH).
const TunnelAny = -1

// MaxTunnel is the largest tun device number tunnel="N" takes
// (SSH_TUNID_MAX in OpenSSH's misc.h).
const MaxTunnel = 0x7fffffff - 2

// Options are the options of one authorized_keys line, as auth-options.c
// reads them (sshd(8), AUTHORIZED_KEYS FILE FORMAT), typed. The zero value is
// a line without options. Each field names the options it comes from. The
// grammar, in ABNF (RFC 5234, whose quoted strings match without regard to
// case, as sshd matches option names):
//
//	options   = [option] *("," [option])   ; empty options are skipped: ",no-pty,,pty,"
//	option    = flag / ["no-"] negatable / name "=" value
//	flag      = "restrict" / "cert-authority"
//	negatable = "agent-forwarding" / "port-forwarding" / "pty" / "user-rc" /
//	            "X11-forwarding" / "touch-required" / "verify-required"
//	name      = "command" / "environment" / "expiry-time" / "from" /
//	            "permitlisten" / "permitopen" / "principals" / "tunnel"
//	value     = DQUOTE *(qchar / "\" DQUOTE) DQUOTE  ; \" is the one escape
//	qchar     = any byte but DQUOTE and NUL           ; a \ before any other is itself
//
// Inside the quotes of expiry-time, permitopen and permitlisten (ABNF's
// quoted strings again match in any case):
//
//	expiry    = date [hhmm [ss]] ["Z" / "UTC"] ; "20300101", "203001011230", "20300101123045Z", "20300101utc"
//	date      = 4DIGIT 2DIGIT 2DIGIT           ; year, month 01-12, day 01-31 (31 February is 3 March)
//	hhmm      = 2DIGIT 2DIGIT                  ; hour 00-23, minute 00-59
//	ss        = 2DIGIT                         ; second 00-61
//	permit    = host (":" / "/") port          ; "db:5432", "[::1]:22", "*:443", "host/ssh"
//	listen    = permit / port                  ; a bare port is recorded as "*:" port
//	host      = "[" *(byte but "]") "]" / *(byte but ":" and "/") ; under 1025 bytes; "*" is any
//	port      = "*" / number / service
//	number    = *space ["+" / "-"] 1*DIGIT     ; strtonum: 1 to 65535 (" 22", "+22", "022")
//	service   = 1*sbyte                        ; not a number: "ssh", "http-alt"; never looked up
//	sbyte     = %x21-22 / %x24-2E / %x30-39 / %x3B-40 / %x5B-7E ; no blank, control, DEL, non-ASCII, #, /, :, A-Z
//
// The options end at the first space or tab outside double quotes (a
// backslash before a double quote keeps it from opening or closing them);
// the key follows after blanks. Anything else (an unknown option, a flag
// with a value, a value not in quotes, text after a value's closing quote)
// makes the line bad, as it does for sshd.
//
// Where sshd keeps one value of an option given twice, the field holds the
// one sshd keeps: the last of a flag and its "no-" form, the last tunnel,
// the first environment of each NAME. ExpiryTime holds every expiry-time,
// and Expiry the earliest, which sshd keeps. A second command, from or
// principals makes the line bad, as it does for sshd.
//
// Reading a line does no I/O and reads no process state (no resolver, no
// time zone, no environment variable): what depends on the server (the
// port a service name stands for, the zone a local expiry-time is read in)
// is kept as written, for the caller to settle (Permit.PortName,
// Options.Expiry).
type Options struct {
	// Restrict is set by restrict: no agent, port or X11 forwarding, no
	// pty and no ~/.ssh/rc, unless the line grants them again after it.
	// It resets the five Permission fields to PermissionDefault; use
	// Permission.Effective for what the line then allows.
	Restrict bool
	// CertAuthority is set by cert-authority: the key is a certificate
	// authority whose user certificates sshd accepts, not a key to log in
	// with.
	CertAuthority bool

	// AgentForwarding: agent-forwarding and no-agent-forwarding.
	AgentForwarding Permission
	// PortForwarding: port-forwarding and no-port-forwarding.
	PortForwarding Permission
	// Pty: pty and no-pty.
	Pty Permission
	// UserRC: user-rc and no-user-rc (~/.ssh/rc).
	UserRC Permission
	// X11Forwarding: X11-forwarding and no-X11-forwarding.
	X11Forwarding Permission

	// NoTouchRequired is set by no-touch-required and cleared by
	// touch-required (which OpenSSH 9.2 accepts, though sshd(8) does not
	// document it): a security key's signature need not show that the
	// user touched the key. sshd requires the touch by default.
	NoTouchRequired bool
	// VerifyRequired is set by verify-required and cleared by
	// no-verify-required (accepted, undocumented): a security key's
	// signature must show that the user was verified (a PIN or biometric).
	VerifyRequired bool

	// HasCommand reports whether the line has command="...", and Command
	// is its value: the command sshd runs in place of the one the client
	// asks for. command="" is present and empty: sshd then runs the
	// user's shell with no command, whatever the client asks.
	HasCommand bool
	Command    string

	// Environment holds the values of environment="NAME=value", in order,
	// each "NAME=value" as written inside the quotes. NAME is one or more
	// ASCII letters, digits and underscores; a later environment of a NAME
	// already set is dropped, as sshd keeps the first (names compared with
	// regard to case: "A" and "a" are two names). sshd sets them only under
	// PermitUserEnvironment.
	Environment []string

	// ExpiryTime holds the values of expiry-time="YYYYMMDD[HHMM[SS]][Z]",
	// in order, as written; Expiry gives the time sshd keeps, the earliest,
	// in the time zone it is asked for. Each value is 8, 12 or 14 ASCII
	// digits (year, month 01 to 12, day 01 to 31, hour 00 to 23, minute 00
	// to 59, second 00 to 61), then "Z" or "UTC" (in any case) for UTC, or
	// nothing for local time, which sshd reads in its own time zone. The
	// line is read without a time zone, so that no value is taken in one
	// zone and refused in another: a UTC value must fall after the Unix
	// epoch (sshd refuses the epoch and before), and a local value after
	// 1 January 1970, the epoch's day, after which it falls after the
	// epoch in every zone (sshd takes a local time on 1 January 1970 in
	// a zone where it falls after the epoch, west of UTC or late in the
	// day, and refuses it elsewhere; keyvet refuses it in every zone).
	// Examples: "20300101" (local midnight), "203001011230",
	// "20300101123045Z", "20300101utc".
	ExpiryTime []string

	// From is the pattern list of from="pattern-list", split at its commas
	// (an empty pattern included, as from="" gives [""]); nil when the
	// line has none. sshd does not check the patterns when it reads the
	// line, only when a client connects: an empty pattern or a bad CIDR
	// mask then refuses every login with this key.
	From []string

	// PermitListen holds the values of permitlisten="[host:]port", in
	// order, as sshd records them: a bare port is "*:port"
	// (permitlisten="8080" is "*:8080", permitlisten="*" is "*:*"). The
	// host may be "*", an [IPv6] address in brackets, or empty; the port
	// is as written, and ParsePermit splits a value into its host and
	// port. The port is one of:
	//
	//	"*"          any port
	//	1 to 65535   in strtonum's form: leading blanks, a sign and leading
	//	             zeros are taken (" 22", "+22", "022" are 22); 0 is not
	//	a name       a TCP service name: one or more bytes, none of them a
	//	             blank or control character, DEL or a byte past it,
	//	             '#', ':', '/' or an upper-case ASCII letter, and not
	//	             all digits after a sign ("ssh", "http-alt")
	//
	// keyvet takes any name of that form and looks none up: the line is
	// read without I/O. sshd resolves a name (a2port: getservbyname(name,
	// "tcp")) when it reads the line, at login, on the server, and refuses
	// the line when the server's /etc/services (or NSS) does not know it;
	// Permit.PortName gives the name for a caller to resolve where it
	// matters (net.LookupPort("tcp", name) on the server). sshd also takes
	// "/" for the ":" after a bracketed host ("[::1]/22") when it reads
	// the line, and then ends the session that uses it (session.c reads
	// the value again with hpdelim, which does not): keyvet takes it, as
	// sshd's reading of the line does.
	PermitListen []string
	// PermitOpen holds the values of permitopen="host:port", in order, as
	// written. Host and port are as for PermitListen, but the host may not
	// be left out; like sshd, keyvet also takes "/" for ":" ("host/22").
	// Examples: "db.example.com:5432", "[2001:db8::1]:22", "*:443",
	// "localhost:*", "host:http-alt".
	PermitOpen []string

	// Principals is the list of principals="list", split at its commas;
	// nil when the line has none. principals="" gives [""], which no
	// certificate matches.
	Principals []string

	// HasTunnel reports whether the line has tunnel="N", and Tunnel is
	// its device (the last tunnel's): 0 to MaxTunnel, in strtonum's form
	// (leading blanks and a sign are taken), or TunnelAny for
	// tunnel="any" in any case, which a2tun takes and sshd(8) does not
	// document.
	HasTunnel bool
	Tunnel    int
}

// clone returns a copy of o that shares no slice with it.
func (o Options) clone() Options {
	o.Environment = slices.Clone(o.Environment)
	o.ExpiryTime = slices.Clone(o.ExpiryTime)
	o.From = slices.Clone(o.From)
	o.PermitListen = slices.Clone(o.PermitListen)
	o.PermitOpen = slices.Clone(o.PermitOpen)
	o.Principals = slices.Clone(o.Principals)
	return o
}

// The limits of auth-options.h: sshd refuses an environment or permit
// option when that many are already recorded.
const (
	maxEnvironment = 1024 // SSH_AUTHOPT_ENV_MAX
	maxPermits     = 4096 // SSH_AUTHOPT_PERMIT_MAX
	maxPermitHost  = 1025 // NI_MAXHOST: a host of this length or longer is refused
)

// optionError is the error of a bad option of a name sshd knows:
// ErrMalformedKey, with a message that names the option.
func optionError(id scan.OptionID, what string) error {
	return scan.Malformed("option \"" + scan.OptionNames[id].Name + "\" " + what)
}

// parseOptions reads s, the options of a line as written (up to the first
// blank outside double quotes, with its quotes balanced), into o, as
// sshauthopt_parse reads them, and stops at the first bad option, as sshd
// does. s holds no NUL. The values it stores are substrings of s where no
// escape is undone, so that a caller who keeps s pays for no other copy.
func parseOptions(s string, o *Options) error {
	var env envSet
	for _, e := range o.Environment {
		name, _, _ := strings.Cut(e, "=")
		env.add(name)
	}
	return parseOptionsEnv(s, o, &env)
}

// parseOptionsEnv is parseOptions with env, the set of the NAMEs of
// o.Environment.
func parseOptionsEnv(s string, o *Options, env *envSet) error {
	i := 0
	for i < len(s) {
		if s[i] == ',' {
			// sshauthopt_parse matches no option at a comma and steps
			// over it: empty options are skipped (",no-pty,,pty").
			i++
			continue
		}
		// The option's name runs to a comma, an equals sign or the end.
		// (opt_flag and opt_match compare a prefix, then want a comma,
		// the end or, for a value, '=' after it: no name is a prefix of
		// another, so this is the same.)
		j := i
		for j < len(s) && s[j] != ',' && s[j] != '=' {
			j++
		}
		word := s[i:j]
		negated := false
		id, ok := scan.LookupOption(word)
		if !ok && len(word) > 3 && strings.EqualFold(word[:3], "no-") {
			if id, ok = scan.LookupOption(word[3:]); ok {
				// no-restrict, no-cert-authority, no-command=...
				// are unknown to sshd.
				negated, ok = true, scan.OptionNames[id].Kind == scan.OptNegatable
			}
		}
		if !ok {
			return scan.Named(keyerrors.ErrMalformedKey, "option ", []byte(word), " is not an authorized_keys option sshd knows (sshd(8), AUTHORIZED_KEYS FILE FORMAT)")
		}
		if scan.OptionNames[id].Kind != scan.OptValue {
			if j < len(s) && s[j] == '=' {
				return optionError(id, "takes no value")
			}
			setFlag(o, id, negated)
			i = j
			continue
		}
		if j == len(s) || s[j] != '=' {
			return optionError(id, "needs a value: "+scan.OptionNames[id].Name+"=\"...\"")
		}
		v, end, err := dequote(s, j+1, id)
		if err != nil {
			return err
		}
		if err := setValue(o, id, v, env); err != nil {
			return err
		}
		if i = end; i < len(s) && s[i] != ',' {
			return optionError(id, "has text after the double quote that closes its value")
		}
	}
	return nil
}

// setFlag records restrict, cert-authority or one of the negatable
// options, negated for its "no-" form.
func setFlag(o *Options, id scan.OptionID, negated bool) {
	p := PermissionAllowed
	if negated {
		p = PermissionDenied
	}
	switch id {
	case scan.OptRestrict:
		o.Restrict = true
		o.AgentForwarding, o.PortForwarding, o.Pty, o.UserRC, o.X11Forwarding =
			PermissionDefault, PermissionDefault, PermissionDefault, PermissionDefault, PermissionDefault
	case scan.OptCertAuthority:
		o.CertAuthority = true
	case scan.OptPortForwarding:
		o.PortForwarding = p
	case scan.OptAgentForwarding:
		o.AgentForwarding = p
	case scan.OptX11Forwarding:
		o.X11Forwarding = p
	case scan.OptPty:
		o.Pty = p
	case scan.OptUserRC:
		o.UserRC = p
	case scan.OptTouchRequired:
		o.NoTouchRequired = negated
	case scan.OptVerifyRequired:
		o.VerifyRequired = !negated
	}
}

// dequote reads the quoted value that starts at s[i], as opt_dequote does:
// it must open with a double quote, and ends at the next double quote that
// no backslash escapes; \" stands for '"', and every other backslash for
// itself. It returns the value and the index after its closing quote.
func dequote(s string, i int, id scan.OptionID) (v string, end int, err error) {
	if i >= len(s) || s[i] != '"' {
		return "", 0, optionError(id, "must have its value in double quotes: "+scan.OptionNames[id].Name+"=\"...\"")
	}
	escaped := false
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == '\\' && j+1 < len(s) && s[j+1] == '"':
			escaped = true
			j++
		case s[j] == '"':
			v = s[i+1 : j]
			if escaped {
				v = strings.ReplaceAll(v, `\"`, `"`)
			}
			return v, j + 1, nil
		}
	}
	return "", 0, optionError(id, "opens a double quote that does not close")
}

// setValue records the value v of option id. env holds the NAMEs of
// o.Environment.
func setValue(o *Options, id scan.OptionID, v string, env *envSet) error {
	switch id {
	case scan.OptCommand:
		if o.HasCommand {
			return optionError(id, "is given twice; sshd takes one command")
		}
		o.HasCommand, o.Command = true, v
	case scan.OptPrincipals:
		if o.Principals != nil {
			return optionError(id, "is given twice; sshd takes one principals list")
		}
		o.Principals = strings.Split(v, ",")
	case scan.OptFrom:
		if o.From != nil {
			return optionError(id, "is given twice; sshd takes one from list")
		}
		o.From = strings.Split(v, ",")
	case scan.OptExpiryTime:
		if !validExpiry(v) {
			return optionError(id, "has the value "+scan.SafeName([]byte(v))+", which is no time sshd reads in every time zone: YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, local time or followed by Z for UTC, after 1 January 1970")
		}
		o.ExpiryTime = append(o.ExpiryTime, v)
	case scan.OptEnvironment:
		if len(o.Environment) > maxEnvironment {
			return optionError(id, "is given more than "+strconv.Itoa(maxEnvironment+1)+" times, more than sshd takes")
		}
		eq := strings.IndexByte(v, '=')
		if eq < 0 || !validEnvName(v[:eq]) {
			return optionError(id, "has the value "+scan.SafeName([]byte(v))+"; it must be NAME=value, NAME of ASCII letters, digits and underscores")
		}
		if !env.add(v[:eq]) {
			return nil // the first of a name is kept
		}
		o.Environment = append(o.Environment, v)
	case scan.OptPermitOpen, scan.OptPermitListen:
		list := &o.PermitOpen
		if id == scan.OptPermitListen {
			list = &o.PermitListen
		}
		if len(*list) > maxPermits {
			return optionError(id, "is given more than "+strconv.Itoa(maxPermits+1)+" times, more than sshd takes")
		}
		if id == scan.OptPermitListen && strings.IndexByte(v, ':') < 0 {
			// A bare port: any listen address.
			v = "*:" + v
		}
		if why := checkPermit(v); why != "" {
			return optionError(id, "has the value "+scan.SafeName([]byte(v))+": "+why)
		}
		*list = append(*list, v)
	case scan.OptTunnel:
		n, ok := parseTunnel(v)
		if !ok {
			return optionError(id, "has the value "+scan.SafeName([]byte(v))+"; it must be a tun device number from 0 to "+strconv.Itoa(MaxTunnel)+", or \"any\"")
		}
		o.HasTunnel, o.Tunnel = true, n
	}
	return nil
}

// envSet is the set of the NAMEs of an Options' Environment, which keeps
// the first environment of each NAME in one map lookup an option, where
// comparing each with every earlier one would take time quadratic in their
// number. The zero envSet is empty.
type envSet struct {
	names map[string]struct{}
	// lookups counts the names add looked up, for the tests to hold the
	// work to one lookup an environment option.
	lookups int
}

// add adds name (compared with regard to case, as sshd's strncmp
// compares) and reports whether it was not there before.
func (e *envSet) add(name string) bool {
	e.lookups++
	if _, dup := e.names[name]; dup {
		return false
	}
	if e.names == nil {
		e.names = make(map[string]struct{})
	}
	e.names[name] = struct{}{}
	return true
}

// validEnvName reports whether s is a name valid_env_name takes: one or more
// ASCII letters, digits and underscores (isalnum in the C locale, which
// sshd runs in).
func validEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Permit is a permitopen or permitlisten value (Options.PermitOpen,
// Options.PermitListen) split into its host and its port, as ParsePermit
// reads it. The zero Permit has an empty host and no port.
type Permit struct {
	text, host, port string
}

// ParsePermit splits s, a permitopen or permitlisten value as Options
// holds it ("host:port", "[2001:db8::1]:22", "*:8080", "host/22"), as
// sshd's handle_permit checks it: the host ends at the first ':' or '/'
// (hpdelim2) or, when it starts with '[', at the ']' that closes it, which
// ':' or '/' must follow; the host is shorter than 1025 bytes (NI_MAXHOST);
// the port is "*", 1 to 65535 in strtonum's form, or a service name of the
// form Options.PermitListen gives. It does no I/O: a service name is not
// looked up. Every value of an Options that Read or ParseLine returns
// splits without error; a bare permitlisten port, which Options already
// records as "*:port", does not.
func ParsePermit(s string) (Permit, error) {
	p, why := splitPermit(s)
	if why != "" {
		return Permit{}, scan.Malformed("permit " + scan.SafeName([]byte(s)) + ": " + why)
	}
	return p, nil
}

// Host returns the permit's host: "*" for any, "" when it is left out
// (":22"), and an address in brackets without them ("[::1]:22" gives
// "::1"), as sshd's cleanhostname gives it.
func (p Permit) Host() string {
	if len(p.host) >= 2 && p.host[0] == '[' && p.host[len(p.host)-1] == ']' {
		return p.host[1 : len(p.host)-1]
	}
	return p.host
}

// Port returns the port when it is written as a number, 1 to 65535 (" 22",
// "+22" and "022" are 22), and ok true; 0 and false when the port is "*"
// (AnyPort) or a service name (PortName), which keyvet does not resolve.
func (p Permit) Port() (port int, ok bool) {
	n, ok := strtonum(p.port, 1, 65535)
	return int(n), ok
}

// PortName returns the port when it is written as a service name ("ssh",
// "http-alt"), as written; "" when it is a number or "*". keyvet takes any
// name of the form Options.PermitListen gives and looks none up: sshd
// resolves it with getservbyname(name, "tcp") on the server, and refuses
// the line when the name is unknown there. A caller who wants the number
// resolves it where sshd runs, e.g. with net.LookupPort("tcp", name).
func (p Permit) PortName() string {
	if p.port == "" || p.AnyPort() {
		return ""
	}
	if _, ok := p.Port(); ok {
		return ""
	}
	return p.port
}

// AnyPort reports whether the port is "*": any port.
func (p Permit) AnyPort() bool { return p.port == "*" }

// String returns the value as written: ParsePermit(p.String()) is p.
func (p Permit) String() string { return p.text }

// splitPermit splits and checks a permitopen or permitlisten value as
// handle_permit does, and returns the Permit, or "" and what is wrong.
func splitPermit(v string) (Permit, string) {
	var host, port string
	if v != "" && v[0] == '[' {
		k := strings.IndexByte(v, ']')
		if k < 0 {
			return Permit{}, "the [ before the host does not close"
		}
		if k+1 == len(v) {
			return Permit{}, "there is no port after the host"
		}
		if c := v[k+1]; c != ':' && c != '/' {
			return Permit{}, "the [host] is not followed by :port"
		}
		host, port = v[:k+1], v[k+2:]
	} else {
		k := strings.IndexAny(v, ":/")
		if k < 0 {
			return Permit{}, "there is no port after the host"
		}
		host, port = v[:k], v[k+1:]
	}
	if len(host) >= maxPermitHost {
		return Permit{}, "the host is longer than " + strconv.Itoa(maxPermitHost-1) + " bytes"
	}
	p := Permit{text: v, host: host, port: port}
	if port == "*" {
		return p, ""
	}
	if n, ok := strtonum(port, 0, 65535); ok {
		if n == 0 {
			return Permit{}, "port 0 is not a port sshd permits"
		}
		return p, ""
	}
	if !validServiceName(port) {
		return Permit{}, "the port is neither 1 to 65535, nor *, nor a TCP service name"
	}
	return p, ""
}

// checkPermit checks a permitopen or permitlisten value as handle_permit
// does, and returns "" or what is wrong (see splitPermit).
func checkPermit(v string) string {
	_, why := splitPermit(v)
	return why
}

// validServiceName reports whether s has the form of a TCP service name as
// getservbyname finds it in /etc/services: not empty; no blank, control
// character, DEL or byte past it, '#', or upper-case ASCII letter (glibc
// compares names with regard to case, and they are lower case); no ':' or
// '/' (no service is named so, and they are the sign of a host or a
// delimiter gone astray: "::1:22" is host "" and port ":1:22"); and not a
// number strtonum refuses, all digits after a sign ("65536", "-1"). It looks
// nothing up: whether the server knows the name is the server's to say.
func validServiceName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == '#' || c >= 0x7f || 'A' <= c && c <= 'Z' || c == ':' || c == '/' {
			return false
		}
	}
	rest := s
	if rest != "" && (rest[0] == '+' || rest[0] == '-') {
		rest = rest[1:]
	}
	return strings.Trim(rest, "0123456789") != ""
}

// parseTunnel reads a tunnel value as a2tun(s, NULL) does: "any" in any
// case, or a number strtonum takes from 0 to MaxTunnel.
func parseTunnel(s string) (int, bool) {
	if strings.EqualFold(s, "any") {
		return TunnelAny, true
	}
	n, ok := strtonum(s, 0, MaxTunnel)
	return int(n), ok
}

// strtonum reads s as OpenBSD's strtonum(3) does, with base 10: strtoll's
// leading white space (isspace: space, \t, \n, \v, \f, \r) and sign, then
// one or more digits to the end of s; the value must lie in [lo, hi].
func strtonum(s string, lo, hi int64) (int64, bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || '\t' <= s[i] && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if i == len(s) {
		return 0, false
	}
	var n int64
	over := false // past hi; with lo >= 0, out of range either way
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if !over {
			if n = n*10 + int64(c-'0'); n > hi {
				over = true
			}
		}
	}
	if neg {
		n = -n
	}
	if over || n < lo || n > hi {
		return 0, false
	}
	return n, true
}

// Expiry returns the time of the line's expiry-time as sshd, running in
// time zone loc, keeps it: the earliest of the ExpiryTime values, each read
// as parse_absolute_time reads it; ok is false when the line has none. A
// value with "Z" or "UTC" is UTC, and the same in every zone; a value
// without is the wall-clock reading in loc, read as sshd's mktime reads it
// with tm_isdst 0: as standard time, so that in summer time it falls an
// hour later than the wall clock says (ssh-keygen -V reads its times the
// same way). The fields are read as glibc's strptime reads them, and so
// sshd on Linux: seconds run to 61, and a day past the month's end rolls
// over as mktime rolls it ("20230231" is 3 March). (glibc's strptime
// also skips blanks before a field, "2030 1 1", which OpenBSD's does not
// and keyvet refuses when it reads the line.)
//
// loc is the server's zone: time.UTC for a server that runs in UTC,
// time.Local only when the caller is the server. Which value is the
// earliest may depend on loc when the line mixes UTC and local values. loc
// must not be nil. Values that are no expiry-time (in an Options not
// read from a line) are skipped.
//
//	t, ok := e.Options().Expiry(time.UTC)
//	expired := ok && !time.Now().Before(t)
func (o Options) Expiry(loc *time.Location) (t time.Time, ok bool) {
	for _, v := range o.ExpiryTime {
		f, good := readExpiry(v)
		if !good {
			continue
		}
		if u := f.in(loc); !ok || u.Before(t) {
			t, ok = u, true
		}
	}
	return t, ok
}

// expiryFields are the fields of an expiry-time value as strptime reads
// them, before mktime or timegm makes a time of them.
type expiryFields struct {
	year, month, day, hour, minute, sec int
	utc                                 bool
}

// readExpiry reads the fields of an expiry-time value as
// parse_absolute_time does: YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, then
// "Z" or "UTC" (in any case) for UTC, or nothing for local time. The fields
// are read as glibc's strptime reads them (month 1 to 12, day 1 to 31, hour
// 0 to 23, minute 0 to 59, second 0 to 61). keyvet takes only digits:
// strptime also skips blanks before a field ("2024 7 1"), which OpenBSD's
// does not. It depends on no time zone.
func readExpiry(s string) (f expiryFields, ok bool) {
	switch l := len(s); {
	case l > 1 && (s[l-1] == 'Z' || s[l-1] == 'z'):
		f.utc, s = true, s[:l-1]
	case l > 3 && strings.EqualFold(s[l-3:], "UTC"):
		f.utc, s = true, s[:l-3]
	}
	if len(s) != 8 && len(s) != 12 && len(s) != 14 {
		return expiryFields{}, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return expiryFields{}, false
		}
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			v = v*10 + int(c-'0')
		}
		return v
	}
	f.year, f.month, f.day = num(0, 4), num(4, 2), num(6, 2)
	if len(s) >= 12 {
		f.hour, f.minute = num(8, 2), num(10, 2)
	}
	if len(s) == 14 {
		f.sec = num(12, 2)
	}
	if f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour > 23 || f.minute > 59 || f.sec > 61 {
		return expiryFields{}, false
	}
	return f, true
}

// in returns the time of f as sshd in zone loc makes it: timegm for UTC,
// mktime with tm_isdst 0 in loc for local time (standardTime), with days
// and seconds past their range carried over ("20230231" is 3 March).
func (f expiryFields) in(loc *time.Location) time.Time {
	if f.utc {
		return time.Date(f.year, time.Month(f.month), f.day, f.hour, f.minute, f.sec, 0, time.UTC)
	}
	return standardTime(f.year, time.Month(f.month), f.day, f.hour, f.minute, f.sec, loc)
}

// validExpiry reports whether the line may hold s as an expiry-time, in
// whatever zone sshd runs: readExpiry reads it, and its time falls after
// the Unix epoch (sshd refuses mktime's -1 and below, and the epoch itself,
// which sshauthopt_parse takes for none). A UTC value is held to the epoch
// itself. A local value's time depends on the zone, so the wall-clock
// reading must fall on 2 January 1970 or later: no zone is a day or more
// from UTC, so it is after the epoch in every one. (sshd takes a local time
// on 1 January 1970 where it falls after the epoch, west of UTC or late in
// the day, and refuses it elsewhere; keyvet refuses it in every zone, so
// that whether a line is good does not depend on the zone.)
func validExpiry(s string) bool {
	f, ok := readExpiry(s)
	if !ok {
		return false
	}
	t := time.Date(f.year, time.Month(f.month), f.day, f.hour, f.minute, f.sec, 0, time.UTC)
	if f.utc {
		return t.Unix() > 0
	}
	return t.Unix() >= 24*60*60
}

// standardTime is the time of the wall clock reading y-mo-d h:mi:s in loc as
// mktime reads a struct tm whose tm_isdst is 0: when that reading falls in
// summer time, it is taken as standard time, with the offset of the nearest
// time that is not summer time. glibc's mktime looks for that time in steps
// of 601200 seconds, alternately before and after, for up to some eight
// years; so does standardTime.
func standardTime(y int, mo time.Month, d, h, mi, s int, loc *time.Location) time.Time {
	t := time.Date(y, mo, d, h, mi, s, 0, loc)
	if !t.IsDST() {
		return t
	}
	const stride, bound = 601200, 536454000/2 + 601200
	wall := time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	for delta := int64(stride); delta < bound; delta += stride {
		for _, dir := range [2]int64{-1, 1} {
			u := time.Unix(t.Unix()+dir*delta, 0).In(loc)
			if !u.IsDST() {
				_, off := u.Zone()
				return time.Unix(wall.Unix()-int64(off), 0).In(loc)
			}
		}
	}
	return t
}
