# N connects to a closed IPv4 port: NO_SOCKET grows by exactly N in drops
# and in the init netns' ports row, and events holds N lines with the
# 5-tuple and flags S.
. /tests/scenarios/closed_port.inc
tcpi_load
closed_port_run 4 127.0.0.1 9 37 41000
closed_port_check
pass "37 refused connects, 37 NO_SOCKET drops, rows and events exact"
