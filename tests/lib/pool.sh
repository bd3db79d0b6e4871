#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tests/lib/pool.sh JOBS LOGDIR: run the commands on standard input, one a
# line as "NAME COMMAND...", JOBS at a time, each as soon as a slot frees.
# Given longest first, the slots finish close together. Each command's
# output goes to LOGDIR/NAME.log; when it ends, one line with its exit
# status and time, and the last lines of its log, and its line in the
# timing table (tests/lib/times.sh).
set -euo pipefail
[ $# -eq 2 ] && [[ $1 =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 JOBS LOGDIR < commands" >&2; exit 2; }
mkdir -p "$2"
lib=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2016
xargs -d '\n' -P "$1" -I{} bash -c '
	. "$1/times.sh"
	logdir=$2 name=${3%% *} cmd=${3#* }
	start=$(date +%s)
	rc=0
	bash -c "$cmd" > "$logdir/$name.log" 2>&1 || rc=$?
	secs=$(($(date +%s) - start))
	times_add "$name" "$start" "$secs" - "$rc" "$logdir/$name.log"
	{
		echo "== $name: exit $rc after ${secs}s (log: $logdir/$name.log)"
		tail -n 4 "$logdir/$name.log"
	}
' pool "$lib" "$2" {}
