#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The host's bpftrace and every shared library it loads, as a cpio archive
# for the benchmark VM's initramfs (appended to it: the kernel unpacks
# both). Debian's bpftrace is dynamically linked against LLVM and clang,
# about 200 MB in all, so the archive is left uncompressed (the guest
# copies it instead of inflating it under emulation) and cached by the
# binary's package version.
#
#   tests/bench/bpftrace-cpio.sh OUT.cpio
set -euo pipefail

out=$1
bin=$(command -v bpftrace) || { echo "bpftrace-cpio: bpftrace is not installed" >&2; exit 1; }
version=$(dpkg-query -W -f='${Version}' bpftrace 2> /dev/null || echo unknown)
if [ -f "$out" ] && [ "$(cat "$out.version" 2> /dev/null)" = "$version" ]; then
	exit 0
fi
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/usr/bin"
cp -L "$bin" "$stage/usr/bin/bpftrace"
# Every library under the path the loader looks it up by.
ldd "$bin" | awk '/=> \// { print $3 } /^\t\/.* \(0x/ { print $1 }' | while read -r lib; do
	mkdir -p "$stage$(dirname "$lib")"
	cp -L "$lib" "$stage$lib"
done
[ -e "$stage/lib64/ld-linux-x86-64.so.2" ] || { echo "bpftrace-cpio: no dynamic loader in ldd's list" >&2; exit 1; }
(cd "$stage" && find . -print0 | cpio --null -o -H newc --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
echo "$version" > "$out.version"
