/* Which SDL renderer the programs draw with: SDL's software renderer into
 * the window's own framebuffer (X shared memory), unless the environment
 * chooses another (docs/performance.md has the measurements). */
#ifndef FRONTA_UI_VIDEO_H
#define FRONTA_UI_VIDEO_H

/* Asks SDL for its software renderer and for a window framebuffer that is
 * not an OpenGL texture, at the hints' default priority: SDL_RENDER_DRIVER
 * (e.g. "opengl" on a machine whose GPU should draw) and
 * SDL_FRAMEBUFFER_ACCELERATION in the environment win. Call before the
 * first SDL_CreateWindow. Cannot fail (an unknown driver name in the
 * environment makes SDL fall back to its own choice). */
void video_prefer_software(void);

#endif
