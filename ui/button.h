/* A touch button: a rounded card with an optional pictogram at its start
 * side and a label (and an optional smaller second line) that shrinks to
 * fit, so a label is never cut. Looks: normal, pressed, disabled, selected. */
#ifndef FRONTA_UI_BUTTON_H
#define FRONTA_UI_BUTTON_H

#include <stdbool.h>

#include <SDL2/SDL.h>

#include "ui/icon.h"
#include "ui/text.h"
#include "ui/theme.h"

enum button_state { BUTTON_NORMAL, BUTTON_PRESSED, BUTTON_DISABLED, BUTTON_SELECTED };

struct button {
	SDL_Rect rect;
	const char *label;         /* already translated */
	const char *sublabel;      /* a second, smaller line, or NULL */
	const char *lang;          /* the labels' language: font, direction */
	int icon;                  /* enum icon, or -1 for none */
	int label_px;              /* 0: 2.4 theme units */
	enum button_state state;
	int sub_px;                /* the second line's size; 0: 3/5 of the label's */
};

/* Draws b. Returns 0, or 1 if a label does not fit even at its smallest
 * size (text.h explains; logged once), or -1 on error. */
int button_draw(SDL_Renderer *r, struct text *t, const struct theme *th, const struct button *b);

/* For a row or grid of buttons shown together (the kiosk's services): the
 * sizes at which every label, and every second line, fits its own button,
 * set on all n, so that the cards read as one set rather than each text
 * shrunk by its own length. Returns 0, or -1 on error. */
int button_fit_together(struct text *t, const struct theme *th, struct button *b, int n);

/* Is (x, y) on the button (and the button not disabled)? */
bool button_hit(const struct button *b, int x, int y);

#endif
