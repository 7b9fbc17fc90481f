/* Filled shapes as anti-aliased scanlines: each shape is a set of closed
 * contours, rasterised here into runs of pixels of one alpha and drawn as
 * rectangles, so that every renderer (software included) draws the same
 * smooth edges. */
#include "ui/draw.h"

#include <math.h>
#include <stdlib.h>

#define MAX_PTS 256
#define SUBROWS 8            /* samples per pixel row; across a row, coverage is exact */
#define MAX_RUNS 64          /* runs of one alpha in a row that are merged with the next rows */

/* One closed contour of a shape. */
struct contour {
	const SDL_FPoint *p;
	int n;
};

/* An edge of a contour, from its top (ya) down to yb. */
struct edge {
	float xa, ya, yb, slope;     /* x at ya; dx per dy */
};

#define MAX_EDGES (2 * (MAX_PTS + 1))

static int edge_cmp(const void *pa, const void *pb)
{
	const struct edge *a = pa, *b = pb;
	return (a->ya > b->ya) - (a->ya < b->ya);
}

/* The contours' edges that are not horizontal, sorted by their top. */
static int collect_edges(const struct contour *cs, int nc, struct edge *e)
{
	int ne = 0;
	for (int k = 0; k < nc; k++)
		for (int i = 0; i < cs[k].n && ne < MAX_EDGES; i++) {
			SDL_FPoint a = cs[k].p[i], b = cs[k].p[(i + 1) % cs[k].n];
			if (a.y == b.y)
				continue;
			if (a.y > b.y) {
				SDL_FPoint t = a;
				a = b;
				b = t;
			}
			e[ne++] = (struct edge){ a.x, a.y, b.y, (b.x - a.x) / (b.y - a.y) };
		}
	qsort(e, (size_t)ne, sizeof *e, edge_cmp);
	return ne;
}

/* A horizontal run of pixels of one alpha, and how many rows it spans. */
struct run {
	int x, w, y, h;
	Uint8 a;
};

static void emit_runs(SDL_Renderer *r, const struct run *runs, int n, SDL_Color c)
{
	for (int i = 0; i < n; i++) {
		SDL_Rect rect = { runs[i].x, runs[i].y, runs[i].w, runs[i].h };
		SDL_SetRenderDrawBlendMode(r, runs[i].a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
		SDL_SetRenderDrawColor(r, c.r, c.g, c.b, runs[i].a);
		SDL_RenderFillRect(r, &rect);
	}
}

/* A row's coverage: partial pixels in part[], whole pixels as steps in
 * step[] (a running sum), and the indices either was touched at, so that
 * the row is read at those places only (between two of them the
 * coverage does not change). */
struct row {
	float *part, *step;
	int *touched, n_touched, cap_touched;
	int x0, width;
};

static void touch(struct row *w, int i)
{
	if (w->n_touched < w->cap_touched)
		w->touched[w->n_touched++] = i;
}

/* Adds the coverage of [xa, xb) in one sub-row of weight wt. */
static void add_span(struct row *w, float xa, float xb, float wt)
{
	int ia, ib;
	if (xa < (float)w->x0)
		xa = (float)w->x0;
	if (xb > (float)(w->x0 + w->width))
		xb = (float)(w->x0 + w->width);
	if (xb <= xa)
		return;
	ia = (int)floorf(xa) - w->x0;
	ib = (int)floorf(xb) - w->x0;
	touch(w, ia);
	if (ia == ib) {
		w->part[ia] += (xb - xa) * wt;
		return;
	}
	w->part[ia] += ((float)(ia + w->x0 + 1) - xa) * wt;
	w->step[ia + 1] += wt;
	w->step[ib] -= wt;
	touch(w, ia + 1);
	touch(w, ib);
	if (ib < w->width)
		w->part[ib] += (xb - (float)(ib + w->x0)) * wt;
}

static int int_cmp(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a > b) - (a < b);
}

/* Fills the inside of the contours (even-odd: a contour inside another is
 * a hole), anti-aliased by the share of each pixel the shape covers:
 * exact across a row, SUBROWS samples down it. The pixels are drawn as
 * rectangles of one alpha, rows that repeat merged into one. Why not
 * triangles (SDL_RenderGeometry): SDL's software renderer drops the thin
 * slivers a curved shape's triangles have (gap lines across rounded
 * rectangles and pictograms), smears the colour of feathered one-pixel rims,
 * and tests every pixel of each triangle's bounding box; rectangles are
 * exact and the cheapest fill every renderer has. */
static void fill_contours(SDL_Renderer *r, const struct contour *cs, int nc, SDL_Color c)
{
	float minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY, *part, *step;
	struct run prev[MAX_RUNS], cur[MAX_RUNS];
	struct edge edges[MAX_EDGES];
	struct row w;
	int active[MAX_EDGES], na = 0, ne, next = 0;
	int np = 0, x0, x1, y0, y1, width, out_w = 0, out_h = 0;
	SDL_BlendMode was_mode = SDL_BLENDMODE_NONE;
	Uint8 pr = 0, pg = 0, pb = 0, pa = 255;
	for (int k = 0; k < nc; k++)
		for (int i = 0; i < cs[k].n; i++) {
			minx = fminf(minx, cs[k].p[i].x);
			maxx = fmaxf(maxx, cs[k].p[i].x);
			miny = fminf(miny, cs[k].p[i].y);
			maxy = fmaxf(maxy, cs[k].p[i].y);
		}
	if (SDL_GetRendererOutputSize(r, &out_w, &out_h) != 0 || !(minx < maxx) || !(miny < maxy))
		return;
	x0 = (int)floorf(fmaxf(minx, 0));
	x1 = (int)ceilf(fminf(maxx, (float)out_w));
	y0 = (int)floorf(fmaxf(miny, 0));
	y1 = (int)ceilf(fminf(maxy, (float)out_h));
	width = x1 - x0;
	if (width <= 0 || y1 <= y0)
		return;
	part = calloc((size_t)(2 * (width + 1)), sizeof *part);
	w.cap_touched = SUBROWS * MAX_EDGES * 2;
	w.touched = malloc(sizeof *w.touched * (size_t)w.cap_touched);
	if (!part || !w.touched) {
		free(part);
		free(w.touched);
		return;
	}
	step = part + width + 1;
	w.part = part;
	w.step = step;
	w.x0 = x0;
	w.width = width;
	w.n_touched = 0;
	ne = collect_edges(cs, nc, edges);
	while (next < ne && edges[next].yb <= (float)y0)    /* above the screen */
		next++;
	SDL_GetRenderDrawBlendMode(r, &was_mode);
	SDL_GetRenderDrawColor(r, &pr, &pg, &pb, &pa);
	for (int y = y0; y < y1; y++) {
		int nr = 0;
		float sum = 0;
		/* the edges reaching into this row: the active ones */
		int keep = 0;
		for (int i = 0; i < na; i++)
			if (edges[active[i]].yb > (float)y)
				active[keep++] = active[i];
		na = keep;
		while (next < ne && edges[next].ya < (float)(y + 1)) {
			if (edges[next].yb > (float)y)
				active[na++] = next;
			next++;
		}
		for (int s = 0; s < SUBROWS; s++) {
			float yc = (float)y + ((float)s + 0.5f) / SUBROWS, xs[MAX_EDGES];
			int nx = 0;
			for (int i = 0; i < na; i++) {
				const struct edge *e = &edges[active[i]];
				if (e->ya <= yc && yc < e->yb)
					xs[nx++] = e->xa + (yc - e->ya) * e->slope;
			}
			for (int i = 1; i < nx; i++)     /* a handful: insertion sort */
				for (int j = i; j > 0 && xs[j] < xs[j - 1]; j--) {
					float t = xs[j];
					xs[j] = xs[j - 1];
					xs[j - 1] = t;
				}
			for (int i = 0; i + 1 < nx; i += 2)
				add_span(&w, xs[i], xs[i + 1], 1.0f / SUBROWS);
		}
		/* the row's pixels as runs of one alpha: at each touched index one
		 * pixel, then up to the next one a stretch of the same coverage */
		if (w.n_touched > 64)
			qsort(w.touched, (size_t)w.n_touched, sizeof *w.touched, int_cmp);
		else                             /* the usual few: insertion sort */
			for (int i = 1; i < w.n_touched; i++)
				for (int j = i; j > 0 && w.touched[j] < w.touched[j - 1]; j--) {
					int t = w.touched[j];
					w.touched[j] = w.touched[j - 1];
					w.touched[j - 1] = t;
				}
		for (int i = 0; i < w.n_touched; i++) {
			int x = w.touched[i], end, j = i + 1;
			if (i > 0 && x == w.touched[i - 1])
				continue;
			while (j < w.n_touched && w.touched[j] == x)
				j++;
			if (x >= width) {
				step[x] = 0;
				continue;
			}
			sum += step[x];
			end = j < w.n_touched ? w.touched[j] : width;
			if (end > width)
				end = width;
			for (int k = 0; k < 2; k++) {       /* the pixel, then the stretch after it */
				float cov = k == 0 ? part[x] + sum : sum;
				int from = k == 0 ? x : x + 1, to = k == 0 ? x + 1 : end, a;
				if (to <= from)
					continue;
				a = (int)(cov * (float)c.a + 0.5f);
				a = a < 0 ? 0 : a > c.a ? c.a : a;
				if (a == 0)
					continue;
				if (nr && cur[nr - 1].a == a && cur[nr - 1].x + cur[nr - 1].w == x0 + from)
					cur[nr - 1].w += to - from;
				else if (nr < MAX_RUNS)
					cur[nr++] = (struct run){ x0 + from, to - from, y, 1, (Uint8)a };
				else
					emit_runs(r, &(struct run){ x0 + from, to - from, y, 1, (Uint8)a }, 1, c);
			}
			part[x] = 0;
			step[x] = 0;
		}
		w.n_touched = 0;
		/* a row like the one before makes the runs before one row taller */
		if (nr == np && nr > 0) {
			bool same = true;
			for (int i = 0; i < nr && same; i++)
				same = cur[i].x == prev[i].x && cur[i].w == prev[i].w && cur[i].a == prev[i].a;
			if (same) {
				for (int i = 0; i < np; i++)
					prev[i].h++;
				continue;
			}
		}
		emit_runs(r, prev, np, c);
		for (int i = 0; i < nr; i++)
			prev[i] = cur[i];
		np = nr;
	}
	emit_runs(r, prev, np, c);
	free(part);
	free(w.touched);
	SDL_SetRenderDrawColor(r, pr, pg, pb, pa);
	SDL_SetRenderDrawBlendMode(r, was_mode);
}

void draw_poly(SDL_Renderer *r, const SDL_FPoint *p, int n, SDL_Color c)
{
	struct contour one = { p, n };
	if (n < 3 || n > MAX_PTS)
		return;
	fill_contours(r, &one, 1, c);
}

/* A band between two paths of n points each (outer[i] faces inner[i]):
 * closed, the ring between two contours; open, one contour along the
 * outer path and back along the inner one. */
static void draw_band(SDL_Renderer *r, const SDL_FPoint *outer, const SDL_FPoint *inner, int n, bool closed,
                      SDL_Color c)
{
	SDL_FPoint loop[2 * (MAX_PTS + 1)];
	if (n < 2 || n > MAX_PTS + 1)
		return;
	if (closed) {
		struct contour ring[2] = { { outer, n }, { inner, n } };
		fill_contours(r, ring, 2, c);
		return;
	}
	for (int i = 0; i < n; i++) {
		loop[i] = outer[i];
		loop[2 * n - 1 - i] = inner[i];
	}
	fill_contours(r, &(struct contour){ loop, 2 * n }, 1, c);
}

/* Points of a rounded rectangle inset by d, clockwise from the top-left
 * corner's start; the same count for any d, so bands can pair them. */
static int round_rect_points(SDL_Rect rect, float radius, float d, SDL_FPoint *p, int per_corner)
{
	float x0 = (float)rect.x + d, y0 = (float)rect.y + d;
	float x1 = (float)(rect.x + rect.w) - d, y1 = (float)(rect.y + rect.h) - d;
	float rr = radius - d;
	const float cx[4] = { x0 + rr, x1 - rr, x1 - rr, x0 + rr };
	const float cy[4] = { y0 + rr, y0 + rr, y1 - rr, y1 - rr };
	int n = 0;
	if (rr < 0)
		rr = 0;
	for (int k = 0; k < 4; k++) {
		float start = (float)M_PI * (1.0f + 0.5f * (float)k);
		for (int i = 0; i <= per_corner; i++) {
			float a = start + (float)M_PI / 2 * (float)i / (float)per_corner;
			p[n].x = cx[k] + rr * cosf(a);
			p[n].y = cy[k] + rr * sinf(a);
			n++;
		}
	}
	return n;
}

static int corner_steps(float radius)
{
	int k = (int)(radius / 2.5f);
	return k < 2 ? 2 : k > 24 ? 24 : k;
}

static float clamp_radius(SDL_Rect rect, int radius)
{
	float m = (float)(rect.w < rect.h ? rect.w : rect.h) / 2;
	return radius < 0 ? 0 : (float)radius > m ? m : (float)radius;
}

void draw_round_rect(SDL_Renderer *r, SDL_Rect rect, int radius, SDL_Color c)
{
	SDL_FPoint p[4 * 25];
	float rad = clamp_radius(rect, radius);
	int n;
	if (rect.w <= 0 || rect.h <= 0)
		return;
	n = round_rect_points(rect, rad, 0, p, corner_steps(rad));
	draw_poly(r, p, n, c);
}

void draw_round_frame(SDL_Renderer *r, SDL_Rect rect, int radius, int thickness, SDL_Color c)
{
	SDL_FPoint outer[4 * 25], inner[4 * 25];
	float rad = clamp_radius(rect, radius);
	int k = corner_steps(rad), n;
	if (rect.w <= 0 || rect.h <= 0 || thickness <= 0)
		return;
	if (thickness * 2 >= rect.w || thickness * 2 >= rect.h) {
		draw_round_rect(r, rect, radius, c);
		return;
	}
	n = round_rect_points(rect, rad, 0, outer, k);
	round_rect_points(rect, rad, (float)thickness, inner, k);
	draw_band(r, outer, inner, n, true, c);
}

void draw_circle(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c)
{
	SDL_FPoint p[MAX_PTS];
	int n = (int)(radius * 1.2f) + 12;
	if (n > MAX_PTS)
		n = MAX_PTS;
	for (int i = 0; i < n; i++) {
		float a = 2 * (float)M_PI * (float)i / (float)n;
		p[i].x = cx + radius * cosf(a);
		p[i].y = cy + radius * sinf(a);
	}
	draw_poly(r, p, n, c);
}

void draw_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness, float a0, float a1, SDL_Color c)
{
	SDL_FPoint outer[MAX_PTS + 1], inner[MAX_PTS + 1];
	float span = a1 - a0, ro = radius + thickness / 2, ri = radius - thickness / 2;
	bool closed = fabsf(span) >= 2 * (float)M_PI - 1e-4f;
	int n = (int)(fabsf(span) * ro / 4) + 8;
	if (n > MAX_PTS)
		n = MAX_PTS;
	if (ri < 0)
		ri = 0;
	for (int i = 0; i <= n; i++) {
		float a = a0 + span * (float)i / (float)n;
		outer[i].x = cx + ro * cosf(a);
		outer[i].y = cy + ro * sinf(a);
		inner[i].x = cx + ri * cosf(a);
		inner[i].y = cy + ri * sinf(a);
	}
	draw_band(r, outer, inner, closed ? n : n + 1, closed, c);
}

void draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float thickness, bool round_caps,
               SDL_Color c)
{
	float dx = x1 - x0, dy = y1 - y0, l = sqrtf(dx * dx + dy * dy), nx, ny;
	SDL_FPoint p[4];
	if (l < 1e-6f) {
		if (round_caps)
			draw_circle(r, x0, y0, thickness / 2, c);
		return;
	}
	nx = -dy / l * thickness / 2;
	ny = dx / l * thickness / 2;
	p[0] = (SDL_FPoint){ x0 + nx, y0 + ny };
	p[1] = (SDL_FPoint){ x1 + nx, y1 + ny };
	p[2] = (SDL_FPoint){ x1 - nx, y1 - ny };
	p[3] = (SDL_FPoint){ x0 - nx, y0 - ny };
	draw_poly(r, p, 4, c);
	if (round_caps) {
		draw_circle(r, x0, y0, thickness / 2, c);
		draw_circle(r, x1, y1, thickness / 2, c);
	}
}
