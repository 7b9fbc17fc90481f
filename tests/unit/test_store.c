/* The SQLite store on :memory: and on a file: round trips, the constraints
 * that keep the rules even if code is wrong, migrations, misuse. */
#include "tests/unit/fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/proto.h"
#include "store/schema.h"
#include "store/store.h"

static char dir[] = "/tmp/fronta-store-XXXXXX";

static int group_setup(void **state)
{
	(void)state;
	log_init("test_store", LOG_ERROR);
	return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	char cmd[256];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

/* Runs the queue's change log into the store, one transaction. */
static enum fronta_err save(struct store *s, struct queue *q)
{
	int n, k = 0;
	const struct change *c = queue_changes(q, &n);
	char *json[64] = { 0 };
	enum fronta_err err;
	for (int i = 0; i < n; i++)
		if (c[i].kind == CHANGE_EVENT)
			json[k++] = proto_event(&c[i].event);
	err = store_begin(s);
	if (!err)
		err = store_put_changes(s, c, n, json);
	if (!err)
		err = store_commit(s);
	else
		store_rollback(s);
	for (int i = 0; i < k; i++)
		free(json[i]);
	queue_clear_changes(q);
	return err;
}

static void round_trip(struct store *s)
{
	struct config *cfg = fixture_config();
	struct queue *q = queue_new(cfg, "2026-11-23"), *q2;
	int64_t now = at(2026, 11, 23, 9, 0);
	struct ticket t;

	assert_int_equal(queue_issue(q, 'A', "uk", false, now, NULL), FRONTA_OK);
	assert_int_equal(queue_issue(q, 'A', "ar", true, now + 1000, NULL), FRONTA_OK);
	assert_int_equal(queue_issue(q, 'S', "cs", false, now + 2000, NULL), FRONTA_OK);
	assert_int_equal(queue_call(q, "1", NULL, now + 3000, &t), FRONTA_OK);
	assert_int_equal(queue_set_counter(q, "2", COUNTER_PAUSED, "S", now + 4000, NULL), FRONTA_OK);
	assert_int_equal(save(s, q), FRONTA_OK);
	assert_int_equal(store_last_seq(s), queue_seq(q));

	assert_int_equal(store_load_queue(s, cfg, "2026-11-23", &q2), FRONTA_OK);
	assert_int_equal(queue_seq(q2), queue_seq(q));
	assert_int_equal(queue_waiting(q2, NULL, 0), 2);
	assert_int_equal(queue_find(q2, "A002")->status, TICKET_CALLED);
	assert_string_equal(queue_find(q2, "A002")->counter, "1");
	assert_int_equal(queue_counter(q2, "1")->ticket_id, queue_find(q2, "A002")->id);
	assert_int_equal(queue_counter(q2, "2")->state, COUNTER_PAUSED);
	assert_string_equal(queue_counter(q2, "2")->services, "S");
	/* numbering goes on after a restart */
	assert_int_equal(queue_issue(q2, 'A', "en", false, now + 5000, &t), FRONTA_OK);
	assert_string_equal(t.number, "A003");
	assert_int_equal(save(s, q2), FRONTA_OK);
	queue_free(q);
	queue_free(q2);
	config_free(cfg);
}

static void round_trip_in_memory(void **state)
{
	char err[256];
	struct store *s = store_open(":memory:", err, sizeof err);
	(void)state;
	assert_non_null(s);
	round_trip(s);
	store_close(s);
}

static void round_trip_on_a_file_and_reopen(void **state)
{
	char err[256], path[128], day[16];
	struct store *s;
	struct config *cfg = fixture_config();
	struct queue *q;
	(void)state;
	snprintf(path, sizeof path, "%s/a.db", dir);
	s = store_open(path, err, sizeof err);
	assert_non_null(s);
	round_trip(s);
	store_close(s);
	s = store_open(path, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_load_queue(s, cfg, "2026-11-23", &q), FRONTA_OK);
	assert_int_equal(queue_waiting(q, NULL, 0), 3);
	assert_int_equal(store_get_meta(s, "day", day, sizeof day), FRONTA_OK);
	queue_free(q);
	store_close(s);
	config_free(cfg);
}

static void constraints_hold_even_if_code_is_wrong(void **state)
{
	char err[256];
	struct store *s = store_open(":memory:", err, sizeof err);
	struct ticket t = { .id = 1, .day = "2026-11-23", .number = "A001", .letter = 'A', .seq_no = 1,
	                    .service = 'A', .lang = "uk", .status = TICKET_WAITING, .issued_ms = 1 };
	struct event e = { .seq = 1, .type = EV_ISSUED, .at_ms = 1, .day = "2026-11-23" };
	(void)state;
	assert_int_equal(store_begin(s), FRONTA_OK);
	assert_int_equal(store_put_ticket(s, &t), FRONTA_OK);
	/* the same number again under another id: refused */
	t.id = 2;
	assert_int_equal(store_put_ticket(s, &t), FRONTA_EINTERNAL);
	/* a number that does not match its letter and digits: refused */
	t.id = 3;
	t.seq_no = 2;
	strcpy(t.number, "A007");
	assert_int_equal(store_put_ticket(s, &t), FRONTA_EINTERNAL);
	/* an event seq with a gap, or a body that is not JSON: refused */
	assert_int_equal(store_put_event(s, &e, "{\"seq\":1}"), FRONTA_OK);
	e.seq = 3;
	assert_int_equal(store_put_event(s, &e, "{\"seq\":3}"), FRONTA_EINTERNAL);
	e.seq = 2;
	assert_int_equal(store_put_event(s, &e, "not json"), FRONTA_EINTERNAL);
	assert_int_equal(store_put_event(s, &e, "{\"seq\":2}"), FRONTA_OK);
	e.seq = 2;
	assert_int_equal(store_put_event(s, &e, "{\"seq\":2}"), FRONTA_EINTERNAL);
	assert_int_equal(store_commit(s), FRONTA_OK);
	assert_int_equal(store_last_seq(s), 2);
	/* events are never changed */
	assert_int_not_equal(sqlite3_exec(store_db(s), "UPDATE events SET type = 'x'", NULL, NULL, NULL), SQLITE_OK);
	store_close(s);
}

static void a_newer_schema_is_refused(void **state)
{
	char err[256], path[128];
	sqlite3 *db;
	(void)state;
	snprintf(path, sizeof path, "%s/new.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_null(store_open(path, err, sizeof err));
	assert_non_null(strstr(err, "newer"));
	assert_null(store_open("/nonexistent/dir/x.db", err, sizeof err));
	assert_non_null(strstr(err, "cannot open"));
}

static void count_fn(void *user, const char *id, const char *answer)
{
	(void)id;
	(void)answer;
	(*(int *)user)++;
}

static void requests_and_events_are_kept(void **state)
{
	char err[256];
	struct store *s = store_open(":memory:", err, sizeof err);
	int count = 0;
	(void)state;
	assert_int_equal(store_begin(s), FRONTA_OK);
	assert_int_equal(store_put_request(s, "2026-11-23", "k-1", "{\"ok\":true}"), FRONTA_OK);
	assert_int_equal(store_put_request(s, "2026-11-22", "k-0", "{\"ok\":true}"), FRONTA_OK);
	assert_int_equal(store_commit(s), FRONTA_OK);
	assert_int_equal(store_load_requests(s, "2026-11-23", count_fn, &count), FRONTA_OK);
	assert_int_equal(count, 1);
	/* a new day forgets older request ids */
	assert_int_equal(store_begin(s), FRONTA_OK);
	assert_int_equal(store_put_day(s, "2026-11-24"), FRONTA_OK);
	assert_int_equal(store_commit(s), FRONTA_OK);
	count = 0;
	store_load_requests(s, "2026-11-23", count_fn, &count);
	assert_int_equal(count, 0);
	store_close(s);
}

static void backup_while_open(void **state)
{
	char err[256], path[128], copy[128];
	struct store *s, *b;
	struct config *cfg = fixture_config();
	struct queue *q;
	(void)state;
	snprintf(path, sizeof path, "%s/live.db", dir);
	snprintf(copy, sizeof copy, "%s/backup.db", dir);
	s = store_open(path, err, sizeof err);
	round_trip(s);
	assert_int_equal(store_backup(s, copy, err, sizeof err), FRONTA_OK);
	store_close(s);
	b = store_open(copy, err, sizeof err);
	assert_non_null(b);
	assert_int_equal(store_load_queue(b, cfg, "2026-11-23", &q), FRONTA_OK);
	assert_int_equal(queue_waiting(q, NULL, 0), 3);
	queue_free(q);
	store_close(b);
	config_free(cfg);
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Commits n requests of two pages each; returns the WAL's size. */
static long commit_requests(struct store *s, const char *wal, int from, int n)
{
	static char answer[3000];
	memset(answer, 'x', sizeof answer - 1);
	for (int i = from; i < from + n; i++) {
		char id[32];
		snprintf(id, sizeof id, "k-%d", i);
		assert_int_equal(store_begin(s), FRONTA_OK);
		assert_int_equal(store_put_request(s, "2026-11-23", id, answer), FRONTA_OK);
		assert_int_equal(store_commit(s), FRONTA_OK);
	}
	return file_size(wal);
}

/* Waits until the thread has run more than n checkpoints and is idle;
 * returns how many it has run. */
static long wait_for_checkpoints(struct store *s, long n)
{
	long seen;
	for (int i = 0; i < 500 && store_checkpoints(s) <= n; i++)
		usleep(10000);
	do {
		seen = store_checkpoints(s);
		usleep(30000);
	} while (store_checkpoints(s) != seen);
	assert_true(seen > n);
	return seen;
}

static int count_requests(struct store *s)
{
	int count = 0;
	assert_int_equal(store_load_requests(s, "2026-11-23", count_fn, &count), FRONTA_OK);
	return count;
}

/* The store's own thread copies the WAL back into the database file once
 * it passes 1000 pages (the commits never wait for that), and the WAL is
 * written again from its start rather than growing. */
static void the_checkpointer_thread_keeps_the_wal_small(void **state)
{
	char err[256], path[128], wal[140];
	struct store *s;
	long db0, wal_burst, wal_max = 0, done;
	enum { PAGE = 4096 + 24 };
	(void)state;
	assert_int_equal(store_checkpoints(s = store_open(":memory:", err, sizeof err)), 0);
	commit_requests(s, "", 0, 10);
	assert_int_equal(store_checkpoints(s), 0);
	store_close(s);

	snprintf(path, sizeof path, "%s/wal.db", dir);
	snprintf(wal, sizeof wal, "%s-wal", path);
	s = store_open(path, err, sizeof err);
	assert_non_null(s);
	db0 = file_size(path);
	/* under 1000 pages: nothing is copied */
	commit_requests(s, wal, 0, 200);
	usleep(50000);
	assert_int_equal(store_checkpoints(s), 0);
	assert_int_equal(file_size(path), db0);
	/* past it: the thread copies, and the database file grows */
	wal_burst = commit_requests(s, wal, 200, 350);
	done = wait_for_checkpoints(s, 0);
	assert_true(file_size(path) > db0 + 500L * 4096);
	/* with pauses, as a branch writes: the WAL is written again from its
	 * start and never grows past what the burst made it (its file is never
	 * made smaller; 1500 commits more would have tripled it) */
	for (int round = 0; round < 10; round++) {
		long w = commit_requests(s, wal, 550 + round * 150, 150);
		wal_max = w > wal_max ? w : wal_max;
		if (round % 2)
			done = wait_for_checkpoints(s, done);
	}
	assert_true(wal_burst > 2000L * PAGE);
	assert_int_equal(wal_max, wal_burst);
	/* a writer that never pauses: bounded by the committing thread */
	wal_max = commit_requests(s, wal, 2050, 2500);
	assert_true(wal_max < 4200L * PAGE);
	assert_int_equal(count_requests(s), 4550);
	store_close(s);
	/* everything is there after a reopen */
	s = store_open(path, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(count_requests(s), 4550);
	store_close(s);
}

/* Runs sql on the store's connection; returns SQLite's code. */
static int sql(struct store *s, const char *q)
{
	return sqlite3_exec(store_db(s), q, NULL, NULL, NULL);
}

static int64_t sql_int(struct store *s, const char *q)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), q, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A version-2 file (tickets and counters checked with IN lists, and
 * UNIQUE (day, number)) is rebuilt into version 3: every row is kept, and
 * the same rules still refuse what is wrong. */
static void a_version_2_file_is_migrated(void **state)
{
	char err[256], path[128];
	sqlite3 *db;
	struct store *s;
	struct config *cfg = fixture_config();
	struct queue *q;
	const struct ticket *t;
	(void)state;
	snprintf(path, sizeof path, "%s/v2.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migrations[1], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "PRAGMA user_version = 2;"
	                              "INSERT INTO meta VALUES ('day', '2026-11-23');"
	                              "INSERT INTO tickets VALUES (1, '2026-11-23', 'A', 1, 'A001', 'A', 'uk', 0, 'done',"
	                              " 100, 200, 210, 300, '1', 0, 1, 'ok', '');"
	                              "INSERT INTO tickets VALUES (2, '2026-11-23', 'A', 2, 'A002', 'A', 'ar', 1, 'called',"
	                              " 110, 400, 0, 0, '1', 1, 0, 'failed', '');"
	                              "INSERT INTO tickets VALUES (3, '2026-11-23', 'S', 1, 'S001', 'S', 'cs', 0, 'waiting',"
	                              " 120, 0, 0, 0, '', 0, 0, '', '');"
	                              "INSERT INTO tickets VALUES (4, '2026-11-22', 'S', 9, 'S009', 'S', 'cs', 0, 'cancelled',"
	                              " 90, 0, 0, 95, '', 0, 0, '', 'withdrawn');"
	                              "INSERT INTO counters VALUES ('1', 'open', 2, 'AS', 400);"
	                              "INSERT INTO counters VALUES ('2', 'paused', 0, 'S', 50);",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);

	s = store_open(path, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(sql_int(s, "PRAGMA user_version"), 3);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM tickets"), 4);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM counters"), 2);
	/* no IN list left in their checks, and one index fewer */
	assert_int_equal(sql_int(s, "SELECT count(*) FROM sqlite_schema WHERE tbl_name IN ('tickets', 'counters')"
	                            " AND sql LIKE '% IN (%'"), 0);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tickets'"), 2);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_v3'"), 0);
	assert_int_equal(sql_int(s, "SELECT announced_ms + recalls * 1000 FROM tickets WHERE number = 'A001'"), 1210);
	assert_int_equal(sql_int(s, "SELECT end_reason = 'withdrawn' FROM tickets WHERE id = 4"), 1);
	assert_int_equal(store_load_queue(s, cfg, "2026-11-23", &q), FRONTA_OK);
	t = queue_find(q, "A002");
	assert_non_null(t);
	assert_int_equal(t->status, TICKET_CALLED);
	assert_int_equal(t->priority, true);
	assert_int_equal(t->print, PRINT_FAILED);
	assert_int_equal(t->transfers, 1);
	assert_int_equal(queue_find(q, "S001")->status, TICKET_WAITING);
	assert_int_equal(queue_counter(q, "1")->ticket_id, 2);
	assert_string_equal(queue_counter(q, "1")->services, "AS");
	assert_int_equal(queue_counter(q, "2")->state, COUNTER_PAUSED);
	queue_free(q);
	/* the rules hold as before */
	assert_int_not_equal(sql(s, "UPDATE tickets SET status = 'gone' WHERE id = 3"), SQLITE_OK);
	assert_int_not_equal(sql(s, "UPDATE tickets SET priority = 2 WHERE id = 3"), SQLITE_OK);
	assert_int_not_equal(sql(s, "UPDATE tickets SET print = 'maybe' WHERE id = 3"), SQLITE_OK);
	assert_int_not_equal(sql(s, "UPDATE tickets SET end_reason = 'later' WHERE id = 3"), SQLITE_OK);
	assert_int_not_equal(sql(s, "UPDATE tickets SET number = 'S002' WHERE id = 3"), SQLITE_OK);
	assert_int_not_equal(sql(s, "INSERT INTO tickets (id, day, letter, seq_no, number, service, lang, priority,"
	                            " status, issued_ms) VALUES (5, '2026-11-23', 'A', 2, 'A002', 'A', 'uk', 0,"
	                            " 'waiting', 1)"),
	                     SQLITE_OK);
	assert_int_not_equal(sql(s, "UPDATE counters SET state = 'asleep' WHERE id = '2'"), SQLITE_OK);
	assert_int_equal(sql(s, "UPDATE tickets SET status = 'no_show', end_reason = 'day_end' WHERE id = 3"), SQLITE_OK);
	assert_int_equal(sql(s, "UPDATE counters SET state = 'closed' WHERE id = '2'"), SQLITE_OK);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	store_close(s);
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_in_memory),
		cmocka_unit_test(round_trip_on_a_file_and_reopen),
		cmocka_unit_test(constraints_hold_even_if_code_is_wrong),
		cmocka_unit_test(a_newer_schema_is_refused),
		cmocka_unit_test(a_version_2_file_is_migrated),
		cmocka_unit_test(requests_and_events_are_kept),
		cmocka_unit_test(backup_while_open),
		cmocka_unit_test(the_checkpointer_thread_keeps_the_wal_small),
	};
	return cmocka_run_group_tests_name("store", tests, group_setup, group_teardown);
}
