/* Text on an SDL_Renderer in any of the catalogue's languages: bidi
 * (libfribidi) splits a line into directional runs, each run is shaped by
 * SDL_ttf's HarfBuzz with its direction and script, and the runs are
 * placed in visual order, so "A023" stays left-to-right inside Arabic.
 * Letters and digits of Latin script inside a non-Latin language use the
 * Latin font. Blocks are cached as textures (LRU, bounded in bytes): a
 * frame that draws the same text again costs a texture copy.
 *
 * Sizes are pixels per em; one line takes about 1.37 em with Noto (the
 * font's ascent + descent, which holds Vietnamese stacked marks), so never
 * size a box by px alone: use text_line_height or text_measure.
 * Alignment START/END follow the language's direction: START is the right
 * edge in Arabic. Use from the SDL thread only. */
#ifndef FRONTA_UI_TEXT_H
#define FRONTA_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

struct fonts;
struct i18n;
struct text;

enum text_align { TEXT_START, TEXT_CENTER, TEXT_END };
enum text_valign { TEXT_TOP, TEXT_MIDDLE, TEXT_BOTTOM, TEXT_BASELINE };

#define TEXT_BOLD  0x01   /* the bold font */
#define TEXT_LATIN 0x02   /* the Latin font, left to right: ticket numbers, counter ids */
#define TEXT_WRAP  0x04   /* break lines between words to the box's width */
#define TEXT_FIT   0x08   /* shrink, down to min_px, until the text fits the box */

struct text_style {
	const char *lang;          /* catalogue language: fonts, direction, script */
	int px;                    /* size in pixels per em */
	int flags;                 /* TEXT_BOLD | TEXT_LATIN | TEXT_WRAP | TEXT_FIT */
	enum text_align align;
	enum text_valign valign;   /* TEXT_BASELINE: only for text_draw_at */
	SDL_Color color;
	int min_px;                /* TEXT_FIT: smallest size (0: px / 3, at least 10) */
};

struct text_metrics {
	int w, h;                  /* the drawn block, ink included */
	int px;                    /* the size used (TEXT_FIT may shrink) */
	int lines;
	int baseline;              /* from the block's top to the first baseline */
	bool overflow;             /* wider or taller than the box, or a word had to be broken */
};

/* A text drawer for r with fonts and cat (for each language's direction
 * and script; NULL: everything left to right, Latin). cache_bytes bounds
 * the texture cache (0: 64 MiB). Returns NULL without memory. r, fonts
 * and cat must outlive it. */
struct text *text_new(SDL_Renderer *r, struct fonts *fonts, struct i18n *cat, size_t cache_bytes);
void text_free(struct text *t);

/* Draws s (UTF-8; '\n' starts a new paragraph; invalid bytes show as
 * U+FFFD) in box, aligned by st->align and st->valign. Without TEXT_WRAP
 * the text stays on one line. Text that does not fit is drawn whole,
 * never clipped: the return value and m->overflow say so, and a warning
 * is logged once per text. With TEXT_WRAP a word longer than the box is
 * broken between letters (and counts as overflow); with TEXT_FIT the size
 * shrinks first, so no word is broken unless min_px is reached. m may be
 * NULL. Returns 0 (fits), 1 (overflow), or -1 (no font, no memory,
 * renderer error; logged). */
int text_draw(struct text *t, const struct text_style *st, const char *s, SDL_Rect box, struct text_metrics *m);

/* Draws s at a point: x is the start edge for TEXT_START (left, or right in
 * right-to-left languages), the middle for TEXT_CENTER, the end edge for
 * TEXT_END; y is the top, middle, bottom or first baseline by
 * st->valign. No wrapping or fitting. Returns 0, or -1. */
int text_draw_at(struct text *t, const struct text_style *st, const char *s, int x, int y, struct text_metrics *m);

/* What text_draw would draw in a box w x h (h 0: no limit, for TEXT_FIT
 * too), without drawing. The block is rendered and cached, so drawing it
 * next costs nothing more. Returns 0, 1 or -1 as text_draw. */
int text_measure(struct text *t, const struct text_style *st, const char *s, int w, int h, struct text_metrics *m);

/* Height of one line of st's fonts at st->px (ascent + descent). */
int text_line_height(struct text *t, const struct text_style *st);

/* Is lang written right to left (per the catalogue)? */
bool text_rtl(const struct text *t, const char *lang);

/* Drops every cached texture: call after SDL_RENDER_TARGETS_RESET or
 * SDL_RENDER_DEVICE_RESET, when the renderer lost them. */
void text_flush(struct text *t);

struct text_stats {
	uint64_t hits, misses;     /* cache lookups */
	uint64_t render_ns;        /* time spent laying out and rendering misses */
	size_t bytes, entries;     /* what the cache holds now */
};
void text_stats(const struct text *t, struct text_stats *out);

#endif
