# The closed-port check over IPv6 loopback.
. /tests/scenarios/closed_port.inc
tcpi_load
closed_port_run 6 ::1 8080 23 42000
closed_port_check
pass "23 refused IPv6 connects counted exactly"
