/* The one function every fuzz target defines (libFuzzer's entry point); the
 * replay main (replay.c) and libFuzzer both call it. See README.md. */
#ifndef FRONTA_TESTS_FUZZ_H
#define FRONTA_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Runs one input. Returns 0; a broken invariant aborts (a crash to keep). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when cond is false: sanitizers catch memory errors,
 * this catches wrong answers. */
#define FUZZ_CHECK(cond)                                                           \
	do {                                                                       \
		if (!(cond))                                                       \
			fuzz_fail(__FILE__, __LINE__, #cond);                      \
	} while (0)

static inline __attribute__((noreturn)) void fuzz_fail(const char *file, int line,
                                                       const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	abort();
}

#endif
