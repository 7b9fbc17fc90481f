/* The real catalogue in assets/i18n: every domain loads without a mistake,
 * every msgid of en.po is translated in every language with matching
 * placeholders, plural rules give the right forms for cs, uk, ru, ar, and
 * draft translations carry the review mark. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/log.h"
#include "ui/assets.h"
#include "ui/i18n.h"
#include "ui/i18n_check.h"

#define NB "\xc2\xa0"   /* the no-break space between a number and its word */

static struct i18n *cat;
static char dir[2100];

static int setup(void **state)
{
	char assets[2048], err[8000];
	int n;
	(void)state;
	if (assets_find(NULL, assets, sizeof assets, err, sizeof err) < 0)
		return -1;
	snprintf(dir, sizeof dir, "%s/i18n", assets);
	cat = i18n_new(dir);
	n = i18n_load_all(cat, err, sizeof err);
	if (n != 0) {
		fprintf(stderr, "# %d mistakes in %s:\n%s", n, dir, err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	i18n_free(cat);
	return 0;
}

static void print_problem(void *user, const char *file, int line, const char *msg)
{
	(void)user;
	printf("# %s:%d: %s\n", file, line, msg);
}

static void test_every_domain_complete(void **state)
{
	int total = 0;
	(void)state;
	assert_true(i18n_domain_count(cat) >= 1);
	for (int i = 0; i < i18n_domain_count(cat); i++) {
		int n = i18n_check_domain(cat, i18n_domain_name(cat, i), print_problem, NULL);
		printf("# domain %s: %d problems\n", i18n_domain_name(cat, i), n);
		total += n;
	}
	assert_int_equal(total, 0);
}

static void test_languages(void **state)
{
	static const char *const want[] = { "cs", "en", "uk", "ru", "vi", "mn", "ar" };
	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_true(i18n_has_lang(cat, want[i]));
		assert_string_not_equal(i18n_lang_native(cat, want[i]), want[i]);
	}
	assert_true(i18n_lang_rtl(cat, "ar"));
	for (int i = 0; i < i18n_lang_count(cat); i++)
		if (strcmp(i18n_lang_code(cat, i), "ar") != 0)
			assert_false(i18n_lang_rtl(cat, i18n_lang_code(cat, i)));
	assert_string_equal(i18n_lang_native(cat, "uk"), "Українська");
	assert_string_equal(i18n_lang_native(cat, "ar"), "العربية");
	assert_string_equal(i18n_lang_native(cat, "mn"), "Монгол хэл");
	assert_string_equal(i18n_lang_script(cat, "mn"), "Cyrl");
	assert_string_equal(i18n_lang_english(cat, "vi"), "Vietnamese");
}

static void test_plural_rules(void **state)
{
	static const unsigned long ns[] = { 0, 1, 2, 3, 4, 5, 11, 21, 22, 25, 100, 101, 102 };
	static const struct {
		const char *lang;
		int forms[13];
	} rows[] = {
		{ "cs", { 2, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2 } },
		{ "uk", { 2, 0, 1, 1, 1, 2, 2, 0, 1, 2, 2, 0, 1 } },
		{ "ru", { 2, 0, 1, 1, 1, 2, 2, 0, 1, 2, 2, 0, 1 } },
		{ "ar", { 0, 1, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5 } },
		{ "en", { 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
		{ "vi", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
	};
	(void)state;
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
		for (size_t i = 0; i < 13; i++) {
			int got = i18n_plural_index(cat, rows[r].lang, ns[i]);
			if (got != rows[r].forms[i])
				fail_msg("%s n=%lu: form %d, wanted %d", rows[r].lang, ns[i], got, rows[r].forms[i]);
		}
	/* and the words that go with them */
	assert_string_equal(i18n_get_n(cat, NULL, "ru", NULL, "{n} person waiting", "{n} people waiting", 21),
	                    "Ждёт {n}" NB "человек");
	assert_string_equal(i18n_get_n(cat, NULL, "ru", NULL, "{n} person waiting", "{n} people waiting", 22),
	                    "Ждут {n}" NB "человека");
	assert_string_equal(i18n_get_n(cat, NULL, "uk", NULL, "{n} person waiting", "{n} people waiting", 25),
	                    "Чекає {n}" NB "осіб");
	assert_string_equal(i18n_get_n(cat, NULL, "cs", NULL, "{n} person waiting", "{n} people waiting", 4),
	                    "Čekají {n}" NB "lidé");
	assert_string_equal(i18n_get_n(cat, NULL, "ar", NULL, "{n} person waiting", "{n} people waiting", 2),
	                    "شخصان في الانتظار");
	assert_string_equal(i18n_get_n(cat, NULL, "ar", NULL, "{n} person waiting", "{n} people waiting", 11),
	                    "{n}" NB "شخصًا في الانتظار");
}

static void test_review_marks(void **state)
{
	(void)state;
	for (int d = 0; d < i18n_domain_count(cat); d++)
		for (int i = 0; i < i18n_lang_count(cat); i++) {
			const char *lang = i18n_lang_code(cat, i);
			char path[2300], buf[4096];
			FILE *f;
			size_t n;
			bool needs = strcmp(lang, "en") != 0 && strcmp(lang, "cs") != 0;
			snprintf(path, sizeof path, "%s/%s/%s.po", dir, i18n_domain_name(cat, d), lang);
			f = fopen(path, "r");
			if (!f)
				fail_msg("%s is missing", path);
			n = fread(buf, 1, sizeof buf - 1, f);
			buf[n] = '\0';
			fclose(f);
			/* the mark is in the header comment, before the first msgid */
			if (needs) {
				char *mark = strstr(buf, "# Needs review by a native speaker");
				char *first = strstr(buf, "msgid");
				if (!mark || (first && mark > first))
					fail_msg("%s: no \"# Needs review by a native speaker\" in the header comment", path);
			}
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_domain_complete),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_plural_rules),
		cmocka_unit_test(test_review_marks),
	};
	log_init("test_i18n_assets", LOG_ERROR);
	return cmocka_run_group_tests(tests, setup, teardown);
}
