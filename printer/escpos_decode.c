/* The ESC/POS decoder: bytes back into images, feeds and cuts, refusing what
 * it cannot measure. Every length is checked against what is left before
 * anything is allocated, so hostile input costs at most a few times its size. */
#include "printer/escpos_decode.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printer/bitmap.h"
#include "printer/escpos.h"

#define FS  0x1c
#define LF  0x0a
#define CR  0x0d
#define HT  0x09
#define FF  0x0c
#define CAN 0x18
#define NUL 0x00
#define ENQ 0x05
#define DC4 0x14

struct escpos_doc {
	struct escpos_item *items;
	int n, cap;
};

/* Commands of a fixed length: lead byte, second byte, total length, kind. */
struct fixed_cmd {
	uint8_t lead, b1, len;
	enum escpos_kind kind;
};

static const struct fixed_cmd fixed_cmds[] = {
	{ ESCPOS_ESC, '@', 2, ESCPOS_INIT },
	{ ESCPOS_ESC, 'd', 3, ESCPOS_FEED_LINES },   /* print and feed n lines */
	{ ESCPOS_ESC, 'J', 3, ESCPOS_FEED_DOTS },    /* print and feed n dots */
	{ ESCPOS_ESC, 'i', 2, ESCPOS_CUT },          /* full cut (obsolete form) */
	{ ESCPOS_ESC, 'm', 2, ESCPOS_CUT },          /* partial cut (obsolete form) */
	{ ESCPOS_ESC, '!', 3, ESCPOS_OTHER },        /* print mode */
	{ ESCPOS_ESC, '-', 3, ESCPOS_OTHER },        /* underline */
	{ ESCPOS_ESC, 'E', 3, ESCPOS_OTHER },        /* emphasis */
	{ ESCPOS_ESC, 'G', 3, ESCPOS_OTHER },        /* double strike */
	{ ESCPOS_ESC, 'M', 3, ESCPOS_OTHER },        /* font */
	{ ESCPOS_ESC, 'a', 3, ESCPOS_OTHER },        /* justification */
	{ ESCPOS_ESC, '2', 2, ESCPOS_OTHER },        /* default line spacing */
	{ ESCPOS_ESC, '3', 3, ESCPOS_OTHER },        /* line spacing */
	{ ESCPOS_ESC, 't', 3, ESCPOS_OTHER },        /* code table */
	{ ESCPOS_ESC, 'R', 3, ESCPOS_OTHER },        /* international character set */
	{ ESCPOS_ESC, '{', 3, ESCPOS_OTHER },        /* upside down */
	{ ESCPOS_ESC, 'V', 3, ESCPOS_OTHER },        /* 90 degree rotation */
	{ ESCPOS_ESC, 'p', 5, ESCPOS_OTHER },        /* cash drawer pulse */
	{ ESCPOS_ESC, ' ', 3, ESCPOS_OTHER },        /* character right spacing */
	{ ESCPOS_ESC, '$', 4, ESCPOS_OTHER },        /* absolute position */
	{ ESCPOS_ESC, '\\', 4, ESCPOS_OTHER },       /* relative position */
	{ ESCPOS_ESC, '=', 3, ESCPOS_OTHER },        /* select peripheral */
	{ ESCPOS_ESC, 'e', 3, ESCPOS_OTHER },        /* reverse feed n lines */
	{ ESCPOS_ESC, '%', 3, ESCPOS_OTHER },        /* user-defined characters on/off */
	{ ESCPOS_ESC, '?', 3, ESCPOS_OTHER },        /* cancel user-defined character */
	{ ESCPOS_ESC, 'r', 3, ESCPOS_OTHER },        /* print colour */
	{ ESCPOS_ESC, 'U', 3, ESCPOS_OTHER },        /* unidirectional printing */
	{ ESCPOS_ESC, 'S', 2, ESCPOS_OTHER },        /* standard mode */
	{ ESCPOS_ESC, 'L', 2, ESCPOS_OTHER },        /* page mode */
	{ ESCPOS_ESC, FF, 2, ESCPOS_OTHER },         /* print page mode data */
	{ ESCPOS_ESC, 'T', 3, ESCPOS_OTHER },        /* page mode direction */
	{ ESCPOS_ESC, 'W', 10, ESCPOS_OTHER },       /* page mode area */
	{ ESCPOS_ESC, 'u', 3, ESCPOS_OTHER },        /* transmit peripheral status */
	{ ESCPOS_ESC, 'v', 2, ESCPOS_OTHER },        /* transmit paper sensor status */
	{ ESCPOS_GS, '!', 3, ESCPOS_OTHER },         /* character size */
	{ ESCPOS_GS, 'B', 3, ESCPOS_OTHER },         /* white on black */
	{ ESCPOS_GS, 'H', 3, ESCPOS_OTHER },         /* barcode text position */
	{ ESCPOS_GS, 'f', 3, ESCPOS_OTHER },         /* barcode text font */
	{ ESCPOS_GS, 'h', 3, ESCPOS_OTHER },         /* barcode height */
	{ ESCPOS_GS, 'w', 3, ESCPOS_OTHER },         /* barcode width */
	{ ESCPOS_GS, 'L', 4, ESCPOS_OTHER },         /* left margin */
	{ ESCPOS_GS, 'W', 4, ESCPOS_OTHER },         /* print area width */
	{ ESCPOS_GS, 'a', 3, ESCPOS_OTHER },         /* automatic status back */
	{ ESCPOS_GS, 'r', 3, ESCPOS_OTHER },         /* transmit status */
	{ ESCPOS_GS, 'I', 3, ESCPOS_OTHER },         /* transmit printer id */
	{ ESCPOS_GS, 'P', 4, ESCPOS_OTHER },         /* motion units */
	{ ESCPOS_GS, 'b', 3, ESCPOS_OTHER },         /* smoothing */
	{ ESCPOS_GS, '$', 4, ESCPOS_OTHER },         /* page mode vertical position */
	{ ESCPOS_GS, '\\', 4, ESCPOS_OTHER },        /* page mode relative vertical position */
	{ ESCPOS_GS, '/', 3, ESCPOS_OTHER },         /* print downloaded bit image */
	{ ESCPOS_GS, 'T', 3, ESCPOS_OTHER },         /* print position to line start */
	{ ESCPOS_GS, ':', 2, ESCPOS_OTHER },         /* macro definition start/end */
	{ ESCPOS_GS, '^', 5, ESCPOS_OTHER },         /* execute macro */
	{ ESCPOS_GS, 'j', 3, ESCPOS_OTHER },         /* automatic status back (ink) */
	{ FS, '&', 2, ESCPOS_OTHER },                /* kanji mode on */
	{ FS, '.', 2, ESCPOS_OTHER },                /* kanji mode off */
	{ FS, '!', 3, ESCPOS_OTHER },                /* kanji print mode */
	{ FS, '-', 3, ESCPOS_OTHER },                /* kanji underline */
	{ FS, 'C', 3, ESCPOS_OTHER },                /* kanji code system */
	{ FS, 'p', 4, ESCPOS_OTHER },                /* print NV bit image */
	{ FS, 'S', 4, ESCPOS_OTHER },                /* kanji spacing */
	{ FS, 'W', 3, ESCPOS_OTHER },                /* kanji quadruple size */
	{ ESCPOS_DLE, ESCPOS_EOT, 3, ESCPOS_STATUS },/* real-time status */
	{ ESCPOS_DLE, ENQ, 3, ESCPOS_OTHER },        /* real-time request */
};

/* GS ( X pL pH ...: function families that carry their own length. */
static const char gs_paren_fns[] = "ACDEHKLMNPQkz";

struct dec {
	const uint8_t *d;
	size_t len, pos;
	struct escpos_doc *doc;
	char *err;
	size_t errlen;
};

static enum escpos_decode_err fail(struct dec *s, enum escpos_decode_err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum escpos_decode_err fail(struct dec *s, enum escpos_decode_err e, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!s->err || s->errlen == 0)
		return e;
	n = snprintf(s->err, s->errlen, "offset %zu: ", s->pos);
	if (n < 0 || (size_t)n >= s->errlen)
		return e;
	va_start(ap, fmt);
	vsnprintf(s->err + n, s->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return e;
}

static const char *lead_name(uint8_t b)
{
	switch (b) {
	case ESCPOS_ESC: return "ESC";
	case ESCPOS_GS: return "GS";
	case FS: return "FS";
	case ESCPOS_DLE: return "DLE";
	default: return "?";
	}
}

static size_t left(const struct dec *s)
{
	return s->len - s->pos;
}

static struct escpos_item *add(struct dec *s, enum escpos_kind kind, size_t length)
{
	struct escpos_doc *doc = s->doc;
	struct escpos_item *it;

	if (doc->n == doc->cap) {
		int cap = doc->cap ? doc->cap * 2 : 32;
		struct escpos_item *items = realloc(doc->items, (size_t)cap * sizeof *items);
		if (!items)
			return NULL;
		doc->items = items;
		doc->cap = cap;
	}
	it = &doc->items[doc->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->offset = s->pos;
	it->length = length;
	it->n = 0;
	for (size_t i = 0; i < 3 && i < length && i < left(s); i++)
		it->cmd[i] = s->d[s->pos + i];
	return it;
}

/* Adds an item of length bytes at the current position and moves past it. */
static enum escpos_decode_err take(struct dec *s, enum escpos_kind kind, size_t length,
                                   struct escpos_item **out)
{
	struct escpos_item *it = add(s, kind, length);

	if (!it)
		return fail(s, ESCPOS_DECODE_NOMEM, "out of memory");
	if (out)
		*out = it;
	s->pos += length;
	return ESCPOS_DECODE_OK;
}

static enum escpos_decode_err need(struct dec *s, size_t n, const char *what)
{
	if (left(s) < n)
		return fail(s, ESCPOS_DECODE_TRUNCATED, "%s needs %zu bytes, %zu left", what, n,
		            left(s));
	return ESCPOS_DECODE_OK;
}

/* GS v 0 m xL xH yL yH d1..dk: one raster band, k = x * y. */
static enum escpos_decode_err raster(struct dec *s)
{
	const uint8_t *p = s->d + s->pos;
	enum escpos_decode_err e;
	struct escpos_item *it;
	struct bitmap *bm;
	size_t x, y, k;
	int m;

	if ((e = need(s, 8, "GS v 0")))
		return e;
	m = p[3];
	if (!(m <= 3 || (m >= 48 && m <= 51)))
		return fail(s, ESCPOS_DECODE_MALFORMED, "GS v 0 mode %d is not 0-3 or 48-51", m);
	x = (size_t)p[4] | (size_t)p[5] << 8;
	y = (size_t)p[6] | (size_t)p[7] << 8;
	if (x == 0 || y == 0)
		return fail(s, ESCPOS_DECODE_MALFORMED, "GS v 0 of %zu x %zu bytes is empty", x, y);
	if (x * 8 > BITMAP_MAX_SIDE)
		return fail(s, ESCPOS_DECODE_MALFORMED, "GS v 0 of %zu dots is too wide", x * 8);
	k = x * y;
	if (left(s) - 8 < k)
		return fail(s, ESCPOS_DECODE_TRUNCATED, "GS v 0 needs %zu data bytes, %zu left", k,
		            left(s) - 8);
	bm = bitmap_new((int)(x * 8), (int)y);
	if (!bm)
		return fail(s, ESCPOS_DECODE_NOMEM, "out of memory");
	for (size_t r = 0; r < y; r++)
		memcpy(bitmap_row_mut(bm, (int)r), p + 8 + r * x, x);
	if ((e = take(s, ESCPOS_RASTER, 8 + k, &it))) {
		bitmap_free(bm);
		return e;
	}
	it->scale = m & 3;
	it->image = bm;
	return ESCPOS_DECODE_OK;
}

/* GS V m [n]: cut, with or without a feed first. */
static enum escpos_decode_err cut(struct dec *s)
{
	enum escpos_decode_err e;
	struct escpos_item *it;
	int m;

	if ((e = need(s, 3, "GS V")))
		return e;
	m = s->d[s->pos + 2];
	switch (m) {
	case 0: case 1: case 48: case 49:
		if ((e = take(s, ESCPOS_CUT, 3, &it)))
			return e;
		it->partial = (m & 1) != 0;
		it->n = -1;
		return ESCPOS_DECODE_OK;
	case 65: case 66: case 97: case 98: case 103: case 104:
		if ((e = need(s, 4, "GS V with feed")))
			return e;
		if ((e = take(s, ESCPOS_CUT, 4, &it)))
			return e;
		it->partial = m == 66 || m == 98 || m == 104;
		it->n = s->d[s->pos - 1];
		return ESCPOS_DECODE_OK;
	default:
		return fail(s, ESCPOS_DECODE_MALFORMED, "GS V mode %d is not a cut", m);
	}
}

/* ESC * m nL nH d1..dk: column bit image, k = n (8-dot) or 3n (24-dot). */
static enum escpos_decode_err column_image(struct dec *s)
{
	enum escpos_decode_err e;
	size_t n, k;
	int m;

	if ((e = need(s, 5, "ESC *")))
		return e;
	m = s->d[s->pos + 2];
	n = (size_t)s->d[s->pos + 3] | (size_t)s->d[s->pos + 4] << 8;
	if (m == 0 || m == 1)
		k = n;
	else if (m == 32 || m == 33)
		k = 3 * n;
	else
		return fail(s, ESCPOS_DECODE_MALFORMED, "ESC * mode %d is not 0, 1, 32 or 33", m);
	if ((e = need(s, 5 + k, "ESC *")))
		return e;
	return take(s, ESCPOS_OTHER, 5 + k, NULL);
}

/* Commands ending at a NUL: ESC D tab stops (at most 32), GS k barcodes of
 * form A (at most 255 characters). */
static enum escpos_decode_err nul_ended(struct dec *s, size_t head, size_t max, const char *what)
{
	for (size_t i = head; i < left(s) && i <= head + max; i++)
		if (s->d[s->pos + i] == NUL)
			return take(s, ESCPOS_OTHER, i + 1, NULL);
	if (left(s) <= head + max)
		return fail(s, ESCPOS_DECODE_TRUNCATED, "%s ends before its NUL", what);
	return fail(s, ESCPOS_DECODE_MALFORMED, "%s has no NUL within %zu bytes", what, max);
}

/* GS k m ...: barcode, NUL-ended (m 0-6) or with a length byte (m 65-79). */
static enum escpos_decode_err barcode(struct dec *s)
{
	enum escpos_decode_err e;
	int m;

	if ((e = need(s, 3, "GS k")))
		return e;
	m = s->d[s->pos + 2];
	if (m <= 6)
		return nul_ended(s, 3, 255, "GS k");
	if (m >= 65 && m <= 79) {
		if ((e = need(s, 4, "GS k")))
			return e;
		if ((e = need(s, 4 + (size_t)s->d[s->pos + 3], "GS k")))
			return e;
		return take(s, ESCPOS_OTHER, 4 + (size_t)s->d[s->pos + 3], NULL);
	}
	return fail(s, ESCPOS_DECODE_MALFORMED, "GS k barcode system %d is unknown", m);
}

/* GS ( X pL pH d1..dk, k = pL + 256 pH. */
static enum escpos_decode_err gs_paren(struct dec *s)
{
	enum escpos_decode_err e;
	size_t k;
	uint8_t fn;

	if ((e = need(s, 5, "GS (")))
		return e;
	fn = s->d[s->pos + 2];
	if (fn == 0 || !strchr(gs_paren_fns, fn))
		return fail(s, ESCPOS_DECODE_UNKNOWN, "GS ( 0x%02x is unknown", fn);
	k = (size_t)s->d[s->pos + 3] | (size_t)s->d[s->pos + 4] << 8;
	if ((e = need(s, 5 + k, "GS (")))
		return e;
	return take(s, ESCPOS_OTHER, 5 + k, NULL);
}

/* GS 8 L p1 p2 p3 p4 d1..dk: large graphics data, k = p1 + ... + p4 << 24. */
static enum escpos_decode_err gs_eight(struct dec *s)
{
	enum escpos_decode_err e;
	const uint8_t *p = s->d + s->pos;
	size_t k;

	if ((e = need(s, 7, "GS 8 L")))
		return e;
	if (p[2] != 'L')
		return fail(s, ESCPOS_DECODE_UNKNOWN, "GS 8 0x%02x is unknown", p[2]);
	k = (size_t)p[3] | (size_t)p[4] << 8 | (size_t)p[5] << 16 | (size_t)p[6] << 24;
	if (k > left(s) - 7)
		return fail(s, ESCPOS_DECODE_TRUNCATED, "GS 8 L needs %zu data bytes, %zu left", k,
		            left(s) - 7);
	return take(s, ESCPOS_OTHER, 7 + k, NULL);
}

/* GS * x y d1..dk: define downloaded bit image, k = x * y * 8. */
static enum escpos_decode_err gs_star(struct dec *s)
{
	enum escpos_decode_err e;
	size_t k;

	if ((e = need(s, 4, "GS *")))
		return e;
	k = (size_t)s->d[s->pos + 2] * (size_t)s->d[s->pos + 3] * 8;
	if ((e = need(s, 4 + k, "GS *")))
		return e;
	return take(s, ESCPOS_OTHER, 4 + k, NULL);
}

/* DLE DC4 fn ...: real-time pulse (fn 1), power off (2), clear buffer (8). */
static enum escpos_decode_err dle_dc4(struct dec *s)
{
	enum escpos_decode_err e;
	int fn;

	if ((e = need(s, 3, "DLE DC4")))
		return e;
	fn = s->d[s->pos + 2];
	switch (fn) {
	case 1: case 2:
		if ((e = need(s, 5, "DLE DC4")))
			return e;
		return take(s, ESCPOS_OTHER, 5, NULL);
	case 7:
		if ((e = need(s, 4, "DLE DC4")))
			return e;
		return take(s, ESCPOS_OTHER, 4, NULL);
	case 8:
		if ((e = need(s, 10, "DLE DC4")))
			return e;
		return take(s, ESCPOS_OTHER, 10, NULL);
	default:
		return fail(s, ESCPOS_DECODE_MALFORMED, "DLE DC4 function %d is unknown", fn);
	}
}

static enum escpos_decode_err fixed(struct dec *s, const struct fixed_cmd *c)
{
	enum escpos_decode_err e;
	struct escpos_item *it;
	char what[16];

	snprintf(what, sizeof what, "%s %c", lead_name(c->lead),
	         c->b1 >= 0x20 && c->b1 < 0x7f ? c->b1 : '?');
	if ((e = need(s, c->len, what)))
		return e;
	if (c->kind == ESCPOS_STATUS && (s->d[s->pos + 2] < 1 || s->d[s->pos + 2] > 4))
		return fail(s, ESCPOS_DECODE_MALFORMED, "DLE EOT %d is not 1-4", s->d[s->pos + 2]);
	if ((e = take(s, c->kind, c->len, &it)))
		return e;
	switch (c->kind) {
	case ESCPOS_FEED_LINES:
	case ESCPOS_FEED_DOTS:
		it->n = s->d[s->pos - 1];
		break;
	case ESCPOS_CUT:
		it->partial = c->b1 == 'm';
		it->n = -1;
		break;
	case ESCPOS_STATUS:
		it->n = s->d[s->pos - 1];
		break;
	default:
		break;
	}
	return ESCPOS_DECODE_OK;
}

/* One command starting with ESC, GS, FS or DLE. */
static enum escpos_decode_err command(struct dec *s)
{
	uint8_t lead = s->d[s->pos], b1;

	if (left(s) < 2)
		return fail(s, ESCPOS_DECODE_TRUNCATED, "%s at the end of the input",
		            lead_name(lead));
	b1 = s->d[s->pos + 1];
	for (size_t i = 0; i < sizeof fixed_cmds / sizeof fixed_cmds[0]; i++)
		if (fixed_cmds[i].lead == lead && fixed_cmds[i].b1 == b1)
			return fixed(s, &fixed_cmds[i]);
	if (lead == ESCPOS_GS && b1 == 'v') {
		if (left(s) >= 3 && s->d[s->pos + 2] != '0')
			return fail(s, ESCPOS_DECODE_UNKNOWN, "GS v 0x%02x is unknown",
			            s->d[s->pos + 2]);
		return raster(s);
	}
	if (lead == ESCPOS_GS && b1 == 'V')
		return cut(s);
	if (lead == ESCPOS_GS && b1 == 'k')
		return barcode(s);
	if (lead == ESCPOS_GS && b1 == '(')
		return gs_paren(s);
	if (lead == ESCPOS_GS && b1 == '8')
		return gs_eight(s);
	if (lead == ESCPOS_GS && b1 == '*')
		return gs_star(s);
	if (lead == ESCPOS_ESC && b1 == '*')
		return column_image(s);
	if (lead == ESCPOS_ESC && b1 == 'D')
		return nul_ended(s, 2, 32, "ESC D");
	if (lead == ESCPOS_ESC && b1 == 'c') {
		enum escpos_decode_err e = need(s, 4, "ESC c");
		if (e)
			return e;
		if (s->d[s->pos + 2] < '3' || s->d[s->pos + 2] > '5')
			return fail(s, ESCPOS_DECODE_UNKNOWN, "ESC c 0x%02x is unknown",
			            s->d[s->pos + 2]);
		return take(s, ESCPOS_OTHER, 4, NULL);
	}
	if (lead == ESCPOS_DLE && b1 == DC4)
		return dle_dc4(s);
	if (b1 >= 0x21 && b1 < 0x7f)
		return fail(s, ESCPOS_DECODE_UNKNOWN, "%s %c (0x%02x) is unknown",
		            lead_name(lead), b1, b1);
	return fail(s, ESCPOS_DECODE_UNKNOWN, "%s 0x%02x is unknown", lead_name(lead), b1);
}

static enum escpos_decode_err text(struct dec *s)
{
	size_t n = 0;
	struct escpos_item *it;
	enum escpos_decode_err e;

	while (n < left(s) && s->d[s->pos + n] >= 0x20)
		n++;
	if ((e = take(s, ESCPOS_TEXT, n, &it)))
		return e;
	it->n = n > 0x7fffffff ? 0x7fffffff : (int)n;
	return ESCPOS_DECODE_OK;
}

enum escpos_decode_err escpos_decode(const uint8_t *data, size_t len, struct escpos_doc **out,
                                     char *err, size_t errlen)
{
	struct dec s = { .d = data, .len = len, .err = err, .errlen = errlen };
	enum escpos_decode_err e = ESCPOS_DECODE_OK;
	struct escpos_item *it;

	if (err && errlen)
		err[0] = '\0';
	if (!out)
		return ESCPOS_DECODE_MALFORMED;
	*out = NULL;
	if (!data && len)
		return fail(&s, ESCPOS_DECODE_MALFORMED, "no data");
	s.doc = calloc(1, sizeof *s.doc);
	if (!s.doc)
		return fail(&s, ESCPOS_DECODE_NOMEM, "out of memory");
	while (!e && s.pos < len) {
		uint8_t b = data[s.pos];
		switch (b) {
		case ESCPOS_ESC: case ESCPOS_GS: case FS: case ESCPOS_DLE:
			e = command(&s);
			break;
		case LF:
			if (!(e = take(&s, ESCPOS_FEED_LINES, 1, &it)))
				it->n = 1;
			break;
		case CR: case HT: case FF: case CAN: case NUL:
			e = take(&s, ESCPOS_OTHER, 1, NULL);
			break;
		default:
			if (b >= 0x20)
				e = text(&s);
			else
				e = fail(&s, ESCPOS_DECODE_UNKNOWN,
				         "control byte 0x%02x is unknown", b);
		}
	}
	if (e) {
		escpos_doc_free(s.doc);
		return e;
	}
	*out = s.doc;
	return ESCPOS_DECODE_OK;
}

void escpos_doc_free(struct escpos_doc *doc)
{
	if (!doc)
		return;
	for (int i = 0; i < doc->n; i++)
		bitmap_free((struct bitmap *)doc->items[i].image);
	free(doc->items);
	free(doc);
}

int escpos_doc_count(const struct escpos_doc *doc)
{
	return doc->n;
}

const struct escpos_item *escpos_doc_item(const struct escpos_doc *doc, int i)
{
	if (i < 0 || i >= doc->n)
		return NULL;
	return &doc->items[i];
}

int escpos_doc_count_kind(const struct escpos_doc *doc, enum escpos_kind kind)
{
	int n = 0;

	for (int i = 0; i < doc->n; i++)
		n += doc->items[i].kind == kind;
	return n;
}

/* Does item i continue the image of item i - 1? */
static bool continues(const struct escpos_doc *doc, int i)
{
	const struct escpos_item *a, *b;

	if (i <= 0)
		return false;
	a = &doc->items[i - 1];
	b = &doc->items[i];
	return a->kind == ESCPOS_RASTER && b->kind == ESCPOS_RASTER &&
	       a->scale == b->scale && bitmap_width(a->image) == bitmap_width(b->image);
}

int escpos_doc_n_images(const struct escpos_doc *doc)
{
	int n = 0;

	for (int i = 0; i < doc->n; i++)
		if (doc->items[i].kind == ESCPOS_RASTER && !continues(doc, i))
			n++;
	return n;
}

struct bitmap *escpos_doc_image(const struct escpos_doc *doc, int k)
{
	int first = -1, end, seen = 0, stride;
	long height = 0;
	struct bitmap *bm;

	for (int i = 0; i < doc->n && first < 0; i++)
		if (doc->items[i].kind == ESCPOS_RASTER && !continues(doc, i) &&
		    seen++ == k)
			first = i;
	if (first < 0)
		return NULL;
	for (end = first; end < doc->n && (end == first || continues(doc, end)); end++)
		height += bitmap_height(doc->items[end].image);
	if (height > BITMAP_MAX_SIDE)
		return NULL;
	bm = bitmap_new(bitmap_width(doc->items[first].image), (int)height);
	if (!bm)
		return NULL;
	stride = bitmap_stride(bm);
	for (int i = first, y = 0; i < end; i++) {
		const struct bitmap *band = doc->items[i].image;
		for (int r = 0; r < bitmap_height(band); r++, y++)
			memcpy(bitmap_row_mut(bm, y), bitmap_row(band, r), (size_t)stride);
	}
	return bm;
}

const char *escpos_kind_name(enum escpos_kind kind)
{
	switch (kind) {
	case ESCPOS_INIT: return "init";
	case ESCPOS_RASTER: return "raster";
	case ESCPOS_FEED_LINES: return "feed-lines";
	case ESCPOS_FEED_DOTS: return "feed-dots";
	case ESCPOS_CUT: return "cut";
	case ESCPOS_TEXT: return "text";
	case ESCPOS_STATUS: return "status";
	case ESCPOS_OTHER: return "other";
	}
	return "?";
}

const char *escpos_decode_err_name(enum escpos_decode_err err)
{
	switch (err) {
	case ESCPOS_DECODE_OK: return "ok";
	case ESCPOS_DECODE_TRUNCATED: return "truncated";
	case ESCPOS_DECODE_MALFORMED: return "malformed";
	case ESCPOS_DECODE_UNKNOWN: return "unknown";
	case ESCPOS_DECODE_NOMEM: return "out of memory";
	}
	return "?";
}
