/* The board's picture: the current call very large (number, arrow, the
 * counter's word in the branch's first language with a pictogram, the
 * counter), the calls before it, per service how many wait and for how
 * long, the branch, date and clock, the instruction line in each language
 * in turn, and the offline mark with the state drawn as stale. Laid out in
 * theme units, so it holds from 1280x720 to 3840x2160 and in portrait. */
#ifndef FRONTA_DISPLAY_SCENE_H
#define FRONTA_DISPLAY_SCENE_H

#include <stdint.h>
#include <stdio.h>

#include <SDL2/SDL.h>

#include "core/config.h"
#include "display/board.h"
#include "ui/i18n.h"
#include "ui/text.h"

#define SCENE_DOMAIN "display"
#define SCENE_HERO_MAX 3          /* fresh calls shown large at once */

struct scene_input {
	const struct board *board;
	int64_t mono_ms;              /* for freshness and blinking */
	int64_t now_ms;               /* the clock and the date */
	const char *cycle_lang;       /* the instruction line's language now */
	int recent;                   /* earlier calls listed */
};

struct scene;

/* A scene drawing on r with t. cat, cfg must outlive it. Returns NULL
 * without memory. */
struct scene *scene_new(SDL_Renderer *r, struct text *t, struct i18n *cat, const struct config *cfg);
void scene_free(struct scene *s);

/* Draws the whole board for an output of w x h pixels (not presented).
 * Returns how many texts did not fit their boxes (0 is right; each is
 * also logged once by the text module). */
int scene_draw(struct scene *s, const struct scene_input *in, int w, int h);

/* Writes what the last frame put where, one "name values..." line each
 * (rectangles as x y w h), for tests and for people checking a screenshot. */
void scene_write_manifest(const struct scene *s, FILE *f);

#endif
