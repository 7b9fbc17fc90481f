/* Closed-loop load: several workers, each sending one request, waiting for
 * its answer, and sending the next, for a set number or a set time. Each answer's latency is
 * kept; the requests answered per second are the throughput. */
#ifndef FRONTA_BENCH_LOAD_H
#define FRONTA_BENCH_LOAD_H

#include "bench/stats.h"

/* Sends request number i (counting from 0 for each worker) on conn and waits
 * for its answer. Returns 0 when answered as expected, -1 otherwise. */
typedef int (*load_request_fn)(void *conn, long i);

struct load_result {
	struct samples *latency;    /* ms, every answered request (owned: samples_free) */
	long ok, failed;
	double seconds;             /* from the common start to the last answer */
};

/* Runs n workers, worker k on conns[k], all starting together, each until
 * it has sent `count` requests (0: no limit) or `seconds` have passed (the
 * request in flight is finished). Returns 0, or -1 if a thread could not be
 * started or memory ran out. */
int load_run(int n, void **conns, load_request_fn fn, long count, double seconds, struct load_result *out);

#endif
