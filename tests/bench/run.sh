#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench: what tcpinsight costs, in instructions per operation.
#
#   tests/bench/run.sh [--kver 6.1] [--ko PATH] [--no-bpftrace] [--quick]
#                      [--results FILE]
#
# Boots Debian's kernel under QEMU with -icount shift=0,align=off,sleep=off,
# so guest time counts instructions (one nanosecond each) whatever the
# host is doing, and runs tests/bench/guest/guest.sh there: every workload
# of tests/progs/tcpi-bench-* in every configuration, in one boot. Writes
# the table to build/bench/results.txt (the previous one is kept as
# results.prev.txt and compared with) and prints it.
#
# --no-bpftrace leaves bpftrace (200 MB of libraries) out of the VM;
# --quick runs one round of fewer operations, to try the harness.
# --results records one verdict, bench/table (make check): whether the
# table is whole, every workload measured in every configuration, with
# the scale, /proc read and memory sections. It judges no figure: those
# are for reading (README, Performance), not for a timed test.
set -euo pipefail
# shellcheck source=../lib/results.sh
. "$(dirname "$0")/../lib/results.sh"
results_parse_args "$@"
set -- "${args[@]+"${args[@]}"}"

kver=6.1
ko=
bpftrace=1
quick=0
while [ $# -gt 0 ]; do
	case $1 in
	--kver) kver=$2; shift 2 ;;
	--ko) ko=$2; shift 2 ;;
	--no-bpftrace) bpftrace=0; shift ;;
	--quick) quick=1; shift ;;
	*) echo "usage: $0 [--kver K] [--ko PATH] [--no-bpftrace] [--quick] [--results FILE]" >&2; exit 2 ;;
	esac
done

out=$TCPI_TOP/build/bench
tag=bench-$kver
mkdir -p "$out"
started=$(date +%s)

"$TCPI_TOP/tests/deps.sh" --bench

add=()
if [ "$bpftrace" = 1 ]; then
	"$TCPI_TOP/tests/bench/bpftrace-cpio.sh" "$out/bpftrace.cpio"
	add+=(--initrd-add "$out/bpftrace.cpio")
fi
if [ "$quick" = 1 ]; then
	conf=$(mktemp -d)
	mkdir -p "$conf/etc"
	cat > "$conf/etc/tcpi-bench.conf" <<-'CONF'
		ROUNDS=1
		N_PINGPONG=300
		N_CHURN=100
		N_DROPS=400
		N_OVERFLOW=300
		N_SCALE_CHURN=100
		N_SCALE_DROPS=400
		LISTENERS_MANY=1000
		PORTS_MANY=2000
	CONF
	(cd "$conf" && find . -print0 | cpio --null -o -H newc --quiet) > "$out/quick.cpio"
	rm -rf "$conf"
	add+=(--initrd-add "$out/quick.cpio")
fi

# bpftrace's libraries are unpacked into guest memory: 2 GiB leaves room.
vm_rc=0
"$TCPI_TOP/tests/vm/run.sh" --kver "$kver" --bench --tag "$tag" \
	${ko:+--ko "$ko"} "${add[@]}" --limit 5400 \
	--qemu-args "-m 2048 -icount shift=0,align=off,sleep=off" || vm_rc=$?

report=$TCPI_TOP/build/vm/$tag/report.txt
[ -f "$out/results.txt" ] && mv "$out/results.txt" "$out/results.prev.txt"
awk -f "$TCPI_TOP/tests/bench/table.awk" "$report" > "$out/results.txt"
cat "$out/results.txt"

# Whole: 4 workloads x 6 configurations with a figure each (bpftrace's
# rows only when it was brought in), and the three closing sections.
configs='baseline \(not loaded\)|loaded, all probes off|counters only \(events=0\)|everything on|drop_monitor, summary mode'
want=20
if [ "$bpftrace" = 1 ]; then
	configs="$configs|bpftrace, kfree_skb count"
	want=24
fi
rows=$(grep -Ec "^  ($configs) +[0-9]+\.[0-9]" "$out/results.txt" || true)
missing=
for section in '^scale ' '^/proc reads ' '^memory ' '^  at rest, default parameters:'; do
	grep -Eq "$section" "$out/results.txt" || missing="$missing '${section#^}'"
done
if [ "$vm_rc" = 0 ] && [ "$rows" = "$want" ] && [ -z "$missing" ]; then
	result PASS bench/table "$rows measured rows, scale, /proc reads and memory (build/bench/results.txt)"
else
	result FAIL bench/table "VM exit $vm_rc, $rows of $want measured rows${missing:+, missing$missing}"
fi

# Run to run: the same rows of the previous results, side by side.
if [ -f "$out/results.prev.txt" ]; then
	echo
	echo "against the previous run (build/bench/results.prev.txt), instr/op:"
	awk -f "$TCPI_TOP/tests/bench/compare.awk" "$out/results.prev.txt" "$out/results.txt"
fi
echo
echo "make bench took $(($(date +%s) - started)) s on this host (guest figures do not depend on it)"
[ "$vm_rc" = 0 ]
