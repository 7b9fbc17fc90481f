/* Time zone conversions and opening hours, across midnight and both
 * daylight-saving changes of Europe/Prague. */
#include "tests/unit/fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/hours.h"

static void rfc3339_has_the_local_offset(void **state)
{
	char s[TZ_STAMP_LEN];
	int64_t ms;
	(void)state;
	assert_int_equal(tz_set("Europe/Prague"), 0);
	tz_rfc3339(at(2026, 11, 23, 9, 15) + 2000, s);
	assert_string_equal(s, "2026-11-23T09:15:02+01:00");
	tz_rfc3339(at(2026, 7, 1, 12, 0), s);
	assert_string_equal(s, "2026-07-01T12:00:00+02:00");
	assert_int_equal(tz_parse_rfc3339("2026-11-23T09:15:02+01:00", &ms), 0);
	assert_int_equal(ms, at(2026, 11, 23, 9, 15) + 2000);
	assert_int_equal(tz_parse_rfc3339("2026-11-23T08:15:02.5Z", &ms), 0);
	assert_int_equal(ms, at(2026, 11, 23, 9, 15) + 2500);
	assert_int_equal(tz_parse_rfc3339("2026-11-23 09:15:02", &ms), -1);
	assert_int_equal(tz_parse_rfc3339("2026-02-30T09:15:02Z", &ms), -1);
	assert_int_equal(tz_parse_rfc3339("", &ms), -1);
	assert_int_equal(tz_set("Mars/Olympus"), -1);
}

static void days_across_daylight_saving(void **state)
{
	char d[TZ_DAY_LEN];
	(void)state;
	assert_int_equal(tz_set("Europe/Prague"), 0);
	/* spring forward 2026-03-29 02:00 -> 03:00: the day has 23 hours */
	assert_int_equal(tz_next_day_start(at(2026, 3, 29, 12, 0)) - tz_day_start(at(2026, 3, 29, 12, 0)),
	                 23 * 3600 * 1000LL);
	/* fall back 2026-10-25 03:00 -> 02:00: 25 hours */
	assert_int_equal(tz_next_day_start(at(2026, 10, 25, 12, 0)) - tz_day_start(at(2026, 10, 25, 12, 0)),
	                 25 * 3600 * 1000LL);
	tz_day(tz_day_start(at(2026, 10, 25, 12, 0)) + 24 * 3600 * 1000LL, d);
	assert_string_equal(d, "2026-10-25");   /* still the same local day at 23:00 */
	tz_day(tz_next_day_start(at(2026, 10, 25, 12, 0)) - 1, d);
	assert_string_equal(d, "2026-10-25");
	tz_day(tz_next_day_start(at(2026, 10, 25, 12, 0)), d);
	assert_string_equal(d, "2026-10-26");
	/* a time inside the spring gap maps past it */
	assert_int_equal(tz_minute_of_day(tz_make(2026, 3, 29, 150)), 3 * 60 + 30);
	assert_int_equal(tz_day_add("2026-12-31", 1, d), 0);
	assert_string_equal(d, "2027-01-01");
	assert_int_equal(tz_day_add("2028-02-28", 1, d), 0);
	assert_string_equal(d, "2028-02-29");
	assert_int_equal(tz_day_weekday("2026-11-23"), 0);   /* a Monday */
	assert_int_equal(tz_day_weekday("2026-11-29"), 6);
	assert_int_equal(tz_weekday(at(2026, 11, 23, 23, 59)), 0);
}

static struct config *branch(const char *hours, const char *closed)
{
	char ini[2048], err[2048];
	struct config *cfg;
	snprintf(ini, sizeof ini,
	         "[branch]\nid = pribram\nname = Příbram\ntimezone = Europe/Prague\nlanguages = cs\n%s%s%s"
	         "[service A]\nname.cs = Asistence\nhours = %s\n"
	         "[counter 1]\nservices = A\n[devices]\nfrontad = daemon\n",
	         closed ? "closed = " : "", closed ? closed : "", closed ? "\n" : "", hours);
	cfg = config_parse(ini, strlen(ini), "branch.ini", err, sizeof err);
	if (!cfg)
		fail_msg("%s", err);
	return cfg;
}

static void hours_parse_forms_and_mistakes(void **state)
{
	struct week_hours w;
	char err[160];
	(void)state;
	assert_int_equal(hours_parse("mon-fri 09:00-12:00, 13:00-17:00; sat 9:00-11:30", &w, err, sizeof err), 0);
	assert_int_equal(w.n[0], 2);
	assert_int_equal(w.from[0][1], 13 * 60);
	assert_int_equal(w.n[5], 1);
	assert_int_equal(w.to[5][0], 11 * 60 + 30);
	assert_int_equal(w.n[6], 0);
	assert_int_equal(hours_parse("mon,wed 09:00-17:00; tue,thu 09:00-14:00", &w, err, sizeof err), 0);
	assert_int_equal(w.n[1], 1);
	assert_int_equal(w.to[1][0], 14 * 60);
	assert_int_equal(hours_parse("sat-mon 10:00-24:00", &w, err, sizeof err), 0);
	assert_int_equal(w.n[6] + w.n[0] + w.n[5], 3);
	assert_int_equal(w.to[6][0], 1440);
	assert_int_equal(hours_parse("never", &w, err, sizeof err), 0);
	const char *bad[] = { "", "mon", "mon 9-17", "mon 17:00-09:00", "xyz 09:00-10:00", "mon 09:00-10:00 junk",
	                      "mon 25:00-26:00", "mon 09:00-12:00, 11:00-13:00", "mon 09:60-10:00", "mon-",
	                      "mon 09:00-", "mon 24:00-24:00" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = 0;
		assert_int_equal(hours_parse(bad[i], &w, err, sizeof err), -1);
		assert_true(err[0] != 0);
	}
}

static void next_opening_in_pribram(void **state)
{
	/* Příbram: assistance on Mondays 08:00-17:00 */
	struct config *cfg = branch("mon 08:00-17:00", NULL);
	const struct service_cfg *s = &cfg->services[0];
	char st[TZ_STAMP_LEN];
	(void)state;
	assert_int_equal(tz_set("Europe/Prague"), 0);
	assert_true(hours_open(cfg, s, at(2026, 11, 23, 8, 0)));
	assert_true(hours_open(cfg, s, at(2026, 11, 23, 16, 59)));
	assert_false(hours_open(cfg, s, at(2026, 11, 23, 17, 0)));
	assert_false(hours_open(cfg, s, at(2026, 11, 23, 7, 59)));
	tz_rfc3339(hours_next_open(cfg, s, at(2026, 11, 23, 17, 0)), st);
	assert_string_equal(st, "2026-11-30T08:00:00+01:00");
	tz_rfc3339(hours_next_open(cfg, s, at(2026, 11, 23, 6, 0)), st);
	assert_string_equal(st, "2026-11-23T08:00:00+01:00");
	/* across the spring change: the next Monday is in summer time */
	tz_rfc3339(hours_next_open(cfg, s, at(2026, 3, 24, 12, 0)), st);
	assert_string_equal(st, "2026-03-30T08:00:00+02:00");
	tz_rfc3339(hours_closes_at(cfg, s, at(2026, 11, 23, 10, 0)), st);
	assert_string_equal(st, "2026-11-23T17:00:00+01:00");
	config_free(cfg);
}

static void closed_days_close_everything(void **state)
{
	struct config *cfg = branch("mon-fri 09:00-17:00", "2026-12-24 2026-12-25");
	const struct service_cfg *s = &cfg->services[0];
	char st[TZ_STAMP_LEN];
	(void)state;
	assert_false(hours_open(cfg, s, at(2026, 12, 24, 10, 0)));
	tz_rfc3339(hours_next_open(cfg, s, at(2026, 12, 23, 18, 0)), st);
	assert_string_equal(st, "2026-12-28T09:00:00+01:00");
	config_free(cfg);
	cfg = branch("never", NULL);
	assert_int_equal(hours_next_open(cfg, &cfg->services[0], at(2026, 12, 23, 18, 0)), -1);
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc3339_has_the_local_offset),
		cmocka_unit_test(days_across_daylight_saving),
		cmocka_unit_test(hours_parse_forms_and_mistakes),
		cmocka_unit_test(next_opening_in_pribram),
		cmocka_unit_test(closed_days_close_everything),
	};
	return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}
