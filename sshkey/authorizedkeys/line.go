package authorizedkeys

import (
	"strconv"
	"strings"

	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/scan"
)

// Line returns the authorized_keys line, without a line ending, that grants
// key with the options opts: the options in canonical form, a space, and
// key.String() (type, base64 and comment); key.String() alone when opts is
// the zero Options. ParseLine reads the line back to opts and a key Equal to
// key with the same comment, and Line returns no line it would not.
//
// The canonical form writes each option once, in lower case, separated by
// commas, in this order (the order of Options' fields):
//
//	restrict                                   ; Restrict
//	cert-authority                             ; CertAuthority
//	agent-forwarding, port-forwarding, pty,    ; the Permissions, each as
//	user-rc, x11-forwarding                    ; "name" or "no-name", left out when PermissionDefault
//	no-touch-required                          ; NoTouchRequired
//	verify-required                            ; VerifyRequired
//	command="..."                              ; HasCommand
//	environment="NAME=value"                   ; one per Environment element, in order
//	expiry-time="..."                          ; one per ExpiryTime element, in order, as written
//	from="a,b"                                 ; From joined with commas, when not empty
//	permitlisten="host:port"                   ; one per PermitListen element, in order
//	permitopen="host:port"                     ; one per PermitOpen element, in order
//	principals="a,b"                           ; Principals joined with commas, when not empty
//	tunnel="N"                                 ; HasTunnel: the number, or "any" for TunnelAny
//
// restrict comes first, so that the permissions after it grant or deny
// again what it takes away. A value is written in double quotes, each '"'
// in it as \" (sshd's one escape; every other backslash stands for itself).
// A From, Principals, Environment, PermitListen or PermitOpen that is
// empty but not nil is written as none, and reads back as nil.
//
// Line returns no line, but an error that wraps keyerrors.ErrMalformedKey
// and names the option (never key material), for options a line cannot
// hold as they are, or whose line would mean something else:
//
//   - a LF, CR or NUL anywhere in a value or in the key's comment (a line
//     break would start another line, which a caller appending the line to
//     a file would install; sshd reads a NUL as the end of the line);
//   - a value ending in a backslash, which would escape its closing quote;
//   - a From or Principals element holding a comma, which would split it;
//   - an environment value that is not NAME=value (NAME of ASCII letters,
//     digits and underscores), or a NAME given twice (sshd keeps the first);
//   - a permitlisten or permitopen value sshd refuses (see Options), or a
//     permitlisten without its "host:" (sshd writes a bare port as "*:port");
//   - a tunnel outside 0 to MaxTunnel and not TunnelAny, a Command without
//     HasCommand or a Tunnel without HasTunnel (which would be lost);
//   - an ExpiryTime value a line may not hold (see Options.ExpiryTime);
//   - a Permission other than the three named ones;
//   - more environment, permitlisten or permitopen values than sshd takes;
//   - a nil or zero key, and a line longer than sshkey.MaxLineLen or one
//     ParseLine would refuse for another reason (text in the options that
//     looks like a private key).
func Line(opts Options, key *sshkey.Key) (string, error) {
	if key == nil || key.String() == "" {
		return "", scan.Malformed("there is no key to write")
	}
	keyLine := key.String()
	if strings.ContainsAny(key.Comment(), "\n\r\x00") {
		return "", scan.Malformed("the key's comment holds a line break or a NUL, which would end the line")
	}
	o, err := formatOptions(opts)
	if err != nil {
		return "", err
	}
	line := keyLine
	if o != "" {
		line = o + " " + keyLine
	}
	if len(line) > sshkey.MaxLineLen {
		return "", scan.Malformed("the line would be longer than " + strconv.Itoa(sshkey.MaxLineLen) + " bytes, which sshkey does not read")
	}
	// The last word is ParseLine's: anything it would refuse (a private
	// key's markers in a value, say) is no line to hand out.
	if _, err := ParseLine([]byte(line)); err != nil {
		return "", err
	}
	return line, nil
}

// formatOptions writes opts in the canonical form of Line, or says why it
// cannot.
func formatOptions(opts Options) (string, error) {
	var out []string
	flag := func(id scan.OptionID, negated bool) {
		name := scan.OptionNames[id].Name
		if negated {
			name = "no-" + name
		}
		out = append(out, name)
	}
	value := func(id scan.OptionID, v string) error {
		q, err := quoteValue(id, v)
		if err == nil {
			out = append(out, scan.OptionNames[id].Name+"="+q)
		}
		return err
	}

	if opts.Restrict {
		flag(scan.OptRestrict, false)
	}
	if opts.CertAuthority {
		flag(scan.OptCertAuthority, false)
	}
	for _, p := range []struct {
		id   scan.OptionID
		perm Permission
	}{
		{scan.OptAgentForwarding, opts.AgentForwarding},
		{scan.OptPortForwarding, opts.PortForwarding},
		{scan.OptPty, opts.Pty},
		{scan.OptUserRC, opts.UserRC},
		{scan.OptX11Forwarding, opts.X11Forwarding},
	} {
		switch p.perm {
		case PermissionDefault:
		case PermissionAllowed:
			flag(p.id, false)
		case PermissionDenied:
			flag(p.id, true)
		default:
			return "", optionError(p.id, "has the permission "+p.perm.String()+", which is none of default, allowed and denied")
		}
	}
	if opts.NoTouchRequired {
		flag(scan.OptTouchRequired, true)
	}
	if opts.VerifyRequired {
		flag(scan.OptVerifyRequired, false)
	}

	if opts.HasCommand {
		if err := value(scan.OptCommand, opts.Command); err != nil {
			return "", err
		}
	} else if opts.Command != "" {
		return "", optionError(scan.OptCommand, "has a value but HasCommand is false; set HasCommand to write it")
	}

	if len(opts.Environment) > maxEnvironment+1 {
		return "", optionError(scan.OptEnvironment, "is given more than "+strconv.Itoa(maxEnvironment+1)+" times, more than sshd takes")
	}
	seen := make(map[string]bool, len(opts.Environment))
	for _, e := range opts.Environment {
		name, _, ok := strings.Cut(e, "=")
		if !ok || !validEnvName(name) {
			return "", optionError(scan.OptEnvironment, "has the value "+scan.SafeName([]byte(e))+"; it must be NAME=value, NAME of ASCII letters, digits and underscores")
		}
		if seen[name] {
			return "", optionError(scan.OptEnvironment, "sets "+scan.SafeName([]byte(name))+" twice; sshd keeps the first")
		}
		seen[name] = true
		if err := value(scan.OptEnvironment, e); err != nil {
			return "", err
		}
	}

	for _, v := range opts.ExpiryTime {
		if !validExpiry(v) {
			return "", optionError(scan.OptExpiryTime, "has the value "+scan.SafeName([]byte(v))+", which is no time sshd reads in every time zone (see Options.ExpiryTime)")
		}
		if err := value(scan.OptExpiryTime, v); err != nil {
			return "", err
		}
	}

	if err := listValue(scan.OptFrom, opts.From, value); err != nil {
		return "", err
	}
	for _, l := range []struct {
		id     scan.OptionID
		values []string
	}{
		{scan.OptPermitListen, opts.PermitListen},
		{scan.OptPermitOpen, opts.PermitOpen},
	} {
		if len(l.values) > maxPermits+1 {
			return "", optionError(l.id, "is given more than "+strconv.Itoa(maxPermits+1)+" times, more than sshd takes")
		}
		for _, v := range l.values {
			if err := checkPermitValue(l.id, v); err != nil {
				return "", err
			}
			if err := value(l.id, v); err != nil {
				return "", err
			}
		}
	}
	if err := listValue(scan.OptPrincipals, opts.Principals, value); err != nil {
		return "", err
	}

	switch {
	case opts.HasTunnel && opts.Tunnel == TunnelAny:
		out = append(out, scan.OptionNames[scan.OptTunnel].Name+`="any"`)
	case opts.HasTunnel && opts.Tunnel >= 0 && opts.Tunnel <= MaxTunnel:
		out = append(out, scan.OptionNames[scan.OptTunnel].Name+`="`+strconv.Itoa(opts.Tunnel)+`"`)
	case opts.HasTunnel:
		return "", optionError(scan.OptTunnel, "has the device "+strconv.Itoa(opts.Tunnel)+"; it must be 0 to "+strconv.Itoa(MaxTunnel)+", or TunnelAny")
	case opts.Tunnel != 0:
		return "", optionError(scan.OptTunnel, "has a device but HasTunnel is false; set HasTunnel to write it")
	}
	return strings.Join(out, ","), nil
}

// listValue writes a comma-separated list option (from, principals), whose
// elements may hold no comma.
func listValue(id scan.OptionID, list []string, value func(scan.OptionID, string) error) error {
	if len(list) == 0 {
		return nil
	}
	for _, e := range list {
		if strings.IndexByte(e, ',') >= 0 {
			return optionError(id, "has an element holding a comma, which would split it in two")
		}
	}
	return value(id, strings.Join(list, ","))
}

// quoteValue returns v in double quotes as sshd's opt_dequote reads it back:
// each '"' escaped as \". It refuses what no quoting can carry.
func quoteValue(id scan.OptionID, v string) (string, error) {
	switch {
	case strings.ContainsAny(v, "\n\r"):
		return "", optionError(id, "has a value holding a line break, which would start another line")
	case strings.IndexByte(v, 0) >= 0:
		return "", optionError(id, "has a value holding a NUL byte, where sshd ends the line")
	case strings.HasSuffix(v, `\`):
		return "", optionError(id, `has a value ending in a backslash, which would escape its closing quote`)
	}
	return `"` + strings.ReplaceAll(v, `"`, `\"`) + `"`, nil
}

// checkPermitValue checks a permitlisten or permitopen value as it will be
// read back. (The handling of ports is kept here, apart, so that it can follow Options' fields.)
func checkPermitValue(id scan.OptionID, v string) error {
	if strings.ContainsAny(v, "\n\r\x00") {
		return optionError(id, "has a value holding a line break or a NUL")
	}
	if id == scan.OptPermitListen && strings.IndexByte(v, ':') < 0 {
		return optionError(id, "has the value "+scan.SafeName([]byte(v))+" without its host; write *:port for any address, as sshd records a bare port")
	}
	if why := checkPermit(v); why != "" {
		return optionError(id, "has the value "+scan.SafeName([]byte(v))+": "+why)
	}
	return nil
}
