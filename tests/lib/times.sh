# SPDX-License-Identifier: GPL-2.0
# The timing table of `make check`. With TCPI_TIMES naming a file, each
# stage adds one line to it:
#
#   NAME START SECONDS CACHE RC LOG
#
# START in seconds since the epoch, CACHE hit (what it makes was in
# TCPI_CACHE), miss or -, RC its exit status, LOG the file its output went
# to (or -). The pool's two slots may end stages at the same moment: each
# line is one write to a file opened for appending, so lines never mix.
# tests/lib/times-table.sh prints the table.

times_add() {
	[ -n "${TCPI_TIMES:-}" ] || return 0
	local line="$1 $2 $3 ${4:--} ${5:-0} ${6:--}"
	# A timing line is never worth failing a test run for.
	{ printf '%s\n' "$line" >> "$TCPI_TIMES"; } 2> /dev/null || true
}

# What a stage run by tests/lib/timed.sh found in the cache; a stage that
# had to make anything is a miss.
times_cache() {
	[ -n "${TCPI_STAGE_CACHE:-}" ] || return 0
	if [ "$1" = miss ] || [ ! -s "$TCPI_STAGE_CACHE" ]; then
		{ echo "$1" > "$TCPI_STAGE_CACHE"; } 2> /dev/null || true
	fi
}
