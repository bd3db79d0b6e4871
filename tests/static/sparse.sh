#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# sparse (make C=2) over the module against Debian's 6.1 headers: nothing
# may be reported for our files. Reports from kernel headers are not ours.
set -euo pipefail
. "$(dirname "$0")/../lib/results.sh"
results_parse_args "$@"

kdir=$("$TCPI_TOP/tests/kernels/kernel.sh" headers 6.1)
work=$(mktemp -d /tmp/tcpi-sparse.XXXXXX)
trap 'rm -rf "$work"' EXIT
copy_module_tree "$work"

if ! make -C "$kdir" M="$work" C=2 modules > "$work/build.log" 2>&1; then
	cat "$work/build.log"
	result FAIL static/sparse "the module did not build"
	exit 1
fi
if ! grep -q 'CHECK' "$work/build.log"; then
	result FAIL static/sparse "sparse did not run (is it installed?)"
	exit 1
fi
ours=$(grep -E "^$work/(module|procfs)/[^:]+:[0-9]+:[0-9]+: " "$work/build.log" |
	sed "s|^$work/||" || true)
if [ -n "$ours" ]; then
	echo "$ours"
	result FAIL static/sparse "$(echo "$ours" | wc -l) reports"
	exit 1
fi
result PASS static/sparse "$(grep -c ' CHECK ' "$work/build.log") files checked, nothing reported"
