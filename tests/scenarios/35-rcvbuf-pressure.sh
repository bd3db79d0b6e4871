# timeout: 120
# Receive-buffer pressure, from a peer (played through TUN) that ignores
# the window of a server that never reads, with a 2 KB SO_RCVBUF:
# - port P: a stream of small segments fills the buffer; the kernel prunes
#   and collapses the queue, and drops what arrives once the window is
#   shut (TCPZeroWindowDrop; from 6.16 most of it fails the end-sequence
#   check before it gets that far).
# - port P+1: out-of-order segments with holes, which nothing can merge:
#   the kernel prunes the out-of-order queue, or gives up and drops the
#   segment (RcvPruned, TCPOFODrop: PROTO_MEM), depending on the kernel.
# Each per-port counter must equal the kernel's own counter's delta.
P=7050
tcpi_load
tun_up tcpi0 4 10.99.0.1/16
tcpi-listen -a 10.99.0.1 -p $P -n 2 -b 16 -r 2048 > /tmp/listen.out &
wait_for 10 grep -q listening /tmp/listen.out
ns=$(netns_inode)
MIBS="PruneCalled RcvPruned OfoPruned TCPRcvCollapsed TCPRcvQDrop TCPOFODrop TCPZeroWindowDrop"
for m in $MIBS; do eval "before_$m=\$(netstat_get TcpExt:$m)"; done
delta() { eval "echo \$((\$(netstat_get TcpExt:$1) - before_$1))"; }

tcpi-peer -i tcpi0 -s 10.99.1.1 -d 10.99.0.1 -p $P -S 40010 \
	syn=1000 synack ack=1001 gap=20 stream=300 stream=100 stream=100 > /tmp/peer1.out 2>&1 ||
	fail "peer on $P: $(cat /tmp/peer1.out)"
tcpi-peer -i tcpi0 -s 10.99.1.1 -d 10.99.0.1 -p $((P + 1)) -S 40011 \
	syn=1000 synack ack=1001 sparse=70 stream=5 sparse=70 > /tmp/peer2.out 2>&1 ||
	fail "peer on $((P + 1)): $(cat /tmp/peer2.out)"

# counter_sum NAME: tcpinsight's NAME over both ports
counter_sum() {
	awk -v ns="$ns" -v c="$1" -v p=$P 'NR > 1 && $1 == ns && ($2 == p || $2 == p + 1) && $3 == c { n += $5 } END { print n + 0 }' \
		/proc/tcpinsight/tcp
}
# reason_sum REASON: drops of REASON over both ports. Before 6.11 the
# kernel reports a drop inside a socket's receive path with neither the
# socket nor the device: its netns is unknown, printed as 0
# (Documentation/proc-format.md, tcp).
[ "$(cat /etc/tcpi-kver)" = 6.1 ] && nsdrop=0 || nsdrop=$ns
reason_sum() {
	awk -v ns="$ns" -v ns2="$nsdrop" -v r="$1" -v p=$P 'NR > 1 && ($1 == ns || $1 == ns2) && ($2 == p || $2 == p + 1) && $3 == r { n += $4 } END { print n + 0 }' \
		/proc/tcpinsight/ports
}
expect_eq "prune_called vs PruneCalled" "$(counter_sum prune_called)" "$(delta PruneCalled)"
expect_eq "rcv_pruned vs RcvPruned" "$(counter_sum rcv_pruned)" "$(delta RcvPruned)"
expect_eq "ofo_pruned vs OfoPruned" "$(counter_sum ofo_pruned)" "$(delta OfoPruned)"
expect_eq "rcv_collapsed vs TCPRcvCollapsed" "$(counter_sum rcv_collapsed)" "$(delta TCPRcvCollapsed)"
expect_eq "PROTO_MEM drops vs TCPRcvQDrop + TCPOFODrop" \
	"$(reason_sum PROTO_MEM)" $(($(delta TCPRcvQDrop) + $(delta TCPOFODrop)))
# Both peers made the kernel prune, and each prune found something to do.
expect_ge "prune_called on port $P" "$(table_get tcp netns="$ns" port=$P counter=prune_called -- count)" 1
expect_ge "prune_called on port $((P + 1))" "$(table_get tcp netns="$ns" port=$((P + 1)) counter=prune_called -- count)" 1
expect_ge "rcv_collapsed on port $P" "$(table_get tcp netns="$ns" port=$P counter=rcv_collapsed -- count)" 1
expect_ge "ofo_pruned + rcv_pruned on port $((P + 1))" \
	$(($(table_get tcp netns="$ns" port=$((P + 1)) counter=ofo_pruned -- count) + $(table_get tcp netns="$ns" port=$((P + 1)) counter=rcv_pruned -- count))) 1
if [ "$(reason_sum PROTO_MEM)" -gt 0 ]; then
	grep -Eq " reason=PROTO_MEM family=4 saddr=10.99.1.1 sport=40011 daddr=10.99.0.1 dport=$((P + 1)) state=ESTABLISHED .* info=rcvbuf:[0-9]+,rmem:[0-9]+\$" \
		/proc/tcpinsight/events || fail "no PROTO_MEM event with the buffer: $(grep -m3 PROTO_MEM /proc/tcpinsight/events)"
fi

if ! kernel_has_drop_reasons; then
	expect_ge "TCPZeroWindowDrop delta" "$(delta TCPZeroWindowDrop)" 1
	expect_eq "TCP_ZEROWINDOW on 5.10" "$(reason_sum TCP_ZEROWINDOW)" 0
	pass "prune, collapse, out-of-order prune and PROTO_MEM per port = the kernel's counters; 5.10 frees a zero-window drop without a tracepoint, so only the kernel counts those"
fi
expect_eq "TCP_ZEROWINDOW vs TCPZeroWindowDrop" "$(reason_sum TCP_ZEROWINDOW)" "$(delta TCPZeroWindowDrop)"
case $(cat /etc/tcpi-kver) in
7.2)
	expect_ge "TCP_INVALID_END_SEQUENCE on port $P" \
		"$(table_get ports netns="$ns" port=$P reason=TCP_INVALID_END_SEQUENCE -- count)" 1
	;;
*) expect_ge "TCP_ZEROWINDOW on port $P" "$(table_get ports netns="$nsdrop" port=$P reason=TCP_ZEROWINDOW -- count)" 1 ;;
esac
pass "prune $(counter_sum prune_called), collapsed $(counter_sum rcv_collapsed), ofo pruned $(counter_sum ofo_pruned), rcv pruned $(counter_sum rcv_pruned), PROTO_MEM $(reason_sum PROTO_MEM), zero window $(reason_sum TCP_ZEROWINDOW): all = the kernel's counters"
