/* Fuzz target: the documents clients read (core/proto.c): the retained
 * state (display, console), events, and answers (kiosk, console,
 * frontactl). Each input goes through all three readers. A broker may
 * carry anything on these topics; every reader takes it or refuses it
 * without reading past the input, and what it takes is within its arrays. */
#include <stdlib.h>
#include <string.h>

#include "core/proto.h"
#include "tests/fuzz/fuzz.h"

#define TERMINATED(field) FUZZ_CHECK(memchr((field), '\0', sizeof(field)) != NULL)

static void check_ticket(const struct ticket *t)
{
	TERMINATED(t->number);
	TERMINATED(t->lang);
	TERMINATED(t->counter);
	TERMINATED(t->day);
	FUZZ_CHECK(t->number[0] != '\0');
	FUZZ_CHECK((unsigned)t->status <= TICKET_CANCELLED);
}

static void check_state(const struct state_doc *d)
{
	FUZZ_CHECK(d->n_services >= 0 && d->n_services <= CONFIG_MAX_SERVICES);
	FUZZ_CHECK(d->n_counters >= 0 && d->n_counters <= CONFIG_MAX_COUNTERS);
	FUZZ_CHECK(d->n_called >= 0 && d->n_called <= QUEUE_RECENT_CALLS);
	FUZZ_CHECK(d->n_waiting >= 0 && d->n_waiting <= STATE_MAX_WAITING);
	TERMINATED(d->branch);
	TERMINATED(d->day);
	for (int i = 0; i < d->n_services; i++)
		FUZZ_CHECK(d->services[i].id >= 'A' && d->services[i].id <= 'Z');
	for (int i = 0; i < d->n_counters; i++) {
		TERMINATED(d->counters[i].id);
		TERMINATED(d->counters[i].ticket);
		TERMINATED(d->counters[i].services);
		FUZZ_CHECK((unsigned)d->counters[i].state <= COUNTER_CLOSED);
	}
	for (int i = 0; i < d->n_called; i++) {
		TERMINATED(d->called[i].number);
		TERMINATED(d->called[i].counter);
		TERMINATED(d->called[i].lang);
	}
	for (int i = 0; i < d->n_waiting; i++) {
		TERMINATED(d->waiting[i].number);
		TERMINATED(d->waiting[i].lang);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *json = (const char *)data;
	struct state_doc *d = malloc(sizeof *d);
	struct event ev;
	struct answer a;
	int rc;

	if (!d)
		return 0;
	rc = proto_parse_state(json, size, d);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0)
		check_state(d);
	free(d);

	rc = proto_parse_event(json, size, &ev);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		FUZZ_CHECK((unsigned)ev.type < EV_COUNT);
		TERMINATED(ev.day);
		TERMINATED(ev.counter);
		TERMINATED(ev.services);
		if (ev.has_ticket)
			check_ticket(&ev.ticket);
	}

	rc = proto_parse_answer(json, size, &a);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		TERMINATED(a.code);
		TERMINATED(a.message);
		if (a.has_ticket)
			check_ticket(&a.ticket);
		if (a.has_counter) {
			TERMINATED(a.counter.id);
			TERMINATED(a.counter.services);
		}
	}
	return 0;
}
