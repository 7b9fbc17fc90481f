/* The queue engine of one branch for one local day: tickets, numbering, call
 * order, counters, estimates and the day change. Pure: no I/O. Every change
 * is also written to a change log (tickets, counters, events) that the
 * daemon stores in one transaction before anything is answered.
 * The rules are written down in docs/architecture.md ("The engine"). */
#ifndef FRONTA_QUEUE_H
#define FRONTA_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"

#define TICKET_NUMBER_LEN 8   /* "A023", "A1000", NUL */
#define COUNTER_ID_LEN    16
#define QUEUE_RECENT_CALLS 10

enum ticket_status { TICKET_WAITING, TICKET_CALLED, TICKET_DONE, TICKET_NO_SHOW, TICKET_CANCELLED };
enum print_state { PRINT_UNKNOWN, PRINT_OK, PRINT_FAILED };

/* Why a ticket ended without a worker's action (stored, for reports). */
enum ticket_end { END_NONE, END_DAY, END_WITHDRAWN };

struct ticket {
	int64_t id;                    /* unique in the database */
	char day[11];                  /* local day it was issued */
	char number[TICKET_NUMBER_LEN];
	char letter;                   /* the letter of its number */
	int seq_no;                    /* the digits of its number */
	char service;                  /* current service (differs after a transfer) */
	char lang[CONFIG_LANG_LEN];
	bool priority;
	enum ticket_status status;
	int64_t issued_ms;             /* its place in the queue; a transfer keeps it */
	int64_t called_ms;             /* last call by a counter, 0 if never */
	int64_t announced_ms;          /* last call or recall, 0 if never */
	int64_t finished_ms;           /* done, no_show, cancelled; 0 while open */
	char counter[COUNTER_ID_LEN];  /* counter that called it, "" if none */
	int transfers;
	int recalls;
	enum print_state print;
	enum ticket_end end;
	/* Filled by the estimate for waiting tickets, 0 for others. */
	int ahead;
	int est_wait_s;
};

struct counter {
	char id[COUNTER_ID_LEN];
	enum counter_state state;
	int64_t ticket_id;                 /* current ticket, 0 if none */
	char services[CONFIG_MAX_SERVICES + 1]; /* what it takes now */
	int64_t since_ms;                  /* last change of state */
};

enum event_type { EV_ISSUED, EV_CALLED, EV_RECALLED, EV_DONE, EV_NO_SHOW, EV_TRANSFERRED,
                  EV_CANCELLED, EV_COUNTER, EV_DAY, EV_PRINT, EV_COUNT };

struct event {
	int64_t seq;
	enum event_type type;
	int64_t at_ms;
	char day[11];                      /* local day the event belongs to */
	bool has_ticket;
	struct ticket ticket;              /* the ticket after the change */
	char counter[COUNTER_ID_LEN];      /* "" if none */
	enum counter_state counter_state;  /* EV_COUNTER */
	char services[CONFIG_MAX_SERVICES + 1]; /* EV_COUNTER */
	char from_service;                 /* EV_TRANSFERRED */
};

enum change_kind { CHANGE_TICKET, CHANGE_COUNTER, CHANGE_EVENT, CHANGE_DAY };

struct change {
	enum change_kind kind;
	struct ticket ticket;       /* CHANGE_TICKET */
	struct counter counter;     /* CHANGE_COUNTER */
	struct event event;         /* CHANGE_EVENT */
	char day[11];               /* CHANGE_DAY: the queue's day is now this */
};

struct queue;

/* A new, empty queue for local day (YYYY-MM-DD); counters start in their
 * configured state. cfg must outlive the queue. NULL if out of memory. */
struct queue *queue_new(const struct config *cfg, const char *day);
void queue_free(struct queue *q);

/* Restoring from storage (no change log entries). A ticket of another day is
 * kept only for the day change to close it. */
int queue_restore_ticket(struct queue *q, const struct ticket *t);
int queue_restore_counter(struct queue *q, const struct counter *c);
void queue_restore_seq(struct queue *q, int64_t seq, int64_t next_ticket_id);

/* Operations (PROTOCOL.md). Each checks its arguments, changes the queue,
 * logs the change and, on success, copies the ticket concerned to *out
 * (may be NULL). On failure nothing changes. */
enum fronta_err queue_issue(struct queue *q, char service, const char *lang, bool priority,
                            int64_t now, struct ticket *out);
/* services: letters the counter takes for this call, or NULL for its own. */
enum fronta_err queue_call(struct queue *q, const char *counter, const char *services,
                           int64_t now, struct ticket *out);
/* Calls the ticket with this number to counter: a waiting one out of turn,
 * or one that ended today (done, no-show, cancelled by a person) back again —
 * the undo of a mistaken Done or No-show. The counter's current ticket is
 * finished first, as with queue_call. A ticket at another counter, or closed
 * by the day change, is FRONTA_ENOT_FOUND; the counter's own current ticket
 * is returned unchanged. */
enum fronta_err queue_call_number(struct queue *q, const char *counter, const char *number, int64_t now,
                                  struct ticket *out);
enum fronta_err queue_recall(struct queue *q, const char *counter, int64_t now, struct ticket *out);
enum fronta_err queue_finish(struct queue *q, const char *counter, int64_t now, struct ticket *out);
enum fronta_err queue_noshow(struct queue *q, const char *counter, int64_t now, struct ticket *out);
enum fronta_err queue_transfer(struct queue *q, const char *counter, char service, int64_t now,
                               struct ticket *out);
enum fronta_err queue_cancel(struct queue *q, const char *number, int64_t now, struct ticket *out);
/* services may be NULL (unchanged) or "" (back to the configured ones). */
enum fronta_err queue_set_counter(struct queue *q, const char *counter, enum counter_state st,
                                  const char *services, int64_t now, struct counter *out);
/* The kiosk reports printing: PRINT_FAILED marks the ticket; withdraw
 * cancels it if still waiting (nobody holds it). */
enum fronta_err queue_print(struct queue *q, const char *number, enum print_state st, bool withdraw,
                            int64_t now, struct ticket *out);

/* If day (YYYY-MM-DD) differs from the queue's day: closes what is left of
 * the old day (waiting -> cancelled, called -> done, both marked END_DAY),
 * frees the counters, logs an EV_DAY event and starts numbering again.
 * Returns true if the day changed. */
bool queue_new_day(struct queue *q, const char *day, int64_t now);

/* The change log since the last clear, oldest first. */
const struct change *queue_changes(const struct queue *q, int *n);
void queue_clear_changes(struct queue *q);

/* Reads. */
const char *queue_day(const struct queue *q);
int64_t queue_seq(const struct queue *q);
int64_t queue_next_ticket_id(const struct queue *q);
const struct config *queue_config(const struct queue *q);
const struct ticket *queue_find(const struct queue *q, const char *number);
const struct ticket *queue_find_id(const struct queue *q, int64_t id);

/* Brings ahead and est_wait_s of waiting tickets up to date for time now. */
void queue_estimate(struct queue *q, int64_t now);

/* The waiting tickets in the order call would take them (priority first, then
 * earliest issued), at most max; returns how many there are in all. */
int queue_waiting(const struct queue *q, const struct ticket **out, int max);

/* Tickets called or recalled today (and not waiting again), latest
 * announcement first; at most max. */
int queue_recent_calls(const struct queue *q, const struct ticket **out, int max);

int queue_n_counters(const struct queue *q);
const struct counter *queue_counter_at(const struct queue *q, int i);
const struct counter *queue_counter(const struct queue *q, const char *id);

/* Per service: waiting tickets, the wait a ticket issued now would have
 * (after queue_estimate), and the service time the estimate assumes. */
int queue_service_waiting(const struct queue *q, char service);
int queue_service_est_wait_s(const struct queue *q, char service);
int queue_service_time_s(const struct queue *q, char service);

/* "waiting", "called", ... and back (-1 if unknown). */
const char *queue_status_name(enum ticket_status st);
int queue_status_parse(const char *name);
const char *queue_event_name(enum event_type t);
int queue_event_parse(const char *name);
const char *queue_end_name(enum ticket_end e);
int queue_end_parse(const char *name);

/* Formats the number of a ticket: "A023"; four digits after 999. */
void queue_format_number(char letter, int seq_no, char out[TICKET_NUMBER_LEN]);

#endif
