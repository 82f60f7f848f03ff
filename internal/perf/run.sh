#!/usr/bin/env bash
# Instructions per key line of keyvet's file reader, counted with valgrind's
# callgrind, against x/crypto and the strict floor (kvloop's doc says what
# each loop does). Run from anywhere:
#
#	bash internal/perf/run.sh          # LINES=20000 by default
#
# It builds kvloop (a static binary: valgrind runs it without cgo), writes an
# authorized_keys file of LINES key lines (kvloop gen), checks that the three
# loops print the same fingerprints (and ssh-keygen -lf's, where it is
# installed), then runs each loop once under callgrind and prints, per key
# line, the instructions beyond the read-only baseline: all of them, and
# without SHA-256's block function (ex-SHA), which every loop runs on the
# same blobs and which valgrind runs without the SHA-NI instructions Go uses
# natively. Callgrind's counts repeat within 1% whatever else the machine
# runs. Needs go, valgrind and awk.
set -euo pipefail
cd "$(dirname "$0")/../.."
lines=${LINES:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in go valgrind callgrind_annotate awk; do
	command -v "$t" >/dev/null || { echo "perf: needs $t (apt-get install valgrind)" >&2; exit 2; }
done
CGO_ENABLED=0 go build -o "$tmp/kvloop" ./internal/perf/kvloop
"$tmp/kvloop" gen "$lines" >"$tmp/authorized_keys"
for m in keyvet xcrypto strict; do
	KVLOOP_PRINT=1 "$tmp/kvloop" "$m" "$tmp/authorized_keys" >"$tmp/fp.$m"
done
cmp -s "$tmp/fp.keyvet" "$tmp/fp.xcrypto" && cmp -s "$tmp/fp.keyvet" "$tmp/fp.strict" ||
	{ echo "perf: the loops print different fingerprints" >&2; exit 2; }
if command -v ssh-keygen >/dev/null; then
	ssh-keygen -lf "$tmp/authorized_keys" | awk '{print $2}' | cmp -s - "$tmp/fp.keyvet" ||
		{ echo "perf: keyvet's fingerprints differ from ssh-keygen -lf" >&2; exit 2; }
fi
[ "$(wc -l <"$tmp/fp.keyvet")" -eq "$lines" ] || { echo "perf: keyvet read $(wc -l <"$tmp/fp.keyvet") keys of $lines" >&2; exit 2; }

# count MODE: prints "TOTAL SHA" instructions of one run.
count() {
	GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off valgrind --tool=callgrind \
		--callgrind-out-file="$tmp/cg.$1" "$tmp/kvloop" "$1" "$tmp/authorized_keys" >/dev/null 2>"$tmp/vg.$1"
	callgrind_annotate --auto=no --inclusive=no --threshold=100 "$tmp/cg.$1" 2>/dev/null | awk '
		/PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
		/sha256\.block/ { gsub(",", "", $1); sha += $1 }
		END { printf "%d %d\n", total, sha }'
}
read -r base_total base_sha < <(count read)
printf '%-10s %12s %12s\n' loop "per line" "ex-SHA"
declare -A raw exsha
for m in keyvet xcrypto strict; do
	read -r total sha < <(count "$m")
	raw[$m]=$(( (total - base_total) / lines ))
	exsha[$m]=$(( (total - sha - base_total + base_sha) / lines ))
	printf '%-10s %12d %12d\n' "$m" "${raw[$m]}" "${exsha[$m]}"
done
awk -v k="${exsha[keyvet]}" -v x="${exsha[xcrypto]}" -v s="${exsha[strict]}" -v n="$lines" 'BEGIN {
	printf "keyvet / strict floor (ex-SHA): %.2f\nkeyvet / x/crypto (ex-SHA):     %.2f\n(callgrind instructions per key line, %d lines)\n", k / s, k / x, n }'
