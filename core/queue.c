/* The queue engine: state of one branch for one day, and its change log. */
#include "core/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hours.h"

struct queue {
	const struct config *cfg;
	char day[11];
	struct ticket *t;          /* today's tickets in issue order */
	int n, cap;
	int last_seq_no[26];       /* per letter, today */
	int64_t next_id;
	struct counter counters[CONFIG_MAX_COUNTERS];
	int n_counters;
	int64_t seq;               /* last event seq */
	struct change *log;
	int n_log, cap_log;
	/* From the last estimate, per service index. */
	int service_time_s[CONFIG_MAX_SERVICES];
	int est_new_s[CONFIG_MAX_SERVICES];
};

static const char *const status_names[] = { "waiting", "called", "done", "no_show", "cancelled" };
static const char *const event_names[EV_COUNT] = { "issued", "called", "recalled", "done", "no_show",
                                                   "transferred", "cancelled", "counter", "day", "print" };
static const char *const end_names[] = { "", "day_end", "withdrawn" };

static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *queue_status_name(enum ticket_status st) { return (unsigned)st < 5 ? status_names[st] : "?"; }
int queue_status_parse(const char *s) { return name_index(status_names, 5, s); }
const char *queue_event_name(enum event_type t) { return (unsigned)t < EV_COUNT ? event_names[t] : "?"; }
int queue_event_parse(const char *s) { return name_index(event_names, EV_COUNT, s); }
const char *queue_end_name(enum ticket_end e) { return (unsigned)e < 3 ? end_names[e] : ""; }
int queue_end_parse(const char *s) { return s && *s ? name_index(end_names, 3, s) : END_NONE; }

void queue_format_number(char letter, int seq_no, char out[TICKET_NUMBER_LEN])
{
	char buf[32];
	snprintf(buf, sizeof buf, "%c%03d", letter, seq_no);
	memcpy(out, buf, TICKET_NUMBER_LEN - 1);
	out[TICKET_NUMBER_LEN - 1] = '\0';
}

static int service_index(const struct queue *q, char letter)
{
	for (int i = 0; i < q->cfg->n_services; i++)
		if (q->cfg->services[i].letter == letter)
			return i;
	return -1;
}

struct queue *queue_new(const struct config *cfg, const char *day)
{
	struct queue *q = calloc(1, sizeof *q);
	if (!q)
		return NULL;
	q->cfg = cfg;
	snprintf(q->day, sizeof q->day, "%s", day);
	q->next_id = 1;
	q->n_counters = cfg->n_counters;
	for (int i = 0; i < cfg->n_counters; i++) {
		struct counter *c = &q->counters[i];
		snprintf(c->id, sizeof c->id, "%s", cfg->counters[i].id);
		c->state = cfg->counters[i].initial;
		snprintf(c->services, sizeof c->services, "%s", cfg->counters[i].services);
	}
	for (int i = 0; i < cfg->n_services; i++) {
		q->service_time_s[i] = cfg->services[i].service_time_s;
		q->est_new_s[i] = 0;
	}
	return q;
}

void queue_free(struct queue *q)
{
	if (!q)
		return;
	free(q->t);
	free(q->log);
	free(q);
}

/* --- change log --- */

static struct change *log_add(struct queue *q, enum change_kind kind)
{
	struct change *c;
	if (q->n_log == q->cap_log) {
		int cap = q->cap_log ? q->cap_log * 2 : 16;
		c = realloc(q->log, (size_t)cap * sizeof *c);
		if (!c)
			return NULL;
		q->log = c;
		q->cap_log = cap;
	}
	c = &q->log[q->n_log++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	return c;
}

/* The log must not fail half-way through an operation: each operation
 * reserves the room for its entries first. */
static int log_reserve(struct queue *q, int n)
{
	if (q->n_log + n <= q->cap_log)
		return 0;
	int cap = q->cap_log ? q->cap_log : 16;
	while (cap < q->n_log + n)
		cap *= 2;
	struct change *c = realloc(q->log, (size_t)cap * sizeof *c);
	if (!c)
		return -1;
	q->log = c;
	q->cap_log = cap;
	return 0;
}

static void log_ticket(struct queue *q, const struct ticket *t)
{
	struct change *c = log_add(q, CHANGE_TICKET);
	if (c)
		c->ticket = *t;
}

static void log_counter(struct queue *q, const struct counter *k)
{
	struct change *c = log_add(q, CHANGE_COUNTER);
	if (c)
		c->counter = *k;
}

static struct event *log_event(struct queue *q, enum event_type type, int64_t now, const struct ticket *t,
                               const char *counter)
{
	struct change *c = log_add(q, CHANGE_EVENT);
	if (!c)
		return NULL;
	c->event.seq = ++q->seq;
	c->event.type = type;
	c->event.at_ms = now;
	snprintf(c->event.day, sizeof c->event.day, "%s", q->day);
	if (t) {
		c->event.has_ticket = true;
		c->event.ticket = *t;
	}
	if (counter)
		snprintf(c->event.counter, sizeof c->event.counter, "%s", counter);
	return &c->event;
}

const struct change *queue_changes(const struct queue *q, int *n)
{
	*n = q->n_log;
	return q->log;
}

void queue_clear_changes(struct queue *q)
{
	q->n_log = 0;
}

/* --- tickets --- */

static struct ticket *ticket_add(struct queue *q)
{
	if (q->n == q->cap) {
		int cap = q->cap ? q->cap * 2 : 64;
		struct ticket *t = realloc(q->t, (size_t)cap * sizeof *t);
		if (!t)
			return NULL;
		q->t = t;
		q->cap = cap;
	}
	memset(&q->t[q->n], 0, sizeof q->t[0]);
	return &q->t[q->n++];
}

static struct ticket *find_id(const struct queue *q, int64_t id)
{
	if (id <= 0)
		return NULL;
	for (int i = q->n - 1; i >= 0; i--)
		if (q->t[i].id == id)
			return &q->t[i];
	return NULL;
}

const struct ticket *queue_find_id(const struct queue *q, int64_t id)
{
	return find_id(q, id);
}

const struct ticket *queue_find(const struct queue *q, const char *number)
{
	for (int i = q->n - 1; number && i >= 0; i--)
		if (strcmp(q->t[i].number, number) == 0 && strcmp(q->t[i].day, q->day) == 0)
			return &q->t[i];
	return NULL;
}

int queue_restore_ticket(struct queue *q, const struct ticket *src)
{
	struct ticket *t = ticket_add(q);
	if (!t)
		return -1;
	*t = *src;
	if (t->id >= q->next_id)
		q->next_id = t->id + 1;
	if (strcmp(t->day, q->day) == 0 && t->letter >= 'A' && t->letter <= 'Z' &&
	    t->seq_no > q->last_seq_no[t->letter - 'A'])
		q->last_seq_no[t->letter - 'A'] = t->seq_no;
	return 0;
}

static struct counter *counter_get(struct queue *q, const char *id)
{
	for (int i = 0; id && i < q->n_counters; i++)
		if (strcmp(q->counters[i].id, id) == 0)
			return &q->counters[i];
	return NULL;
}

int queue_restore_counter(struct queue *q, const struct counter *c)
{
	struct counter *k = counter_get(q, c->id);
	if (!k)
		return -1;   /* a counter no longer in the configuration */
	*k = *c;
	if (!k->services[0])
		snprintf(k->services, sizeof k->services, "%s", config_counter(q->cfg, k->id)->services);
	return 0;
}

void queue_restore_seq(struct queue *q, int64_t seq, int64_t next_ticket_id)
{
	q->seq = seq;
	if (next_ticket_id > q->next_id)
		q->next_id = next_ticket_id;
}

/* Does a come before b in call order? Priority first, then earliest issued,
 * then the order of issue. */
static bool before(const struct ticket *a, const struct ticket *b)
{
	if (a->priority != b->priority)
		return a->priority;
	if (a->issued_ms != b->issued_ms)
		return a->issued_ms < b->issued_ms;
	return a->id < b->id;
}

static int cmp_order(const void *pa, const void *pb)
{
	const struct ticket *a = *(const struct ticket *const *)pa, *b = *(const struct ticket *const *)pb;
	return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

static bool valid_services(const struct queue *q, const char *letters)
{
	for (const char *p = letters; *p; p++)
		if (service_index(q, *p) < 0)
			return false;
	return true;
}

static struct ticket *next_for(struct queue *q, const char *services)
{
	struct ticket *best = NULL;
	for (int i = 0; i < q->n; i++) {
		struct ticket *t = &q->t[i];
		if (t->status == TICKET_WAITING && strchr(services, t->service) && (!best || before(t, best)))
			best = t;
	}
	return best;
}

static void copy_out(struct queue *q, const struct ticket *t, int64_t now, struct ticket *out)
{
	if (!out)
		return;
	queue_estimate(q, now);
	*out = *t;
}

/* Ends the counter's current ticket with status st (done / no_show). */
static struct ticket *end_current(struct queue *q, struct counter *c, enum ticket_status st, int64_t now)
{
	struct ticket *t = find_id(q, c->ticket_id);
	c->ticket_id = 0;
	if (!t || t->status != TICKET_CALLED)
		return NULL;
	t->status = st;
	t->finished_ms = now;
	log_ticket(q, t);
	log_event(q, st == TICKET_DONE ? EV_DONE : EV_NO_SHOW, now, t, c->id);
	return t;
}

static void set_counter_state(struct queue *q, struct counter *c, enum counter_state st, int64_t now)
{
	struct event *e;
	c->state = st;
	c->since_ms = now;
	log_counter(q, c);
	e = log_event(q, EV_COUNTER, now, NULL, c->id);
	if (e) {
		e->counter_state = st;
		snprintf(e->services, sizeof e->services, "%s", c->services);
	}
}

enum fronta_err queue_issue(struct queue *q, char service, const char *lang, bool priority,
                            int64_t now, struct ticket *out)
{
	const struct service_cfg *s = config_service(q->cfg, service);
	struct ticket *t;
	int li;

	if (!s)
		return FRONTA_EUNKNOWN_SERVICE;
	if (config_lang_index(q->cfg, lang) < 0)
		return FRONTA_EBADREQ;
	if (!hours_open(q->cfg, s, now))
		return FRONTA_ECLOSED;
	if (log_reserve(q, 2) != 0 || !(t = ticket_add(q)))
		return FRONTA_ENOMEM;
	li = service - 'A';
	t->id = q->next_id++;
	snprintf(t->day, sizeof t->day, "%s", q->day);
	t->letter = service;
	t->seq_no = ++q->last_seq_no[li];
	queue_format_number(service, t->seq_no, t->number);
	t->service = service;
	snprintf(t->lang, sizeof t->lang, "%s", lang);
	t->priority = priority;
	t->status = TICKET_WAITING;
	t->issued_ms = now;
	log_ticket(q, t);
	queue_estimate(q, now);
	log_event(q, EV_ISSUED, now, t, NULL);
	copy_out(q, t, now, out);
	return FRONTA_OK;
}

/* Calls ticket t to counter c: finishes the counter's current ticket, opens
 * the counter if needed (a worker who calls is back), logs it all. */
static void call_ticket(struct queue *q, struct counter *c, struct ticket *t, int64_t now)
{
	end_current(q, c, TICKET_DONE, now);
	if (c->state != COUNTER_OPEN)
		set_counter_state(q, c, COUNTER_OPEN, now);
	t->status = TICKET_CALLED;
	t->called_ms = now;
	t->announced_ms = now;
	t->finished_ms = 0;
	t->end = END_NONE;
	snprintf(t->counter, sizeof t->counter, "%s", c->id);
	c->ticket_id = t->id;
	log_ticket(q, t);
	log_counter(q, c);
	log_event(q, EV_CALLED, now, t, c->id);
}

enum fronta_err queue_call(struct queue *q, const char *counter, const char *services, int64_t now,
                           struct ticket *out)
{
	struct counter *c = counter_get(q, counter);
	struct ticket *t;

	if (!c)
		return FRONTA_EUNKNOWN_COUNTER;
	if (services && (!*services || !valid_services(q, services)))
		return FRONTA_EUNKNOWN_SERVICE;
	t = next_for(q, services ? services : c->services);
	if (!t)
		return FRONTA_EEMPTY;
	if (log_reserve(q, 6) != 0)
		return FRONTA_ENOMEM;
	call_ticket(q, c, t, now);
	copy_out(q, t, now, out);
	return FRONTA_OK;
}

enum fronta_err queue_call_number(struct queue *q, const char *counter, const char *number, int64_t now,
                                  struct ticket *out)
{
	struct counter *c = counter_get(q, counter);
	struct ticket *t = (struct ticket *)queue_find(q, number);

	if (!c)
		return FRONTA_EUNKNOWN_COUNTER;
	if (!t || t->end == END_DAY || (t->status == TICKET_CALLED && t->id != c->ticket_id))
		return FRONTA_ENOT_FOUND;
	if (t->id == c->ticket_id && t->status == TICKET_CALLED) {
		copy_out(q, t, now, out);
		return FRONTA_OK;
	}
	if (log_reserve(q, 6) != 0)
		return FRONTA_ENOMEM;
	call_ticket(q, c, t, now);
	copy_out(q, t, now, out);
	return FRONTA_OK;
}

/* The counter and its current ticket, or an error. */
static enum fronta_err current(struct queue *q, const char *counter, struct counter **c, struct ticket **t)
{
	*c = counter_get(q, counter);
	if (!*c)
		return FRONTA_EUNKNOWN_COUNTER;
	*t = find_id(q, (*c)->ticket_id);
	if (!*t || (*t)->status != TICKET_CALLED)
		return FRONTA_ENO_TICKET;
	return log_reserve(q, 4) == 0 ? FRONTA_OK : FRONTA_ENOMEM;
}

enum fronta_err queue_recall(struct queue *q, const char *counter, int64_t now, struct ticket *out)
{
	struct counter *c;
	struct ticket *t;
	enum fronta_err err = current(q, counter, &c, &t);

	if (err)
		return err;
	t->recalls++;
	t->announced_ms = now;
	log_ticket(q, t);
	log_event(q, EV_RECALLED, now, t, c->id);
	copy_out(q, t, now, out);
	return FRONTA_OK;
}

static enum fronta_err finish_as(struct queue *q, const char *counter, enum ticket_status st, int64_t now,
                                 struct ticket *out)
{
	struct counter *c;
	struct ticket *t;
	enum fronta_err err = current(q, counter, &c, &t);

	if (err)
		return err;
	end_current(q, c, st, now);
	log_counter(q, c);
	copy_out(q, t, now, out);
	return FRONTA_OK;
}

enum fronta_err queue_finish(struct queue *q, const char *counter, int64_t now, struct ticket *out)
{
	return finish_as(q, counter, TICKET_DONE, now, out);
}

enum fronta_err queue_noshow(struct queue *q, const char *counter, int64_t now, struct ticket *out)
{
	return finish_as(q, counter, TICKET_NO_SHOW, now, out);
}

enum fronta_err queue_transfer(struct queue *q, const char *counter, char service, int64_t now,
                               struct ticket *out)
{
	struct counter *c;
	struct ticket *t;
	struct event *e;
	enum fronta_err err = current(q, counter, &c, &t);
	char from;

	if (err)
		return err;
	if (!config_service(q->cfg, service))
		return FRONTA_EUNKNOWN_SERVICE;
	from = t->service;
	t->status = TICKET_WAITING;
	t->service = service;
	t->counter[0] = '\0';
	t->transfers++;
	c->ticket_id = 0;
	log_ticket(q, t);
	log_counter(q, c);
	queue_estimate(q, now);
	e = log_event(q, EV_TRANSFERRED, now, t, c->id);
	if (e)
		e->from_service = from;
	copy_out(q, t, now, out);
	return FRONTA_OK;
}

static enum fronta_err cancel_ticket(struct queue *q, struct ticket *t, enum ticket_end why, int64_t now,
                                     struct ticket *out)
{
	if (log_reserve(q, 2) != 0)
		return FRONTA_ENOMEM;
	t->status = TICKET_CANCELLED;
	t->finished_ms = now;
	t->end = why;
	log_ticket(q, t);
	log_event(q, EV_CANCELLED, now, t, NULL);
	copy_out(q, t, now, out);
	return FRONTA_OK;
}

enum fronta_err queue_cancel(struct queue *q, const char *number, int64_t now, struct ticket *out)
{
	struct ticket *t = (struct ticket *)queue_find(q, number);
	if (!t || t->status != TICKET_WAITING)
		return FRONTA_ENOT_FOUND;
	return cancel_ticket(q, t, END_NONE, now, out);
}

enum fronta_err queue_print(struct queue *q, const char *number, enum print_state st, bool withdraw,
                            int64_t now, struct ticket *out)
{
	struct ticket *t = (struct ticket *)queue_find(q, number);
	if (!t)
		return FRONTA_ENOT_FOUND;
	if (withdraw) {
		if (t->status != TICKET_WAITING)
			return FRONTA_ENOT_FOUND;
		t->print = PRINT_FAILED;
		return cancel_ticket(q, t, END_WITHDRAWN, now, out);
	}
	if (t->print != st) {
		if (log_reserve(q, 2) != 0)
			return FRONTA_ENOMEM;
		t->print = st;
		log_ticket(q, t);
		log_event(q, EV_PRINT, now, t, NULL);
	}
	copy_out(q, t, now, out);
	return FRONTA_OK;
}

enum fronta_err queue_set_counter(struct queue *q, const char *counter, enum counter_state st,
                                  const char *services, int64_t now, struct counter *out)
{
	struct counter *c = counter_get(q, counter);
	bool services_change;

	if (!c)
		return FRONTA_EUNKNOWN_COUNTER;
	if (services && *services && !valid_services(q, services))
		return FRONTA_EUNKNOWN_SERVICE;
	if (services && !*services)
		services = config_counter(q->cfg, c->id)->services;
	services_change = services && strcmp(services, c->services) != 0;
	if (c->state != st || services_change) {
		if (log_reserve(q, 5) != 0)
			return FRONTA_ENOMEM;
		/* A counter that closes has finished with its client. */
		if (st == COUNTER_CLOSED)
			end_current(q, c, TICKET_DONE, now);
		if (services)
			snprintf(c->services, sizeof c->services, "%s", services);
		set_counter_state(q, c, st, now);
	}
	if (out)
		*out = *c;
	return FRONTA_OK;
}

bool queue_new_day(struct queue *q, const char *day, int64_t now)
{
	struct change *c;
	int kept = 0;

	if (strcmp(day, q->day) == 0)
		return false;
	log_reserve(q, q->n + q->n_counters + 2);
	for (int i = 0; i < q->n; i++) {
		struct ticket *t = &q->t[i];
		if (t->status == TICKET_WAITING || t->status == TICKET_CALLED) {
			t->status = t->status == TICKET_WAITING ? TICKET_CANCELLED : TICKET_DONE;
			t->finished_ms = now;
			t->end = END_DAY;
			log_ticket(q, t);
		}
	}
	for (int i = 0; i < q->n_counters; i++) {
		if (q->counters[i].ticket_id) {
			q->counters[i].ticket_id = 0;
			log_counter(q, &q->counters[i]);
		}
	}
	/* Yesterday's tickets are in the log (and the store); only today's stay. */
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->t[i].day, day) == 0)
			q->t[kept++] = q->t[i];
	q->n = kept;
	snprintf(q->day, sizeof q->day, "%s", day);
	memset(q->last_seq_no, 0, sizeof q->last_seq_no);
	c = log_add(q, CHANGE_DAY);
	if (c)
		snprintf(c->day, sizeof c->day, "%s", day);
	log_event(q, EV_DAY, now, NULL, NULL);
	for (int i = 0; i < q->cfg->n_services; i++)
		q->service_time_s[i] = q->cfg->services[i].service_time_s;
	return true;
}

/* --- reads --- */

const char *queue_day(const struct queue *q) { return q->day; }
int64_t queue_seq(const struct queue *q) { return q->seq; }
int64_t queue_next_ticket_id(const struct queue *q) { return q->next_id; }
const struct config *queue_config(const struct queue *q) { return q->cfg; }
int queue_n_counters(const struct queue *q) { return q->n_counters; }

const struct counter *queue_counter_at(const struct queue *q, int i)
{
	return i >= 0 && i < q->n_counters ? &q->counters[i] : NULL;
}

const struct counter *queue_counter(const struct queue *q, const char *id)
{
	return counter_get((struct queue *)q, id);
}

int queue_waiting(const struct queue *q, const struct ticket **out, int max)
{
	const struct ticket **all;
	int n = 0;

	for (int i = 0; i < q->n; i++)
		n += q->t[i].status == TICKET_WAITING;
	if (!out || max <= 0 || n == 0)
		return n;
	all = malloc((size_t)n * sizeof *all);
	if (!all)
		return n;
	n = 0;
	for (int i = 0; i < q->n; i++)
		if (q->t[i].status == TICKET_WAITING)
			all[n++] = &q->t[i];
	qsort(all, (size_t)n, sizeof *all, cmp_order);
	memcpy(out, all, (size_t)(n < max ? n : max) * sizeof *all);
	free(all);
	return n;
}

static int cmp_announced(const void *pa, const void *pb)
{
	const struct ticket *a = *(const struct ticket *const *)pa, *b = *(const struct ticket *const *)pb;
	if (a->announced_ms != b->announced_ms)
		return a->announced_ms > b->announced_ms ? -1 : 1;
	return a->id > b->id ? -1 : a->id < b->id;
}

/* A call of today that still stands: a ticket transferred back to the
 * waiting room is not shown as called until it is called again. */
static bool was_called(const struct queue *q, const struct ticket *t)
{
	return t->announced_ms > 0 && t->status != TICKET_WAITING && t->status != TICKET_CANCELLED &&
	       strcmp(t->day, q->day) == 0;
}

/* One pass over the day, keeping the max most recent in order: a day has
 * thousands of calls and the state wants ten (sorting them all, each
 * request, was frontad's largest sort). */
int queue_recent_calls(const struct queue *q, const struct ticket **out, int max)
{
	int n = 0;
	if (!out || max <= 0)
		return 0;
	for (int i = 0; i < q->n; i++) {
		const struct ticket *t = &q->t[i];
		int j;
		if (!was_called(q, t) || (n == max && cmp_announced(&t, &out[n - 1]) >= 0))
			continue;
		j = n < max ? n++ : n - 1;     /* a new place, or the last one's */
		for (; j > 0 && cmp_announced(&t, &out[j - 1]) < 0; j--)
			out[j] = out[j - 1];
		out[j] = t;
	}
	return n;
}

int queue_service_waiting(const struct queue *q, char service)
{
	int n = 0;
	for (int i = 0; i < q->n; i++)
		n += q->t[i].status == TICKET_WAITING && q->t[i].service == service;
	return n;
}

int queue_service_est_wait_s(const struct queue *q, char service)
{
	int i = service_index(q, service);
	return i >= 0 ? q->est_new_s[i] : 0;
}

int queue_service_time_s(const struct queue *q, char service)
{
	int i = service_index(q, service);
	return i >= 0 ? q->service_time_s[i] : 0;
}

/* --- the estimate (docs/architecture.md, "Estimated wait") --- */

#define MIN_SAMPLES 3
#define MAX_SAMPLES 20

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The median of the last MAX_SAMPLES real service times of a service today,
 * or its configured time until there are MIN_SAMPLES. */
static void measure_service_times(struct queue *q)
{
	for (int s = 0; s < q->cfg->n_services; s++) {
		int samples[MAX_SAMPLES], n = 0;
		char letter = q->cfg->services[s].letter;
		for (int i = q->n - 1; i >= 0 && n < MAX_SAMPLES; i--) {
			const struct ticket *t = &q->t[i];
			if (t->status == TICKET_DONE && t->end == END_NONE && t->service == letter &&
			    t->called_ms > 0 && t->finished_ms > t->called_ms && strcmp(t->day, q->day) == 0)
				samples[n++] = (int)((t->finished_ms - t->called_ms) / 1000);
		}
		if (n < MIN_SAMPLES) {
			q->service_time_s[s] = q->cfg->services[s].service_time_s;
			continue;
		}
		qsort(samples, (size_t)n, sizeof samples[0], cmp_int);
		q->service_time_s[s] = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
		if (q->service_time_s[s] < 1)
			q->service_time_s[s] = 1;
	}
}

struct sim_counter {
	uint32_t mask;      /* service indexes it takes */
	int64_t free_ms;    /* when it can call next */
	bool active;
};

void queue_estimate(struct queue *q, int64_t now)
{
	int ns = q->cfg->n_services;
	struct sim_counter sim[CONFIG_MAX_COUNTERS + 1];
	int nsim = 0, assigned = 0;
	uint32_t covered = 0;
	const struct ticket **order;
	struct ticket **lists[CONFIG_MAX_SERVICES] = { 0 };
	int len[CONFIG_MAX_SERVICES] = { 0 }, head[CONFIG_MAX_SERVICES] = { 0 };
	int nw;

	measure_service_times(q);

	/* Counters that will serve: open and paused (a pause is short; a counter
	 * away for long is closed). One busy with a client is free when that
	 * client's expected time is up, and not sooner than a fifth of it. */
	for (int i = 0; i < q->n_counters; i++) {
		struct counter *c = &q->counters[i];
		struct sim_counter *k = &sim[nsim];
		const struct ticket *cur;
		if (c->state == COUNTER_CLOSED)
			continue;
		k->mask = 0;
		for (const char *p = c->services; *p; p++) {
			int si = service_index(q, *p);
			if (si >= 0)
				k->mask |= 1u << si;
		}
		k->free_ms = now;
		cur = find_id(q, c->ticket_id);
		if (cur && cur->status == TICKET_CALLED) {
			int si = service_index(q, cur->service);
			int64_t t_ms = (int64_t)(si >= 0 ? q->service_time_s[si] : 600) * 1000;
			int64_t left = t_ms - (now - cur->called_ms);
			k->free_ms = now + (left > t_ms / 5 ? left : t_ms / 5);
		}
		k->active = k->mask != 0;
		covered |= k->mask;
		nsim++;
	}
	/* Services no counter serves now are estimated as if one counter of
	 * their own opened now. */
	if (((1u << ns) - 1) & ~covered) {
		sim[nsim].mask = ((1u << ns) - 1) & ~covered;
		sim[nsim].free_ms = now;
		sim[nsim].active = true;
		nsim++;
	}

	nw = queue_waiting(q, NULL, 0);
	order = nw ? malloc((size_t)nw * sizeof *order) : NULL;
	if (nw && !order)
		return;
	if (nw)
		queue_waiting(q, order, nw);
	/* per-service lists in call order, pointing into q->t */
	for (int i = 0; i < nw; i++) {
		int si = service_index(q, order[i]->service);
		if (si >= 0)
			len[si]++;
	}
	for (int s = 0; s < ns; s++) {
		lists[s] = len[s] ? malloc((size_t)len[s] * sizeof *lists[s]) : NULL;
		len[s] = 0;
	}
	for (int i = 0; i < nw; i++) {
		int si = service_index(q, order[i]->service);
		if (si >= 0 && lists[si])
			lists[si][len[si]++] = (struct ticket *)order[i];
	}

	/* Replay the calls: the counter free first takes the first ticket in call
	 * order among its services. */
	for (;;) {
		int best = -1, pick = -1;
		struct ticket *t = NULL;
		for (int i = 0; i < nsim; i++)
			if (sim[i].active && (best < 0 || sim[i].free_ms < sim[best].free_ms))
				best = i;
		if (best < 0)
			break;
		for (int s = 0; s < ns; s++) {
			if (!(sim[best].mask & (1u << s)) || head[s] >= len[s])
				continue;
			if (!t || before(lists[s][head[s]], t)) {
				t = lists[s][head[s]];
				pick = s;
			}
		}
		if (!t) {
			sim[best].active = false;
			continue;
		}
		head[pick]++;
		t->ahead = assigned++;
		t->est_wait_s = (int)((sim[best].free_ms - now + 999) / 1000);
		sim[best].free_ms += (int64_t)q->service_time_s[pick] * 1000;
	}
	/* A ticket issued now comes last: it waits until the first counter that
	 * takes its service has nothing earlier left. */
	for (int s = 0; s < ns; s++) {
		int64_t best = -1;
		for (int i = 0; i < nsim; i++)
			if ((sim[i].mask & (1u << s)) && (best < 0 || sim[i].free_ms < best))
				best = sim[i].free_ms;
		q->est_new_s[s] = best < 0 ? 0 : (int)((best - now + 999) / 1000);
		free(lists[s]);
	}
	free(order);
	/* Tickets no longer waiting carry no estimate. */
	for (int i = 0; i < q->n; i++)
		if (q->t[i].status != TICKET_WAITING)
			q->t[i].ahead = q->t[i].est_wait_s = 0;
}
