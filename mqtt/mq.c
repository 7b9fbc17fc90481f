/* MQTT 5 connection on libmosquitto's own network thread, plus a timer
 * thread that retries requests still waiting for their answer. */
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
	char branch[64], device[64], role[32];
	char password[256];
	bool has_user;
	char resp_topic[256];
	char presence_topic[256];
	char *presence;             /* full retained presence JSON */
	char **subs;
	int n_subs;

	pthread_mutex_t lock;
	pthread_cond_t cond;        /* timer wake-ups and connection changes */
	pthread_t timer;
	bool timer_started, stopping, started;
	struct pending *pending;
	uint64_t next_token;
	int64_t timer_wake_ms;      /* when the timer thread looks next (monotonic) */

	atomic_bool connected;
	bool refused;
	char why[600];              /* last refusal or connection error */
};

static void set_why(struct mq *mq, const char *why)
{
	pthread_mutex_lock(&mq->lock);
	snprintf(mq->why, sizeof mq->why, "%s", why);
	pthread_mutex_unlock(&mq->lock);
}

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

static void on_connect(struct mosquitto *m, void *obj, int rc, int flags, const mosquitto_property *props)
{
	struct mq *mq = obj;
	char why[600];
	(void)flags;
	(void)props;
	if (rc != 0) {
		snprintf(why, sizeof why, "broker %s:%d refused the connection: %s", mq->host, mq->port,
		         mosquitto_reason_string(rc));
		pthread_mutex_lock(&mq->lock);
		mq->refused = true;
		snprintf(mq->why, sizeof mq->why, "%s", why);
		pthread_cond_broadcast(&mq->cond);
		pthread_mutex_unlock(&mq->lock);
		if (mq->cb.status)
			mq->cb.status(mq->cb.user, MQ_REFUSED, why);
		return;
	}
	for (int i = 0; i < mq->n_subs; i++)
		mosquitto_subscribe_v5(m, NULL, mq->subs[i], 1, 0, NULL);
	mosquitto_subscribe_v5(m, NULL, mq->resp_topic, 1, 0, NULL);
	publish_presence(mq);
	pthread_mutex_lock(&mq->lock);
	atomic_store(&mq->connected, true);
	mq->refused = false;
	mq->why[0] = '\0';
	/* Requests sent while we were away go out again at once. */
	for (struct pending *p = mq->pending; p; p = p->next)
		p->deadline_ms = 0;
	pthread_cond_broadcast(&mq->cond);
	pthread_mutex_unlock(&mq->lock);
	snprintf(why, sizeof why, "connected to %s:%d", mq->host, mq->port);
	if (mq->cb.status)
		mq->cb.status(mq->cb.user, MQ_CONNECTED, why);
}

static void on_disconnect(struct mosquitto *m, void *obj, int rc, const mosquitto_property *props)
{
	struct mq *mq = obj;
	char why[600];
	bool was = atomic_exchange(&mq->connected, false);
	(void)m;
	(void)props;
	pthread_mutex_lock(&mq->lock);
	if (mq->why[0])
		snprintf(why, sizeof why, "%s", mq->why);
	else
		snprintf(why, sizeof why, "lost the broker %s:%d (%s)", mq->host, mq->port,
		         rc == 0 ? "closed" : mosquitto_strerror(rc));
	pthread_cond_broadcast(&mq->cond);
	pthread_mutex_unlock(&mq->lock);
	if (mq->cb.status && (was || rc != 0))
		mq->cb.status(mq->cb.user, MQ_DISCONNECTED, why);
}

static void on_log(struct mosquitto *m, void *obj, int level, const char *str)
{
	struct mq *mq = obj;
	(void)m;
	/* TLS and socket failures only reach us as log lines. */
	if (level == MOSQ_LOG_ERR && str)
		set_why(mq, str);
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
			char why[128];
			snprintf(why, sizeof why, "the broker refused the request: %s (0x%02x)",
			         mosquitto_reason_string(reason), reason);
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
			} else if (p->attempts_left > 0 && !atomic_load(&mq->connected) && p->deadline_ms > 0) {
				/* Not connected: this attempt is spent waiting. */
				p->attempts_left--;
				p->deadline_ms = now + p->timeout_ms;
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
			clock_gettime(CLOCK_MONOTONIC, &ts);
			int64_t wait = next - now;
			ts.tv_sec += wait / 1000;
			ts.tv_nsec += (wait % 1000) * 1000000;
			if (ts.tv_nsec >= 1000000000) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000;
			}
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
	char why[256];
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
	snprintf(client_id, sizeof client_id, "%s-%s", mq->device, strrchr(mq->resp_topic, '/') + 1);
	mq->m = mosquitto_new(client_id, true, mq);
	if (!mq->m) {
		snprintf(err, errlen, "cannot create an MQTT client: %s", strerror(errno));
		goto fail;
	}
	mosquitto_int_option(mq->m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
	/* Without TCP_NODELAY every QoS 1 hop waits for Nagle (40+ ms). */
	mosquitto_int_option(mq->m, MOSQ_OPT_TCP_NODELAY, 1);
	mosquitto_reconnect_delay_set(mq->m, 1, 5, true);
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
		}
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

int mq_start(struct mq *mq)
{
	int rc;
	if (pthread_create(&mq->timer, NULL, timer_main, mq) != 0)
		return -1;
	mq->timer_started = true;
	/* A refused first connect is retried by the network thread like any
	 * later one, so a program may start before its broker. */
	rc = mosquitto_connect_async(mq->m, mq->host, mq->port, mq->keepalive);
	if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_ERRNO)
		set_why(mq, mosquitto_strerror(rc));
	if (mosquitto_loop_start(mq->m) != MOSQ_ERR_SUCCESS)
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
		int mid = 0;
		if (off) {
			mosquitto_publish_v5(mq->m, &mid, mq->presence_topic, (int)strlen(off), off, 1, true, NULL);
			free(off);
		}
		/* Give the goodbye a moment to leave before disconnecting. */
		usleep(50000);
	}
	mosquitto_disconnect_v5(mq->m, 0, NULL);
	mosquitto_loop_stop(mq->m, false);
	mq->started = false;
	atomic_store(&mq->connected, false);
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
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += 50 * 1000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&mq->cond, &mq->lock, &ts);
	}
	if (rc != 0 && why)
		snprintf(why, whylen, "%s", mq->why[0] ? mq->why : "cannot reach the broker");
	pthread_mutex_unlock(&mq->lock);
	return rc;
}
