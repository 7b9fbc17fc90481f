/* Shared fixtures of the unit tests: a small branch configuration and times. */
#ifndef FRONTA_TEST_FIXTURE_H
#define FRONTA_TEST_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/config.h"
#include "core/tz.h"

/* Three services A (always), S (always), N (never); counters 1 (A S),
 * 2 (A S N), 3 (S, closed at start). */
static const char fixture_ini[] =
	"[branch]\n"
	"id = test\n"
	"name = Test branch\n"
	"timezone = Europe/Prague\n"
	"languages = cs en uk ar\n"
	"[service A]\n"
	"name.cs = Asistence\nname.en = Assistance\nname.uk = Супровід\nname.ar = المساعدة\n"
	"hours = always\n"
	"service_time = 600\n"
	"[service S]\n"
	"name.cs = Sociální\nname.en = Social\nname.uk = Соціальне\nname.ar = الاجتماعية\n"
	"hours = always\n"
	"service_time = 300\n"
	"[service N]\n"
	"name.cs = Noc\nname.en = Night\nname.uk = Ніч\nname.ar = ليل\n"
	"hours = never\n"
	"[counter 1]\nservices = A S\nstate = open\n"
	"[counter 2]\nservices = A S N\nstate = open\n"
	"[counter 3]\nservices = S\nstate = closed\n"
	"[devices]\nfrontad = daemon\nkiosk-1 = kiosk\n";

static inline struct config *fixture_config(void)
{
	char err[4096];
	struct config *cfg = config_parse(fixture_ini, sizeof fixture_ini - 1, "fixture.ini", err, sizeof err);
	if (!cfg)
		fail_msg("fixture config: %s", err);
	assert_int_equal(tz_set("Europe/Prague"), 0);
	return cfg;
}

/* Local time in Prague as epoch ms. */
static inline int64_t at(int y, int mon, int d, int h, int mi)
{
	return tz_make(y, mon, d, h * 60 + mi);
}

#endif
