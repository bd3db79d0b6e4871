# The probes file agrees with the "Probes by kernel" table of
# Documentation/kernels.md for the running kernel; a probe the table calls
# unavailable says why in the kernel log; the reset probes fire once per
# RST the kernel sends.
kver=$(cat /etc/tcpi-kver)
dmesg -c > /dev/null
tcpi_load
expect_eq "probes header" "$(head -n 1 /proc/tcpinsight/probes)" "name state hits missed type"
[ -s /etc/tcpi-probes-table ] || fail "no probes table from Documentation/kernels.md in the initramfs"
case $kver in
5.10) col=3 ;;
6.1) col=4 ;;
6.12) col=5 ;;
7.2) col=6 ;;
*) fail "unknown kernel series $kver" ;;
esac
n=0
while read -r name type s510 s61 s612 s72; do
	set -- "$name" "$type" "$s510" "$s61" "$s612" "$s72"
	eval "want=\${$col}"
	expect_eq "probe $name state on $kver" "$(table_get probes name="$name" -- state)" "$want"
	expect_eq "probe $name type" "$(table_get probes name="$name" -- type)" "$type"
	if [ "$want" = unavailable ]; then
		dmesg | grep -q "probe $name unavailable" || fail "probe $name is unavailable but the log does not say why"
	fi
	n=$((n + 1))
done < /etc/tcpi-probes-table
expect_eq "probes in /proc vs the table of Documentation/kernels.md" "$(($(wc -l < /proc/tcpinsight/probes) - 1))" "$n"

hits0=$(($(table_get probes name=tcp_v4_send_reset -- hits) + $(table_get probes name=tcp_v6_send_reset -- hits)))
rsts0=$(netstat_get Tcp:OutRsts)
tcpi-connect -a 127.0.0.1 -p 9 -n 11 -x refused > /dev/null || fail "IPv4 connects not refused"
tcpi-connect -6 -a ::1 -p 9 -n 7 -x refused > /dev/null || fail "IPv6 connects not refused"
hits1=$(($(table_get probes name=tcp_v4_send_reset -- hits) + $(table_get probes name=tcp_v6_send_reset -- hits)))
rsts1=$(netstat_get Tcp:OutRsts)
expect_eq "RSTs sent (OutRsts delta)" $((rsts1 - rsts0)) 18
expect_eq "reset probe hits vs OutRsts delta" $((hits1 - hits0)) $((rsts1 - rsts0))
pass "$n probes as Documentation/kernels.md says for $kver; reset probes fired $((hits1 - hits0)) times for $((rsts1 - rsts0)) RSTs"
