/* Pictograms drawn in code (no image files): service icons for the kiosk
 * and the board, and state marks. Each is drawn in fg inside the largest
 * centred square of a box; parts that must stand apart are cut out with
 * bg, so pass the colour behind the icon. */
#ifndef FRONTA_UI_ICON_H
#define FRONTA_UI_ICON_H

#include <stdbool.h>

#include <SDL2/SDL.h>

enum icon {
	ICON_COUNTER,     /* a person behind a desk: a counter, assistance */
	ICON_DOCUMENT,    /* a form */
	ICON_LEGAL,       /* scales */
	ICON_SOCIAL,      /* two people */
	ICON_INTERPRET,   /* two speech bubbles */
	ICON_PRINTER,
	ICON_CLOCK,
	ICON_WIFI,        /* connected */
	ICON_OFFLINE,     /* the wifi mark struck through */
	ICON_FORWARD,     /* an arrow to the reading direction's end: right, left in RTL */
	ICON_BACK,        /* the other way */
	ICON_TICKET,
	ICON_PERSON,
	ICON_GLOBE,       /* languages */
	ICON_CHECK,
	ICON_WARNING,
	ICON_COUNT
};

/* Draws icon in box. rtl mirrors the icons that point somewhere
 * (ICON_FORWARD, ICON_BACK); the others look the same either way. */
void icon_draw(SDL_Renderer *r, enum icon icon, SDL_Rect box, SDL_Color fg, SDL_Color bg, bool rtl);

/* Does the icon change in right-to-left layouts? */
bool icon_mirrors(enum icon icon);

/* "counter", "document", ... for configuration files; -1 if unknown. */
int icon_from_name(const char *name);
const char *icon_name(enum icon icon);

#endif
