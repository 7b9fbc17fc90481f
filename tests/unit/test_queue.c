/* The engine: numbering, call order, counters, transfer, day change, estimates. */
#include "tests/unit/fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/proto.h"
#include "core/queue.h"

struct fx {
	struct config *cfg;
	struct queue *q;
	int64_t now;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->cfg = fixture_config();
	f->now = at(2026, 11, 23, 9, 0);
	f->q = queue_new(f->cfg, "2026-11-23");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	queue_free(f->q);
	config_free(f->cfg);
	free(f);
	return 0;
}

static struct ticket issue(struct fx *f, char service, bool priority)
{
	struct ticket t;
	f->now += 1000;
	assert_int_equal(queue_issue(f->q, service, "uk", priority, f->now, &t), FRONTA_OK);
	return t;
}

static struct ticket call(struct fx *f, const char *counter)
{
	struct ticket t;
	f->now += 1000;
	assert_int_equal(queue_call(f->q, counter, NULL, f->now, &t), FRONTA_OK);
	return t;
}

/* The state's recent calls: the latest announcement first, ten of a day's
 * many; a recall makes its ticket the latest again. */
static void recent_calls_are_the_latest_first(void **state)
{
	struct fx *f = *state;
	const struct ticket *out[QUEUE_RECENT_CALLS];
	const char *want[] = { "A024", "A025", "A023", "A022", "A021", "A020", "A019", "A018", "A017", "A016" };
	struct ticket t;
	int n;
	for (int i = 0; i < 25; i++)
		issue(f, 'A', false);
	for (int i = 0; i < 25; i++)
		call(f, i % 2 == 0 ? "1" : "2");     /* A001 at 1, A002 at 2, ... A025 at 1 */
	f->now += 1000;
	assert_int_equal(queue_recall(f->q, "2", f->now, &t), FRONTA_OK);
	assert_string_equal(t.number, "A024");
	assert_int_equal(QUEUE_RECENT_CALLS, 10);
	n = queue_recent_calls(f->q, out, QUEUE_RECENT_CALLS);
	assert_int_equal(n, 10);
	for (int i = 0; i < n; i++)
		assert_string_equal(out[i]->number, want[i]);
	n = queue_recent_calls(f->q, out, 3);
	assert_int_equal(n, 3);
	assert_string_equal(out[2]->number, "A023");
}

static void numbers_per_service_from_001(void **state)
{
	struct fx *f = *state;
	assert_string_equal(issue(f, 'A', false).number, "A001");
	assert_string_equal(issue(f, 'A', false).number, "A002");
	assert_string_equal(issue(f, 'S', false).number, "S001");
	assert_string_equal(issue(f, 'A', false).number, "A003");
}

static void numbers_grow_to_four_digits(void **state)
{
	struct fx *f = *state;
	struct ticket t;
	for (int i = 1; i <= 1001; i++)
		t = issue(f, 'S', false);
	assert_string_equal(t.number, "S1001");
	assert_non_null(queue_find(f->q, "S999"));
	assert_non_null(queue_find(f->q, "S1000"));
	assert_int_equal(queue_waiting(f->q, NULL, 0), 1001);
}

static void issue_checks_service_language_and_hours(void **state)
{
	struct fx *f = *state;
	struct ticket t;
	int n;
	assert_int_equal(queue_issue(f->q, 'X', "uk", false, f->now, &t), FRONTA_EUNKNOWN_SERVICE);
	assert_int_equal(queue_issue(f->q, 'A', "de", false, f->now, &t), FRONTA_EBADREQ);
	assert_int_equal(queue_issue(f->q, 'N', "uk", false, f->now, &t), FRONTA_ECLOSED);
	queue_changes(f->q, &n);
	assert_int_equal(n, 0);   /* nothing logged for refused operations */
	assert_int_equal(queue_seq(f->q), 0);
}

static void call_order_priority_then_earliest(void **state)
{
	struct fx *f = *state;
	issue(f, 'A', false);           /* A001 */
	issue(f, 'S', false);           /* S001 */
	issue(f, 'A', true);            /* A002 priority */
	issue(f, 'S', true);            /* S002 priority */
	assert_string_equal(call(f, "1").number, "A002");
	assert_string_equal(call(f, "2").number, "S002");
	assert_string_equal(call(f, "1").number, "A001");
	assert_string_equal(call(f, "2").number, "S001");
	assert_int_equal(queue_call(f->q, "1", NULL, f->now, NULL), FRONTA_EEMPTY);
}

static void call_only_among_the_counters_services(void **state)
{
	struct fx *f = *state;
	struct ticket t;
	issue(f, 'A', false);
	issue(f, 'S', false);
	assert_int_equal(queue_call(f->q, "1", "S", f->now, &t), FRONTA_OK);
	assert_string_equal(t.number, "S001");
	assert_int_equal(queue_call(f->q, "2", "S", f->now, &t), FRONTA_EEMPTY);
	assert_int_equal(queue_call(f->q, "2", "Q", f->now, &t), FRONTA_EUNKNOWN_SERVICE);
	assert_int_equal(queue_call(f->q, "9", NULL, f->now, &t), FRONTA_EUNKNOWN_COUNTER);
	/* counter 3 takes only S (and is closed): A001 is not for it */
	assert_int_equal(queue_call(f->q, "3", NULL, f->now, &t), FRONTA_EEMPTY);
}

static void two_counters_never_get_the_same_ticket(void **state)
{
	struct fx *f = *state;
	char seen[64][TICKET_NUMBER_LEN];
	for (int i = 0; i < 40; i++)
		issue(f, i % 2 ? 'A' : 'S', i % 7 == 0);
	for (int i = 0; i < 40; i++) {
		struct ticket t = call(f, i % 2 ? "1" : "2");
		for (int k = 0; k < i; k++)
			assert_string_not_equal(seen[k], t.number);
		strcpy(seen[i], t.number);
	}
}

static void call_finishes_the_current_ticket(void **state)
{
	struct fx *f = *state;
	struct ticket a = (issue(f, 'A', false), issue(f, 'A', false), call(f, "1"));
	struct ticket b = call(f, "1");
	assert_string_equal(a.number, "A001");
	assert_string_equal(b.number, "A002");
	assert_int_equal(queue_find(f->q, "A001")->status, TICKET_DONE);
	assert_int_equal(queue_find(f->q, "A002")->status, TICKET_CALLED);
}

static void recall_finish_noshow(void **state)
{
	struct fx *f = *state;
	struct ticket t;
	issue(f, 'A', false);
	issue(f, 'A', false);
	assert_int_equal(queue_recall(f->q, "1", f->now, &t), FRONTA_ENO_TICKET);
	call(f, "1");
	assert_int_equal(queue_recall(f->q, "1", f->now + 5000, &t), FRONTA_OK);
	assert_int_equal(t.recalls, 1);
	assert_int_equal(t.announced_ms, f->now + 5000);
	assert_int_equal(queue_finish(f->q, "1", f->now + 9000, &t), FRONTA_OK);
	assert_int_equal(t.status, TICKET_DONE);
	assert_int_equal(queue_counter(f->q, "1")->ticket_id, 0);
	assert_int_equal(queue_finish(f->q, "1", f->now, &t), FRONTA_ENO_TICKET);
	call(f, "1");
	assert_int_equal(queue_noshow(f->q, "1", f->now, &t), FRONTA_OK);
	assert_string_equal(t.number, "A002");
	assert_int_equal(t.status, TICKET_NO_SHOW);
	assert_int_equal(queue_noshow(f->q, "1", f->now, &t), FRONTA_ENO_TICKET);
}

static void transfer_keeps_number_and_place(void **state)
{
	struct fx *f = *state;
	struct ticket t;
	const struct ticket *order[8];
	issue(f, 'A', false);        /* A001, earliest */
	issue(f, 'S', false);        /* S001 */
	issue(f, 'S', false);        /* S002 */
	assert_string_equal(call(f, "1").number, "A001");
	assert_int_equal(queue_transfer(f->q, "1", 'S', f->now, &t), FRONTA_OK);
	assert_string_equal(t.number, "A001");
	assert_int_equal(t.service, 'S');
	assert_int_equal(t.status, TICKET_WAITING);
	assert_int_equal(t.transfers, 1);
	assert_int_equal(queue_waiting(f->q, order, 8), 3);
	assert_string_equal(order[0]->number, "A001");   /* placed by its original issue time */
	assert_string_equal(call(f, "1").number, "A001");
	assert_int_equal(queue_transfer(f->q, "1", 'Q', f->now, &t), FRONTA_EUNKNOWN_SERVICE);
	/* a refused transfer changed nothing */
	assert_int_equal(queue_find(f->q, "A001")->status, TICKET_CALLED);
}

static void cancel_only_waiting_tickets(void **state)
{
	struct fx *f = *state;
	struct ticket t;
	issue(f, 'A', false);
	issue(f, 'A', false);
	call(f, "1");
	assert_int_equal(queue_cancel(f->q, "A001", f->now, &t), FRONTA_ENOT_FOUND);
	assert_int_equal(queue_cancel(f->q, "A002", f->now, &t), FRONTA_OK);
	assert_int_equal(t.status, TICKET_CANCELLED);
	assert_int_equal(queue_cancel(f->q, "A002", f->now, &t), FRONTA_ENOT_FOUND);
	assert_int_equal(queue_cancel(f->q, "A999", f->now, &t), FRONTA_ENOT_FOUND);
	/* the number is not reused */
	assert_string_equal(issue(f, 'A', false).number, "A003");
}

static void call_a_number_back_or_out_of_turn(void **state)
{
	struct fx *f = *state;
	struct ticket t;
	issue(f, 'A', false);          /* A001 */
	issue(f, 'A', false);          /* A002 */
	issue(f, 'A', false);          /* A003 */
	call(f, "1");                  /* A001 at 1 */
	assert_int_equal(queue_noshow(f->q, "1", f->now, NULL), FRONTA_OK);
	/* the worker pressed No-show by mistake: call A001 back */
	assert_int_equal(queue_call_number(f->q, "1", "A001", f->now + 1000, &t), FRONTA_OK);
	assert_int_equal(t.status, TICKET_CALLED);
	assert_int_equal(t.finished_ms, 0);
	assert_string_equal(t.counter, "1");
	/* calling it again is harmless */
	assert_int_equal(queue_call_number(f->q, "1", "A001", f->now + 2000, &t), FRONTA_OK);
	/* A003 out of turn at counter 2; then counter 1 cannot take it */
	assert_int_equal(queue_call_number(f->q, "2", "A003", f->now + 3000, &t), FRONTA_OK);
	assert_int_equal(queue_call_number(f->q, "1", "A003", f->now + 4000, &t), FRONTA_ENOT_FOUND);
	assert_int_equal(queue_call_number(f->q, "1", "A404", f->now, &t), FRONTA_ENOT_FOUND);
	assert_int_equal(queue_call_number(f->q, "9", "A002", f->now, &t), FRONTA_EUNKNOWN_COUNTER);
	/* calling A002 to counter 1 finishes A001 there */
	assert_int_equal(queue_call_number(f->q, "1", "A002", f->now + 5000, &t), FRONTA_OK);
	assert_int_equal(queue_find(f->q, "A001")->status, TICKET_DONE);
	/* tickets closed by the day change cannot be called back */
	queue_new_day(f->q, "2026-11-24", at(2026, 11, 24, 0, 0));
	assert_int_equal(queue_call_number(f->q, "1", "A002", at(2026, 11, 24, 8, 0), &t), FRONTA_ENOT_FOUND);
}

static void paused_counter_call_opens_it(void **state)
{
	struct fx *f = *state;
	struct counter c;
	struct ticket t;
	const struct change *log;
	int n, types = 0;
	assert_int_equal(queue_set_counter(f->q, "1", COUNTER_PAUSED, NULL, f->now, &c), FRONTA_OK);
	assert_int_equal(c.state, COUNTER_PAUSED);
	/* nothing waiting: the counter stays paused */
	assert_int_equal(queue_call(f->q, "1", NULL, f->now, &t), FRONTA_EEMPTY);
	assert_int_equal(queue_counter(f->q, "1")->state, COUNTER_PAUSED);
	issue(f, 'A', false);
	queue_clear_changes(f->q);
	call(f, "1");
	assert_int_equal(queue_counter(f->q, "1")->state, COUNTER_OPEN);
	log = queue_changes(f->q, &n);
	for (int i = 0; i < n; i++)
		if (log[i].kind == CHANGE_EVENT)
			types = types * 16 + (int)log[i].event.type;
	assert_int_equal(types, EV_COUNTER * 16 + EV_CALLED);
}

static void closing_a_counter_finishes_its_client(void **state)
{
	struct fx *f = *state;
	issue(f, 'A', false);
	call(f, "2");
	assert_int_equal(queue_set_counter(f->q, "2", COUNTER_CLOSED, NULL, f->now, NULL), FRONTA_OK);
	assert_int_equal(queue_find(f->q, "A001")->status, TICKET_DONE);
	assert_int_equal(queue_counter(f->q, "2")->ticket_id, 0);
	assert_int_equal(queue_set_counter(f->q, "2", COUNTER_OPEN, "Z", f->now, NULL), FRONTA_EUNKNOWN_SERVICE);
	assert_int_equal(queue_set_counter(f->q, "2", COUNTER_OPEN, "S", f->now, NULL), FRONTA_OK);
	assert_string_equal(queue_counter(f->q, "2")->services, "S");
	assert_int_equal(queue_set_counter(f->q, "2", COUNTER_OPEN, "", f->now, NULL), FRONTA_OK);
	assert_string_equal(queue_counter(f->q, "2")->services, "ASN");
}

static void events_are_numbered_without_gaps(void **state)
{
	struct fx *f = *state;
	const struct change *log;
	int n;
	int64_t expect = 1;
	issue(f, 'A', false);
	issue(f, 'S', false);
	call(f, "1");
	call(f, "1");     /* done + called */
	queue_transfer(f->q, "1", 'A', f->now, NULL);
	log = queue_changes(f->q, &n);
	for (int i = 0; i < n; i++)
		if (log[i].kind == CHANGE_EVENT)
			assert_int_equal(log[i].event.seq, expect++);
	assert_int_equal(queue_seq(f->q), expect - 1);
	assert_int_equal(expect - 1, 6);
}

static void new_day_closes_yesterday_once(void **state)
{
	struct fx *f = *state;
	const struct change *log;
	int n, day_events = 0;
	issue(f, 'A', false);
	issue(f, 'A', false);
	issue(f, 'S', false);
	call(f, "1");          /* A001 called, A002 and S001 waiting */
	queue_clear_changes(f->q);
	assert_true(queue_new_day(f->q, "2026-11-24", at(2026, 11, 24, 0, 0)));
	assert_false(queue_new_day(f->q, "2026-11-24", at(2026, 11, 24, 0, 1)));
	log = queue_changes(f->q, &n);
	for (int i = 0; i < n; i++) {
		if (log[i].kind == CHANGE_TICKET) {
			const struct ticket *t = &log[i].ticket;
			assert_int_equal(t->end, END_DAY);
			assert_int_equal(t->status, !strcmp(t->number, "A001") ? TICKET_DONE : TICKET_CANCELLED);
		}
		day_events += log[i].kind == CHANGE_EVENT && log[i].event.type == EV_DAY;
	}
	assert_int_equal(day_events, 1);
	assert_string_equal(queue_day(f->q), "2026-11-24");
	assert_int_equal(queue_waiting(f->q, NULL, 0), 0);
	assert_int_equal(queue_counter(f->q, "1")->ticket_id, 0);
	f->now = at(2026, 11, 24, 8, 0);
	assert_string_equal(issue(f, 'A', false).number, "A001");
}

static void restored_queue_goes_on_numbering(void **state)
{
	struct fx *f = *state;
	struct queue *q2 = queue_new(f->cfg, "2026-11-23");
	const struct change *log;
	int n;
	struct ticket t;
	issue(f, 'A', false);
	issue(f, 'A', false);
	issue(f, 'S', false);
	log = queue_changes(f->q, &n);
	for (int i = 0; i < n; i++)
		if (log[i].kind == CHANGE_TICKET)
			queue_restore_ticket(q2, &log[i].ticket);
	queue_restore_seq(q2, queue_seq(f->q), 4);
	assert_int_equal(queue_issue(q2, 'A', "cs", false, f->now, &t), FRONTA_OK);
	assert_string_equal(t.number, "A003");
	assert_int_equal(t.id, 4);
	queue_free(q2);
}

/* --- estimates --- */

static void estimate_uses_configured_time_before_history(void **state)
{
	struct fx *f = *state;
	struct ticket t[5];
	/* counters 1 and 2 take A; five A tickets, 600 s each */
	for (int i = 0; i < 5; i++)
		t[i] = issue(f, 'A', false);
	queue_estimate(f->q, f->now);
	int expect_ahead[5] = { 0, 1, 2, 3, 4 };
	int expect_wait[5] = { 0, 0, 600, 600, 1200 };
	for (int i = 0; i < 5; i++) {
		const struct ticket *x = queue_find(f->q, t[i].number);
		assert_int_equal(x->ahead, expect_ahead[i]);
		assert_int_equal(x->est_wait_s, expect_wait[i]);
	}
	/* a sixth ticket waits until the first counter has none of the five left:
	 * counter 2 (free at 1200 s; counter 1 serves the fifth until 1800 s) */
	assert_int_equal(queue_service_est_wait_s(f->q, 'A'), 1200);
}

static void estimate_learns_todays_service_times(void **state)
{
	struct fx *f = *state;
	struct ticket t;
	/* three clients of S served in 60, 120 and 90 s: median 90 */
	int durations[3] = { 60, 120, 90 };
	for (int i = 0; i < 3; i++) {
		issue(f, 'S', false);
		call(f, "1");
		f->now += durations[i] * 1000;
		assert_int_equal(queue_finish(f->q, "1", f->now, &t), FRONTA_OK);
	}
	queue_estimate(f->q, f->now);
	assert_int_equal(queue_service_time_s(f->q, 'S'), 90);
	assert_int_equal(queue_service_time_s(f->q, 'A'), 600);   /* no history yet */
}

static void estimate_counts_busy_and_closed_counters(void **state)
{
	struct fx *f = *state;
	struct ticket t;
	issue(f, 'A', false);
	call(f, "1");                     /* counter 1 busy with A001 (600 s) */
	queue_set_counter(f->q, "2", COUNTER_CLOSED, NULL, f->now, NULL);
	f->now += 100 * 1000;
	t = issue(f, 'A', false);         /* only counter 1 takes A: free in ~500 s */
	assert_in_range(t.est_wait_s, 498, 502);
	assert_int_equal(t.ahead, 0);
}

static void estimate_with_no_counter_for_a_service(void **state)
{
	struct fx *f = *state;
	struct ticket t[2];
	queue_set_counter(f->q, "1", COUNTER_CLOSED, NULL, f->now, NULL);
	queue_set_counter(f->q, "2", COUNTER_CLOSED, NULL, f->now, NULL);
	t[0] = issue(f, 'A', false);
	t[1] = issue(f, 'A', false);
	/* as if one counter of its own opened now */
	assert_int_equal(queue_find(f->q, t[0].number)->est_wait_s, 0);
	queue_estimate(f->q, f->now);
	assert_int_equal(queue_find(f->q, t[1].number)->est_wait_s, 600);
}

/* --- the state document --- */

static void state_fits_the_payload_limit(void **state)
{
	struct fx *f = *state;
	struct state_doc *d = malloc(sizeof *d);
	char *json;
	for (int i = 0; i < 300; i++)
		issue(f, i % 3 ? 'A' : 'S', i % 10 == 0);
	for (int i = 0; i < 12; i++)
		call(f, i % 2 ? "1" : "2");
	json = proto_state(f->q, f->now, PROTO_MAX_PAYLOAD);
	assert_non_null(json);
	assert_true(strlen(json) <= PROTO_MAX_PAYLOAD);
	assert_int_equal(proto_parse_state(json, strlen(json), d), 0);
	assert_true(d->n_waiting > 10);
	assert_int_equal(d->n_waiting + d->waiting_more, 288);
	assert_int_equal(d->n_called, 10);
	assert_int_equal(d->seq, queue_seq(f->q));
	/* listed in call order: priority first */
	assert_true(d->waiting[0].priority);
	free(json);
	free(d);
}

/* The waiting list is cut to what fits, not much shorter: at most one
 * ticket's worth of room is left (a listed ticket is ~100 bytes). */
static void state_lists_as_many_as_fit(void **state)
{
	struct fx *f = *state;
	struct state_doc *d = malloc(sizeof *d);
	for (int i = 0; i < 200; i++)
		issue(f, i % 2 ? 'A' : 'S', false);
	for (size_t max = 1500; max <= PROTO_MAX_PAYLOAD; max += 431) {
		char *json = proto_state(f->q, f->now, max);
		assert_non_null(json);
		assert_true(strlen(json) <= max);
		assert_true(max - strlen(json) < 110);
		assert_int_equal(proto_parse_state(json, strlen(json), d), 0);
		assert_int_equal(d->n_waiting + d->waiting_more, 200);
		free(json);
	}
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(numbers_per_service_from_001, setup, teardown),
		cmocka_unit_test_setup_teardown(numbers_grow_to_four_digits, setup, teardown),
		cmocka_unit_test_setup_teardown(issue_checks_service_language_and_hours, setup, teardown),
		cmocka_unit_test_setup_teardown(call_order_priority_then_earliest, setup, teardown),
		cmocka_unit_test_setup_teardown(call_only_among_the_counters_services, setup, teardown),
		cmocka_unit_test_setup_teardown(two_counters_never_get_the_same_ticket, setup, teardown),
		cmocka_unit_test_setup_teardown(call_finishes_the_current_ticket, setup, teardown),
		cmocka_unit_test_setup_teardown(recall_finish_noshow, setup, teardown),
		cmocka_unit_test_setup_teardown(transfer_keeps_number_and_place, setup, teardown),
		cmocka_unit_test_setup_teardown(cancel_only_waiting_tickets, setup, teardown),
		cmocka_unit_test_setup_teardown(call_a_number_back_or_out_of_turn, setup, teardown),
		cmocka_unit_test_setup_teardown(paused_counter_call_opens_it, setup, teardown),
		cmocka_unit_test_setup_teardown(closing_a_counter_finishes_its_client, setup, teardown),
		cmocka_unit_test_setup_teardown(events_are_numbered_without_gaps, setup, teardown),
		cmocka_unit_test_setup_teardown(new_day_closes_yesterday_once, setup, teardown),
		cmocka_unit_test_setup_teardown(restored_queue_goes_on_numbering, setup, teardown),
		cmocka_unit_test_setup_teardown(estimate_uses_configured_time_before_history, setup, teardown),
		cmocka_unit_test_setup_teardown(estimate_learns_todays_service_times, setup, teardown),
		cmocka_unit_test_setup_teardown(estimate_counts_busy_and_closed_counters, setup, teardown),
		cmocka_unit_test_setup_teardown(estimate_with_no_counter_for_a_service, setup, teardown),
		cmocka_unit_test_setup_teardown(state_fits_the_payload_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(state_lists_as_many_as_fit, setup, teardown),
		cmocka_unit_test_setup_teardown(recent_calls_are_the_latest_first, setup, teardown),
	};
	return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}
