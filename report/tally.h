/* The figures of the queue, counted from its events: tickets issued, served,
 * missed, transferred, and how long people waited, per branch and day, by
 * service, by language and by hour of issue. Pure: no I/O; databases feed
 * it events (store/report.c, archive/archive.c) or figures they kept.
 * What each figure means is written down in docs/reports.md. */
#ifndef FRONTA_TALLY_H
#define FRONTA_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/queue.h"

/* What a cell is counted by. */
enum tally_dim { TALLY_SERVICE, TALLY_LANG, TALLY_HOUR, TALLY_DIMS };

#define TALLY_KEY_LEN 16       /* "A", "uk", "09", "all" */
#define TALLY_PERIOD_LEN 16    /* "2026-11-23", "2026-W48", "2026-11" */
#define TALLY_ALL "all"        /* the key and branch of total rows */

/* Durations in whole seconds, in no order until sorted. */
struct tally_samples {
	int32_t *v;
	int n, cap;
};

/* What is counted of tickets; the names are the CSV columns and the stored
 * columns (docs/reports.md says what each means). */
enum tally_count {
	TALLY_ISSUED,          /* tickets taken (in this service, language, hour) */
	TALLY_TRANSFERRED_IN,  /* tickets sent here from another service */
	TALLY_SERVED,          /* called and finished done (also: at a counter when the day ended) */
	TALLY_NO_SHOW,         /* called, did not come */
	TALLY_CANCELLED,       /* withdrawn while waiting (by a worker, or the kiosk after a failed print) */
	TALLY_CLOSED_WAITING,  /* still waiting when the day ended: not served */
	TALLY_TRANSFERRED,     /* called, then sent to another service */
	TALLY_OPEN,            /* waiting or at a counter now (today only; never stored) */
	TALLY_COUNTS
};

/* The figures of one branch, period (a day until grouped), dimension and key. */
struct tally_cell {
	char branch[CONFIG_ID_LEN];
	char period[TALLY_PERIOD_LEN];
	enum tally_dim dim;
	char key[TALLY_KEY_LEN];
	int n[TALLY_COUNTS];
	struct tally_samples waits;     /* seconds: start of waiting for the service -> call */
	struct tally_samples service;   /* seconds: call -> done or transfer */
};

struct tally;

/* A new, empty tally. NULL if out of memory. */
struct tally *tally_new(void);
void tally_free(struct tally *t);

/* Feeds one event of branch; each branch's events must come in seq order.
 * Events without a ticket (counter) are ignored; an event of a later day
 * closes the branch's tickets of earlier days. A ticket that ended and is
 * called again the same day (a mistaken Done or No-show undone, a person
 * who came back) has that ending taken back. Returns 0, or -1 if out of
 * memory (the tally is then incomplete: free it). */
int tally_event(struct tally *t, const char *branch, const struct event *e);

/* The days before today are over: their tickets still open are closed as
 * the day change closes them (waiting: closed_waiting; at a counter:
 * served). Tickets of today stay open. Call after the last event. */
void tally_finish(struct tally *t, const char *today);

/* Adds the figures of a cell kept earlier (by store/report.c or the
 * archive) to the matching cell. Returns 0, or -1 if out of memory. */
int tally_add_cell(struct tally *t, const struct tally_cell *c);

/* The cells, in the order they were made. */
int tally_n_cells(const struct tally *t);
const struct tally_cell *tally_cell_at(const struct tally *t, int i);

/* How cells are grouped for a report. */
enum tally_by { TALLY_BY_DAY, TALLY_BY_WEEK, TALLY_BY_MONTH };

/* "day", "week", "month" and back (-1 if unknown). */
const char *tally_by_name(enum tally_by by);
int tally_by_parse(const char *s);

/* The period of day ("YYYY-MM-DD"): the day itself, its ISO week
 * ("2026-W48") or its month ("2026-11"). Returns 0, or -1 if day is bad. */
int tally_period(const char *day, enum tally_by by, char out[TALLY_PERIOD_LEN]);

/* A new tally whose cells add up src's by period, in report order (period,
 * branch, key; totals last). totals adds, per period and dimension, a
 * TALLY_ALL key (every service together) for each branch, and a TALLY_ALL
 * branch when there are several. NULL if out of memory. */
struct tally *tally_group(const struct tally *src, enum tally_by by, bool totals);

/* The p-th percentile (0 < p <= 100) of s by nearest rank: the smallest
 * value that at least p% of the samples do not exceed (p = 50: the median).
 * Returns -1 if s is empty (or memory ran out). */
int tally_percentile(const struct tally_samples *s, int p);

/* Samples as text for storing, "[12,40,300]" (malloc'd; NULL if out of
 * memory), and back: appends the numbers of text to s. Returns 0, or -1
 * if text is not such a list or memory ran out. */
char *tally_samples_format(const struct tally_samples *s);
int tally_samples_parse(struct tally_samples *s, const char *text);

/* "issued", "transferred_in", ... */
const char *tally_count_name(enum tally_count c);

/* "service", "lang", "hour" and back (-1 if unknown). */
const char *tally_dim_name(enum tally_dim d);
int tally_dim_parse(const char *s);

#endif
