# SPDX-License-Identifier: GPL-2.0
# Sourced by run.sh: explain against a quiet module with one kind of
# trouble added at a time, and sysctls from a fixture proc root
# (TCPINSIGHT_PROC_ROOT: DIR/sys/net/..., DIR/self/ns/net).

proot=$tmp/proot
mkdir -p "$proot/self/ns"
ln -sfn 'net:[4026531840]' "$proot/self/ns/net"
sysctl_put() {
	mkdir -p "$proot/sys/$(dirname "$(echo "$1" | tr . /)")"
	printf '%s\n' "$2" > "$proot/sys/$(echo "$1" | tr . /)"
}
sysctl_put net.core.somaxconn 4096
sysctl_put net.ipv4.tcp_abort_on_overflow 0
sysctl_put net.ipv4.tcp_syncookies 0
sysctl_put net.ipv4.tcp_max_syn_backlog 128
sysctl_put net.ipv4.tcp_timestamps 1
sysctl_put net.ipv4.tcp_keepalive_time 7200
sysctl_put net.ipv4.ip_local_port_range "$(printf '32768\t60999')"
sysctl_put net.ipv4.tcp_tw_reuse 2
sysctl_put net.ipv4.tcp_rmem "$(printf '4096\t131072\t6291456')"
sysctl_put net.ipv4.tcp_wmem "$(printf '4096\t16384\t4194304')"
sysctl_put net.ipv4.tcp_mem "$(printf '22215\t29622\t44430')"
sysctl_put net.core.rmem_max 212992
sysctl_put net.core.wmem_max 212992

# quiet NAME: a module that has counted nothing wrong; prints its dir.
quiet() {
	local d=$tmp/explain-$1
	mkdir -p "$d"
	cp "$fix/full/"* "$d/"
	echo 'reason count' > "$d/drops"
	echo 'netns port reason count' > "$d/ports"
	echo 'netns port counter reason count' > "$d/tcp"
	head -n 1 "$fix/full/listeners" > "$d/listeners"
	echo "4026531840 4 0.0.0.0 22 0 128 1 0 129 1 0 0 0 3 0:3" >> "$d/listeners"
	sed -i 's/^tcp_v6_send_reset unavailable/tcp_v6_send_reset on/' "$d/probes"
	: > "$d/events"
	echo "$d"
}

# xrun DIR ARGS...: explain with the fixture proc root.
xrun() {
	local dir=$1
	shift
	rc=0
	TCPINSIGHT_PROC=$dir TCPINSIGHT_PROC_ROOT=$proot "$ctl" explain "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
}

# xcheck NAME DIR CODE: explain --json exits 4 and CODE (python, with the
# findings in f, the first one in f0) finds it right; the text names the
# same first finding.
xcheck() {
	local name=$1 dir=$2 code=$3 title
	xrun "$dir" --json
	if [ "$rc" -ne 4 ] || [ -s "$tmp/err" ]; then
		fail "explain-$name" "exit $rc: $(head -c 300 "$tmp/err")"
		return
	fi
	if ! python3 - "$tmp/out" > "$tmp/pyerr" 2>&1 <<-EOF
		import json, sys
		d = json.load(open(sys.argv[1]))
		assert list(d) == ["findings"], list(d)
		f = d["findings"]
		f0 = f[0]
		for x in f:
		    assert list(x) == ["kind", "count", "netns", "port", "title", "explanation", "look_at", "consider", "sysctls"], list(x)
		print(f0["title"])
		$code
	EOF
	then
		fail "explain-$name" "$(tail -n 1 "$tmp/pyerr")"
		return
	fi
	title=$(head -n 1 "$tmp/pyerr")
	xrun "$dir"
	if [ "$rc" -ne 4 ] || ! tr '\n' ' ' < "$tmp/out" | tr -s ' ' | grep -qF "1. $title"; then
		fail "explain-$name" "text: exit $rc, $(head -n 2 "$tmp/out")"
		return
	fi
	pass "explain-$name"
}

d=$(quiet idle)
xrun "$d"
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && diff -u "$expected/explain-idle.txt" "$tmp/out" > "$tmp/diff"; then
	pass explain-idle
else
	cat "$tmp/diff"
	fail explain-idle "exit $rc: $(cat "$tmp/out" "$tmp/err")"
fi
xrun "$d" --json
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = '{"findings":[]}' ]; then
	pass explain-idle-json
else
	fail explain-idle-json "exit $rc: $(cat "$tmp/out")"
fi
# Events lost, retransmits and a filter are not trouble by themselves.
echo '4026531840 443 retransmits - 9' >> "$d/tcp"
xrun "$d" --json
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = '{"findings":[]}' ]; then
	pass explain-idle-retransmits
else
	fail explain-idle-retransmits "exit $rc: $(cat "$tmp/out")"
fi

# Accept-queue overflow: the listener, its limit, where the limit comes from.
d=$(quiet accept)
echo "4026531840 4 127.0.0.1 7001 6 5 6 0 6 1 8 8 0 14 0:6,4:8" >> "$d/listeners"
printf 'reason count\nTCP_LISTEN_OVERFLOW 8\n' > "$d/drops"
echo "4026531840 7001 TCP_LISTEN_OVERFLOW 8" >> "$d/ports"
xrun "$d"
if [ "$rc" -eq 4 ] && diff -u "$expected/explain-accept.txt" "$tmp/out" > "$tmp/diff"; then
	pass explain-accept-text
else
	cat "$tmp/diff"
	fail explain-accept-text "exit $rc: $(cat "$tmp/err")"
fi
xrun "$d" --json
if [ "$rc" -eq 4 ] && cmp -s "$expected/explain-accept.json" "$tmp/out"; then
	pass explain-accept-json-exact
else
	diff -u "$expected/explain-accept.json" "$tmp/out" || true
	fail explain-accept-json-exact "exit $rc"
fi
xcheck accept "$d" '
assert len(f) == 1, [x["kind"] for x in f]
assert (f0["kind"], f0["count"], f0["netns"], f0["port"]) == ("accept_queue_overflow", 8, 4026531840, 7001), f0
t = " ".join(f0["explanation"])
assert "The limit 5 is the backlog the application passed to listen(): net.core.somaxconn (4096)" in t, t
assert "accepts too slowly" in t and "8 of the 14 SYNs" in t, t
assert "Sysctls are per network namespace" not in t, t
assert f0["sysctls"] == {"net.core.somaxconn": "4096", "net.ipv4.tcp_abort_on_overflow": "0"}, f0["sysctls"]
'
# The same with the limit set by somaxconn, in another namespace.
sysctl_put net.core.somaxconn 5
sed -i 's/^4026531840 4 127.0.0.1 7001/4026532001 4 127.0.0.1 7001/' "$d/listeners"
sed -i 's/^4026531840 7001/4026532001 7001/' "$d/ports"
xcheck accept-somaxconn "$d" '
t = " ".join(f0["explanation"])
assert "comes from net.core.somaxconn (5)" in t, t
assert "not necessarily of netns 4026532001" in t, t
assert any("net.core.somaxconn (now 5)" in c for c in f0["consider"]), f0["consider"]
'
sysctl_put net.core.somaxconn 4096
# A listener that is gone: the overflow is still named, by port.
head -n 2 "$fix/full/listeners" > "$d/listeners"
xcheck accept-gone "$d" '
assert (f0["kind"], f0["count"], f0["port"]) == ("accept_queue_overflow", 8, 7001), f0
assert "no longer has a row" in " ".join(f0["explanation"]), f0
'

# SYN queue full without cookies, and the last quarter.
d=$(quiet synq)
echo "4026531840 4 10.99.0.1 7004 0 8 0 9 9 9 0 31 0 40 0:40" >> "$d/listeners"
printf 'reason count\nTCP_SYN_QUEUE_FULL 29\nTCP_SYN_QUEUE_LAST_QUARTER 2\n' > "$d/drops"
printf '4026531840 7004 TCP_SYN_QUEUE_FULL 29\n4026531840 7004 TCP_SYN_QUEUE_LAST_QUARTER 2\n' >> "$d/ports"
xcheck synq "$d" '
assert len(f) == 1, [x["kind"] for x in f]
assert (f0["kind"], f0["count"], f0["port"]) == ("syn_queue_full", 31, 7004), f0
t = " ".join(f0["explanation"])
assert "29 SYNs were dropped" in t and "2 SYNs were dropped" in t and "tcp_max_syn_backlog (now 128)" in t, t
assert "SYN cookies are off (net.ipv4.tcp_syncookies = 0)" in t, t
assert "SYN flood" in t, t
assert f0["consider"][0].startswith("net.ipv4.tcp_syncookies = 1 (now 0)"), f0["consider"]
assert f0["sysctls"]["net.ipv4.tcp_syncookies"] == "0" and f0["sysctls"]["net.ipv4.tcp_max_syn_backlog"] == "128", f0["sysctls"]
'
# SYN cookies sent: cookies on.
sysctl_put net.ipv4.tcp_syncookies 1
d=$(quiet cookies)
echo "4026531840 4 10.99.0.1 7005 0 8 0 9 9 9 0 0 31 40 0:40" >> "$d/listeners"
xcheck cookies "$d" '
assert (f0["kind"], f0["count"], f0["port"]) == ("syn_cookies", 31, 7005), f0
t = " ".join(f0["explanation"])
assert "net.ipv4.tcp_syncookies = 1 let the connections through" in t, t
'
sysctl_put net.ipv4.tcp_syncookies 0

# PAWS, with and without tcp_tw_recycle.
d=$(quiet paws)
printf 'reason count\nTCP_RFC7323_PAWS 6\nTCP_RFC7323_TW_PAWS 4\n' > "$d/drops"
printf '4026531840 80 TCP_RFC7323_PAWS 6\n4026531840 80 TCP_RFC7323_TW_PAWS 4\n' >> "$d/ports"
xcheck paws "$d" '
assert (f0["kind"], f0["count"], f0["port"]) == ("paws", 10, 80), f0
t = " ".join(f0["explanation"])
assert "6 in connections" in t and "4 to TIME_WAIT" in t and "NAT" in t, t
assert "does not exist on this one" in t, t
assert f0["sysctls"]["net.ipv4.tcp_tw_recycle"] is None and f0["sysctls"]["net.ipv4.tcp_timestamps"] == "1", f0["sysctls"]
'
sysctl_put net.ipv4.tcp_tw_recycle 1
xcheck paws-recycle "$d" '
t = " ".join(f0["explanation"])
assert "net.ipv4.tcp_tw_recycle is 1" in t, t
assert f0["consider"][0] == "net.ipv4.tcp_tw_recycle = 0 (now 1)", f0["consider"]
'
rm "$proot/sys/net/ipv4/tcp_tw_recycle"

# The residual connection: a RST dropped by PAWS in SYN_RECV.
d=$(quiet residual)
printf 'reason count\nTCP_RST_PAWS_SYN_RECV 1\n' > "$d/drops"
echo '4026531840 7030 TCP_RST_PAWS_SYN_RECV 1' >> "$d/ports"
xcheck residual "$d" '
assert len(f) == 1, [x["kind"] for x in f]
assert (f0["kind"], f0["count"], f0["port"]) == ("residual_connection", 1, 7030), f0
t = " ".join(f0["explanation"])
assert "ESTABLISHED" in t and "health check" in t, t
assert "tcp_keepalive_time (now 7200 s)" in " ".join(f0["consider"]), f0["consider"]
'

# Port exhaustion.
d=$(quiet ports)
echo '4026531840 5432 connect_eaddrnotavail - 42' >> "$d/tcp"
xcheck port-exhaustion "$d" '
assert (f0["kind"], f0["count"], f0["port"]) == ("port_exhaustion", 42, 5432), f0
t = " ".join(f0["explanation"])
assert "net.ipv4.ip_local_port_range (32768 60999: 28,232 ports)" in t, t
assert "TIME_WAIT" in t and "CLOSE_WAIT" in t, t
assert "net.ipv4.tcp_tw_reuse (now 2)" in " ".join(f0["consider"]), f0["consider"]
'

# Receive-buffer pressure, by drop reasons and by the prune counters
# (and a counter explain does not know, which it leaves alone).
d=$(quiet rcvbuf)
printf 'reason count\nSOCKET_RCVBUFF 7\nTCP_OFO_DROP 2\nTCP_ZEROWINDOW 1\n' > "$d/drops"
printf '4026531840 3306 SOCKET_RCVBUFF 7\n4026531840 3306 TCP_OFO_DROP 2\n4026531840 3306 TCP_ZEROWINDOW 1\n' >> "$d/ports"
printf '4026531840 3306 prune_called - 3\n4026531840 3306 rcv_pruned - 5\n4026531840 3306 rcv_collapsed - 11\n4026531840 3306 future_counter - 99\n' >> "$d/tcp"
xcheck rcvbuf "$d" '
assert len(f) == 1, [x["kind"] for x in f]
assert (f0["kind"], f0["count"], f0["port"]) == ("receive_buffer", 15, 3306), f0
t = " ".join(f0["explanation"])
assert "SOCKET_RCVBUFF 7, TCP_ZEROWINDOW 1, TCP_OFO_DROP 2" in t, t
assert "pruned receive queues to free memory 3 times, dropping 5 segments, and collapsed 11" in t, t
c = " ".join(f0["consider"])
assert "net.ipv4.tcp_rmem (now 4096 131072 6291456)" in c and "net.core.rmem_max (now 212992)" in c, c
'
# Send-buffer waits.
d=$(quiet sndbuf)
printf '4026531840 8443 sndbuf_wait - 12\n4026531840 8443 sndbuf_wait_us - 2500000\n' >> "$d/tcp"
xcheck sndbuf "$d" '
assert (f0["kind"], f0["count"], f0["port"]) == ("send_buffer", 12, 8443), f0
assert "12 times, 2.500 s in all" in " ".join(f0["explanation"]), f0["explanation"]
assert "net.ipv4.tcp_wmem (now 4096 16384 4194304)" in " ".join(f0["consider"]), f0["consider"]
'
# Resets on close with unread data.
d=$(quiet abort)
printf '4026531840 80 abort_on_close - 5\n4026531840 80 rst_sent TCP_ABORT_ON_CLOSE 5\n' >> "$d/tcp"
xcheck abort-on-close "$d" '
assert len(f) == 1, [x["kind"] for x in f]
assert (f0["kind"], f0["count"], f0["port"]) == ("reset_on_close", 5, 80), f0
assert "unread" in f0["title"] and "connection reset by peer" in " ".join(f0["explanation"]), f0
assert any("SHUT_WR" in c for c in f0["consider"]), f0["consider"]
'
# Closed ports: one finding, the five largest ports named.
d=$(quiet closed)
printf 'reason count\nNO_SOCKET 63\n' > "$d/drops"
for p in 1 2 3 4 5 6; do echo "4026531840 $p NO_SOCKET $((p * 3))"; done >> "$d/ports"
xcheck closed-ports "$d" '
assert len(f) == 1 and (f0["kind"], f0["count"], f0["netns"], f0["port"]) == ("closed_port", 63, None, None), f0
assert "By port, largest first: 6 (netns 4026531840) 18, 5 (netns 4026531840) 15, 4 (netns 4026531840) 12, 3 (netns 4026531840) 9, 2 (netns 4026531840) 6, ..." in " ".join(f0["explanation"]), f0["explanation"]
'
# Other drops, tables full, probes off; all at once, largest first.
d=$(quiet misc)
printf 'reason count\nTCP_CSUM 12\nNO_SOCKET 2\nTCP_OLD_SEQUENCE 30\n' > "$d/drops"
sed -i -e 's/^ports_overflow 0/ports_overflow 40/' -e 's/^listeners_overflow 0/listeners_overflow 1/' "$d/summary"
sed -i 's/^tcp_v4_send_reset on/tcp_v4_send_reset off/' "$d/probes"
xcheck misc "$d" '
assert [(x["kind"], x["count"]) for x in f] == [("other_drops", 42), ("table_full", 40), ("closed_port", 2), ("table_full", 1), ("probes_off", 0)], [(x["kind"], x["count"]) for x in f]
assert f0["explanation"] == ["By reason, largest first: TCP_OLD_SEQUENCE 30, TCP_CSUM 12."], f0
assert "ports_max (now 4,096)" in f[1]["consider"][0], f[1]
assert f[4]["explanation"] == ["tcp_v4_send_reset (kprobe) is off."], f[4]
'
# A module from before the tcp table.
d=$(quiet notcp)
rm "$d/tcp"
xrun "$d" --json
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = '{"findings":[]}' ]; then
	pass explain-no-tcp
else
	fail explain-no-tcp "exit $rc: $(cat "$tmp/out" "$tmp/err")"
fi
# No sysctls at all (another proc root): still explains, values "absent".
d=$(quiet accept2)
echo "4026531840 4 127.0.0.1 7001 6 5 6 0 6 1 8 8 0 14 0:6,4:8" >> "$d/listeners"
rc=0
TCPINSIGHT_PROC=$d TCPINSIGHT_PROC_ROOT=$tmp/nowhere "$ctl" explain --json > "$tmp/out" 2> "$tmp/err" || rc=$?
if [ "$rc" -eq 4 ] && grep -qF '"sysctls":{"net.core.somaxconn":null' "$tmp/out" &&
	grep -qF 'not necessarily of netns 4026531840' "$tmp/out"; then
	pass explain-no-sysctls
else
	fail explain-no-sysctls "exit $rc: $(head -c 300 "$tmp/out") $(cat "$tmp/err")"
fi
d=$(quiet malformed)
cp "$fix/bad-drops-short/drops" "$d/drops"
fails explain-malformed 1 "^tcpinsightctl: $d/drops:3: row has 1 field, the header names 2 columns\$" \
	"$d" explain --json
fails explain-not-loaded 3 '^tcpinsightctl: tcpinsight is not loaded' "$tmp/absent" explain
usage explain-extra explain now
