/* The kiosk's screens drawn from a model: language, service, one moment,
 * ticket, remember your number, out of service; portrait and landscape,
 * mirrored for right-to-left languages. Drawing also lays out the touch
 * targets and notes every text's box (tests check them on the picture). */
#ifndef FRONTA_KIOSK_SCREENS_H
#define FRONTA_KIOSK_SCREENS_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "core/config.h"
#include "core/proto.h"
#include "kiosk/flow.h"
#include "ui/i18n.h"
#include "ui/text.h"

#define SCREENS_MAX_TARGETS 32
#define SCREENS_MAX_TEXTS   64

enum target_kind { TARGET_LANG, TARGET_SERVICE, TARGET_PRIORITY, TARGET_BACK, TARGET_DONE, TARGET_NOTED,
                   TARGET_DECLINE, TARGET_ANYWHERE };

struct target {
	enum target_kind kind;
	int arg;                  /* LANG: the language's index in the branch; SERVICE: its letter */
	SDL_Rect rect;
	bool enabled;             /* a closed service is shown but cannot be chosen */
};

struct screen_text {
	const char *name;         /* "title", "number", "button" ... */
	SDL_Rect box;
	int rc;                   /* text_draw's: 0 fits, 1 overflow, -1 error */
};

/* What the screen shows: the flow's state and the branch's latest state. */
struct screen_model {
	enum flow_screen screen;
	const char *lang;                 /* the person's language (service, ticket, remember) */
	bool priority_offered, priority;
	const struct flow_ticket *ticket; /* ticket, remember */
	enum flow_print print;
	char closed_service;              /* frontad just said this one is closed */
	int64_t closed_opens_ms;
	const struct state_doc *state;    /* NULL before the first state */
	int64_t now_ms;                   /* wall clock, for "opens on Monday at 9:00" */
	int focus;                        /* keyboard focus: index into the targets, -1 none */
	int pressed;                      /* target under a finger, -1 none */
	bool portrait;
};

struct screens;

/* Screens for the renderer of t, with the catalogue cat (domain "kiosk"
 * loaded) and the branch configuration cfg, all outliving it. Returns
 * NULL without memory. */
struct screens *screens_new(SDL_Renderer *r, struct text *t, struct i18n *cat, const struct config *cfg);
void screens_free(struct screens *s);

/* Draws m on the whole w x h output and lays out its targets. Returns how
 * many texts did not fit (0 is right), or -1 on a renderer error. */
int screens_draw(struct screens *s, const struct screen_model *m, int w, int h);

/* The targets of the last screens_draw, in keyboard order. */
const struct target *screens_targets(const struct screens *s, int *n);
/* The texts of the last screens_draw. */
const struct screen_text *screens_texts(const struct screens *s, int *n);

/* The index of the target at (x, y), or -1. Disabled targets are found
 * too (a touch on them does nothing but is seen). TARGET_ANYWHERE loses to
 * any other target. */
int screens_hit(const struct screens *s, int x, int y);

/* The languages offered: the branch's, in its order, that the catalogue
 * has. Returns the count; lang i is screens_lang(s, i). */
int screens_lang_count(const struct screens *s);
const char *screens_lang(const struct screens *s, int i);

/* The pictogram of a service (its icon key, or the ticket). */
int screens_service_icon(const struct service_cfg *svc);

#endif
