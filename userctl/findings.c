// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "json.h"
#include "num.h"
#include "sysctl.h"
#include "xalloc.h"

#define CTL_WRAP	78

static void ctl_strv_push(struct ctl_strv *sv, char *s)
{
	sv->v = ctl_xgrow(sv->v, &sv->cap, sv->n + 1, sizeof(*sv->v), 4);
	sv->v[sv->n++] = s;
}

static void ctl_strv_free(struct ctl_strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

static char *ctl_vformat(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int len;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	s = ctl_xmalloc((size_t)(len < 0 ? 0 : len) + 1);
	vsnprintf(s, (size_t)(len < 0 ? 0 : len) + 1, fmt, ap);
	return s;
}

struct ctl_finding *ctl_finding_add(struct ctl_findings *fs,
				    const char *kind, uint64_t count)
{
	struct ctl_finding *f;

	fs->f = ctl_xgrow(fs->f, &fs->cap, fs->n + 1, sizeof(*fs->f), 8);
	f = &fs->f[fs->n++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->count = count;
	return f;
}

void ctl_finding_where(struct ctl_finding *f, uint64_t netns, bool has_port,
		       uint64_t port)
{
	f->has_netns = true;
	f->netns = netns;
	f->has_port = has_port;
	f->port = port;
}

#define CTL_FINDING_ADDER(fn, field)					\
void fn(struct ctl_finding *f, const char *fmt, ...)			\
{									\
	va_list ap;							\
									\
	va_start(ap, fmt);						\
	ctl_strv_push(&f->field, ctl_vformat(fmt, ap));			\
	va_end(ap);							\
}

CTL_FINDING_ADDER(ctl_finding_text, text)
CTL_FINDING_ADDER(ctl_finding_look, look)
CTL_FINDING_ADDER(ctl_finding_consider, consider)

void ctl_finding_title(struct ctl_finding *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	free(f->title);
	f->title = ctl_vformat(fmt, ap);
	va_end(ap);
}

const char *ctl_finding_sysctl(struct ctl_finding *f, const char *name)
{
	char *v = ctl_sysctl_get(name);
	size_t i;

	for (i = 0; i < f->sysctl.n; i++)
		if (!strcmp(f->sysctl.v[i], name)) {
			free(v);
			return *f->sysctl_val.v[i] ? f->sysctl_val.v[i] :
						      "absent";
		}
	ctl_strv_push(&f->sysctl, ctl_xstrdup(name));
	ctl_strv_push(&f->sysctl_val, v ? v : ctl_xstrdup(""));
	return v ? v : "absent";
}

static int ctl_finding_cmp(const void *a, const void *b)
{
	const struct ctl_finding *x = a, *y = b;
	int ret;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	ret = strcmp(x->kind, y->kind);
	if (ret)
		return ret;
	if (x->netns != y->netns)
		return x->netns < y->netns ? -1 : 1;
	return x->port < y->port ? -1 : x->port > y->port;
}

void ctl_findings_sort(struct ctl_findings *fs)
{
	qsort(fs->f, fs->n, sizeof(*fs->f), ctl_finding_cmp);
}

/* Control characters become '?': a name from a file cannot steer the terminal. */
static void ctl_put_word(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		putchar((unsigned char)w[i] < 0x20 || w[i] == 0x7f ? '?' : w[i]);
}

/*
 * @s in lines of at most CTL_WRAP columns, words kept whole: the first
 * line after @first, the others after @indent blanks.
 */
static void ctl_wrap(const char *first, size_t indent, const char *s)
{
	size_t col = strlen(first), start = col;
	const char *w = s;

	fputs(first, stdout);
	while (*w) {
		const char *end = strchr(w, ' ');
		size_t len = end ? (size_t)(end - w) : strlen(w);

		if (col > start && col + 1 + len > CTL_WRAP) {
			printf("\n%*s", (int)indent, "");
			col = start = indent;
		} else if (col > start) {
			putchar(' ');
			col++;
		}
		ctl_put_word(w, len);
		col += len;
		w += len;
		while (*w == ' ')
			w++;
	}
	putchar('\n');
}

static void ctl_findings_list(const char *head, const struct ctl_strv *sv)
{
	size_t i;

	if (!sv->n)
		return;
	printf("   %s\n", head);
	for (i = 0; i < sv->n; i++)
		ctl_wrap("   - ", 5, sv->v[i]);
}

void ctl_findings_print(const struct ctl_findings *fs)
{
	char n[CTL_NUM_GROUPED_LEN + 4];
	size_t i, k;

	if (!fs->n) {
		puts("Nothing wrong: tcpinsight has counted no drops, overflows, resets or\n"
		     "other trouble since it was loaded.");
		return;
	}
	for (i = 0; i < fs->n; i++) {
		const struct ctl_finding *f = &fs->f[i];

		if (i)
			putchar('\n');
		snprintf(n, sizeof(n), "%zu. ", i + 1);
		ctl_wrap(n, 3, f->title);
		for (k = 0; k < f->text.n; k++)
			ctl_wrap("   ", 3, f->text.v[k]);
		ctl_findings_list("Look at:", &f->look);
		ctl_findings_list("Consider:", &f->consider);
	}
}

static void ctl_json_strv(struct ctl_json *j, const char *key,
			  const struct ctl_strv *sv)
{
	size_t i;

	ctl_json_key(j, key);
	ctl_json_array_begin(j);
	for (i = 0; i < sv->n; i++)
		ctl_json_string(j, sv->v[i]);
	ctl_json_array_end(j);
}

void ctl_findings_json(const struct ctl_findings *fs)
{
	struct ctl_json j;
	size_t i, k;

	ctl_json_init(&j, stdout);
	ctl_json_object_begin(&j);
	ctl_json_key(&j, "findings");
	ctl_json_array_begin(&j);
	for (i = 0; i < fs->n; i++) {
		const struct ctl_finding *f = &fs->f[i];

		ctl_json_object_begin(&j);
		ctl_json_key(&j, "kind");
		ctl_json_string(&j, f->kind);
		ctl_json_key(&j, "count");
		ctl_json_u64(&j, f->count);
		ctl_json_key(&j, "netns");
		if (f->has_netns)
			ctl_json_u64(&j, f->netns);
		else
			ctl_json_null(&j);
		ctl_json_key(&j, "port");
		if (f->has_port)
			ctl_json_u64(&j, f->port);
		else
			ctl_json_null(&j);
		ctl_json_key(&j, "title");
		ctl_json_string(&j, f->title ? f->title : "");
		ctl_json_strv(&j, "explanation", &f->text);
		ctl_json_strv(&j, "look_at", &f->look);
		ctl_json_strv(&j, "consider", &f->consider);
		ctl_json_key(&j, "sysctls");
		ctl_json_object_begin(&j);
		for (k = 0; k < f->sysctl.n; k++) {
			ctl_json_key(&j, f->sysctl.v[k]);
			if (*f->sysctl_val.v[k])
				ctl_json_string(&j, f->sysctl_val.v[k]);
			else
				ctl_json_null(&j);
		}
		ctl_json_object_end(&j);
		ctl_json_object_end(&j);
	}
	ctl_json_array_end(&j);
	ctl_json_object_end(&j);
	ctl_json_end(&j);
}

void ctl_findings_free(struct ctl_findings *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->f[i].title);
		ctl_strv_free(&fs->f[i].text);
		ctl_strv_free(&fs->f[i].look);
		ctl_strv_free(&fs->f[i].consider);
		ctl_strv_free(&fs->f[i].sysctl);
		ctl_strv_free(&fs->f[i].sysctl_val);
	}
	free(fs->f);
	memset(fs, 0, sizeof(*fs));
}
