/* Each pictogram is drawn in a 100 x 100 design space with the shapes of
 * draw.h, scaled to the box. Shapes in bg separate overlapping parts. */
#include "ui/icon.h"

#include <math.h>
#include <string.h>

#include "ui/draw.h"

struct pen {
	SDL_Renderer *r;
	float ox, oy, s;
	bool flip;
	SDL_Color fg, bg;
};

static float X(const struct pen *p, float x) { return p->ox + (p->flip ? 100 - x : x) * p->s; }
static float Y(const struct pen *p, float y) { return p->oy + y * p->s; }

static SDL_Rect box_of(const struct pen *p, float x, float y, float w, float h)
{
	float x0 = p->flip ? 100 - x - w : x;
	SDL_Rect b = { (int)lroundf(p->ox + x0 * p->s), (int)lroundf(p->oy + y * p->s), (int)lroundf(w * p->s),
		       (int)lroundf(h * p->s) };
	return b;
}

static void rect(const struct pen *p, float x, float y, float w, float h, float rad, bool cut)
{
	draw_round_rect(p->r, box_of(p, x, y, w, h), (int)lroundf(rad * p->s), cut ? p->bg : p->fg);
}

static void circle(const struct pen *p, float x, float y, float rad, bool cut)
{
	draw_circle(p->r, X(p, x), Y(p, y), rad * p->s, cut ? p->bg : p->fg);
}

static void line(const struct pen *p, float x0, float y0, float x1, float y1, float th, bool round, bool cut)
{
	draw_line(p->r, X(p, x0), Y(p, y0), X(p, x1), Y(p, y1), th * p->s, round, cut ? p->bg : p->fg);
}

static void arc(const struct pen *p, float x, float y, float rad, float th, float a0, float a1, bool cut)
{
	if (p->flip) {
		float t = (float)M_PI - a1;
		a1 = (float)M_PI - a0;
		a0 = t;
	}
	draw_arc(p->r, X(p, x), Y(p, y), rad * p->s, th * p->s, a0, a1, cut ? p->bg : p->fg);
}

static void poly(const struct pen *p, const float *xy, int n, bool cut)
{
	SDL_FPoint pts[16];
	for (int i = 0; i < n && i < 16; i++) {
		pts[i].x = X(p, xy[2 * i]);
		pts[i].y = Y(p, xy[2 * i + 1]);
	}
	draw_poly(p->r, pts, n < 16 ? n : 16, cut ? p->bg : p->fg);
}

/* A half disc below a horizontal line through (x, y): a scale's pan. */
static void pan(const struct pen *p, float x, float y, float rad)
{
	float xy[32];
	for (int i = 0; i < 16; i++) {
		float a = (float)M_PI * (float)i / 15.0f;
		xy[2 * i] = x + rad * cosf(a);
		xy[2 * i + 1] = y + rad * 0.8f * sinf(a);
	}
	poly(p, xy, 16, false);
}

static void wifi(const struct pen *p)
{
	float up = -(float)M_PI / 2, spread = (float)M_PI / 4;
	circle(p, 50, 80, 7, false);
	arc(p, 50, 80, 22, 9, up - spread, up + spread, false);
	arc(p, 50, 80, 38, 9, up - spread, up + spread, false);
	arc(p, 50, 80, 54, 9, up - spread, up + spread, false);
}

static void person(const struct pen *p, float x, float y, float size, bool outline)
{
	/* head centre (x, y); size 1 is a head of radius 12 */
	if (outline) {
		circle(p, x, y, 15 * size, true);
		rect(p, x - 22 * size, y + 11 * size, 44 * size, 46 * size, 19 * size, true);
	}
	circle(p, x, y, 12 * size, false);
	rect(p, x - 19 * size, y + 15 * size, 38 * size, 40 * size, 16 * size, false);
}

void icon_draw(SDL_Renderer *r, enum icon icon, SDL_Rect box, SDL_Color fg, SDL_Color bg, bool rtl)
{
	struct pen p;
	int side = box.w < box.h ? box.w : box.h;
	if (side <= 0)
		return;
	p.r = r;
	p.s = (float)side / 100.0f;
	p.ox = (float)box.x + (float)(box.w - side) / 2;
	p.oy = (float)box.y + (float)(box.h - side) / 2;
	p.flip = rtl && icon_mirrors(icon);
	p.fg = fg;
	p.bg = bg;
	switch (icon) {
	case ICON_COUNTER:
		person(&p, 50, 24, 1.0f, false);
		rect(&p, 6, 56, 88, 6, 0, true);
		rect(&p, 6, 60, 88, 9, 2, false);
		rect(&p, 16, 69, 68, 23, 3, false);
		break;
	case ICON_DOCUMENT: {
		static const float page[] = { 22, 8, 60, 8, 80, 28, 80, 92, 22, 92 };
		static const float fold[] = { 58, 12, 58, 30, 76, 30 };
		poly(&p, page, 5, false);
		poly(&p, fold, 3, true);
		for (int i = 0; i < 3; i++)
			line(&p, 33, 46 + 13 * (float)i, 69, 46 + 13 * (float)i, 6, true, true);
		line(&p, 33, 85, 52, 85, 6, true, true);
		break;
	}
	case ICON_LEGAL:
		line(&p, 50, 20, 50, 84, 7, false, false);
		rect(&p, 28, 82, 44, 9, 3, false);
		line(&p, 14, 27, 86, 27, 6, true, false);
		circle(&p, 50, 17, 7, false);
		line(&p, 20, 28, 9, 58, 3, true, false);
		line(&p, 20, 28, 31, 58, 3, true, false);
		line(&p, 80, 28, 69, 58, 3, true, false);
		line(&p, 80, 28, 91, 58, 3, true, false);
		pan(&p, 20, 58, 13);
		pan(&p, 80, 58, 13);
		break;
	case ICON_SOCIAL:
		person(&p, 66, 22, 0.9f, false);
		person(&p, 36, 34, 1.05f, true);
		break;
	case ICON_INTERPRET: {
		static const float tail1[] = { 16, 46, 32, 46, 14, 62 };
		static const float tail2[] = { 84, 76, 70, 76, 88, 92 };
		rect(&p, 6, 10, 56, 38, 11, false);
		poly(&p, tail1, 3, false);
		line(&p, 18, 24, 50, 24, 5, true, true);
		line(&p, 18, 35, 40, 35, 5, true, true);
		rect(&p, 32, 36, 66, 46, 14, true);
		rect(&p, 36, 40, 58, 38, 11, false);
		poly(&p, tail2, 3, false);
		circle(&p, 51, 59, 4.5f, true);
		circle(&p, 65, 59, 4.5f, true);
		circle(&p, 79, 59, 4.5f, true);
		break;
	}
	case ICON_PRINTER:
		rect(&p, 28, 8, 44, 26, 3, false);
		rect(&p, 10, 30, 80, 40, 9, false);
		circle(&p, 78, 42, 4, true);
		rect(&p, 24, 54, 52, 40, 4, true);
		rect(&p, 28, 58, 44, 34, 3, false);
		line(&p, 36, 70, 64, 70, 5, true, true);
		line(&p, 36, 81, 56, 81, 5, true, true);
		break;
	case ICON_CLOCK:
		arc(&p, 50, 50, 38, 9, 0, 2 * (float)M_PI, false);
		line(&p, 50, 50, 50, 25, 7, true, false);
		line(&p, 50, 50, 68, 60, 7, true, false);
		circle(&p, 50, 50, 6, false);
		break;
	case ICON_WIFI:
		wifi(&p);
		break;
	case ICON_OFFLINE:
		wifi(&p);
		line(&p, 16, 14, 84, 88, 17, true, true);
		line(&p, 16, 14, 84, 88, 8, true, false);
		break;
	case ICON_FORWARD:
	case ICON_BACK: {
		static const float head[] = { 54, 20, 88, 50, 54, 80 };
		struct pen q = p;
		if (icon == ICON_BACK)
			q.flip = !q.flip;
		line(&q, 12, 50, 64, 50, 14, true, false);
		poly(&q, head, 3, false);
		break;
	}
	case ICON_TICKET:
		rect(&p, 6, 24, 88, 52, 7, false);
		circle(&p, 6, 50, 9, true);
		circle(&p, 94, 50, 9, true);
		for (int i = 0; i < 5; i++)
			circle(&p, 68, 31 + 9.5f * (float)i, 2.6f, true);
		line(&p, 20, 42, 54, 42, 7, true, true);
		line(&p, 20, 58, 44, 58, 7, true, true);
		break;
	case ICON_PERSON:
		circle(&p, 50, 28, 17, false);
		rect(&p, 22, 50, 56, 44, 22, false);
		break;
	case ICON_GLOBE:
		arc(&p, 50, 50, 38, 7, 0, 2 * (float)M_PI, false);
		line(&p, 50, 13, 50, 87, 5, false, false);
		line(&p, 13, 50, 87, 50, 5, false, false);
		line(&p, 19, 31, 81, 31, 4, false, false);
		line(&p, 19, 69, 81, 69, 4, false, false);
		/* the meridians bend: an ellipse of half-width 17 */
		for (int i = 0; i < 24; i++) {
			float a0 = 2 * (float)M_PI * (float)i / 24, a1 = 2 * (float)M_PI * (float)(i + 1) / 24;
			line(&p, 50 + 18 * cosf(a0), 50 + 38 * sinf(a0), 50 + 18 * cosf(a1), 50 + 38 * sinf(a1), 4.5f, true,
			     false);
		}
		break;
	case ICON_CHECK:
		circle(&p, 50, 50, 42, false);
		line(&p, 29, 52, 44, 67, 10, true, true);
		line(&p, 44, 67, 72, 36, 10, true, true);
		break;
	case ICON_WARNING: {
		static const float tri[] = { 50, 8, 94, 88, 6, 88 };
		poly(&p, tri, 3, false);
		line(&p, 50, 36, 50, 60, 9, true, true);
		circle(&p, 50, 75, 5.5f, true);
		break;
	}
	default:
		break;
	}
}

bool icon_mirrors(enum icon icon) { return icon == ICON_FORWARD || icon == ICON_BACK; }

static const char *const names[ICON_COUNT] = { "counter", "document", "legal",   "social", "interpret", "printer",
                                               "clock",   "wifi",     "offline", "forward", "back",     "ticket",
                                               "person",  "globe",    "check",   "warning" };

int icon_from_name(const char *name)
{
	for (int i = 0; name && i < ICON_COUNT; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *icon_name(enum icon icon) { return icon >= 0 && icon < ICON_COUNT ? names[icon] : "?"; }
