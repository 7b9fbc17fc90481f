/* Call to screen, measured with a real client: the called event's seq is
 * read from the event stream, the display's from its retained presence. */
#include "bench/screen.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/client.h"
#include "bench/floor.h"
#include "core/clock.h"
#include "core/proto.h"

#define CALLED_KEPT 64

struct screen {
	struct client *c;
	struct mq_callbacks cb;
	char presence_topic[200];
	pthread_mutex_t lock;
	pthread_cond_t cond;
	long long shown;                  /* the display's seq */
	struct { char number[TICKET_NUMBER_LEN]; int64_t seq; } called[CALLED_KEPT];
	int next;                         /* ring position of the next called event */
};

static void on_message(void *user, const struct mq_message *m)
{
	struct screen *s = user;
	struct event ev;
	pthread_mutex_lock(&s->lock);
	if (strcmp(m->topic, s->presence_topic) == 0) {
		long long seq = floor_json_seq(m->payload, m->len);
		if (seq > s->shown)
			s->shown = seq;
	} else if (proto_parse_event(m->payload, m->len, &ev) == 0 && ev.type == EV_CALLED && ev.has_ticket) {
		snprintf(s->called[s->next].number, TICKET_NUMBER_LEN, "%s", ev.ticket.number);
		s->called[s->next].seq = ev.seq;
		s->next = (s->next + 1) % CALLED_KEPT;
	}
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

struct screen *screen_new(const char *host, int port, const struct config *cfg, const char *device)
{
	struct screen *s = calloc(1, sizeof *s);
	pthread_condattr_t ca;
	char rest[120];

	if (!s)
		return NULL;
	pthread_mutex_init(&s->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cond, &ca);
	pthread_condattr_destroy(&ca);
	s->shown = -1;
	s->cb = (struct mq_callbacks){ .message = on_message, .user = s };
	snprintf(rest, sizeof rest, "presence/%s", device);
	proto_topic(s->presence_topic, sizeof s->presence_topic, cfg->branch_id, rest);
	s->c = client_connect(host, port, cfg, 100, &s->cb);
	if (!s->c || client_subscribe(s->c, "event") != 0 || client_subscribe(s->c, rest) != 0) {
		screen_free(s);
		return NULL;
	}
	return s;
}

void screen_free(struct screen *s)
{
	if (!s)
		return;
	client_close(s->c);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->cond);
	free(s);
}

/* The seq of the `called` event of number, or -1 if not seen (lock held). */
static int64_t called_seq(const struct screen *s, const char *number)
{
	for (int k = 1; k <= CALLED_KEPT; k++) {
		int at = (s->next - k + CALLED_KEPT) % CALLED_KEPT;
		if (strcmp(s->called[at].number, number) == 0)
			return s->called[at].seq;
	}
	return -1;
}

int screen_call(struct screen *s, long i, int timeout_ms, double *ms)
{
	char number[TICKET_NUMBER_LEN];
	int64_t t0, seq = -1;
	struct timespec ts;

	if (client_issue(s->c, i) != 0)
		return -1;
	t0 = clock_mono_ns();
	if (client_call_number(s->c, i, number) != 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&s->lock);
	/* the event was published before the answer, on the same path: it is
	 * here, or on its way */
	while ((seq = called_seq(s, number)) < 0 || s->shown < seq)
		if (pthread_cond_timedwait(&s->cond, &s->lock, &ts) != 0)
			break;
	if (seq >= 0 && s->shown >= seq) {
		*ms = (double)(clock_mono_ns() - t0) / 1e6;
		seq = 0;
	} else {
		fprintf(stderr, "fronta-bench: call %s: %s within %d ms (display at seq %lld)\n", number,
		        seq < 0 ? "no called event" : "the display did not report it", timeout_ms, s->shown);
		seq = -1;
	}
	pthread_mutex_unlock(&s->lock);
	return seq == 0 ? 0 : -1;
}
