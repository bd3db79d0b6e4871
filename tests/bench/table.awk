# SPDX-License-Identifier: GPL-2.0
# The benchmark VM's report (tests/bench/guest/guest.sh) as the results
# table: instructions per operation in each configuration, against the
# baseline, then the targets with the measured figure next to each.
#
#   awk -f tests/bench/table.awk build/vm/bench-6.1/report.txt

function pct(x) { return sprintf("%+.2f%%", 100 * x) }

function mean(cfg, wl) { return ns[cfg, wl] / ops[cfg, wl] }

function has(cfg, wl) { return ((cfg, wl) in ops) }

# What tcpinsight counted per operation (warmup included in both).
function drops_per_op(cfg, wl) {
	if (!((cfg, wl) in drops) || drops[cfg, wl] == "-")
		return -1
	return drops[cfg, wl] / allops[cfg, wl]
}

# Added instructions per drop, the workload's drops being what tcpinsight
# counts with every probe on.
function per_drop(cfg, wl, base,   d) {
	d = drops_per_op("all", wl)
	if (d <= 0 || !has(cfg, wl) || !has(base, wl))
		return ""
	return (mean(cfg, wl) - mean(base, wl)) / d
}

function fig(v) { return v == "" ? "-" : sprintf("%.0f", v) }

function verdict(ok) { return ok ? "met" : "MISSED" }

$1 == "R" {
	cfg = $3; wl = $4
	ops[cfg, wl] += $5
	ns[cfg, wl] += $6
	allops[cfg, wl] += $5 + $7
	if ($8 != "-") {
		drops[cfg, wl] += $8
		events[cfg, wl] += $9
	} else {
		drops[cfg, wl] = "-"
	}
	v = $6 / $5
	if (!((cfg, wl) in lo) || v < lo[cfg, wl]) lo[cfg, wl] = v
	if (!((cfg, wl) in hi) || v > hi[cfg, wl]) hi[cfg, wl] = v
	rounds[cfg, wl]++
	if (wl ~ /-(listeners|ports)-/ && !(wl in scale_seen)) {
		scale_seen[wl] = 1
		scale_order[++nscale] = wl
	}
	if ($2 > nrounds) nrounds = $2
	next
}
$1 == "H" { hits[$2, $3, $4] = $5; if (!(($2, $3) in probe_list)) probe_list[$2, $3] = ""; probe_list[$2, $3] = probe_list[$2, $3] " " $4; next }
$1 == "NA" { cfg = $2; $1 = ""; $2 = ""; sub(/^ +/, ""); na[cfg] = $0; next }
$1 == "S" && $2 == "command" { w = $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); command[w] = $0; next }
$1 == "S" && $2 == "read" {
	# S read FILE ops N ns T bytes B max_read_ns M
	f = $3; rd_ops[f] = $5; rd_ns[f] = $7; rd_bytes[f] = $9; rd_max[f] = $11; next
}
$1 == "S" && $2 == "toggle" {
	# S toggle WHAT ROUNDS US_TOTAL IDLE_US
	tg_order[++ntg] = $3; tg_rounds[$3] = $4; tg_us[$3] = $5; tg_idle[$3] = $6
	next
}
$1 == "S" && $2 == "memory" { k = $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); memory[k] = $0; next }
$1 == "S" { k = $2; $1 = $2 = ""; sub(/^ +/, ""); s[k] = $0; next }
$1 == "NOTE" && ($0 ~ /reported|counted/) { $1 = ""; sub(/^ +/, ""); checks[++nchecks] = $0; next }
$1 == "KERNEL" { $1 = ""; kernel_reports[++nkr] = $0; next }

END {
	nw = split("pingpong churn drops overflow", W, " ")
	nc = split("baseline probes-off counters all drop_monitor bpftrace", C, " ")
	what["pingpong"] = "1-byte request and response on one loopback connection (the fast path)"
	what["churn"] = "connect, accept, close against a loopback listener (the SYN path)"
	what["drops"] = "a SYN to a closed port: 2 drops (the SYN, then the RST it gets)"
	what["overflow"] = "a SYN to a listener whose accept queue is full: 1 drop"
	label["baseline"] = "baseline (not loaded)"
	label["probes-off"] = "loaded, all probes off"
	label["counters"] = "counters only (events=0)"
	label["all"] = "everything on"
	label["drop_monitor"] = "drop_monitor, summary mode"
	label["bpftrace"] = "bpftrace, kfree_skb count"

	printf "tcpinsight benchmark on Linux %s, QEMU TCG, %s CPU, clocksource %s\n", s["kernel"], s["cpus"], s["clocksource"]
	printf "-icount shift=0: one guest nanosecond per instruction, so ns/op is instructions per operation.\n"
	printf "Each figure is the mean of %d rounds in one boot; spread is (max - min) / mean across rounds.\n", nrounds
	for (i = 1; i <= nw; i++) {
		wl = W[i]
		printf "\n%s: %s\n  %s\n", wl, what[wl], command[wl]
		printf "  %-28s %12s %8s %9s %10s %9s %11s\n", "configuration", "instr/op", "spread", "vs base", "added/op", "drops/op", "added/drop"
		for (j = 1; j <= nc; j++) {
			cfg = C[j]
			if (cfg in na) {
				printf "  %-28s %s\n", label[cfg], na[cfg]
				continue
			}
			if (!has(cfg, wl)) {
				printf "  %-28s %s\n", label[cfg], "no result (see the console log)"
				continue
			}
			m = mean(cfg, wl)
			b = has("baseline", wl) ? mean("baseline", wl) : 0
			d = drops_per_op(cfg, wl)
			pd = (wl == "drops" || wl == "overflow") && cfg != "baseline" ? per_drop(cfg, wl, "baseline") : ""
			if (cfg == "all" && ((cfg, wl) in probe_list)) {
				np = split(probe_list[cfg, wl], P, " ")
				hooks = ""
				# those of the program's setup round to 0.00 and are left out
				for (k = 1; k <= np; k++) {
					per = hits[cfg, wl, P[k]] / allops[cfg, wl] * rounds[cfg, wl]
					if (per >= 0.005)
						hooks = hooks sprintf("%s%s %.2f", hooks == "" ? "" : ", ", P[k], per)
				}
				hooks_line[wl] = hooks == "" ? "none" : hooks
			}
			printf "  %-28s %12.1f %7.2f%% %9s %10s %9s %11s\n", label[cfg], m,
				100 * (hi[cfg, wl] - lo[cfg, wl]) / m,
				b ? (cfg == "baseline" ? "-" : pct(m / b - 1)) : "-",
				b && cfg != "baseline" ? sprintf("%.0f", m - b) : "-",
				d < 0 ? "-" : sprintf("%.2f", d), pd == "" ? "-" : fig(pd)
		}
		if (wl in hooks_line)
			printf "  hooks per operation, everything on: %s\n", hooks_line[wl]
	}

	printf "\nscale (one round; tcpinsight with every probe on, listeners_max=16384 or ports_max=131072)\n"
	printf "  %-40s %12s %12s %10s %11s\n", "workload", "baseline", "tcpinsight", "added/op", "added/drop"
	for (i = 1; i <= nscale; i++) {
		wl = scale_order[i]
		if (!has("baseline", wl) || !has("all", wl)) {
			printf "  %-40s no result\n", wl
			continue
		}
		a = mean("all", wl) - mean("baseline", wl)
		d = drops_per_op("all", wl)
		printf("  %-40s %12.1f %12.1f %10.0f %11s\n", wl, mean("baseline", wl), mean("all", wl), a,
		       (wl ~ /^drops/ && d > 0) ? sprintf("%.0f", a / d) : "-")
		scale_added[wl] = a
		scale_per_drop[wl] = d > 0 ? a / d : 0
	}
	printf "  listeners_overflow after %s: %s\n", "the listener runs", s["listeners_overflow"]
	printf "  after the port runs: %s\n", s["table_overflow"]

	printf "\n/proc reads (tcpinsight loaded with the scale tables full)\n"
	printf "  %-22s %10s %14s %16s\n", "file", "bytes", "instr/read", "longest read()"
	nf = split("listeners listeners-64k ports tcp events summary", F, " ")
	for (i = 1; i <= nf; i++) {
		f = F[i]
		if (!(f in rd_ops)) continue
		printf "  %-22s %10d %14.0f %16d\n", f, rd_bytes[f], rd_ns[f] / rd_ops[f], rd_max[f]
	}
	printf "  (listeners: %s rows; listeners-64k: the same file read 64 KiB at a time, the others 4 KiB)\n", s["listeners_rows"]

	if (ntg) {
		printf "\nprobe toggles (a disable and an enable of each, nothing else running: the time the CPU sat idle is waiting for grace periods, the rest is work)\n"
		printf "  %-40s %7s %10s %9s %11s\n", "what", "rounds", "ms/round", "work ms", "waiting ms"
		tg_label["all"] = "disable all + enable all"
		tg_label["tracepoint"] = "kfree_skb (a tracepoint)"
		tg_label["kprobe"] = "tcp_v4_send_reset (a kprobe)"
		tg_label["kretprobe"] = "tcp_conn_request (a kretprobe)"
		tg_label["listen-pair"] = "inet_csk_listen_start (the listen pair)"
		for (i = 1; i <= ntg; i++) {
			k = tg_order[i]
			r = tg_rounds[k]
			printf "  %-40s %7d %10.1f %9.1f %11.1f\n", (k in tg_label) ? tg_label[k] : k, r,
				tg_us[k] / r / 1000, (tg_us[k] - tg_idle[k]) / r / 1000, tg_idle[k] / r / 1000
		}
	}

	printf "\nmemory (MemFree before and after insmod, page cache dropped)\n"
	if ("default" in memory) printf "  at rest, default parameters: %s\n", memory["default"]
	if ("scale" in memory) printf "  at rest, scale parameters:   %s\n", memory["scale"]
	if ("filled" in memory) printf "  tables full:                 %s\n", memory["filled"]

	if (nchecks) {
		printf "\nchecks\n"
		for (i = 1; i <= nchecks; i++) printf "  %s\n", checks[i]
	}
	for (i = 1; i <= nkr; i++) printf "KERNEL REPORT:%s\n", kernel_reports[i]

	printf "\ntargets\n"
	if (has("all", "pingpong")) {
		x = mean("all", "pingpong") / mean("baseline", "pingpong") - 1
		printf "  fast path, everything on, at most +0.2%%:          %-10s %s\n", pct(x), verdict(x <= 0.002)
	}
	if (has("all", "churn")) {
		x = mean("all", "churn") / mean("baseline", "churn") - 1
		printf "  connect churn, everything on, at most +1%%:        %-10s %s\n", pct(x), verdict(x <= 0.01)
	}
	if (has("counters", "drops")) {
		x = per_drop("counters", "drops", "baseline")
		printf "  per drop, counters only, at most 150:             %-10s %s\n", fig(x), verdict(x <= 150)
		if (has("drop_monitor", "drops")) {
			y = per_drop("drop_monitor", "drops", "baseline")
			printf "  per drop, counters only, at most 1.5 x drop_monitor (%5s): %-6s %s\n", fig(y), fig(x), verdict(x <= 1.5 * y)
		}
	} else {
		printf "  per drop, counters only, at most 150:             not available in this build\n"
	}
	if (has("all", "drops")) {
		x = per_drop("all", "drops", "baseline")
		printf "  per drop, with event logging, at most 400:        %-10s %s\n", fig(x), verdict(x <= 400)
	}
	# first and last of each kind: the fewest and the most
	for (i = 1; i <= nscale; i++) {
		wl = scale_order[i]
		kind = wl; sub(/-[0-9]+$/, "", kind)
		n = wl; sub(/.*-/, "", n)
		if (!(kind in first)) first[kind] = n
		last[kind] = n
	}
	if ("churn-listeners" in first)
		printf "  per connection, %s vs %s listeners:%*s%.0f vs %.0f added\n",
			first["churn-listeners"], last["churn-listeners"],
			27 - length(first["churn-listeners"] last["churn-listeners"]), "",
			scale_added["churn-listeners-" first["churn-listeners"]],
			scale_added["churn-listeners-" last["churn-listeners"]]
	if ("drops-ports" in first)
		printf "  per drop, %s vs %s ports in the table:%*s%.0f vs %.0f added\n",
			first["drops-ports"], last["drops-ports"],
			24 - length(first["drops-ports"] last["drops-ports"]), "",
			scale_per_drop["drops-ports-" first["drops-ports"]],
			scale_per_drop["drops-ports-" last["drops-ports"]]
	if ("all" in tg_us)
		printf "  a round of disable all + enable all, at most 150 ms: %-7.1f %s\n",
			tg_us["all"] / tg_rounds["all"] / 1000, verdict(tg_us["all"] / tg_rounds["all"] <= 150000)
	if ("listeners" in rd_ops)
		printf "  reading listeners with %s rows:                %.1f ms of instructions, longest read() %.1f ms\n",
			s["listeners_rows"], rd_ns["listeners"] / rd_ops["listeners"] / 1e6, rd_max["listeners"] / 1e6
}
