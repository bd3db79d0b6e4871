#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The KUnit suites of kunit/ under UML, built in Debian's linux-source-6.1:
# one result per suite (kunit/<suite>). With --coverage the kernel is built
# with gcov, and each logic file of the module must have 90% of its lines
# run (kunit/coverage).
#
# The unpacked kernel tree is left as it is (checkpatch uses it too): the
# build goes through a tree of symlinks to it, whose drivers/ links this
# checkout in as drivers/tcpinsight and builds drivers/tcpinsight/kunit/.
# Objects stay under $TCPI_CACHE/kunit, so a second run rebuilds only what
# changed. Every checkout shares them (a run at a time): the kernel's are
# the same for all, and ours are thrown away when the last run was of
# another checkout, whose files may be older than their objects.
set -euo pipefail
. "$(dirname "$0")/../lib/results.sh"
. "$(dirname "$0")/../lib/times.sh"
results_parse_args "$@"

usage() {
	echo "usage: $0 [--results FILE] [--coverage]" >&2
	exit 2
}

coverage=0
for a in ${args[@]+"${args[@]}"}; do
	case $a in
	--coverage) coverage=1 ;;
	*) usage ;;
	esac
done

# The module's logic files: what the suites test and coverage is taken of.
LOGIC=(reasons porttab ring format derive pkt hist)
MIN_COVERAGE=90

src=$(kernel_source_dir)
# One work area for every checkout, one run at a time (see the top).
work=$TCPI_CACHE/kunit/shared
mkdir -p "$work"
exec 9> "$work/lock"
if ! flock -n 9; then
	echo "kunit: waiting for another run in $work" >&2
	flock 9
fi

# Replaces a file only when its content changes: a newer drivers/Kconfig
# would make every build reconfigure.
write_if_changed() {
	local f=$1 tmp
	tmp=$(mktemp "$f.XXXXXX")
	cat > "$tmp"
	if cmp -s "$tmp" "$f"; then
		rm -f "$tmp"
	else
		mv "$tmp" "$f"
	fi
}

# Links every entry of directory $1 into directory $2, except those named
# in the remaining arguments.
link_entries() {
	local from=$1 to=$2 e name
	shift 2
	mkdir -p "$to"
	for e in "$from"/* "$from"/.[!.]*; do
		[ -e "$e" ] || continue
		name=${e##*/}
		case " $* " in *" $name "*) continue ;; esac
		[ "$(readlink "$to/$name" || true)" = "$e" ] || ln -sfn "$e" "$to/$name"
	done
}

prepare_tree() {
	local farm=$1 stamp
	# A tree unpacked anew may have other entries: start over.
	stamp=$(cd "$src" && ls -d .unpacked-* 2> /dev/null || echo none)
	if [ "$(cat "$farm/.tcpinsight-of" 2> /dev/null || true)" != "$src/$stamp" ]; then
		rm -rf "$farm"
		mkdir -p "$farm"
		echo "$src/$stamp" > "$farm/.tcpinsight-of"
	fi
	link_entries "$src" "$farm" drivers tools
	link_entries "$src/drivers" "$farm/drivers" Kconfig Makefile tcpinsight
	link_entries "$src/tools" "$farm/tools" testing
	link_entries "$src/tools/testing" "$farm/tools/testing" kunit
	# kunit.py builds the tree its own real path is in: it must be a copy.
	mkdir -p "$farm/tools/testing/kunit"
	cp -a -u "$src/tools/testing/kunit/." "$farm/tools/testing/kunit/"
	ln -sfn "$TCPI_TOP" "$farm/drivers/tcpinsight"
	{
		cat "$src/drivers/Kconfig"
		echo
		echo 'source "drivers/tcpinsight/kunit/Kconfig"'
	} | write_if_changed "$farm/drivers/Kconfig"
	{
		cat "$src/drivers/Makefile"
		# shellcheck disable=SC2016 # make's $(...), not the shell's
		echo 'obj-$(CONFIG_TCPINSIGHT_KUNIT_TEST) += tcpinsight/kunit/'
	} | write_if_changed "$farm/drivers/Makefile"
}

# Prints "suite<TAB>PASS|FAIL<TAB>message" for each suite named, from
# kunit.py's JSON; a suite missing from it did not run.
suite_verdicts() {
	python3 - "$@" <<'EOF'
import json
import sys

with open(sys.argv[1]) as f:
    top = json.load(f)
groups = {}


def index(group):
    for sub in group.get("sub_groups", []):
        groups.setdefault(sub["name"], sub)
        index(sub)


def cases(group, prefix=""):
    for case in group.get("test_cases", []):
        yield prefix + case["name"], case["status"]
    # parameterised tests are groups of their own
    for sub in group.get("sub_groups", []):
        yield from cases(sub, prefix + sub["name"] + ".")


index(top)
for suite in sys.argv[2:]:
    group = groups.get(suite)
    if group is None:
        print(f"{suite}\tFAIL\tdid not run")
        continue
    results = list(cases(group))
    failed = [n for n, s in results if s not in ("PASS", "SKIP")]
    skipped = [n for n, s in results if s == "SKIP"]
    passed = len(results) - len(failed) - len(skipped)
    msg = f"{passed} test{'' if passed == 1 else 's'} passed"
    if skipped:
        msg += f", skipped: {' '.join(skipped)}"
    if failed:
        print(f"{suite}\tFAIL\t{len(failed)} of {len(results)} tests failed: {' '.join(failed)}")
    elif not passed:
        print(f"{suite}\tFAIL\tno test passed ({len(skipped)} skipped)")
    else:
        print(f"{suite}\tPASS\t{msg}")
EOF
}

# Prints "file<TAB>percent<TAB>lines" for each logic file, from gcov.
line_coverage() {
	local objdir=$1 f
	for f in "${LOGIC[@]}"; do
		(cd "$objdir" && gcov -n -o . "$f.c" 2> /dev/null) |
			awk -v f="$f" -v want="/module/$f.c'" '
				/^File / { ours = substr($0, length($0) - length(want) + 1) == want }
				ours && /^Lines executed:/ {
					split($2, a, ":"); sub(/%/, "", a[2])
					printf "module/%s.c\t%s\t%s\n", f, a[2], $4
					found = 1; ours = 0
				}
				END { if (!found) printf "module/%s.c\t0\t0\n", f }'
	done
}

farm=$work/src
prepare_tree "$farm"
if [ "$(cat "$work/.checkout" 2> /dev/null || true)" != "$TCPI_TOP" ]; then
	rm -rf "$work"/build*/drivers/tcpinsight
	echo "$TCPI_TOP" > "$work/.checkout"
fi

if [ $coverage = 1 ]; then
	build=$work/build-coverage
else
	build=$work/build
fi
# A configured build directory holds the objects of the last run.
if [ -f "$build/.config" ]; then
	times_cache hit
else
	times_cache miss
fi
json=$work/results.json
log=$work/kunit.log
kargs=(--arch=um --build_dir="$build" --jobs=2 --timeout=300
	--kunitconfig="$TCPI_TOP/kunit/.kunitconfig" --json="$json")
if [ $coverage = 1 ]; then
	kargs+=(--kunitconfig="$farm/tools/testing/kunit/configs/coverage_uml.config")
	# libgcov of gcc 12 defines a mangle_path() of its own, which the
	# link of a gcov UML kernel then finds twice: rename the kernel's.
	kargs+=(--make_options=KCFLAGS=-Dmangle_path=kernel_mangle_path)
	# gcov adds to the counts it finds: only this run's may be there.
	[ ! -d "$build" ] || find "$build" -name '*.gcda' -delete
fi
rm -f "$json"

mapfile -t suites < <(cd "$TCPI_TOP" &&
	sed -n 's/^\t\.name = "\(tcpinsight_[a-z0-9_]*\)",$/\1/p' kunit/*_test.c)
[ ${#suites[@]} -gt 0 ] || { echo "kunit: no suite found in kunit/" >&2; exit 1; }

start=$(date +%s)
set +e
# kunit.py runs stty, which has no terminal to set under make or CI.
python3 "$farm/tools/testing/kunit/kunit.py" run "${kargs[@]}" 2>&1 |
	grep --line-buffered -v "^stty: 'standard input'" | tee "$log"
rc=${PIPESTATUS[0]}
set -e
elapsed=$(($(date +%s) - start))

status=0
if [ ! -s "$json" ]; then
	result FAIL kunit/run "kunit.py exited with $rc before any test ran (log: $log)"
	exit 1
fi
while IFS=$'\t' read -r suite verdict msg; do
	result "$verdict" "kunit/$suite" "$msg"
	[ "$verdict" = PASS ] || status=1
done < <(suite_verdicts "$json" "${suites[@]}")
if [ "$rc" != 0 ] && [ $status = 0 ]; then
	result FAIL kunit/run "kunit.py exited with $rc (log: $log)"
	status=1
fi
echo "kunit: ${#suites[@]} suites, build and run took ${elapsed}s (build dir $build)"

if [ $coverage = 1 ]; then
	low=()
	summary=()
	echo "kunit: line coverage of the module's logic:"
	while IFS=$'\t' read -r file pct lines; do
		printf '  %-20s %6s%% of %s lines\n' "$file" "$pct" "$lines"
		summary+=("${file#module/} $pct%")
		awk -v p="$pct" -v m=$MIN_COVERAGE 'BEGIN { exit !(p >= m) }' ||
			low+=("${file#module/} $pct%")
	done < <(line_coverage "$build/drivers/tcpinsight/kunit/logic")
	if [ ${#low[@]} -gt 0 ]; then
		result FAIL kunit/coverage "below $MIN_COVERAGE% of lines: ${low[*]}"
		status=1
	else
		result PASS kunit/coverage "${summary[*]}"
	fi
fi
exit $status
