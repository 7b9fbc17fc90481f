/* A 1-bit image as thermal printers take it: rows packed 8 dots a byte, most
 * significant bit first, 1 = black dot (the layout of GS v 0 and of PBM). */
#ifndef FRONTA_PRINTER_BITMAP_H
#define FRONTA_PRINTER_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bitmap;

/* Largest side accepted, in dots: far above any ticket (a 832-dot printer,
 * a ticket of a few metres), low enough that width * height cannot overflow. */
#define BITMAP_MAX_SIDE 65535

/* How grey becomes black or white. */
enum bitmap_mode {
	BITMAP_THRESHOLD,   /* grey < threshold is black: sharp text */
	BITMAP_DITHER       /* Floyd-Steinberg error diffusion: pictures, logos */
};

/* 32-bit pixel formats, numbered as SDL2 numbers them (SDL_PIXELFORMAT_*),
 * so the kiosk can pass surface->format->format as a plain integer. Each
 * pixel is one native-endian uint32_t; the name orders the channels from the
 * most significant byte. X = unused (opaque). */
#define BITMAP_FMT_XRGB8888 0x16161804u   /* SDL_PIXELFORMAT_RGB888 / XRGB8888 */
#define BITMAP_FMT_RGBX8888 0x16261804u
#define BITMAP_FMT_ARGB8888 0x16362004u
#define BITMAP_FMT_RGBA8888 0x16462004u
#define BITMAP_FMT_XBGR8888 0x16561804u   /* SDL_PIXELFORMAT_BGR888 / XBGR8888 */
#define BITMAP_FMT_BGRX8888 0x16661804u
#define BITMAP_FMT_ABGR8888 0x16762004u
#define BITMAP_FMT_BGRA8888 0x16862004u

/* A new all-white bitmap of width x height dots (free with bitmap_free).
 * NULL if a side is outside 1..BITMAP_MAX_SIDE or memory runs out. */
struct bitmap *bitmap_new(int width, int height);

/* A copy of bm (free with bitmap_free), or NULL if memory runs out. */
struct bitmap *bitmap_copy(const struct bitmap *bm);

void bitmap_free(struct bitmap *bm);

int bitmap_width(const struct bitmap *bm);
int bitmap_height(const struct bitmap *bm);

/* Bytes per packed row: (width + 7) / 8. The dots of the last byte past the
 * width are always 0 (white). */
int bitmap_stride(const struct bitmap *bm);

/* Row y (0 <= y < height), stride bytes, owned by bm. */
const uint8_t *bitmap_row(const struct bitmap *bm, int y);

/* The same row, writable. Callers keep the padding bits past the width at 0. */
uint8_t *bitmap_row_mut(struct bitmap *bm, int y);

/* True if the dot at (x, y) is black; false outside the bitmap. */
bool bitmap_get(const struct bitmap *bm, int x, int y);

/* Sets the dot at (x, y) black or white; does nothing outside the bitmap. */
void bitmap_set(struct bitmap *bm, int x, int y, bool black);

/* True if both have the same size and the same dots. */
bool bitmap_equal(const struct bitmap *a, const struct bitmap *b);

/* Number of black dots. */
long bitmap_count_black(const struct bitmap *bm);

/* Converts 8-bit grey (0 = black, 255 = white), width x height pixels, rows
 * pitch bytes apart. threshold (1..255, 128 is the middle) decides black in
 * both modes. Returns a new bitmap (free with bitmap_free), or NULL if an
 * argument is out of range (pitch < width, no pixels) or memory runs out. */
struct bitmap *bitmap_from_grey(const uint8_t *pixels, int width, int height, int pitch,
                                enum bitmap_mode mode, int threshold);

/* Converts 32-bit pixels in one of the BITMAP_FMT_* formats (rows pitch bytes
 * apart, pitch a multiple of 4). Pixels are composed over white paper by
 * their alpha, then turned into grey (ITU-R BT.601 weights) and into dots as
 * bitmap_from_grey does. Returns a new bitmap, or NULL if the format is not
 * one of those above, an argument is out of range, or memory runs out. */
struct bitmap *bitmap_from_pixels32(const void *pixels, int width, int height, int pitch,
                                    uint32_t format, enum bitmap_mode mode, int threshold);

#endif
