/* Pictures in memory (a PNG, or what a renderer shows) and the questions
 * UI tests ask of them: is it blank, how much ink is in a rectangle, where
 * is the ink, where does a smaller picture appear in it. */
#ifndef FRONTA_UI_IMAGE_H
#define FRONTA_UI_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

struct image;

/* Reads a PNG (or any format SDL2_image reads). Returns a new image (free
 * with image_free), or NULL with a message in err. */
struct image *image_load(const char *path, char *err, size_t errlen);

/* The renderer's current picture (before SDL_RenderPresent). */
struct image *image_from_renderer(SDL_Renderer *r, char *err, size_t errlen);

/* A copy of rectangle rect of im (clipped to im), or NULL. */
struct image *image_crop(const struct image *im, SDL_Rect rect);

/* Writes im as PNG. Returns 0, or -1 with a message in err. */
int image_save(const struct image *im, const char *path, char *err, size_t errlen);

void image_free(struct image *im);
int image_width(const struct image *im);
int image_height(const struct image *im);

/* Colour at (x, y); opaque black outside the image. */
SDL_Color image_pixel(const struct image *im, int x, int y);

/* The most common colour: the background of a screen. */
SDL_Color image_background(const struct image *im);

/* Is every pixel within tolerance of the first one? */
bool image_blank(const struct image *im, int tolerance);

/* "Ink" is a pixel that differs from bg by more than tolerance in some
 * channel. Fraction of ink pixels in rect (clipped to the image; 0 for an
 * empty rectangle). */
double image_ink_fraction(const struct image *im, SDL_Rect rect, SDL_Color bg, int tolerance);

/* The smallest rectangle holding all ink of rect. Returns false (and an
 * empty *out) if there is none. */
bool image_ink_bbox(const struct image *im, SDL_Rect rect, SDL_Color bg, int tolerance, SDL_Rect *out);

/* Finds needle in hay at a position whose needle-sized area lies in
 * within: every pixel within tolerance, except at most max_bad_permille
 * per thousand of the needle's pixels (anti-aliased edges where
 * neighbours touch). Returns true with the top-left corner in *x, *y. */
bool image_find(const struct image *hay, const struct image *needle, SDL_Rect within, int tolerance,
                int max_bad_permille, int *x, int *y);

#endif
