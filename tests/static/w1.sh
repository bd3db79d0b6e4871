#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The module builds warning-free with W=1 on each supported kernel, each
# with that release's own compiler.
set -euo pipefail
. "$(dirname "$0")/../lib/results.sh"
results_parse_args "$@"

kvers=("${args[@]}")
[ ${#kvers[@]} -gt 0 ] || kvers=(6.1)
status=0
for kver in "${kvers[@]}"; do
	work=$(mktemp -d /tmp/tcpi-w1.XXXXXX)
	copy_module_tree "$work/src"
	if ! "$TCPI_TOP/tests/kernels/kernel.sh" build "$kver" "$work/src" "$work/out" W=1 \
		> "$work/build.log" 2>&1; then
		cat "$work/build.log"
		result FAIL "static/w1-$kver" "the module did not build"
		status=1
	elif grep -qE 'warning:|error:' "$work/build.log"; then
		grep -E -B2 -A3 'warning:|error:' "$work/build.log"
		result FAIL "static/w1-$kver" "compiler warnings"
		status=1
	else
		result PASS "static/w1-$kver" "warning-free with W=1"
	fi
	rm -rf "$work"
done
exit $status
