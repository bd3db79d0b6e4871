// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-ctlwrite: write to /proc/tcpinsight/control, each command in one
 * write(), and say how each write ended: "ok" or the errno's name.
 *
 *   tcpi-ctlwrite [-x RESULT] [-c open|write|all] [-u UID] [-f FILE] [-e] CMD
 *   tcpi-ctlwrite [-x RESULT] [-f FILE] -l LIST
 *   tcpi-ctlwrite [-f FILE] -r ROUNDS [-d MS] CMD...
 *
 * The first form writes CMD (with -e, C escapes in it are decoded: \n \t
 * \r \\ \xHH), prints the result and exits 0 if it is RESULT (ok, EINVAL,
 * EPERM, ...; default ok), 1 if not. -c takes CAP_NET_ADMIN away: from
 * the opener only (dropped from the effective set for open(), raised again
 * for write()), from the writer only (dropped after open()), or for good
 * (effective, permitted, inheritable and bounding sets) before open().
 * -u switches to user and group UID (every capability goes) before open().
 *
 * -l writes every line of LIST, C-escaped as for -e, each in one write()
 * of its own (an empty line is an empty write), and exits 0 only if every
 * one ended in RESULT; it prints the count, or the first line that did not.
 *
 * -r writes CMD... in turn, ROUNDS times, each of which must succeed, and
 * prints how long that took: "writes N us_total T us_per_write P". -d
 * pauses MS milliseconds after each round (not counted in the time).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "progs.h"

enum drop_cap { DROP_NONE, DROP_OPENER, DROP_WRITER, DROP_ALL };

static const struct {
	int err;
	const char *name;
} errno_names[] = {
	{ 0, "ok" }, { EINVAL, "EINVAL" }, { EPERM, "EPERM" },
	{ EACCES, "EACCES" }, { ENODEV, "ENODEV" }, { ENOMEM, "ENOMEM" },
	{ EFAULT, "EFAULT" }, { ENOENT, "ENOENT" }, { EBUSY, "EBUSY" },
	{ EIO, "EIO" }, { ENOSPC, "ENOSPC" }, { EEXIST, "EEXIST" },
};

static const char *errno_name(int err)
{
	static char other[32];
	size_t i;

	for (i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	snprintf(other, sizeof(other), "errno%d", err);
	return other;
}

static void __attribute__((noreturn)) usage(void)
{
	die("usage: tcpi-ctlwrite [-x RESULT] [-c open|write|all] [-u UID] [-f FILE] [-e] CMD\n"
	    "       tcpi-ctlwrite [-x RESULT] [-f FILE] -l LIST\n"
	    "       tcpi-ctlwrite [-f FILE] -r ROUNDS [-d MS] CMD...");
}

/* CAP_NET_ADMIN in or out of the effective set, or gone for good. */
static void set_net_admin(int effective, int for_good)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	unsigned int bit = 1u << (CAP_NET_ADMIN % 32);
	int word = CAP_NET_ADMIN / 32;

	if (syscall(SYS_capget, &hdr, data))
		die_errno("capget");
	if (effective) {
		data[word].effective |= bit;
	} else {
		data[word].effective &= ~bit;
	}
	if (for_good) {
		data[word].permitted &= ~bit;
		data[word].inheritable &= ~bit;
		if (prctl(PR_CAPBSET_DROP, CAP_NET_ADMIN, 0, 0, 0))
			die_errno("PR_CAPBSET_DROP");
	}
	if (syscall(SYS_capset, &hdr, data))
		die_errno("capset");
}

/* One command in one write(). Return: 0 or the errno. */
static int write_one(const char *file, const char *buf, size_t len,
		     enum drop_cap drop)
{
	ssize_t n;
	int fd, err = 0;

	if (drop == DROP_OPENER)
		set_net_admin(0, 0);
	if (drop == DROP_ALL)
		set_net_admin(0, 1);
	fd = open(file, O_WRONLY);
	if (fd < 0)
		return errno;
	if (drop == DROP_OPENER)
		set_net_admin(1, 0);
	if (drop == DROP_WRITER)
		set_net_admin(0, 0);
	n = write(fd, buf, len);
	if (n < 0)
		err = errno;
	else if ((size_t)n != len)
		die("short write: %zd of %zu bytes", n, len);
	close(fd);
	return err;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes \n \t \r \\ \xHH in place. Return: the decoded length. */
static size_t unescape(char *s, size_t len)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] != '\\') {
			s[o++] = s[i];
			continue;
		}
		if (++i == len)
			die("a lone backslash ends '%.*s'", (int)len, s);
		switch (s[i]) {
		case 'n':
			s[o++] = '\n';
			break;
		case 't':
			s[o++] = '\t';
			break;
		case 'r':
			s[o++] = '\r';
			break;
		case '\\':
			s[o++] = '\\';
			break;
		case 'x':
			if (i + 2 >= len)
				die("\\x needs two hex digits");
			hi = hex_digit(s[i + 1]);
			lo = hex_digit(s[i + 2]);
			if (hi < 0 || lo < 0)
				die("\\x needs two hex digits");
			s[o++] = (char)(hi << 4 | lo);
			i += 2;
			break;
		default:
			die("unknown escape \\%c", s[i]);
		}
	}
	return o;
}

static int run_list(const char *file, const char *list, int want)
{
	unsigned long n = 0;
	size_t cap = 0, len;
	char *line = NULL;
	ssize_t got;
	FILE *f = fopen(list, "r");
	int err;

	if (!f)
		die_errno("open %s", list);
	while ((got = getline(&line, &cap, f)) >= 0) {
		n++;
		if (got && line[got - 1] == '\n')
			got--;
		len = unescape(line, got);
		err = write_one(file, line, len, DROP_NONE);
		if (err != want) {
			printf("line %lu: %s, want %s\n", n, errno_name(err),
			       errno_name(want));
			return 1;
		}
	}
	fclose(f);
	free(line);
	printf("writes %lu all %s\n", n, errno_name(want));
	return 0;
}

static int run_rounds(const char *file, unsigned long rounds,
		      unsigned long pause_ms, char **cmds, int ncmds)
{
	struct timespec t0, t1, pause = {
		.tv_sec = pause_ms / 1000,
		.tv_nsec = (pause_ms % 1000) * 1000000,
	};
	unsigned long r, writes = 0;
	long long us, paused_us = 0;
	int i, err;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (r = 0; r < rounds; r++) {
		if (r && pause_ms) {
			nanosleep(&pause, NULL);
			paused_us += pause_ms * 1000;
		}
		for (i = 0; i < ncmds; i++) {
			err = write_one(file, cmds[i], strlen(cmds[i]), DROP_NONE);
			if (err) {
				printf("round %lu: '%s': %s\n", r, cmds[i],
				       errno_name(err));
				return 1;
			}
			writes++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	us = (t1.tv_sec - t0.tv_sec) * 1000000LL +
	     (t1.tv_nsec - t0.tv_nsec) / 1000 - paused_us;
	printf("writes %lu us_total %lld us_per_write %lld\n", writes, us,
	       writes ? us / (long long)writes : 0);
	return 0;
}

static int parse_result(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++)
		if (!strcmp(errno_names[i].name, s))
			return errno_names[i].err;
	die("-x %s: not ok or a known errno name", s);
}

int main(int argc, char **argv)
{
	const char *file = "/proc/tcpinsight/control", *list = NULL;
	enum drop_cap drop = DROP_NONE;
	unsigned long rounds = 0, pause_ms = 0;
	long uid = -1;
	int opt, want = 0, escapes = 0, err;
	size_t len;
	char *cmd;

	prog_name = "tcpi-ctlwrite";
	while ((opt = getopt(argc, argv, "x:c:u:f:el:r:d:")) != -1) {
		switch (opt) {
		case 'x':
			want = parse_result(optarg);
			break;
		case 'c':
			if (!strcmp(optarg, "open"))
				drop = DROP_OPENER;
			else if (!strcmp(optarg, "write"))
				drop = DROP_WRITER;
			else if (!strcmp(optarg, "all"))
				drop = DROP_ALL;
			else
				usage();
			break;
		case 'u':
			uid = parse_ulong("-u", optarg, 65535);
			break;
		case 'f':
			file = optarg;
			break;
		case 'e':
			escapes = 1;
			break;
		case 'l':
			list = optarg;
			break;
		case 'r':
			rounds = parse_ulong("-r", optarg, 100000000);
			break;
		case 'd':
			pause_ms = parse_ulong("-d", optarg, 60000);
			break;
		default:
			usage();
		}
	}
	if (list || rounds) {
		if (uid >= 0)
			usage();
	} else if (uid >= 0) {
		if (setgroups(0, NULL) || setgid(uid) || setuid(uid))
			die_errno("cannot become user %ld", uid);
	}
	if (list) {
		if (optind != argc || rounds || drop != DROP_NONE)
			usage();
		return run_list(file, list, want);
	}
	if (rounds) {
		if (optind >= argc || drop != DROP_NONE)
			usage();
		return run_rounds(file, rounds, pause_ms, argv + optind,
				  argc - optind);
	}
	if (optind != argc - 1)
		usage();
	cmd = argv[optind];
	len = strlen(cmd);
	if (escapes)
		len = unescape(cmd, len);
	err = write_one(file, cmd, len, drop);
	printf("%s\n", errno_name(err));
	return err == want ? 0 : 1;
}
