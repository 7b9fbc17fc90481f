/* Calls made audible: the chime, then the call spoken by libespeak-ng in
 * one or two languages, played through SDL audio. A worker thread does the
 * slow parts (opening the audio device, starting espeak-ng, synthesis) and
 * plays announcements one after another, in the order given; the SDL
 * thread only hands jobs over and is told, by SDL user events, when each
 * announcement starts and ends. Offline: espeak-ng needs no network. */
#ifndef FRONTA_DISPLAY_ANNOUNCE_H
#define FRONTA_DISPLAY_ANNOUNCE_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "core/config.h"
#include "display/spoken.h"

#define ANNOUNCE_RATE_WPM 150   /* a little slower than espeak-ng's 175: a room, not a headset */
#define ANNOUNCE_TEXT_LEN 512
#define ANNOUNCE_LATE_MS 60000
/* Announcements waiting at most: about four minutes of speech, far more
 * than counters call at once, and a bound on the memory (~1 KB each) when
 * calls come faster than speech for a long time. */
#define ANNOUNCE_QUEUE_MAX 32

struct announcer_options {
	bool chime;
	bool speech;
	int volume;                 /* 0..100 */
	const char *espeak_data;    /* espeak-ng's data folder, NULL: the installed one */
};

struct announce_part {
	char lang[CONFIG_LANG_LEN];
	char text[ANNOUNCE_TEXT_LEN];
};

struct announce_job {
	unsigned id;                /* reported back in the events */
	int64_t queued_ms;          /* set by announcer_say (clock_mono_ms) */
	char label[48];             /* for the log: "A023 -> 2" */
	int n_parts;
	struct announce_part parts[SPOKEN_MAX_LANGS];
};

/* The events the worker pushes: type announcer_event_type(), code one of
 * these, data1 the job's id (cast from uintptr_t). */
enum { ANNOUNCE_STARTED = 1, ANNOUNCE_FINISHED = 2 };

struct announcer;

/* Starts the worker. Call on the SDL thread after SDL_Init. The worker
 * opens the audio device and espeak-ng in the background; if either
 * cannot be had, calls are still shown and reported started and finished
 * (a warning says why they are not heard). Returns NULL without memory or
 * if no SDL event number is left. */
struct announcer *announcer_new(const struct announcer_options *o);

/* The SDL event type of the announcer's events (0 before announcer_new). */
Uint32 announcer_event_type(void);

/* Queues job (copied). Announcements play one after another; one that
 * would start more than ANNOUNCE_LATE_MS after it was queued (calls coming
 * faster than they can be spoken, for minutes) is skipped, and reported
 * started and finished at once; so is the oldest waiting one when
 * ANNOUNCE_QUEUE_MAX wait already. Returns 0, or -1 without memory. */
int announcer_say(struct announcer *a, const struct announce_job *job);

/* Stops the worker (what is still queued is dropped) and closes the audio. */
void announcer_free(struct announcer *a);

#endif
