#!/bin/bash
# gen.sh: writes ec2.tsv, the KeyFingerprint values EC2 shows, computed with
# AWS's own commands (OpenSSL and ssh-keygen), never with keyvet or moto.
# Run from the repository root:  bash fingerprint/testdata/ec2/gen.sh
# With -keys it first makes the two throwaway "created" keys of this
# directory again (never needed for a normal regeneration).
#
# Columns (tab-separated, a header line): file (from the repository root),
# kind (imported: a public key given to ImportKeyPair; created: the
# KeyMaterial CreateKeyPair returns) and the fingerprint, or "-" for a key
# type EC2 does not take.
#
#   imported RSA:     ssh-keygen -e -m PKCS8 -f K.pub | openssl pkey -pubin -outform DER | openssl md5 -c
#   imported Ed25519: cut -d' ' -f2 K.pub | base64 -d | openssl sha256 -binary | base64
#   created RSA:      openssl pkcs8 -topk8 -nocrypt -in K -outform DER | openssl sha1 -c
#   created Ed25519:  ssh-keygen -y -f K | cut -d' ' -f2 | base64 -d | openssl sha256 -binary | base64
set -euo pipefail
dir=fingerprint/testdata/ec2
test -d "$dir" || { echo "run from the repository root" >&2; exit 1; }

if [ "${1-}" = -keys ]; then
	rm -f "$dir/created-rsa2048.pem" "$dir/created-ed25519"
	openssl genrsa -traditional -out "$dir/created-rsa2048.pem" 2048
	ssh-keygen -q -t ed25519 -N '' -C 'keyvet throwaway test key created-ed25519' -f "$dir/created-ed25519"
	rm -f "$dir/created-ed25519.pub"
fi

# hexsum strips "MD5(stdin)= " and "SHA1(stdin)= " from openssl's output.
hexsum() { sed 's/^.*= //'; }
blobsha() { base64 -d | openssl sha256 -binary | base64; }

out=$dir/ec2.tsv
{
	printf 'file\tkind\tfingerprint\n'
	for f in testdata/keys/*.pub fingerprint/testdata/keys/*.pub \
		testdata/vectors/openssh/rsa_1.pub testdata/vectors/openssh/rsa_2.pub \
		testdata/vectors/openssh/ed25519_1.pub testdata/vectors/openssh/ed25519_2.pub; do
		case $(cut -d' ' -f1 "$f") in
		ssh-rsa) fp=$(ssh-keygen -e -m PKCS8 -f "$f" | openssl pkey -pubin -outform DER | openssl md5 -c | hexsum) ;;
		ssh-ed25519) fp=$(cut -d' ' -f2 "$f" | blobsha) ;;
		*) fp=- ;;
		esac
		printf '%s\timported\t%s\n' "$f" "$fp"
	done
	for f in "$dir/created-rsa2048.pem" testdata/keys/private/pem_rsa testdata/keys/private/pkcs8_rsa; do
		printf '%s\tcreated\t%s\n' "$f" "$(openssl pkcs8 -topk8 -nocrypt -in "$f" -outform DER | openssl sha1 -c | hexsum)"
	done
	# ssh-keygen -y reads only a private key file of mode 0600: a copy.
	tmp=$(mktemp)
	trap 'rm -f "$tmp"' EXIT
	for f in "$dir/created-ed25519" testdata/keys/private/openssh_ed25519; do
		cat "$f" >"$tmp"
		chmod 600 "$tmp"
		pub=$(ssh-keygen -y -f "$tmp")
		printf '%s\tcreated\t%s\n' "$f" "$(echo "$pub" | cut -d' ' -f2 | blobsha)"
	done
} >"$out.tmp"
# SHA-256 of nothing, MD5 and SHA-1 of nothing: a command in a pipe failed.
if grep -E '47DEQpj8HBSa|d4:1d:8c:d9:8f:00:b2:04|da:39:a3:ee:5e:6b:4b:0d' "$out.tmp"; then
	echo "gen.sh: a digest of empty input" >&2
	exit 1
fi
mv "$out.tmp" "$out"
