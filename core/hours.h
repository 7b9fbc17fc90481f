/* Opening hours of services: parsing "mon-fri 09:00-17:00; sat 09:00-12:00",
 * and asking whether a service is open and when it opens next. */
#ifndef FRONTA_HOURS_H
#define FRONTA_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"

/* Parses text into out. Forms: "always", "never", or groups separated by ';'
 * of days ("mon", "mon-fri", "mon,wed") and times ("09:00-17:00", several
 * separated by ','; "24:00" ends at midnight). Returns 0, or -1 with a
 * message in err. */
int hours_parse(const char *text, struct week_hours *out, char *err, size_t errlen);

/* Is service s open at ms (local time of the process's zone)? Holidays of
 * cfg close every service all day. */
bool hours_open(const struct config *cfg, const struct service_cfg *s, int64_t ms);

/* When s next opens: ms itself if open now, otherwise the start of the next
 * interval within a year; -1 if it never opens. */
int64_t hours_next_open(const struct config *cfg, const struct service_cfg *s, int64_t ms);

/* When the interval s is open in at ms ends (ms itself if closed now). */
int64_t hours_closes_at(const struct config *cfg, const struct service_cfg *s, int64_t ms);

#endif
