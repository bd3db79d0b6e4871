// SPDX-License-Identifier: GPL-2.0
/*
 * The control commands. A write holds one command per line; it is parsed
 * whole before any of it is applied, so a bad line anywhere changes
 * nothing: -EINVAL, and one rate-limited line in the kernel log saying
 * what was wrong. Only a failure of the kernel itself while applying (no
 * memory for a ring, a hook that refuses to attach) can stop a write
 * half-way; its error is returned and the lines before it stay applied.
 *
 * Writes are serialized by a mutex no probe ever takes.
 */
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "control.h"
#include "events.h"
#include "filter.h"
#include "probes.h"
#include "reset.h"

/* The longest command has three words; a fourth is always one too many. */
#define TCPI_CTL_WORDS		4
/* What a message quotes of a word: enough to recognise it. */
#define TCPI_CTL_QUOTE		40
#define TCPI_CTL_ALL_PROBES	(-1)

enum tcpi_ctl_op {
	TCPI_CTL_ENABLE,
	TCPI_CTL_DISABLE,
	TCPI_CTL_RESET,
	TCPI_CTL_FILTER_PORT,
	TCPI_CTL_FILTER_NETNS,
	TCPI_CTL_FILTER_OFF,
	TCPI_CTL_EVENTS_ON,
	TCPI_CTL_EVENTS_OFF,
	TCPI_CTL_EVENTS_SIZE,
	TCPI_CTL_EVENTS_RATE,
};

struct tcpi_ctl_word {
	const char *s;
	size_t len;
};

struct tcpi_ctl_cmd {
	enum tcpi_ctl_op op;
	int probe;			/* enable, disable: an id or ALL_PROBES */
	unsigned int reset;		/* TCPI_RESET_* */
	u32 value;			/* netns, size, rate */
	struct tcpi_port_list ports;
};

/* Why a line was refused, and the word that was wrong, if one was. */
struct tcpi_ctl_error {
	const char *why;
	struct tcpi_ctl_word word;
};

static DEFINE_MUTEX(tcpi_control_mutex);

static bool tcpi_ctl_is(const struct tcpi_ctl_word *w, const char *s)
{
	return w->len == strlen(s) && !memcmp(w->s, s, w->len);
}

static int tcpi_ctl_fail(struct tcpi_ctl_error *e, const char *why,
			 const struct tcpi_ctl_word *w)
{
	e->why = why;
	if (w)
		e->word = *w;
	else
		e->word.len = 0;
	return -EINVAL;
}

/*
 * Decimal digits only: no sign, no base prefix, no spaces, nothing after,
 * and a value from @min to @max.
 */
static int tcpi_ctl_number(const struct tcpi_ctl_word *w, u64 min, u64 max,
			   u64 *out, struct tcpi_ctl_error *e)
{
	u64 v = 0;
	size_t i;

	if (!w->len)
		return tcpi_ctl_fail(e, "missing number", NULL);
	for (i = 0; i < w->len; i++) {
		unsigned int d = w->s[i] - '0';

		if (d > 9)
			return tcpi_ctl_fail(e, "not a decimal number", w);
		if (v > (U64_MAX - d) / 10)
			return tcpi_ctl_fail(e, "number too large", w);
		v = v * 10 + d;
	}
	if (v < min || v > max)
		return tcpi_ctl_fail(e, "number out of range", w);
	*out = v;
	return 0;
}

/* "n[,n...]": 1 to 64 distinct ports from 1 to 65535. */
static int tcpi_ctl_ports(const struct tcpi_ctl_word *w,
			  struct tcpi_port_list *ports, struct tcpi_ctl_error *e)
{
	struct tcpi_ctl_word num;
	const char *p = w->s, *end = w->s + w->len, *comma;
	unsigned int i;
	u64 v;
	int err;

	ports->nr = 0;
	for (;;) {
		comma = memchr(p, ',', end - p);
		num.s = p;
		num.len = (comma ? comma : end) - p;
		if (!num.len)
			return tcpi_ctl_fail(e, "empty port in the list", w);
		err = tcpi_ctl_number(&num, 1, U16_MAX, &v, e);
		if (err)
			return err;
		if (ports->nr == TCPI_FILTER_PORTS_MAX)
			return tcpi_ctl_fail(e, "more than 64 ports", NULL);
		for (i = 0; i < ports->nr; i++)
			if (ports->port[i] == v)
				return tcpi_ctl_fail(e, "port listed twice", &num);
		ports->port[ports->nr++] = v;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

static int tcpi_ctl_probe(const struct tcpi_ctl_word *w, int *probe,
			  struct tcpi_ctl_error *e)
{
	int id;

	if (tcpi_ctl_is(w, "all")) {
		*probe = TCPI_CTL_ALL_PROBES;
		return 0;
	}
	id = tcpi_probe_find(w->s, w->len);
	if (id < 0)
		return tcpi_ctl_fail(e, "no such probe", w);
	/* unavailable is decided at load and never changes */
	if (READ_ONCE(tcpi_probes[id].state) == TCPI_PROBE_UNAVAILABLE)
		return tcpi_ctl_fail(e, "probe unavailable on this kernel", w);
	*probe = id;
	return 0;
}

static const struct {
	const char *name;
	unsigned int what;
} tcpi_ctl_tables[] = {
	{ "drops", TCPI_RESET_DROPS },
	{ "ports", TCPI_RESET_PORTS },
	{ "listeners", TCPI_RESET_LISTENERS },
	{ "events", TCPI_RESET_EVENTS },
	{ "tcp", TCPI_RESET_TCP },
	{ "all", TCPI_RESET_ALL },
};

static int tcpi_ctl_reset(const struct tcpi_ctl_word *w, int nw,
			  struct tcpi_ctl_cmd *c, struct tcpi_ctl_error *e)
{
	unsigned int i;

	c->op = TCPI_CTL_RESET;
	if (nw == 1) {
		c->reset = TCPI_RESET_ALL;
		return 0;
	}
	if (nw > 2)
		return tcpi_ctl_fail(e, "reset takes one table", &w[2]);
	for (i = 0; i < ARRAY_SIZE(tcpi_ctl_tables); i++) {
		if (tcpi_ctl_is(&w[1], tcpi_ctl_tables[i].name)) {
			c->reset = tcpi_ctl_tables[i].what;
			return 0;
		}
	}
	return tcpi_ctl_fail(e, "no such table", &w[1]);
}

static int tcpi_ctl_filter(const struct tcpi_ctl_word *w, int nw,
			   struct tcpi_ctl_cmd *c, struct tcpi_ctl_error *e)
{
	u64 v = 0;
	int err;

	if (nw < 2)
		return tcpi_ctl_fail(e, "filter needs port, netns or off", NULL);
	if (tcpi_ctl_is(&w[1], "off")) {
		if (nw > 2)
			return tcpi_ctl_fail(e, "extra argument", &w[2]);
		c->op = TCPI_CTL_FILTER_OFF;
		return 0;
	}
	if (!tcpi_ctl_is(&w[1], "port") && !tcpi_ctl_is(&w[1], "netns"))
		return tcpi_ctl_fail(e, "filter needs port, netns or off", &w[1]);
	if (nw < 3)
		return tcpi_ctl_fail(e, "missing argument", &w[1]);
	if (nw > 3)
		return tcpi_ctl_fail(e, "extra argument", &w[3]);
	if (tcpi_ctl_is(&w[1], "port")) {
		c->op = TCPI_CTL_FILTER_PORT;
		return tcpi_ctl_ports(&w[2], &c->ports, e);
	}
	c->op = TCPI_CTL_FILTER_NETNS;
	/* inode numbers are 32 bits, and no namespace has 0 */
	err = tcpi_ctl_number(&w[2], 1, U32_MAX, &v, e);
	c->value = v;
	return err;
}

static int tcpi_ctl_events(const struct tcpi_ctl_word *w, int nw,
			   struct tcpi_ctl_cmd *c, struct tcpi_ctl_error *e)
{
	bool size;
	u64 v = 0;
	int err;

	if (nw < 2)
		return tcpi_ctl_fail(e, "events needs on, off, size or rate", NULL);
	if (tcpi_ctl_is(&w[1], "on") || tcpi_ctl_is(&w[1], "off")) {
		if (nw > 2)
			return tcpi_ctl_fail(e, "extra argument", &w[2]);
		c->op = tcpi_ctl_is(&w[1], "on") ? TCPI_CTL_EVENTS_ON :
						   TCPI_CTL_EVENTS_OFF;
		return 0;
	}
	size = tcpi_ctl_is(&w[1], "size");
	if (!size && !tcpi_ctl_is(&w[1], "rate"))
		return tcpi_ctl_fail(e, "events needs on, off, size or rate", &w[1]);
	if (nw < 3)
		return tcpi_ctl_fail(e, "missing argument", &w[1]);
	if (nw > 3)
		return tcpi_ctl_fail(e, "extra argument", &w[3]);
	if (size) {
		c->op = TCPI_CTL_EVENTS_SIZE;
		err = tcpi_ctl_number(&w[2], TCPI_RING_MIN, TCPI_RING_MAX, &v, e);
	} else {
		c->op = TCPI_CTL_EVENTS_RATE;
		err = tcpi_ctl_number(&w[2], 0, TCPI_EVENTS_RATE_MAX, &v, e);
	}
	c->value = v;
	return err;
}

/* Splits at spaces and tabs. Return: the number of words, up to one too many. */
static int tcpi_ctl_split(const char *line, size_t len, struct tcpi_ctl_word *w)
{
	size_t i = 0, start;
	int n = 0;

	while (n < TCPI_CTL_WORDS) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
		w[n].s = line + start;
		w[n].len = i - start;
		n++;
	}
	return n;
}

static int tcpi_ctl_parse(const char *line, size_t len, struct tcpi_ctl_cmd *c,
			  struct tcpi_ctl_error *e)
{
	struct tcpi_ctl_word w[TCPI_CTL_WORDS];
	int nw = tcpi_ctl_split(line, len, w);

	memset(c, 0, sizeof(*c));
	if (!nw)
		return tcpi_ctl_fail(e, "empty command", NULL);
	if (tcpi_ctl_is(&w[0], "enable") || tcpi_ctl_is(&w[0], "disable")) {
		c->op = tcpi_ctl_is(&w[0], "enable") ? TCPI_CTL_ENABLE :
						       TCPI_CTL_DISABLE;
		if (nw < 2)
			return tcpi_ctl_fail(e, "missing probe name", &w[0]);
		if (nw > 2)
			return tcpi_ctl_fail(e, "extra argument", &w[2]);
		return tcpi_ctl_probe(&w[1], &c->probe, e);
	}
	if (tcpi_ctl_is(&w[0], "reset"))
		return tcpi_ctl_reset(w, nw, c, e);
	if (tcpi_ctl_is(&w[0], "filter"))
		return tcpi_ctl_filter(w, nw, c, e);
	if (tcpi_ctl_is(&w[0], "events"))
		return tcpi_ctl_events(w, nw, c, e);
	return tcpi_ctl_fail(e, "unknown command", &w[0]);
}

static int tcpi_ctl_probes(const struct tcpi_ctl_cmd *c)
{
	if (c->probe != TCPI_CTL_ALL_PROBES) {
		if (c->op == TCPI_CTL_DISABLE) {
			tcpi_probe_disable(c->probe);
			return 0;
		}
		return tcpi_probe_enable(c->probe);
	}
	if (c->op == TCPI_CTL_DISABLE) {
		tcpi_probes_disable_all();
		return 0;
	}
	return tcpi_probes_enable_all();
}

static int tcpi_ctl_apply(const struct tcpi_ctl_cmd *c)
{
	switch (c->op) {
	case TCPI_CTL_ENABLE:
	case TCPI_CTL_DISABLE:
		return tcpi_ctl_probes(c);
	case TCPI_CTL_RESET:
		return tcpi_reset(c->reset);
	case TCPI_CTL_FILTER_PORT:
		return tcpi_filter_set_ports(&c->ports);
	case TCPI_CTL_FILTER_NETNS:
		return tcpi_filter_set_netns(c->value);
	case TCPI_CTL_FILTER_OFF:
		tcpi_filter_off();
		return 0;
	case TCPI_CTL_EVENTS_ON:
	case TCPI_CTL_EVENTS_OFF:
		tcpi_events_set_on(c->op == TCPI_CTL_EVENTS_ON);
		return 0;
	case TCPI_CTL_EVENTS_SIZE:
		return tcpi_events_resize(c->value);
	case TCPI_CTL_EVENTS_RATE:
		tcpi_events_set_rate(c->value);
		return 0;
	}
	return -EINVAL;
}

/* A line at a time; the caller has checked every byte is text. */
static int tcpi_ctl_each_line(const char *buf, size_t len, bool apply,
			      unsigned int *lineno, struct tcpi_ctl_error *e)
{
	const char *p = buf, *end = buf + len, *nl;
	struct tcpi_ctl_cmd c;
	int err;

	for (*lineno = 1; ; ++*lineno) {
		nl = memchr(p, '\n', end - p);
		err = tcpi_ctl_parse(p, (nl ? nl : end) - p, &c, e);
		if (!err && apply)
			err = tcpi_ctl_apply(&c);
		if (err || !nl)
			return err;
		p = nl + 1;
	}
}

/* Every byte printable, a space, a tab or a newline; at least one. */
static int tcpi_ctl_check_text(const char *buf, size_t len)
{
	size_t i;

	if (!len) {
		pr_warn_ratelimited("control: empty write: nothing changed\n");
		return -EINVAL;
	}
	for (i = 0; i < len; i++) {
		unsigned char ch = buf[i];

		if (ch != '\n' && ch != '\t' && (ch < ' ' || ch > '~')) {
			pr_warn_ratelimited("control: byte %zu is 0x%02x, not text: nothing changed\n",
					    i, ch);
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * tcpi_control_run() - carry out a write to the control file
 * @buf: what was written (not NUL-terminated)
 * @len: its length, at most a page
 *
 * Return: 0, -EINVAL if any line is bad (nothing is changed then), or the
 * error of a step that failed while applying.
 */
int tcpi_control_run(const char *buf, size_t len)
{
	struct tcpi_ctl_error e = { .why = NULL };
	unsigned int lineno = 0;
	int err;

	err = tcpi_ctl_check_text(buf, len);
	if (err)
		return err;
	/* One newline may end the write, as echo leaves it. */
	if (buf[len - 1] == '\n')
		len--;

	mutex_lock(&tcpi_control_mutex);
	err = tcpi_ctl_each_line(buf, len, false, &lineno, &e);
	if (err) {
		mutex_unlock(&tcpi_control_mutex);
		if (e.word.len)
			pr_warn_ratelimited("control: line %u: %s: '%.*s': nothing changed\n",
					    lineno, e.why,
					    (int)min_t(size_t, e.word.len, TCPI_CTL_QUOTE),
					    e.word.s);
		else
			pr_warn_ratelimited("control: line %u: %s: nothing changed\n",
					    lineno, e.why);
		return err;
	}
	err = tcpi_ctl_each_line(buf, len, true, &lineno, &e);
	mutex_unlock(&tcpi_control_mutex);
	if (err)
		pr_warn("control: line %u could not be applied (%d); the lines before it were\n",
			lineno, err);
	return err;
}

/* --- the module parameters that take the same values ----------------------- */

int tcpi_control_parse_ports(const char *s, struct tcpi_port_list *ports,
			     const char **why)
{
	struct tcpi_ctl_word w = { .s = s, .len = strlen(s) };
	struct tcpi_ctl_error e = { .why = NULL };
	int err = tcpi_ctl_ports(&w, ports, &e);

	*why = e.why;
	return err;
}

int tcpi_control_parse_netns(const char *s, u32 *netns, const char **why)
{
	struct tcpi_ctl_word w = { .s = s, .len = strlen(s) };
	struct tcpi_ctl_error e = { .why = NULL };
	u64 v = 0;
	int err = tcpi_ctl_number(&w, 1, U32_MAX, &v, &e);

	*why = e.why;
	*netns = v;
	return err;
}

/* "name[,name...]": probes by their names in /proc/tcpinsight/probes. */
int tcpi_control_parse_probes(const char *s, unsigned long *mask,
			      const char **why)
{
	const char *p = s, *end = s + strlen(s), *comma;
	int id;

	*mask = 0;
	for (;;) {
		comma = memchr(p, ',', end - p);
		id = tcpi_probe_find(p, (comma ? comma : end) - p);
		if (id < 0) {
			*why = "no such probe";
			return -EINVAL;
		}
		*mask |= BIT(id);
		if (!comma)
			return 0;
		p = comma + 1;
	}
}
