/* The daemon's work: batches of requests, one transaction per batch, then
 * events, state and answers published in order. See docs/architecture.md. */
#include "daemon/frontad.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/hours.h"
#include "core/log.h"
#include "core/proto.h"
#include "core/tz.h"
#include "daemon/dedup.h"
#include "mqtt/inbox.h"
#include "store/report.h"
#include "store/store.h"

#define ACK_RING 4096
#define STATE_REFRESH_MS 30000

/* What one request (or the day change) sends once its batch is committed. */
struct outgoing {
	char **events;
	int64_t *event_seqs;
	int n_events;
	char *state;
	char *answer;
	bool answer_state;          /* status: build the answer when sending */
	bool changed;               /* has changes in the open transaction */
	const char *resp_topic;     /* from the item; NULL: no answer */
	const void *corr;
	size_t corr_len;
	char what[320];             /* for the log line */
};

struct frontad {
	const struct config *cfg;
	const char *db_path;
	struct store *store;
	struct queue *q;
	struct dedup *dedup;
	struct mq *mq;
	struct inbox *inbox;
	int max_batch;
	char req_prefix[128], resp_prefix[128], topic_event[128], topic_state[128];
	char *last_state;
	int64_t last_state_ms;
	/* Events sent but not yet acknowledged by the broker, oldest first. */
	pthread_mutex_t ack_lock;
	struct { int mid; int64_t seq; } ring[ACK_RING];
	int ring_start, ring_n;
	int64_t acked_seq;
	int64_t sent_seq;
};

static volatile sig_atomic_t stop_flag;
static struct inbox *signal_inbox;

void frontad_stop(void)
{
	stop_flag = 1;
	if (signal_inbox)
		inbox_wake(signal_inbox);
}

/* ---- broker acknowledgements of events ---- */

static void note_sent(struct frontad *d, int mid, int64_t seq)
{
	pthread_mutex_lock(&d->ack_lock);
	if (d->ring_n == ACK_RING) {          /* forget the oldest: at worst it is sent again */
		d->ring_start = (d->ring_start + 1) % ACK_RING;
		d->ring_n--;
	}
	d->ring[(d->ring_start + d->ring_n) % ACK_RING].mid = mid;
	d->ring[(d->ring_start + d->ring_n) % ACK_RING].seq = seq;
	d->ring_n++;
	pthread_mutex_unlock(&d->ack_lock);
}

static void on_published(void *user, int mid, int reason)
{
	struct frontad *d = user;
	pthread_mutex_lock(&d->ack_lock);
	for (int i = 0; i < d->ring_n; i++) {
		int at = (d->ring_start + i) % ACK_RING;
		if (d->ring[at].mid != mid)
			continue;
		if (reason < 0x80 && d->ring[at].seq > d->acked_seq)
			d->acked_seq = d->ring[at].seq;
		/* PUBACKs of one connection come in order: drop up to here */
		d->ring_start = (at + 1) % ACK_RING;
		d->ring_n -= i + 1;
		break;
	}
	pthread_mutex_unlock(&d->ack_lock);
}

static int64_t acked(struct frontad *d)
{
	int64_t v;
	pthread_mutex_lock(&d->ack_lock);
	v = d->acked_seq;
	pthread_mutex_unlock(&d->ack_lock);
	return v;
}

/* ---- connection callbacks (network thread) ---- */

static void on_message(void *user, const struct mq_message *m)
{
	struct frontad *d = user;
	/* A live request never arrives with the retain flag: this one was
	 * stored by the broker and is being replayed because we (re)subscribed.
	 * The ACL cannot stop a device from retaining a request, so we must not
	 * act on it again at every reconnect. */
	if (m->retain) {
		log_warn("ignored a retained request on %s (requests must not be retained; clear it by publishing an "
		         "empty retained message there)", m->topic);
		return;
	}
	if (inbox_put(d->inbox, m->topic, m->payload, m->len, m->response_topic, m->corr, m->corr_len) != 0)
		log_error("out of memory: dropped a request on %s", m->topic);
}

static void on_status(void *user, enum mq_status st, const char *why)
{
	struct frontad *d = user;
	switch (st) {
	case MQ_CONNECTED:
		log_info("%s", why);
		inbox_put_reconnected(d->inbox);
		break;
	case MQ_DISCONNECTED:
		log_warn("%s; reconnecting", why);
		break;
	case MQ_REFUSED:
		log_error("%s", why);   /* the why says what to check */
		break;
	}
}

/* ---- publishing ---- */

static void publish_event(struct frontad *d, const char *json, int64_t seq)
{
	int mid = 0;
	if (mq_publish(d->mq, d->topic_event, json, strlen(json), 1, false, NULL, NULL, 0, &mid) == 0)
		note_sent(d, mid, seq);
	if (seq > d->sent_seq)
		d->sent_seq = seq;
}

static void publish_state(struct frontad *d, char *json)
{
	mq_publish(d->mq, d->topic_state, json, strlen(json), 1, true, NULL, NULL, 0, NULL);
	free(d->last_state);
	d->last_state = json;
	d->last_state_ms = clock_mono_ms();
}

static void republish_event(void *user, int64_t seq, const char *json)
{
	publish_event(user, json, seq);
}

/* After a start or a reconnect: events the broker may not have, then the state. */
static void resync(struct frontad *d, int64_t from_seq)
{
	int64_t last = queue_seq(d->q);
	char *st;
	if (from_seq < last) {
		log_info("publishing events %lld..%lld again", (long long)from_seq + 1, (long long)last);
		store_events_after(d->store, from_seq, republish_event, d);
	}
	st = proto_state(d->q, clock_now_ms(), PROTO_MAX_PAYLOAD);
	if (st)
		publish_state(d, st);
}

static void send_events(struct frontad *d, struct outgoing *o)
{
	for (int i = 0; i < o->n_events; i++)
		publish_event(d, o->events[i], o->event_seqs[i]);
}

static void send_answer(struct frontad *d, struct outgoing *o)
{
	if (o->answer_state && o->resp_topic)
		o->answer = proto_answer_state(d->q, clock_now_ms());
	if (o->answer && o->resp_topic)
		mq_publish(d->mq, o->resp_topic, o->answer, strlen(o->answer), 1, false, NULL, o->corr, o->corr_len,
		           NULL);
}

static void send_outgoing(struct frontad *d, struct outgoing *o)
{
	send_events(d, o);
	if (o->state) {
		publish_state(d, o->state);
		o->state = NULL;
	}
	send_answer(d, o);
}

static void outgoing_clear(struct outgoing *o)
{
	for (int i = 0; i < o->n_events; i++)
		free(o->events[i]);
	free(o->events);
	free(o->event_seqs);
	free(o->state);
	free(o->answer);
	memset(o, 0, sizeof *o);
}

/* ---- loading ---- */

static void load_request(void *user, const char *id, const char *answer)
{
	dedup_put(user, id, answer);
}

static int reload(struct frontad *d)
{
	struct queue *q;
	if (store_load_queue(d->store, d->cfg, queue_day(d->q), &q) != FRONTA_OK)
		return -1;
	queue_free(d->q);
	d->q = q;
	dedup_clear(d->dedup);
	store_load_requests(d->store, queue_day(q), load_request, d->dedup);
	return 0;
}

/* ---- the change of a request: events, state, storage ---- */

/* Takes the queue's change log into o and the open transaction; with_state:
 * and the state document after it. */
static enum fronta_err record_changes(struct frontad *d, struct outgoing *o, int64_t now, bool with_state)
{
	int n, n_ev = 0, k = 0;
	const struct change *c = queue_changes(d->q, &n);
	enum fronta_err err;

	for (int i = 0; i < n; i++)
		n_ev += c[i].kind == CHANGE_EVENT;
	o->events = calloc((size_t)n_ev + 1, sizeof *o->events);
	o->event_seqs = calloc((size_t)n_ev + 1, sizeof *o->event_seqs);
	if (!o->events || !o->event_seqs)
		return FRONTA_ENOMEM;
	for (int i = 0; i < n; i++) {
		if (c[i].kind != CHANGE_EVENT)
			continue;
		o->events[k] = proto_event(&c[i].event);
		o->event_seqs[k] = c[i].event.seq;
		if (!o->events[k])
			return FRONTA_ENOMEM;
		k++;
		o->n_events = k;
	}
	if (with_state && !(o->state = proto_state(d->q, now, PROTO_MAX_PAYLOAD)))
		return FRONTA_ENOMEM;
	err = store_put_changes(d->store, c, n, o->events);
	queue_clear_changes(d->q);
	o->changed = true;
	return err;
}

static void closed_message(struct frontad *d, char service, int64_t now, char *msg, size_t cap, char *opens,
                           size_t opens_cap)
{
	const struct service_cfg *s = config_service(d->cfg, service);
	int64_t at = s ? hours_next_open(d->cfg, s, now) : -1;
	opens[0] = '\0';
	if (at < 0) {
		snprintf(msg, cap, "service %c has no opening hours", service);
		return;
	}
	tz_rfc3339(at, opens);
	(void)opens_cap;
	snprintf(msg, cap, "service %c is closed now; it opens at %s", service, opens);
}

static void error_message(enum fronta_err err, const struct request *r, char *msg, size_t cap)
{
	switch (err) {
	case FRONTA_EUNKNOWN_SERVICE:
		if (r->has_services)
			snprintf(msg, cap, "unknown service in \"services\"");
		else
			snprintf(msg, cap, "unknown service %c", r->service);
		break;
	case FRONTA_EUNKNOWN_COUNTER: snprintf(msg, cap, "unknown counter %s", r->counter); break;
	case FRONTA_EEMPTY: snprintf(msg, cap, "nobody is waiting for the services of counter %s", r->counter); break;
	case FRONTA_ENO_TICKET: snprintf(msg, cap, "counter %s has no current ticket", r->counter); break;
	case FRONTA_ENOT_FOUND:
		if (r->op == OP_CALL)
			snprintf(msg, cap, "%s cannot be called: not issued today, at another counter, or closed at the day's end",
			         r->number);
		else
			snprintf(msg, cap, "no waiting ticket %s today", r->number);
		break;
	case FRONTA_EBADREQ: snprintf(msg, cap, "language \"%s\" is not offered at this branch", r->lang); break;
	default: snprintf(msg, cap, "out of memory; nothing changed"); break;
	}
}

/* Runs one request against the queue. Returns FRONTA_EINTERNAL only when
 * storing failed (the batch must then be undone). */
static enum fronta_err run_request(struct frontad *d, const struct inbox_item *it, struct outgoing *o, int64_t now,
                                   bool *in_tx)
{
	const char *op = it->topic + strlen(d->req_prefix);
	struct request r;
	struct ticket t;
	struct counter c;
	enum fronta_err err;
	char msg[256], opens[TZ_STAMP_LEN];
	const char *prev;

	o->resp_topic = it->response_topic;
	o->corr = it->corr;
	o->corr_len = it->corr_len;
	if (it->response_topic && strncmp(it->response_topic, d->resp_prefix, strlen(d->resp_prefix)) != 0) {
		log_warn("req %.40s: refused: response topic \"%.80s\" is not under %s", op, it->response_topic,
		         d->resp_prefix);
		o->resp_topic = NULL;
		return FRONTA_OK;
	}
	err = proto_parse_request(op, it->payload, it->len, &r, msg, sizeof msg);
	if (err) {
		o->answer = proto_answer_error(err, msg, NULL);
		snprintf(o->what, sizeof o->what, "%.30s: %s: %s", op, fronta_err_code(err), msg);
		return FRONTA_OK;
	}
	if (r.request_id[0] && (prev = dedup_get(d->dedup, r.request_id))) {
		o->answer = strdup(prev);
		snprintf(o->what, sizeof o->what, "%.30s %s: repeated, same answer", op, r.request_id);
		return FRONTA_OK;
	}
	if (r.op == OP_STATUS) {
		o->answer_state = true;
		snprintf(o->what, sizeof o->what, "status");
		return FRONTA_OK;
	}

	queue_clear_changes(d->q);
	switch (r.op) {
	case OP_ISSUE:    err = queue_issue(d->q, r.service, r.lang, r.priority, now, &t); break;
	case OP_CALL:
		if (r.number[0])
			err = queue_call_number(d->q, r.counter, r.number, now, &t);
		else
			err = queue_call(d->q, r.counter, r.has_services ? r.services : NULL, now, &t);
		break;
	case OP_RECALL:   err = queue_recall(d->q, r.counter, now, &t); break;
	case OP_FINISH:   err = queue_finish(d->q, r.counter, now, &t); break;
	case OP_NOSHOW:   err = queue_noshow(d->q, r.counter, now, &t); break;
	case OP_TRANSFER: err = queue_transfer(d->q, r.counter, r.service, now, &t); break;
	case OP_CANCEL:   err = queue_cancel(d->q, r.number, now, &t); break;
	case OP_PRINT:    err = queue_print(d->q, r.number, r.print, r.withdraw, now, &t); break;
	case OP_COUNTER:
		err = queue_set_counter(d->q, r.counter, r.state, r.has_services ? r.services : NULL, now, &c);
		break;
	default:          err = FRONTA_EBADREQ; break;
	}
	if (err) {
		queue_clear_changes(d->q);
		if (err == FRONTA_ECLOSED) {
			closed_message(d, r.service, now, msg, sizeof msg, opens, sizeof opens);
			o->answer = proto_answer_error(err, msg, opens[0] ? opens : NULL);
		} else {
			error_message(err, &r, msg, sizeof msg);
			o->answer = proto_answer_error(err == FRONTA_ENOMEM ? FRONTA_EINTERNAL : err, msg, NULL);
		}
		snprintf(o->what, sizeof o->what, "%.30s: %s", op, fronta_err_code(err));
		return FRONTA_OK;
	}
	o->answer = r.op == OP_COUNTER ? proto_answer_counter(&c, d->q) : proto_answer_ticket(&t);
	if (r.op == OP_COUNTER)
		snprintf(o->what, sizeof o->what, "counter %s: %s", c.id, config_counter_state_name(c.state));
	else
		snprintf(o->what, sizeof o->what, "%.30s: ok %s%s%s", op, t.number, t.counter[0] ? " at " : "", t.counter);
	if (!o->answer)
		return FRONTA_EINTERNAL;
	if (!*in_tx) {
		if (store_begin(d->store) != FRONTA_OK)
			return FRONTA_EINTERNAL;
		*in_tx = true;
	}
	err = record_changes(d, o, now, false);
	if (!err && r.request_id[0]) {
		err = store_put_request(d->store, queue_day(d->q), r.request_id, o->answer);
		if (!err && dedup_put(d->dedup, r.request_id, o->answer) != 0)
			err = FRONTA_ENOMEM;
	}
	return err ? FRONTA_EINTERNAL : FRONTA_OK;
}

/* Commits the open transaction with the broker's acknowledged seq. */
static enum fronta_err commit(struct frontad *d)
{
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)acked(d));
	if (store_put_meta(d->store, "published_seq", v) != FRONTA_OK)
		return FRONTA_EINTERNAL;
	return store_commit(d->store);
}

/* Storing failed: nothing of the batch happened. Memory goes back to what
 * the database holds, and every changing request is answered `internal`. */
static int undo_batch(struct frontad *d, struct outgoing *out, int n)
{
	log_error("database: %s; the batch of %d request(s) is undone and answered internal",
	          store_errmsg(d->store), n);
	store_rollback(d->store);
	for (int i = 0; i < n; i++) {
		struct outgoing *o = &out[i];
		size_t w = strlen(o->what);
		if (!o->changed)
			continue;
		for (int k = 0; k < o->n_events; k++)
			free(o->events[k]);
		o->n_events = 0;
		free(o->state);
		o->state = NULL;
		free(o->answer);
		o->answer = proto_answer_error(FRONTA_EINTERNAL, "storage failed; nothing changed, try again", NULL);
		snprintf(o->what + w, sizeof o->what - w, " -> undone: internal");
	}
	return reload(d);
}

static int handle_items(struct frontad *d, struct inbox_item *items)
{
	struct outgoing *out;
	struct inbox_item *it;
	char *state = NULL;
	int n = 0, i = 0, rc = 0;
	bool in_tx = false, failed = false;
	int64_t now = clock_now_ms(), t0 = clock_mono_ns();

	for (it = items; it; it = it->next)
		n++;
	out = calloc((size_t)n, sizeof *out);
	if (!out) {
		log_error("out of memory: dropped %d request(s)", n);
		return 0;
	}
	for (it = items; it; it = it->next, i++) {
		if (it->reconnected)
			continue;
		if (failed) {
			out[i].changed = true;      /* answered internal below */
		} else if (run_request(d, it, &out[i], now, &in_tx) != FRONTA_OK) {
			failed = true;
			out[i].changed = true;
		}
	}
	/* One state for the batch, after its last change: each state would
	 * replace the one before at once, and building one sorts the queue. */
	if (!failed && in_tx && !(state = proto_state(d->q, now, PROTO_MAX_PAYLOAD)))
		failed = true;
	if (failed || (in_tx && commit(d) != FRONTA_OK)) {
		free(state);
		state = NULL;
		if (undo_batch(d, out, n) != 0)
			rc = -1;
	}
	/* Every event of the batch, then the state, then the answers: each
	 * answer follows its events and a state that holds its change. */
	for (i = 0, it = items; it; it = it->next, i++) {
		if (it->reconnected)
			resync(d, acked(d));
		else
			send_events(d, &out[i]);
	}
	if (state)
		publish_state(d, state);
	for (i = 0, it = items; it; it = it->next, i++) {
		if (it->reconnected)
			continue;
		send_answer(d, &out[i]);
		if (out[i].what[0])
			log_info("%s (%.2f ms)", out[i].what, (double)(clock_mono_ns() - t0) / 1e6);
		outgoing_clear(&out[i]);
	}
	free(out);
	return rc;
}

/* After a day change, apart from it: the closed day's figures are kept for
 * good, and tickets and events older than the retention are purged
 * (docs/reports.md, docs/privacy.md). A failure leaves the day change as it
 * is; the next day change (or `frontactl purge`) tries again. */
static void keep_figures(struct frontad *d, const char *today)
{
	char keep_from[TZ_DAY_LEN], err[256];
	struct store_retain r;

	if (tz_day_add(today, -d->cfg->retention_days, keep_from) != 0)
		return;
	if (store_report_retain(d->store, today, keep_from, &r, err, sizeof err) != FRONTA_OK)
		log_error("figures: %s; tried again at the next day change (or run frontactl purge)", err);
	if (r.days_counted || r.days_purged)
		log_info("figures of %d day(s) kept; %d day(s) before %s purged (%lld tickets, %lld events)",
		         r.days_counted, r.days_purged, keep_from, (long long)r.tickets, (long long)r.events);
}

/* A new local day: closes yesterday in one transaction, then tells everyone. */
static int check_day(struct frontad *d, int64_t now)
{
	char today[TZ_DAY_LEN], old[TZ_DAY_LEN];
	struct outgoing o = { 0 };

	tz_day(now, today);
	if (strcmp(today, queue_day(d->q)) == 0)
		return 0;
	snprintf(old, sizeof old, "%s", queue_day(d->q));
	queue_clear_changes(d->q);
	if (store_begin(d->store) != FRONTA_OK)
		goto fail;
	queue_new_day(d->q, today, now);
	if (record_changes(d, &o, now, true) != FRONTA_OK || commit(d) != FRONTA_OK)
		goto fail;
	dedup_clear(d->dedup);
	log_info("new day %s: the queue of %s is closed, numbers start again", today, old);
	/* At start-up there is no connection yet: the first resync sends these
	 * events (they are after the acknowledged seq) and the state. */
	if (d->mq)
		send_outgoing(d, &o);
	outgoing_clear(&o);
	keep_figures(d, today);
	return 0;
fail:
	log_error("database: cannot start the new day: %s; will try again", store_errmsg(d->store));
	store_rollback(d->store);
	outgoing_clear(&o);
	queue_clear_changes(d->q);
	/* the queue in memory may have moved on: take it back from the database */
	return reload(d);
}

/* The estimates and the open flags change with time alone: refresh the
 * retained state when it would read differently (same seq). */
static void refresh_state(struct frontad *d)
{
	char *st;
	if (clock_mono_ms() - d->last_state_ms < STATE_REFRESH_MS || !mq_connected(d->mq))
		return;
	st = proto_state(d->q, clock_now_ms(), PROTO_MAX_PAYLOAD);
	if (st && (!d->last_state || strcmp(st, d->last_state) != 0)) {
		publish_state(d, st);
	} else {
		free(st);
		d->last_state_ms = clock_mono_ms();
	}
}

static int lock_database(const char *db_path)
{
	char path[600];
	int fd;
	if (strcmp(db_path, ":memory:") == 0)
		return -2;
	snprintf(path, sizeof path, "%s.lock", db_path);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		log_error("cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		log_error("another frontad is using %s (lock %s is held); only one may run per database", db_path, path);
		close(fd);
		return -1;
	}
	return fd;
}

int frontad_run(const struct frontad_options *opt)
{
	struct frontad d;
	struct mq_callbacks cb;
	struct mq_options mo = opt->mq;
	char err[512], pub[32];
	int lock_fd, rc = 1;
	int64_t from_seq;

	memset(&d, 0, sizeof d);
	pthread_mutex_init(&d.ack_lock, NULL);
	d.cfg = opt->cfg;
	d.db_path = opt->db_path;
	d.max_batch = opt->max_batch > 0 ? opt->max_batch : 64;
	if (tz_set(d.cfg->timezone) != 0) {
		log_error("time zone %s is not installed", d.cfg->timezone);
		return 1;
	}
	lock_fd = lock_database(opt->db_path);
	if (lock_fd == -1)
		return 1;
	d.store = store_open(opt->db_path, err, sizeof err);
	if (!d.store) {
		log_error("%s", err);
		goto out;
	}
	d.dedup = dedup_new();
	d.inbox = inbox_new();
	if (!d.dedup || !d.inbox) {
		log_error("out of memory");
		goto out;
	}
	{
		char today[TZ_DAY_LEN];
		tz_day(clock_now_ms(), today);
		if (store_load_queue(d.store, d.cfg, today, &d.q) != FRONTA_OK)
			goto out;
	}
	store_load_requests(d.store, queue_day(d.q), load_request, d.dedup);
	/* A new database records its day at once, so that a start on a later
	 * day changes the day (and closes this one) like any other. */
	{
		char stored[TZ_DAY_LEN + 8];
		if (store_get_meta(d.store, "day", stored, sizeof stored) != FRONTA_OK ||
		    (!stored[0] && (store_begin(d.store) != FRONTA_OK || store_put_day(d.store, queue_day(d.q)) != FRONTA_OK ||
		                    store_commit(d.store) != FRONTA_OK))) {
			log_error("database: cannot record the day: %s", store_errmsg(d.store));
			store_rollback(d.store);
			goto out;
		}
	}
	store_get_meta(d.store, "published_seq", pub, sizeof pub);
	from_seq = atoll(pub);
	d.acked_seq = from_seq;
	if (check_day(&d, clock_now_ms()) != 0)
		goto out;

	snprintf(d.req_prefix, sizeof d.req_prefix, "fronta/v1/%s/req/", d.cfg->branch_id);
	snprintf(d.resp_prefix, sizeof d.resp_prefix, "fronta/v1/%s/resp/", d.cfg->branch_id);
	snprintf(d.topic_event, sizeof d.topic_event, "fronta/v1/%s/event", d.cfg->branch_id);
	snprintf(d.topic_state, sizeof d.topic_state, "fronta/v1/%s/state", d.cfg->branch_id);

	cb = (struct mq_callbacks){ .message = on_message, .status = on_status, .published = on_published, .user = &d };
	mo.branch = d.cfg->branch_id;
	mo.role = "daemon";
	d.mq = mq_new(&mo, &cb, err, sizeof err);
	if (!d.mq) {
		log_error("%s", err);
		goto out;
	}
	{
		char sub[160];
		snprintf(sub, sizeof sub, "%s#", d.req_prefix);
		mq_subscribe(d.mq, sub);
	}
	signal_inbox = d.inbox;
	if (mq_start(d.mq) != 0) {
		log_error("cannot start the MQTT client");
		goto out;
	}
	log_info("branch %s, day %s, event seq %lld, database %s, broker %s:%d", d.cfg->branch_id, queue_day(d.q),
	         (long long)queue_seq(d.q), opt->db_path, mo.host ? mo.host : "127.0.0.1", mo.port);
	/* Events that may not have reached the broker before we stopped go out
	 * with the first resync (the connect callback queues it). */
	pthread_mutex_lock(&d.ack_lock);
	d.acked_seq = from_seq;
	pthread_mutex_unlock(&d.ack_lock);

	while (!stop_flag) {
		struct pollfd p = { .fd = inbox_fd(d.inbox), .events = POLLIN };
		struct inbox_item *items;
		int r = poll(&p, 1, 1000);
		if (r < 0 && errno != EINTR) {
			log_error("poll: %s", strerror(errno));
			break;
		}
		if (check_day(&d, clock_now_ms()) != 0)
			break;
		while ((items = inbox_take(d.inbox, d.max_batch))) {
			int hr = handle_items(&d, items);
			while (items) {
				struct inbox_item *next = items->next;
				inbox_item_free(items);
				items = next;
			}
			if (hr != 0)
				goto out;
			if (stop_flag)
				break;
		}
		refresh_state(&d);
	}
	rc = stop_flag ? 0 : 1;
	if (stop_flag)
		log_info("stopping (signal)");
out:
	signal_inbox = NULL;
	if (rc != 0)
		log_error("frontad stops: the database cannot be used");
	mq_free(d.mq);
	queue_free(d.q);
	store_close(d.store);
	dedup_free(d.dedup);
	inbox_free(d.inbox);
	free(d.last_state);
	if (lock_fd >= 0)
		close(lock_fd);
	pthread_mutex_destroy(&d.ack_lock);
	return rc;
}
