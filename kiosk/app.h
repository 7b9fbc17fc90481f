/* The kiosk program: wires the window, the screens, the flow, the broker
 * connection and the printer together and runs the event loop, which
 * sleeps in SDL_WaitEventTimeout until a touch, a message, a print result
 * or the flow's next timer, and redraws only when something changed. */
#ifndef FRONTA_KIOSK_APP_H
#define FRONTA_KIOSK_APP_H

#include <stdbool.h>

#include "mqtt/cli.h"

struct app_options {
	struct cli_conn conn;       /* --config and the connection options */
	bool fullscreen;
	int w, h;                   /* window size when not full screen */
	const char *assets;         /* --assets, or NULL */
	const char *shot_dir;       /* --shot-dir, or NULL: SIGUSR1 saves the frame there */
	bool shot_changes;          /* --shot-changes: also each new screen, its targets, each paper ticket */
};

/* Runs the kiosk until it is closed (SIGTERM, SIGINT, the window closed).
 * Returns the process exit code: 0, or 2 when it cannot start (the reason
 * is logged). */
int app_run(struct app_options *o);

#endif
