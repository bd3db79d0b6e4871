#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tests/lib/pool.sh JOBS LOGDIR: run the commands on standard input, one a
# line as "NAME COMMAND...", JOBS at a time, each as soon as a slot frees.
# Given longest first, the slots finish close together. Each command's
# output goes to LOGDIR/NAME.log; when it ends, one line with its exit
# status and time, and the last lines of its log.
set -euo pipefail
[ $# -eq 2 ] && [[ $1 =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 JOBS LOGDIR < commands" >&2; exit 2; }
mkdir -p "$2"
# shellcheck disable=SC2016
xargs -d '\n' -P "$1" -I{} bash -c '
	logdir=$1 name=${2%% *} cmd=${2#* }
	start=$(date +%s)
	rc=0
	bash -c "$cmd" > "$logdir/$name.log" 2>&1 || rc=$?
	{
		echo "== $name: exit $rc after $(($(date +%s) - start))s (log: $logdir/$name.log)"
		tail -n 4 "$logdir/$name.log"
	}
' pool "$2" {}
