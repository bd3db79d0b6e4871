# timeout: 120
# Senders held up by a full send buffer: a sender that fills its buffer
# towards a peer that never reads, then makes K blocking sends that each
# time out after T ms. Every send that found no room is sndbuf_full; the
# K blocking ones are sndbuf_wait, together at least K*T ms in
# sndbuf_wait_us, each with an event. The kernel keeps no counter of this:
# the program's own count is the reference.
P=7060
K=4
T=200
tcpi_load
ns=$(netns_inode)
tcpi-sndbuf -p $P -k $K -t $T > /tmp/sndbuf.out 2> /tmp/sndbuf.err &
wait_for 60 grep -q '^full=' /tmp/sndbuf.out
[ -s /tmp/sndbuf.err ] && fail "tcpi-sndbuf: $(cat /tmp/sndbuf.err)"
full=$(sed -n 's/^full=\([0-9]*\) .*/\1/p' /tmp/sndbuf.out)
# The sender is the connecting side: its local port is not P. The listener's
# side never sends, so every row is the sender's.
sender=$(awk -v ns="$ns" -v p=$P 'NR > 1 && $1 == ns && $2 != p && $3 == "sndbuf_full" { print $2 }' /proc/tcpinsight/tcp)
[ -n "$sender" ] || fail "no sndbuf_full row: $(cat /proc/tcpinsight/tcp)"
expect_eq "sndbuf_full" "$(table_get tcp netns="$ns" port="$sender" counter=sndbuf_full -- count)" "$full"
expect_eq "sndbuf_wait" "$(table_get tcp netns="$ns" port="$sender" counter=sndbuf_wait -- count)" $K
us=$(table_get tcp netns="$ns" port="$sender" counter=sndbuf_wait_us -- count)
expect_ge "sndbuf_wait_us" "$us" $((K * T * 1000))
expect_eq "sndbuf rows for the receiving port" \
	"$(awk -v ns="$ns" -v p=$P 'NR > 1 && $1 == ns && $2 == p && $3 ~ /^sndbuf/' /proc/tcpinsight/tcp | wc -l)" 0
expect_eq "TCP_SNDBUF_WAIT events" \
	"$(grep -Ec " reason=TCP_SNDBUF_WAIT family=4 saddr=127.0.0.1 sport=$sender daddr=127.0.0.1 dport=$P state=ESTABLISHED .* info=sndbuf:[0-9]+,waited_us:[0-9]+\$" /proc/tcpinsight/events)" $K
expect_eq "TCP_SNDBUF_WAIT is not a dropped segment" "$(table_get drops reason=TCP_SNDBUF_WAIT -- count)" 0
pass "$full sends found the buffer full, $K blocked for ${us} us in all (at least $((K * T)) ms)"
