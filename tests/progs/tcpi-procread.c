// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-procread: read /proc/tcpinsight files over and over, with read()
 * sizes that cut lines anywhere, and check every line is whole: tables
 * keep their header's column count, events carry every key in order with
 * rising ids, summary lines are "key number".
 *
 *   tcpi-procread [-k] [-n PASSES] FILE...
 *
 * Exit status 1 on the first bad line, which is printed. With -k a file
 * that is gone (the module unloaded before the open, or during the read)
 * is skipped for that pass, and counted: for readers racing reloads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progs.h"

#define MAX_FILE	(16 << 20)

static const char * const event_keys[] = {
	"ts", "cpu", "netns", "reason", "family", "saddr", "sport", "daddr",
	"dport", "state", "flags", "seq", "ack", "len", "loc", "id",
};

static char *buf;
static unsigned long lines_checked;
static unsigned long files_gone;
static int keep_going;

#define GONE	((size_t)-1)

static void bad(const char *file, const char *line, const char *why)
{
	printf("%s: %s: '%s'\n", file, why, line);
	exit(1);
}

static int count_fields(const char *line)
{
	int n = 0, in = 0;

	for (; *line; line++) {
		if (*line == ' ' || *line == '\t') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static void check_event(const char *file, char *line, unsigned long long *last_id)
{
	char *copy = strdup(line), *tok, *save = NULL;
	unsigned int k = 0;
	unsigned long long id = 0;

	if (!copy)
		die("out of memory");
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save), k++) {
		char *eq = strchr(tok, '=');

		if (k >= sizeof(event_keys) / sizeof(event_keys[0]))
			break;	/* later formats may append keys */
		if (!eq || eq == tok || !eq[1])
			bad(file, line, "not key=value");
		*eq = '\0';
		if (strcmp(tok, event_keys[k]))
			bad(file, line, "keys out of order or missing");
		if (!strcmp(tok, "id"))
			id = strtoull(eq + 1, NULL, 10);
	}
	if (k < sizeof(event_keys) / sizeof(event_keys[0]))
		bad(file, line, "too few keys");
	if (!id || id <= *last_id)
		bad(file, line, "ids do not rise");
	*last_id = id;
	free(copy);
}

static void check_summary(const char *file, char *line)
{
	char *sp = strchr(line, ' ');

	if (!sp || sp == line || !sp[1] || strchr(sp + 1, ' '))
		bad(file, line, "not 'key value'");
}

static void check_file(const char *file, size_t len)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	int is_events = !strcmp(base, "events");
	int is_summary = !strcmp(base, "summary");
	unsigned long long last_id = 0;
	int header_fields = -1;
	char *line = buf, *nl;

	if (len && buf[len - 1] != '\n')
		bad(file, "", "does not end with a newline");
	buf[len] = '\0';
	for (; (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		lines_checked++;
		if (is_events) {
			check_event(file, line, &last_id);
		} else if (is_summary) {
			check_summary(file, line);
		} else if (header_fields < 0) {
			header_fields = count_fields(line);
			if (header_fields < 2)
				bad(file, line, "header has fewer than 2 columns");
		} else if (count_fields(line) != header_fields) {
			bad(file, line, "row does not match the header");
		}
	}
	if (!is_events && !is_summary && header_fields < 0)
		bad(file, "", "no header line");
}

static size_t read_all(const char *file, size_t chunk)
{
	size_t len = 0;
	ssize_t r;
	int fd = open(file, O_RDONLY);

	if (fd < 0 && keep_going && errno == ENOENT)
		return GONE;
	if (fd < 0)
		die_errno("open %s", file);
	for (;;) {
		size_t want = chunk;

		if (len + want > MAX_FILE)
			die("%s is larger than %d bytes", file, MAX_FILE);
		r = read(fd, buf + len, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (keep_going && (errno == EIO || errno == ENOENT)) {
				close(fd);
				return GONE;
			}
			die_errno("read %s", file);
		}
		if (!r)
			break;
		len += r;
	}
	close(fd);
	return len;
}

int main(int argc, char **argv)
{
	static const size_t chunks[] = { 1, 7, 37, 100, 4096, 65536 };
	unsigned long passes = 1, p;
	int opt, i;

	prog_name = "tcpi-procread";
	while ((opt = getopt(argc, argv, "kn:")) != -1) {
		if (opt == 'k')
			keep_going = 1;
		else if (opt == 'n')
			passes = parse_ulong("-n", optarg, 100000000);
		else
			die("usage: tcpi-procread [-k] [-n PASSES] FILE...");
	}
	if (optind >= argc)
		die("usage: tcpi-procread [-k] [-n PASSES] FILE...");
	buf = malloc(MAX_FILE + 1);
	if (!buf)
		die("out of memory");
	for (p = 0; p < passes; p++)
		for (i = optind; i < argc; i++) {
			size_t len = read_all(argv[i], chunks[(p + i) % 6]);

			if (len == GONE)
				files_gone++;
			else
				check_file(argv[i], len);
		}
	printf("%lu passes, %lu lines checked, all whole", passes, lines_checked);
	if (keep_going)
		printf(", %lu reads found the module gone", files_gone);
	printf("\n");
	return 0;
}
