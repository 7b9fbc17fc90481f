/* Local time in the branch's time zone: days, weekdays, RFC 3339 stamps.
 * The process has one zone (a branch has one); tz_set chooses it. */
#ifndef FRONTA_TZ_H
#define FRONTA_TZ_H

#include <stdint.h>
#include <time.h>

#define TZ_DAY_LEN 11      /* "YYYY-MM-DD" and NUL */
#define TZ_STAMP_LEN 32    /* "2026-11-23T09:15:02+01:00" and NUL */

/* Use zone name (e.g. "Europe/Prague") for every conversion below.
 * Returns 0, or -1 if the zone is not installed (tzdata). */
int tz_set(const char *name);

/* Is zone name installed? (tz_set would succeed.) */
int tz_exists(const char *name);

/* Broken-down local time of ms (milliseconds since the epoch). */
void tz_local(int64_t ms, struct tm *out);

/* Local calendar day of ms as "YYYY-MM-DD". */
void tz_day(int64_t ms, char out[TZ_DAY_LEN]);

/* Local weekday of ms, 0 = Monday ... 6 = Sunday. */
int tz_weekday(int64_t ms);

/* Minutes since local midnight of ms (0..1439). */
int tz_minute_of_day(int64_t ms);

/* The instant of local day (y, mon 1-12, d) at minute-of-day minute
 * (0..1440; 1440 is the next midnight). A time skipped by a
 * daylight-saving change maps to the instant after the gap. */
int64_t tz_make(int y, int mon, int d, int minute);

/* Start of the local day that contains ms, and of the next one. */
int64_t tz_day_start(int64_t ms);
int64_t tz_next_day_start(int64_t ms);

/* ms as RFC 3339 with the local offset, whole seconds. */
void tz_rfc3339(int64_t ms, char out[TZ_STAMP_LEN]);

/* Parses RFC 3339 ("2026-11-23T09:15:02+01:00", "...Z", fractions allowed).
 * Returns 0 and sets *ms, or -1. */
int tz_parse_rfc3339(const char *s, int64_t *ms);

/* Parses "YYYY-MM-DD" (a real calendar date). Returns 0, or -1. */
int tz_parse_day(const char *s, int *y, int *mon, int *d);

/* day plus n calendar days, as "YYYY-MM-DD". Returns 0, or -1 if day is bad. */
int tz_day_add(const char *day, int n, char out[TZ_DAY_LEN]);

/* Weekday (0 = Monday) of a "YYYY-MM-DD" day, or -1 if it is bad. */
int tz_day_weekday(const char *day);

#endif
