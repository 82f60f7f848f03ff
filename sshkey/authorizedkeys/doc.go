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
// # Where keyvet is stricter than sshd
//
// One table lists the lines keyvet refuses that OpenSSH 9.2 takes:
// testdata/stricter.tsv in the repository, one row per case, with an
// example, the sentinel, what OpenSSH does and why keyvet refuses. The key
// must be one sshkey reads, so each key row of the table (listed in package
// sshkey's documentation: a NUL after the key, a comment with control
// characters, base64 that is not canonical, an mpint with a leading zero,
// the labels rsa-sha2-256 and rsa-sha2-512 on an ssh-rsa key, which sshd
// reads as ssh-rsa, DSA over 1024 bits, ...) refuses the line.
// The rows of authorized_keys files:
//
//   - ak-line-too-long (ErrMalformedKey): a line over sshkey.MaxLineLen (64
//     KiB), which sshd reads whole.
//   - ak-expiry-time-blanks (ErrMalformedKey): blanks among the digits of
//     expiry-time (expiry-time="2030 1 1"), which glibc's strptime skips;
//     keyvet takes digits only, as OpenBSD's strptime does.
//
// The oracle tests hold Read to ssh-keygen -l and the option grammar to a
// real sshd's verdicts: a line either takes and keyvet refuses must be a
// row of the table, but for a line with bad options, which ssh-keygen -l
// prints (it reads no options) and sshd refuses as keyvet does.
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
