/* fronta-burst: sends several requests at the same instant, each from its own
 * MQTT connection, and prints each answer on its own line (in argument order).
 * Used by the tests of concurrent calls: two counters pressing Call together.
 * Usage: fronta-burst HOST:PORT BRANCH OP PAYLOAD [PAYLOAD...] */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "mqtt/cli.h"
#include "mqtt/mq.h"

struct slot {
	struct mq *mq;
	char *answer;
	char why[256];
	atomic_int done;
};

static void on_answer(void *user, uint64_t token, const char *answer, size_t len, const char *why)
{
	struct slot *s = user;
	(void)token;
	if (answer) {
		s->answer = malloc(len + 1);
		memcpy(s->answer, answer, len);
		s->answer[len] = '\0';
	} else {
		snprintf(s->why, sizeof s->why, "%s", why ? why : "no answer");
	}
	atomic_store(&s->done, 1);
}

int main(int argc, char **argv)
{
	char host[256], err[512], dev[32];
	int port, n, rc = 0;
	struct slot *slots;

	if (argc < 5 || cli_parse_hostport(argv[1], host, sizeof host, &port) != 0) {
		fprintf(stderr, "usage: fronta-burst HOST:PORT BRANCH OP PAYLOAD [PAYLOAD...]\n");
		return 2;
	}
	n = argc - 4;
	slots = calloc((size_t)n, sizeof *slots);
	for (int i = 0; i < n; i++) {
		struct mq_options o = { .host = host, .port = port, .branch = argv[2], .role = "console" };
		snprintf(dev, sizeof dev, "burst-%d", i);
		o.device = dev;
		slots[i].mq = mq_new(&o, NULL, err, sizeof err);
		if (!slots[i].mq || mq_start(slots[i].mq) != 0 ||
		    mq_wait_connected(slots[i].mq, 5000, err, sizeof err) != 0) {
			fprintf(stderr, "fronta-burst: client %d: %s\n", i, err);
			return 3;
		}
	}
	usleep(100000);   /* subscriptions to the response topics are in place */
	for (int i = 0; i < n; i++)
		mq_request_async(slots[i].mq, argv[3], argv[4 + i], 3000, 1, on_answer, &slots[i], NULL);
	for (int i = 0; i < n; i++) {
		while (!atomic_load(&slots[i].done))
			usleep(1000);
		if (slots[i].answer) {
			printf("%s\n", slots[i].answer);
		} else {
			printf("{\"burst_error\":\"%s\"}\n", slots[i].why);
			rc = 1;
		}
		free(slots[i].answer);
	}
	for (int i = 0; i < n; i++)
		mq_free(slots[i].mq);
	free(slots);
	return rc;
}
