/* Unit tests of what the display says (display/spoken.c) with the real
 * catalogue, and of the voices espeak-ng has here for the configured
 * languages, and of the chime (display/chime.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <espeak-ng/speak_lib.h>

#include "core/config_keys.h"
#include "core/log.h"
#include "display/chime.h"
#include "display/spoken.h"
#include "ui/assets.h"
#include "ui/i18n.h"

static struct i18n *cat;

static int setup(void **state)
{
	char assets[2048], dir[2100], err[4000];
	(void)state;
	if (assets_find(NULL, assets, sizeof assets, err, sizeof err) < 0)
		return -1;
	snprintf(dir, sizeof dir, "%s/i18n", assets);
	cat = i18n_new(dir);
	if (i18n_load(cat, "common", err, sizeof err) != 0 || i18n_load(cat, SPOKEN_DOMAIN, err, sizeof err) != 0) {
		fprintf(stderr, "# %s", err);
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

static void test_split(void **unused)
{
	static const struct {
		const char *number, *letter, *digits;
	} ok[] = { { "A023", "A", "23" }, { "A001", "A", "1" }, { "S100", "S", "100" }, { "P010", "P", "10" },
		   { "T1000", "T", "1000" }, { "Z000", "Z", "0" } };
	static const char *const bad[] = { "", "A", "a023", "AB12", "A02x", "1023", "A1234567", "Á023" };
	char letter[4], digits[8];
	(void)unused;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(spoken_split(ok[i].number, letter, sizeof letter, digits, sizeof digits), 0);
		assert_string_equal(letter, ok[i].letter);
		assert_string_equal(digits, ok[i].digits);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(spoken_split(bad[i], letter, sizeof letter, digits, sizeof digits), -1);
	assert_int_equal(spoken_split(NULL, letter, sizeof letter, digits, sizeof digits), -1);
	assert_int_equal(spoken_split("A023", letter, sizeof letter, digits, 2), -1);
}

static void test_sentences(void **unused)
{
	static const struct {
		const char *lang, *number, *counter, *want;
	} rows[] = {
		{ "cs", "A023", "2", "Číslo [['a:]] 23, přepážka číslo 2." },
		{ "cs", "S104", "12", "Číslo es 104, přepážka číslo 12." },
		{ "en", "A023", "2", "Number eh 23, counter 2." },
		{ "uk", "P008", "3", "Номер пе 8, віконце номер 3." },
		{ "ru", "T001", "1", "Номер тэ 1, окно номер 1." },
		{ "vi", "S014", "2", "Số ét-xì 14, quầy số 2." },
		{ "ar", "P008", "3", "الرقم پي 8، الشباك رقم 3." },
	};
	char out[512];
	(void)unused;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int n = spoken_call(cat, rows[i].lang, rows[i].number, rows[i].counter, out, sizeof out);
		assert_int_equal(n, (int)strlen(rows[i].want));
		assert_string_equal(out, rows[i].want);
	}
	assert_int_equal(spoken_call(cat, "cs", "bad", "2", out, sizeof out), -1);
	assert_string_equal(out, "");
	assert_int_equal(spoken_call(cat, "cs", "A023", "2", out, 8), -1);
}

/* Every letter a service may have is named in every language, and the
 * names are not simply the letter (which espeak-ng may read as a word). */
static void test_every_letter_named(void **unused)
{
	(void)unused;
	for (int i = 0; i < i18n_lang_count(cat); i++) {
		const char *lang = i18n_lang_code(cat, i);
		for (char c = 'A'; c <= 'Z'; c++) {
			char id[2] = { c, 0 };
			const char *name;
			assert_true(i18n_has(cat, SPOKEN_DOMAIN, lang, "letter name", id));
			name = i18n_get_ctx(cat, SPOKEN_DOMAIN, lang, "letter name", id);
			assert_true(strlen(name) > 0);
			assert_string_not_equal(name, id);
		}
	}
}

static void test_languages(void **unused)
{
	const char *out[SPOKEN_MAX_LANGS];
	(void)unused;
	assert_int_equal(spoken_langs("cs", "uk", "cs en uk ru vi ar", out), 2);
	assert_string_equal(out[0], "cs");
	assert_string_equal(out[1], "uk");
	assert_int_equal(spoken_langs("cs", "mn", "cs en uk ru vi ar", out), 1);   /* not listed */
	assert_int_equal(spoken_langs("cs", "cs", "cs en uk", out), 1);             /* once is enough */
	assert_int_equal(spoken_langs("cs", "u", "cs en uk", out), 1);              /* whole words only */
	assert_int_equal(spoken_langs("cs", "ar", "en,ar", out), 2);
	assert_string_equal(out[1], "ar");
	assert_int_equal(spoken_langs("cs", NULL, "cs en", out), 1);
	assert_int_equal(spoken_langs("cs", "en", "", out), 1);
}

/* The default speech languages all have an espeak-ng voice here (the
 * packages of scripts/deps.sh); Mongolian has none, so its tickets are
 * called in Czech only. */
static void test_voices(void **unused)
{
	const char *def = NULL;
	char list[128], *save = NULL;
	(void)unused;
	for (int i = 0; i < config_n_keys; i++)
		if (!strcmp(config_keys[i].section, "display") && !strcmp(config_keys[i].key, "speech_languages"))
			def = config_keys[i].def;
	assert_non_null(def);
	assert_true(espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT) > 0);
	snprintf(list, sizeof list, "%s", def);
	for (char *l = strtok_r(list, " ", &save); l; l = strtok_r(NULL, " ", &save)) {
		printf("# espeak-ng voice for %s\n", l);
		assert_int_equal(espeak_SetVoiceByName(l), EE_OK);
	}
	assert_int_not_equal(espeak_SetVoiceByName("mn"), EE_OK);
	espeak_Terminate();
}

static void test_chime(void **unused)
{
	size_t n, crossings = 0, peak = 0;
	int16_t *s;
	double e1 = 0, e2 = 0;
	(void)unused;
	assert_null(chime_make(100, &n));
	s = chime_make(22050, &n);
	assert_non_null(s);
	assert_int_equal(n, (size_t)chime_length_ms() * 22050 / 1000);
	for (size_t i = 0; i < n; i++) {
		size_t a = (size_t)abs(s[i]);
		if (a > peak)
			peak = a;
		if (i > 0 && i < 22050 * 3 / 10 && (s[i - 1] < 0) != (s[i] < 0))
			crossings++;
		if (i < n / 2)
			e1 += (double)s[i] * s[i];
		else
			e2 += (double)s[i] * s[i];
	}
	/* loud but never clipped, starting and ending at silence */
	assert_int_equal(peak, (size_t)(CHIME_PEAK * 32767 + 0.5));
	assert_true(abs(s[0]) < 100);
	assert_true(abs(s[n - 1]) < 10);
	/* it dies away, and its first tone is E5: about 2 x 659 sign changes a second */
	assert_true(e1 > 4 * e2);
	printf("# %zu sign changes in the first 0.3 s\n", crossings);
	assert_true(crossings > 2 * 659 * 0.3 * 0.9 && crossings < 2 * 659 * 0.3 * 1.1);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_every_letter_named),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_voices),
		cmocka_unit_test(test_chime),
	};
	log_init("test_spoken", LOG_ERROR);
	return cmocka_run_group_tests(tests, setup, teardown);
}
