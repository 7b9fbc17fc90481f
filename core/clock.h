/* The one place that reads the time. Tests set it; nothing else calls time(). */
#ifndef FRONTA_CLOCK_H
#define FRONTA_CLOCK_H

#include <stdint.h>

/* Wall-clock time in milliseconds since the epoch: real, fixed, or read from
 * the test clock file (see clock_init_from_env). */
int64_t clock_now_ms(void);

/* Monotonic milliseconds for timeouts and measurements; never faked. */
int64_t clock_mono_ms(void);

/* Monotonic nanoseconds, for benchmarks. */
int64_t clock_mono_ns(void);

/* Tests: the wall clock stands at ms until changed. */
void clock_set_fixed(int64_t ms);
void clock_advance_ms(int64_t ms);
/* Back to the real clock. */
void clock_set_real(void);

/* If the environment has FRONTA_CLOCK_FILE=PATH, the wall clock is read from
 * that file at each call: one number, seconds since the epoch (fractions
 * allowed). Integration tests rewrite it to move a running daemon's clock
 * over midnight or a daylight-saving change. Returns 0, or -1 if the
 * variable is set but the file cannot be read (the clock stays real). */
int clock_init_from_env(void);

#endif
