# timeout: 120
# Closing first is not dropping. N loopback connections, each closed by the
# client and then by the server: the client's socket, an orphan in
# FIN_WAIT2, takes the server's FIN and is destroyed with that FIN still in
# its receive queue, which the kernel frees through kfree_skb. Nothing was
# lost, and the kernel agrees (no TCPAbortOnClose, no reset): no drop of a
# FIN may be logged for a socket in CLOSE, and the N connections must not
# add N drops (one, rarely, is a segment the kernel really discards: a
# FIN with a packet type other than PACKET_HOST at the top of tcp_v4_rcv).
N=30
tcpi_load
drops0=$(summary_get drops_total)
rst0=$(netstat_get Tcp:OutRsts)
ao0=$(netstat_get TcpExt:TCPAbortOnClose)
tcpi-bench-churn -p 5104 -n $N -w 0 > /tmp/churn.out || fail "tcpi-bench-churn: $(cat /tmp/churn.out)"
expect_eq "TCPAbortOnClose delta" $(($(netstat_get TcpExt:TCPAbortOnClose) - ao0)) 0
expect_eq "kernel resets sent" $(($(netstat_get Tcp:OutRsts) - rst0)) 0
expect_eq "FINs of sockets in CLOSE logged as drops" \
	"$(grep -c ' state=CLOSE flags=F\. ' /proc/tcpinsight/events)" 0
drops=$(($(summary_get drops_total) - drops0))
[ "$drops" -lt $((N / 2)) ] || fail "$N connections closed client first added $drops drops"
pass "$N connections closed client first: no FIN counted as a drop ($drops other drops)"
