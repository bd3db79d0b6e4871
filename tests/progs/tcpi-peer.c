// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-peer: one TCP peer played step by step through a TUN device, for
 * the incidents that need segments no socket API sends (a RST with a stale
 * timestamp in the middle of a handshake, an old segment to TIME_WAIT).
 *
 *   tcpi-peer [-6] -i IFACE -s SRC -d DST -p PORT -S SPORT STEP...
 *
 * Steps, run in order; TS is the TSval the segment carries:
 *   syn=TS        send a SYN
 *   synack        wait for the SYN-ACK, learn the server's ISN and TSval
 *   rst=TS        send a RST at the next sequence number
 *   ack=TS        send the ACK that completes the handshake
 *   data=TS       send 100 bytes of data at the next sequence number
 *   stream=N      send N segments of 10 bytes back to back, whatever window
 *                 the server offers (a sender that ignores it), then go back
 *                 to the highest sequence the server acknowledged within
 *                 300 ms, as a sender retransmitting would
 *   gap=N         the same N segments one segment further on, leaving a
 *                 hole: they can only go to the out-of-order queue
 *   sparse=N      N segments of 10 bytes with a 10-byte hole before each:
 *                 out of order, and nothing the kernel can merge
 *   badsynack=N   play the server: N times, wait for the kernel's SYN and
 *                 answer with a SYN-ACK whose TSecr (the SYN's TSval plus
 *                 10^6) no SYN of this host carried
 *   usr1=PID      send SIGUSR1 to PID (tcpi-listen then accepts and closes)
 *   fin           wait for the server's FIN
 *   finack=TS     acknowledge it with our own FIN
 *   lastack       wait for the server to acknowledge our FIN
 *   waitfile=PATH wait until PATH exists (the script saw the state it needs)
 *   hold          read and ignore whatever the server sends, until killed
 *                 (so nothing it sends waits in this host's queues)
 * Each wait gives up after 5 seconds (exit 1). Segments that are not the
 * awaited one are read and ignored. Prints one line per step.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "progs.h"
#include "tun.h"

struct peer {
	int fd;
	struct tcpi_seg tx;	/* template: addresses and ports */
	uint32_t snd_nxt;	/* our next sequence number */
	uint32_t rcv_nxt;	/* the server's next, what we acknowledge */
	uint32_t srv_tsval;	/* to echo */
	uint32_t tsval;		/* the last we sent */
};

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

/* Wait for a segment from the server with all of @want in its flags. */
static void await(struct peer *p, uint8_t want, struct tcpi_seg *got, const char *what)
{
	long deadline = now_ms() + 5000;
	unsigned char buf[2048];

	for (;;) {
		struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
		long left = deadline - now_ms();
		ssize_t n;

		if (left <= 0)
			die("no %s from the server within 5 s", what);
		if (poll(&pfd, 1, left) < 0 && errno != EINTR)
			die_errno("poll");
		if (!(pfd.revents & POLLIN))
			continue;
		n = read(p->fd, buf, sizeof(buf));
		if (n < 0)
			die_errno("read from tun");
		if (!tun_parse(buf, n, got) || got->family != p->tx.family ||
		    got->sport != p->tx.dport || got->dport != p->tx.sport)
			continue;
		if ((got->flags & want) == want)
			return;
	}
}

static void send_seg(struct peer *p, uint8_t flags, uint32_t tsval, uint16_t payload)
{
	struct tcpi_seg s = p->tx;

	s.flags = flags;
	s.seq = p->snd_nxt;
	s.ack = (flags & TCPI_TH_ACK) ? p->rcv_nxt : 0;
	s.with_ts = 1;
	s.tsval = tsval;
	s.tsecr = (flags & TCPI_TH_ACK) ? p->srv_tsval : 0;
	s.syn_options = !!(flags & TCPI_TH_SYN) && !(flags & TCPI_TH_ACK);
	s.payload = payload;
	tun_send(p->fd, &s);
	p->tsval = tsval;
}

#define TCPI_STREAM_SEG	10

/*
 * Send @n small segments from @seq on, @stride bytes apart; they are not
 * waited for.
 */
static void send_run(struct peer *p, uint32_t seq, unsigned long n,
		     uint32_t stride)
{
	uint32_t next = p->snd_nxt;
	unsigned long i;

	for (i = 0; i < n; i++) {
		p->snd_nxt = seq + i * stride;
		send_seg(p, TCPI_TH_ACK | TCPI_TH_PSH, p->tsval, TCPI_STREAM_SEG);
	}
	p->snd_nxt = next;
}

/* Read what the server sends for @ms; return the highest ACK seen. */
static uint32_t drain_acks(struct peer *p, long ms)
{
	long deadline = now_ms() + ms;
	uint32_t acked = p->snd_nxt;
	unsigned char buf[2048];
	struct tcpi_seg got;

	for (;;) {
		struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
		long left = deadline - now_ms();
		ssize_t n;

		if (left <= 0)
			return acked;
		if (poll(&pfd, 1, left) < 0 && errno != EINTR)
			die_errno("poll");
		if (!(pfd.revents & POLLIN))
			continue;
		n = read(p->fd, buf, sizeof(buf));
		if (n < 0)
			die_errno("read from tun");
		if (!tun_parse(buf, n, &got) || got.family != p->tx.family ||
		    got.sport != p->tx.dport || got.dport != p->tx.sport ||
		    !(got.flags & TCPI_TH_ACK))
			continue;
		if ((int32_t)(got.ack - acked) > 0)
			acked = got.ack;
		p->srv_tsval = got.tsval;
	}
}

static uint32_t ts_arg(const char *step, const char *arg)
{
	return (uint32_t)parse_ulong(step, arg, 0xffffffffUL);
}

int main(int argc, char **argv)
{
	const char *ifname = NULL, *src = NULL, *dst = NULL;
	unsigned long port = 0, sport = 0;
	int family = AF_INET, opt, i;
	struct tcpi_seg got;
	struct peer p;

	prog_name = "tcpi-peer";
	while ((opt = getopt(argc, argv, "6i:s:d:p:S:")) != -1) {
		switch (opt) {
		case '6':
			family = AF_INET6;
			break;
		case 'i':
			ifname = optarg;
			break;
		case 's':
			src = optarg;
			break;
		case 'd':
			dst = optarg;
			break;
		case 'p':
			port = parse_ulong("-p", optarg, 65535);
			break;
		case 'S':
			sport = parse_ulong("-S", optarg, 65535);
			break;
		default:
			die("usage: tcpi-peer [-6] -i IFACE -s SRC -d DST -p PORT -S SPORT\n"
			    "       STEP...");
		}
	}
	if (!ifname || !src || !dst || !port || !sport || optind >= argc)
		die("usage: tcpi-peer [-6] -i IFACE -s SRC -d DST -p PORT -S SPORT STEP...");

	memset(&p, 0, sizeof(p));
	p.fd = tun_open(ifname);
	p.tx.family = family;
	parse_ip(family, src, &p.tx.saddr);
	parse_ip(family, dst, &p.tx.daddr);
	p.tx.sport = sport;
	p.tx.dport = port;
	p.snd_nxt = 0x10000000;

	for (i = optind; i < argc; i++) {
		char *step = argv[i], *arg = strchr(step, '=');

		if (arg)
			*arg++ = '\0';
		if (!strcmp(step, "syn") && arg) {
			send_seg(&p, TCPI_TH_SYN, ts_arg(step, arg), 0);
			p.snd_nxt++;
		} else if (!strcmp(step, "synack") && !arg) {
			await(&p, TCPI_TH_SYN | TCPI_TH_ACK, &got, "SYN-ACK");
			p.rcv_nxt = got.seq + 1;
			p.srv_tsval = got.tsval;
		} else if (!strcmp(step, "rst") && arg) {
			send_seg(&p, TCPI_TH_RST, ts_arg(step, arg), 0);
		} else if (!strcmp(step, "ack") && arg) {
			send_seg(&p, TCPI_TH_ACK, ts_arg(step, arg), 0);
		} else if (!strcmp(step, "data") && arg) {
			send_seg(&p, TCPI_TH_ACK | TCPI_TH_PSH, ts_arg(step, arg), 100);
			p.snd_nxt += 100;
		} else if (!strcmp(step, "stream") && arg) {
			send_run(&p, p.snd_nxt, parse_ulong(step, arg, 100000),
				 TCPI_STREAM_SEG);
			p.snd_nxt = drain_acks(&p, 300);
			printf("acknowledged up to %u\n", p.snd_nxt);
		} else if (!strcmp(step, "gap") && arg) {
			send_run(&p, p.snd_nxt + TCPI_STREAM_SEG,
				 parse_ulong(step, arg, 100000), TCPI_STREAM_SEG);
			drain_acks(&p, 300);
		} else if (!strcmp(step, "sparse") && arg) {
			send_run(&p, p.snd_nxt + TCPI_STREAM_SEG,
				 parse_ulong(step, arg, 100000), 2 * TCPI_STREAM_SEG);
			drain_acks(&p, 300);
		} else if (!strcmp(step, "badsynack") && arg) {
			unsigned long k, n = parse_ulong(step, arg, 100);

			for (k = 0; k < n; k++) {
				do
					await(&p, TCPI_TH_SYN, &got, "SYN");
				while (got.flags & TCPI_TH_ACK);
				p.rcv_nxt = got.seq + 1;
				p.srv_tsval = got.tsval + 1000000;
				send_seg(&p, TCPI_TH_SYN | TCPI_TH_ACK, 1000, 0);
			}
		} else if (!strcmp(step, "usr1") && arg) {
			if (kill((pid_t)parse_ulong(step, arg, 4194304), SIGUSR1))
				die_errno("kill %s", arg);
		} else if (!strcmp(step, "fin") && !arg) {
			await(&p, TCPI_TH_FIN, &got, "FIN");
			p.rcv_nxt = got.seq + 1;
			p.srv_tsval = got.tsval;
		} else if (!strcmp(step, "finack") && arg) {
			send_seg(&p, TCPI_TH_FIN | TCPI_TH_ACK, ts_arg(step, arg), 0);
			p.snd_nxt++;
		} else if (!strcmp(step, "lastack") && !arg) {
			do
				await(&p, TCPI_TH_ACK, &got, "ACK of our FIN");
			while (got.ack != p.snd_nxt);
		} else if (!strcmp(step, "waitfile") && arg) {
			long deadline = now_ms() + 5000;

			while (access(arg, F_OK)) {
				if (now_ms() > deadline)
					die("%s did not appear within 5 s", arg);
				usleep(10000);
			}
		} else if (!strcmp(step, "hold") && !arg) {
			unsigned char buf[2048];

			printf("holding\n");
			fflush(stdout);
			for (;;)
				if (read(p.fd, buf, sizeof(buf)) < 0 && errno != EINTR)
					die_errno("read from tun");
		} else {
			die("unknown step '%s%s%s'", step, arg ? "=" : "", arg ? arg : "");
		}
		printf("%s done\n", step);
		fflush(stdout);
	}
	return 0;
}
