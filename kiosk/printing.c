/* The printing worker (printing.h): a thread, a one-ticket mailbox, and a
 * condition variable that also times the status questions. */
#include "kiosk/printing.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "core/clock.h"
#include "core/log.h"
#include "printer/bitmap.h"

struct printing {
	struct printer *p;
	Uint32 type;
	int every_ms;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct bitmap *job;      /* waiting to be printed */
	bool busy;               /* a job taken and not finished */
	bool stopping;
};

static void push(struct printing *pr, enum printing_kind kind, enum printer_err err, enum printer_state st)
{
	SDL_Event ev;
	SDL_zero(ev);
	ev.type = pr->type;
	ev.user.code = (Sint32)kind;
	ev.user.data1 = (void *)(intptr_t)err;
	ev.user.data2 = (void *)(intptr_t)st;
	if (SDL_PushEvent(&ev) < 0)
		log_error("printing: cannot hand the result to the screen: %s", SDL_GetError());
}

static void *worker(void *arg)
{
	struct printing *pr = arg;
	int64_t next_status = 0;
	pthread_mutex_lock(&pr->lock);
	while (!pr->stopping || pr->job) {
		char why[400];
		if (pr->job) {
			struct bitmap *bm = pr->job;
			enum printer_err e;
			pr->job = NULL;
			pr->busy = true;
			pthread_mutex_unlock(&pr->lock);
			e = printer_print(pr->p, bm, why, sizeof why);
			bitmap_free(bm);
			if (e == PRINTER_OK)
				log_info("printed (%s)", printer_state_name(printer_last_state(pr->p)));
			else
				log_warn("printing failed: %s: %s", printer_err_name(e), why);
			push(pr, PRINTING_DONE, e, printer_last_state(pr->p));
			next_status = clock_mono_ms() + pr->every_ms;
			pthread_mutex_lock(&pr->lock);
			pr->busy = false;
			continue;
		}
		if (!pr->stopping && clock_mono_ms() >= next_status) {
			enum printer_state st;
			pthread_mutex_unlock(&pr->lock);
			st = printer_query_status(pr->p, why, sizeof why);
			if (st != PRINTER_STATE_OK && st != PRINTER_STATE_NONE)
				log_debug("printer: %s: %s", printer_state_name(st), why);
			push(pr, PRINTING_STATE, PRINTER_OK, st);
			next_status = clock_mono_ms() + pr->every_ms;
			pthread_mutex_lock(&pr->lock);
			continue;
		}
		if (!pr->stopping) {
			struct timespec ts;
			int64_t wait = next_status - clock_mono_ms();
			clock_gettime(CLOCK_MONOTONIC, &ts);
			if (wait < 1)
				wait = 1;
			ts.tv_sec += wait / 1000;
			ts.tv_nsec += (long)(wait % 1000) * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&pr->cond, &pr->lock, &ts);
		}
	}
	pthread_mutex_unlock(&pr->lock);
	return NULL;
}

struct printing *printing_start(struct printer *p, Uint32 event_type, int status_every_ms)
{
	struct printing *pr = calloc(1, sizeof *pr);
	pthread_condattr_t ca;
	if (!pr)
		return NULL;
	pr->p = p;
	pr->type = event_type;
	pr->every_ms = status_every_ms > 0 ? status_every_ms : 30000;
	pthread_mutex_init(&pr->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&pr->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&pr->thread, NULL, worker, pr) != 0) {
		pthread_cond_destroy(&pr->cond);
		pthread_mutex_destroy(&pr->lock);
		free(pr);
		return NULL;
	}
	return pr;
}

int printing_submit(struct printing *pr, struct bitmap *bm)
{
	int rc = 0;
	pthread_mutex_lock(&pr->lock);
	if (pr->job || pr->busy || pr->stopping) {
		rc = -1;
	} else {
		pr->job = bm;
		bm = NULL;
		pthread_cond_signal(&pr->cond);
	}
	pthread_mutex_unlock(&pr->lock);
	bitmap_free(bm);
	return rc;
}

bool printing_result(const struct printing *pr, const SDL_Event *ev, struct printing_result *out)
{
	if (!pr || ev->type != pr->type)
		return false;
	out->kind = (enum printing_kind)ev->user.code;
	out->err = (enum printer_err)(intptr_t)ev->user.data1;
	out->state = (enum printer_state)(intptr_t)ev->user.data2;
	return true;
}

void printing_stop(struct printing *pr)
{
	if (!pr)
		return;
	pthread_mutex_lock(&pr->lock);
	pr->stopping = true;
	pthread_cond_signal(&pr->cond);
	pthread_mutex_unlock(&pr->lock);
	pthread_join(pr->thread, NULL);
	pthread_cond_destroy(&pr->cond);
	pthread_mutex_destroy(&pr->lock);
	free(pr);
}
