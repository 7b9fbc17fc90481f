/* The head-office archive: every branch's events as the branch published
 * them, kept in one SQLite database with each branch's seq, so that a
 * restart resumes without loss or duplicates and what is missing is known
 * (docs/reports.md, "The head-office archive"). Reports run over it across
 * branches. All its SQL is in archive.c and schema.c. */
#ifndef FRONTA_ARCHIVE_H
#define FRONTA_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "core/queue.h"
#include "report/tally.h"
#include "store/report.h"

extern const char *const archive_migrations[];
extern const int archive_n_migrations;

struct archive;

/* Opens (creating if needed) the archive at path, migrating its schema.
 * Returns NULL with a message in err if it cannot. */
struct archive *archive_open(const char *path, char *err, size_t errlen);
void archive_close(struct archive *a);

/* One transaction (BEGIN IMMEDIATE ... COMMIT) around archive_put_event
 * calls. FRONTA_OK or FRONTA_EINTERNAL (then roll back). */
enum fronta_err archive_begin(struct archive *a);
enum fronta_err archive_commit(struct archive *a);
void archive_rollback(struct archive *a);

/* What became of an event offered to the archive. */
enum archive_put {
	ARCHIVE_STORED,     /* the next one of its branch, or the branch's first */
	ARCHIVE_AFTER_GAP,  /* stored; the events before it since the last one are missing (noted) */
	ARCHIVE_FILLED,     /* stored; it was missing, the gap is smaller now */
	ARCHIVE_REPEAT,     /* stored already: ignored */
	ARCHIVE_CONFLICT    /* another event with this seq is stored: ignored (logged) */
};

/* Stores event e of branch; json is the message as received (stored as is).
 * Inside a transaction. Returns the outcome (for ARCHIVE_AFTER_GAP the
 * missing range in *gap_first..*gap_last), or -1 if storing failed: roll
 * back; nothing of the transaction is kept. */
int archive_put_event(struct archive *a, const char *branch, const struct event *e, const char *json,
                      int64_t *gap_first, int64_t *gap_last);

struct archive_branch {
	char branch[CONFIG_ID_LEN];
	int64_t first_seq, last_seq;   /* the first and last event received */
	int64_t events, repeats, conflicts;
	int64_t missing;               /* events in gaps */
	int gaps;
	int64_t last_ms;               /* when the last new event was stored */
};

/* The branches the archive has heard of, by id. *out is malloc'd (the
 * caller frees it). Returns how many, or -1 if reading failed. */
int archive_list_branches(struct archive *a, struct archive_branch **out);

/* Calls fn for each gap (first..last missing) of branch, or of every
 * branch if NULL, in order. FRONTA_OK or FRONTA_EINTERNAL. */
enum fronta_err archive_list_gaps(struct archive *a, const char *branch,
                                  void (*fn)(void *user, const char *branch, int64_t first, int64_t last,
                                             int64_t noted_ms),
                                  void *user);

/* Adds to t the figures of the days from..to of branch (NULL: every
 * branch), as store_report_load does for a branch database. */
enum fronta_err archive_report_load(struct archive *a, const char *branch, const char *from, const char *to,
                                    const char *today, struct tally *t, char *err, size_t errlen);

/* As store_report_retain, for every branch, but only the days before
 * keep_from are counted (then purged): until then a branch cut off for a
 * while may still deliver a day's last events, and the report counts the
 * events as they are. */
enum fronta_err archive_retain(struct archive *a, const char *today, const char *keep_from,
                               struct store_retain *out, char *err, size_t errlen);

#endif
