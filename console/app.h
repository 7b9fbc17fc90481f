/* fronta-console's running program: the window, the connection and the
 * loop that turns what arrives (messages, answers, keys, clicks, the time)
 * into the model and the frame. Sleeps in SDL_WaitEventTimeout until the
 * next thing to show; draws only when something changed. */
#ifndef FRONTA_CONSOLE_APP_H
#define FRONTA_CONSOLE_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "mqtt/mq.h"

struct fonts;
struct i18n;

struct app_options {
	const struct config *cfg;
	struct i18n *cat;               /* common and console loaded */
	struct fonts *fonts;
	struct mq_options mq;           /* resolved connection */
	const char *counter;            /* NULL: the worker picks it at start */
	const char *lang;               /* interface language at start */
	int undo_s;                     /* [console] undo_seconds */
	const char *shot_dir;           /* SIGUSR1 saves <dir>/<device>-<NNN>.png, or NULL */
	bool shot_manifest;             /* and beside it <device>-<NNN>.txt: where everything was drawn (tests) */
	int w, h;                       /* window size */
	bool fullscreen;
	int64_t started_mono;           /* for the time to the first frame */
};

/* Runs until the window is closed or SIGINT/SIGTERM. Signals SIGUSR1,
 * SIGINT and SIGTERM must be blocked in every thread before the call
 * (main.c does it first thing; a thread of ours waits for them). Returns
 * the exit code: 0, or 1 if the window or connection could not start. */
int app_run(const struct app_options *o);

#endif
