# timeout: 300
# Two processes read every /proc file in a loop while drops happen and the
# small ring wraps: no torn line, no kernel warning.
tcpi_load events_size=32
rm -f /tmp/stop
(
	while [ ! -e /tmp/stop ]; do
		tcpi-connect -a 127.0.0.1 -p 9 -n 10 -x any > /dev/null
		tcpi-connect -6 -a ::1 -p 9 -n 10 -x any > /dev/null
	done
) &
gen=$!
trap 'touch /tmp/stop; wait $gen 2>/dev/null' EXIT

files="/proc/tcpinsight/drops /proc/tcpinsight/ports /proc/tcpinsight/events /proc/tcpinsight/summary /proc/tcpinsight/probes"
tcpi-procread -n 300 $files > /tmp/reader1 2>&1 &
r1=$!
tcpi-procread -n 300 $files > /tmp/reader2 2>&1 &
r2=$!
wait $r1 || fail "reader 1: $(tail -3 /tmp/reader1)"
wait $r2 || fail "reader 2: $(tail -3 /tmp/reader2)"
touch /tmp/stop
wait $gen
drops=$(summary_get drops_total)
[ "$drops" -gt 0 ] || fail "no drop happened while reading"
pass "2 readers x 300 passes over 5 files while $drops drops happened; $(tail -1 /tmp/reader1)"
