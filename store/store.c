/* SQLite storage of the queue. All of Fronta's SQL for the branch database
 * is here (and in schema.c); statements are prepared once. */
#include "store/store.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "store/schema.h"

enum stmt_id { ST_BEGIN, ST_COMMIT, ST_ROLLBACK, ST_PUT_TICKET, ST_PUT_COUNTER, ST_PUT_EVENT,
               ST_PUT_META, ST_GET_META, ST_PUT_REQUEST, ST_FORGET_REQUESTS, ST_COUNT };

static const char *const stmt_sql[ST_COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_PUT_TICKET] =
		"INSERT INTO tickets (id, day, letter, seq_no, number, service, lang, priority, status,"
		" issued_ms, called_ms, announced_ms, finished_ms, counter, transfers, recalls, print, end_reason)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
		" ON CONFLICT (id) DO UPDATE SET service = ?6, priority = ?8, status = ?9, issued_ms = ?10,"
		" called_ms = ?11, announced_ms = ?12, finished_ms = ?13, counter = ?14, transfers = ?15,"
		" recalls = ?16, print = ?17, end_reason = ?18",
	[ST_PUT_COUNTER] =
		"INSERT INTO counters (id, state, ticket_id, services, since_ms) VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT (id) DO UPDATE SET state = ?2, ticket_id = ?3, services = ?4, since_ms = ?5",
	[ST_PUT_EVENT] = "INSERT INTO events (seq, day, at_ms, type, body) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_PUT_META] = "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
	[ST_GET_META] = "SELECT value FROM meta WHERE key = ?1",
	[ST_PUT_REQUEST] = "INSERT OR REPLACE INTO requests (day, request_id, answer) VALUES (?1, ?2, ?3)",
	[ST_FORGET_REQUESTS] = "DELETE FROM requests WHERE day <> ?1",
};

/* Copying the WAL back into the database file (a checkpoint) syncs the
 * WAL and the database file. Left to SQLite (wal_autocheckpoint), it ran
 * inside the commit that passed 1000 pages: one commit in about 90 took
 * 0.7 ms more, and those made the p99 of a request's round trip
 * (docs/performance.md). A thread of the store's own, on a connection of
 * its own, does it instead, after each commit past CKPT_PAGES. The WAL is
 * written again from its start once a checkpoint has copied all of it
 * before the next commit begins: at once in a branch's pace, but a writer
 * that never pauses keeps it growing; so past CKPT_INLINE_PAGES (16 MB)
 * the committing thread checkpoints itself, which then copies only what
 * the thread has not (it does so too if the thread could not start). */
enum { CKPT_PAGES = 1000, CKPT_INLINE_PAGES = 4000 };

struct checkpointer {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	sqlite3 *db;          /* used by the thread only */
	bool due, stop, running;
	long done;            /* checkpoints run, for tests */
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	bool in_tx;
	struct checkpointer ck;
};

const char *store_errmsg(const struct store *s)
{
	return s && s->db ? sqlite3_errmsg(s->db) : "no database";
}

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		log_error("database: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
	}
	return rc;
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Runs each migration the file lacks, each in its own transaction. */
static int migrate(sqlite3 *db, const char *const *migrations, int n, char *err, size_t errlen)
{
	int v = user_version(db);
	if (v < 0) {
		snprintf(err, errlen, "cannot read the schema version: %s", sqlite3_errmsg(db));
		return -1;
	}
	if (v > n) {
		snprintf(err, errlen, "the database has schema version %d, newer than this Fronta's (%d): "
		         "use a newer Fronta or restore a backup", v, n);
		return -1;
	}
	for (; v < n; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (exec(db, "BEGIN IMMEDIATE") != SQLITE_OK)
			goto fail;
		if (exec(db, migrations[v]) != SQLITE_OK || exec(db, pragma) != SQLITE_OK ||
		    exec(db, "COMMIT") != SQLITE_OK) {
			exec(db, "ROLLBACK");
			goto fail;
		}
		if (v > 0)
			log_info("database: schema migrated to version %d", v + 1);
	}
	return 0;
fail:
	snprintf(err, errlen, "cannot migrate the schema to version %d: %s", v + 1, sqlite3_errmsg(db));
	return -1;
}

sqlite3 *store_open_sqlite(const char *path, const char *const *migrations, int n_migrations, char *err,
                           size_t errlen)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);

	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open database %s: %s", path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(db, 1);
	/* A reader (backup, report) may hold the lock briefly; wait for it,
	 * but answer `internal` rather than stall the queue for long. */
	sqlite3_busy_timeout(db, 2000);
	if (exec(db, "PRAGMA journal_mode = WAL") != SQLITE_OK || exec(db, "PRAGMA synchronous = FULL") != SQLITE_OK ||
	    exec(db, "PRAGMA foreign_keys = ON") != SQLITE_OK) {
		snprintf(err, errlen, "cannot set up database %s: %s", path, sqlite3_errmsg(db));
		goto fail;
	}
	if (migrate(db, migrations, n_migrations, err, errlen) != 0)
		goto fail;
	return db;
fail:
	sqlite3_close(db);
	return NULL;
}

static void *checkpointer_main(void *arg)
{
	struct checkpointer *ck = arg;
	pthread_mutex_lock(&ck->lock);
	for (;;) {
		int rc;
		while (!ck->due && !ck->stop)
			pthread_cond_wait(&ck->wake, &ck->lock);
		if (ck->stop)
			break;
		ck->due = false;
		pthread_mutex_unlock(&ck->lock);
		/* PASSIVE: never waits for the writer, and the writer never waits
		 * for it; what a commit adds meanwhile is copied the next time. */
		rc = sqlite3_wal_checkpoint_v2(ck->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		if (rc != SQLITE_OK && rc != SQLITE_BUSY)
			log_warn("database: checkpoint: %s", sqlite3_errmsg(ck->db));
		pthread_mutex_lock(&ck->lock);
		ck->done++;
	}
	pthread_mutex_unlock(&ck->lock);
	return NULL;
}

/* SQLite calls this in the committing thread after each commit, with the
 * pages the WAL holds. */
static int on_wal_commit(void *user, sqlite3 *db, const char *name, int pages)
{
	struct checkpointer *ck = user;
	if (pages >= CKPT_INLINE_PAGES || (pages >= CKPT_PAGES && !ck->running)) {
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	} else if (pages >= CKPT_PAGES) {
		pthread_mutex_lock(&ck->lock);
		ck->due = true;
		pthread_cond_signal(&ck->wake);
		pthread_mutex_unlock(&ck->lock);
	}
	return SQLITE_OK;
}

/* Starts the checkpointer of a database file (not of one in memory). If it
 * cannot, the committing thread checkpoints, as SQLite would. */
static void checkpointer_start(struct store *s)
{
	struct checkpointer *ck = &s->ck;
	const char *file = sqlite3_db_filename(s->db, "main");

	pthread_mutex_init(&ck->lock, NULL);
	pthread_cond_init(&ck->wake, NULL);
	sqlite3_wal_hook(s->db, on_wal_commit, ck);
	if (!file || !file[0])
		return;
	if (sqlite3_open_v2(file, &ck->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    exec(ck->db, "PRAGMA synchronous = FULL") != SQLITE_OK ||
	    pthread_create(&ck->thread, NULL, checkpointer_main, ck) != 0) {
		log_warn("database: no checkpoint thread (%s); commits will checkpoint",
		         ck->db ? sqlite3_errmsg(ck->db) : "out of memory");
		sqlite3_close(ck->db);
		ck->db = NULL;
		return;
	}
	ck->running = true;
}

static void checkpointer_stop(struct store *s)
{
	struct checkpointer *ck = &s->ck;
	if (ck->running) {
		pthread_mutex_lock(&ck->lock);
		ck->stop = true;
		pthread_cond_signal(&ck->wake);
		pthread_mutex_unlock(&ck->lock);
		pthread_join(ck->thread, NULL);
		ck->running = false;
	}
	sqlite3_close(ck->db);
	ck->db = NULL;
	pthread_cond_destroy(&ck->wake);
	pthread_mutex_destroy(&ck->lock);
}

long store_checkpoints(struct store *s)
{
	long n;
	pthread_mutex_lock(&s->ck.lock);
	n = s->ck.done;
	pthread_mutex_unlock(&s->ck.lock);
	return n;
}

struct store *store_open(const char *path, char *err, size_t errlen)
{
	struct store *s = calloc(1, sizeof *s);

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->db = store_open_sqlite(path, store_migrations, store_n_migrations, err, errlen);
	if (!s->db)
		goto fail;
	checkpointer_start(s);
	for (int i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
			snprintf(err, errlen, "cannot prepare statement %d: %s", i, sqlite3_errmsg(s->db));
			goto fail;
		}
	}
	return s;
fail:
	store_close(s);
	return NULL;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->db)
		checkpointer_stop(s);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	free(s);
}

/* Steps a prepared statement to its end and resets it. */
static enum fronta_err run(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return FRONTA_OK;
	log_error("database: %s (%s)", sqlite3_errmsg(s->db), sqlite3_errstr(rc));
	return FRONTA_EINTERNAL;
}

enum fronta_err store_begin(struct store *s)
{
	enum fronta_err err = run(s, s->st[ST_BEGIN]);
	s->in_tx = err == FRONTA_OK;
	return err;
}

enum fronta_err store_commit(struct store *s)
{
	enum fronta_err err = run(s, s->st[ST_COMMIT]);
	if (err == FRONTA_OK)
		s->in_tx = false;
	return err;
}

void store_rollback(struct store *s)
{
	/* After some errors SQLite has already rolled back. */
	if (!sqlite3_get_autocommit(s->db))
		run(s, s->st[ST_ROLLBACK]);
	s->in_tx = false;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_letter(sqlite3_stmt *st, int i, char c)
{
	char s[2] = { c, '\0' };
	sqlite3_bind_text(st, i, s, 1, SQLITE_TRANSIENT);
}

enum fronta_err store_put_ticket(struct store *s, const struct ticket *t)
{
	sqlite3_stmt *st = s->st[ST_PUT_TICKET];
	static const char *const prints[] = { "", "ok", "failed" };
	sqlite3_bind_int64(st, 1, t->id);
	bind_text(st, 2, t->day);
	bind_letter(st, 3, t->letter);
	sqlite3_bind_int(st, 4, t->seq_no);
	bind_text(st, 5, t->number);
	bind_letter(st, 6, t->service);
	bind_text(st, 7, t->lang);
	sqlite3_bind_int(st, 8, t->priority);
	bind_text(st, 9, queue_status_name(t->status));
	sqlite3_bind_int64(st, 10, t->issued_ms);
	sqlite3_bind_int64(st, 11, t->called_ms);
	sqlite3_bind_int64(st, 12, t->announced_ms);
	sqlite3_bind_int64(st, 13, t->finished_ms);
	bind_text(st, 14, t->counter);
	sqlite3_bind_int(st, 15, t->transfers);
	sqlite3_bind_int(st, 16, t->recalls);
	bind_text(st, 17, prints[t->print]);
	bind_text(st, 18, queue_end_name(t->end));
	return run(s, st);
}

enum fronta_err store_put_counter(struct store *s, const struct counter *c)
{
	sqlite3_stmt *st = s->st[ST_PUT_COUNTER];
	bind_text(st, 1, c->id);
	bind_text(st, 2, config_counter_state_name(c->state));
	sqlite3_bind_int64(st, 3, c->ticket_id);
	bind_text(st, 4, c->services);
	sqlite3_bind_int64(st, 5, c->since_ms);
	return run(s, st);
}

enum fronta_err store_put_event(struct store *s, const struct event *e, const char *json)
{
	sqlite3_stmt *st = s->st[ST_PUT_EVENT];
	sqlite3_bind_int64(st, 1, e->seq);
	bind_text(st, 2, e->day);
	sqlite3_bind_int64(st, 3, e->at_ms);
	bind_text(st, 4, queue_event_name(e->type));
	bind_text(st, 5, json);
	return run(s, st);
}

enum fronta_err store_put_meta(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st = s->st[ST_PUT_META];
	bind_text(st, 1, key);
	bind_text(st, 2, value);
	return run(s, st);
}

enum fronta_err store_put_day(struct store *s, const char *day)
{
	enum fronta_err err = store_put_meta(s, "day", day);
	if (err)
		return err;
	bind_text(s->st[ST_FORGET_REQUESTS], 1, day);
	return run(s, s->st[ST_FORGET_REQUESTS]);
}

enum fronta_err store_put_request(struct store *s, const char *day, const char *request_id, const char *answer)
{
	sqlite3_stmt *st = s->st[ST_PUT_REQUEST];
	bind_text(st, 1, day);
	bind_text(st, 2, request_id);
	bind_text(st, 3, answer);
	return run(s, st);
}

enum fronta_err store_put_changes(struct store *s, const struct change *c, int n, char *const *event_json)
{
	enum fronta_err err = FRONTA_OK;
	int ev = 0;
	for (int i = 0; i < n && !err; i++) {
		switch (c[i].kind) {
		case CHANGE_TICKET:  err = store_put_ticket(s, &c[i].ticket); break;
		case CHANGE_COUNTER: err = store_put_counter(s, &c[i].counter); break;
		case CHANGE_EVENT:   err = store_put_event(s, &c[i].event, event_json[ev++]); break;
		case CHANGE_DAY:     err = store_put_day(s, c[i].day); break;
		}
	}
	return err;
}

enum fronta_err store_get_meta(struct store *s, const char *key, char *out, size_t cap)
{
	sqlite3_stmt *st = s->st[ST_GET_META];
	int rc;
	out[0] = '\0';
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? FRONTA_OK : FRONTA_EINTERNAL;
}

static void col_text(sqlite3_stmt *st, int i, char *out, size_t cap)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	snprintf(out, cap, "%s", v ? (const char *)v : "");
}

static char col_letter(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return v ? (char)v[0] : 0;
}

static void read_ticket(sqlite3_stmt *st, struct ticket *t)
{
	char buf[16];
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	col_text(st, 1, t->day, sizeof t->day);
	t->letter = col_letter(st, 2);
	t->seq_no = sqlite3_column_int(st, 3);
	col_text(st, 4, t->number, sizeof t->number);
	t->service = col_letter(st, 5);
	col_text(st, 6, t->lang, sizeof t->lang);
	t->priority = sqlite3_column_int(st, 7) != 0;
	col_text(st, 8, buf, sizeof buf);
	t->status = (enum ticket_status)queue_status_parse(buf);
	t->issued_ms = sqlite3_column_int64(st, 9);
	t->called_ms = sqlite3_column_int64(st, 10);
	t->announced_ms = sqlite3_column_int64(st, 11);
	t->finished_ms = sqlite3_column_int64(st, 12);
	col_text(st, 13, t->counter, sizeof t->counter);
	t->transfers = sqlite3_column_int(st, 14);
	t->recalls = sqlite3_column_int(st, 15);
	col_text(st, 16, buf, sizeof buf);
	t->print = !strcmp(buf, "failed") ? PRINT_FAILED : !strcmp(buf, "ok") ? PRINT_OK : PRINT_UNKNOWN;
	col_text(st, 17, buf, sizeof buf);
	t->end = (enum ticket_end)(queue_end_parse(buf) < 0 ? 0 : queue_end_parse(buf));
}

int64_t store_last_seq(struct store *s)
{
	sqlite3_stmt *st;
	int64_t seq = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT last FROM event_seq WHERE id = 1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return seq;
}

enum fronta_err store_load_queue(struct store *s, const struct config *cfg, const char *today, struct queue **out)
{
	char day[16];
	sqlite3_stmt *st = NULL;
	struct queue *q = NULL;
	int64_t max_id = 0;
	int rc;

	*out = NULL;
	if (store_get_meta(s, "day", day, sizeof day) != FRONTA_OK)
		return FRONTA_EINTERNAL;
	/* A database written before its day was recorded (or by a frontad that
	 * never saw a day change) holds the day in its latest tickets. */
	if (!day[0] && sqlite3_prepare_v2(s->db, "SELECT coalesce(max(day), '') FROM tickets", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			col_text(st, 0, day, sizeof day);
		sqlite3_finalize(st);
		st = NULL;
	}
	if (!day[0])
		snprintf(day, sizeof day, "%s", today);
	q = queue_new(cfg, day);
	if (!q)
		return FRONTA_ENOMEM;

	/* The stored day's tickets (numbering, estimates, the day change). */
	if (sqlite3_prepare_v2(s->db,
	        "SELECT id, day, letter, seq_no, number, service, lang, priority, status, issued_ms,"
	        " called_ms, announced_ms, finished_ms, counter, transfers, recalls, print, end_reason"
	        " FROM tickets WHERE day = ?1 OR status IN ('waiting', 'called') ORDER BY id",
	        -1, &st, NULL) != SQLITE_OK)
		goto fail;
	bind_text(st, 1, day);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ticket t;
		read_ticket(st, &t);
		if (queue_restore_ticket(q, &t) != 0)
			goto fail;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(s->db, "SELECT id, state, ticket_id, services, since_ms FROM counters", -1, &st, NULL) !=
	    SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct counter c;
		char state[16];
		memset(&c, 0, sizeof c);
		col_text(st, 0, c.id, sizeof c.id);
		col_text(st, 1, state, sizeof state);
		c.state = (enum counter_state)(config_counter_state_parse(state) < 0 ? COUNTER_CLOSED
		                                                                      : config_counter_state_parse(state));
		c.ticket_id = sqlite3_column_int64(st, 2);
		col_text(st, 3, c.services, sizeof c.services);
		c.since_ms = sqlite3_column_int64(st, 4);
		/* services no longer in the configuration are dropped */
		{
			char keep[sizeof c.services];
			size_t n = 0;
			for (const char *p = c.services; *p; p++)
				if (config_service(cfg, *p))
					keep[n++] = *p;
			keep[n] = '\0';
			memcpy(c.services, keep, n + 1);
		}
		if (queue_restore_counter(q, &c) != 0)
			log_warn("database: counter %s is no longer in the configuration; ignored", c.id);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(max(id), 0) FROM tickets", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		max_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	queue_restore_seq(q, store_last_seq(s), max_id + 1);
	*out = q;
	return FRONTA_OK;
fail:
	log_error("database: cannot load the queue: %s", sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	queue_free(q);
	return FRONTA_EINTERNAL;
}

enum fronta_err store_load_requests(struct store *s, const char *day,
                                    void (*fn)(void *user, const char *request_id, const char *answer), void *user)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(s->db, "SELECT request_id, answer FROM requests WHERE day = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return FRONTA_EINTERNAL;
	bind_text(st, 1, day);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(user, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? FRONTA_OK : FRONTA_EINTERNAL;
}

enum fronta_err store_events_after(struct store *s, int64_t after,
                                   void (*fn)(void *user, int64_t seq, const char *json), void *user)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(s->db, "SELECT seq, body FROM events WHERE seq > ?1 ORDER BY seq", -1, &st, NULL) !=
	    SQLITE_OK)
		return FRONTA_EINTERNAL;
	sqlite3_bind_int64(st, 1, after);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(user, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? FRONTA_OK : FRONTA_EINTERNAL;
}

/* Copies the main database of src into a new file path, in small steps so a
 * running daemon is never blocked for long. */
static enum fronta_err backup_db(sqlite3 *src, const char *path, char *err, size_t errlen)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot create %s: %s", path, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(dst);
		return FRONTA_EIO;
	}
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		snprintf(err, errlen, "cannot back up to %s: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return FRONTA_EIO;
	}
	/* Small steps, so a running daemon is never blocked for long. */
	do {
		rc = sqlite3_backup_step(b, 64);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(5);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "backup to %s failed: %s", path, sqlite3_errstr(rc));
		sqlite3_close(dst);
		return FRONTA_EIO;
	}
	rc = sqlite3_close(dst);
	return rc == SQLITE_OK ? FRONTA_OK : FRONTA_EIO;
}

enum fronta_err store_backup(struct store *s, const char *path, char *err, size_t errlen)
{
	return backup_db(s->db, path, err, errlen);
}

enum fronta_err store_check_file(const char *path, long *tickets, long *events, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	enum fronta_err rc = FRONTA_EIO;
	const char *what = "";
	int version = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		snprintf(err, errlen, "%s is not a database: %s", path, sqlite3_errmsg(db));
		goto out;
	}
	what = (const char *)sqlite3_column_text(st, 0);
	if (!what || strcmp(what, "ok") != 0) {
		snprintf(err, errlen, "%s is damaged: %s", path, what ? what : "?");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (version < 1 || version > store_n_migrations) {
		snprintf(err, errlen, "%s has schema version %d; this Fronta reads 1 to %d", path, version,
		         store_n_migrations);
		goto out;
	}
	if (tickets && sqlite3_prepare_v2(db, "SELECT count(*) FROM tickets", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		*tickets = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (events && sqlite3_prepare_v2(db, "SELECT last FROM event_seq", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		*events = sqlite3_column_int64(st, 0);
	rc = FRONTA_OK;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

enum fronta_err store_backup_file(const char *src, const char *dst, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	char tmp[1024];
	enum fronta_err rc;

	if (snprintf(tmp, sizeof tmp, "%s.partial", dst) >= (int)sizeof tmp) {
		snprintf(err, errlen, "path too long: %s", dst);
		return FRONTA_EIO;
	}
	/* Read-only, but a WAL database needs its -shm: open read-write without
	 * creating, and never write (no migration here). */
	if (sqlite3_open_v2(src, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", src, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return FRONTA_EIO;
	}
	sqlite3_busy_timeout(db, 2000);
	unlink(tmp);
	rc = backup_db(db, tmp, err, errlen);
	sqlite3_close(db);
	if (rc == FRONTA_OK)
		rc = store_check_file(tmp, NULL, NULL, err, errlen);
	if (rc == FRONTA_OK && rename(tmp, dst) != 0) {
		snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, dst, strerror(errno));
		rc = FRONTA_EIO;
	}
	if (rc != FRONTA_OK)
		unlink(tmp);
	return rc;
}
