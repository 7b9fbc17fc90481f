/* The console's window drawn from the model and the screen: the top bar
 * (counter, its state, connection, clock), a banner when the console is
 * offline or out of date, the current client large, the buttons with their
 * keys written on them (a button that cannot act says why), the waiting
 * list in call order, the last thing that happened, and the pickers.
 * Laid out once for left-to-right and mirrored for Arabic. Remembers where
 * each button, row and picker item was drawn, for clicks and for tests. */
#ifndef FRONTA_CONSOLE_VIEW_H
#define FRONTA_CONSOLE_VIEW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <SDL2/SDL.h>

#include "console/keys.h"
#include "console/model.h"
#include "console/screen.h"
#include "core/config.h"
#include "ui/i18n.h"
#include "ui/text.h"

struct view;

/* A view drawing on r with t and cat (all must outlive it) for the
 * branch cfg. NULL without memory. */
struct view *view_new(SDL_Renderer *r, struct text *t, struct i18n *cat, const struct config *cfg);
void view_free(struct view *v);

/* The window's size in pixels (again after every resize). */
void view_resize(struct view *v, int w, int h);

/* Draws the whole frame (not presented). s->scroll may change so that the
 * chosen row stays visible. Returns how many texts did not fit their box
 * (0 is the goal; each is logged once by the text module). */
int view_draw(struct view *v, const struct model *m, struct screen *s, int64_t now_ms, int64_t mono_ms);

/* The command under (x, y) in the last frame (buttons, waiting rows,
 * picker items, the language button); false if nothing acts there. */
bool view_hit(const struct view *v, int x, int y, struct key_cmd *out);

/* Waiting rows that fit on one page (for Page Up / Page Down). */
int view_page_rows(const struct view *v);

/* Writes the rectangles of the last frame, one per line
 * ("button call 12 80 300 90 enabled", "row 0 A001 ...", "overflows 0"),
 * for tests that check a screenshot. */
void view_manifest(const struct view *v, FILE *f);

#endif
