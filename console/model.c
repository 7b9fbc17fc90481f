/* The console's model: the state, what is known of each ticket, the
 * connection, the request in flight, the undo on offer. See model.h. */
#include "console/model.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_TICKETS 96
/* A second Call within this time of the last one is taken for a double
 * press: it would finish the person just called without serving them. */
#define DOUBLE_PRESS_MS 1500

struct model {
	const struct config *cfg;
	char counter[COUNTER_ID_LEN];
	char device[CONFIG_ID_LEN];
	char nonce[24];
	uint64_t next_rid;
	int undo_ms;

	struct state_doc *st;
	bool have_state;
	int64_t seq;                 /* last seq applied (state or event) */
	int64_t state_at_ms;
	bool take_any_state;         /* the first state after (re)connecting is the truth, whatever its seq */

	bool online, refused, synced, ever_online;
	int64_t offline_since_ms;

	/* What is known of tickets, by number (the state lists only numbers
	 * for counters; events and answers carry the whole ticket). */
	struct ticket cache[CACHE_TICKETS];
	int cache_next;
	struct ticket current;       /* returned by model_current */

	struct model_pending pend;
	struct model_note note;

	char undo_number[TICKET_NUMBER_LEN];
	enum action undo_what;
	int64_t undo_until_mono;
	int64_t last_call_mono;
};

static const char *const op_names[ACT_COUNT] = {
	[ACT_CALL] = "call",        [ACT_CALL_NUMBER] = "call", [ACT_RECALL] = "recall", [ACT_FINISH] = "finish",
	[ACT_NOSHOW] = "noshow",    [ACT_TRANSFER] = "transfer", [ACT_PAUSE] = "counter", [ACT_RESUME] = "counter",
	[ACT_SERVICES] = "counter", [ACT_UNDO] = "call",
};

const char *model_op(enum action a) { return (unsigned)a < ACT_COUNT ? op_names[a] : "status"; }

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

struct model *model_new(const struct config *cfg, const char *counter, const char *device, const char *nonce,
                        int undo_s)
{
	struct model *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->st = calloc(1, sizeof *m->st);
	if (!m->st) {
		free(m);
		return NULL;
	}
	m->cfg = cfg;
	copy(m->device, sizeof m->device, device);
	copy(m->nonce, sizeof m->nonce, nonce);
	m->undo_ms = undo_s > 0 ? undo_s * 1000 : 0;
	if (counter && model_set_counter(m, counter) != 0) {
		model_free(m);
		return NULL;
	}
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	free(m->st);
	free(m);
}

int model_set_counter(struct model *m, const char *counter)
{
	if (!counter || !config_counter(m->cfg, counter))
		return -1;
	copy(m->counter, sizeof m->counter, counter);
	m->undo_number[0] = '\0';
	return 0;
}

const char *model_counter(const struct model *m) { return m->counter; }

/* ---- the ticket cache ---- */

static struct ticket *cache_find(struct model *m, const char *number)
{
	for (int i = 0; i < CACHE_TICKETS; i++)
		if (m->cache[i].number[0] && !strcmp(m->cache[i].number, number))
			return &m->cache[i];
	return NULL;
}

static struct ticket *cache_get(struct model *m, const char *number)
{
	struct ticket *t = cache_find(m, number);
	if (t)
		return t;
	t = &m->cache[m->cache_next];
	m->cache_next = (m->cache_next + 1) % CACHE_TICKETS;
	memset(t, 0, sizeof *t);
	copy(t->number, sizeof t->number, number);
	return t;
}

/* A whole ticket (event, answer): everything it says is the latest. */
static void cache_put_ticket(struct model *m, const struct ticket *src)
{
	struct ticket *t;
	if (!src->number[0])
		return;
	t = cache_get(m, src->number);
	*t = *src;
}

static void cache_clear(struct model *m)
{
	memset(m->cache, 0, sizeof m->cache);
	m->cache_next = 0;
}

/* ---- connection, state, events ---- */

enum model_next model_on_link(struct model *m, bool up, bool refused, int64_t now_ms)
{
	if (up) {
		m->online = m->ever_online = true;
		m->refused = false;
		m->synced = false;
		m->take_any_state = true;
		m->offline_since_ms = 0;
		if (m->pend.active && m->pend.waiting_for_link) {
			m->pend.waiting_for_link = false;
			return NEXT_SEND;
		}
		return NEXT_NOTHING;
	}
	if (m->online || !m->offline_since_ms)
		m->offline_since_ms = now_ms;
	m->online = false;
	m->synced = false;
	m->refused = refused;
	return NEXT_NOTHING;
}

bool model_on_state(struct model *m, const char *json, size_t len, int64_t now_ms)
{
	struct state_doc *d = malloc(sizeof *d);
	bool new_day;
	if (!d)
		return false;
	if (proto_parse_state(json, len, d) != 0) {
		free(d);
		return false;
	}
	new_day = m->have_state && strcmp(d->day, m->st->day) != 0;
	if (m->have_state && !m->take_any_state && !new_day && d->seq < m->seq) {
		free(d);
		return false;
	}
	if (new_day) {
		cache_clear(m);
		m->undo_number[0] = '\0';
	}
	free(m->st);
	m->st = d;
	m->have_state = true;
	m->seq = d->seq;
	m->state_at_ms = now_ms;
	m->take_any_state = false;
	if (m->online)
		m->synced = true;
	/* What the state says of tickets, where nothing fuller is known. */
	for (int i = 0; i < d->n_waiting; i++) {
		const struct state_waiting *w = &d->waiting[i];
		struct ticket *t = cache_get(m, w->number);
		t->service = w->service;
		copy(t->lang, sizeof t->lang, w->lang);
		t->priority = w->priority;
		t->issued_ms = w->issued_ms;
		t->status = TICKET_WAITING;
		t->print = w->print_failed ? PRINT_FAILED : PRINT_UNKNOWN;
		t->counter[0] = '\0';
	}
	for (int i = 0; i < d->n_called; i++) {
		const struct state_call *c = &d->called[i];
		struct ticket *t = cache_get(m, c->number);
		t->service = c->service;
		copy(t->lang, sizeof t->lang, c->lang);
		copy(t->counter, sizeof t->counter, c->counter);
		if (!t->called_ms)
			t->called_ms = c->at_ms;
	}
	return true;
}

bool model_on_status_answer(struct model *m, const char *json, size_t len, int64_t now_ms)
{
	cJSON *o = cJSON_ParseWithLength(json, len), *st;
	char *s;
	bool took = false;
	st = o ? cJSON_GetObjectItemCaseSensitive(o, "state") : NULL;
	if (cJSON_IsObject(st) && (s = cJSON_PrintUnformatted(st))) {
		took = model_on_state(m, s, strlen(s), now_ms);
		free(s);
	}
	cJSON_Delete(o);
	return took;
}

enum model_next model_on_event(struct model *m, const char *json, size_t len, int64_t now_ms)
{
	struct event e;
	bool gap;
	if (proto_parse_event(json, len, &e) != 0)
		return NEXT_NOTHING;
	if (m->seq && e.seq <= m->seq)
		return NEXT_NOTHING;              /* a repeat after frontad restarted */
	gap = m->have_state && e.seq > m->seq + 1;
	m->seq = e.seq;
	if (e.type == EV_DAY) {
		cache_clear(m);
		m->undo_number[0] = '\0';
		memset(&m->note, 0, sizeof m->note);
		m->note.kind = NOTE_NEW_DAY;
		m->note.at_ms = now_ms;
	}
	if (e.has_ticket) {
		cache_put_ticket(m, &e.ticket);
		/* The undo is for the moment after Done or No-show: once the ticket
		 * is called anywhere, or this counter calls someone else, it is gone
		 * (calling it back is still there, as "call a number"). */
		if (e.type == EV_CALLED &&
		    (!strcmp(e.ticket.number, m->undo_number) || !strcmp(e.counter, m->counter)))
			m->undo_number[0] = '\0';
	}
	return gap ? NEXT_STATUS : NEXT_NOTHING;
}

/* ---- answers ---- */

static void set_note(struct model *m, enum note kind, enum action a, const char *number, char service,
                     int64_t now_ms)
{
	memset(&m->note, 0, sizeof m->note);
	m->note.kind = kind;
	m->note.action = a;
	copy(m->note.number, sizeof m->note.number, number);
	m->note.service = service;
	m->note.at_ms = now_ms;
}

static void set_error(struct model *m, enum action a, const char *code, const char *number, int64_t now_ms)
{
	set_note(m, NOTE_ERROR, a, number, 0, now_ms);
	copy(m->note.code, sizeof m->note.code, code && code[0] ? code : "internal");
}

enum model_next model_on_answer(struct model *m, uint64_t token, const char *payload, size_t len,
                                const char *why, bool link_up, int64_t now_ms, int64_t mono_ms)
{
	struct model_pending *p = &m->pend;
	struct answer a;
	enum action act = p->action;

	if (!p->active || token != p->token)
		return NEXT_NOTHING;
	if (!payload) {
		if (why && strstr(why, "refused")) {
			/* The broker's ACL said no: trying again will not help. */
			set_error(m, act, "refused", p->number, now_ms);
			p->active = false;
			return NEXT_NOTHING;
		}
		if (link_up)
			return NEXT_SEND;             /* frontad is slow or away: keep asking, same request_id */
		p->waiting_for_link = true;
		return NEXT_NOTHING;
	}
	p->active = false;
	if (proto_parse_answer(payload, len, &a) != 0) {
		set_error(m, act, "bad_answer", p->number, now_ms);
		return NEXT_NOTHING;
	}
	if (!a.ok) {
		set_error(m, act, a.code, p->number, now_ms);
		if (act == ACT_UNDO)
			m->undo_number[0] = '\0';
		return NEXT_NOTHING;
	}
	if (a.has_ticket)
		cache_put_ticket(m, &a.ticket);
	switch (act) {
	case ACT_CALL:
	case ACT_CALL_NUMBER:
	case ACT_UNDO:
		m->last_call_mono = mono_ms;
		set_note(m, act == ACT_UNDO ? NOTE_CALLED_BACK : NOTE_CALLED, act, a.ticket.number, a.ticket.service,
		         now_ms);
		m->undo_number[0] = '\0';
		break;
	case ACT_RECALL: set_note(m, NOTE_RECALLED, act, a.ticket.number, a.ticket.service, now_ms); break;
	case ACT_FINISH:
	case ACT_NOSHOW:
		set_note(m, act == ACT_FINISH ? NOTE_DONE : NOTE_NOSHOW, act, a.ticket.number, a.ticket.service, now_ms);
		if (m->undo_ms > 0) {
			copy(m->undo_number, sizeof m->undo_number, a.ticket.number);
			m->undo_what = act;
			m->undo_until_mono = mono_ms + m->undo_ms;
		}
		break;
	case ACT_TRANSFER: set_note(m, NOTE_TRANSFERRED, act, a.ticket.number, a.ticket.service, now_ms); break;
	case ACT_PAUSE: set_note(m, NOTE_PAUSED, act, "", 0, now_ms); break;
	case ACT_RESUME: set_note(m, NOTE_RESUMED, act, "", 0, now_ms); break;
	case ACT_SERVICES: set_note(m, NOTE_SERVICES, act, "", 0, now_ms); break;
	default: break;
	}
	return NEXT_NOTHING;
}

/* ---- what can be done ---- */

const struct state_counter *model_my_counter(const struct model *m)
{
	if (!m->have_state || !m->counter[0])
		return NULL;
	for (int i = 0; i < m->st->n_counters; i++)
		if (!strcmp(m->st->counters[i].id, m->counter))
			return &m->st->counters[i];
	return NULL;
}

bool model_takes(const struct model *m, char service)
{
	const struct state_counter *c = model_my_counter(m);
	const struct counter_cfg *cc;
	if (!service)
		return false;
	if (c && c->services[0])
		return strchr(c->services, service) != NULL;
	cc = m->counter[0] ? config_counter(m->cfg, m->counter) : NULL;
	return cc && strchr(cc->services, service) != NULL;
}

int model_waiting_mine(const struct model *m)
{
	int n = 0;
	if (!m->have_state)
		return 0;
	for (int i = 0; i < m->st->n_services; i++)
		if (model_takes(m, m->st->services[i].id))
			n += m->st->services[i].waiting;
	return n;
}

int model_next_index(const struct model *m)
{
	if (!m->have_state)
		return -1;
	for (int i = 0; i < m->st->n_waiting; i++)
		if (model_takes(m, m->st->waiting[i].service))
			return i;
	return -1;
}

const struct ticket *model_current(const struct model *m)
{
	const struct state_counter *c = model_my_counter(m);
	const struct ticket *t;
	struct model *mm = (struct model *)m;    /* the returned copy lives in the model */
	if (!c || !c->ticket[0])
		return NULL;
	t = cache_find(mm, c->ticket);
	if (t)
		mm->current = *t;
	else {
		memset(&mm->current, 0, sizeof mm->current);
		copy(mm->current.number, sizeof mm->current.number, c->ticket);
	}
	mm->current.status = TICKET_CALLED;
	copy(mm->current.counter, sizeof mm->current.counter, m->counter);
	return &mm->current;
}

static bool undo_live(const struct model *m, int64_t mono_ms)
{
	return m->undo_number[0] && mono_ms < m->undo_until_mono;
}

enum why_not model_can(const struct model *m, enum action a, const char *arg, int64_t mono_ms)
{
	const struct state_counter *c;
	const struct ticket *cur;
	char num[TICKET_NUMBER_LEN];

	if (!m->counter[0])
		return WHY_NO_COUNTER;
	if (m->refused)
		return WHY_REFUSED;
	if (!m->online)
		return WHY_OFFLINE;
	if (!m->synced)
		return WHY_SYNCING;
	if (m->pend.active)
		return WHY_SENDING;
	c = model_my_counter(m);
	if (!c)
		return WHY_NO_COUNTER;
	cur = model_current(m);
	switch (a) {
	case ACT_CALL:
	case ACT_CALL_NUMBER:
		if (c->state == COUNTER_PAUSED)
			return WHY_PAUSED;
		if (c->state == COUNTER_CLOSED)
			return WHY_CLOSED;
		if (a == ACT_CALL_NUMBER)
			return arg && model_parse_number(arg, num) != 0 ? WHY_BAD_NUMBER : WHY_OK;
		if (model_waiting_mine(m) == 0)
			return WHY_EMPTY;
		if (m->last_call_mono && mono_ms - m->last_call_mono < DOUBLE_PRESS_MS)
			return WHY_JUST_CALLED;
		return WHY_OK;
	case ACT_RECALL:
	case ACT_FINISH:
	case ACT_NOSHOW:
		return cur ? WHY_OK : WHY_NO_TICKET;
	case ACT_TRANSFER:
		if (!cur)
			return WHY_NO_TICKET;
		if (arg && *arg && !config_service(m->cfg, *arg))
			return WHY_NO_SERVICES;
		if (arg && *arg && *arg == cur->service)
			return WHY_SAME_SERVICE;
		return WHY_OK;
	case ACT_PAUSE:
		return c->state == COUNTER_OPEN ? WHY_OK : c->state == COUNTER_PAUSED ? WHY_PAUSED : WHY_CLOSED;
	case ACT_RESUME:
		return WHY_OK;
	case ACT_SERVICES:
		for (const char *p = arg ? arg : ""; *p; p++)
			if (!config_service(m->cfg, *p))
				return WHY_NO_SERVICES;
		return WHY_OK;
	case ACT_UNDO:
		if (!undo_live(m, mono_ms))
			return WHY_NO_UNDO;
		return cur ? WHY_BUSY : WHY_OK;
	default:
		return WHY_NO_COUNTER;
	}
}

static cJSON *letters(const char *s)
{
	cJSON *a = cJSON_CreateArray();
	for (; a && *s; s++) {
		char one[2] = { *s, '\0' };
		cJSON_AddItemToArray(a, cJSON_CreateString(one));
	}
	return a;
}

enum why_not model_begin(struct model *m, enum action a, const char *arg, int64_t now_ms, int64_t mono_ms)
{
	enum why_not why = model_can(m, a, arg, mono_ms);
	struct model_pending *p = &m->pend;
	const struct state_counter *c;
	cJSON *o;
	char *json;

	if (why != WHY_OK) {
		model_note_cannot(m, a, why, now_ms);
		return why;
	}
	c = model_my_counter(m);
	o = cJSON_CreateObject();
	if (!o)
		return WHY_SENDING;
	memset(p, 0, sizeof *p);
	p->action = a;
	snprintf(p->request_id, sizeof p->request_id, "%.31s-%.20s-%llu", m->device, m->nonce,
	         (unsigned long long)++m->next_rid);
	cJSON_AddStringToObject(o, "counter", m->counter);
	switch (a) {
	case ACT_CALL_NUMBER: model_parse_number(arg, p->number); break;
	case ACT_UNDO: copy(p->number, sizeof p->number, m->undo_number); break;
	case ACT_TRANSFER: {
		char s[2] = { arg ? arg[0] : 0, '\0' };
		cJSON_AddStringToObject(o, "service", s);
		break;
	}
	case ACT_PAUSE: cJSON_AddStringToObject(o, "state", "paused"); break;
	case ACT_RESUME: cJSON_AddStringToObject(o, "state", "open"); break;
	case ACT_SERVICES:
		cJSON_AddStringToObject(o, "state", config_counter_state_name(c->state));
		cJSON_AddItemToObject(o, "services", letters(arg ? arg : ""));
		break;
	default: break;
	}
	if (p->number[0])
		cJSON_AddStringToObject(o, "number", p->number);
	cJSON_AddStringToObject(o, "request_id", p->request_id);
	json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!json || strlen(json) >= sizeof p->payload) {
		free(json);
		return WHY_SENDING;
	}
	strcpy(p->payload, json);
	free(json);
	p->active = true;
	p->since_mono = mono_ms;
	return WHY_OK;
}

void model_sent(struct model *m, uint64_t token)
{
	m->pend.token = token;
	m->pend.sends++;
}

uint64_t model_give_up(struct model *m, int64_t now_ms)
{
	uint64_t token = m->pend.token;
	if (!m->pend.active)
		return 0;
	set_note(m, NOTE_GAVE_UP, m->pend.action, m->pend.number, 0, now_ms);
	m->pend.active = false;
	return token ? token : 0;
}

/* ---- reads ---- */

const struct model_pending *model_pending(const struct model *m) { return &m->pend; }
const struct model_note *model_last_note(const struct model *m) { return &m->note; }

void model_note_cannot(struct model *m, enum action a, enum why_not why, int64_t now_ms)
{
	set_note(m, NOTE_CANNOT, a, "", 0, now_ms);
	m->note.why = why;
}

bool model_online(const struct model *m) { return m->online; }
bool model_refused(const struct model *m) { return m->refused; }
bool model_synced(const struct model *m) { return m->synced; }
int64_t model_offline_since(const struct model *m) { return m->online ? 0 : m->offline_since_ms; }
int64_t model_state_at(const struct model *m) { return m->have_state ? m->state_at_ms : 0; }
const struct state_doc *model_state(const struct model *m) { return m->have_state ? m->st : NULL; }

bool model_undo(const struct model *m, int64_t mono_ms, char number[TICKET_NUMBER_LEN], enum action *what,
                int *seconds_left)
{
	if (!undo_live(m, mono_ms))
		return false;
	if (number)
		copy(number, TICKET_NUMBER_LEN, m->undo_number);
	if (what)
		*what = m->undo_what;
	if (seconds_left)
		*seconds_left = (int)((m->undo_until_mono - mono_ms + 999) / 1000);
	return true;
}

/* Milliseconds from now until the whole minutes since t change. */
static int64_t to_next_minute(int64_t now_ms, int64_t t)
{
	int64_t since = now_ms - t;
	if (t <= 0)
		return INT64_MAX;
	if (since < 0)
		return -since;
	return 60000 - since % 60000;
}

int model_next_tick(const struct model *m, int64_t now_ms, int64_t mono_ms, int max_ms)
{
	int64_t best = 60000 - now_ms % 60000;     /* the clock's minute (local offsets are whole minutes) */
	const struct ticket *cur = model_current(m);
	if (m->have_state)
		for (int i = 0; i < m->st->n_waiting; i++) {
			int64_t d = to_next_minute(now_ms, m->st->waiting[i].issued_ms);
			if (d < best)
				best = d;
		}
	if (cur && to_next_minute(now_ms, cur->called_ms) < best)
		best = to_next_minute(now_ms, cur->called_ms);
	if (!m->online && m->offline_since_ms && to_next_minute(now_ms, m->offline_since_ms) < best)
		best = to_next_minute(now_ms, m->offline_since_ms);
	/* Call next comes back after a double press's pause */
	if (m->last_call_mono && mono_ms - m->last_call_mono < DOUBLE_PRESS_MS &&
	    DOUBLE_PRESS_MS - (mono_ms - m->last_call_mono) < best)
		best = DOUBLE_PRESS_MS - (mono_ms - m->last_call_mono);
	if (undo_live(m, mono_ms)) {
		int64_t left = m->undo_until_mono - mono_ms, d = left % 1000 ? left % 1000 : 1000;
		if (d < best)
			best = d;
	}
	if (best < 1)
		best = 1;
	return best > max_ms ? max_ms : (int)best;
}

int model_parse_number(const char *typed, char out[TICKET_NUMBER_LEN])
{
	char letter = 0;
	int digits = 0;
	long n = 0;
	if (!typed)
		return -1;
	for (const char *p = typed; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (isspace(ch))
			continue;
		if (!letter && isalpha(ch) && ch < 128) {
			letter = (char)toupper(ch);
		} else if (letter && isdigit(ch) && digits < 4) {
			n = n * 10 + (ch - '0');
			digits++;
		} else {
			return -1;
		}
	}
	if (!letter || !digits || n < 1)
		return -1;
	queue_format_number(letter, (int)n, out);
	return 0;
}

void model_summary(const struct model *m, int64_t mono_ms, char *out, size_t cap)
{
	const struct state_counter *c = model_my_counter(m);
	const struct ticket *cur = model_current(m);
	int next = model_next_index(m);
	char undo[TICKET_NUMBER_LEN] = "-";
	model_undo(m, mono_ms, undo, NULL, NULL);
	snprintf(out, cap, "counter %s %s, %s, %s, current %s, waiting %d (mine %d, listed %d, more %d), next %s, undo %s, pending %s",
	         m->counter[0] ? m->counter : "-", c ? config_counter_state_name(c->state) : "unknown",
	         m->online ? "online" : m->refused ? "refused" : "offline", m->synced ? "synced" : "not synced",
	         cur ? cur->number : "-",
	         m->have_state ? m->st->n_waiting + m->st->waiting_more : 0, model_waiting_mine(m),
	         m->have_state ? m->st->n_waiting : 0, m->have_state ? m->st->waiting_more : 0,
	         next >= 0 ? m->st->waiting[next].number : "-", undo,
	         m->pend.active ? model_op(m->pend.action) : "-");
}
