/* 1-bit bitmaps and their conversion from grey and 32-bit colour pixels. */
#include "printer/bitmap.h"

#include <stdlib.h>
#include <string.h>

struct bitmap {
	int width, height, stride;
	uint8_t *bits;   /* height * stride bytes */
};

struct bitmap *bitmap_new(int width, int height)
{
	struct bitmap *bm;

	if (width < 1 || height < 1 || width > BITMAP_MAX_SIDE || height > BITMAP_MAX_SIDE)
		return NULL;
	bm = calloc(1, sizeof *bm);
	if (!bm)
		return NULL;
	bm->width = width;
	bm->height = height;
	bm->stride = (width + 7) / 8;
	bm->bits = calloc((size_t)bm->stride * (size_t)height, 1);
	if (!bm->bits) {
		free(bm);
		return NULL;
	}
	return bm;
}

struct bitmap *bitmap_copy(const struct bitmap *bm)
{
	struct bitmap *c = bitmap_new(bm->width, bm->height);

	if (c)
		memcpy(c->bits, bm->bits, (size_t)bm->stride * (size_t)bm->height);
	return c;
}

void bitmap_free(struct bitmap *bm)
{
	if (!bm)
		return;
	free(bm->bits);
	free(bm);
}

int bitmap_width(const struct bitmap *bm) { return bm->width; }
int bitmap_height(const struct bitmap *bm) { return bm->height; }
int bitmap_stride(const struct bitmap *bm) { return bm->stride; }

const uint8_t *bitmap_row(const struct bitmap *bm, int y)
{
	return bm->bits + (size_t)y * (size_t)bm->stride;
}

uint8_t *bitmap_row_mut(struct bitmap *bm, int y)
{
	return bm->bits + (size_t)y * (size_t)bm->stride;
}

bool bitmap_get(const struct bitmap *bm, int x, int y)
{
	if (x < 0 || y < 0 || x >= bm->width || y >= bm->height)
		return false;
	return (bitmap_row(bm, y)[x >> 3] >> (7 - (x & 7))) & 1;
}

void bitmap_set(struct bitmap *bm, int x, int y, bool black)
{
	uint8_t *b;

	if (x < 0 || y < 0 || x >= bm->width || y >= bm->height)
		return;
	b = &bitmap_row_mut(bm, y)[x >> 3];
	if (black)
		*b |= (uint8_t)(0x80 >> (x & 7));
	else
		*b &= (uint8_t)~(0x80 >> (x & 7));
}

bool bitmap_equal(const struct bitmap *a, const struct bitmap *b)
{
	return a->width == b->width && a->height == b->height &&
	       memcmp(a->bits, b->bits, (size_t)a->stride * (size_t)a->height) == 0;
}

long bitmap_count_black(const struct bitmap *bm)
{
	size_t n = (size_t)bm->stride * (size_t)bm->height;
	long count = 0;

	for (size_t i = 0; i < n; i++)
		count += __builtin_popcount(bm->bits[i]);
	return count;
}

/* Turns rows of grey into dots one row at a time, so that a 32-bit source
 * needs only one row of grey at once. */
struct quantizer {
	struct bitmap *bm;
	enum bitmap_mode mode;
	int threshold;
	int *err_cur, *err_next;   /* width + 2 each, 16 x the diffused error */
};

static int quantizer_init(struct quantizer *q, int width, int height, enum bitmap_mode mode,
                          int threshold)
{
	memset(q, 0, sizeof *q);
	if (threshold < 1 || threshold > 255 || (mode != BITMAP_THRESHOLD && mode != BITMAP_DITHER))
		return -1;
	q->bm = bitmap_new(width, height);
	if (!q->bm)
		return -1;
	q->mode = mode;
	q->threshold = threshold;
	if (mode == BITMAP_DITHER) {
		q->err_cur = calloc((size_t)width + 2, sizeof(int));
		q->err_next = calloc((size_t)width + 2, sizeof(int));
		if (!q->err_cur || !q->err_next) {
			free(q->err_cur);
			free(q->err_next);
			bitmap_free(q->bm);
			return -1;
		}
	}
	return 0;
}

static void quantizer_row(struct quantizer *q, int y, const uint8_t *grey)
{
	uint8_t *row = bitmap_row_mut(q->bm, y);
	int w = q->bm->width;

	if (q->mode == BITMAP_THRESHOLD) {
		for (int x = 0; x < w; x++)
			if (grey[x] < q->threshold)
				row[x >> 3] |= (uint8_t)(0x80 >> (x & 7));
		return;
	}
	/* Floyd-Steinberg, left to right. Errors are kept 16 times larger so that
	 * the 7/16, 3/16, 5/16, 1/16 shares stay integers. */
	int *cur = q->err_cur, *next = q->err_next;
	memset(next, 0, ((size_t)w + 2) * sizeof(int));
	for (int x = 0; x < w; x++) {
		int v16 = grey[x] * 16 + cur[x + 1] / 16;
		int black = v16 < q->threshold * 16;
		int err = v16 - (black ? 0 : 255 * 16);
		if (black)
			row[x >> 3] |= (uint8_t)(0x80 >> (x & 7));
		cur[x + 2] += err * 7;
		next[x] += err * 3;
		next[x + 1] += err * 5;
		next[x + 2] += err;
	}
	q->err_cur = next;
	q->err_next = cur;
}

static struct bitmap *quantizer_done(struct quantizer *q)
{
	free(q->err_cur);
	free(q->err_next);
	return q->bm;
}

struct bitmap *bitmap_from_grey(const uint8_t *pixels, int width, int height, int pitch,
                                enum bitmap_mode mode, int threshold)
{
	struct quantizer q;

	if (!pixels || pitch < width || quantizer_init(&q, width, height, mode, threshold) < 0)
		return NULL;
	for (int y = 0; y < height; y++)
		quantizer_row(&q, y, pixels + (size_t)y * (size_t)pitch);
	return quantizer_done(&q);
}

/* Where each channel sits in a native uint32_t pixel; a_shift < 0: opaque. */
struct layout {
	int r_shift, g_shift, b_shift, a_shift;
};

static int layout_of(uint32_t format, struct layout *l)
{
	switch (format) {
	case BITMAP_FMT_XRGB8888: *l = (struct layout){ 16, 8, 0, -1 }; return 0;
	case BITMAP_FMT_RGBX8888: *l = (struct layout){ 24, 16, 8, -1 }; return 0;
	case BITMAP_FMT_ARGB8888: *l = (struct layout){ 16, 8, 0, 24 }; return 0;
	case BITMAP_FMT_RGBA8888: *l = (struct layout){ 24, 16, 8, 0 }; return 0;
	case BITMAP_FMT_XBGR8888: *l = (struct layout){ 0, 8, 16, -1 }; return 0;
	case BITMAP_FMT_BGRX8888: *l = (struct layout){ 8, 16, 24, -1 }; return 0;
	case BITMAP_FMT_ABGR8888: *l = (struct layout){ 0, 8, 16, 24 }; return 0;
	case BITMAP_FMT_BGRA8888: *l = (struct layout){ 8, 16, 24, 0 }; return 0;
	default: return -1;
	}
}

struct bitmap *bitmap_from_pixels32(const void *pixels, int width, int height, int pitch,
                                    uint32_t format, enum bitmap_mode mode, int threshold)
{
	struct quantizer q;
	struct layout l;
	uint8_t *grey;

	if (!pixels || layout_of(format, &l) < 0 || width < 1 || pitch % 4 != 0 ||
	    pitch / 4 < width)
		return NULL;
	grey = malloc((size_t)width);
	if (!grey)
		return NULL;
	if (quantizer_init(&q, width, height, mode, threshold) < 0) {
		free(grey);
		return NULL;
	}
	for (int y = 0; y < height; y++) {
		const uint32_t *src = (const uint32_t *)((const uint8_t *)pixels +
		                                         (size_t)y * (size_t)pitch);
		for (int x = 0; x < width; x++) {
			uint32_t p = src[x];
			unsigned r = (p >> l.r_shift) & 0xff, g = (p >> l.g_shift) & 0xff;
			unsigned b = (p >> l.b_shift) & 0xff;
			unsigned a = l.a_shift < 0 ? 255 : (p >> l.a_shift) & 0xff;
			unsigned lum = (299 * r + 587 * g + 114 * b + 500) / 1000;
			/* Transparent parts are paper: compose over white. */
			grey[x] = (uint8_t)((lum * a + 255 * (255 - a) + 127) / 255);
		}
		quantizer_row(&q, y, grey);
	}
	free(grey);
	return quantizer_done(&q);
}
