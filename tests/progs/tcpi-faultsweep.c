// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-faultsweep: load a module over and over, each time with its Nth
 * allocation failed by the kernel's fault injection
 * (/proc/thread-self/fail-nth: every site of failslab, or fail_page_alloc,
 * that the load reaches counts), and judge each outcome. In C, because
 * under a debug kernel in an emulated CPU a shell loop spends seconds per
 * load on forks alone.
 *
 *   tcpi-faultsweep -c -m MODULE.ko -n NAME [-t TRACING_ON]
 *   tcpi-faultsweep -m MODULE.ko -n NAME -p EVENT -o LOG [-v] < PLAN
 *
 * -c loads once with nothing failed, with tracing on (the file
 * TRACING_ON set to 1) for exactly the init_module() call, prints "sites
 * K pid P" (K allocation sites counted) and unloads: the caller traces
 * which sites those are and plans. Otherwise it loads once for each N
 * read from stdin, one per line. EVENT is a kprobe event on
 * do_one_initcall (its name in kprobe_profile): its hits tell whether the
 * module's init ran. An outcome is:
 *
 *   ok          loaded, nothing injected (N beyond the last site)
 *   degraded    loaded, a probe named not "on" in /proc/NAME/probes, and
 *               the log says "probe X unavailable" for each
 *   tolerated   loaded whole: the kernel did without the failed allocation
 *   failed      ENOMEM, no /sys/module/NAME, no /proc/NAME; if the init
 *               ran, a message of the module's in the log (failed_init),
 *               else the kernel's loader failed (failed_loader)
 *
 * Each outcome that differs from the previous one is printed (with -v,
 * every one). Anything else stops the sweep: "FAIL N=...: why" and exit
 * status 1. The kernel log of each load (read and cleared) goes to LOG
 * after a line "### N=...", for the caller to look for kernel reports.
 * Ends with "tried T ok A degraded B tolerated C failed_init D
 * failed_loader E ms M".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "failnth.h"
#include "progs.h"

/* the listener hooks go off together, and the log names them so */
#define LISTEN_PAIR_UNAVAILABLE \
	"probe inet_csk_listen_start/inet_csk_listen_stop unavailable"
#define USAGE "usage: tcpi-faultsweep -c -m MODULE.ko -n NAME [-t TRACING_ON] | -m MODULE.ko -n NAME -p EVENT -o LOG [-v] < PLAN"
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_SIZE_BUFFER 10

static const char *name, *event;
static char *image, *logbuf;
static size_t image_len;
static int logbuf_size;
static FILE *log_out;

enum kind { OK, DEGRADED, TOLERATED, FAILED_INIT, FAILED_LOADER, KINDS };

struct outcome {
	int rc, err, initran, injected;
	enum kind kind;
	char unavailable[512];
	char msg[256];
};

static char *slurp(const char *path, size_t *len)
{
	size_t cap = 1 << 16;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0)
		die_errno("%s", path);
	*len = 0;
	for (;;) {
		if (!buf)
			die("out of memory");
		r = read(fd, buf + *len, cap - *len - 1);
		if (r < 0)
			die_errno("read %s", path);
		if (r == 0)
			break;
		*len += r;
		if (*len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[*len] = 0;
	close(fd);
	return buf;
}

/* Whether DIR/NAME[REST] exists, NAME the module's. */
static int exists(const char *dir, const char *rest)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s%s", dir, name, rest);
	return stat(path, &st) == 0;
}

/* Hits of the initcall event so far, from kprobe_profile. */
static unsigned long initcalls(void)
{
	size_t len;
	char *text = slurp("/sys/kernel/debug/tracing/kprobe_profile", &len);
	char *line = strtok(text, "\n");
	unsigned long hits = 0;
	char ev[128];

	for (; line; line = strtok(NULL, "\n")) {
		if (sscanf(line, "%127s %lu", ev, &hits) == 2 && !strcmp(ev, event))
			break;
		hits = 0;
	}
	if (!line)
		die("no event %s in kprobe_profile", event);
	free(text);
	return hits;
}

/* The kernel log since the last call, which it clears. */
static char *klog_take(void)
{
	int n = klogctl(SYSLOG_ACTION_READ_CLEAR, logbuf, logbuf_size - 1);

	if (n < 0)
		die_errno("klogctl");
	logbuf[n] = 0;
	return logbuf;
}

/* The module's first message in the log that is not about loading fine. */
static void first_message(const char *log, char *msg, size_t size)
{
	char tag[64];
	const char *p, *end;
	size_t i = 0;

	snprintf(tag, sizeof(tag), "%s: ", name);
	msg[0] = 0;
	for (p = log; (p = strstr(p, tag)); p = end) {
		end = strchrnul(p, '\n');
		if (strstr(p, " loaded: ") && strstr(p, " loaded: ") < end)
			continue;
		if (strstr(p, "taints kernel") && strstr(p, "taints kernel") < end)
			continue;
		/* Numbers vary from load to load; the message does not. */
		for (; p < end && i + 1 < size; p++)
			msg[i++] = (*p >= '0' && *p <= '9') ? '#' : *p;
		msg[i] = 0;
		return;
	}
}

static void fail_at(unsigned long n, const char *why, const char *log)
{
	printf("FAIL N=%lu: %s\n", n, why);
	if (log)
		fprintf(log_out, "### N=%lu\n%s", n, log);
	fflush(log_out);
	exit(1);
}

static void attempt(unsigned long n, struct outcome *o)
{
	char path[256], why[1024], wanted[256];
	unsigned long left, calls0, calls1;
	char *probes, *line, *log;
	size_t len;

	memset(o, 0, sizeof(*o));
	klog_take();
	calls0 = initcalls();
	failnth_arm(n);
	o->rc = syscall(SYS_init_module, image, image_len, "");
	o->err = errno;
	left = failnth_left();
	failnth_arm(0);
	calls1 = initcalls();
	o->injected = left == 0;
	o->initran = calls1 - calls0;
	if (o->initran > 1)
		fail_at(n, "more than one initcall for one load", NULL);

	if (o->rc == 0) {
		snprintf(path, sizeof(path), "/proc/%s/probes", name);
		if (!exists("/proc", "/summary"))
			fail_at(n, "loaded without its /proc files", klog_take());
		probes = slurp(path, &len);
		for (line = strtok(probes, "\n"); line; line = strtok(NULL, "\n")) {
			char pname[128], state[32];

			if (sscanf(line, "%127s %31s", pname, state) != 2 ||
			    !strcmp(pname, "name") || !strcmp(state, "on"))
				continue;
			if (strlen(o->unavailable) + strlen(pname) + 2 < sizeof(o->unavailable)) {
				strcat(o->unavailable, pname);
				strcat(o->unavailable, ",");
			}
		}
		free(probes);
		if (syscall(SYS_delete_module, name, O_NONBLOCK))
			fail_at(n, "cannot unload it", klog_take());
		if (exists("/proc", ""))
			fail_at(n, "/proc entries left after unloading", klog_take());
	} else {
		if (o->err != ENOMEM) {
			snprintf(why, sizeof(why),
				 "the load failed with errno %d, not ENOMEM", o->err);
			fail_at(n, why, klog_take());
		}
		if (!o->injected)
			fail_at(n, "the load failed with nothing injected", klog_take());
		if (exists("/sys/module", ""))
			fail_at(n, "a failed load left the module behind", klog_take());
		if (exists("/proc", ""))
			fail_at(n, "a failed load left its /proc files behind", klog_take());
	}

	log = klog_take();
	fprintf(log_out, "### N=%lu\n%s", n, log);
	first_message(log, o->msg, sizeof(o->msg));
	if (o->rc == 0 && !o->injected) {
		o->kind = OK;
	} else if (o->rc == 0 && o->unavailable[0]) {
		char *names = strdup(o->unavailable), *p;

		for (p = strtok(names, ","); p; p = strtok(NULL, ",")) {
			snprintf(wanted, sizeof(wanted), "probe %s unavailable", p);
			if (!strstr(log, wanted) && !strstr(log, LISTEN_PAIR_UNAVAILABLE)) {
				snprintf(why, sizeof(why),
					 "probe %s is not on and the log does not say why", p);
				fail_at(n, why, NULL);
			}
		}
		free(names);
		o->kind = DEGRADED;
	} else if (o->rc == 0) {
		o->kind = TOLERATED;
	} else if (o->initran) {
		if (!o->msg[0])
			fail_at(n, "the module's init failed without a message", NULL);
		o->kind = FAILED_INIT;
	} else {
		o->kind = FAILED_LOADER;
	}
}

static void signature(const struct outcome *o, char *sig, size_t size)
{
	snprintf(sig, size, "%d/%d/%d/%d/%s/%s", o->rc, o->rc ? o->err : 0,
		 o->initran, o->injected, o->unavailable, o->msg);
}

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One load with nothing failed, traced: how many sites, in which task. */
static void count_sites(const char *tracing_on)
{
	unsigned long big = 1000000000, left;
	int rc, fd = -1;

	if (tracing_on) {
		fd = open(tracing_on, O_WRONLY);
		if (fd < 0)
			die_errno("%s", tracing_on);
	}
	failnth_arm(big);
	if (fd >= 0 && write(fd, "1", 1) != 1)
		die_errno("%s", tracing_on);
	rc = syscall(SYS_init_module, image, image_len, "");
	if (fd >= 0 && write(fd, "0", 1) != 1)
		die_errno("%s", tracing_on);
	left = failnth_left();
	failnth_arm(0);
	if (rc)
		die_errno("the load fails with nothing injected");
	if (syscall(SYS_delete_module, name, O_NONBLOCK))
		die_errno("cannot unload %s", name);
	printf("sites %lu pid %d\n", big - left, (int)getpid());
}

int main(int argc, char **argv)
{
	static const char * const kind_names[KINDS] = {
		"ok", "degraded", "tolerated", "failed_init", "failed_loader",
	};
	const char *module = NULL, *log_path = NULL, *tracing_on = NULL;
	unsigned long n, tried = 0, count[KINDS] = { 0 };
	char sig[1024], prev_sig[1024] = "", line[64];
	unsigned long long start = now_ms();
	int opt, k, verbose = 0, count_only = 0;
	struct outcome o;

	prog_name = "tcpi-faultsweep";
	while ((opt = getopt(argc, argv, "cm:n:p:o:t:v")) != -1) {
		switch (opt) {
		case 'c':
			count_only = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'm':
			module = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'p':
			event = optarg;
			break;
		case 'o':
			log_path = optarg;
			break;
		case 't':
			tracing_on = optarg;
			break;
		default:
			die(USAGE);
		}
	}
	if (!module || !name || optind != argc ||
	    (!count_only && (!event || !log_path)))
		die(USAGE);
	image = slurp(module, &image_len);
	failnth_open();
	if (count_only) {
		count_sites(tracing_on);
		return 0;
	}
	log_out = fopen(log_path, "w");
	if (!log_out)
		die_errno("%s", log_path);
	logbuf_size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (logbuf_size <= 0)
		die_errno("klogctl size");
	logbuf = malloc(logbuf_size);
	if (!logbuf)
		die("out of memory");

	while (fgets(line, sizeof(line), stdin)) {
		char *word = strtok(line, "\n ");

		if (!word)
			continue;
		n = parse_ulong("plan", word, 1000000000);
		attempt(n, &o);
		tried++;
		count[o.kind]++;
		signature(&o, sig, sizeof(sig));
		if (verbose || strcmp(sig, prev_sig)) {
			printf("N=%lu: %s %s (%llu ms)\n", n, kind_names[o.kind], sig,
			       now_ms() - start);
			fflush(stdout);
		}
		strcpy(prev_sig, sig);
	}
	fclose(log_out);
	printf("tried %lu", tried);
	for (k = 0; k < KINDS; k++)
		printf(" %s %lu", kind_names[k], count[k]);
	printf(" ms %llu\n", now_ms() - start);
	return 0;
}
