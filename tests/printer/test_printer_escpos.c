/* The ESC/POS encoder and decoder: tickets encoded and decoded back, every
 * dot compared; the bands, feed and cut; what the decoder accepts, skips and
 * refuses. Prints how long a 576 x 1000 ticket takes to encode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "printer/bitmap.h"
#include "printer/escpos.h"
#include "printer/escpos_decode.h"
#include "tests/printer/pattern.h"

/* A known pattern: xorshift32 decides every dot. */
static uint8_t *encode(const struct bitmap *bm, bool cut, size_t *len)
{
	struct escpos_ticket_opts o = { .cut = cut, .feed_lines = ESCPOS_TICKET_FEED };
	uint8_t *b = escpos_encode_ticket(bm, &o, len);

	assert_non_null(b);
	return b;
}

static struct escpos_doc *decode_ok(const uint8_t *b, size_t len)
{
	struct escpos_doc *doc = NULL;
	char err[200];
	enum escpos_decode_err e = escpos_decode(b, len, &doc, err, sizeof err);

	if (e)
		fail_msg("decode failed: %s: %s", escpos_decode_err_name(e), err);
	return doc;
}

/* Compares dot by dot, naming the first difference. */
static void assert_same_dots(const struct bitmap *got, const struct bitmap *want)
{
	assert_int_equal(bitmap_height(got), bitmap_height(want));
	assert_int_equal(bitmap_width(got), (bitmap_width(want) + 7) / 8 * 8);
	for (int y = 0; y < bitmap_height(got); y++)
		for (int x = 0; x < bitmap_width(got); x++)
			if (bitmap_get(got, x, y) != bitmap_get(want, x, y))
				fail_msg("dot %d,%d: got %d", x, y, bitmap_get(got, x, y));
}

static void round_trip(int w, int h, bool cut)
{
	struct bitmap *src = pattern_new(w, h, (uint32_t)(w * 7919 + h));
	size_t len;
	uint8_t *b = encode(src, cut, &len);
	struct escpos_doc *doc = decode_ok(b, len);
	int stride = (w + 7) / 8, rows = escpos_band_rows(stride, 0);
	int bands = (h + rows - 1) / rows, i = 0;
	const struct escpos_item *it;

	/* ESC @, the bands, ESC d 3, and GS V 66 0 when cutting: nothing else */
	assert_int_equal(escpos_doc_count(doc), 1 + bands + 1 + (cut ? 1 : 0));
	assert_int_equal(escpos_doc_item(doc, i++)->kind, ESCPOS_INIT);
	for (int k = 0; k < bands; k++) {
		it = escpos_doc_item(doc, i++);
		assert_int_equal(it->kind, ESCPOS_RASTER);
		assert_int_equal(it->scale, 0);
		assert_int_equal(bitmap_width(it->image), stride * 8);
		assert_int_equal(bitmap_height(it->image), k < bands - 1 ? rows : h - rows * (bands - 1));
		/* the band limits hold */
		assert_true((size_t)stride * (size_t)bitmap_height(it->image) <= ESCPOS_BAND_BYTES);
		assert_true(bitmap_height(it->image) <= ESCPOS_BAND_MAX_ROWS);
		assert_int_equal(b[it->offset + 7], 0);   /* yH */
	}
	it = escpos_doc_item(doc, i++);
	assert_int_equal(it->kind, ESCPOS_FEED_LINES);
	assert_int_equal(it->n, ESCPOS_TICKET_FEED);
	if (cut) {
		it = escpos_doc_item(doc, i++);
		assert_int_equal(it->kind, ESCPOS_CUT);
		assert_true(it->partial);
		assert_int_equal(it->n, 0);
		assert_int_equal(it->offset + it->length, len);   /* the cut is last */
	}
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_CUT), cut ? 1 : 0);

	/* the bands joined give back every dot */
	assert_int_equal(escpos_doc_n_images(doc), 1);
	struct bitmap *got = escpos_doc_image(doc, 0);
	assert_non_null(got);
	assert_same_dots(got, src);
	assert_null(escpos_doc_image(doc, 1));

	bitmap_free(got);
	escpos_doc_free(doc);
	free(b);
	bitmap_free(src);
}

static void test_round_trip_384(void **state)
{
	(void)state;
	const int heights[] = { 1, 2, 84, 85, 86, 170, 171, 333, 1001 };
	for (size_t i = 0; i < sizeof heights / sizeof heights[0]; i++) {
		round_trip(384, heights[i], true);
		round_trip(384, heights[i], false);
	}
}

static void test_round_trip_576(void **state)
{
	(void)state;
	const int heights[] = { 1, 55, 56, 57, 111, 112, 113, 999, 1000 };
	for (size_t i = 0; i < sizeof heights / sizeof heights[0]; i++) {
		round_trip(576, heights[i], true);
		round_trip(576, heights[i], false);
	}
}

/* Widths that are not whole bytes come back padded with white. */
static void test_round_trip_odd_widths(void **state)
{
	(void)state;
	round_trip(1, 1, true);
	round_trip(7, 13, true);
	round_trip(383, 77, false);
	round_trip(570, 301, true);
	round_trip(832, 123, true);
}

static void test_band_rows(void **state)
{
	(void)state;
	assert_int_equal(escpos_band_rows(72, 0), 56);    /* 576 dots: 4032 bytes a band */
	assert_int_equal(escpos_band_rows(48, 0), 85);    /* 384 dots: 4080 bytes */
	assert_int_equal(escpos_band_rows(104, 0), 39);   /* 832 dots: 4056 bytes */
	assert_int_equal(escpos_band_rows(1, 0), 255);    /* yH stays 0 */
	assert_int_equal(escpos_band_rows(72, 72), 1);
	assert_int_equal(escpos_band_rows(72, 10), 1);    /* at least one row */
	assert_int_equal(escpos_band_rows(0, 0), 1);
}

/* The exact bytes for a tiny ticket, written out by hand from the manual. */
static void test_exact_bytes(void **state)
{
	struct bitmap *bm = bitmap_new(16, 3);
	struct escpos_ticket_opts o = { .cut = true, .feed_lines = 3, .band_bytes = 4 };
	size_t len;
	uint8_t *b;
	const uint8_t want[] = {
		0x1b, 0x40,                                          /* ESC @ */
		0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00,      /* GS v 0 0, 2 bytes x 2 rows */
		0x80, 0x01, 0x00, 0x00,
		0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x01, 0x00,      /* GS v 0 0, 2 bytes x 1 row */
		0xff, 0xff,
		0x1b, 0x64, 0x03,                                    /* ESC d 3 */
		0x1d, 0x56, 0x42, 0x00,                              /* GS V 66 0 */
	};

	(void)state;
	bitmap_set(bm, 0, 0, true);
	bitmap_set(bm, 15, 0, true);
	for (int x = 0; x < 16; x++)
		bitmap_set(bm, x, 2, true);
	b = escpos_encode_ticket(bm, &o, &len);
	assert_non_null(b);
	assert_int_equal(len, sizeof want);
	assert_memory_equal(b, want, sizeof want);
	free(b);

	o.cut = false;
	o.band_bytes = 0;
	b = escpos_encode_ticket(bm, &o, &len);
	assert_int_equal(len, 2 + 8 + 6 + 3);
	assert_memory_equal(b + len - 3, "\x1b\x64\x03", 3);
	free(b);

	o.feed_lines = 256;
	assert_null(escpos_encode_ticket(bm, &o, &len));
	o.feed_lines = -1;
	assert_null(escpos_encode_ticket(bm, &o, &len));
	assert_null(escpos_encode_ticket(NULL, &o, &len));
	bitmap_free(bm);

	uint8_t q[3];
	escpos_status_query(4, q);
	assert_memory_equal(q, "\x10\x04\x04", 3);
}

/* Two tickets one after the other (as the file output appends them) give
 * two images and two cuts. */
static void test_two_tickets(void **state)
{
	struct bitmap *a = pattern_new(576, 200, 1), *c = pattern_new(576, 90, 2);
	size_t la, lc;
	uint8_t *ba = encode(a, true, &la), *bc = encode(c, true, &lc);
	uint8_t *both = malloc(la + lc);

	(void)state;
	memcpy(both, ba, la);
	memcpy(both + la, bc, lc);
	struct escpos_doc *doc = decode_ok(both, la + lc);
	assert_int_equal(escpos_doc_n_images(doc), 2);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_CUT), 2);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_INIT), 2);
	struct bitmap *ga = escpos_doc_image(doc, 0), *gc = escpos_doc_image(doc, 1);
	assert_true(bitmap_equal(ga, a));
	assert_true(bitmap_equal(gc, c));
	bitmap_free(ga);
	bitmap_free(gc);
	escpos_doc_free(doc);
	free(both);
	free(ba);
	free(bc);
	bitmap_free(a);
	bitmap_free(c);
}

/* Every proper prefix of a ticket is refused as truncated (or, cut between
 * commands, decodes to fewer items), never read past its end. */
static void test_every_prefix(void **state)
{
	struct bitmap *bm = pattern_new(64, 40, 3);
	struct escpos_ticket_opts o = { .cut = true, .feed_lines = 3, .band_bytes = 64 };
	size_t len;
	uint8_t *b = escpos_encode_ticket(bm, &o, &len);

	(void)state;
	for (size_t n = 0; n < len; n++) {
		uint8_t *copy = malloc(n ? n : 1);   /* exact size: ASan sees any overread */
		memcpy(copy, b, n);
		struct escpos_doc *doc = NULL;
		char err[200];
		enum escpos_decode_err e = escpos_decode(copy, n, &doc, err, sizeof err);
		if (e == ESCPOS_DECODE_OK) {
			assert_non_null(doc);
			escpos_doc_free(doc);
		} else {
			assert_int_equal(e, ESCPOS_DECODE_TRUNCATED);
			assert_null(doc);
			assert_non_null(strstr(err, "offset "));
		}
		free(copy);
	}
	free(b);
	bitmap_free(bm);
}

struct bad_case {
	const char *what;
	const char *bytes;
	size_t len;
	enum escpos_decode_err err;
	const char *says;
};

static void test_refusals(void **state)
{
	const struct bad_case cases[] = {
		{ "GS v 0 short of data", "\x1d\x76\x30\x00\x02\x00\x02\x00\xff\xff\xff", 11,
		  ESCPOS_DECODE_TRUNCATED, "offset 0: GS v 0 needs 4 data bytes, 3 left" },
		{ "GS v 0 bad mode", "\x1d\x76\x30\x07\x01\x00\x01\x00\xff", 9,
		  ESCPOS_DECODE_MALFORMED, "mode 7" },
		{ "GS v 0 no rows", "\x1d\x76\x30\x00\x01\x00\x00\x00", 8, ESCPOS_DECODE_MALFORMED,
		  "empty" },
		{ "GS v 0 too wide", "\x1d\x76\x30\x00\xff\xff\x01\x00", 8, ESCPOS_DECODE_MALFORMED,
		  "too wide" },
		{ "GS v 1", "\x1d\x76\x31\x00", 4, ESCPOS_DECODE_UNKNOWN, "GS v 0x31" },
		{ "GS V 5", "\x1b\x40\x1d\x56\x05", 5, ESCPOS_DECODE_MALFORMED,
		  "offset 2: GS V mode 5" },
		{ "GS V 66 without n", "\x1d\x56\x42", 3, ESCPOS_DECODE_TRUNCATED, "GS V" },
		{ "unknown ESC", "ab\x1b\x7e\x01", 5, ESCPOS_DECODE_UNKNOWN,
		  "offset 2: ESC ~ (0x7e) is unknown" },
		{ "unknown GS", "\x1d\x01", 2, ESCPOS_DECODE_UNKNOWN, "GS 0x01" },
		{ "unknown control byte", "ab\x07", 3, ESCPOS_DECODE_UNKNOWN, "control byte 0x07" },
		{ "ESC alone", "\x1b", 1, ESCPOS_DECODE_TRUNCATED, "ESC at the end" },
		{ "ESC d without n", "\x1b\x64", 2, ESCPOS_DECODE_TRUNCATED, "ESC d" },
		{ "DLE EOT 9", "\x10\x04\x09", 3, ESCPOS_DECODE_MALFORMED, "DLE EOT 9" },
		{ "ESC * bad mode", "\x1b\x2a\x05\x01\x00\x00", 6, ESCPOS_DECODE_MALFORMED, "ESC *" },
		{ "ESC * short", "\x1b\x2a\x21\x02\x00\x00\x00\x00", 8, ESCPOS_DECODE_TRUNCATED,
		  "ESC *" },
		{ "GS ( unknown", "\x1d\x28\x5a\x00\x00", 5, ESCPOS_DECODE_UNKNOWN, "GS ( 0x5a" },
		{ "GS ( L short", "\x1d\x28\x4c\x05\x00\x30", 6, ESCPOS_DECODE_TRUNCATED, "GS (" },
		{ "GS 8 L huge", "\x1d\x38\x4c\xff\xff\xff\xff\x30", 8, ESCPOS_DECODE_TRUNCATED,
		  "GS 8 L" },
		{ "GS k without NUL", "\x1d\x6b\x04" "ABC", 6, ESCPOS_DECODE_TRUNCATED, "NUL" },
		{ "ESC D too long", "\x1b\x44" "012345678901234567890123456789012345", 38,
		  ESCPOS_DECODE_MALFORMED, "ESC D" },
		{ "DLE DC4 unknown", "\x10\x14\x09", 3, ESCPOS_DECODE_MALFORMED, "DLE DC4" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct escpos_doc *doc = (struct escpos_doc *)1;
		char err[200];
		enum escpos_decode_err e = escpos_decode((const uint8_t *)cases[i].bytes, cases[i].len,
		                                         &doc, err, sizeof err);
		if (e != cases[i].err || !strstr(err, cases[i].says))
			fail_msg("%s: got %s \"%s\", want %s \"%s\"", cases[i].what,
			         escpos_decode_err_name(e), err, escpos_decode_err_name(cases[i].err),
			         cases[i].says);
		assert_null(doc);
	}
}

/* A receipt from another program: text, modes, a barcode, a QR code
 * (GS ( k), a column image, a status query. Known commands are skipped with
 * their exact length, so the raster after them is still found. */
static void test_tolerates_common_commands(void **state)
{
	static const uint8_t bytes[] = {
		0x1b, 0x40,                              /* ESC @ */
		0x1b, 0x74, 0x11,                        /* ESC t 17 */
		0x1b, 0x61, 0x01,                        /* ESC a 1 */
		0x1b, 0x21, 0x30,                        /* ESC ! 0x30 */
		'A', '0', '0', '1', 0x0a,                /* text, LF */
		0x1d, 0x21, 0x11, 0x1b, 0x45, 0x01,      /* GS ! ; ESC E */
		0x1b, 0x33, 0x18, 0x1b, 0x32,            /* ESC 3 24; ESC 2 */
		0x1d, 0x68, 0x50, 0x1d, 0x77, 0x02,      /* barcode height, width */
		0x1d, 0x6b, 0x04, '1', '2', '3', 0x00,   /* GS k 4 "123" NUL */
		0x1d, 0x6b, 0x49, 0x03, '{', 'B', '1',   /* GS k 73 3 "{B1" */
		0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x05, /* GS ( k: QR module size */
		0x1b, 0x2a, 0x00, 0x02, 0x00, 0xaa, 0x55,       /* ESC * 0: 2 columns */
		0x1b, 0x2a, 0x21, 0x01, 0x00, 0x01, 0x02, 0x03, /* ESC * 33: 1 column of 3 */
		0x10, 0x04, 0x04,                        /* DLE EOT 4 */
		0x10, 0x14, 0x01, 0x00, 0x02,            /* DLE DC4 1: drawer pulse */
		0x1b, 0x70, 0x00, 0x19, 0xfa,            /* ESC p */
		0x1c, 0x2e,                              /* FS . */
		0x1b, 0x4a, 0x10,                        /* ESC J 16 */
		0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0xf0, 0x0f,  /* 8x2 raster */
		0x0d, 0x09, 0x00,                        /* CR, HT, NUL */
		0x1b, 0x69,                              /* ESC i: full cut */
		0x1d, 0x56, 0x01,                        /* GS V 1: partial cut */
		0x1d, 0x56, 0x41, 0x10,                  /* GS V 65 16: full cut after feed */
	};
	struct escpos_doc *doc = decode_ok(bytes, sizeof bytes);
	const struct escpos_item *it;

	(void)state;
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_INIT), 1);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_TEXT), 1);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_STATUS), 1);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_CUT), 3);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_RASTER), 1);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_FEED_LINES), 1);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_FEED_DOTS), 1);
	for (int i = 0; i < escpos_doc_count(doc); i++) {
		it = escpos_doc_item(doc, i);
		if (it->kind == ESCPOS_TEXT)
			assert_int_equal(it->n, 4);
		if (it->kind == ESCPOS_STATUS)
			assert_int_equal(it->n, 4);
		if (it->kind == ESCPOS_FEED_DOTS)
			assert_int_equal(it->n, 16);
	}
	struct bitmap *img = escpos_doc_image(doc, 0);
	assert_int_equal(bitmap_width(img), 8);
	assert_int_equal(bitmap_row(img, 0)[0], 0xf0);
	assert_int_equal(bitmap_row(img, 1)[0], 0x0f);
	bitmap_free(img);
	it = escpos_doc_item(doc, escpos_doc_count(doc) - 1);
	assert_int_equal(it->kind, ESCPOS_CUT);
	assert_false(it->partial);
	assert_int_equal(it->n, 16);
	it = escpos_doc_item(doc, escpos_doc_count(doc) - 2);
	assert_true(it->partial);
	assert_int_equal(it->n, -1);
	escpos_doc_free(doc);
}

/* Bands of different widths are separate images, as are bands with
 * anything in between. */
static void test_images_split(void **state)
{
	static const uint8_t bytes[] = {
		0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00, 0x81,
		0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00, 0x42,          /* joins */
		0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x01, 0x00, 0x01, 0x02,    /* wider: new */
		0x0a,
		0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x01, 0x00, 0x03, 0x04,    /* after LF: new */
		0x1d, 0x76, 0x30, 0x03, 0x02, 0x00, 0x01, 0x00, 0x05, 0x06,    /* scaled: new */
	};
	struct escpos_doc *doc = decode_ok(bytes, sizeof bytes);

	(void)state;
	assert_int_equal(escpos_doc_n_images(doc), 4);
	struct bitmap *a = escpos_doc_image(doc, 0);
	assert_int_equal(bitmap_height(a), 2);
	assert_int_equal(bitmap_row(a, 1)[0], 0x42);
	bitmap_free(a);
	struct bitmap *d = escpos_doc_image(doc, 3);
	assert_int_equal(bitmap_row(d, 0)[1], 0x06);
	assert_int_equal(escpos_doc_item(doc, 5)->scale, 3);
	bitmap_free(d);
	assert_null(escpos_doc_image(doc, 4));
	assert_null(escpos_doc_image(doc, -1));
	escpos_doc_free(doc);

	doc = decode_ok((const uint8_t *)"", 0);
	assert_int_equal(escpos_doc_count(doc), 0);
	assert_int_equal(escpos_doc_n_images(doc), 0);
	escpos_doc_free(doc);
}

/* For later benchmarks: a full 80 mm ticket, 576 x 1000 dots. */
static void test_encode_time(void **state)
{
	struct bitmap *bm = pattern_new(576, 1000, 42);
	struct escpos_ticket_opts o = { .cut = true, .feed_lines = 3 };
	const int runs = 200;
	size_t len = 0;
	int64_t t0, best = INT64_MAX, total = 0, first = 0;

	(void)state;
	for (int i = 0; i < runs; i++) {
		t0 = clock_mono_ns();
		uint8_t *b = escpos_encode_ticket(bm, &o, &len);
		int64_t dt = clock_mono_ns() - t0;
		assert_non_null(b);
		free(b);
		total += dt;
		if (i == 0)
			first = dt;
		if (dt < best)
			best = dt;
	}
	printf("# encode 576x1000 (%zu bytes, %d bands): first %.1f us, best %.1f us, "
	       "mean %.1f us over %d runs\n", len, (1000 + 55) / 56, first / 1000.0, best / 1000.0,
	       total / 1000.0 / runs, runs);

	/* and the conversion the kiosk does first: ARGB surface, dithered */
	uint32_t *px = malloc(576 * 1000 * 4);
	for (int i = 0; i < 576 * 1000; i++)
		px[i] = 0xff000000u | (uint32_t)(i * 2654435761u >> 8);
	t0 = clock_mono_ns();
	struct bitmap *d = bitmap_from_pixels32(px, 576, 1000, 576 * 4, BITMAP_FMT_ARGB8888,
	                                        BITMAP_DITHER, 128);
	int64_t dt = clock_mono_ns() - t0;
	assert_non_null(d);
	t0 = clock_mono_ns();
	struct bitmap *th = bitmap_from_pixels32(px, 576, 1000, 576 * 4, BITMAP_FMT_ARGB8888,
	                                         BITMAP_THRESHOLD, 128);
	int64_t dt2 = clock_mono_ns() - t0;
	assert_non_null(th);
	printf("# convert 576x1000 ARGB8888: dithered %.1f us, thresholded %.1f us\n", dt / 1000.0,
	       dt2 / 1000.0);
	bitmap_free(th);
	bitmap_free(d);
	free(px);
	bitmap_free(bm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_384),
		cmocka_unit_test(test_round_trip_576),
		cmocka_unit_test(test_round_trip_odd_widths),
		cmocka_unit_test(test_band_rows),
		cmocka_unit_test(test_exact_bytes),
		cmocka_unit_test(test_two_tickets),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_tolerates_common_commands),
		cmocka_unit_test(test_images_split),
		cmocka_unit_test(test_encode_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
