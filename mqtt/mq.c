/* MQTT 5 connection on libmosquitto, driven by a network thread of our own
 * (connect, reconnect with back-off, and saying why a broker refused us),
 * plus a timer thread that retries requests still waiting for their
 * answer. We do not use mosquitto_loop_start: its thread ends for good on
 * a TLS error or a refused CONNACK, and a daemon must keep trying. */
#include "mqtt/mq.h"

#include <errno.h>
#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "version.h"

struct pending {
	uint64_t token;
	char topic[256];
	char *payload;
	size_t len;
	int timeout_ms;
	int attempts_left;
	int64_t deadline_ms;        /* monotonic */
	int mid;
	mq_answer_fn fn;
	void *user;
	struct pending *next;
};

struct mq {
	struct mosquitto *m;
	struct mq_callbacks cb;
	char host[256];
	int port;
	int keepalive;
	int session_expiry_s;       /* > 0: persistent session */
	char branch[64], device[64], role[32];
	char password[256];
	char password_file[512];    /* read again before each reconnect */
	bool has_user;
	char resp_topic[256];
	char presence_topic[256];
	char *presence;             /* full retained presence JSON */
	char **subs;
	int n_subs;

	char user[64];
	char cafile[256];           /* "" without TLS */

	pthread_mutex_t lock;
	pthread_cond_t cond;        /* timer wake-ups and connection changes */
	pthread_t timer, net;
	bool timer_started, stopping, started;
	struct pending *pending;
	uint64_t next_token;
	int64_t timer_wake_ms;      /* when the timer thread looks next (monotonic) */

	atomic_bool connected;
	atomic_bool net_stop;       /* the network thread says goodbye and ends */
	atomic_uint connects;       /* successful connects so far */
	bool refused;               /* the last attempt was refused for good reason */
	int connack_rc;             /* this attempt: the broker's refusal, or 0 */
	enum { TLS_OK, TLS_BAD_CA, TLS_BAD_HOST, TLS_NOT_TLS } tls_fail;  /* this attempt */
	char why[1024];             /* this attempt's refusal or connection error */
	char reported[1024];        /* the last why given to the status callback */
};

int mq_read_password(const char *path, char *out, size_t cap, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	size_t n;
	if (!f) {
		snprintf(err, errlen, "cannot read password file %s: %s", path, strerror(errno));
		return -1;
	}
	if (!fgets(out, (int)cap, f)) {
		fclose(f);
		snprintf(err, errlen, "password file %s is empty", path);
		return -1;
	}
	fclose(f);
	n = strcspn(out, "\r\n");
	out[n] = '\0';
	if (n == 0) {
		snprintf(err, errlen, "password file %s starts with an empty line", path);
		return -1;
	}
	return 0;
}

/* The CLOCK_MONOTONIC time ms from now, for pthread_cond_timedwait on
 * mq->cond (made with that clock). */
static void monotonic_in(struct timespec *ts, int64_t ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

/* ---- callbacks from libmosquitto's thread ---- */

static void publish_presence(struct mq *mq)
{
	char *p;
	pthread_mutex_lock(&mq->lock);
	p = mq->presence ? strdup(mq->presence) : NULL;
	pthread_mutex_unlock(&mq->lock);
	if (p) {
		mosquitto_publish_v5(mq->m, NULL, mq->presence_topic, (int)strlen(p), p, 1, true, NULL);
		free(p);
	}
}

/* Why the broker refused CONNECT with rc, for people. */
static void refusal_why(const struct mq *mq, int rc, char *out, size_t cap)
{
	if (rc == MQTT_RC_NOT_AUTHORIZED || rc == MQTT_RC_BAD_USERNAME_OR_PASSWORD || rc == MQTT_RC_BAD_AUTHENTICATION_METHOD) {
		if (mq->has_user)
			snprintf(out, cap,
			         "the broker %s:%d refused user \"%s\": %s (a wrong password, or a user this broker does "
			         "not know)",
			         mq->host, mq->port, mq->user, mosquitto_reason_string(rc));
		else
			snprintf(out, cap,
			         "the broker %s:%d refused a connection without a user name: %s (it wants --user and "
			         "--password-file)",
			         mq->host, mq->port, mosquitto_reason_string(rc));
	} else {
		snprintf(out, cap, "the broker %s:%d refused the connection: %s (0x%02x)", mq->host, mq->port,
		         mosquitto_reason_string(rc), rc);
	}
}

static void on_connect(struct mosquitto *m, void *obj, int rc, int flags, const mosquitto_property *props)
{
	struct mq *mq = obj;
	char why[1024];
	(void)flags;
	(void)props;
	if (rc != 0) {
		/* The network thread reports it when the attempt has ended. */
		refusal_why(mq, rc, why, sizeof why);
		pthread_mutex_lock(&mq->lock);
		mq->connack_rc = rc;
		snprintf(mq->why, sizeof mq->why, "%s", why);
		pthread_mutex_unlock(&mq->lock);
		return;
	}
	for (int i = 0; i < mq->n_subs; i++)
		mosquitto_subscribe_v5(m, NULL, mq->subs[i], 1, 0, NULL);
	mosquitto_subscribe_v5(m, NULL, mq->resp_topic, 1, 0, NULL);
	publish_presence(mq);
	pthread_mutex_lock(&mq->lock);
	atomic_store(&mq->connected, true);
	atomic_fetch_add(&mq->connects, 1);
	mq->refused = false;
	mq->why[0] = '\0';
	mq->reported[0] = '\0';
	/* Requests sent while we were away go out again at once. */
	for (struct pending *p = mq->pending; p; p = p->next)
		p->deadline_ms = 0;
	pthread_cond_broadcast(&mq->cond);
	pthread_mutex_unlock(&mq->lock);
	snprintf(why, sizeof why, "connected to %s:%d%s", mq->host, mq->port, mq->cafile[0] ? " (TLS)" : "");
	if (mq->cb.status)
		mq->cb.status(mq->cb.user, MQ_CONNECTED, why);
}

static void on_disconnect(struct mosquitto *m, void *obj, int rc, const mosquitto_property *props)
{
	struct mq *mq = obj;
	(void)m;
	(void)rc;
	(void)props;
	/* The network thread says what happened once mosquitto_loop returns. */
	atomic_store(&mq->connected, false);
	pthread_mutex_lock(&mq->lock);
	pthread_cond_broadcast(&mq->cond);
	pthread_mutex_unlock(&mq->lock);
}

/* TLS failures reach us only as libmosquitto's log lines: turn them into
 * something a person can act on. */
static void on_log(struct mosquitto *m, void *obj, int level, const char *str)
{
	struct mq *mq = obj;
	(void)m;
	if (level != MOSQ_LOG_ERR || !str)
		return;
	pthread_mutex_lock(&mq->lock);
	if (strstr(str, "host name verification failed")) {
		mq->tls_fail = TLS_BAD_HOST;
		snprintf(mq->why, sizeof mq->why,
		         "the broker's TLS certificate is not made for \"%s\" (host name check failed): connect by "
		         "the name or address it was made for (frontactl provision --host)",
		         mq->host);
	} else if (strstr(str, "certificate verify failed")) {
		/* libmosquitto says this after a host name failure too. */
		if (mq->tls_fail != TLS_BAD_HOST) {
			mq->tls_fail = TLS_BAD_CA;
			snprintf(mq->why, sizeof mq->why,
			         "the broker %s:%d has a TLS certificate that %s does not vouch for (certificate verify "
			         "failed): a wrong --cafile, or another branch's broker",
			         mq->host, mq->port, mq->cafile);
		}
	} else if (strstr(str, "wrong version number") || strstr(str, "packet length too long") ||
	           strstr(str, "record layer failure") || strstr(str, "unexpected eof while reading")) {
		mq->tls_fail = TLS_NOT_TLS;
		snprintf(mq->why, sizeof mq->why,
		         "the broker %s:%d does not speak TLS on this port (a plain MQTT port? then without --cafile)",
		         mq->host, mq->port);
	} else if (mq->tls_fail == TLS_OK) {
		snprintf(mq->why, sizeof mq->why, "%s", str);
	}
	pthread_mutex_unlock(&mq->lock);
}

static struct pending *take_pending(struct mq *mq, bool (*match)(const struct pending *, const void *), const void *key)
{
	struct pending **pp, *p;
	for (pp = &mq->pending; (p = *pp); pp = &p->next) {
		if (match(p, key)) {
			*pp = p->next;
			return p;
		}
	}
	return NULL;
}

static bool match_token(const struct pending *p, const void *key)
{
	return p->token == *(const uint64_t *)key;
}

static bool match_mid(const struct pending *p, const void *key)
{
	return p->mid == *(const int *)key;
}

static void free_pending(struct pending *p)
{
	if (p) {
		free(p->payload);
		free(p);
	}
}

static void on_message(struct mosquitto *m, void *obj, const struct mosquitto_message *msg,
                       const mosquitto_property *props)
{
	struct mq *mq = obj;
	struct mq_message mm;
	char *resp = NULL;
	void *corr = NULL;
	uint16_t corr_len = 0;
	(void)m;

	mosquitto_property_read_string(props, MQTT_PROP_RESPONSE_TOPIC, &resp, false);
	mosquitto_property_read_binary(props, MQTT_PROP_CORRELATION_DATA, &corr, &corr_len, false);

	if (strcmp(msg->topic, mq->resp_topic) == 0) {
		/* An answer to one of our requests: the token is the correlation data. */
		uint64_t token = 0;
		struct pending *p = NULL;
		if (corr && corr_len == sizeof token) {
			memcpy(&token, corr, sizeof token);
			pthread_mutex_lock(&mq->lock);
			p = take_pending(mq, match_token, &token);
			pthread_mutex_unlock(&mq->lock);
		}
		if (p) {
			p->fn(p->user, p->token, msg->payload, (size_t)msg->payloadlen, NULL);
			free_pending(p);
		}
	} else if (mq->cb.message) {
		mm.topic = msg->topic;
		mm.payload = msg->payload ? msg->payload : "";
		mm.len = (size_t)msg->payloadlen;
		mm.retain = msg->retain;
		mm.response_topic = resp;
		mm.corr = corr;
		mm.corr_len = corr_len;
		mq->cb.message(mq->cb.user, &mm);
	}
	free(resp);
	free(corr);
}

static void on_publish(struct mosquitto *m, void *obj, int mid, int reason, const mosquitto_property *props)
{
	struct mq *mq = obj;
	(void)m;
	(void)props;
	if (reason >= 0x80) {
		/* The broker refused a request (ACL): say so instead of retrying. */
		struct pending *p;
		pthread_mutex_lock(&mq->lock);
		p = take_pending(mq, match_mid, &mid);
		pthread_mutex_unlock(&mq->lock);
		if (p) {
			char why[400];
			snprintf(why, sizeof why, "the broker refused the request on %s: %s (0x%02x)%s", p->topic,
			         mosquitto_reason_string(reason), reason,
			         reason == MQTT_RC_NOT_AUTHORIZED ? "; this device's role may not do that (the broker's ACL)"
			                                          : "");
			p->fn(p->user, p->token, NULL, 0, why);
			free_pending(p);
		}
	}
	if (mq->cb.published)
		mq->cb.published(mq->cb.user, mid, reason);
}

/* ---- requests and their retry timer ---- */

/* Publishes a copy of a pending request (made under the lock), then notes
 * the message id, if the request is still pending. */
static void send_request(struct mq *mq, uint64_t token, const char *topic, const char *payload, size_t len)
{
	mosquitto_property *props = NULL;
	int mid = 0;
	mosquitto_property_add_string(&props, MQTT_PROP_RESPONSE_TOPIC, mq->resp_topic);
	mosquitto_property_add_binary(&props, MQTT_PROP_CORRELATION_DATA, &token, sizeof token);
	mosquitto_publish_v5(mq->m, &mid, topic, (int)len, payload, 1, false, props);
	mosquitto_property_free_all(&props);
	pthread_mutex_lock(&mq->lock);
	for (struct pending *p = mq->pending; p; p = p->next)
		if (p->token == token)
			p->mid = mid;
	pthread_mutex_unlock(&mq->lock);
}

static void *timer_main(void *arg)
{
	struct mq *mq = arg;
	pthread_mutex_lock(&mq->lock);
	while (!mq->stopping) {
		int64_t now = clock_mono_ms(), next = now + 1000;
		struct pending **pp = &mq->pending, *p;
		struct pending *expired = NULL;
		struct { uint64_t token; char topic[256]; char *payload; size_t len; } resend = { 0 };

		while ((p = *pp)) {
			if (p->deadline_ms > now) {
				if (p->deadline_ms < next)
					next = p->deadline_ms;
				pp = &p->next;
				continue;
			}
			if (p->attempts_left > 0 && atomic_load(&mq->connected) && !resend.payload) {
				p->attempts_left--;
				p->deadline_ms = now + p->timeout_ms;
				resend.token = p->token;
				memcpy(resend.topic, p->topic, sizeof resend.topic);
				resend.payload = malloc(p->len + 1);
				if (resend.payload) {
					memcpy(resend.payload, p->payload, p->len);
					resend.len = p->len;
				}
				next = now;
				pp = &p->next;
			} else if (p->attempts_left > 0 && !atomic_load(&mq->connected)) {
				/* Not connected: this attempt is spent waiting (also the first
				 * one: a request made while disconnected must not keep this
				 * thread spinning with the lock held until the broker is back). */
				p->attempts_left--;
				p->deadline_ms = now + p->timeout_ms;
				if (p->deadline_ms < next)
					next = p->deadline_ms;
				pp = &p->next;
			} else if (p->attempts_left > 0) {
				pp = &p->next;
				next = now;
			} else {
				*pp = p->next;
				p->next = expired;
				expired = p;
			}
		}
		if (resend.payload || expired) {
			pthread_mutex_unlock(&mq->lock);
			if (resend.payload) {
				send_request(mq, resend.token, resend.topic, resend.payload, resend.len);
				free(resend.payload);
			}
			while ((p = expired)) {
				char why[300];
				expired = p->next;
				if (atomic_load(&mq->connected))
					snprintf(why, sizeof why, "no answer from frontad");
				else
					snprintf(why, sizeof why, "not connected to the broker %s:%d", mq->host, mq->port);
				p->fn(p->user, p->token, NULL, 0, why);
				free_pending(p);
			}
			pthread_mutex_lock(&mq->lock);
			continue;
		}
		mq->timer_wake_ms = next;
		if (next > now) {
			struct timespec ts;
			monotonic_in(&ts, next - now);
			pthread_cond_timedwait(&mq->cond, &mq->lock, &ts);
		}
	}
	pthread_mutex_unlock(&mq->lock);
	return NULL;
}

int mq_request_async(struct mq *mq, const char *op, const char *payload, int timeout_ms, int attempts,
                     mq_answer_fn fn, void *user, uint64_t *token)
{
	struct pending *p = calloc(1, sizeof *p);
	char topic[sizeof p->topic];
	size_t len = strlen(payload);
	uint64_t tok = 0;
	bool send_now;
	if (!p || !fn || attempts < 1 || timeout_ms < 1)
		goto fail;
	p->len = len;
	p->payload = malloc(p->len + 1);
	if (!p->payload || mq_topic(mq, p->topic, sizeof p->topic, "req/") != 0 ||
	    strlen(p->topic) + strlen(op) >= sizeof p->topic)
		goto fail;
	strcat(p->topic, op);
	memcpy(p->payload, payload, p->len + 1);
	p->timeout_ms = timeout_ms;
	p->attempts_left = attempts;
	p->deadline_ms = 0;          /* the timer thread sends it at once */
	p->fn = fn;
	p->user = user;
	pthread_mutex_lock(&mq->lock);
	p->token = ++mq->next_token;
	/* Connected: the first attempt leaves from this thread, without a
	 * wake-up of the timer thread on the way (it costs a thread switch on
	 * every request); the timer thread only retries. */
	send_now = atomic_load(&mq->connected);
	if (send_now) {
		p->attempts_left--;
		p->deadline_ms = clock_mono_ms() + timeout_ms;
		tok = p->token;
		memcpy(topic, p->topic, sizeof topic);
	}
	p->next = mq->pending;
	mq->pending = p;
	if (token)
		*token = p->token;
	if (!send_now || p->deadline_ms < mq->timer_wake_ms)
		pthread_cond_broadcast(&mq->cond);
	pthread_mutex_unlock(&mq->lock);
	if (send_now)
		send_request(mq, tok, topic, payload, len);
	return 0;
fail:
	free_pending(p);
	return -1;
}

void mq_request_cancel(struct mq *mq, uint64_t token)
{
	struct pending *p;
	pthread_mutex_lock(&mq->lock);
	p = take_pending(mq, match_token, &token);
	pthread_mutex_unlock(&mq->lock);
	free_pending(p);
}

struct waiter {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
	char *answer;
	char why[512];
};

static void wake_waiter(void *user, uint64_t token, const char *answer, size_t len, const char *why)
{
	struct waiter *w = user;
	(void)token;
	pthread_mutex_lock(&w->lock);
	if (answer) {
		w->answer = malloc(len + 1);
		if (w->answer) {
			memcpy(w->answer, answer, len);
			w->answer[len] = '\0';
		}
	} else {
		snprintf(w->why, sizeof w->why, "%s", why ? why : "no answer");
	}
	w->done = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

int mq_request(struct mq *mq, const char *op, const char *payload, int timeout_ms, int attempts, char **answer,
               char *why, size_t whylen)
{
	struct waiter w = { .done = false, .answer = NULL };
	uint64_t token;

	*answer = NULL;
	pthread_mutex_init(&w.lock, NULL);
	pthread_cond_init(&w.cond, NULL);
	if (mq_request_async(mq, op, payload, timeout_ms, attempts, wake_waiter, &w, &token) != 0) {
		snprintf(why, whylen, "cannot send the request");
		return -1;
	}
	pthread_mutex_lock(&w.lock);
	while (!w.done)
		pthread_cond_wait(&w.cond, &w.lock);
	pthread_mutex_unlock(&w.lock);
	pthread_mutex_destroy(&w.lock);
	pthread_cond_destroy(&w.cond);
	if (!w.answer) {
		snprintf(why, whylen, "%s", w.why);
		return -1;
	}
	*answer = w.answer;
	return 0;
}

/* ---- set-up ---- */

static int set_topics(struct mq *mq)
{
	uint32_t r = 0;
	if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
		r = (uint32_t)getpid() ^ (uint32_t)clock_mono_ns();
	if (snprintf(mq->resp_topic, sizeof mq->resp_topic, "fronta/v1/%s/resp/%s/%08x", mq->branch, mq->device, r) >=
	        (int)sizeof mq->resp_topic ||
	    snprintf(mq->presence_topic, sizeof mq->presence_topic, "fronta/v1/%s/presence/%s", mq->branch,
	             mq->device) >= (int)sizeof mq->presence_topic)
		return -1;
	return 0;
}

static char *presence_json(const struct mq *mq, bool online, const char *extra)
{
	char buf[2048];
	int n;
	if (online)
		n = snprintf(buf, sizeof buf, "{\"online\":true,\"role\":\"%s\",\"version\":\"%s\"%s%s}", mq->role,
		             FRONTA_VERSION, extra && *extra ? "," : "", extra ? extra : "");
	else
		n = snprintf(buf, sizeof buf, "{\"online\":false,\"role\":\"%s\"}", mq->role);
	return n > 0 && (size_t)n < sizeof buf ? strdup(buf) : NULL;
}

struct mq *mq_new(const struct mq_options *opt, const struct mq_callbacks *cb, char *err, size_t errlen)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct mq *mq = calloc(1, sizeof *mq);
	char client_id[96];
	char *will = NULL;
	int rc;

	if (!mq) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pthread_once(&once, (void (*)(void))mosquitto_lib_init);
	pthread_mutex_init(&mq->lock, NULL);
	{
		pthread_condattr_t ca;
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&mq->cond, &ca);
		pthread_condattr_destroy(&ca);
	}
	if (cb)
		mq->cb = *cb;
	snprintf(mq->host, sizeof mq->host, "%s", opt->host && *opt->host ? opt->host : "127.0.0.1");
	mq->port = opt->port > 0 ? opt->port : opt->cafile ? 8883 : 1883;
	mq->keepalive = opt->keepalive > 0 ? opt->keepalive : 10;
	if (!opt->branch || !opt->device || !opt->role) {
		snprintf(err, errlen, "branch, device and role are needed to connect");
		goto fail;
	}
	snprintf(mq->branch, sizeof mq->branch, "%s", opt->branch);
	snprintf(mq->device, sizeof mq->device, "%s", opt->device);
	snprintf(mq->role, sizeof mq->role, "%s", opt->role);
	if (set_topics(mq) != 0) {
		snprintf(err, errlen, "branch or device id too long");
		goto fail;
	}
	if (opt->session_expiry_s > 0)
		snprintf(client_id, sizeof client_id, "%s", mq->device);
	else
		snprintf(client_id, sizeof client_id, "%s-%s", mq->device, strrchr(mq->resp_topic, '/') + 1);
	mq->session_expiry_s = opt->session_expiry_s;
	mq->m = mosquitto_new(client_id, opt->session_expiry_s <= 0, mq);
	if (!mq->m) {
		snprintf(err, errlen, "cannot create an MQTT client: %s", strerror(errno));
		goto fail;
	}
	mosquitto_int_option(mq->m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
	/* Without TCP_NODELAY every QoS 1 hop waits for Nagle (40+ ms). */
	mosquitto_int_option(mq->m, MOSQ_OPT_TCP_NODELAY, 1);
	/* Other threads publish while ours runs mosquitto_loop. */
	mosquitto_threaded_set(mq->m, true);
	mosquitto_connect_v5_callback_set(mq->m, on_connect);
	mosquitto_disconnect_v5_callback_set(mq->m, on_disconnect);
	mosquitto_message_v5_callback_set(mq->m, on_message);
	mosquitto_publish_v5_callback_set(mq->m, on_publish);
	mosquitto_log_callback_set(mq->m, on_log);

	if (opt->user && *opt->user) {
		const char *pw = NULL;
		if (opt->password_file) {
			if (mq_read_password(opt->password_file, mq->password, sizeof mq->password, err, errlen) != 0)
				goto fail;
			pw = mq->password;
			snprintf(mq->password_file, sizeof mq->password_file, "%s", opt->password_file);
		}
		snprintf(mq->user, sizeof mq->user, "%s", opt->user);
		if (mosquitto_username_pw_set(mq->m, opt->user, pw) != MOSQ_ERR_SUCCESS) {
			snprintf(err, errlen, "user name or password is not valid UTF-8");
			goto fail;
		}
		mq->has_user = true;
	}
	if (opt->cafile && *opt->cafile) {
		if (access(opt->cafile, R_OK) != 0) {
			snprintf(err, errlen, "cannot read CA file %s: %s", opt->cafile, strerror(errno));
			goto fail;
		}
		rc = mosquitto_tls_set(mq->m, opt->cafile, NULL, opt->certfile, opt->keyfile, NULL);
		if (rc != MOSQ_ERR_SUCCESS) {
			snprintf(err, errlen, "TLS set-up failed: %s", mosquitto_strerror(rc));
			goto fail;
		}
		snprintf(mq->cafile, sizeof mq->cafile, "%s", opt->cafile);
		mosquitto_tls_opts_set(mq->m, 1 /* SSL_VERIFY_PEER */, "tlsv1.2", NULL);
		mosquitto_tls_insecure_set(mq->m, opt->tls_insecure);
	}
	will = presence_json(mq, false, NULL);
	if (!will || mosquitto_will_set_v5(mq->m, mq->presence_topic, (int)strlen(will), will, 1, true, NULL) !=
	                 MOSQ_ERR_SUCCESS) {
		snprintf(err, errlen, "cannot set the will");
		goto fail;
	}
	free(will);
	mq->presence = presence_json(mq, true, NULL);
	return mq;
fail:
	free(will);
	mq_free(mq);
	return NULL;
}

int mq_subscribe(struct mq *mq, const char *topic)
{
	char **subs = realloc(mq->subs, (size_t)(mq->n_subs + 1) * sizeof *subs);
	if (!subs)
		return -1;
	mq->subs = subs;
	mq->subs[mq->n_subs] = strdup(topic);
	if (!mq->subs[mq->n_subs])
		return -1;
	mq->n_subs++;
	if (atomic_load(&mq->connected))
		mosquitto_subscribe_v5(mq->m, NULL, topic, 1, 0, NULL);
	return 0;
}

/* ---- the network thread ---- */

/* Waits ms on the condition, or less if the connection is stopping. */
static void net_sleep(struct mq *mq, int64_t ms)
{
	int64_t end = clock_mono_ms() + ms;
	pthread_mutex_lock(&mq->lock);
	while (!atomic_load(&mq->net_stop)) {
		int64_t left = end - clock_mono_ms();
		struct timespec ts;
		if (left <= 0)
			break;
		monotonic_in(&ts, left);
		pthread_cond_timedwait(&mq->cond, &mq->lock, &ts);
	}
	pthread_mutex_unlock(&mq->lock);
}

/* After an attempt that ended with rc (errno err): says why to the status
 * callback and returns how long to wait before the next. A broker that
 * refused us (credentials, TLS) will refuse again: we come back after 10 s,
 * then up to every 2 minutes, rather than hammering it; a broker that is
 * merely away is tried again within 1-5 s. */
static int64_t net_failed(struct mq *mq, int rc, int err, bool was_connected, int *quick, int *slow)
{
	char why[1100];
	bool definite;
	bool say;
	int64_t delay;

	if (was_connected)
		*quick = *slow = 0;
	pthread_mutex_lock(&mq->lock);
	definite = mq->connack_rc != 0 || mq->tls_fail == TLS_BAD_CA || mq->tls_fail == TLS_BAD_HOST;
	if (!mq->why[0] || was_connected) {
		if (rc == MOSQ_ERR_ERRNO)
			snprintf(mq->why, sizeof mq->why, "cannot reach the broker %s:%d: %s", mq->host, mq->port,
			         strerror(err));
		else if (!was_connected && !mq->cafile[0] && (rc == MOSQ_ERR_CONN_LOST || rc == MOSQ_ERR_PROTOCOL))
			snprintf(mq->why, sizeof mq->why,
			         "the broker %s:%d closed the connection without answering (a TLS port? then add --cafile)",
			         mq->host, mq->port);
		else
			snprintf(mq->why, sizeof mq->why, "%s the broker %s:%d (%s)",
			         was_connected ? "lost" : "cannot connect to", mq->host, mq->port, mosquitto_strerror(rc));
	}
	if (definite) {
		(*slow)++;
		delay = *slow >= 4 ? 120000 : 10000 << (*slow - 1);
	} else {
		(*quick)++;
		delay = *quick >= 3 ? 5000 : *quick * *quick * 1000;
	}
	snprintf(why, sizeof why, "%s", mq->why);
	say = definite || was_connected || strcmp(mq->why, mq->reported) != 0;
	memcpy(mq->reported, mq->why, sizeof mq->reported);
	pthread_mutex_unlock(&mq->lock);
	if (definite)
		snprintf(why + strlen(why), sizeof why - strlen(why), "; trying again in %d s", (int)(delay / 1000));
	if (say && mq->cb.status)
		mq->cb.status(mq->cb.user, definite ? MQ_REFUSED : MQ_DISCONNECTED, why);
	/* Only now wake mq_wait_connected: its caller may look at what the
	 * status callback noted. */
	pthread_mutex_lock(&mq->lock);
	mq->refused = definite;
	pthread_cond_broadcast(&mq->cond);
	pthread_mutex_unlock(&mq->lock);
	return delay;
}

/* A new password in the password file (rotated by the administrator) is
 * used from the next attempt on, without restarting the program. */
static void reread_password(struct mq *mq)
{
	char pw[sizeof mq->password], err[600];
	if (!mq->password_file[0] || mq_read_password(mq->password_file, pw, sizeof pw, err, sizeof err) != 0)
		return;   /* keep the one we have */
	if (strcmp(pw, mq->password) != 0 && mosquitto_username_pw_set(mq->m, mq->user, pw) == MOSQ_ERR_SUCCESS)
		memcpy(mq->password, pw, sizeof pw);
	memset(pw, 0, sizeof pw);
}

/* The first connect. A persistent session needs MQTT 5's Session Expiry
 * Interval; libmosquitto keeps these properties and sends them again with
 * every mosquitto_reconnect (checked with 2.0.11: the session outlives a
 * reconnect and a kill). */
static int connect_first(struct mq *mq)
{
	mosquitto_property *props = NULL;
	int rc;
	if (mq->session_expiry_s <= 0)
		return mosquitto_connect(mq->m, mq->host, mq->port, mq->keepalive);
	mosquitto_property_add_int32(&props, MQTT_PROP_SESSION_EXPIRY_INTERVAL, (uint32_t)mq->session_expiry_s);
	rc = mosquitto_connect_bind_v5(mq->m, mq->host, mq->port, mq->keepalive, NULL, props);
	mosquitto_property_free_all(&props);
	return rc;
}

static void *net_main(void *arg)
{
	struct mq *mq = arg;
	int quick = 0, slow = 0;
	bool first = true;

	while (!atomic_load(&mq->net_stop)) {
		unsigned before = atomic_load(&mq->connects);
		int rc, err;
		bool was;

		pthread_mutex_lock(&mq->lock);
		mq->connack_rc = 0;
		mq->tls_fail = TLS_OK;
		mq->why[0] = '\0';
		pthread_mutex_unlock(&mq->lock);
		if (!first)
			reread_password(mq);
		errno = 0;
		/* Blocking connect (TCP and TLS handshake) on this thread, as
		 * libmosquitto's own loop does: with the asynchronous one, a TLS
		 * connect to a closed port is never reported. */
		rc = first ? connect_first(mq) : mosquitto_reconnect(mq->m);
		first = false;
		while (rc == MOSQ_ERR_SUCCESS && !atomic_load(&mq->net_stop))
			rc = mosquitto_loop(mq->m, 200, 1);
		err = errno;
		if (atomic_load(&mq->net_stop))
			break;
		atomic_store(&mq->connected, false);
		was = atomic_load(&mq->connects) != before;
		net_sleep(mq, net_failed(mq, rc, err, was, &quick, &slow));
	}
	/* Goodbye: what the caller queued (the offline presence), then
	 * DISCONNECT, so the broker does not publish our will as well. */
	if (atomic_load(&mq->connected)) {
		int64_t end = clock_mono_ms() + 1000;
		mosquitto_disconnect_v5(mq->m, 0, NULL);
		while (clock_mono_ms() < end && mosquitto_loop(mq->m, 50, 1) == MOSQ_ERR_SUCCESS)
			;
	}
	atomic_store(&mq->connected, false);
	return NULL;
}

int mq_start(struct mq *mq)
{
	if (pthread_create(&mq->timer, NULL, timer_main, mq) != 0)
		return -1;
	mq->timer_started = true;
	/* A refused or failed first connect is retried like any later one, so
	 * a program may start before its broker. */
	if (pthread_create(&mq->net, NULL, net_main, mq) != 0)
		return -1;
	mq->started = true;
	return 0;
}

void mq_stop(struct mq *mq)
{
	if (!mq || !mq->started)
		return;
	if (atomic_load(&mq->connected)) {
		char *off = presence_json(mq, false, NULL);
		if (off) {
			mosquitto_publish_v5(mq->m, NULL, mq->presence_topic, (int)strlen(off), off, 1, true, NULL);
			free(off);
		}
	}
	pthread_mutex_lock(&mq->lock);
	atomic_store(&mq->net_stop, true);
	pthread_cond_broadcast(&mq->cond);
	pthread_mutex_unlock(&mq->lock);
	pthread_join(mq->net, NULL);
	mq->started = false;
}

void mq_free(struct mq *mq)
{
	if (!mq)
		return;
	mq_stop(mq);
	if (mq->timer_started) {
		pthread_mutex_lock(&mq->lock);
		mq->stopping = true;
		pthread_cond_broadcast(&mq->cond);
		pthread_mutex_unlock(&mq->lock);
		pthread_join(mq->timer, NULL);
	}
	while (mq->pending) {
		struct pending *p = mq->pending;
		mq->pending = p->next;
		free_pending(p);
	}
	for (int i = 0; i < mq->n_subs; i++)
		free(mq->subs[i]);
	free(mq->subs);
	free(mq->presence);
	if (mq->m)
		mosquitto_destroy(mq->m);
	memset(mq->password, 0, sizeof mq->password);
	pthread_mutex_destroy(&mq->lock);
	pthread_cond_destroy(&mq->cond);
	free(mq);
}

bool mq_connected(const struct mq *mq)
{
	return atomic_load(&mq->connected);
}

int mq_publish(struct mq *mq, const char *topic, const void *payload, size_t len, int qos, bool retain,
               const char *resp_topic, const void *corr, size_t corr_len, int *mid)
{
	mosquitto_property *props = NULL;
	int rc;
	if (resp_topic)
		mosquitto_property_add_string(&props, MQTT_PROP_RESPONSE_TOPIC, resp_topic);
	if (corr && corr_len)
		mosquitto_property_add_binary(&props, MQTT_PROP_CORRELATION_DATA, corr, (uint16_t)corr_len);
	rc = mosquitto_publish_v5(mq->m, mid, topic, (int)len, payload, qos, retain, props);
	mosquitto_property_free_all(&props);
	/* QoS 1 messages are kept and sent on reconnect even when not connected now. */
	return rc == MOSQ_ERR_SUCCESS || (rc == MOSQ_ERR_NO_CONN && qos > 0) ? 0 : -1;
}

int mq_set_presence(struct mq *mq, const char *extra)
{
	char *p = presence_json(mq, true, extra);
	if (!p)
		return -1;
	pthread_mutex_lock(&mq->lock);
	free(mq->presence);
	mq->presence = p;
	pthread_mutex_unlock(&mq->lock);
	if (atomic_load(&mq->connected))
		publish_presence(mq);
	return 0;
}

const char *mq_response_topic(const struct mq *mq)
{
	return mq->resp_topic;
}

int mq_topic(const struct mq *mq, char *out, size_t cap, const char *rest)
{
	int n = snprintf(out, cap, "fronta/v1/%s/%s", mq->branch, rest);
	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

int mq_wait_connected(struct mq *mq, int timeout_ms, char *why, size_t whylen)
{
	int64_t end = clock_mono_ms() + timeout_ms;
	int rc = -1;
	pthread_mutex_lock(&mq->lock);
	for (;;) {
		int64_t now = clock_mono_ms();
		struct timespec ts;
		if (atomic_load(&mq->connected)) {
			rc = 0;
			break;
		}
		if (mq->refused || now >= end)
			break;
		monotonic_in(&ts, 50);
		pthread_cond_timedwait(&mq->cond, &mq->lock, &ts);
	}
	if (rc != 0 && why)
		snprintf(why, whylen, "%s",
		         mq->why[0] ? mq->why : mq->reported[0] ? mq->reported : "cannot reach the broker");
	pthread_mutex_unlock(&mq->lock);
	return rc;
}
