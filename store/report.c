/* The branch database's report SQL: figures of a period, the figures of
 * closed days kept in table figures (schema.c, migration 1 -> 2), and the
 * retention purge. The row helpers at the top serve the archive database
 * too, which keeps figures in the same columns. */
#include "store/report.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/proto.h"
#include "core/tz.h"

/* ---- figure rows: dim, key, the stored counts, waits, service_times ---- */

int store_figures_bind(sqlite3_stmt *st, int first, const struct tally_cell *c)
{
	char *waits = tally_samples_format(&c->waits), *service = tally_samples_format(&c->service);
	int i = first;
	if (!waits || !service) {
		free(waits);
		free(service);
		return -1;
	}
	sqlite3_bind_text(st, i++, tally_dim_name(c->dim), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, i++, c->key, -1, SQLITE_TRANSIENT);
	for (int k = 0; k < STORE_FIGURE_COUNTS; k++)
		sqlite3_bind_int(st, i++, c->n[k]);
	sqlite3_bind_text(st, i++, waits, -1, free);
	sqlite3_bind_text(st, i, service, -1, free);
	return 0;
}

int store_figures_read(sqlite3_stmt *st, int first, struct tally_cell *c)
{
	const char *dim = (const char *)sqlite3_column_text(st, first);
	const char *key = (const char *)sqlite3_column_text(st, first + 1);
	int i = first + 2, d = tally_dim_parse(dim);

	if (d < 0 || !key)
		return -1;
	c->dim = (enum tally_dim)d;
	snprintf(c->key, sizeof c->key, "%s", key);
	for (int k = 0; k < STORE_FIGURE_COUNTS; k++)
		c->n[k] = sqlite3_column_int(st, i++);
	if (tally_samples_parse(&c->waits, (const char *)sqlite3_column_text(st, i)) != 0 ||
	    tally_samples_parse(&c->service, (const char *)sqlite3_column_text(st, i + 1)) != 0)
		return -1;
	return 0;
}

int store_figures_fold(sqlite3_stmt *st, struct tally *t, int64_t *n_events)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_text(st, 1);
		const char *b = (const char *)sqlite3_column_text(st, 2);
		struct event e;
		if (!body || !b || proto_parse_event(body, strlen(body), &e) != 0) {
			log_warn("figures: event %lld is not understood; left out", (long long)sqlite3_column_int64(st, 0));
			continue;
		}
		if (tally_event(t, b, &e) != 0)
			return SQLITE_NOMEM;
		if (n_events)
			(*n_events)++;
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_figures_write(sqlite3_stmt *ins, int first, const struct tally *t)
{
	for (int i = 0; i < tally_n_cells(t); i++) {
		int rc;
		if (store_figures_bind(ins, first, tally_cell_at(t, i)) != 0)
			return SQLITE_NOMEM;
		rc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (rc != SQLITE_DONE)
			return rc;
	}
	return SQLITE_OK;
}

/* ---- figures over SQLite: the branch database and the archive, each with
 * its own SQL (struct store_figures_sql) ---- */

static enum fronta_err fail(sqlite3 *db, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", what, sqlite3_errmsg(db));
	return FRONTA_EINTERNAL;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Prepares sql with ?1 = from, ?2 = to, ?3 = branch (NULL: any). */
static sqlite3_stmt *prepare_range(sqlite3 *db, const char *sql, const char *from, const char *to,
                                   const char *branch)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	bind_opt(st, 1, from);
	bind_opt(st, 2, to);
	bind_opt(st, 3, branch);
	return st;
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return v ? (const char *)v : "";
}

enum fronta_err store_figures_load(sqlite3 *db, const struct store_figures_sql *sql, const char *branch,
                                   const char *from, const char *to, const char *today, struct tally *t, char *err,
                                   size_t errlen)
{
	sqlite3_stmt *st = NULL;
	enum fronta_err rc = FRONTA_OK;
	int step;

	/* One read transaction: WAL gives it one snapshot of every table. */
	if (exec(db, "BEGIN") != SQLITE_OK)
		return fail(db, "cannot read the database", err, errlen);
	if (!(st = prepare_range(db, sql->load_kept, from, to, branch))) {
		rc = fail(db, "cannot read the kept figures", err, errlen);
		goto out;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct tally_cell c;
		int bad;
		memset(&c, 0, sizeof c);
		snprintf(c.branch, sizeof c.branch, "%s", col(st, 0));
		snprintf(c.period, sizeof c.period, "%s", col(st, 1));
		bad = store_figures_read(st, 2, &c);
		if (!bad && tally_add_cell(t, &c) != 0)
			rc = FRONTA_ENOMEM;
		free(c.waits.v);
		free(c.service.v);
		if (bad)
			log_warn("figures: a kept row of %s %s is not understood; left out", c.branch, c.period);
		if (rc)
			goto out;
	}
	if (step != SQLITE_DONE) {
		rc = fail(db, "cannot read the kept figures", err, errlen);
		goto out;
	}
	sqlite3_finalize(st);

	/* The days not counted yet: from their events. */
	if (!(st = prepare_range(db, sql->load_events, from, to, branch))) {
		rc = fail(db, "cannot read the events", err, errlen);
		goto out;
	}
	step = store_figures_fold(st, t, NULL);
	if (step != SQLITE_OK)
		rc = step == SQLITE_NOMEM ? FRONTA_ENOMEM : fail(db, "cannot read the events", err, errlen);
	else
		tally_finish(t, today);
out:
	if (rc == FRONTA_ENOMEM)
		snprintf(err, errlen, "out of memory");
	sqlite3_finalize(st);
	exec(db, "COMMIT");
	return rc;
}

/* A (branch, day) to count or purge; branch is "" in a branch database. */
struct day_key {
	char branch[CONFIG_ID_LEN];
	char day[TZ_DAY_LEN];
};

/* The (branch, day) rows that sql lists for ?1 = bound. *out is malloc'd
 * (the caller frees it). Returns how many, or -1. */
static int list_days(sqlite3 *db, const char *sql, const char *bound, struct day_key **out)
{
	sqlite3_stmt *st;
	struct day_key *keys = NULL;
	int n = 0, cap = 0, step;

	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, bound, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			void *p = realloc(keys, (size_t)(cap = cap ? cap * 2 : 16) * sizeof *keys);
			if (!p) {
				step = SQLITE_NOMEM;
				break;
			}
			keys = p;
		}
		snprintf(keys[n].branch, sizeof keys[n].branch, "%s", col(st, 0));
		snprintf(keys[n].day, sizeof keys[n].day, "%s", col(st, 1));
		n++;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		free(keys);
		return -1;
	}
	*out = keys;
	return n;
}

/* Prepares sql with ?1 = the key's branch and ?2 its day. */
static sqlite3_stmt *prepare_key(sqlite3 *db, const char *sql, const struct day_key *k)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, k->branch, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, k->day, -1, SQLITE_STATIC);
	return st;
}

/* Counts the day (over before today) from its events and keeps its
 * figures. Inside a transaction. */
static enum fronta_err count_day(sqlite3 *db, const struct store_figures_sql *sql, const struct day_key *k,
                                 const char *today, char *err, size_t errlen)
{
	struct tally *t = tally_new();
	sqlite3_stmt *st = NULL;
	int64_t n_events = 0;
	enum fronta_err rc = FRONTA_OK;
	int step;

	if (!t)
		return FRONTA_ENOMEM;
	if (!(st = prepare_key(db, sql->day_events, k))) {
		rc = fail(db, "cannot read the events", err, errlen);
		goto out;
	}
	step = store_figures_fold(st, t, &n_events);
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_OK) {
		rc = step == SQLITE_NOMEM ? FRONTA_ENOMEM : fail(db, "cannot read the events", err, errlen);
		goto out;
	}
	tally_finish(t, today);

	if (!(st = prepare_key(db, sql->insert_day, k)))
		goto sql_fail;
	sqlite3_bind_int64(st, 3, n_events);
	sqlite3_bind_int64(st, 4, clock_now_ms());
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sql_fail;
	sqlite3_finalize(st);
	if (!(st = prepare_key(db, sql->insert_cell, k)))
		goto sql_fail;
	step = store_figures_write(st, 3, t);
	if (step == SQLITE_NOMEM)
		rc = FRONTA_ENOMEM;
	else if (step != SQLITE_OK)
		goto sql_fail;
	goto out;
sql_fail:
	rc = fail(db, "cannot keep the figures", err, errlen);
out:
	if (rc == FRONTA_ENOMEM)
		snprintf(err, errlen, "out of memory");
	sqlite3_finalize(st);
	tally_free(t);
	return rc;
}

/* Deletes what is left of a counted day. Inside a transaction. */
static enum fronta_err purge_day(sqlite3 *db, const struct store_figures_sql *sql, const struct day_key *k,
                                 struct store_retain *out, char *err, size_t errlen)
{
	const char *stmts[2] = { sql->purge_tickets, sql->purge_events };
	int64_t *counts[2] = { &out->tickets, &out->events };
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st;
		if (!stmts[i])
			continue;
		if (!(st = prepare_key(db, stmts[i], k)))
			return fail(db, "cannot purge", err, errlen);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return fail(db, "cannot purge", err, errlen);
		}
		*counts[i] += sqlite3_changes(db);
		sqlite3_finalize(st);
	}
	return FRONTA_OK;
}

enum fronta_err store_figures_retain(sqlite3 *db, const struct store_figures_sql *sql, const char *today,
                                     const char *keep_from, struct store_retain *out, char *err, size_t errlen)
{
	struct day_key *keys = NULL;
	enum fronta_err rc = FRONTA_OK;
	int n;

	memset(out, 0, sizeof *out);
	for (int pass = 0; pass < 2 && rc == FRONTA_OK; pass++) {
		const char *before = pass == 1 || sql->count_when_purged ? keep_from : today;
		n = list_days(db, pass == 0 ? sql->uncounted : sql->purgeable, before, &keys);
		if (n < 0)
			return fail(db, pass == 0 ? "cannot list the days to count" : "cannot list the days to purge", err,
			            errlen);
		/* One short transaction per day: BEGIN IMMEDIATE takes the write
		 * lock first, so another writer waits for one day at most. */
		for (int i = 0; i < n && rc == FRONTA_OK; i++) {
			if (exec(db, "BEGIN IMMEDIATE") != SQLITE_OK) {
				rc = fail(db, "cannot begin a transaction", err, errlen);
				break;
			}
			rc = pass == 0 ? count_day(db, sql, &keys[i], today, err, errlen)
			               : purge_day(db, sql, &keys[i], out, err, errlen);
			if (rc == FRONTA_OK && exec(db, "COMMIT") != SQLITE_OK)
				rc = fail(db, "cannot commit", err, errlen);
			if (rc != FRONTA_OK)
				exec(db, "ROLLBACK");
			else if (pass == 0)
				out->days_counted++;
			else
				out->days_purged++;
		}
		free(keys);
		keys = NULL;
	}
	return rc;
}

/* ---- the branch database's SQL. ?1 of the day statements, the branch,
 * is "" and unused: the database is one branch's. ---- */

static const struct store_figures_sql branch_sql = {
	.load_kept = "SELECT ?3, day, " STORE_FIGURE_COLUMNS " FROM figures WHERE day BETWEEN ?1 AND ?2",
	.load_events = "SELECT seq, body, ?3 FROM events WHERE day BETWEEN ?1 AND ?2"
	               " AND day NOT IN (SELECT day FROM figure_days) ORDER BY seq",
	.uncounted = "SELECT DISTINCT '', day FROM events WHERE day < ?1"
	             " AND day NOT IN (SELECT day FROM figure_days) ORDER BY day",
	.day_events = "SELECT seq, body, ?1 FROM events WHERE day = ?2 ORDER BY seq",
	.insert_day = "INSERT INTO figure_days (day, events, made_ms) VALUES (?2, ?3, ?4)",
	.insert_cell = "INSERT INTO figures (day, " STORE_FIGURE_COLUMNS ")"
	               " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	.purgeable = "SELECT '', day FROM figure_days WHERE day < ?1"
	             " AND (day IN (SELECT day FROM events) OR day IN (SELECT day FROM tickets)) ORDER BY day",
	/* Only closed tickets: the day change has closed every old one, and
	 * the running queue must never lose a ticket. */
	.purge_tickets = "DELETE FROM tickets WHERE day = ?2 AND status NOT IN ('waiting', 'called')",
	.purge_events = "DELETE FROM events WHERE day = ?2",
};

enum fronta_err store_report_load(struct store *s, const char *branch, const char *from, const char *to,
                                  const char *today, struct tally *t, char *err, size_t errlen)
{
	return store_figures_load(store_db(s), &branch_sql, branch, from, to, today, t, err, errlen);
}

enum fronta_err store_report_retain(struct store *s, const char *today, const char *keep_from,
                                    struct store_retain *out, char *err, size_t errlen)
{
	return store_figures_retain(store_db(s), &branch_sql, today, keep_from, out, err, errlen);
}
