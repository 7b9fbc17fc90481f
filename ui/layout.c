/* Rectangles: mirroring, insets, grids and strips. */
#include "ui/layout.h"

SDL_Rect layout_mirror(SDL_Rect r, SDL_Rect within)
{
	r.x = within.x + within.w - (r.x - within.x) - r.w;
	return r;
}

SDL_Rect layout_mirror_if(SDL_Rect r, SDL_Rect within, bool rtl) { return rtl ? layout_mirror(r, within) : r; }

SDL_Rect layout_inset(SDL_Rect r, int d)
{
	int dx = d * 2 > r.w ? r.w / 2 : d, dy = d * 2 > r.h ? r.h / 2 : d;
	r.x += dx;
	r.y += dy;
	r.w -= 2 * dx;
	r.h -= 2 * dy;
	return r;
}

SDL_Rect layout_cell(SDL_Rect r, int cols, int rows, int i, int gap, bool rtl)
{
	SDL_Rect c;
	int col, row;
	if (cols < 1)
		cols = 1;
	if (rows < 1)
		rows = 1;
	col = i % cols;
	row = i / cols;
	/* spread the remainder so cells tile r exactly */
	c.x = r.x + col * (r.w - (cols - 1) * gap) / cols + col * gap;
	c.w = r.x + (col + 1) * (r.w - (cols - 1) * gap) / cols + col * gap - c.x;
	c.y = r.y + row * (r.h - (rows - 1) * gap) / rows + row * gap;
	c.h = r.y + (row + 1) * (r.h - (rows - 1) * gap) / rows + row * gap - c.y;
	return layout_mirror_if(c, r, rtl);
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

SDL_Rect layout_take_top(SDL_Rect *r, int h, int gap)
{
	SDL_Rect t = *r;
	t.h = clampi(h, 0, r->h);
	r->y += t.h + gap;
	r->h = clampi(r->h - t.h - gap, 0, r->h);
	return t;
}

SDL_Rect layout_take_bottom(SDL_Rect *r, int h, int gap)
{
	SDL_Rect t = *r;
	t.h = clampi(h, 0, r->h);
	t.y = r->y + r->h - t.h;
	r->h = clampi(r->h - t.h - gap, 0, r->h);
	return t;
}

static SDL_Rect take_left(SDL_Rect *r, int w, int gap)
{
	SDL_Rect t = *r;
	t.w = clampi(w, 0, r->w);
	r->x += t.w + gap;
	r->w = clampi(r->w - t.w - gap, 0, r->w);
	return t;
}

static SDL_Rect take_right(SDL_Rect *r, int w, int gap)
{
	SDL_Rect t = *r;
	t.w = clampi(w, 0, r->w);
	t.x = r->x + r->w - t.w;
	r->w = clampi(r->w - t.w - gap, 0, r->w);
	return t;
}

SDL_Rect layout_take_start(SDL_Rect *r, int w, int gap, bool rtl)
{
	return rtl ? take_right(r, w, gap) : take_left(r, w, gap);
}

SDL_Rect layout_take_end(SDL_Rect *r, int w, int gap, bool rtl)
{
	return rtl ? take_left(r, w, gap) : take_right(r, w, gap);
}

bool layout_contains(SDL_Rect r, int x, int y) { return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h; }
