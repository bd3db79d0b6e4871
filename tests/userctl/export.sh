# SPDX-License-Identifier: GPL-2.0
# Sourced by run.sh: export --format prometheus (checked by promtool, the
# way node_exporter's textfile collector would read it) and --format json
# (checked against the fixture files, table by table).

golden export-prometheus-exact "$expected/full.prom" "$fix/full" export --format prometheus
golden export-json-exact "$expected/full.export.json" "$fix/full" export --format json

# promcheck NAME DIR: the exposition of DIR passes promtool check metrics.
promcheck() {
	local name=$1 dir=$2
	run "$dir" export --format prometheus
	if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
		fail "$name" "exit $rc: $(head -c 300 "$tmp/err")"
	elif ! promtool check metrics < "$tmp/out" > "$tmp/promtool" 2>&1; then
		fail "$name" "promtool: $(head -n 3 "$tmp/promtool")"
	else
		pass "$name"
	fi
}

if ! command -v promtool > /dev/null; then
	fail export-promtool "promtool is missing (tests/deps.sh installs Debian's prometheus)"
else
	promcheck export-promtool-full "$fix/full"
	mkdir -p "$tmp/emptyprom"
	cp "$fix/empty/"* "$tmp/emptyprom/"
	echo 'netns port reason count' > "$tmp/emptyprom/ports"
	echo 'netns port counter reason count' > "$tmp/emptyprom/tcp"
	promcheck export-promtool-empty "$tmp/emptyprom"
	promcheck export-promtool-bignum "$(mkdir -p "$tmp/bigprom" && cp "$fix/full/"* "$tmp/bigprom/" &&
		cp "$fix/bignum/drops" "$fix/bignum/listeners" "$tmp/bigprom/" && echo "$tmp/bigprom")"
	# Label values that need escaping: a quote, a backslash, bytes that
	# are not UTF-8 (they become U+FFFD), a UTF-8 letter.
	esc=$tmp/escprom
	mkdir -p "$esc"
	cp "$fix/full/"* "$esc/"
	printf 'reason count\nq"u\\ote 3\nbad\377byte 4\ncaf\303\251 5\n' > "$esc/drops"
	printf 'name state hits missed type\nkfree_skb sleeping 1 0 tracepoint\n' > "$esc/probes"
	promcheck export-promtool-escaping "$esc"
	if grep -qxF 'tcpinsight_drops_total{reason="q\"u\\ote"} 3' "$tmp/out" &&
		grep -qxF "tcpinsight_drops_total{reason=\"bad$(printf '\357\277\275')byte\"} 4" "$tmp/out" &&
		grep -qxF "tcpinsight_drops_total{reason=\"caf$(printf '\303\251')\"} 5" "$tmp/out" &&
		grep -qxF 'tcpinsight_probe_state{probe="kfree_skb",state="sleeping"} 1' "$tmp/out" &&
		grep -qxF 'tcpinsight_probe_state{probe="kfree_skb",state="on"} 0' "$tmp/out"; then
		pass export-prometheus-escaping
	else
		fail export-prometheus-escaping "$(grep -a drops_total "$tmp/out" | tr '\n' '|')"
	fi
	# The check can fail: promtool refuses what a careless exporter writes.
	grep -v '^# HELP tcpinsight_drops_total ' "$expected/full.prom" > "$tmp/bad.prom"
	printf 'tcpinsight_drops_total{reason="a"b"} 1\n' > "$tmp/bad2.prom"
	if promtool check metrics < "$tmp/bad.prom" > /dev/null 2>&1 ||
		promtool check metrics < "$tmp/bad2.prom" > /dev/null 2>&1; then
		fail export-promtool-can-fail "promtool accepted a broken exposition"
	else
		pass export-promtool-can-fail
	fi
fi

# Every sample worked out from the files on their own.
run "$fix/full" export --format prometheus
python3 - "$tmp/out" "$fix/full" > "$tmp/pyerr" 2>&1 <<'PY' && pass export-prometheus-values || fail export-prometheus-values "$(tail -n 1 "$tmp/pyerr")"
import re, sys
text, d = open(sys.argv[1]).read(), sys.argv[2]
def table(name):
    lines = [l.split() for l in open(d + "/" + name).read().splitlines() if l.strip()]
    return [dict(zip(lines[0], r)) for r in lines[1:]]
samples = {}
families = []
for line in text.splitlines():
    if line.startswith("# TYPE "):
        _, _, name, typ = line.split()
        assert name not in families, name
        families.append(name)
        assert (typ == "counter") == name.endswith("_total"), line
        continue
    if line.startswith("#"):
        continue
    key, val = line.rsplit(" ", 1)
    assert key not in samples, key
    samples[key] = val
for r in table("drops"):
    assert samples['tcpinsight_drops_total{reason="%s"}' % r["reason"]] == r["count"], r
for r in table("ports"):
    assert samples['tcpinsight_port_drops_total{netns="%s",port="%s",reason="%s"}' % (r["netns"], r["port"], r["reason"])] == r["count"], r
per_ns = {}
for r in table("ports"):
    k = (r["netns"], r["reason"])
    per_ns[k] = per_ns.get(k, 0) + int(r["count"])
for (ns, reason), n in per_ns.items():
    assert samples['tcpinsight_netns_drops_total{netns="%s",reason="%s"}' % (ns, reason)] == str(n), (ns, reason)
assert sum(1 for k in samples if k.startswith("tcpinsight_netns_drops_total{")) == len(per_ns)
cols = {"accept_cur": "listen_accept_queue", "accept_max": "listen_accept_queue_limit", "accept_peak": "listen_accept_queue_peak", "syn_cur": "listen_syn_queue", "syn_max": "listen_syn_queue_limit", "syn_peak": "listen_syn_queue_peak", "overflows": "listen_overflows_total", "syn_drops": "listen_syn_drops_total", "cookies": "listen_syncookies_total", "syns": "listen_syns_total"}
for r in table("listeners"):
    for c, m in cols.items():
        k = 'tcpinsight_%s{netns="%s",family="%s",addr="%s",port="%s"}' % (m, r["netns"], r["family"], r["addr"], r["port"])
        assert samples[k] == r[c], (k, r[c])
summary = dict(l.split(None, 1) for l in open(d + "/summary").read().splitlines())
assert samples["tcpinsight_events_lost_total"] == summary["events_lost"]
assert samples["tcpinsight_ports_overflow_total"] == summary["ports_overflow"]
assert samples['tcpinsight_info{version="0.1.0",format="1",kernel="6.1.0-56-amd64"}'] == "1"
assert samples['tcpinsight_tcp_rst_sent_total{netns="4026531840",port="80",reason="TCP_ABORT_ON_CLOSE"}'] == "3"
assert samples['tcpinsight_tcp_abort_on_close_total{netns="4026531840",port="80"}'] == "3"
assert samples['tcpinsight_tcp_connect_eaddrnotavail_total{netns="4026531840",port="5432"}'] == "42"
assert samples['tcpinsight_tcp_sndbuf_wait_seconds_total{netns="4026531840",port="80"}'] == "1.500000"
assert samples['tcpinsight_tcp_other_total{counter="future_counter",netns="4026531840",port="80",reason="-"}'] == "7"
assert samples['tcpinsight_probe_missed_total{probe="tcp_v4_send_reset",type="kprobe"}'] == "17"
assert samples['tcpinsight_probe_state{probe="tcp_v6_send_reset",state="unavailable"}'] == "1"
n_tcp = sum(1 for k in samples if k.startswith("tcpinsight_tcp_") and "{" in k)
assert n_tcp == 8, n_tcp
PY

# Counters of the tcp table a reason column does not split are added up.
sumdir=$tmp/tcpsum
mkdir -p "$sumdir"
cp "$fix/full/"* "$sumdir/"
printf 'netns port counter reason count\n1 80 retransmits - 5\n1 80 retransmits SOMETHING 7\n1 80 rst_sent A 1\n1 80 rst_sent B 2\n' > "$sumdir/tcp"
run "$sumdir" export --format prometheus
if grep -qxF 'tcpinsight_tcp_retransmits_total{netns="1",port="80"} 12' "$tmp/out" &&
	grep -qxF 'tcpinsight_tcp_rst_sent_total{netns="1",port="80",reason="B"} 2' "$tmp/out"; then
	pass export-prometheus-tcp-sum
else
	fail export-prometheus-tcp-sum "$(grep tcp_ "$tmp/out" | tr '\n' '|')"
fi

pycheck export-json "$ports_ref"'
assert list(d) == ["schema", "summary", "probes", "drops", "drops_total", "ports", "tcp", "listeners", "events"], list(d)
assert d["schema"] == 1
s = d["summary"]
assert s["drops_total"] == 1234618 and s["events_on"] == 1 and s["filter_ports"] == "-", s
assert d["probes"][1] == {"name": "tcp_v4_send_reset", "state": "on", "hits": 1234, "missed": 17, "type": "kprobe"}, d["probes"]
assert [x["reason"] for x in d["drops"]] == ["NO_SOCKET", "TCP_INVALID_SEQUENCE", "TCP_CSUM", "TCP_OLD_SEQUENCE", "OTHER"], d["drops"]
assert d["drops_total"] == 1234618
r = ref("'"$fix/full"'")
key = lambda x: (x["netns"], x["port"], x["reason"])
assert d["ports"] == sorted(r["ports"], key=key), d["ports"]
assert d["tcp"] == sorted(r["tcp"], key=lambda x: (x["netns"], x["port"], x["counter"], x["reason"])), d["tcp"]
' "$fix/full" export --format json
pycheck export-json-listeners-events "$listeners_ref"'
assert d["listeners"] == ref("'"$fix/full/listeners"'"), d["listeners"]
ev = [l.split() for l in open("'"$fix/full/events"'").read().splitlines()]
assert [e["id"] for e in d["events"]] == [int(dict(kv.split("=", 1) for kv in l)["id"]) for l in ev], d["events"]
assert d["events"][2]["saddr"] == "10.0.0.2" and d["events"][2]["info"] == "-", d["events"][2]
' "$fix/full" export --format json
pycheck export-json-no-tcp '
assert d["tcp"] is None, d["tcp"]
' "$notcp" export --format json

fails export-json-bad-event 1 "^tcpinsightctl: $tmp/badev/events:2: 'state' is not key=value\$" \
	"$(mkdir -p "$tmp/badev" && cp "$fix/full/"* "$tmp/badev/" && cp "$fix/bad-events-nokv/events" "$tmp/badev/" && echo "$tmp/badev")" \
	export --format json
fails export-bad-listeners 1 "^tcpinsightctl: .*/listeners:3: column 'family': '10' is neither 4 nor 6\$" \
	"$(mkdir -p "$tmp/badli" && cp "$fix/full/"* "$tmp/badli/" && cp "$fix/bad-listeners-family/listeners" "$tmp/badli/" && echo "$tmp/badli")" \
	export --format prometheus
usage export-no-format export
usage export-bad-format export --format xml
usage export-extra export --format json now
fails export-not-loaded 3 '^tcpinsightctl: tcpinsight is not loaded' "$tmp/absent" export --format prometheus
