/* What the worker's console knows about its counter and the queue, kept
 * from the retained state, the events and the answers to its own requests;
 * which action can be taken now and, if not, why; and the one request in
 * flight (its payload is kept, so a retry sends the same request_id).
 * Pure: no SDL, no MQTT. The program feeds it what arrives and asks it
 * what to show and what to send. Times: wall clock ms for what people
 * read, monotonic ms for timeouts (both passed in, so tests set them). */
#ifndef FRONTA_CONSOLE_MODEL_H
#define FRONTA_CONSOLE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/proto.h"
#include "core/queue.h"

/* What a worker can do. ACT_UNDO calls the last ticket this console
 * finished (Done or No-show) back to the counter (a `call` with `number`). */
enum action {
	ACT_CALL,          /* call next */
	ACT_CALL_NUMBER,   /* call a given ticket (out of turn, or back) */
	ACT_RECALL,
	ACT_FINISH,        /* done */
	ACT_NOSHOW,
	ACT_TRANSFER,
	ACT_PAUSE,         /* open -> paused */
	ACT_RESUME,        /* paused or closed -> open */
	ACT_SERVICES,      /* the services the counter takes now */
	ACT_UNDO,
	ACT_COUNT
};

/* Why an action cannot be taken now (WHY_OK: it can). */
enum why_not {
	WHY_OK,
	WHY_NO_COUNTER,     /* no counter chosen, or it is not in the state */
	WHY_OFFLINE,        /* no connection to the broker */
	WHY_REFUSED,        /* the broker refused this device */
	WHY_SYNCING,        /* connected, the current state has not arrived yet */
	WHY_SENDING,        /* another request is on its way */
	WHY_PAUSED,
	WHY_CLOSED,
	WHY_EMPTY,          /* nobody waits for the services this counter takes */
	WHY_NO_TICKET,      /* nobody at the counter */
	WHY_NO_UNDO,        /* nothing to undo (or its time is over) */
	WHY_BUSY,           /* undo: the counter serves someone else now */
	WHY_JUST_CALLED,    /* call next again right after a call: a double press */
	WHY_SAME_SERVICE,   /* transfer to the service the ticket has */
	WHY_NO_SERVICES,    /* services: none chosen */
	WHY_BAD_NUMBER,     /* call a number: not a ticket number */
	WHY_COUNT
};

/* What happened last, for the status line. */
enum note {
	NOTE_NONE,
	NOTE_CALLED,        /* number */
	NOTE_CALLED_BACK,   /* number (undo, or an ended ticket called again) */
	NOTE_RECALLED,
	NOTE_DONE,
	NOTE_NOSHOW,
	NOTE_TRANSFERRED,   /* number, service */
	NOTE_PAUSED,
	NOTE_RESUMED,
	NOTE_SERVICES,
	NOTE_ERROR,         /* code: frontad's error code, or "refused" / "no_answer" */
	NOTE_CANNOT,        /* why: a key pressed for an action that cannot act now */
	NOTE_GAVE_UP,       /* the worker stopped waiting for an answer */
	NOTE_NEW_DAY
};

struct model_note {
	enum note kind;
	enum action action;              /* NOTE_CANNOT, NOTE_ERROR: the action concerned */
	enum why_not why;                /* NOTE_CANNOT */
	char code[32];                   /* NOTE_ERROR */
	char number[TICKET_NUMBER_LEN];
	char service;
	int64_t at_ms;                   /* wall clock */
};

/* The request in flight. */
struct model_pending {
	bool active;
	enum action action;
	char number[TICKET_NUMBER_LEN];  /* ACT_CALL_NUMBER, ACT_UNDO */
	char payload[PROTO_MAX_PAYLOAD]; /* the exact bytes sent, sent again on retry */
	char request_id[PROTO_REQUEST_ID_MAX + 1];
	uint64_t token;                  /* of the current attempt (mq) */
	bool waiting_for_link;           /* not answered; sent again when connected */
	int sends;                       /* attempts so far (each of mq's tries counts once) */
	int64_t since_mono;
};

/* What to do after an answer or a connection change. */
enum model_next {
	NEXT_NOTHING,
	NEXT_SEND,          /* send model_pending()->payload now (same request_id) */
	NEXT_STATUS         /* ask for the state (a seq gap) */
};

struct model;

/* A model for the branch of cfg (which must outlive it). counter may be
 * NULL (chosen later with model_set_counter). device and nonce make the
 * request ids unique across devices and restarts: "<device>-<nonce>-<n>".
 * undo_s: how long an undo stays on offer. NULL without memory. */
struct model *model_new(const struct config *cfg, const char *counter, const char *device, const char *nonce,
                        int undo_s);
void model_free(struct model *m);

/* Chooses the counter. Returns 0, or -1 if cfg has no such counter. */
int model_set_counter(struct model *m, const char *counter);
/* The chosen counter ("" if none). */
const char *model_counter(const struct model *m);

/* ---- what arrives ---- */

/* The connection: up (the retained state will follow: until it comes the
 * model is not in sync), down, or refused by the broker. Returns
 * NEXT_SEND if the request in flight must go again now. */
enum model_next model_on_link(struct model *m, bool up, bool refused, int64_t now_ms);

/* The retained state (or the state of a status answer). Returns true if
 * it was taken (false: not a state, or older than what we have). */
bool model_on_state(struct model *m, const char *json, size_t len, int64_t now_ms);

/* The answer to a `status` request ({"ok":true,"state":{...}}): its state,
 * as model_on_state. */
bool model_on_status_answer(struct model *m, const char *json, size_t len, int64_t now_ms);

/* An event. Returns NEXT_STATUS when events were missed (a gap in seq),
 * else NEXT_NOTHING. Repeats (seq seen already) are ignored. */
enum model_next model_on_event(struct model *m, const char *json, size_t len, int64_t now_ms);

/* The answer to the request in flight: payload NULL when mq gave up (why
 * says why: not connected, no answer, refused by the broker). Answers to
 * other tokens are ignored. Returns NEXT_SEND to send the same payload
 * again now (the link is up, frontad did not answer yet), else
 * NEXT_NOTHING (done, or waiting for the link). */
enum model_next model_on_answer(struct model *m, uint64_t token, const char *payload, size_t len,
                                const char *why, bool link_up, int64_t now_ms, int64_t mono_ms);

/* ---- what the worker does ---- */

/* Can action act now? For ACT_TRANSFER, arg is the target service
 * letter (0: can a transfer picker open at all); for ACT_CALL_NUMBER the
 * number (NULL: can the entry open); for ACT_SERVICES the letters. */
enum why_not model_can(const struct model *m, enum action a, const char *arg, int64_t mono_ms);

/* Starts action: checks model_can, builds the request with a new
 * request_id and keeps it as the request in flight. Returns WHY_OK (then
 * send model_pending()->payload to op model_op(a) and report the token
 * with model_sent), or why not (then a NOTE_CANNOT is noted). */
enum why_not model_begin(struct model *m, enum action a, const char *arg, int64_t now_ms, int64_t mono_ms);

/* The request in flight went out with this token. */
void model_sent(struct model *m, uint64_t token);

/* The worker stops waiting for the answer (Esc). Returns the token to
 * cancel in mq, or 0 if nothing was in flight. */
uint64_t model_give_up(struct model *m, int64_t now_ms);

/* The request op of an action ("call", "finish", ...). */
const char *model_op(enum action a);

/* ---- what to show ---- */

const struct model_pending *model_pending(const struct model *m);
const struct model_note *model_last_note(const struct model *m);
/* Records a note (the program's own, e.g. an action refused by a key). */
void model_note_cannot(struct model *m, enum action a, enum why_not why, int64_t now_ms);

bool model_online(const struct model *m);
bool model_refused(const struct model *m);
bool model_synced(const struct model *m);          /* online and the state after connecting has arrived */
int64_t model_offline_since(const struct model *m); /* wall ms, 0 if online or never connected */
int64_t model_state_at(const struct model *m);      /* wall ms of the last state taken, 0 if none */

/* The last state (NULL before the first). */
const struct state_doc *model_state(const struct model *m);

/* This counter in the state (NULL if not there). */
const struct state_counter *model_my_counter(const struct model *m);

/* The counter's current ticket with what is known of it (service, lang,
 * priority, issued_at, called_at: 0 or "" when unknown), or NULL if the
 * counter serves nobody. Owned by the model, valid until the next call. */
const struct ticket *model_current(const struct model *m);

/* Does this counter take service now (its services in the state, else
 * its configuration)? */
bool model_takes(const struct model *m, char service);
/* Tickets waiting for the services this counter takes (complete counts). */
int model_waiting_mine(const struct model *m);
/* Index in model_state()->waiting of the ticket `call` would give this
 * counter, or -1 if it is not listed (or nobody waits). */
int model_next_index(const struct model *m);

/* The undo on offer: the ticket and what was done to it (ACT_FINISH or
 * ACT_NOSHOW), seconds left; false if none. */
bool model_undo(const struct model *m, int64_t mono_ms, char number[TICKET_NUMBER_LEN], enum action *what,
                int *seconds_left);

/* The next wall/monotonic moment something shown changes by time alone
 * (a minute waited, the undo's seconds), as a delay in ms from now
 * (at most max_ms). */
int model_next_tick(const struct model *m, int64_t now_ms, int64_t mono_ms, int max_ms);

/* Normalises what a worker typed as a ticket number: "a23" -> "A023",
 * "A1000" stays. Returns 0, or -1 if it is not a ticket number. */
int model_parse_number(const char *typed, char out[TICKET_NUMBER_LEN]);

/* A one-line summary of what is shown, for logs and tests:
 * "counter 2 open, online, synced, current A001, waiting 3 (mine 3), next A002, undo -". */
void model_summary(const struct model *m, int64_t mono_ms, char *out, size_t cap);

#endif
