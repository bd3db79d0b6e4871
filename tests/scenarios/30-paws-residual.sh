# timeout: 120
# The residual connection (the LVS health-check incident): a peer sends a
# SYN, then a RST whose timestamp is older than its SYN's, then the final
# ACK. The server drops the RST by PAWS while the request is in SYN_RECV,
# completes the handshake on the ACK and keeps an ESTABLISHED connection
# nobody owns. tcpinsight names the dropped RST, with both timestamps.
# The peer then sends data with an old timestamp: a PAWS drop in
# ESTABLISHED, which the kernel names itself from 5.17.
P=7030
SP=40001
T_SYN=1000000
T_STALE=7
tcpi_load
tun_up tcpi0 4 10.99.0.1/16
tcpi-listen -a 10.99.0.1 -p $P -b 16 > /tmp/listen.out &
wait_for 10 grep -q listening /tmp/listen.out
ns=$(netns_inode)
pe0=$(netstat_get TcpExt:PAWSEstab)

tcpi-peer -i tcpi0 -s 10.99.1.1 -d 10.99.0.1 -p $P -S $SP \
	syn=$T_SYN synack rst=$T_STALE ack=$((T_SYN + 1)) data=$T_STALE > /tmp/peer.out 2>&1 ||
	fail "peer: $(cat /tmp/peer.out)"
wait_for 10 sh -c ". /tests/vm/lib.sh; [ \$((\$(netstat_get TcpExt:PAWSEstab) - $pe0)) -ge 2 ]"
# 01: TCP_ESTABLISHED. The RST was ignored; the connection stays.
expect_eq "the server's socket after SYN, stale RST, ACK" "$(tcp_state_of $P 10.99.1.1 $SP)" 01
expect_eq "PAWSEstab delta (the RST, then the data)" $(($(netstat_get TcpExt:PAWSEstab) - pe0)) 2
expect_eq "TCP_RST_PAWS_SYN_RECV in drops" "$(table_get drops reason=TCP_RST_PAWS_SYN_RECV -- count)" 1
expect_eq "TCP_RST_PAWS_SYN_RECV for the listener's port" \
	"$(table_get ports netns="$ns" port=$P reason=TCP_RST_PAWS_SYN_RECV -- count)" 1
grep -E " reason=TCP_RST_PAWS_SYN_RECV family=4 saddr=10.99.1.1 sport=$SP daddr=10.99.0.1 dport=$P state=NEW_SYN_RECV flags=R .* info=stage:SYN_RECV,tsval:$T_STALE,ts_recent:$T_SYN\$" \
	/proc/tcpinsight/events > /dev/null ||
	fail "no TCP_RST_PAWS_SYN_RECV event with both timestamps: $(grep PAWS /proc/tcpinsight/events)"
if ! kernel_has_drop_reasons; then
	expect_eq "TCP_RFC7323_PAWS on 5.10" "$(table_get drops reason=TCP_RFC7323_PAWS -- count)" 0
	pass "residual connection exact (stale RST dropped by PAWS in SYN_RECV, server ESTABLISHED); 5.10 frees a PAWS drop in ESTABLISHED without a tracepoint, so only the kernel counts that one"
fi
expect_eq "TCP_RFC7323_PAWS in drops" "$(table_get drops reason=TCP_RFC7323_PAWS -- count)" 1
expect_eq "PAWS reasons vs PAWSEstab delta" \
	$(($(table_get drops reason=TCP_RFC7323_PAWS -- count) + $(table_get drops reason=TCP_RST_PAWS_SYN_RECV -- count) + $(table_get drops reason=TCP_RFC7323_TW_PAWS -- count))) 2
grep -E " reason=TCP_RFC7323_PAWS family=4 saddr=10.99.1.1 sport=$SP daddr=10.99.0.1 dport=$P .* info=stage:ESTABLISHED,tsval:$T_STALE,ts_recent:" \
	/proc/tcpinsight/events > /dev/null || fail "no TCP_RFC7323_PAWS event: $(grep PAWS /proc/tcpinsight/events)"
pass "residual connection exact; an old-timestamp segment to it is TCP_RFC7323_PAWS; PAWS reasons = PAWSEstab"
