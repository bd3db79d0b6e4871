# timeout: 240
# Failing allocations while the tables grow (kernels with fault injection:
# the debug kernel). tcpinsight allocates nothing after load: what can fail
# at run time is the kernel's own work around it, and the readers of
# /proc. With small tables (ports_max=256, listeners_max=16):
# - 20 listeners: 16 rows, 4 in listeners_overflow; SYNs whose request
#   socket cannot be allocated (failslab on request_sock_TCP, marked at
#   boot, exactly K times) are TCP_SYN_REQUEST_FAILED, K of them, = the
#   ListenDrops delta;
# - SYNs to 400 new closed ports from a sender whose own allocations fail
#   (failslab and fail_page_alloc at 20% for its task; the kernel receives
#   its SYNs in the softirq, where they do not): every SYN that got in is
#   one NO_SOCKET drop (= OutRsts), each port either has its row or is
#   counted in ports_overflow, exactly;
# - every allocation of a read of each /proc/tcpinsight file, failed one at
#   a time (fail-nth): the read fails with ENOMEM or returns the whole file.
# No kernel report beyond the allocation-failure warnings, and the
# module's vmalloc'd memory is what it was at load.
K=25
[ -e /sys/kernel/debug/failslab ] || skip "no fault injection in this kernel (the debug kernel has it)"
[ "$(cat /sys/kernel/slab/request_sock_TCP/failslab 2> /dev/null)" = 1 ] ||
	fail "request_sock_TCP is not marked for failslab (boot with slab_nomerge slub_debug=A,request_sock_TCP)"
fs=/sys/kernel/debug/failslab
fp=/sys/kernel/debug/fail_page_alloc
trap 'fault_injection_reset' EXIT
fault_injection_setup
dmesg -c > /dev/null

tcpi_load ports_max=256 listeners_max=16 events_size=64
vm0=$(tcpi_vmalloc_kb)
ns=$(netns_inode)
tun_up tcpi0 4 10.97.0.1/16
sysctl_set net.ipv4.conf.all.rp_filter 0
sysctl_set net.ipv4.conf.tcpi0.rp_filter 0

# --- listeners beyond listeners_max; request sockets that cannot be had
tcpi-listen -a 10.97.0.1 -p 7101 -b 64 -n 20 > /tmp/listen.out &
listeners=$!
wait_for 20 grep -q listening /tmp/listen.out
expect_eq "listeners tracked" "$(summary_get listeners)" 16
expect_eq "listeners_overflow" "$(summary_get listeners_overflow)" 4
expect_eq "rows for ports 7117-7120 (the four that did not fit)" \
	"$(awk 'NR > 1 && $4 >= 7117 && $4 <= 7120' /proc/tcpinsight/listeners | wc -l)" 0
ld0=$(netstat_get TcpExt:ListenDrops)
# Only the caches marked at boot fail: request_sock_TCP.
echo Y > $fs/cache-filter
echo $K > $fs/times
echo 1 > $fs/interval
echo 100 > $fs/probability
tcpi-synflood -i tcpi0 -s 10.97.1.1 -d 10.97.0.1 -p 7101 -n 40 -P 20 > /tmp/synflood.out &
synflood=$!
wait_for 30 sh -c ". /tests/vm/lib.sh; [ \$((\$(synrecv_count 7101) + \$(netstat_get TcpExt:ListenDrops) - $ld0)) -ge 40 ]"
echo 0 > $fs/probability
echo N > $fs/cache-filter
expect_eq "request-socket failures left to inject" "$(cat $fs/times)" 0
ld=$(($(netstat_get TcpExt:ListenDrops) - ld0))
expect_eq "ListenDrops delta" "$ld" $K
expect_eq "TCP_SYN_REQUEST_FAILED for port 7101" \
	"$(table_get ports netns="$ns" port=7101 reason=TCP_SYN_REQUEST_FAILED -- count)" $K
expect_eq "listen-drop reasons vs ListenDrops delta" "$(listen_drops_sum)" "$ld"
expect_eq "the listener's syn_drops" "$(table_get listeners port=7101 -- syn_drops)" $K
expect_eq "the listener's syn_cur vs the kernel's requests" \
	"$(table_get listeners port=7101 -- syn_cur)" "$(synrecv_count 7101)"
kill "$synflood" "$listeners"
wait_for 20 sh -c ". /tests/vm/lib.sh; [ \$(listening_count 7101) = 0 ]"
wait_for 20 sh -c "[ \$(awk 'NR > 1' /proc/tcpinsight/listeners | wc -l) = 0 ]"

# --- new port keys beyond ports_max from a sender whose allocations fail
drops0=$(table_get drops reason=NO_SOCKET -- count)
over0=$(summary_get ports_overflow)
rsts0=$(netstat_get Tcp:OutRsts)
for d in $fs $fp; do
	echo Y > $d/task-filter
	echo -1 > $d/times
	echo 1 > $d/interval
	echo 20 > $d/probability
done
tcpi-flood -i tcpi0 -s 198.18.0.2 -d 10.97.0.1 -p 20000 -P 400 -n 2000 -F > /tmp/flood.out ||
	fail "tcpi-flood: $(cat /tmp/flood.out)"
for d in $fs $fp; do
	echo 0 > $d/probability
	echo N > $d/task-filter
done
read -r _ sent _ _ _ refused _ < /tmp/flood.out
expect_eq "SYNs that got in" "$sent" 2000
[ "$refused" -gt 0 ] || fail "no write was refused: the injection did not reach the sender"
# Each SYN is received in the softirq after its write (tcpi-flood -F), out
# of the injection's reach: wait for the last one, then count exactly.
rsts_delta() {
	echo $(($(netstat_get Tcp:OutRsts) - rsts0))
}
polls=0
while [ "$(rsts_delta)" -lt 2000 ] && [ $polls -lt 600 ]; do
	sleep 0.05
	polls=$((polls + 1))
done
rsts=$(rsts_delta)
expect_eq "OutRsts delta" "$rsts" 2000
expect_eq "NO_SOCKET delta" $(($(table_get drops reason=NO_SOCKET -- count) - drops0)) "$rsts"
over=$(($(summary_get ports_overflow) - over0))
[ "$over" -gt 0 ] || fail "400 new keys in 256 slots and nothing in ports_overflow"
awk -v ns="$ns" 'NR > 1 && $1 == ns && $2 >= 20000 && $2 < 20400 && $3 == "NO_SOCKET" { rows++; sum += $4; if ($4 != 5) bad = $0 }
	END { print rows + 0, sum + 0, bad }' /proc/tcpinsight/ports > /tmp/rows
read -r rows sum bad < /tmp/rows
[ -z "$bad" ] || fail "a port with a row has not all its 5 SYNs: $bad"
expect_eq "NO_SOCKET in port rows + ports_overflow" $((sum + over)) "$rsts"
expect_ge "ports_max" "$(summary_get ports_max)" "$(summary_get ports_used)"

# --- every allocation of every read, failed one at a time
reads=0 refusals=0
# The whole file is what a plain read gives just before and just after,
# when those two agree: a count can move meanwhile (a probe's hits, when
# the kernel drops a packet of its own), and the read is then made again.
for f in drops ports events summary probes listeners tcp; do
	n=1
	while :; do
		tries=0
		while :; do
			cat /proc/tcpinsight/$f > /tmp/ref
			tcpi-failnth -n $n /proc/tcpinsight/$f > /tmp/fn.out || fail "tcpi-failnth: $(cat /tmp/fn.out)"
			reads=$((reads + 1))
			cat /proc/tcpinsight/$f > /tmp/ref.after
			cmp -s /tmp/ref /tmp/ref.after && break
			tries=$((tries + 1))
			[ $tries -lt 20 ] || fail "$f never held still across a read"
		done
		if grep -qx "rc=0" /tmp/fn.out; then
			sed '1,/^--$/d' /tmp/fn.out > /tmp/got
			cmp -s /tmp/got /tmp/ref ||
				fail "$f read with allocation $n failed: not the whole file: $(diff /tmp/ref /tmp/got | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
		else
			grep -qx "rc=-1 errno=ENOMEM" /tmp/fn.out || fail "$f read with allocation $n failed: $(head -n 2 /tmp/fn.out)"
			refusals=$((refusals + 1))
		fi
		grep -qx "injected=1" /tmp/fn.out || break
		n=$((n + 1))
		[ $n -le 200 ] || fail "$f: more than 200 allocations in one read"
	done
done
[ "$refusals" -gt 0 ] || fail "no read was refused: the injection did not reach the readers"

dmesg -c > /tmp/fr.dmesg
reports=$(kernel_reports /tmp/fr.dmesg)
[ -z "$reports" ] || fail "kernel report: $(echo "$reports" | head -n 3)"
expect_eq "tcpinsight's vmalloc'd memory (kB) vs at load" "$(tcpi_vmalloc_kb)" "$vm0"
pass "listeners 16 + 4 overflow; $K failed request sockets = $K TCP_SYN_REQUEST_FAILED = ListenDrops; 2000 SYNs ($refused writes refused) = $rsts NO_SOCKET = $rows rows x 5 + $over overflow; $reads reads, $refusals refused with ENOMEM, the rest whole"
