# SPDX-License-Identifier: GPL-2.0
# Sourced by run.sh: watch against tables rewritten between two samples.
# The deltas are exact; the rates are the deltas over the measured
# interval, so they are checked against the seconds the block reports.

wdir=$tmp/watch
mkdir -p "$wdir"

watch_base() {
	rm -f "$wdir"/*
	cp "$fix/full/"* "$wdir/"
}

# The second sample: 100 more NO_SOCKET on port 9, 3 more TCP_CSUM on
# 443, 50 retransmits; listener 7001 listened again (its counters start
# from 0: 3 overflows, 3 SYN drops, 2 SYNs), a new listener on 9999 with
# 5 SYNs; everything else unchanged.
watch_step() {
	sed -e 's/^NO_SOCKET 1234567$/NO_SOCKET 1234667/' -e 's/^TCP_CSUM 12$/TCP_CSUM 15/' \
		"$fix/full/drops" > "$wdir/drops.new"
	sed -e 's/^4026531840 9 NO_SOCKET 1234000$/4026531840 9 NO_SOCKET 1234100/' \
		-e 's/^4026532001 443 TCP_CSUM 12$/4026532001 443 TCP_CSUM 15/' \
		"$fix/full/ports" > "$wdir/ports.new"
	sed -e 's/^4026531840 443 retransmits - 1200$/4026531840 443 retransmits - 1250/' \
		"$fix/full/tcp" > "$wdir/tcp.new"
	{
		sed -e 's/^4026531840 4 127.0.0.1 7001 6 5 6 0 9 1 8 8 0 14 0:6,4:8$/4026531840 4 127.0.0.1 7001 6 5 6 0 9 1 3 3 0 2 4:2/' \
			"$fix/full/listeners"
		echo "4026531840 4 0.0.0.0 9999 1 128 1 0 129 1 0 0 0 5 0:5"
	} > "$wdir/listeners.new"
	for f in drops ports tcp listeners; do
		mv "$wdir/$f.new" "$wdir/$f"
	done
}

# watch_run NAME ARGS...: two intervals of 1 s, the files changed after
# the first block; output in $tmp/watch.NAME.
watch_run() {
	local name=$1 pid n=0
	shift
	watch_base
	TCPINSIGHT_PROC=$wdir "$ctl" watch -i 1 -n 2 "$@" > "$tmp/watch.$name" 2> "$tmp/watch.$name.err" &
	pid=$!
	until [ -s "$tmp/watch.$name" ] && grep -qE '^\{"interval":1,|^no listener activity' "$tmp/watch.$name"; do
		n=$((n + 1))
		if [ "$n" -ge 500 ]; then
			kill "$pid"
			return 1
		fi
		sleep 0.02
	done
	watch_step
	wait "$pid"
}

if watch_run json --json; then
	python3 - "$tmp/watch.json" > "$tmp/pyerr" 2>&1 <<'PY' && pass watch-json || fail watch-json "$(tail -n 1 "$tmp/pyerr")"
import json, sys
from decimal import Decimal
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 2, lines
a, b = [json.loads(l, parse_float=Decimal) for l in lines]
assert list(a) == ["interval", "seconds", "drops", "ports", "tcp", "listeners"], list(a)
assert a["interval"] == 1 and b["interval"] == 2, (a, b)
assert a["drops"] == [] and a["ports"] == [] and a["tcp"] == [] and a["listeners"] == [], a
s = b["seconds"]
assert Decimal("0.9") < s < Decimal("5"), s
def rate(delta):
    return (Decimal(delta) / s).quantize(Decimal("0.1"))
def close(x, delta):
    # the block's seconds are rounded to ms; the rate uses the exact ns
    return abs(x - Decimal(delta) / s) <= Decimal("0.1") + Decimal(delta) * Decimal("0.0006") / s
assert [(x["reason"], x["delta"]) for x in b["drops"]] == [("NO_SOCKET", 100), ("TCP_CSUM", 3)], b["drops"]
assert all(close(x["per_second"], x["delta"]) for x in b["drops"]), (s, b["drops"])
assert [(x["netns"], x["port"], x["reason"], x["delta"]) for x in b["ports"]] == [(4026531840, 9, "NO_SOCKET", 100), (4026532001, 443, "TCP_CSUM", 3)], b["ports"]
assert [(x["port"], x["counter"], x["reason"], x["delta"]) for x in b["tcp"]] == [(443, "retransmits", "-", 50)], b["tcp"]
assert all(close(x["per_second"], x["delta"]) for x in b["ports"] + b["tcp"]), b
l = b["listeners"]
assert [(x["addr"], x["port"]) for x in l] == [("127.0.0.1", 7001), ("0.0.0.0", 9999)], l
assert l[0] == {"netns": 4026531840, "family": 4, "addr": "127.0.0.1", "port": 7001, "accept_cur": 6, "accept_max": 5, "syns": 2, "overflows": 3, "syn_drops": 3, "cookies": 0}, l[0]
assert l[1]["syns"] == 5 and l[1]["overflows"] == 0 and l[1]["accept_cur"] == 1, l[1]
PY
else
	fail watch-json "the first block never came: $(cat "$tmp/watch.json.err")"
fi

if watch_run text; then
	out=$tmp/watch.text
	if [ "$(grep -c '^--- interval [12]: [0-9]*\.[0-9][0-9][0-9] s$' "$out")" -eq 2 ] &&
		grep -qE '^NO_SOCKET +100 +[0-9]+\.[0-9]$' "$out" &&
		grep -qE '^TCP_CSUM +3 +[0-9]+\.[0-9]$' "$out" &&
		grep -qE '^total +103 +[0-9]+\.[0-9]$' "$out" &&
		grep -qE '^total +0 +0\.0$' "$out" &&
		grep -qE '^4026531840 +9 +NO_SOCKET +100 +[0-9]+\.[0-9]$' "$out" &&
		grep -qE '^4026531840 +443 +retransmits +- +50 +[0-9]+\.[0-9]$' "$out" &&
		grep -qE '^4026531840 +127\.0\.0\.1:7001 +6/5 +[0-9]+\.[0-9] +[0-9]+\.[0-9] +[0-9]+\.[0-9] +0\.0$' "$out" &&
		grep -qE '^4026531840 +0\.0\.0\.0:9999 +1/128 +[0-9]+\.[0-9] +0\.0 +0\.0 +0\.0$' "$out" &&
		[ "$(grep -c '^no drops per port$' "$out")" -eq 1 ] &&
		[ "$(grep -c '^no listener activity$' "$out")" -eq 1 ] &&
		! grep -q $'\033' "$out"; then
		pass watch-text
	else
		fail watch-text "$(tr '\n' '|' < "$out")"
	fi
else
	fail watch-text "the first block never came"
fi

# On a terminal it redraws the screen instead of appending blocks.
if command -v script > /dev/null; then
	watch_base
	TCPINSIGHT_PROC=$wdir script -qec "$ctl watch -i 0.1 -n 1" /dev/null > "$tmp/watch.tty" 2>&1 || true
	if grep -q $'\033\\[H\033\\[J' "$tmp/watch.tty" && grep -q 'interval 1, ' "$tmp/watch.tty"; then
		pass watch-tty
	else
		fail watch-tty "$(head -c 200 "$tmp/watch.tty" | od -c | head -n 3)"
	fi
fi

# The reader going away ends it.
watch_base
{
	rc=0
	TCPINSIGHT_PROC=$wdir timeout 20 "$ctl" watch -i 0.05 --json 2> "$tmp/err" || rc=$?
	echo "$rc" > "$tmp/rc"
} | head -n 1 > "$tmp/out"
if [ "$(cat "$tmp/rc")" -eq 0 ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] && [ ! -s "$tmp/err" ]; then
	pass watch-epipe
else
	fail watch-epipe "exit $(cat "$tmp/rc"): $(cat "$tmp/err")"
fi
# A file that turns bad between samples stops it with the file named.
watch_base
echo 'reason count extra' > "$wdir/drops.new"
echo 'NO_SOCKET 1' >> "$wdir/drops.new"
TCPINSIGHT_PROC=$wdir "$ctl" watch -i 0.3 -n 3 > "$tmp/out" 2> "$tmp/err" &
pid=$!
n=0
until grep -q '^--- interval 1' "$tmp/out" || [ "$n" -ge 500 ]; do
	n=$((n + 1))
	sleep 0.02
done
mv "$wdir/drops.new" "$wdir/drops"
rc=0
wait "$pid" || rc=$?
if [ "$rc" -eq 1 ] && grep -q "^tcpinsightctl: $wdir/drops:2: row has 2 fields, the header names 3 columns\$" "$tmp/err"; then
	pass watch-malformed
else
	fail watch-malformed "exit $rc: $(cat "$tmp/err")"
fi
usage watch-count-zero watch -n 0
usage watch-count-junk watch -n 2x
usage watch-interval-zero watch -i 0
usage watch-interval-junk watch -i x
usage watch-extra watch now
fails watch-not-loaded 3 '^tcpinsightctl: tcpinsight is not loaded' "$tmp/absent" watch -n 1
