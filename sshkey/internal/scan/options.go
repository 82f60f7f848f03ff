package scan

import (
	"bytes"
	"strings"
)

// OptionKind is how an option takes its value.
type OptionKind uint8

const (
	OptFlag      OptionKind = iota // restrict, cert-authority
	OptNegatable                   // pty and no-pty, ...
	OptValue                       // name="value"
)

// OptionID names each option sshd knows.
type OptionID uint8

const (
	OptRestrict OptionID = iota
	OptCertAuthority
	OptPortForwarding
	OptAgentForwarding
	OptX11Forwarding
	OptTouchRequired
	OptVerifyRequired
	OptPty
	OptUserRC
	OptCommand
	OptPrincipals
	OptFrom
	OptExpiryTime
	OptEnvironment
	OptPermitOpen
	OptPermitListen
	OptTunnel
)

// OptionNames are the options of sshauthopt_parse, in the order it tries
// them.
var OptionNames = [...]struct {
	Name string
	Kind OptionKind
}{
	OptRestrict:        {"restrict", OptFlag},
	OptCertAuthority:   {"cert-authority", OptFlag},
	OptPortForwarding:  {"port-forwarding", OptNegatable},
	OptAgentForwarding: {"agent-forwarding", OptNegatable},
	OptX11Forwarding:   {"x11-forwarding", OptNegatable},
	OptTouchRequired:   {"touch-required", OptNegatable},
	OptVerifyRequired:  {"verify-required", OptNegatable},
	OptPty:             {"pty", OptNegatable},
	OptUserRC:          {"user-rc", OptNegatable},
	OptCommand:         {"command", OptValue},
	OptPrincipals:      {"principals", OptValue},
	OptFrom:            {"from", OptValue},
	OptExpiryTime:      {"expiry-time", OptValue},
	OptEnvironment:     {"environment", OptValue},
	OptPermitOpen:      {"permitopen", OptValue},
	OptPermitListen:    {"permitlisten", OptValue},
	OptTunnel:          {"tunnel", OptValue},
}

// LookupOption finds the option named name (without its "no-"), matched
// without regard to case. optionsByLen holds the few names of each length.
func LookupOption(name string) (OptionID, bool) {
	if len(name) >= len(optionsByLen) {
		return 0, false
	}
	for _, id := range optionsByLen[len(name)] {
		// Most files write names in lower case: == before EqualFold.
		if o := OptionNames[id].Name; o == name || strings.EqualFold(o, name) {
			return id, true
		}
	}
	return 0, false
}

// optionsByLen lists the options by the length of their names.
var optionsByLen = func() (t [][]OptionID) {
	for i, o := range OptionNames {
		for len(t) <= len(o.Name) {
			t = append(t, nil)
		}
		t[len(o.Name)] = append(t[len(o.Name)], OptionID(i))
	}
	return t
}()

// AdvancePastOptions returns where the options at the start of line end, as
// sshkey_advance_past_options finds it: at the first space or tab outside
// double quotes, where a double quote opens or closes them unless a
// backslash stands before it (\" is stepped over whole, inside quotes or
// out). closed is false when a quote is open at the end of the line.
//
// A backslash before a quote is never itself stepped over (a pair ends in
// its quote), so a quote counts just when the byte before it is no
// backslash, and the scan can jump from quote to quote with IndexByte.
// FuzzAdvancePastOptions holds it to the byte-by-byte reading.
func AdvancePastOptions(line []byte) (end int, closed bool) {
	// The next space and the next tab are each searched for once, and
	// again only when the scan has passed them, so that no search runs
	// over the rest of the line at every quote ("a""a""a"... holds no
	// blank, "\t""\t"... no space): the cost is linear in len(line).
	sp, tab := -1, -1 // the index of the next space and tab at or after i, len(line) for none
	for i := 0; ; i++ {
		// Outside quotes: the first blank ends the options, unless a
		// quote comes before it.
		if sp < i {
			sp = nextByte(line, i, ' ')
		}
		if tab < i {
			tab = nextByte(line, i, '\t')
		}
		b := min(sp, tab)
		q := bytes.IndexByte(line[i:b], '"')
		if q < 0 {
			return b, true
		}
		if i += q; i > 0 && line[i-1] == '\\' {
			continue // \" outside quotes
		}
		// Inside quotes: to the next quote that is not \".
		for {
			j := bytes.IndexByte(line[i+1:], '"')
			if j < 0 {
				return len(line), false
			}
			if i += 1 + j; line[i-1] != '\\' {
				break
			}
		}
	}
}

// nextByte returns the index of the first c in line at or after i, or
// len(line).
func nextByte(line []byte, i int, c byte) int {
	if j := bytes.IndexByte(line[i:], c); j >= 0 {
		return i + j
	}
	return len(line)
}
