/* SPDX-License-Identifier: GPL-2.0 */
/* What every test program shares: argument parsing and dying loudly. */
#ifndef TCPI_PROGS_H
#define TCPI_PROGS_H

#include <netinet/in.h>
#include <sys/socket.h>

extern const char *prog_name;

void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void die_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
unsigned long parse_ulong(const char *what, const char *s, unsigned long max);

/* An address and port as a sockaddr for AF_INET or AF_INET6. */
struct tcpi_addr {
	struct sockaddr_storage ss;
	socklen_t len;
	int family;
};

void parse_addr(struct tcpi_addr *a, int family, const char *host,
		unsigned int port);
void addr_set_port(struct tcpi_addr *a, unsigned int port);

#endif
