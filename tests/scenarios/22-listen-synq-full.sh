# timeout: 150
# tcp_syncookies=0, a burst of SYNs that never complete: the SYN queue
# fills to syn_max and stays; TCP_SYN_QUEUE_FULL equals TCPReqQFullDrop
# and the listen-drop reasons add up to ListenDrops.
. /tests/scenarios/listen_flood.inc
flood_run 4 0 7004 8 40
flood_check_queue
[ "$fl_qd" -gt 0 ] || fail "the burst did not fill the SYN queue (TCPReqQFullDrop did not move)"
expect_eq "SYNs queued + dropped" $((fl_queued + fl_ld)) 40
expect_eq "TCP_SYN_QUEUE_FULL in ports vs TCPReqQFullDrop delta" \
	"$(table_get ports netns="$fl_ns" port=7004 reason=TCP_SYN_QUEUE_FULL -- count)" "$fl_qd"
expect_eq "TCP_SYN_QUEUE_FULL in drops vs TCPReqQFullDrop delta" \
	"$(table_get drops reason=TCP_SYN_QUEUE_FULL -- count)" "$fl_qd"
expect_eq "listen-drop reasons vs ListenDrops delta" "$(listen_drops_sum)" "$fl_ld"
expect_eq "the listener's syn_drops vs ListenDrops delta" \
	"$(table_get listeners port=7004 -- syn_drops)" "$fl_ld"
expect_eq "cookies without syncookies" "$(table_get listeners port=7004 -- cookies)" 0
expect_eq "TCP_SYN_QUEUE_FULL events" \
	"$(grep -c " reason=TCP_SYN_QUEUE_FULL family=4 saddr=10.99.1.[0-9]* sport=[0-9]* daddr=10.99.0.1 dport=7004 state=LISTEN flags=S " /proc/tcpinsight/events)" "$fl_qd"
pass "syn_max $fl_max reached and held; $fl_qd TCP_SYN_QUEUE_FULL = TCPReqQFullDrop; $fl_ld listen drops = ListenDrops"
