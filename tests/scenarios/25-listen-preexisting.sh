# A listener opened before insmod, with connections waiting in its accept
# queue, appears with its current values.
tcpi_unload_if_loaded() { ! tcpi_loaded || tcpi_unload; }
tcpi_unload_if_loaded
tcpi-listen -a 127.0.0.1 -p 7010 -b 7 > /tmp/listen.out &
tcpi-listen -6 -a ::1 -p 7011 -b 4 > /tmp/listen6.out &
wait_for 10 grep -q listening /tmp/listen.out
wait_for 10 grep -q listening /tmp/listen6.out
tcpi-connect -a 127.0.0.1 -p 7010 -n 3 -x ok > /dev/null || fail "connects to 7010"
tcpi_load
expect_eq "listeners on 7010" "$(grep -c ' 7010 ' /proc/tcpinsight/listeners)" 1
expect_eq "accept_cur" "$(table_get listeners port=7010 -- accept_cur)" 3
expect_eq "accept_max" "$(table_get listeners port=7010 -- accept_max)" 7
expect_eq "accept_peak" "$(table_get listeners port=7010 -- accept_peak)" 3
expect_eq "syn_cur" "$(table_get listeners port=7010 -- syn_cur)" 0
expect_eq "overflows" "$(table_get listeners port=7010 -- overflows)" 0
expect_eq "addr" "$(table_get listeners port=7010 -- addr)" 127.0.0.1
expect_eq "IPv6 family" "$(table_get listeners port=7011 -- family)" 6
expect_eq "IPv6 addr" "$(table_get listeners port=7011 -- addr)" ::1
expect_eq "IPv6 accept_max" "$(table_get listeners port=7011 -- accept_max)" 4
# Every socket listening now has exactly one row, and nothing else has one.
expect_eq "rows vs listening sockets in /proc/net/tcp{,6}" \
	"$(($(wc -l < /proc/tcpinsight/listeners) - 1))" \
	"$(awk '$4 == "0A"' /proc/net/tcp /proc/net/tcp6 | wc -l)"
expect_eq "summary listeners vs rows" "$(summary_get listeners)" \
	"$(($(wc -l < /proc/tcpinsight/listeners) - 1))"
pass "listeners from before the load: 7010 with 3 queued of 7, ::1 7011"
