/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between explain's rules and the lookups they share. Each rule adds the
 * findings of one kind of trouble to e->fs.
 */
#ifndef CTL_EXPLAIN_RULES_H
#define CTL_EXPLAIN_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "findings.h"
#include "snap.h"

struct ctl_explain {
	const struct ctl_snap *s;
	struct ctl_findings *fs;
	bool own_known;
	uint64_t own_netns;
};

/* The netns and port pairs with trouble, each once. */
struct ctl_where {
	uint64_t netns;
	uint64_t port;
};

struct ctl_wheres {
	struct ctl_where *w;
	size_t n;
	size_t cap;
};

/* Grouped numbers for the text, several per sentence (a ring of 16). */
const char *ctl_g(uint64_t v);
const char *ctl_plural(uint64_t v, const char *one, const char *many);
bool ctl_in(const char *s, const char *const *set, size_t n);
/* Drops of @reason for one netns and port. */
uint64_t ctl_port_count(const struct ctl_snap *s, uint64_t netns,
			uint64_t port, const char *reason);
/* A tcp counter for one netns and port, all its reasons added up. */
uint64_t ctl_tcp_count(const struct ctl_snap *s, uint64_t netns,
		       uint64_t port, const char *counter);
/* The listener on @port in @netns with the most trouble, or NULL. */
const struct ctl_listener *ctl_port_listener(const struct ctl_snap *s,
					     uint64_t netns, uint64_t port);
void ctl_wheres_add(struct ctl_wheres *ws, uint64_t netns, uint64_t port);
/* The pairs with a nonzero count for one of @reasons / @counters. */
void ctl_wheres_ports(struct ctl_wheres *ws, const struct ctl_snap *s,
		      const char *const *reasons, size_t n);
void ctl_wheres_tcp(struct ctl_wheres *ws, const struct ctl_snap *s,
		    const char *const *counters, size_t n);
/* Says the sysctls quoted are this namespace's, when @f is in another. */
void ctl_netns_note(const struct ctl_explain *e, struct ctl_finding *f);

/* The drop reasons the rules explain; the others are other_drops. */
extern const char *const ctl_explained_reasons[];
extern const size_t ctl_explained_nreasons;

void ctl_rule_accept(struct ctl_explain *e);
void ctl_rule_synq(struct ctl_explain *e);
void ctl_rule_cookies(struct ctl_explain *e);
void ctl_rule_paws(struct ctl_explain *e);
void ctl_rule_residual(struct ctl_explain *e);
void ctl_rule_ports_exhausted(struct ctl_explain *e);
void ctl_rule_rcvbuf(struct ctl_explain *e);
void ctl_rule_sndbuf(struct ctl_explain *e);
void ctl_rule_abort_on_close(struct ctl_explain *e);
void ctl_rule_closed_ports(struct ctl_explain *e);
void ctl_rule_other_drops(struct ctl_explain *e);
void ctl_rule_tables_full(struct ctl_explain *e);
void ctl_rule_probes_off(struct ctl_explain *e);

#endif
