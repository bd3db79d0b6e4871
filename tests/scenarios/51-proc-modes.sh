# The mode of every file under /proc/tcpinsight is the one the table of
# modes in Documentation/security.md gives, and every file there is in the
# table: the docs and the module cannot drift apart.
[ -s /etc/tcpi-proc-modes ] || fail "no proc-modes table from Documentation/security.md in the initramfs"
tcpi_load
n=0
while read -r name mode; do
	case $name in
	/*) path=$name ;;
	*) path=/proc/tcpinsight/$name ;;
	esac
	[ -e "$path" ] || fail "Documentation/security.md lists $name, which the module does not create"
	expect_eq "mode of $path" "$(stat -c %a "$path")" "${mode#0}"
	n=$((n + 1))
done < /etc/tcpi-proc-modes
for path in /proc/tcpinsight/*; do
	grep -q "^$(basename "$path") " /etc/tcpi-proc-modes ||
		fail "$path is not in the table of modes of Documentation/security.md"
done
expect_eq "files in /proc/tcpinsight vs the table" "$(ls /proc/tcpinsight | wc -l)" "$(grep -vc "^/" /etc/tcpi-proc-modes)"
pass "$n modes as documented"
