/* Conversions between instants and the branch's local calendar. */
#include "core/tz.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int tz_exists(const char *name)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	struct stat st;

	if (!name || !*name || strstr(name, "..") || name[0] == '/')
		return 0;
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int tz_set(const char *name)
{
	if (!tz_exists(name))
		return -1;
	if (setenv("TZ", name, 1) != 0)
		return -1;
	tzset();
	return 0;
}

static void format_day(int y, int m, int d, char out[TZ_DAY_LEN])
{
	char buf[48];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	memcpy(out, buf, TZ_DAY_LEN - 1);
	out[TZ_DAY_LEN - 1] = '\0';
}

void tz_local(int64_t ms, struct tm *out)
{
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	localtime_r(&t, out);
}

void tz_day(int64_t ms, char out[TZ_DAY_LEN])
{
	struct tm tm;
	tz_local(ms, &tm);
	format_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
}

int tz_weekday(int64_t ms)
{
	struct tm tm;
	tz_local(ms, &tm);
	return (tm.tm_wday + 6) % 7;
}

int tz_minute_of_day(int64_t ms)
{
	struct tm tm;
	tz_local(ms, &tm);
	return tm.tm_hour * 60 + tm.tm_min;
}

int64_t tz_make(int y, int mon, int d, int minute)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d + minute / 1440;
	tm.tm_hour = (minute % 1440) / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	return (int64_t)t * 1000;
}

int64_t tz_day_start(int64_t ms)
{
	struct tm tm;
	tz_local(ms, &tm);
	return tz_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0);
}

int64_t tz_next_day_start(int64_t ms)
{
	struct tm tm;
	tz_local(ms, &tm);
	return tz_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + 1, 0);
}

void tz_rfc3339(int64_t ms, char out[TZ_STAMP_LEN])
{
	struct tm tm;
	long off;
	char sign;

	tz_local(ms, &tm);
	off = tm.tm_gmtoff;
	sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	char buf[96];
	snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900, tm.tm_mon + 1,
	         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 3600, (off / 60) % 60);
	{
		size_t n = strlen(buf);
		if (n >= TZ_STAMP_LEN)
			n = TZ_STAMP_LEN - 1;
		memcpy(out, buf, n);
		out[n] = '\0';
	}
}

static int days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : dim[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant). */
static int64_t days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int tz_parse_day(const char *s, int *y, int *mon, int *d)
{
	int yy, mm, dd;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &yy) || digits(s + 5, 2, &mm) || digits(s + 8, 2, &dd))
		return -1;
	if (yy < 1970 || mm < 1 || mm > 12 || dd < 1 || dd > days_in_month(yy, mm))
		return -1;
	*y = yy;
	*mon = mm;
	*d = dd;
	return 0;
}

int tz_parse_rfc3339(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 1;
	char day[TZ_DAY_LEN];
	const char *p;
	int64_t frac_ms = 0, t;

	if (!s || strlen(s) < 20)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (tz_parse_day(day, &y, &mo, &d) != 0 || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return -1;
	if (digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' ||
	    digits(s + 17, 2, &sec) || h > 23 || mi > 59 || sec > 60)
		return -1;
	p = s + 19;
	if (*p == '.') {
		int scale = 100;
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		for (; isdigit((unsigned char)*p); p++) {
			frac_ms += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return -1;
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	t -= sign * (oh * 3600 + om * 60);
	*ms = t * 1000 + frac_ms;
	return 0;
}

int tz_day_add(const char *day, int n, char out[TZ_DAY_LEN])
{
	int y, m, d;
	if (tz_parse_day(day, &y, &m, &d) != 0)
		return -1;
	civil_from_days(days_from_civil(y, m, d) + n, &y, &m, &d);
	format_day(y, m, d, out);
	return 0;
}

int tz_day_weekday(const char *day)
{
	int y, m, d;
	int64_t z;
	if (tz_parse_day(day, &y, &m, &d) != 0)
		return -1;
	z = days_from_civil(y, m, d);   /* 1970-01-01 was a Thursday (3) */
	return (int)(((z % 7) + 7 + 3) % 7);
}
