/* The floors: a bare libmosquitto echo (server and requester) and a bare
 * SQLite WAL FULL single-row commit. Nothing of Fronta is used here on
 * purpose, so that the difference to Fronta's figures is Fronta's cost. */
#include "bench/floor.h"

#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- SQLite ---- */

struct floor_db {
	sqlite3 *db;
	sqlite3_stmt *insert;
};

void floor_db_close(struct floor_db *f)
{
	if (!f)
		return;
	sqlite3_finalize(f->insert);
	sqlite3_close(f->db);
	free(f);
}

struct floor_db *floor_db_open(const char *path, char *err, size_t errlen)
{
	struct floor_db *f = calloc(1, sizeof *f);
	char *msg = NULL;
	if (!f) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &f->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
	        SQLITE_OK ||
	    sqlite3_exec(f->db,
	                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
	                 "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, at_ns INTEGER NOT NULL,"
	                 " body TEXT NOT NULL)",
	                 NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_prepare_v2(f->db, "INSERT INTO rows (at_ns, body) VALUES (?1, ?2)", -1, &f->insert, NULL) !=
	        SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, msg ? msg : sqlite3_errmsg(f->db));
		sqlite3_free(msg);
		floor_db_close(f);
		return NULL;
	}
	return f;
}

int floor_db_commit(struct floor_db *f)
{
	/* About the size of one ticket row of frontad. */
	static const char body[] = "{\"number\":\"A023\",\"service\":\"A\",\"lang\":\"uk\",\"status\":\"waiting\"}";
	struct timespec ts;
	int rc;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	sqlite3_bind_int64(f->insert, 1, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
	sqlite3_bind_text(f->insert, 2, body, -1, SQLITE_STATIC);
	rc = sqlite3_step(f->insert);
	sqlite3_reset(f->insert);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- the echo server ---- */

static void serve_message(struct mosquitto *m, void *obj, const struct mosquitto_message *msg,
                          const mosquitto_property *props)
{
	struct floor_db *db = obj;
	char *resp = NULL;
	void *corr = NULL;
	uint16_t corr_len = 0;
	mosquitto_property *out = NULL;

	mosquitto_property_read_string(props, MQTT_PROP_RESPONSE_TOPIC, &resp, false);
	mosquitto_property_read_binary(props, MQTT_PROP_CORRELATION_DATA, &corr, &corr_len, false);
	if (resp) {
		bool screen = strcmp(msg->topic, FLOOR_TOPIC_SCREEN) == 0;
		if ((screen || strcmp(msg->topic, FLOOR_TOPIC_COMMIT) == 0) && floor_db_commit(db) != 0)
			fprintf(stderr, "floor: commit failed\n");
		if (screen)
			mosquitto_publish_v5(m, NULL, FLOOR_TOPIC_STATE, msg->payloadlen, msg->payload, 1, true, NULL);
		if (corr)
			mosquitto_property_add_binary(&out, MQTT_PROP_CORRELATION_DATA, corr, corr_len);
		mosquitto_publish_v5(m, NULL, resp, msg->payloadlen, msg->payload, 1, false, out);
		mosquitto_property_free_all(&out);
	}
	free(resp);
	free(corr);
}

static void serve_connect(struct mosquitto *m, void *obj, int rc, int flags, const mosquitto_property *props)
{
	(void)obj;
	(void)flags;
	(void)props;
	if (rc == 0)
		mosquitto_subscribe_v5(m, NULL, "fronta-bench/echo/#", 1, 0, NULL);
}

static struct mosquitto *new_client(const char *prefix, void *obj)
{
	char id[64];
	struct mosquitto *m;
	snprintf(id, sizeof id, "%s-%d-%p", prefix, (int)getpid(), obj);
	m = mosquitto_new(id, true, obj);
	if (!m)
		return NULL;
	mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
	mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
	return m;
}

/* Connects m, runs its network thread and sleeps until a signal sets
 * *stop (an idle floor must not wake on its own), then disconnects. 0, or
 * -1 with a message on stderr if it could not connect. */
static int run_until_stopped(struct mosquitto *m, const char *host, int port, volatile sig_atomic_t *stop)
{
	sigset_t block, old;
	int rc = 0;
	/* Only this thread takes the stopping signals (the network thread
	 * inherits the mask), so sigsuspend below sees them. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	if (mosquitto_connect_bind_v5(m, host, port, 10, NULL, NULL) != MOSQ_ERR_SUCCESS ||
	    mosquitto_loop_start(m) != MOSQ_ERR_SUCCESS) {
		fprintf(stderr, "floor: cannot connect to %s:%d\n", host, port);
		rc = -1;
	} else {
		while (!*stop)
			sigsuspend(&old);
		mosquitto_disconnect_v5(m, 0, NULL);
		mosquitto_loop_stop(m, false);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int floor_serve(const char *host, int port, const char *db_path, volatile sig_atomic_t *stop)
{
	char err[600];
	struct floor_db *db;
	struct mosquitto *m;
	int rc;

	mosquitto_lib_init();
	db = floor_db_open(db_path, err, sizeof err);
	if (!db) {
		fprintf(stderr, "floor: %s\n", err);
		return 1;
	}
	m = new_client("floor-server", db);
	if (!m) {
		floor_db_close(db);
		return 1;
	}
	mosquitto_connect_v5_callback_set(m, serve_connect);
	mosquitto_message_v5_callback_set(m, serve_message);
	rc = run_until_stopped(m, host, port, stop);
	mosquitto_destroy(m);
	floor_db_close(db);
	mosquitto_lib_cleanup();
	return rc ? 1 : 0;
}

/* ---- a display that draws nothing ---- */

long long floor_json_seq(const char *json, size_t len)
{
	static const char key[] = "\"seq\":";
	const size_t klen = sizeof key - 1;
	const char *p = NULL;
	char buf[32];
	size_t n;
	for (size_t i = 0; json && i + klen <= len && !p; i++)
		if (memcmp(json + i, key, klen) == 0)
			p = json + i + klen;
	if (!p)
		return -1;
	n = (size_t)(json + len - p);
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf[0] >= '0' && buf[0] <= '9' ? strtoll(buf, NULL, 10) : -1;
}

struct display {
	const char *state_topic, *presence_topic;
};

static void display_connect(struct mosquitto *m, void *obj, int rc, int flags, const mosquitto_property *props)
{
	struct display *d = obj;
	(void)flags;
	(void)props;
	if (rc == 0)
		mosquitto_subscribe_v5(m, NULL, d->state_topic, 1, 0, NULL);
}

static void display_message(struct mosquitto *m, void *obj, const struct mosquitto_message *msg,
                            const mosquitto_property *props)
{
	struct display *d = obj;
	long long seq = floor_json_seq(msg->payload, (size_t)msg->payloadlen);
	char p[96];
	(void)props;
	if (seq < 0)
		return;
	snprintf(p, sizeof p, "{\"online\":true,\"role\":\"display\",\"seq\":%lld}", seq);
	mosquitto_publish_v5(m, NULL, d->presence_topic, (int)strlen(p), p, 1, true, NULL);
}

int floor_display(const char *host, int port, const char *state_topic, const char *presence_topic,
                  volatile sig_atomic_t *stop)
{
	struct display d = { state_topic, presence_topic };
	struct mosquitto *m;
	int rc;

	mosquitto_lib_init();
	m = new_client("floor-display", &d);
	if (!m)
		return 1;
	mosquitto_connect_v5_callback_set(m, display_connect);
	mosquitto_message_v5_callback_set(m, display_message);
	rc = run_until_stopped(m, host, port, stop);
	mosquitto_destroy(m);
	mosquitto_lib_cleanup();
	return rc ? 1 : 0;
}

/* ---- the requester ---- */

struct floor_client {
	struct mosquitto *m;
	char resp_topic[96];
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool ready;                 /* connected and subscribed */
	uint64_t waiting_for;       /* correlation of the request in flight */
	bool answered;
	long long shown;            /* the highest seq FLOOR_TOPIC_PRESENCE reported */
	int subacks;
};

static void requester_connect(struct mosquitto *m, void *obj, int rc, int flags, const mosquitto_property *props)
{
	struct floor_client *c = obj;
	(void)flags;
	(void)props;
	if (rc == 0) {
		mosquitto_subscribe_v5(m, NULL, FLOOR_TOPIC_PRESENCE, 1, 0, NULL);
		mosquitto_subscribe_v5(m, NULL, c->resp_topic, 1, 0, NULL);
	}
}

static void requester_subscribe(struct mosquitto *m, void *obj, int mid, int n, const int *granted,
                             const mosquitto_property *props)
{
	struct floor_client *c = obj;
	(void)m;
	(void)mid;
	(void)n;
	(void)granted;
	(void)props;
	pthread_mutex_lock(&c->lock);
	c->ready = ++c->subacks >= 2;
	pthread_cond_broadcast(&c->cond);
	pthread_mutex_unlock(&c->lock);
}

static void requester_message(struct mosquitto *m, void *obj, const struct mosquitto_message *msg,
                           const mosquitto_property *props)
{
	struct floor_client *c = obj;
	void *corr = NULL;
	uint16_t len = 0;
	uint64_t token;
	(void)m;
	if (strcmp(msg->topic, FLOOR_TOPIC_PRESENCE) == 0) {
		long long seq = floor_json_seq(msg->payload, (size_t)msg->payloadlen);
		pthread_mutex_lock(&c->lock);
		if (seq > c->shown)
			c->shown = seq;
		pthread_cond_broadcast(&c->cond);
		pthread_mutex_unlock(&c->lock);
		return;
	}
	mosquitto_property_read_binary(props, MQTT_PROP_CORRELATION_DATA, &corr, &len, false);
	if (corr && len == sizeof token) {
		memcpy(&token, corr, sizeof token);
		pthread_mutex_lock(&c->lock);
		if (token == c->waiting_for) {
			c->answered = true;
			pthread_cond_broadcast(&c->cond);
		}
		pthread_mutex_unlock(&c->lock);
	}
	free(corr);
}

static void deadline_in(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

struct floor_client *floor_client_new(const char *host, int port, char *err, size_t errlen)
{
	struct floor_client *c = calloc(1, sizeof *c);
	pthread_condattr_t ca;
	struct timespec ts;
	static unsigned n;

	if (!c) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	mosquitto_lib_init();
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->cond, &ca);
	pthread_condattr_destroy(&ca);
	snprintf(c->resp_topic, sizeof c->resp_topic, "fronta-bench/resp/%d/%u", (int)getpid(),
	         __atomic_add_fetch(&n, 1, __ATOMIC_RELAXED));
	c->m = new_client("floor-client", c);
	if (!c->m) {
		snprintf(err, errlen, "cannot create a client");
		goto fail;
	}
	mosquitto_connect_v5_callback_set(c->m, requester_connect);
	mosquitto_subscribe_v5_callback_set(c->m, requester_subscribe);
	mosquitto_message_v5_callback_set(c->m, requester_message);
	if (mosquitto_connect_bind_v5(c->m, host, port, 10, NULL, NULL) != MOSQ_ERR_SUCCESS ||
	    mosquitto_loop_start(c->m) != MOSQ_ERR_SUCCESS) {
		snprintf(err, errlen, "cannot connect to %s:%d", host, port);
		goto fail;
	}
	deadline_in(&ts, 5000);
	pthread_mutex_lock(&c->lock);
	while (!c->ready && pthread_cond_timedwait(&c->cond, &c->lock, &ts) == 0)
		;
	pthread_mutex_unlock(&c->lock);
	if (!c->ready) {
		snprintf(err, errlen, "no subscription acknowledged by %s:%d within 5 s", host, port);
		goto fail;
	}
	return c;
fail:
	floor_client_free(c);
	return NULL;
}

int floor_client_request(struct floor_client *c, const char *topic, const char *payload, int timeout_ms)
{
	mosquitto_property *props = NULL;
	struct timespec ts;
	uint64_t token;
	int rc;

	pthread_mutex_lock(&c->lock);
	token = ++c->waiting_for;
	c->answered = false;
	pthread_mutex_unlock(&c->lock);
	mosquitto_property_add_string(&props, MQTT_PROP_RESPONSE_TOPIC, c->resp_topic);
	mosquitto_property_add_binary(&props, MQTT_PROP_CORRELATION_DATA, &token, sizeof token);
	rc = mosquitto_publish_v5(c->m, NULL, topic, (int)strlen(payload), payload, 1, false, props);
	mosquitto_property_free_all(&props);
	if (rc != MOSQ_ERR_SUCCESS)
		return -1;
	deadline_in(&ts, timeout_ms);
	pthread_mutex_lock(&c->lock);
	while (!c->answered && pthread_cond_timedwait(&c->cond, &c->lock, &ts) == 0)
		;
	rc = c->answered ? 0 : -1;
	pthread_mutex_unlock(&c->lock);
	return rc;
}

int floor_client_screen(struct floor_client *c, long long seq, int timeout_ms)
{
	char p[48];
	struct timespec ts;
	int rc;
	snprintf(p, sizeof p, "{\"seq\":%lld}", seq);
	if (floor_client_request(c, FLOOR_TOPIC_SCREEN, p, timeout_ms) != 0)
		return -1;
	deadline_in(&ts, timeout_ms);
	pthread_mutex_lock(&c->lock);
	while (c->shown < seq && pthread_cond_timedwait(&c->cond, &c->lock, &ts) == 0)
		;
	rc = c->shown >= seq ? 0 : -1;
	pthread_mutex_unlock(&c->lock);
	return rc;
}

void floor_client_free(struct floor_client *c)
{
	if (!c)
		return;
	if (c->m) {
		mosquitto_disconnect_v5(c->m, 0, NULL);
		mosquitto_loop_stop(c->m, false);
		mosquitto_destroy(c->m);
	}
	pthread_mutex_destroy(&c->lock);
	pthread_cond_destroy(&c->cond);
	free(c);
}
