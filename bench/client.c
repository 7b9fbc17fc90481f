/* Real clients of frontad for the benchmarks and the soak. */
#include "bench/client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#define ANSWER_TIMEOUT_MS 10000

struct client {
	struct mq *mq;
	const struct config *cfg;
	int worker;
};

struct client *client_connect(const char *host, int port, const struct config *cfg, int worker,
                              const struct mq_callbacks *cb)
{
	struct client *c = calloc(1, sizeof *c);
	char dev[32], err[600];
	struct mq_options mo = { .host = host, .port = port, .branch = cfg->branch_id, .role = "kiosk" };
	if (!c)
		return NULL;
	snprintf(dev, sizeof dev, "bench-%d", worker);
	mo.device = dev;
	c->cfg = cfg;
	c->worker = worker;
	c->mq = mq_new(&mo, cb, err, sizeof err);
	if (!c->mq || mq_start(c->mq) != 0 || mq_wait_connected(c->mq, 5000, err, sizeof err) != 0) {
		fprintf(stderr, "fronta-bench: client %d: %s\n", worker, err);
		mq_free(c->mq);
		free(c);
		return NULL;
	}
	return c;
}

void client_close(struct client *c)
{
	if (c) {
		mq_free(c->mq);
		free(c);
	}
}

int client_subscribe(struct client *c, const char *rest)
{
	char topic[256];
	return mq_topic(c->mq, topic, sizeof topic, rest) == 0 ? mq_subscribe(c->mq, topic) : -1;
}

int client_request(struct client *c, const char *op, const char *payload, struct answer *a)
{
	char *answer = NULL, why[300];
	struct answer tmp;
	if (!a)
		a = &tmp;
	if (mq_request(c->mq, op, payload, ANSWER_TIMEOUT_MS, 1, &answer, why, sizeof why) != 0) {
		fprintf(stderr, "fronta-bench: %s: %s\n", op, why);
		return -1;
	}
	if (proto_parse_answer(answer, strlen(answer), a) != 0) {
		fprintf(stderr, "fronta-bench: %s: not an answer: %s\n", op, answer);
		free(answer);
		return -1;
	}
	free(answer);
	return 0;
}

/* op with payload: 0 if answered ok with a ticket (or with one of the
 * codes in `expected`, "|"-separated), else -1 with the answer on stderr. */
static int expect(struct client *c, const char *op, const char *payload, const char *expected, struct answer *a)
{
	char code[40];
	if (client_request(c, op, payload, a) != 0)
		return -1;
	if (a->ok)
		return 0;
	snprintf(code, sizeof code, "|%s|", a->code);
	if (expected && strstr(expected, code))
		return 0;
	fprintf(stderr, "fronta-bench: %s %s answered %s: %s\n", op, payload, a->code, a->message);
	return -1;
}

static const char *counter_of(const struct client *c, long i)
{
	return c->cfg->counters[i % c->cfg->n_counters].id;
}

int client_issue(void *conn, long i)
{
	struct client *c = conn;
	const struct config *cfg = c->cfg;
	struct answer a;
	char p[256];
	snprintf(p, sizeof p, "{\"service\":\"%c\",\"lang\":\"%s\",\"request_id\":\"b%d-%d-i%ld\"}",
	         cfg->services[(c->worker + i) % cfg->n_services].letter, cfg->langs[i % cfg->n_langs],
	         (int)getpid(), c->worker, i);
	return expect(c, "issue", p, NULL, &a) == 0 && a.has_ticket ? 0 : -1;
}

int client_call_number(struct client *c, long i, char number[TICKET_NUMBER_LEN])
{
	struct answer a;
	char p[256];
	snprintf(p, sizeof p, "{\"counter\":\"%s\",\"request_id\":\"b%d-%d-c%ld\"}", counter_of(c, i), (int)getpid(),
	         c->worker, i);
	if (expect(c, "call", p, NULL, &a) != 0 || !a.has_ticket)
		return -1;
	if (number)
		snprintf(number, TICKET_NUMBER_LEN, "%s", a.ticket.number);
	return 0;
}

int client_call(void *conn, long i)
{
	return client_call_number(conn, i, NULL);
}

int client_day_step(void *conn, long i)
{
	struct client *c = conn;
	const struct config *cfg = c->cfg;
	const char *counter = counter_of(c, (long)c->worker);
	struct answer a;
	char p[256], number[TICKET_NUMBER_LEN];
	int pid = (int)getpid();

	if (client_issue(c, i) != 0)
		return -1;
	switch (i % 8) {
	case 0:
		/* a ticket withdrawn at once (another worker may call it first) */
		snprintf(p, sizeof p, "{\"service\":\"%c\",\"lang\":\"cs\",\"request_id\":\"b%d-%d-x%ld\"}",
		         cfg->services[0].letter, pid, c->worker, i);
		if (expect(c, "issue", p, NULL, &a) != 0)
			return -1;
		snprintf(number, sizeof number, "%s", a.ticket.number);
		snprintf(p, sizeof p, "{\"number\":\"%s\"}", number);
		return expect(c, "cancel", p, "|not_found|", &a);
	case 3:
		snprintf(p, sizeof p, "{\"counter\":\"%s\"}", counter);
		return expect(c, "recall", p, "|no_ticket|", &a);
	case 5:
		snprintf(p, sizeof p, "{\"counter\":\"%s\"}", counter);
		return expect(c, "noshow", p, "|no_ticket|", &a);
	case 6:
		snprintf(p, sizeof p, "{\"counter\":\"%s\",\"service\":\"%c\"}", counter,
		         cfg->services[i % cfg->n_services].letter);
		return expect(c, "transfer", p, "|no_ticket|", &a);
	case 7:
		if (i % 16 == 7) {
			snprintf(p, sizeof p, "{\"counter\":\"%s\",\"state\":\"paused\"}", counter);
			if (expect(c, "counter", p, NULL, &a) != 0)
				return -1;
		} else {
			if (client_request(c, "status", "{}", &a) != 0 || !a.ok)
				return -1;
		}
		/* then a call, which opens a paused counter */
		/* fall through */
	default:
		snprintf(p, sizeof p, "{\"counter\":\"%s\",\"request_id\":\"b%d-%d-c%ld\"}", counter, pid, c->worker, i);
		return expect(c, "call", p, "|empty|", &a);
	}
}
