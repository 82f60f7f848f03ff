#!/usr/bin/env bash
# gen.sh makes the known_hosts oracle files of this directory with OpenSSH's
# own tools (ssh-keyscan, ssh-keygen, ssh) against local Dropbear servers;
# README.md says what each file is. It needs dropbear and dropbearkey
# (Dropbear 2022.83 made the committed files) and OpenSSH 9.2p1's client
# tools, an IPv6 loopback address, and the loopback ports 2222 to 2225.
# Run it from anywhere: bash sshkey/testdata/known_hosts/gen.sh
# It writes into its own directory, replacing the files it made before; the
# keys are new each run, so every file changes.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

# Host keys, made by dropbearkey; the private halves never leave $work.
dropbearkey -t ed25519 -f ed25519 >/dev/null 2>&1
dropbearkey -t rsa -s 2048 -f rsa2048 >/dev/null 2>&1
dropbearkey -t rsa -s 3072 -f rsa3072 >/dev/null 2>&1
dropbearkey -t ecdsa -s 256 -f ecdsa256 >/dev/null 2>&1
dropbearkey -t ecdsa -s 384 -f ecdsa384 >/dev/null 2>&1
dropbearkey -t ecdsa -s 521 -f ecdsa521 >/dev/null 2>&1
pub() { dropbearkey -y -f "$1" | grep -E '^(ssh|ecdsa)-' | cut -d' ' -f1,2; }
ED=$(pub ed25519) RSA=$(pub rsa2048) RSA3=$(pub rsa3072)
EC256=$(pub ecdsa256) EC384=$(pub ecdsa384) EC521=$(pub ecdsa521)

# Three servers: Dropbear serves one ECDSA key at a time.
start() {
	dropbear -F -E "$@" >>dropbear.log 2>&1 &
	pids+=($!)
}
start -p 127.0.0.1:2222 -p '[::1]:2223' -r rsa2048 -r ecdsa256 -r ed25519
start -p 127.0.0.1:2224 -r rsa3072 -r ecdsa384
start -p 127.0.0.1:2225 -r ecdsa521
sleep 1

# scan: what ssh-keyscan writes for servers on other ports than 22; the
# same, hashed by ssh-keyscan -H.
scan() {
	ssh-keyscan "$@" -p 2222 -t rsa,ecdsa,ed25519 127.0.0.1 2>/dev/null 2>&1
	ssh-keyscan "$@" -p 2223 -t rsa,ecdsa,ed25519 ::1 2>/dev/null 2>&1
	ssh-keyscan "$@" -p 2224 -t rsa,ecdsa 127.0.0.1 2>/dev/null 2>&1
	ssh-keyscan "$@" -p 2225 -t ecdsa 127.0.0.1 2>/dev/null 2>&1
}
scan >scan.known_hosts
scan -H >scan-hashed.known_hosts

# hand: port 22 style entries and patterns, written by hand with the same
# keys; hashed by ssh-keygen -H, which leaves the lines with wildcards or
# negations as they are and puts each other name on a line of its own.
cat >hand.known_hosts <<END
# Written by hand (gen.sh): names for port 22, patterns, negations.
server.example.com,192.0.2.10 $ED
[server.example.com]:2222 $RSA
Mixed.Example.COM $EC256 a comment
2001:db8::1,[2001:db8::1]:2200	$ED
*.example.org,!bad.example.org $RSA3
[*.example.net]:2222 $EC384
?.example.com $ED one letter
[127.0.0.1]:* $EC521
db?.internal,!db9.internal,db1?.internal $ED
fe80::1%eth0,[fe80::1%eth0]:2022 $EC256

example.com,,www.example.com $RSA
END
cp hand.known_hosts hand-hashed.known_hosts
ssh-keygen -q -H -f hand-hashed.known_hosts >/dev/null 2>&1
rm -f hand-hashed.known_hosts.old

# markers: @cert-authority and @revoked lines among plain ones.
{
	printf '%s\n' "@cert-authority *.example.com,!legacy.example.com $ED example CA"
	printf '%s\n' "@revoked * $RSA stolen"
	printf '%s\n' "@revoked [127.0.0.1]:2222 $EC256"
	printf '@cert-authority\t*.example.org\t%s\n' "$(tr ' ' '\t' <<<"$RSA3")"
	printf '%s\n' "  @revoked   host.example.com $EC384 leading blanks"
	printf '%s\n' "server.example.com $ED"
	printf '%s\n' "host.example.com $EC384"
} >markers.known_hosts

# bad: lines ssh reads as invalid and skips (a comment before each says
# why), between lines it takes. KnownHosts reports each as a LineError.
salt=$(head -c 20 /dev/urandom | base64)
printf 'host.example.com %s\n' "$ED" >one.known_hosts
ssh-keygen -q -H -f one.known_hosts >/dev/null 2>&1
hashed=$(cut -d' ' -f1 one.known_hosts)
rm -f one.known_hosts one.known_hosts.old
{
	printf '%s\n' "# markers are case-sensitive"
	printf '%s\n' "@Revoked host.example.com $ED"
	printf '%s\n' "# one marker a line"
	printf '%s\n' "@cert-authority @revoked host.example.com $ED"
	printf '%s\n' "# an unknown marker"
	printf '%s\n' "@trusted host.example.com $ED"
	printf '%s\n' "# a tab after the marker, a space later: the marker ends at the space"
	printf '@revoked\thost.example.com %s\n' "$ED"
	printf '%s\n' "# a hashed name whose salt is not 20 bytes"
	printf '%s\n' "|1|c2FsdA==|$(head -c 20 /dev/urandom | base64) $ED"
	printf '%s\n' "# a hashed name of another scheme"
	printf '%s\n' "|2|$salt|$(head -c 20 /dev/urandom | base64) $ED"
	printf '%s\n' "# a hashed name and a plain one: the whole field is taken as the hash"
	printf '%s,www.example.com %s\n' "$hashed" "$ED"
	printf '%s\n' "# a hashed name whose hash is not the 20 bytes of an HMAC-SHA1"
	printf '%s\n' "|1|$salt|c2FsdA== $ED"
	printf '%s\n' "# no key"
	printf '%s\n' "host.example.com"
	printf '%s\n' "host.example.com # a comment where the key belongs"
	printf '%s\n' "host.example.com ${ED%% *}"
	printf '%s\n' "# bad base64, a type that is not the blob's, an RSA1 key"
	printf '%s\n' "host.example.com ${ED%% *} AAAA!!!!"
	printf '%s\n' "host.example.com ssh-rsa ${ED#* }"
	printf '%s\n' "host.example.com 1024 35 1234567890123456789"
	printf '%s\n' "# good lines"
	printf '%s\n' "host.example.com $EC256"
	printf '%s\n' "@revoked host.example.com $RSA"
} >bad.known_hosts

# Goldens: ssh-keygen -lf FILE (every key line ssh-keygen reads, in order),
# and for each query ssh-keygen -l -F QUERY -f FILE (the lines that match,
# with their markers and fingerprints).
queries=(127.0.0.1 '[127.0.0.1]:2222' '[127.0.0.1]:2224' '[127.0.0.1]:2225' '[127.0.0.1]:22' ::1 '[::1]:2223'
	server.example.com SERVER.EXAMPLE.COM '[server.example.com]:2222' 192.0.2.10 mixed.example.com Mixed.Example.COM
	2001:db8::1 '[2001:db8::1]:2200' www.example.org bad.example.org '[www.example.net]:2222' www.example.net
	a.example.com ab.example.com legacy.example.com host.example.com db1.internal db9.internal db12.internal
	'fe80::1%eth0' '[fe80::1%eth0]:2022' example.com www.example.com '')
for f in scan scan-hashed hand hand-hashed markers bad; do
	ssh-keygen -lf "$f.known_hosts" >"$f.lf" 2>/dev/null || true
	for q in "${queries[@]}"; do
		printf '## ssh-keygen -l -F "%s"\n' "$q"
		ssh-keygen -l -F "$q" -f "$f.known_hosts" 2>/dev/null || true
	done >"$f.find"
done

# ssh(1) itself: with HostKeyAlias=NAME, ssh looks NAME up, lowercased, in
# UserKnownHostsFile; -v says which line holds the server's key ("Found key
# in FILE:N"), which holds another key for the name ("Offending ... key in
# FILE:N"), or that no line is for the name ("No ED25519 host key is known"). The connections end at authentication
# (BatchMode), after the host key check.
aliases=(server.example.com SERVER.EXAMPLE.COM '[127.0.0.1]:2222' '[::1]:2223' www.example.org bad.example.org a.example.com)
for f in scan-hashed hand hand-hashed; do
	for a in "${aliases[@]}"; do
		printf '## ssh -o HostKeyAlias="%s"\n' "$a"
		ssh -v -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$work/$f.known_hosts" \
			-o GlobalKnownHostsFile=/dev/null -o HostKeyAlias="$a" -o HostKeyAlgorithms=ssh-ed25519 \
			-o PreferredAuthentications=none -p 2222 nobody@127.0.0.1 true 2>&1 | tr -d '\r' |
			sed -n -e "s|$work/||" -e 's/^debug1: \(Found key in .*\)/\1/p' -e 's/^\(No ED25519 host key is known for .*\)/\1/p' \
				-e 's/^debug1: \(Host .* is known and matches .*\)/\1/p' -e 's/^\(Offending .* key in .*\)/\1/p' \
				-e 's/^\(Host key for .* has changed\).*/\1/p' || true
	done >"$f.ssh"
done

cp ./*.known_hosts ./*.lf ./*.find ./*.ssh "$out/"
echo "gen.sh: wrote $(ls ./*.known_hosts ./*.lf ./*.find ./*.ssh | wc -l) files into $out"
