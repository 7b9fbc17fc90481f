/* ui_netbridge: the SDL main loop of a display in miniature, to test the
 * network event bridge against a real broker. It subscribes to the
 * branch's event topic (and state), and prints each network event it
 * receives on the SDL thread: "status connected", "message TOPIC LEN
 * RETAIN PAYLOAD", "answer ok ..." / "answer failed WHY". Typing "status"
 * on stdin sends a status request; a message with payload "quit" ends it.
 * Usage: ui_netbridge --config FILE --broker HOST:PORT */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <SDL2/SDL.h>

#include "core/config.h"
#include "core/log.h"
#include "mqtt/cli.h"
#include "mqtt/mq.h"
#include "ui/netevent.h"

int main(int argc, char **argv)
{
	static const struct option opts[] = { CLI_CONN_LONG_OPTIONS, { NULL, 0, NULL, 0 } };
	struct cli_conn conn;
	struct mq_options mo;
	struct mq_callbacks cb;
	struct config *cfg;
	struct mq *mq;
	char err[2000], topic[300];
	int opt, tag = 42;
	bool done = false;

	memset(&conn, 0, sizeof conn);
	log_init("ui_netbridge", LOG_WARN);
	while ((opt = getopt_long(argc, argv, CLI_CONN_SHORT, opts, NULL)) != -1)
		if (!cli_conn_option(&conn, opt, optarg))
			return 2;
	cfg = config_load(conn.config, err, sizeof err);
	if (!cfg || cli_conn_resolve(&conn, cfg, ROLE_DISPLAY, &mo, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	if (SDL_Init(SDL_INIT_EVENTS) < 0 || netevent_init() < 0) {
		fprintf(stderr, "SDL: %s\n", SDL_GetError());
		return 2;
	}
	memset(&cb, 0, sizeof cb);
	cb.message = netevent_on_message;
	cb.status = netevent_on_status;
	mq = mq_new(&mo, &cb, err, sizeof err);
	if (!mq) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	mq_topic(mq, topic, sizeof topic, "event");
	mq_subscribe(mq, topic);
	mq_topic(mq, topic, sizeof topic, "state");
	mq_subscribe(mq, topic);
	mq_start(mq);
	fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (!done) {
		SDL_Event ev;
		char line[64];
		ssize_t n = read(0, line, sizeof line - 1);
		if (n > 0 && strncmp(line, "status", 6) == 0) {
			uint64_t token;
			mq_request_async(mq, "status", "{}", 700, 2, netevent_on_answer, &tag, &token);
		}
		/* sleeps until an event comes, as a UI does */
		if (!SDL_WaitEventTimeout(&ev, 200))
			continue;
		{
			struct netevent *ne = netevent_get(&ev);
			if (!ne)
				continue;
			switch (ne->kind) {
			case NETEVENT_STATUS:
				printf("status %s\n", ne->status == MQ_CONNECTED ? "connected"
				                      : ne->status == MQ_REFUSED ? "refused"
				                                                 : "disconnected");
				break;
			case NETEVENT_MESSAGE:
				printf("message %s %zu %d %.*s\n", ne->topic, ne->len, ne->retain, (int)(ne->len > 200 ? 200 : ne->len),
				       ne->payload);
				if (ne->len == 4 && memcmp(ne->payload, "quit", 4) == 0)
					done = true;
				break;
			case NETEVENT_ANSWER:
				if (ne->payload)
					printf("answer ok tag=%d %.60s\n", *(int *)ne->user, ne->payload);
				else
					printf("answer failed tag=%d %s\n", *(int *)ne->user, ne->why ? ne->why : "");
				break;
			}
			netevent_free(ne);
		}
	}
	mq_stop(mq);
	mq_free(mq);
	netevent_drain();
	SDL_Quit();
	config_free(cfg);
	return 0;
}
