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
