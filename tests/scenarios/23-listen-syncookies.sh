# timeout: 150
# tcp_syncookies=1, the same burst: the SYNs beyond the queue get cookies,
# counted per listener and equal to TCPReqQFullDoCookies; nothing is
# dropped for a full SYN queue.
. /tests/scenarios/listen_flood.inc
flood_run 4 1 7005 8 40
flood_check_queue
[ "$fl_qc" -gt 0 ] || fail "no cookie was sent (TCPReqQFullDoCookies did not move)"
expect_eq "cookies vs TCPReqQFullDoCookies delta" "$(table_get listeners port=7005 -- cookies)" "$fl_qc"
expect_eq "cookies vs SyncookiesSent delta" "$(table_get listeners port=7005 -- cookies)" "$fl_cs"
expect_eq "SYNs queued + answered with a cookie" $((fl_queued + fl_cs)) 40
expect_eq "TCPReqQFullDrop delta with cookies" "$fl_qd" 0
expect_eq "TCP_SYN_QUEUE_FULL with cookies" "$(table_get drops reason=TCP_SYN_QUEUE_FULL -- count)" 0
expect_eq "listen-drop reasons vs ListenDrops delta" "$(listen_drops_sum)" "$fl_ld"
pass "syn_max $fl_max held; $fl_qc cookies = TCPReqQFullDoCookies = SyncookiesSent; no queue-full drop"
