# listen() with a backlog above net.core.somaxconn: the accept queue is
# capped at somaxconn, and accept_max says so.
sysctl_set net.core.somaxconn 64
tcpi_load
tcpi-listen -p 7002 -b 1000 > /tmp/listen.out &
wait_for 10 grep -q listening /tmp/listen.out
expect_eq "accept_max with backlog 1000, somaxconn 64" \
	"$(table_get listeners port=7002 -- accept_max)" 64
tcpi-listen -6 -p 7003 -b 10 > /tmp/listen6.out &
wait_for 10 grep -q listening /tmp/listen6.out
expect_eq "accept_max with backlog 10, somaxconn 64" \
	"$(table_get listeners port=7003 family=6 -- accept_max)" 10
pass "accept_max = min(backlog, somaxconn) for IPv4 and IPv6"
