/* fronta-bare-window: the floor of the SDL programs' start-up and idle
 * cost. The least an SDL program does to show something: open a window of
 * the given size, make a renderer (SDL's default choice, so the same one
 * the kiosk, display and console get in this environment: SDL_RENDER_DRIVER
 * and the other SDL variables are honoured), clear, present once, and say
 * so. Then it waits for events (drawing again when the window is exposed)
 * until SIGTERM or the window is closed, as an idle program would.
 *   fronta-bare-window [--size WxH]
 * It links SDL alone: nothing of Fronta is in the floor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

/* SDL's monotonic clock (core/clock.h would bring core's libraries along) */
static double mono_ms(void)
{
	return (double)SDL_GetPerformanceCounter() * 1e3 / (double)SDL_GetPerformanceFrequency();
}

static void frame(SDL_Renderer *r)
{
	SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
	SDL_RenderClear(r);
	SDL_RenderPresent(r);
}

int main(int argc, char **argv)
{
	double t0 = mono_ms();
	int w = 1920, h = 1080;
	SDL_Window *win;
	SDL_Renderer *r;
	SDL_RendererInfo info;
	SDL_Event ev;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--size") == 0 && i + 1 < argc && sscanf(argv[i + 1], "%dx%d", &w, &h) == 2 && w > 0 &&
		    h > 0) {
			i++;
		} else {
			fprintf(stderr, "Usage: fronta-bare-window [--size WxH]\n");
			return 2;
		}
	}
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		fprintf(stderr, "fronta-bare-window: SDL_Init: %s\n", SDL_GetError());
		return 1;
	}
	win = SDL_CreateWindow("bare", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, SDL_WINDOW_SHOWN);
	r = win ? SDL_CreateRenderer(win, -1, 0) : NULL;
	if (!r) {
		fprintf(stderr, "fronta-bare-window: no window or renderer: %s\n", SDL_GetError());
		SDL_Quit();
		return 1;
	}
	if (SDL_GetRendererInfo(r, &info) != 0)
		info.name = "unknown";
	frame(r);
	fprintf(stderr, "fronta-bare-window: first frame after %.1f ms, %dx%d, renderer %s\n", mono_ms() - t0, w, h,
	        info.name);
	/* SDL turns SIGTERM and SIGINT into SDL_QUIT */
	while (SDL_WaitEvent(&ev) && ev.type != SDL_QUIT)
		if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED)
			frame(r);
	SDL_DestroyRenderer(r);
	SDL_DestroyWindow(win);
	SDL_Quit();
	return 0;
}
