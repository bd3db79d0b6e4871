// SPDX-License-Identifier: GPL-2.0
#include <stddef.h>
#include <string.h>

#include "args.h"
#include "err.h"

void ctl_args_init(struct ctl_args *a, int argc, char **argv)
{
	a->argc = argc;
	a->argv = argv;
	a->i = 1;
	a->options_done = false;
}

static const struct ctl_opt *ctl_find_long(const struct ctl_opt *opts,
					   const char *name, size_t len)
{
	for (; opts->id; opts++)
		if (opts->long_name && strlen(opts->long_name) == len &&
		    !strncmp(opts->long_name, name, len))
			return opts;
	return NULL;
}

static const struct ctl_opt *ctl_find_short(const struct ctl_opt *opts,
					    char c)
{
	for (; opts->id; opts++)
		if (opts->short_name && opts->short_name == c)
			return opts;
	return NULL;
}

/* The value of @o that follows it as the next argument. */
static int ctl_args_take_next(struct ctl_args *a, const char *shown,
			      const struct ctl_opt *o, const char **value)
{
	if (a->i >= a->argc) {
		ctl_usage_err("option '%s' needs a value", shown);
		return CTL_ARG_ERROR;
	}
	*value = a->argv[a->i++];
	return o->id;
}

static int ctl_args_long(struct ctl_args *a, const struct ctl_opt *opts,
			 const char *arg, const char **value)
{
	const char *name = arg + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct ctl_opt *o = ctl_find_long(opts, name, len);

	if (!o) {
		ctl_usage_err("unknown option '%.*s'", (int)(len + 2), arg);
		return CTL_ARG_ERROR;
	}
	if (!o->has_value) {
		if (eq) {
			ctl_usage_err("option '--%s' takes no value",
				      o->long_name);
			return CTL_ARG_ERROR;
		}
		return o->id;
	}
	if (eq) {
		*value = eq + 1;
		return o->id;
	}
	return ctl_args_take_next(a, arg, o, value);
}

static int ctl_args_short(struct ctl_args *a, const struct ctl_opt *opts,
			  const char *arg, const char **value)
{
	const struct ctl_opt *o = ctl_find_short(opts, arg[1]);

	if (!o) {
		ctl_usage_err("unknown option '%s'", arg);
		return CTL_ARG_ERROR;
	}
	if (!o->has_value) {
		/* bundles ("-ab") buy nothing with so few flags */
		if (arg[2]) {
			ctl_usage_err("unknown option '%s'", arg);
			return CTL_ARG_ERROR;
		}
		return o->id;
	}
	if (arg[2]) {
		*value = arg + 2;
		return o->id;
	}
	return ctl_args_take_next(a, arg, o, value);
}

int ctl_args_next(struct ctl_args *a, const struct ctl_opt *opts,
		  const char **value)
{
	const char *arg;

	*value = NULL;
	if (a->i >= a->argc)
		return CTL_ARG_END;
	arg = a->argv[a->i++];
	if (!a->options_done && !strcmp(arg, "--")) {
		a->options_done = true;
		return ctl_args_next(a, opts, value);
	}
	if (a->options_done || arg[0] != '-' || !arg[1]) {
		*value = arg;
		return CTL_ARG_POSITIONAL;
	}
	if (arg[1] == '-')
		return ctl_args_long(a, opts, arg, value);
	return ctl_args_short(a, opts, arg, value);
}
