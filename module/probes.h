/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hooks tcpinsight attaches, each with a stable name and a state. A
 * hook this kernel does not have is "unavailable", logged once, and the
 * module works without it.
 */
#ifndef TCPI_PROBES_H
#define TCPI_PROBES_H

#include <linux/kprobes.h>
#include <linux/types.h>

enum tcpi_probe_id {
#define TCPI_HOOK(id, hook_name) TCPI_PROBE_##id,
#include "hooks.def"
#undef TCPI_HOOK
	TCPI_PROBE_MAX,
};

enum tcpi_probe_type {
	TCPI_TYPE_TRACEPOINT,
	TCPI_TYPE_KPROBE,
	TCPI_TYPE_KRETPROBE,
	/* a site of tcpinsight's own ftrace_ops (fentry.c); a kprobe if ftrace refuses it */
	TCPI_TYPE_FENTRY,
};

enum tcpi_probe_state {
	TCPI_PROBE_OFF,
	TCPI_PROBE_ON,
	TCPI_PROBE_UNAVAILABLE,
};

struct tracepoint;

/*
 * A hook as the file that handles it describes it: how and where it
 * attaches, and its handlers, which stay private to that file.
 */
struct tcpi_hook {
	/* its name is its line in hooks.def */
	enum tcpi_probe_type type;
	/* TCPI_TYPE_TRACEPOINT: the handler, checked by its file against the
	 * kernel's own prototype (check_trace_callback_type_<name>())
	 */
	const char *tp_name;
	void *tp_func;
	/*
	 * TCPI_TYPE_FENTRY, TCPI_TYPE_KPROBE and TCPI_TYPE_KRETPROBE; for a
	 * TCPI_TYPE_TRACEPOINT, the function its events are located at
	 */
	const char *symbol;
	/* TCPI_TYPE_FENTRY and TCPI_TYPE_KPROBE */
	void (*on_entry)(struct pt_regs *regs);
	/* TCPI_TYPE_KRETPROBE */
	kretprobe_handler_t entry_handler;
	kretprobe_handler_t ret_handler;
	size_t data_size;
	/* calls that can be in flight at once; 0: the kernel's default */
	int maxactive;
};

/* A hook as the registry (probes.c) runs it. */
struct tcpi_probe {
	const struct tcpi_hook *hook;
	const char *name;
	/* the hook's, until ftrace refuses an entry hook: then a kprobe */
	enum tcpi_probe_type type;
	enum tcpi_probe_state state;
	/* TCPI_TYPE_TRACEPOINT */
	struct tracepoint *tp;
	/*
	 * TCPI_TYPE_FENTRY and TCPI_TYPE_KPROBE. A function-entry hook keeps a
	 * kprobe registered, disarmed unless ftrace refused the ops: it resolves
	 * and vets the symbol, and kp.addr is the function's ftrace site. A
	 * tracepoint whose events name a function: a kprobe never armed.
	 */
	struct kprobe kp;
	/* TCPI_TYPE_KRETPROBE */
	struct kretprobe krp;
};

extern struct tcpi_probe tcpi_probes[TCPI_PROBE_MAX];

int tcpi_probes_init(unsigned long off);
void tcpi_probes_exit(void);
int tcpi_probe_enable(enum tcpi_probe_id id);
void tcpi_probe_disable(enum tcpi_probe_id id);
int tcpi_probes_enable_all(void);
void tcpi_probes_disable_all(void);
int tcpi_probe_find(const char *name, size_t len);
void tcpi_probes_lock(void);
void tcpi_probes_unlock(void);
const char *tcpi_probe_state_name(enum tcpi_probe_state state);
const char *tcpi_probe_type_name(enum tcpi_probe_type type);
u64 tcpi_probe_missed(const struct tcpi_probe *p);

static inline bool tcpi_probe_on(enum tcpi_probe_id id)
{
	return READ_ONCE(tcpi_probes[id].state) == TCPI_PROBE_ON;
}

/*
 * A kretprobe stays registered while off, so its return handler still runs
 * for a call that entered while it was on: such a call counts nothing.
 */
#define tcpi_probe_returned_off(id)	(!tcpi_probe_on(id))

/* Where the hooked function is: the location a hook's drops are given. */
static inline void *tcpi_probe_loc(enum tcpi_probe_id id)
{
	return tcpi_probes[id].kp.addr;
}

#define tcpi_probe_hit(id)	this_cpu_inc(tcpi.stats->probe_hits[id])

#endif
