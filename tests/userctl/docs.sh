# SPDX-License-Identifier: GPL-2.0
# Sourced by run.sh: every command's --help, the man page (clean under
# groff -ww, and naming every command, option and exit status), the bash
# completion, make install, and the README's tcpinsightctl commands.

man_page=$TCPI_TOP/userctl/tcpinsightctl.8
completion=$TCPI_TOP/userctl/tcpinsightctl.bash-completion

check_help ports-help 'ports \[--json\]' ports --help
check_help watch-help '-n, --count COUNT' watch --help
check_help watch-help-interval '-i, --interval SECONDS' help watch
check_help events-help-follow '-f, --follow' events --help
check_help events-help-control 'events on\|off\|size N\|rate N' events -h
check_help enable-help 'enable PROBE\|all' enable --help
check_help disable-help 'disable PROBE\|all' disable --help
check_help reset-help 'reset \[drops\|ports\|listeners\|events\|tcp\|all\]' reset --help
check_help filter-help 'filter netns INODE' filter --help
check_help export-help '--format F' export --help
check_help explain-help 'accept_queue_overflow' explain --help
check_help help-lists-new-commands 'explain \[--json\]' --help
for c in ports watch enable disable reset filter export explain; do
	check_help "help-of-$c" "$c" help "$c"
done
for c in enable disable reset filter explain; do
	run "$fix/full" "$c" --help
	if grep -qE '^ +[456] +' "$tmp/out"; then
		pass "$c-help-exit-codes"
	else
		fail "$c-help-exit-codes" "no exit codes 4-6 in its help"
	fi
done

# The man page: no groff warning, and it renders.
if LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$man_page" > "$tmp/groff" 2>&1 && [ ! -s "$tmp/groff" ]; then
	pass man-groff-clean
else
	fail man-groff-clean "$(head -n 3 "$tmp/groff")"
fi
if MANWIDTH=80 man -l "$man_page" > "$tmp/man.txt" 2> "$tmp/man.err" && [ ! -s "$tmp/man.err" ] &&
	grep -q '^EXIT STATUS' "$tmp/man.txt"; then
	pass man-renders
else
	fail man-renders "$(head -n 3 "$tmp/man.err")"
fi
missing=
for c in status drops ports listeners events watch enable disable reset filter export explain; do
	grep -qE "^       tcpinsightctl ([a-z]+\|)?$c( |\||\$)" "$tmp/man.txt" || missing="$missing synopsis:$c"
	grep -qE "^       $c( |\$)|^       $c\|" "$tmp/man.txt" || missing="$missing command:$c"
done
for o in --json -n -f --follow -i --interval --count --format --help --version; do
	grep -qE -- "^       $o( |,|\$)|^       -[a-z], $o" "$tmp/man.txt" || missing="$missing option:$o"
done
for k in 0 1 2 3 4 5 6; do
	sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' "$tmp/man.txt" | grep -qE "^       $k +[A-Za-z]" || missing="$missing exit:$k"
done
for e in TCPINSIGHT_PROC TCPINSIGHT_PROC_ROOT; do
	grep -qE "^       $e\$" "$tmp/man.txt" || missing="$missing env:$e"
done
if [ -z "$missing" ]; then
	pass man-complete
else
	fail man-complete "not in the man page:$missing"
fi

# The README: every command and every exit status.
readme=$TCPI_TOP/README.md
missing=
for c in status drops ports listeners events watch enable disable reset filter export explain; do
	grep -qE "tcpinsightctl $c( |\$)" "$readme" || missing="$missing $c"
done
for k in 0 1 2 3 4 5 6; do
	grep -qE "^\| $k \|" "$readme" || missing="$missing exit:$k"
done
if [ -z "$missing" ]; then
	pass readme-commands
else
	fail readme-commands "not in the README:$missing"
fi

# The bash completion, sourced in a bash of its own.
bash --norc --noprofile > "$tmp/compl" 2>&1 <<EOF2
set -u
. "$completion"
complete -p tcpinsightctl
t() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\$# - 1)); COMPREPLY=(); _tcpinsightctl; echo "\${COMP_WORDS[*]} => \${COMPREPLY[*]}"; }
t tcpinsightctl ''
t tcpinsightctl ex
t tcpinsightctl export --format ''
t tcpinsightctl reset ''
t tcpinsightctl filter ''
t tcpinsightctl watch -
export TCPINSIGHT_PROC="$fix/full"
t tcpinsightctl disable ''
t tcpinsightctl events ''
t tcpinsightctl events -n ''
t tcpinsightctl help w
EOF2
cat > "$tmp/compl.want" <<'EOF2'
complete -F _tcpinsightctl tcpinsightctl
tcpinsightctl  => status drops ports listeners events watch enable disable reset filter export explain help --help --version
tcpinsightctl ex => export explain
tcpinsightctl export --format  => prometheus json
tcpinsightctl reset  => drops ports listeners events tcp all --help
tcpinsightctl filter  => port netns off --help
tcpinsightctl watch - => -i --interval -n --count --json --help
tcpinsightctl disable  => all kfree_skb tcp_v4_send_reset tcp_v6_send_reset --help
tcpinsightctl events  => -f --follow -n -i --interval --json --help on off size rate
tcpinsightctl events -n  => 
tcpinsightctl help w => watch
EOF2
if diff -u "$tmp/compl.want" "$tmp/compl" > "$tmp/diff"; then
	pass bash-completion
else
	cat "$tmp/diff"
	fail bash-completion "completions differ"
fi

# make install puts the three in place, under DESTDIR and PREFIX.
if make -s -C "$TCPI_TOP/userctl" install DESTDIR="$tmp/inst" PREFIX=/usr > "$tmp/inst.log" 2>&1 &&
	[ -x "$tmp/inst/usr/sbin/tcpinsightctl" ] &&
	cmp -s "$man_page" "$tmp/inst/usr/share/man/man8/tcpinsightctl.8" &&
	cmp -s "$completion" "$tmp/inst/usr/share/bash-completion/completions/tcpinsightctl"; then
	pass make-install
else
	fail make-install "$(cat "$tmp/inst.log")"
fi
