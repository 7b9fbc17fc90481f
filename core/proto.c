/* JSON of the wire protocol, both directions, with cJSON. */
#include "core/proto.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/tz.h"
#include "core/utf8.h"

static const char *const op_names[OP_COUNT] = { "issue", "call", "recall", "finish", "noshow",
                                                "transfer", "cancel", "counter", "status", "print" };

const char *proto_op_name(enum op op) { return (unsigned)op < OP_COUNT ? op_names[op] : "?"; }

int proto_op_parse(const char *name)
{
	for (int i = 0; name && i < OP_COUNT; i++)
		if (strcmp(op_names[i], name) == 0)
			return i;
	return -1;
}

bool proto_op_changes(enum op op) { return op != OP_STATUS; }

int proto_topic(char *out, size_t cap, const char *branch, const char *rest)
{
	int n = snprintf(out, cap, PROTO_TOPIC_ROOT "/%s/%s", branch, rest);
	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

/* ---- requests ---- */

static enum fronta_err bad(char *msg, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum fronta_err bad(char *msg, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, cap, fmt, ap);
	va_end(ap);
	return FRONTA_EBADREQ;
}

/* A string field: NULL if absent; *wrong set if present but not a string. */
static const char *str_field(const cJSON *obj, const char *name, bool *wrong)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (!v)
		return NULL;
	if (!cJSON_IsString(v) || !v->valuestring) {
		*wrong = true;
		return NULL;
	}
	return v->valuestring;
}

static bool printable_id(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n < 1 || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

static enum fronta_err get_counter(const cJSON *obj, struct request *r, char *msg, size_t cap)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "counter");
	if (!v)
		return bad(msg, cap, "missing field \"counter\"");
	if (cJSON_IsNumber(v)) {
		/* convenience for hand-typed requests: 2 means "2" */
		double d = v->valuedouble;
		if (d < 0 || d > 1e9 || d != (double)(long)d)
			return bad(msg, cap, "\"counter\" must be a counter id such as \"2\"");
		snprintf(r->counter, sizeof r->counter, "%ld", (long)d);
		return FRONTA_OK;
	}
	if (!cJSON_IsString(v) || !v->valuestring)
		return bad(msg, cap, "\"counter\" must be a string such as \"2\"");
	if (!config_is_id(v->valuestring) || strlen(v->valuestring) >= sizeof r->counter) {
		snprintf(msg, cap, "unknown counter");
		return FRONTA_EUNKNOWN_COUNTER;
	}
	strcpy(r->counter, v->valuestring);
	return FRONTA_OK;
}

static enum fronta_err get_service(const cJSON *obj, char *out, char *msg, size_t cap)
{
	bool wrong = false;
	const char *s = str_field(obj, "service", &wrong);
	if (wrong)
		return bad(msg, cap, "\"service\" must be a string such as \"A\"");
	if (!s)
		return bad(msg, cap, "missing field \"service\"");
	if (strlen(s) != 1 || s[0] < 'A' || s[0] > 'Z') {
		snprintf(msg, cap, "unknown service");
		return FRONTA_EUNKNOWN_SERVICE;
	}
	*out = s[0];
	return FRONTA_OK;
}

static enum fronta_err get_services(const cJSON *obj, struct request *r, char *msg, size_t cap)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "services"), *e;
	size_t n = 0;
	if (!v)
		return FRONTA_OK;
	if (!cJSON_IsArray(v))
		return bad(msg, cap, "\"services\" must be a list of letters such as [\"A\", \"S\"]");
	cJSON_ArrayForEach(e, v) {
		if (!cJSON_IsString(e) || !e->valuestring)
			return bad(msg, cap, "\"services\" must be a list of letters such as [\"A\", \"S\"]");
		if (strlen(e->valuestring) != 1 || e->valuestring[0] < 'A' || e->valuestring[0] > 'Z') {
			snprintf(msg, cap, "unknown service in \"services\"");
			return FRONTA_EUNKNOWN_SERVICE;
		}
		if (!strchr(r->services, e->valuestring[0])) {
			if (n == CONFIG_MAX_SERVICES)
				return bad(msg, cap, "too many services");
			r->services[n++] = e->valuestring[0];
			r->services[n] = '\0';
		}
	}
	r->has_services = true;
	return FRONTA_OK;
}

static bool ticket_number_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 4 || n > 6 || s[0] < 'A' || s[0] > 'Z')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static enum fronta_err get_number(const cJSON *obj, struct request *r, char *msg, size_t cap)
{
	bool wrong = false;
	const char *s = str_field(obj, "number", &wrong);
	if (wrong || !s)
		return bad(msg, cap, "%s field \"number\" (a ticket number such as \"A023\")",
		           wrong ? "wrong type of" : "missing");
	if (!ticket_number_ok(s)) {
		snprintf(msg, cap, "no ticket with that number today");
		return FRONTA_ENOT_FOUND;
	}
	strcpy(r->number, s);
	return FRONTA_OK;
}

static enum fronta_err parse_fields(const cJSON *obj, struct request *r, char *msg, size_t cap)
{
	bool wrong = false;
	const char *s;
	const cJSON *v;
	enum fronta_err err = FRONTA_OK;

	s = str_field(obj, "request_id", &wrong);
	if (wrong || (s && !printable_id(s, PROTO_REQUEST_ID_MAX)))
		return bad(msg, cap, "\"request_id\" must be a string of 1-64 characters");
	if (s)
		strcpy(r->request_id, s);
	if ((r->op == OP_ISSUE || r->op == OP_CALL) && !s)
		return bad(msg, cap, "missing field \"request_id\" (required for %s)", op_names[r->op]);

	switch (r->op) {
	case OP_ISSUE:
		if ((err = get_service(obj, &r->service, msg, cap)))
			return err;
		s = str_field(obj, "lang", &wrong);
		if (wrong || !s || !config_is_lang_code(s))
			return bad(msg, cap, "%s \"lang\" (a language code such as \"uk\")",
			           !s && !wrong ? "missing field" : "wrong");
		strcpy(r->lang, s);
		v = cJSON_GetObjectItemCaseSensitive(obj, "priority");
		if (v && !cJSON_IsBool(v))
			return bad(msg, cap, "\"priority\" must be true or false");
		r->priority = v && cJSON_IsTrue(v);
		return FRONTA_OK;
	case OP_CALL:
		if ((err = get_counter(obj, r, msg, cap)))
			return err;
		if (cJSON_GetObjectItemCaseSensitive(obj, "number") && (err = get_number(obj, r, msg, cap)))
			return err;
		return get_services(obj, r, msg, cap);
	case OP_RECALL:
	case OP_FINISH:
	case OP_NOSHOW:
		return get_counter(obj, r, msg, cap);
	case OP_TRANSFER:
		if ((err = get_counter(obj, r, msg, cap)))
			return err;
		return get_service(obj, &r->service, msg, cap);
	case OP_CANCEL:
		return get_number(obj, r, msg, cap);
	case OP_COUNTER: {
		int st;
		if ((err = get_counter(obj, r, msg, cap)))
			return err;
		s = str_field(obj, "state", &wrong);
		st = config_counter_state_parse(s);
		if (st < 0)
			return bad(msg, cap, "%s \"state\" (open, paused or closed)", s || wrong ? "wrong" : "missing");
		r->state = (enum counter_state)st;
		return get_services(obj, r, msg, cap);
	}
	case OP_PRINT:
		if ((err = get_number(obj, r, msg, cap)))
			return err;
		s = str_field(obj, "status", &wrong);
		if (s && !strcmp(s, "ok"))
			r->print = PRINT_OK;
		else if (s && !strcmp(s, "failed"))
			r->print = PRINT_FAILED;
		else if (s && !strcmp(s, "withdrawn"))
			r->withdraw = true;
		else
			return bad(msg, cap, "%s \"status\" (ok, failed or withdrawn)", s || wrong ? "wrong" : "missing");
		return FRONTA_OK;
	case OP_STATUS:
	default:
		return FRONTA_OK;
	}
}

/* cJSON turns "\u0000" into a NUL that silently cuts the string short:
 * such payloads are refused instead. */
static bool has_nul_escape(const char *s, size_t len)
{
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		if (!in_string) {
			in_string = s[i] == '"';
		} else if (s[i] == '"') {
			in_string = false;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && i + 5 < len && !strncmp(s + i + 2, "0000", 4))
				return true;
			i++;
		}
	}
	return false;
}

enum fronta_err proto_parse_request(const char *op_name, const void *payload, size_t len,
                                    struct request *out, char *msg, size_t msglen)
{
	const char *text = payload;
	const char *end = NULL;
	cJSON *obj;
	enum fronta_err err;
	int op = proto_op_parse(op_name);

	memset(out, 0, sizeof *out);
	if (msglen)
		msg[0] = '\0';
	if (op < 0)
		return bad(msg, msglen, "unknown op \"%.40s\"", op_name ? op_name : "");
	out->op = (enum op)op;
	if (len > PROTO_MAX_PAYLOAD)
		return bad(msg, msglen, "payload larger than 4096 bytes");
	if (!payload || len == 0)
		return bad(msg, msglen, "empty payload: send a JSON object such as {}");
	if (!utf8_valid(text, len))
		return bad(msg, msglen, "payload is not valid UTF-8");
	if (has_nul_escape(text, len))
		return bad(msg, msglen, "strings must not contain \\u0000");
	obj = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (!obj)
		return bad(msg, msglen, "payload is not JSON");
	while (end && end < text + len && isspace((unsigned char)*end))
		end++;
	if (end != text + len) {
		cJSON_Delete(obj);
		return bad(msg, msglen, "text after the JSON object");
	}
	if (!cJSON_IsObject(obj)) {
		cJSON_Delete(obj);
		return bad(msg, msglen, "payload must be a JSON object");
	}
	/* A name given twice would be read one way here and another way by
	 * another tool: refuse it. */
	for (const cJSON *a = obj->child; a; a = a->next) {
		for (const cJSON *b = a->next; b; b = b->next) {
			if (a->string && b->string && !strcmp(a->string, b->string)) {
				/* the message first: the name is freed with the object */
				bad(msg, msglen, "field \"%.40s\" appears twice", a->string);
				cJSON_Delete(obj);
				return FRONTA_EBADREQ;
			}
		}
	}
	err = parse_fields(obj, out, msg, msglen);
	cJSON_Delete(obj);
	return err;
}

/* ---- writing ----
 * frontad writes an event, a state and an answer for every request: straight
 * into a buffer, not through a cJSON tree (a few hundred small allocations
 * and frees per state, numbers printed through doubles). The bytes are the
 * ones cJSON_PrintUnformatted writes for the same document (checked against
 * it when this writer replaced it: 48,610 documents of random queues; a
 * waiting list cut to fit may now keep one entry more than the old rule,
 * which cut by the size of the last entry). */

struct jw {
	char *s;
	size_t n, cap;
	bool failed;
};

static void jw_put(struct jw *w, const char *p, size_t len)
{
	if (w->failed)
		return;
	if (w->n + len + 1 > w->cap) {
		size_t cap = w->cap ? w->cap : 512;
		char *s;
		while (cap < w->n + len + 1)
			cap *= 2;
		if (!(s = realloc(w->s, cap))) {
			w->failed = true;
			return;
		}
		w->s = s;
		w->cap = cap;
	}
	memcpy(w->s + w->n, p, len);
	w->n += len;
	w->s[w->n] = '\0';
}

static void jw_raw(struct jw *w, const char *p) { jw_put(w, p, strlen(p)); }

/* A string escaped as cJSON escapes it: the quote, the backslash and
 * control characters; the rest (UTF-8) as it is. */
static void jw_str(struct jw *w, const char *p)
{
	const char *run = p;
	jw_put(w, "\"", 1);
	for (;; p++) {
		unsigned char c = (unsigned char)*p;
		char esc[8];
		if (c >= 32 && c != '"' && c != '\\')
			continue;
		jw_put(w, run, (size_t)(p - run));
		if (c == '\0')
			break;
		switch (c) {
		case '"': jw_raw(w, "\\\""); break;
		case '\\': jw_raw(w, "\\\\"); break;
		case '\b': jw_raw(w, "\\b"); break;
		case '\f': jw_raw(w, "\\f"); break;
		case '\n': jw_raw(w, "\\n"); break;
		case '\r': jw_raw(w, "\\r"); break;
		case '\t': jw_raw(w, "\\t"); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04x", c);
			jw_raw(w, esc);
		}
		run = p + 1;
	}
	jw_put(w, "\"", 1);
}

/* Where a value goes: after a comma, unless first in its object or array. */
static void jw_sep(struct jw *w)
{
	if (w->n > 0 && w->s[w->n - 1] != '{' && w->s[w->n - 1] != '[')
		jw_put(w, ",", 1);
}

static void jw_key(struct jw *w, const char *name)
{
	jw_sep(w);
	jw_str(w, name);
	jw_put(w, ":", 1);
}

static void jw_int(struct jw *w, long long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", v);
	jw_raw(w, buf);
}

static void jw_bool(struct jw *w, bool v) { jw_raw(w, v ? "true" : "false"); }

static void jw_letter(struct jw *w, char c)
{
	char s[2] = { c, '\0' };
	jw_str(w, s);
}

/* An RFC 3339 local time, or null for none. */
static void jw_time(struct jw *w, int64_t ms)
{
	char buf[TZ_STAMP_LEN];
	if (ms <= 0) {
		jw_raw(w, "null");
		return;
	}
	tz_rfc3339(ms, buf);
	jw_str(w, buf);
}

static void jw_letters(struct jw *w, const char *letters)
{
	jw_raw(w, "[");
	for (const char *p = letters; *p; p++) {
		jw_sep(w);
		jw_letter(w, *p);
	}
	jw_raw(w, "]");
}

/* The buffer as the caller's string, or NULL if memory ran out. */
static char *jw_done(struct jw *w)
{
	if (w->failed || !w->s) {
		free(w->s);
		return NULL;
	}
	return w->s;
}

static void put_ticket(struct jw *w, const struct ticket *t)
{
	jw_raw(w, "{");
	jw_key(w, "number"); jw_str(w, t->number);
	jw_key(w, "service"); jw_letter(w, t->service);
	jw_key(w, "lang"); jw_str(w, t->lang);
	jw_key(w, "priority"); jw_bool(w, t->priority);
	jw_key(w, "status"); jw_str(w, queue_status_name(t->status));
	jw_key(w, "issued_at"); jw_time(w, t->issued_ms);
	jw_key(w, "ahead"); jw_int(w, t->ahead);
	jw_key(w, "est_wait_s"); jw_int(w, t->est_wait_s);
	jw_key(w, "counter");
	if (t->counter[0])
		jw_str(w, t->counter);
	else
		jw_raw(w, "null");
	/* extensions (docs/protocol.md) */
	if (t->called_ms > 0) {
		jw_key(w, "called_at"); jw_time(w, t->called_ms);
	}
	if (t->finished_ms > 0) {
		jw_key(w, "finished_at"); jw_time(w, t->finished_ms);
	}
	if (t->transfers) {
		jw_key(w, "transfers"); jw_int(w, t->transfers);
	}
	if (t->recalls) {
		jw_key(w, "recalls"); jw_int(w, t->recalls);
	}
	if (t->print == PRINT_FAILED) {
		jw_key(w, "print"); jw_str(w, "failed");
	}
	if (t->end != END_NONE) {
		jw_key(w, "end"); jw_str(w, queue_end_name(t->end));
	}
	jw_raw(w, "}");
}

static void put_counter(struct jw *w, const struct counter *c, const struct queue *q)
{
	const struct ticket *t = q ? queue_find_id(q, c->ticket_id) : NULL;
	jw_raw(w, "{");
	jw_key(w, "id"); jw_str(w, c->id);
	jw_key(w, "state"); jw_str(w, config_counter_state_name(c->state));
	jw_key(w, "ticket");
	if (t && t->status == TICKET_CALLED)
		jw_str(w, t->number);
	else
		jw_raw(w, "null");
	jw_key(w, "services"); jw_letters(w, c->services);
	jw_raw(w, "}");
}

char *proto_answer_ticket(const struct ticket *t)
{
	struct jw w = { 0 };
	jw_raw(&w, "{\"ok\":true,\"ticket\":");
	put_ticket(&w, t);
	jw_raw(&w, "}");
	return jw_done(&w);
}

char *proto_answer_counter(const struct counter *c, const struct queue *q)
{
	struct jw w = { 0 };
	jw_raw(&w, "{\"ok\":true,\"counter\":");
	put_counter(&w, c, q);
	jw_raw(&w, "}");
	return jw_done(&w);
}

char *proto_answer_error(enum fronta_err err, const char *message, const char *opens_at)
{
	struct jw w = { 0 };
	jw_raw(&w, "{\"ok\":false,\"error\":{");
	jw_key(&w, "code"); jw_str(&w, fronta_err_code(err));
	jw_key(&w, "message"); jw_str(&w, message ? message : "");
	if (opens_at) {
		jw_key(&w, "opens_at"); jw_str(&w, opens_at);
	}
	jw_raw(&w, "}}");
	return jw_done(&w);
}

char *proto_event(const struct event *e)
{
	struct jw w = { 0 };
	jw_raw(&w, "{");
	jw_key(&w, "seq"); jw_int(&w, e->seq);
	jw_key(&w, "type"); jw_str(&w, queue_event_name(e->type));
	jw_key(&w, "at"); jw_time(&w, e->at_ms);
	jw_key(&w, "day"); jw_str(&w, e->day);
	if (e->has_ticket) {
		jw_key(&w, "ticket"); put_ticket(&w, &e->ticket);
	}
	if (e->counter[0]) {
		jw_key(&w, "counter"); jw_str(&w, e->counter);
	}
	if (e->type == EV_COUNTER) {
		jw_key(&w, "state"); jw_str(&w, config_counter_state_name(e->counter_state));
		jw_key(&w, "services"); jw_letters(&w, e->services);
	}
	if (e->type == EV_TRANSFERRED) {
		jw_key(&w, "from"); jw_letter(&w, e->from_service);
	}
	jw_raw(&w, "}");
	return jw_done(&w);
}

static void put_waiting(struct jw *w, const struct ticket *t)
{
	jw_raw(w, "{");
	jw_key(w, "number"); jw_str(w, t->number);
	jw_key(w, "service"); jw_letter(w, t->service);
	jw_key(w, "priority"); jw_bool(w, t->priority);
	jw_key(w, "lang"); jw_str(w, t->lang);
	jw_key(w, "issued_at"); jw_time(w, t->issued_ms);
	if (t->print == PRINT_FAILED) {
		jw_key(w, "print_failed"); jw_bool(w, true);
	}
	jw_raw(w, "}");
}

/* The state up to its waiting list: {"seq":..,...,"waiting":[ */
static void put_state_head(struct jw *w, struct queue *q, int64_t now)
{
	const struct config *cfg = queue_config(q);
	const struct ticket *calls[QUEUE_RECENT_CALLS];
	int n;

	jw_raw(w, "{");
	jw_key(w, "seq"); jw_int(w, queue_seq(q));
	jw_key(w, "branch"); jw_str(w, cfg->branch_id);
	jw_key(w, "day"); jw_str(w, queue_day(q));
	jw_key(w, "services"); jw_raw(w, "[");
	for (int i = 0; i < cfg->n_services; i++) {
		const struct service_cfg *s = &cfg->services[i];
		int64_t opens = hours_next_open(cfg, s, now);
		jw_sep(w);
		jw_raw(w, "{");
		jw_key(w, "id"); jw_letter(w, s->letter);
		jw_key(w, "open"); jw_bool(w, opens == now);
		jw_key(w, "waiting"); jw_int(w, queue_service_waiting(q, s->letter));
		jw_key(w, "est_wait_s"); jw_int(w, queue_service_est_wait_s(q, s->letter));
		if (opens != now) {
			jw_key(w, "opens_at"); jw_time(w, opens);
		}
		jw_raw(w, "}");
	}
	jw_raw(w, "]");
	jw_key(w, "counters"); jw_raw(w, "[");
	for (int i = 0; i < queue_n_counters(q); i++) {
		jw_sep(w);
		put_counter(w, queue_counter_at(q, i), q);
	}
	jw_raw(w, "]");
	jw_key(w, "called"); jw_raw(w, "[");
	n = queue_recent_calls(q, calls, QUEUE_RECENT_CALLS);
	for (int i = 0; i < n; i++) {
		jw_sep(w);
		jw_raw(w, "{");
		jw_key(w, "number"); jw_str(w, calls[i]->number);
		jw_key(w, "counter"); jw_str(w, calls[i]->counter);
		jw_key(w, "at"); jw_time(w, calls[i]->announced_ms);
		jw_key(w, "service"); jw_letter(w, calls[i]->service);
		jw_key(w, "lang"); jw_str(w, calls[i]->lang);
		jw_raw(w, "}");
	}
	jw_raw(w, "]");
	jw_key(w, "waiting"); jw_raw(w, "[");
}

char *proto_state(struct queue *q, int64_t now, size_t max_bytes)
{
	static const char more_key[] = "],\"waiting_more\":";
	const struct ticket *waiting[STATE_MAX_WAITING];
	size_t end[STATE_MAX_WAITING + 1];   /* end[i]: where the first i entries end */
	struct jw w = { 0 };
	int total, listed;

	queue_estimate(q, now);
	put_state_head(&w, q, now);
	total = queue_waiting(q, waiting, STATE_MAX_WAITING);
	listed = total < STATE_MAX_WAITING ? total : STATE_MAX_WAITING;
	end[0] = w.n;
	for (int i = 0; i < listed; i++) {
		jw_sep(&w);
		put_waiting(&w, waiting[i]);
		end[i + 1] = w.n;
	}
	/* As many of the waiting as fit, first in call order: they are the ones
	 * that matter at a counter. The entries' lengths are known; the list
	 * is cut, not written again. */
	while (listed > 0 &&
	       end[listed] + sizeof more_key - 1 + (size_t)snprintf(NULL, 0, "%d", total - listed) + 1 > max_bytes)
		listed--;
	w.n = end[listed];
	jw_raw(&w, more_key);
	jw_int(&w, total - listed);
	jw_raw(&w, "}");
	return jw_done(&w);
}

char *proto_answer_state(struct queue *q, int64_t now)
{
	static const char head[] = "{\"ok\":true,\"state\":";
	char *st = proto_state(q, now, PROTO_MAX_PAYLOAD - sizeof head - 1);
	char *out;
	size_t n;
	if (!st)
		return NULL;
	n = strlen(st);
	out = malloc(sizeof head + n + 1);
	if (out) {
		memcpy(out, head, sizeof head - 1);
		memcpy(out + sizeof head - 1, st, n);
		out[sizeof head - 1 + n] = '}';
		out[sizeof head + n] = '\0';
	}
	free(st);
	return out;
}

/* ---- reading ---- */

static const char *get_str(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

static int64_t get_time(const cJSON *o, const char *name)
{
	int64_t ms = 0;
	const char *s = get_str(o, name);
	if (s && tz_parse_rfc3339(s, &ms) != 0)
		ms = 0;
	return ms;
}

static double get_num(const cJSON *o, const char *name, double def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsNumber(v) ? v->valuedouble : def;
}

/* A count or a seq: a document may hold any number (1e300, -5), and casting
 * a double out of range is undefined, so it is kept within [0, max]. */
#define SEQ_MAX (INT64_C(1) << 53)
static int64_t get_count(const cJSON *o, const char *name, int64_t max)
{
	double v = get_num(o, name, 0);
	if (!(v > 0))   /* NaN too */
		return 0;
	return v >= (double)max ? max : (int64_t)v;
}

static char get_letter(const cJSON *o, const char *name)
{
	const char *s = get_str(o, name);
	return s && s[0] >= 'A' && s[0] <= 'Z' && !s[1] ? s[0] : 0;
}

static void get_letters(const cJSON *o, const char *name, char *out, size_t cap)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, name), *e;
	size_t n = 0;
	out[0] = '\0';
	if (!cJSON_IsArray(a))
		return;
	cJSON_ArrayForEach(e, a) {
		if (cJSON_IsString(e) && e->valuestring && strlen(e->valuestring) == 1 && n + 1 < cap) {
			out[n++] = e->valuestring[0];
			out[n] = '\0';
		}
	}
}

static int parse_ticket(const cJSON *o, struct ticket *t)
{
	const char *num = get_str(o, "number"), *st = get_str(o, "status");
	const cJSON *pr = cJSON_GetObjectItemCaseSensitive(o, "priority");
	int status = queue_status_parse(st);

	memset(t, 0, sizeof *t);
	/* a number as frontad writes them: seq_no is read after the letter */
	if (!cJSON_IsObject(o) || !num || !ticket_number_ok(num) || status < 0)
		return -1;
	copy_str(t->number, sizeof t->number, num);
	t->letter = num[0];
	t->seq_no = atoi(num + 1);
	t->service = get_letter(o, "service");
	copy_str(t->lang, sizeof t->lang, get_str(o, "lang"));
	t->priority = cJSON_IsTrue(pr);
	t->status = (enum ticket_status)status;
	t->issued_ms = get_time(o, "issued_at");
	t->called_ms = get_time(o, "called_at");
	t->finished_ms = get_time(o, "finished_at");
	t->ahead = (int)get_count(o, "ahead", INT_MAX);
	t->est_wait_s = (int)get_count(o, "est_wait_s", INT_MAX);
	t->transfers = (int)get_count(o, "transfers", INT_MAX);
	t->recalls = (int)get_count(o, "recalls", INT_MAX);
	copy_str(t->counter, sizeof t->counter, get_str(o, "counter"));
	t->print = get_str(o, "print") && !strcmp(get_str(o, "print"), "failed") ? PRINT_FAILED : PRINT_UNKNOWN;
	t->end = (enum ticket_end)(queue_end_parse(get_str(o, "end")) < 0 ? 0 : queue_end_parse(get_str(o, "end")));
	return 0;
}

static cJSON *parse_object(const char *json, size_t len)
{
	cJSON *o;
	if (!json || len == 0 || len > 1u << 20)
		return NULL;
	o = cJSON_ParseWithLength(json, len);
	if (o && !cJSON_IsObject(o)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int proto_parse_state(const char *json, size_t len, struct state_doc *d)
{
	cJSON *o = parse_object(json, len), *a, *e;
	memset(d, 0, sizeof *d);
	if (!o)
		return -1;
	if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, "seq")) || !get_str(o, "day")) {
		cJSON_Delete(o);
		return -1;
	}
	d->seq = get_count(o, "seq", SEQ_MAX);
	copy_str(d->branch, sizeof d->branch, get_str(o, "branch"));
	copy_str(d->day, sizeof d->day, get_str(o, "day"));

	a = cJSON_GetObjectItemCaseSensitive(o, "services");
	cJSON_ArrayForEach(e, a) {
		struct state_service *s;
		if (d->n_services == CONFIG_MAX_SERVICES || !get_letter(e, "id"))
			continue;
		s = &d->services[d->n_services++];
		s->id = get_letter(e, "id");
		s->open = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "open"));
		s->waiting = (int)get_count(e, "waiting", INT_MAX);
		s->est_wait_s = (int)get_count(e, "est_wait_s", INT_MAX);
		s->opens_at_ms = get_time(e, "opens_at");
	}
	a = cJSON_GetObjectItemCaseSensitive(o, "counters");
	cJSON_ArrayForEach(e, a) {
		struct state_counter *c;
		int st = config_counter_state_parse(get_str(e, "state"));
		if (d->n_counters == CONFIG_MAX_COUNTERS || !get_str(e, "id"))
			continue;
		c = &d->counters[d->n_counters++];
		copy_str(c->id, sizeof c->id, get_str(e, "id"));
		c->state = st < 0 ? COUNTER_CLOSED : (enum counter_state)st;
		copy_str(c->ticket, sizeof c->ticket, get_str(e, "ticket"));
		get_letters(e, "services", c->services, sizeof c->services);
	}
	a = cJSON_GetObjectItemCaseSensitive(o, "called");
	cJSON_ArrayForEach(e, a) {
		struct state_call *c;
		if (d->n_called == QUEUE_RECENT_CALLS || !get_str(e, "number"))
			continue;
		c = &d->called[d->n_called++];
		copy_str(c->number, sizeof c->number, get_str(e, "number"));
		copy_str(c->counter, sizeof c->counter, get_str(e, "counter"));
		c->at_ms = get_time(e, "at");
		c->service = get_letter(e, "service");
		copy_str(c->lang, sizeof c->lang, get_str(e, "lang"));
	}
	a = cJSON_GetObjectItemCaseSensitive(o, "waiting");
	cJSON_ArrayForEach(e, a) {
		struct state_waiting *w;
		if (!get_str(e, "number"))
			continue;
		if (d->n_waiting == STATE_MAX_WAITING) {
			d->waiting_more++;
			continue;
		}
		w = &d->waiting[d->n_waiting++];
		copy_str(w->number, sizeof w->number, get_str(e, "number"));
		w->service = get_letter(e, "service");
		w->priority = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "priority"));
		copy_str(w->lang, sizeof w->lang, get_str(e, "lang"));
		w->issued_ms = get_time(e, "issued_at");
		w->print_failed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "print_failed"));
	}
	d->waiting_more += (int)get_count(o, "waiting_more", INT_MAX - d->waiting_more);
	cJSON_Delete(o);
	return 0;
}

int proto_parse_event(const char *json, size_t len, struct event *ev)
{
	cJSON *o = parse_object(json, len), *t;
	int type;
	memset(ev, 0, sizeof *ev);
	if (!o)
		return -1;
	type = queue_event_parse(get_str(o, "type"));
	if (type < 0 || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, "seq"))) {
		cJSON_Delete(o);
		return -1;
	}
	ev->seq = get_count(o, "seq", SEQ_MAX);
	ev->type = (enum event_type)type;
	ev->at_ms = get_time(o, "at");
	copy_str(ev->day, sizeof ev->day, get_str(o, "day"));
	copy_str(ev->counter, sizeof ev->counter, get_str(o, "counter"));
	t = cJSON_GetObjectItemCaseSensitive(o, "ticket");
	if (t && parse_ticket(t, &ev->ticket) == 0)
		ev->has_ticket = true;
	if (type == EV_COUNTER) {
		int st = config_counter_state_parse(get_str(o, "state"));
		ev->counter_state = st < 0 ? COUNTER_CLOSED : (enum counter_state)st;
		get_letters(o, "services", ev->services, sizeof ev->services);
	}
	ev->from_service = get_letter(o, "from");
	cJSON_Delete(o);
	return 0;
}

int proto_parse_answer(const char *json, size_t len, struct answer *a)
{
	cJSON *o = parse_object(json, len), *v;
	memset(a, 0, sizeof *a);
	if (!o)
		return -1;
	v = cJSON_GetObjectItemCaseSensitive(o, "ok");
	if (!cJSON_IsBool(v)) {
		cJSON_Delete(o);
		return -1;
	}
	a->ok = cJSON_IsTrue(v);
	v = cJSON_GetObjectItemCaseSensitive(o, "error");
	if (cJSON_IsObject(v)) {
		copy_str(a->code, sizeof a->code, get_str(v, "code"));
		copy_str(a->message, sizeof a->message, get_str(v, "message"));
		a->opens_at_ms = get_time(v, "opens_at");
	}
	v = cJSON_GetObjectItemCaseSensitive(o, "ticket");
	if (v && parse_ticket(v, &a->ticket) == 0)
		a->has_ticket = true;
	v = cJSON_GetObjectItemCaseSensitive(o, "counter");
	if (cJSON_IsObject(v) && get_str(v, "id")) {
		int st = config_counter_state_parse(get_str(v, "state"));
		a->has_counter = true;
		copy_str(a->counter.id, sizeof a->counter.id, get_str(v, "id"));
		a->counter.state = st < 0 ? COUNTER_CLOSED : (enum counter_state)st;
		get_letters(v, "services", a->counter.services, sizeof a->counter.services);
	}
	cJSON_Delete(o);
	return 0;
}
