/* The look shared by kiosk, display and console: one high-contrast palette
 * (light text on a deep blue; text/background pairs at least 7:1, WCAG AAA)
 * and a spacing unit that scales with the window, so layouts written in
 * units look the same at 1920x1080, 1080x1920 and 1280x800. */
#ifndef FRONTA_UI_THEME_H
#define FRONTA_UI_THEME_H

#include <SDL2/SDL.h>

struct theme {
	SDL_Color bg;                  /* the screen */
	SDL_Color surface;             /* panels and cards on bg */
	SDL_Color text;                /* main text on bg and surface */
	SDL_Color muted;               /* secondary text */
	SDL_Color accent, on_accent;   /* the highlight (a fresh call) and text on it */
	SDL_Color button, on_button;
	SDL_Color pressed, on_pressed;
	SDL_Color disabled, on_disabled;
	SDL_Color ok, warn, danger;    /* states: open, attention, offline/error */
	SDL_Color line;                /* separators, frames */
	SDL_Color shadow;
	int unit;                      /* one spacing unit in pixels */
	int radius;                    /* corner radius of buttons and cards */
};

/* The theme for a w x h window: unit = min(w, h) / 60 (18 px at 1080),
 * at least 4. */
void theme_init(struct theme *th, int w, int h);

/* units of th in pixels, rounded. */
int theme_u(const struct theme *th, double units);

/* WCAG contrast ratio of two colours (1 .. 21). */
double theme_contrast(SDL_Color a, SDL_Color b);

#endif
