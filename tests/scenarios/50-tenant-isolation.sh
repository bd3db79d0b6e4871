# timeout: 240
# Tenant isolation: two tenants (network namespaces A and B) and the init
# namespace each have a listener and closed-port drops. A reader inside A
# sees exactly A's rows of ports, tcp, listeners and events (the same rows
# init sees for A), drops and summary's drops_total added up from A's own
# rows, and nothing of B: not its netns, not its ports. Init sees all
# three. A descriptor keeps the view of the namespace that opened it.
NA=5 NB=7 NI=3
tcpi_load
init_ns=$(netns_inode)

# tenant NAME: a namespace held open by a sleeping process; its pid in
# /tmp/NAME.pid, so commands run inside with nsenter.
tenant() {
	unshare -n sh -c "ip link set lo up; echo \$\$ > /tmp/$1.pid; exec sleep 600" &
	wait_for 10 test -s "/tmp/$1.pid"
}
in_ns() {
	in_pid=$(cat "/tmp/$1.pid")
	shift
	nsenter -t "$in_pid" -n "$@"
}
tenant A
tenant B
ns_a=$(in_ns A stat -L -c %i /proc/self/ns/net)
ns_b=$(in_ns B stat -L -c %i /proc/self/ns/net)
[ "$ns_a" != "$ns_b" ] && [ "$ns_a" != "$init_ns" ] || fail "tenants share a namespace: $ns_a $ns_b $init_ns"

# Each: a listener on 7x01 and refused connects to 7x02, from its own
# source ports, so every row and event says whose it is.
in_ns A tcpi-listen -a 127.0.0.1 -p 7201 > /tmp/A.listen &
in_ns B tcpi-listen -a 127.0.0.1 -p 7301 > /tmp/B.listen &
tcpi-listen -a 127.0.0.1 -p 7401 > /tmp/I.listen &
wait_for 10 grep -q listening /tmp/A.listen
wait_for 10 grep -q listening /tmp/B.listen
wait_for 10 grep -q listening /tmp/I.listen
in_ns A tcpi-connect -a 127.0.0.1 -p 7202 -n $NA -s 61000 -x refused || fail "tenant A connects"
in_ns B tcpi-connect -a 127.0.0.1 -p 7302 -n $NB -s 62000 -x refused || fail "tenant B connects"
tcpi-connect -a 127.0.0.1 -p 7402 -n $NI -s 63000 -x refused || fail "init connects"

files="drops ports tcp listeners events summary probes"
for f in $files; do
	cat "/proc/tcpinsight/$f" > "/tmp/I.$f"
	in_ns A cat "/proc/tcpinsight/$f" > "/tmp/A.$f" || fail "tenant A cannot read $f"
done

# Init sees every namespace.
expect_eq "init: ports row of A" "$(table_get ports netns="$ns_a" port=7202 reason=NO_SOCKET -- count)" $NA
expect_eq "init: ports row of B" "$(table_get ports netns="$ns_b" port=7302 reason=NO_SOCKET -- count)" $NB
expect_eq "init: ports row of init" "$(table_get ports netns="$init_ns" port=7402 reason=NO_SOCKET -- count)" $NI
for ns in "$ns_a" "$ns_b" "$init_ns"; do
	expect_eq "init: listeners of netns $ns" "$(awk -v ns="$ns" 'NR > 1 && $1 == ns' /tmp/I.listeners | wc -l)" 1
done

# A sees its own rows, exactly those init sees for A.
for f in ports tcp listeners; do
	head -n 1 "/tmp/I.$f" > "/tmp/want.$f"
	awk -v ns="$ns_a" 'NR > 1 && $1 == ns' "/tmp/I.$f" >> "/tmp/want.$f"
	cmp -s "/tmp/want.$f" "/tmp/A.$f" || fail "tenant A's $f is not init's rows of A: $(diff "/tmp/want.$f" "/tmp/A.$f" | tr '\n' ' ')"
	expect_ge "tenant A's rows in $f" "$(($(wc -l < "/tmp/A.$f") - 1))" 1
done
grep " netns=$ns_a " /tmp/I.events > /tmp/want.events || true
cmp -s /tmp/want.events /tmp/A.events || fail "tenant A's events are not init's events of A"
expect_eq "tenant A's NO_SOCKET events to 7202" "$(grep -c ' reason=NO_SOCKET .* dport=7202 ' /tmp/A.events || true)" $NA

# drops and drops_total: A's own rows of ports, added up per reason.
awk 'NR > 1 { n[$3] += $4 } END { for (r in n) print r, n[r] }' /tmp/A.ports | sort > /tmp/want.drops
awk 'NR > 1' /tmp/A.drops | sort > /tmp/got.drops
cmp -s /tmp/want.drops /tmp/got.drops || fail "tenant A's drops are not its ports rows added up: $(diff /tmp/want.drops /tmp/got.drops | tr '\n' ' ')"
expect_eq "tenant A's drops header" "$(head -n 1 /tmp/A.drops)" "reason count"
expect_eq "tenant A's drops_total" "$(awk '$1 == "drops_total" { print $2 }' /tmp/A.summary)" \
	"$(awk 'NR > 1 { n += $2 } END { print n + 0 }' /tmp/A.drops)"
expect_eq "tenant A's events_logged" "$(awk '$1 == "events_logged" { print $2 }' /tmp/A.summary)" \
	"$(wc -l < /tmp/A.events)"
expect_ge "init's NO_SOCKET drops" "$(table_get drops reason=NO_SOCKET -- count)" $((NA + NB + NI))

# Nothing of B or init reaches A: no netns, no port, no source port.
for f in $files; do
	for word in "$ns_b" "$init_ns" 7301 7302 7401 7402 62000 63000; do
		if grep -qw "$word" "/tmp/A.$f"; then
			fail "tenant A's $f shows '$word': $(grep -w "$word" "/tmp/A.$f" | head -n 1)"
		fi
	done
done

# A descriptor keeps its opener's view: init's, read inside A, shows B;
# A's, read from init, shows only A.
for f in ports events listeners; do
	exec 3< "/proc/tcpinsight/$f"
	in_ns A sh -c 'cat <&3' > "/tmp/fd-init.$f"
	exec 3<&-
	cmp -s "/tmp/fd-init.$f" "/tmp/I.$f" || fail "init's descriptor of $f read inside A is not init's view"
	in_ns A sh -c "exec 3< /proc/tcpinsight/$f; nsenter -t 1 -n cat <&3" > "/tmp/fd-a.$f"
	cmp -s "/tmp/fd-a.$f" "/tmp/A.$f" || fail "A's descriptor of $f read from init is not A's view: $(diff "/tmp/A.$f" "/tmp/fd-a.$f" | head -n 3 | tr '\n' ' ')"
done
pass "tenant A ($ns_a) sees its own $NA drops, listener and events only; init sees A, B and itself; descriptors keep their opener's view"
