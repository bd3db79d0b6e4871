# SPDX-License-Identifier: GPL-2.0
# Sourced by run.sh: events -f against an events file rewritten between
# polls, the way the ring moves: new events, a wrap that loses some, the
# module going away and coming back with ids from 1. Each file is put in
# place by rename, so a poll sees either the old or the new one; the
# output is the same however many polls see each.

fdir=$tmp/follow
mkdir -p "$fdir"
cp "$fix/full/"* "$fdir/"

# ev ID SPORT: one event line of format 1.
ev() {
	echo "ts=$((1000000000000 + $1 * 1000)) cpu=0 netns=4026531840 reason=NO_SOCKET family=4 saddr=127.0.0.1 sport=$2 daddr=127.0.0.1 dport=9 state=- flags=S seq=1 ack=0 len=0 loc=tcp_v4_rcv+0x1a4 id=$1 info=-"
}

# put_events FIRST LAST [SKIP...]: the ring holds ids FIRST..LAST except SKIP.
put_events() {
	local first=$1 last=$2 i
	shift 2
	for ((i = first; i <= last; i++)); do
		[[ " $* " == *" $i "* ]] && continue
		ev "$i" $((40000 + i))
	done > "$fdir/events.new"
	mv "$fdir/events.new" "$fdir/events"
}

# wait_out FILE PATTERN: until the follower has printed PATTERN (10 s).
wait_out() {
	local n=0
	until grep -qE -- "$2" "$1" 2> /dev/null; do
		n=$((n + 1))
		[ "$n" -lt 500 ] || return 1
		sleep 0.02
	done
}

# wait_count FILE PATTERN N: until PATTERN is on N lines of FILE (10 s).
wait_count() {
	local n=0
	until [ "$(grep -cE -- "$2" "$1" 2> /dev/null)" -ge "$3" ]; do
		n=$((n + 1))
		[ "$n" -lt 500 ] || return 1
		sleep 0.02
	done
}

# follow_scenario NAME ARGS...: runs the follower through the sequence and
# leaves its output in $tmp/follow.NAME; returns non-zero with a reason.
follow_scenario() {
	local name=$1 pid
	shift
	# ids 1-3 lost before the start (the ring holds 4-8)
	put_events 4 8
	TCPINSIGHT_PROC=$fdir "$ctl" events -f -i 0.05 "$@" > "$tmp/follow.$name" 2> "$tmp/follow.$name.err" &
	pid=$!
	wait_out "$tmp/follow.$name" 'sport=40008|"id":8,|:40008 ' || { kill "$pid"; echo "never printed id 8"; return 1; }
	# new events, no wrap: 9-12
	put_events 5 12
	wait_out "$tmp/follow.$name" '"id":12,|:40012 ' || { kill "$pid"; echo "never printed id 12"; return 1; }
	# a wrap that overwrote 13-19 before they were read, and 21 missing
	# from the window (overwritten while it was read)
	put_events 20 24 21
	wait_out "$tmp/follow.$name" '"id":24,|:40024 ' || { kill "$pid"; echo "never printed id 24"; return 1; }
	# the module goes away, and comes back with ids from 1; 1 was lost
	rm "$fdir/events"
	wait_out "$tmp/follow.$name.err" 'is gone' || { kill "$pid"; echo "never noticed the file went"; return 1; }
	put_events 2 3
	wait_out "$tmp/follow.$name" '"id":3,|:40003 ' || { kill "$pid"; echo "never printed id 3 after the reload"; return 1; }
	# a reload noticed by ids alone: fewer than before, ids 1-2 again
	put_events 1 2
	wait_count "$tmp/follow.$name" 'restarted|reloaded' 2 || { kill "$pid"; echo "never noticed the second reload"; return 1; }
	wait_count "$tmp/follow.$name" '"id":2,|:40002 ' 2 || { kill "$pid"; echo "never printed id 2 again"; return 1; }
	kill -TERM "$pid"
	wait "$pid" || { echo "exit $? after SIGTERM"; return 1; }
	return 0
}

if why=$(follow_scenario json --json); then
	if diff -u "$expected/follow.json" "$tmp/follow.json" > "$tmp/diff"; then
		pass events-follow-json
	else
		cat "$tmp/diff"
		fail events-follow-json "output differs from tests/userctl/expected/follow.json"
	fi
else
	fail events-follow-json "$why: $(head -c 300 "$tmp/follow.json")"
fi
if [ "$(cat "$tmp/follow.json.err")" = "tcpinsightctl: $fdir/events is gone: waiting for tcpinsight to be loaded again" ]; then
	pass events-follow-stderr
else
	fail events-follow-stderr "$(cat "$tmp/follow.json.err")"
fi
# Worked out on its own: printed + lost is every id of each instance.
python3 - "$tmp/follow.json" > "$tmp/pyerr" 2>&1 <<'PY' && pass events-follow-accounting || fail events-follow-accounting "$(tail -n 1 "$tmp/pyerr")"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
runs, cur = [], []
for o in objs:
    if o == {"restarted": True}:
        runs.append(cur); cur = []
    else:
        cur.append(o)
runs.append(cur)
assert len(runs) == 3, len(runs)
for run, last in zip(runs, (24, 3, 2)):
    printed = [o["id"] for o in run if "id" in o]
    lost = sum(o["lost"] for o in run if "lost" in o)
    assert printed == sorted(set(printed)), printed
    assert len(printed) + lost == last, (printed, lost, last)
    expect = 0
    for o in run:
        if "lost" in o:
            assert o["after_id"] == expect and o["next_id"] == expect + o["lost"] + 1, o
            expect += o["lost"]
        else:
            assert o["id"] == expect + 1, (o["id"], expect)
            expect = o["id"]
PY

if why=$(follow_scenario text); then
	if diff -u "$expected/follow.txt" "$tmp/follow.text" > "$tmp/diff"; then
		pass events-follow-text
	else
		cat "$tmp/diff"
		fail events-follow-text "output differs from tests/userctl/expected/follow.txt"
	fi
else
	fail events-follow-text "$why: $(head -c 300 "$tmp/follow.text")"
fi

# -n N: the last N held, then new ones; the ones before are not "lost".
put_events 4 8
TCPINSIGHT_PROC=$fdir "$ctl" events -f -n 2 -i 0.05 --json > "$tmp/follow.n" 2>&1 &
pid=$!
wait_out "$tmp/follow.n" '"id":8,' || true
put_events 4 10
wait_out "$tmp/follow.n" '"id":10,' || true
kill -TERM "$pid"
wait "$pid" || true
if [ "$(grep -o '"id":[0-9]*' "$tmp/follow.n" | tr '\n' ' ')" = '"id":7 "id":8 "id":9 "id":10 ' ] &&
	! grep -q lost "$tmp/follow.n"; then
	pass events-follow-last-n
else
	fail events-follow-last-n "$(cat "$tmp/follow.n")"
fi

# -n larger than what the ring holds: all of it, and nothing "lost".
put_events 4 8
TCPINSIGHT_PROC=$fdir "$ctl" events -f -n 50 -i 0.05 --json > "$tmp/follow.n50" 2>&1 &
pid=$!
wait_out "$tmp/follow.n50" '"id":8,' || true
kill -TERM "$pid"
wait "$pid" || true
if [ "$(grep -o '"id":[0-9]*' "$tmp/follow.n50" | tr '\n' ' ')" = '"id":4 "id":5 "id":6 "id":7 "id":8 ' ] &&
	! grep -q lost "$tmp/follow.n50"; then
	pass events-follow-last-n-all
else
	fail events-follow-last-n-all "$(cat "$tmp/follow.n50")"
fi

# The reader of stdout going away ends it cleanly, even with nothing new.
put_events 1 5
start=$(date +%s)
{
	rc=0
	TCPINSIGHT_PROC=$fdir timeout 20 "$ctl" events -f -i 0.05 --json 2> "$tmp/err" || rc=$?
	echo "$rc" > "$tmp/rc"
} | head -n 2 > "$tmp/out"
rc=$(cat "$tmp/rc")
if [ "$rc" -eq 0 ] && [ "$(wc -l < "$tmp/out")" -eq 2 ] && [ ! -s "$tmp/err" ] &&
	[ $(($(date +%s) - start)) -lt 10 ]; then
	pass events-follow-epipe
else
	fail events-follow-epipe "exit $rc after $(($(date +%s) - start)) s: $(cat "$tmp/err")"
fi
# SIGINT as well as SIGTERM.
TCPINSIGHT_PROC=$fdir "$ctl" events -f -i 0.05 > "$tmp/out" 2>&1 &
pid=$!
wait_out "$tmp/out" ':40005 ' || true
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
if [ "$rc" -eq 0 ]; then
	pass events-follow-sigint
else
	fail events-follow-sigint "exit $rc"
fi
# A malformed line while following is an error, named.
{ ev 6 40006; echo "ts=1 broken"; } > "$fdir/events"
fails events-follow-malformed 1 "^tcpinsightctl: $fdir/events:2: 'broken' is not key=value\$" \
	"$fdir" events -f -i 0.05
{ ev 6 40006; ev 5 40005; } > "$fdir/events"
fails events-follow-out-of-order 1 "^tcpinsightctl: $fdir/events:2: id 5 does not follow id 6\$" \
	"$fdir" events -f --json
usage follow-interval-zero events -f -i 0
usage follow-interval-junk events -f -i 1s
usage follow-interval-too-long events -f -i 86401
usage follow-interval-ten-decimals events -f -i 0.0000000001
usage interval-without-follow events -i 1
