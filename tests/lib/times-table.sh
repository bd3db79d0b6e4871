#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tests/lib/times-table.sh FILE: the timing table of `make check`, from the
# lines its stages added to FILE (tests/lib/times.sh) after its first line,
# "started EPOCH". One row per stage, in the order they began: when it
# began and ended (minutes:seconds into make check), how long it took,
# whether the cache had what it makes, and for one that failed, its log.
# A step taken several times (the 6.1 kernel, fetched by each run that
# boots it) is one row: the start and end of its longest time, which is
# when it did the work, the sum of its times, a miss if any time missed.
# Then how long make check took and when its first VM began to boot: what
# everything before that costs.
set -euo pipefail

file=${1:?usage: times-table.sh FILE}
top=$(cd "$(dirname "$0")/../.." && pwd)

awk -v now="$(date +%s)" -v top="$top/" '
function mmss(s) {
	if (s < 0)
		s = 0
	return sprintf("%d:%02d", int(s / 60), s % 60)
}
function rel(p) {
	return index(p, top) == 1 ? substr(p, length(top) + 1) : p
}
$1 == "started" && NF == 2 {
	origin = $2
	next
}
NF >= 6 && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ {
	n = $1
	log_ = $6
	for (i = 7; i <= NF; i++)
		log_ = log_ " " $i
	if (!(n in start)) {
		order[++rows] = n
		longest[n] = -1
		cache[n] = "-"
		rc[n] = 0
		where[n] = log_
	}
	if ($3 > longest[n]) {
		longest[n] = $3
		start[n] = $2
	}
	wall[n] += $3
	if ($4 == "miss" || ($4 == "hit" && cache[n] == "-"))
		cache[n] = $4
	if ($5 != 0 && rc[n] == 0) {
		rc[n] = $5
		where[n] = log_
	}
	if (first == "" || $2 < first)
		first = $2
	if (n ~ /\/qemu$/ && (boot == "" || $2 < boot)) {
		boot = $2
		booted = n
	}
}
END {
	if (origin == "")
		origin = first == "" ? now : first
	print ""
	print "Time per stage (start and end: minutes:seconds into make check; cache hit: found in the cache)"
	printf "%-22s %7s %7s %7s  %-5s  %s\n", "stage", "start", "end", "wall", "cache", "result"
	fflush()
	sorter = "sort -s -k1,1n -k2,2n -k3,3nr | cut -f4-"
	for (i = 1; i <= rows; i++) {
		n = order[i]
		result = "ok"
		if (rc[n] != 0)
			result = "exit " rc[n] (where[n] == "-" ? "" : " (log: " rel(where[n]) ")")
		# Started in the same second: what took no time was over before
		# the rest began; of the others the longer first, a stage before
		# its steps.
		printf "%d\t%d\t%d\t%-22s %7s %7s %7s  %-5s  %s\n", start[n], (longest[n] > 0), longest[n], n,
			mmss(start[n] - origin), mmss(start[n] + longest[n] - origin),
			mmss(wall[n]), cache[n], result | sorter
	}
	close(sorter)
	line = "make check took " mmss(now - origin)
	if (boot != "")
		line = line "; the first VM (" substr(booted, 1, length(booted) - 5) ") began to boot at " mmss(boot - origin)
	else
		line = line "; no VM booted"
	print line
}' "$file"
