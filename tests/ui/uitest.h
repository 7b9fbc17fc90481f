/* Helpers shared by the ui unit tests that draw on a software renderer. */
#ifndef FRONTA_TESTS_UITEST_H
#define FRONTA_TESTS_UITEST_H

#include <SDL2/SDL.h>

#include "ui/image.h"

/* Fills the renderer with bg. */
void uitest_clear(SDL_Renderer *r, SDL_Color bg);

/* What the renderer shows now (fails the test if it cannot be read). */
struct image *uitest_snap(SDL_Renderer *r);

#endif
