/* The figures of the branch database: a period's figures for reports, each
 * closed day's figures kept for good, and the retention purge of old tickets
 * and events (docs/reports.md, docs/privacy.md). The SQL is in report.c. */
#ifndef FRONTA_STORE_REPORT_H
#define FRONTA_STORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "report/tally.h"
#include "store/store.h"

/* Adds to t the figures of the days from..to (inclusive, "YYYY-MM-DD"),
 * labelled with branch: the kept figures of counted days, the events of the
 * others; the days before today are over (tally_finish). Reads one
 * snapshot, so a day counted meanwhile is neither missed nor counted twice.
 * Returns FRONTA_OK, or FRONTA_EINTERNAL / FRONTA_ENOMEM with a message in
 * err (t is then incomplete). */
enum fronta_err store_report_load(struct store *s, const char *branch, const char *from, const char *to,
                                  const char *today, struct tally *t, char *err, size_t errlen);

/* What store_report_retain did. */
struct store_retain {
	int days_counted;        /* days whose figures were kept now */
	int days_purged;         /* days whose tickets and events were deleted */
	int64_t tickets;         /* tickets deleted */
	int64_t events;          /* events deleted */
};

/* Keeps the figures of every day before today not counted yet, then
 * deletes the tickets and events of counted days before keep_from (a day
 * not counted is never purged). One short transaction per day, so another
 * connection (frontad, when frontactl purge runs) waits at most that long.
 * Call it outside a transaction. Returns FRONTA_OK, or FRONTA_EINTERNAL
 * with a message in err; what was done before the failure stays done and
 * *out says so. */
enum fronta_err store_report_retain(struct store *s, const char *today, const char *keep_from,
                                    struct store_retain *out, char *err, size_t errlen);

/* ---- figures over SQLite, shared with the head-office archive
 * (archive/), which keeps figures in the same columns with the branch:
 * dim, key, the counts up to TALLY_OPEN (open is never kept: a kept day
 * is over), waits, service_times. ---- */

#define STORE_FIGURE_COUNTS TALLY_OPEN
#define STORE_FIGURE_COLUMNS "dim, key, issued, transferred_in, served, no_show, cancelled, closed_waiting, " \
                             "transferred, waits, service_times"

struct sqlite3;
struct sqlite3_stmt;

/* A database's own SQL for its figures. Event rows are (seq, body, branch)
 * in seq order per branch; figure rows (branch, day, STORE_FIGURE_COLUMNS).
 * The day statements take ?1 = branch ("" in a branch database), ?2 = day. */
struct store_figures_sql {
	const char *load_kept;     /* figure rows of days ?1..?2 of branch ?3 (NULL: all) */
	const char *load_events;   /* event rows of days ?1..?2 not counted, of branch ?3 */
	const char *uncounted;     /* (branch, day) with events, before day ?1, not counted */
	const char *day_events;    /* event rows of one day */
	const char *insert_day;    /* a counted day: ?3 events, ?4 made_ms */
	const char *insert_cell;   /* a figure row, its columns from ?3 */
	const char *purgeable;     /* (branch, day) counted, before ?1, with rows left */
	const char *purge_tickets; /* deletes one day's closed tickets (NULL: none kept) */
	const char *purge_events;  /* deletes one day's events */
	/* Count only the days about to be purged (before keep_from) rather
	 * than every day that is over: the archive, where a branch cut off for
	 * a while delivers a day's last events late. */
	bool count_when_purged;
};

/* store_report_load and store_report_retain for a database with sql. */
enum fronta_err store_figures_load(struct sqlite3 *db, const struct store_figures_sql *sql, const char *branch,
                                   const char *from, const char *to, const char *today, struct tally *t, char *err,
                                   size_t errlen);
enum fronta_err store_figures_retain(struct sqlite3 *db, const struct store_figures_sql *sql, const char *today,
                                     const char *keep_from, struct store_retain *out, char *err, size_t errlen);

/* Binds c's columns to parameters first, first + 1, ... of st. Returns 0,
 * or -1 if out of memory. */
int store_figures_bind(struct sqlite3_stmt *st, int first, const struct tally_cell *c);

/* Reads the columns first, first + 1, ... of st's current row into c
 * (whose samples are appended to; the caller frees them). Returns 0, or -1
 * if the row is not understood. */
int store_figures_read(struct sqlite3_stmt *st, int first, struct tally_cell *c);

/* Inserts each cell of t with ins, its columns bound from parameter first
 * on (the caller binds those before first once). Returns SQLITE_OK,
 * SQLITE_NOMEM, or SQLite's error code. */
int store_figures_write(struct sqlite3_stmt *ins, int first, const struct tally *t);

/* Steps st, whose rows are event rows, feeding each event to t. Counts
 * events read in *n_events if not NULL. An event not understood is logged
 * and left out. Returns SQLITE_OK, SQLITE_NOMEM, or SQLite's error code. */
int store_figures_fold(struct sqlite3_stmt *st, struct tally *t, int64_t *n_events);

#endif
