/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tcpinsightctl: what every subcommand shares.
 *
 * Exit status, the same for every subcommand, so scripts can tell "the
 * module is not there" from "something is wrong":
 *
 *   0  success
 *   1  runtime error: a file under the /proc directory is missing,
 *      unreadable or malformed (the message names the file and the line),
 *      or stdout could not be written
 *   2  usage error: unknown subcommand or option, missing or bad argument
 *      (-n takes a positive decimal integer and nothing else)
 *   3  tcpinsight is not loaded: the /proc directory does not exist;
 *      exactly one line on stderr says so
 *   4  explain found something wrong (its findings are on stdout)
 *   5  a control command was not allowed: writing needs CAP_NET_ADMIN
 *   6  the module refused a control command (EINVAL: see dmesg)
 */
#ifndef CTL_H
#define CTL_H

#include <stdbool.h>

#define CTL_NAME	"tcpinsightctl"

#ifndef CTL_VERSION
#define CTL_VERSION	"unknown"
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

enum ctl_exit {
	CTL_EXIT_OK = 0,
	CTL_EXIT_RUNTIME = 1,
	CTL_EXIT_USAGE = 2,
	CTL_EXIT_NOT_LOADED = 3,
	CTL_EXIT_FINDINGS = 4,
	CTL_EXIT_DENIED = 5,
	CTL_EXIT_REFUSED = 6,
};

/* The exit status paragraph, shared by every help text. */
extern const char ctl_exit_help[];

struct ctl_cmd {
	const char *name;
	const char *synopsis;	/* the name and its options */
	const char *summary;
	/* argv[0] is the subcommand's name; returns an exit status. */
	int (*run)(int argc, char **argv);
	void (*help)(void);
};

int ctl_cmd_status(int argc, char **argv);
void ctl_help_status(void);
int ctl_cmd_drops(int argc, char **argv);
void ctl_help_drops(void);
int ctl_cmd_events(int argc, char **argv);
void ctl_help_events(void);
int ctl_cmd_listeners(int argc, char **argv);
void ctl_help_listeners(void);
int ctl_cmd_ports(int argc, char **argv);
void ctl_help_ports(void);
int ctl_cmd_watch(int argc, char **argv);
void ctl_help_watch(void);
int ctl_cmd_enable(int argc, char **argv);
void ctl_help_enable(void);
int ctl_cmd_disable(int argc, char **argv);
void ctl_help_disable(void);
int ctl_cmd_reset(int argc, char **argv);
void ctl_help_reset(void);
int ctl_cmd_filter(int argc, char **argv);
void ctl_help_filter(void);
int ctl_cmd_export(int argc, char **argv);
void ctl_help_export(void);
int ctl_cmd_explain(int argc, char **argv);
void ctl_help_explain(void);

/* Option ids every subcommand uses the same way. */
enum {
	CTL_OPT_JSON = 1,
	CTL_OPT_HELP,
	CTL_OPT_FIRST_OWN,	/* a subcommand's own options start here */
};

/*
 * Parses the options of a subcommand that takes only --help, and hands
 * back its positional arguments (in order, in @pos, which has room for
 * argc entries). Returns CTL_PARSE_CONTINUE or the exit status.
 */
int ctl_parse_help_only(int argc, char **argv, void (*help)(void),
			char **pos, int *npos);

/* Returned by option parsing when the subcommand should go on. */
#define CTL_PARSE_CONTINUE	(-1)

/*
 * Parses the options of a subcommand that takes only --json and --help.
 * Returns CTL_PARSE_CONTINUE, or the exit status (after printing the help
 * or reporting a usage error).
 */
int ctl_parse_json_only(int argc, char **argv, void (*help)(void), bool *json);

/* "addr:port", or "[addr]:port" for an IPv6 address; allocated. */
char *ctl_endpoint(const char *addr, const char *port);

/* Flushes stdout; a failed write is a runtime error, reported here. */
int ctl_finish_output(void);

#endif
