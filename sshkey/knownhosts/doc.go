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
// port, as ssh decides it, [HashHost] hashes a name as ssh-keygen -H
// does, and [Line] writes a line that ParseLine reads back as given.
//
// # Where keyvet is stricter than ssh
//
// One table lists the lines keyvet refuses that OpenSSH 9.2 takes:
// testdata/stricter.tsv in the repository, one row per case, with an
// example, the sentinel, what OpenSSH does and why keyvet refuses. The key
// must be one sshkey reads, so each key row of the table (listed in package
// sshkey's documentation: a NUL after the key, a comment with control
// characters, base64 that is not canonical, an mpint with a leading zero,
// rsa-sha2-256 or rsa-sha2-512 as the type of an ssh-rsa key, DSA over 1024
// bits, ...) refuses the line. The rows of known_hosts files:
//
//   - kh-line-too-long (ErrMalformedKey): a line over sshkey.MaxLineLen (64
//     KiB), which ssh reads whole.
//   - kh-hash-salt-length (ErrMalformedKey): a hashed host name whose salt
//     is not 20 bytes.
//   - kh-hash-scheme (ErrMalformedKey): a hashed host name of a scheme but
//     |1|.
//   - kh-hash-with-names (ErrMalformedKey): a hashed host name followed by
//     other names in the field, which ssh takes as part of the hash.
//   - kh-hash-length (ErrMalformedKey): a hashed host name whose hash is
//     not 20 bytes.
//
// ssh matches a line of the last four to no host, and ssh-keygen -l lists
// its key: keyvet refuses a hashed host field ssh would never match. The
// oracle tests hold Read to ssh-keygen -l and Match to ssh-keygen -F and
// ssh: a line they take and keyvet refuses must be a row of the table.
//
// Every function is safe for concurrent use; an Entry is not changed after
// Read or ParseLine returns it.
package knownhosts
