/* Call to screen: from a console's `call` to the display's presence
 * reporting the seq of that call (PROTOCOL.md: a display reports in its
 * presence the seq of the last state it has put on screen). */
#ifndef FRONTA_BENCH_SCREEN_H
#define FRONTA_BENCH_SCREEN_H

#include "core/config.h"

struct screen;

/* A console-like client of host:port that watches the events and the
 * presence of display `device`. NULL with a message on stderr. */
struct screen *screen_new(const char *host, int port, const struct config *cfg, const char *device);
void screen_free(struct screen *s);

/* Issues a ticket (not timed), then times a `call` (counter i mod counters)
 * until `device` reports a seq at least that of the call's `called`
 * event. 0 with the time in *ms, or -1 (said on stderr) if the answer, the
 * event or the display did not come within timeout_ms. */
int screen_call(struct screen *s, long i, int timeout_ms, double *ms);

#endif
