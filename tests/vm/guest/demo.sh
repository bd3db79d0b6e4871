# SPDX-License-Identifier: GPL-2.0
# make demo: a small incident on a real kernel, and what tcpinsight saw.
TCPI_KO=/lib/tcpinsight/tcpinsight.ko
step() { printf '\n$ %s\n' "$*"; "$@"; }

echo "tcpinsight demo on Linux $(uname -r)"
insmod "$TCPI_KO" || { echo "insmod failed: $(dmesg | tail -n 3)"; exit 1; }

echo
echo "The incident: clients connect to ports nobody listens on."
echo "  25 connects to 127.0.0.1:8080, 10 to [::1]:5432"
tcpi-connect -a 127.0.0.1 -p 8080 -n 25 -x refused > /dev/null
tcpi-connect -6 -a ::1 -p 5432 -n 10 -x refused > /dev/null

step tcpinsightctl status
step tcpinsightctl drops
step cat /proc/tcpinsight/ports
step tcpinsightctl events -n 3
rmmod tcpinsight
