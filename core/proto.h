/* The wire protocol's JSON (PROTOCOL.md, docs/protocol.md): requests parsed
 * and checked, answers, events and the state document written, and the same
 * documents read back by clients (kiosk, display, console, frontactl). */
#ifndef FRONTA_PROTO_H
#define FRONTA_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/queue.h"

#define PROTO_MAX_PAYLOAD 4096
#define PROTO_REQUEST_ID_MAX 64
#define PROTO_TOPIC_ROOT "fronta/v1"

enum op { OP_ISSUE, OP_CALL, OP_RECALL, OP_FINISH, OP_NOSHOW, OP_TRANSFER, OP_CANCEL, OP_COUNTER,
          OP_STATUS, OP_PRINT, OP_COUNT };

struct request {
	enum op op;
	char request_id[PROTO_REQUEST_ID_MAX + 1];   /* "" if none */
	char service;                                /* issue, transfer */
	char lang[CONFIG_LANG_LEN];                  /* issue */
	bool priority;                               /* issue */
	char counter[COUNTER_ID_LEN];
	bool has_services;                           /* call, counter */
	char services[CONFIG_MAX_SERVICES + 1];
	char number[TICKET_NUMBER_LEN];              /* cancel, print; call: that ticket */
	enum counter_state state;                    /* counter */
	enum print_state print;                      /* print: ok | failed */
	bool withdraw;                               /* print: withdrawn */
};

/* Op names as in topics ("issue", ...), and back (-1 if unknown). */
const char *proto_op_name(enum op op);
int proto_op_parse(const char *name);
/* Does op change anything (and so need storing)? */
bool proto_op_changes(enum op op);

/* Parses and checks a request for op_name (the last level of its topic).
 * Returns FRONTA_OK, or FRONTA_EBADREQ / FRONTA_EUNKNOWN_SERVICE with a
 * message for people in msg. Never reads past len; payload need not end in
 * NUL. */
enum fronta_err proto_parse_request(const char *op_name, const void *payload, size_t len,
                                    struct request *out, char *msg, size_t msglen);

/* Answers, events and the state. Each returns a malloc'd, NUL-terminated
 * compact JSON string (the caller frees it), or NULL if out of memory. */
char *proto_answer_ticket(const struct ticket *t);
char *proto_answer_counter(const struct counter *c, const struct queue *q);
/* error message; opens_at (RFC 3339) only for FRONTA_ECLOSED, else NULL. */
char *proto_answer_error(enum fronta_err err, const char *message, const char *opens_at);
/* {"ok":true,"state":{...}}, within PROTO_MAX_PAYLOAD. */
char *proto_answer_state(struct queue *q, int64_t now);
char *proto_event(const struct event *e);
/* The state document; the waiting list is cut to fit max_bytes (the rest
 * is counted in "waiting_more"). Updates the queue's estimate for now. */
char *proto_state(struct queue *q, int64_t now, size_t max_bytes);

/* ---- reading documents back (clients) ---- */

#define STATE_MAX_WAITING 96

struct state_service {
	char id;
	bool open;
	int waiting;
	int est_wait_s;
	int64_t opens_at_ms;     /* 0 unless closed and opening later */
};

struct state_counter {
	char id[COUNTER_ID_LEN];
	enum counter_state state;
	char ticket[TICKET_NUMBER_LEN];        /* "" if none */
	char services[CONFIG_MAX_SERVICES + 1];
};

struct state_call {
	char number[TICKET_NUMBER_LEN];
	char counter[COUNTER_ID_LEN];
	int64_t at_ms;
	char service;
	char lang[CONFIG_LANG_LEN];
};

struct state_waiting {
	char number[TICKET_NUMBER_LEN];
	char service;
	bool priority;
	char lang[CONFIG_LANG_LEN];
	int64_t issued_ms;
	bool print_failed;
};

struct state_doc {
	int64_t seq;
	char branch[CONFIG_ID_LEN];
	char day[11];
	struct state_service services[CONFIG_MAX_SERVICES];
	int n_services;
	struct state_counter counters[CONFIG_MAX_COUNTERS];
	int n_counters;
	struct state_call called[QUEUE_RECENT_CALLS];
	int n_called;
	struct state_waiting waiting[STATE_MAX_WAITING];
	int n_waiting;
	int waiting_more;        /* waiting tickets not listed */
};

/* Reads a state document. Returns 0, or -1 if it is not one. */
int proto_parse_state(const char *json, size_t len, struct state_doc *out);

/* Reads an event. Returns 0, or -1 if it is not one. */
int proto_parse_event(const char *json, size_t len, struct event *out);

struct answer {
	bool ok;
	char code[32];                  /* error code, "" when ok */
	char message[256];
	int64_t opens_at_ms;            /* closed: when it opens, else 0 */
	bool has_ticket;
	struct ticket ticket;
	bool has_counter;
	struct counter counter;
};

/* Reads an answer. Returns 0, or -1 if it is not one. */
int proto_parse_answer(const char *json, size_t len, struct answer *out);

/* Topic helpers: "fronta/v1/{branch}/{rest}" into out. Returns 0, or -1 if
 * it does not fit. */
int proto_topic(char *out, size_t cap, const char *branch, const char *rest);

#endif
