# timeout: 120
# Resets per port. A server that closes connections with unread data
# resets them (the "QPS stays at zero after a restart" incident): counted
# as abort_on_close for its port, equal to TCPAbortOnClose, with an event
# for each; each RST it sent is counted with its reason, each the client
# received as rst_received; RSTs to a closed port are rst_sent NO_SOCKET;
# and all RSTs sent add up to Tcp:OutRsts.
P=7040
N=5
tcpi_load
ns=$(netns_inode)
ao0=$(netstat_get TcpExt:TCPAbortOnClose)
rst0=$(netstat_get Tcp:OutRsts)
tcpi-abort -a 127.0.0.1 -p $P -n $N -b 100 > /tmp/abort.out || fail "tcpi-abort: $(cat /tmp/abort.out)"
tcpi-connect -a 127.0.0.1 -p 9 -n 7 -x refused > /dev/null || fail "connects to port 9 were not refused"

expect_eq "TCPAbortOnClose delta" $(($(netstat_get TcpExt:TCPAbortOnClose) - ao0)) $N
expect_eq "abort_on_close for port $P" \
	"$(table_get tcp netns="$ns" port=$P counter=abort_on_close -- count)" $N
# Before 6.10 the kernel gives an active reset no reason.
case $(cat /etc/tcpi-kver) in
5.10 | 6.1) why=NOT_SPECIFIED ;;
*) why=TCP_ABORT_ON_CLOSE ;;
esac
expect_eq "rst_sent $why for port $P" \
	"$(table_get tcp netns="$ns" port=$P counter=rst_sent reason=$why -- count)" $N
expect_eq "rst_sent NO_SOCKET for port 9" \
	"$(table_get tcp netns="$ns" port=9 counter=rst_sent reason=NO_SOCKET -- count)" 7
# Every client was reset: the N aborted ones, and the 7 refused in SYN_SENT.
expect_eq "rst_received by the clients" \
	"$(awk -v ns="$ns" 'NR > 1 && $1 == ns && $3 == "rst_received" { n += $5 } END { print n + 0 }' /proc/tcpinsight/tcp)" $((N + 7))
expect_eq "rst_sent, all ports, vs Tcp:OutRsts delta" \
	"$(awk -v ns="$ns" 'NR > 1 && $1 == ns && $3 == "rst_sent" { n += $5 } END { print n + 0 }' /proc/tcpinsight/tcp)" \
	$(($(netstat_get Tcp:OutRsts) - rst0))
expect_eq "TCP_ABORT_ON_CLOSE events" \
	"$(grep -c " reason=TCP_ABORT_ON_CLOSE family=4 saddr=127.0.0.1 sport=$P daddr=127.0.0.1 dport=[0-9]* state=ESTABLISHED flags=R. seq=[0-9]* ack=[0-9]* len=100 " /proc/tcpinsight/events)" $N
expect_eq "TCP_ABORT_ON_CLOSE is not a dropped segment" \
	"$(table_get drops reason=TCP_ABORT_ON_CLOSE -- count)" 0
pass "$N aborts on close = TCPAbortOnClose, RSTs sent ($why, NO_SOCKET) = OutRsts, $((N + 7)) received"
