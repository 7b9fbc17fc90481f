/* The kiosk's flow (flow.h): screens, timers, out of service, and the
 * requests that must reach frontad even after a lost answer (the outbox). */
#include "kiosk/flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/proto.h"

#define OUTBOX_MAX 32
#define ACTIONS_MAX 64
#define PAYLOAD_LEN 320

/* A request that must reach frontad: an issue whose answer was lost (it may
 * have made a ticket nobody holds: resolve it and withdraw the ticket), or
 * a print report (failed, withdrawn). Kept until frontad answers. */
struct outbox_entry {
	bool used;
	enum flow_req_kind kind;       /* FLOW_REQ_RESOLVE or FLOW_REQ_REPORT */
	char op[8];
	char payload[PAYLOAD_LEN];
	uint32_t inflight;             /* the id of the request in flight, 0 if none */
};

struct flow {
	struct flow_options o;
	struct reqid ids;
	enum flow_screen screen;
	int64_t since;                 /* screen entered */
	int64_t last_touch;
	char lang[CONFIG_LANG_LEN];
	bool priority;
	struct flow_ticket ticket;
	enum flow_print print;
	int64_t print_done;            /* when printing ended (or the ticket showed without printer) */
	char closed_service;
	int64_t closed_opens_ms;

	bool connected;
	int64_t down_since;
	bool oos;
	int64_t next_probe;
	uint32_t probe_id;             /* in flight, 0 if none */
	uint32_t issue_id;             /* in flight, 0 if none */
	char issue_payload[PAYLOAD_LEN];
	char issue_service;

	struct outbox_entry outbox[OUTBOX_MAX];
	struct flow_action actions[ACTIONS_MAX];
	int first, n_actions;
	uint32_t next_id;
	bool changed;
};

void flow_options_from_config(const struct config *cfg, struct flow_options *o)
{
	const char *out = config_str(cfg, "printer", "output");
	memset(o, 0, sizeof *o);
	o->ticket_ms = (int)config_int(cfg, "kiosk", "ticket_seconds") * 1000;
	o->idle_ms = (int)config_int(cfg, "kiosk", "idle_seconds") * 1000;
	o->request_timeout_ms = (int)config_int(cfg, "kiosk", "request_timeout_ms");
	o->request_attempts = (int)config_int(cfg, "kiosk", "request_attempts");
	o->priority = config_bool(cfg, "kiosk", "priority");
	o->printer = out && strcmp(out, "none") != 0;
	o->probe_ms = 5000;
	o->idle_probe_ms = 30000;
	o->offline_grace_ms = 3000;
}

const char *flow_screen_name(enum flow_screen s)
{
	static const char *names[] = { "language", "service", "issuing", "ticket", "remember", "out_of_service" };
	return s <= FLOW_OUT_OF_SERVICE ? names[s] : "?";
}

static struct flow_action *push(struct flow *f, enum flow_action_kind kind)
{
	struct flow_action *a;
	if (f->n_actions == ACTIONS_MAX) {
		log_error("kiosk flow: more than %d actions waiting; dropping one", ACTIONS_MAX);
		return NULL;
	}
	a = &f->actions[(f->first + f->n_actions++) % ACTIONS_MAX];
	memset(a, 0, sizeof *a);
	a->kind = kind;
	return a;
}

static uint32_t send(struct flow *f, enum flow_req_kind req, const char *op, const char *payload, int timeout_ms,
                     int attempts)
{
	struct flow_action *a = push(f, FLOW_SEND);
	if (!a)
		return 0;
	if (++f->next_id == 0)
		f->next_id = 1;
	a->id = f->next_id;
	a->req = req;
	snprintf(a->op, sizeof a->op, "%s", op);
	snprintf(a->payload, sizeof a->payload, "%s", payload);
	a->timeout_ms = timeout_ms;
	a->attempts = attempts;
	return a->id;
}

static void set_screen(struct flow *f, enum flow_screen s, int64_t now)
{
	if (f->screen != s)
		log_info("screen: %s", flow_screen_name(s));
	f->screen = s;
	f->since = now;
	f->last_touch = now;
	f->changed = true;
}

static void set_oos(struct flow *f, bool oos)
{
	if (f->oos != oos) {
		f->oos = oos;
		push(f, FLOW_PRESENCE);
	}
}

static void probe(struct flow *f, int64_t now)
{
	if (f->probe_id || !f->connected)
		return;
	f->probe_id = send(f, FLOW_REQ_PROBE, "status", "{}", f->o.request_timeout_ms, 2);
	f->next_probe = INT64_MAX;
	(void)now;
}

static void out_of_service(struct flow *f, const char *why, int64_t now)
{
	if (f->screen != FLOW_OUT_OF_SERVICE)
		log_warn("out of service: %s", why);
	set_screen(f, FLOW_OUT_OF_SERVICE, now);
	set_oos(f, true);
	f->lang[0] = '\0';
	f->priority = false;
	if (!f->probe_id)
		f->next_probe = now + f->o.probe_ms;
}

/* Back to the language screen, or out of service if the broker has been
 * gone for a while. */
static void go_start(struct flow *f, int64_t now)
{
	f->lang[0] = '\0';
	f->priority = false;
	f->closed_service = 0;
	memset(&f->ticket, 0, sizeof f->ticket);
	if (!f->connected && now - f->down_since >= f->o.offline_grace_ms) {
		out_of_service(f, "the broker is not connected", now);
		return;
	}
	set_screen(f, FLOW_LANGUAGE, now);
	if (!f->probe_id)
		f->next_probe = now + f->o.idle_probe_ms;
}

static void flush_outbox(struct flow *f)
{
	if (!f->connected)
		return;
	for (int i = 0; i < OUTBOX_MAX; i++) {
		struct outbox_entry *e = &f->outbox[i];
		if (e->used && !e->inflight)
			e->inflight = send(f, e->kind, e->op, e->payload, f->o.request_timeout_ms, f->o.request_attempts);
	}
}

static void outbox_add(struct flow *f, enum flow_req_kind kind, const char *op, const char *payload)
{
	int slot = -1;
	for (int i = 0; i < OUTBOX_MAX && slot < 0; i++)
		if (!f->outbox[i].used)
			slot = i;
	if (slot < 0) {
		/* Only after 32 lost answers in a row: the oldest is given up. */
		log_error("kiosk outbox full: giving up %s %s", f->outbox[0].op, f->outbox[0].payload);
		memmove(&f->outbox[0], &f->outbox[1], sizeof f->outbox[0] * (OUTBOX_MAX - 1));
		slot = OUTBOX_MAX - 1;
	}
	f->outbox[slot] = (struct outbox_entry){ .used = true, .kind = kind };
	snprintf(f->outbox[slot].op, sizeof f->outbox[slot].op, "%s", op);
	snprintf(f->outbox[slot].payload, sizeof f->outbox[slot].payload, "%s", payload);
	flush_outbox(f);
}

static bool number_ok(const char *n)
{
	return n[0] && strspn(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == strlen(n);
}

static void report_print(struct flow *f, const char *number, const char *status)
{
	char id[REQID_LEN], payload[PAYLOAD_LEN];
	if (!number_ok(number))
		return;
	reqid_next(&f->ids, id);
	snprintf(payload, sizeof payload, "{\"number\":\"%s\",\"status\":\"%s\",\"request_id\":\"%s\"}", number, status,
	         id);
	log_info("print %s: %s", status, number);
	outbox_add(f, FLOW_REQ_REPORT, "print", payload);
}

struct flow *flow_new(const struct flow_options *o, const struct reqid *ids, int64_t now)
{
	struct flow *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->o = *o;
	if (f->o.request_attempts < 1)
		f->o.request_attempts = 1;
	if (f->o.request_timeout_ms < 1)
		f->o.request_timeout_ms = 1500;
	f->ids = *ids;
	f->screen = FLOW_OUT_OF_SERVICE;
	f->since = f->last_touch = now;
	f->oos = true;
	f->down_since = now;
	f->next_probe = INT64_MAX;
	f->changed = true;
	return f;
}

void flow_free(struct flow *f) { free(f); }

/* ---- inputs ---- */

void flow_activity(struct flow *f, int64_t now) { f->last_touch = now; }

void flow_choose_lang(struct flow *f, const char *lang, int64_t now)
{
	if (f->screen != FLOW_LANGUAGE || !config_is_lang_code(lang))
		return;
	snprintf(f->lang, sizeof f->lang, "%s", lang);
	f->priority = false;
	f->closed_service = 0;
	set_screen(f, FLOW_SERVICE, now);
}

void flow_toggle_priority(struct flow *f, int64_t now)
{
	if (f->screen != FLOW_SERVICE || !f->o.priority)
		return;
	f->priority = !f->priority;
	f->last_touch = now;
	f->changed = true;
}

void flow_choose_service(struct flow *f, char service, int64_t now)
{
	char id[REQID_LEN];
	if (f->screen != FLOW_SERVICE || service < 'A' || service > 'Z')
		return;
	reqid_next(&f->ids, id);
	snprintf(f->issue_payload, sizeof f->issue_payload,
	         "{\"service\":\"%c\",\"lang\":\"%s\",\"request_id\":\"%s\",\"priority\":%s}", service, f->lang, id,
	         f->priority ? "true" : "false");
	f->issue_service = service;
	f->closed_service = 0;
	set_screen(f, FLOW_ISSUING, now);
	log_info("issue %c (%s%s): request %s", service, f->lang, f->priority ? ", priority" : "", id);
	f->issue_id = send(f, FLOW_REQ_ISSUE, "issue", f->issue_payload, f->o.request_timeout_ms, f->o.request_attempts);
	if (!f->issue_id)
		out_of_service(f, "cannot queue the request", now);
}

void flow_back(struct flow *f, int64_t now)
{
	if (f->screen == FLOW_SERVICE)
		go_start(f, now);
	else if (f->screen == FLOW_TICKET && f->print != FLOW_PRINT_PENDING)
		go_start(f, now);
}

void flow_noted(struct flow *f, int64_t now)
{
	if (f->screen != FLOW_REMEMBER)
		return;
	/* The console already sees the failed mark (sent when printing
	 * failed); the person keeps the number. */
	f->print = FLOW_PRINT_NOTED;
	f->print_done = now;
	set_screen(f, FLOW_TICKET, now);
}

void flow_decline(struct flow *f, int64_t now)
{
	if (f->screen != FLOW_REMEMBER)
		return;
	report_print(f, f->ticket.number, "withdrawn");
	go_start(f, now);
}

static void issue_answered(struct flow *f, const char *json, size_t len, int64_t now)
{
	struct answer a;
	f->issue_id = 0;
	if (!json) {
		/* Unknown outcome: frontad may have made the ticket (or will, when
		 * the broker delivers the queued request). Resolve it later with
		 * the same request_id and withdraw what it made. */
		outbox_add(f, FLOW_REQ_RESOLVE, "issue", f->issue_payload);
		out_of_service(f, "no answer to issue", now);
		return;
	}
	if (proto_parse_answer(json, len, &a) != 0) {
		outbox_add(f, FLOW_REQ_RESOLVE, "issue", f->issue_payload);
		out_of_service(f, "an answer to issue that is not one", now);
		return;
	}
	if (a.ok && a.has_ticket && number_ok(a.ticket.number)) {
		memset(&f->ticket, 0, sizeof f->ticket);
		snprintf(f->ticket.number, sizeof f->ticket.number, "%s", a.ticket.number);
		f->ticket.service = a.ticket.service;
		snprintf(f->ticket.lang, sizeof f->ticket.lang, "%s", f->lang);
		f->ticket.priority = a.ticket.priority;
		f->ticket.ahead = a.ticket.ahead;
		f->ticket.est_wait_s = a.ticket.est_wait_s;
		f->ticket.issued_ms = a.ticket.issued_ms;
		log_info("ticket %s (%d ahead, about %d s)", f->ticket.number, f->ticket.ahead, f->ticket.est_wait_s);
		set_screen(f, FLOW_TICKET, now);
		if (f->o.printer) {
			struct flow_action *p = push(f, FLOW_PRINT);
			f->print = FLOW_PRINT_PENDING;
			if (p)
				p->ticket = f->ticket;
			else
				flow_printed(f, false, now);
		} else {
			f->print = FLOW_PRINT_NONE;
			f->print_done = now;
		}
	} else if (!a.ok && strcmp(a.code, "closed") == 0) {
		f->closed_service = f->issue_service;
		f->closed_opens_ms = a.opens_at_ms;
		set_screen(f, FLOW_SERVICE, now);
	} else {
		char why[400];
		snprintf(why, sizeof why, "issue refused: %s: %s", a.code, a.message);
		out_of_service(f, why, now);
	}
}

static void outbox_answered(struct flow *f, struct outbox_entry *e, const char *json, size_t len)
{
	struct answer a;
	e->inflight = 0;
	if (!json)
		return;   /* tried again on the next connection or probe */
	if (proto_parse_answer(json, len, &a) != 0)
		a.ok = false, a.has_ticket = false, snprintf(a.code, sizeof a.code, "?");
	e->used = false;
	if (e->kind == FLOW_REQ_RESOLVE) {
		if (a.ok && a.has_ticket && a.ticket.status == TICKET_WAITING) {
			log_info("lost issue resolved: ticket %s, withdrawing it", a.ticket.number);
			report_print(f, a.ticket.number, "withdrawn");
		} else {
			log_info("lost issue resolved: %s", a.ok ? "no waiting ticket" : a.code);
		}
	} else if (!a.ok) {
		log_warn("print report %s: %s %s", e->payload, a.code, a.message);
	}
}

void flow_answer(struct flow *f, uint32_t id, const char *json, size_t len, int64_t now)
{
	if (id == 0)
		return;
	if (id == f->issue_id) {
		issue_answered(f, json, len, now);
		return;
	}
	if (id == f->probe_id) {
		struct answer a;
		f->probe_id = 0;
		if (json && proto_parse_answer(json, len, &a) == 0 && a.ok) {
			if (f->screen == FLOW_OUT_OF_SERVICE) {
				log_info("frontad answers again: back in service");
				set_oos(f, false);
				go_start(f, now);
			}
			f->next_probe = now + f->o.idle_probe_ms;
			flush_outbox(f);
		} else if (f->screen == FLOW_LANGUAGE || f->screen == FLOW_SERVICE || f->screen == FLOW_OUT_OF_SERVICE) {
			out_of_service(f, json ? "status refused" : "no answer to status", now);
			f->next_probe = now + f->o.probe_ms;
		} else {
			f->next_probe = now + f->o.probe_ms;
		}
		return;
	}
	for (int i = 0; i < OUTBOX_MAX; i++)
		if (f->outbox[i].used && f->outbox[i].inflight == id) {
			outbox_answered(f, &f->outbox[i], json, len);
			return;
		}
}

void flow_connection(struct flow *f, bool connected, int64_t now)
{
	if (connected == f->connected)
		return;
	f->connected = connected;
	if (!connected) {
		f->down_since = now;
		return;
	}
	/* Connected: learn at once whether frontad answers, and deliver what
	 * waits in the outbox. */
	probe(f, now);
	flush_outbox(f);
}

void flow_printed(struct flow *f, bool ok, int64_t now)
{
	if (f->screen != FLOW_TICKET || f->print != FLOW_PRINT_PENDING)
		return;
	if (ok) {
		f->print = FLOW_PRINT_OK;
		f->print_done = now;
		f->changed = true;
		return;
	}
	/* The console sees the mark now, while the person decides. */
	report_print(f, f->ticket.number, "failed");
	f->print = FLOW_PRINT_FAILED;
	set_screen(f, FLOW_REMEMBER, now);
}

void flow_tick(struct flow *f, int64_t now)
{
	switch (f->screen) {
	case FLOW_SERVICE:
		if (now - f->last_touch >= f->o.idle_ms)
			go_start(f, now);
		break;
	case FLOW_TICKET:
		if (f->print != FLOW_PRINT_PENDING && now - f->print_done >= f->o.ticket_ms &&
		    now - f->last_touch >= f->o.ticket_ms)
			go_start(f, now);
		break;
	case FLOW_REMEMBER:
		/* Nobody confirmed: nobody holds the number. */
		if (now - f->last_touch >= f->o.idle_ms) {
			log_info("nobody confirmed %s: withdrawn", f->ticket.number);
			flow_decline(f, now);
		}
		break;
	default:
		break;
	}
	if ((f->screen == FLOW_LANGUAGE || f->screen == FLOW_SERVICE) && !f->connected &&
	    now - f->down_since >= f->o.offline_grace_ms)
		out_of_service(f, "the broker is not connected", now);
	if (now >= f->next_probe && (f->screen == FLOW_LANGUAGE || f->screen == FLOW_OUT_OF_SERVICE)) {
		if (f->connected)
			probe(f, now);
		else
			f->next_probe = now + f->o.probe_ms;
	}
}

/* ---- outputs ---- */

bool flow_take_action(struct flow *f, struct flow_action *a)
{
	if (f->n_actions == 0)
		return false;
	*a = f->actions[f->first];
	f->first = (f->first + 1) % ACTIONS_MAX;
	f->n_actions--;
	return true;
}

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

int64_t flow_deadline(const struct flow *f)
{
	int64_t d = INT64_MAX;
	switch (f->screen) {
	case FLOW_SERVICE: d = f->last_touch + f->o.idle_ms; break;
	case FLOW_TICKET:
		if (f->print != FLOW_PRINT_PENDING)
			d = min64(INT64_MAX, (f->print_done > f->last_touch ? f->print_done : f->last_touch) + f->o.ticket_ms);
		break;
	case FLOW_REMEMBER: d = f->last_touch + f->o.idle_ms; break;
	default: break;
	}
	if ((f->screen == FLOW_LANGUAGE || f->screen == FLOW_SERVICE) && !f->connected)
		d = min64(d, f->down_since + f->o.offline_grace_ms);
	if (f->screen == FLOW_LANGUAGE || f->screen == FLOW_OUT_OF_SERVICE)
		d = min64(d, f->next_probe);
	return d;
}

bool flow_changed(struct flow *f)
{
	bool c = f->changed;
	f->changed = false;
	return c;
}

enum flow_screen flow_screen(const struct flow *f) { return f->screen; }
int64_t flow_screen_since(const struct flow *f) { return f->since; }
const char *flow_lang(const struct flow *f) { return f->lang; }
bool flow_priority(const struct flow *f) { return f->priority; }
bool flow_priority_offered(const struct flow *f) { return f->o.priority; }
const struct flow_ticket *flow_ticket(const struct flow *f) { return &f->ticket; }
enum flow_print flow_print_state(const struct flow *f) { return f->print; }
bool flow_out_of_service(const struct flow *f) { return f->oos; }

char flow_closed_service(const struct flow *f, int64_t *opens_at_ms)
{
	if (opens_at_ms)
		*opens_at_ms = f->closed_service ? f->closed_opens_ms : 0;
	return f->screen == FLOW_SERVICE ? f->closed_service : 0;
}

int flow_outbox_count(const struct flow *f)
{
	int n = 0;
	for (int i = 0; i < OUTBOX_MAX; i++)
		n += f->outbox[i].used;
	return n;
}
