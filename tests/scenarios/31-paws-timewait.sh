# timeout: 120
# PAWS in TIME_WAIT: the server accepts and closes first, the peer
# answers with its own FIN, the server's socket waits in TIME_WAIT; a
# segment with an old timestamp is then rejected there. Named
# TCP_RFC7323_TW_PAWS (the kernel's own name from 6.16), with the
# TIME_WAIT socket's ts_recent, and equal to the delta of the kernel's
# counter: PAWSEstab, or PAWSTimewait from 6.16.
P=7031
SP=40002
tcpi_load
tun_up tcpi0 4 10.99.0.1/16
tcpi-listen -a 10.99.0.1 -p $P -b 16 > /tmp/listen.out &
lp=$!
wait_for 10 grep -q listening /tmp/listen.out
mib=TcpExt:PAWSEstab
grep -q PAWSTimewait /proc/net/netstat && mib=TcpExt:PAWSTimewait
pe0=$(netstat_get $mib)
# The old segment only once the kernel shows the TIME_WAIT socket: the ACK
# of our FIN leaves before tcp_time_wait() installs it.
rm -f /tmp/tw
tcpi-peer -i tcpi0 -s 10.99.1.1 -d 10.99.0.1 -p $P -S $SP \
	syn=5000 synack ack=5001 usr1=$lp fin finack=5002 lastack waitfile=/tmp/tw data=17 \
	> /tmp/peer.out 2>&1 &
pp=$!
wait_for 10 grep -q '^lastack done' /tmp/peer.out
# 06: TCP_TIME_WAIT
wait_for 10 sh -c ". /tests/vm/lib.sh; [ \"\$(tcp_state_of $P 10.99.1.1 $SP)\" = 06 ]"
touch /tmp/tw
wait $pp || fail "peer: $(cat /tmp/peer.out)"
expect_eq "the server's socket" "$(tcp_state_of $P 10.99.1.1 $SP)" 06
n=0
until [ "$(netstat_get $mib)" -gt "$pe0" ]; do
	n=$((n + 1))
	if [ $n -gt 200 ]; then
		# What the kernel did with the segment instead.
		awk -v p=":$(printf %04X $P) " 'NR == 1 || index($0, p)' /proc/net/tcp
		for c in PAWSEstab PAWSTimewait TWKilled TWRecycled TCPTimeWaitOverflow; do
			grep -q "$c" /proc/net/netstat && echo "$c $(netstat_get TcpExt:$c)"
		done
		tail -n 5 /proc/tcpinsight/events
		cat /tmp/peer.out
		fail "$mib did not move after the old segment to TIME_WAIT"
	fi
	sleep 0.05
done
expect_eq "$mib delta" $(($(netstat_get $mib) - pe0)) 1
expect_eq "TCP_RFC7323_TW_PAWS in drops" "$(table_get drops reason=TCP_RFC7323_TW_PAWS -- count)" 1
expect_eq "other PAWS reasons" \
	$(($(table_get drops reason=TCP_RFC7323_PAWS -- count) + $(table_get drops reason=TCP_RST_PAWS_SYN_RECV -- count))) 0
grep -E " reason=TCP_RFC7323_TW_PAWS family=4 saddr=10.99.1.1 sport=$SP daddr=10.99.0.1 dport=$P state=TIME_WAIT .* info=stage:TIME_WAIT,tsval:17,ts_recent:5002\$" \
	/proc/tcpinsight/events > /dev/null ||
	fail "no TCP_RFC7323_TW_PAWS event with both timestamps: $(grep PAWS /proc/tcpinsight/events)"
pass "PAWS in TIME_WAIT: TCP_RFC7323_TW_PAWS = $mib delta, event with tsval 17, ts_recent 5002"
