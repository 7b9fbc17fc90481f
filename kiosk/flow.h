/* The kiosk's flow: which screen shows, what a touch means, when to go back
 * to the start, when the kiosk is out of service, and which requests go to
 * frontad. Pure logic (no SDL, no MQTT): the program feeds it touches,
 * answers, connection changes, print results and the time, and carries out
 * the actions it asks for. docs/kiosk.md describes the flow and why.
 *
 * Times are monotonic milliseconds (clock_mono_ms), passed in by the caller,
 * so tests drive it with any clock. */
#ifndef FRONTA_KIOSK_FLOW_H
#define FRONTA_KIOSK_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/queue.h"
#include "kiosk/reqid.h"

enum flow_screen {
	FLOW_LANGUAGE,        /* the start: choose a language */
	FLOW_SERVICE,         /* choose a service (and priority) */
	FLOW_ISSUING,         /* waiting for frontad's answer */
	FLOW_TICKET,          /* the number, the wait, the printing state */
	FLOW_REMEMBER,        /* printing failed: remember the number, or say you don't need it */
	FLOW_OUT_OF_SERVICE   /* frontad cannot be reached: in every language, nothing issued */
};

enum flow_print {
	FLOW_PRINT_NONE,      /* no printer configured: the number is on screen only */
	FLOW_PRINT_PENDING,   /* being printed */
	FLOW_PRINT_OK,        /* printed: take it */
	FLOW_PRINT_FAILED,    /* failed, the person has not answered yet (FLOW_REMEMBER) */
	FLOW_PRINT_NOTED      /* failed, and the person said they noted the number */
};

struct flow_options {
	int ticket_ms;            /* the ticket screen's time after printing */
	int idle_ms;              /* any screen back to the start without a touch */
	int request_timeout_ms;   /* per attempt */
	int request_attempts;     /* same payload, same request_id */
	bool priority;            /* offer the priority choice */
	bool printer;             /* a printer is configured */
	int probe_ms;             /* out of service: ask status this often */
	int idle_probe_ms;        /* in service, at the start screen: ask status this often */
	int offline_grace_ms;     /* broker lost this long at the start or service screen: out of service */
};

/* Defaults from [kiosk] of cfg (ticket_seconds, idle_seconds, priority,
 * request_timeout_ms, request_attempts); printer from [printer] output. */
void flow_options_from_config(const struct config *cfg, struct flow_options *o);

struct flow_ticket {
	char number[TICKET_NUMBER_LEN];
	char service;
	char lang[CONFIG_LANG_LEN];
	bool priority;
	int ahead;
	int est_wait_s;
	int64_t issued_ms;        /* wall clock, from frontad */
};

enum flow_action_kind {
	FLOW_SEND,                /* send op/payload to frontad; answer with flow_answer(id) */
	FLOW_PRINT,               /* print ticket; answer with flow_printed */
	FLOW_PRESENCE             /* out_of_service changed: publish the presence again */
};

enum flow_req_kind { FLOW_REQ_ISSUE, FLOW_REQ_PROBE, FLOW_REQ_RESOLVE, FLOW_REQ_REPORT };

struct flow_action {
	enum flow_action_kind kind;
	uint32_t id;              /* SEND: the request's handle */
	enum flow_req_kind req;   /* SEND: what it is for */
	char op[8];               /* SEND: "issue", "status", "print" */
	char payload[320];        /* SEND: compact JSON */
	int timeout_ms, attempts; /* SEND */
	struct flow_ticket ticket;/* PRINT */
};

struct flow;

/* A new flow with options o and request ids continuing from ids (copied).
 * It starts out of service, and leaves that screen when frontad answers a
 * status probe. Returns NULL without memory. */
struct flow *flow_new(const struct flow_options *o, const struct reqid *ids, int64_t now);
void flow_free(struct flow *f);

/* ---- inputs ---- */

/* A touch anywhere (keeps the idle timer from running out). */
void flow_activity(struct flow *f, int64_t now);
/* The person chose lang on the language screen. */
void flow_choose_lang(struct flow *f, const char *lang, int64_t now);
/* Priority on or off (service screen, when offered). */
void flow_toggle_priority(struct flow *f, int64_t now);
/* The person chose a service (its letter) that the screen showed open: one
 * issue request with a new request_id. Ignored on any other screen, so a
 * second tap cannot make a second ticket. */
void flow_choose_service(struct flow *f, char service, int64_t now);
/* Back (service screen) or done (ticket screen, once printing ended). */
void flow_back(struct flow *f, int64_t now);
/* FLOW_REMEMBER: "I have noted my number" / "I don't need a ticket". */
void flow_noted(struct flow *f, int64_t now);
void flow_decline(struct flow *f, int64_t now);

/* frontad's answer (JSON, len bytes) to request id, or NULL when every
 * attempt went unanswered or the request could not be sent. */
void flow_answer(struct flow *f, uint32_t id, const char *json, size_t len, int64_t now);
/* The broker connection came or went. */
void flow_connection(struct flow *f, bool connected, int64_t now);
/* The result of a FLOW_PRINT action. */
void flow_printed(struct flow *f, bool ok, int64_t now);
/* Timers: call when flow_deadline has passed (or any time). */
void flow_tick(struct flow *f, int64_t now);

/* ---- outputs ---- */

/* Takes the next action to carry out. Returns true and fills *a, or false
 * when there is none. */
bool flow_take_action(struct flow *f, struct flow_action *a);
/* The next time flow_tick has something to do, or INT64_MAX. */
int64_t flow_deadline(const struct flow *f);
/* Has anything shown changed since the last call? (Clears the mark.) */
bool flow_changed(struct flow *f);

enum flow_screen flow_screen(const struct flow *f);
/* When the current screen was entered (for touch debouncing). */
int64_t flow_screen_since(const struct flow *f);
/* The chosen language ("" on the language screen). */
const char *flow_lang(const struct flow *f);
bool flow_priority(const struct flow *f);
bool flow_priority_offered(const struct flow *f);
/* The ticket shown on FLOW_TICKET and FLOW_REMEMBER. */
const struct flow_ticket *flow_ticket(const struct flow *f);
enum flow_print flow_print_state(const struct flow *f);
/* Service screen: the service frontad just said is closed (0 if none) and
 * when it opens (wall ms, 0 if never). */
char flow_closed_service(const struct flow *f, int64_t *opens_at_ms);
bool flow_out_of_service(const struct flow *f);
/* Requests that must still reach frontad (lost issues to resolve, print
 * reports), for logs and tests. */
int flow_outbox_count(const struct flow *f);

const char *flow_screen_name(enum flow_screen s);

#endif
