// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/tcpinsight/control: commands, one per line, written by whoever has
 * CAP_NET_ADMIN. The file mode (0200) is not the check: root without
 * CAP_NET_ADMIN passes it. Both the opener's credentials and the writer's
 * must have the capability, so neither a privileged descriptor handed to
 * an unprivileged process nor a privileged program tricked into writing
 * to a descriptor an unprivileged one opened gets a command through.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "control.h"
#include "procfs.h"

static int tcpi_control_open(struct inode *inode, struct file *file)
{
	/* There is nothing to read, even for root. */
	if (file->f_mode & FMODE_READ)
		return -EACCES;
	return 0;
}

static ssize_t tcpi_control_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	char *buf;
	int err;

	if (!file_ns_capable(file, &init_user_ns, CAP_NET_ADMIN) ||
	    !capable(CAP_NET_ADMIN))
		return -EPERM;
	if (count > PAGE_SIZE) {
		pr_warn_ratelimited("control: a write of %zu bytes is longer than a page: nothing changed\n",
				    count);
		return -EINVAL;
	}
	/* An empty write is refused, with its message, by tcpi_control_run(). */
	buf = memdup_user(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = tcpi_control_run(buf, count);
	kfree(buf);
	return err ? err : count;
}

const struct proc_ops tcpi_proc_control_ops = {
	.proc_open = tcpi_control_open,
	.proc_write = tcpi_control_write,
};
