// Package authorizedkeys reads authorized_keys files as sshd(8) of OpenSSH 9
// reads them (AUTHORIZED_KEYS FILE FORMAT; auth2-pubkeyfile.c and
// auth-options.c).
//
// [Read] reads a whole file, a line at a time, in memory that does not grow
// with the file: blank and # lines are skipped, a line's options are found
// where sshd finds them and read into [Options] as auth-options.c reads
// them, its key is read with sshkey's one-key rules
// ([github.com/keyvet/keyvet/sshkey.ParseAuthorizedKey]), and each bad line
// is reported as a *sshkey.LineError without stopping the rest. [ParseLine]
// reads one line. An [Entry] writes its line back (String) with the options
// as written; [Line] writes a new line from Options and a key, in a
// canonical form that ParseLine reads back to them.
//
// Where keyvet is stricter than sshd: a line over sshkey.MaxLineLen (64 KiB)
// is refused; the key must be one sshkey reads (canonical base64, a comment
// of UTF-8 without control characters, no certificate); a NUL byte in the
// options refuses the line.
//
// Reading does no I/O beyond the reader it is given and reads no process
// state: a permitopen or permitlisten port written as a service name is
// kept as written, not looked up ([Permit.PortName]), and an expiry-time is
// kept as written, read in the time zone the caller names
// ([Options.Expiry]), not in time.Local.
//
// Every function is safe for concurrent use; an Entry is not changed after
// Read or ParseLine returns it.
package authorizedkeys
