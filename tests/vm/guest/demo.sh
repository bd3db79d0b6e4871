# SPDX-License-Identifier: GPL-2.0
# make demo: a small incident on a real kernel, and what tcpinsight saw.
TCPI_KO=/lib/tcpinsight/tcpinsight.ko
step() { printf '\n$ %s\n' "$*"; "$@"; }

echo "tcpinsight demo on Linux $(uname -r)"
insmod "$TCPI_KO" || { echo "insmod failed: $(dmesg | tail -n 3)"; exit 1; }

echo
echo "The incident:"
echo "  - clients connect to ports nobody listens on:"
echo "    25 connects to 127.0.0.1:8080, 10 to [::1]:5432"
tcpi-connect -a 127.0.0.1 -p 8080 -n 25 -x refused > /dev/null
tcpi-connect -6 -a ::1 -p 5432 -n 10 -x refused > /dev/null
echo "  - a server on port 9000 listens with backlog 4 and stops accepting;"
echo "    16 clients arrive"
tcpi-listen -a 127.0.0.1 -p 9000 -b 4 > /tmp/listen.out &
listener=$!
while ! grep -q listening /tmp/listen.out; do sleep 0.05; done
tcpi-connect -a 127.0.0.1 -p 9000 -n 16 -k > /dev/null &
clients=$!
# Until the kernel has turned away every client beyond backlog + 1.
n=0
while [ "$(awk '/^TcpExt:/ { if (!h) { for (i = 2; i <= NF; i++) if ($i == "ListenOverflows") c = i; h = 1 } else print $c }' /proc/net/netstat)" -lt 11 ] &&
	[ $n -lt 400 ]; do
	sleep 0.05
	n=$((n + 1))
done

step tcpinsightctl status
step tcpinsightctl drops
step cat /proc/tcpinsight/ports
step cat /proc/tcpinsight/listeners
step tcpinsightctl events -n 4
echo
echo "The kernel's own counters agree:"
awk '/^TcpExt:/ { if (!h) { split($0, k); h = 1 } else { for (i = 2; i <= NF; i++) if (k[i] == "ListenOverflows" || k[i] == "ListenDrops") print "  " k[i], $i } }' /proc/net/netstat
kill $clients $listener 2> /dev/null
wait 2> /dev/null
rmmod tcpinsight
