/* fronta-bare-window: the floor of the SDL programs' start-up and idle
 * cost. The least an SDL program does to show something: open a window of
 * the given size, make a renderer (chosen as the kiosk, display and console
 * choose it: ui/video.h's preference, which SDL_RENDER_DRIVER and the other
 * SDL variables in the environment override), clear, present once, and say
 * so. Then it waits for events (drawing again when the window is exposed)
 * until SIGTERM or the window is closed, as an idle program would.
 * With --frames N it then presents N more frames, each cleared to another
 * colour, and says how long each SDL_RenderPresent took: what a frame that
 * draws nothing costs on this machine (it exits when done).
 *   fronta-bare-window [--size WxH] [--frames N]
 * It links SDL alone (and bench/stats.c, ui/video.c): nothing of Fronta's
 * drawing is in the floor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "bench/stats.h"
#include "ui/video.h"

/* SDL's monotonic clock (core/clock.h would bring core's libraries along) */
static double mono_ms(void)
{
	return (double)SDL_GetPerformanceCounter() * 1e3 / (double)SDL_GetPerformanceFrequency();
}

static void frame(SDL_Renderer *r, Uint8 grey)
{
	SDL_SetRenderDrawColor(r, grey, grey, grey, 255);
	SDL_RenderClear(r);
	SDL_RenderPresent(r);
}

/* n frames, each SDL_RenderPresent timed; the percentiles on stderr. */
static int frames(SDL_Renderer *r, int n)
{
	struct samples *s = samples_new();
	if (!s)
		return 1;
	for (int i = 0; i < n; i++) {
		double t;
		SDL_Event ev;
		while (SDL_PollEvent(&ev))
			;
		SDL_SetRenderDrawColor(r, (Uint8)(i * 37), (Uint8)(255 - i * 11), 128, 255);
		SDL_RenderClear(r);
		t = mono_ms();
		SDL_RenderPresent(r);
		samples_add(s, mono_ms() - t);
	}
	fprintf(stderr, "fronta-bare-window: present: ");
	samples_print(stderr, "present", -1, s, "\n");
	samples_free(s);
	return 0;
}

int main(int argc, char **argv)
{
	double t0 = mono_ms();
	int w = 1920, h = 1080, n_frames = 0;
	SDL_Window *win;
	SDL_Renderer *r;
	SDL_RendererInfo info;
	SDL_Event ev;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--size") == 0 && i + 1 < argc && sscanf(argv[i + 1], "%dx%d", &w, &h) == 2 && w > 0 &&
		    h > 0) {
			i++;
		} else if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc && atoi(argv[i + 1]) > 0) {
			n_frames = atoi(argv[++i]);
		} else {
			fprintf(stderr, "Usage: fronta-bare-window [--size WxH] [--frames N]\n");
			return 2;
		}
	}
	video_prefer_software();
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
	frame(r, 255);
	fprintf(stderr, "fronta-bare-window: first frame after %.1f ms, %dx%d, renderer %s\n", mono_ms() - t0, w, h,
	        info.name);
	if (n_frames > 0)
		frames(r, n_frames);
	/* SDL turns SIGTERM and SIGINT into SDL_QUIT */
	else
		while (SDL_WaitEvent(&ev) && ev.type != SDL_QUIT)
			if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED)
				frame(r, 255);
	SDL_DestroyRenderer(r);
	SDL_DestroyWindow(win);
	SDL_Quit();
	return 0;
}
