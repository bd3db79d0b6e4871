# timeout: 120
# connect() fails with EADDRNOTAVAIL once every port of a two-port
# ip_local_port_range is taken for that destination: counted per
# destination port, with an event naming the destination and the range.
# The kernel has no counter for this: the counts are the scenario's own.
sysctl_set net.ipv4.ip_local_port_range "40000 40001"
tcpi_load
ns=$(netns_inode)
tcpi-listen -a 127.0.0.1 -p 7042 -b 16 > /tmp/listen.out &
tcpi-listen -6 -a ::1 -p 7043 -b 16 > /tmp/listen6.out &
wait_for 10 grep -q listening /tmp/listen.out
wait_for 10 grep -q listening /tmp/listen6.out
tcpi-connect -a 127.0.0.1 -p 7042 -n 2 -k > /dev/null &
tcpi-connect -6 -a ::1 -p 7043 -n 2 -k > /dev/null &
# Both local ports taken towards each destination (01: ESTABLISHED).
wait_for 10 sh -c "[ \$(awk '\$3 ~ /:$(printf %04X 7042)\$/ && \$4 == \"01\"' /proc/net/tcp | wc -l) = 2 ]"
wait_for 10 sh -c "[ \$(awk '\$3 ~ /:$(printf %04X 7043)\$/ && \$4 == \"01\"' /proc/net/tcp6 | wc -l) = 2 ]"
tcpi-connect -a 127.0.0.1 -p 7042 -n 3 -x addrnotavail > /tmp/c4.out || fail "IPv4: $(cat /tmp/c4.out)"
tcpi-connect -6 -a ::1 -p 7043 -n 2 -x addrnotavail > /tmp/c6.out || fail "IPv6: $(cat /tmp/c6.out)"
expect_eq "connect_eaddrnotavail to port 7042" \
	"$(table_get tcp netns="$ns" port=7042 counter=connect_eaddrnotavail -- count)" 3
expect_eq "connect_eaddrnotavail to port 7043" \
	"$(table_get tcp netns="$ns" port=7043 counter=connect_eaddrnotavail -- count)" 2
expect_eq "IPv4 events" \
	"$(grep -c " reason=CONNECT_EADDRNOTAVAIL family=4 saddr=[0-9.]* sport=[0-9]* daddr=127.0.0.1 dport=7042 .* info=port_range:40000-40001\$" /proc/tcpinsight/events)" 3
expect_eq "IPv6 events" \
	"$(grep -c " reason=CONNECT_EADDRNOTAVAIL family=6 saddr=[0-9a-f:]* sport=[0-9]* daddr=::1 dport=7043 .* info=port_range:40000-40001\$" /proc/tcpinsight/events)" 2
pass "5 connects without a free local port counted per destination, events with the range"
