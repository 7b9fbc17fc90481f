/* The SDL side of the network: the MQTT connection's callbacks run on the
 * mosquitto thread, which must never draw. They hand an owned copy of each
 * message, status change or answer to the SDL thread as one registered
 * SDL user event (SDL_PushEvent is thread-safe); the main loop, waiting in
 * SDL_WaitEventTimeout, wakes up and handles it.
 *
 *     netevent_init();                                   // main thread, after SDL_Init
 *     struct mq_callbacks cb = { .message = netevent_on_message,
 *                                .status = netevent_on_status };
 *     ... mq_new(&opt, &cb, ...); mq_start(mq);
 *     mq_request_async(mq, "issue", json, 1500, 4, netevent_on_answer, tag, &token);
 *     while (SDL_WaitEventTimeout(&ev, 1000) ...) {
 *         struct netevent *ne = netevent_get(&ev);       // NULL: not a network event
 *         if (ne) { handle(ne); netevent_free(ne); }
 *     }
 *     mq_stop(mq); netevent_drain();                     // free what is still queued
 */
#ifndef FRONTA_UI_NETEVENT_H
#define FRONTA_UI_NETEVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "mqtt/mq.h"

enum netevent_kind {
	NETEVENT_MESSAGE,     /* a message on a subscribed topic */
	NETEVENT_STATUS,      /* connected, disconnected, refused */
	NETEVENT_ANSWER       /* the answer to mq_request_async, or its failure */
};

struct netevent {
	enum netevent_kind kind;
	char *topic;          /* MESSAGE */
	char *payload;        /* MESSAGE, ANSWER: the bytes plus a NUL; NULL for a failed answer */
	size_t len;           /* payload bytes, the NUL not counted */
	bool retain;          /* MESSAGE */
	enum mq_status status;/* STATUS */
	char *why;            /* STATUS, failed ANSWER: for people and logs; may be NULL */
	uint64_t token;       /* ANSWER: the request's token */
	void *user;           /* ANSWER: the user pointer given to mq_request_async */
};

/* Registers the event type once. Call on the main thread after SDL_Init
 * and before the connection starts. Returns 0, or -1 (SDL has no event
 * numbers left). */
int netevent_init(void);

/* The registered type (0 before netevent_init). */
Uint32 netevent_type(void);

/* From any thread: copy the data into a new event and push it. Return 0,
 * or -1 if there is no memory or SDL's queue is full (the copy is freed
 * and the loss logged). */
int netevent_push_message(const char *topic, const void *payload, size_t len, bool retain);
int netevent_push_status(enum mq_status status, const char *why);
int netevent_push_answer(uint64_t token, const char *answer, size_t len, const char *why, void *user);

/* Ready-made mq callbacks that push the events above (user is ignored by
 * the first two; netevent_on_answer keeps it in the event). */
void netevent_on_message(void *user, const struct mq_message *m);
void netevent_on_status(void *user, enum mq_status st, const char *why);
void netevent_on_answer(void *user, uint64_t token, const char *answer, size_t len, const char *why);

/* The network event carried by ev, or NULL if ev is something else. The
 * caller owns it: free it with netevent_free, once per event. */
struct netevent *netevent_get(const SDL_Event *ev);
void netevent_free(struct netevent *ne);

/* Removes and frees every network event still queued (at shutdown, after
 * the connection stopped, so that nothing leaks). */
void netevent_drain(void);

#endif
