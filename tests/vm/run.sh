#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot tcpinsight in a Debian kernel under QEMU and run the VM scenarios
# (or the demo) inside it, the way the module runs in production.
#
#   tests/vm/run.sh [--kver 5.10|6.1|6.12|7.2|debug] [--demo] [--only NAME,...]
#                   [--smp N] [--mttcg] [--ko PATH] [--tag NAME]
#                   [--results FILE]
#                   [--bench] [--qemu-args ARGS] [--initrd-add FILE]
#                   [--limit SECONDS] [--set NAME=VALUE]
#
# --kver debug boots the debug kernel (tests/kernels/debug.config: 6.1 from
# Debian's linux-source-6.1 with KASAN, UBSAN, lockdep, kmemleak and fault
# injection, built once and cached) with panic_on_warn=1: the scenarios
# see it as 6.1, each gets DEBUG_SLOWDOWN times its time limit, and a
# kmemleak scan after the last one must find nothing of tcpinsight's.
#
# Builds tcpinsight.ko against that release's headers with its own
# compiler (unless --ko names a module already built, as DKMS does), the
# static test programs and tcpinsightctl, packs them with busybox into an
# initramfs, boots it with -cpu max, and records one result per scenario.
# A boot that does not finish in time, a scenario that gives no verdict and
# any kernel report (Oops, BUG, WARNING, lockdep, ...) fail the run.
#
# --bench runs tests/bench/guest.sh instead of the scenarios (make bench):
# its report is left in build/vm/TAG/report.txt for tests/bench/run.sh.
# --qemu-args adds QEMU options (word-split), --initrd-add appends a cpio
# archive to the initramfs (the kernel unpacks each in turn; may be given
# more than once), --limit replaces the time limit. --set gives the
# scenarios a setting (guest_setting NAME DEFAULT in lib.sh reads it); may
# be given more than once.
#
# With --smp above 1 the vCPUs share one host thread (-accel
# tcg,thread=single): they still interleave at arbitrary points, but QEMU
# 7.2's multi-threaded TCG lets a vCPU run code another one has just
# rewritten. Toggling the kernel's own kprobe_events under traffic, with
# no tcpinsight loaded, oopses Debian's 6.1 within seconds there (a call
# to address 0, "Unrecoverable kprobe") and runs 150 rounds clean with
# one thread. --mttcg asks for the multi-threaded mode anyway.
set -euo pipefail
# shellcheck source=../lib/results.sh
. "$(dirname "$0")/../lib/results.sh"
# shellcheck source=../lib/times.sh
. "$(dirname "$0")/../lib/times.sh"
results_parse_args "$@"
set -- "${args[@]+"${args[@]}"}"

kver=6.1
# How much slower scenarios run on the debug kernel than on Debian's
# (KASAN, lockdep and kmemleak under an emulated CPU): Documentation/testing.md.
DEBUG_SLOWDOWN=${TCPI_DEBUG_SLOWDOWN:-4}
demo=0
only=
smp=1
mttcg=0
ko=
tag=
bench=0
qemu_args=
initrd_add=
limit_arg=
settings=()
while [ $# -gt 0 ]; do
	case $1 in
	--kver) kver=$2; shift 2 ;;
	--demo) demo=1; shift ;;
	--bench) bench=1; shift ;;
	--qemu-args) qemu_args=$2; shift 2 ;;
	--initrd-add) initrd_add="$initrd_add $(readlink -f "$2")"; shift 2 ;;
	--limit) limit_arg=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--mttcg) mttcg=1; shift ;;
	--ko) ko=$(readlink -f "$2"); shift 2 ;;
	--tag) tag=$2; shift 2 ;;
	--set)
		[[ $2 =~ ^[a-z_]+=[A-Za-z0-9_.,-]*$ ]] || { echo "$0: --set wants NAME=VALUE, not '$2'" >&2; exit 2; }
		settings+=("$2"); shift 2 ;;
	*) echo "usage: $0 [--kver K] [--demo] [--only NAME,...] [--smp N] [--mttcg] [--ko PATH] [--tag NAME] [--results FILE]" \
		"[--bench] [--qemu-args ARGS] [--initrd-add FILE] [--limit SECONDS] [--set NAME=VALUE]" >&2; exit 2 ;;
	esac
done

if [ -z "$tag" ]; then
	tag=vm-$kver
	[ "$smp" = 1 ] || tag=$tag-smp$smp
fi
out=$TCPI_TOP/build/vm/$tag
rm -rf "$out"
mkdir -p "$out"
log() { echo "vm[$kver]: $*" >&2; }

# A failure before the VM runs is one result, so the summary shows it.
setup_fail() {
	result FAIL "$tag/setup" "$*"
	exit 1
}

# The debug kernel is 6.1 to the scenarios; it is several times slower.
series=$kver
slowdown=1
# A task blocked for 120 s fails the run wherever it happens (the BAD
# patterns of guest/init); panicking then ends the VM at once instead of
# at its time limit, and panic_print puts every task's stack (0x1), the
# locks held (0x8, lockdep kernels) and the whole kernel log (0x20) on
# the console, which loglevel=4 would otherwise keep the stacks off.
append="console=ttyS0 panic=-1 quiet loglevel=4 tsc=unstable hung_task_panic=1 panic_print=0x29"
if [ "$kver" = debug ]; then
	series=6.1
	slowdown=$DEBUG_SLOWDOWN
	# slab_nomerge: a fault injected into one slab cache stays in it;
	# slub_debug=A marks the cache 19-fault-runtime fails requests from
	# (the mark cannot be set at run time on 6.1).
	append="$append panic_on_warn=1 kmemleak=on slab_nomerge slub_debug=A,request_sock_TCP"
fi

log "kernel"
kdir=$("$TCPI_TOP/tests/kernels/kernel.sh" fetch "$kver") || setup_fail "cannot fetch or build the $kver kernel"

if [ -z "$ko" ]; then
	copy_module_tree "$out/src"
	# The same sources against the same kernel make the same module: the
	# runs of one make check on one kernel (its suite, the soaks, the
	# bench; the debug kernel's two) build it once, whichever comes first.
	key=$( (cat "$kdir/release"; cd "$out/src" && find . -type f -print0 | sort -z |
		xargs -0 sha1sum) | sha1sum | cut -c1-16)
	kos=$TCPI_TOP/build/ko
	mkdir -p "$kos"
	(
		flock 9
		if [ -f "$kos/$kver-$key/tcpinsight.ko" ]; then
			log "tcpinsight.ko against $kver: built already from these sources"
			exit 0
		fi
		log "building tcpinsight.ko against $kver"
		rm -rf "$kos/$kver-$key.tmp"
		"$TCPI_TOP/tests/kernels/kernel.sh" build "$kver" "$out/src" "$kos/$kver-$key.tmp" \
			> "$out/build.log" 2>&1 && mv "$kos/$kver-$key.tmp" "$kos/$kver-$key"
	) 9> "$kos/$kver.lock" ||
		{ cat "$out/build.log" >&2; setup_fail "tcpinsight.ko did not build against $kver"; }
	ko=$kos/$kver-$key/tcpinsight.ko
fi
[ -f "$ko" ] || setup_fail "no module at $ko"

log "test programs and tcpinsightctl (static)"
make -s -C "$TCPI_TOP/tests/progs" > "$out/progs.log" 2>&1 ||
	{ cat "$out/progs.log" >&2; setup_fail "tests/progs did not build"; }
# A private copy, so the static build never replaces the user's binary.
mkdir -p "$out/ctl/module"
cp -a "$TCPI_TOP/userctl" "$out/ctl/"
cp "$TCPI_TOP/module/tcpinsight.h" "$out/ctl/module/"
make -s -C "$out/ctl/userctl" clean > /dev/null
make -s -C "$out/ctl/userctl" STATIC=1 > "$out/ctl.log" 2>&1 ||
	{ cat "$out/ctl.log" >&2; setup_fail "tcpinsightctl did not build statically"; }

log "initramfs"
root=$out/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,lib/kmods,lib/tcpinsight,tests/vm,tests/scenarios,tests/bench}
busybox=$(command -v busybox) || setup_fail "busybox is not installed (tests/deps.sh)"
file -L "$busybox" 2> /dev/null | grep -q 'statically linked' ||
	[ -f /bin/busybox ] || setup_fail "busybox is not static"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list-full); do
	[ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done
cp "$TCPI_TOP/tests/vm/guest/init" "$root/init"
cp "$TCPI_TOP/tests/vm/guest/lib.sh" "$TCPI_TOP/tests/vm/guest/demo.sh" "$root/tests/vm/"
cp "$TCPI_TOP"/tests/scenarios/* "$root/tests/scenarios/"
if [ "$bench" = 1 ]; then
	cp "$TCPI_TOP"/tests/bench/guest/* "$root/tests/bench/"
fi
cp "$TCPI_TOP"/tests/progs/tcpi-* "$root/bin/" 2> /dev/null
rm -f "$root"/bin/tcpi-*.c
cp "$out/ctl/userctl/tcpinsightctl" "$root/bin/"
# Debian's promtool is dynamically linked: it goes in with the libraries
# ldd names, for the scenarios that say "# needs: promtool" (48 MB, so
# only when one of them runs).
needs_promtool=0
for s in "$TCPI_TOP"/tests/scenarios/[0-9]*.sh; do
	name=$(basename "$s" .sh)
	if [ -n "$only" ] && ! tr ',' '\n' <<< "$only" | grep -qx "$name"; then
		continue
	fi
	grep -q '^# needs: promtool' "$s" && needs_promtool=1
done
if [ "$demo" = 0 ] && [ "$needs_promtool" = 1 ] && promtool=$(command -v promtool); then
	cp "$promtool" "$root/bin/promtool"
	for lib in $(ldd "$promtool" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
fi
cp "$ko" "$root/lib/tcpinsight/tcpinsight.ko"
# The debug kernel has them built in: nothing to copy.
for f in "$kdir"/modules/*.ko "$kdir/modules/load-order"; do
	[ ! -e "$f" ] || cp "$f" "$root/lib/kmods/"
done
echo "$series" > "$root/etc/tcpi-kver"
if [ "$kver" = debug ]; then
	echo debug > "$root/etc/tcpi-flavour"
else
	echo debian > "$root/etc/tcpi-flavour"
fi
echo "$slowdown" > "$root/etc/tcpi-timeout-scale"
rm -rf "$root/etc/tcpi-set"
mkdir -p "$root/etc/tcpi-set"
for kv in "${settings[@]+"${settings[@]}"}"; do
	echo "${kv#*=}" > "$root/etc/tcpi-set/${kv%%=*}"
done
# The probes-by-kernel table of Documentation/kernels.md, which a scenario
# holds the kernel to: "name type state-on-5.10 6.1 6.12 7.2" per probe.
sed -n '/^<!-- probes-by-kernel -->$/,/^$/p' "$TCPI_TOP/Documentation/kernels.md" |
	awk -F'|' '/^\| `/ { gsub(/[` ]/, ""); print $2, $3, $4, $5, $6, $7 }' > "$root/etc/tcpi-probes-table"
# The table of /proc file modes of Documentation/security.md: "file mode"
# per file.
sed -n '/^<!-- proc-modes -->$/,/^$/p' "$TCPI_TOP/Documentation/security.md" |
	awk -F'|' '/^\| `/ { gsub(/[` ]/, ""); print $2, $3 }' > "$root/etc/tcpi-proc-modes"
if [ "$demo" = 1 ]; then
	echo demo > "$root/etc/tcpi-mode"
elif [ "$bench" = 1 ]; then
	echo bench > "$root/etc/tcpi-mode"
else
	echo test > "$root/etc/tcpi-mode"
fi
: > "$root/etc/tcpi-only"
if [ -n "$only" ]; then
	tr ',' '\n' <<< "$only" > "$root/etc/tcpi-only"
fi
(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 > "$out/initrd.gz"
# Each archive starts on a 4-byte boundary, or the kernel takes an
# uncompressed one for compressed data (zeros in between are skipped).
for f in $initrd_add; do
	truncate -s %4 "$out/initrd.gz"
	cat "$f" >> "$out/initrd.gz"
done

# Time allowed: boot, then each selected scenario's own limit.
limit=120
if [ "$demo" = 0 ] && [ "$bench" = 0 ]; then
	for s in "$TCPI_TOP"/tests/scenarios/[0-9]*.sh; do
		name=$(basename "$s" .sh)
		if [ -n "$only" ] && ! tr ',' '\n' <<< "$only" | grep -qx "$name"; then
			continue
		fi
		l=$(sed -n 's/^# timeout: *\([0-9]*\).*/\1/p' "$s" | head -n 1)
		limit=$((limit + ${l:-120} * slowdown + 10))
	done
	# The final kmemleak scans.
	[ "$kver" != debug ] || limit=$((limit + 120))
else
	limit=300
fi
limit=$((limit + (slowdown - 1) * 120))
[ -z "$limit_arg" ] || limit=$limit_arg

read -ra qemu_extra <<< "$qemu_args"
accel=()
[ "$smp" = 1 ] || [ "$mttcg" = 1 ] || accel=(-accel tcg,thread=single)
log "booting $(cat "$kdir/release") with -smp $smp ${accel[*]} (limit ${limit}s)"
report=$out/report.txt
console=$out/console.log
: > "$report"
started=$(date +%s)
qrc=0
timeout -k 10 "$limit" qemu-system-x86_64 \
	-machine q35 ${accel[@]+"${accel[@]}"} -cpu max -smp "$smp" -m 1536 \
	-display none -monitor none -no-reboot -nic none \
	-serial "file:$console" -serial "file:$report" \
	-kernel "$kdir/vmlinuz" -initrd "$out/initrd.gz" \
	-append "$append" \
	${qemu_extra[@]+"${qemu_extra[@]}"} || qrc=$?
took=$(($(date +%s) - started))
# The VM alone, apart from fetching the kernel and building what it boots.
times_add "$tag/qemu" "$started" "$took" - "$qrc" "$console"
tr -d '\r' < "$report" > "$report.clean" && mv "$report.clean" "$report"

# The same kernel-report patterns the guest judges with, over the whole
# console, for anything the guest could not report itself.
bad_re=$(sed -n "s/^BAD='\(.*\)'$/\1/p" "$TCPI_TOP/tests/vm/guest/init")

if [ "$demo" = 1 ]; then
	sed -e '/^BOOTED /d' -e '/^DONE$/d' "$report"
	if ! grep -qx DONE "$report"; then
		tail -n 40 "$console" >&2
		log "the demo did not finish (qemu exit $qrc after ${took}s)"
		exit 1
	fi
	if grep -Eq "$bad_re" "$console" || grep -q '^KERNEL ' "$report"; then
		log "the kernel reported a problem: see $console"
		exit 1
	fi
	exit 0
fi

if [ "$bench" = 1 ]; then
	if ! grep -qx DONE "$report"; then
		tail -n 40 "$console" >&2
		log "the benchmark did not finish (qemu exit $qrc after ${took}s of ${limit}s)"
		exit 1
	fi
	if grep -Eq "$bad_re" "$console" || grep -q '^KERNEL ' "$report"; then
		log "the kernel reported a problem: see $console"
		exit 1
	fi
	log "benchmark done in ${took}s"
	exit 0
fi

status=0
while read -r verdict name rest; do
	case $verdict in
	PASS | FAIL | SKIP)
		result "$verdict" "$tag/$name" "$rest"
		[ "$verdict" = FAIL ] && status=1
		;;
	NOTE) log "$name $rest" ;;
	esac
done < "$report"

# Scenarios that never reported: the VM died or hung under them.
for s in "$TCPI_TOP"/tests/scenarios/[0-9]*.sh; do
	name=$(basename "$s" .sh)
	if [ -n "$only" ] && ! tr ',' '\n' <<< "$only" | grep -qx "$name"; then
		continue
	fi
	if ! grep -Eq "^(PASS|FAIL|SKIP) $name " "$report"; then
		result FAIL "$tag/$name" "no result: the VM stopped before it (see $console)"
		status=1
	fi
done
if [ "$kver" = debug ] && ! grep -Eq '^(PASS|FAIL|SKIP) kmemleak ' "$report"; then
	result FAIL "$tag/kmemleak" "no result: the VM stopped before the final scan"
	status=1
fi
if ! grep -qx DONE "$report"; then
	tail -n 60 "$console" >&2
	# panic_on_warn (debug kernel): the report that stopped the VM.
	first_bad=$(grep -E -m1 "$bad_re" "$console" || true)
	result FAIL "$tag/boot" "the VM did not finish (qemu exit $qrc after ${took}s of ${limit}s)${first_bad:+: $first_bad}"
	status=1
elif grep -Eq "$bad_re" "$console"; then
	result FAIL "$tag/kernel-log" "$(grep -E -m1 "$bad_re" "$console")"
	status=1
else
	result PASS "$tag/boot" "$(sed -n 's/^BOOTED //p' "$report"), ${took}s, clean kernel log"
fi
if [ "$status" != 0 ]; then
	log "console log: $console"
fi
exit $status
