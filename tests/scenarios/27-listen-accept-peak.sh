# timeout: 120
# The accept-queue high-water mark is kept by the hooks, not by whoever
# reads the file: exactly B + 1 clients fill the queue without overflow
# (so no SYN ever sees it full), the application then accepts them all,
# and only then is `listeners` read. Waiting uses the kernel's own view
# (/proc/net/tcp rx_queue of the listener).
B=6
P=7020
tcpi_load
lo0=$(netstat_get TcpExt:ListenOverflows)
tcpi-listen -a 127.0.0.1 -p $P -b $B > /tmp/listen.out &
lp=$!
wait_for 10 grep -q listening /tmp/listen.out
tcpi-connect -a 127.0.0.1 -p $P -n $((B + 1)) -k > /dev/null &
cp=$!
# rx_queue (hex) of a listener in /proc/net/tcp is its accept-queue length.
wait_for 30 sh -c "[ \"\$(awk -v p=\"$(printf ':%04X' $P)\" '\$4 == \"0A\" && substr(\$2, length(\$2) - 4) == p { split(\$5, q, \":\"); print q[2] }' /proc/net/tcp)\" = \"$(printf '%08X' $((B + 1)))\" ]"
kill $cp
kill -USR1 $lp
wait_for 10 grep -q '^drained' /tmp/listen.out
expect_eq "accept_cur after the application caught up" "$(table_get listeners port=$P -- accept_cur)" 0
expect_eq "accept_peak after the application caught up" "$(table_get listeners port=$P -- accept_peak)" $((B + 1))
expect_eq "ListenOverflows delta" $(($(netstat_get TcpExt:ListenOverflows) - lo0)) 0
hist=$(table_get listeners port=$P -- accept_hist)
expect_eq "SYNs in accept_hist" "$(echo "$hist" | tr ',' '\n' | awk -F: '{ n += $2 } END { print n }')" $((B + 1))
expect_eq "syns" "$(table_get listeners port=$P -- syns)" $((B + 1))
pass "peak $((B + 1)) kept after $(sed -n 's/^drained //p' /tmp/listen.out) connections were accepted; accept_hist $hist"
