/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Options of one subcommand: "-x", "-x VALUE", "-xVALUE", "--long",
 * "--long VALUE", "--long=VALUE"; "--" ends the options. Table-driven so
 * each subcommand only lists what it accepts.
 */
#ifndef CTL_ARGS_H
#define CTL_ARGS_H

#include <stdbool.h>

struct ctl_opt {
	int id;			/* returned for this option, > 0 */
	char short_name;	/* 0: none */
	const char *long_name;	/* without "--"; NULL: none */
	bool has_value;
};

struct ctl_args {
	int argc;
	char **argv;
	int i;			/* next argument to look at */
	bool options_done;	/* "--" seen */
};

#define CTL_ARG_END		0	/* no arguments left */
#define CTL_ARG_POSITIONAL	(-1)	/* a non-option argument, in *value */
#define CTL_ARG_ERROR		(-2)	/* reported as a usage error */

/* @argv[0] is the subcommand's name and is skipped. */
void ctl_args_init(struct ctl_args *a, int argc, char **argv);

/*
 * The next option's id (its value, if it takes one, in *@value), or one
 * of the CTL_ARG_* codes above. @opts ends with an entry whose id is 0.
 */
int ctl_args_next(struct ctl_args *a, const struct ctl_opt *opts,
		  const char **value);

#endif
