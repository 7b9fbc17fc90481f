/* Latency samples and their percentiles (nearest rank). */
#include "bench/stats.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct samples {
	double *v;
	size_t n, cap;
	bool sorted;
};

struct samples *samples_new(void)
{
	return calloc(1, sizeof(struct samples));
}

void samples_free(struct samples *s)
{
	if (s) {
		free(s->v);
		free(s);
	}
}

int samples_add(struct samples *s, double ms)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		double *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = ms;
	s->sorted = false;
	return 0;
}

int samples_merge(struct samples *s, const struct samples *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (samples_add(s, from->v[i]) != 0)
			return -1;
	return 0;
}

size_t samples_count(const struct samples *s)
{
	return s->n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double samples_percentile(struct samples *s, double p)
{
	size_t rank;
	if (s->n == 0)
		return 0;
	if (!s->sorted) {
		qsort(s->v, s->n, sizeof *s->v, cmp_double);
		s->sorted = true;
	}
	rank = (size_t)ceil(p / 100.0 * (double)s->n);
	if (rank < 1)
		rank = 1;
	if (rank > s->n)
		rank = s->n;
	return s->v[rank - 1];
}

double samples_mean(const struct samples *s)
{
	double sum = 0;
	for (size_t i = 0; i < s->n; i++)
		sum += s->v[i];
	return s->n ? sum / (double)s->n : 0;
}

int samples_json(struct samples *s, char *out, size_t cap)
{
	int n = snprintf(out, cap, "{\"n\":%zu,\"p50\":%.4f,\"p99\":%.4f,\"mean\":%.4f,\"max\":%.4f}", s->n,
	                 samples_percentile(s, 50), samples_percentile(s, 99), samples_mean(s),
	                 samples_percentile(s, 100));
	return n < 0 || (size_t)n >= cap ? -1 : n;
}

void samples_print(FILE *f, const char *name, int name_len, struct samples *s, const char *sep)
{
	char buf[256];
	samples_json(s, buf, sizeof buf);
	fprintf(f, "\"%.*s\":%s%s", name_len, name, buf, sep);
}
