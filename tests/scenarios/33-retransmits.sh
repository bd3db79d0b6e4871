# timeout: 150
# Retransmissions per port, equal to Tcp:RetransSegs. A server sends data
# to a peer (played through TUN) that never acknowledges it; the kernel
# retransmits on its timer. Run in a netns of its own, so RetransSegs
# counts nothing else.
tcpi_load
cat > /tmp/child.sh <<'CHILD'
. /tests/vm/lib.sh
ip link set lo up
tun_up tcpi0 4 10.99.0.1/16
ns=$(netns_inode)
rs0=$(netstat_get Tcp:RetransSegs)
tcpi-listen -a 10.99.0.1 -p 7041 -b 8 -w 100 > /tmp/listen.out &
lp=$!
wait_for 10 grep -q listening /tmp/listen.out
tcpi-peer -i tcpi0 -s 10.99.1.1 -d 10.99.0.1 -p 7041 -S 40003 \
	syn=1 synack ack=2 usr1=$lp hold > /tmp/peer.out 2>&1 &
pp=$!
wait_for 10 grep -q holding /tmp/peer.out
wait_for 60 sh -c ". /tests/vm/lib.sh; [ \$((\$(netstat_get Tcp:RetransSegs) - $rs0)) -ge 3 ]"
settled_eq "retransmits of port 7041 vs Tcp:RetransSegs delta" \
	'echo $(($(netstat_get Tcp:RetransSegs) - rs0))' \
	'table_get tcp netns=$ns port=7041 counter=retransmits -- count'
table_get tcp netns="$ns" port=7041 counter=retransmits -- count > /tmp/child-retrans
kill "$lp" "$pp"
wait
CHILD
rm -f /tmp/child-retrans
unshare -n sh /tmp/child.sh || fail "in the child netns: $(cat "$TCPI_VERDICT" 2> /dev/null) $(tail -n 3 /tmp/peer.out)"
[ -s /tmp/child-retrans ] || fail "the child netns did not finish"
pass "$(cat /tmp/child-retrans) retransmissions of port 7041 = Tcp:RetransSegs"
