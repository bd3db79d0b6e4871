#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install tcpinsight the way operators do, in each release's chroot:
# `make dkms-install`, then `dkms add`, `dkms build`, `dkms install`
# against that release's headers. The module DKMS installed must sit
# under /lib/modules/<ver>/updates/dkms/ and pass the smoke scenario in
# that kernel in QEMU; a kernel outside the supported series must be
# refused by the BUILD_EXCLUSIVE rule, not by a compiler error.
#
#   tests/dkms/run.sh [--results FILE] KVER...
set -euo pipefail
. "$(dirname "$0")/../lib/results.sh"
. "$(dirname "$0")/../lib/times.sh"
results_parse_args "$@"
kvers=("${args[@]+"${args[@]}"}")
[ ${#kvers[@]} -gt 0 ] || kvers=(6.1)

kernel_sh=$TCPI_TOP/tests/kernels/kernel.sh
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TCPI_TOP/dkms.conf")
modver=$(sed -n 's/^#define[[:space:]]*TCPI_VERSION[[:space:]]*"\(.*\)"/\1/p' "$TCPI_TOP/module/tcpinsight.h")
status=0

if [ "$version" != "$modver" ]; then
	result FAIL dkms/version "dkms.conf says $version, the module $modver"
	exit 1
fi

# One kernel; a failure sets kfail and names its log in klog.
dkms_kernel() {
	local kver=$1 name work root release ko f rc
	name=dkms-$kver
	work=$TCPI_TOP/build/dkms/$kver
	rm -rf "$work"
	mkdir -p "$work"
	if ! root=$("$kernel_sh" chroot "$kver" 2> "$work/chroot.log"); then
		cat "$work/chroot.log" >&2
		result FAIL "$name/install" "no $kver chroot (log: $work/chroot.log)"
		kfail=1 klog=$work/chroot.log
		return 0
	fi
	release=$(cat "$TCPI_CACHE/kernels/$kver.release")
	make -s -C "$TCPI_TOP" dkms-install DESTDIR="$root" > /dev/null
	# Each run starts from nothing DKMS remembers.
	if ! "$kernel_sh" exec "$kver" sh -ec "
		dkms remove tcpinsight/$version --all > /dev/null 2>&1 || true
		rm -f /lib/modules/$release/updates/dkms/tcpinsight.ko*
		dkms add tcpinsight/$version
		dkms build tcpinsight/$version -k $release
		dkms install tcpinsight/$version -k $release
		dkms status tcpinsight" > "$work/dkms.log" 2>&1; then
		cat "$work/dkms.log" >&2
		result FAIL "$name/install" "dkms add/build/install failed (log: $work/dkms.log)"
		kfail=1 klog=$work/dkms.log
		return 0
	fi
	ko=
	for f in "$root/lib/modules/$release/updates/dkms/tcpinsight.ko"{,.xz,.zst,.gz}; do
		[ -f "$f" ] && { ko=$f; break; }
	done
	if [ -z "$ko" ] || ! grep -Fq -e "tcpinsight/$version, $release, x86_64: installed" \
		-e "tcpinsight, $version, $release, x86_64: installed" "$work/dkms.log"; then
		cat "$work/dkms.log" >&2
		result FAIL "$name/install" "no tcpinsight.ko under /lib/modules/$release/updates/dkms, or dkms status is not 'installed' (log: $work/dkms.log)"
		kfail=1 klog=$work/dkms.log
		return 0
	fi
	# busybox insmod takes plain .ko files only.
	case $ko in
	*.xz) xz -dc "$ko" > "$work/tcpinsight.ko" ;;
	*.zst) zstd -q -dc "$ko" > "$work/tcpinsight.ko" ;;
	*.gz) gzip -dc "$ko" > "$work/tcpinsight.ko" ;;
	*) cp "$ko" "$work/tcpinsight.ko" ;;
	esac
	result PASS "$name/install" "${ko#"$root"}"

	if "$TCPI_TOP/tests/vm/run.sh" --kver "$kver" --tag "$name" --ko "$work/tcpinsight.ko" \
		--only 10-closed-port-v4 ${results_file:+--results "$results_file"}; then
		:
	else
		kfail=1 klog=$TCPI_TOP/build/vm/$name/console.log
	fi

	# A kernel outside the supported series: refused by BUILD_EXCLUSIVE.
	rc=0
	"$kernel_sh" exec "$kver" dkms build "tcpinsight/$version" -k 4.19.0-27-amd64 \
		> "$work/exclusive.log" 2>&1 || rc=$?
	# dkms 3 exits 77 (skipped), dkms 2.8 (bullseye) 9: both say why.
	if [ "$rc" != 0 ] && grep -q 'BUILD_EXCLUSIVE' "$work/exclusive.log" &&
		! grep -qiE 'error:|gcc' "$work/exclusive.log"; then
		result PASS "$name/refuses-4.19" "dkms: BUILD_EXCLUSIVE does not match, exit $rc"
	else
		cat "$work/exclusive.log" >&2
		result FAIL "$name/refuses-4.19" "dkms build for 4.19 exited $rc without the BUILD_EXCLUSIVE message (log: $work/exclusive.log)"
		kfail=1 klog=$work/exclusive.log
	fi
	"$kernel_sh" exec "$kver" dkms remove "tcpinsight/$version" --all > /dev/null 2>&1 || true
}

for kver in "${kvers[@]}"; do
	started=$(date +%s)
	kfail=0 klog=-
	dkms_kernel "$kver"
	[ $kfail = 0 ] || status=1
	times_add "dkms-$kver" "$started" "$(($(date +%s) - started))" - "$kfail" "$klog"
done
exit $status
