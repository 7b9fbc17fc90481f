/* Unit tests of the people-facing phrases: the wait rounding table, the
 * wait, opening-time and date phrases in several languages, with the real
 * common catalogue from assets/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/log.h"
#include "core/tz.h"
#include "ui/assets.h"
#include "ui/i18n.h"
#include "ui/phrase.h"

#define NB "\xc2\xa0"   /* the no-break space between a number and its word */

static struct i18n *cat;

static int setup(void **state)
{
	char assets[2048], dir[2100], err[2000];
	(void)state;
	if (assets_find(NULL, assets, sizeof assets, err, sizeof err) < 0 || tz_set("Europe/Prague") < 0)
		return -1;
	snprintf(dir, sizeof dir, "%s/i18n", assets);
	cat = i18n_new(dir);
	return i18n_load(cat, "common", err, sizeof err) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	i18n_free(cat);
	return 0;
}

static void test_wait_rounding_table(void **state)
{
	static const struct {
		long s;
		enum wait_kind kind;
		int hours, minutes;
		const char *en;
	} rows[] = {
		{ -1, WAIT_UNKNOWN, 0, 0, "" },
		{ 0, WAIT_MOMENT, 0, 0, "in a moment" },
		{ 59, WAIT_MOMENT, 0, 0, "in a moment" },
		{ 119, WAIT_MOMENT, 0, 0, "in a moment" },
		{ 120, WAIT_MINUTES, 0, 2, "about 2" NB "minutes" },
		{ 149, WAIT_MINUTES, 0, 2, "about 2" NB "minutes" },
		{ 150, WAIT_MINUTES, 0, 3, "about 3" NB "minutes" },
		{ 569, WAIT_MINUTES, 0, 9, "about 9" NB "minutes" },
		{ 570, WAIT_MINUTES, 0, 10, "about 10" NB "minutes" },
		{ 600, WAIT_MINUTES, 0, 10, "about 10" NB "minutes" },
		{ 749, WAIT_MINUTES, 0, 10, "about 10" NB "minutes" },
		{ 750, WAIT_MINUTES, 0, 15, "about 15" NB "minutes" },
		{ 1200, WAIT_MINUTES, 0, 20, "about 20" NB "minutes" },
		{ 1349, WAIT_MINUTES, 0, 20, "about 20" NB "minutes" },
		{ 1350, WAIT_MINUTES, 0, 25, "about 25" NB "minutes" },
		{ 3449, WAIT_MINUTES, 0, 55, "about 55" NB "minutes" },
		{ 3450, WAIT_HOURS, 1, 0, "about 1" NB "hour" },
		{ 3600, WAIT_HOURS, 1, 0, "about 1" NB "hour" },
		{ 4049, WAIT_HOURS, 1, 0, "about 1" NB "hour" },
		{ 4050, WAIT_HOURS, 1, 15, "about 1" NB "hour 15" NB "minutes" },
		{ 5400, WAIT_HOURS, 1, 30, "about 1" NB "hour 30" NB "minutes" },
		{ 6300, WAIT_HOURS, 1, 45, "about 1" NB "hour 45" NB "minutes" },
		{ 7200, WAIT_HOURS, 2, 0, "about 2" NB "hours" },
		{ 10800, WAIT_HOURS, 3, 0, "about 3" NB "hours" },
		{ 11249, WAIT_HOURS, 3, 0, "about 3" NB "hours" },
		{ 11250, WAIT_OVER, 3, 0, "more than 3" NB "hours" },
		{ 86400 * 3, WAIT_OVER, 3, 0, "more than 3" NB "hours" },
	};
	char out[128];
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct wait_rounded w = phrase_wait_round(rows[i].s);
		if (w.kind != rows[i].kind || w.hours != rows[i].hours || w.minutes != rows[i].minutes)
			fail_msg("%ld s: got kind %d %d h %d min, wanted kind %d %d h %d min", rows[i].s, w.kind, w.hours,
			         w.minutes, rows[i].kind, rows[i].hours, rows[i].minutes);
		phrase_wait(cat, "en", rows[i].s, out, sizeof out);
		if (strcmp(out, rows[i].en) != 0)
			fail_msg("%ld s: \"%s\", wanted \"%s\"", rows[i].s, out, rows[i].en);
	}
	assert_int_equal(phrase_wait(cat, "en", -5, out, sizeof out), -1);
	/* every rounded minute count is one a person says */
	for (long s = 120; s < 3450; s++) {
		struct wait_rounded w = phrase_wait_round(s);
		assert_true(w.minutes <= 10 || w.minutes % 5 == 0);
	}
}

static void test_wait_languages(void **state)
{
	static const struct {
		const char *lang;
		long s;
		const char *want;
	} rows[] = {
		{ "cs", 60, "za chvíli" },
		{ "cs", 120, "asi 2" NB "minuty" },
		{ "cs", 300, "asi 5" NB "minut" },
		{ "cs", 3600, "asi 1" NB "hodina" },
		{ "cs", 5400, "asi 1" NB "hodina 30" NB "minut" },
		{ "cs", 7200, "asi 2" NB "hodiny" },
		{ "cs", 11250, "více než 3" NB "hodiny" },
		{ "ru", 120, "примерно 2" NB "минуты" },
		{ "ru", 1200, "примерно 20" NB "минут" },
		{ "ru", 3600, "примерно 1" NB "час" },
		{ "ru", 4050, "примерно 1" NB "час 15" NB "минут" },
		{ "ru", 11250, "более 3" NB "часов" },
		{ "uk", 180, "приблизно 3" NB "хвилини" },
		{ "uk", 7200, "приблизно 2" NB "години" },
		{ "ar", 120, "حوالي دقيقتين" },
		{ "ar", 300, "حوالي 5" NB "دقائق" },
		{ "ar", 1200, "حوالي 20" NB "دقيقة" },
		{ "ar", 3600, "حوالي ساعة واحدة" },
		{ "ar", 4050, "حوالي ساعة و15" NB "دقيقة" },
		{ "ar", 7200, "حوالي ساعتين" },
		{ "ar", 11250, "أكثر من 3" NB "ساعات" },
		{ "vi", 5400, "khoảng 1" NB "tiếng 30" NB "phút" },
		{ "mn", 1200, "ойролцоогоор 20" NB "минут" },
		{ "de", 1200, "about 20" NB "minutes" },   /* no catalogue: English */
	};
	char out[128];
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		phrase_wait(cat, rows[i].lang, rows[i].s, out, sizeof out);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s %ld s: \"%s\", wanted \"%s\"", rows[i].lang, rows[i].s, out, rows[i].want);
	}
}

static void test_opens(void **state)
{
	int64_t now = tz_make(2026, 11, 23, 15 * 60);   /* Monday 15:00 */
	static const struct {
		const char *lang;
		int d, minute;
		const char *want;
	} rows[] = {
		{ "en", 23, 16 * 60 + 30, "today at 16:30" },
		{ "en", 24, 9 * 60, "tomorrow at 9:00" },
		{ "cs", 24, 9 * 60, "zítra v" NB "9:00" },
		{ "en", 26, 9 * 60, "on Thursday at 9:00" },
		{ "cs", 26, 9 * 60, "ve čtvrtek v" NB "9:00" },
		{ "ru", 24 + 0, 13 * 60 + 5, "завтра в" NB "13:05" },
		{ "ru", 26, 9 * 60, "в" NB "четверг в" NB "9:00" },
		{ "uk", 27, 8 * 60, "у" NB "п’ятницю о" NB "8:00" },
		{ "ar", 26, 9 * 60, "يوم الخميس الساعة 9:00" },
		{ "en", 30, 9 * 60, "on 30 November at 9:00" },
		{ "cs", 30, 9 * 60, "30. listopadu v" NB "9:00" },
		{ "vi", 30, 9 * 60, "ngày 30 tháng 11 lúc 9:00" },
	};
	char out[128];
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		phrase_opens(cat, rows[i].lang, now, tz_make(2026, 11, rows[i].d, rows[i].minute), out, sizeof out);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s day %d: \"%s\", wanted \"%s\"", rows[i].lang, rows[i].d, out, rows[i].want);
	}
	/* across the spring daylight-saving change: Saturday evening to Monday */
	phrase_opens(cat, "en", tz_make(2026, 3, 28, 20 * 60), tz_make(2026, 3, 30, 8 * 60), out, sizeof out);
	assert_string_equal(out, "on Monday at 8:00");
	assert_int_equal(phrase_opens(cat, "en", now, -1, out, sizeof out), -1);
	assert_string_equal(out, "");
}

static void test_dates_and_weekdays(void **state)
{
	int64_t ms = tz_make(2026, 11, 23, 10 * 60);
	static const struct {
		const char *lang, *want;
	} rows[] = {
		{ "en", "Monday 23 November 2026" },
		{ "cs", "Pondělí 23. listopadu 2026" },
		{ "uk", "Понеділок, 23 листопада 2026" },
		{ "ru", "Понедельник, 23 ноября 2026" },
		{ "vi", "Thứ Hai, ngày 23 tháng 11 năm 2026" },
		{ "mn", "2026 оны 11-р сарын 23, Даваа гараг" },
		{ "ar", "الاثنين، 23 نوفمبر 2026" },
	};
	char out[128];
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		phrase_date(cat, rows[i].lang, ms, out, sizeof out);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s: \"%s\", wanted \"%s\"", rows[i].lang, out, rows[i].want);
	}
	assert_string_equal(phrase_weekday(cat, "uk", 4), "П’ятниця");
	assert_string_equal(phrase_weekday(cat, "en", 6), "Sunday");
	assert_null(phrase_weekday(cat, "en", 7));
	assert_int_equal(phrase_time(0, out, sizeof out), 4);
	assert_string_equal(out, "0:00");
	phrase_time(23 * 60 + 59, out, sizeof out);
	assert_string_equal(out, "23:59");
	assert_int_equal(phrase_time(-1, out, sizeof out), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_rounding_table),
		cmocka_unit_test(test_wait_languages),
		cmocka_unit_test(test_opens),
		cmocka_unit_test(test_dates_and_weekdays),
	};
	log_init("test_phrase", LOG_ERROR);
	return cmocka_run_group_tests(tests, setup, teardown);
}
