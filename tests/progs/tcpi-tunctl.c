// SPDX-License-Identifier: GPL-2.0
/*
 * tcpi-tunctl: create a persistent TUN device, so a script can give it
 * addresses with ip(8) before a program attaches to it and plays peers.
 *
 *   tcpi-tunctl IFACE
 */
#include <linux/if_tun.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "progs.h"
#include "tun.h"

int main(int argc, char **argv)
{
	int fd;

	prog_name = "tcpi-tunctl";
	if (argc != 2)
		die("usage: tcpi-tunctl IFACE");
	fd = tun_open(argv[1]);
	if (ioctl(fd, TUNSETPERSIST, 1))
		die_errno("TUNSETPERSIST %s", argv[1]);
	close(fd);
	return 0;
}
