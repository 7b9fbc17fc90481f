/* frontad: the branch's single source of truth. Takes requests from the
 * broker, changes the queue, commits to SQLite, then publishes the events,
 * the retained state and the answer (in that order, on one connection). */
#ifndef FRONTA_FRONTAD_H
#define FRONTA_FRONTAD_H

#include "core/config.h"
#include "mqtt/mq.h"

struct frontad_options {
	const struct config *cfg;
	const char *db_path;
	struct mq_options mq;       /* branch, device and role are filled in */
	int max_batch;              /* requests committed together, default 64 */
};

/* Runs until frontad_stop() (SIGTERM). Returns the process exit code:
 * 0 after a clean stop, 1 if the database cannot be opened or used. */
int frontad_run(const struct frontad_options *opt);

/* Asks frontad_run to return; safe from a signal handler. */
void frontad_stop(void);

#endif
