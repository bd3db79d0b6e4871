# timeout: 120
# The kernel never answers a RST. N bare SYNs from port 9 to a closed port
# 5103: each is dropped (NO_SOCKET) and answered with a RST to port 9,
# closed too, where the RST is dropped (NO_SOCKET) without an answer.
# rst_sent counts the N RSTs sent, on port 5103, and nothing on port 9:
# its total equals the kernel's OutRsts delta.
N=40
tcpi_load
ns=$(netns_inode)
rst0=$(netstat_get Tcp:OutRsts)
drops0=$(table_get drops reason=NO_SOCKET -- count)
tcpi-bench-synstorm -p 5103 -n $N -w 0 > /tmp/storm.out || fail "tcpi-bench-synstorm: $(cat /tmp/storm.out)"
expect_eq "Tcp:OutRsts delta" $(($(netstat_get Tcp:OutRsts) - rst0)) $N
expect_eq "NO_SOCKET drops: each SYN and each RST" \
	$(($(table_get drops reason=NO_SOCKET -- count) - drops0)) $((2 * N))
expect_eq "rst_sent NO_SOCKET for port 5103" \
	"$(table_get tcp netns="$ns" port=5103 counter=rst_sent reason=NO_SOCKET -- count)" $N
expect_eq "rst_sent for port 9, which sent none" \
	"$(table_get tcp netns="$ns" port=9 counter=rst_sent reason=NO_SOCKET -- count)" 0
expect_eq "rst_sent, all ports, vs Tcp:OutRsts delta" \
	"$(awk -v ns="$ns" 'NR > 1 && $1 == ns && $3 == "rst_sent" { n += $5 } END { print n + 0 }' /proc/tcpinsight/tcp)" \
	$(($(netstat_get Tcp:OutRsts) - rst0))
pass "$N SYNs to a closed port: $N RSTs sent and counted, $((2 * N)) NO_SOCKET drops"
