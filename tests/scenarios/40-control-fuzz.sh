# timeout: 400
# The module parameters refuse absurd values and start the module where
# they say. The control file: at least 500 malformed writes (unknown commands,
# missing and extra arguments, numbers out of range or with junk, empty,
# longer than a page, bytes that are not text, bad lines after good ones,
# random bytes, and valid commands mutated into invalid ones) each get
# EINVAL and change nothing: every table, every probe's state, the filters
# and every counter read the same after them. Then every valid command
# does what it says, checked by its effect.
#
# Its traffic runs in a network namespace of its own, and a netns filter
# keeps what other namespaces do (sockets of earlier scenarios may still
# retransmit there) out of the tables it checks.
unshare -n sh -c 'ip link set lo up && exec tcpi-listen -a 127.0.0.1 -p 7100 -b 8' > /tmp/listen.out &
holder=$!
wait_for 10 grep -q listening /tmp/listen.out
ns=$(stat -L -c %i "/proc/$holder/ns/net")
[ "$ns" != "$(netns_inode)" ] || fail "unshare -n did not give a new netns"
inns() {
	nsenter --net="/proc/$holder/ns/net" "$@"
}

# --- the module parameters: absurd values refused at load, with a message ---
for bad in events_size=15 ports_max=300 listeners_max=70000 events=2 \
	events_rate=1000001 events_rate=-1 probes_off=nosuchprobe probes_off=kfree_skb, \
	filter_ports=0 filter_ports=80,80 filter_ports=65536 filter_ports=+80 \
	filter_ports=80, "filter_ports=$(seq -s , 1 65)" filter_netns=0 filter_netns=12x \
	filter_netns=4294967296; do
	dmesg -c > /dev/null
	if insmod "$TCPI_KO" "$bad" 2> /dev/null; then
		fail "insmod with $bad succeeded"
	fi
	! tcpi_loaded || fail "the module is loaded after insmod $bad failed"
	dmesg | grep -q "tcpinsight: .*${bad%%=*}" ||
		fail "insmod $bad: the log does not name ${bad%%=*}: $(dmesg | tail -n 2)"
done
# and good ones are where the module starts
tcpi_load events=0 events_rate=7 probes_off=tcp_send_active_reset,inet_csk_listen_stop \
	filter_ports=9,7100 filter_netns="$ns"
expect_eq "summary from the parameters" \
	"$(summary_get events_on) $(summary_get events_rate) $(summary_get filter_ports) $(summary_get filter_netns)" \
	"0 7 9,7100 $ns"
expect_eq "probes_off: tcp_send_active_reset" "$(table_get probes name=tcp_send_active_reset -- state)" off
expect_eq "probes_off: the listen pair" \
	"$(table_get probes name=inet_csk_listen_start -- state) $(table_get probes name=inet_csk_listen_stop -- state)" \
	"off off"
expect_eq "listeners rows with the listen pair off" "$(wc -l < /proc/tcpinsight/listeners)" 1
expect_eq "kfree_skb on" "$(table_get probes name=kfree_skb -- state)" on
inns tcpi-connect -a 127.0.0.1 -p 9 -n 2 -x refused > /dev/null || fail "connects to port 9"
inns tcpi-connect -a 127.0.0.1 -p 10 -n 2 -x refused > /dev/null || fail "connects to port 10"
expect_eq "NO_SOCKET with filter_ports=9,7100" "$(table_get drops reason=NO_SOCKET -- count)" 2
expect_eq "events with events=0" "$(summary_get events_logged) $(summary_get events_lost)" "0 0"
expect_ge "filtered" "$(summary_get filtered)" 2

dmesg -c > /dev/null
tcpi_load

# --- a state worth keeping: filters, a probe off, events limited -----------
inns tcpi-connect -a 127.0.0.1 -p 9 -n 5 -x refused > /dev/null || fail "connects to port 9"
inns tcpi-connect -a 127.0.0.1 -p 7100 -n 2 -x ok > /dev/null || fail "connects to 7100"
ctl "filter port 9,7100"
ctl "filter netns $ns"
ctl "events rate 1000"
ctl "events size 500"
ctl "disable tcp_send_active_reset"
ctl "disable tcp_retransmit_synack"
inns tcpi-connect -a 127.0.0.1 -p 9 -n 3 -x refused > /dev/null || fail "connects to port 9"
expect_eq "filter_ports" "$(summary_get filter_ports)" 9,7100
expect_eq "filter_netns" "$(summary_get filter_netns)" "$ns"
expect_eq "events_rate" "$(summary_get events_rate)" 1000
expect_eq "events_size" "$(summary_get events_size)" 500
expect_eq "tcp_send_active_reset state" "$(table_get probes name=tcp_send_active_reset -- state)" off
expect_ge "drops_total" "$(summary_get drops_total)" 8
expect_eq "syns of 7100" "$(table_get listeners netns="$ns" port=7100 -- syns)" 2

# --- each kind of mistake names itself in the kernel log --------------------
named() {
	dmesg -c > /dev/null
	tcpi-ctlwrite -e -x EINVAL "$1" > /dev/null || fail "'$1' was not refused with EINVAL"
	dmesg | grep -q "tcpinsight: control: .*$2" || fail "'$1': the log does not say '$2': $(dmesg | tail -n 2)"
	expect_eq "log lines for '$1'" "$(dmesg | grep -c 'tcpinsight: control:')" 1
}
named "events size 15" "line 1: number out of range: '15'"
named "reboot now" "line 1: unknown command: 'reboot'"
named "reset\\nenable" "line 2: missing probe name"
named "filter port 80,80" "port listed twice: '80'"
named "events rate 5x" "not a decimal number: '5x'"
named "enable all\\x7f" "byte 10 is 0x7f, not text"
named "" "empty write"

# --- the malformed writes: one per line, C-escaped --------------------------
cat > /tmp/fuzz.list << 'EOF'

\n
\n\n
 
\t
 \t \n
enable
disable
enable all all
disable kfree_skb kfree_skb
enable nosuchprobe
disable kfree
enable KFREE_SKB
enable all,kfree_skb
reset drops ports
reset all all
reset drop
reset table
reset Drops
filter
filter port
filter netns
filter off now
filter port 80 81
filter port 80, 81
filter netns 1 2
filter ports 80
filter on
filter port 0
filter port 65536
filter port 99999999999999999999999
filter port 80,
filter port ,80
filter port 80,,81
filter port 80;81
filter port 80:81
filter port 80,80
filter port 1,2,3,1
filter port -80
filter port +80
filter port 0x50
filter port 8O
filter netns 0
filter netns -1
filter netns +4026531840
filter netns 4294967296
filter netns 18446744073709551616
filter netns 4026531840x
filter netns 0x10
events
events size
events rate
events size 0
events size 15
events size 1048577
events size 4294967312
events size 18446744073709551615
events size 18446744073709551616
events size 100x
events size 1e3
events size 100.0
events size +100
events size -100
events size 0x100
events size 1 000
events rate 1000001
events rate -1
events rate 5k
events rate 4294967301
events on 1
events off now
events enable
events On
Events on
EVENTS OFF
event on
events
reset\x00
\x00
\x00enable all
enable all\x00
enable\x00all
reset\x7f
reset\x1b[0m
events on\r
events on\r\n
reset\x0b
reset\x0c
\xff\xfe
reset\x80
enable all\n\n
\nenable all
filter off\nbogus
events off\nevents size 1
disable all\nenable nosuchprobe
reset\nreset x
events rate 0\nevents rate 1000001
filter port 22\nfilter port 0
enable all\n\nenable all
EOF

# 65 ports: one too many.
seq -s , 1 65 | sed 's/^/filter port /' >> /tmp/fuzz.list
# longer than a page: a valid command padded to 4097 bytes, and 10000 bytes
awk 'BEGIN { s = "reset"; while (length(s) < 4097) s = s " "; print s }' >> /tmp/fuzz.list
awk 'BEGIN { s = ""; while (length(s) < 10000) s = s "x"; print s }' >> /tmp/fuzz.list
# One byte that is not text, of every such value, alone and inside a command
# (\t and \n are separators, not mistakes).
awk 'BEGIN {
	for (b = 0; b < 256; b++) {
		if (b == 9 || b == 10 || (b >= 32 && b <= 126)) continue
		printf "\\x%02x\n", b
		printf "events o\\x%02xn\n", b
	}
}' >> /tmp/fuzz.list
# Valid commands made invalid every way that is sure to be invalid.
cat > /tmp/valid.list << EOF
enable all
disable kfree_skb
reset
reset drops
filter port 80,443
filter netns $ns
filter off
events on
events off
events size 1024
events rate 100
EOF
awk '
function esc(s) { gsub(/\\/, "\\\\", s); return s }
{
	v = $0
	n = split(v, w, " ")
	print esc(v) " x"                       # extra argument
	print "x" esc(v)                         # unknown command
	print toupper(esc(v))                    # commands are lower case
	print substr(w[1], 1, length(w[1]) - 1) substr(v, length(w[1]) + 1)  # a shorter word
	if (n > 1) {                             # no separator
		s = v; sub(/ /, ",", s); print s
		s = v; sub(/ /, ":", s); print s
	}
	print "bogus\\n" esc(v)                  # a bad line first
	print esc(v) "\\nbogus"                  # or after
	print esc(v) "\\n" esc(v) " x"
	split("00 01 07 0d 1b 7f 80 c3 ff", bad, " ")
	for (i = 1; i <= 9; i++) {
		mid = int(length(v) / 2)
		print "\\x" bad[i] esc(v)
		print substr(v, 1, mid) "\\x" bad[i] substr(v, mid + 1)
		print esc(v) "\\x" bad[i]
	}
	if (w[n] ~ /^[0-9]+$/) {
		print v "x"; print v "-"; print v ".0"; print v " 1"
		s = v; sub(/[0-9]+$/, "+&", s); print s
		s = v; sub(/[0-9]+$/, "-&", s); print s
		s = v; sub(/[0-9]+$/, "0x&", s); print s
		s = v; sub(/[0-9]+$/, "&&&&&&&&&&&&&&&&&&&&&&&&&", s); print s
	}
}' /tmp/valid.list >> /tmp/fuzz.list
# Random bytes, 1 to 80 of them a write, and random text.
od -An -v -tx1 -N 30000 /dev/urandom | awk -v seed="$(od -An -N4 -tu4 /dev/urandom)" '
function hex(h) { return (index("0123456789abcdef", substr(h, 1, 1)) - 1) * 16 + index("0123456789abcdef", substr(h, 2, 1)) - 1 }
BEGIN { srand(seed); want = 0; line = ""; cases = 0 }
{
	for (i = 1; i <= NF && cases < 300; i++) {
		if (!want) want = 1 + int(rand() * 80)
		if (cases >= 150) {
			# printable: a letter or a digit or punctuation, no separators
			c = 33 + hex($i) % 94
			ch = sprintf("%c", c)
			line = line (ch == "\\" ? "\\\\" : ch)
		} else {
			line = line "\\x" $i
		}
		if (--want == 0) { print line; line = ""; cases++ }
	}
}' > /tmp/random.list
expect_eq "random cases" "$(wc -l < /tmp/random.list)" 300
cat /tmp/random.list >> /tmp/fuzz.list
cases=$(wc -l < /tmp/fuzz.list)
expect_ge "malformed writes" "$cases" 500

# No traffic from here until the snapshot is compared.
tcpi_settled_snapshot /tmp/before
dmesg -c > /dev/null
tcpi-ctlwrite -x EINVAL -l /tmp/fuzz.list > /tmp/fuzz.out || fail "fuzz: $(cat /tmp/fuzz.out)"
expect_eq "fuzz result" "$(cat /tmp/fuzz.out)" "writes $cases all EINVAL"
tcpi_snapshot /tmp/after
if ! cmp -s /tmp/before /tmp/after; then
	diff /tmp/before /tmp/after | head -n 20
	fail "$cases malformed writes changed /proc/tcpinsight"
fi
# One line per mistake, rate-limited: a flood of them is not a flood of lines.
logged=$(dmesg | grep -c 'tcpinsight: control:' || true)
expect_ge "log lines for the malformed writes" "$logged" 1
[ "$logged" -lt 100 ] || fail "$logged log lines for $cases malformed writes: not rate-limited"

# --- valid commands do what they say ----------------------------------------
ctl "filter off"
expect_eq "filter_ports after filter off" "$(summary_get filter_ports)" -
expect_eq "filter_netns after filter off" "$(summary_get filter_netns)" -
ctl "filter netns $ns"
ctl "events rate 0"
ctl "enable all"
awk 'NR > 1 && $2 != "on" && $2 != "unavailable" { exit 1 }' /proc/tcpinsight/probes ||
	fail "enable all left a probe off: $(cat /proc/tcpinsight/probes)"
ctl "disable all"
awk 'NR > 1 && $2 == "on" { exit 1 }' /proc/tcpinsight/probes ||
	fail "disable all left a probe on: $(cat /proc/tcpinsight/probes)"
ctl "enable kfree_skb"
expect_eq "kfree_skb after enable" "$(table_get probes name=kfree_skb -- state)" on
expect_eq "tcp_v4_send_reset still off" "$(table_get probes name=tcp_v4_send_reset -- state)" off
ctl "enable all"

# reset, table by table: rows go, what else is counted stays
inns tcpi-connect -a 127.0.0.1 -p 9 -n 4 -x refused > /dev/null || fail "connects to port 9"
inns tcpi-connect -a 127.0.0.1 -p 7100 -n 2 -x ok > /dev/null || fail "connects to 7100"
ctl "reset drops"
expect_eq "drops rows after reset drops" "$(wc -l < /proc/tcpinsight/drops)" 1
expect_eq "drops_total after reset drops" "$(summary_get drops_total)" 0
expect_ge "ports row 9 after reset drops" "$(table_get ports netns="$ns" port=9 reason=NO_SOCKET -- count)" 4
ctl "reset ports"
expect_eq "ports rows after reset ports" "$(wc -l < /proc/tcpinsight/ports)" 1
expect_ge "tcp rows after reset ports" "$(wc -l < /proc/tcpinsight/tcp)" 2
ctl "reset tcp"
expect_eq "tcp rows after reset tcp" "$(wc -l < /proc/tcpinsight/tcp)" 1
# (disable all emptied the listener table; enable all found 7100 again)
expect_eq "syns of 7100 before reset listeners" "$(table_get listeners netns="$ns" port=7100 -- syns)" 2
ctl "reset listeners"
expect_eq "syns of 7100 after reset listeners" "$(table_get listeners netns="$ns" port=7100 -- syns)" 0
expect_eq "7100 still has its row" "$(grep -c "^$ns 4 127.0.0.1 7100 " /proc/tcpinsight/listeners)" 1
expect_ge "events before reset events" "$(summary_get events_logged)" 4
ctl "reset events"
expect_eq "events_logged after reset events" "$(summary_get events_logged)" 0
expect_eq "events_lost after reset events" "$(summary_get events_lost)" 0
expect_eq "events lines after reset events" "$(wc -l < /proc/tcpinsight/events)" 0
inns tcpi-connect -a 127.0.0.1 -p 9 -n 2 -x refused > /dev/null || fail "connects to port 9"
grep -q ' id=1 ' /proc/tcpinsight/events || fail "ids do not start again from 1: $(head -n 1 /proc/tcpinsight/events)"
inns tcpi-connect -a 127.0.0.1 -p 7100 -n 1 -x ok > /dev/null || fail "connect to 7100"
ctl "reset"
for t in drops ports tcp; do
	expect_eq "$t rows after reset" "$(wc -l < "/proc/tcpinsight/$t")" 1
done
expect_eq "events after reset" "$(summary_get events_logged) $(summary_get events_lost)" "0 0"
expect_eq "syns of 7100 after reset" "$(table_get listeners netns="$ns" port=7100 -- syns)" 0

# filter port: what a port outside it would have recorded is filtered
r0=$(records)
inns tcpi-connect -a 127.0.0.1 -p 10 -n 6 -x refused > /dev/null || fail "connects to port 10"
unfiltered=$(($(records) - r0))
expect_ge "records of 6 connects to port 10" "$unfiltered" 6
ctl "filter port 9"
expect_eq "filter_ports" "$(summary_get filter_ports)" 9
expect_eq "filter_netns kept" "$(summary_get filter_netns)" "$ns"
# filtered also counts what other namespaces do meanwhile: a count above
# is tried again, one below is wrong.
tries=0
while :; do
	r0=$(records)
	f0=$(summary_get filtered)
	e0=$(($(summary_get events_logged) + $(summary_get events_lost)))
	inns tcpi-connect -a 127.0.0.1 -p 10 -n 6 -x refused > /dev/null || fail "connects to port 10"
	expect_eq "records while port 10 is filtered out" $(($(records) - r0)) 0
	expect_eq "events while port 10 is filtered out" \
		$(($(summary_get events_logged) + $(summary_get events_lost) - e0)) 0
	df=$(($(summary_get filtered) - f0))
	[ "$df" -ge "$unfiltered" ] || fail "filtered grew by $df, want $unfiltered"
	[ "$df" -eq "$unfiltered" ] && break
	tries=$((tries + 1))
	[ "$tries" -lt 10 ] || fail "filtered never grew by exactly $unfiltered (last: $df)"
done
d0=$(table_get drops reason=NO_SOCKET -- count)
p0=$(table_get ports netns="$ns" port=9 reason=NO_SOCKET -- count)
inns tcpi-connect -a 127.0.0.1 -p 9 -n 5 -x refused > /dev/null || fail "connects to port 9"
expect_eq "NO_SOCKET drops to port 9 in the filter" $(($(table_get drops reason=NO_SOCKET -- count) - d0)) 5
expect_eq "ports row 9" $(($(table_get ports netns="$ns" port=9 reason=NO_SOCKET -- count) - p0)) 5
expect_eq "ports row 10: only the connects before the filter" \
	"$(table_get ports netns="$ns" port=10 reason=NO_SOCKET -- count)" 6
# filter netns: with the port filter, both must match
# (no namespace has inode 1: that is the root of /proc)
ctl "filter netns 1"
expect_eq "filter_netns" "$(summary_get filter_netns)" 1
expect_eq "filter_ports kept" "$(summary_get filter_ports)" 9
r0=$(records)
inns tcpi-connect -a 127.0.0.1 -p 9 -n 3 -x refused > /dev/null || fail "connects to port 9"
expect_eq "records from another netns's filter" $(($(records) - r0)) 0
ctl "filter netns $ns"
inns tcpi-connect -a 127.0.0.1 -p 9 -n 3 -x refused > /dev/null || fail "connects to port 9"
expect_eq "ports row 9 with both filters matching" \
	$(($(table_get ports netns="$ns" port=9 reason=NO_SOCKET -- count) - p0)) 8
ctl "filter off"
expect_eq "filter_ports off" "$(summary_get filter_ports) $(summary_get filter_netns)" "- -"
ctl "filter netns $ns"

# events off: drops counted, nothing logged
ctl "events off"
expect_eq "events_on" "$(summary_get events_on)" 0
d0=$(summary_get drops_total)
e0="$(summary_get events_logged) $(summary_get events_lost)"
inns tcpi-connect -a 127.0.0.1 -p 9 -n 4 -x refused > /dev/null || fail "connects to port 9"
expect_eq "drops with events off" $(($(summary_get drops_total) - d0)) 4
expect_eq "events with events off" "$(summary_get events_logged) $(summary_get events_lost)" "$e0"
ctl "events on"
expect_eq "events_on" "$(summary_get events_on)" 1

# events size: the newest events stay, with their ids, and ids go on
ctl "reset events"
inns tcpi-connect -a 127.0.0.1 -p 9 -n 20 -x refused > /dev/null || fail "connects to port 9"
expect_eq "events before resizing" "$(summary_get events_logged)" 20
ctl "events size 16"
expect_eq "events_size" "$(summary_get events_size)" 16
expect_eq "events_logged after events size 16" "$(summary_get events_logged)" 16
expect_eq "events_lost after events size 16" "$(summary_get events_lost)" 4
expect_eq "ids kept" "$(sed 's/.* id=\([0-9]*\) .*/\1/' /proc/tcpinsight/events | tr '\n' ' ')" \
	"5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 "
inns tcpi-connect -a 127.0.0.1 -p 9 -n 3 -x refused > /dev/null || fail "connects to port 9"
expect_eq "newest id" "$(tail -n 1 /proc/tcpinsight/events | sed 's/.* id=\([0-9]*\) .*/\1/')" 23
expect_eq "events_lost" "$(summary_get events_lost)" 7
ctl "events size 2000"
expect_eq "events kept growing the ring" "$(summary_get events_logged) $(summary_get events_size)" "16 2000"
# A write of exactly a page is not too long.
ctl "$(awk 'BEGIN { s = "events size 1024"; while (length(s) < 4096) s = s " "; printf "%s", s }')"
expect_eq "events_size after a page-long write" "$(summary_get events_size)" 1024

# events rate: never more than N stamped in one second, the rest lost, and
# logged + lost adds up to what was produced
ctl "reset events"
ctl "events rate 5"
expect_eq "events_rate" "$(summary_get events_rate)" 5
inns tcpi-connect -a 127.0.0.1 -p 9 -n 23 -x refused > /dev/null || fail "connects to port 9"
logged=$(summary_get events_logged)
expect_eq "logged + lost at 5 a second" $((logged + $(summary_get events_lost))) 23
expect_ge "logged at 5 a second" "$logged" 5
most=$(awk '{ sub(/^ts=/, "", $1); n[int($1 / 1000000000)]++ } END { m = 0; for (s in n) if (n[s] > m) m = n[s]; print m }' /proc/tcpinsight/events)
[ "$most" -le 5 ] || fail "$most events logged within one second at events rate 5"
ctl "events rate 0"
ctl "reset events"
inns tcpi-connect -a 127.0.0.1 -p 9 -n 23 -x refused > /dev/null || fail "connects to port 9"
expect_eq "logged without a rate" "$(summary_get events_logged)" 23

# several commands in one write: all applied, in order
ctl "$(printf 'events off\nfilter port 1,2\nevents on\n')"
expect_eq "a write of three lines" "$(summary_get events_on) $(summary_get filter_ports)" "1 1,2"
pass "$cases malformed writes refused with EINVAL, nothing changed, $logged log lines; enable, disable, reset, filter and events each do what they say"
