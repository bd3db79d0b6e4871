#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install what building and testing tcpinsight needs on a Debian 12 host,
# idempotently and without prompts, and unpack Debian's linux-source-6.1
# (checkpatch, KUnit) into the cache. Kernels, headers and per-release
# chroots are fetched on demand by tests/kernels/kernel.sh.
#
#   tests/deps.sh [--bench]     --bench: also what make bench compares with
set -euo pipefail
. "$(dirname "$0")/lib/results.sh"
. "$(dirname "$0")/lib/times.sh"

PKGS=(
	make gcc libc6-dev binutils cpio gzip xz-utils zstd kmod file perl
	python3 bc flex bison libelf-dev libssl-dev
	qemu-system-x86 busybox-static sparse debootstrap debian-archive-keyring
	util-linux iproute2 linux-source-6.1 prometheus groff-base man-db
)
# make bench runs the kernel's drop_monitor and a bpftrace script beside
# tcpinsight; bpftrace is not needed for anything else.
if [ "${1:-}" = --bench ]; then
	PKGS+=(bpftrace)
fi

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	times_cache miss
	[ "$(id -u)" = 0 ] || { echo "deps.sh: need root to install: ${missing[*]}" >&2; exit 1; }
	echo "deps.sh: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	opts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=600)
	if ! apt-get install "${opts[@]}" "${missing[@]}" >&2; then
		apt-get update -q -o DPkg::Lock::Timeout=600 >&2
		apt-get install "${opts[@]}" "${missing[@]}" >&2
	fi
fi

# The kernel tree checkpatch and KUnit come from, unpacked once.
src=$TCPI_CACHE/linux-source-6.1
tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2> /dev/null || true)
[ -n "$tarball" ] || { echo "deps.sh: linux-source-6.1 has no tarball in /usr/src" >&2; exit 1; }
stamp=$src/.unpacked-$(stat -c %Y "$tarball")
if [ ! -f "$stamp" ]; then
	times_cache miss
	echo "deps.sh: unpacking $tarball" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -C "$src.tmp" --strip-components=1 -xf "$tarball"
	mv "$src.tmp" "$src"
	touch "$stamp"
fi
# For make check's timing table: everything was there, unless a miss above
# says otherwise.
times_cache hit
