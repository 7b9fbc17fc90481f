/* Messages handed from the MQTT thread to a program's main thread (frontad,
 * the archiver): a locked list and an eventfd the main loop polls. */
#ifndef FRONTA_INBOX_H
#define FRONTA_INBOX_H

#include <stdbool.h>
#include <stddef.h>

struct inbox_item {
	char *topic;
	char *payload;          /* NUL-terminated copy */
	size_t len;
	char *response_topic;   /* NULL if none */
	void *corr;             /* NULL if none */
	size_t corr_len;
	bool reconnected;       /* not a request: the broker connection came back */
	struct inbox_item *next;
};

struct inbox;

struct inbox *inbox_new(void);
void inbox_free(struct inbox *in);

/* The descriptor to poll for POLLIN. */
int inbox_fd(const struct inbox *in);

/* Copies a message in (any thread). Returns 0, or -1 if out of memory. */
int inbox_put(struct inbox *in, const char *topic, const char *payload, size_t len, const char *response_topic,
              const void *corr, size_t corr_len);
/* Notes that the connection came back (any thread). */
void inbox_put_reconnected(struct inbox *in);
/* Wakes the main loop without a message (signal handlers may call it). */
void inbox_wake(struct inbox *in);

/* Takes up to max items, oldest first, as a list (free each with
 * inbox_item_free). NULL if none. */
struct inbox_item *inbox_take(struct inbox *in, int max);
void inbox_item_free(struct inbox_item *it);

#endif
