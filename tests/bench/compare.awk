# SPDX-License-Identifier: GPL-2.0
# Two results files of make bench, row by row: the largest difference in
# instructions per operation between them, and every row that moved by
# more than 0.5%.
#
#   awk -f tests/bench/compare.awk OLD NEW

# A section starts with "NAME: ..." at the left margin; its rows are
# "  CONFIGURATION...  INSTR/OP  SPREAD ...", the configuration being the
# words before the first number.
/^[a-z]+: / { section = $1 }
/^  [a-zA-Z]/ && $0 ~ /[0-9]+\.[0-9] +[0-9.]+%/ {
	row = ""
	for (i = 1; i <= NF && $i !~ /^[0-9]+\.[0-9]$|^[0-9]+\.[0-9]+$/; i++)
		row = row (row == "" ? "" : " ") $i
	if (i > NF)
		next
	key = section " " row
	if (FNR == NR) {
		old[key] = $i
	} else if (key in old) {
		d = ($i - old[key]) / old[key]
		n++
		if (d < 0 ? -d > worst : d > worst) { worst = d < 0 ? -d : d; worst_key = key }
		if (d > 0.005 || d < -0.005)
			printf "  %-50s %12.1f %12.1f %+7.2f%%\n", key, old[key], $i, 100 * d
	}
}
END {
	if (!n) {
		print "  no rows in common"
		exit
	}
	printf "  %d rows compared; the largest difference is %.2f%% (%s)\n", n, 100 * worst, worst_key
}
