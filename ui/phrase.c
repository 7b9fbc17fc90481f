/* Wait, weekday, opening-time and date phrases, assembled from catalogue
 * templates so that word order and grammatical case stay the translator's. */
#include "ui/phrase.h"

#include <stdio.h>
#include <time.h>

#include "core/tz.h"

static const char *const weekdays[7] = { "Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday" };
static const char *const on_weekdays[7] = { "on Monday at {time}",   "on Tuesday at {time}",
                                            "on Wednesday at {time}", "on Thursday at {time}",
                                            "on Friday at {time}",   "on Saturday at {time}",
                                            "on Sunday at {time}" };
static const char *const months[12] = { "January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December" };

struct wait_rounded phrase_wait_round(long s)
{
	struct wait_rounded w = { WAIT_UNKNOWN, 0, 0 };
	if (s < 0)
		return w;
	if (s < 120) {
		w.kind = WAIT_MOMENT;
	} else if (s < 600) {
		w.kind = WAIT_MINUTES;
		w.minutes = (int)((s + 30) / 60);
	} else if (s < 3450) {
		w.kind = WAIT_MINUTES;
		w.minutes = (int)((s + 150) / 300) * 5;
	} else {
		long q = (s + 450) / 900;        /* quarter hours, at least 4 here */
		if (q > 12) {
			w.kind = WAIT_OVER;
			w.hours = 3;
		} else {
			w.kind = WAIT_HOURS;
			w.hours = (int)(q / 4);
			w.minutes = (int)(q % 4) * 15;
		}
	}
	return w;
}

/* A plural catalogue phrase with {n} filled in. */
static int count_phrase(struct i18n *cat, const char *lang, const char *ctx, const char *one, const char *many,
                        int n, char *out, size_t cap)
{
	char num[16];
	snprintf(num, sizeof num, "%d", n);
	return i18n_format(out, cap, i18n_get_n(cat, NULL, lang, ctx, one, many, (unsigned long)n), "n", num, NULL);
}

int phrase_wait(struct i18n *cat, const char *lang, long seconds, char *out, size_t cap)
{
	struct wait_rounded w = phrase_wait_round(seconds);
	char hours[128], minutes[128];

	if (!out || cap == 0)
		return -1;
	out[0] = '\0';
	switch (w.kind) {
	case WAIT_UNKNOWN:
		return -1;
	case WAIT_MOMENT:
		return i18n_format(out, cap, i18n_get(cat, NULL, lang, "in a moment"), NULL);
	case WAIT_MINUTES:
		return count_phrase(cat, lang, NULL, "about {n} minute", "about {n} minutes", w.minutes, out, cap);
	case WAIT_OVER:
		return count_phrase(cat, lang, NULL, "more than {n} hour", "more than {n} hours", w.hours, out, cap);
	case WAIT_HOURS:
		if (w.minutes == 0)
			return count_phrase(cat, lang, NULL, "about {n} hour", "about {n} hours", w.hours, out, cap);
		count_phrase(cat, lang, "duration", "{n} hour", "{n} hours", w.hours, hours, sizeof hours);
		count_phrase(cat, lang, "duration", "{n} minute", "{n} minutes", w.minutes, minutes, sizeof minutes);
		return i18n_format(out, cap, i18n_get(cat, NULL, lang, "about {hours} {minutes}"), "hours", hours,
		                   "minutes", minutes, NULL);
	}
	return -1;
}

const char *phrase_weekday(struct i18n *cat, const char *lang, int wd)
{
	if (wd < 0 || wd > 6)
		return NULL;
	return i18n_get_ctx(cat, NULL, lang, "weekday", weekdays[wd]);
}

int phrase_time(int minute_of_day, char *out, size_t cap)
{
	int k;
	if (!out || cap == 0)
		return -1;
	if (minute_of_day < 0 || minute_of_day > 1440) {
		out[0] = '\0';
		return -1;
	}
	k = snprintf(out, cap, "%d:%02d", minute_of_day / 60, minute_of_day % 60);
	return k < 0 || (size_t)k >= cap ? -1 : k;
}

static int day_number(int64_t ms)
{
	struct tm tm;
	tz_local(ms, &tm);
	/* days since the epoch of the local calendar day, good enough to
	 * count the days between two local dates */
	return (int)((int64_t)tz_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 720) / 86400000);
}

int phrase_opens(struct i18n *cat, const char *lang, int64_t now_ms, int64_t at_ms, char *out, size_t cap)
{
	char hm[16], date[128], day[16];
	struct tm tm;
	int days;

	if (!out || cap == 0)
		return -1;
	out[0] = '\0';
	if (at_ms < 0)
		return -1;
	phrase_time(tz_minute_of_day(at_ms), hm, sizeof hm);
	days = day_number(at_ms) - day_number(now_ms);
	if (days <= 0)
		return i18n_format(out, cap, i18n_get_ctx(cat, NULL, lang, "opens", "today at {time}"), "time", hm,
		                   NULL);
	if (days == 1)
		return i18n_format(out, cap, i18n_get_ctx(cat, NULL, lang, "opens", "tomorrow at {time}"), "time",
		                   hm, NULL);
	if (days < 7)
		return i18n_format(out, cap, i18n_get_ctx(cat, NULL, lang, "opens", on_weekdays[tz_weekday(at_ms)]),
		                   "time", hm, NULL);
	tz_local(at_ms, &tm);
	snprintf(day, sizeof day, "%d", tm.tm_mday);
	i18n_format(date, sizeof date, i18n_get_ctx(cat, NULL, lang, "date", "{day} {month}"), "day", day, "month",
	            i18n_get_ctx(cat, NULL, lang, "date", months[tm.tm_mon]), NULL);
	return i18n_format(out, cap, i18n_get_ctx(cat, NULL, lang, "opens", "on {date} at {time}"), "date", date,
	                   "time", hm, NULL);
}

int phrase_date(struct i18n *cat, const char *lang, int64_t ms, char *out, size_t cap)
{
	char day[16], year[16];
	struct tm tm;
	if (!out || cap == 0)
		return -1;
	tz_local(ms, &tm);
	snprintf(day, sizeof day, "%d", tm.tm_mday);
	snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
	return i18n_format(out, cap,
	                   i18n_get_ctx(cat, NULL, lang, "date line", "{weekday} {day} {month} {year}"), "weekday",
	                   phrase_weekday(cat, lang, tz_weekday(ms)), "day", day, "month",
	                   i18n_get_ctx(cat, NULL, lang, "date", months[tm.tm_mon]), "year", year, NULL);
}
