# timeout: 300
# Loading under failing allocations (kernels with fault injection: the
# debug kernel). tcpi-faultsweep loads the module with its Nth allocation
# failed (fail-nth). Each load must either succeed, whole or with the
# probe that could not attach named in probes and in the log, or fail with
# ENOMEM, with a message of tcpinsight's if its init had run, leaving no
# module and no /proc/tcpinsight; no kernel report beyond the
# allocation-failure warnings the injection causes; kmemleak finds nothing
# allocated by the loads.
#
# Which N: a load makes some 3300 slab allocations on the debug kernel
# (the loader's, tcpinsight's init's, kmemleak's own for each), at one to
# two seconds per load: too many to fail each. One traced load names them
# (a kprobe event on __should_failslab() with its stack): every allocation of
# tcpinsight's init is failed whose call stack has not been failed yet in
# the same probe registration (the 1024 instances of one kretprobe are
# one stack), skipping those made by kmemleak and KASAN for themselves
# (both do without); every 16th of the loader's, and all after the init.
# Then the same for page allocations (fail_page_alloc, traced at
# should_fail_alloc_page()), every allocation of the init that is not a
# slab refill (whose number varies from load to load).
[ -e /sys/kernel/debug/failslab ] || skip "no fault injection in this kernel (the debug kernel has it)"
[ -e /proc/thread-self/fail-nth ] || skip "no /proc/thread-self/fail-nth"
trace=/sys/kernel/debug/tracing
[ -e $trace/kprobe_events ] || fail "no kprobe events: cannot trace the allocations"
tcpi_loaded && tcpi_unload

EVENTS="p:tcpi/slab __should_failslab
p:tcpi/page should_fail_alloc_page
p:tcpi/initcall do_one_initcall
r:tcpi/initret do_one_initcall
p:tcpi/reg register_kprobe
p:tcpi/tpreg tracepoint_probe_register"
tracing_reset() {
	echo 0 > $trace/tracing_on
	echo 0 > $trace/options/stacktrace
	echo 0 > $trace/events/tcpi/enable 2> /dev/null
	echo > $trace/kprobe_events
	echo 1 > $trace/tracing_on
}
trap 'fault_injection_reset; tracing_reset' EXIT
echo "$EVENTS" > $trace/kprobe_events || fail "cannot add the kprobe events"
echo 16384 > $trace/buffer_size_kb
kmemleak_clear
dmesg -c > /dev/null

# sweep_pass KIND DEDUPE: trace one load, plan (with DEDUPE=1, one site per
# call stack and probe registration), sweep; adds to the summary.
sweep_pass() {
	fault_injection_setup "$1"
	echo 0 > $trace/tracing_on
	echo > $trace/trace
	echo 1 > $trace/options/stacktrace
	for e in $1 initcall initret reg tpreg; do
		echo 1 > $trace/events/tcpi/$e/enable
	done
	tcpi-faultsweep -c -m "$TCPI_KO" -n tcpinsight -t $trace/tracing_on > /tmp/count.out 2>&1 ||
		fail "$1: the traced load: $(cat /tmp/count.out)"
	echo 0 > $trace/options/stacktrace
	echo 0 > $trace/events/tcpi/enable
	echo 1 > $trace/events/tcpi/initcall/enable
	read -r _ sites _ pid < /tmp/count.out
	cat $trace/trace > /tmp/trace.txt
	echo 1 > $trace/tracing_on
	grep -q "LOST" /tmp/trace.txt && fail "$1: the trace lost events"
	awk -v pid="$pid" -v sites="$sites" -v dedupe="$2" -v site_ev="$1:" '
		$1 ~ /-[0-9]+$/ && $2 ~ /^\[[0-9]+\]$/ {
			n = split($1, cp, "-")
			if (cp[n] != pid) { cur = 0; next }
			ev = $5
			if (ev == "<stack") next
			cur = 0
			if (ev == site_ev) {
				# Only allocations in task context count for fail-nth.
				if ($3 ~ /[hHs]/) next
				cur = ++idx; ep[idx] = epoch
			} else if (ev == "initcall:") {
				init_start = idx
			} else if (ev == "initret:") {
				init_end = idx
			} else if (ev == "reg:" || ev == "tpreg:") {
				epoch++
			}
			next
		}
		/^ => / && cur { key[cur] = key[cur] " " $2 }
		END {
			if (idx != sites || !init_end) {
				print "traced " idx " of " sites " allocations, init " init_start "-" init_end > "/dev/stderr"
				exit 1
			}
			for (i = 1; i <= idx; i++) {
				if (i <= init_start) {
					if (i % 16 == 1 || i == init_start) print i, "loader"
				} else if (i <= init_end) {
					if (key[i] ~ /__create_object|kmemleak|stack_depot|kasan_save|allocate_slab/) continue
					k = dedupe ? ep[i] "|" key[i] : i
					if (!(k in seen) || i == init_end) { seen[k] = 1; print i, "init" }
				} else {
					print i, "after"
				}
			}
			print init_start, init_end - init_start, idx - init_end > "/tmp/regions"
		}' /tmp/trace.txt > /tmp/plan || fail "$1: cannot plan from the trace"
	read -r loader_sites init_sites after_sites < /tmp/regions
	tcpi-faultsweep -m "$TCPI_KO" -n tcpinsight -p initcall -o /tmp/sweep-$1.log \
		< /tmp/plan > /tmp/sweep-$1.out 2>&1
	cat /tmp/sweep-$1.out >&2
	reports=$(kernel_reports /tmp/sweep-$1.log)
	[ -z "$reports" ] || fail "$1: kernel report: $(echo "$reports" | head -n 3)"
	grep -q '^tried ' /tmp/sweep-$1.out ||
		fail "$1: $(grep -m1 '^FAIL ' /tmp/sweep-$1.out || tail -n 1 /tmp/sweep-$1.out)"
	read -r _ tried _ ok _ degraded _ tolerated _ failed_init _ failed_loader _ ms <<EOF
$(grep '^tried ' /tmp/sweep-$1.out)
EOF
	planned_init=$(grep -c ' init$' /tmp/plan)
	[ "$failed_init" -gt 0 ] || fail "$1: no load failed inside tcpinsight's init"
	summary="$summary$1: $sites allocations per load ($loader_sites loader, $init_sites init, $after_sites after), $tried loads in $((ms / 1000)) s ($planned_init in the init): $failed_init failed in the init with its message, $failed_loader in the loader, $degraded with a probe named unavailable, $tolerated whole. "
}

summary=
sweep_pass slab 1
sweep_pass page 0

# kmemleak ignores objects younger than 5 s: nothing to poll for.
sleep 5
kmemleak_scan
[ "$kl_ours" = 0 ] || fail "$kl_ours objects allocated during the loads left unreferenced: $(head -c 800 /tmp/kmemleak.ours | tr '\n' ' ')"
pass "${summary}Nothing left behind, no kernel report; kmemleak: none of ours ($kl_others of the kernel's)"
