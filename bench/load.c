/* Closed-loop load with one thread per worker. */
#include "bench/load.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"

struct start {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool go;
	int64_t end_ns;             /* set before go */
};

struct worker {
	void *conn;
	load_request_fn fn;
	long count;
	struct start *start;
	struct samples *lat;
	long ok, failed;
	int64_t last_ns;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	int64_t end;
	long i = 0;

	pthread_mutex_lock(&w->start->lock);
	while (!w->start->go)
		pthread_cond_wait(&w->start->cond, &w->start->lock);
	end = w->start->end_ns;
	pthread_mutex_unlock(&w->start->lock);
	for (;;) {
		int64_t a = clock_mono_ns(), b;
		if (a >= end || (w->count > 0 && i >= w->count))
			break;
		if (w->fn(w->conn, i++) == 0) {
			b = clock_mono_ns();
			if (samples_add(w->lat, (double)(b - a) / 1e6) != 0)
				break;
			w->ok++;
		} else {
			b = clock_mono_ns();
			w->failed++;
		}
		w->last_ns = b;
	}
	return NULL;
}

int load_run(int n, void **conns, load_request_fn fn, long count, double seconds, struct load_result *out)
{
	struct worker *w = calloc((size_t)n, sizeof *w);
	pthread_t *th = calloc((size_t)n, sizeof *th);
	struct start st = { .go = false };
	int64_t t0, last;
	int started = 0, rc = 0;

	memset(out, 0, sizeof *out);
	out->latency = samples_new();
	if (!w || !th || !out->latency) {
		free(w);
		free(th);
		return -1;
	}
	pthread_mutex_init(&st.lock, NULL);
	pthread_cond_init(&st.cond, NULL);
	for (int k = 0; k < n; k++) {
		w[k] = (struct worker){ .conn = conns[k], .fn = fn, .count = count, .start = &st, .lat = samples_new() };
		if (!w[k].lat || pthread_create(&th[k], NULL, work, &w[k]) != 0) {
			samples_free(w[k].lat);
			rc = -1;
			break;
		}
		started++;
	}
	pthread_mutex_lock(&st.lock);
	t0 = clock_mono_ns();
	/* a failed start runs nobody: the workers stop at once */
	st.end_ns = rc == 0 ? t0 + (int64_t)(seconds * 1e9) : 0;
	st.go = true;
	pthread_cond_broadcast(&st.cond);
	pthread_mutex_unlock(&st.lock);
	last = t0;
	for (int k = 0; k < started; k++) {
		pthread_join(th[k], NULL);
		if (w[k].last_ns > last)
			last = w[k].last_ns;
		out->ok += w[k].ok;
		out->failed += w[k].failed;
		if (samples_merge(out->latency, w[k].lat) != 0)
			rc = -1;
		samples_free(w[k].lat);
	}
	out->seconds = (double)(last - t0) / 1e9;
	pthread_mutex_destroy(&st.lock);
	pthread_cond_destroy(&st.cond);
	free(w);
	free(th);
	return rc;
}
