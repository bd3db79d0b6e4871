# SPDX-License-Identifier: GPL-2.0
# Sourced by run.sh: enable, disable, reset, filter and events
# on|off|size|rate against a fake /proc/tcpinsight/control. The shim
# fakectl.so logs each write() to it and can fail it with the errno the
# module would return, so the tests see exactly what is written, in how
# many writes, and how each refusal is reported.

shim=$tmp/fakectl.so
ctldir=$tmp/ctl
mkdir -p "$ctldir"
cp "$fix/full/"* "$ctldir/"
if ! gcc -shared -fPIC -O2 -Wall -Werror -o "$shim" "$here/fakectl.c" -ldl 2> "$tmp/shim.log"; then
	cat "$tmp/shim.log"
	fail control-shim "the write() shim did not build"
fi

# ctl_run ERRNO ARGS...: the tool with the shim; the writes land in
# $tmp/writes, one "LEN:BYTES" line each.
ctl_run() {
	local err=$1
	shift
	: > "$ctldir/control"
	: > "$tmp/writes"
	rc=0
	TCPINSIGHT_PROC=$ctldir LD_PRELOAD=$shim TCPI_FAKE_LOG=$tmp/writes \
		TCPI_FAKE_ERRNO=$err "$ctl" "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
}

# sends NAME COMMAND ARGS...: exit 0, silent, exactly one write of COMMAND.
sends() {
	local name=$1 want=$2
	shift 2
	ctl_run "" "$@"
	if [ "$rc" -ne 0 ] || [ -s "$tmp/out" ] || [ -s "$tmp/err" ]; then
		fail "control-$name" "exit $rc, out: $(head -c 200 "$tmp/out"), err: $(head -c 200 "$tmp/err")"
	elif [ "$(cat "$tmp/writes")" != "${#want}:$want" ]; then
		fail "control-$name" "writes: $(tr '\n' '|' < "$tmp/writes"), expected ${#want}:$want"
	elif [ "$(cat "$ctldir/control")" != "$want" ]; then
		fail "control-$name" "the control file holds: $(cat "$ctldir/control")"
	else
		pass "control-$name"
	fi
}

# refuses NAME RC PATTERN ARGS...: exit RC, one line on stderr matching
# PATTERN, nothing on stdout, and nothing written.
refuses() {
	local name=$1 want=$2 pattern=$3
	shift 3
	ctl_run "" "$@"
	if [ "$rc" -ne "$want" ]; then
		fail "control-$name" "exit $rc, expected $want: $(head -c 300 "$tmp/err")"
	elif [ -s "$tmp/writes" ] || [ -s "$ctldir/control" ]; then
		fail "control-$name" "wrote: $(tr '\n' '|' < "$tmp/writes")"
	elif [ -s "$tmp/out" ]; then
		fail "control-$name" "stdout: $(head -c 200 "$tmp/out")"
	elif ! head -n 1 "$tmp/err" | grep -qE -- "$pattern"; then
		fail "control-$name" "stderr: $(head -c 300 "$tmp/err")"
	else
		pass "control-$name"
	fi
}

sends disable-probe "disable kfree_skb" disable kfree_skb
sends enable-probe "enable tcp_v4_send_reset" enable tcp_v4_send_reset
sends enable-all "enable all" enable all
sends disable-all "disable all" disable all
sends reset-all "reset" reset
for t in drops ports listeners events tcp all; do
	sends "reset-$t" "reset $t" reset "$t"
done
sends filter-one-port "filter port 80" filter port 80
sends filter-ports-list "filter port 80,443,8080" filter port 80,443,8080
sends filter-ports-args "filter port 80,443,8080" filter port 80 443,8080
sends filter-port-bounds "filter port 1,65535" filter port 1 65535
sends filter-netns "filter netns 4026531840" filter netns 4026531840
sends filter-netns-leading-zero "filter netns 42" filter netns 0042
sends events-size-leading-zero "events size 64" events size 064
sends filter-off "filter off" filter off
sends events-on "events on" events on
sends events-off "events off" events off
sends events-size-min "events size 16" events size 16
sends events-size-max "events size 1048576" events size 1048576
sends events-rate-unlimited "events rate 0" events rate 0
sends events-rate-max "events rate 1000000" events rate 1000000
sixty_four=$(seq -s, 1 64)
sends filter-64-ports "filter port $sixty_four" filter port "$sixty_four"

# The module's answers, told apart.
ctl_run 1 disable kfree_skb
if [ "$rc" -eq 5 ] && [ "$(cat "$tmp/err")" = "tcpinsightctl: 'disable kfree_skb' was not allowed: it needs CAP_NET_ADMIN ($ctldir/control: Operation not permitted)" ] &&
	[ ! -s "$tmp/out" ] && [ "$(wc -l < "$tmp/writes")" -eq 1 ]; then
	pass control-eperm
else
	fail control-eperm "exit $rc: $(cat "$tmp/err")"
fi
ctl_run 13 reset drops
if [ "$rc" -eq 5 ] && grep -q "needs CAP_NET_ADMIN" "$tmp/err"; then
	pass control-eacces
else
	fail control-eacces "exit $rc: $(cat "$tmp/err")"
fi
ctl_run 22 filter port 80
if [ "$rc" -eq 6 ] && [ "$(cat "$tmp/err")" = "tcpinsightctl: the module refused 'filter port 80': see dmesg" ] &&
	[ ! -s "$tmp/out" ]; then
	pass control-einval
else
	fail control-einval "exit $rc: $(cat "$tmp/err")"
fi
ctl_run 28 events on
if [ "$rc" -eq 1 ] && grep -q "^tcpinsightctl: 'events on': $ctldir/control: No space left on device\$" "$tmp/err"; then
	pass control-other-errno
else
	fail control-other-errno "exit $rc: $(cat "$tmp/err")"
fi
nocontrol=$tmp/nocontrol
mkdir -p "$nocontrol"
cp "$fix/full/"* "$nocontrol/"
fails control-missing 1 "^tcpinsightctl: $nocontrol/control: no such file: this tcpinsight has no runtime control\$" \
	"$nocontrol" reset
fails control-not-loaded 3 "^tcpinsightctl: tcpinsight is not loaded \(no $tmp/absent\)\$" \
	"$tmp/absent" disable all

# Checked before anything is written: usage errors, exit 2.
refuses enable-unknown 2 "^tcpinsightctl: enable: no probe 'tcp_nonesuch'" enable tcp_nonesuch
refuses enable-unavailable 2 "^tcpinsightctl: enable: probe 'tcp_v6_send_reset' is unavailable on this kernel\$" enable tcp_v6_send_reset
refuses disable-bad-name 2 "^tcpinsightctl: disable: 'kfree_skb\\\\n' is not a probe name" disable 'kfree_skb\n'
refuses disable-upper 2 "is not a probe name" disable KFREE_SKB
refuses disable-nothing 2 "^tcpinsightctl: disable: takes one probe name, or all\$" disable
refuses disable-two 2 "takes one probe name" disable kfree_skb tcp_v4_send_reset
refuses reset-unknown 2 "^tcpinsightctl: reset: 'counters' is not drops, ports, listeners, events, tcp or all\$" reset counters
refuses reset-two 2 "^tcpinsightctl: reset: takes at most one table\$" reset drops ports
refuses filter-port-zero 2 "^tcpinsightctl: filter port: '0' is not a port \(1 to 65535\)\$" filter port 0
refuses filter-port-big 2 "'65536' is not a port" filter port 65536
refuses filter-port-sign 2 "'\+80' is not a port" filter port +80
refuses filter-port-hex 2 "'0x50' is not a port" filter port 0x50
refuses filter-port-trailing-comma 2 "'' is not a port" filter port 80,
refuses filter-port-empty 2 "'' is not a port" filter port ''
refuses filter-port-space 2 "'80 ' is not a port" filter port '80 '
refuses filter-port-duplicate 2 "^tcpinsightctl: filter port: port 80 is given twice\$" filter port 80,443 80
refuses filter-port-65 2 "^tcpinsightctl: filter port: at most 64 ports\$" filter port "$sixty_four,65"
refuses filter-port-none 2 "^tcpinsightctl: filter port: which ports\?\$" filter port
refuses filter-port-overflow 2 "is not a port" filter port 18446744073709551696
refuses filter-netns-zero 2 "^tcpinsightctl: filter netns: the inode must be 1 to 4294967295, not 0\$" filter netns 0
refuses filter-netns-big 2 "must be 1 to 4294967295" filter netns 4294967296
refuses filter-netns-word 2 "^tcpinsightctl: filter netns: the inode takes a decimal number, not 'init'\$" filter netns init
refuses filter-netns-none 2 "^tcpinsightctl: filter netns: takes one namespace inode\$" filter netns
refuses filter-netns-two 2 "takes one namespace inode" filter netns 1 2
refuses filter-off-extra 2 "^tcpinsightctl: filter off: takes no argument\$" filter off now
refuses filter-unknown 2 "^tcpinsightctl: filter: 'ports' is not port, netns or off\$" filter ports 80
refuses events-size-small 2 "^tcpinsightctl: events size: the ring size must be 16 to 1048576, not 15\$" events size 15
refuses events-size-big 2 "must be 16 to 1048576" events size 1048577
refuses events-size-none 2 "expected on, off, size N or rate N" events size
refuses events-rate-big 2 "^tcpinsightctl: events rate: the rate must be 0 to 1000000, not 1000001\$" events rate 1000001
refuses events-rate-negative 2 "unknown option '-1'" events rate -1
refuses events-rate-decimal 2 "takes a decimal number, not '1.5'" events rate 1.5
refuses events-on-extra 2 "expected on, off, size N or rate N, not 'on ...'" events on now
refuses events-on-json 2 "^tcpinsightctl: events on: takes no options\$" events on --json
refuses events-unknown 2 "not 'start'" events start

# filter with no arguments shows the filters in force, from the summary.
run "$fix/full" filter
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "$(printf 'ports     -\nnetns     -\nfiltered  0')" ]; then
	pass filter-show
else
	fail filter-show "exit $rc: $(cat "$tmp/out" "$tmp/err")"
fi
filtered=$tmp/filtered
mkdir -p "$filtered"
cp "$fix/full/"* "$filtered/"
sed -i -e 's/^filter_ports .*/filter_ports 80,443/' -e 's/^filtered .*/filtered 12345/' "$filtered/summary"
run "$filtered" filter
if [ "$rc" -eq 0 ] && grep -qx 'ports     80,443' "$tmp/out" && grep -qx 'filtered  12345' "$tmp/out"; then
	pass filter-show-set
else
	fail filter-show-set "exit $rc: $(cat "$tmp/out" "$tmp/err")"
fi
oldmod=$tmp/old-module
mkdir -p "$oldmod"
cp "$fix/normal/"* "$oldmod/"
sed -i -e '/^filter_/d' -e '/^filtered /d' -e '/^events_on /d' -e '/^events_rate /d' "$oldmod/summary"
fails filter-show-old-module 1 "^tcpinsightctl: $oldmod/summary: no 'filter_ports' line: this tcpinsight has no filters\$" \
	"$oldmod" filter
