/* The console's model, key map, pickers and sentences. The documents the
 * model reads (state, events, answers) are made by the real engine and
 * codec (core/queue.c, core/proto.c), as frontad makes them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "../unit/fixture.h"
#include "console/keys.h"
#include "console/model.h"
#include "console/picker.h"
#include "console/words.h"
#include "core/proto.h"
#include "core/queue.h"
#include "ui/assets.h"
#include "ui/i18n.h"

struct world {
	struct config *cfg;
	struct queue *q;
	struct model *m;
	int64_t now, mono;
};

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof *w);
	w->cfg = fixture_config();
	w->now = at(2026, 11, 23, 9, 0);
	w->mono = 1000000;
	w->q = queue_new(w->cfg, "2026-11-23");
	w->m = model_new(w->cfg, "2", "console-2", "abcd", 60);
	assert_non_null(w->m);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	model_free(w->m);
	queue_free(w->q);
	config_free(w->cfg);
	free(w);
	return 0;
}

/* frontad's order: the events of a change, then the state. */
static enum model_next publish(struct world *w)
{
	int n;
	const struct change *c = queue_changes(w->q, &n);
	enum model_next next = NEXT_NOTHING;
	char *s;
	for (int i = 0; i < n; i++)
		if (c[i].kind == CHANGE_EVENT) {
			char *e = proto_event(&c[i].event);
			if (model_on_event(w->m, e, strlen(e), w->now) == NEXT_STATUS)
				next = NEXT_STATUS;
			free(e);
		}
	queue_clear_changes(w->q);
	s = proto_state(w->q, w->now, PROTO_MAX_PAYLOAD);
	assert_true(model_on_state(w->m, s, strlen(s), w->now));
	free(s);
	return next;
}

static void online(struct world *w)
{
	model_on_link(w->m, true, false, w->now);
	publish(w);
	assert_true(model_synced(w->m));
}

static void issue(struct world *w, char service, const char *lang, bool priority)
{
	w->now += 60000;
	assert_int_equal(queue_issue(w->q, service, lang, priority, w->now, NULL), FRONTA_OK);
	publish(w);
}

/* The console asks (model_begin), frontad does it (the engine), the
 * console gets the events, the state and the answer, in that order. */
static void answer_with(struct world *w, enum fronta_err err, const struct ticket *t, const struct counter *c)
{
	char *a;
	if (err == FRONTA_OK) {
		publish(w);
		a = c ? proto_answer_counter(c, w->q) : proto_answer_ticket(t);
	} else {
		queue_clear_changes(w->q);
		a = proto_answer_error(err, "for people", NULL);
	}
	model_sent(w->m, 7);
	assert_int_equal(model_on_answer(w->m, 7, a, strlen(a), NULL, true, w->now, w->mono), NEXT_NOTHING);
	free(a);
}

static cJSON *pending_json(struct world *w)
{
	cJSON *o = cJSON_Parse(model_pending(w->m)->payload);
	assert_non_null(o);
	return o;
}

static void test_before_anything(void **state)
{
	struct world *w = *state;
	assert_int_equal(model_can(w->m, ACT_CALL, NULL, w->mono), WHY_OFFLINE);
	assert_null(model_state(w->m));
	assert_null(model_current(w->m));
	model_on_link(w->m, true, false, w->now);
	assert_int_equal(model_can(w->m, ACT_CALL, NULL, w->mono), WHY_SYNCING);
	publish(w);
	assert_int_equal(model_can(w->m, ACT_CALL, NULL, w->mono), WHY_EMPTY);
	assert_int_equal(model_can(w->m, ACT_FINISH, NULL, w->mono), WHY_NO_TICKET);
	assert_int_equal(model_can(w->m, ACT_UNDO, NULL, w->mono), WHY_NO_UNDO);
	model_on_link(w->m, false, true, w->now);
	assert_int_equal(model_can(w->m, ACT_CALL, NULL, w->mono), WHY_REFUSED);
	assert_true(model_refused(w->m));
}

static void test_call_and_current(void **state)
{
	struct world *w = *state;
	struct ticket t;
	const struct ticket *cur;
	cJSON *o;
	online(w);
	issue(w, 'A', "uk", false);
	issue(w, 'S', "ar", true);
	issue(w, 'A', "cs", false);
	assert_int_equal(model_waiting_mine(w->m), 3);
	/* call order: the priority ticket first */
	assert_int_equal(model_next_index(w->m), 0);
	assert_string_equal(model_state(w->m)->waiting[0].number, "S001");
	assert_int_equal(model_begin(w->m, ACT_CALL, NULL, w->now, w->mono), WHY_OK);
	o = pending_json(w);
	assert_string_equal(cJSON_GetObjectItem(o, "counter")->valuestring, "2");
	assert_string_equal(cJSON_GetObjectItem(o, "request_id")->valuestring, "console-2-abcd-1");
	cJSON_Delete(o);
	assert_string_equal(model_op(ACT_CALL), "call");
	assert_int_equal(model_can(w->m, ACT_RECALL, NULL, w->mono), WHY_SENDING);
	w->now += 5 * 60000;
	assert_int_equal(queue_call(w->q, "2", NULL, w->now, &t), FRONTA_OK);
	answer_with(w, FRONTA_OK, &t, NULL);
	cur = model_current(w->m);
	assert_non_null(cur);
	assert_string_equal(cur->number, "S001");
	assert_int_equal(cur->service, 'S');
	assert_string_equal(cur->lang, "ar");
	assert_true(cur->priority);
	assert_true(cur->called_ms - cur->issued_ms == 6 * 60000);
	assert_int_equal(model_last_note(w->m)->kind, NOTE_CALLED);
	assert_false(model_pending(w->m)->active);
	/* a second Call at once is a double press */
	assert_int_equal(model_can(w->m, ACT_CALL, NULL, w->mono + 200), WHY_JUST_CALLED);
	assert_int_equal(model_can(w->m, ACT_CALL, NULL, w->mono + 2000), WHY_OK);
	assert_int_equal(model_can(w->m, ACT_RECALL, NULL, w->mono), WHY_OK);
}

static void test_counter_services(void **state)
{
	struct world *w = *state;
	struct counter c;
	cJSON *o, *a;
	online(w);
	issue(w, 'A', "uk", false);
	issue(w, 'S', "cs", false);
	assert_true(model_takes(w->m, 'N'));
	assert_int_equal(model_begin(w->m, ACT_SERVICES, "S", w->now, w->mono), WHY_OK);
	o = pending_json(w);
	assert_string_equal(cJSON_GetObjectItem(o, "state")->valuestring, "open");
	a = cJSON_GetObjectItem(o, "services");
	assert_int_equal(cJSON_GetArraySize(a), 1);
	assert_string_equal(cJSON_GetArrayItem(a, 0)->valuestring, "S");
	cJSON_Delete(o);
	assert_int_equal(queue_set_counter(w->q, "2", COUNTER_OPEN, "S", w->now, &c), FRONTA_OK);
	answer_with(w, FRONTA_OK, NULL, &c);
	assert_false(model_takes(w->m, 'A'));
	assert_int_equal(model_waiting_mine(w->m), 1);
	assert_false(model_takes(w->m, 'N'));
	assert_int_equal(model_next_index(w->m), 1);      /* S001 is listed after A001 */
	assert_int_equal(model_last_note(w->m)->kind, NOTE_SERVICES);
	assert_int_equal(model_can(w->m, ACT_SERVICES, "AZ", w->mono), WHY_NO_SERVICES);
	/* "" is back to the configured ones: [] */
	assert_int_equal(model_begin(w->m, ACT_SERVICES, "", w->now, w->mono), WHY_OK);
	o = pending_json(w);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "services")), 0);
	cJSON_Delete(o);
}

static void test_pause(void **state)
{
	struct world *w = *state;
	struct counter c;
	cJSON *o;
	online(w);
	issue(w, 'A', "uk", false);
	assert_int_equal(model_begin(w->m, ACT_PAUSE, NULL, w->now, w->mono), WHY_OK);
	o = pending_json(w);
	assert_string_equal(cJSON_GetObjectItem(o, "state")->valuestring, "paused");
	cJSON_Delete(o);
	assert_int_equal(queue_set_counter(w->q, "2", COUNTER_PAUSED, NULL, w->now, &c), FRONTA_OK);
	answer_with(w, FRONTA_OK, NULL, &c);
	assert_int_equal(model_my_counter(w->m)->state, COUNTER_PAUSED);
	assert_int_equal(model_can(w->m, ACT_CALL, NULL, w->mono), WHY_PAUSED);
	assert_int_equal(model_can(w->m, ACT_CALL_NUMBER, NULL, w->mono), WHY_PAUSED);
	assert_int_equal(model_can(w->m, ACT_PAUSE, NULL, w->mono), WHY_PAUSED);
	assert_int_equal(model_begin(w->m, ACT_CALL, NULL, w->now, w->mono), WHY_PAUSED);
	assert_int_equal(model_last_note(w->m)->kind, NOTE_CANNOT);
	assert_int_equal(model_last_note(w->m)->why, WHY_PAUSED);
	assert_int_equal(model_begin(w->m, ACT_RESUME, NULL, w->now, w->mono), WHY_OK);
	o = pending_json(w);
	assert_string_equal(cJSON_GetObjectItem(o, "state")->valuestring, "open");
	cJSON_Delete(o);
}

static void test_retry_same_request(void **state)
{
	struct world *w = *state;
	char payload[PROTO_MAX_PAYLOAD];
	struct ticket t;
	online(w);
	issue(w, 'A', "uk", false);
	assert_int_equal(model_begin(w->m, ACT_CALL, NULL, w->now, w->mono), WHY_OK);
	strcpy(payload, model_pending(w->m)->payload);
	model_sent(w->m, 1);
	/* an answer to someone else's token changes nothing */
	assert_int_equal(model_on_answer(w->m, 99, "{\"ok\":true}", 11, NULL, true, w->now, w->mono), NEXT_NOTHING);
	assert_true(model_pending(w->m)->active);
	/* frontad silent while the link is up: ask again at once, same bytes */
	assert_int_equal(model_on_answer(w->m, 1, NULL, 0, "no answer from frontad", true, w->now, w->mono), NEXT_SEND);
	assert_string_equal(model_pending(w->m)->payload, payload);
	model_sent(w->m, 2);
	/* the link drops: wait for it */
	model_on_link(w->m, false, false, w->now);
	assert_int_equal(model_on_answer(w->m, 2, NULL, 0, "not connected", false, w->now, w->mono), NEXT_NOTHING);
	assert_true(model_pending(w->m)->waiting_for_link);
	assert_int_equal(model_offline_since(w->m), w->now);
	/* back: the same payload goes again */
	assert_int_equal(model_on_link(w->m, true, false, w->now), NEXT_SEND);
	assert_string_equal(model_pending(w->m)->payload, payload);
	assert_false(model_synced(w->m));
	model_sent(w->m, 3);
	assert_int_equal(model_pending(w->m)->sends, 3);
	assert_int_equal(queue_call(w->q, "2", NULL, w->now, &t), FRONTA_OK);
	publish(w);
	{
		char *a = proto_answer_ticket(&t);
		assert_int_equal(model_on_answer(w->m, 3, a, strlen(a), NULL, true, w->now, w->mono), NEXT_NOTHING);
		free(a);
	}
	assert_false(model_pending(w->m)->active);
	assert_string_equal(model_current(w->m)->number, "A001");
}

static void test_refused_and_errors(void **state)
{
	struct world *w = *state;
	online(w);
	issue(w, 'A', "uk", false);
	assert_int_equal(model_begin(w->m, ACT_CALL, NULL, w->now, w->mono), WHY_OK);
	model_sent(w->m, 4);
	assert_int_equal(model_on_answer(w->m, 4, NULL, 0, "the broker refused the request on x: not authorized", true,
	                                 w->now, w->mono),
	                 NEXT_NOTHING);
	assert_false(model_pending(w->m)->active);
	assert_int_equal(model_last_note(w->m)->kind, NOTE_ERROR);
	assert_string_equal(model_last_note(w->m)->code, "refused");
	/* frontad says no: its code is kept (the message is not shown) */
	assert_int_equal(model_begin(w->m, ACT_CALL, NULL, w->now, w->mono), WHY_OK);
	answer_with(w, FRONTA_EEMPTY, NULL, NULL);
	assert_string_equal(model_last_note(w->m)->code, "empty");
	/* not an answer at all */
	assert_int_equal(model_begin(w->m, ACT_CALL, NULL, w->now, w->mono), WHY_OK);
	model_sent(w->m, 5);
	model_on_answer(w->m, 5, "[1,2]", 5, NULL, true, w->now, w->mono);
	assert_string_equal(model_last_note(w->m)->code, "bad_answer");
	/* the worker stops waiting */
	assert_int_equal(model_begin(w->m, ACT_CALL, NULL, w->now, w->mono), WHY_OK);
	model_sent(w->m, 6);
	assert_int_equal(model_give_up(w->m, w->now), 6);
	assert_int_equal(model_last_note(w->m)->kind, NOTE_GAVE_UP);
	assert_int_equal(model_give_up(w->m, w->now), 0);
}

static void test_undo(void **state)
{
	struct world *w = *state;
	struct ticket t;
	char num[TICKET_NUMBER_LEN];
	enum action what;
	int left;
	cJSON *o;
	online(w);
	issue(w, 'A', "uk", false);
	issue(w, 'A', "en", false);
	assert_int_equal(queue_call(w->q, "2", NULL, w->now, &t), FRONTA_OK);
	publish(w);
	assert_int_equal(model_begin(w->m, ACT_NOSHOW, NULL, w->now, w->mono), WHY_OK);
	assert_int_equal(queue_noshow(w->q, "2", w->now, &t), FRONTA_OK);
	answer_with(w, FRONTA_OK, &t, NULL);
	assert_true(model_undo(w->m, w->mono + 1500, num, &what, &left));
	assert_string_equal(num, "A001");
	assert_int_equal(what, ACT_NOSHOW);
	assert_int_equal(left, 59);
	assert_int_equal(model_can(w->m, ACT_UNDO, NULL, w->mono + 59000), WHY_OK);
	assert_int_equal(model_can(w->m, ACT_UNDO, NULL, w->mono + 60000), WHY_NO_UNDO);
	/* the undo is a call of that number */
	assert_int_equal(model_begin(w->m, ACT_UNDO, NULL, w->now, w->mono + 1000), WHY_OK);
	o = pending_json(w);
	assert_string_equal(cJSON_GetObjectItem(o, "number")->valuestring, "A001");
	assert_string_equal(model_op(ACT_UNDO), "call");
	cJSON_Delete(o);
	assert_int_equal(queue_call_number(w->q, "2", "A001", w->now, &t), FRONTA_OK);
	answer_with(w, FRONTA_OK, &t, NULL);
	assert_int_equal(model_last_note(w->m)->kind, NOTE_CALLED_BACK);
	assert_string_equal(model_current(w->m)->number, "A001");
	assert_false(model_undo(w->m, w->mono, NULL, NULL, NULL));
	/* done, then the counter calls the next one: the undo is gone */
	assert_int_equal(model_begin(w->m, ACT_FINISH, NULL, w->now, w->mono), WHY_OK);
	assert_int_equal(queue_finish(w->q, "2", w->now, &t), FRONTA_OK);
	answer_with(w, FRONTA_OK, &t, NULL);
	assert_true(model_undo(w->m, w->mono, NULL, NULL, NULL));
	assert_int_equal(queue_call(w->q, "2", NULL, w->now, &t), FRONTA_OK);
	publish(w);
	assert_false(model_undo(w->m, w->mono, NULL, NULL, NULL));
}

static void test_seq_gaps_and_repeats(void **state)
{
	struct world *w = *state;
	struct ticket t;
	int n;
	const struct change *c;
	char *e1, *e2, *s;
	online(w);
	issue(w, 'A', "uk", false);
	/* two events; the console gets only the second: a gap */
	queue_issue(w->q, 'A', "uk", false, w->now, &t);
	queue_issue(w->q, 'S', "uk", false, w->now, &t);
	c = queue_changes(w->q, &n);
	e1 = e2 = NULL;
	for (int i = 0; i < n; i++)
		if (c[i].kind == CHANGE_EVENT) {
			if (!e1)
				e1 = proto_event(&c[i].event);
			else
				e2 = proto_event(&c[i].event);
		}
	queue_clear_changes(w->q);
	assert_int_equal(model_on_event(w->m, e2, strlen(e2), w->now), NEXT_STATUS);
	/* the missed one arriving late is old news now */
	assert_int_equal(model_on_event(w->m, e1, strlen(e1), w->now), NEXT_NOTHING);
	assert_int_equal(model_on_event(w->m, e2, strlen(e2), w->now), NEXT_NOTHING);
	assert_int_equal(model_on_event(w->m, "garbage", 7, w->now), NEXT_NOTHING);
	free(e1);
	free(e2);
	/* a state older than what we have is not taken ... */
	s = proto_state(w->q, w->now, PROTO_MAX_PAYLOAD);
	assert_true(model_on_state(w->m, s, strlen(s), w->now));
	assert_int_equal(model_state(w->m)->n_waiting, 3);
	queue_issue(w->q, 'A', "uk", false, w->now, &t);
	publish(w);
	assert_false(model_on_state(w->m, s, strlen(s), w->now));
	assert_int_equal(model_state(w->m)->n_waiting, 4);
	/* ... except the first after a reconnect: it is the truth */
	model_on_link(w->m, false, false, w->now);
	model_on_link(w->m, true, false, w->now);
	assert_true(model_on_state(w->m, s, strlen(s), w->now));
	assert_int_equal(model_state(w->m)->n_waiting, 3);
	assert_false(model_on_state(w->m, "{\"not\":1}", 9, w->now));
	free(s);
}

static void test_new_day(void **state)
{
	struct world *w = *state;
	struct ticket t;
	online(w);
	issue(w, 'A', "uk", false);
	queue_call(w->q, "2", NULL, w->now, &t);
	publish(w);
	assert_int_equal(model_begin(w->m, ACT_FINISH, NULL, w->now, w->mono), WHY_OK);
	queue_finish(w->q, "2", w->now, &t);
	answer_with(w, FRONTA_OK, &t, NULL);
	assert_true(model_undo(w->m, w->mono, NULL, NULL, NULL));
	w->now = at(2026, 11, 24, 7, 0);
	assert_true(queue_new_day(w->q, "2026-11-24", w->now));
	publish(w);
	assert_false(model_undo(w->m, w->mono, NULL, NULL, NULL));
	assert_int_equal(model_last_note(w->m)->kind, NOTE_NEW_DAY);
	assert_string_equal(model_state(w->m)->day, "2026-11-24");
}

static void test_transfer_and_number(void **state)
{
	struct world *w = *state;
	struct ticket t;
	cJSON *o;
	online(w);
	issue(w, 'A', "uk", false);
	issue(w, 'S', "cs", false);
	assert_int_equal(model_can(w->m, ACT_TRANSFER, NULL, w->mono), WHY_NO_TICKET);
	queue_call(w->q, "2", NULL, w->now, &t);
	publish(w);
	assert_int_equal(model_can(w->m, ACT_TRANSFER, NULL, w->mono), WHY_OK);
	assert_int_equal(model_can(w->m, ACT_TRANSFER, "A", w->mono), WHY_SAME_SERVICE);
	assert_int_equal(model_can(w->m, ACT_TRANSFER, "Q", w->mono), WHY_NO_SERVICES);
	assert_int_equal(model_begin(w->m, ACT_TRANSFER, "S", w->now, w->mono), WHY_OK);
	o = pending_json(w);
	assert_string_equal(cJSON_GetObjectItem(o, "service")->valuestring, "S");
	cJSON_Delete(o);
	queue_transfer(w->q, "2", 'S', w->now, &t);
	answer_with(w, FRONTA_OK, &t, NULL);
	assert_int_equal(model_last_note(w->m)->kind, NOTE_TRANSFERRED);
	assert_int_equal(model_last_note(w->m)->service, 'S');
	assert_null(model_current(w->m));
	/* call a given number, typed loosely */
	assert_int_equal(model_can(w->m, ACT_CALL_NUMBER, "1x", w->mono), WHY_BAD_NUMBER);
	assert_int_equal(model_begin(w->m, ACT_CALL_NUMBER, "s 1", w->now, w->mono), WHY_OK);
	o = pending_json(w);
	assert_string_equal(cJSON_GetObjectItem(o, "number")->valuestring, "S001");
	cJSON_Delete(o);
	answer_with(w, FRONTA_ENOT_FOUND, NULL, NULL);
	assert_string_equal(model_last_note(w->m)->code, "not_found");
	assert_string_equal(model_last_note(w->m)->number, "S001");
}

static void test_parse_number(void **state)
{
	char out[TICKET_NUMBER_LEN];
	(void)state;
	assert_int_equal(model_parse_number("a23", out), 0);
	assert_string_equal(out, "A023");
	assert_int_equal(model_parse_number(" A 0 0 7 ", out), 0);
	assert_string_equal(out, "A007");
	assert_int_equal(model_parse_number("T1000", out), 0);
	assert_string_equal(out, "T1000");
	assert_int_equal(model_parse_number("A0", out), -1);
	assert_int_equal(model_parse_number("A", out), -1);
	assert_int_equal(model_parse_number("23", out), -1);
	assert_int_equal(model_parse_number("A12345", out), -1);
	assert_int_equal(model_parse_number("AB1", out), -1);
	assert_int_equal(model_parse_number("Č12", out), -1);
	assert_int_equal(model_parse_number(NULL, out), -1);
}

static void test_next_tick(void **state)
{
	struct world *w = *state;
	struct ticket t;
	int64_t base;
	online(w);
	w->now = at(2026, 11, 23, 9, 0) + 20000;    /* 9:00:20 */
	assert_int_equal(queue_issue(w->q, 'A', "uk", false, w->now, &t), FRONTA_OK);
	publish(w);
	base = w->now;
	/* the waited minute of A001 changes 60 s after it was issued; the clock's minute first */
	assert_int_equal(model_next_tick(w->m, base, w->mono, 60000), 40000);
	assert_int_equal(model_next_tick(w->m, base + 41000, w->mono, 60000), 19000);
	assert_int_equal(model_next_tick(w->m, base, w->mono, 5000), 5000);
	/* the undo's seconds tick every second */
	queue_call(w->q, "2", NULL, w->now, &t);
	publish(w);
	model_begin(w->m, ACT_FINISH, NULL, w->now, w->mono);
	queue_finish(w->q, "2", w->now, &t);
	answer_with(w, FRONTA_OK, &t, NULL);
	assert_int_equal(model_next_tick(w->m, base, w->mono + 300, 60000), 700);
}

static void test_summary(void **state)
{
	struct world *w = *state;
	char s[600];
	online(w);
	issue(w, 'A', "uk", false);
	model_summary(w->m, w->mono, s, sizeof s);
	assert_non_null(strstr(s, "counter 2 open, online, synced, current -, waiting 1 (mine 1"));
	assert_non_null(strstr(s, "next A001"));
}

static void test_counter_choice(void **state)
{
	struct world *w = *state;
	struct model *m = model_new(w->cfg, NULL, "console-x", "n", 60);
	assert_non_null(m);
	assert_string_equal(model_counter(m), "");
	assert_int_equal(model_can(m, ACT_CALL, NULL, 0), WHY_NO_COUNTER);
	assert_int_equal(model_set_counter(m, "9"), -1);
	assert_int_equal(model_set_counter(m, "3"), 0);
	assert_false(model_takes(m, 'A'));           /* counter 3 takes S only */
	assert_true(model_takes(m, 'S'));
	model_free(m);
	assert_null(model_new(w->cfg, "9", "console-x", "n", 60));
}

/* ---- keys ---- */

static void test_keys(void **state)
{
	struct key_cmd k;
	bool word;
	(void)state;
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_SPACE, 0, false).cmd, CMD_CALL);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_RETURN, 0, false).cmd, CMD_CALL);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_KP_ENTER, 0, false).cmd, CMD_CALL);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_D, 0, false).cmd, CMD_FINISH);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_N, KMOD_SHIFT, false).cmd, CMD_NOSHOW);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_R, 0, false).cmd, CMD_RECALL);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_T, 0, false).cmd, CMD_TRANSFER);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_P, 0, false).cmd, CMD_PAUSE);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_U, 0, false).cmd, CMD_UNDO);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_C, 0, false).cmd, CMD_NUMBER);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_S, 0, false).cmd, CMD_SERVICES);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_L, 0, false).cmd, CMD_LANGUAGE);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_ESCAPE, 0, false).cmd, CMD_CLOSE);
	/* a held key never acts twice; moving in the list repeats */
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_SPACE, 0, true).cmd, CMD_NONE);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_D, 0, true).cmd, CMD_NONE);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_DOWN, 0, true).cmd, CMD_DOWN);
	/* the desktop's shortcuts are not ours */
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_C, KMOD_LCTRL, false).cmd, CMD_NONE);
	assert_int_equal(keys_map(MODE_MAIN, SDL_SCANCODE_D, KMOD_LALT, false).cmd, CMD_NONE);
	/* pickers: letters and digits are choices */
	k = keys_map(MODE_TRANSFER, SDL_SCANCODE_S, 0, false);
	assert_int_equal(k.cmd, CMD_CHAR);
	assert_int_equal(k.ch, 'S');
	k = keys_map(MODE_LANGUAGE, SDL_SCANCODE_KP_3, 0, false);
	assert_int_equal(k.ch, '3');
	assert_int_equal(keys_map(MODE_LANGUAGE, SDL_SCANCODE_0, 0, false).ch, '0');
	assert_int_equal(keys_map(MODE_TRANSFER, SDL_SCANCODE_RETURN, 0, false).cmd, CMD_OK);
	assert_int_equal(keys_map(MODE_SERVICES, SDL_SCANCODE_SPACE, 0, false).cmd, CMD_TOGGLE);
	assert_int_equal(keys_map(MODE_NUMBER, SDL_SCANCODE_BACKSPACE, 0, false).cmd, CMD_ERASE);
	assert_int_equal(keys_map(MODE_TRANSFER, SDL_SCANCODE_BACKSPACE, 0, false).cmd, CMD_NONE);
	assert_int_equal(keys_map(MODE_COUNTER, SDL_SCANCODE_ESCAPE, 0, false).cmd, CMD_CLOSE);
	assert_int_equal(keys_map(MODE_NUMBER, SDL_SCANCODE_F5, 0, false).cmd, CMD_NONE);
	/* what the buttons say */
	assert_string_equal(keys_label(CMD_CALL, &word), "Space");
	assert_true(word);
	assert_string_equal(keys_label(CMD_FINISH, &word), "D");
	assert_false(word);
	assert_null(keys_label(CMD_UP, &word));
}

/* ---- pickers ---- */

/* The real catalogue (common and console), found as the programs find it. */
static struct i18n *catalogue(char *dir, size_t cap)
{
	char assets[512], err[8000];
	struct i18n *cat;
	assert_int_equal(assets_find(NULL, assets, sizeof assets, err, sizeof err), 0);
	assets_path(assets, "i18n", dir, cap);
	cat = i18n_new(dir);
	assert_int_equal(i18n_load(cat, "common", err, sizeof err), 0);
	assert_int_equal(i18n_load(cat, WORDS_DOMAIN, err, sizeof err), 0);
	return cat;
}

static void test_pickers(void **state)
{
	struct world *w = *state;
	struct picker_item it[PICKER_MAX];
	char dir[600];
	struct i18n *cat;
	int n;
	cat = catalogue(dir, sizeof dir);
	n = picker_items(MODE_TRANSFER, w->cfg, cat, it, PICKER_MAX);
	assert_int_equal(n, 3);
	assert_int_equal(it[1].key, 'S');
	assert_int_equal(picker_find(it, n, 's'), 1);
	assert_int_equal(picker_find(it, n, 'Q'), -1);
	n = picker_items(MODE_LANGUAGE, w->cfg, cat, it, PICKER_MAX);
	assert_int_equal(n, 4);                           /* cs en uk ar, as the branch has them */
	assert_string_equal(it[3].value, "ar");
	assert_int_equal(it[3].key, '4');
	n = picker_items(MODE_COUNTER, w->cfg, cat, it, PICKER_MAX);
	assert_int_equal(n, 3);
	assert_string_equal(it[2].value, "3");
	assert_int_equal(picker_items(MODE_MAIN, w->cfg, cat, it, PICKER_MAX), 0);
	i18n_free(cat);
}

/* ---- sentences: every one the console can say exists in every language ---- */

static void test_words(void **state)
{
	struct world *w = *state;
	char dir[600], out[1200];
	struct i18n *cat;
	static const char *const codes[] = { "bad_request", "unknown_service", "unknown_counter", "closed", "empty",
		                             "no_ticket", "not_found", "internal", "refused", "bad_answer", "whatever" };
	cat = catalogue(dir, sizeof dir);
	for (int l = 0; l < i18n_lang_count(cat); l++) {
		const char *lang = i18n_lang_code(cat, l);
		for (int a = 0; a < ACT_COUNT; a++)
			assert_true(words_action(cat, lang, (enum action)a, false)[0]);
		assert_string_equal(words_why(cat, lang, WHY_OK), "");
		for (int y = 1; y < WHY_COUNT; y++)
			assert_true(words_why(cat, lang, (enum why_not)y)[0]);
		for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++) {
			assert_true(words_error(cat, lang, codes[c], "A023", out, sizeof out) > 0);
			assert_null(strstr(out, "{"));       /* every placeholder filled */
		}
		for (int k = NOTE_NONE + 1; k <= NOTE_NEW_DAY; k++) {
			struct model_note n = { .kind = (enum note)k, .action = ACT_CALL, .why = WHY_EMPTY, .code = "empty",
				                .number = "A023", .service = 'S', .at_ms = 1 };
			assert_true(words_note(cat, w->cfg, lang, &n, out, sizeof out) > 0);
			assert_null(strstr(out, "{"));
		}
		for (int c = 0; c <= COUNTER_CLOSED; c++)
			assert_true(words_counter_state(cat, lang, (enum counter_state)c)[0]);
		for (int k = 0; k < i18n_lang_count(cat); k++)
			assert_true(words_language(cat, lang, i18n_lang_code(cat, k))[0]);
	}
	assert_string_equal(words_language(cat, "cs", "uk"), "ukrajinština");
	assert_string_equal(words_action(cat, "cs", ACT_RESUME, true), "Otevřít přepážku");
	i18n_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_before_anything, setup, teardown),
		cmocka_unit_test_setup_teardown(test_call_and_current, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counter_services, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pause, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retry_same_request, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_and_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seq_gaps_and_repeats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transfer_and_number, setup, teardown),
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test_setup_teardown(test_next_tick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counter_choice, setup, teardown),
		cmocka_unit_test(test_keys),
		cmocka_unit_test_setup_teardown(test_pickers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_words, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
