// SPDX-License-Identifier: GPL-2.0
/*
 * The text tcpinsight prints. /proc/tcpinsight/events is parsed by tools
 * (tcpinsightctl among them), so lines are compared whole: a changed key
 * order, separator or address form fails here before it fails a parser.
 */
#include <linux/errno.h>
#include <linux/in6.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <net/tcp_states.h>

#include "format.h"
#include "tcpi_kunit.h"

/* The address of a function of ours, and how tcpi_format_loc() names it. */
#define TCPI_TEST_LOC		((const char *)tcpi_format_tcp_flags + 4)
#define TCPI_TEST_LOC_NAME	"tcpi_format_tcp_flags+0x4"

static void tcpi_format_flags_test(struct kunit *test)
{
	static const struct {
		u8 flags;
		const char *text;
	} cases[] = {
		{ 0x02, "S" },
		{ 0x12, "S." },
		{ 0x14, "R." },
		{ 0x11, "F." },
		{ 0x18, "P." },
		{ 0x10, "." },
		{ 0x04, "R" },
		{ 0x29, "FPU" },
		{ 0xc2, "SEW" },
		{ 0x00, "none" },
		{ 0xff, "FSRP.UEW" },
	};
	char buf[TCPI_FLAGS_LEN];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(buf, 'x', sizeof(buf));
		KUNIT_EXPECT_EQ(test, tcpi_format_tcp_flags(cases[i].flags, buf,
							    sizeof(buf)),
				(int)strlen(cases[i].text));
		KUNIT_EXPECT_STREQ(test, buf, cases[i].text);
	}

	/* Too small for the longest: refused even when this one would fit. */
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, tcpi_format_tcp_flags(0x02, buf, sizeof(buf) - 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, buf[0], 'x');
	KUNIT_EXPECT_EQ(test, tcpi_format_tcp_flags(0xff, buf, 0), -EINVAL);
}

static void tcpi_format_state_test(struct kunit *test)
{
	static const char * const names[] = {
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
	unsigned int state;

	KUNIT_EXPECT_STREQ(test, tcpi_tcp_state_name(0), "-");
	for (state = TCP_ESTABLISHED; state <= TCP_NEW_SYN_RECV; state++)
		KUNIT_EXPECT_STREQ(test, tcpi_tcp_state_name(state), names[state]);
	/* Later kernels add states (TCP_BOUND_INACTIVE in 6.8). */
	KUNIT_EXPECT_STREQ(test, tcpi_tcp_state_name(TCP_NEW_SYN_RECV + 1),
			   "UNKNOWN");
	KUNIT_EXPECT_STREQ(test, tcpi_tcp_state_name(255), "UNKNOWN");
}

static void tcpi_format_loc_test(struct kunit *test)
{
	char buf[TCPI_LOC_LEN];

	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, tcpi_format_loc(NULL, buf, sizeof(buf)), 1);
	KUNIT_EXPECT_STREQ(test, buf, "?");
	KUNIT_EXPECT_EQ(test, tcpi_format_loc(TCPI_TEST_LOC, buf, 0), 0);
	KUNIT_EXPECT_EQ(test, buf[0], '?');

	/* No symbol: "?" rather than a raw kernel address. */
	KUNIT_EXPECT_EQ(test, tcpi_format_loc((void *)16, buf, sizeof(buf)), 1);
	KUNIT_EXPECT_STREQ(test, buf, "?");

	if (!IS_ENABLED(CONFIG_KALLSYMS)) {
		kunit_skip(test, "no symbol names without CONFIG_KALLSYMS");
		return;
	}

	/* %pS would add "/size" and, in a module, " [module]". */
	KUNIT_EXPECT_EQ(test, tcpi_format_loc(TCPI_TEST_LOC, buf, sizeof(buf)),
			(int)strlen(TCPI_TEST_LOC_NAME));
	KUNIT_EXPECT_STREQ(test, buf, TCPI_TEST_LOC_NAME);
	KUNIT_EXPECT_EQ(test, tcpi_format_loc((const void *)tcpi_format_loc, buf,
					      sizeof(buf)),
			(int)strlen("tcpi_format_loc+0x0"));
	KUNIT_EXPECT_STREQ(test, buf, "tcpi_format_loc+0x0");

	/* A short buffer gets a cut name, never a partial "0x" address. */
	KUNIT_EXPECT_EQ(test, tcpi_format_loc(TCPI_TEST_LOC, buf, 5), 4);
	KUNIT_EXPECT_STREQ(test, buf, "tcpi");
	KUNIT_EXPECT_EQ(test, tcpi_format_loc((void *)16, buf, 3), 1);
	KUNIT_EXPECT_STREQ(test, buf, "?");
}

static void tcpi_format_info_test(struct kunit *test)
{
	struct tcpi_info info;
	char buf[TCPI_INFO_LEN];

	memset(&info, 0, sizeof(info));
	KUNIT_EXPECT_EQ(test, tcpi_format_info(&info, buf, sizeof(buf)), 1);
	KUNIT_EXPECT_STREQ(test, buf, "-");
	/* A kind this table does not know explains nothing. */
	info.kind = 200;
	info.a = 5;
	KUNIT_EXPECT_EQ(test, tcpi_format_info(&info, buf, sizeof(buf)), 1);
	KUNIT_EXPECT_STREQ(test, buf, "-");

	info.kind = TCPI_INFO_PAWS;
	info.sub = TCPI_PAWS_SYN_RECV;
	info.a = 1;
	info.b = 2;
	info.b_known = false;
	KUNIT_EXPECT_EQ(test, tcpi_format_info(&info, buf, sizeof(buf)),
			(int)strlen("stage:SYN_RECV,tsval:1,ts_recent:-"));
	/* A value not read is "-", not the 2 left in it. */
	KUNIT_EXPECT_STREQ(test, buf, "stage:SYN_RECV,tsval:1,ts_recent:-");

	info.sub = TCPI_PAWS_TIME_WAIT;
	info.a = 0;
	info.b = 4294967295u;
	info.b_known = true;
	tcpi_format_info(&info, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "stage:TIME_WAIT,tsval:0,ts_recent:4294967295");

	info.sub = TCPI_PAWS_TIME_WAIT + 1;
	tcpi_format_info(&info, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "stage:-,tsval:0,ts_recent:4294967295");

	info.kind = TCPI_INFO_PORT_RANGE;
	info.a = 32768;
	info.b = 60999;
	KUNIT_EXPECT_EQ(test, tcpi_format_info(&info, buf, sizeof(buf)),
			(int)strlen("port_range:32768-60999"));
	KUNIT_EXPECT_STREQ(test, buf, "port_range:32768-60999");

	/* the widest values must fit TCPI_INFO_LEN */
	info.kind = TCPI_INFO_RCVBUF;
	info.a = 4294967295u;
	info.b = 4294967295u;
	tcpi_format_info(&info, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "rcvbuf:4294967295,rmem:4294967295");

	info.kind = TCPI_INFO_PAWS_ACTIVE;
	info.a = 7;
	info.b = 8;
	info.b_known = false;
	tcpi_format_info(&info, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "stage:SYN_SENT,tsval:-,tsecr:-");
	info.b_known = true;
	tcpi_format_info(&info, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "stage:SYN_SENT,tsval:7,tsecr:8");

	info.kind = TCPI_INFO_SNDBUF;
	info.a = 16384;
	info.b = 100123;
	tcpi_format_info(&info, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "sndbuf:16384,waited_us:100123");

	/* snprintf semantics: cut to the buffer, the full length returned. */
	info.kind = TCPI_INFO_PAWS;
	info.sub = TCPI_PAWS_ESTABLISHED;
	info.a = 0;
	info.b = 4294967295u;
	KUNIT_EXPECT_EQ(test, tcpi_format_info(&info, buf, 8),
			(int)strlen("stage:ESTABLISHED,tsval:0,ts_recent:4294967295"));
	KUNIT_EXPECT_STREQ(test, buf, "stage:E");
}

static void tcpi_format_event_v4_test(struct kunit *test)
{
	struct tcpi_event ev;
	char buf[TCPI_EVENT_LINE_LEN];

	memset(&ev, 0, sizeof(ev));
	ev.ts = 1234567890;
	ev.cpu = 1;
	ev.netns = 4026531840u;
	ev.family = 4;
	ev.saddr.s6_addr32[0] = htonl(0x0a000001);
	ev.daddr.s6_addr32[0] = htonl(0xc0a8c802);
	/* Only the first word of an IPv4 address is printed. */
	ev.saddr.s6_addr32[3] = htonl(0x7f000001);
	ev.sport = 40000;
	ev.dport = 80;
	ev.tcpflags = 0x02;
	ev.seq = 1000;

	KUNIT_EXPECT_EQ(test, tcpi_format_event(buf, sizeof(buf), &ev,
						"NO_SOCKET", 42),
			(int)strlen(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "ts=1234567890 cpu=1 netns=4026531840 reason=NO_SOCKET family=4 saddr=10.0.0.1 sport=40000 daddr=192.168.200.2 dport=80 state=- flags=S seq=1000 ack=0 len=0 loc=? id=42 info=-\n");
}

static void tcpi_format_event_v6_test(struct kunit *test)
{
	struct tcpi_event ev;
	char buf[TCPI_EVENT_LINE_LEN];
	int len;

	if (!IS_ENABLED(CONFIG_KALLSYMS)) {
		kunit_skip(test, "no symbol names without CONFIG_KALLSYMS");
		return;
	}

	memset(&ev, 0, sizeof(ev));
	ev.ts = U64_MAX;
	ev.cpu = 65535;
	ev.netns = 0xffffffff;
	ev.family = 6;
	ev.saddr.s6_addr[15] = 1;
	ev.daddr.s6_addr32[0] = htonl(0x20010db8);
	ev.daddr.s6_addr[15] = 2;
	ev.sport = 65535;
	ev.dport = 443;
	ev.state = TCP_ESTABLISHED;
	ev.tcpflags = 0x18;
	ev.seq = 0xffffffff;
	ev.ack = 7;
	ev.len = 1448;
	ev.loc = TCPI_TEST_LOC;
	ev.info.kind = TCPI_INFO_PAWS;
	ev.info.sub = TCPI_PAWS_ESTABLISHED;
	ev.info.a = 123456;
	ev.info.b = 654321;
	ev.info.b_known = true;

	len = tcpi_format_event(buf, sizeof(buf), &ev, "TCP_INVALID_SEQUENCE",
				U64_MAX);
	KUNIT_EXPECT_EQ(test, len, (int)strlen(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "ts=18446744073709551615 cpu=65535 netns=4294967295 reason=TCP_INVALID_SEQUENCE family=6 saddr=::1 sport=65535 daddr=2001:db8::2 dport=443 state=ESTABLISHED flags=P. seq=4294967295 ack=7 len=1448 loc=tcpi_format_tcp_flags+0x4 id=18446744073709551615 info=stage:ESTABLISHED,tsval:123456,ts_recent:654321\n");

	/* snprintf semantics: a short buffer gets a cut line, same length. */
	KUNIT_EXPECT_EQ(test, tcpi_format_event(buf, 20, &ev,
						"TCP_INVALID_SEQUENCE", U64_MAX),
			len);
	KUNIT_EXPECT_STREQ(test, buf, "ts=1844674407370955");
}

/*
 * TCPI_EVENT_LINE_LEN holds the longest line: every field at its widest,
 * the longest reason name of the supported kernels (7.2's), and a location
 * as long as tcpi_format_loc() makes one.
 */
static void tcpi_format_event_widest_test(struct kunit *test)
{
	static const char reason[] = "MACVLAN_BROADCAST_BACKLOG";
	struct tcpi_event ev;
	char buf[TCPI_EVENT_LINE_LEN], loc[TCPI_LOC_LEN];
	int len, loc_len;

	if (!IS_ENABLED(CONFIG_KALLSYMS)) {
		kunit_skip(test, "no symbol names without CONFIG_KALLSYMS");
		return;
	}
	memset(&ev, 0xff, sizeof(ev));
	ev.family = 6;
	ev.state = TCP_NEW_SYN_RECV;
	ev.loc = TCPI_TEST_LOC;
	ev.info.kind = TCPI_INFO_PAWS;
	ev.info.sub = TCPI_PAWS_ESTABLISHED;
	ev.info.b_known = true;
	loc_len = tcpi_format_loc(ev.loc, loc, sizeof(loc));

	len = tcpi_format_event(buf, sizeof(buf), &ev, reason, U64_MAX);
	KUNIT_EXPECT_EQ(test, len, (int)strlen(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "ts=18446744073709551615 cpu=65535 netns=4294967295 reason=MACVLAN_BROADCAST_BACKLOG family=6 saddr=ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff sport=65535 daddr=ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff dport=65535 state=NEW_SYN_RECV flags=FSRP.UEW seq=4294967295 ack=4294967295 len=4294967295 loc=tcpi_format_tcp_flags+0x4 id=18446744073709551615 info=stage:ESTABLISHED,tsval:4294967295,ts_recent:4294967295\n");
	/* With the longest name a symbol can have, it still fits. */
	KUNIT_EXPECT_LT(test, len + (TCPI_LOC_LEN - 1 - loc_len),
			TCPI_EVENT_LINE_LEN);
}

static struct kunit_case tcpi_format_cases[] = {
	KUNIT_CASE(tcpi_format_flags_test),
	KUNIT_CASE(tcpi_format_state_test),
	KUNIT_CASE(tcpi_format_loc_test),
	KUNIT_CASE(tcpi_format_info_test),
	KUNIT_CASE(tcpi_format_event_v4_test),
	KUNIT_CASE(tcpi_format_event_v6_test),
	KUNIT_CASE(tcpi_format_event_widest_test),
	{}
};

struct kunit_suite tcpi_format_suite = {
	.name = "tcpinsight_format",
	.test_cases = tcpi_format_cases,
};
