# timeout: 1800
# Soak of the runtime control: while the traffic, readers and churn of
# 54-soak run, probes are disabled and enabled, tables reset, filters set
# and cleared and the event ring resized, in rounds of writes racing the
# readers, until there were 5000 probe toggles (a round turns every probe
# that is on off and on, and kfree_skb once more). No torn line, no kernel
# report, every probe that was on is on again, and after a quiescent
# reset the module counts exactly. Skipped while the module has no
# control file.
TOGGLES=$(guest_setting soak_toggles 5000)
# Races need CPUs that run at once: make check runs the soaks on 6.1 with
# --smp 2, and the one-CPU runs of every kernel leave them out.
[ "$(nproc)" -ge 2 ] || skip "a soak needs two CPUs (tests/vm/run.sh --smp 2)"
tcpi_load
[ -e /proc/tcpinsight/control ] || skip "no /proc/tcpinsight/control in this module"
. /tests/scenarios/soak.inc
trap 'touch /tmp/stop' EXIT
awk 'NR > 1 && $2 == "on" { print $1 }' /proc/tcpinsight/probes | sort > /tmp/probes-on.before

ctl() {
	printf '%s\n' "$1" > /proc/tcpinsight/control || fail "control refused '$1'"
}
soak_traffic
soak_readers
soak_churn
on=$(wc -l < /tmp/probes-on.before)
rounds=$(((TOGGLES + on) / (on + 1)))
traffic0=$(soak_traffic_rounds)
start=$(date +%s)
round=1
while [ $round -le $rounds ]; do
	ctl "disable all"
	ctl "enable all"
	ctl "disable kfree_skb"
	ctl "reset drops"
	ctl "enable kfree_skb"
	ctl "filter port 9,7601"
	ctl "events size 64"
	ctl "events rate 100"
	ctl "events off"
	ctl "reset listeners"
	ctl "filter off"
	ctl "events on"
	ctl "events rate 0"
	ctl "events size 1024"
	ctl "reset"
	if printf 'enable no_such_probe\n' > /proc/tcpinsight/control 2> /dev/null; then
		fail "control accepted 'enable no_such_probe'"
	fi
	round=$((round + 1))
done
took=$(($(date +%s) - start))
traffic=$(($(soak_traffic_rounds) - traffic0))
[ "$traffic" -gt 0 ] || fail "no traffic ran during the control writes"
soak_stop
awk 'NR > 1 && $2 == "on" { print $1 }' /proc/tcpinsight/probes | sort > /tmp/probes-on.after
cmp -s /tmp/probes-on.before /tmp/probes-on.after ||
	fail "probes on before and after differ: $(diff /tmp/probes-on.before /tmp/probes-on.after | tr '\n' ' ')"
ctl "reset"
tcpi-connect -a 127.0.0.1 -p 9 -n 5 -x refused || fail "IPv4 connects after the soak"
tcpi-connect -6 -a ::1 -p 9 -n 5 -x refused || fail "IPv6 connects after the soak"
soak_agree
expect_eq "NO_SOCKET after the reset" "$(table_get drops reason=NO_SOCKET -- count)" 10
pass "$rounds rounds of control writes in ${took}s, $((rounds * (on + 1))) probe toggles ($on probes), racing 8 readers ($(soak_reads)) under traffic ($traffic rounds) and churn; counts exact after"
