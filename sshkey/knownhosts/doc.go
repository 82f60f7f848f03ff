// Package knownhosts reads known_hosts files as ssh(1) of OpenSSH 9.2 reads
// them (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT; hostfile.c).
//
// [Read] reads a whole file, a line at a time, in memory that does not grow
// with the file: each entry's marker ([MarkerCertAuthority],
// [MarkerRevoked]), its host patterns or hashed name ([HostPattern]), and
// its key, read with sshkey's one-key rules
// ([github.com/keyvet/keyvet/sshkey.ParseAuthorizedKey]); each bad line is
// reported as a *sshkey.LineError without stopping the rest. [ParseLine]
// reads one line. [Entry.Match] says whether an entry is for a host and
// port, as ssh decides it, and [HashHost] hashes a name as ssh-keygen -H
// does.
//
// Where keyvet is stricter than ssh: a line over sshkey.MaxLineLen (64 KiB)
// is refused; a NUL byte refuses the line; the key must be one sshkey reads
// (canonical base64, a comment of UTF-8 without control characters; a
// certificate's CA signature must verify, as ssh-keygen -l requires); a
// hashed host field ssh would never match is refused.
//
// Every function is safe for concurrent use; an Entry is not changed after
// Read or ParseLine returns it.
package knownhosts
