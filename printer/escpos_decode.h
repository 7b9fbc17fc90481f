/* Reads ESC/POS bytes back: raster images, feeds, cuts, text, status queries.
 * Tests check what the encoder wrote with it; it must never crash on input
 * (it is fuzzed: tests/fuzz/fuzz_escpos_decode.c). Commands it knows the
 * length of but not the meaning are kept as ESCPOS_OTHER; anything else is
 * refused, naming the offset. */
#ifndef FRONTA_PRINTER_ESCPOS_DECODE_H
#define FRONTA_PRINTER_ESCPOS_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bitmap;
struct escpos_doc;

enum escpos_kind {
	ESCPOS_INIT,        /* ESC @ */
	ESCPOS_RASTER,      /* GS v 0: an image band */
	ESCPOS_FEED_LINES,  /* ESC d n, LF (n = 1) */
	ESCPOS_FEED_DOTS,   /* ESC J n */
	ESCPOS_CUT,         /* GS V, ESC i, ESC m */
	ESCPOS_TEXT,        /* a run of printable bytes (0x20..0xff) */
	ESCPOS_STATUS,      /* DLE EOT n */
	ESCPOS_OTHER        /* a known command that makes no dots here (modes, barcodes...) */
};

struct escpos_item {
	enum escpos_kind kind;
	size_t offset;             /* of the command's first byte in the input */
	size_t length;             /* bytes of the command, data included */
	int n;                     /* FEED_*: amount; STATUS: n; TEXT: bytes; CUT: extra feed
	                            * in dots (-1: none asked) */
	bool partial;              /* CUT: partial (one point left uncut) */
	int scale;                 /* RASTER: m (0 normal, 1 double width, 2 double
	                            * height, 3 both) */
	const struct bitmap *image;/* RASTER: the band, owned by the document */
	uint8_t cmd[3];            /* OTHER: the command's first bytes, for messages */
};

enum escpos_decode_err {
	ESCPOS_DECODE_OK = 0,
	ESCPOS_DECODE_TRUNCATED,   /* the input ends inside a command */
	ESCPOS_DECODE_MALFORMED,   /* a known command with parameters out of range */
	ESCPOS_DECODE_UNKNOWN,     /* a command or control byte this decoder does not know */
	ESCPOS_DECODE_NOMEM
};

/* Decodes len bytes. On success *out is a new document (free with
 * escpos_doc_free). On failure *out is NULL and err (if not NULL) says what
 * and at which offset, e.g. "offset 1234: GS v 0 needs 4032 data bytes, 17
 * left". Memory used is bounded by a small multiple of len. */
enum escpos_decode_err escpos_decode(const uint8_t *data, size_t len, struct escpos_doc **out,
                                     char *err, size_t errlen);

void escpos_doc_free(struct escpos_doc *doc);

/* Number of items, and item i (0 <= i < count), owned by doc. */
int escpos_doc_count(const struct escpos_doc *doc);
const struct escpos_item *escpos_doc_item(const struct escpos_doc *doc, int i);

/* How many items of a kind there are. */
int escpos_doc_count_kind(const struct escpos_doc *doc, enum escpos_kind kind);

/* Images: runs of consecutive RASTER items of one width and scale, nothing
 * in between, stacked as the printer would print them. The number of images,
 * and image k as a new bitmap (free with bitmap_free), or NULL if k is out of
 * range or memory runs out. */
int escpos_doc_n_images(const struct escpos_doc *doc);
struct bitmap *escpos_doc_image(const struct escpos_doc *doc, int k);

/* "init", "raster", "cut"... for listings. Never NULL. */
const char *escpos_kind_name(enum escpos_kind kind);

/* "truncated", "malformed", ... Never NULL. */
const char *escpos_decode_err_name(enum escpos_decode_err err);

#endif
