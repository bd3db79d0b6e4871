#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tcpinsightctl against fixture directories (TCPINSIGHT_PROC): the output
# people see, the JSON programs parse, and every way a file or a command
# line can be wrong. Each fixture under fixtures/ is a /proc/tcpinsight as
# the module would show it; expected/ holds the exact human output.
# Fixtures without a listeners file stand for a module that predates it:
# status, drops and events never read it.
#
# Usage: tests/userctl/run.sh [--results FILE]
# Ends with "N passed, M failed"; exits non-zero if anything failed.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/results.sh
. "$(dirname "$0")/../lib/results.sh"
results_parse_args "$@"

here=$TCPI_TOP/tests/userctl
fix=$here/fixtures
expected=$here/expected
ctl=$TCPI_TOP/userctl/tcpinsightctl
passed=0
failed=0

tmp=$(mktemp -d /tmp/tcpi-userctl.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

pass() {
	result PASS "userctl/$1"
	passed=$((passed + 1))
}

fail() {
	local name=$1
	shift
	result FAIL "userctl/$name" "$*"
	failed=$((failed + 1))
}

# What a fresh Debian 12 machine lacks to build and judge the tool.
ensure_tools() {
	local missing=()
	command -v make > /dev/null || missing+=(make)
	command -v gcc > /dev/null || missing+=(gcc)
	command -v python3 > /dev/null || missing+=(python3)
	command -v readelf > /dev/null || missing+=(binutils)
	command -v promtool > /dev/null || missing+=(prometheus)
	command -v groff > /dev/null || missing+=(groff-base)
	command -v man > /dev/null || missing+=(man-db)
	[ -f /usr/include/stdio.h ] || missing+=(libc6-dev)
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "missing ${missing[*]}: install them, or run as root" >&2
		return 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}"
}

# run DIR ARGS...: the tool on fixture DIR; sets rc, leaves out and err.
run() {
	local dir=$1
	shift
	rc=0
	TCPINSIGHT_PROC=$dir "$ctl" "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
}

# Why the last run was not a clean success, or nothing.
not_ok() {
	if [ "$rc" -ne 0 ]; then
		echo "exit $rc, stderr: $(head -c 300 "$tmp/err")"
	elif [ -s "$tmp/err" ]; then
		echo "exit 0 but stderr: $(head -c 300 "$tmp/err")"
	fi
}

# golden NAME EXPECTED DIR ARGS...: exact stdout, exit 0, quiet stderr.
golden() {
	local name=$1 want=$2 dir=$3 why
	shift 3
	run "$dir" "$@"
	why=$(not_ok)
	if [ -n "$why" ]; then
		fail "$name" "$why"
	elif ! diff -u "$want" "$tmp/out" > "$tmp/diff"; then
		cat "$tmp/diff"
		fail "$name" "output differs from ${want#"$TCPI_TOP"/}"
	else
		pass "$name"
	fi
}

# pycheck NAME CODE DIR ARGS...: exit 0, stdout is one valid JSON
# document, and CODE (python, with the document in `d`) finds it right;
# CODE fails by raising, e.g. with assert.
pycheck() {
	local name=$1 code=$2 dir=$3 why
	shift 3
	run "$dir" "$@"
	why=$(not_ok)
	if [ -n "$why" ]; then
		fail "$name" "$why"
		return
	fi
	if ! python3 -m json.tool "$tmp/out" > /dev/null 2> "$tmp/pyerr"; then
		fail "$name" "not valid JSON: $(tail -n 1 "$tmp/pyerr")"
		return
	fi
	if ! python3 - "$tmp/out" > "$tmp/pyerr" 2>&1 <<-EOF
		import json, sys
		with open(sys.argv[1], 'rb') as f:
		    d = json.loads(f.read().decode('utf-8'))
		$code
	EOF
	then
		fail "$name" "$(tail -n 1 "$tmp/pyerr")"
		return
	fi
	pass "$name"
}

# fails NAME RC PATTERN DIR ARGS...: exits RC, prints nothing on stdout,
# and one line on stderr matching the extended regex PATTERN.
fails() {
	local name=$1 want=$2 pattern=$3 dir=$4 lines
	shift 4
	run "$dir" "$@"
	lines=$(wc -l < "$tmp/err")
	if [ "$rc" -ne "$want" ]; then
		fail "$name" "exit $rc, expected $want; stderr: $(head -c 300 "$tmp/err")"
	elif [ -s "$tmp/out" ]; then
		fail "$name" "stdout is not empty: $(head -c 200 "$tmp/out")"
	elif ! grep -qE -- "$pattern" "$tmp/err"; then
		fail "$name" "stderr does not match /$pattern/: $(head -c 300 "$tmp/err")"
	elif [ "$want" -ne 2 ] && [ "$lines" -ne 1 ]; then
		fail "$name" "$lines lines on stderr, expected 1"
	else
		pass "$name"
	fi
}

# usage NAME ARGS...: a usage error, exit 2, against a valid directory.
usage() {
	local name=$1
	shift
	fails "$name" 2 '^tcpinsightctl: ' "$fix/normal" "$@"
}

# --- build ---------------------------------------------------------------

if ! ensure_tools; then
	fail build "the tools to build and test are missing"
	echo "$passed passed, $failed failed"
	exit 1
fi

if ! make -C "$TCPI_TOP/userctl" > "$tmp/build.log" 2>&1; then
	cat "$tmp/build.log"
	fail build "make -C userctl failed"
	echo "$passed passed, $failed failed"
	exit 1
elif grep -q 'warning:' "$tmp/build.log"; then
	grep 'warning:' "$tmp/build.log"
	fail build "compiler warnings"
else
	pass build
fi

# In a copy, so the static binary never replaces the one being tested.
static_dir=$tmp/static
mkdir -p "$static_dir"
cp "$TCPI_TOP"/userctl/*.[ch] "$TCPI_TOP/userctl/Makefile" "$static_dir/"
if ! make -C "$static_dir" STATIC=1 > "$tmp/static.log" 2>&1; then
	cat "$tmp/static.log"
	fail build-static "make STATIC=1 failed"
elif readelf -lW "$static_dir/tcpinsightctl" | grep -q INTERP ||
	readelf -dW "$static_dir/tcpinsightctl" | grep -q NEEDED; then
	fail build-static "the binary is dynamically linked"
elif ! TCPINSIGHT_PROC=$fix/normal "$static_dir/tcpinsightctl" drops \
	| cmp -s - "$expected/normal.drops.txt"; then
	fail build-static "the static binary's drops output differs"
else
	pass build-static
fi

make -C "$static_dir" clean > /dev/null 2>&1 || true
leftover=$(find "$static_dir" -mindepth 1 ! -name '*.[ch]' ! -name Makefile -printf '%f\n')
if [ -n "$leftover" ]; then
	fail make-clean "left behind: $(echo "$leftover" | tr '\n' ' ')"
else
	pass make-clean
fi

# --- what people see -----------------------------------------------------

golden status-text "$expected/normal.status.txt" "$fix/normal" status
golden drops-text "$expected/normal.drops.txt" "$fix/normal" drops
golden events-text "$expected/normal.events.txt" "$fix/normal" events
golden events-n2-text "$expected/normal.events-n2.txt" "$fix/normal" events -n 2
golden events-n2-attached "$expected/normal.events-n2.txt" "$fix/normal" events -n2
golden events-n-larger "$expected/normal.events.txt" "$fix/normal" events -n 1000000
golden drops-empty "$expected/empty.drops.txt" "$fix/empty" drops
golden events-empty "$expected/empty.events.txt" "$fix/empty" events
golden drops-64bit "$expected/bignum.drops.txt" "$fix/bignum" drops
golden drops-json-exact "$expected/normal.drops.json" "$fix/normal" drops --json
golden listeners-text "$expected/normal.listeners.txt" "$fix/normal" listeners
golden listeners-empty "$expected/empty.listeners.txt" "$fix/empty" listeners
golden listeners-64bit "$expected/bignum.listeners.txt" "$fix/bignum" listeners
golden listeners-json-exact "$expected/normal.listeners.json" "$fix/normal" listeners --json

# Columns found by name: appended columns and another order change nothing.
golden extra-columns-drops "$expected/normal.drops.txt" "$fix/extra-columns" drops
golden extra-columns-events "$expected/normal.events.txt" "$fix/extra-columns" events
golden extra-columns-status "$expected/extra-columns.status.txt" "$fix/extra-columns" status
golden reordered-drops "$expected/normal.drops.txt" "$fix/reordered" drops
golden reordered-status "$expected/normal.status.txt" "$fix/reordered" status
golden reordered-events "$expected/normal.events.txt" "$fix/reordered" events
golden extra-columns-listeners "$expected/normal.listeners.txt" "$fix/extra-columns" listeners
golden extra-columns-listeners-json "$expected/normal.listeners.json" "$fix/extra-columns" listeners --json
golden reordered-listeners "$expected/normal.listeners.txt" "$fix/reordered" listeners
golden reordered-listeners-json "$expected/normal.listeners.json" "$fix/reordered" listeners --json

# Sorting and grouping, stated on their own so a failure says which.
run "$fix/normal" drops
order=$(awk 'NR > 1 { print $1 }' "$tmp/out" | tr '\n' ' ')
if [ "$order" = "NO_SOCKET TCP_INVALID_SEQUENCE TCP_CSUM TCP_OLD_SEQUENCE OTHER total " ]; then
	pass drops-sorted
else
	fail drops-sorted "order is: $order"
fi
if grep -qE '^NO_SOCKET +1,234,567$' "$tmp/out" &&
	grep -qE '^total +1,234,618$' "$tmp/out" &&
	grep -qE '^TCP_CSUM +12$' "$tmp/out"; then
	pass drops-grouping
else
	fail drops-grouping "$(tr '\n' '|' < "$tmp/out")"
fi
run "$fix/normal" status
if grep -qE '^kfree_skb +on +98,765,432 +0 +tracepoint$' "$tmp/out" &&
	grep -qE '^drops_total +1,234,618$' "$tmp/out" &&
	grep -qE '^format +1$' "$tmp/out"; then
	pass status-grouping
else
	fail status-grouping "$(tr '\n' '|' < "$tmp/out")"
fi
run "$fix/normal" events
if grep -qF '[2001:db8::2]:22 > [fe80::1]:60000' "$tmp/out" &&
	grep -qF '[::1]:50000 > [::1]:80' "$tmp/out" &&
	grep -qF '127.0.0.1:41234 > 127.0.0.1:9 ' "$tmp/out"; then
	pass events-endpoints
else
	fail events-endpoints "$(tr '\n' '|' < "$tmp/out")"
fi

run "$fix/normal" listeners
order=$(awk 'NR > 1 { print $2 }' "$tmp/out" | tr '\n' ' ')
if [ "$order" = "[2001:db8::1]:8080 127.0.0.1:7001 0.0.0.0:3306 0.0.0.0:80 [::]:9090 [::]:22 0.0.0.0:25 10.0.0.1:443 " ]; then
	pass listeners-sorted
else
	fail listeners-sorted "order is: $order"
fi
# grouped counts, ungrouped netns and port, FULL% rounded up, - for limit 0
if grep -qE '^4026531840 +0\.0\.0\.0:80 +12/4,096 +1 +310 +2/4,097 +57 +0 +0 +0 +1,234,567$' "$tmp/out" &&
	grep -qE '^4026531840 +127\.0\.0\.1:7001 +6/5 +120 +6 +0/9 +1 +8 +8 +0 +14$' "$tmp/out" &&
	grep -qE '^4026532001 +0\.0\.0\.0:3306 +100/128 +79 ' "$tmp/out" &&
	grep -qE '^4026531840 +\[::\]:9090 +0/0 +- +0 ' "$tmp/out" &&
	grep -qE '^4026532001 +10\.0\.0\.1:443 +0/511 +0 +3 +0/0 +40 +0 +0 +52,000 +52,010$' "$tmp/out"; then
	pass listeners-cells
else
	fail listeners-cells "$(tr '\n' '|' < "$tmp/out")"
fi

# --- what programs parse -------------------------------------------------

pycheck drops-json '
assert set(d) == {"drops", "total"}, d.keys()
assert [r["reason"] for r in d["drops"]] == ["NO_SOCKET", "TCP_INVALID_SEQUENCE", "TCP_CSUM", "TCP_OLD_SEQUENCE", "OTHER"], d["drops"]
assert d["drops"][0] == {"reason": "NO_SOCKET", "count": 1234567}, d["drops"][0]
assert d["total"] == 1234618, d["total"]
assert all(type(r["count"]) is int for r in d["drops"])
' "$fix/normal" drops --json

pycheck drops-json-64bit '
assert d["drops"][0] == {"reason": "ALMOST_ALL", "count": 2**64 - 1}, d
assert d["total"] == 2**64 - 1, d["total"]
' "$fix/bignum" drops --json

pycheck drops-json-empty '
assert d == {"drops": [], "total": 0}, d
' "$fix/empty" drops --json

pycheck status-json '
s = d["summary"]
assert list(s) == ["version", "format", "kernel", "drops_total", "events_logged", "events_lost", "events_size", "ports_used", "ports_max", "ports_overflow", "listeners", "listeners_max", "listeners_overflow", "listen_unclassified", "counters_used", "counters_overflow", "events_on", "events_rate", "filter_ports", "filter_netns", "filtered"], list(s)
assert s["events_on"] == 1 and s["events_rate"] == 1000 and s["filtered"] == 12345, s
assert s["filter_ports"] == "80,443" and s["filter_netns"] == "4026531840", s
assert s["listeners"] == 3 and s["listeners_max"] == 1024 and s["listen_unclassified"] == 0, s
assert s["version"] == "0.1.0" and s["kernel"] == "6.1.0-56-amd64", s
assert s["format"] == 1 and s["drops_total"] == 1234618 and s["ports_max"] == 4096, s
p = d["probes"]
assert [x["name"] for x in p] == ["kfree_skb", "tcp_v4_send_reset", "tcp_v6_send_reset"], p
assert p[1] == {"name": "tcp_v4_send_reset", "state": "on", "hits": 1234, "missed": 17, "type": "kprobe"}, p[1]
assert p[2]["state"] == "unavailable", p[2]
' "$fix/normal" status --json

pycheck status-json-extra '
assert d["summary"]["future_gauge"] == "31337", d["summary"]
assert d["probes"][0] == {"name": "kfree_skb", "state": "on", "hits": 98765432, "missed": 0, "type": "tracepoint"}, d["probes"][0]
' "$fix/extra-columns" status --json

pycheck status-json-reordered '
assert d["probes"][1] == {"name": "tcp_v4_send_reset", "state": "on", "hits": 1234, "missed": 17, "type": "kprobe"}, d["probes"][1]
' "$fix/reordered" status --json

pycheck events-json '
assert type(d) is list and len(d) == 5, d
e = d[3]
assert list(e) == ["ts", "cpu", "netns", "reason", "family", "saddr", "sport", "daddr", "dport", "state", "flags", "seq", "ack", "len", "loc", "id"], list(e)
for k in ("ts", "cpu", "netns", "family", "sport", "dport", "seq", "ack", "len", "id"):
    assert type(e[k]) is int, (k, e[k])
for k in ("reason", "saddr", "daddr", "state", "flags", "loc"):
    assert type(e[k]) is str, (k, e[k])
assert e["ts"] == 1002500000001 and e["saddr"] == "2001:db8::2" and e["len"] == 12345, e
assert e["flags"] == "F." and e["loc"] == "tcp_validate_incoming+0x3c", e
assert d[1]["seq"] == 4294967295 and d[1]["state"] == "-", d[1]
assert [x["id"] for x in d] == [1021, 1022, 1023, 1024, 1025], d
' "$fix/normal" events --json

pycheck events-json-n2 '
assert [x["id"] for x in d] == [1024, 1025], d
' "$fix/normal" events -n 2 --json

pycheck events-json-n1-after '
assert [x["id"] for x in d] == [1025], d
' "$fix/normal" events --json -n 1

pycheck events-json-extra-keys '
assert len(d) == 5, d
assert d[0]["future"] == "x1" and d[0]["zone"] == "eu-west", d[0]
assert list(d[0])[-2:] == ["future", "zone"], list(d[0])
assert d[0]["id"] == 1021 and d[0]["dport"] == 9, d[0]
' "$fix/extra-columns" events --json

pycheck events-json-reordered '
assert d[0]["ts"] == 1000123456789 and d[0]["daddr"] == "127.0.0.1" and d[0]["dport"] == 9, d[0]
' "$fix/reordered" events --json

pycheck events-json-empty '
assert d == [], d
' "$fix/empty" events --json

pycheck events-json-escaping '
loc = d[0]["loc"]
assert loc == "q\"u\\\\o\x01te/x\u00e9\ufffd\x7f", repr(loc)
' "$fix/escaping" events --json

# What listeners --json must be, worked out from the file on its own:
# every column by name, FULL% rounded up (capped at 2^64-1, null for a
# limit of 0), sorted by overflows + syn_drops, then exact accept-queue
# fill (limit 0 with connections waiting above all), netns, port, family,
# address.
listeners_ref='
import ipaddress
from fractions import Fraction
def ref(path):
    lines = [l.split() for l in open(path).read().splitlines() if l.strip()]
    out = []
    for row in lines[1:]:
        r = dict(zip(lines[0], row))
        o = {}
        for k in ("netns", "family", "addr", "port", "accept_cur", "accept_max", "accept_peak", "syn_cur", "syn_max", "syn_peak", "overflows", "syn_drops", "cookies", "syns", "accept_hist"):
            if k == "addr":
                o[k] = r[k]
            elif k == "accept_hist":
                o[k] = [] if r[k] == "-" else [{"low": int(a), "count": int(b)} for a, b in (p.split(":") for p in r[k].split(","))]
            else:
                o[k] = int(r[k])
        cur, lim = o["accept_cur"], o["accept_max"]
        o["accept_full_pct"] = min(-(-100 * cur // lim), 2**64 - 1) if lim else None
        out.append(o)
    def key(o):
        cur, lim = o["accept_cur"], o["accept_max"]
        fill = (0, Fraction(cur, lim)) if lim else (1 if cur else 0, Fraction(0))
        return (-(o["overflows"] + o["syn_drops"]), (-fill[0], -fill[1]), o["netns"], o["port"], o["family"], ipaddress.ip_address(o["addr"]).packed)
    return sorted(out, key=key)
'

pycheck listeners-json "$listeners_ref"'
assert list(d) == ["listeners"], list(d)
l = d["listeners"]
assert list(l[0]) == ["netns", "family", "addr", "port", "accept_cur", "accept_max", "accept_peak", "syn_cur", "syn_max", "syn_peak", "overflows", "syn_drops", "cookies", "syns", "accept_hist", "accept_full_pct"], list(l[0])
for x in l:
    for k, v in x.items():
        if k == "addr":
            assert type(v) is str, (k, v)
        elif k == "accept_hist":
            assert all(list(b) == ["low", "count"] and type(b["low"]) is int and type(b["count"]) is int for b in v), v
        elif k == "accept_full_pct" and x["accept_max"] == 0:
            assert v is None, x
        else:
            assert type(v) is int, (k, v)
assert [(x["addr"], x["port"]) for x in l] == [("2001:db8::1", 8080), ("127.0.0.1", 7001), ("0.0.0.0", 3306), ("0.0.0.0", 80), ("::", 9090), ("::", 22), ("0.0.0.0", 25), ("10.0.0.1", 443)], l
assert l[1]["accept_full_pct"] == 120 and l[1]["overflows"] == 8, l[1]
assert l[1]["accept_hist"] == [{"low": 0, "count": 6}, {"low": 4, "count": 8}], l[1]
assert l[3]["accept_hist"][-1] == {"low": 32, "count": 2} and l[3]["syns"] == 1234567, l[3]
assert l[4]["accept_hist"] == [] and l[4]["accept_full_pct"] is None, l[4]
assert d == {"listeners": ref("'"$fix/normal/listeners"'")}, d
' "$fix/normal" listeners --json

pycheck listeners-json-extra "$listeners_ref"'
assert d == {"listeners": ref("'"$fix/normal/listeners"'")}, d
assert all("owner_uid" not in x and "syn_hist" not in x for x in d["listeners"]), d
' "$fix/extra-columns" listeners --json

pycheck listeners-json-reordered "$listeners_ref"'
assert d == {"listeners": ref("'"$fix/normal/listeners"'")}, d
' "$fix/reordered" listeners --json

pycheck listeners-json-64bit "$listeners_ref"'
l = d["listeners"]
assert l[0]["netns"] == 2**64 - 1 and l[0]["accept_full_pct"] == 2**64 - 1, l[0]
assert l[0]["accept_hist"][1] == {"low": 2**63, "count": 2**64 - 1}, l[0]
assert l[1]["accept_full_pct"] == 100 and l[1]["overflows"] == 2**64 - 1, l[1]
assert l[2]["accept_full_pct"] is None, l[2]
assert d == {"listeners": ref("'"$fix/bignum/listeners"'")}, d
' "$fix/bignum" listeners --json

pycheck listeners-json-empty '
assert d == {"listeners": []}, d
' "$fix/empty" listeners --json

# Every tie-break of the order, including sums past 64 bits and a limit
# of 0. Fills are compared exactly: 2/3 and 133/200 are both 67%, and the
# two near 1/2 differ only past double precision; in each pair the fuller
# has the higher port, so a rounded comparison would get them backwards.
sorting=$tmp/sorting
mkdir -p "$sorting"
# row NETNS FAMILY ADDR PORT ACCEPT_CUR ACCEPT_MAX OVERFLOWS SYN_DROPS
row() {
	echo "$1 $2 $3 $4 $5 $6 0 0 0 0 $7 $8 0 0 -"
}
{
	sed -n 1p "$fix/normal/listeners"
	row 3 6 :: 80 0 10 0 0
	row 1 4 10.0.0.5 5 2 3 0 0
	row 2 4 10.0.0.7 7 9223372036854775807 18446744073709551613 0 0
	row 3 4 0.0.0.0 22 0 10 0 0
	row 1 4 10.0.0.1 1 0 10 0 1
	row 1 4 10.0.0.3 3 5 1 0 0
	row 9 4 10.0.0.9 9 0 10 18446744073709551615 0
	row 2 4 10.0.0.6 6 9223372036854775808 18446744073709551615 0 0
	row 3 4 0.0.0.0 80 0 10 0 0
	row 1 4 10.0.0.2 2 1 0 0 0
	row 2 4 0.0.0.0 99 0 0 0 0
	row 8 4 10.0.0.8 8 0 10 18446744073709551615 1
	row 1 4 10.0.0.4 4 133 200 0 0
} > "$sorting/listeners"
pycheck listeners-sort-ties "$listeners_ref"'
got = [(x["netns"], x["addr"], x["port"]) for x in d["listeners"]]
want = [(8, "10.0.0.8", 8), (9, "10.0.0.9", 9), (1, "10.0.0.1", 1), (1, "10.0.0.2", 2), (1, "10.0.0.3", 3), (1, "10.0.0.5", 5), (1, "10.0.0.4", 4), (2, "10.0.0.7", 7), (2, "10.0.0.6", 6), (2, "0.0.0.0", 99), (3, "0.0.0.0", 22), (3, "0.0.0.0", 80), (3, "::", 80)]
assert got == want, got
assert d == {"listeners": ref("'"$sorting/listeners"'")}, d
' "$sorting" listeners --json

# --- long lines: 100 KiB, beyond any fixed buffer ------------------------

long=$tmp/long
mkdir -p "$long"
big=$(head -c 102400 /dev/zero | tr '\0' 'a')
{
	echo "reason count"
	echo "R$big 7"
	echo "NO_SOCKET 9"
} > "$long/drops"
sed -n 1p "$fix/normal/events" | sed "s/ loc=[^ ]* / loc=$big /" > "$long/events"
pycheck long-line-drops '
assert len(d["drops"]) == 2 and d["drops"][1]["reason"] == "R" + "a" * 102400, len(d["drops"])
assert d["total"] == 16, d["total"]
' "$long" drops --json
pycheck long-line-events '
assert d[0]["loc"] == "a" * 102400 and d[0]["id"] == 1021, len(d[0]["loc"])
' "$long" events --json
{
	echo "reason count"
	echo "NO_SOCKET 3"
	echo "TRUNCATED $big"
} > "$long/drops"
fails long-line-bad-number 1 "^tcpinsightctl: $long/drops:3: column 'count': 'a{50}" \
	"$long" drops

# --- malformed files: exit 1, naming file and line -----------------------

fails drops-short-row 1 "^tcpinsightctl: $fix/bad-drops-short/drops:3: row has 1 field, the header names 2 columns\$" \
	"$fix/bad-drops-short" drops
fails drops-short-row-json 1 "^tcpinsightctl: $fix/bad-drops-short/drops:3: " \
	"$fix/bad-drops-short" drops --json
fails drops-long-row 1 "^tcpinsightctl: $fix/bad-drops-long/drops:4: row has 3 fields" \
	"$fix/bad-drops-long" drops
fails drops-bad-number 1 "^tcpinsightctl: $fix/bad-drops-number/drops:4: column 'count': '12x' is not" \
	"$fix/bad-drops-number" drops
fails drops-missing-column 1 "^tcpinsightctl: $fix/bad-drops-column/drops:1: no column 'count' in the header\$" \
	"$fix/bad-drops-column" drops
fails drops-duplicate 1 "^tcpinsightctl: $fix/bad-drops-dup/drops:4: reason 'NO_SOCKET' appears twice\$" \
	"$fix/bad-drops-dup" drops
fails drops-empty-file 1 "^tcpinsightctl: $fix/bad-drops-empty/drops: empty file" \
	"$fix/bad-drops-empty" drops
fails drops-total-overflow 1 "^tcpinsightctl: $fix/bad-drops-overflow/drops:3: .*64 bits" \
	"$fix/bad-drops-overflow" drops --json
fails probes-short-row 1 "^tcpinsightctl: $fix/bad-probes-short/probes:3: row has 4 fields, the header names 5 columns\$" \
	"$fix/bad-probes-short" status
fails summary-bad-number 1 "^tcpinsightctl: $fix/bad-summary-number/summary:4: drops_total: 'many' is not" \
	"$fix/bad-summary-number" status --json
fails summary-missing-key 1 "^tcpinsightctl: $fix/bad-summary-key/summary: no 'ports_max' line\$" \
	"$fix/bad-summary-key" status
fails summary-no-value 1 "^tcpinsightctl: $fix/bad-summary-novalue/summary:3: key 'kernel' has no value\$" \
	"$fix/bad-summary-novalue" status
fails events-not-kv 1 "^tcpinsightctl: $fix/bad-events-nokv/events:2: 'state' is not key=value\$" \
	"$fix/bad-events-nokv" events
fails events-not-kv-n1 1 "^tcpinsightctl: $fix/bad-events-nokv/events:2: " \
	"$fix/bad-events-nokv" events -n 1 --json
fails events-missing-key 1 "^tcpinsightctl: $fix/bad-events-key/events:3: no key 'dport'\$" \
	"$fix/bad-events-key" events --json
fails events-bad-number 1 "^tcpinsightctl: $fix/bad-events-number/events:4: sport: 'ssh' is not" \
	"$fix/bad-events-number" events --json
fails events-duplicate-key 1 "^tcpinsightctl: $fix/bad-events-dupkey/events:1: key 'cpu' appears twice\$" \
	"$fix/bad-events-dupkey" events
fails listeners-missing-column 1 "^tcpinsightctl: $fix/bad-listeners-column/listeners:1: no column 'syn_drops' in the header\$" \
	"$fix/bad-listeners-column" listeners
fails listeners-bad-number 1 "^tcpinsightctl: $fix/bad-listeners-number/listeners:4: column 'syn_drops': '-1' is not an unsigned decimal integer\$" \
	"$fix/bad-listeners-number" listeners --json
fails listeners-short-row 1 "^tcpinsightctl: $fix/bad-listeners-short/listeners:3: row has 14 fields, the header names 15 columns\$" \
	"$fix/bad-listeners-short" listeners
fails listeners-duplicate 1 "^tcpinsightctl: $fix/bad-listeners-dup/listeners:5: listener \[0::0\]:22 in netns 4026532001 appears twice \(also line 3\)\$" \
	"$fix/bad-listeners-dup" listeners
fails listeners-bad-hist 1 "^tcpinsightctl: $fix/bad-listeners-hist/listeners:3: column 'accept_hist': '0:3,3:1' is not a histogram: bucket 3 is not 0 or a power of two\$" \
	"$fix/bad-listeners-hist" listeners
fails listeners-bad-family 1 "^tcpinsightctl: $fix/bad-listeners-family/listeners:3: column 'family': '10' is neither 4 nor 6\$" \
	"$fix/bad-listeners-family" listeners --json
fails listeners-bad-addr 1 "^tcpinsightctl: $fix/bad-listeners-addr/listeners:2: column 'addr': '::1' is not an IPv4 address\$" \
	"$fix/bad-listeners-addr" listeners
fails listeners-bad-port 1 "^tcpinsightctl: $fix/bad-listeners-port/listeners:3: column 'port': '65536' is not a port number\$" \
	"$fix/bad-listeners-port" listeners
fails listeners-missing-file 1 "^tcpinsightctl: $fix/no-files/listeners: cannot open: No such file or directory\$" \
	"$fix/no-files" listeners

# Every way an accept_hist token can be wrong, each on line 3.
badhist=$tmp/badhist
mkdir -p "$badhist"
check_hist() {
	local name=$1 token=$2 why=$3
	{
		sed -n 1,2p "$fix/normal/listeners"
		echo "1 4 10.0.0.1 80 0 10 0 0 11 0 0 0 0 5 $token"
	} > "$badhist/listeners"
	fails "listeners-hist-$name" 1 "^tcpinsightctl: $badhist/listeners:3: column 'accept_hist': '.*' is not a histogram: $why\$" \
		"$badhist" listeners
}
check_hist trailing-comma '0:6,' 'an empty bucket'
check_hist leading-comma ',0:6' 'an empty bucket'
check_hist double-comma '0:6,,4:8' 'an empty bucket'
check_hist descending '4:1,2:1' 'bucket 2 comes after bucket 4'
check_hist repeated '0:1,0:2' 'bucket 0 comes after bucket 0'
check_hist not-power '0:1,6:2' 'bucket 6 is not 0 or a power of two'
check_hist no-colon '06' "'06' is not low:count"
check_hist no-count '0:' "'0:' is not low:count"
check_hist no-low ':5' "':5' is not low:count"
check_hist count-not-number '0:x' "'0:x' is not low:count"
check_hist two-colons '0:1:2' "'0:1:2' is not low:count"
check_hist dash-in-list '-,0:1' "'-' is not low:count"
check_hist count-overflow '0:18446744073709551616' "'0:18446744073709551616' is not low:count"
check_hist low-overflow '36893488147419103232:1' "'36893488147419103232:1' is not low:count"
check_hist signed '+1:2' "'\+1:2' is not low:count"
: > "$badhist/listeners"
fails listeners-empty-file 1 "^tcpinsightctl: $badhist/listeners: empty file" "$badhist" listeners

fails missing-file 1 "^tcpinsightctl: $fix/no-files/drops: cannot open: No such file or directory\$" \
	"$fix/no-files" drops
nul=$tmp/nul
mkdir -p "$nul"
printf 'reason count\nNO_SOCKET 1\nTCP\0CSUM 2\n' > "$nul/drops"
fails nul-byte 1 "^tcpinsightctl: $nul/drops:3: line contains a NUL byte\$" "$nul" drops

# --- not loaded: exit 3, exactly one line --------------------------------

for cmd in status drops events listeners; do
	run "$tmp/absent" "$cmd"
	want="tcpinsightctl: tcpinsight is not loaded (no $tmp/absent)"
	if [ "$rc" -ne 3 ]; then
		fail "not-loaded-$cmd" "exit $rc, expected 3"
	elif [ -s "$tmp/out" ]; then
		fail "not-loaded-$cmd" "stdout is not empty"
	elif [ "$(cat "$tmp/err")" != "$want" ] || [ "$(wc -l < "$tmp/err")" -ne 1 ]; then
		fail "not-loaded-$cmd" "stderr is: $(cat "$tmp/err")"
	else
		pass "not-loaded-$cmd"
	fi
done
fails not-loaded-json 3 '^tcpinsightctl: tcpinsight is not loaded \(no /nonexistent/tcpinsight\)$' \
	/nonexistent/tcpinsight events --json -n 3
touch "$tmp/plainfile"
fails proc-not-a-directory 1 "^tcpinsightctl: $tmp/plainfile: not a directory\$" "$tmp/plainfile" drops

# --- usage errors: exit 2, nothing on stdout -----------------------------

usage no-command
usage unknown-command frobnicate
usage unknown-global-option --frobnicate
usage unknown-option drops --frobnicate
usage unknown-short-option status -x
usage json-takes-no-value status --json=yes
usage unexpected-argument drops extra
usage unexpected-argument-listeners listeners extra
usage unknown-option-listeners listeners --frobnicate
usage json-takes-no-value-listeners listeners --json=1
usage n-zero events -n 0
usage n-negative events -n -1
usage n-plus events -n +2
usage n-trailing-junk events -n 5x
usage n-leading-space events -n ' 5'
usage n-empty events -n ''
usage n-hex events -n 0x10
usage n-float events -n 1.5
usage n-overflow events -n 99999999999999999999999
usage n-missing events -n
usage help-unknown-command help frobnicate
fails n-message 2 "^tcpinsightctl: events: -n takes a positive decimal integer, not '5x'\$" \
	"$fix/normal" events -n 5x
# Usage is checked before the directory: a bad command line says so.
fails usage-before-not-loaded 2 "unknown option" "$tmp/absent" drops --frobnicate

# --- the commands of "Operate it", one file each ---------------------------

for part in ports control follow watch export explain; do
	# shellcheck source=/dev/null
	. "$here/$part.sh"
done

# --- help and version ----------------------------------------------------

check_help() {
	local name=$1 pattern=$2 why
	shift 2
	run "$fix/normal" "$@"
	why=$(not_ok)
	if [ -n "$why" ]; then
		fail "$name" "$why"
	elif ! grep -q '^Usage: tcpinsightctl' "$tmp/out"; then
		fail "$name" "no Usage line on stdout"
	elif ! grep -qE -- "$pattern" "$tmp/out"; then
		fail "$name" "help does not mention /$pattern/"
	elif ! grep -qE '^ +3 +tcpinsight is not loaded' "$tmp/out" ||
		! grep -qE '^ +2 +usage error' "$tmp/out"; then
		fail "$name" "help does not list the exit codes"
	else
		pass "$name"
	fi
}
check_help help-long 'events \[-n N\] \[--json\]' --help
check_help help-short 'TCPINSIGHT_PROC=DIR' -h
check_help help-command 'drops \[--json\]' help
check_help help-of-events 'events \[-n N\] \[--json\]' help events
check_help status-help 'status \[--json\]' status --help
check_help drops-help 'drops \[--json\]' drops -h
check_help events-help '-n N' events --help
check_help help-lists-listeners 'listeners \[--json\]' --help
check_help listeners-help 'listeners \[--json\]' listeners --help
check_help listeners-help-short 'accept_full_pct' listeners -h
check_help help-of-listeners 'FULL%' help listeners
# --help works even where the module is absent
run "$tmp/absent" drops --help
if [ "$rc" -eq 0 ] && grep -q '^Usage:' "$tmp/out"; then
	pass help-ignores-proc
else
	fail help-ignores-proc "exit $rc"
fi

run "$fix/normal" --version
if [ "$rc" -eq 0 ] && grep -qE '^tcpinsightctl [0-9a-z.]+$' "$tmp/out"; then
	pass version
else
	fail version "exit $rc, output: $(cat "$tmp/out")"
fi

# shellcheck source=docs.sh
. "$here/docs.sh"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
