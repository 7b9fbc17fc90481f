/* Copies on the network thread, SDL_PushEvent across, ownership to the
 * receiver. The event carries only a pointer: data1 of a user event. */
#include "ui/netevent.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"

static Uint32 event_type;   /* set once on the main thread before any push */

int netevent_init(void)
{
	Uint32 t;
	if (event_type)
		return 0;
	t = SDL_RegisterEvents(1);
	if (t == (Uint32)-1) {
		log_error("netevent: SDL has no user event numbers left");
		return -1;
	}
	event_type = t;
	return 0;
}

Uint32 netevent_type(void) { return event_type; }

static char *copy_bytes(const void *p, size_t len)
{
	char *c = malloc(len + 1);
	if (!c)
		return NULL;
	if (len)
		memcpy(c, p, len);
	c[len] = '\0';
	return c;
}

static char *copy_str(const char *s) { return s ? copy_bytes(s, strlen(s)) : NULL; }

void netevent_free(struct netevent *ne)
{
	if (!ne)
		return;
	free(ne->topic);
	free(ne->payload);
	free(ne->why);
	free(ne);
}

static int push(struct netevent *ne)
{
	SDL_Event ev;
	if (!event_type) {
		log_error("netevent: netevent_init was not called; a network event is lost");
		netevent_free(ne);
		return -1;
	}
	memset(&ev, 0, sizeof ev);
	ev.type = event_type;
	ev.user.code = (Sint32)ne->kind;
	ev.user.data1 = ne;
	if (SDL_PushEvent(&ev) != 1) {
		log_warn("netevent: SDL's event queue refused a network event (%s); it is lost", SDL_GetError());
		netevent_free(ne);
		return -1;
	}
	return 0;
}

int netevent_push_message(const char *topic, const void *payload, size_t len, bool retain)
{
	struct netevent *ne = calloc(1, sizeof *ne);
	if (!ne)
		return -1;
	ne->kind = NETEVENT_MESSAGE;
	ne->topic = copy_str(topic ? topic : "");
	ne->payload = copy_bytes(payload, payload ? len : 0);
	ne->len = payload ? len : 0;
	ne->retain = retain;
	if (!ne->topic || !ne->payload) {
		log_error("netevent: no memory for a %zu-byte message; it is lost", len);
		netevent_free(ne);
		return -1;
	}
	return push(ne);
}

int netevent_push_status(enum mq_status status, const char *why)
{
	struct netevent *ne = calloc(1, sizeof *ne);
	if (!ne)
		return -1;
	ne->kind = NETEVENT_STATUS;
	ne->status = status;
	ne->why = copy_str(why);
	return push(ne);
}

int netevent_push_answer(uint64_t token, const char *answer, size_t len, const char *why, void *user)
{
	struct netevent *ne = calloc(1, sizeof *ne);
	if (!ne)
		return -1;
	ne->kind = NETEVENT_ANSWER;
	ne->token = token;
	ne->user = user;
	ne->why = copy_str(why);
	if (answer) {
		ne->payload = copy_bytes(answer, len);
		ne->len = len;
		if (!ne->payload) {
			netevent_free(ne);
			return -1;
		}
	}
	return push(ne);
}

void netevent_on_message(void *user, const struct mq_message *m)
{
	(void)user;
	netevent_push_message(m->topic, m->payload, m->len, m->retain);
}

void netevent_on_status(void *user, enum mq_status st, const char *why)
{
	(void)user;
	netevent_push_status(st, why);
}

void netevent_on_answer(void *user, uint64_t token, const char *answer, size_t len, const char *why)
{
	netevent_push_answer(token, answer, len, why, user);
}

struct netevent *netevent_get(const SDL_Event *ev)
{
	if (!ev || !event_type || ev->type != event_type)
		return NULL;
	return ev->user.data1;
}

void netevent_drain(void)
{
	SDL_Event ev;
	if (!event_type)
		return;
	SDL_PumpEvents();
	while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, event_type, event_type) == 1)
		netevent_free(ev.user.data1);
}
