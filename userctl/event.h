/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One line of the events file: checking it, and showing it to people
 * (a table row) or to programs (a JSON object). Shared by events and
 * its follow mode.
 */
#ifndef CTL_EVENT_H
#define CTL_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "json.h"
#include "kvline.h"
#include "num.h"
#include "outtable.h"

/*
 * Parses and checks @line in place into @kl: every key of format 1 is
 * there and the numeric ones are numbers. Returns 0, or -1 after naming
 * @path:@lineno and what is wrong.
 */
int ctl_event_check(struct ctl_kvline *kl, char *line, const char *path,
		    unsigned long lineno);

/* The event's id; only for a line ctl_event_check() accepted. */
uint64_t ctl_event_id(const struct ctl_kvline *kl);

/* The event as one JSON object, every key in the line's order. */
void ctl_event_json(struct ctl_json *j, const struct ctl_kvline *kl);

/* The columns of the human table. */
#define CTL_EVENT_NCOLS	10
extern const struct ctl_outcol ctl_event_cols[CTL_EVENT_NCOLS];

/* The cells of one event as people read them; src and dst are allocated. */
struct ctl_event_row {
	char when[48];
	char len[CTL_NUM_GROUPED_LEN];
	char *src;
	char *dst;
	const char *cells[CTL_EVENT_NCOLS];
};

void ctl_event_row(struct ctl_event_row *r, const struct ctl_kvline *kl);
void ctl_event_row_free(struct ctl_event_row *r);

#endif
