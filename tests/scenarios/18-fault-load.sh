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
# slab refill (whose number varies from load to load). Their numbers move
# from load to load by up to fifteen, so each load of this pass is traced
# too and N is moved until the allocation failed is the planned one (see
# targeted_sweep). The init's own page allocations (kvcalloc()'s
# kmalloc_large(), vmalloc()'s bulk allocation) each have a fallback, so a
# failed one is tolerated; the init fails only where vmalloc() has none:
# KASAN's shadow pages for the event ring, on the debug kernel.
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
p:tcpi/tpreg tracepoint_probe_register
p:tcpi/load __x64_sys_init_module"
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
	awk -v pid="$pid" -v sites="$sites" -v dedupe="$2" -v site_ev="$1:" "$SITE_AWK"'
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
			for (i = init_start + 1; i <= init_end; i++)
				rank[i] = ++seen_site[site(key[i])]
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
					if (!(k in seen) || i == init_end) {
						seen[k] = 1
						print i, "init"
						print i, i - init_start, rank[i], site(key[i]) > "/tmp/targets"
					}
				} else {
					print i, "after"
				}
			}
			print init_start, init_end - init_start, idx - init_end > "/tmp/regions"
		}' /tmp/trace.txt > /tmp/plan || fail "$1: cannot plan from the trace"
	read -r loader_sites init_sites after_sites < /tmp/regions
	if [ "$1" = slab ]; then
		tcpi-faultsweep -m "$TCPI_KO" -n tcpinsight -p initcall -o /tmp/sweep-$1.log \
			< /tmp/plan > /tmp/sweep-$1.out 2>&1
	else
		targeted_sweep "$1"
	fi
	cat /tmp/sweep-$1.out >&2
	reports=$(kernel_reports /tmp/sweep-$1.log)
	[ -z "$reports" ] || fail "$1: kernel report: $(echo "$reports" | head -n 3)"
	grep -q '^tried ' /tmp/sweep-$1.out ||
		fail "$1: $(grep -m1 '^FAIL ' /tmp/sweep-$1.out || tail -n 1 /tmp/sweep-$1.out)"
	read -r _ tried _ ok _ degraded _ tolerated _ failed_init _ failed_loader _ ms <<EOF
$(grep '^tried ' /tmp/sweep-$1.out)
EOF
	planned_init=$(grep -c ' init$' /tmp/plan)
	[ "$1" = slab ] || planned_init="$planned_init sites, $targeted of them failed exactly, $missed missed in 12 tries"
	[ "$failed_init" -gt 0 ] || fail "$1: no load failed inside tcpinsight's init"
	summary="$summary$1: $sites allocations per load ($loader_sites loader, $init_sites init, $after_sites after), $tried loads in $((ms / 1000)) s ($planned_init in the init): $failed_init failed in the init with its message, $failed_loader in the loader, $degraded with a probe named unavailable, $tolerated whole. "
}

# An allocation site: its call stack without the allocator's own frames and
# with the module's addresses (which move from load to load) blanked.
SITE_AWK='function site(key,  f, n, i, out, c) {
	n = split(key, f, " ")
	for (i = 1; i <= n && c < 7; i++) {
		sub(/\+.*/, "", f[i])
		if (f[i] ~ /^(should_fail|prepare_alloc_pages|__alloc_pages|alloc_pages|__get_free_pages)/)
			continue
		if (f[i] ~ /^0x/)
			f[i] = "?"
		out = out (c++ ? "," : "") f[i]
	}
	return out
}
'

# targeted_sweep KIND: fail each site of /tmp/targets in a load of its own,
# traced, until the allocation failed is that site. A load's count of page
# allocations before the init varies from load to load (10 to 25 seen on
# the debug kernel: the loader's vmalloc() of the image, which falls back
# from the bulk allocator to one page at a time when the per-CPU free
# lists run short, and slab refills, depend on what earlier loads left),
# so the Nth allocation of the traced load is some other one in the next. The failed one is found in the load's own trace: the Nth
# allocation after the load began, which must be the site's RANKth
# occurrence after the initcall; if not, N moves to where that occurrence
# was (or past the loader, if the load failed before its init) and the
# load is tried again, twelve times at most (about one load in four hit
# the site on the debug kernel). Loads before and after the init keep
# their N. Sets targeted and missed.
targeted_sweep() {
	: > /tmp/sweep-$1.runs
	: > /tmp/sweep-$1.log
	rm -f /tmp/sweep-$1.out
	targeted=0
	missed=0
	echo 1 > $trace/options/stacktrace
	echo 1 > $trace/events/tcpi/$1/enable
	echo 1 > $trace/events/tcpi/load/enable
	while read -r ts_planned ts_kind; do
		ts_n=$ts_planned
		ts_try=0
		while :; do
			echo 0 > $trace/tracing_on
			echo > $trace/trace
			echo 1 > $trace/tracing_on
			echo "$ts_n" | tcpi-faultsweep -m "$TCPI_KO" -n tcpinsight -p initcall \
				-o /tmp/one.log > /tmp/one.out 2>&1
			echo 0 > $trace/tracing_on
			cat /tmp/one.log >> /tmp/sweep-$1.log
			if ! grep -q '^tried ' /tmp/one.out; then
				cp /tmp/one.out /tmp/sweep-$1.out
				break 2
			fi
			# every load counts, whichever allocation it failed
			cat /tmp/one.out >> /tmp/sweep-$1.runs
			[ "$ts_kind" = init ] || break
			# "0 site" if the Nth was the site, else the N to try and what the Nth was
			awk -v planned="$ts_planned" -v n="$ts_n" -v site_ev="$1:" "$SITE_AWK"'
				NR == FNR { if ($1 == planned) { off = $2; want_rank = $3; want = $4 }; next }
				$1 ~ /-[0-9]+$/ && $2 ~ /^\[[0-9]+\]$/ {
					ev = $5
					if (ev == "<stack") next
					cur = 0
					if (ev == "load:") { lpid = $1; next }
					if ($1 != lpid) next
					if (ev == "initcall:" && !init_at) init_at = idx + 1
					if (ev == site_ev && $3 !~ /[hHs]/) cur = ++idx
					next
				}
				/^ => / && cur { key[cur] = key[cur] " " $2 }
				END {
					for (i = init_at; init_at && i <= idx; i++)
						if (site(key[i]) == want && ++r == want_rank) break
					if (init_at && i == n) {
						print 0, "site"
					} else if (init_at && i <= idx) {
						print i, site(key[n])
					} else if (init_at) {
						next_n = init_at - 1 + off
						if (next_n <= n)
							next_n = n + 1
						print next_n, "before-the-site"
					} else {
						print n + off, "in-the-loader"
					}
				}' /tmp/targets $trace/trace > /tmp/retarget
			read -r ts_next ts_was < /tmp/retarget
			if [ "$ts_next" = 0 ]; then
				targeted=$((targeted + 1))
				echo "$1: init site $(awk -v n="$ts_planned" '$1 == n { print $2 " (" $4 ")" }' /tmp/targets) failed at N=$ts_n, planned N=$ts_planned" >&2
				break
			fi
			ts_try=$((ts_try + 1))
			echo "$1: N=$ts_n failed $ts_was, not init site planned at N=$ts_planned; trying N=$ts_next" >&2
			if [ $ts_try -ge 12 ]; then
				missed=$((missed + 1))
				break
			fi
			ts_n=$ts_next
		done
	done < /tmp/plan
	echo 0 > $trace/options/stacktrace
	echo 0 > $trace/events/tcpi/$1/enable
	echo 0 > $trace/events/tcpi/load/enable
	echo 1 > $trace/tracing_on
	[ -e /tmp/sweep-$1.out ] && return
	grep -v '^tried ' /tmp/sweep-$1.runs > /tmp/sweep-$1.out
	awk '/^tried / { nf = NF; for (i = 1; i < NF; i += 2) { name[i] = $i; sum[i] += $(i + 1) } }
		END { for (i = 1; i < nf; i += 2) printf "%s%s %d", (i > 1 ? " " : ""), name[i], sum[i]; print "" }' \
		/tmp/sweep-$1.runs >> /tmp/sweep-$1.out
}

summary=
sweep_pass slab 1
sweep_pass page 0

# kmemleak ignores objects younger than 5 s: nothing to poll for.
sleep 5
kmemleak_scan
[ "$kl_ours" = 0 ] || fail "$kl_ours objects allocated during the loads left unreferenced: $(head -c 800 /tmp/kmemleak.ours | tr '\n' ' ')"
pass "${summary}Nothing left behind, no kernel report; kmemleak: none of ours ($kl_others of the kernel's)"
