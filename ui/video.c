/* The renderer choice (video.h). Why software: without a GPU (here, Xvfb;
 * a kiosk whose GL driver is missing or broken) SDL's default OpenGL
 * renderer runs on Mesa's llvmpipe, which maps ~55 MB of LLVM and the DRI
 * driver into every program and takes 10-25 ms to present a 1920x1080
 * frame; the software renderer draws the same frame in a few milliseconds
 * and presents it with XShmPutImage in under 2. Both hints are needed:
 * with the software renderer alone, SDL still makes an OpenGL texture of
 * the window's framebuffer ("framebuffer acceleration") and loads GL. */
#include "ui/video.h"

#include <SDL2/SDL.h>

void video_prefer_software(void)
{
	SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
	SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
}
