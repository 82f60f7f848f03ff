#!/bin/sh
# sshd-verdicts.sh FILE: what sshd(8) says of each line of the authorized_keys
# FILE, as "N ok", "N bad: REASON" (sshd's reason) or "N nokey" a line, for
# every line that is neither blank nor a comment.
#
# It runs one sshd -ddd on 127.0.0.1 with FILE as its AuthorizedKeysFile, and
# one ssh client that offers a new Ed25519 key, which no line holds. sshd then
# reads every line: it parses the options of each line whose Ed25519 key it
# reads (auth2-pubkeyfile.c, auth_check_authkey_line), and logs "bad key
# options" or "invalid key option string" for a bad one, "advance" for a line
# where it finds no key. Lines of other key types are "nokey" here (sshd looks
# only for keys of the offered type). Run as root (sshd wants it), on a
# machine with openssh-server; the verdicts of testdata/authorized_keys were
# made with OpenSSH_9.2p1 Debian-2+deb12u10 (Debian 12).
set -eu
file=$(realpath "$1")
port=${PORT:-22022}
tmp=$(mktemp -d /tmp/akv.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
ssh-keygen -q -t ed25519 -N '' -C host -f "$tmp/host"
ssh-keygen -q -t ed25519 -N '' -C client -f "$tmp/client"
cp "$file" "$tmp/ak"
cat >"$tmp/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $tmp/host
AuthorizedKeysFile $tmp/ak
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin yes
CONF
mkdir -p /run/sshd
: >"$tmp/log"
/usr/sbin/sshd -D -ddd -e -f "$tmp/sshd_config" 2>"$tmp/log" &
pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	grep -q "Server listening" "$tmp/log" && break
	sleep 0.2
done
ssh -i "$tmp/client" -p "$port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
	-o BatchMode=yes -o PreferredAuthentications=publickey -o IdentitiesOnly=yes -o LogLevel=quiet \
	root@127.0.0.1 true || true
wait "$pid" || true
grep -q "processed" "$tmp/log" || { echo "sshd-verdicts.sh: sshd did not read the file; its log:" >&2; cat "$tmp/log" >&2; exit 1; }
# The lines to judge: neither blank nor a comment, as sshd skips them.
awk '{ sub(/^[ \t]*/, ""); if ($0 != "" && $0 != "\r" && substr($0, 1, 1) != "#") print NR }' "$file" >"$tmp/lines"
awk -v ak="$tmp/ak:" -v lines="$tmp/lines" '
	BEGIN { while ((getline n < lines) > 0) order[++count] = n }
	{ sub(/\r$/, "") }
	index($0, ak) {
		rest = substr($0, index($0, ak) + length(ak))
		n = rest + 0
		if (rest ~ /^[0-9]+: check options: /) last = n
		else if (rest ~ /^[0-9]+: bad key options: /) { sub(/^[0-9]+: bad key options: /, "", rest); if (!(n in v)) v[n] = "bad: " rest }
		else if (rest ~ /^[0-9]+: advance: /) v[n] = "nokey"
		next
	}
	/^(debug[0-9]: )?invalid key option string$/ { if (!(last in v)) v[last] = "bad: invalid key option string"; next }
	END { for (i = 1; i <= count; i++) { n = order[i]; print n, (n in v) ? v[n] : "ok" } }
' "$tmp/log"
