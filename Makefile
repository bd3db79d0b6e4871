# SPDX-License-Identifier: GPL-2.0
#
# Entry points for people and CI. Kbuild builds the module itself; this
# file wraps it and the tests.

KVER_RUNNING := $(shell uname -r)
KDIR ?= /lib/modules/$(KVER_RUNNING)/build
# The kernel the VM tests boot: Debian's 5.10, 6.1, 6.12 or 7.2, or debug
# (6.1 built with KASAN, UBSAN, lockdep, kmemleak and fault injection).
KVER ?= 6.1

TOP := $(CURDIR)
BUILD := $(TOP)/build
CHECK_RESULTS := $(BUILD)/check-results.txt

# The 6.1 headers the static checks build against: the host's own release.
CHECK_KDIR = $(shell $(TOP)/tests/kernels/kernel.sh headers 6.1)

.PHONY: all module userctl clean load demo check vmtest static sparse \
	checkpatch w1 deps help dkms-install dkmstest

all: module userctl

help:
	@echo "make              build tcpinsight.ko (KDIR=$(KDIR)) and userctl/tcpinsightctl"
	@echo "make demo         boot the module in QEMU on Debian's $(KVER) kernel and show a small incident"
	@echo "make load         (root, on a host that can load modules) build, load and show the counters"
	@echo "make check        install what the tests need, run static checks and every test"
	@echo "make vmtest       run the VM scenarios on KVER=$(KVER) (5.10, 6.1, 6.12, 7.2, debug)"
	@echo "make check-debug  build (once, cached) the debug kernel and run every scenario and both soaks on it"
	@echo "make kunit        the KUnit suites of the module's logic, in a UML kernel"
	@echo "make kunit-coverage  the same with gcov: line coverage of each logic file (at least 90%)"
	@echo "make dkmstest     dkms add/build/install in the KVER=$(KVER) chroot, then boot what DKMS installed"
	@echo "make soak         both soaks on 6.1 with two CPUs, alone"
	@echo "make dkms-install copy the module sources to $(DESTDIR)/usr/src/tcpinsight-$(DKMS_VERSION) for DKMS"
	@echo "make bench        instructions per operation with and without tcpinsight, on KVER=$(KVER) under QEMU -icount"

module:
	@test -d "$(KDIR)" || { echo "No kernel build tree at $(KDIR): install linux-headers-$(KVER_RUNNING) or pass KDIR=/path/to/build" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(TOP) modules

userctl:
	$(MAKE) -C userctl

clean:
	-test -d "$(KDIR)" && $(MAKE) -C $(KDIR) M=$(TOP) clean
	$(MAKE) -C userctl clean
	-$(MAKE) -C tests/progs clean
	rm -rf $(BUILD)

load: all
	@test "$$(id -u)" = 0 || { echo "make load needs root" >&2; exit 1; }
	-rmmod tcpinsight 2>/dev/null
	insmod ./tcpinsight.ko
	./userctl/tcpinsightctl status
	./userctl/tcpinsightctl drops

deps:
	tests/deps.sh

# What DKMS needs to build the module, and nothing else: no tests, no tools.
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' $(TOP)/dkms.conf)
DKMS_SRC := $(DESTDIR)/usr/src/tcpinsight-$(DKMS_VERSION)

dkms-install:
	rm -rf $(DKMS_SRC)
	install -d $(DKMS_SRC)/module $(DKMS_SRC)/procfs
	install -m 0644 Kbuild dkms.conf $(DKMS_SRC)/
	install -m 0644 module/*.[ch] module/hooks.def module/compat.mk $(DKMS_SRC)/module/
	install -m 0644 procfs/*.[ch] $(DKMS_SRC)/procfs/
	@echo "installed $(DKMS_SRC); now: dkms install tcpinsight/$(DKMS_VERSION)"

demo: deps
	tests/vm/run.sh --kver $(KVER) --demo

vmtest: deps
	tests/vm/run.sh --kver $(KVER) $(if $(CHECK),--results $(CHECK))

# Static gates, each recorded as one result in the check summary.
w1: deps
	tests/static/w1.sh $(if $(CHECK),--results $(CHECK))

sparse: deps
	tests/static/sparse.sh $(if $(CHECK),--results $(CHECK))

checkpatch: deps
	tests/static/checkpatch.sh $(if $(CHECK),--results $(CHECK))

# The KUnit suites of the module's logic, under UML (tests/kunit/run.sh).
.PHONY: kunit kunit-coverage
kunit: deps
	tests/kunit/run.sh $(if $(CHECK),--results $(CHECK))

kunit-coverage: deps
	tests/kunit/run.sh --coverage $(if $(CHECK),--results $(CHECK))

# Every supported kernel, oldest first.
KVERS := 5.10 6.1 6.12 7.2

# make check. After tests/deps.sh, the debug kernel builds (once, then
# cached) in the background, and everything else runs from one queue, two
# at a time (one per CPU), each entry as soon as a slot frees: the checks
# that boot no VM (tests/lib/static-stages.sh: W=1 on every kernel, which
# also fetches the kernels and chroots, sparse, checkpatch, the userctl
# tests, KUnit), each kernel's suite with every probe turned off and on
# 1000 times under traffic in 42-probe-toggle (`make vmtest` toggles 100
# times), both soaks on 6.1 with two CPUs, where readers, reloads, probes
# and control writes race (tests/vm/run.sh runs them on one TCG thread),
# the debug kernel's two runs (see check-debug; they wait for its build if
# it is not cached yet), DKMS on every kernel, and make bench once: its
# figures count instructions, so the load of the host does not move them,
# and its table must come out whole. The longest run goes first, and the
# static checks beside it: on a new machine the debug kernel's runs wait
# for its build, which keeps both CPUs busy meanwhile.
# The test programs are built first, so that no two runs build them at
# once.
#
# Each stage outside the queue goes through tests/lib/timed.sh, which also
# keeps its output in build/logs/STAGE.log and names that log when the
# stage ends. Stages, queue entries, VM runs, kernels and chroots add their
# times to build/check-times.raw (tests/lib/times.sh); just before the
# summary, tests/lib/times-table.sh makes a table of them, with what came
# from the cache, and keeps it in build/check-times.txt.
TIMED := tests/lib/timed.sh
CHECK_TIMES := $(BUILD)/check-times.txt
check: export TCPI_TIMES := $(BUILD)/check-times.raw

check:
	@mkdir -p $(BUILD)/logs
	@: > $(CHECK_RESULTS)
	@echo "started $$(date +%s)" > $(TCPI_TIMES)
	$(TIMED) deps $(BUILD)/logs/deps.log tests/deps.sh
	tests/kernels/kernel.sh fetch debug > $(BUILD)/logs/debug-kernel.log 2>&1 &
	$(MAKE) -s -C tests/progs
	-printf '%s\n' \
		"$(DEBUG_SOAK) --results $(CHECK_RESULTS)" \
		"static tests/lib/static-stages.sh $(CHECK_RESULTS)" \
		"$(DEBUG_SUITE) --results $(CHECK_RESULTS)" \
		"vm-7.2 tests/vm/run.sh --kver 7.2 --set toggles=1000 --results $(CHECK_RESULTS)" \
		"vm-6.12 tests/vm/run.sh --kver 6.12 --set toggles=1000 --results $(CHECK_RESULTS)" \
		"vm-6.1 tests/vm/run.sh --kver 6.1 --set toggles=1000 --results $(CHECK_RESULTS)" \
		"soak tests/vm/run.sh --kver 6.1 --smp 2 --only 54-soak,55-soak-control --results $(CHECK_RESULTS)" \
		"vm-5.10 tests/vm/run.sh --kver 5.10 --set toggles=1000 --results $(CHECK_RESULTS)" \
		"dkms tests/dkms/run.sh --results $(CHECK_RESULTS) $(KVERS)" \
		"bench tests/bench/run.sh --results $(CHECK_RESULTS)" \
		| tests/lib/pool.sh 2 $(BUILD)/logs
	@-tests/lib/times-table.sh $(TCPI_TIMES) > $(CHECK_TIMES); cat $(CHECK_TIMES)
	@tests/summarize.sh $(CHECK_RESULTS)

# Both soaks on two CPUs, as make check runs them.
.PHONY: soak
soak: deps
	tests/vm/run.sh --kver 6.1 --smp 2 --only 54-soak,55-soak-control $(if $(CHECK),--results $(CHECK))

dkmstest: deps
	tests/dkms/run.sh $(if $(CHECK),--results $(CHECK)) $(KVER)

# What tcpinsight costs (README, Performance); make check runs it once.
# It installs what it needs itself (tests/deps.sh --bench).
.PHONY: bench
bench:
	tests/bench/run.sh --kver $(KVER)

# The debug kernel (tests/kernels/debug.config: 6.1 with KASAN, UBSAN,
# lockdep, kmemleak and fault injection), built on first use and cached
# under /var/cache/tcpinsight (TCPI_CACHE) in kernels/debug-<hash of the
# fragment, the source and the compiler). Two runs, which make check
# queues with the others: every scenario on one CPU, and both soaks on
# two. A packet and a round of toggles cost several times what they do on
# Debian's 6.1, so the debug kernel floods 40,000 SYNs (its ring of 1024
# still wraps 39 times) and toggles every probe 40 times in the suite; Debian's kernels run the full counts in
# make check, and so do the debug kernel's soaks (200 reloads and 5000
# toggles).
DEBUG_SUITE := vm-debug tests/vm/run.sh --kver debug --limit 3600 \
	--set toggles=40 --set flood=40000
DEBUG_SOAK := vm-debug-smp2 tests/vm/run.sh --kver debug --smp 2 --limit 2400 \
	--only 54-soak,55-soak-control
.PHONY: check-debug
CHECK_DEBUG_RESULTS := $(BUILD)/check-debug-results.txt

check-debug: deps
	@mkdir -p $(BUILD)
	@: > $(CHECK_DEBUG_RESULTS)
	$(MAKE) -s -C tests/progs
	-printf '%s\n' \
		"$(DEBUG_SUITE) --results $(CHECK_DEBUG_RESULTS)" \
		"$(DEBUG_SOAK) --results $(CHECK_DEBUG_RESULTS)" \
		| tests/lib/pool.sh 2 $(BUILD)/logs
	@tests/summarize.sh $(CHECK_DEBUG_RESULTS)
