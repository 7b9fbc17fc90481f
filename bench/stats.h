/* Latency samples of a benchmark: collected, merged, and summed up as
 * percentiles (p50, p99) in milliseconds. */
#ifndef FRONTA_BENCH_STATS_H
#define FRONTA_BENCH_STATS_H

#include <stddef.h>
#include <stdio.h>

struct samples;

/* An empty set. NULL if out of memory. Free with samples_free. */
struct samples *samples_new(void);
void samples_free(struct samples *s);

/* Adds one measurement in milliseconds. 0, or -1 if out of memory. */
int samples_add(struct samples *s, double ms);

/* Adds every measurement of from to s. 0, or -1 if out of memory. */
int samples_merge(struct samples *s, const struct samples *from);

size_t samples_count(const struct samples *s);

/* The p-th percentile (0 < p <= 100) by the nearest-rank method: the
 * smallest sample with at least p% of the samples at or below it. 0 when
 * there are none. Sorts the samples (the set stays the same). */
double samples_percentile(struct samples *s, double p);

double samples_mean(const struct samples *s);

/* {"n":N,"p50":X,"p99":Y,"mean":M,"max":Z} (milliseconds) into out.
 * Returns the length written, or -1 if it does not fit. */
int samples_json(struct samples *s, char *out, size_t cap);

/* Prints "NAME":{samples_json}SEP to f: the first name_len bytes of name
 * (-1: all of it). */
void samples_print(FILE *f, const char *name, int name_len, struct samples *s, const char *sep);

#endif
