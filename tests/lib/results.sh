# SPDX-License-Identifier: GPL-2.0
# Recording test results for `make check`: one line per result in the file
# named by --results (PASS name / FAIL name why / SKIP name why), and the
# same on stdout.

TCPI_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TCPI_CACHE=${TCPI_CACHE:-/var/cache/tcpinsight}
results_file=

# Consumes --results FILE from the arguments; the rest stays in "${args[@]}".
results_parse_args() {
	args=()
	while [ $# -gt 0 ]; do
		case $1 in
		--results) results_file=$2; shift 2 ;;
		*) args+=("$1"); shift ;;
		esac
	done
}

result() {
	local verdict=$1 name=$2
	shift 2
	if [ $# -gt 0 ]; then
		echo "$verdict $name: $*"
	else
		echo "$verdict $name"
	fi
	if [ -n "$results_file" ]; then
		echo "$verdict $name $*" >> "$results_file"
	fi
}

# The kernel tree scripts come from: Debian's linux-source-6.1, unpacked by
# tests/deps.sh.
kernel_source_dir() {
	local d
	for d in "$TCPI_CACHE/linux-source-6.1" /usr/src/linux-source-6.1; do
		if [ -f "$d/scripts/checkpatch.pl" ]; then
			echo "$d"
			return 0
		fi
	done
	echo "no unpacked linux-source-6.1 (run tests/deps.sh)" >&2
	return 1
}

# The project's own kernel sources: what the static gates judge.
our_kernel_sources() {
	(cd "$TCPI_TOP" && git ls-files -co --exclude-standard -- \
		'module/*.[ch]' 'procfs/*.[ch]' 'kunit/*.[ch]')
}

# A copy of the module sources, so parallel builds never share objects.
copy_module_tree() {
	local dst=$1
	mkdir -p "$dst"
	(cd "$TCPI_TOP" && git ls-files -co --exclude-standard -- \
		Kbuild 'module/*' 'procfs/*' | cpio -pdm --quiet "$dst")
}
