/* The head-office archive (archive/) on a real SQLite file: events of two
 * branches stored once each, repeats and conflicts ignored, gaps noted and
 * filled, the resume point kept across a reopen, and the figures across
 * branches before and after the retention purge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "archive/archive.h"
#include "core/config.h"
#include "core/proto.h"
#include "core/queue.h"
#include "core/tz.h"

static const char cfg_text[] =
	"[branch]\nid = test\nname = Test\ntimezone = Europe/Prague\nlanguages = cs uk\n"
	"[service A]\nname.cs = A\nname.uk = A\nhours = always\n"
	"[counter 1]\nservices = A\n"
	"[devices]\nfrontad = daemon\n";

#define DAY1_MS 1795417200000LL   /* 2026-11-23 08:00 in Prague */

/* Events of one day of a branch, as published: A001..A00n issued, each
 * called 5 min after the previous finished and served for 5 min. */
struct day {
	char *json[64];
	struct event ev[64];
	int n;
};

static struct config *cfg;

static void make_day(struct day *d, int tickets)
{
	struct queue *q = queue_new(cfg, "2026-11-23");
	int n;
	const struct change *c;
	for (int i = 0; i < tickets; i++)
		assert_int_equal(queue_issue(q, 'A', "uk", false, DAY1_MS, NULL), FRONTA_OK);
	for (int i = 0; i < tickets; i++) {
		assert_int_equal(queue_call(q, "1", NULL, DAY1_MS + (int64_t)(10 * i + 5) * 60000, NULL), FRONTA_OK);
		assert_int_equal(queue_finish(q, "1", DAY1_MS + (int64_t)(10 * i + 10) * 60000, NULL), FRONTA_OK);
	}
	c = queue_changes(q, &n);
	d->n = 0;
	for (int i = 0; i < n; i++) {
		if (c[i].kind != CHANGE_EVENT)
			continue;
		d->ev[d->n] = c[i].event;
		d->json[d->n] = proto_event(&c[i].event);
		assert_non_null(d->json[d->n]);
		d->n++;
	}
	queue_free(q);
}

static void free_day(struct day *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->json[i]);
}

struct fixture {
	char path[64];
	struct archive *a;
	struct day day;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char err[512];
	int fd;
	assert_int_equal(tz_set("Europe/Prague"), 0);
	if (!cfg)
		cfg = config_parse(cfg_text, sizeof cfg_text - 1, "t.ini", err, sizeof err);
	assert_non_null(cfg);
	snprintf(f->path, sizeof f->path, "/tmp/fronta-test-archive-XXXXXX");
	fd = mkstemp(f->path);
	assert_true(fd >= 0);
	close(fd);
	unlink(f->path);
	f->a = archive_open(f->path, err, sizeof err);
	assert_non_null(f->a);
	make_day(&f->day, 3);   /* 3 issued, counter opened, 3 x (called, done): 10 events */
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char p[96];
	archive_close(f->a);
	free_day(&f->day);
	unlink(f->path);
	snprintf(p, sizeof p, "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", f->path);
	unlink(p);
	free(f);
	return 0;
}

/* Offers event i of the day (seq i + 1) as branch's; returns the outcome. */
static int put(struct fixture *f, const char *branch, int i, int64_t *gf, int64_t *gl)
{
	int64_t a, b;
	int rc;
	assert_int_equal(archive_begin(f->a), FRONTA_OK);
	rc = archive_put_event(f->a, branch, &f->day.ev[i], f->day.json[i], gf ? gf : &a, gl ? gl : &b);
	assert_int_equal(archive_commit(f->a), FRONTA_OK);
	return rc;
}

static struct archive_branch branch_info(struct fixture *f, const char *branch)
{
	struct archive_branch *b, r;
	int n = archive_list_branches(f->a, &b);
	memset(&r, 0, sizeof r);
	for (int i = 0; i < n; i++)
		if (!strcmp(b[i].branch, branch))
			r = b[i];
	free(b);
	return r;
}

static void test_in_order_and_repeats(void **state)
{
	struct fixture *f = *state;
	struct archive_branch b;
	char err[256];

	assert_int_equal(f->day.n, 10);
	for (int i = 0; i < f->day.n; i++) {
		assert_int_equal(put(f, "pribram", i, NULL, NULL), ARCHIVE_STORED);
		assert_int_equal(put(f, "mlada-boleslav", i, NULL, NULL), ARCHIVE_STORED);
	}
	/* again, as after frontad's restart: ignored */
	assert_int_equal(put(f, "pribram", 4, NULL, NULL), ARCHIVE_REPEAT);
	assert_int_equal(put(f, "pribram", 9, NULL, NULL), ARCHIVE_REPEAT);
	/* the same seq with other content (a replaced branch database) */
	f->day.ev[2].seq = 5;
	assert_int_equal(archive_begin(f->a), FRONTA_OK);
	{
		int64_t a, c;
		assert_int_equal(archive_put_event(f->a, "pribram", &f->day.ev[2], f->day.json[2], &a, &c),
		                 ARCHIVE_CONFLICT);
	}
	assert_int_equal(archive_commit(f->a), FRONTA_OK);

	b = branch_info(f, "pribram");
	assert_int_equal(b.first_seq, 1);
	assert_int_equal(b.last_seq, 10);
	assert_int_equal(b.events, 10);
	assert_int_equal(b.repeats, 2);
	assert_int_equal(b.conflicts, 1);
	assert_int_equal(b.gaps, 0);

	/* resume: the archive reopened knows where each branch stands */
	archive_close(f->a);
	f->a = archive_open(f->path, err, sizeof err);
	assert_non_null(f->a);
	b = branch_info(f, "mlada-boleslav");
	assert_int_equal(b.last_seq, 10);
	assert_int_equal(b.events, 10);
}

static int n_gaps;
static int64_t gap_firsts[8], gap_lasts[8];

static void on_gap(void *user, const char *branch, int64_t first, int64_t last, int64_t noted)
{
	(void)user;
	(void)branch;
	(void)noted;
	gap_firsts[n_gaps] = first;
	gap_lasts[n_gaps] = last;
	n_gaps++;
}

static void test_gaps(void **state)
{
	struct fixture *f = *state;
	int64_t gf, gl;

	assert_int_equal(put(f, "pribram", 0, NULL, NULL), ARCHIVE_STORED);
	assert_int_equal(put(f, "pribram", 1, NULL, NULL), ARCHIVE_STORED);
	assert_int_equal(put(f, "pribram", 7, &gf, &gl), ARCHIVE_AFTER_GAP);   /* seq 8 after 2 */
	assert_int_equal(gf, 3);
	assert_int_equal(gl, 7);
	assert_int_equal(branch_info(f, "pribram").missing, 5);
	assert_int_equal(put(f, "pribram", 4, NULL, NULL), ARCHIVE_FILLED);    /* seq 5: 3-4 and 6-7 left */
	n_gaps = 0;
	assert_int_equal(archive_list_gaps(f->a, "pribram", on_gap, NULL), FRONTA_OK);
	assert_int_equal(n_gaps, 2);
	assert_int_equal(gap_firsts[0], 3);
	assert_int_equal(gap_lasts[0], 4);
	assert_int_equal(gap_firsts[1], 6);
	assert_int_equal(gap_lasts[1], 7);
	for (int i = 2; i < 7; i++)
		if (i != 4)
			assert_int_equal(put(f, "pribram", i, NULL, NULL), ARCHIVE_FILLED);
	assert_int_equal(branch_info(f, "pribram").gaps, 0);
	assert_int_equal(branch_info(f, "pribram").events, 8);
	assert_int_equal(put(f, "pribram", 8, NULL, NULL), ARCHIVE_STORED);
}

static const struct tally_cell *find(const struct tally *t, const char *branch, enum tally_dim dim,
                                     const char *key)
{
	for (int i = 0; i < tally_n_cells(t); i++) {
		const struct tally_cell *c = tally_cell_at(t, i);
		if (c->dim == dim && !strcmp(c->branch, branch) && !strcmp(c->key, key))
			return c;
	}
	return NULL;
}

static void test_figures(void **state)
{
	struct fixture *f = *state;
	struct tally *t;
	struct store_retain r;
	char err[256];

	for (int i = 0; i < f->day.n; i++) {
		put(f, "pribram", i, NULL, NULL);
		if (i < 6)       /* mlada-boleslav's last two tickets: issued, not called */
			put(f, "mlada-boleslav", i, NULL, NULL);
	}
	/* the archive counts a day only when it purges it: a branch cut off
	 * may still deliver the day's last events */
	assert_int_equal(archive_retain(f->a, "2026-11-25", "2026-11-23", &r, err, sizeof err), FRONTA_OK);
	assert_int_equal(r.days_counted + r.days_purged, 0);
	for (int pass = 0; pass < 2; pass++) {
		const struct tally_cell *c;
		t = tally_new();
		assert_int_equal(archive_report_load(f->a, NULL, "2026-11-01", "2026-11-30", "2026-11-24", t, err,
		                                     sizeof err),
		                 FRONTA_OK);
		c = find(t, "pribram", TALLY_SERVICE, "A");
		assert_non_null(c);
		assert_int_equal(c->n[TALLY_ISSUED], 3);
		assert_int_equal(c->n[TALLY_SERVED], 3);
		/* waited 5, 15, 25 min */
		assert_int_equal(tally_percentile(&c->waits, 50), 15 * 60);
		c = find(t, "mlada-boleslav", TALLY_SERVICE, "A");
		assert_int_equal(c->n[TALLY_ISSUED], 3);
		assert_int_equal(c->n[TALLY_SERVED], 1);
		assert_int_equal(c->n[TALLY_CLOSED_WAITING], 2);
		tally_free(t);

		t = tally_new();
		assert_int_equal(archive_report_load(f->a, "pribram", "2026-11-01", "2026-11-30", "2026-11-24", t, err,
		                                     sizeof err),
		                 FRONTA_OK);
		assert_null(find(t, "mlada-boleslav", TALLY_SERVICE, "A"));
		assert_non_null(find(t, "pribram", TALLY_LANG, "uk"));
		tally_free(t);

		if (pass == 0) {
			assert_int_equal(archive_retain(f->a, "2026-11-24", "2026-11-24", &r, err, sizeof err), FRONTA_OK);
			assert_int_equal(r.days_counted, 2);
			assert_int_equal(r.days_purged, 2);
			assert_int_equal(r.events, 16);
			assert_int_equal(r.tickets, 0);
		}
	}
	/* the resume point survives the purge of the events */
	assert_int_equal(branch_info(f, "pribram").last_seq, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_in_order_and_repeats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gaps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	config_free(cfg);
	return rc;
}
