/* Fronta's side of the benchmarks: real clients (mqtt/mq.h) sending real
 * requests to the real frontad, and the workloads made of them. */
#ifndef FRONTA_BENCH_CLIENT_H
#define FRONTA_BENCH_CLIENT_H

#include "core/config.h"
#include "core/proto.h"
#include "mqtt/mq.h"

struct client;

/* Connects client number `worker` (device "bench-WORKER", role kiosk) to
 * host:port for the branch of cfg, and waits until connected (5 s at most).
 * cb (may be NULL) gets the messages of the topics of client_subscribe.
 * NULL with a message on stderr. cfg and cb must outlive the client. */
struct client *client_connect(const char *host, int port, const struct config *cfg, int worker,
                              const struct mq_callbacks *cb);
void client_close(struct client *c);

/* Subscribes to "fronta/v1/{branch}/" + rest. 0, or -1. */
int client_subscribe(struct client *c, const char *rest);

/* Sends one request and reads its answer into *a (a may be NULL). Returns
 * 0 when an answer came (ok or not), -1 when none did (said on stderr). */
int client_request(struct client *c, const char *op, const char *payload, struct answer *a);

/* Workloads for load_run (bench/load.h): conn is a struct client. Each
 * returns 0 when frontad answered as expected. */
int client_issue(void *conn, long i);       /* issue request i: ok with a ticket */
int client_call(void *conn, long i);        /* call at counter i mod counters: ok with a ticket */
/* The same, with the called ticket's number in number. */
int client_call_number(struct client *c, long i, char number[TICKET_NUMBER_LEN]);
/* A day at a branch, step i: an issue, then a call, a cancel, a recall, a
 * no-show, a transfer, a pause or a status, by turns. An answer that a
 * worker sharing the counter can cause (empty, no_ticket, not_found) is
 * expected; any other refusal is not. */
int client_day_step(void *conn, long i);

#endif
