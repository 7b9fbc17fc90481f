/* The branch configuration: the shipped files load, and each mistake is named
 * with its line. */
#include "tests/unit/fixture.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef SOURCE_ROOT
#define SOURCE_ROOT "."
#endif

static void shipped_configurations_are_good(void **state)
{
	const char *files[] = { "config/demo.ini", "config/praha-zukovskeho.ini", "config/praha-cigankova.ini",
	                        "config/mlada-boleslav.ini", "config/pribram.ini" };
	char err[8192], path[512];
	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct config *cfg;
		snprintf(path, sizeof path, "%s/%s", SOURCE_ROOT, files[i]);
		cfg = config_load(path, err, sizeof err);
		if (!cfg)
			fail_msg("%s", err);
		assert_int_equal(cfg->n_langs, 7);
		assert_true(cfg->n_services >= 1);
		config_free(cfg);
	}
}

static void demo_is_as_documented(void **state)
{
	char err[8192], path[512];
	struct config *cfg;
	(void)state;
	snprintf(path, sizeof path, "%s/config/demo.ini", SOURCE_ROOT);
	cfg = config_load(path, err, sizeof err);
	assert_non_null(cfg);
	assert_string_equal(cfg->branch_id, "demo");
	assert_int_equal(cfg->n_services, 4);
	assert_string_equal(config_service_name(cfg, config_service(cfg, 'T'), "vi"), "Phiên dịch");
	assert_string_equal(config_service_name(cfg, config_service(cfg, 'T'), "xx"), "Tlumočení");
	assert_int_equal(cfg->n_counters, 3);
	assert_string_equal(config_counter(cfg, "2")->services, "ASPT");
	assert_non_null(config_device(cfg, "console-2"));
	assert_int_equal(config_device(cfg, "kiosk-1")->role, ROLE_KIOSK);
	assert_true(config_bool(cfg, "kiosk", "priority"));
	assert_int_equal(config_int(cfg, "kiosk", "idle_seconds"), 45);    /* the table's default */
	assert_int_equal(config_int(cfg, "printer", "width_dots"), 576);
	assert_string_equal(config_service(cfg, 'P')->icon, "legal");
	config_free(cfg);
}

/* Parses the fixture with one line replaced or added; returns the errors. */
static char *mistake(const char *find, const char *replace)
{
	static char err[8192];
	char ini[8192];
	const char *at_ = strstr(fixture_ini, find);
	struct config *cfg;
	assert_non_null(at_);
	snprintf(ini, sizeof ini, "%.*s%s%s", (int)(at_ - fixture_ini), fixture_ini, replace, at_ + strlen(find));
	cfg = config_parse(ini, strlen(ini), "b.ini", err, sizeof err);
	if (cfg) {
		config_free(cfg);
		fail_msg("accepted: %s", replace);
	}
	return err;
}

#define assert_says(text, expect) \
	do { \
		const char *e_ = (text); \
		if (!strstr(e_, expect)) \
			fail_msg("expected \"%s\" in:\n%s", expect, e_); \
	} while (0)

static void mistakes_are_named_with_their_line(void **state)
{
	(void)state;
	/* line numbers count from 1 in fixture_ini */
	assert_says(mistake("id = test\n", "id = Test Branch\n"), "b.ini:2: branch id must be a lower-case slug");
	assert_says(mistake("timezone = Europe/Prague\n", "timezone = Europe/Atlantis\n"), "b.ini:4: time zone");
	assert_says(mistake("languages = cs en uk ar\n", "languages = cs en uk ar cs\n"), "b.ini:5: language cs is listed twice");
	assert_says(mistake("hours = never\n", "hours = mon 9-17\n"), "hours of service N");
	assert_says(mistake("hours = never\n", "hours = never\nicon = Legal!\n"), "icon of service N is a pictogram name");
	assert_says(mistake("service_time = 300\n", "service_time = lots\n"), "b.ini:19: service_time");
	assert_says(mistake("service_time = 300\n", "colour = red\n"), "b.ini:19: unknown key \"colour\" in [service S]");
	assert_says(mistake("[counter 3]\nservices = S\n", "[counter 3]\nservices = S Q\n"),
	            "counter 3 serves Q, which is not a service");
	assert_says(mistake("[counter 3]\nservices = S\nstate = closed\n", "[counter 3]\nservices = S\nstate = shut\n"),
	            "counter state is open, paused or closed");
	assert_says(mistake("frontad = daemon\n", "frontad = deamon\n"), "role must be daemon, kiosk");
	assert_says(mistake("frontad = daemon\n", ""), "exactly one device with role daemon");
	assert_says(mistake("name.ar = المساعدة\n", ""), "service A has no name in ar");
	assert_says(mistake("[service S]\n", "[service s]\n"), "a service is one capital letter");
	assert_says(mistake("[service N]\n", "[service A]\n"), "section [service A] appears twice");
	assert_says(mistake("[devices]\n", "[kiosk]\nidle_seconds = 5\nwhatever = 1\n[devices]\n"),
	            "kiosk.idle_seconds must be a whole number from 10 to 600");
	assert_says(mistake("[devices]\n", "[kiosk]\nwhatever = 1\n[devices]\n"), "unknown key \"whatever\" in [kiosk]");
	assert_says(mistake("[devices]\n", "[printer]\ncut = maybe\n[devices]\n"), "printer.cut must be true or false");
	assert_says(mistake("[devices]\n", "[colours]\n[devices]\n"), "unknown section [colours]");
	assert_says(mistake("name = Test branch\n", "name = Test branch\nname = Again\n"), "b.ini:4: \"name\" is set twice");
	assert_says(mistake("[branch]\n", "[branch]\nthis is not ini\n"), "b.ini:2: cannot read this line");
	assert_says(mistake("[branch]\n", "[branch]\nclosed = 2026-13-01\n"), "closed days are dates");
}

static void long_lines_and_continuations(void **state)
{
	char ini[16384], err[4096], about[400];
	const char *p;
	struct config *cfg;
	(void)state;
	memset(about, 'x', 250);
	about[250] = '\0';
	/* an overlong line is refused with advice */
	p = strstr(fixture_ini, "hours = always\n");
	snprintf(ini, sizeof ini, "%.*sabout.en = %s\n%s", (int)(p - fixture_ini), fixture_ini, about, p);
	assert_null(config_parse(ini, strlen(ini), "b.ini", err, sizeof err));
	assert_says(err, "b.ini:11: line is longer than");
	/* the same text continued on an indented line is fine */
	snprintf(ini, sizeof ini, "%.*sabout.en = %.120s\n  %s\n%s", (int)(p - fixture_ini), fixture_ini, about,
	         about + 120, p);
	cfg = config_parse(ini, strlen(ini), "b.ini", err, sizeof err);
	if (!cfg)
		fail_msg("%s", err);
	assert_int_equal(strlen(config_service_about(cfg, config_service(cfg, 'A'), "en")), 251);
	config_free(cfg);
}

static void garbage_never_crashes(void **state)
{
	char err[1024];
	unsigned seed = 1;
	char buf[600];
	(void)state;
	assert_null(config_parse("", 0, "empty.ini", err, sizeof err));
	assert_says(err, "needs an id");
	assert_null(config_parse("a\0b", 3, "nul.ini", err, sizeof err));
	assert_says(err, "NUL byte");
	assert_null(config_load("/nonexistent/branch.ini", err, sizeof err));
	assert_says(err, "cannot open");
	for (int round = 0; round < 2000; round++) {
		size_t n = (size_t)(rand_r(&seed) % sizeof buf);
		for (size_t i = 0; i < n; i++) {
			static const char alphabet[] = "[]=;# \n\tabcAS1:-.service counter branch devices name.cs hours\xc3\xa9";
			buf[i] = alphabet[rand_r(&seed) % (sizeof alphabet - 1)];
		}
		struct config *cfg = config_parse(buf, n, "fuzz.ini", err, 64);   /* small err: truncation too */
		config_free(cfg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_configurations_are_good),
		cmocka_unit_test(demo_is_as_documented),
		cmocka_unit_test(mistakes_are_named_with_their_line),
		cmocka_unit_test(long_lines_and_continuations),
		cmocka_unit_test(garbage_never_crashes),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
