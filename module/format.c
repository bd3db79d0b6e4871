// SPDX-License-Identifier: GPL-2.0
/* Formatting of TCP flags, states and event lines. */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <net/tcp_states.h>

#include "format.h"

/* tcpdump's letters, in tcpdump's order, so SREs read what they know. */
static const struct {
	u8 bit;
	char letter;
} tcpi_flag_letters[] = {
	{ 0x01, 'F' },	/* FIN */
	{ 0x02, 'S' },	/* SYN */
	{ 0x04, 'R' },	/* RST */
	{ 0x08, 'P' },	/* PSH */
	{ 0x10, '.' },	/* ACK */
	{ 0x20, 'U' },	/* URG */
	{ 0x40, 'E' },	/* ECE */
	{ 0x80, 'W' },	/* CWR */
};

/**
 * tcpi_format_tcp_flags() - tcpdump-style flags ("S", "S.", "R.", "none")
 * @tcpflags: byte 13 of the TCP header
 * @buf: output
 * @len: size of @buf, at least TCPI_FLAGS_LEN
 *
 * Return: the length written, or -EINVAL if @buf is too small.
 */
int tcpi_format_tcp_flags(u8 tcpflags, char *buf, size_t len)
{
	unsigned int i, n = 0;

	if (len < TCPI_FLAGS_LEN)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(tcpi_flag_letters); i++)
		if (tcpflags & tcpi_flag_letters[i].bit)
			buf[n++] = tcpi_flag_letters[i].letter;
	if (!n)
		return strscpy(buf, "none", len);
	buf[n] = '\0';
	return n;
}

/* The uapi names of TCP states, without the TCP_ prefix. */
static const char * const tcpi_state_names[] = {
	[TCP_ESTABLISHED] = "ESTABLISHED",
	[TCP_SYN_SENT] = "SYN_SENT",
	[TCP_SYN_RECV] = "SYN_RECV",
	[TCP_FIN_WAIT1] = "FIN_WAIT1",
	[TCP_FIN_WAIT2] = "FIN_WAIT2",
	[TCP_TIME_WAIT] = "TIME_WAIT",
	[TCP_CLOSE] = "CLOSE",
	[TCP_CLOSE_WAIT] = "CLOSE_WAIT",
	[TCP_LAST_ACK] = "LAST_ACK",
	[TCP_LISTEN] = "LISTEN",
	[TCP_CLOSING] = "CLOSING",
	[TCP_NEW_SYN_RECV] = "NEW_SYN_RECV",
};

/**
 * tcpi_tcp_state_name() - name of a TCP state
 * @state: a TCP_* state, or 0 for "no socket"
 *
 * Return: the name, "-" for no socket, "UNKNOWN" for a state this table
 * does not know.
 */
const char *tcpi_tcp_state_name(u8 state)
{
	if (!state)
		return "-";
	if (state < ARRAY_SIZE(tcpi_state_names) && tcpi_state_names[state])
		return tcpi_state_names[state];
	return "UNKNOWN";
}

/**
 * tcpi_format_loc() - "symbol+0xoffset" of a code address
 * @loc: the address
 * @buf: output
 * @len: size of @buf
 *
 * %pS appends "/size [module]", which a key=value line cannot carry, and
 * falls back to the raw address when it knows no symbol: such an address
 * is printed as "?" so that no kernel pointer reaches userspace.
 *
 * Return: the length written.
 */
int tcpi_format_loc(const void *loc, char *buf, size_t len)
{
	char *cut;

	/* Room for "?" at least, or nothing is written. */
	if (len < 2) {
		if (len)
			buf[0] = '\0';
		return 0;
	}
	if (!loc)
		return strscpy(buf, "?", len);
	snprintf(buf, len, "%pS", loc);
	cut = strpbrk(buf, "/ ");
	if (cut)
		*cut = '\0';
	if (!strncmp(buf, "0x", 2) || !buf[0])
		return strscpy(buf, "?", len);
	return strlen(buf);
}

static const char * const tcpi_paws_stage_names[] = {
	[TCPI_PAWS_SYN_RECV] = "SYN_RECV",
	[TCPI_PAWS_ESTABLISHED] = "ESTABLISHED",
	[TCPI_PAWS_TIME_WAIT] = "TIME_WAIT",
};

/**
 * tcpi_format_info() - the value of an event's info= key
 * @info: what explains the event
 * @buf: output, TCPI_INFO_LEN is always enough
 * @len: size of @buf
 *
 * One token: comma-separated name:value pairs, or "-" when there is
 * nothing to add. A value tcpinsight could not read is "-".
 *
 * Return: the length written (snprintf semantics).
 */
int tcpi_format_info(const struct tcpi_info *info, char *buf, size_t len)
{
	char b[12] = "-";

	switch (info->kind) {
	case TCPI_INFO_PAWS:
		if (info->b_known)
			snprintf(b, sizeof(b), "%u", info->b);
		return snprintf(buf, len, "stage:%s,tsval:%u,ts_recent:%s",
				info->sub < ARRAY_SIZE(tcpi_paws_stage_names) ?
				tcpi_paws_stage_names[info->sub] : "-",
				info->a, b);
	case TCPI_INFO_PORT_RANGE:
		return snprintf(buf, len, "port_range:%u-%u", info->a, info->b);
	case TCPI_INFO_PAWS_ACTIVE:
		if (!info->b_known)
			return snprintf(buf, len, "stage:SYN_SENT,tsval:-,tsecr:-");
		return snprintf(buf, len, "stage:SYN_SENT,tsval:%u,tsecr:%u",
				info->a, info->b);
	case TCPI_INFO_RCVBUF:
		return snprintf(buf, len, "rcvbuf:%u,rmem:%u", info->a, info->b);
	case TCPI_INFO_SNDBUF:
		return snprintf(buf, len, "sndbuf:%u,waited_us:%u", info->a, info->b);
	default:
		return snprintf(buf, len, "-");
	}
}

/**
 * tcpi_format_event() - one line of /proc/tcpinsight/events
 * @buf: output, TCPI_EVENT_LINE_LEN is always enough
 * @len: size of @buf
 * @ev: the event
 * @reason: its reason name
 * @id: its id
 *
 * Return: the length of the line, newline included (snprintf semantics).
 */
int tcpi_format_event(char *buf, size_t len, const struct tcpi_event *ev,
		      const char *reason, u64 id)
{
	char flags[TCPI_FLAGS_LEN];
	char info[TCPI_INFO_LEN];
	char loc[TCPI_LOC_LEN];
	char saddr[48], daddr[48];

	tcpi_format_tcp_flags(ev->tcpflags, flags, sizeof(flags));
	tcpi_format_loc(ev->loc, loc, sizeof(loc));
	tcpi_format_info(&ev->info, info, sizeof(info));
	if (ev->family == 4) {
		snprintf(saddr, sizeof(saddr), "%pI4", &ev->saddr.s6_addr32[0]);
		snprintf(daddr, sizeof(daddr), "%pI4", &ev->daddr.s6_addr32[0]);
	} else {
		snprintf(saddr, sizeof(saddr), "%pI6c", &ev->saddr);
		snprintf(daddr, sizeof(daddr), "%pI6c", &ev->daddr);
	}
	return snprintf(buf, len,
			"ts=%llu cpu=%u netns=%u reason=%s family=%u saddr=%s sport=%u daddr=%s dport=%u state=%s flags=%s seq=%u ack=%u len=%u loc=%s id=%llu info=%s\n",
			ev->ts, ev->cpu, ev->netns, reason, ev->family,
			saddr, ev->sport, daddr, ev->dport,
			tcpi_tcp_state_name(ev->state), flags, ev->seq, ev->ack,
			ev->len, loc, id, info);
}
