/* A coverage rasteriser for filled shapes (scanfill.h): each row's
 * coverage from the contours' edges, drawn as runs of one alpha. */
#include "ui/scanfill.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#define SUBROWS 8            /* samples per pixel row; across a row, coverage is exact */
#define MAX_RUNS 64          /* runs of one alpha in a row that are merged with the next rows */

/* An edge of a contour, from its top (ya) down to yb. */
struct edge {
	float xa, ya, yb, slope;     /* x at ya; dx per dy */
};

#define MAX_EDGES (2 * (SCAN_MAX_PTS + 1))

static int edge_cmp(const void *pa, const void *pb)
{
	const struct edge *a = pa, *b = pb;
	return (a->ya > b->ya) - (a->ya < b->ya);
}

/* The contours' edges that are not horizontal, sorted by their top. */
static int collect_edges(const struct scan_contour *cs, int nc, struct edge *e)
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
	unsigned char *marked;      /* marked[i]: i is in touched[] already */
	int *touched, n_touched;    /* room for width + 1: each index at most once */
	int x0, width;
};

/* Each index once: an edge crosses the same pixel in most of its sub-rows,
 * and sorting the repeats was most of a frame's rasterising. */
static void touch(struct row *w, int i)
{
	if (!w->marked[i]) {
		w->marked[i] = 1;
		w->touched[w->n_touched++] = i;
	}
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
void scan_fill(SDL_Renderer *r, const struct scan_contour *cs, int nc, SDL_Color c)
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
	w.marked = calloc((size_t)(width + 1), 1);
	w.touched = malloc(sizeof *w.touched * (size_t)(width + 1));
	if (!part || !w.marked || !w.touched) {
		free(part);
		free(w.marked);
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
			int x = w.touched[i], end;
			w.marked[x] = 0;
			if (x >= width) {
				step[x] = 0;
				continue;
			}
			sum += step[x];
			end = i + 1 < w.n_touched ? w.touched[i + 1] : width;
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
	free(w.marked);
	free(w.touched);
	SDL_SetRenderDrawColor(r, pr, pg, pb, pa);
	SDL_SetRenderDrawBlendMode(r, was_mode);
}
