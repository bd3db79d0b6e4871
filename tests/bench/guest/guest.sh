# SPDX-License-Identifier: GPL-2.0
# make bench, inside the VM (booted with -icount shift=0: one guest
# nanosecond per instruction). Runs every workload in every configuration,
# in rounds, then the scale, memory and /proc read figures. Lines on
# $REPORT, which tests/bench/run.sh turns into the table:
#   R ROUND CONFIG WORKLOAD OPS NS WARMUP DROPS EVENTS
#                                  one measurement: NS guest nanoseconds for
#                                  OPS operations after WARMUP untimed ones;
#                                  DROPS and EVENTS tcpinsight's own counts
#                                  over both, - when it is not loaded
#   NA CONFIG WHY...                              a configuration this
#                                                 build cannot run
#   S NAME VALUE...                               a single figure
#   NOTE TEXT...                                  progress and checks
# Progress goes to the console.
TCPI_KO=/lib/tcpinsight/tcpinsight.ko
BT_SCRIPT=/tests/bench/kfree_skb.bt

# Operations per measurement: enough that run-to-run differences stay
# well under the smallest target (1% of a round trip), no more.
ROUNDS=2
N_PINGPONG=3000
N_CHURN=1000
N_DROPS=4000
N_OVERFLOW=3000
N_SCALE_CHURN=1000
N_SCALE_DROPS=4000
LISTENERS_MANY=10000
PORTS_MANY=65535
# rounds of each kind of toggle: a round of every probe is tenths of a second
TOGGLE_ROUNDS=10
# shellcheck disable=SC1091 # optional overrides from tests/bench/run.sh
[ -f /etc/tcpi-bench.conf ] && . /etc/tcpi-bench.conf

out() { printf '%s\n' "$*" > "$REPORT"; }
note() {
	echo "bench: $*"
	out "NOTE $*"
}

# Every connection a workload makes ends here instead of in TIME_WAIT, so
# each measurement finds the kernel's tables as the previous one left them.
echo 0 > /proc/sys/net/ipv4/tcp_max_tw_buckets
mount -t tracefs tracefs /sys/kernel/tracing 2> /dev/null

loaded() { [ -d /sys/module/tcpinsight ]; }

has_param() {
	strings -a "$TCPI_KO" | grep -q "^parmtype=$1:"
}

summary_val() {
	awk -v k="$1" '$1 == k { print $2; f = 1 } END { if (!f) print 0 }' /proc/tcpinsight/summary
}

# drops_total and events handed out so far, or "- -" without the module.
module_counts() {
	if loaded; then
		echo "$(summary_val drops_total) $(($(summary_val events_logged) + $(summary_val events_lost)))"
	else
		echo "- -"
	fi
}

every_probe() {
	awk '{ printf "%s%s", sep, $1; sep = "," }' /etc/tcpi-probes-table
}

# --- configurations ---------------------------------------------------------

# cfg_up CONFIG: 0 when set up, 1 (with an NA line) when this build or
# kernel cannot run it.
cfg_up() {
	case $1 in
	baseline) return 0 ;;
	probes-off)
		if ! has_param probes_off; then
			out "NA $1 not available in this build: the module has no probes_off parameter"
			return 1
		fi
		if ! insmod "$TCPI_KO" "probes_off=$(every_probe)" 2> /tmp/insmod.err; then
			out "NA $1 insmod probes_off=... failed: $(cat /tmp/insmod.err) $(dmesg | tail -n 2)"
			return 1
		fi
		on=$(awk 'NR > 1 && $2 == "on"' /proc/tcpinsight/probes | wc -l)
		if [ "$on" != 0 ]; then
			out "NA $1 $on probes still on with probes_off set"
			rmmod tcpinsight
			return 1
		fi
		;;
	counters)
		if ! has_param events; then
			out "NA $1 not available in this build: the module has no events parameter"
			return 1
		fi
		insmod "$TCPI_KO" events=0 2> /tmp/insmod.err || {
			out "NA $1 insmod events=0 failed: $(cat /tmp/insmod.err)"
			return 1
		}
		;;
	all) insmod "$TCPI_KO" || { out "NA $1 insmod failed"; return 1; } ;;
	drop_monitor)
		tcpi-dropmon start 2> /tmp/dropmon.err || {
			out "NA $1 $(cat /tmp/dropmon.err)"
			return 1
		}
		;;
	bpftrace)
		if ! command -v bpftrace > /dev/null; then
			out "NA $1 not in this VM (tests/bench/run.sh --no-bpftrace, or no bpftrace on the host)"
			return 1
		fi
		# Gone before the start: the old one says "attached" already.
		rm -f /tmp/bpftrace.out
		bpftrace "$BT_SCRIPT" > /tmp/bpftrace.out 2>&1 &
		bt_pid=$!
		# BEGIN runs once every probe is attached.
		n=0
		while ! grep -q '^attached' /tmp/bpftrace.out 2> /dev/null; do
			n=$((n + 1))
			if [ $n -gt 1200 ] || ! kill -0 "$bt_pid" 2> /dev/null; then
				out "NA $1 bpftrace did not start: $(tr '\n' ' ' < /tmp/bpftrace.out)"
				kill "$bt_pid" 2> /dev/null
				return 1
			fi
			sleep 0.1
		done
		;;
	esac
	return 0
}

cfg_down() {
	case $1 in
	probes-off | counters | all) rmmod tcpinsight ;;
	drop_monitor) tcpi-dropmon stop ;;
	bpftrace)
		# SIGINT makes it print its maps and exit.
		kill -INT "$bt_pid"
		n=0
		while kill -0 "$bt_pid" 2> /dev/null && [ $n -lt 300 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		if kill -0 "$bt_pid" 2> /dev/null; then
			note "bpftrace did not stop on SIGINT: $(grep State "/proc/$bt_pid/status")"
			kill -KILL "$bt_pid"
		fi
		wait "$bt_pid"
		# "@drops[2]: 8000": what it counted, by reason
		note "bpftrace counted $(awk -F': ' '/^@drops/ { n += $2 } END { print n + 0 }' /tmp/bpftrace.out) drops"
		;;
	esac
}

# --- workloads --------------------------------------------------------------

WORKLOADS="pingpong churn drops overflow"

workload_cmd() {
	case $1 in
	pingpong) echo "tcpi-bench-pingpong -p 5001 -s 5011 -n $N_PINGPONG -w 500" ;;
	churn) echo "tcpi-bench-churn -p 5002 -n $N_CHURN -w 100" ;;
	drops) echo "tcpi-bench-synstorm -p 5003 -n $N_DROPS -w 500" ;;
	overflow) echo "tcpi-bench-synstorm -p 5004 -n $N_OVERFLOW -w 500 -f" ;;
	esac
}

# measure ROUND CONFIG WORKLOAD COMMAND...: one R line
measure() {
	m_round=$1 m_cfg=$2 m_wl=$3
	shift 3
	# shellcheck disable=SC2046 # two words
	set -- $(module_counts) "$@"
	m_d0=$1 m_e0=$2
	shift 2
	loaded && cp /proc/tcpinsight/probes /tmp/probes.before
	if ! "$@" > /tmp/measure.out 2>&1; then
		note "$m_cfg $m_wl failed: $(tr '\n' ' ' < /tmp/measure.out)"
		return 1
	fi
	# shellcheck disable=SC2046 # two words
	set -- $(module_counts)
	m_drops=- m_events=-
	if [ "$1" != - ]; then
		m_drops=$(($1 - m_d0))
		m_events=$(($2 - m_e0))
	fi
	# "ops N ns T warmup W"
	out "R $m_round $m_cfg $m_wl $(awk '/^ops/ { print $2, $4, $6 }' /tmp/measure.out) $m_drops $m_events"
	# Which hooks ran, and how often: "H CONFIG WORKLOAD PROBE HITS"
	if loaded && [ "$m_round" = 1 ]; then
		awk -v c="$m_cfg" -v w="$m_wl" 'NR == FNR { before[$1] = $3; next }
			FNR > 1 && $3 > before[$1] { print "H", c, w, $1, $3 - before[$1] }' \
			/tmp/probes.before /proc/tcpinsight/probes > /tmp/hits
		while read -r line; do out "$line"; done < /tmp/hits
	fi
}

CONFIGS="baseline probes-off counters all drop_monitor bpftrace"
reversed=$(echo "$CONFIGS" | tr ' ' '\n' | sed -n '1!G;h;$p' | tr '\n' ' ')

out "S kernel $(uname -r)"
out "S cpus $(grep -c ^processor /proc/cpuinfo)"
out "S clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
for wl in $WORKLOADS; do
	out "S command $wl $(workload_cmd "$wl")"
done

# Each workload once, unmeasured, with the module loaded and then gone,
# before the first round. On 7.2 the baseline measured before any module
# had been loaded took twice the instructions of the same baseline after
# one had come and gone (round 1 against round 2), and running the
# workloads first did not change that: whatever the kernel does the first
# time its text is patched, no round should pay it.
cfg_up probes-off || note "settling: cannot load the module"
for wl in $WORKLOADS; do
	note "settling: $wl"
	# shellcheck disable=SC2046 # the command's words
	$(workload_cmd "$wl") > /dev/null 2>&1 || note "settling: $wl failed"
done
cfg_down probes-off

# Odd rounds run the configurations in one order, even rounds in the
# other, so a slow drift of the machine weighs on all of them alike.
r=1
while [ $r -le "$ROUNDS" ]; do
	order=$CONFIGS
	[ $((r % 2)) = 0 ] && order=$reversed
	for cfg in $order; do
		note "round $r: $cfg"
		cfg_up "$cfg" || continue
		for wl in $WORKLOADS; do
			# shellcheck disable=SC2046 # the command's words
			measure "$r" "$cfg" "$wl" $(workload_cmd "$wl")
		done
		cfg_down "$cfg"
	done
	r=$((r + 1))
done

# The peers really counted: drop_monitor's alerts add up to the drops.
if tcpi-dropmon start 2> /dev/null; then
	tcpi-dropmon watch 3000 > /tmp/dropmon.watch &
	w=$!
	tcpi-bench-synstorm -p 5003 -n 500 -w 0 > /dev/null
	wait $w
	tcpi-dropmon stop
	note "drop_monitor reported $(awk '{ print $2 }' /tmp/dropmon.watch) drops for 500 SYNs to a closed port (2 drops each)"
fi

# --- probe toggles ----------------------------------------------------------
# Rounds of `disable all` + `enable all`, and one probe of each kind turned
# off and on, with everything else at rest: the guest time a round takes,
# and how much of it the CPU sat idle. Nothing else runs in this VM, so
# idle time is waiting (for grace periods); the rest is work (arming and
# disarming, text pokes, the kernel threads that run grace periods).
idle_us() {
	awk '{ printf "%d", $2 * 1000000 }' /proc/uptime
}
toggle() {
	t_name=$1 t_rounds=$2
	shift 2
	t_idle=$(idle_us)
	t_out=$(tcpi-ctlwrite -r "$t_rounds" "$@") || { note "toggle $t_name: $t_out"; return 0; }
	out "S toggle $t_name $t_rounds $(echo "$t_out" | awk '{ print $4 }') $(($(idle_us) - t_idle))"
}
if insmod "$TCPI_KO"; then
	note "probe toggles"
	toggle all "$TOGGLE_ROUNDS" "disable all" "enable all"
	toggle tracepoint "$TOGGLE_ROUNDS" "disable kfree_skb" "enable kfree_skb"
	toggle kprobe "$TOGGLE_ROUNDS" "disable tcp_v4_send_reset" "enable tcp_v4_send_reset"
	toggle kretprobe "$TOGGLE_ROUNDS" "disable tcp_conn_request" "enable tcp_conn_request"
	toggle listen-pair "$TOGGLE_ROUNDS" "disable inet_csk_listen_start" "enable inet_csk_listen_start"
	rmmod tcpinsight
else
	note "probe toggles: insmod failed"
fi

# --- scale: listeners --------------------------------------------------------

scale_listeners() {
	for n in 10 "$LISTENERS_MANY"; do
		measure 1 "$1" "churn-listeners-$n" \
			tcpi-bench-churn -p 20000 -n "$N_SCALE_CHURN" -w 100 -L "$n"
	done
}
note "scale: listeners"
scale_listeners baseline
insmod "$TCPI_KO" listeners_max=16384
scale_listeners all
out "S listeners_overflow $(summary_val listeners_overflow)"
rmmod tcpinsight

# --- scale: ports, memory, /proc reads ---------------------------------------

scale_ports() {
	measure 1 "$1" "drops-ports-10" \
		tcpi-bench-synstorm -p 1 -n "$N_SCALE_DROPS" -w 1000 -P 10
	# The warmup claims every port's key before timing starts.
	measure 1 "$1" "drops-ports-$PORTS_MANY" \
		tcpi-bench-synstorm -p 1 -n "$N_SCALE_DROPS" -w "$2" -P "$PORTS_MANY"
}

memfree_kb() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	awk '$1 == "MemFree:" { print $2 }' /proc/meminfo
}

module_bytes() {
	awk '$1 == "tcpinsight" { print $2 }' /proc/modules
}

note "scale: ports"
scale_ports baseline 1000

note "memory"
m0=$(memfree_kb)
insmod "$TCPI_KO"
m1=$(memfree_kb)
out "S memory default $((m0 - m1)) kB MemFree drop, module image $(module_bytes) bytes," \
	"ports_max=$(summary_val ports_max) listeners_max=$(summary_val listeners_max) events_size=$(summary_val events_size)"
rmmod tcpinsight
m0=$(memfree_kb)
insmod "$TCPI_KO" ports_max=131072 listeners_max=16384
m1=$(memfree_kb)
out "S memory scale $((m0 - m1)) kB MemFree drop at rest," \
	"ports_max=$(summary_val ports_max) listeners_max=$(summary_val listeners_max) events_size=$(summary_val events_size)"

scale_ports all "$PORTS_MANY"
m2=$(memfree_kb)
out "S memory filled $((m0 - m2)) kB MemFree drop with ports_used=$(summary_val ports_used)" \
	"counters_used=$(summary_val counters_used) events=$(($(summary_val events_logged) + $(summary_val events_lost)))" \
	"(ring of $(summary_val events_size) wrapped)"
out "S table_overflow ports_overflow $(summary_val ports_overflow) counters_overflow $(summary_val counters_overflow)"
out "S read ports $(tcpi-bench-read -n 2 /proc/tcpinsight/ports)"
out "S read tcp $(tcpi-bench-read -n 2 /proc/tcpinsight/tcp)"
out "S read events $(tcpi-bench-read -n 2 /proc/tcpinsight/events)"
out "S read summary $(tcpi-bench-read -n 2 /proc/tcpinsight/summary)"

note "listeners file with $LISTENERS_MANY listeners"
(
	# shellcheck disable=SC3045 # busybox sh has it
	ulimit -n $((LISTENERS_MANY + 64))
	exec tcpi-listen -a 127.0.0.1 -p 30000 -n "$LISTENERS_MANY" > /tmp/listen.out
) &
holder=$!
n=0
while ! grep -q listening /tmp/listen.out 2> /dev/null && [ $n -lt 3000 ]; do
	sleep 0.1
	n=$((n + 1))
done
out "S listeners_rows $(($(wc -l < /proc/tcpinsight/listeners) - 1))"
out "S read listeners $(tcpi-bench-read -n 2 /proc/tcpinsight/listeners)"
out "S read listeners-64k $(tcpi-bench-read -n 2 -b 65536 /proc/tcpinsight/listeners)"
kill $holder
wait $holder 2> /dev/null
rmmod tcpinsight
note "done"
