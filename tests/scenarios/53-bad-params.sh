# timeout: 200
# Every module parameter refuses bad values: 0, too large, not a power of
# two where one is needed, negative, overflowing and garbage. Each refused
# load fails, says why in the kernel log, names the parameter, and leaves
# no /proc/tcpinsight; then a good load works. A parameter this list does
# not cover fails the scenario, so a new one cannot go untested.
bad_values() {
	case $1 in
	events_size) echo "0 15 1048577 4294967295 -1 4294967296 abc 1k 0x" ;;
	ports_max) echo "0 255 1000 4097 2097152 -1 4294967296 abc 4096x" ;;
	listeners_max) echo "0 15 65537 -5 4294967296 abc 16.0" ;;
	events) echo "2 abc x -1" ;;
	events_rate) echo "1000001 4294967296 -1 abc 5x" ;;
	probes_off) echo "nosuch kfree_skbx kfree_skb,nosuch KFREE_SKB" ;;
	filter_ports) echo "0 65536 80,80 abc 80,x -1 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65" ;;
	filter_netns) echo "0 4294967296 abc -1 12x" ;;
	esac
}
if tcpi_loaded; then
	rmmod tcpinsight || fail "rmmod tcpinsight failed"
fi
n=0
tcpi_load
params=$(ls /sys/module/tcpinsight/parameters)
tcpi_unload
[ -n "$params" ] || fail "the module has no parameters in /sys/module/tcpinsight/parameters"
for p in $params; do
	values=$(bad_values "$p")
	[ -n "$values" ] || fail "no bad values to try for parameter $p"
	for v in $values; do
		before=$(dmesg | wc -l)
		if insmod "$TCPI_KO" "$p=$v" 2> /tmp/insmod.err; then
			fail "insmod with $p=$v was accepted"
		fi
		tcpi_loaded && fail "the module is loaded after $p=$v was refused"
		[ ! -e /proc/tcpinsight ] || fail "/proc/tcpinsight is left behind after $p=$v"
		dmesg | tail -n +$((before + 1)) > /tmp/why
		grep -q "$p" /tmp/why || fail "no message naming $p after $p=$v: $(cat /tmp/why /tmp/insmod.err | tr '\n' ' ')"
		n=$((n + 1))
	done
done
tcpi_load
tcpi-connect -a 127.0.0.1 -p 9 -n 2 -x refused || fail "connects after the refused loads"
expect_eq "NO_SOCKET after a good load" "$(table_get drops reason=NO_SOCKET -- count)" 2
pass "$n bad values of $(echo $params | wc -w) parameters refused with a message; a good load works"
