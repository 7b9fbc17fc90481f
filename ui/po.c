/* .po reading: a line-by-line state machine. An entry is collected until a
 * blank line, a comment or a new msgctxt/msgid ends it; a mistake marks the
 * entry bad so that it is dropped whole, never half-used. */
#include "ui/po.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

#define MAX_ERRORS 50

struct buf {
	char *p;
	size_t len, cap;
};

struct reader {
	po_entry_fn on_entry;
	po_error_fn on_error;
	void *user;
	int errors;
	int line;                    /* current line number */
	/* the entry being read */
	struct buf ctx, id, id_plural, str[PO_MAX_FORMS];
	bool has_ctx, has_id, has_plural, fuzzy, bad;
	int n_str;
	int entry_line;
	struct buf *cur;             /* where a continuation string goes */
	bool oom;
};

static void report(struct reader *r, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void report(struct reader *r, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	r->errors++;
	if (!r->on_error || r->errors > MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->on_error(r->user, line, msg);
}

/* A mistake inside the current entry: reported once, the entry dropped. */
static void entry_error(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void entry_error(struct reader *r, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	if (r->bad)
		return;
	r->bad = true;
	r->cur = NULL;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report(r, r->line, "%s", msg);
}

static bool buf_add(struct reader *r, struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;
		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			r->oom = true;
			return false;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return true;
}

static void reset_entry(struct reader *r)
{
	r->ctx.len = r->id.len = r->id_plural.len = 0;
	for (int i = 0; i < PO_MAX_FORMS; i++)
		r->str[i].len = 0;
	r->has_ctx = r->has_id = r->has_plural = r->fuzzy = r->bad = false;
	r->n_str = 0;
	r->entry_line = 0;
	r->cur = NULL;
}

static bool entry_started(const struct reader *r)
{
	return r->has_ctx || r->has_id || r->n_str > 0 || r->bad;
}

static const char *text_of(struct buf *b) { return b->p ? b->p : ""; }

static bool valid_text(const struct buf *b) { return b->len == 0 || utf8_valid(b->p, b->len); }

static void finish_entry(struct reader *r)
{
	struct po_entry e;
	if (!entry_started(r)) {
		r->fuzzy = false;   /* flags with no entry after them */
		return;
	}
	if (!r->bad) {
		int saved = r->line;
		r->line = r->entry_line;
		if (!r->has_id)
			entry_error(r, "msgctxt without msgid");
		else if (r->n_str == 0)
			entry_error(r, "msgid without msgstr");
		else if (!valid_text(&r->ctx) || !valid_text(&r->id) || !valid_text(&r->id_plural))
			entry_error(r, "escapes make invalid UTF-8 in msgctxt or msgid");
		for (int i = 0; i < r->n_str && !r->bad; i++)
			if (!valid_text(&r->str[i]))
				entry_error(r, "escapes make invalid UTF-8 in msgstr");
		r->line = saved;
	}
	if (!r->bad && r->on_entry) {
		memset(&e, 0, sizeof e);
		e.ctx = r->has_ctx ? text_of(&r->ctx) : NULL;
		e.id = text_of(&r->id);
		e.id_plural = r->has_plural ? text_of(&r->id_plural) : NULL;
		for (int i = 0; i < r->n_str; i++)
			e.str[i] = text_of(&r->str[i]);
		e.n_str = r->n_str;
		e.fuzzy = r->fuzzy;
		e.line = r->entry_line;
		r->on_entry(r->user, &e);
	}
	reset_entry(r);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads one quoted string starting at s[0] == '"' (line ends at end) and
 * appends its decoded bytes to b. Returns false after reporting a mistake. */
static bool read_string(struct reader *r, const char *s, const char *end, struct buf *b)
{
	const char *p = s + 1;
	const char *run = p;
	while (p < end && *p != '"') {
		char c;
		if (*p != '\\') {
			p++;
			continue;
		}
		if (!buf_add(r, b, run, (size_t)(p - run)))
			return false;
		p++;
		if (p >= end) {
			entry_error(r, "unterminated string (a backslash ends the line)");
			return false;
		}
		switch (*p) {
		case 'n': c = '\n'; p++; break;
		case 't': c = '\t'; p++; break;
		case 'r': c = '\r'; p++; break;
		case 'a': c = '\a'; p++; break;
		case 'b': c = '\b'; p++; break;
		case 'f': c = '\f'; p++; break;
		case 'v': c = '\v'; p++; break;
		case '\\': c = '\\'; p++; break;
		case '"': c = '"'; p++; break;
		case '\'': c = '\''; p++; break;
		case '?': c = '?'; p++; break;
		case 'x': {
			int v = 0, k = 0;
			p++;
			while (p < end && k < 2 && hexval(*p) >= 0) {
				v = v * 16 + hexval(*p++);
				k++;
			}
			if (k == 0) {
				entry_error(r, "bad escape \\x without hex digits");
				return false;
			}
			c = (char)v;
			break;
		}
		default:
			if (*p >= '0' && *p <= '7') {
				int v = 0, k = 0;
				while (p < end && k < 3 && *p >= '0' && *p <= '7') {
					v = v * 8 + (*p++ - '0');
					k++;
				}
				if (v > 255) {
					entry_error(r, "bad escape: octal value above \\377");
					return false;
				}
				c = (char)v;
				break;
			}
			if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
				entry_error(r, "bad escape \\%c", *p);
			else
				entry_error(r, "bad escape: a backslash before byte 0x%02x", (unsigned char)*p);
			return false;
		}
		if (c == '\0') {
			entry_error(r, "escape gives a NUL character, which text cannot hold");
			return false;
		}
		if (!buf_add(r, b, &c, 1))
			return false;
		run = p;
	}
	if (p >= end) {
		entry_error(r, "unterminated string (no closing '\"' on this line)");
		return false;
	}
	if (!buf_add(r, b, run, (size_t)(p - run)))
		return false;
	p++;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end) {
		entry_error(r, "unexpected text after the closing '\"'");
		return false;
	}
	if (b->len > PO_MAX_STRING) {
		entry_error(r, "string longer than %d bytes", PO_MAX_STRING);
		return false;
	}
	return true;
}

static void read_flags(struct reader *r, const char *p, const char *end)
{
	while (p < end) {
		const char *q;
		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		q = p;
		while (q < end && *q != ',' && *q != ' ' && *q != '\t')
			q++;
		if (q - p == 5 && memcmp(p, "fuzzy", 5) == 0)
			r->fuzzy = true;
		p = q;
	}
}

static void read_keyword(struct reader *r, const char *p, const char *end)
{
	const char *k = p;
	size_t klen;
	int index = -1;
	struct buf *target = NULL;

	while (p < end && ((*p >= 'a' && *p <= 'z') || *p == '_'))
		p++;
	klen = (size_t)(p - k);
	if (p < end && *p == '[') {
		const char *q = p + 1;
		long v = 0;
		while (q < end && *q >= '0' && *q <= '9') {
			if (v < 100000)
				v = v * 10 + (*q - '0');
			q++;
		}
		if (q == p + 1 || q >= end || *q != ']') {
			if (!entry_started(r))
				r->entry_line = r->line;
			entry_error(r, "bad msgstr index: expected msgstr[N]");
			return;
		}
		index = (int)v;
		p = q + 1;
	}
	if (p < end && *p != ' ' && *p != '\t' && *p != '"') {
		if (!entry_started(r))
			r->entry_line = r->line;
		entry_error(r, "unknown keyword '%.*s'", (int)(p - k + 1 > 40 ? 40 : p - k + 1), k);
		return;
	}
#define IS(w) (klen == sizeof(w) - 1 && memcmp(k, w, klen) == 0)
	if ((IS("msgctxt") || IS("msgid")) && index < 0) {
		/* A new entry begins; the previous one must be complete. */
		if (r->n_str > 0 || r->bad)
			finish_entry(r);
		if (IS("msgctxt") && (r->has_ctx || r->has_id)) {
			if (r->has_id) {
				entry_error(r, "msgid without msgstr before this msgctxt");
				finish_entry(r);
			} else {
				entry_error(r, "msgctxt given twice");
				return;
			}
		} else if (IS("msgid") && r->has_id) {
			entry_error(r, "msgid without msgstr before this msgid");
			finish_entry(r);
		}
		if (!entry_started(r))
			r->entry_line = r->line;
		if (IS("msgctxt")) {
			r->has_ctx = true;
			target = &r->ctx;
		} else {
			r->has_id = true;
			target = &r->id;
		}
	} else if (IS("msgid_plural") && index < 0) {
		if (!r->has_id || r->n_str > 0) {
			entry_error(r, "msgid_plural must follow msgid");
			return;
		}
		if (r->has_plural) {
			entry_error(r, "msgid_plural given twice");
			return;
		}
		r->has_plural = true;
		target = &r->id_plural;
	} else if (IS("msgstr")) {
		if (!r->has_id) {
			if (!entry_started(r))
				r->entry_line = r->line;
			entry_error(r, "msgstr without msgid");
			return;
		}
		if (index < 0) {
			if (r->has_plural) {
				entry_error(r, "an entry with msgid_plural needs msgstr[0], msgstr[1], ...");
				return;
			}
			if (r->n_str > 0) {
				entry_error(r, "msgstr given twice");
				return;
			}
			index = 0;
		} else {
			if (!r->has_plural) {
				entry_error(r, "msgstr[%d] without msgid_plural", index);
				return;
			}
			if (index >= PO_MAX_FORMS) {
				entry_error(r, "plural index %d out of range (at most %d forms)", index, PO_MAX_FORMS);
				return;
			}
			if (index != r->n_str) {
				entry_error(r, "msgstr[%d] out of order: expected msgstr[%d]", index, r->n_str);
				return;
			}
		}
		r->n_str = index + 1;
		target = &r->str[index];
	} else {
		if (!entry_started(r))
			r->entry_line = r->line;
		entry_error(r, "unknown keyword '%.*s'", (int)(klen > 40 ? 40 : klen), k);
		return;
	}
#undef IS
	if (r->bad)
		return;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '"') {
		entry_error(r, "a keyword must be followed by a quoted string");
		return;
	}
	r->cur = target;
	read_string(r, p, end, target);
}

static void read_line(struct reader *r, const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end) {
		finish_entry(r);
		return;
	}
	if (*p == '#') {
		/* Comments belong to the entry that follows: one ends the
		 * current entry. */
		if (r->has_id || r->has_ctx || r->bad)
			finish_entry(r);
		if (end - p >= 2 && p[1] == ',')
			read_flags(r, p + 2, end);
		return;
	}
	if (*p == '"') {
		if (r->bad)
			return;
		if (!r->cur) {
			if (!entry_started(r))
				r->entry_line = r->line;
			entry_error(r, "a string with no keyword before it");
			return;
		}
		read_string(r, p, end, r->cur);
		return;
	}
	if (*p >= 'a' && *p <= 'z') {
		read_keyword(r, p, end);
		return;
	}
	if (!entry_started(r))
		r->entry_line = r->line;
	entry_error(r, "unexpected text: expected a keyword, a string or a comment");
}

int po_parse(const char *text, size_t len, po_entry_fn on_entry, po_error_fn on_error, void *user)
{
	struct reader r;
	size_t pos = 0;

	memset(&r, 0, sizeof r);
	r.on_entry = on_entry;
	r.on_error = on_error;
	r.user = user;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	while (pos < len && !r.oom) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		size_t full = n;
		pos += nl ? n + 1 : n;
		r.line++;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (r.errors >= MAX_ERRORS) {
			if (on_error)
				on_error(user, r.line, "too many mistakes; the rest of the file is not read");
			r.errors++;
			break;
		}
		if (!utf8_valid(line, n)) {
			if (memchr(line, '\0', full)) {
				if (!entry_started(&r))
					r.entry_line = r.line;
				entry_error(&r, "a NUL byte: this is not a text file");
			} else {
				if (!entry_started(&r))
					r.entry_line = r.line;
				entry_error(&r, "invalid UTF-8 (.po files must be UTF-8)");
			}
			continue;
		}
		read_line(&r, line, line + n);
	}
	if (!r.oom)
		finish_entry(&r);
	if (r.oom)
		report(&r, r.line, "out of memory");
	free(r.ctx.p);
	free(r.id.p);
	free(r.id_plural.p);
	for (int i = 0; i < PO_MAX_FORMS; i++)
		free(r.str[i].p);
	return r.errors;
}
