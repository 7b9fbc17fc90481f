/* Sentences people read that are built from numbers and the catalogue:
 * the estimated wait said the way a person says it, weekday names, opening
 * times ("on Monday at 9:00"), the date line. Every word comes from the
 * common domain; times use the 24-hour clock and Latin digits in every
 * language. Local time is the process's zone (core/tz.h). No SDL here. */
#ifndef FRONTA_UI_PHRASE_H
#define FRONTA_UI_PHRASE_H

#include <stddef.h>
#include <stdint.h>

#include "ui/i18n.h"

enum wait_kind {
	WAIT_UNKNOWN,     /* no estimate (negative seconds) */
	WAIT_MOMENT,      /* under 2 minutes: "in a moment" */
	WAIT_MINUTES,     /* "about {n} minutes": minutes is 2..10, then 15, 20 .. 55 */
	WAIT_HOURS,       /* "about 1 hour", "about 1 hour 30 minutes": hours >= 1, minutes 0/15/30/45 */
	WAIT_OVER         /* "more than 3 hours": hours is 3 */
};

struct wait_rounded {
	enum wait_kind kind;
	int hours;
	int minutes;
};

/* The rounding (docs/ui.md): under 120 s a moment; under 10 min whole
 * minutes (half a minute rounds up); then the nearest 5 minutes; from
 * 57.5 min the nearest quarter hour; above 3 h 7.5 min "more than 3 hours". */
struct wait_rounded phrase_wait_round(long seconds);

/* The wait in lang, e.g. "about 20 minutes", "asi 20 minut". Returns the
 * length, or -1 for an unknown wait (out is then "") or a too small out. */
int phrase_wait(struct i18n *cat, const char *lang, long seconds, char *out, size_t cap);

/* Weekday name, 0 = Monday .. 6 = Sunday, as a heading ("pondělí").
 * Owned by the catalogue; NULL if wd is out of range. */
const char *phrase_weekday(struct i18n *cat, const char *lang, int wd);

/* "9:00", "13:05": minute of day (0..1439) on the 24-hour clock. */
int phrase_time(int minute_of_day, char *out, size_t cap);

/* When something opens, seen from now: "today at 9:00", "tomorrow at
 * 9:00", "on Monday at 9:00" within a week, "on 23 November at 9:00"
 * later. Returns the length, or -1 (at_ms < 0: never; out is ""). */
int phrase_opens(struct i18n *cat, const char *lang, int64_t now_ms, int64_t at_ms, char *out, size_t cap);

/* The date line for a screen: "Monday 23 November 2026",
 * "pondělí 23. listopadu 2026". Returns the length, or -1. */
int phrase_date(struct i18n *cat, const char *lang, int64_t ms, char *out, size_t cap);

#endif
