# timeout: 150
# Random-source SYNs from a raw socket (as hping3 --rand-source sends
# them) at a listener whose SYN queue is in its last quarter, syncookies
# off, half the sources with no route back. The kernel routes a request
# before it applies the last-quarter rule: a SYN with no route back is
# TCP_SYN_REQUEST_FAILED (= the IpOutNoRoutes delta) whatever the queue's
# length, and TCP_SYN_QUEUE_LAST_QUARTER is what the rule dropped
# (ListenDrops less the other SYN-drop reasons).
PORT=7008
sysctl_set net.ipv4.tcp_syncookies 0
# the last quarter from 13 requests on, far below the listen backlog
sysctl_set net.ipv4.tcp_max_syn_backlog 16
tcpi_load
# 10.99.0.0/16 is routed to a TUN device nobody reads: SYN-ACKs go there
# and the requests stay. 10.200.0.0/16 must have no route at all.
tun_up tcpi0 4 10.99.0.1/16
if ip route get 10.200.1.1 > /dev/null 2>&1; then
	fail "10.200.0.0/16 has a route in this VM: $(ip route get 10.200.1.1)"
fi
tcpi-listen -a 10.99.0.1 -p $PORT -b 64 > /tmp/listen.out &
wait_for 10 grep -q listening /tmp/listen.out
ns=$(netns_inode)
ld0=$(netstat_get TcpExt:ListenDrops)
nr0=$(netstat_get Ip:OutNoRoutes)
# The queue into its last quarter from routable peers, then both halves.
tcpi-rawsyn -d 10.99.0.1 -p $PORT -n 30 -s 10.99 -S 7 > /tmp/syn1.out || fail "tcpi-rawsyn: $(cat /tmp/syn1.out)"
tcpi-rawsyn -d 10.99.0.1 -p $PORT -n 60 -s 10.99,10.200 -S 11 > /tmp/syn2.out || fail "tcpi-rawsyn: $(cat /tmp/syn2.out)"
# Every SYN is either in the SYN queue or dropped.
wait_for 20 sh -c ". /tests/vm/lib.sh; [ \$((\$(synrecv_count $PORT) + \$(netstat_get TcpExt:ListenDrops) - $ld0)) -ge 90 ]"
ld=$(($(netstat_get TcpExt:ListenDrops) - ld0))
nr=$(($(netstat_get Ip:OutNoRoutes) - nr0))
queued=$(synrecv_count $PORT)
expect_eq "SYNs queued + dropped" $((queued + ld)) 90
expect_ge "IpOutNoRoutes delta (SYNs with no route back)" "$nr" 20
failed=$(table_get ports netns="$ns" port=$PORT reason=TCP_SYN_REQUEST_FAILED -- count)
lastq=$(table_get ports netns="$ns" port=$PORT reason=TCP_SYN_QUEUE_LAST_QUARTER -- count)
qfull=$(table_get ports netns="$ns" port=$PORT reason=TCP_SYN_QUEUE_FULL -- count)
overflow=$(table_get ports netns="$ns" port=$PORT reason=TCP_LISTEN_OVERFLOW -- count)
expect_eq "TCP_SYN_REQUEST_FAILED vs IpOutNoRoutes delta" "$failed" "$nr"
expect_ge "TCP_SYN_QUEUE_LAST_QUARTER (the rule dropped some)" "$lastq" 20
expect_eq "TCP_SYN_QUEUE_LAST_QUARTER vs ListenDrops less the other SYN-drop reasons" \
	"$lastq" $((ld - failed - qfull - overflow))
expect_eq "listen-drop reasons vs ListenDrops delta" "$(listen_drops_sum)" "$ld"
expect_eq "the listener's syn_drops vs ListenDrops delta" \
	"$(table_get listeners port=$PORT -- syn_drops)" "$ld"
pass "$queued queued, $ld dropped: $failed TCP_SYN_REQUEST_FAILED = IpOutNoRoutes, $lastq TCP_SYN_QUEUE_LAST_QUARTER"
