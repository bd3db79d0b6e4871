# timeout: 300
# 200 listeners opened and closed in a loop on 10 ports while clients
# connect to those ports: afterwards no row is left for any of them, the
# table agrees with the kernel's list of listening sockets, and the
# kernel log is clean (the harness checks it).
tcpi_load
rm -f /tmp/stop
(
	while [ ! -e /tmp/stop ]; do
		p=7100
		while [ $p -lt 7110 ]; do
			tcpi-connect -a 127.0.0.1 -p $p -n 2 -t 1 > /dev/null
			p=$((p + 1))
		done
	done
) &
gen=$!
trap 'touch /tmp/stop; wait $gen 2> /dev/null' EXIT
tcpi-listen -a 127.0.0.1 -p 7100 -n 10 -c 200 > /tmp/churn.out || fail "churn: $(cat /tmp/churn.out)"
tcpi-listen -6 -p 7100 -n 10 -c 200 > /tmp/churn6.out || fail "churn IPv6: $(cat /tmp/churn6.out)"
touch /tmp/stop
wait $gen
starts=$(table_get probes name=inet_csk_listen_start -- hits)
[ "$starts" -ge 400 ] || fail "inet_csk_listen_start fired $starts times for 400 listens"
expect_eq "rows for ports 7100-7109" \
	"$(awk 'NR > 1 && $4 >= 7100 && $4 < 7110' /proc/tcpinsight/listeners | wc -l)" 0
expect_eq "rows vs listening sockets" "$(($(wc -l < /proc/tcpinsight/listeners) - 1))" \
	"$(awk '$4 == "0A"' /proc/net/tcp /proc/net/tcp6 | wc -l)"
expect_eq "summary listeners vs rows" "$(summary_get listeners)" \
	"$(($(wc -l < /proc/tcpinsight/listeners) - 1))"
expect_eq "listeners_overflow" "$(summary_get listeners_overflow)" 0
pass "400 listeners opened and closed under connects: no stale row"
