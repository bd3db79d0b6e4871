# SPDX-License-Identifier: GPL-2.0
# Helpers every VM scenario gets (sourced by the guest's init before the
# scenario). A scenario ends with pass, fail or skip; anything else is a
# failure. Verdicts go to $TCPI_VERDICT, which the init reports.

TCPI_KO=${TCPI_KO:-/lib/tcpinsight/tcpinsight.ko}

verdict() {
	printf '%s\n' "$*" > "$TCPI_VERDICT"
}

pass() { verdict "PASS $*"; exit 0; }
skip() { verdict "SKIP $*"; exit 0; }
fail() {
	echo "FAIL: $*" >&2
	verdict "FAIL $*"
	exit 1
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_ge WHAT GOT MIN
expect_ge() {
	[ "$2" -ge "$3" ] 2> /dev/null || fail "$1: got '$2', want at least '$3'"
}

tcpi_loaded() {
	[ -d /sys/module/tcpinsight ]
}

# tcpi_load [PARAM=VALUE...]: a fresh instance of the module.
tcpi_load() {
	if tcpi_loaded; then
		rmmod tcpinsight || fail "rmmod tcpinsight failed"
	fi
	insmod "$TCPI_KO" "$@" || fail "insmod tcpinsight $* failed: $(dmesg | tail -n 3)"
	[ -r /proc/tcpinsight/summary ] || fail "no /proc/tcpinsight after insmod"
}

tcpi_unload() {
	rmmod tcpinsight || fail "rmmod tcpinsight failed"
	[ ! -e /proc/tcpinsight ] || fail "/proc/tcpinsight is still there after rmmod"
}

# table_get FILE [COLUMN=VALUE...] -- COLUMN: COLUMN of the one row of
# /proc/tcpinsight/FILE that matches, by header name; 0 when no row does.
table_get() {
	tg_file=/proc/tcpinsight/$1
	shift
	tg_match=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		tg_match="$tg_match $1"
		shift
	done
	[ "$1" = -- ] && [ $# -eq 2 ] || fail "usage: table_get FILE [COL=VAL...] -- COL"
	tg_out=$(awk -v match_spec="$tg_match" -v want="$2" '
		NR == 1 {
			for (i = 1; i <= NF; i++) col[$i] = i
			if (!(want in col)) { print "no column " want; exit 3 }
			n = split(match_spec, m, " ")
			for (j = 1; j <= n; j++) {
				eq = index(m[j], "=")
				k[j] = substr(m[j], 1, eq - 1); v[j] = substr(m[j], eq + 1)
				if (!(k[j] in col)) { print "no column " k[j]; exit 3 }
			}
			next
		}
		{
			for (j = 1; j <= n; j++) if ($(col[k[j]]) != v[j]) next
			hits++; val = $(col[want])
		}
		END {
			if (hits > 1) { print hits " rows match"; exit 3 }
			print hits ? val : 0
		}' "$tg_file") || fail "table_get $tg_file$tg_match -- $2: $tg_out"
	echo "$tg_out"
}

# summary_get KEY
summary_get() {
	sg_out=$(awk -v k="$1" '$1 == k { print $2; found = 1 } END { exit !found }' \
		/proc/tcpinsight/summary) || fail "summary has no key $1"
	echo "$sg_out"
}

# netstat_get PREFIX:NAME: the kernel's own counter in this netns, from
# /proc/net/netstat or /proc/net/snmp (pairs of name and value lines).
netstat_get() {
	ng_out=$(awk -v want="$1" '
		BEGIN { split(want, w, ":"); p = w[1] ":"; name = w[2] }
		$1 == p {
			if (!(FILENAME in seen)) seen[FILENAME] = 0
			if (!hdr[FILENAME, p]) {
				hdr[FILENAME, p] = 1
				for (i = 2; i <= NF; i++) if ($i == name) idx = i
			} else if (idx) {
				print $idx; found = 1; exit
			}
		}
		END { exit !found }' /proc/net/netstat /proc/net/snmp) ||
		fail "the kernel has no counter $1"
	echo "$ng_out"
}

netns_inode() {
	stat -L -c %i /proc/self/ns/net
}

# wait_for SECONDS COMMAND...: poll until COMMAND succeeds.
wait_for() {
	wf_left=$(($1 * 20))
	shift
	until "$@"; do
		wf_left=$((wf_left - 1))
		[ "$wf_left" -gt 0 ] || fail "timed out waiting for: $*"
		sleep 0.05
	done
}

# settled_eq WHAT KERNEL_CMD MODULE_CMD: a figure of tcpinsight's against
# the kernel's, read module, kernel, kernel, module, and retried until
# neither moved across the reads (traffic may still be in flight).
settled_eq() {
	se_n=0
	while :; do
		se_m1=$(eval "$3")
		se_k1=$(eval "$2")
		se_k2=$(eval "$2")
		se_m2=$(eval "$3")
		[ "$se_k1" = "$se_k2" ] && [ "$se_m1" = "$se_m2" ] && break
		se_n=$((se_n + 1))
		[ "$se_n" -lt 400 ] || fail "$1: the counters never held still"
		sleep 0.05
	done
	expect_eq "$1" "$se_m1" "$se_k1"
}

# The kernel's requests in the SYN queue for local PORT, from /proc/net/tcp
# (and tcp6): request sockets show there in state 03.
synrecv_count() {
	awk -v p="$(printf ':%04X' "$1")" '$4 == "03" && substr($2, length($2) - 4) == p { n++ } END { print n + 0 }' \
		/proc/net/tcp /proc/net/tcp6
}

# Sockets listening on local PORT, the same way (state 0A).
listening_count() {
	awk -v p="$(printf ':%04X' "$1")" '$4 == "0A" && substr($2, length($2) - 4) == p { n++ } END { print n + 0 }' \
		/proc/net/tcp /proc/net/tcp6
}

# The sum of every listen-drop reason tcpinsight names, in this netns.
listen_drops_sum() {
	ld_ns=$(netns_inode)
	awk -v ns="$ld_ns" 'NR > 1 && $1 == ns && $3 ~ /^TCP_(LISTEN_OVERFLOW|SYN_QUEUE_FULL|SYN_QUEUE_LAST_QUARTER|SYN_REQUEST_FAILED|LISTEN_CHILD_FAILED)$/ { n += $4 } END { print n + 0 }' \
		/proc/tcpinsight/ports
}

# tun_up IFACE FAMILY ADDR/PREFIX: a TUN device peers can be played through.
tun_up() {
	tcpi-tunctl "$1" || fail "cannot create TUN device $1"
	if [ "$2" = 6 ]; then
		# No duplicate address detection: the address is usable at once.
		echo 0 > "/proc/sys/net/ipv6/conf/$1/accept_dad"
		ip -6 addr add "$3" dev "$1" || fail "ip -6 addr add $3"
	else
		ip addr add "$3" dev "$1" || fail "ip addr add $3"
	fi
	ip link set "$1" up || fail "ip link set $1 up"
}

# sysctl_set NAME VALUE: set, and put back when the scenario ends.
sysctl_set() {
	ss_path=/proc/sys/$(echo "$1" | tr . /)
	echo "$(cat "$ss_path")" > "/tmp/sysctl.$1"
	echo "$2" > "$ss_path" || fail "cannot set $1=$2"
}

# tcp_state_of LPORT RADDR4 RPORT: the kernel's state (hex, as in
# /proc/net/tcp) of the IPv4 socket between local port LPORT and the peer.
tcp_state_of() {
	ts_remote=$(echo "$2" | awk -F. '{ printf "%02X%02X%02X%02X", $4, $3, $2, $1 }')
	awk -v l="$(printf ':%04X' "$1")" -v r="$ts_remote$(printf ':%04X' "$3")" \
		'substr($2, length($2) - 4) == l && $3 == r { print $4 }' /proc/net/tcp
}

# kernel_has_drop_reasons: whether kfree_skb carries reasons (5.17 and later)
kernel_has_drop_reasons() {
	[ "$(cat /etc/tcpi-kver)" != 5.10 ]
}

# ctl COMMAND: one write to /proc/tcpinsight/control that must succeed.
ctl() {
	ctl_out=$(tcpi-ctlwrite "$1") || fail "control '$1': $ctl_out"
}

# tcpi_snapshot FILE: every file of /proc/tcpinsight, to compare later,
# but for what traffic the test does not control moves: probe hits and
# misses, and records a filter left out (sockets of earlier scenarios may
# still retransmit in namespaces of their own).
tcpi_snapshot() {
	{
		echo "== summary"
		grep -v '^filtered ' /proc/tcpinsight/summary
		echo "== probes"
		awk '{ print $1, $2, $5 }' /proc/tcpinsight/probes
		for ts_f in drops ports tcp listeners events; do
			echo "== $ts_f"
			cat "/proc/tcpinsight/$ts_f"
		done
	} > "$1"
}

# tcpi_settled_snapshot FILE: a snapshot that two reads in a row agree on
# (traffic just generated may still be settling).
tcpi_settled_snapshot() {
	tss_n=0
	tcpi_snapshot "$1"
	while :; do
		tcpi_snapshot "$1.again"
		cmp -s "$1" "$1.again" && break
		mv "$1.again" "$1"
		tss_n=$((tss_n + 1))
		[ "$tss_n" -lt 200 ] || fail "/proc/tcpinsight never held still"
		sleep 0.05
	done
	rm -f "$1.again"
}

# records: everything a filter can leave out that tables count here:
# drops, and counts in tcp.
records() {
	echo $(($(summary_get drops_total) + $(awk 'NR > 1 { n += $5 } END { print n + 0 }' /proc/tcpinsight/tcp)))
}

# guest_setting NAME DEFAULT: what tests/vm/run.sh --set NAME=VALUE gave,
# else DEFAULT.
guest_setting() {
	if [ -f "/etc/tcpi-set/$1" ]; then
		cat "/etc/tcpi-set/$1"
	else
		echo "$2"
	fi
}

# meminfo_kb FIELD: a figure of /proc/meminfo, in kB.
meminfo_kb() {
	mk_out=$(awk -v f="$1:" '$1 == f { print $2; found = 1 } END { exit !found }' /proc/meminfo) ||
		fail "no $1 in /proc/meminfo"
	echo "$mk_out"
}

# tcpi_vmalloc_kb: the vmalloc areas tcpinsight's own code allocated, in kB
# (its tables; the module's text is the loader's, not counted here).
tcpi_vmalloc_kb() {
	awk '/\[tcpinsight\]/ { b += $2 } END { print int(b / 1024) }' /proc/vmallocinfo
}

# mem_snapshot NAME: sets mem_NAME_slab, _sunreclaim, _vmalloc, _percpu
# (the kernel's totals, kB) and _tcpi_vmalloc, and prints them.
mem_snapshot() {
	ms_line="slab=$(meminfo_kb Slab) sunreclaim=$(meminfo_kb SUnreclaim)"
	ms_line="$ms_line vmalloc=$(meminfo_kb VmallocUsed) percpu=$(meminfo_kb Percpu)"
	ms_line="$ms_line tcpi_vmalloc=$(tcpi_vmalloc_kb)"
	for ms_kv in $ms_line; do
		eval "mem_$1_${ms_kv%%=*}=${ms_kv#*=}"
	done
	echo "memory $1 (kB): $ms_line" >&2
}

# mem_settled NAME: mem_snapshot once SUnreclaim holds still for three reads
# 0.2 s apart (RCU-deferred frees of the kernel's own come in late), every
# slab cache shrunk first: empty slabs kept per CPU are given back, and
# KASAN's quarantine of freed objects (up to 1/32 of memory) is emptied.
mem_settled() {
	for msd_c in /sys/kernel/slab/*/shrink; do
		echo 1 > "$msd_c" 2> /dev/null
	done
	msd_n=0
	msd_prev=-1
	msd_same=0
	while [ "$msd_same" -lt 2 ]; do
		msd_cur=$(meminfo_kb SUnreclaim)
		if [ "$msd_cur" = "$msd_prev" ]; then
			msd_same=$((msd_same + 1))
		else
			msd_same=0
		fi
		msd_prev=$msd_cur
		msd_n=$((msd_n + 1))
		[ "$msd_n" -lt 100 ] || break
		sleep 0.2
	done
	mem_snapshot "$1"
}

# possible_cpus: the number of CPU ids the kernel may use (nr_cpu_ids),
# what the module sizes its per-CPU tables by.
possible_cpus() {
	awk -F'[-,]' '{ print $NF + 1 }' /sys/devices/system/cpu/possible
}

# kmemleak_scan: two scans (the second drops what the first only caught in
# flight), then sets kl_ours, the unreferenced objects allocated from
# tcpinsight's code, and kl_others, the rest. An object allocated from code
# that is no longer loaded has a bare address in its backtrace: in this VM
# only tcpinsight is ever loaded as a module, so that is ours too. Reports
# are in /tmp/kmemleak.all, ours in /tmp/kmemleak.ours.
kmemleak_scan() {
	ks_f=/sys/kernel/debug/kmemleak
	rm -f /tmp/kmemleak.ours
	[ -w "$ks_f" ] || fail "no $ks_f: kmemleak is not enabled"
	echo scan > "$ks_f" || fail "kmemleak refused to scan (disabled after an error?)"
	echo scan > "$ks_f" || fail "kmemleak refused to scan"
	cat "$ks_f" > /tmp/kmemleak.all || fail "cannot read $ks_f"
	awk '
		function flush() {
			if (obj == "") return
			if (ours) { n_ours++; printf "%s", obj > "/tmp/kmemleak.ours" } else n_others++
		}
		/^unreferenced object/ { flush(); obj = ""; ours = 0 }
		{ obj = obj $0 "\n" }
		/\[tcpinsight\]/ || /\] 0x[0-9a-f]+$/ { ours = 1 }
		END { flush(); print n_ours + 0, n_others + 0 }' /tmp/kmemleak.all > /tmp/kmemleak.count
	: >> /tmp/kmemleak.ours
	read -r kl_ours kl_others < /tmp/kmemleak.count
}

# kmemleak_clear: forget what kmemleak has reported so far (the kernel's own
# boot-time objects), so a later scan shows only what is new.
kmemleak_clear() {
	echo scan > /sys/kernel/debug/kmemleak || fail "kmemleak refused to scan"
	echo clear > /sys/kernel/debug/kmemleak || fail "kmemleak refused to clear"
}

# kmemleak_final: the verdict after the last scenario.
kmemleak_final() {
	# kmemleak reports no object younger than 5 s: nothing to poll for.
	sleep 5
	kmemleak_scan
	[ "$kl_ours" = 0 ] ||
		fail "$kl_ours objects allocated by tcpinsight left unreferenced: $(head -c 800 /tmp/kmemleak.ours | tr '\n' ' ')"
	pass "no object of tcpinsight's unreferenced; $kl_others of the kernel's own"
}

# kernel_reports FILE: the lines of a kernel log that report a problem
# (init's BAD patterns), leaving out the warnings an injected allocation
# failure makes by design: from "page allocation failure", "vmalloc error"
# or "percpu: allocation failed" to the end of its stack dump. A line
# "### WHAT" in FILE names what the lines after it came from.
kernel_reports() {
	kr_bad=$(sed -n "s/^BAD='\(.*\)'$/\1/p" /init)
	awk -v bad="$kr_bad" '
		/^### / { what = substr($0, 5) ": "; next }
		/page allocation failure|vmalloc error:|percpu: allocation failed/ { skip = 1 }
		skip { if ($0 ~ /<\/TASK>/) skip = 0; next }
		$0 ~ bad { print what $0 }' "$1"
}

# fault_injection_setup [slab|page]: failslab and fail_page_alloc (or only
# one of them) count every allocation of a task armed through
# /proc/thread-self/fail-nth (sleeping ones and order-0 pages included),
# print nothing when they fail one, and fail nothing on their own
# (probability 0).
fault_injection_setup() {
	for fis_d in /sys/kernel/debug/failslab /sys/kernel/debug/fail_page_alloc; do
		[ -d "$fis_d" ] || fail "no $fis_d"
		echo 0 > "$fis_d/probability"
		echo 0 > "$fis_d/verbose"
		echo N > "$fis_d/ignore-gfp-wait"
	done
	echo N > /sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem
	echo 0 > /sys/kernel/debug/fail_page_alloc/min-order
	# The one left out counts nothing: no page allocation is of order 11 or
	# more, and with cache-filter no cache is marked for failslab.
	case $1 in
	slab)
		echo 11 > /sys/kernel/debug/fail_page_alloc/min-order
		echo N > /sys/kernel/debug/failslab/cache-filter
		;;
	page)
		echo Y > /sys/kernel/debug/failslab/cache-filter
		;;
	esac
}

# fault_injection_reset: the defaults back, nothing armed.
fault_injection_reset() {
	for fir_d in /sys/kernel/debug/failslab /sys/kernel/debug/fail_page_alloc; do
		[ -d "$fir_d" ] || continue
		echo 0 > "$fir_d/probability"
		echo 1 > "$fir_d/interval"
		echo 1 > "$fir_d/times"
		echo 0 > "$fir_d/space"
		echo 2 > "$fir_d/verbose"
		echo N > "$fir_d/task-filter"
		echo Y > "$fir_d/ignore-gfp-wait"
	done
	[ ! -d /sys/kernel/debug/failslab ] || echo N > /sys/kernel/debug/failslab/cache-filter
	if [ -d /sys/kernel/debug/fail_page_alloc ]; then
		echo Y > /sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem
		echo 1 > /sys/kernel/debug/fail_page_alloc/min-order
	fi
}
