#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The last word of `make check`: the per-kernel table, what was skipped,
# then what failed (last, where a log cut to its tail still shows it) and
# one line "N passed, M failed[, K skipped]". Exits non-zero if anything
# failed or nothing ran.
set -euo pipefail

file=${1:?usage: summarize.sh RESULTS_FILE}
[ -s "$file" ] || { echo "no test recorded a result" >&2; echo "0 passed, 1 failed"; exit 1; }

passed=$(grep -c '^PASS ' "$file" || true)
failed=$(grep -c '^FAIL ' "$file" || true)
skipped=$(grep -c '^SKIP ' "$file" || true)

# Per kernel: the results whose name carries that kernel's version.
echo
printf '%-8s %6s %6s %7s\n' kernel passed failed skipped
for k in 5.10 6.1 6.12 7.2 debug; do
	re="^[A-Z]+ [^ ]*-${k//./\\.}(-smp[0-9]+)?(/| |$)"
	p=$(grep -E "$re" "$file" | grep -c '^PASS ' || true)
	f=$(grep -E "$re" "$file" | grep -c '^FAIL ' || true)
	s=$(grep -E "$re" "$file" | grep -c '^SKIP ' || true)
	[ $((p + f + s)) -gt 0 ] && printf '%-8s %6d %6d %7d\n' "$k" "$p" "$f" "$s"
done

if [ "$skipped" -gt 0 ]; then
	echo
	echo "Skipped:"
	grep '^SKIP ' "$file" | sed 's/^SKIP /  /'
fi
if [ "$failed" -gt 0 ]; then
	echo
	echo "Failed:"
	grep '^FAIL ' "$file" | sed 's/^FAIL /  /'
fi
echo
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
