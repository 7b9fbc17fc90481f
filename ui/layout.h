/* Rectangle arithmetic for screens, with right-to-left mirroring: lay a
 * screen out once for left-to-right and mirror the rectangles for Arabic. */
#ifndef FRONTA_UI_LAYOUT_H
#define FRONTA_UI_LAYOUT_H

#include <stdbool.h>

#include <SDL2/SDL.h>

/* r mirrored horizontally inside within (same width, same y). */
SDL_Rect layout_mirror(SDL_Rect r, SDL_Rect within);

/* layout_mirror when rtl, r itself otherwise. */
SDL_Rect layout_mirror_if(SDL_Rect r, SDL_Rect within, bool rtl);

/* r shrunk by d on every side (never below zero size). */
SDL_Rect layout_inset(SDL_Rect r, int d);

/* Cell i (row by row, from the start side) of a cols x rows grid filling
 * r with gap between cells. */
SDL_Rect layout_cell(SDL_Rect r, int cols, int rows, int i, int gap, bool rtl);

/* Cuts a strip off r and returns it; r keeps the rest minus gap. h or w
 * is clamped to what r has. "start" is the left side, or the right in rtl. */
SDL_Rect layout_take_top(SDL_Rect *r, int h, int gap);
SDL_Rect layout_take_bottom(SDL_Rect *r, int h, int gap);
SDL_Rect layout_take_start(SDL_Rect *r, int w, int gap, bool rtl);
SDL_Rect layout_take_end(SDL_Rect *r, int w, int gap, bool rtl);

bool layout_contains(SDL_Rect r, int x, int y);

#endif
