# Ring of R slots, N > R drop events: events shows exactly the newest R,
# and events_lost grows by exactly N - R.
R=50
N=173
SBASE=44000
tcpi_load events_size=$R
lost0=$(summary_get events_lost)
logged0=$(summary_get events_logged)
expect_eq "events_logged after load" "$logged0" 0
tcpi-connect -a 127.0.0.1 -p 9 -n $N -s $SBASE -x refused || fail "connects not refused"

expect_eq "events_size" "$(summary_get events_size)" $R
expect_eq "events_logged" "$(summary_get events_logged)" $R
expect_eq "events_lost grew by" $(($(summary_get events_lost) - lost0)) $((N - R))
cat /proc/tcpinsight/events > /tmp/ring
expect_eq "lines in events" "$(wc -l < /tmp/ring)" $R
# Oldest first: line k holds the connect number N - R + k.
k=0
while read -r line; do
	want=$((SBASE + N - R + k))
	case "$line" in
	*" sport=$want daddr=127.0.0.1 dport=9 "*" id=$((N - R + k + 1)) info="*) ;;
	*) fail "line $k is not the connect from port $want with id $((N - R + k + 1)): $line" ;;
	esac
	k=$((k + 1))
done < /tmp/ring
pass "ring of $R after $N events: newest $R in order, $((N - R)) lost"
