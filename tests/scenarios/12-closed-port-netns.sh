# Closed-port drops inside a new network namespace carry that namespace's
# inode, and the init namespace's rows do not change.
N=19
SBASE=43000
tcpi_load
init_ns=$(netns_inode)
grep -E "^$init_ns " /proc/tcpinsight/ports > /tmp/init-rows.before || true
drops0=$(table_get drops reason=NO_SOCKET -- count)

# The child only generates traffic and reports; verdicts stay out here.
unshare -n sh -c '
	ip link set lo up
	stat -L -c %i /proc/self/ns/net > /tmp/child-ns
	awk "/^Tcp:/ && ++n == 2 { print \$0 }" /proc/net/snmp > /tmp/child-snmp.before
	tcpi-connect -a 127.0.0.1 -p 7 -n '$N' -s '$SBASE' -x refused > /tmp/child-connect 2>&1
	echo $? > /tmp/child-rc
	awk "/^Tcp:/ && ++n == 2 { print \$0 }" /proc/net/snmp > /tmp/child-snmp.after
	awk "/^Tcp:/ && ++n == 1 { print \$0 }" /proc/net/snmp > /tmp/child-snmp.header
'
expect_eq "connects in the child netns exit status" "$(cat /tmp/child-rc)" 0
child_ns=$(cat /tmp/child-ns)
[ "$child_ns" != "$init_ns" ] || fail "unshare -n did not give a new netns"

expect_eq "NO_SOCKET in drops grew by" $(($(table_get drops reason=NO_SOCKET -- count) - drops0)) $N
expect_eq "ports row $child_ns 7 NO_SOCKET" \
	"$(table_get ports netns="$child_ns" port=7 reason=NO_SOCKET -- count)" $N
col=$(tr ' ' '\n' < /tmp/child-snmp.header | grep -n '^OutRsts$' | cut -d: -f1)
rsts=$(( $(cut -d' ' -f"$col" /tmp/child-snmp.after) - $(cut -d' ' -f"$col" /tmp/child-snmp.before) ))
expect_eq "child netns OutRsts delta" "$rsts" $N

cat /proc/tcpinsight/events > /tmp/events
i=0
while [ $i -lt $N ]; do
	want=" netns=$child_ns reason=NO_SOCKET family=4 saddr=127.0.0.1 sport=$((SBASE + i)) daddr=127.0.0.1 dport=7 state=- flags=S seq="
	expect_eq "events from sport $((SBASE + i))" "$(grep -c -F -- "$want" /tmp/events || true)" 1
	i=$((i + 1))
done
expect_eq "port-7 events in the init netns" \
	"$(grep -c " netns=$init_ns .* dport=7 " /tmp/events || true)" 0
grep -E "^$init_ns " /proc/tcpinsight/ports > /tmp/init-rows.after || true
cmp -s /tmp/init-rows.before /tmp/init-rows.after ||
	fail "init netns rows changed: $(diff /tmp/init-rows.before /tmp/init-rows.after | tr '\n' ' ')"
pass "netns $child_ns: $N drops, rows and events exact; init netns $init_ns untouched"
