#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tests/lib/timed.sh [-q] NAME LOG COMMAND [ARGS...]: one stage of `make
# check`. Runs COMMAND with its output in LOG, and on stdout too unless
# -q; then one line with its exit status, time and log, as
# tests/lib/pool.sh gives for a VM run, and its line in the timing table
# (tests/lib/times.sh). Exits with COMMAND's status.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=times.sh
. "$(dirname "$0")/times.sh"

quiet=0
if [ "${1:-}" = -q ]; then
	quiet=1
	shift
fi
[ $# -ge 3 ] || { echo "usage: $0 [-q] NAME LOG COMMAND [ARGS...]" >&2; exit 2; }
name=$1 log=$2
shift 2
mkdir -p "$(dirname "$log")"

TCPI_STAGE_CACHE=$(mktemp /tmp/tcpi-stage.XXXXXX)
export TCPI_STAGE_CACHE
trap 'rm -f "$TCPI_STAGE_CACHE"' EXIT

start=$(date +%s)
set +e
if [ $quiet = 1 ]; then
	"$@" > "$log" 2>&1
	rc=$?
else
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
fi
set -e
secs=$(($(date +%s) - start))
cache=$(cat "$TCPI_STAGE_CACHE")
times_add "$name" "$start" "$secs" "${cache:--}" "$rc" "$log"
echo "== $name: exit $rc after ${secs}s (log: $log)"
exit "$rc"
