/* Helpers shared by the ui unit tests that draw on a software renderer. */
#include "tests/ui/uitest.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

void uitest_clear(SDL_Renderer *r, SDL_Color bg)
{
	SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
	SDL_RenderClear(r);
}

struct image *uitest_snap(SDL_Renderer *r)
{
	char err[200];
	struct image *im = image_from_renderer(r, err, sizeof err);
	if (!im)
		fail_msg("%s", err);
	return im;
}
