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
// as written.
//
// Where keyvet is stricter than sshd: a line over sshkey.MaxLineLen (64 KiB)
// is refused; the key must be one sshkey reads (canonical base64, a comment
// of UTF-8 without control characters; a certificate's CA signature must
// verify, as ssh-keygen -l requires); a NUL byte in the options refuses the
// line.
//
// Every function is safe for concurrent use; an Entry is not changed after
// Read or ParseLine returns it.
package authorizedkeys
