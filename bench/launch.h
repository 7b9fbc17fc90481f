/* Start-up: a program launched and timed until it says it has drawn (a
 * line on its stderr or stdout) or until a display's presence reports the
 * seq of the retained state (PROTOCOL.md: the seq of the last state it has
 * put on screen), then stopped. */
#ifndef FRONTA_BENCH_LAUNCH_H
#define FRONTA_BENCH_LAUNCH_H

#include "core/config.h"

struct launch_watch;

/* A client of host:port for the branch of cfg that follows the retained
 * state and the presence of display `device`. Waits (5 s at most) until
 * the retained state is known. NULL with a message on stderr. */
struct launch_watch *launch_watch_new(const char *host, int port, const struct config *cfg, const char *device);
void launch_watch_free(struct launch_watch *w);

/* Starts argv (argv[0] looked up in PATH; the environment passed on) with
 * its stdout and stderr into log_path (NULL: thrown away), and times it
 * from just before the start until
 *   - watch is NULL: a line of its output contains `line`;
 *   - watch is given: the display's presence reports a seq at least the
 *     retained state's (a presence published after the start).
 * Then stops it (SIGTERM; SIGKILL after 5 s) and waits for it.
 * 0 with the time in *ms and the CPU time the program had used by then
 * (all its threads, in the kernel's 10 ms ticks) in *cpu_ms, or -1 (said on
 * stderr) if it did not get there within timeout_ms or ended before. */
int launch_time(char *const argv[], const char *line, struct launch_watch *watch, const char *log_path,
                int timeout_ms, double *ms, double *cpu_ms);

#endif
