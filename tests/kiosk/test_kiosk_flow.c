/* The kiosk's flow without a screen or a network: screens, one ticket per
 * touch, answers, lost answers resolved and withdrawn, printing failures,
 * timers and out of service, driven by a test clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/log.h"
#include "kiosk/flow.h"
#include "kiosk/reqid.h"

static const char *TICKET_ANSWER =
	"{\"ok\":true,\"ticket\":{\"number\":\"S004\",\"service\":\"S\",\"lang\":\"vi\",\"priority\":true,"
	"\"status\":\"waiting\",\"issued_at\":\"2026-11-23T09:15:02+01:00\",\"ahead\":3,\"est_wait_s\":1200,"
	"\"counter\":null}}";
static const char *STATUS_ANSWER = "{\"ok\":true,\"state\":{\"seq\":1,\"branch\":\"demo\",\"day\":\"2026-11-23\","
                                   "\"services\":[],\"counters\":[],\"called\":[],\"waiting\":[]}}";

struct rig {
	struct flow *f;
	struct flow_options o;
	int64_t now;
	struct flow_action a[64];
	int n;
};

static void drain(struct rig *r)
{
	r->n = 0;
	while (r->n < 64 && flow_take_action(r->f, &r->a[r->n]))
		r->n++;
}

/* The one SEND action of op in the last drain (fails if not exactly one). */
static struct flow_action *sent(struct rig *r, const char *op)
{
	struct flow_action *found = NULL;
	int count = 0;
	for (int i = 0; i < r->n; i++)
		if (r->a[i].kind == FLOW_SEND && strcmp(r->a[i].op, op) == 0) {
			found = &r->a[i];
			count++;
		}
	if (count != 1)
		fail_msg("expected one %s request, got %d", op, count);
	return found;
}

static int count_kind(struct rig *r, enum flow_action_kind k)
{
	int c = 0;
	for (int i = 0; i < r->n; i++)
		c += r->a[i].kind == k;
	return c;
}

static void rig_up(struct rig *r, bool printer)
{
	struct reqid ids;
	memset(r, 0, sizeof *r);
	r->o = (struct flow_options){ .ticket_ms = 20000, .idle_ms = 45000, .request_timeout_ms = 1500,
		                      .request_attempts = 4, .priority = true, .printer = printer,
		                      .probe_ms = 5000, .idle_probe_ms = 30000, .offline_grace_ms = 3000 };
	reqid_init_with(&ids, "kiosk-1", 0x0123456789abcdefULL);
	r->now = 1000;
	r->f = flow_new(&r->o, &ids, r->now);
	assert_non_null(r->f);
	assert_int_equal(flow_screen(r->f), FLOW_OUT_OF_SERVICE);
	flow_connection(r->f, true, r->now);
	drain(r);
	flow_answer(r->f, sent(r, "status")->id, STATUS_ANSWER, strlen(STATUS_ANSWER), r->now);
	assert_int_equal(flow_screen(r->f), FLOW_LANGUAGE);
	assert_false(flow_out_of_service(r->f));
	drain(r);
	assert_int_equal(count_kind(r, FLOW_PRESENCE), 1);
}

static void rig_down(struct rig *r) { flow_free(r->f); }

static void step(struct rig *r, int64_t ms)
{
	r->now += ms;
	flow_tick(r->f, r->now);
	drain(r);
}

/* Language, priority, service: one issue request; the second tap makes none. */
static void one_ticket_per_touch(struct rig *r)
{
	struct flow_action *issue;
	flow_choose_lang(r->f, "vi", r->now);
	assert_int_equal(flow_screen(r->f), FLOW_SERVICE);
	assert_string_equal(flow_lang(r->f), "vi");
	flow_toggle_priority(r->f, r->now);
	assert_true(flow_priority(r->f));
	flow_choose_service(r->f, 'S', r->now);
	flow_choose_service(r->f, 'S', r->now + 80);   /* a double tap */
	flow_choose_service(r->f, 'A', r->now + 90);
	drain(r);
	issue = sent(r, "issue");
	assert_int_equal(issue->req, FLOW_REQ_ISSUE);
	assert_int_equal(issue->attempts, 4);
	assert_int_equal(issue->timeout_ms, 1500);
	assert_string_equal(issue->payload, "{\"service\":\"S\",\"lang\":\"vi\",\"request_id\":"
	                                    "\"kiosk-1-0123456789abcdef-1\",\"priority\":true}");
	assert_int_equal(flow_screen(r->f), FLOW_ISSUING);
}

static void happy_path(void **state)
{
	struct rig r;
	struct flow_action *issue;
	(void)state;
	rig_up(&r, true);
	one_ticket_per_touch(&r);
	issue = sent(&r, "issue");
	flow_answer(r.f, issue->id, TICKET_ANSWER, strlen(TICKET_ANSWER), r.now);
	assert_int_equal(flow_screen(r.f), FLOW_TICKET);
	assert_string_equal(flow_ticket(r.f)->number, "S004");
	assert_int_equal(flow_ticket(r.f)->ahead, 3);
	assert_int_equal(flow_ticket(r.f)->est_wait_s, 1200);
	assert_string_equal(flow_ticket(r.f)->lang, "vi");
	assert_true(flow_ticket(r.f)->priority);
	assert_int_equal(flow_print_state(r.f), FLOW_PRINT_PENDING);
	drain(&r);
	assert_int_equal(count_kind(&r, FLOW_PRINT), 1);
	assert_string_equal(r.a[0].ticket.number, "S004");
	/* the same answer again (a duplicate delivery) changes nothing */
	flow_answer(r.f, issue->id, TICKET_ANSWER, strlen(TICKET_ANSWER), r.now);
	/* no going back while printing */
	flow_back(r.f, r.now);
	assert_int_equal(flow_screen(r.f), FLOW_TICKET);
	step(&r, 60000);
	assert_int_equal(flow_screen(r.f), FLOW_TICKET);
	flow_printed(r.f, true, r.now);
	assert_int_equal(flow_print_state(r.f), FLOW_PRINT_OK);
	assert_int_equal(flow_deadline(r.f), r.now + 20000);
	step(&r, 19999);
	assert_int_equal(flow_screen(r.f), FLOW_TICKET);
	step(&r, 1);
	assert_int_equal(flow_screen(r.f), FLOW_LANGUAGE);
	assert_string_equal(flow_lang(r.f), "");
	assert_false(flow_priority(r.f));
	assert_int_equal(flow_outbox_count(r.f), 0);
	rig_down(&r);
}

static void touch_returns_from_ticket(void **state)
{
	struct rig r;
	(void)state;
	rig_up(&r, false);
	one_ticket_per_touch(&r);
	flow_answer(r.f, sent(&r, "issue")->id, TICKET_ANSWER, strlen(TICKET_ANSWER), r.now);
	drain(&r);
	assert_int_equal(count_kind(&r, FLOW_PRINT), 0);   /* no printer: on screen only */
	assert_int_equal(flow_print_state(r.f), FLOW_PRINT_NONE);
	flow_back(r.f, r.now + 2000);
	assert_int_equal(flow_screen(r.f), FLOW_LANGUAGE);
	rig_down(&r);
}

static void closed_service(void **state)
{
	struct rig r;
	const char *closed = "{\"ok\":false,\"error\":{\"code\":\"closed\",\"message\":\"service S is closed now\","
	                     "\"opens_at\":\"2026-11-30T09:00:00+01:00\"}}";
	int64_t at;
	(void)state;
	rig_up(&r, true);
	one_ticket_per_touch(&r);
	flow_answer(r.f, sent(&r, "issue")->id, closed, strlen(closed), r.now);
	assert_int_equal(flow_screen(r.f), FLOW_SERVICE);
	assert_int_equal(flow_closed_service(r.f, &at), 'S');
	assert_int_equal(at, 1796025600000LL);   /* 2026-11-30T08:00:00Z */
	assert_string_equal(flow_lang(r.f), "vi");
	flow_back(r.f, r.now);
	assert_int_equal(flow_screen(r.f), FLOW_LANGUAGE);
	assert_int_equal(flow_closed_service(r.f, NULL), 0);
	rig_down(&r);
}

/* No answer: out of service, and the lost issue is asked again with the same
 * request_id once frontad answers; the ticket it made is withdrawn. */
static void lost_answer_is_resolved(void **state)
{
	struct rig r;
	char payload[320];
	struct flow_action *a;
	const char *withdrawn_ok = "{\"ok\":true,\"ticket\":{\"number\":\"S004\",\"service\":\"S\",\"lang\":\"vi\","
	                           "\"priority\":true,\"status\":\"cancelled\",\"issued_at\":\"2026-11-23T09:15:02+01:00\","
	                           "\"ahead\":0,\"est_wait_s\":0,\"counter\":null}}";
	(void)state;
	rig_up(&r, true);
	one_ticket_per_touch(&r);
	a = sent(&r, "issue");
	snprintf(payload, sizeof payload, "%s", a->payload);
	flow_connection(r.f, false, r.now + 100);
	flow_answer(r.f, a->id, NULL, 0, r.now + 6000);
	r.now += 6000;
	assert_int_equal(flow_screen(r.f), FLOW_OUT_OF_SERVICE);
	assert_true(flow_out_of_service(r.f));
	assert_int_equal(flow_outbox_count(r.f), 1);
	drain(&r);
	assert_int_equal(count_kind(&r, FLOW_SEND), 0);      /* not connected: nothing sent */
	assert_int_equal(count_kind(&r, FLOW_PRESENCE), 1);
	/* probes wait for the connection */
	step(&r, 5000);
	assert_int_equal(count_kind(&r, FLOW_SEND), 0);
	flow_choose_lang(r.f, "en", r.now);                   /* touches do nothing */
	assert_int_equal(flow_screen(r.f), FLOW_OUT_OF_SERVICE);
	/* the broker is back: a probe and the lost issue, same payload */
	flow_connection(r.f, true, r.now);
	drain(&r);
	a = sent(&r, "issue");
	assert_int_equal(a->req, FLOW_REQ_RESOLVE);
	assert_string_equal(a->payload, payload);
	{
		uint32_t resolve = a->id, probe = sent(&r, "status")->id;
		flow_answer(r.f, probe, STATUS_ANSWER, strlen(STATUS_ANSWER), r.now);
		assert_int_equal(flow_screen(r.f), FLOW_LANGUAGE);
		drain(&r);
		assert_int_equal(count_kind(&r, FLOW_SEND), 0);   /* the resolve is still in flight */
		flow_answer(r.f, resolve, TICKET_ANSWER, strlen(TICKET_ANSWER), r.now);
	}
	drain(&r);
	a = sent(&r, "print");
	assert_non_null(strstr(a->payload, "\"number\":\"S004\",\"status\":\"withdrawn\""));
	assert_int_equal(flow_outbox_count(r.f), 1);
	/* lost again: kept, and sent again after the next good probe */
	flow_answer(r.f, a->id, NULL, 0, r.now);
	assert_int_equal(flow_outbox_count(r.f), 1);
	step(&r, 30000);
	flow_answer(r.f, sent(&r, "status")->id, STATUS_ANSWER, strlen(STATUS_ANSWER), r.now);
	drain(&r);
	a = sent(&r, "print");
	flow_answer(r.f, a->id, withdrawn_ok, strlen(withdrawn_ok), r.now);
	assert_int_equal(flow_outbox_count(r.f), 0);
	rig_down(&r);
}

static void print_failure_noted(void **state)
{
	struct rig r;
	struct flow_action *a;
	(void)state;
	rig_up(&r, true);
	one_ticket_per_touch(&r);
	flow_answer(r.f, sent(&r, "issue")->id, TICKET_ANSWER, strlen(TICKET_ANSWER), r.now);
	flow_printed(r.f, false, r.now + 500);
	assert_int_equal(flow_screen(r.f), FLOW_REMEMBER);
	assert_int_equal(flow_print_state(r.f), FLOW_PRINT_FAILED);
	drain(&r);
	a = sent(&r, "print");
	assert_non_null(strstr(a->payload, "\"number\":\"S004\",\"status\":\"failed\",\"request_id\":\"kiosk-1-"));
	flow_answer(r.f, a->id, TICKET_ANSWER, strlen(TICKET_ANSWER), r.now);
	flow_noted(r.f, r.now + 3000);
	assert_int_equal(flow_screen(r.f), FLOW_TICKET);
	assert_int_equal(flow_print_state(r.f), FLOW_PRINT_NOTED);
	drain(&r);
	assert_int_equal(count_kind(&r, FLOW_SEND), 0);   /* the failed mark stays: nothing withdrawn */
	step(&r, 3000 + 20000);
	assert_int_equal(flow_screen(r.f), FLOW_LANGUAGE);
	assert_int_equal(count_kind(&r, FLOW_SEND), 0);
	rig_down(&r);
}

static void print_failure_declined_or_ignored(void **state)
{
	struct rig r;
	(void)state;
	for (int way = 0; way < 2; way++) {
		rig_up(&r, true);
		one_ticket_per_touch(&r);
		flow_answer(r.f, sent(&r, "issue")->id, TICKET_ANSWER, strlen(TICKET_ANSWER), r.now);
		flow_printed(r.f, false, r.now);
		drain(&r);
		(void)sent(&r, "print");
		if (way == 0) {
			flow_decline(r.f, r.now + 1000);
			drain(&r);
		} else {
			step(&r, 44999);
			assert_int_equal(flow_screen(r.f), FLOW_REMEMBER);
			step(&r, 1);
		}
		assert_int_equal(flow_screen(r.f), FLOW_LANGUAGE);
		assert_non_null(strstr(sent(&r, "print")->payload, "\"status\":\"withdrawn\""));
		rig_down(&r);
	}
}

static void idle_returns_to_start(void **state)
{
	struct rig r;
	(void)state;
	rig_up(&r, true);
	flow_choose_lang(r.f, "ar", r.now);
	step(&r, 30000);
	flow_activity(r.f, r.now);
	step(&r, 44999);
	assert_int_equal(flow_screen(r.f), FLOW_SERVICE);
	step(&r, 1);
	assert_int_equal(flow_screen(r.f), FLOW_LANGUAGE);
	rig_down(&r);
}

static void broker_loss(void **state)
{
	struct rig r;
	(void)state;
	rig_up(&r, true);
	flow_connection(r.f, false, r.now);
	assert_int_equal(flow_deadline(r.f), r.now + 3000);
	step(&r, 2999);
	assert_int_equal(flow_screen(r.f), FLOW_LANGUAGE);   /* a blip is not an outage */
	step(&r, 1);
	assert_int_equal(flow_screen(r.f), FLOW_OUT_OF_SERVICE);
	flow_connection(r.f, true, r.now);
	drain(&r);
	flow_answer(r.f, sent(&r, "status")->id, NULL, 0, r.now + 3000);   /* broker back, frontad not */
	step(&r, 3000);
	assert_int_equal(flow_screen(r.f), FLOW_OUT_OF_SERVICE);
	step(&r, 5000);
	flow_answer(r.f, sent(&r, "status")->id, STATUS_ANSWER, strlen(STATUS_ANSWER), r.now);
	assert_int_equal(flow_screen(r.f), FLOW_LANGUAGE);
	/* while a ticket shows, losing the broker does not hide it */
	one_ticket_per_touch(&r);
	flow_answer(r.f, sent(&r, "issue")->id, TICKET_ANSWER, strlen(TICKET_ANSWER), r.now);
	flow_connection(r.f, false, r.now);
	step(&r, 5000);
	assert_int_equal(flow_screen(r.f), FLOW_TICKET);
	flow_printed(r.f, true, r.now);
	flow_back(r.f, r.now);
	assert_int_equal(flow_screen(r.f), FLOW_OUT_OF_SERVICE);
	rig_down(&r);
}

static void idle_probe_finds_frontad_gone(void **state)
{
	struct rig r;
	(void)state;
	rig_up(&r, true);
	step(&r, 29999);
	assert_int_equal(count_kind(&r, FLOW_SEND), 0);
	step(&r, 1);
	flow_answer(r.f, sent(&r, "status")->id, NULL, 0, r.now + 3000);
	assert_int_equal(flow_screen(r.f), FLOW_OUT_OF_SERVICE);
	rig_down(&r);
}

static void refused_issue(void **state)
{
	struct rig r;
	const char *internal = "{\"ok\":false,\"error\":{\"code\":\"internal\",\"message\":\"storage failed\"}}";
	(void)state;
	rig_up(&r, true);
	one_ticket_per_touch(&r);
	flow_answer(r.f, sent(&r, "issue")->id, internal, strlen(internal), r.now);
	assert_int_equal(flow_screen(r.f), FLOW_OUT_OF_SERVICE);
	assert_int_equal(flow_outbox_count(r.f), 0);   /* refused: nothing was made */
	rig_down(&r);
	rig_up(&r, true);
	one_ticket_per_touch(&r);
	flow_answer(r.f, sent(&r, "issue")->id, "not json", 8, r.now);
	assert_int_equal(flow_screen(r.f), FLOW_OUT_OF_SERVICE);
	assert_int_equal(flow_outbox_count(r.f), 1);   /* unknown outcome: resolved later */
	rig_down(&r);
}

static void request_ids(void **state)
{
	struct reqid a, b;
	char x[REQID_LEN], y[REQID_LEN];
	(void)state;
	assert_int_equal(reqid_init(&a, "kiosk-1"), 0);
	assert_int_equal(reqid_init(&b, "kiosk-1"), 0);
	reqid_next(&a, x);
	reqid_next(&b, y);
	assert_string_not_equal(x, y);   /* two starts of one device: 2^-64 */
	assert_int_equal(strncmp(x, "kiosk-1-", 8), 0);
	assert_int_equal(reqid_init(&a, "a-device-id-of-thirty-one-chars"), 0);
	a.next = UINT64_MAX;
	reqid_next(&a, x);
	assert_true(strlen(x) <= 64);
	assert_int_equal(reqid_init(&a, "a-device-id-of-thirty-two-chars!"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(happy_path),
		cmocka_unit_test(touch_returns_from_ticket),
		cmocka_unit_test(closed_service),
		cmocka_unit_test(lost_answer_is_resolved),
		cmocka_unit_test(print_failure_noted),
		cmocka_unit_test(print_failure_declined_or_ignored),
		cmocka_unit_test(idle_returns_to_start),
		cmocka_unit_test(broker_loss),
		cmocka_unit_test(idle_probe_finds_frontad_gone),
		cmocka_unit_test(refused_issue),
		cmocka_unit_test(request_ids),
	};
	log_init("test_kiosk_flow", LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
