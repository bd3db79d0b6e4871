# timeout: 120
# The control file is write-only for root (mode 0200), nobody reads it,
# and a write needs CAP_NET_ADMIN in both the opener's and the writer's
# credentials: root without it, a descriptor opened without it and used
# with it, and one opened with it and used without it all get EPERM, for
# good commands and bad ones alike, and change nothing. A user other
# than root cannot even open it.
tcpi_load
f=/proc/tcpinsight/control
expect_eq "mode of control" "$(stat -c %a "$f")" 200
expect_eq "owner of control" "$(stat -c %u:%g "$f")" 0:0
if cat "$f" > /dev/null 2>&1; then
	fail "reading the control file succeeded"
fi
if (exec 3<> "$f") 2> /dev/null; then
	fail "opening the control file for reading and writing succeeded"
fi

tcpi-connect -a 127.0.0.1 -p 9 -n 3 -x refused > /dev/null || fail "connects to port 9"
# Nothing recorded from here: sockets of earlier scenarios may still send.
ctl "filter netns 4294967295"
tcpi_settled_snapshot /tmp/before
n=0
for how in all open write; do
	for cmd in "disable kfree_skb" "disable all" "reset" "filter port 1" \
		"filter netns 1" "events off" "events size 16" "events rate 1" "bogus"; do
		out=$(tcpi-ctlwrite -c "$how" -x EPERM "$cmd") ||
			fail "'$cmd' without CAP_NET_ADMIN ($how): $out, want EPERM"
		n=$((n + 1))
	done
done
out=$(tcpi-ctlwrite -u 65534 -x EACCES "reset") || fail "'reset' as user 65534: $out, want EACCES"
tcpi_snapshot /tmp/after
if ! cmp -s /tmp/before /tmp/after; then
	diff /tmp/before /tmp/after | head -n 20
	fail "writes without CAP_NET_ADMIN changed /proc/tcpinsight"
fi

# With the capability the same writes work: the refusals were about it.
ctl "disable kfree_skb"
expect_eq "kfree_skb after disable with CAP_NET_ADMIN" "$(table_get probes name=kfree_skb -- state)" off
ctl "reset"
expect_eq "drops_total after reset with CAP_NET_ADMIN" "$(summary_get drops_total)" 0
pass "mode 0200, unreadable; $n writes without CAP_NET_ADMIN (none, opener only, writer only) got EPERM and changed nothing; user 65534 cannot open it"
