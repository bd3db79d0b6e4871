# timeout: 150
# A listener with backlog B that never accepts, C > B + 1 clients: the
# accept queue holds B + 1, and every overflow (at SYN and at the final
# ACK) is counted once, for that listener, equal to the kernel's
# ListenOverflows; all listen drops add up to ListenDrops.
B=5
C=12
P=7001
sysctl_set net.ipv4.tcp_abort_on_overflow 0
tcpi_load
ns=$(netns_inode)
lo0=$(netstat_get TcpExt:ListenOverflows)
ld0=$(netstat_get TcpExt:ListenDrops)
dr0=$(table_get drops reason=TCP_LISTEN_OVERFLOW -- count)

tcpi-listen -a 127.0.0.1 -p $P -b $B > /tmp/listen.out &
wait_for 10 grep -q listening /tmp/listen.out
expect_eq "accept_max of a fresh listener" "$(table_get listeners port=$P -- accept_max)" $B
expect_eq "accept_cur of a fresh listener" "$(table_get listeners port=$P -- accept_cur)" 0
tcpi-connect -a 127.0.0.1 -p $P -n $C -k > /tmp/clients.out &
wait_for 30 sh -c "[ \"\$(awk '\$4 == \"$P\" { print \$5 }' /proc/tcpinsight/listeners)\" = $((B + 1)) ]"
# Every client beyond the queue is turned away at least once.
wait_for 30 sh -c ". /tests/vm/lib.sh; [ \$((\$(netstat_get TcpExt:ListenOverflows) - $lo0)) -ge $((C - B - 1)) ]"

expect_eq "accept_cur" "$(table_get listeners port=$P -- accept_cur)" $((B + 1))
expect_eq "accept_peak" "$(table_get listeners port=$P -- accept_peak)" $((B + 1))
expect_eq "accept_max" "$(table_get listeners port=$P -- accept_max)" $B
settled_eq "listener overflows vs ListenOverflows delta" \
	'echo $(($(netstat_get TcpExt:ListenOverflows) - lo0))' \
	'table_get listeners port=$P -- overflows'
settled_eq "TCP_LISTEN_OVERFLOW in drops vs ListenOverflows delta" \
	'echo $(($(netstat_get TcpExt:ListenOverflows) - lo0))' \
	'echo $(($(table_get drops reason=TCP_LISTEN_OVERFLOW -- count) - dr0))'
settled_eq "ports row $P TCP_LISTEN_OVERFLOW vs ListenOverflows delta" \
	'echo $(($(netstat_get TcpExt:ListenOverflows) - lo0))' \
	'table_get ports netns=$ns port=$P reason=TCP_LISTEN_OVERFLOW -- count'
settled_eq "listen-drop reasons vs ListenDrops delta" \
	'echo $(($(netstat_get TcpExt:ListenDrops) - ld0))' \
	'listen_drops_sum'
overflows=$(table_get listeners port=$P -- overflows)
grep -q " reason=TCP_LISTEN_OVERFLOW family=4 saddr=127.0.0.1 sport=[0-9]* daddr=127.0.0.1 dport=$P state=LISTEN " \
	/proc/tcpinsight/events || fail "no TCP_LISTEN_OVERFLOW event for port $P"
pass "backlog $B, $C clients: queue $((B + 1)) = peak, $overflows overflows = ListenOverflows, drops and ports agree"
