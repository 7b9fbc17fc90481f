/* The palette and the unit. Colours were chosen for contrast first: every
 * text/background pair is 7:1 or more (checked in tests/ui/test_draw.c). */
#include "ui/theme.h"

#include <math.h>

static SDL_Color rgb(Uint8 r, Uint8 g, Uint8 b)
{
	SDL_Color c = { r, g, b, 255 };
	return c;
}

void theme_init(struct theme *th, int w, int h)
{
	int m = w < h ? w : h;
	th->bg = rgb(0x0b, 0x1b, 0x2e);
	th->surface = rgb(0x15, 0x2c, 0x49);
	th->text = rgb(0xff, 0xff, 0xff);
	th->muted = rgb(0xc8, 0xd5, 0xe4);
	th->accent = rgb(0xff, 0xd2, 0x3f);
	th->on_accent = rgb(0x0b, 0x1b, 0x2e);
	th->button = rgb(0x1c, 0x4a, 0x86);
	th->on_button = rgb(0xff, 0xff, 0xff);
	th->pressed = rgb(0xff, 0xd2, 0x3f);
	th->on_pressed = rgb(0x0b, 0x1b, 0x2e);
	th->disabled = rgb(0x26, 0x35, 0x48);
	th->on_disabled = rgb(0x9a, 0xa9, 0xbc);
	th->ok = rgb(0x4a, 0xde, 0x80);
	th->warn = rgb(0xff, 0xb0, 0x20);
	th->danger = rgb(0xff, 0x8a, 0x8a);
	th->line = rgb(0x3a, 0x58, 0x7a);
	th->shadow = rgb(0x04, 0x0c, 0x16);
	th->unit = m / 60 < 4 ? 4 : m / 60;
	th->radius = th->unit;
}

int theme_u(const struct theme *th, double units) { return (int)lround(units * th->unit); }

static double lum(SDL_Color c)
{
	double ch[3] = { c.r / 255.0, c.g / 255.0, c.b / 255.0 };
	for (int i = 0; i < 3; i++)
		ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : pow((ch[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

double theme_contrast(SDL_Color a, SDL_Color b)
{
	double la = lum(a), lb = lum(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
