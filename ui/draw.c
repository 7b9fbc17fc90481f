/* Filled shapes for the screens. Two ways to draw them, chosen by the
 * renderer: on SDL's software renderer, anti-aliased scanlines
 * (ui/scanfill.h); on the others (a GPU), triangles with a one-pixel
 * feathered rim (SDL_RenderGeometry, no multisampling), which a GPU draws
 * in one batch where thousands of small rectangles would each cost a
 * draw call. Both give the same smooth edges. */
#include "ui/draw.h"

#include <math.h>
#include <string.h>

#include "ui/scanfill.h"

#define MAX_PTS SCAN_MAX_PTS
#define FEATHER 1.0f

static bool is_software(SDL_Renderer *r)
{
	SDL_RendererInfo info;
	return SDL_GetRendererInfo(r, &info) == 0 && info.name && strcmp(info.name, "software") == 0;
}

/* Draws blended triangles and leaves the renderer's blend mode as it was. */
static void blend_geometry(SDL_Renderer *r, const SDL_Vertex *v, int nv, const int *idx, int ni)
{
	SDL_BlendMode was = SDL_BLENDMODE_NONE;
	SDL_GetRenderDrawBlendMode(r, &was);
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
	SDL_RenderGeometry(r, NULL, v, nv, idx, ni);
	SDL_SetRenderDrawBlendMode(r, was);
}

static SDL_Vertex vtx(float x, float y, SDL_Color c)
{
	SDL_Vertex v;
	v.position.x = x;
	v.position.y = y;
	v.color = c;
	v.tex_coord.x = 0;
	v.tex_coord.y = 0;
	return v;
}

/* Outward unit normals at the vertices of a closed polygon; orient is
 * +1 or -1 so that they point out whatever the winding. */
static void vertex_normals(const SDL_FPoint *p, int n, float orient, SDL_FPoint *nrm)
{
	for (int i = 0; i < n; i++) {
		const SDL_FPoint *a = &p[(i + n - 1) % n], *b = &p[i], *c = &p[(i + 1) % n];
		float e1x = b->x - a->x, e1y = b->y - a->y, e2x = c->x - b->x, e2y = c->y - b->y;
		float l1 = sqrtf(e1x * e1x + e1y * e1y), l2 = sqrtf(e2x * e2x + e2y * e2y);
		float n1x, n1y, n2x, n2y, mx, my, ml, dot;
		if (l1 < 1e-6f)
			l1 = 1e-6f;
		if (l2 < 1e-6f)
			l2 = 1e-6f;
		n1x = orient * e1y / l1;
		n1y = -orient * e1x / l1;
		n2x = orient * e2y / l2;
		n2y = -orient * e2x / l2;
		mx = n1x + n2x;
		my = n1y + n2y;
		ml = sqrtf(mx * mx + my * my);
		if (ml < 1e-6f) {
			nrm[i].x = n1x;
			nrm[i].y = n1y;
			continue;
		}
		mx /= ml;
		my /= ml;
		/* keep the rim one pixel wide at sharp corners, within reason */
		dot = mx * n1x + my * n1y;
		if (dot < 0.35f)
			dot = 0.35f;
		nrm[i].x = mx / dot;
		nrm[i].y = my / dot;
	}
}

static float signed_area(const SDL_FPoint *p, int n)
{
	float a = 0;
	for (int i = 0; i < n; i++)
		a += p[i].x * p[(i + 1) % n].y - p[(i + 1) % n].x * p[i].y;
	return a / 2;
}

static void geometry_poly(SDL_Renderer *r, const SDL_FPoint *p, int n, SDL_Color c)
{
	SDL_Vertex v[2 * MAX_PTS];
	int idx[3 * MAX_PTS + 6 * MAX_PTS];
	SDL_FPoint nrm[MAX_PTS];
	SDL_Color clear = c;
	int ni = 0;
	float orient;
	/* (e.y, -e.x) points out of a polygon whose shoelace area is positive
	 * (clockwise on screen, where y grows down) */
	orient = signed_area(p, n) > 0 ? 1.0f : -1.0f;
	vertex_normals(p, n, orient, nrm);
	clear.a = 0;
	for (int i = 0; i < n; i++) {
		v[i] = vtx(p[i].x - nrm[i].x * FEATHER / 2, p[i].y - nrm[i].y * FEATHER / 2, c);
		v[n + i] = vtx(p[i].x + nrm[i].x * FEATHER / 2, p[i].y + nrm[i].y * FEATHER / 2, clear);
	}
	for (int i = 1; i + 1 < n; i++) {
		idx[ni++] = 0;
		idx[ni++] = i;
		idx[ni++] = i + 1;
	}
	for (int i = 0; i < n; i++) {
		int j = (i + 1) % n;
		idx[ni++] = i;
		idx[ni++] = j;
		idx[ni++] = n + i;
		idx[ni++] = j;
		idx[ni++] = n + j;
		idx[ni++] = n + i;
	}
	blend_geometry(r, v, 2 * n, idx, ni);
}

/* A band between two closed paths of n points each (outer[i] faces
 * inner[i]), feathered on both edges. */
static void geometry_band(SDL_Renderer *r, const SDL_FPoint *outer, const SDL_FPoint *inner, int n, bool closed,
                      SDL_Color c)
{
	/* four rings: outer rim (clear), outer edge, inner edge, inner rim (clear) */
	SDL_Vertex v[4 * (MAX_PTS + 1)];
	int idx[18 * (MAX_PTS + 1)];
	SDL_Color clear = c;
	int ni = 0, segs = closed ? n : n - 1;
	clear.a = 0;
	for (int i = 0; i < n; i++) {
		float dx = outer[i].x - inner[i].x, dy = outer[i].y - inner[i].y, l = sqrtf(dx * dx + dy * dy);
		float ux, uy;
		if (l < 1e-6f)
			l = 1e-6f;
		ux = dx / l * FEATHER / 2;
		uy = dy / l * FEATHER / 2;
		v[i] = vtx(outer[i].x + ux, outer[i].y + uy, clear);
		v[n + i] = vtx(outer[i].x - ux, outer[i].y - uy, c);
		v[2 * n + i] = vtx(inner[i].x + ux, inner[i].y + uy, c);
		v[3 * n + i] = vtx(inner[i].x - ux, inner[i].y - uy, clear);
	}
	for (int i = 0; i < segs; i++) {
		int j = (i + 1) % n;
		for (int ring = 0; ring < 3; ring++) {
			int a = ring * n, b = (ring + 1) * n;
			idx[ni++] = a + i;
			idx[ni++] = a + j;
			idx[ni++] = b + i;
			idx[ni++] = a + j;
			idx[ni++] = b + j;
			idx[ni++] = b + i;
		}
	}
	blend_geometry(r, v, 4 * n, idx, ni);
}

void draw_poly(SDL_Renderer *r, const SDL_FPoint *p, int n, SDL_Color c)
{
	struct scan_contour one = { p, n };
	if (n < 3 || n > MAX_PTS)
		return;
	if (is_software(r))
		scan_fill(r, &one, 1, c);
	else
		geometry_poly(r, p, n, c);
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
	if (!is_software(r)) {
		geometry_band(r, outer, inner, n, closed, c);
		return;
	}
	if (closed) {
		struct scan_contour ring[2] = { { outer, n }, { inner, n } };
		scan_fill(r, ring, 2, c);
		return;
	}
	for (int i = 0; i < n; i++) {
		loop[i] = outer[i];
		loop[2 * n - 1 - i] = inner[i];
	}
	scan_fill(r, &(struct scan_contour){ loop, 2 * n }, 1, c);
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
