/* The paper ticket: drawn with the same fonts and text library as the
 * screen (any script), black on white, at the printer's width in dots,
 * and turned into the 1-bit image the printer library sends. */
#ifndef FRONTA_KIOSK_TICKET_H
#define FRONTA_KIOSK_TICKET_H

#include <stdint.h>

#include <SDL2/SDL.h>

#include "core/config.h"
#include "kiosk/flow.h"
#include "ui/font.h"
#include "ui/i18n.h"

struct bitmap;
struct ticket_paper;

/* Where the parts of the last ticket were drawn (dots), for tests. */
struct ticket_layout {
	SDL_Rect number;         /* the box of the big number */
	SDL_Rect text;           /* the box holding every text line */
	int height;              /* the image's height */
	int overflows;           /* texts that did not fit (0 is right) */
};

/* A renderer for tickets width dots wide (256..832), using fonts and cat
 * (domains common and kiosk) and cfg (branch and service names), which
 * must outlive it. Works without a video driver (a software renderer on a
 * surface). Returns NULL with a message in err. */
struct ticket_paper *ticket_paper_new(struct fonts *fonts, struct i18n *cat, const struct config *cfg, int width,
                                      char *err, size_t errlen);
void ticket_paper_free(struct ticket_paper *p);

/* Draws tk (issued at tk->issued_ms, in tk->lang) and returns its 1-bit
 * image (free with bitmap_free), or NULL if drawing failed (logged).
 * layout may be NULL. Call from the thread that uses the fonts. */
struct bitmap *ticket_paper_render(struct ticket_paper *p, const struct flow_ticket *tk, struct ticket_layout *layout);

/* Saves the last ticket as drawn (grey, before the 1-bit conversion) as a
 * PNG. Returns 0, or -1 with a message in err. */
int ticket_paper_save(struct ticket_paper *p, const char *path, char *err, size_t errlen);

#endif
