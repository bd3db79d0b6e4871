#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The module builds warning-free with W=1 on each supported kernel, each
# with that release's own compiler.
set -euo pipefail
. "$(dirname "$0")/../lib/results.sh"
. "$(dirname "$0")/../lib/times.sh"
results_parse_args "$@"

kvers=("${args[@]}")
[ ${#kvers[@]} -gt 0 ] || kvers=(6.1)
status=0
mkdir -p "$TCPI_TOP/build/logs"
for kver in "${kvers[@]}"; do
	started=$(date +%s)
	rc=0
	# Kept after the run: a failure names it.
	log=$TCPI_TOP/build/logs/w1-$kver.log
	work=$(mktemp -d /tmp/tcpi-w1.XXXXXX)
	copy_module_tree "$work/src"
	if ! "$TCPI_TOP/tests/kernels/kernel.sh" build "$kver" "$work/src" "$work/out" W=1 \
		> "$log" 2>&1; then
		cat "$log"
		result FAIL "static/w1-$kver" "the module did not build (log: ${log#"$TCPI_TOP"/})"
		rc=1
	elif grep -qE 'warning:|error:' "$log"; then
		grep -E -B2 -A3 'warning:|error:' "$log"
		result FAIL "static/w1-$kver" "compiler warnings (log: ${log#"$TCPI_TOP"/})"
		rc=1
	else
		result PASS "static/w1-$kver" "warning-free with W=1"
	fi
	rm -rf "$work"
	[ $rc = 0 ] || status=1
	times_add "w1-$kver" "$started" "$(($(date +%s) - started))" - "$rc" "$log"
done
exit $status
