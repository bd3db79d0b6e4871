#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict on every kernel source file of ours: no error,
# warning or check. A deliberate exception would be listed here with its
# reason; there is none.
set -euo pipefail
. "$(dirname "$0")/../lib/results.sh"
results_parse_args "$@"

src=$(kernel_source_dir)
mapfile -t files < <(our_kernel_sources)
out=$(cd "$TCPI_TOP" && perl "$src/scripts/checkpatch.pl" --no-tree --strict \
	--terse --show-types -f "${files[@]}" 2>&1 |
	grep -E '(ERROR|WARNING|CHECK):' || true)
if [ -n "$out" ]; then
	echo "$out"
	result FAIL static/checkpatch "$(echo "$out" | wc -l) reports on ${#files[@]} files"
	exit 1
fi
result PASS static/checkpatch "${#files[@]} files clean"
