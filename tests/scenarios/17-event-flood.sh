# timeout: 420
# One million SYNs to a closed port, written to a TUN device by a peer the
# kernel has no route back to (so no RST is ever built, let alone dropped):
# each is exactly one NO_SOCKET drop. Every count is exact against the
# kernel's own OutRsts and the number sent (drops, the ports row,
# drops_total, events_logged + events_lost), the ring holds the newest
# events_size events with consecutive ids, and the memory the module holds
# is what it allocated at load: the flood adds nothing to it. The debug
# kernel, about fifty times slower per packet, floods fewer (--set
# flood=N).
N=$(guest_setting flood 1000000)
PORT=9
DST=10.98.0.1
SRC=198.18.0.2
# The kernel's own slab may move a little across a million packets (caches
# are shrunk before each measure, but slabs still in use by the kernel's
# own objects stay): 256 kB. A module allocating even one 8-byte object per
# event would add 8000 kB; one per 32 events, 250 kB.
SLAB_SLACK_KB=256
# vmap'd stacks of exited processes are cached: the flood's own process.
VMALLOC_SLACK_KB=64

# The device first: its own per-CPU and slab memory is not the flood's.
tun_up tcpi0 4 $DST/24
sysctl_set net.ipv4.conf.all.rp_filter 0
sysctl_set net.ipv4.conf.tcpi0.rp_filter 0
ns=$(netns_inode)
mem_settled before
tcpi_load
mem_settled loaded
ring=$(summary_get events_size)
# Fewer SYNs than slots would leave the ring part empty: nothing lost.
[ "$N" -gt "$ring" ] 2> /dev/null || fail "flood=$N: want more SYNs than the ring's $ring slots"
expect_eq "events_logged before the flood" "$(summary_get events_logged)" 0
expect_eq "events_lost before the flood" "$(summary_get events_lost)" 0
drops0=$(summary_get drops_total)
rsts0=$(netstat_get Tcp:OutRsts)

tcpi-flood -i tcpi0 -s $SRC -d $DST -p $PORT -n $N -v 100000 > /tmp/flood.out ||
	fail "tcpi-flood: $(cat /tmp/flood.out)"
read -r _ sent _ ms _ < /tmp/flood.out
expect_eq "SYNs sent" "$sent" $N

rsts=$(($(netstat_get Tcp:OutRsts) - rsts0))
expect_eq "the kernel's OutRsts delta (one RST per SYN to a closed port)" "$rsts" $N
expect_eq "drops_total delta" $(($(summary_get drops_total) - drops0)) "$rsts"
expect_eq "NO_SOCKET in drops" "$(table_get drops reason=NO_SOCKET -- count)" "$rsts"
expect_eq "ports row $ns $PORT NO_SOCKET" \
	"$(table_get ports netns="$ns" port=$PORT reason=NO_SOCKET -- count)" "$rsts"
expect_eq "ports_overflow" "$(summary_get ports_overflow)" 0
logged=$(summary_get events_logged)
lost=$(summary_get events_lost)
expect_eq "events_logged" "$logged" "$ring"
expect_eq "events_logged + events_lost" $((logged + lost)) "$rsts"

# The newest events_size events, oldest first, ids consecutive up to N,
# each the SYN with that number.
cat /proc/tcpinsight/events > /tmp/ring
expect_eq "lines in events" "$(wc -l < /tmp/ring)" "$ring"
bad=$(awk -v n=$N -v r="$ring" -v src=$SRC -v dst=$DST -v port=$PORT '
	{
		split("", f)
		for (i = 1; i <= NF; i++) {
			split($i, kv, "=")
			f[kv[1]] = kv[2]
		}
		want = n - r + NR
		k = want - 1
		if (f["id"] + 0 != want || f["reason"] != "NO_SOCKET" || f["saddr"] != src ||
		    f["daddr"] != dst || f["dport"] + 0 != port || f["flags"] != "S" ||
		    f["sport"] + 0 != 1024 + k % 64512 || f["seq"] + 0 != k) {
			print "line " NR ": " $0
			exit
		}
	}' /tmp/ring)
[ -z "$bad" ] || fail "the ring does not hold SYNs $((N - ring + 1))..$N in order: $bad"

mem_settled flooded
# The measure must see the module: its tables are allocated at load.
cpus=$(possible_cpus)
tables_kb=$(((2 * 4096 * 8 * (1 + cpus) + 1024 * (64 + 184 * cpus) + ring * 96) / 1024))
load_kb=$((mem_loaded_sunreclaim - mem_before_sunreclaim + mem_loaded_vmalloc - mem_before_vmalloc + mem_loaded_percpu - mem_before_percpu))
expect_ge "memory taken at load (kB, SUnreclaim + VmallocUsed + Percpu) vs the README's table sizes" \
	"$load_kb" "$tables_kb"
expect_eq "tcpinsight's vmalloc areas after the flood (kB)" \
	"$mem_flooded_tcpi_vmalloc" "$mem_loaded_tcpi_vmalloc"
expect_eq "Percpu after the flood (kB)" "$mem_flooded_percpu" "$mem_loaded_percpu"
slab_growth=$((mem_flooded_sunreclaim - mem_loaded_sunreclaim))
[ "$slab_growth" -le $SLAB_SLACK_KB ] ||
	fail "SUnreclaim grew by ${slab_growth} kB during the flood (at most $SLAB_SLACK_KB)"
vmalloc_growth=$((mem_flooded_vmalloc - mem_loaded_vmalloc))
[ "$vmalloc_growth" -le $VMALLOC_SLACK_KB ] ||
	fail "VmallocUsed grew by ${vmalloc_growth} kB during the flood (at most $VMALLOC_SLACK_KB)"
pass "$N SYNs in ${ms} ms ($((N * 1000 / (ms + 1)))/s): OutRsts, NO_SOCKET, drops_total and logged+lost all $rsts; ring of $ring in order; memory at load ${load_kb} kB (tables ${tables_kb} kB), after the flood: SUnreclaim ${slab_growth} kB, VmallocUsed ${vmalloc_growth} kB, tcpinsight vmalloc $mem_flooded_tcpi_vmalloc kB (=), Percpu $mem_flooded_percpu kB (=)"
