/* Filled shapes for the screens, anti-aliased by the share of each pixel
 * they cover: rounded rectangles and frames, circles, arcs, thick lines,
 * polygons. Coordinates are floats in pixels. Each call leaves the
 * renderer's draw colour and blend mode as they were. */
#ifndef FRONTA_UI_DRAW_H
#define FRONTA_UI_DRAW_H

#include <stdbool.h>

#include <SDL2/SDL.h>

/* A simple polygon (points in order, either direction). n <= 256. */
void draw_poly(SDL_Renderer *r, const SDL_FPoint *pts, int n, SDL_Color c);

/* A rectangle with corners of radius (clamped to half the shorter side). */
void draw_round_rect(SDL_Renderer *r, SDL_Rect rect, int radius, SDL_Color c);

/* The outline of that rectangle, thickness pixels wide, inside rect. */
void draw_round_frame(SDL_Renderer *r, SDL_Rect rect, int radius, int thickness, SDL_Color c);

void draw_circle(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c);

/* A ring segment of radius (the middle of the stroke) from angle a0 to a1
 * (radians, 0 = right, growing clockwise on screen), thickness wide. */
void draw_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness, float a0, float a1, SDL_Color c);

/* A straight stroke; round ends if round_caps. */
void draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float thickness, bool round_caps,
               SDL_Color c);

#endif
