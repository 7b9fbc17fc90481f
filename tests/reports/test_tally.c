/* The figures (report/tally.c) counted from events made by the real queue
 * engine, and the percentile, period and sample helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/queue.h"
#include "core/tz.h"
#include "report/tally.h"

static const char cfg_text[] =
	"[branch]\nid = test\nname = Test\ntimezone = Europe/Prague\nlanguages = cs uk vi\n"
	"[service A]\nname.cs = A\nname.uk = A\nname.vi = A\nhours = always\n"
	"[service P]\nname.cs = P\nname.uk = P\nname.vi = P\nhours = always\n"
	"[counter 1]\nservices = A P\n"
	"[counter 2]\nservices = A P\n"
	"[devices]\nfrontad = daemon\n";

struct fixture {
	struct config *cfg;
	struct queue *q;
	struct tally *t;
	int64_t now;
};

/* 2026-11-23 (a Monday) 08:00 in Prague (UTC+1). */
#define DAY_START_MS 1795417200000LL

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char err[1024];
	assert_int_equal(tz_set("Europe/Prague"), 0);
	f->cfg = config_parse(cfg_text, sizeof cfg_text - 1, "test.ini", err, sizeof err);
	assert_non_null(f->cfg);
	f->q = queue_new(f->cfg, "2026-11-23");
	f->t = tally_new();
	f->now = DAY_START_MS;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tally_free(f->t);
	queue_free(f->q);
	config_free(f->cfg);
	free(f);
	return 0;
}

/* Feeds the queue's new events to the tally. */
static void feed(struct fixture *f)
{
	int n;
	const struct change *c = queue_changes(f->q, &n);
	for (int i = 0; i < n; i++)
		if (c[i].kind == CHANGE_EVENT)
			assert_int_equal(tally_event(f->t, "test", &c[i].event), 0);
	queue_clear_changes(f->q);
}

static void at(struct fixture *f, int minute)
{
	f->now = DAY_START_MS + (int64_t)minute * 60000;
}

static const struct tally_cell *find(const struct tally *t, const char *period, enum tally_dim dim, const char *key)
{
	for (int i = 0; i < tally_n_cells(t); i++) {
		const struct tally_cell *c = tally_cell_at(t, i);
		if (c->dim == dim && !strcmp(c->period, period) && !strcmp(c->key, key))
			return c;
	}
	return NULL;
}

static void issue(struct fixture *f, int minute, char service, const char *lang)
{
	at(f, minute);
	assert_int_equal(queue_issue(f->q, service, lang, false, f->now, NULL), FRONTA_OK);
	feed(f);
}

static void op(struct fixture *f, int minute, enum fronta_err (*fn)(struct queue *, const char *, int64_t,
                                                                       struct ticket *),
               const char *counter)
{
	at(f, minute);
	assert_int_equal(fn(f->q, counter, f->now, NULL), FRONTA_OK);
	feed(f);
}

static void call(struct fixture *f, int minute, const char *counter, const char *services)
{
	at(f, minute);
	assert_int_equal(queue_call(f->q, counter, services, f->now, NULL), FRONTA_OK);
	feed(f);
}

/* A day: A001 served, A002 no-show, P001 transferred to A and served there,
 * A003 cancelled, A004 still waiting and P002 at a counter at the day's end. */
static void a_day(struct fixture *f)
{
	issue(f, 0, 'A', "uk");        /* A001 08:00 */
	issue(f, 5, 'A', "vi");        /* A002 08:05 */
	issue(f, 10, 'P', "uk");       /* P001 08:10 */
	call(f, 20, "1", NULL);              /* A001 waited 20 min */
	op(f, 32, queue_finish, "1");  /* served in 12 min */
	call(f, 40, "1", NULL);              /* A002 waited 35 min */
	op(f, 42, queue_noshow, "1");
	call(f, 45, "2", NULL);              /* P001 waited 35 min */
	at(f, 50);
	assert_int_equal(queue_transfer(f->q, "2", 'A', f->now, NULL), FRONTA_OK);   /* 5 min with P */
	feed(f);
	issue(f, 61, 'A', "cs");       /* A003 09:01 */
	at(f, 62);
	assert_int_equal(queue_cancel(f->q, "A003", f->now, NULL), FRONTA_OK);
	feed(f);
	call(f, 70, "1", NULL);              /* P001 (kept its place) waited 20 min for A */
	op(f, 80, queue_finish, "1");  /* 10 min */
	issue(f, 90, 'A', "uk");       /* A004 09:30, never called */
	issue(f, 95, 'P', "vi");       /* P002 09:35 */
	call(f, 100, "2", "P");             /* P002 waited 5 min, still at the counter */
}

static void test_a_day(void **state)
{
	struct fixture *f = *state;
	const struct tally_cell *a, *p, *uk, *h8;

	a_day(f);
	/* the next day's first event closes the day, as the day change does */
	at(f, 24 * 60);
	assert_true(queue_new_day(f->q, "2026-11-24", f->now));
	feed(f);
	tally_finish(f->t, "2026-11-24");

	a = find(f->t, "2026-11-23", TALLY_SERVICE, "A");
	p = find(f->t, "2026-11-23", TALLY_SERVICE, "P");
	assert_non_null(a);
	assert_non_null(p);
	assert_int_equal(a->n[TALLY_ISSUED], 4);
	assert_int_equal(a->n[TALLY_TRANSFERRED_IN], 1);
	assert_int_equal(a->n[TALLY_SERVED], 2);          /* A001, P001 */
	assert_int_equal(a->n[TALLY_NO_SHOW], 1);
	assert_int_equal(a->n[TALLY_CANCELLED], 1);
	assert_int_equal(a->n[TALLY_CLOSED_WAITING], 1);  /* A004 */
	assert_int_equal(a->n[TALLY_TRANSFERRED], 0);
	assert_int_equal(a->n[TALLY_OPEN], 0);
	assert_int_equal(p->n[TALLY_ISSUED], 2);
	assert_int_equal(p->n[TALLY_TRANSFERRED], 1);
	assert_int_equal(p->n[TALLY_SERVED], 1);          /* P002, at a counter when the day ended */
	/* waits in A: 20, 35 (A002), 20 (P001 after its transfer) minutes */
	assert_int_equal(a->waits.n, 3);
	assert_int_equal(tally_percentile(&a->waits, 50), 20 * 60);
	assert_int_equal(tally_percentile(&a->waits, 90), 35 * 60);
	assert_int_equal(tally_percentile(&a->service, 50), 10 * 60);   /* 12 and 10 min */
	/* P: waits 35 (P001) and 5 (P002); service 5 min (until the transfer) */
	assert_int_equal(p->waits.n, 2);
	assert_int_equal(tally_percentile(&p->waits, 50), 5 * 60);
	assert_int_equal(tally_percentile(&p->service, 50), 5 * 60);

	uk = find(f->t, "2026-11-23", TALLY_LANG, "uk");
	assert_non_null(uk);
	assert_int_equal(uk->n[TALLY_ISSUED], 3);          /* A001, P001, A004 */
	assert_int_equal(uk->n[TALLY_SERVED], 2);
	assert_int_equal(uk->n[TALLY_CLOSED_WAITING], 1);
	h8 = find(f->t, "2026-11-23", TALLY_HOUR, "08");
	assert_non_null(h8);
	assert_int_equal(h8->n[TALLY_ISSUED], 3);
	assert_int_equal(find(f->t, "2026-11-23", TALLY_HOUR, "09")->n[TALLY_ISSUED], 3);
}

static void test_today_stays_open(void **state)
{
	struct fixture *f = *state;
	const struct tally_cell *a;
	a_day(f);
	tally_finish(f->t, "2026-11-23");
	a = find(f->t, "2026-11-23", TALLY_SERVICE, "A");
	assert_int_equal(a->n[TALLY_OPEN], 1);              /* A004 waits */
	assert_int_equal(a->n[TALLY_CLOSED_WAITING], 0);
	assert_int_equal(find(f->t, "2026-11-23", TALLY_SERVICE, "P")->n[TALLY_OPEN], 1);
}

/* A ticket called back the same day (queue_call_number): a mistaken
 * No-show or Done undone, a cancelled person who came back. The ending is
 * taken back; the ticket counts once, by how it ended last. */
static void test_called_back(void **state)
{
	struct fixture *f = *state;
	const struct tally_cell *a, *vi;

	issue(f, 0, 'A', "uk");                       /* A001 */
	issue(f, 1, 'A', "vi");                       /* A002 */
	issue(f, 2, 'A', "cs");                       /* A003 */
	call(f, 10, "1", NULL);                       /* A001 waited 10 min */
	op(f, 11, queue_noshow, "1");                 /* by mistake */
	at(f, 12);
	assert_int_equal(queue_call_number(f->q, "1", "A001", f->now, NULL), FRONTA_OK);
	feed(f);
	call(f, 15, "2", NULL);                       /* A002 waited 14 min */
	op(f, 16, queue_finish, "2");                 /* Done by mistake */
	at(f, 17);
	assert_int_equal(queue_call_number(f->q, "2", "A002", f->now, NULL), FRONTA_OK);
	feed(f);
	op(f, 18, queue_noshow, "2");                 /* in truth nobody came */
	at(f, 19);
	assert_int_equal(queue_cancel(f->q, "A003", f->now, NULL), FRONTA_OK);
	feed(f);
	op(f, 20, queue_finish, "1");                 /* A001 served: 8 min since the call back */
	at(f, 25);                                    /* A003 came back: waited 23 min */
	assert_int_equal(queue_call_number(f->q, "1", "A003", f->now, NULL), FRONTA_OK);
	feed(f);
	op(f, 30, queue_finish, "1");                 /* 5 min */
	tally_finish(f->t, "2026-11-24");

	a = find(f->t, "2026-11-23", TALLY_SERVICE, "A");
	assert_int_equal(a->n[TALLY_ISSUED], 3);
	assert_int_equal(a->n[TALLY_SERVED], 2);
	assert_int_equal(a->n[TALLY_NO_SHOW], 1);
	assert_int_equal(a->n[TALLY_CANCELLED], 0);
	assert_int_equal(a->n[TALLY_CLOSED_WAITING], 0);
	assert_int_equal(a->waits.n, 3);
	assert_int_equal(tally_percentile(&a->waits, 50), 14 * 60);
	assert_int_equal(tally_percentile(&a->waits, 100), 23 * 60);
	/* the mistaken Done's minute is gone: 8 and 5 min */
	assert_int_equal(a->service.n, 2);
	assert_int_equal(tally_percentile(&a->service, 50), 5 * 60);
	assert_int_equal(tally_percentile(&a->service, 100), 8 * 60);
	vi = find(f->t, "2026-11-23", TALLY_LANG, "vi");
	assert_int_equal(vi->n[TALLY_SERVED], 0);
	assert_int_equal(vi->n[TALLY_NO_SHOW], 1);
	assert_int_equal(vi->service.n, 0);
}

/* Events seen from the middle (an archive gap): each ticket counted once. */
static void test_mid_life(void **state)
{
	struct fixture *f = *state;
	struct event e;
	memset(&e, 0, sizeof e);
	e.type = EV_DONE;
	e.has_ticket = true;
	snprintf(e.day, sizeof e.day, "2026-11-23");
	snprintf(e.ticket.number, sizeof e.ticket.number, "A007");
	e.ticket.service = 'A';
	snprintf(e.ticket.lang, sizeof e.ticket.lang, "uk");
	e.ticket.issued_ms = DAY_START_MS;
	e.ticket.called_ms = DAY_START_MS + 600000;
	e.at_ms = DAY_START_MS + 900000;
	assert_int_equal(tally_event(f->t, "test", &e), 0);
	tally_finish(f->t, "2026-11-24");
	assert_int_equal(find(f->t, "2026-11-23", TALLY_SERVICE, "A")->n[TALLY_SERVED], 1);
	assert_int_equal(find(f->t, "2026-11-23", TALLY_SERVICE, "A")->n[TALLY_ISSUED], 1);
	assert_int_equal(find(f->t, "2026-11-23", TALLY_SERVICE, "A")->service.v[0], 300);
}

static void test_group(void **state)
{
	struct fixture *f = *state;
	struct tally *g;
	struct tally_cell c;
	const struct tally_cell *x;
	int all_at = -1, last_service = -1;

	a_day(f);
	tally_finish(f->t, "2026-11-24");
	/* a kept day of another branch, in another week of the same month */
	memset(&c, 0, sizeof c);
	snprintf(c.branch, sizeof c.branch, "pribram");
	snprintf(c.period, sizeof c.period, "2026-11-02");
	c.dim = TALLY_SERVICE;
	snprintf(c.key, sizeof c.key, "A");
	c.n[TALLY_ISSUED] = 10;
	c.n[TALLY_SERVED] = 9;
	assert_int_equal(tally_samples_parse(&c.waits, "[60,120,3000]"), 0);
	assert_int_equal(tally_add_cell(f->t, &c), 0);
	free(c.waits.v);

	g = tally_group(f->t, TALLY_BY_MONTH, true);
	assert_non_null(g);
	x = find(g, "2026-11", TALLY_SERVICE, "all");
	assert_non_null(x);
	for (int i = 0; i < tally_n_cells(g); i++) {
		const struct tally_cell *y = tally_cell_at(g, i);
		if (y->dim == TALLY_SERVICE)
			last_service = i;
		if (y->dim == TALLY_SERVICE && !strcmp(y->branch, "all") && !strcmp(y->key, "all")) {
			assert_int_equal(y->n[TALLY_ISSUED], 16);
			assert_int_equal(y->n[TALLY_SERVED], 12);
			assert_int_equal(y->waits.n, 5 + 3);
			all_at = i;
		}
		if (y->dim == TALLY_SERVICE && !strcmp(y->branch, "test") && !strcmp(y->key, "all")) {
			assert_int_equal(y->n[TALLY_ISSUED], 6);   /* transfers are moves inside the branch */
			assert_int_equal(y->n[TALLY_SERVED] + y->n[TALLY_NO_SHOW] + y->n[TALLY_CANCELLED] + y->n[TALLY_CLOSED_WAITING] + y->n[TALLY_OPEN], 6);
		}
	}
	/* order: dimension, period, branch (all last), key (all last) */
	assert_true(all_at >= 0);
	assert_int_equal(all_at, last_service);
	x = tally_cell_at(g, 0);
	assert_int_equal(x->dim, TALLY_SERVICE);
	assert_string_equal(x->branch, "pribram");
	assert_string_equal(x->key, "A");
	tally_free(g);
}

static void test_percentile(void **state)
{
	struct tally_samples s = { 0 };
	(void)state;
	assert_int_equal(tally_percentile(&s, 50), -1);
	assert_int_equal(tally_samples_parse(&s, "[50,10,40,20,30]"), 0);
	assert_int_equal(tally_percentile(&s, 50), 30);
	assert_int_equal(tally_percentile(&s, 90), 50);
	assert_int_equal(tally_percentile(&s, 20), 10);
	assert_int_equal(tally_samples_parse(&s, "[60]"), 0);
	/* 10 20 30 40 50 60: at least half wait <= 30; nine in ten <= 60 */
	assert_int_equal(tally_percentile(&s, 50), 30);
	assert_int_equal(tally_percentile(&s, 90), 60);
	free(s.v);
}

static void test_samples_text(void **state)
{
	struct tally_samples s = { 0 }, back = { 0 };
	char *text;
	(void)state;
	assert_int_equal(tally_samples_parse(&s, "[]"), 0);
	assert_int_equal(s.n, 0);
	text = tally_samples_format(&s);
	assert_string_equal(text, "[]");
	free(text);
	assert_int_equal(tally_samples_parse(&s, "[3, 1,2]"), 0);
	text = tally_samples_format(&s);
	assert_string_equal(text, "[3,1,2]");
	assert_int_equal(tally_samples_parse(&back, text), 0);
	assert_int_equal(back.n, 3);
	free(text);
	free(back.v);
	free(s.v);
	s = (struct tally_samples){ 0 };
	assert_int_equal(tally_samples_parse(&s, "3,1"), -1);
	assert_int_equal(tally_samples_parse(&s, "[3,,1]"), -1);
	assert_int_equal(tally_samples_parse(&s, "[-3]"), -1);
	assert_int_equal(tally_samples_parse(&s, "[1] x"), -1);
	assert_int_equal(tally_samples_parse(&s, NULL), -1);
	free(s.v);
}

static void test_periods(void **state)
{
	char p[TALLY_PERIOD_LEN];
	(void)state;
	assert_int_equal(tally_period("2026-11-23", TALLY_BY_DAY, p), 0);
	assert_string_equal(p, "2026-11-23");
	assert_int_equal(tally_period("2026-11-23", TALLY_BY_MONTH, p), 0);
	assert_string_equal(p, "2026-11");
	assert_int_equal(tally_period("2026-11-23", TALLY_BY_WEEK, p), 0);
	assert_string_equal(p, "2026-W48");
	assert_int_equal(tally_period("2026-01-01", TALLY_BY_WEEK, p), 0);   /* a Thursday */
	assert_string_equal(p, "2026-W01");
	assert_int_equal(tally_period("2027-01-01", TALLY_BY_WEEK, p), 0);   /* a Friday */
	assert_string_equal(p, "2026-W53");
	assert_int_equal(tally_period("2024-12-30", TALLY_BY_WEEK, p), 0);   /* a Monday */
	assert_string_equal(p, "2025-W01");
	assert_int_equal(tally_period("2026-02-30", TALLY_BY_DAY, p), -1);
	assert_int_equal(tally_by_parse("week"), TALLY_BY_WEEK);
	assert_int_equal(tally_by_parse("year"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_today_stays_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_called_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mid_life, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group, setup, teardown),
		cmocka_unit_test(test_percentile),
		cmocka_unit_test(test_samples_text),
		cmocka_unit_test(test_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
