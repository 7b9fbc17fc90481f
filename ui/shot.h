/* Screenshots: what a renderer shows, saved to PNG, for people to look at
 * and for tests (see image.h for the questions tests ask of a PNG). */
#ifndef FRONTA_UI_SHOT_H
#define FRONTA_UI_SHOT_H

#include <stddef.h>

#include <SDL2/SDL.h>

/* Saves the renderer's current picture as a PNG at path. Call it after
 * drawing and before SDL_RenderPresent (after presenting, the back buffer
 * is undefined for some renderers). Returns 0, or -1 with a message in err. */
int shot_save(SDL_Renderer *r, const char *path, char *err, size_t errlen);

#endif
