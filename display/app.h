/* The display program's loop: the MQTT connection's messages and the
 * announcer's reports arrive as SDL events; the board takes them; a frame
 * is drawn only when something changed (or a blink, the clock's minute, the
 * instruction line's next language is due); after the frame that first
 * shows a state, the presence reports its seq. Or, for tests and pictures,
 * one state document from a file, drawn without a broker. */
#ifndef FRONTA_DISPLAY_APP_H
#define FRONTA_DISPLAY_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "mqtt/mq.h"

struct app_options {
	const struct config *cfg;
	const struct mq_options *mq;  /* the connection; NULL with state_file */
	const char *device;           /* this display's id: screenshot names */
	const char *assets;           /* --assets, or NULL */
	int w, h;                     /* window size when not full screen */
	bool fullscreen;
	const char *shot_dir;         /* screenshots on SIGUSR1 (PNG only); NULL: none */
	bool shot_changes;            /* also after each new state, each with its manifest (tests) */
	const char *state_file;       /* draw this state document instead of connecting */
	bool once;                    /* draw one frame, save it to shot_dir, exit */
	bool offline;                 /* with state_file: as if the broker had been lost */
	const char *instruction_lang; /* keep the instruction line in this language */
	int64_t start_mono_ms;        /* when the process started, for the start-up time */
};

/* Runs until the window is closed or SIGTERM/SIGINT (SDL turns them into
 * SDL_QUIT). Returns the process's exit code: 0, 1 (a screenshot or the
 * state file failed), 2 (cannot start: no window, no font, bad assets). */
int app_run(const struct app_options *o);

#endif
