/* The catalogue: .po entries in one hash table keyed by domain, language,
 * context and msgid; per-language metadata from common's headers; lookups
 * with the lang -> en -> msgid fallback; named-placeholder formatting. */
#include "ui/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/config.h"
#include "core/log.h"
#include "ui/hash.h"
#include "ui/plural.h"
#include "ui/po.h"

#define MAX_FILE_BYTES (4 * 1024 * 1024)
#define MAX_DOMAINS 16

struct msg {
	char *key;               /* domain \x1f lang \x1f [ctx \x04] msgid */
	uint32_t hash;
	char *ctx, *msgid, *msgid_plural;
	char **str;
	int n_str;
	bool fuzzy;
	bool usable;             /* not fuzzy, every form non-empty */
	int file;                /* index in files[] */
	int line;
};

struct file_info {
	char domain[I18N_DOMAIN_LEN];
	char lang[CONFIG_LANG_LEN];
	char *name;
	struct plural *rule;     /* from its header, or NULL: the language's */
};

struct lang_info {
	char code[CONFIG_LANG_LEN];
	char native[128];
	char english[64];
	char script[8];
	bool rtl;
	struct plural *rule;
};

struct i18n {
	char *dir;
	struct msg *msgs;
	int n_msgs, cap_msgs;
	int *table;              /* open addressing: index in msgs, -1 empty */
	size_t table_cap;
	struct file_info *files;
	int n_files;
	struct lang_info langs[I18N_MAX_LANGS];
	int n_langs;
	char domains[MAX_DOMAINS][I18N_DOMAIN_LEN];
	int n_domains;
	char **warned;           /* open addressing set of warning keys */
	size_t warned_cap, n_warned;
	struct plural *germanic;
};

/* Where mistakes go while one file is read. */
struct sink {
	char *err;
	size_t errlen, used;
	int count;
};

static void sink_add(struct sink *s, const char *name, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void sink_add(struct sink *s, const char *name, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int k;
	s->count++;
	if (!s->err || s->errlen == 0 || s->used >= s->errlen - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		k = snprintf(s->err + s->used, s->errlen - s->used, "%s:%d: %s\n", name, line, msg);
	else
		k = snprintf(s->err + s->used, s->errlen - s->used, "%s: %s\n", name, msg);
	if (k > 0)
		s->used += (size_t)k < s->errlen - s->used ? (size_t)k : s->errlen - s->used - 1;
}

/* Builds the lookup key into buf (or a malloc'd string if buf is too
 * small; *heap says so). */
static char *make_key(char *buf, size_t cap, bool *heap, const char *domain, const char *lang, const char *ctx,
                      const char *msgid)
{
	size_t need = strlen(domain) + strlen(lang) + (ctx ? strlen(ctx) + 1 : 0) + strlen(msgid) + 3;
	char *k = buf;
	*heap = false;
	if (need > cap) {
		k = malloc(need);
		if (!k)
			return NULL;
		*heap = true;
	}
	snprintf(k, need, "%s\x1f%s\x1f%s%s%s", domain, lang, ctx ? ctx : "", ctx ? "\x04" : "", msgid);
	return k;
}

static char *dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

struct i18n *i18n_new(const char *dir)
{
	struct i18n *cat = calloc(1, sizeof *cat);
	if (!cat)
		return NULL;
	cat->dir = dupstr(dir ? dir : ".");
	cat->germanic = plural_germanic();
	if (!cat->dir || !cat->germanic) {
		i18n_free(cat);
		return NULL;
	}
	return cat;
}

static void free_msg(struct msg *m)
{
	free(m->key);
	free(m->ctx);
	free(m->msgid);
	free(m->msgid_plural);
	for (int i = 0; i < m->n_str; i++)
		free(m->str[i]);
	free(m->str);
}

void i18n_free(struct i18n *cat)
{
	if (!cat)
		return;
	for (int i = 0; i < cat->n_msgs; i++)
		free_msg(&cat->msgs[i]);
	free(cat->msgs);
	free(cat->table);
	for (int i = 0; i < cat->n_files; i++) {
		free(cat->files[i].name);
		plural_free(cat->files[i].rule);
	}
	free(cat->files);
	for (int i = 0; i < cat->n_langs; i++)
		plural_free(cat->langs[i].rule);
	for (size_t i = 0; i < cat->warned_cap; i++)
		free(cat->warned[i]);
	free(cat->warned);
	plural_free(cat->germanic);
	free(cat->dir);
	free(cat);
}

static int find_index(const struct i18n *cat, const char *key, uint32_t h)
{
	if (!cat->table_cap)
		return -1;
	for (size_t i = h & (cat->table_cap - 1);; i = (i + 1) & (cat->table_cap - 1)) {
		int m = cat->table[i];
		if (m < 0)
			return -1;
		if (cat->msgs[m].hash == h && strcmp(cat->msgs[m].key, key) == 0)
			return m;
	}
}

static int table_grow(struct i18n *cat)
{
	size_t cap = cat->table_cap ? cat->table_cap * 2 : 256;
	int *t = malloc(cap * sizeof *t);
	if (!t)
		return -1;
	for (size_t i = 0; i < cap; i++)
		t[i] = -1;
	for (int m = 0; m < cat->n_msgs; m++) {
		size_t i = cat->msgs[m].hash & (cap - 1);
		while (t[i] >= 0)
			i = (i + 1) & (cap - 1);
		t[i] = m;
	}
	free(cat->table);
	cat->table = t;
	cat->table_cap = cap;
	return 0;
}

static struct lang_info *lang_find(const struct i18n *cat, const char *code)
{
	if (!code)
		return NULL;
	for (int i = 0; i < cat->n_langs; i++)
		if (strcmp(cat->langs[i].code, code) == 0)
			return (struct lang_info *)&cat->langs[i];
	return NULL;
}

/* ---- reading one file ---- */

struct pending {
	struct po_entry e;       /* strings below are copies */
	char *ctx, *id, *id_plural, *str[PO_MAX_FORMS];
};

struct file_reader {
	struct i18n *cat;
	struct sink *sink;
	const char *name;
	const char *domain, *lang;
	struct pending *items;
	int n_items, cap_items;
	bool have_header;
	char *header;
	int header_line;
	bool oom;
};

static void on_po_error(void *user, int line, const char *msg)
{
	struct file_reader *fr = user;
	sink_add(fr->sink, fr->name, line, "%s", msg);
}

static void on_po_entry(void *user, const struct po_entry *e)
{
	struct file_reader *fr = user;
	struct pending *p;
	if (e->id[0] == '\0' && !e->ctx) {
		if (fr->have_header) {
			sink_add(fr->sink, fr->name, e->line, "a second header (msgid \"\")");
			return;
		}
		fr->have_header = true;
		fr->header = dupstr(e->str[0]);
		fr->header_line = e->line;
		if (!fr->header)
			fr->oom = true;
		return;
	}
	if (fr->n_items == fr->cap_items) {
		int cap = fr->cap_items ? fr->cap_items * 2 : 64;
		struct pending *n = realloc(fr->items, (size_t)cap * sizeof *n);
		if (!n) {
			fr->oom = true;
			return;
		}
		fr->items = n;
		fr->cap_items = cap;
	}
	p = &fr->items[fr->n_items];
	memset(p, 0, sizeof *p);
	p->e = *e;
	p->ctx = e->ctx ? dupstr(e->ctx) : NULL;
	p->id = dupstr(e->id);
	p->id_plural = e->id_plural ? dupstr(e->id_plural) : NULL;
	for (int i = 0; i < e->n_str; i++)
		p->str[i] = dupstr(e->str[i]);
	fr->n_items++;
	if (!p->id || (e->ctx && !p->ctx) || (e->id_plural && !p->id_plural))
		fr->oom = true;
	for (int i = 0; i < e->n_str; i++)
		if (!p->str[i])
			fr->oom = true;
}

static void free_pending(struct pending *p)
{
	free(p->ctx);
	free(p->id);
	free(p->id_plural);
	for (int i = 0; i < PO_MAX_FORMS; i++)
		free(p->str[i]);
}

static void trim(char *s)
{
	size_t n = strlen(s);
	char *b = s;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	while (*b == ' ' || *b == '\t')
		b++;
	if (b != s)
		memmove(s, b, strlen(b) + 1);
}

/* Reads the header's "Key: value" lines. Returns the file's own plural
 * rule (or NULL). Metadata goes to the language when domain is common. */
static struct plural *read_header(struct file_reader *fr)
{
	struct i18n *cat = fr->cat;
	struct plural *rule = NULL;
	struct lang_info *li = NULL;
	bool is_common = strcmp(fr->domain, I18N_COMMON) == 0;
	char *h = fr->header, *line, *save = NULL;
	bool saw_language = false;

	if (is_common) {
		li = lang_find(cat, fr->lang);
		if (!li) {
			if (cat->n_langs >= I18N_MAX_LANGS) {
				sink_add(fr->sink, fr->name, 0, "more than %d languages", I18N_MAX_LANGS);
				return NULL;
			}
			li = &cat->langs[cat->n_langs++];
			memset(li, 0, sizeof *li);
			snprintf(li->code, sizeof li->code, "%s", fr->lang);
			snprintf(li->native, sizeof li->native, "%s", fr->lang);
			snprintf(li->english, sizeof li->english, "%s", fr->lang);
			snprintf(li->script, sizeof li->script, "Latn");
		}
	}
	if (!h) {
		sink_add(fr->sink, fr->name, 0, "no header entry (msgid \"\"): Language and Plural-Forms are needed");
		return NULL;
	}
	for (line = strtok_r(h, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':');
		char *key = line, *val;
		if (!colon)
			continue;
		*colon = '\0';
		val = colon + 1;
		trim(key);
		trim(val);
		if (strcasecmp(key, "Language") == 0) {
			char code[16];
			saw_language = true;
			/* "pt_BR" style: compare the language part only */
			snprintf(code, sizeof code, "%s", val);
			code[strcspn(code, "_-@.")] = '\0';
			if (strcmp(code, fr->lang) != 0)
				sink_add(fr->sink, fr->name, fr->header_line,
				         "header says Language: %s, but the file is named %s.po", val, fr->lang);
		} else if (strcasecmp(key, "Plural-Forms") == 0) {
			char perr[200];
			plural_free(rule);
			rule = plural_parse(val, perr, sizeof perr);
			if (!rule)
				sink_add(fr->sink, fr->name, fr->header_line, "Plural-Forms: %s", perr);
		} else if (strcasecmp(key, "Content-Type") == 0) {
			const char *cs = strstr(val, "charset=");
			if (cs && strncasecmp(cs + 8, "UTF-8", 5) != 0)
				sink_add(fr->sink, fr->name, fr->header_line, "charset must be UTF-8, not %s", cs + 8);
		} else if (li && strcasecmp(key, "X-Fronta-Native-Name") == 0) {
			snprintf(li->native, sizeof li->native, "%s", val);
		} else if (li && strcasecmp(key, "X-Fronta-English-Name") == 0) {
			snprintf(li->english, sizeof li->english, "%s", val);
		} else if (li && strcasecmp(key, "X-Fronta-Direction") == 0) {
			if (strcasecmp(val, "rtl") == 0)
				li->rtl = true;
			else if (strcasecmp(val, "ltr") == 0)
				li->rtl = false;
			else
				sink_add(fr->sink, fr->name, fr->header_line,
				         "X-Fronta-Direction must be rtl or ltr, not \"%s\"", val);
		} else if (li && strcasecmp(key, "X-Fronta-Script") == 0) {
			if (strlen(val) == 4 && val[0] >= 'A' && val[0] <= 'Z' && val[1] >= 'a' && val[1] <= 'z' &&
			    val[2] >= 'a' && val[2] <= 'z' && val[3] >= 'a' && val[3] <= 'z')
				snprintf(li->script, sizeof li->script, "%s", val);
			else
				sink_add(fr->sink, fr->name, fr->header_line,
				         "X-Fronta-Script must be an ISO 15924 code such as Latn, Cyrl, Arab; not \"%s\"",
				         val);
		}
	}
	if (!saw_language)
		sink_add(fr->sink, fr->name, fr->header_line, "the header has no Language: line");
	if (li && !rule)
		sink_add(fr->sink, fr->name, fr->header_line, "common/%s.po needs a valid Plural-Forms header",
		         fr->lang);
	return rule;
}

static int add_file(struct i18n *cat, const char *domain, const char *lang, const char *name,
                    struct plural *rule)
{
	struct file_info *f = realloc(cat->files, (size_t)(cat->n_files + 1) * sizeof *f);
	if (!f)
		return -1;
	cat->files = f;
	f = &cat->files[cat->n_files];
	memset(f, 0, sizeof *f);
	snprintf(f->domain, sizeof f->domain, "%s", domain);
	snprintf(f->lang, sizeof f->lang, "%s", lang);
	f->name = dupstr(name);
	f->rule = rule;
	if (!f->name)
		return -1;
	return cat->n_files++;
}

static const struct plural *rule_for(const struct i18n *cat, const char *lang)
{
	const struct lang_info *li = lang_find(cat, lang);
	return li && li->rule ? li->rule : cat->germanic;
}

static int store_msg(struct i18n *cat, struct pending *p, const char *domain, const char *lang, int file,
                     struct sink *sink, const char *name)
{
	char kbuf[512];
	bool heap;
	char *key = make_key(kbuf, sizeof kbuf, &heap, domain, lang, p->ctx, p->id);
	struct msg *m;
	uint32_t h;
	int dup;

	if (!key)
		return -1;
	h = hash_str(key);
	dup = find_index(cat, key, h);
	if (dup >= 0) {
		sink_add(sink, name, p->e.line, "duplicate msgid \"%.60s\" (first at line %d)", p->id,
		         cat->msgs[dup].line);
		if (heap)
			free(key);
		return 0;
	}
	if ((size_t)(cat->n_msgs + 1) * 2 > cat->table_cap && table_grow(cat) < 0)
		goto oom;
	if (cat->n_msgs == cat->cap_msgs) {
		int cap = cat->cap_msgs ? cat->cap_msgs * 2 : 256;
		struct msg *n = realloc(cat->msgs, (size_t)cap * sizeof *n);
		if (!n)
			goto oom;
		cat->msgs = n;
		cat->cap_msgs = cap;
	}
	m = &cat->msgs[cat->n_msgs];
	memset(m, 0, sizeof *m);
	m->key = heap ? key : dupstr(key);
	heap = false;
	m->hash = h;
	m->ctx = p->ctx;
	m->msgid = p->id;
	m->msgid_plural = p->id_plural;
	p->ctx = p->id = p->id_plural = NULL;
	m->str = calloc((size_t)p->e.n_str, sizeof *m->str);
	if (!m->key || !m->str) {
		free_msg(m);
		goto oom;
	}
	m->n_str = p->e.n_str;
	m->usable = !p->e.fuzzy;
	for (int i = 0; i < m->n_str; i++) {
		m->str[i] = p->str[i];
		p->str[i] = NULL;
		if (m->str[i][0] == '\0')
			m->usable = false;
	}
	m->fuzzy = p->e.fuzzy;
	m->file = file;
	m->line = p->e.line;
	{
		size_t i = h & (cat->table_cap - 1);
		while (cat->table[i] >= 0)
			i = (i + 1) & (cat->table_cap - 1);
		cat->table[i] = cat->n_msgs;
	}
	cat->n_msgs++;
	return 0;
oom:
	if (heap)
		free(key);
	return -1;
}

static bool domain_known(const struct i18n *cat, const char *domain)
{
	for (int i = 0; i < cat->n_domains; i++)
		if (strcmp(cat->domains[i], domain) == 0)
			return true;
	return false;
}

static void note_domain(struct i18n *cat, const char *domain)
{
	if (!domain_known(cat, domain) && cat->n_domains < MAX_DOMAINS)
		snprintf(cat->domains[cat->n_domains++], I18N_DOMAIN_LEN, "%s", domain);
}

static bool valid_domain(const char *d)
{
	size_t n = strlen(d);
	if (n == 0 || n >= I18N_DOMAIN_LEN)
		return false;
	for (; *d; d++)
		if (!((*d >= 'a' && *d <= 'z') || (*d >= '0' && *d <= '9') || *d == '-' || *d == '_'))
			return false;
	return true;
}

static int add_po(struct i18n *cat, const char *domain, const char *lang, const char *text, size_t len,
                  const char *name, struct sink *sink)
{
	struct file_reader fr;
	struct plural *rule;
	const struct plural *use;
	int file, before = sink->count;

	if (!valid_domain(domain) || !config_is_lang_code(lang)) {
		sink_add(sink, name, 0, "bad domain \"%s\" or language code \"%s\"", domain, lang);
		return sink->count - before;
	}
	for (int i = 0; i < cat->n_files; i++)
		if (strcmp(cat->files[i].domain, domain) == 0 && strcmp(cat->files[i].lang, lang) == 0) {
			sink_add(sink, name, 0, "%s/%s.po is already loaded", domain, lang);
			return sink->count - before;
		}
	memset(&fr, 0, sizeof fr);
	fr.cat = cat;
	fr.sink = sink;
	fr.name = name;
	fr.domain = domain;
	fr.lang = lang;
	po_parse(text, len, on_po_entry, on_po_error, &fr);
	rule = fr.oom ? NULL : read_header(&fr);
	if (strcmp(domain, I18N_COMMON) == 0) {
		struct lang_info *li = lang_find(cat, lang);
		if (li && rule && !li->rule) {
			/* common's rule becomes the language's */
			li->rule = rule;
			rule = NULL;
		}
	} else if (!lang_find(cat, lang)) {
		sink_add(sink, name, 0,
		         "language \"%s\" has no %s/%s.po: its name, direction and plural rule are unknown", lang,
		         I18N_COMMON, lang);
	}
	note_domain(cat, domain);
	file = add_file(cat, domain, lang, name, rule);
	if (file < 0) {
		plural_free(rule);
		fr.oom = true;
	}
	use = rule ? rule : rule_for(cat, lang);
	for (int i = 0; i < fr.n_items && !fr.oom; i++) {
		struct pending *p = &fr.items[i];
		if (p->id_plural && p->e.n_str != plural_count(use)) {
			sink_add(sink, name, p->e.line,
			         "\"%.60s\" has %d plural forms, but Plural-Forms for %s says nplurals=%d", p->id,
			         p->e.n_str, lang, plural_count(use));
			continue;
		}
		if (store_msg(cat, p, domain, lang, file, sink, name) < 0)
			fr.oom = true;
	}
	if (fr.oom)
		sink_add(sink, name, 0, "out of memory");
	for (int i = 0; i < fr.n_items; i++)
		free_pending(&fr.items[i]);
	free(fr.items);
	free(fr.header);
	return sink->count - before;
}

int i18n_add_po(struct i18n *cat, const char *domain, const char *lang, const char *text, size_t len,
                const char *name, char *err, size_t errlen)
{
	struct sink sink = { err, errlen, 0, 0 };
	if (err && errlen)
		err[0] = '\0';
	if (!cat || !domain || !lang || !text)
		return -1;
	return add_po(cat, domain, lang, text, len, name ? name : "(text)", &sink);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_file(struct i18n *cat, const char *domain, const char *lang, const char *path, struct sink *sink)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *text;
	size_t n;
	int before = sink->count;

	if (!f) {
		sink_add(sink, path, 0, "cannot open: %s", strerror(errno));
		return 1;
	}
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		sink_add(sink, path, 0, "not a regular file");
		fclose(f);
		return 1;
	}
	if (st.st_size > MAX_FILE_BYTES) {
		sink_add(sink, path, 0, "larger than %d bytes; not read", MAX_FILE_BYTES);
		fclose(f);
		return 1;
	}
	text = malloc((size_t)st.st_size + 1);
	if (!text) {
		fclose(f);
		sink_add(sink, path, 0, "out of memory");
		return 1;
	}
	n = fread(text, 1, (size_t)st.st_size, f);
	fclose(f);
	text[n] = '\0';
	add_po(cat, domain, lang, text, n, path, sink);
	free(text);
	return sink->count - before;
}

static int load_domain(struct i18n *cat, const char *domain, struct sink *sink)
{
	char path[4096];
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	int n = 0, cap = 0, before = sink->count;

	if (!valid_domain(domain)) {
		sink_add(sink, domain, 0, "bad domain name");
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s", cat->dir, domain);
	d = opendir(path);
	if (!d) {
		sink_add(sink, path, 0, "cannot read the catalogue folder: %s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		char stem[CONFIG_LANG_LEN + 4];
		if (len < 4 || strcmp(de->d_name + len - 3, ".po") != 0 || len - 3 >= sizeof stem)
			continue;
		memcpy(stem, de->d_name, len - 3);
		stem[len - 3] = '\0';
		if (!config_is_lang_code(stem))
			continue;
		if (n == cap) {
			int c = cap ? cap * 2 : 16;
			char **nn = realloc(names, (size_t)c * sizeof *nn);
			if (!nn)
				break;
			names = nn;
			cap = c;
		}
		names[n] = dupstr(stem);
		if (names[n])
			n++;
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, cmp_str);
	note_domain(cat, domain);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s/%s.po", cat->dir, domain, names[i]);
		load_file(cat, domain, names[i], path, sink);
		free(names[i]);
	}
	free(names);
	if (n == 0)
		sink_add(sink, cat->dir, 0, "no <lang>.po files in %s/", domain);
	return sink->count - before;
}

int i18n_load(struct i18n *cat, const char *domain, char *err, size_t errlen)
{
	struct sink sink = { err, errlen, 0, 0 };
	if (err && errlen)
		err[0] = '\0';
	if (!cat || !domain)
		return -1;
	return load_domain(cat, domain, &sink);
}

int i18n_load_all(struct i18n *cat, char *err, size_t errlen)
{
	struct sink sink = { err, errlen, 0, 0 };
	DIR *d;
	struct dirent *de;
	char *names[MAX_DOMAINS];
	int n = 0, total;

	if (err && errlen)
		err[0] = '\0';
	if (!cat)
		return -1;
	total = load_domain(cat, I18N_COMMON, &sink);
	if (total < 0)
		return -1;
	d = opendir(cat->dir);
	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL && n < MAX_DOMAINS) {
		char path[4096];
		struct stat st;
		if (de->d_name[0] == '.' || strcmp(de->d_name, I18N_COMMON) == 0 || !valid_domain(de->d_name))
			continue;
		snprintf(path, sizeof path, "%s/%s", cat->dir, de->d_name);
		if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		names[n] = dupstr(de->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, cmp_str);
	for (int i = 0; i < n; i++) {
		if (!domain_known(cat, names[i])) {
			int k = load_domain(cat, names[i], &sink);
			total += k < 0 ? 1 : k;
		}
		free(names[i]);
	}
	return total;
}

/* ---- lookups ---- */

static const struct msg *find(const struct i18n *cat, const char *domain, const char *lang, const char *ctx,
                              const char *msgid)
{
	char kbuf[512];
	bool heap;
	char *key = make_key(kbuf, sizeof kbuf, &heap, domain, lang, ctx, msgid);
	int i;
	if (!key)
		return NULL;
	i = find_index(cat, key, hash_str(key));
	if (heap)
		free(key);
	return i < 0 ? NULL : &cat->msgs[i];
}

static const struct msg *find_usable(const struct i18n *cat, const char *domain, const char *lang,
                                     const char *ctx, const char *msgid)
{
	const struct msg *m = find(cat, domain ? domain : I18N_COMMON, lang, ctx, msgid);
	if ((!m || !m->usable) && domain && strcmp(domain, I18N_COMMON) != 0)
		m = find(cat, I18N_COMMON, lang, ctx, msgid);
	return m && m->usable ? m : NULL;
}

bool i18n_has(const struct i18n *cat, const char *domain, const char *lang, const char *ctx, const char *msgid)
{
	const struct msg *m;
	if (!cat || !lang || !msgid)
		return false;
	m = find(cat, domain ? domain : I18N_COMMON, lang, ctx, msgid);
	return m && m->usable;
}

/* Remembers key; true the first time it is seen. */
static bool first_time(struct i18n *cat, const char *key)
{
	uint32_t h = hash_str(key);
	size_t i;
	if ((cat->n_warned + 1) * 2 > cat->warned_cap) {
		size_t cap = cat->warned_cap ? cat->warned_cap * 2 : 64;
		char **t = calloc(cap, sizeof *t);
		if (!t)
			return false;
		for (size_t k = 0; k < cat->warned_cap; k++) {
			if (!cat->warned[k])
				continue;
			i = hash_str(cat->warned[k]) & (cap - 1);
			while (t[i])
				i = (i + 1) & (cap - 1);
			t[i] = cat->warned[k];
		}
		free(cat->warned);
		cat->warned = t;
		cat->warned_cap = cap;
	}
	for (i = h & (cat->warned_cap - 1); cat->warned[i]; i = (i + 1) & (cat->warned_cap - 1))
		if (strcmp(cat->warned[i], key) == 0)
			return false;
	cat->warned[i] = dupstr(key);
	if (cat->warned[i])
		cat->n_warned++;
	return true;
}

static void warn_missing(struct i18n *cat, const char *domain, const char *lang, const char *ctx,
                         const char *msgid, bool english_too)
{
	char key[600];
	if (!lang_find(cat, lang)) {
		snprintf(key, sizeof key, "lang\x1f%s", lang);
		if (first_time(cat, key))
			log_warn("i18n: no catalogue for language \"%s\" (add %s/%s.po); showing English", lang,
			         I18N_COMMON, lang);
		if (!english_too)
			return;
	}
	snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x04%s", domain ? domain : I18N_COMMON, lang, ctx ? ctx : "",
	         msgid);
	if (!first_time(cat, key))
		return;
	if (english_too)
		log_warn("i18n: no text for \"%s\"%s%s%s in domain %s, not even in English; showing the msgid", msgid,
		         ctx ? " (context \"" : "", ctx ? ctx : "", ctx ? "\")" : "", domain ? domain : I18N_COMMON);
	else
		log_warn("i18n: no %s translation of \"%s\"%s%s%s in domain %s; showing English", lang, msgid,
		         ctx ? " (context \"" : "", ctx ? ctx : "", ctx ? "\")" : "", domain ? domain : I18N_COMMON);
}

static int msg_plural_index(const struct i18n *cat, const struct msg *m, unsigned long n)
{
	const struct file_info *f = &cat->files[m->file];
	const struct plural *rule = f->rule ? f->rule : rule_for(cat, f->lang);
	int i = plural_index(rule, n);
	return i < m->n_str ? i : 0;
}

const char *i18n_get_n(struct i18n *cat, const char *domain, const char *lang, const char *ctx,
                       const char *msgid, const char *msgid_plural, unsigned long n)
{
	const struct msg *m;
	if (!msgid)
		return NULL;
	if (!cat)
		return msgid_plural && n != 1 ? msgid_plural : msgid;
	if (!lang)
		lang = I18N_SOURCE_LANG;
	m = find_usable(cat, domain, lang, ctx, msgid);
	if (m)
		return msgid_plural ? m->str[msg_plural_index(cat, m, n)] : m->str[0];
	if (strcmp(lang, I18N_SOURCE_LANG) != 0) {
		m = find_usable(cat, domain, I18N_SOURCE_LANG, ctx, msgid);
		warn_missing(cat, domain, lang, ctx, msgid, m == NULL);
		if (m)
			return msgid_plural ? m->str[msg_plural_index(cat, m, n)] : m->str[0];
	} else {
		warn_missing(cat, domain, lang, ctx, msgid, true);
	}
	return msgid_plural && n != 1 ? msgid_plural : msgid;
}

const char *i18n_get_ctx(struct i18n *cat, const char *domain, const char *lang, const char *ctx,
                         const char *msgid)
{
	return i18n_get_n(cat, domain, lang, ctx, msgid, NULL, 1);
}

const char *i18n_get(struct i18n *cat, const char *domain, const char *lang, const char *msgid)
{
	return i18n_get_n(cat, domain, lang, NULL, msgid, NULL, 1);
}

/* ---- formatting ---- */

static bool name_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || c == '_' || (!first && c >= '0' && c <= '9');
}

int i18n_format_args(char *out, size_t cap, const char *tmpl, const struct i18n_arg *args, int n_args)
{
	size_t o = 0;
	bool cut = false;
	const char *p = tmpl;

	if (!out || cap == 0)
		return -1;
	if (!tmpl) {
		out[0] = '\0';
		return 0;
	}
	while (*p && !cut) {
		const char *piece = p;
		size_t len = 1;
		if (*p == '{' && name_char(p[1], true)) {
			const char *q = p + 1;
			while (name_char(*q, false))
				q++;
			if (*q == '}') {
				size_t nlen = (size_t)(q - p - 1);
				len = (size_t)(q - p + 1);
				for (int i = 0; i < n_args; i++) {
					if (args[i].name && strlen(args[i].name) == nlen &&
					    memcmp(args[i].name, p + 1, nlen) == 0) {
						piece = args[i].value ? args[i].value : "";
						break;
					}
				}
				if (piece != p) {
					size_t vlen = strlen(piece);
					if (o + vlen >= cap) {
						vlen = cap - 1 - o;
						cut = true;
					}
					memcpy(out + o, piece, vlen);
					o += vlen;
					p += len;
					continue;
				}
			}
		}
		if (o + len >= cap) {
			cut = true;
			break;
		}
		memcpy(out + o, piece, len);
		o += len;
		p += len;
	}
	if (cut) {
		/* do not leave half a character at the end */
		while (o > 0 && ((unsigned char)out[o] & 0xc0) == 0x80)
			o--;
		{
			size_t k = o;
			while (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0x80)
				k--;
			if (k > 0 && ((unsigned char)out[k - 1] & 0x80)) {
				unsigned char lead = (unsigned char)out[k - 1];
				size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
				if (o - (k - 1) < need)
					o = k - 1;
			}
		}
		out[o] = '\0';
		return -1;
	}
	out[o] = '\0';
	return (int)o;
}

int i18n_format(char *out, size_t cap, const char *tmpl, ...)
{
	struct i18n_arg args[16];
	int n = 0;
	va_list ap;
	va_start(ap, tmpl);
	while (n < 16) {
		const char *name = va_arg(ap, const char *);
		if (!name)
			break;
		args[n].name = name;
		args[n].value = va_arg(ap, const char *);
		n++;
	}
	va_end(ap);
	return i18n_format_args(out, cap, tmpl, args, n);
}

/* ---- languages ---- */

int i18n_lang_count(const struct i18n *cat) { return cat ? cat->n_langs : 0; }

const char *i18n_lang_code(const struct i18n *cat, int i)
{
	return cat && i >= 0 && i < cat->n_langs ? cat->langs[i].code : NULL;
}

bool i18n_has_lang(const struct i18n *cat, const char *lang) { return cat && lang_find(cat, lang) != NULL; }

const char *i18n_lang_native(const struct i18n *cat, const char *lang)
{
	const struct lang_info *li = cat ? lang_find(cat, lang) : NULL;
	return li ? li->native : lang;
}

const char *i18n_lang_english(const struct i18n *cat, const char *lang)
{
	const struct lang_info *li = cat ? lang_find(cat, lang) : NULL;
	return li ? li->english : lang;
}

bool i18n_lang_rtl(const struct i18n *cat, const char *lang)
{
	const struct lang_info *li = cat ? lang_find(cat, lang) : NULL;
	return li ? li->rtl : false;
}

const char *i18n_lang_script(const struct i18n *cat, const char *lang)
{
	const struct lang_info *li = cat ? lang_find(cat, lang) : NULL;
	return li ? li->script : "Latn";
}

int i18n_plural_index(const struct i18n *cat, const char *lang, unsigned long n)
{
	return plural_index(cat ? rule_for(cat, lang) : NULL, n);
}

int i18n_plural_count(const struct i18n *cat, const char *lang)
{
	return cat ? plural_count(rule_for(cat, lang)) : 2;
}

int i18n_domain_count(const struct i18n *cat) { return cat ? cat->n_domains : 0; }

const char *i18n_domain_name(const struct i18n *cat, int i)
{
	return cat && i >= 0 && i < cat->n_domains ? cat->domains[i] : NULL;
}

void i18n_each(const struct i18n *cat, const char *domain, const char *lang, i18n_entry_fn fn, void *user)
{
	if (!cat || !domain || !fn)
		return;
	for (int i = 0; i < cat->n_msgs; i++) {
		const struct msg *m = &cat->msgs[i];
		const struct file_info *f = &cat->files[m->file];
		struct i18n_entry e;
		if (strcmp(f->domain, domain) != 0 || (lang && strcmp(f->lang, lang) != 0))
			continue;
		e.domain = f->domain;
		e.lang = f->lang;
		e.ctx = m->ctx;
		e.msgid = m->msgid;
		e.msgid_plural = m->msgid_plural;
		e.str = (const char *const *)m->str;
		e.n_str = m->n_str;
		e.fuzzy = m->fuzzy;
		e.file = f->name;
		e.line = m->line;
		fn(user, &e);
	}
}
