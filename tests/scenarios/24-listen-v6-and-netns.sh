# timeout: 200
# The SYN-queue and accept-queue checks on IPv6 listeners, and an
# accept-queue overflow inside another netns: its row and counters move,
# the init netns' do not.
. /tests/scenarios/listen_flood.inc
flood_run 6 0 7006 8 40
flood_check_queue
expect_eq "IPv6 TCP_SYN_QUEUE_FULL in ports vs TCPReqQFullDrop delta" \
	"$(table_get ports netns="$fl_ns" port=7006 reason=TCP_SYN_QUEUE_FULL -- count)" "$fl_qd"
expect_eq "IPv6 listen-drop reasons vs ListenDrops delta" "$(listen_drops_sum)" "$fl_ld"
grep -q " reason=TCP_SYN_QUEUE_FULL family=6 saddr=fd99::1[0-9a-f]* sport=[0-9]* daddr=fd99::1 dport=7006 state=LISTEN flags=S " \
	/proc/tcpinsight/events || fail "no IPv6 TCP_SYN_QUEUE_FULL event"

# IPv6 accept-queue overflow on ::1, in the init netns.
lo0=$(netstat_get TcpExt:ListenOverflows)
tcpi-listen -6 -a ::1 -p 7007 -b 3 > /tmp/listen7.out &
l7=$!
wait_for 10 grep -q listening /tmp/listen7.out
tcpi-connect -6 -a ::1 -p 7007 -n 9 -k > /dev/null &
c7=$!
wait_for 30 sh -c "[ \"\$(awk '\$4 == \"7007\" { print \$5 }' /proc/tcpinsight/listeners)\" = 4 ]"
wait_for 30 sh -c ". /tests/vm/lib.sh; [ \$((\$(netstat_get TcpExt:ListenOverflows) - $lo0)) -ge 5 ]"
settled_eq "IPv6 listener overflows vs ListenOverflows delta" \
	'echo $(($(netstat_get TcpExt:ListenOverflows) - lo0))' \
	'table_get listeners port=7007 -- overflows'
expect_eq "IPv6 accept_peak" "$(table_get listeners port=7007 -- accept_peak)" 4
# Its clients retransmit for as long as they live: stop them, or the init
# netns' ListenOverflows keeps moving while the child is measured.
kill "$c7" "$l7"
wait "$c7" "$l7" 2> /dev/null
wait_for 10 sh -c ". /tests/vm/lib.sh; [ \"\$(listening_count 7007)\" = 0 ]"

# The same overflow in a child netns. The child runs its own script and
# reports; verdicts stay out here.
init_ns=$(netns_inode)
grep -E "^$init_ns " /proc/tcpinsight/listeners | awk '{ print $1, $3, $4, $11 }' > /tmp/init.before
init_lo=$(netstat_get TcpExt:ListenOverflows)
cat > /tmp/child.sh <<'CHILD'
. /tests/vm/lib.sh
ip link set lo up
ns=$(netns_inode)
echo "$ns" > /tmp/child-ns
lo0=$(netstat_get TcpExt:ListenOverflows)
tcpi-listen -a 127.0.0.1 -p 7008 -b 2 > /tmp/listen8.out &
lp=$!
wait_for 10 grep -q listening /tmp/listen8.out
tcpi-connect -a 127.0.0.1 -p 7008 -n 8 -k > /dev/null &
cp=$!
wait_for 30 sh -c ". /tests/vm/lib.sh; [ \$((\$(netstat_get TcpExt:ListenOverflows) - $lo0)) -ge 5 ]"
settled_eq "child netns overflows vs its ListenOverflows delta" \
	'echo $(($(netstat_get TcpExt:ListenOverflows) - lo0))' \
	'table_get listeners netns=$ns port=7008 -- overflows'
table_get listeners netns="$ns" port=7008 -- overflows > /tmp/child-overflows
kill "$lp" "$cp"
wait
CHILD
rm -f "$TCPI_VERDICT"
unshare -n sh /tmp/child.sh || fail "in the child netns: $(cat "$TCPI_VERDICT" 2> /dev/null)"
[ -s /tmp/child-overflows ] || fail "the child netns did not finish"
child_ns=$(cat /tmp/child-ns)
[ "$child_ns" != "$init_ns" ] || fail "unshare -n gave no new netns"
wait_for 10 sh -c "! grep -q '^$child_ns ' /proc/tcpinsight/listeners"
grep -E "^$init_ns " /proc/tcpinsight/listeners | awk '{ print $1, $3, $4, $11 }' > /tmp/init.after
expect_eq "init netns ListenOverflows while the child overflowed" \
	"$(netstat_get TcpExt:ListenOverflows)" "$init_lo"
cmp -s /tmp/init.before /tmp/init.after ||
	fail "init netns listener rows changed: $(diff /tmp/init.before /tmp/init.after | tr '\n' ' ')"
pass "IPv6 SYN queue and accept queue exact; netns $child_ns: $(cat /tmp/child-overflows) overflows counted there only"
