/* Unit tests of the announcer's queue (display/announce.c) with SDL's dummy
 * audio driver, which plays at about real speed: while one announcement plays,
 * calls coming faster than speech wait, at most ANNOUNCE_QUEUE_MAX of them;
 * older ones are skipped at once and reported started and finished, so the
 * board is never left waiting for an announcement that will not come. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>
#include <SDL2/SDL.h>

#include "display/announce.h"

#define CALLS 100

/* Counts the announcer's events for ms milliseconds. */
static void count_events(int ms, int *started, int *finished)
{
	Uint32 until = SDL_GetTicks() + (Uint32)ms;
	SDL_Event ev;
	while (!SDL_TICKS_PASSED(SDL_GetTicks(), until)) {
		if (!SDL_WaitEventTimeout(&ev, 20) || ev.type != announcer_event_type())
			continue;
		if (ev.user.code == ANNOUNCE_STARTED)
			(*started)++;
		else if (ev.user.code == ANNOUNCE_FINISHED)
			(*finished)++;
	}
}

static void say(struct announcer *a, unsigned id)
{
	struct announce_job job = { .id = id };
	snprintf(job.label, sizeof job.label, "A%03u -> 1", id);
	assert_int_equal(announcer_say(a, &job), 0);
}

/* Waits (5 s at most) until the worker has started the first announcement:
 * it has opened the audio device and is playing. */
static void count_events_until_started(int *started)
{
	int finished = 0;
	for (int i = 0; i < 1000 && *started == 0; i++)
		count_events(5, started, &finished);
	assert_int_equal(*started, 1);
}

/* Starts an announcer (chime only), says call 1 and waits until it plays,
 * then says calls 2..calls at once and counts the events of the next
 * 300 ms. The chime lasts 1.5 s (~0.9 s through the dummy driver, which
 * plays a little faster than real time): call 1 is still playing then. */
static void burst(unsigned calls, int *started, int *finished)
{
	struct announcer_options o = { .chime = true, .speech = false, .volume = 50 };
	struct announcer *a = announcer_new(&o);
	assert_non_null(a);
	*started = *finished = 0;
	say(a, 1);
	count_events_until_started(started);
	for (unsigned i = 2; i <= calls; i++)
		say(a, i);
	count_events(300, started, finished);
	announcer_free(a);
}

static void test_a_burst_of_calls_keeps_a_bounded_queue(void **state)
{
	int started, finished;
	(void)state;
	burst(CALLS, &started, &finished);
	/* of the 99 after the first, all but the last ANNOUNCE_QUEUE_MAX are
	 * skipped at once, each reported started and finished */
	assert_int_equal(finished, CALLS - 1 - ANNOUNCE_QUEUE_MAX);
	assert_int_equal(started, finished + 1);
}

static void test_calls_within_the_bound_all_wait_their_turn(void **state)
{
	int started, finished;
	(void)state;
	burst(1 + ANNOUNCE_QUEUE_MAX, &started, &finished);
	assert_int_equal(started, 1);     /* the first is playing */
	assert_int_equal(finished, 0);    /* and none was skipped */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_burst_of_calls_keeps_a_bounded_queue),
		cmocka_unit_test(test_calls_within_the_bound_all_wait_their_turn),
	};
	int rc;
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	if (SDL_Init(SDL_INIT_EVENTS) != 0) {
		fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
		return 1;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	SDL_Quit();
	return rc;
}
