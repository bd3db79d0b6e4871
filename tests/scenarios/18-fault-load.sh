# timeout: 300
# Loading under failing allocations (kernels with fault injection: the
# debug kernel). tcpi-faultsweep loads the module with its Nth allocation
# failed (fail-nth: failslab and fail_page_alloc, every site counted), for
# N over the allocations of a load: the kernel's loader, tcpinsight's
# tables, /proc, the probes. Each load either succeeds, whole or with the
# probe that could not attach named in probes and in the log, or fails
# with ENOMEM, with a message of tcpinsight's if its init had run, and no
# module and no /proc/tcpinsight left behind; no kernel report beyond the
# allocation-failure warnings the injection causes; kmemleak finds nothing
# allocated by the loads.
#
# N goes one by one wherever the outcome changes and gallops (steps
# doubling up to 16) through stretches where it does not, such as the
# 1024 instances of one kretprobe.
[ -e /sys/kernel/debug/failslab ] || skip "no fault injection in this kernel (the debug kernel has it)"
[ -e /proc/thread-self/fail-nth ] || skip "no /proc/thread-self/fail-nth"
trace=/sys/kernel/debug/tracing
[ -e $trace/kprobe_events ] || fail "no kprobe events: cannot tell whether tcpinsight's init ran"
tcpi_loaded && tcpi_unload

trap 'fault_injection_reset; echo 0 > $trace/events/tcpi/initcall/enable; echo "-:tcpi/initcall" >> $trace/kprobe_events' EXIT
fault_injection_setup
# The module's init runs through do_one_initcall(): its hits say it did.
echo "p:tcpi/initcall do_one_initcall" >> $trace/kprobe_events || fail "cannot add a kprobe event on do_one_initcall"
echo 1 > $trace/events/tcpi/initcall/enable || fail "cannot enable the initcall event"
kmemleak_clear
dmesg -c > /dev/null

tcpi-faultsweep -m "$TCPI_KO" -n tcpinsight -p initcall -o /tmp/sweep.log > /tmp/sweep.out 2>&1
rc=$?
cat /tmp/sweep.out >&2
reports=$(kernel_reports /tmp/sweep.log)
[ -z "$reports" ] || fail "kernel report: $(echo "$reports" | head -n 3)"
[ "$rc" = 0 ] || fail "$(grep -m1 '^FAIL ' /tmp/sweep.out || tail -n 1 /tmp/sweep.out)"
read -r _ sites _ tried _ ok _ degraded _ tolerated _ failed_init _ failed_loader _ ms <<EOF
$(grep '^sites ' /tmp/sweep.out)
EOF
[ -n "$sites" ] || fail "no summary from tcpi-faultsweep"
[ "$failed_init" -gt 0 ] || fail "no load failed inside tcpinsight's init: the sweep missed its allocations"

# kmemleak ignores objects younger than 5 s: nothing to poll for.
sleep 5
kmemleak_scan
[ "$kl_ours" = 0 ] || fail "$kl_ours objects allocated during the loads left unreferenced: $(head -c 800 /tmp/kmemleak.ours | tr '\n' ' ')"
pass "$sites allocations in a load; $tried loads with one failed in $((ms / 1000)) s: $failed_init failed in tcpinsight's init with its message, $failed_loader in the kernel's loader, $degraded loaded with a probe named unavailable, $tolerated whole; nothing left behind, no kernel report; kmemleak: none of ours ($kl_others of the kernel's)"
