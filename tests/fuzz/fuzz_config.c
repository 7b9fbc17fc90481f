/* Fuzz target: the branch configuration parser (core/config.c
 * config_parse, over inih), which every program runs on the branch's INI
 * file. Any text is taken or refused with the line of each mistake; what is
 * taken holds only what config.h promises (ids, letters, languages, hours,
 * counters that serve existing services), and its lookups work. */
#include <string.h>

#include "core/config.h"
#include "tests/fuzz/fuzz.h"

#define TERMINATED(field) FUZZ_CHECK(memchr((field), '\0', sizeof(field)) != NULL)

static void check_config(const struct config *c)
{
	FUZZ_CHECK(config_is_id(c->branch_id));
	TERMINATED(c->branch_name);
	TERMINATED(c->timezone);
	FUZZ_CHECK(c->n_langs >= 1 && c->n_langs <= CONFIG_MAX_LANGS);
	for (int i = 0; i < c->n_langs; i++) {
		FUZZ_CHECK(config_is_lang_code(c->langs[i]));
		FUZZ_CHECK(config_lang_index(c, c->langs[i]) == i);
	}
	FUZZ_CHECK(c->n_services >= 1 && c->n_services <= CONFIG_MAX_SERVICES);
	for (int i = 0; i < c->n_services; i++) {
		const struct service_cfg *s = &c->services[i];
		FUZZ_CHECK(s->letter >= 'A' && s->letter <= 'Z');
		FUZZ_CHECK(config_service(c, s->letter) == s);
		FUZZ_CHECK(s->service_time_s > 0);
		for (int l = 0; l < c->n_langs; l++) {
			TERMINATED(s->name[l]);
			TERMINATED(s->about[l]);
			FUZZ_CHECK(config_service_name(c, s, c->langs[l]) != NULL);
			FUZZ_CHECK(config_service_about(c, s, c->langs[l]) != NULL);
		}
		for (int d = 0; d < 7; d++) {
			FUZZ_CHECK(s->hours.n[d] <= CONFIG_MAX_INTERVALS);
			for (int k = 0; k < s->hours.n[d]; k++)
				FUZZ_CHECK(s->hours.from[d][k] < s->hours.to[d][k] && s->hours.to[d][k] <= 1440);
		}
	}
	FUZZ_CHECK(c->n_counters >= 0 && c->n_counters <= CONFIG_MAX_COUNTERS);
	for (int i = 0; i < c->n_counters; i++) {
		const struct counter_cfg *k = &c->counters[i];
		FUZZ_CHECK(config_is_id(k->id));
		FUZZ_CHECK(config_counter(c, k->id) == k);
		TERMINATED(k->services);
		for (const char *p = k->services; *p; p++)
			FUZZ_CHECK(config_service(c, *p) != NULL);
	}
	FUZZ_CHECK(c->n_devices >= 0 && c->n_devices <= CONFIG_MAX_DEVICES);
	for (int i = 0; i < c->n_devices; i++) {
		FUZZ_CHECK(config_is_id(c->devices[i].id));
		FUZZ_CHECK(config_device(c, c->devices[i].id) == &c->devices[i]);
		FUZZ_CHECK((unsigned)c->devices[i].role < ROLE_COUNT);
	}
	FUZZ_CHECK(c->n_holidays >= 0 && c->n_holidays <= CONFIG_MAX_HOLIDAYS);
	TERMINATED(c->broker_host);
	FUZZ_CHECK(c->broker_port >= 0 && c->broker_port <= 65535);
	/* the programs' own keys read back within their tables' ranges */
	FUZZ_CHECK(config_int(c, "kiosk", "ticket_seconds") >= 5 && config_int(c, "kiosk", "ticket_seconds") <= 300);
	FUZZ_CHECK(config_int(c, "display", "volume") >= 0 && config_int(c, "display", "volume") <= 100);
	FUZZ_CHECK(config_str(c, "printer", "output") != NULL);
	FUZZ_CHECK(config_str(c, "no-such-section", "key") == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[2048];
	struct config *c;

	err[0] = '\0';
	c = config_parse((const char *)data, size, "fuzz.ini", err, sizeof err);
	FUZZ_CHECK(memchr(err, '\0', sizeof err) != NULL);
	if (c) {
		check_config(c);
		config_free(c);
	} else {
		FUZZ_CHECK(err[0] != '\0');
	}
	/* a tiny message buffer is cut, never overrun */
	c = config_parse((const char *)data, size, "fuzz.ini", err, 1);
	FUZZ_CHECK(err[0] == '\0');
	config_free(c);
	return 0;
}
