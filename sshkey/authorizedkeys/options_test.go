package authorizedkeys

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin for TestExpiryStandardTime, on any machine

	"github.com/google/go-cmp/cmp"

	keyerrors "github.com/keyvet/keyvet/errors"
	"github.com/keyvet/keyvet/sshkey"
	"github.com/keyvet/keyvet/sshkey/internal/keytest"
)

// updateAuthorized regenerates ../testdata/authorized_keys: the option
// grammar's lines with sshd's verdicts on them, and the files of keys with
// ssh-keygen's fingerprints (see authorized_oracle_test.go).
var updateAuthorized = flag.Bool("update-authorized-keys", false,
	"regenerate ../testdata/authorized_keys with ssh-keygen, puttygen, dropbearkey and, as root, sshd")

const akDir = "../../testdata/authorized_keys"

// akKey is the key of the option grammar's lines: an Ed25519 key, the same
// on every line, which sshd reads on each and compares with none.
const akKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ"

// optRow is a row of the option grammar: the options of a line (or the
// whole line), what AuthorizedKeys reads of them, and why.
type optRow struct {
	name string
	// opts are the line's options: the line is opts, a space, akKey and
	// the row's name as the comment. When line is set, it is the whole
	// line instead.
	opts, line string
	// want is the options read; nil when the line is bad.
	want *Options
	// msg is a text the error must hold (the option it names).
	msg string
	// sshd, when set, is the id of the row of ../../testdata/stricter.tsv
	// (the one table of where keyvet is stricter than OpenSSH) for a line
	// sshd 9.2 takes and AuthorizedKeys refuses: the row says why.
	sshd string
	// liberal, when set, says why keyvet takes a line sshd 9.2 refuses:
	// the one kind of such line is a port named by a service no
	// /etc/services of the test machine holds, which keyvet, doing no
	// I/O, takes as any well-formed name (Permit.PortName; sshd resolves
	// it at login).
	liberal string
	reason  string
}

func (r optRow) text() string {
	if r.line != "" {
		return r.line
	}
	return r.opts + " " + akKey + " " + r.name
}

func perm(p Permission) *Options { return &Options{Pty: p} }

func utc(y, mo, d, h, mi, s int) time.Time {
	return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC)
}

// optionRows is the grammar of auth-options.c (OpenSSH 9.2), row by row.
// testdata/authorized_keys/options holds their lines and options.sshd what
// sshd said of each; TestOptionGrammarSSHD holds the rows to it.
func optionRows() []optRow {
	many := func(n int, f func(i int) string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = f(i)
		}
		return strings.Join(parts, ",")
	}
	envs := func(n int) []string {
		var out []string
		for i := 0; i < n; i++ {
			out = append(out, fmt.Sprintf("E%04d=1", i))
		}
		return out
	}
	return []optRow{
		// Where the options end.
		{name: "no-options", line: akKey + " c", want: &Options{}, reason: "a line that starts with a key type has no options"},
		{name: "leading-blanks", line: " \t" + akKey, want: &Options{}, reason: "blanks before the line are skipped (skip_space)"},
		{name: "tab-after-options", line: "no-pty\t\t" + akKey, want: perm(PermissionDenied), reason: "a tab ends the options too, and blanks before the key are skipped"},
		{name: "type-alone", line: "ssh-ed25519", reason: "a type and no key: sshkey_read fails, and then finds no key after the 'options'"},
		{name: "options-alone", line: "no-pty", reason: "options and no key"},
		{name: "options-comma-alone", line: "no-pty,", reason: "options ending in a comma, and no key"},
		{name: "bad-base64", line: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34Xt!wZ", reason: "a key type then no key"},
		{name: "unknown-type", line: "ssh-foo AAAAC3NzaC1lZDI1NTE5AAAAIFOG6kY7Rf4UtCFvPwKgo/BztXck2xC4a2WyA34XtIwZ", reason: "ssh-foo is taken for options, and the base64 after it is no key line"},
		{name: "quoted-blank", opts: `command="a b"`, want: &Options{HasCommand: true, Command: "a b"}, reason: "a blank inside double quotes does not end the options"},
		{name: "comma-then-type", line: "no-pty," + akKey, reason: "the comma joins the type to the options: ssh-ed25519 is an unknown option, and no key follows"},
		{name: "cr-in-quotes", opts: "command=\"a\rb\"", want: &Options{HasCommand: true, Command: "a\rb"}, reason: "a lone CR is part of the line, and of the value"},

		// Flags, with and without no-, in any case.
		{name: "restrict", opts: "restrict", want: &Options{Restrict: true}, reason: "restrict alone"},
		{name: "restrict-upper", opts: "RESTRICT", want: &Options{Restrict: true}, reason: "names are matched without regard to case (strncasecmp)"},
		{name: "cert-authority", opts: "cert-authority", want: &Options{CertAuthority: true}, reason: "cert-authority"},
		{name: "agent", opts: "agent-forwarding", want: &Options{AgentForwarding: PermissionAllowed}, reason: "the plain form allows"},
		{name: "no-agent", opts: "no-agent-forwarding", want: &Options{AgentForwarding: PermissionDenied}, reason: "the no- form denies"},
		{name: "port", opts: "port-forwarding", want: &Options{PortForwarding: PermissionAllowed}, reason: "port-forwarding"},
		{name: "no-port", opts: "no-port-forwarding", want: &Options{PortForwarding: PermissionDenied}, reason: "no-port-forwarding"},
		{name: "pty", opts: "pty", want: perm(PermissionAllowed), reason: "pty"},
		{name: "no-pty", opts: "no-pty", want: perm(PermissionDenied), reason: "no-pty"},
		{name: "No-Pty", opts: "No-PTY", want: perm(PermissionDenied), reason: "the no- is matched without regard to case too"},
		{name: "user-rc", opts: "user-rc", want: &Options{UserRC: PermissionAllowed}, reason: "user-rc"},
		{name: "no-user-rc", opts: "no-user-rc", want: &Options{UserRC: PermissionDenied}, reason: "no-user-rc"},
		{name: "x11", opts: "X11-forwarding", want: &Options{X11Forwarding: PermissionAllowed}, reason: "X11-forwarding, as sshd(8) writes it"},
		{name: "no-x11", opts: "no-x11-forwarding", want: &Options{X11Forwarding: PermissionDenied}, reason: "no-x11-forwarding, lower case"},
		{name: "no-touch", opts: "no-touch-required", want: &Options{NoTouchRequired: true}, reason: "no-touch-required"},
		{name: "touch", opts: "no-touch-required,touch-required", want: &Options{}, reason: "touch-required (undocumented) clears no-touch-required"},
		{name: "verify", opts: "verify-required", want: &Options{VerifyRequired: true}, reason: "verify-required"},
		{name: "no-verify", opts: "verify-required,no-verify-required", want: &Options{}, reason: "no-verify-required (undocumented) clears it"},
		{name: "last-wins", opts: "pty,no-pty", want: perm(PermissionDenied), reason: "the last of a flag and its no- form counts"},
		{name: "restrict-then-pty", opts: "restrict,pty", want: &Options{Restrict: true, Pty: PermissionAllowed}, reason: "a permission after restrict grants it again"},
		{name: "pty-then-restrict", opts: "pty,restrict", want: &Options{Restrict: true}, reason: "restrict takes back what came before it"},
		{name: "restrict-reenable", opts: "no-pty,restrict,port-forwarding,agent-forwarding,x11-forwarding,user-rc,no-pty",
			want:   &Options{Restrict: true, PortForwarding: PermissionAllowed, AgentForwarding: PermissionAllowed, X11Forwarding: PermissionAllowed, UserRC: PermissionAllowed, Pty: PermissionDenied},
			reason: "restrict, then four permissions back and pty denied"},
		{name: "restrict-twice", opts: "restrict,cert-authority,restrict,cert-authority", want: &Options{Restrict: true, CertAuthority: true}, reason: "flags may repeat"},

		// Commas.
		{name: "leading-comma", opts: ",no-pty", want: perm(PermissionDenied), reason: "sshauthopt_parse steps over a comma where no option matches"},
		{name: "double-comma", opts: "no-pty,,pty", want: perm(PermissionAllowed), reason: "an empty option between commas is skipped"},
		{name: "trailing-comma", opts: "no-pty,", want: perm(PermissionDenied), reason: "a comma before the blank that ends the options is taken"},
		{name: "comma-alone", opts: ",", want: &Options{}, reason: "options of one comma are no options"},
		{name: "comma-in-quotes", opts: `command="a,b",no-pty`, want: &Options{HasCommand: true, Command: "a,b", Pty: PermissionDenied}, reason: "a comma inside quotes is the value's"},

		// Unknown and malformed options.
		{name: "unknown", opts: "no-ptyy", msg: `"no-ptyy"`, reason: "not an option sshd knows"},
		{name: "prefix", opts: "restrictive", msg: `"restrictive"`, reason: "opt_flag matches restrict, then wants a comma or the end"},
		{name: "pty-x", opts: "ptyx", reason: "likewise for pty"},
		{name: "no-restrict", opts: "no-restrict", reason: "restrict has no no- form"},
		{name: "no-cert-authority", opts: "no-cert-authority", reason: "cert-authority has no no- form"},
		{name: "flag-value", opts: `pty="yes"`, msg: `"pty"`, reason: "a flag takes no value"},
		{name: "no-command", opts: `no-command="x"`, reason: "a value option has no no- form"},
		{name: "command-no-value", opts: "command", msg: `"command"`, reason: "a value option needs =\"...\""},
		{name: "command-empty-unquoted", opts: "command=", msg: `"command"`, reason: "opt_dequote: missing start quote"},
		{name: "command-unquoted", opts: "command=uptime", msg: `"command"`, reason: "the value must be quoted"},
		{name: "command-after-quote", opts: `command="x"y`, msg: `"command"`, reason: "after the closing quote a comma or the end must follow"},
		{name: "quoted-name", opts: `"no-pty"`, reason: "a name is not quoted"},
		{name: "blank-before-equals", line: `command ="x" ` + akKey, reason: "the blank ends the options at command, an option with no value"},
		{name: "permit-open", opts: `permit-open="h:1"`, reason: "the option is permitopen"},
		{name: "unterminated", opts: `command="abc`, msg: "double quote", reason: "the quote runs to the end of the line: sshkey_advance_past_options fails"},
		{name: "unbalanced", opts: `from="a"b"c d"`, reason: "the quotes balance, but text follows the value's closing quote"},
		{name: "nul", opts: "command=\"a\x00b\"", reason: "sshd's C string ends at the NUL, inside the quote"},

		// Quoting: only \" is an escape.
		{name: "escaped-quote", opts: `command="echo \"hi\""`, want: &Options{HasCommand: true, Command: `echo "hi"`}, reason: `\" stands for "`},
		{name: "backslash", opts: `command="a\b"`, want: &Options{HasCommand: true, Command: `a\b`}, reason: "a backslash before anything but a quote is itself"},
		{name: "double-backslash", opts: `command="a\\b"`, want: &Options{HasCommand: true, Command: `a\\b`}, reason: `\\ is two backslashes: opt_dequote undoes only \"`},
		{name: "backslash-before-escape", opts: `command="a\\"b"`, want: &Options{HasCommand: true, Command: `a\"b`}, reason: `\\" is a backslash and an escaped quote`},
		{name: "backslash-at-end", opts: `command="a\\"`, msg: "double quote", reason: `"a\\" ends in an escaped quote, so the value does not close`},
		{name: "escaped-close", opts: `command="a\"`, reason: "the only closing quote is escaped"},
		{name: "quote-outside", opts: `no-pty\"x`, reason: `\" outside quotes is stepped over too, and then no-pty\"x is unknown`},

		// command.
		{name: "command-empty", opts: `command=""`, want: &Options{HasCommand: true}, reason: "an empty command is present: sshd runs no command"},
		{name: "command-case", opts: `COMMAND="x"`, want: &Options{HasCommand: true, Command: "x"}, reason: "opt_match compares without regard to case"},
		{name: "command-twice", opts: `command="x",Command="y"`, msg: `"command"`, reason: "multiple command clauses"},

		// principals and from: stored as written, split at commas.
		{name: "principals", opts: `principals="alice,bob@EXAMPLE.COM"`, want: &Options{Principals: []string{"alice", "bob@EXAMPLE.COM"}}, reason: "a list of principals"},
		{name: "principals-empty", opts: `principals=""`, want: &Options{Principals: []string{""}}, reason: "present and empty"},
		{name: "principals-twice", opts: `principals="a",principals="b"`, msg: `"principals"`, reason: "multiple principals clauses"},
		{name: "from", opts: `from="*.example.com,!10.1.2.3,192.168.0.0/16"`, want: &Options{From: []string{"*.example.com", "!10.1.2.3", "192.168.0.0/16"}}, reason: "a pattern list"},
		{name: "from-empty", opts: `from=""`, want: &Options{From: []string{""}}, reason: "present and empty; sshd only refuses it when a client connects"},
		{name: "from-bad-cidr", opts: `from="10.0.0.0/33"`, want: &Options{From: []string{"10.0.0.0/33"}}, reason: "the patterns are not checked when the line is read"},
		{name: "from-twice", opts: `from="a",from="b"`, msg: `"from"`, reason: "multiple from clauses"},

		// expiry-time (parse_absolute_time).
		{name: "expiry-date", opts: `expiry-time="20300101"`, want: &Options{ExpiryTime: []string{"20300101"}}, reason: "YYYYMMDD, local time"},
		{name: "expiry-minute", opts: `expiry-time="203001011230"`, want: &Options{ExpiryTime: []string{"203001011230"}}, reason: "YYYYMMDDHHMM"},
		{name: "expiry-second", opts: `expiry-time="20300101123045"`, want: &Options{ExpiryTime: []string{"20300101123045"}}, reason: "YYYYMMDDHHMMSS"},
		{name: "expiry-Z", opts: `expiry-time="20300101Z"`, want: &Options{ExpiryTime: []string{"20300101Z"}}, reason: "a trailing Z is UTC"},
		{name: "expiry-z", opts: `expiry-time="20300101123045z"`, want: &Options{ExpiryTime: []string{"20300101123045z"}}, reason: "z in any case (strcasecmp)"},
		{name: "expiry-UTC", opts: `expiry-time="203001011230UTC"`, want: &Options{ExpiryTime: []string{"203001011230UTC"}}, reason: "a trailing UTC is UTC too"},
		{name: "expiry-utc", opts: `expiry-time="20300101utc"`, want: &Options{ExpiryTime: []string{"20300101utc"}}, reason: "in any case"},
		{name: "expiry-earliest", opts: `expiry-time="20310101Z",expiry-time="20300601Z",expiry-time="20320101Z"`, want: &Options{ExpiryTime: []string{"20310101Z", "20300601Z", "20320101Z"}}, reason: "every value is kept, in order; Expiry gives the earliest"},
		{name: "expiry-feb-31", opts: `expiry-time="20230231Z"`, want: &Options{ExpiryTime: []string{"20230231Z"}}, reason: "strptime takes day 31 of any month, and timegm carries it over"},
		{name: "expiry-second-61", opts: `expiry-time="20300101000061Z"`, want: &Options{ExpiryTime: []string{"20300101000061Z"}}, reason: "glibc's strptime takes seconds up to 61"},
		{name: "expiry-second-62", opts: `expiry-time="20300101000062Z"`, reason: "and no more"},
		{name: "expiry-hour-24", opts: `expiry-time="20300101240000Z"`, reason: "hours 0 to 23"},
		{name: "expiry-minute-60", opts: `expiry-time="20300101006000Z"`, reason: "minutes 0 to 59"},
		{name: "expiry-month-13", opts: `expiry-time="20301301Z"`, reason: "months 1 to 12"},
		{name: "expiry-day-0", opts: `expiry-time="20300100Z"`, reason: "days 1 to 31"},
		{name: "expiry-10-digits", opts: `expiry-time="2030010112Z"`, reason: "8, 12 or 14 digits"},
		{name: "expiry-dashes", opts: `expiry-time="2030-01-01"`, reason: "no separators"},
		{name: "expiry-empty", opts: `expiry-time=""`, reason: "empty"},
		{name: "expiry-Z-alone", opts: `expiry-time="Z"`, reason: "a Z alone is no time"},
		{name: "expiry-epoch", opts: `expiry-time="19700101000000Z"`, reason: "the epoch is 0, which sshauthopt_parse refuses"},
		{name: "expiry-epoch-1", opts: `expiry-time="19700101000001Z"`, want: &Options{ExpiryTime: []string{"19700101000001Z"}}, reason: "one second after it is taken"},
		{name: "expiry-1969", opts: `expiry-time="19691231Z"`, reason: "before the epoch"},
		{name: "expiry-blanks", opts: `expiry-time="2030 1 1"`, sshd: "ak-expiry-time-blanks", reason: "digits only (glibc's strptime skips blanks before a number: sshd takes it)"},
		{name: "expiry-unquoted", opts: `expiry-time=20300101`, reason: "unquoted"},

		// environment.
		{name: "env", opts: `environment="LANG=C.UTF-8"`, want: &Options{Environment: []string{"LANG=C.UTF-8"}}, reason: "NAME=value"},
		{name: "env-blank-value", opts: `environment="_x9=a b",environment="E="`, want: &Options{Environment: []string{"_x9=a b", "E="}}, reason: "underscores and digits in the name; any value, empty too"},
		{name: "env-value-equals", opts: `environment="A=b=c"`, want: &Options{Environment: []string{"A=b=c"}}, reason: "the name ends at the first ="},
		{name: "env-first-wins", opts: `environment="A=1",environment="B=2",environment="A=3"`, want: &Options{Environment: []string{"A=1", "B=2"}}, reason: "a second A is dropped: the first match wins"},
		{name: "env-case", opts: `environment="A=1",environment="a=2"`, want: &Options{Environment: []string{"A=1", "a=2"}}, reason: "names are compared with regard to case"},
		{name: "env-prefix", opts: `environment="AB=1",environment="A=2"`, want: &Options{Environment: []string{"AB=1", "A=2"}}, reason: "A is not AB"},
		{name: "env-no-equals", opts: `environment="A"`, msg: `"environment"`, reason: "no ="},
		{name: "env-empty-name", opts: `environment="=x"`, reason: "an empty name"},
		{name: "env-dash", opts: `environment="A-B=1"`, reason: "a dash in the name"},
		{name: "env-utf8", opts: `environment="É=1"`, reason: "a letter outside ASCII: isalnum in the C locale"},
		{name: "env-1025", opts: many(1025, func(i int) string { return fmt.Sprintf(`environment="E%04d=1"`, i) }), want: &Options{Environment: envs(1025)}, reason: "sshd refuses an environment when more than 1024 are recorded: 1025 fit"},
		{name: "env-1026", opts: many(1026, func(i int) string { return fmt.Sprintf(`environment="E%04d=1"`, i) }), msg: `"environment"`, reason: "the 1026th is refused"},
		{name: "env-1026-dup", opts: many(1025, func(i int) string { return fmt.Sprintf(`environment="E%04d=1"`, i) }) + `,environment="E0000=2"`, msg: `"environment"`, reason: "even a name already set, as the count is checked first"},

		// permitopen and permitlisten (handle_permit).
		{name: "open", opts: `permitopen="host.example.com:22"`, want: &Options{PermitOpen: []string{"host.example.com:22"}}, reason: "host:port"},
		{name: "open-any-port", opts: `permitopen="host:*"`, want: &Options{PermitOpen: []string{"host:*"}}, reason: "port *"},
		{name: "open-any-host", opts: `permitopen="*:22"`, want: &Options{PermitOpen: []string{"*:22"}}, reason: "host *"},
		{name: "open-ipv6", opts: `permitopen="[2001:db8::1]:22",permitopen="[::1]:443"`, want: &Options{PermitOpen: []string{"[2001:db8::1]:22", "[::1]:443"}}, reason: "[IPv6]:port, in order"},
		{name: "open-slash", opts: `permitopen="host/22",permitopen="[::1]/22"`, want: &Options{PermitOpen: []string{"host/22", "[::1]/22"}}, reason: "hpdelim2 takes / for :"},
		{name: "open-empty-host", opts: `permitopen=":22"`, want: &Options{PermitOpen: []string{":22"}}, reason: "an empty host is taken"},
		{name: "open-service", opts: `permitopen="host:ssh"`, want: &Options{PermitOpen: []string{"host:ssh"}}, reason: "a service name, kept as written (sshd's a2port resolves it with getservbyname)"},
		{name: "open-service-upper", opts: `permitopen="host:SSH"`, reason: "glibc looks names up with regard to case"},
		{name: "open-unknown-service", opts: `permitopen="host:nosuchservice"`, want: &Options{PermitOpen: []string{"host:nosuchservice"}},
			liberal: "sshd looks the name up in the server's /etc/services and finds none; keyvet looks nothing up and takes any well-formed name (Permit.PortName)", reason: "a well-formed service name, unknown anywhere"},
		{name: "open-strtonum", opts: `permitopen="host: 22",permitopen="host:+22",permitopen="host:022"`, want: &Options{PermitOpen: []string{"host: 22", "host:+22", "host:022"}}, reason: "strtonum takes leading blanks, a sign and leading zeros"},
		{name: "open-65535", opts: `permitopen="host:65535"`, want: &Options{PermitOpen: []string{"host:65535"}}, reason: "the highest port"},
		{name: "open-65536", opts: `permitopen="host:65536"`, reason: "past it"},
		{name: "open-0", opts: `permitopen="host:0"`, reason: "port 0"},
		{name: "open-minus-0", opts: `permitopen="host:-0"`, reason: "-0 is 0"},
		{name: "open-trailing-blank", opts: `permitopen="host:22 "`, reason: "strtonum wants the digits to end the text"},
		{name: "open-hex", opts: `permitopen="host:0x16"`, want: &Options{PermitOpen: []string{"host:0x16"}},
			liberal: "strtonum is decimal only, and no /etc/services names a service 0x16; keyvet takes it as a service name it does not look up", reason: "not a number, so a well-formed service name"},
		{name: "open-no-port", opts: `permitopen="host"`, msg: `"permitopen"`, reason: "no port"},
		{name: "open-v6-no-port", opts: `permitopen="[::1]"`, reason: "no port after ]"},
		{name: "open-v6-unclosed", opts: `permitopen="[::1:22"`, reason: "no ]"},
		{name: "open-v6-junk", opts: `permitopen="[::1]x:22"`, reason: "] must be followed by : or /"},
		{name: "open-bare-v6", opts: `permitopen="::1:22"`, reason: "the host ends at the first colon, so the port is :1:22"},
		{name: "open-empty", opts: `permitopen=""`, reason: "empty"},
		{name: "open-long-host", opts: `permitopen="` + strings.Repeat("h", 1025) + `:22"`, reason: "a host of NI_MAXHOST (1025) bytes or more"},
		{name: "open-host-1024", opts: `permitopen="` + strings.Repeat("h", 1024) + `:22"`, want: &Options{PermitOpen: []string{strings.Repeat("h", 1024) + ":22"}}, reason: "1024 bytes are taken"},
		{name: "listen", opts: `permitlisten="localhost:8080"`, want: &Options{PermitListen: []string{"localhost:8080"}}, reason: "host:port"},
		{name: "listen-bare", opts: `permitlisten="8080"`, want: &Options{PermitListen: []string{"*:8080"}}, reason: "a bare port is any host, recorded as *:port"},
		{name: "listen-star", opts: `permitlisten="*"`, want: &Options{PermitListen: []string{"*:*"}}, reason: "* alone is *:*"},
		{name: "listen-v6", opts: `permitlisten="[::1]:8080"`, want: &Options{PermitListen: []string{"[::1]:8080"}}, reason: "[IPv6]:port"},
		{name: "listen-v6-slash", opts: `permitlisten="[::1]/22"`, want: &Options{PermitListen: []string{"[::1]/22"}}, reason: "handle_permit takes / after ] (hpdelim2); session.c later splits it with hpdelim, which does not, and ends the session"},
		{name: "listen-slash", opts: `permitlisten="host/22"`, reason: "no colon, so *: goes before it, and host/22 is no port"},
		{name: "listen-0", opts: `permitlisten="0"`, reason: "port 0"},

		// tunnel (a2tun).
		{name: "tunnel", opts: `tunnel="0"`, want: &Options{HasTunnel: true}, reason: "device 0"},
		{name: "tunnel-any", opts: `tunnel="ANY"`, want: &Options{HasTunnel: true, Tunnel: TunnelAny}, reason: "any, in any case (undocumented)"},
		{name: "tunnel-max", opts: `tunnel="2147483645"`, want: &Options{HasTunnel: true, Tunnel: MaxTunnel}, reason: "SSH_TUNID_MAX"},
		{name: "tunnel-past-max", opts: `tunnel="2147483646"`, msg: `"tunnel"`, reason: "past it"},
		{name: "tunnel-minus-1", opts: `tunnel="-1"`, reason: "negative"},
		{name: "tunnel-minus-0", opts: `tunnel="-0"`, want: &Options{HasTunnel: true}, reason: "-0 is 0 to strtonum"},
		{name: "tunnel-blank", opts: `tunnel=" 5"`, want: &Options{HasTunnel: true, Tunnel: 5}, reason: "a leading blank is skipped"},
		{name: "tunnel-word", opts: `tunnel="tun0"`, reason: "a number"},
		{name: "tunnel-last", opts: `tunnel="1",tunnel="2"`, want: &Options{HasTunnel: true, Tunnel: 2}, reason: "the last tunnel counts"},

		// Together.
		{name: "names-case", opts: `PermitOpen="h:1",PERMITLISTEN="2",Environment="A=1",From="x",Principals="p",Tunnel="1",Expiry-Time="20300101Z"`,
			want: &Options{PermitOpen: []string{"h:1"}, PermitListen: []string{"*:2"}, Environment: []string{"A=1"}, From: []string{"x"}, Principals: []string{"p"},
				HasTunnel: true, Tunnel: 1, ExpiryTime: []string{"20300101Z"}},
			reason: "every value option's name in any case"},
		{name: "all", opts: `restrict,pty,command="/usr/bin/rrsync -ro /srv",from="10.0.0.0/8",environment="A=1",expiry-time="20990101Z",permitopen="db:5432",permitlisten="9000",principals="ops",tunnel="3",no-touch-required,verify-required,cert-authority`,
			want: &Options{Restrict: true, Pty: PermissionAllowed, HasCommand: true, Command: "/usr/bin/rrsync -ro /srv", From: []string{"10.0.0.0/8"},
				Environment: []string{"A=1"}, ExpiryTime: []string{"20990101Z"}, PermitOpen: []string{"db:5432"}, PermitListen: []string{"*:9000"},
				Principals: []string{"ops"}, HasTunnel: true, Tunnel: 3, NoTouchRequired: true, VerifyRequired: true, CertAuthority: true},
			reason: "every kind of option on one line"},
		{name: "bad-after-good", opts: `no-pty,command="x",bogus`, msg: `"bogus"`, reason: "the first bad option makes the line bad"},
	}
}

// optionsFile is the text of testdata/authorized_keys/options: a header,
// then the line of each row.
func optionsFile(rows []optRow) string {
	var b strings.Builder
	b.WriteString("# The option grammar of TestOptionGrammar, one line a row (go test ./sshkey -run TestOptionGrammar -update-authorized-keys).\n")
	b.WriteString("# options.sshd holds what sshd 9.2 said of each line (sshd-verdicts.sh).\n")
	for _, r := range rows {
		b.WriteString(r.text())
		b.WriteByte('\n')
	}
	return b.String()
}

const optionsHeaderLines = 2

// TestOptionGrammar reads each row's line with AuthorizedKeys and compares
// the options, or the error, with the row.
func TestOptionGrammar(t *testing.T) {
	rows := optionRows()
	seen := map[string]bool{}
	for _, r := range rows {
		if r.reason == "" || seen[r.name] {
			t.Fatalf("row %q: no reason, or a second row of that name", r.name)
		}
		seen[r.name] = true
		var got []*Entry
		var errs []error
		for e, err := range Read(strings.NewReader(r.text() + "\n")) {
			if err != nil {
				errs = append(errs, err)
			} else {
				got = append(got, e)
			}
		}
		if len(got)+len(errs) != 1 {
			t.Errorf("%s: %d entries and %d errors, want one of either", r.name, len(got), len(errs))
			continue
		}
		if r.want == nil {
			if len(errs) == 0 {
				t.Errorf("%s: %q read as %+v, want an error (%s)", r.name, r.text(), got[0].Options(), r.reason)
				continue
			}
			var le *sshkey.LineError
			if !errors.As(errs[0], &le) || le.Line != 1 {
				t.Errorf("%s: error %v is no sshkey.LineError of line 1", r.name, errs[0])
			}
			if r.opts != "" && !errors.Is(errs[0], keyerrors.ErrMalformedKey) {
				t.Errorf("%s: error %v does not wrap ErrMalformedKey", r.name, errs[0])
			}
			if !strings.Contains(errs[0].Error(), r.msg) {
				t.Errorf("%s: error %q does not say %s", r.name, errs[0], r.msg)
			}
			continue
		}
		if len(errs) != 0 {
			t.Errorf("%s: %q: %v, want options %+v (%s)", r.name, r.text(), errs[0], *r.want, r.reason)
			continue
		}
		if diff := cmp.Diff(*r.want, got[0].Options()); diff != "" {
			t.Errorf("%s: options (-want +got):\n%s(%s)", r.name, diff, r.reason)
		}
		if again := reread(t, got[0].String()); again == nil || cmp.Diff(got[0].Options(), again.Options()) != "" || !again.Key().Equal(got[0].Key()) {
			t.Errorf("%s: String %q does not read back to the same entry", r.name, got[0].String())
		}
	}
	if *updateAuthorized {
		keytest.WriteFile(t, filepath.Join(akDir, "options"), []byte(optionsFile(rows)))
	}
}

// reread reads s as a one-line file and returns its entry, or nil.
func reread(t *testing.T, s string) *Entry {
	t.Helper()
	var out *Entry
	for e, err := range Read(strings.NewReader(s)) {
		if err != nil || out != nil {
			return nil
		}
		out = e
	}
	return out
}

// TestOptionGrammarSSHD holds the rows to what sshd 9.2 said of their lines:
// testdata/authorized_keys/options.sshd, made by sshd-verdicts.sh (see the
// README there). A line sshd takes and keyvet refuses must be a row of
// testdata/stricter.tsv (the row's sshd field names it, and the table's row
// holds the line as its example); a row that says so must really differ; a
// line sshd refuses and keyvet takes is a bug, but for a port written as a
// service name no /etc/services knows (the row's liberal field), which
// keyvet takes without looking it up.
func TestOptionGrammarSSHD(t *testing.T) {
	rows := optionRows()
	table := keytest.StricterIn(keytest.Stricter(t, "../.."), "authorized_keys")
	file, err := os.ReadFile(filepath.Join(akDir, "options"))
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != optionsFile(rows) {
		t.Fatalf("testdata/authorized_keys/options is not the rows' lines; regenerate with go test ./sshkey -run TestOptionGrammar -update-authorized-keys, then run sshd-verdicts.sh as the README says")
	}
	verdicts := readVerdicts(t, filepath.Join(akDir, "options.sshd"))
	for i, r := range rows {
		n := optionsHeaderLines + i + 1
		v, ok := verdicts[n]
		if !ok {
			t.Errorf("%s: no sshd verdict for line %d", r.name, n)
			continue
		}
		sshdOK := v == "ok"
		keyvetOK := r.want != nil
		switch {
		case r.liberal != "":
			if sshdOK || !keyvetOK {
				t.Errorf("%s: line %d: sshd says %q, keyvet ok=%v; the row says keyvet takes what sshd refuses: %s", r.name, n, v, keyvetOK, r.liberal)
			}
		case sshdOK != keyvetOK && r.sshd == "":
			t.Errorf("%s: line %d: sshd says %q, keyvet ok=%v (%s); a line sshd takes and keyvet refuses must be a row of %s", r.name, n, v, keyvetOK, r.reason, keytest.StricterTSV)
		case sshdOK == keyvetOK && r.sshd != "":
			t.Errorf("%s: line %d: sshd agrees (%q), but the row says it differs: %s", r.name, n, v, r.sshd)
		case r.sshd != "":
			row, ok := table[r.sshd]
			if !ok || row.Input != r.text() || row.Oracle != keytest.OracleSSHDOptions || !sshdOK {
				t.Errorf("%s: line %d: %s has no authorized_keys row %q whose input is this line and whose oracle is %q (sshd: %q)", r.name, n, keytest.StricterTSV, r.sshd, keytest.OracleSSHDOptions, v)
			}
		}
	}
}

// readVerdicts reads a verdict file: "N ok", "N bad: REASON" or "N nokey"
// a line.
func readVerdicts(t *testing.T, path string) map[int]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[int]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		num, v, ok := strings.Cut(s.Text(), " ")
		n, err := strconv.Atoi(num)
		if !ok || err != nil {
			t.Fatalf("%s: bad verdict line %q", path, s.Text())
		}
		out[n] = v
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExpiryStandardTime: a local expiry-time in summer time is read as
// standard time. ssh-keygen 9.2, which reads -V with the same
// parse_absolute_time, shows it: with TZ=Europe/Berlin,
//
//	ssh-keygen -s ca -I id -V 20240701:20240801120000 key.pub
//	TZ=UTC ssh-keygen -Lf key-cert.pub  # Valid: from 2024-06-30T23:00:00 to 2024-08-01T11:00:00
//
// and -V 20240101:20240101120000 gives 2023-12-31T23:00:00 to
// 2024-01-01T11:00:00: +01:00 in summer as in winter.
func TestExpiryStandardTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"20240701", utc(2024, 6, 30, 23, 0, 0)},
		{"20240801120000", utc(2024, 8, 1, 11, 0, 0)},
		{"20240101", utc(2023, 12, 31, 23, 0, 0)},
		{"20240101120000", utc(2024, 1, 1, 11, 0, 0)},
		{"20240331023000", utc(2024, 3, 31, 1, 30, 0)},  // in the hour that summer time skips
		{"20241027023000", utc(2024, 10, 27, 1, 30, 0)}, // the hour that comes twice: the second, standard one
		{"20240701Z", utc(2024, 7, 1, 0, 0, 0)},
	} {
		got, ok := Options{ExpiryTime: []string{c.in}}.Expiry(berlin)
		if !ok || !got.Equal(c.want) {
			t.Errorf("Expiry of %q in Europe/Berlin = %v, %v; want %v", c.in, got.UTC(), ok, c.want)
		}
	}
}

// TestStrtonum holds strtonum to strtoll's reading of a few texts.
func TestStrtonum(t *testing.T) {
	for _, c := range []struct {
		in  string
		n   int64
		ok  bool
		why string
	}{
		{"22", 22, true, "digits"},
		{" \t\n\v\f\r22", 22, true, "isspace before"},
		{"+22", 22, true, "a plus"},
		{"-0", 0, true, "minus zero"},
		{"-1", 0, false, "below lo"},
		{"65535", 65535, true, "hi"},
		{"65536", 0, false, "past hi"},
		{"99999999999999999999999", 0, false, "overflows int64"},
		{"", 0, false, "empty"},
		{"+", 0, false, "a sign alone"},
		{"22 ", 0, false, "a blank after"},
		{"2 2", 0, false, "a blank inside"},
		{"0x16", 0, false, "base 10"},
	} {
		n, ok := strtonum(c.in, 0, 65535)
		if n != c.n || ok != c.ok {
			t.Errorf("strtonum(%q) = %d, %v; want %d, %v (%s)", c.in, n, ok, c.n, c.ok, c.why)
		}
	}
}

// TestPermissionEffective: what each Permission grants with and without
// restrict.
func TestPermissionEffective(t *testing.T) {
	for _, c := range []struct {
		p                 Permission
		plain, restricted bool
	}{
		{PermissionDefault, true, false},
		{PermissionAllowed, true, true},
		{PermissionDenied, false, false},
	} {
		if c.p.Effective(false) != c.plain || c.p.Effective(true) != c.restricted {
			t.Errorf("%v: Effective(false) = %v, Effective(true) = %v; want %v, %v", c.p, c.p.Effective(false), c.p.Effective(true), c.plain, c.restricted)
		}
	}
	if s := Permission(7).String(); s != "Permission(7)" {
		t.Errorf("Permission(7).String() = %q", s)
	}
}
