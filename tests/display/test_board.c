/* Unit tests of the board's memory (display/board.c): which states are
 * new, which events are announced (after our start, once, in order, not
 * when long past), when a gap asks for the state again, how long a call
 * stays highlighted and blinks, when the offline mark appears. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/log.h"
#include "display/board.h"

#define NOW 1795426930000LL   /* 2026-11-23 10:42:10 +01:00 */

static struct board_options opts(void)
{
	struct board_options o;
	board_default_options(&o, 8, 5);
	return o;
}

static struct state_doc state(int64_t seq, int waiting)
{
	struct state_doc d;
	memset(&d, 0, sizeof d);
	d.seq = seq;
	snprintf(d.day, sizeof d.day, "2026-11-23");
	d.n_services = 1;
	d.services[0].id = 'A';
	d.services[0].open = true;
	d.services[0].waiting = waiting;
	d.services[0].est_wait_s = waiting * 600;
	return d;
}

static struct event call_event(int64_t seq, enum event_type type, const char *number, const char *counter,
                               const char *lang, int64_t at)
{
	struct event e;
	memset(&e, 0, sizeof e);
	e.seq = seq;
	e.type = type;
	e.at_ms = at;
	e.has_ticket = type == EV_CALLED || type == EV_RECALLED || type == EV_ISSUED;
	snprintf(e.ticket.number, sizeof e.ticket.number, "%s", number);
	snprintf(e.ticket.lang, sizeof e.ticket.lang, "%s", lang);
	snprintf(e.counter, sizeof e.counter, "%s", counter);
	return e;
}

/* A board that has taken a state of seq. */
static struct board *started(int64_t seq)
{
	struct board_options o = opts();
	struct board *b = board_new(&o, 0);
	struct state_doc d = state(seq, 3);
	board_take_state(b, &d);
	return b;
}

/* board_take_event of a called-like event made at `at`, taken at NOW and mono 10. */
static enum board_verdict take(struct board *b, int64_t seq, enum event_type type, const char *number,
                               const char *counter, int64_t at, struct board_announcement *an, bool *resync)
{
	struct event e = call_event(seq, type, number, counter, "ru", at);
	return board_take_event(b, &e, NOW, 10, an, resync);
}

static void test_states(void **unused)
{
	struct board_options o = opts();
	struct board *b = board_new(&o, 0);
	struct state_doc d = state(10, 3);
	(void)unused;
	assert_null(board_state(b));
	assert_int_equal(board_take_state(b, &d), BOARD_CHANGED | BOARD_NEW_SEQ | BOARD_CALLS);
	assert_int_equal(board_state(b)->seq, 10);
	/* the same document again: nothing to draw */
	assert_int_equal(board_take_state(b, &d), 0);
	/* republished with the same seq because time changed the estimate: redraw, no new seq */
	d.services[0].est_wait_s = 900;
	assert_int_equal(board_take_state(b, &d), BOARD_CHANGED);
	/* a ticket issued: the counts change, the calls do not */
	d = state(11, 4);
	assert_int_equal(board_take_state(b, &d), BOARD_CHANGED | BOARD_NEW_SEQ);
	/* a call: the calls change */
	d = state(12, 3);
	d.n_called = 1;
	snprintf(d.called[0].number, sizeof d.called[0].number, "A001");
	snprintf(d.called[0].counter, sizeof d.called[0].counter, "1");
	assert_int_equal(board_take_state(b, &d), BOARD_CHANGED | BOARD_NEW_SEQ | BOARD_CALLS);
	/* a recall moves nothing but the time of the call */
	d.seq = 13;
	d.called[0].at_ms = NOW;
	assert_int_equal(board_take_state(b, &d), BOARD_CHANGED | BOARD_NEW_SEQ | BOARD_CALLS);
	board_free(b);
}

static void test_announce_after_start_only(void **unused)
{
	struct board *b = started(10);
	struct board_announcement an;
	struct event e;
	bool resync;
	(void)unused;
	/* the call the retained state already shows: drawn, not announced */
	assert_int_equal(take(b, 10, EV_CALLED, "A009", "1", NOW - 3000, &an, &resync), BOARD_IGNORE);
	assert_false(resync);
	e = call_event(11, EV_CALLED, "A010", "2", "uk", NOW);
	assert_int_equal(board_take_event(b, &e, NOW, 100, &an, &resync), BOARD_ANNOUNCE);
	assert_false(resync);
	assert_string_equal(an.number, "A010");
	assert_string_equal(an.counter, "2");
	assert_string_equal(an.lang, "uk");
	assert_false(an.recall);
	assert_true(an.id > 0);
	/* frontad publishes again after its restart: the repeat is not announced twice */
	assert_int_equal(board_take_event(b, &e, NOW, 200, &an, &resync), BOARD_DUPLICATE);
	assert_int_equal(take(b, 11, EV_RECALLED, "A010", "2", NOW, &an, &resync), BOARD_DUPLICATE);
	board_free(b);
}

static void test_burst_in_order(void **unused)
{
	struct board *b = started(20);
	struct board_announcement an[3];
	static const char *const numbers[3] = { "A001", "S001", "P001" };
	bool resync;
	(void)unused;
	/* an issue between calls moves the seq on without a gap */
	{
		struct event e = call_event(21, EV_ISSUED, "T001", "", "vi", NOW);
		struct board_announcement x;
		assert_int_equal(board_take_event(b, &e, NOW, 10, &x, &resync), BOARD_IGNORE);
		assert_false(resync);
	}
	for (int i = 0; i < 3; i++) {
		char counter[4];
		struct event e;
		snprintf(counter, sizeof counter, "%d", i + 1);
		e = call_event(22 + i, EV_CALLED, numbers[i], counter, "cs", NOW);
		assert_int_equal(board_take_event(b, &e, NOW, 10, &an[i], &resync), BOARD_ANNOUNCE);
		assert_false(resync);
		assert_string_equal(an[i].number, numbers[i]);
		if (i > 0)
			assert_true(an[i].id > an[i - 1].id);
	}
	/* all three are highlighted while their announcements wait their turn */
	for (int i = 0; i < 3; i++)
		assert_true(board_fresh(b, numbers[i], an[i].counter, 10 + 20000, NULL));
	board_free(b);
}

static void test_gap_asks_for_state(void **unused)
{
	struct board *b = started(30);
	struct state_doc d;
	struct board_announcement an;
	bool resync;
	(void)unused;
	assert_int_equal(take(b, 33, EV_CALLED, "A030", "1", NOW, &an, &resync), BOARD_ANNOUNCE);
	assert_true(resync);
	assert_int_equal(take(b, 34, EV_DONE, "A030", "1", NOW, &an, &resync), BOARD_IGNORE);
	assert_false(resync);
	/* the state taken again after the gap is older than the events: no new gap follows */
	d = state(34, 2);
	board_take_state(b, &d);
	assert_int_equal(take(b, 35, EV_CALLED, "A031", "1", NOW, &an, &resync), BOARD_ANNOUNCE);
	assert_false(resync);
	board_free(b);
}

static void test_recall_and_old_calls(void **unused)
{
	struct board *b = started(40);
	struct board_announcement an;
	bool resync;
	(void)unused;
	assert_int_equal(take(b, 41, EV_RECALLED, "A040", "3", NOW, &an, &resync), BOARD_ANNOUNCE);
	assert_true(an.recall);
	/* a call replayed ten minutes late is shown, not announced */
	assert_int_equal(take(b, 42, EV_CALLED, "A041", "3", NOW - 600000, &an, &resync), BOARD_TOO_OLD);
	assert_false(board_fresh(b, "A041", "3", 10, NULL));
	board_free(b);
}

static void test_state_going_back(void **unused)
{
	struct board *b = started(500);
	struct state_doc d = state(7, 1);
	struct board_announcement an;
	bool resync;
	(void)unused;
	/* frontad's database replaced by a backup: its numbers count from here */
	assert_int_equal(board_take_state(b, &d), BOARD_CHANGED | BOARD_NEW_SEQ);
	assert_int_equal(take(b, 8, EV_CALLED, "A002", "1", NOW, &an, &resync), BOARD_ANNOUNCE);
	assert_false(resync);
	board_free(b);
}

static void test_highlight_and_blink(void **unused)
{
	struct board *b = started(50);   /* 8 s highlight, 3 s blink at 1 Hz, 1.5 s linger */
	struct board_announcement an;
	struct event e;
	bool resync, on;
	(void)unused;
	e = call_event(51, EV_CALLED, "A050", "2", "vi", NOW);
	assert_int_equal(board_take_event(b, &e, NOW, 1000, &an, &resync), BOARD_ANNOUNCE);
	/* blinking for 3 s from its arrival: bright, dark, bright */
	assert_true(board_fresh(b, "A050", "2", 1000, &on));
	assert_true(on);
	assert_true(board_fresh(b, "A050", "2", 1600, &on));
	assert_false(on);
	assert_true(board_fresh(b, "A050", "2", 2100, &on));
	assert_true(on);
	assert_int_equal(board_next_change(b, 1000), 1500);
	/* after 3 s steady; still highlighted while its announcement has not ended */
	assert_true(board_fresh(b, "A050", "2", 4600, &on));
	assert_true(on);
	assert_true(board_fresh(b, "A050", "2", 30000, NULL));
	/* announced from 30 s: blinks again while it is spoken */
	assert_true(board_announce_started(b, an.id, 30000));
	assert_true(board_fresh(b, "A050", "2", 30600, &on));
	assert_false(on);
	assert_int_equal(board_next_change(b, 30600), 31000);
	assert_true(board_announce_finished(b, an.id, 36000));
	/* an announcement the board does not know (skipped long after its
	 * call) changes nothing: no frame is due for it */
	assert_false(board_announce_started(b, an.id + 1000, 36000));
	assert_false(board_announce_finished(b, an.id + 1000, 36000));
	assert_true(board_fresh(b, "A050", "2", 37000, &on));
	assert_true(on);
	assert_int_equal(board_next_change(b, 37000), 37500);
	assert_false(board_fresh(b, "A050", "2", 37500, NULL));
	/* other calls are not fresh */
	assert_false(board_fresh(b, "A050", "1", 37000, NULL));
	assert_false(board_fresh(b, "S001", "2", 37000, NULL));
	board_free(b);
}

static void test_mark_fresh(void **unused)
{
	struct board_options o = opts();
	struct board *b = board_new(&o, 0);
	bool on;
	(void)unused;
	board_mark_fresh(b, "A023", "1", 10000);
	assert_true(board_fresh(b, "A023", "1", 12000, &on));
	assert_true(on);
	assert_true(board_fresh(b, "A023", "1", 17999, NULL));
	assert_false(board_fresh(b, "A023", "1", 18000, NULL));
	assert_int_equal(board_next_change(b, 10000), 10500);
	assert_int_equal(board_next_change(b, 12600), 13000);   /* the blink's end */
	assert_int_equal(board_next_change(b, 13000), 18000);   /* the highlight's end */
	assert_int_equal(board_next_change(b, 18000), INT64_MAX);
	board_free(b);
}

static void test_offline(void **unused)
{
	struct board_options o = opts();   /* offline after 5 s */
	struct board *b = board_new(&o, 1000);
	(void)unused;
	/* never connected: offline once 5 s have passed since start */
	assert_false(board_connected(b));
	assert_false(board_offline(b, 5999));
	assert_true(board_offline(b, 6000));
	assert_int_equal(board_next_change(b, 2000), 6000);
	assert_int_equal(board_disconnected_at(b), 1000);
	board_set_connected(b, true, 2000);
	assert_int_equal(board_disconnected_at(b), -1);
	assert_false(board_offline(b, 60000));
	assert_int_equal(board_next_change(b, 60000), INT64_MAX);
	board_set_connected(b, false, 70000);
	assert_int_equal(board_disconnected_at(b), 70000);
	assert_false(board_offline(b, 74999));
	assert_true(board_offline(b, 75000));
	assert_int_equal(board_next_change(b, 71000), 75000);
	/* a refusal while already down does not restart the count */
	board_set_connected(b, false, 73000);
	assert_true(board_offline(b, 75000));
	board_set_connected(b, true, 80000);
	assert_false(board_offline(b, 80000));
	board_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_announce_after_start_only),
		cmocka_unit_test(test_burst_in_order),
		cmocka_unit_test(test_gap_asks_for_state),
		cmocka_unit_test(test_recall_and_old_calls),
		cmocka_unit_test(test_state_going_back),
		cmocka_unit_test(test_highlight_and_blink),
		cmocka_unit_test(test_mark_fresh),
		cmocka_unit_test(test_offline),
	};
	log_init("test_board", LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
