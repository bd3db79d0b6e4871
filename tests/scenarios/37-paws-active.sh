# timeout: 120
# PAWS on the active side: this host connects, and the SYN-ACK that comes
# back echoes a timestamp no SYN of ours carried (an answer meant for
# another connection, as behind a NAT). The kernel rejects it (PAWSActive),
# resets it and retransmits its SYN. Each reject is TCP_RFC7323_PAWS for
# the connecting socket's port, with the SYN-ACK's TSval and TSecr.
P=7070
SP=45070
N=2
tcpi_load
tun_up tcpi0 4 10.99.0.1/16
ns=$(netns_inode)
pa0=$(netstat_get TcpExt:PAWSActive)
tcpi-peer -i tcpi0 -s 10.99.1.1 -d 10.99.0.1 -p $P -S $SP badsynack=$N > /tmp/peer.out 2>&1 &
peer=$!
tcpi-connect -a 10.99.1.1 -p $SP -s $P -n 1 -t 20 > /tmp/connect.out 2>&1 &
client=$!
wait $peer || fail "peer: $(cat /tmp/peer.out)"
wait_for 10 sh -c ". /tests/vm/lib.sh; [ \$((\$(netstat_get TcpExt:PAWSActive) - $pa0)) -ge $N ]"
kill $client 2> /dev/null
wait $client 2> /dev/null
expect_eq "PAWSActive delta" $(($(netstat_get TcpExt:PAWSActive) - pa0)) $N
expect_eq "TCP_RFC7323_PAWS for port $P" \
	"$(table_get ports netns="$ns" port=$P reason=TCP_RFC7323_PAWS -- count)" $N
expect_eq "TCP_RFC7323_PAWS in drops" "$(table_get drops reason=TCP_RFC7323_PAWS -- count)" $N
expect_eq "SYN_SENT PAWS events" \
	"$(grep -Ec " reason=TCP_RFC7323_PAWS family=4 saddr=10.99.1.1 sport=$SP daddr=10.99.0.1 dport=$P state=SYN_SENT flags=S\. .* info=stage:SYN_SENT,tsval:1000,tsecr:[0-9]+\$" /proc/tcpinsight/events)" $N
pass "$N SYN-ACKs rejected by PAWS in SYN_SENT = PAWSActive, each an event with TSval and TSecr"
