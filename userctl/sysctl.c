// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fields.h"
#include "num.h"
#include "sysctl.h"
#include "xalloc.h"

static const char *ctl_proc_root(void)
{
	const char *root = getenv(CTL_PROC_ROOT_ENV);

	return root && *root ? root : CTL_PROC_ROOT_DEFAULT;
}

bool ctl_own_netns(uint64_t *inode)
{
	char path[512], link[64];
	ssize_t len;

	snprintf(path, sizeof(path), "%s/self/ns/net", ctl_proc_root());
	len = readlink(path, link, sizeof(link) - 1);
	if (len < 7)
		return false;
	link[len] = '\0';
	if (strncmp(link, "net:[", 5) || link[len - 1] != ']')
		return false;
	return ctl_parse_u64_len(link + 5, (size_t)len - 6, inode);
}

char *ctl_sysctl_get(const char *name)
{
	const char *root = ctl_proc_root();
	char path[512], buf[256], *p, *out, *o;
	size_t len;
	FILE *f;

	if ((size_t)snprintf(path, sizeof(path), "%s/sys/%s", root, name) >=
	    sizeof(path))
		return NULL;
	/* net.ipv4.tcp_rmem -> net/ipv4/tcp_rmem, after the directory */
	for (p = path + strlen(root) + 5; *p; p++)
		if (*p == '.')
			*p = '/';
	f = fopen(path, "re");
	if (!f)
		return NULL;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = '\0';
	out = ctl_xmalloc(len + 1);
	o = out;
	for (p = buf; *p; p++) {
		if (ctl_is_blank(*p) || *p == '\n') {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
			continue;
		}
		*o++ = *p;
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	if (!*out) {
		free(out);
		return NULL;
	}
	return out;
}

bool ctl_sysctl_nth(const char *name, unsigned int i, uint64_t *v)
{
	char *s = ctl_sysctl_get(name), *p, *sp;
	bool ok = false;

	if (!s)
		return false;
	p = s;
	while (i--) {
		p = strchr(p, ' ');
		if (!p)
			goto out;
		p++;
	}
	sp = strchr(p, ' ');
	ok = ctl_parse_u64_len(p, sp ? (size_t)(sp - p) : strlen(p), v);
out:
	free(s);
	return ok;
}

bool ctl_sysctl_u64(const char *name, uint64_t *v)
{
	char *s = ctl_sysctl_get(name);
	bool ok = s && ctl_parse_u64(s, v);

	free(s);
	return ok;
}
