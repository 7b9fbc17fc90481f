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

int store_figures_fold(sqlite3_stmt *st, const char *branch, struct tally *t, int64_t *n_events)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_text(st, 1);
		const char *b = branch ? branch : (const char *)sqlite3_column_text(st, 2);
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

/* ---- the branch database ---- */

#define FIGURE_COLUMNS "dim, key, issued, transferred_in, served, no_show, cancelled, closed_waiting, " \
                       "transferred, waits, service_times"

static enum fronta_err fail(sqlite3 *db, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", what, sqlite3_errmsg(db));
	return FRONTA_EINTERNAL;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

enum fronta_err store_report_load(struct store *s, const char *branch, const char *from, const char *to,
                                  const char *today, struct tally *t, char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	enum fronta_err rc = FRONTA_OK;
	int step;

	/* One read transaction: WAL gives it one snapshot of both tables. */
	if (exec(db, "BEGIN") != SQLITE_OK)
		return fail(db, "cannot read the database", err, errlen);
	if (sqlite3_prepare_v2(db, "SELECT day, " FIGURE_COLUMNS " FROM figures WHERE day BETWEEN ?1 AND ?2", -1, &st,
	                       NULL) != SQLITE_OK) {
		rc = fail(db, "cannot read the kept figures", err, errlen);
		goto out;
	}
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct tally_cell c;
		int bad;
		memset(&c, 0, sizeof c);
		snprintf(c.branch, sizeof c.branch, "%s", branch);
		snprintf(c.period, sizeof c.period, "%s", (const char *)sqlite3_column_text(st, 0));
		bad = store_figures_read(st, 1, &c);
		if (!bad && tally_add_cell(t, &c) != 0)
			rc = FRONTA_ENOMEM;
		free(c.waits.v);
		free(c.service.v);
		if (bad)
			log_warn("figures: a kept row of %s is not understood; left out", c.period);
		if (rc)
			goto out;
	}
	if (step != SQLITE_DONE) {
		rc = fail(db, "cannot read the kept figures", err, errlen);
		goto out;
	}
	sqlite3_finalize(st);

	/* The days not counted yet: from their events. */
	if (sqlite3_prepare_v2(db,
	                       "SELECT seq, body FROM events WHERE day BETWEEN ?1 AND ?2"
	                       " AND day NOT IN (SELECT day FROM figure_days) ORDER BY seq",
	                       -1, &st, NULL) != SQLITE_OK) {
		rc = fail(db, "cannot read the events", err, errlen);
		goto out;
	}
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	step = store_figures_fold(st, branch, t, NULL);
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

/* Counts day (before today, so over) from its events and keeps its figures.
 * Inside a transaction. */
static enum fronta_err count_day(sqlite3 *db, const char *day, const char *today, char *err, size_t errlen)
{
	struct tally *t = tally_new();
	sqlite3_stmt *st = NULL;
	int64_t n_events = 0;
	enum fronta_err rc = FRONTA_OK;
	int step;

	if (!t)
		return FRONTA_ENOMEM;
	if (sqlite3_prepare_v2(db, "SELECT seq, body FROM events WHERE day = ?1 ORDER BY seq", -1, &st, NULL) !=
	    SQLITE_OK) {
		rc = fail(db, "cannot read the events", err, errlen);
		goto out;
	}
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	step = store_figures_fold(st, "", t, &n_events);
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_OK) {
		rc = step == SQLITE_NOMEM ? FRONTA_ENOMEM : fail(db, "cannot read the events", err, errlen);
		goto out;
	}
	tally_finish(t, today);

	if (sqlite3_prepare_v2(db, "INSERT INTO figure_days (day, events, made_ms) VALUES (?1, ?2, ?3)", -1, &st,
	                       NULL) != SQLITE_OK)
		goto sql_fail;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, n_events);
	sqlite3_bind_int64(st, 3, clock_now_ms());
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sql_fail;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "INSERT INTO figures (day, " FIGURE_COLUMNS ")"
	                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	                       -1, &st, NULL) != SQLITE_OK)
		goto sql_fail;
	for (int i = 0; i < tally_n_cells(t); i++) {
		const struct tally_cell *c = tally_cell_at(t, i);
		if (strcmp(c->period, day) != 0)
			continue;          /* cannot happen: events of day are tickets of day */
		sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
		if (store_figures_bind(st, 2, c) != 0) {
			rc = FRONTA_ENOMEM;
			goto out;
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			goto sql_fail;
		sqlite3_reset(st);
	}
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

/* The days (ascending) that sql, with ?1 bound to bound, lists. *out is
 * malloc'd (the caller frees it). Returns how many, or -1. */
static int list_days(sqlite3 *db, const char *sql, const char *bound, char (**out)[TZ_DAY_LEN])
{
	sqlite3_stmt *st;
	char(*days)[TZ_DAY_LEN] = NULL;
	int n = 0, cap = 0, step;

	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, bound, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			void *p = realloc(days, (size_t)(cap = cap ? cap * 2 : 16) * sizeof *days);
			if (!p) {
				step = SQLITE_NOMEM;
				break;
			}
			days = p;
		}
		snprintf(days[n++], TZ_DAY_LEN, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		free(days);
		return -1;
	}
	*out = days;
	return n;
}

/* Deletes one counted day's tickets and events. Inside a transaction. */
static enum fronta_err purge_day(sqlite3 *db, const char *day, struct store_retain *out, char *err, size_t errlen)
{
	static const char *const sql[] = {
		/* Only closed tickets: the day change has closed every old one,
		 * and the running queue must never lose a ticket. */
		"DELETE FROM tickets WHERE day = ?1 AND status NOT IN ('waiting', 'called')",
		"DELETE FROM events WHERE day = ?1",
	};
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK)
			return fail(db, "cannot purge", err, errlen);
		sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return fail(db, "cannot purge", err, errlen);
		}
		if (i == 0)
			out->tickets += sqlite3_changes(db);
		else
			out->events += sqlite3_changes(db);
		sqlite3_finalize(st);
	}
	return FRONTA_OK;
}

/* Runs fn for day in its own transaction (BEGIN IMMEDIATE: the write lock
 * is taken first, so a concurrent writer waits instead of failing). */
static enum fronta_err in_transaction(struct store *s, const char *day,
                                      enum fronta_err (*fn)(sqlite3 *, const char *, const char *, void *,
                                                            char *, size_t),
                                      const char *arg, void *user, char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	enum fronta_err rc;
	if (store_begin(s) != FRONTA_OK)
		return fail(db, "cannot begin a transaction", err, errlen);
	rc = fn(db, day, arg, user, err, errlen);
	if (rc == FRONTA_OK && store_commit(s) != FRONTA_OK)
		rc = fail(db, "cannot commit", err, errlen);
	if (rc != FRONTA_OK)
		store_rollback(s);
	return rc;
}

static enum fronta_err do_count(sqlite3 *db, const char *day, const char *today, void *user, char *err,
                                size_t errlen)
{
	(void)user;
	return count_day(db, day, today, err, errlen);
}

static enum fronta_err do_purge(sqlite3 *db, const char *day, const char *arg, void *user, char *err,
                                size_t errlen)
{
	(void)arg;
	return purge_day(db, day, user, err, errlen);
}

enum fronta_err store_report_retain(struct store *s, const char *today, const char *keep_from,
                                    struct store_retain *out, char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	char(*days)[TZ_DAY_LEN] = NULL;
	enum fronta_err rc = FRONTA_OK;
	int n;

	memset(out, 0, sizeof *out);
	n = list_days(db,
	              "SELECT DISTINCT day FROM events WHERE day < ?1"
	              " AND day NOT IN (SELECT day FROM figure_days) ORDER BY day",
	              today, &days);
	if (n < 0)
		return fail(db, "cannot list the days to count", err, errlen);
	for (int i = 0; i < n && rc == FRONTA_OK; i++) {
		rc = in_transaction(s, days[i], do_count, today, NULL, err, errlen);
		out->days_counted += rc == FRONTA_OK;
	}
	free(days);
	if (rc != FRONTA_OK)
		return rc;

	n = list_days(db,
	              "SELECT day FROM figure_days WHERE day < ?1 AND (day IN (SELECT day FROM events)"
	              " OR day IN (SELECT day FROM tickets)) ORDER BY day",
	              keep_from, &days);
	if (n < 0)
		return fail(db, "cannot list the days to purge", err, errlen);
	for (int i = 0; i < n && rc == FRONTA_OK; i++) {
		rc = in_transaction(s, days[i], do_purge, NULL, out, err, errlen);
		out->days_purged += rc == FRONTA_OK;
	}
	free(days);
	return rc;
}
