#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tests/lib/static-stages.sh RESULTS: the checks of `make check` that boot
# no VM, one after the other, each timed as a stage of its own
# (tests/lib/timed.sh) with its log in build/logs/STAGE.log: W=1 builds on
# every supported kernel, sparse, checkpatch, the userctl tests and KUnit
# with coverage. make check runs them as one entry of its VM queue, beside
# the first VM, so that neither CPU waits for them.
set -uo pipefail
results=${1:?usage: static-stages.sh RESULTS}
top=$(cd "$(dirname "$0")/../.." && pwd)
logs=$top/build/logs
timed=$top/tests/lib/timed.sh
rc=0

"$timed" w1 "$logs/w1.log" "$top/tests/static/w1.sh" --results "$results" 5.10 6.1 6.12 7.2 || rc=1
"$timed" sparse "$logs/sparse.log" "$top/tests/static/sparse.sh" --results "$results" || rc=1
"$timed" checkpatch "$logs/checkpatch.log" "$top/tests/static/checkpatch.sh" --results "$results" || rc=1
"$timed" userctl "$logs/userctl.log" "$top/tests/userctl/run.sh" --results "$results" || rc=1
"$timed" kunit "$logs/kunit.log" "$top/tests/kunit/run.sh" --coverage --results "$results" || rc=1
exit $rc
