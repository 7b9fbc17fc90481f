/* One MQTT 5 connection of a Fronta program, on libmosquitto: connect and
 * reconnect with back-off, TLS and credentials, presence with a will,
 * subscriptions renewed on every connect, and requests to frontad with
 * answers matched by Correlation Data, retried with the same payload.
 * Callbacks run on the connection's own thread: hand work to your main
 * thread (SDL programs push an SDL user event). */
#ifndef FRONTA_MQ_H
#define FRONTA_MQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mq_options {
	const char *host;            /* default 127.0.0.1 */
	int port;                    /* default 1883, or 8883 with cafile */
	const char *user;            /* NULL: anonymous (development broker only) */
	const char *password_file;   /* first line is the password; read again before each reconnect */
	const char *cafile;          /* set: TLS, server certificate checked against it */
	const char *certfile, *keyfile; /* optional client certificate */
	bool tls_insecure;           /* do not check the server's host name (tests) */
	const char *branch;          /* topic level {branch} */
	const char *device;          /* device id: presence topic, response topics, client id */
	const char *role;            /* presence role: daemon, kiosk, display, console, admin */
	int keepalive;               /* seconds, default 10 */
	/* > 0: a persistent session the broker keeps this many seconds while
	 * we are away, queueing QoS 1 messages of our subscriptions (the
	 * head-office archive). The client id is then the device id alone,
	 * so the next start finds the session. 0: a clean session. */
	int session_expiry_s;
};

struct mq_message {
	const char *topic;
	const char *payload;         /* not NUL-terminated */
	size_t len;
	bool retain;
	const char *response_topic;  /* NULL if none */
	const void *corr;            /* correlation data, NULL if none */
	size_t corr_len;
};

enum mq_status {
	MQ_CONNECTED,
	MQ_DISCONNECTED,
	MQ_REFUSED                   /* the broker refused us: credentials, rights, TLS */
};

struct mq_callbacks {
	/* A message on a subscribed topic (answers to our requests go to the
	 * request's own callback instead). */
	void (*message)(void *user, const struct mq_message *m);
	/* Connection changes; why says what happened, for people. */
	void (*status)(void *user, enum mq_status st, const char *why);
	/* The broker acknowledged our QoS 1 publish mid (reason 0 = accepted). */
	void (*published)(void *user, int mid, int reason);
	void *user;
};

struct mq;

/* A new connection (not yet started). Reads the password file now. Returns
 * NULL with a message in err if an option is wrong or a file unreadable. */
struct mq *mq_new(const struct mq_options *opt, const struct mq_callbacks *cb, char *err, size_t errlen);

/* Subscribes to topic (QoS 1) now and after every reconnect. */
int mq_subscribe(struct mq *mq, const char *topic);

/* Starts connecting in the background; reconnects by itself. 0 or -1. */
int mq_start(struct mq *mq);

/* Says goodbye (presence offline), disconnects and stops the thread. */
void mq_stop(struct mq *mq);
void mq_free(struct mq *mq);

bool mq_connected(const struct mq *mq);

/* Publishes; resp_topic and corr are MQTT 5 properties (may be NULL).
 * Returns 0 (and the message id in *mid if not NULL), or -1 if the
 * client cannot take the message now (not connected for QoS 0, no memory). */
int mq_publish(struct mq *mq, const char *topic, const void *payload, size_t len, int qos, bool retain,
               const char *resp_topic, const void *corr, size_t corr_len, int *mid);

/* The retained presence of this device: {"online":true,"role":...,
 * "version":...} plus extra (JSON members without braces, e.g.
 * "\"seq\":12", or NULL). Published now if connected and after every
 * reconnect. */
int mq_set_presence(struct mq *mq, const char *extra);

/* The topic under which this client receives its answers. */
const char *mq_response_topic(const struct mq *mq);
/* "fronta/v1/{branch}/" + rest */
int mq_topic(const struct mq *mq, char *out, size_t cap, const char *rest);

/* Answer of a request, on the connection thread. answer is NULL when every
 * attempt timed out or the broker refused the request (why says which). */
typedef void (*mq_answer_fn)(void *user, uint64_t token, const char *answer, size_t len, const char *why);

/* Sends payload to req/{op}; if no answer comes within timeout_ms, sends
 * the same payload again, up to attempts times (the request_id inside
 * makes a retry harmless). Returns 0 and a token identifying the request
 * in the callback, or -1. */
int mq_request_async(struct mq *mq, const char *op, const char *payload, int timeout_ms, int attempts,
                     mq_answer_fn fn, void *user, uint64_t *token);

/* Forgets a pending request; its callback will not be called. */
void mq_request_cancel(struct mq *mq, uint64_t token);

/* The same, waiting: returns 0 with the answer in *answer (malloc'd, NUL
 * terminated; free it), or -1 with the reason in why. */
int mq_request(struct mq *mq, const char *op, const char *payload, int timeout_ms, int attempts, char **answer,
               char *why, size_t whylen);

/* Waits until connected or refused, at most timeout_ms. Returns 0 when
 * connected, -1 otherwise (why says what the broker said, if anything). */
int mq_wait_connected(struct mq *mq, int timeout_ms, char *why, size_t whylen);

/* Reads the first line of a password file. Returns 0, or -1 with err. */
int mq_read_password(const char *path, char *out, size_t cap, char *err, size_t errlen);

#endif
