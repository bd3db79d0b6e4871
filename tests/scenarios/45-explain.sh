# timeout: 300
# explain names the cause: nothing on an idle, freshly loaded module; an
# accept-queue overflow with its listener and the limit from listen();
# a SYN flood without cookies with tcp_syncookies; the residual
# connection left by a RST dropped by PAWS in SYN_RECV. Each finding's
# count is the kernel's own figure for it, read from /proc/tcpinsight.
. /tests/scenarios/listen_flood.inc

# explain_json: the findings, and explain's exit status in $xrc.
explain_json() {
	xrc=0
	tcpinsightctl explain --json > /tmp/explain.json 2> /tmp/explain.err || xrc=$?
	[ ! -s /tmp/explain.err ] || fail "explain wrote to stderr: $(cat /tmp/explain.err)"
}

# explain_text: the human output, and the same on one line (it is wrapped).
explain_text() {
	trc=0
	tcpinsightctl explain > /tmp/explain.txt 2> /tmp/explain.err || trc=$?
	tr '\n' ' ' < /tmp/explain.txt | tr -s ' ' > /tmp/explain.flat
}

# has_finding KIND COUNT NETNS PORT: a finding with exactly these.
has_finding() {
	grep -qF "{\"kind\":\"$1\",\"count\":$2,\"netns\":$3,\"port\":$4," /tmp/explain.json ||
		fail "no finding $1 of $2 for netns $3 port $4: $(head -c 600 /tmp/explain.json)"
}

# --- idle ---------------------------------------------------------------
tcpi_load
ns=$(netns_inode)
explain_json
expect_eq "explain's status with nothing wrong" $xrc 0
expect_eq "findings with nothing wrong" "$(cat /tmp/explain.json)" '{"findings":[]}'
explain_text
expect_eq "explain's status on an idle system" $trc 0
grep -q '^Nothing wrong' /tmp/explain.txt || fail "explain on an idle system: $(cat /tmp/explain.txt)"

# --- accept-queue overflow (20-listen-accept-overflow) --------------------
B=5
C=12
P=7001
sysctl_set net.ipv4.tcp_abort_on_overflow 0
sysctl_set net.core.somaxconn 4096
tcpi_load
tcpi-listen -a 127.0.0.1 -p $P -b $B > /tmp/listen.out &
listener=$!
wait_for 10 grep -q listening /tmp/listen.out
lo0=$(netstat_get TcpExt:ListenOverflows)
tcpi-connect -a 127.0.0.1 -p $P -n $C -k > /tmp/clients.out &
clients=$!
wait_for 30 sh -c ". /tests/vm/lib.sh; [ \$((\$(netstat_get TcpExt:ListenOverflows) - $lo0)) -ge $((C - B - 1)) ]"
# The overflows go on while clients retry: read both when they hold still.
n=0
while :; do
	o1=$(table_get listeners port=$P -- overflows)
	explain_json
	o2=$(table_get listeners port=$P -- overflows)
	[ "$o1" = "$o2" ] && break
	n=$((n + 1))
	[ "$n" -lt 100 ] || fail "the overflows never held still"
	sleep 0.2
done
expect_eq "explain's status with an overflow" $xrc 4
has_finding accept_queue_overflow "$o1" "$ns" $P
explain_text
grep -q "^1\. Accept queue overflow: 127\.0\.0\.1:$P (netns $ns) turned away" /tmp/explain.flat ||
	fail "the overflow is not the first finding: $(head -n 3 /tmp/explain.txt)"
grep -q "The limit $B is the backlog the application passed to listen()" /tmp/explain.flat ||
	fail "explain does not say the limit comes from listen(): $(cat /tmp/explain.txt)"
grep -q "accepts too slowly" /tmp/explain.flat || fail "explain does not blame the accept loop"
kill $clients $listener
wait $clients $listener 2> /dev/null

# --- SYN flood without cookies (22-listen-synq-full) ----------------------
flood_run 4 0 7004 8 40
[ "$fl_qd" -gt 0 ] || fail "the burst did not fill the SYN queue (TCPReqQFullDrop did not move)"
q=$(($(table_get ports netns="$fl_ns" port=7004 reason=TCP_SYN_QUEUE_FULL -- count) + \
	$(table_get ports netns="$fl_ns" port=7004 reason=TCP_SYN_QUEUE_LAST_QUARTER -- count)))
expect_eq "TCP_SYN_QUEUE_FULL vs TCPReqQFullDrop" \
	"$(table_get ports netns="$fl_ns" port=7004 reason=TCP_SYN_QUEUE_FULL -- count)" "$fl_qd"
explain_json
expect_eq "explain's status with a SYN flood" $xrc 4
has_finding syn_queue_full "$q" "$fl_ns" 7004
grep -qF '"net.ipv4.tcp_syncookies":"0"' /tmp/explain.json || fail "the finding does not quote tcp_syncookies=0"
explain_text
grep -q "SYN queue full: port 7004 (netns $fl_ns) dropped" /tmp/explain.flat || fail "no SYN-queue finding: $(head -n 5 /tmp/explain.txt)"
grep -q "SYN cookies are off (net.ipv4.tcp_syncookies = 0)" /tmp/explain.flat || fail "explain does not say cookies are off"
grep -q "net.ipv4.tcp_syncookies = 1 (now 0)" /tmp/explain.flat || fail "explain does not suggest syncookies"
if grep -q '"kind":"accept_queue_overflow"' /tmp/explain.json; then
	fail "an accept-queue overflow is blamed for a SYN flood"
fi

# --- the residual connection (30-paws-residual) ---------------------------
P=7030
SP=40001
T_SYN=1000000
T_STALE=7
tcpi_load
tun_up tcpi1 4 10.98.0.1/16
tcpi-listen -a 10.98.0.1 -p $P -b 16 > /tmp/listen30.out &
wait_for 10 grep -q listening /tmp/listen30.out
tcpi-peer -i tcpi1 -s 10.98.1.1 -d 10.98.0.1 -p $P -S $SP \
	syn=$T_SYN synack rst=$T_STALE ack=$((T_SYN + 1)) > /tmp/peer.out 2>&1 ||
	fail "peer: $(cat /tmp/peer.out)"
expect_eq "the server's socket after SYN, stale RST, ACK" "$(tcp_state_of $P 10.98.1.1 $SP)" 01
expect_eq "TCP_RST_PAWS_SYN_RECV" "$(table_get ports netns="$ns" port=$P reason=TCP_RST_PAWS_SYN_RECV -- count)" 1
explain_json
expect_eq "explain's status with a residual connection" $xrc 4
has_finding residual_connection 1 "$ns" $P
explain_text
grep -q "Residual connections: port $P (netns $ns) ignored 1 RST in SYN_RECV" /tmp/explain.flat ||
	fail "no residual-connection finding: $(cat /tmp/explain.txt)"
grep -q "health check" /tmp/explain.flat || fail "explain does not name the health check"
pass "explain: nothing on an idle module; accept overflow of $o1 on :7001 with the listen() backlog; $q SYNs dropped with syncookies off on :7004; 1 residual connection on :$P"
