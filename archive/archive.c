/* The head-office archive's SQL: events stored by (branch, seq) as
 * received, gaps noted and filled, and the figures of the archive (the
 * engine of store/report.c with this database's statements). */
#include "archive/archive.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "store/store.h"

enum stmt_id { ST_BEGIN, ST_COMMIT, ST_ROLLBACK, ST_GET_BRANCH, ST_NEW_BRANCH, ST_PUT_EVENT, ST_GET_BODY,
               ST_SET_BRANCH, ST_REPEAT, ST_CONFLICT, ST_PUT_GAP, ST_FIND_GAP, ST_DROP_GAP, ST_COUNT };

static const char *const stmt_sql[ST_COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_GET_BRANCH] = "SELECT first_seq, last_seq FROM branches WHERE branch = ?1",
	[ST_NEW_BRANCH] = "INSERT INTO branches (branch, first_seq, last_seq, last_ms) VALUES (?1, ?2, ?2, ?3)",
	[ST_PUT_EVENT] = "INSERT OR IGNORE INTO events (branch, seq, day, at_ms, type, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_GET_BODY] = "SELECT body = ?3 FROM events WHERE branch = ?1 AND seq = ?2",
	[ST_SET_BRANCH] = "UPDATE branches SET first_seq = min(first_seq, ?2), last_seq = max(last_seq, ?2),"
	                  " events = events + 1, last_ms = ?3 WHERE branch = ?1",
	[ST_REPEAT] = "UPDATE branches SET repeats = repeats + 1 WHERE branch = ?1",
	[ST_CONFLICT] = "UPDATE branches SET conflicts = conflicts + 1 WHERE branch = ?1",
	[ST_PUT_GAP] = "INSERT INTO gaps (branch, first, last, noted_ms) VALUES (?1, ?2, ?3, ?4)",
	[ST_FIND_GAP] = "SELECT first, last, noted_ms FROM gaps WHERE branch = ?1 AND first <= ?2 AND last >= ?2",
	[ST_DROP_GAP] = "DELETE FROM gaps WHERE branch = ?1 AND first = ?2",
};

static const struct store_figures_sql archive_sql = {
	.load_kept = "SELECT branch, day, " STORE_FIGURE_COLUMNS " FROM figures"
	             " WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR branch = ?3)",
	.load_events = "SELECT e.seq, e.body, e.branch FROM events e WHERE e.day BETWEEN ?1 AND ?2"
	               " AND (?3 IS NULL OR e.branch = ?3) AND NOT EXISTS (SELECT 1 FROM figure_days f"
	               " WHERE f.branch = e.branch AND f.day = e.day) ORDER BY e.branch, e.seq",
	.uncounted = "SELECT DISTINCT e.branch, e.day FROM events e WHERE e.day < ?1 AND NOT EXISTS"
	             " (SELECT 1 FROM figure_days f WHERE f.branch = e.branch AND f.day = e.day)"
	             " ORDER BY e.branch, e.day",
	.day_events = "SELECT seq, body, branch FROM events WHERE branch = ?1 AND day = ?2 ORDER BY seq",
	.insert_day = "INSERT INTO figure_days (branch, day, events, made_ms) VALUES (?1, ?2, ?3, ?4)",
	.insert_cell = "INSERT INTO figures (branch, day, " STORE_FIGURE_COLUMNS ")"
	               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	.purgeable = "SELECT f.branch, f.day FROM figure_days f WHERE f.day < ?1 AND EXISTS"
	             " (SELECT 1 FROM events e WHERE e.branch = f.branch AND e.day = f.day) ORDER BY f.branch, f.day",
	.purge_tickets = NULL,
	.purge_events = "DELETE FROM events WHERE branch = ?1 AND day = ?2",
	.count_when_purged = true,
};

struct archive {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
};

struct archive *archive_open(const char *path, char *err, size_t errlen)
{
	struct archive *a = calloc(1, sizeof *a);
	if (!a) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	a->db = store_open_sqlite(path, archive_migrations, archive_n_migrations, err, errlen);
	if (!a->db)
		goto fail;
	/* Reports read while the archiver writes; a purge may hold the lock
	 * for one day's events. */
	sqlite3_busy_timeout(a->db, 10000);
	for (int i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v3(a->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &a->st[i], NULL) != SQLITE_OK) {
			snprintf(err, errlen, "cannot prepare statement %d: %s", i, sqlite3_errmsg(a->db));
			goto fail;
		}
	}
	return a;
fail:
	archive_close(a);
	return NULL;
}

void archive_close(struct archive *a)
{
	if (!a)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(a->st[i]);
	sqlite3_close(a->db);
	free(a);
}

/* Steps st once; returns SQLite's code and resets it. */
static int run(struct archive *a, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		log_error("archive: %s (%s)", sqlite3_errmsg(a->db), sqlite3_errstr(rc));
	return rc;
}

enum fronta_err archive_begin(struct archive *a)
{
	return run(a, a->st[ST_BEGIN]) == SQLITE_DONE ? FRONTA_OK : FRONTA_EINTERNAL;
}

enum fronta_err archive_commit(struct archive *a)
{
	return run(a, a->st[ST_COMMIT]) == SQLITE_DONE ? FRONTA_OK : FRONTA_EINTERNAL;
}

void archive_rollback(struct archive *a)
{
	if (!sqlite3_get_autocommit(a->db))
		run(a, a->st[ST_ROLLBACK]);
}

/* Binds (branch, n1, n2, n3) and steps once. */
static int run_b(struct archive *a, enum stmt_id id, const char *branch, int64_t n1, int64_t n2, int64_t n3)
{
	sqlite3_stmt *st = a->st[id];
	int n = sqlite3_bind_parameter_count(st);
	sqlite3_bind_text(st, 1, branch, -1, SQLITE_TRANSIENT);
	if (n >= 2)
		sqlite3_bind_int64(st, 2, n1);
	if (n >= 3)
		sqlite3_bind_int64(st, 3, n2);
	if (n >= 4)
		sqlite3_bind_int64(st, 4, n3);
	return run(a, st);
}

/* The event seq was missing: the gap holding it shrinks (or goes). */
static int fill_gap(struct archive *a, const char *branch, int64_t seq, bool *filled)
{
	sqlite3_stmt *st = a->st[ST_FIND_GAP];
	int64_t first, last, noted;
	int rc;

	*filled = false;
	sqlite3_bind_text(st, 1, branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, seq);
	rc = sqlite3_step(st);
	first = sqlite3_column_int64(st, 0);
	last = sqlite3_column_int64(st, 1);
	noted = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 0;       /* not in a gap: purged earlier, and sent again */
	if (rc != SQLITE_ROW || run_b(a, ST_DROP_GAP, branch, first, 0, 0) != SQLITE_DONE)
		return -1;
	if (first < seq && run_b(a, ST_PUT_GAP, branch, first, seq - 1, noted) != SQLITE_DONE)
		return -1;
	if (seq < last && run_b(a, ST_PUT_GAP, branch, seq + 1, last, noted) != SQLITE_DONE)
		return -1;
	*filled = true;
	return 0;
}

int archive_put_event(struct archive *a, const char *branch, const struct event *e, const char *json,
                      int64_t *gap_first, int64_t *gap_last)
{
	sqlite3_stmt *st = a->st[ST_GET_BRANCH];
	int64_t now = clock_now_ms(), first = 0, last = 0;
	bool known, filled;
	int rc;

	*gap_first = *gap_last = 0;
	sqlite3_bind_text(st, 1, branch, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	known = rc == SQLITE_ROW;
	if (known) {
		first = sqlite3_column_int64(st, 0);
		last = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (!known && run_b(a, ST_NEW_BRANCH, branch, e->seq, now, 0) != SQLITE_DONE)
		return -1;

	st = a->st[ST_PUT_EVENT];
	sqlite3_bind_text(st, 1, branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, e->seq);
	sqlite3_bind_text(st, 3, e->day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, e->at_ms);
	sqlite3_bind_text(st, 5, queue_event_name(e->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, json, -1, SQLITE_TRANSIENT);
	if (run(a, st) != SQLITE_DONE)
		return -1;
	if (sqlite3_changes(a->db) == 0) {
		/* Stored already: a repeat (frontad republishes after a restart;
		 * QoS 1 may deliver twice), or a different event with this seq. */
		st = a->st[ST_GET_BODY];
		sqlite3_bind_text(st, 1, branch, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, e->seq);
		sqlite3_bind_text(st, 3, json, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (run_b(a, rc ? ST_REPEAT : ST_CONFLICT, branch, 0, 0, 0) != SQLITE_DONE)
			return -1;
		return rc ? ARCHIVE_REPEAT : ARCHIVE_CONFLICT;
	}
	if (run_b(a, ST_SET_BRANCH, branch, e->seq, now, 0) != SQLITE_DONE)
		return -1;
	if (!known)
		return ARCHIVE_STORED;
	if (e->seq > last + 1 || e->seq < first - 1) {
		/* Missing between the last one and this (or, for an older event
		 * than any before, between it and the first). */
		*gap_first = e->seq > last ? last + 1 : e->seq + 1;
		*gap_last = e->seq > last ? e->seq - 1 : first - 1;
		if (run_b(a, ST_PUT_GAP, branch, *gap_first, *gap_last, now) != SQLITE_DONE)
			return -1;
		return ARCHIVE_AFTER_GAP;
	}
	if (e->seq > last || e->seq < first)
		return ARCHIVE_STORED;
	if (fill_gap(a, branch, e->seq, &filled) != 0)
		return -1;
	return filled ? ARCHIVE_FILLED : ARCHIVE_STORED;
}

int archive_list_branches(struct archive *a, struct archive_branch **out)
{
	sqlite3_stmt *st;
	struct archive_branch *b = NULL;
	int n = 0, cap = 0, rc;

	*out = NULL;
	if (sqlite3_prepare_v2(a->db,
	                       "SELECT b.branch, b.first_seq, b.last_seq, b.events, b.repeats, b.conflicts,"
	                       " coalesce(sum(g.last - g.first + 1), 0), count(g.first), b.last_ms"
	                       " FROM branches b LEFT JOIN gaps g ON g.branch = b.branch"
	                       " GROUP BY b.branch ORDER BY b.branch",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			void *p = realloc(b, (size_t)(cap = cap ? cap * 2 : 8) * sizeof *b);
			if (!p) {
				rc = SQLITE_NOMEM;
				break;
			}
			b = p;
		}
		memset(&b[n], 0, sizeof b[n]);
		snprintf(b[n].branch, sizeof b[n].branch, "%s", (const char *)sqlite3_column_text(st, 0));
		b[n].first_seq = sqlite3_column_int64(st, 1);
		b[n].last_seq = sqlite3_column_int64(st, 2);
		b[n].events = sqlite3_column_int64(st, 3);
		b[n].repeats = sqlite3_column_int64(st, 4);
		b[n].conflicts = sqlite3_column_int64(st, 5);
		b[n].missing = sqlite3_column_int64(st, 6);
		b[n].gaps = sqlite3_column_int(st, 7);
		b[n].last_ms = sqlite3_column_int64(st, 8);
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(b);
		return -1;
	}
	*out = b;
	return n;
}

enum fronta_err archive_list_gaps(struct archive *a, const char *branch,
                                  void (*fn)(void *user, const char *branch, int64_t first, int64_t last,
                                             int64_t noted_ms),
                                  void *user)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(a->db,
	                       "SELECT branch, first, last, noted_ms FROM gaps WHERE ?1 IS NULL OR branch = ?1"
	                       " ORDER BY branch, first",
	                       -1, &st, NULL) != SQLITE_OK)
		return FRONTA_EINTERNAL;
	if (branch)
		sqlite3_bind_text(st, 1, branch, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(user, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		   sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? FRONTA_OK : FRONTA_EINTERNAL;
}

enum fronta_err archive_report_load(struct archive *a, const char *branch, const char *from, const char *to,
                                    const char *today, struct tally *t, char *err, size_t errlen)
{
	return store_figures_load(a->db, &archive_sql, branch, from, to, today, t, err, errlen);
}

enum fronta_err archive_retain(struct archive *a, const char *today, const char *keep_from,
                               struct store_retain *out, char *err, size_t errlen)
{
	return store_figures_retain(a->db, &archive_sql, today, keep_from, out, err, errlen);
}
