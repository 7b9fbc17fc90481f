/* 1-bit bitmaps: packing, grey and 32-bit conversion, dithering. The pixel
 * format numbers are checked against SDL's own headers (headers only: the
 * library itself never sees SDL). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL_pixels.h>

#include "printer/bitmap.h"

static void test_new_is_white_and_packed_msb_first(void **state)
{
	struct bitmap *bm = bitmap_new(13, 3);

	(void)state;
	assert_non_null(bm);
	assert_int_equal(bitmap_width(bm), 13);
	assert_int_equal(bitmap_height(bm), 3);
	assert_int_equal(bitmap_stride(bm), 2);
	assert_int_equal(bitmap_count_black(bm), 0);
	bitmap_set(bm, 0, 0, true);
	bitmap_set(bm, 9, 1, true);
	bitmap_set(bm, 12, 2, true);
	bitmap_set(bm, 13, 2, true);    /* outside: ignored */
	bitmap_set(bm, -1, 0, true);
	assert_int_equal(bitmap_row(bm, 0)[0], 0x80);
	assert_int_equal(bitmap_row(bm, 1)[1], 0x40);
	assert_int_equal(bitmap_row(bm, 2)[1], 0x08);
	assert_true(bitmap_get(bm, 9, 1));
	assert_false(bitmap_get(bm, 8, 1));
	assert_false(bitmap_get(bm, 13, 2));
	assert_int_equal(bitmap_count_black(bm), 3);
	bitmap_set(bm, 9, 1, false);
	assert_int_equal(bitmap_row(bm, 1)[1], 0);

	struct bitmap *c = bitmap_copy(bm);
	assert_true(bitmap_equal(bm, c));
	bitmap_set(c, 5, 2, true);
	assert_false(bitmap_equal(bm, c));
	bitmap_free(c);
	bitmap_free(bm);
}

static void test_new_refuses_bad_sizes(void **state)
{
	(void)state;
	assert_null(bitmap_new(0, 10));
	assert_null(bitmap_new(10, 0));
	assert_null(bitmap_new(-5, 10));
	assert_null(bitmap_new(BITMAP_MAX_SIDE + 1, 1));
	assert_null(bitmap_new(1, BITMAP_MAX_SIDE + 1));
	bitmap_free(NULL);
}

static void test_grey_threshold(void **state)
{
	/* 10 wide with a pitch of 12: the two extra bytes must be ignored. */
	uint8_t px[2 * 12];
	struct bitmap *bm;

	(void)state;
	for (int x = 0; x < 12; x++) {
		px[x] = (uint8_t)(x * 25);     /* 0, 25, ..., 225; then 250, 275->19 */
		px[12 + x] = 0;                /* row 1: black, but pitch padding 0 too */
	}
	px[10] = px[11] = 0;             /* padding that would be black */
	bm = bitmap_from_grey(px, 10, 2, 12, BITMAP_THRESHOLD, 128);
	assert_non_null(bm);
	for (int x = 0; x < 10; x++)
		assert_int_equal(bitmap_get(bm, x, 0), x * 25 < 128);
	for (int x = 0; x < 10; x++)
		assert_true(bitmap_get(bm, x, 1));
	/* padding bits past the width stay white */
	assert_int_equal(bitmap_row(bm, 1)[1] & 0x3f, 0);
	assert_int_equal(bitmap_count_black(bm), 6 + 10);
	bitmap_free(bm);

	assert_null(bitmap_from_grey(px, 10, 2, 9, BITMAP_THRESHOLD, 128));   /* pitch < width */
	assert_null(bitmap_from_grey(px, 10, 2, 12, BITMAP_THRESHOLD, 0));
	assert_null(bitmap_from_grey(px, 10, 2, 12, BITMAP_THRESHOLD, 256));
	assert_null(bitmap_from_grey(NULL, 10, 2, 12, BITMAP_THRESHOLD, 128));
}

/* A flat grey dithers to about its share of black dots; pure black and pure
 * white stay so. */
static void test_dither_keeps_tone(void **state)
{
	enum { W = 200, H = 100 };
	static uint8_t px[W * H];
	const int greys[] = { 0, 32, 64, 128, 192, 224, 255 };

	(void)state;
	for (size_t g = 0; g < sizeof greys / sizeof greys[0]; g++) {
		memset(px, greys[g], sizeof px);
		struct bitmap *bm = bitmap_from_grey(px, W, H, W, BITMAP_DITHER, 128);
		assert_non_null(bm);
		double black = (double)bitmap_count_black(bm) / (W * H);
		double want = 1.0 - greys[g] / 255.0;
		if (black < want - 0.02 || black > want + 0.02)
			fail_msg("grey %d: %.3f black, want %.3f", greys[g], black, want);
		/* and not as a threshold would: 128 alone would give all white */
		bitmap_free(bm);
	}
	/* A thresholded 50% grey is all one colour; dithered it is mixed. */
	memset(px, 130, sizeof px);
	struct bitmap *t = bitmap_from_grey(px, W, H, W, BITMAP_THRESHOLD, 128);
	struct bitmap *d = bitmap_from_grey(px, W, H, W, BITMAP_DITHER, 128);
	assert_int_equal(bitmap_count_black(t), 0);
	assert_in_range(bitmap_count_black(d), W * H * 40 / 100, W * H * 60 / 100);
	bitmap_free(t);
	bitmap_free(d);
}

/* A left-to-right grey ramp: dithering gets darker towards black. */
static void test_dither_ramp(void **state)
{
	enum { W = 256, H = 64 };
	static uint8_t px[W * H];
	long left = 0, right = 0;

	(void)state;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			px[y * W + x] = (uint8_t)x;
	struct bitmap *bm = bitmap_from_grey(px, W, H, W, BITMAP_DITHER, 128);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < 64; x++) {
			left += bitmap_get(bm, x, y);
			right += bitmap_get(bm, W - 1 - x, y);
		}
	assert_true(left > 3 * right);
	assert_true(left > 64 * H * 3 / 4);
	bitmap_free(bm);
}

static void test_formats_are_sdls(void **state)
{
	(void)state;
	assert_int_equal(BITMAP_FMT_XRGB8888, SDL_PIXELFORMAT_RGB888);
	assert_int_equal(BITMAP_FMT_RGBX8888, SDL_PIXELFORMAT_RGBX8888);
	assert_int_equal(BITMAP_FMT_ARGB8888, SDL_PIXELFORMAT_ARGB8888);
	assert_int_equal(BITMAP_FMT_RGBA8888, SDL_PIXELFORMAT_RGBA8888);
	assert_int_equal(BITMAP_FMT_XBGR8888, SDL_PIXELFORMAT_BGR888);
	assert_int_equal(BITMAP_FMT_BGRX8888, SDL_PIXELFORMAT_BGRX8888);
	assert_int_equal(BITMAP_FMT_ABGR8888, SDL_PIXELFORMAT_ABGR8888);
	assert_int_equal(BITMAP_FMT_BGRA8888, SDL_PIXELFORMAT_BGRA8888);
	/* SDL_ttf renders ARGB8888; RGBA32 is an alias that depends on byte order */
	assert_true(SDL_PIXELFORMAT_RGBA32 == BITMAP_FMT_ABGR8888 ||
	            SDL_PIXELFORMAT_RGBA32 == BITMAP_FMT_RGBA8888);
}

/* Packs r, g, b, a into a pixel of format f the way SDL does (masks). */
static uint32_t pack(uint32_t f, unsigned r, unsigned g, unsigned b, unsigned a)
{
	uint32_t rm, gm, bm, am;
	int bpp;

	SDL_PixelFormatEnumToMasks(f, &bpp, &rm, &gm, &bm, &am);
	(void)bpp;
	uint32_t p = 0;
	p |= (r * (rm & -rm)) & rm;
	p |= (g * (gm & -gm)) & gm;
	p |= (b * (bm & -bm)) & bm;
	if (am)
		p |= (a * (am & -am)) & am;
	return p;
}

static void test_pixels32_every_format(void **state)
{
	const uint32_t formats[] = { BITMAP_FMT_XRGB8888, BITMAP_FMT_RGBX8888, BITMAP_FMT_ARGB8888,
	                             BITMAP_FMT_RGBA8888, BITMAP_FMT_XBGR8888, BITMAP_FMT_BGRX8888,
	                             BITMAP_FMT_ABGR8888, BITMAP_FMT_BGRA8888 };
	/* one row: black, white, pure red (grey 76), pure green (150), pure blue
	 * (29), dark grey 100, light grey 200, transparent black (paper),
	 * half-transparent black (grey 127 -> black at 128) */
	const unsigned rgba[][4] = { { 0, 0, 0, 255 }, { 255, 255, 255, 255 }, { 255, 0, 0, 255 },
	                             { 0, 255, 0, 255 }, { 0, 0, 255, 255 }, { 100, 100, 100, 255 },
	                             { 200, 200, 200, 255 }, { 0, 0, 0, 0 }, { 0, 0, 0, 128 } };
	const bool black[] = { true, false, true, false, true, true, false, false, true };
	enum { N = sizeof rgba / sizeof rgba[0], PITCH = 64 };

	(void)state;
	for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
		uint32_t px[2 * PITCH / 4];
		bool has_alpha = SDL_ISPIXELFORMAT_ALPHA(formats[f]);
		memset(px, 0, sizeof px);
		for (size_t i = 0; i < N; i++)
			px[i] = pack(formats[f], rgba[i][0], rgba[i][1], rgba[i][2], rgba[i][3]);
		struct bitmap *bm = bitmap_from_pixels32(px, N, 1, PITCH, formats[f],
		                                         BITMAP_THRESHOLD, 128);
		assert_non_null(bm);
		for (size_t i = 0; i < N; i++) {
			/* without alpha, "transparent black" is plain black */
			bool want = i >= 7 && !has_alpha ? true : black[i];
			if (bitmap_get(bm, (int)i, 0) != want)
				fail_msg("format %s, pixel %zu: got %d", SDL_GetPixelFormatName(formats[f]), i,
				         bitmap_get(bm, (int)i, 0));
		}
		bitmap_free(bm);
	}
}

static void test_pixels32_pitch_and_refusals(void **state)
{
	/* 3x2 ARGB with a pitch of 5 pixels: the padding is black and must
	 * not leak in. */
	uint32_t px[10];

	(void)state;
	for (int i = 0; i < 10; i++)
		px[i] = 0xff000000u;                        /* black */
	px[0] = px[2] = px[6] = 0xffffffffu;            /* white */
	struct bitmap *bm = bitmap_from_pixels32(px, 3, 2, 20, BITMAP_FMT_ARGB8888,
	                                         BITMAP_THRESHOLD, 128);
	assert_non_null(bm);
	assert_false(bitmap_get(bm, 0, 0));
	assert_true(bitmap_get(bm, 1, 0));
	assert_false(bitmap_get(bm, 2, 0));
	assert_true(bitmap_get(bm, 0, 1));
	assert_false(bitmap_get(bm, 1, 1));
	assert_true(bitmap_get(bm, 2, 1));
	assert_int_equal(bitmap_count_black(bm), 3);
	bitmap_free(bm);

	assert_null(bitmap_from_pixels32(px, 3, 2, 20, SDL_PIXELFORMAT_RGB565, BITMAP_THRESHOLD, 128));
	assert_null(bitmap_from_pixels32(px, 3, 2, 8, BITMAP_FMT_ARGB8888, BITMAP_THRESHOLD, 128));
	assert_null(bitmap_from_pixels32(px, 3, 2, 18, BITMAP_FMT_ARGB8888, BITMAP_THRESHOLD, 128));
	assert_null(bitmap_from_pixels32(NULL, 3, 2, 20, BITMAP_FMT_ARGB8888, BITMAP_THRESHOLD, 128));
	assert_null(bitmap_from_pixels32(px, 0, 2, 20, BITMAP_FMT_ARGB8888, BITMAP_THRESHOLD, 128));
}

/* Dithering of a 32-bit image agrees with dithering its grey. */
static void test_pixels32_dither_matches_grey(void **state)
{
	enum { W = 97, H = 31 };
	static uint32_t px[W * H];
	static uint8_t grey[W * H];

	(void)state;
	for (int i = 0; i < W * H; i++) {
		unsigned v = (unsigned)(i * 37 % 256);
		px[i] = 0xff000000u | v << 16 | v << 8 | v;
		grey[i] = (uint8_t)v;
	}
	struct bitmap *a = bitmap_from_pixels32(px, W, H, W * 4, BITMAP_FMT_ARGB8888, BITMAP_DITHER,
	                                        128);
	struct bitmap *b = bitmap_from_grey(grey, W, H, W, BITMAP_DITHER, 128);
	assert_true(bitmap_equal(a, b));
	bitmap_free(a);
	bitmap_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_is_white_and_packed_msb_first),
		cmocka_unit_test(test_new_refuses_bad_sizes),
		cmocka_unit_test(test_grey_threshold),
		cmocka_unit_test(test_dither_keeps_tone),
		cmocka_unit_test(test_dither_ramp),
		cmocka_unit_test(test_formats_are_sdls),
		cmocka_unit_test(test_pixels32_every_format),
		cmocka_unit_test(test_pixels32_pitch_and_refusals),
		cmocka_unit_test(test_pixels32_dither_matches_grey),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
