/* A thread-safe FIFO of incoming messages with an eventfd to wake poll(). */
#include "mqtt/inbox.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct inbox {
	pthread_mutex_t lock;
	struct inbox_item *head, *tail;
	int fd;
};

struct inbox *inbox_new(void)
{
	struct inbox *in = calloc(1, sizeof *in);
	if (!in)
		return NULL;
	in->fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (in->fd < 0) {
		free(in);
		return NULL;
	}
	pthread_mutex_init(&in->lock, NULL);
	return in;
}

void inbox_item_free(struct inbox_item *it)
{
	if (!it)
		return;
	free(it->topic);
	free(it->payload);
	free(it->response_topic);
	free(it->corr);
	free(it);
}

void inbox_free(struct inbox *in)
{
	if (!in)
		return;
	while (in->head) {
		struct inbox_item *it = in->head;
		in->head = it->next;
		inbox_item_free(it);
	}
	close(in->fd);
	pthread_mutex_destroy(&in->lock);
	free(in);
}

int inbox_fd(const struct inbox *in)
{
	return in->fd;
}

void inbox_wake(struct inbox *in)
{
	uint64_t one = 1;
	(void)!write(in->fd, &one, sizeof one);
}

static void push(struct inbox *in, struct inbox_item *it)
{
	pthread_mutex_lock(&in->lock);
	if (in->tail)
		in->tail->next = it;
	else
		in->head = it;
	in->tail = it;
	pthread_mutex_unlock(&in->lock);
	inbox_wake(in);
}

static void *dup_bytes(const void *p, size_t n, size_t extra)
{
	char *d = malloc(n + extra);
	if (d) {
		if (n)
			memcpy(d, p, n);
		if (extra)
			d[n] = '\0';
	}
	return d;
}

int inbox_put(struct inbox *in, const char *topic, const char *payload, size_t len, const char *response_topic,
              const void *corr, size_t corr_len)
{
	struct inbox_item *it = calloc(1, sizeof *it);
	if (!it)
		return -1;
	it->topic = strdup(topic);
	it->payload = dup_bytes(payload, len, 1);
	it->len = len;
	it->response_topic = response_topic ? strdup(response_topic) : NULL;
	it->corr = corr && corr_len ? dup_bytes(corr, corr_len, 0) : NULL;
	it->corr_len = it->corr ? corr_len : 0;
	if (!it->topic || !it->payload || (response_topic && !it->response_topic) || (corr && corr_len && !it->corr)) {
		inbox_item_free(it);
		return -1;
	}
	push(in, it);
	return 0;
}

void inbox_put_reconnected(struct inbox *in)
{
	struct inbox_item *it = calloc(1, sizeof *it);
	if (!it)
		return;
	it->reconnected = true;
	push(in, it);
}

struct inbox_item *inbox_take(struct inbox *in, int max)
{
	struct inbox_item *first, *last;
	uint64_t v;
	int n = 1;

	(void)!read(in->fd, &v, sizeof v);
	pthread_mutex_lock(&in->lock);
	first = in->head;
	if (!first) {
		pthread_mutex_unlock(&in->lock);
		return NULL;
	}
	for (last = first; last->next && n < max; last = last->next)
		n++;
	in->head = last->next;
	if (!in->head)
		in->tail = NULL;
	last->next = NULL;
	pthread_mutex_unlock(&in->lock);
	/* more left: make sure poll() wakes us again */
	if (in->head)
		inbox_wake(in);
	return first;
}
