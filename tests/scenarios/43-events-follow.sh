# timeout: 150
# tcpinsightctl events -f --json under a flood of events much larger than
# a ring of 16: every event is printed once, in id order, or counted in a
# {"lost":N} marker, so printed + lost equals the events the module
# produced (drops_total, the same as events_logged + events_lost: the N
# NO_SOCKET drops made here, and any stray drop of a segment left over
# from earlier traffic, which a loaded machine may still deliver). Then the module is reloaded under the
# follower: one {"restarted":true}, and the new instance's events are
# accounted for the same way.
R=16
N=2000
N2=5
tcpi_load events_size=$R
tcpinsightctl events -f -i 0.1 --json > /tmp/follow.out 2> /tmp/follow.err &
follower=$!
tcpi-connect -a 127.0.0.1 -p 9 -n $N -x refused || fail "connects not refused"

expect_eq "NO_SOCKET drops" "$(table_get drops reason=NO_SOCKET -- count)" $N
produced=$(summary_get drops_total)
expect_ge "drops_total" "$produced" $N
expect_eq "events_logged + events_lost" \
	$(($(summary_get events_logged) + $(summary_get events_lost))) "$produced"
wait_for 30 grep -q "\"id\":$produced," /tmp/follow.out

# printed + lost: each lost marker must say exactly how far the ids jump
check_follow() {
	awk -v want="$1" '
		/^\{"restarted":true\}$/ { next }
		/^\{"lost":/ {
			n = $0; sub(/^\{"lost":/, "", n); sub(/,.*/, "", n)
			lost += n; pending = n; next
		}
		/"id":[0-9]/ {
			id = $0; sub(/.*"id":/, "", id); sub(/[,}].*/, "", id)
			if (id + 0 != last + pending + 1) { print "id " id " after " last " and " pending " lost"; bad = 1; exit }
			last = id + 0; pending = 0; printed++; next
		}
		{ print "unexpected line: " $0; bad = 1; exit }
		END {
			if (bad) exit 1
			if (printed + lost != want) { print "printed " printed " + lost " lost " != " want; exit 1 }
			print printed, lost
		}' "$2"
}
kill -TERM $follower
wait $follower
rc=$?
expect_eq "the follower's exit status after SIGTERM" $rc 0
[ ! -s /tmp/follow.err ] || fail "the follower wrote to stderr: $(cat /tmp/follow.err)"
res=$(check_follow "$produced" /tmp/follow.out) || fail "phase 1: $res"
printed=${res% *}
lost=${res#* }
[ "$lost" -gt 0 ] || fail "no event was lost with a ring of $R: the flood did not outrun the follower"
# more than one window's worth: the follower carried on across wraps
[ "$printed" -gt $R ] || fail "only $printed events printed: the follower read one window"

# A reload under a running follower, from a fresh instance.
tcpi_load events_size=$R
tcpinsightctl events -f -i 0.2 --json > /tmp/follow2.out 2> /tmp/follow2.err &
follower=$!
tcpi-connect -a 127.0.0.1 -p 9 -n 3 -x refused || fail "connects not refused"
t1=$(summary_get drops_total)
wait_for 30 grep -q "\"id\":$t1," /tmp/follow2.out
tcpi_unload
wait_for 30 grep -q 'waiting for tcpinsight to be loaded again' /tmp/follow2.err
tcpi_load events_size=$R
tcpi-connect -a 127.0.0.1 -p 9 -n $N2 -x refused || fail "connects not refused"
expect_eq "NO_SOCKET drops after the reload" "$(table_get drops reason=NO_SOCKET -- count)" $N2
t2=$(summary_get drops_total)
wait_for 30 grep -q "\"id\":$t2," /tmp/follow2.out
kill -TERM $follower
wait $follower
expect_eq "the follower's exit status after a reload" $? 0
expect_eq "restart markers" "$(grep -c '^{"restarted":true}$' /tmp/follow2.out)" 1
sed -n '/^{"restarted":true}$/,$p' /tmp/follow2.out > /tmp/follow2.after
res2=$(check_follow "$t2" /tmp/follow2.after) || fail "after the reload: $res2"
sed -n '1,/^{"restarted":true}$/p' /tmp/follow2.out > /tmp/follow2.before
res1=$(check_follow "$t1" /tmp/follow2.before) || fail "before the reload: $res1"
pass "$produced events ($N NO_SOCKET) through a ring of $R: $printed printed + $lost lost = drops_total; a reload is marked once and both instances add up"
