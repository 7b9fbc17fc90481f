/* Reads a branch's INI file with inih and checks every value, naming the line
 * of each mistake. Program sections are checked against config_keys.c. */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config_keys.h"
#include "core/hours.h"
#include "core/tz.h"

struct config_entry {
	char section[32];
	char key[64];
	char *value;
	int line;
};

enum section_kind { SEC_NONE, SEC_BRANCH, SEC_SERVICE, SEC_COUNTER, SEC_DEVICES, SEC_BROKER,
                    SEC_PROGRAM, SEC_BAD };

/* Where a key was seen, to refuse duplicates and to name lines later. */
struct seen {
	char section[48];
	char key[64];
	int line;
};

/* name.xx / about.xx: the language index is resolved after [branch] is read,
 * so the text is kept with its language code until then. */
struct pending_text {
	int service;
	bool about;
	char lang[CONFIG_LANG_LEN];
	char *text;
	int line;
};

struct parser {
	struct config *cfg;
	struct pending_text *pending;
	int n_pending;
	const char *name;
	char *err;
	size_t errlen, errused;
	int n_errors;
	/* reader */
	const char *text;
	size_t len, pos;
	int line;
	bool line_is_continuation;
	/* current section */
	char section[128];
	enum section_kind kind;
	struct service_cfg *service;
	struct counter_cfg *counter;
	int section_line;
	/* keys seen, for duplicates */
	struct seen *seen;
	int n_seen, cap_seen;
	/* per-service: line of "hours", and which names were given */
	int hours_line[CONFIG_MAX_SERVICES];
	char langs_raw[256];
	int langs_line;
};

static void add_err(struct parser *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add_err(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	p->n_errors++;
	if (!p->err || p->errused + 1 >= p->errlen)
		return;
	if (line > 0)
		n = snprintf(p->err + p->errused, p->errlen - p->errused, "%s:%d: ", p->name, line);
	else
		n = snprintf(p->err + p->errused, p->errlen - p->errused, "%s: ", p->name);
	if (n < 0 || (size_t)n >= p->errlen - p->errused) {
		p->errused = p->errlen - 1;
		return;
	}
	p->errused += (size_t)n;
	va_start(ap, fmt);
	n = vsnprintf(p->err + p->errused, p->errlen - p->errused, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= p->errlen - p->errused) {
		p->errused = p->errlen - 1;
		return;
	}
	p->errused += (size_t)n;
	if (p->errused + 1 < p->errlen) {
		p->err[p->errused++] = '\n';
		p->err[p->errused] = '\0';
	}
}

bool config_is_lang_code(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return false;
	return true;
}

bool config_is_id(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n >= CONFIG_ID_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(islower(c) || isdigit(c) || c == '-' || isupper(c)))
			return false;
	}
	return s[0] != '-';
}

static bool is_slug(const char *s)
{
	for (const char *q = s; *q; q++)
		if (isupper((unsigned char)*q))
			return false;
	return config_is_id(s);
}

static bool copy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

static void start_section(struct parser *p, const char *section);

/* Reader for inih that counts lines, refuses overlong ones with a message,
 * and notes continuation lines (indented), which inih hands over as the
 * same key again. */
static char *reader(char *str, int num, void *stream)
{
	struct parser *p = stream;
	size_t start = p->pos, end, n;
	const char *q;

	if (p->pos >= p->len)
		return NULL;
	q = memchr(p->text + start, '\n', p->len - start);
	end = q ? (size_t)(q - p->text) : p->len;
	p->pos = q ? end + 1 : p->len;
	p->line++;
	n = end - start;
	if (n >= (size_t)num - 1) {
		add_err(p, p->line, "line is longer than %d bytes: continue it on the next line, indented", num - 2);
		n = (size_t)num - 2;
	}
	memcpy(str, p->text + start, n);
	str[n] = '\n';
	str[n + 1] = '\0';
	{
		const char *s = str;
		while (*s == ' ' || *s == '\t')
			s++;
		p->line_is_continuation = s > str && *s && *s != '\n' && *s != '\r' && *s != ';' && *s != '#';
		/* Section headers are checked here, as inih reads them (the text up
		 * to the first ']'), so that an empty section is checked too. */
		if (*s == '[' && !p->line_is_continuation) {
			const char *close = strchr(s + 1, ']');
			char name[128];
			if (close && (size_t)(close - s - 1) < sizeof name) {
				memcpy(name, s + 1, (size_t)(close - s - 1));
				name[close - s - 1] = '\0';
				start_section(p, name);
			}
		}
	}
	return str;
}

static const struct config_key *find_key(const char *section, const char *key)
{
	for (int i = 0; i < config_n_keys; i++) {
		if (strcmp(config_keys[i].section, section) != 0)
			continue;
		if (strcmp(config_keys[i].key, key) == 0 || strcmp(config_keys[i].key, "*") == 0)
			return &config_keys[i];
	}
	return NULL;
}

static bool is_program_section(const char *section)
{
	for (int i = 0; i < config_n_keys; i++)
		if (strcmp(config_keys[i].section, section) == 0)
			return true;
	return false;
}

static void start_section(struct parser *p, const char *section)
{
	struct config *cfg = p->cfg;
	char kind[32] = "", arg[96] = "";
	int n = sscanf(section, "%31s %95s", kind, arg);

	copy(p->section, sizeof p->section, section);
	p->section_line = p->line;
	p->service = NULL;
	p->counter = NULL;
	p->kind = SEC_BAD;

	for (int i = 0; i < p->n_seen; i++) {
		if (strcmp(p->seen[i].section, section) == 0 && p->seen[i].key[0] == '\0') {
			add_err(p, p->line, "section [%s] appears twice (first on line %d)", section, p->seen[i].line);
			return;
		}
	}
	if (n == 1 && strcmp(kind, "branch") == 0) {
		p->kind = SEC_BRANCH;
	} else if (n == 1 && strcmp(kind, "devices") == 0) {
		p->kind = SEC_DEVICES;
	} else if (n == 1 && strcmp(kind, "broker") == 0) {
		p->kind = SEC_BROKER;
	} else if (n == 2 && strcmp(kind, "service") == 0) {
		if (strlen(arg) != 1 || arg[0] < 'A' || arg[0] > 'Z') {
			add_err(p, p->line, "a service is one capital letter, as in [service A], not \"%s\"", arg);
			return;
		}
		if (config_service(cfg, arg[0])) {
			add_err(p, p->line, "service %s is defined twice", arg);
			return;
		}
		p->service = &cfg->services[cfg->n_services++];
		p->service->letter = arg[0];
		p->service->line = p->line;
		p->service->service_time_s = 600;
		p->kind = SEC_SERVICE;
	} else if (n == 2 && strcmp(kind, "counter") == 0) {
		if (!config_is_id(arg) || strlen(arg) > 15) {
			add_err(p, p->line, "a counter id is 1-15 letters, digits or '-', not \"%s\"", arg);
			return;
		}
		if (config_counter(cfg, arg)) {
			add_err(p, p->line, "counter %s is defined twice", arg);
			return;
		}
		if (cfg->n_counters == CONFIG_MAX_COUNTERS) {
			add_err(p, p->line, "more than %d counters", CONFIG_MAX_COUNTERS);
			return;
		}
		p->counter = &cfg->counters[cfg->n_counters++];
		copy(p->counter->id, sizeof p->counter->id, arg);
		p->counter->line = p->line;
		p->counter->initial = COUNTER_CLOSED;
		p->kind = SEC_COUNTER;
	} else if (n == 1 && is_program_section(kind)) {
		p->kind = SEC_PROGRAM;
	} else {
		add_err(p, p->line, "unknown section [%s] (expected branch, service X, counter ID, devices, broker, "
		        "kiosk, printer, display, console or fonts)", section);
		return;
	}
	if (p->n_seen == p->cap_seen) {
		int cap = p->cap_seen ? p->cap_seen * 2 : 64;
		struct seen *s = realloc(p->seen, (size_t)cap * sizeof *s);
		if (!s)
			return;
		p->seen = s;
		p->cap_seen = cap;
	}
	copy(p->seen[p->n_seen].section, sizeof p->seen[0].section, section);
	p->seen[p->n_seen].key[0] = '\0';
	p->seen[p->n_seen].line = p->line;
	p->n_seen++;
}

/* Remembers section.key; returns the earlier line if it was seen already. */
static int note_key(struct parser *p, const char *key)
{
	for (int i = 0; i < p->n_seen; i++)
		if (strcmp(p->seen[i].section, p->section) == 0 && strcmp(p->seen[i].key, key) == 0)
			return p->seen[i].line;
	if (p->n_seen == p->cap_seen) {
		int cap = p->cap_seen ? p->cap_seen * 2 : 64;
		struct seen *s = realloc(p->seen, (size_t)cap * sizeof *s);
		if (!s)
			return 0;
		p->seen = s;
		p->cap_seen = cap;
	}
	copy(p->seen[p->n_seen].section, sizeof p->seen[0].section, p->section);
	copy(p->seen[p->n_seen].key, sizeof p->seen[0].key, key);
	p->seen[p->n_seen].line = p->line;
	p->n_seen++;
	return 0;
}

static bool parse_long(const char *v, long min, long max, long *out)
{
	char *end;
	long x;
	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || end == v || *end || x < min || x > max)
		return false;
	*out = x;
	return true;
}

static int parse_bool(const char *v)
{
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on") || !strcmp(v, "1"))
		return 1;
	if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off") || !strcmp(v, "0"))
		return 0;
	return -1;
}

static bool valid_langs_list(const char *v)
{
	char buf[256], *save = NULL, *tok;
	if (!copy(buf, sizeof buf, v))
		return false;
	for (tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save))
		if (!config_is_lang_code(tok))
			return false;
	return true;
}

static void check_program_value(struct parser *p, const struct config_key *k, const char *key,
                                const char *value, int line)
{
	long x;
	switch (k->type) {
	case CFG_INT:
		if (!parse_long(value, k->min, k->max, &x))
			add_err(p, line, "%s.%s must be a whole number from %ld to %ld, not \"%s\"",
			        k->section, key, k->min, k->max, value);
		break;
	case CFG_BOOL:
		if (parse_bool(value) < 0)
			add_err(p, line, "%s.%s must be true or false, not \"%s\"", k->section, key, value);
		break;
	case CFG_ENUM: {
		char buf[256], *save = NULL, *tok;
		bool ok = false;
		copy(buf, sizeof buf, k->values);
		for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
			ok = ok || strcmp(tok, value) == 0;
		if (!ok)
			add_err(p, line, "%s.%s must be one of: %s (not \"%s\")", k->section, key, k->values, value);
		break;
	}
	case CFG_LANGS:
		if (!valid_langs_list(value))
			add_err(p, line, "%s.%s must be language codes separated by spaces, not \"%s\"",
			        k->section, key, value);
		break;
	case CFG_STR:
		break;
	}
}

static void set_program_key(struct parser *p, const char *key, const char *value, bool continuation)
{
	struct config *cfg = p->cfg;
	const struct config_key *k = find_key(p->section, key);
	struct config_entry *e;

	if (!k) {
		add_err(p, p->line, "unknown key \"%s\" in [%s]", key, p->section);
		return;
	}
	if (continuation) {
		for (int i = cfg->n_entries - 1; i >= 0; i--) {
			e = &cfg->entries[i];
			if (!strcmp(e->section, p->section) && !strcmp(e->key, key)) {
				size_t a = strlen(e->value), b = strlen(value);
				char *v = realloc(e->value, a + b + 2);
				if (!v)
					return;
				v[a] = ' ';
				memcpy(v + a + 1, value, b + 1);
				e->value = v;
				return;
			}
		}
		return;
	}
	e = realloc(cfg->entries, (size_t)(cfg->n_entries + 1) * sizeof *e);
	if (!e)
		return;
	cfg->entries = e;
	e = &cfg->entries[cfg->n_entries];
	memset(e, 0, sizeof *e);
	copy(e->section, sizeof e->section, p->section);
	if (!copy(e->key, sizeof e->key, key)) {
		add_err(p, p->line, "key \"%.20s...\" is too long", key);
		return;
	}
	e->value = strdup(value);
	if (!e->value)
		return;
	e->line = p->line;
	cfg->n_entries++;
}

static void set_branch_key(struct parser *p, const char *key, const char *value)
{
	struct config *cfg = p->cfg;
	long x;

	if (!strcmp(key, "id")) {
		if (!is_slug(value))
			add_err(p, p->line, "branch id must be a lower-case slug like praha-zukovskeho, not \"%s\"", value);
		else
			copy(cfg->branch_id, sizeof cfg->branch_id, value);
	} else if (!strcmp(key, "name")) {
		if (!copy(cfg->branch_name, sizeof cfg->branch_name, value))
			add_err(p, p->line, "branch name is longer than %d bytes", CONFIG_NAME_LEN - 1);
	} else if (!strcmp(key, "timezone")) {
		if (!tz_exists(value))
			add_err(p, p->line, "time zone \"%s\" is not installed (package tzdata; e.g. Europe/Prague)", value);
		else
			copy(cfg->timezone, sizeof cfg->timezone, value);
	} else if (!strcmp(key, "languages")) {
		copy(p->langs_raw, sizeof p->langs_raw, value);
		p->langs_line = p->line;
	} else if (!strcmp(key, "retention_days")) {
		if (!parse_long(value, 1, 36500, &x))
			add_err(p, p->line, "retention_days must be a number of days from 1 to 36500, not \"%s\"", value);
		else
			cfg->retention_days = (int)x;
	} else if (!strcmp(key, "closed")) {
		char buf[CONFIG_TEXT_LEN * 2], *save = NULL, *tok;
		copy(buf, sizeof buf, value);
		for (tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
			int y, m, d;
			if (tz_parse_day(tok, &y, &m, &d) != 0)
				add_err(p, p->line, "closed days are dates like 2026-12-24, not \"%s\"", tok);
			else if (cfg->n_holidays == CONFIG_MAX_HOLIDAYS)
				add_err(p, p->line, "more than %d closed days", CONFIG_MAX_HOLIDAYS);
			else
				copy(cfg->holidays[cfg->n_holidays++], 11, tok);
		}
	} else {
		add_err(p, p->line, "unknown key \"%s\" in [branch] (id, name, timezone, languages, "
		        "retention_days, closed)", key);
	}
}


static void set_service_key(struct parser *p, const char *key, const char *value, bool continuation)
{
	struct service_cfg *s = p->service;
	long x;
	int idx = (int)(s - p->cfg->services);

	if (!strncmp(key, "name.", 5) || !strncmp(key, "about.", 6)) {
		bool about = key[0] == 'a';
		const char *lang = key + (about ? 6 : 5);
		struct pending_text *t;
		if (!config_is_lang_code(lang)) {
			add_err(p, p->line, "\"%s\": after name. or about. comes a language code like cs", key);
			return;
		}
		if (continuation) {
			for (int i = p->n_pending - 1; i >= 0; i--) {
				t = &p->pending[i];
				if (t->service == idx && t->about == about && !strcmp(t->lang, lang)) {
					size_t a = strlen(t->text), b = strlen(value);
					char *v = realloc(t->text, a + b + 2);
					if (!v)
						return;
					v[a] = ' ';
					memcpy(v + a + 1, value, b + 1);
					t->text = v;
					return;
				}
			}
			return;
		}
		t = realloc(p->pending, (size_t)(p->n_pending + 1) * sizeof *t);
		if (!t)
			return;
		p->pending = t;
		t = &p->pending[p->n_pending];
		t->service = idx;
		t->about = about;
		copy(t->lang, sizeof t->lang, lang);
		t->text = strdup(value);
		t->line = p->line;
		if (t->text)
			p->n_pending++;
	} else if (!strcmp(key, "hours")) {
		char msg[160];
		if (hours_parse(value, &s->hours, msg, sizeof msg) != 0)
			add_err(p, p->line, "hours of service %c: %s", s->letter, msg);
		p->hours_line[idx] = p->line;
	} else if (!strcmp(key, "service_time")) {
		if (!parse_long(value, 30, 14400, &x))
			add_err(p, p->line, "service_time is the usual seconds per client, 30 to 14400, not \"%s\"", value);
		else
			s->service_time_s = (int)x;
	} else if (!strcmp(key, "icon")) {
		/* The names belong to ui/icon.h; core checks only their form, the
		 * kiosk's --check checks that the pictogram exists. */
		size_t n = strspn(value, "abcdefghijklmnopqrstuvwxyz");
		if (n == 0 || value[n] || n >= sizeof s->icon)
			add_err(p, p->line, "icon of service %c is a pictogram name such as legal, not \"%s\"", s->letter,
			        value);
		else
			copy(s->icon, sizeof s->icon, value);
	} else {
		add_err(p, p->line, "unknown key \"%s\" in [service %c] (name.LANG, about.LANG, hours, service_time, "
		        "icon)", key, s->letter);
	}
}

static void set_counter_key(struct parser *p, const char *key, const char *value)
{
	struct counter_cfg *c = p->counter;
	int st;

	if (!strcmp(key, "services")) {
		size_t n = 0;
		for (const char *q = value; *q; q++) {
			if (*q == ' ' || *q == ',')
				continue;
			if (*q < 'A' || *q > 'Z' || (q[1] && q[1] != ' ' && q[1] != ',')) {
				add_err(p, p->line, "services of a counter are letters separated by spaces, as in \"A S P\"");
				return;
			}
			if (!strchr(c->services, *q) && n < CONFIG_MAX_SERVICES)
				c->services[n++] = *q;
		}
		c->services[n] = '\0';
	} else if (!strcmp(key, "state")) {
		st = config_counter_state_parse(value);
		if (st < 0)
			add_err(p, p->line, "counter state is open, paused or closed, not \"%s\"", value);
		else
			c->initial = (enum counter_state)st;
	} else {
		add_err(p, p->line, "unknown key \"%s\" in [counter %s] (services, state)", key, c->id);
	}
}

static void set_device(struct parser *p, const char *key, const char *value)
{
	struct config *cfg = p->cfg;
	int role = config_role_parse(value);

	if (!config_is_id(key) || !is_slug(key)) {
		add_err(p, p->line, "device id \"%s\" must be lower-case letters, digits and '-'", key);
		return;
	}
	if (role < 0) {
		add_err(p, p->line, "device %s: role must be daemon, kiosk, display, console or admin, not \"%s\"",
		        key, value);
		return;
	}
	if (cfg->n_devices == CONFIG_MAX_DEVICES) {
		add_err(p, p->line, "more than %d devices", CONFIG_MAX_DEVICES);
		return;
	}
	copy(cfg->devices[cfg->n_devices].id, CONFIG_ID_LEN, key);
	cfg->devices[cfg->n_devices].role = (enum device_role)role;
	cfg->devices[cfg->n_devices].line = p->line;
	cfg->n_devices++;
}

static void set_broker_key(struct parser *p, const char *key, const char *value)
{
	long x;
	if (!strcmp(key, "host")) {
		if (!copy(p->cfg->broker_host, sizeof p->cfg->broker_host, value))
			add_err(p, p->line, "broker host is too long");
	} else if (!strcmp(key, "port")) {
		if (!parse_long(value, 1, 65535, &x))
			add_err(p, p->line, "broker port must be 1-65535, not \"%s\"", value);
		else
			p->cfg->broker_port = (int)x;
	} else {
		add_err(p, p->line, "unknown key \"%s\" in [broker] (host, port)", key);
	}
}

static int handler(void *user, const char *section, const char *key, const char *value)
{
	struct parser *p = user;
	bool cont = p->line_is_continuation;
	int prev;

	if (strcmp(section, p->section) != 0 || p->kind == SEC_NONE)
		start_section(p, section);
	if (p->kind == SEC_BAD)
		return 1;
	if (!cont && (prev = note_key(p, key)) != 0) {
		add_err(p, p->line, "\"%s\" is set twice in [%s] (first on line %d)", key, section, prev);
		return 1;
	}
	if (cont && p->kind != SEC_SERVICE && p->kind != SEC_PROGRAM && !(p->kind == SEC_BRANCH && !strcmp(key, "closed"))) {
		add_err(p, p->line, "indented line: only closed days, service texts and program settings continue "
		        "on the next line");
		return 1;
	}
	switch (p->kind) {
	case SEC_BRANCH:  set_branch_key(p, key, value); break;
	case SEC_SERVICE: set_service_key(p, key, value, cont); break;
	case SEC_COUNTER: set_counter_key(p, key, value); break;
	case SEC_DEVICES: set_device(p, key, value); break;
	case SEC_BROKER:  set_broker_key(p, key, value); break;
	case SEC_PROGRAM: set_program_key(p, key, value, cont); break;
	default: break;
	}
	return 1;
}

static void parse_languages(struct parser *p)
{
	struct config *cfg = p->cfg;
	char *save = NULL, *tok;

	if (!p->langs_raw[0]) {
		add_err(p, 0, "[branch] needs languages, e.g. languages = cs en uk ru vi mn ar");
		return;
	}
	for (tok = strtok_r(p->langs_raw, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		if (!config_is_lang_code(tok)) {
			add_err(p, p->langs_line, "\"%s\" is not a language code (two or three small letters)", tok);
			continue;
		}
		if (config_lang_index(cfg, tok) >= 0) {
			add_err(p, p->langs_line, "language %s is listed twice", tok);
			continue;
		}
		if (cfg->n_langs == CONFIG_MAX_LANGS) {
			add_err(p, p->langs_line, "more than %d languages", CONFIG_MAX_LANGS);
			break;
		}
		copy(cfg->langs[cfg->n_langs++], CONFIG_LANG_LEN, tok);
	}
}

static void check_whole(struct parser *p)
{
	struct config *cfg = p->cfg;
	int daemons = 0;

	if (!cfg->branch_id[0])
		add_err(p, 0, "[branch] needs an id, e.g. id = praha-zukovskeho");
	if (!cfg->branch_name[0])
		add_err(p, 0, "[branch] needs a name");
	if (!cfg->timezone[0])
		add_err(p, 0, "[branch] needs a timezone, e.g. timezone = Europe/Prague");
	parse_languages(p);

	for (int i = 0; i < p->n_pending; i++) {
		struct pending_text *t = &p->pending[i];
		struct service_cfg *s = &cfg->services[t->service];
		int li = config_lang_index(cfg, t->lang);
		char *dst;
		size_t cap;
		if (li < 0) {
			add_err(p, t->line, "language %s is not in [branch] languages", t->lang);
			continue;
		}
		dst = t->about ? s->about[li] : s->name[li];
		cap = t->about ? CONFIG_TEXT_LEN : CONFIG_NAME_LEN;
		if (!copy(dst, cap, t->text))
			add_err(p, t->line, "text is longer than %zu bytes", cap - 1);
		else if (!*dst)
			add_err(p, t->line, "empty text");
	}
	if (cfg->n_services == 0)
		add_err(p, 0, "no services: add at least one [service A] section");
	for (int i = 0; i < cfg->n_services; i++) {
		struct service_cfg *s = &cfg->services[i];
		for (int l = 0; l < cfg->n_langs; l++)
			if (!s->name[l][0])
				add_err(p, s->line, "service %c has no name in %s (name.%s = ...)", s->letter,
				        cfg->langs[l], cfg->langs[l]);
		if (!p->hours_line[i])
			add_err(p, s->line, "service %c has no hours (e.g. hours = mon-fri 09:00-17:00, or always)",
			        s->letter);
	}
	if (cfg->n_counters == 0)
		add_err(p, 0, "no counters: add at least one [counter 1] section");
	for (int i = 0; i < cfg->n_counters; i++) {
		struct counter_cfg *c = &cfg->counters[i];
		if (!c->services[0])
			add_err(p, c->line, "counter %s serves no services (services = A S ...)", c->id);
		for (const char *q = c->services; *q; q++)
			if (!config_service(cfg, *q))
				add_err(p, c->line, "counter %s serves %c, which is not a service", c->id, *q);
	}
	for (int i = 0; i < cfg->n_devices; i++)
		daemons += cfg->devices[i].role == ROLE_DAEMON;
	if (daemons != 1)
		add_err(p, 0, "[devices] must list exactly one device with role daemon (frontad = daemon), found %d",
		        daemons);
	for (int i = 0; i < cfg->n_entries; i++) {
		struct config_entry *e = &cfg->entries[i];
		const struct config_key *k = find_key(e->section, e->key);
		if (k)
			check_program_value(p, k, e->key, e->value, e->line);
	}
	if (!cfg->broker_host[0])
		copy(cfg->broker_host, sizeof cfg->broker_host, "127.0.0.1");
	if (!cfg->broker_port)
		cfg->broker_port = 1883;
	if (!cfg->retention_days)
		cfg->retention_days = 730;
}

struct config *config_parse(const char *text, size_t len, const char *name, char *err, size_t errlen)
{
	struct parser p;
	int rc;

	memset(&p, 0, sizeof p);
	if (err && errlen)
		err[0] = '\0';
	p.cfg = calloc(1, sizeof *p.cfg);
	if (!p.cfg) {
		if (err && errlen)
			snprintf(err, errlen, "%s: out of memory\n", name);
		return NULL;
	}
	p.name = name;
	p.err = err;
	p.errlen = errlen;
	p.text = text;
	p.len = len;

	if (memchr(text, '\0', len)) {
		add_err(&p, 0, "the file contains a NUL byte; it is not a text file");
	} else {
		rc = ini_parse_stream(reader, &p, handler, &p);
		if (rc > 0)
			add_err(&p, rc, "cannot read this line (expected [section], key = value, or ; comment)");
		check_whole(&p);
	}
	for (int i = 0; i < p.n_pending; i++)
		free(p.pending[i].text);
	free(p.pending);
	free(p.seen);
	if (p.n_errors) {
		config_free(p.cfg);
		return NULL;
	}
	copy(p.cfg->path, sizeof p.cfg->path, name);
	return p.cfg;
}

struct config *config_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	struct config *cfg;

	if (!f) {
		if (err && errlen)
			snprintf(err, errlen, "%s: cannot open: %s\n", path, strerror(errno));
		return NULL;
	}
	do {
		if (len + 4096 > cap) {
			char *b;
			cap = cap ? cap * 2 : 8192;
			if (cap > (1u << 20) || !(b = realloc(buf, cap))) {
				if (err && errlen)
					snprintf(err, errlen, "%s: larger than 1 MiB, not a branch configuration\n", path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = b;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	cfg = config_parse(buf ? buf : "", len, path, err, errlen);
	free(buf);
	return cfg;
}

void config_free(struct config *cfg)
{
	if (!cfg)
		return;
	for (int i = 0; i < cfg->n_entries; i++)
		free(cfg->entries[i].value);
	free(cfg->entries);
	free(cfg);
}

int config_lang_index(const struct config *cfg, const char *lang)
{
	if (!lang)
		return -1;
	for (int i = 0; i < cfg->n_langs; i++)
		if (strcmp(cfg->langs[i], lang) == 0)
			return i;
	return -1;
}

const struct service_cfg *config_service(const struct config *cfg, char letter)
{
	for (int i = 0; i < cfg->n_services; i++)
		if (cfg->services[i].letter == letter)
			return &cfg->services[i];
	return NULL;
}

const struct counter_cfg *config_counter(const struct config *cfg, const char *id)
{
	for (int i = 0; id && i < cfg->n_counters; i++)
		if (strcmp(cfg->counters[i].id, id) == 0)
			return &cfg->counters[i];
	return NULL;
}

const struct device_cfg *config_device(const struct config *cfg, const char *id)
{
	for (int i = 0; id && i < cfg->n_devices; i++)
		if (strcmp(cfg->devices[i].id, id) == 0)
			return &cfg->devices[i];
	return NULL;
}

/* The branch's first language stands in for a missing translation. */
static int lang_or_first(const struct config *cfg, const char *lang)
{
	int li = config_lang_index(cfg, lang);
	return li >= 0 ? li : 0;
}

const char *config_service_name(const struct config *cfg, const struct service_cfg *s, const char *lang)
{
	int li = lang_or_first(cfg, lang);
	return s->name[li][0] ? s->name[li] : s->name[0];
}

const char *config_service_about(const struct config *cfg, const struct service_cfg *s, const char *lang)
{
	int li = lang_or_first(cfg, lang);
	return s->about[li][0] ? s->about[li] : s->about[0];
}

static const char *const role_names[ROLE_COUNT] = { "daemon", "kiosk", "display", "console", "admin" };
static const char *const counter_states[] = { "open", "paused", "closed" };

const char *config_role_name(enum device_role role)
{
	return (unsigned)role < ROLE_COUNT ? role_names[role] : "?";
}

int config_role_parse(const char *name)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (name && strcmp(name, role_names[i]) == 0)
			return i;
	return -1;
}

const char *config_counter_state_name(enum counter_state st)
{
	return (unsigned)st < 3 ? counter_states[st] : "?";
}

int config_counter_state_parse(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (name && strcmp(name, counter_states[i]) == 0)
			return i;
	return -1;
}

static const struct config_entry *entry(const struct config *cfg, const char *section, const char *key)
{
	for (int i = 0; i < cfg->n_entries; i++)
		if (!strcmp(cfg->entries[i].section, section) && !strcmp(cfg->entries[i].key, key))
			return &cfg->entries[i];
	return NULL;
}

const char *config_str(const struct config *cfg, const char *section, const char *key)
{
	const struct config_entry *e = entry(cfg, section, key);
	const struct config_key *k;
	if (e)
		return e->value;
	k = find_key(section, key);
	return k ? k->def : NULL;
}

long config_int(const struct config *cfg, const char *section, const char *key)
{
	const char *v = config_str(cfg, section, key);
	return v ? strtol(v, NULL, 10) : 0;
}

bool config_bool(const struct config *cfg, const char *section, const char *key)
{
	const char *v = config_str(cfg, section, key);
	return v && parse_bool(v) == 1;
}

int config_line(const struct config *cfg, const char *section, const char *key)
{
	const struct config_entry *e = entry(cfg, section, key);
	return e ? e->line : 0;
}
