# timeout: 400
# 20 load/unload cycles while connects to closed ports run: each load
# starts from zero, counts the traffic, and unloads under traffic without
# a kernel warning (the harness checks the kernel log).
rm -f /tmp/pause /tmp/paused /tmp/stop
(
	while [ ! -e /tmp/stop ]; do
		if [ -e /tmp/pause ]; then
			touch /tmp/paused
			sleep 0.05
			continue
		fi
		rm -f /tmp/paused
		tcpi-connect -a 127.0.0.1 -p 9 -n 5 -x any > /dev/null
		tcpi-connect -6 -a ::1 -p 9 -n 5 -x any > /dev/null
	done
) &
gen=$!
trap 'touch /tmp/stop; wait $gen 2>/dev/null' EXIT

cycle=1
while [ $cycle -le 20 ]; do
	touch /tmp/pause
	wait_for 10 test -e /tmp/paused
	tcpi_load
	expect_eq "cycle $cycle: drops_total at load" "$(summary_get drops_total)" 0
	expect_eq "cycle $cycle: rows in ports at load" "$(grep -vc '^netns ' /proc/tcpinsight/ports || true)" 0
	expect_eq "cycle $cycle: lines in events at load" "$(wc -l < /proc/tcpinsight/events)" 0
	rm -f /tmp/pause
	wait_for 20 sh -c '[ "$(awk "\$1==\"drops_total\"{print \$2}" /proc/tcpinsight/summary)" -gt 0 ]'
	tcpi_unload
	cycle=$((cycle + 1))
done
pass "20 cycles under traffic, each starting from zero"
