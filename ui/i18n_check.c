/* Catalogue completeness: English is the reference of every domain. */
#include "ui/i18n_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 16
#define NAME_LEN 32

struct names {
	char v[MAX_NAMES][NAME_LEN];
	int n;
};

static void add_names(struct names *ns, const char *s)
{
	for (const char *p = s ? strchr(s, '{') : NULL; p; p = strchr(p + 1, '{')) {
		const char *q = p + 1;
		size_t len;
		bool dup = false;
		if (!((*q >= 'a' && *q <= 'z') || *q == '_'))
			continue;
		while ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_')
			q++;
		if (*q != '}')
			continue;
		len = (size_t)(q - p - 1);
		if (len >= NAME_LEN)
			continue;
		for (int i = 0; i < ns->n; i++)
			if (strlen(ns->v[i]) == len && memcmp(ns->v[i], p + 1, len) == 0)
				dup = true;
		if (!dup && ns->n < MAX_NAMES) {
			memcpy(ns->v[ns->n], p + 1, len);
			ns->v[ns->n][len] = '\0';
			ns->n++;
		}
	}
}

static bool has_name(const struct names *ns, const char *name)
{
	for (int i = 0; i < ns->n; i++)
		if (strcmp(ns->v[i], name) == 0)
			return true;
	return false;
}

bool i18n_check_placeholders(const char *msgid, const char *msgid_plural, const char *msgstr, char *why,
                             size_t whylen)
{
	struct names want = { .n = 0 }, got = { .n = 0 };
	add_names(&want, msgid);
	add_names(&want, msgid_plural);
	add_names(&got, msgstr);
	for (int i = 0; i < got.n; i++)
		if (!has_name(&want, got.v[i])) {
			if (why && whylen)
				snprintf(why, whylen, "placeholder {%s} is not in the msgid", got.v[i]);
			return false;
		}
	for (int i = 0; i < want.n; i++)
		if (!has_name(&got, want.v[i]) && !(msgid_plural && strcmp(want.v[i], "n") == 0)) {
			if (why && whylen)
				snprintf(why, whylen, "placeholder {%s} of the msgid is missing", want.v[i]);
			return false;
		}
	return true;
}

struct item {
	char *key;               /* ctx \x04 msgid */
	const char *msgid, *msgid_plural, *file;
	const char *const *str;
	int n_str, line;
	bool fuzzy, seen;
};

struct list {
	struct item *v;
	int n, cap;
	bool oom;
};

static void collect(void *user, const struct i18n_entry *e)
{
	struct list *l = user;
	struct item *it;
	size_t klen;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		struct item *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v) {
			l->oom = true;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	klen = (e->ctx ? strlen(e->ctx) : 0) + strlen(e->msgid) + 2;
	it = &l->v[l->n];
	it->key = malloc(klen);
	if (!it->key) {
		l->oom = true;
		return;
	}
	snprintf(it->key, klen, "%s\x04%s", e->ctx ? e->ctx : "", e->msgid);
	it->msgid = e->msgid;
	it->msgid_plural = e->msgid_plural;
	it->file = e->file;
	it->str = e->str;
	it->n_str = e->n_str;
	it->line = e->line;
	it->fuzzy = e->fuzzy;
	it->seen = false;
	l->n++;
}

static int cmp_item(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->key, ((const struct item *)b)->key);
}

static void free_list(struct list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i].key);
	free(l->v);
}

static void problem(i18n_problem_fn fn, void *user, int *count, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void problem(i18n_problem_fn fn, void *user, int *count, const char *file, int line, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	(*count)++;
	if (!fn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fn(user, file, line, msg);
}

/* The key shown to people: msgid, with its context if any. */
static void describe(char *out, size_t cap, const struct item *it)
{
	const char *sep = strchr(it->key, '\x04');
	if (sep && sep != it->key)
		snprintf(out, cap, "\"%.80s\" (context \"%.*s\")", it->msgid, (int)(sep - it->key), it->key);
	else
		snprintf(out, cap, "\"%.80s\"", it->msgid);
}

int i18n_check_domain(struct i18n *cat, const char *domain, i18n_problem_fn fn, void *user)
{
	struct list ref = { 0 };
	int count = 0;
	char what[200], why[200];

	i18n_each(cat, domain, I18N_SOURCE_LANG, collect, &ref);
	if (ref.n == 0) {
		problem(fn, user, &count, domain, 0, "domain %s has no en.po (English is the reference)", domain);
		free_list(&ref);
		return count;
	}
	qsort(ref.v, (size_t)ref.n, sizeof *ref.v, cmp_item);
	for (int li = 0; li < i18n_lang_count(cat); li++) {
		const char *lang = i18n_lang_code(cat, li);
		struct list tr = { 0 };
		char path[300];
		snprintf(path, sizeof path, "%s/%s.po", domain, lang);
		i18n_each(cat, domain, lang, collect, &tr);
		qsort(tr.v, (size_t)tr.n, sizeof *tr.v, cmp_item);
		for (int i = 0; i < ref.n; i++) {
			struct item *r = &ref.v[i];
			struct item *t = bsearch(r, tr.v, (size_t)tr.n, sizeof *tr.v, cmp_item);
			describe(what, sizeof what, r);
			if (!t) {
				problem(fn, user, &count, tr.n ? tr.v[0].file : path, 0, "%s: %s has no translation", lang,
				        what);
				continue;
			}
			t->seen = true;
			if (t->fuzzy)
				problem(fn, user, &count, t->file, t->line,
				        "%s: %s is marked fuzzy, so it is not used; review it and remove the mark", lang, what);
			if ((r->msgid_plural == NULL) != (t->msgid_plural == NULL))
				problem(fn, user, &count, t->file, t->line, "%s: %s is plural in one file and not the other",
				        lang, what);
			for (int k = 0; k < t->n_str; k++) {
				if (t->str[k][0] == '\0') {
					problem(fn, user, &count, t->file, t->line, "%s: %s has an empty msgstr", lang, what);
					break;
				}
				if (!i18n_check_placeholders(r->msgid, r->msgid_plural, t->str[k], why, sizeof why)) {
					problem(fn, user, &count, t->file, t->line, "%s: %s: %s", lang, what, why);
					break;
				}
			}
		}
		for (int i = 0; i < tr.n; i++)
			if (!tr.v[i].seen) {
				describe(what, sizeof what, &tr.v[i]);
				problem(fn, user, &count, tr.v[i].file, tr.v[i].line,
				        "%s: %s is not in en.po (stale or misspelt msgid)", lang, what);
			}
		if (tr.oom)
			problem(fn, user, &count, path, 0, "out of memory");
		free_list(&tr);
	}
	free_list(&ref);
	return count;
}
