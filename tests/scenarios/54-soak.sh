# timeout: 1800
# Soak: while loopback traffic of every cheap kind runs, 8 readers read
# every file, listeners open and close and namespaces with listeners come
# and go, the module is loaded and unloaded 200 times. No reader sees a
# torn line, no kernel report (the harness checks the log), and in a
# quiescent snapshot afterwards the tables agree with each other.
CYCLES=$(guest_setting cycles 200)
# Races need CPUs that run at once: make check runs the soaks on 6.1 with
# --smp 2, and the one-CPU runs of every kernel leave them out.
[ "$(nproc)" -ge 2 ] || skip "a soak needs two CPUs (tests/vm/run.sh --smp 2)"
. /tests/scenarios/soak.inc
trap 'touch /tmp/stop' EXIT
soak_traffic
soak_readers
soak_churn
traffic0=$(soak_traffic_rounds)
start=$(date +%s)
longest=0
cycle=1
while [ $cycle -le $CYCLES ]; do
	cycle_start=$(date +%s)
	tcpi_load
	tcpi_unload
	cycle_took=$(($(date +%s) - cycle_start))
	[ $cycle_took -le $longest ] || longest=$cycle_took
	cycle=$((cycle + 1))
done
took=$(($(date +%s) - start))
traffic=$(($(soak_traffic_rounds) - traffic0))
[ "$traffic" -gt 0 ] || fail "no traffic ran during the $CYCLES cycles"
tcpi_load
wait_for 60 sh -c '[ "$(awk "\$1 == \"TCP_LISTEN_OVERFLOW\" { print \$2 }" /proc/tcpinsight/drops)" -ge 1 ] 2> /dev/null'
wait_for 60 sh -c '[ "$(awk "\$1 == \"NO_SOCKET\" { print \$2 }" /proc/tcpinsight/drops)" -ge 20 ] 2> /dev/null'
soak_stop
soak_agree
pass "$CYCLES load/unload cycles in ${took}s (the longest ${longest}s) under traffic ($traffic rounds), 8 readers, listener and netns churn; tables agree ($(summary_get drops_total) drops); readers: $(soak_reads)"
