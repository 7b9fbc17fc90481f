/* The branch database's figures (store/report.c) on real SQLite files:
 * the migration of a version-1 file, the figures kept when a day is
 * counted, and the purge that keeps them while tickets and events go. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/config.h"
#include "core/proto.h"
#include "core/queue.h"
#include "core/tz.h"
#include "report/tally.h"
#include "store/report.h"
#include "store/schema.h"
#include "store/store.h"

static const char cfg_text[] =
	"[branch]\nid = test\nname = Test\ntimezone = Europe/Prague\nlanguages = cs uk\n"
	"[service A]\nname.cs = A\nname.uk = A\nhours = always\n"
	"[service P]\nname.cs = P\nname.uk = P\nhours = always\n"
	"[counter 1]\nservices = A P\n"
	"[devices]\nfrontad = daemon\n";

/* 2026-11-23 08:00 in Prague */
#define DAY1_MS 1795417200000LL
#define DAY_MS  86400000LL

struct fixture {
	char path[64];
	struct config *cfg;
	struct store *s;
	struct queue *q;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char err[1024];
	int fd;
	assert_int_equal(tz_set("Europe/Prague"), 0);
	snprintf(f->path, sizeof f->path, "/tmp/fronta-test-report-XXXXXX");
	fd = mkstemp(f->path);
	assert_true(fd >= 0);
	close(fd);
	unlink(f->path);
	f->cfg = config_parse(cfg_text, sizeof cfg_text - 1, "test.ini", err, sizeof err);
	assert_non_null(f->cfg);
	*state = f;
	return 0;
}

static void remove_db(const char *path)
{
	char p[96];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	queue_free(f->q);
	store_close(f->s);
	config_free(f->cfg);
	remove_db(f->path);
	free(f);
	return 0;
}

/* Stores the queue's changes as frontad does: one transaction. */
static void persist(struct fixture *f)
{
	int n, k = 0;
	const struct change *c = queue_changes(f->q, &n);
	char **json = calloc((size_t)n + 1, sizeof *json);
	for (int i = 0; i < n; i++)
		if (c[i].kind == CHANGE_EVENT)
			assert_non_null(json[k++] = proto_event(&c[i].event));
	assert_int_equal(store_begin(f->s), FRONTA_OK);
	assert_int_equal(store_put_changes(f->s, c, n, json), FRONTA_OK);
	assert_int_equal(store_commit(f->s), FRONTA_OK);
	for (int i = 0; i < k; i++)
		free(json[i]);
	free(json);
	queue_clear_changes(f->q);
}

static int64_t at(int day, int minute)
{
	return DAY1_MS + day * DAY_MS + (int64_t)minute * 60000;
}

/* Day 0: A001 served (waited 10, 6 min), A002 no-show (waited 20 min),
 * P001 waiting at the day's end. Day 1: A001 served (waited 3 min). */
static void two_days(struct fixture *f)
{
	char err[256];
	f->s = store_open(f->path, err, sizeof err);
	assert_non_null(f->s);
	f->q = queue_new(f->cfg, "2026-11-23");
	assert_int_equal(queue_issue(f->q, 'A', "uk", false, at(0, 0), NULL), FRONTA_OK);
	assert_int_equal(queue_issue(f->q, 'A', "cs", false, at(0, 1), NULL), FRONTA_OK);
	persist(f);
	assert_int_equal(queue_call(f->q, "1", NULL, at(0, 10), NULL), FRONTA_OK);
	assert_int_equal(queue_finish(f->q, "1", at(0, 16), NULL), FRONTA_OK);
	persist(f);
	assert_int_equal(queue_call(f->q, "1", NULL, at(0, 21), NULL), FRONTA_OK);
	assert_int_equal(queue_noshow(f->q, "1", at(0, 22), NULL), FRONTA_OK);
	assert_int_equal(queue_issue(f->q, 'P', "uk", false, at(0, 30), NULL), FRONTA_OK);
	persist(f);
	assert_true(queue_new_day(f->q, "2026-11-24", at(1, -8 * 60)));
	persist(f);
	assert_int_equal(queue_issue(f->q, 'A', "cs", false, at(1, 0), NULL), FRONTA_OK);
	assert_int_equal(queue_call(f->q, "1", NULL, at(1, 3), NULL), FRONTA_OK);
	assert_int_equal(queue_finish(f->q, "1", at(1, 5), NULL), FRONTA_OK);
	persist(f);
}

static struct tally *load(struct fixture *f, const char *today)
{
	struct tally *t = tally_new();
	char err[256];
	assert_int_equal(store_report_load(f->s, "test", "2026-11-01", "2026-11-30", today, t, err, sizeof err),
	                 FRONTA_OK);
	return t;
}

static const struct tally_cell *find(const struct tally *t, const char *day, enum tally_dim dim, const char *key)
{
	for (int i = 0; i < tally_n_cells(t); i++) {
		const struct tally_cell *c = tally_cell_at(t, i);
		if (c->dim == dim && !strcmp(c->period, day) && !strcmp(c->key, key))
			return c;
	}
	return NULL;
}

static int64_t count_rows(struct fixture *f, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	assert_int_equal(sqlite3_prepare_v2(store_db(f->s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Same counts and waits in both (the samples compared in order). */
static void assert_same(const struct tally *a, const struct tally *b)
{
	assert_int_equal(tally_n_cells(a), tally_n_cells(b));
	for (int i = 0; i < tally_n_cells(a); i++) {
		const struct tally_cell *x = tally_cell_at(a, i);
		const struct tally_cell *y = find(b, x->period, x->dim, x->key);
		assert_non_null(y);
		assert_memory_equal(x->n, y->n, sizeof x->n);
		assert_int_equal(x->waits.n, y->waits.n);
		for (int p = 10; p <= 100; p += 10)
			assert_int_equal(tally_percentile(&x->waits, p), tally_percentile(&y->waits, p));
		assert_int_equal(tally_percentile(&x->service, 50), tally_percentile(&y->service, 50));
	}
}

static void test_counted_then_purged(void **state)
{
	struct fixture *f = *state;
	struct tally *before, *after;
	struct store_retain r;
	const struct tally_cell *a;
	char err[256];

	two_days(f);
	before = load(f, "2026-11-25");
	a = find(before, "2026-11-23", TALLY_SERVICE, "A");
	assert_non_null(a);
	assert_int_equal(a->n[TALLY_ISSUED], 2);
	assert_int_equal(a->n[TALLY_SERVED], 1);
	assert_int_equal(a->n[TALLY_NO_SHOW], 1);
	assert_int_equal(tally_percentile(&a->waits, 90), 20 * 60);
	assert_int_equal(find(before, "2026-11-23", TALLY_SERVICE, "P")->n[TALLY_CLOSED_WAITING], 1);
	assert_int_equal(find(before, "2026-11-24", TALLY_SERVICE, "A")->n[TALLY_SERVED], 1);

	/* today 11-25, keep from 11-24: both days counted, 11-23 purged */
	assert_int_equal(store_report_retain(f->s, "2026-11-25", "2026-11-24", &r, err, sizeof err), FRONTA_OK);
	assert_int_equal(r.days_counted, 2);
	assert_int_equal(r.days_purged, 1);
	assert_int_equal(r.tickets, 3);
	/* 11-23: 3 issued, 2 called, done, no_show, and counter 1 opened by its
	 * first call (it starts closed); the day event is 11-24's */
	assert_int_equal(r.events, 8);
	assert_int_equal(count_rows(f, "SELECT count(*) FROM events WHERE day = '2026-11-23'"), 0);
	assert_int_equal(count_rows(f, "SELECT count(*) FROM tickets WHERE day = '2026-11-23'"), 0);
	assert_int_equal(count_rows(f, "SELECT count(*) FROM tickets WHERE day = '2026-11-24'"), 1);
	assert_int_equal(count_rows(f, "SELECT count(*) FROM figure_days"), 2);

	after = load(f, "2026-11-25");
	assert_same(before, after);
	tally_free(after);

	/* again: nothing left to do */
	assert_int_equal(store_report_retain(f->s, "2026-11-25", "2026-11-24", &r, err, sizeof err), FRONTA_OK);
	assert_int_equal(r.days_counted + r.days_purged, 0);
	after = load(f, "2026-11-25");
	assert_same(before, after);
	tally_free(after);
	tally_free(before);
}

/* A day that is not over is never counted, so never purged. */
static void test_open_day_kept(void **state)
{
	struct fixture *f = *state;
	struct store_retain r;
	char err[256];
	struct tally *t;

	two_days(f);
	assert_int_equal(store_report_retain(f->s, "2026-11-24", "2026-11-30", &r, err, sizeof err), FRONTA_OK);
	assert_int_equal(r.days_counted, 1);     /* 11-23 */
	assert_int_equal(r.days_purged, 1);
	assert_int_equal(count_rows(f, "SELECT count(*) FROM events WHERE day = '2026-11-24'"), 4);
	t = load(f, "2026-11-24");
	assert_int_equal(find(t, "2026-11-23", TALLY_SERVICE, "A")->n[TALLY_ISSUED], 2);
	assert_int_equal(find(t, "2026-11-24", TALLY_LANG, "cs")->n[TALLY_SERVED], 1);
	tally_free(t);
}

/* A file made by the first Fronta (schema version 1) opens, migrates to
 * the current version and keeps its rows. */
static void test_migrate_v1(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	char err[256];
	struct tally *t;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "PRAGMA user_version = 1;"
	                              "INSERT INTO tickets (id, day, letter, seq_no, number, service, lang, priority,"
	                              " status, issued_ms, called_ms, finished_ms, counter)"
	                              " VALUES (1, '2026-11-23', 'A', 1, 'A001', 'A', 'uk', 0, 'done',"
	                              " 1795417200000, 1795417500000, 1795417800000, '1');"
	                              "INSERT INTO events VALUES (1, '2026-11-23', 1795417200000, 'issued',"
	                              " '{\"seq\":1,\"type\":\"issued\",\"at\":\"2026-11-23T08:00:00+01:00\","
	                              "\"day\":\"2026-11-23\",\"ticket\":{\"number\":\"A001\",\"service\":\"A\","
	                              "\"lang\":\"uk\",\"priority\":false,\"status\":\"waiting\","
	                              "\"issued_at\":\"2026-11-23T08:00:00+01:00\",\"counter\":null}}');",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);

	f->s = store_open(f->path, err, sizeof err);
	assert_non_null(f->s);
	assert_int_equal(count_rows(f, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(STORE_SCHEMA_VERSION, 3);
	assert_int_equal(count_rows(f, "SELECT count(*) FROM tickets"), 1);
	assert_int_equal(count_rows(f, "SELECT count(*) FROM figures"), 0);
	assert_int_equal(store_last_seq(f->s), 1);
	t = load(f, "2026-11-24");
	assert_int_equal(find(t, "2026-11-23", TALLY_SERVICE, "A")->n[TALLY_ISSUED], 1);
	assert_int_equal(find(t, "2026-11-23", TALLY_SERVICE, "A")->n[TALLY_CLOSED_WAITING], 1);
	tally_free(t);
}

/* The figures' constraints hold even if code were wrong. */
static void test_constraints(void **state)
{
	struct fixture *f = *state;
	char err[256];
	f->s = store_open(f->path, err, sizeof err);
	assert_non_null(f->s);
	assert_int_not_equal(sqlite3_exec(store_db(f->s),
	                                  "INSERT INTO figure_days VALUES ('2026-11-23', 0, 0);"
	                                  "INSERT INTO figures VALUES ('2026-11-23', 'service', 'A', -1, 0, 0, 0, 0, 0,"
	                                  " 0, '[]', '[]')",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(f->s),
	                                  "INSERT INTO figures VALUES ('2026-11-23', 'colour', 'A', 1, 0, 0, 0, 0, 0,"
	                                  " 0, '[]', '[]')",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(f->s),
	                                  "INSERT INTO figures VALUES ('2026-11-23', 'service', 'A', 1, 0, 0, 0, 0, 0,"
	                                  " 0, 'not json', '[]')",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counted_then_purged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_day_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_v1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constraints, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
