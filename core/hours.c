/* Opening hours: a small parser and a walk over the local calendar. */
#include "core/hours.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"

static const char *const day_names[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static int parse_day(const char **pp)
{
	const char *p = *pp;
	for (int i = 0; i < 7; i++) {
		if (strncasecmp(p, day_names[i], 3) == 0 && !isalpha((unsigned char)p[3])) {
			*pp = p + 3;
			return i;
		}
	}
	return -1;
}

/* "HH:MM" -> minutes, 0..1440. */
static int parse_time(const char **pp)
{
	const char *p = *pp;
	int h, m;
	if (!isdigit((unsigned char)p[0]))
		return -1;
	h = p[0] - '0';
	p++;
	if (isdigit((unsigned char)*p))
		h = h * 10 + (*p++ - '0');
	if (*p != ':' || !isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]))
		return -1;
	m = (p[1] - '0') * 10 + (p[2] - '0');
	if (h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	*pp = p + 3;
	return h * 60 + m;
}

static int add_interval(struct week_hours *w, int day, int from, int to, char *err, size_t errlen)
{
	int n = w->n[day], i;
	for (i = 0; i < n; i++) {
		if (from < w->to[day][i] && w->from[day][i] < to) {
			snprintf(err, errlen, "%s has overlapping times", day_names[day]);
			return -1;
		}
	}
	if (n == CONFIG_MAX_INTERVALS) {
		snprintf(err, errlen, "%s has more than %d intervals", day_names[day], CONFIG_MAX_INTERVALS);
		return -1;
	}
	/* keep them sorted by start */
	for (i = n; i > 0 && w->from[day][i - 1] > from; i--) {
		w->from[day][i] = w->from[day][i - 1];
		w->to[day][i] = w->to[day][i - 1];
	}
	w->from[day][i] = (uint16_t)from;
	w->to[day][i] = (uint16_t)to;
	w->n[day]++;
	return 0;
}

int hours_parse(const char *text, struct week_hours *out, char *err, size_t errlen)
{
	const char *p = skip_ws(text ? text : "");
	memset(out, 0, sizeof *out);

	if (strcasecmp(p, "never") == 0)
		return 0;
	if (strcasecmp(p, "always") == 0) {
		for (int d = 0; d < 7; d++) {
			out->from[d][0] = 0;
			out->to[d][0] = 1440;
			out->n[d] = 1;
		}
		return 0;
	}
	if (!*p) {
		snprintf(err, errlen, "no hours given (write \"always\", \"never\" or e.g. \"mon-fri 09:00-17:00\")");
		return -1;
	}
	while (*p) {
		bool days[7] = { false };
		bool any_time = false;

		/* days: mon | mon-fri | mon,wed-thu */
		for (;;) {
			int a, b;
			p = skip_ws(p);
			a = parse_day(&p);
			if (a < 0) {
				snprintf(err, errlen, "expected a day (mon, tue, ... sun) at \"%.20s\"", p);
				return -1;
			}
			b = a;
			if (*p == '-') {
				p++;
				b = parse_day(&p);
				if (b < 0) {
					snprintf(err, errlen, "expected a day after '-' at \"%.20s\"", p);
					return -1;
				}
			}
			for (int d = a;; d = (d + 1) % 7) {
				days[d] = true;
				if (d == b)
					break;
			}
			if (*p != ',')
				break;
			p++;
		}
		/* times: 09:00-12:00, 13:00-17:00 */
		for (;;) {
			int from, to;
			p = skip_ws(p);
			from = parse_time(&p);
			if (from < 0 || *p != '-') {
				snprintf(err, errlen, "expected a time range like 09:00-17:00 at \"%.20s\"", p);
				return -1;
			}
			p++;
			to = parse_time(&p);
			if (to < 0) {
				snprintf(err, errlen, "expected an end time like 17:00 at \"%.20s\"", p);
				return -1;
			}
			if (to <= from || from >= 1440) {
				snprintf(err, errlen, "a time range must end after it starts, on the same day");
				return -1;
			}
			for (int d = 0; d < 7; d++)
				if (days[d] && add_interval(out, d, from, to, err, errlen) != 0)
					return -1;
			any_time = true;
			p = skip_ws(p);
			if (*p != ',')
				break;
			p++;
		}
		if (!any_time)
			return -1;
		p = skip_ws(p);
		if (*p == ';') {
			p = skip_ws(p + 1);
			continue;
		}
		if (*p) {
			snprintf(err, errlen, "unexpected \"%.20s\"", p);
			return -1;
		}
	}
	return 0;
}

static bool is_holiday(const struct config *cfg, const char *day)
{
	for (int i = 0; i < cfg->n_holidays; i++)
		if (strcmp(cfg->holidays[i], day) == 0)
			return true;
	return false;
}

bool hours_open(const struct config *cfg, const struct service_cfg *s, int64_t ms)
{
	return hours_next_open(cfg, s, ms) == ms;
}

/* Walks the local calendar from the day of ms. For each interval that has not
 * ended by ms, calls back with its start and end; stops when found returns 1. */
static int64_t walk(const struct config *cfg, const struct service_cfg *s, int64_t ms, bool want_end)
{
	struct tm tm;
	tz_local(ms, &tm);
	for (int dd = 0; dd <= 370; dd++) {
		int64_t noon = tz_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + dd, 720);
		char day[TZ_DAY_LEN];
		int w = tz_weekday(noon);

		tz_day(noon, day);
		if (is_holiday(cfg, day))
			continue;
		for (int i = 0; i < s->hours.n[w]; i++) {
			int64_t start = tz_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + dd, s->hours.from[w][i]);
			int64_t end = tz_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + dd, s->hours.to[w][i]);
			if (end <= ms)
				continue;
			if (want_end)
				return start <= ms ? end : ms;
			return start <= ms ? ms : start;
		}
		if (want_end && dd == 0)
			return ms;
	}
	return want_end ? ms : -1;
}

int64_t hours_next_open(const struct config *cfg, const struct service_cfg *s, int64_t ms)
{
	return walk(cfg, s, ms, false);
}

int64_t hours_closes_at(const struct config *cfg, const struct service_cfg *s, int64_t ms)
{
	return walk(cfg, s, ms, true);
}
