/* The Unicode bidirectional algorithm for one paragraph, through libfribidi:
 * code points, their embedding levels and byte offsets, and the visual
 * reordering of a line's runs. Used by text.c; no SDL here. */
#ifndef FRONTA_UI_BIDI_H
#define FRONTA_UI_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One analysed paragraph (plain data; release with bidi_release). */
struct bidi_text {
	int n;              /* code points */
	uint32_t *cp;       /* n code points; invalid UTF-8 bytes become U+FFFD */
	uint8_t *level;     /* n embedding levels: odd = right-to-left */
	size_t *off;        /* n + 1 byte offsets into the text; off[n] = len */
};

/* Analyses s[0..len) (one paragraph, no newline) with a right-to-left or
 * left-to-right base direction. Returns 0, or -1 without memory (out is
 * then empty). */
int bidi_analyze(const char *s, size_t len, bool rtl, struct bidi_text *out);
void bidi_release(struct bidi_text *t);

/* Rule L2 for a line cut into runs of one level each, given in logical
 * order: writes to order[0..n) the logical index of each run from left
 * to right. */
void bidi_reorder_runs(const uint8_t *levels, int n, int *order);

#endif
