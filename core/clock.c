/* Real, fixed and file-driven clocks behind one function. */
#include "core/clock.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum clock_mode { CLOCK_REAL, CLOCK_FIXED, CLOCK_FILE };

static _Atomic int mode = CLOCK_REAL;
static _Atomic int64_t fixed_ms;
static char file_path[512];

static int64_t real_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int read_file_ms(int64_t *out)
{
	FILE *f = fopen(file_path, "r");
	double s;
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "%lf", &s);
	fclose(f);
	if (n != 1 || s < 0)
		return -1;
	*out = (int64_t)(s * 1000.0 + 0.5);
	return 0;
}

int64_t clock_now_ms(void)
{
	int64_t ms;

	switch (atomic_load(&mode)) {
	case CLOCK_FIXED:
		return atomic_load(&fixed_ms);
	case CLOCK_FILE:
		/* A file being rewritten may read short: keep the last good value. */
		if (read_file_ms(&ms) == 0)
			atomic_store(&fixed_ms, ms);
		return atomic_load(&fixed_ms);
	default:
		return real_now_ms();
	}
}

int64_t clock_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t clock_mono_ms(void)
{
	return clock_mono_ns() / 1000000;
}

void clock_set_fixed(int64_t ms)
{
	atomic_store(&fixed_ms, ms);
	atomic_store(&mode, CLOCK_FIXED);
}

void clock_advance_ms(int64_t ms)
{
	atomic_fetch_add(&fixed_ms, ms);
}

void clock_set_real(void)
{
	atomic_store(&mode, CLOCK_REAL);
}

int clock_init_from_env(void)
{
	const char *p = getenv("FRONTA_CLOCK_FILE");
	int64_t ms;

	if (!p || !*p)
		return 0;
	if (strlen(p) >= sizeof file_path)
		return -1;
	strcpy(file_path, p);
	if (read_file_ms(&ms) != 0)
		return -1;
	atomic_store(&fixed_ms, ms);
	atomic_store(&mode, CLOCK_FILE);
	return 0;
}
