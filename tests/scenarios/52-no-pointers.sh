# timeout: 200
# No kernel address in any file: after traffic that fills every table and
# logs every event kind cheaply made (closed ports over IPv4 and IPv6, an
# accept-queue overflow, resets on close, a blocked sender, connects
# without a free local port), no file shows a word of 16 or more hex
# digits, a ffff... word or 0x with 12 or more digits, and every event's
# loc is symbol+0xoffset or "?".
tcpi_load
tcpi-connect -a 127.0.0.1 -p 9 -n 3 -x refused || fail "IPv4 closed-port connects"
tcpi-connect -6 -a ::1 -p 9 -n 3 -x refused || fail "IPv6 closed-port connects"

tcpi-listen -a 127.0.0.1 -p 7501 -b 1 > /tmp/listen.out &
wait_for 10 grep -q listening /tmp/listen.out
tcpi-connect -a 127.0.0.1 -p 7501 -n 6 -k > /dev/null &
wait_for 30 sh -c '[ "$(awk "\$1 == \"TCP_LISTEN_OVERFLOW\" { print \$2 }" /proc/tcpinsight/drops)" -ge 1 ] 2> /dev/null'

tcpi-abort -a 127.0.0.1 -p 7502 -n 2 > /tmp/abort.out 2>&1 || fail "tcpi-abort: $(cat /tmp/abort.out)"
tcpi-sndbuf -p 7503 -k 1 -t 100 > /tmp/sndbuf.out 2> /tmp/sndbuf.err &
wait_for 60 grep -q '^full=' /tmp/sndbuf.out

sysctl_set net.ipv4.ip_local_port_range "40000 40001"
tcpi-listen -a 127.0.0.1 -p 7504 -b 16 > /tmp/listen2.out &
wait_for 10 grep -q listening /tmp/listen2.out
tcpi-connect -a 127.0.0.1 -p 7504 -n 2 -k > /dev/null &
wait_for 10 sh -c "[ \$(awk '\$3 ~ /:$(printf %04X 7504)\$/ && \$4 == \"01\"' /proc/net/tcp | wc -l) = 2 ]"
tcpi-connect -a 127.0.0.1 -p 7504 -n 1 -x addrnotavail > /tmp/c.out || fail "port exhaustion: $(cat /tmp/c.out)"

for kind in NO_SOCKET TCP_LISTEN_OVERFLOW TCP_ABORT_ON_CLOSE TCP_SNDBUF_WAIT CONNECT_EADDRNOTAVAIL; do
	grep -q " reason=$kind " /proc/tcpinsight/events || fail "no $kind event to scan"
done
for f in ports tcp listeners; do
	expect_ge "rows in $f" "$(($(wc -l < "/proc/tcpinsight/$f") - 1))" 1
done

n=0
for f in /proc/tcpinsight/*; do
	[ -r "$f" ] || continue
	cat "$f" > /tmp/scan
	hex=$(grep -Eo '[0-9a-fA-F]{16,}' /tmp/scan | grep '[a-fA-F]' | head -n 1)
	[ -z "$hex" ] || fail "$f shows a kernel address: $hex"
	ffff=$(grep -Eio 'ffff[0-9a-f]{8,}' /tmp/scan | head -n 1)
	[ -z "$ffff" ] || fail "$f shows a kernel address: $ffff"
	ox=$(grep -Eio '0x[0-9a-f]{12,}' /tmp/scan | head -n 1)
	[ -z "$ox" ] || fail "$f shows a kernel address: $ox"
	n=$((n + 1))
done
bad=$(grep -Eo ' loc=[^ ]*' /proc/tcpinsight/events | grep -Ev '^ loc=(\?|[A-Za-z_][A-Za-z0-9_.]*\+0x[0-9a-f]{1,8})$' | head -n 1)
[ -z "$bad" ] || fail "an event's loc is not symbol+offset or ?: $bad"
pass "$n files, $(wc -l < /proc/tcpinsight/events) events of 5 kinds: no kernel address"
