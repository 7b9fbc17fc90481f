/* The branch database: SQLite in WAL mode with synchronous=FULL, its schema
 * and migrations, and every SQL statement Fronta runs. Only frontad writes. */
#ifndef FRONTA_STORE_H
#define FRONTA_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "core/queue.h"

#define STORE_SCHEMA_VERSION 3

struct store;

/* Opens (creating if needed) the database at path (":memory:" for tests),
 * sets WAL and synchronous=FULL and migrates the schema forward. Returns
 * NULL with a message in err if it cannot, or if the file was written by a
 * newer Fronta. */
struct store *store_open(const char *path, char *err, size_t errlen);
void store_close(struct store *s);

/* Checkpoints (the WAL copied back into the database file) run so far by
 * the store's own thread, which runs them after the commit that passes
 * 1000 pages of WAL so that no commit waits for one. 0 for a database in
 * memory. */
long store_checkpoints(struct store *s);

/* The last SQLite error message, for logs. */
const char *store_errmsg(const struct store *s);

/* One transaction (BEGIN IMMEDIATE ... COMMIT). The put functions below run
 * inside it. Each returns FRONTA_OK or FRONTA_EINTERNAL (busy, I/O error,
 * disk full, constraint broken): then roll back, nothing is changed. */
enum fronta_err store_begin(struct store *s);
enum fronta_err store_commit(struct store *s);
void store_rollback(struct store *s);

enum fronta_err store_put_ticket(struct store *s, const struct ticket *t);
enum fronta_err store_put_counter(struct store *s, const struct counter *c);
/* json: the event exactly as published. */
enum fronta_err store_put_event(struct store *s, const struct event *e, const char *json);
/* The queue's day; also forgets request ids of earlier days. */
enum fronta_err store_put_day(struct store *s, const char *day);
/* The answer to a request, so that a retry gets it again. */
enum fronta_err store_put_request(struct store *s, const char *day, const char *request_id,
                                  const char *answer);
enum fronta_err store_put_meta(struct store *s, const char *key, const char *value);

/* Writes a change log (queue_changes) with its events' JSON (event_json[i]
 * for the i-th CHANGE_EVENT). Inside a transaction. */
enum fronta_err store_put_changes(struct store *s, const struct change *c, int n,
                                  char *const *event_json);

/* Reads a meta value into out ("" if absent). Returns FRONTA_OK or
 * FRONTA_EINTERNAL. */
enum fronta_err store_get_meta(struct store *s, const char *key, char *out, size_t cap);

/* Builds the queue as stored: the stored day's tickets, the counters, the
 * event seq. An empty database gives an empty queue for day today. The
 * caller then applies queue_new_day(today). *out is freed by the caller. */
enum fronta_err store_load_queue(struct store *s, const struct config *cfg, const char *today,
                                 struct queue **out);

/* Calls fn for each stored answer of day, in no order. */
enum fronta_err store_load_requests(struct store *s, const char *day,
                                    void (*fn)(void *user, const char *request_id, const char *answer),
                                    void *user);

/* Calls fn for each event with seq > after, in seq order. */
enum fronta_err store_events_after(struct store *s, int64_t after,
                                   void (*fn)(void *user, int64_t seq, const char *json), void *user);

/* The last event seq (0 if none). */
int64_t store_last_seq(struct store *s);

/* Online copy of the whole database to path (SQLite backup API). */
enum fronta_err store_backup(struct store *s, const char *path, char *err, size_t errlen);

/* The same from a database file that frontad may be using right now: reads
 * src (never writes or migrates it) into a new file dst, checks the copy
 * (integrity_check) and renames it into place only when it is whole.
 * Returns FRONTA_OK, or FRONTA_EIO with a message in err. */
enum fronta_err store_backup_file(const char *src, const char *dst, char *err, size_t errlen);

/* Checks that path is a whole Fronta database this program can open:
 * integrity_check passes and its schema is not newer. Returns FRONTA_OK or
 * FRONTA_EIO with a message; *tickets and *events (may be NULL) get counts. */
enum fronta_err store_check_file(const char *path, long *tickets, long *events, char *err, size_t errlen);

/* The underlying handle, for the report queries of store/report.c. */
struct sqlite3 *store_db(struct store *s);

/* Opens (creating if needed) the SQLite file at path as store_open does
 * (WAL, synchronous=FULL, foreign keys, a busy timeout) and migrates it
 * with migrations (migrations[i] takes user_version i to i + 1): for the
 * branch database, and for the head-office archive (archive/). Returns the
 * handle (close it with sqlite3_close), or NULL with a message in err, also
 * when the file was written by a newer Fronta. */
struct sqlite3 *store_open_sqlite(const char *path, const char *const *migrations, int n_migrations, char *err,
                                  size_t errlen);

#endif
