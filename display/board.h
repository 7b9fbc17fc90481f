/* What the waiting-room board knows: the last state document it was given
 * (the truth it draws), which calls are fresh (highlighted, blinking while
 * announced), whether the broker is reachable, and which events must be
 * announced. Events decide announcements (so that several calls in one
 * second are all announced, in order); the state decides what is drawn.
 * Pure: no SDL, no MQTT; times are passed in (monotonic and wall ms). */
#ifndef FRONTA_DISPLAY_BOARD_H
#define FRONTA_DISPLAY_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/proto.h"
#include "core/queue.h"

struct board_options {
	int highlight_ms;       /* a fresh call stays highlighted at least this long */
	int blink_ms;           /* it blinks this long after it appears (and while it is announced) */
	int blink_period_ms;    /* one on-off cycle of the blinking */
	int linger_ms;          /* highlighted this much longer after its announcement ended */
	int offline_ms;         /* without the broker this long: offline */
	int announce_max_age_ms;/* an event older than this (a replay) is drawn, not announced */
};

/* Sensible values: the configuration's highlight and offline seconds, 3 s of
 * blinking at 1 Hz, 1.5 s linger, 2 minutes age. */
void board_default_options(struct board_options *o, int highlight_s, int offline_s);

struct board;

/* A new board with nothing to show, not connected since mono_ms. Returns
 * NULL without memory. */
struct board *board_new(const struct board_options *o, int64_t mono_ms);
void board_free(struct board *b);

/* What board_take_state found. */
#define BOARD_CHANGED  0x1   /* the document differs from the one shown: redraw */
#define BOARD_NEW_SEQ  0x2   /* its seq differs from the last one shown */
#define BOARD_CALLS    0x4   /* the calls differ (or it is the first): draw without delay */

/* Takes a state document as the truth to draw. Returns BOARD_* flags. */
int board_take_state(struct board *b, const struct state_doc *d);

/* What board_take_event decided. */
enum board_verdict {
	BOARD_IGNORE,           /* nothing to announce (another type, or before our start) */
	BOARD_DUPLICATE,        /* a seq already handled (frontad replays after a restart) */
	BOARD_ANNOUNCE,         /* *out says what to announce */
	BOARD_TOO_OLD           /* a call made long ago (a replay): not announced */
};

struct board_announcement {
	unsigned id;            /* for board_announce_started/finished */
	char number[TICKET_NUMBER_LEN];
	char counter[COUNTER_ID_LEN];
	char lang[CONFIG_LANG_LEN];
	bool recall;
};

/* Takes an event. *resync is set when its seq shows that something was
 * missed (a gap): the caller should take the retained state again. A
 * called or recalled event that happened after the board started is
 * announced (and becomes fresh at mono_ms); events at or before the first
 * state's seq, and repeats, are not. Returns the verdict. */
enum board_verdict board_take_event(struct board *b, const struct event *e, int64_t now_ms, int64_t mono_ms,
                                    struct board_announcement *out, bool *resync);

/* Marks a call fresh since mono_ms without announcing it (a state drawn
 * from a file: calls whose time is recent). */
void board_mark_fresh(struct board *b, const char *number, const char *counter, int64_t mono_ms);

/* The sound side says when an announcement started and ended; a call
 * blinks while it is announced. Each returns whether the board changed (the
 * call is still among the fresh ones): only then is a frame due. */
bool board_announce_started(struct board *b, unsigned id, int64_t mono_ms);
bool board_announce_finished(struct board *b, unsigned id, int64_t mono_ms);

/* Connection changes. Before the first connection the board counts as
 * disconnected since board_new. */
void board_set_connected(struct board *b, bool up, int64_t mono_ms);
bool board_connected(const struct board *b);
/* Disconnected for offline_ms or more: draw the offline mark and the
 * state as stale. */
bool board_offline(const struct board *b, int64_t mono_ms);
/* Since when (mono ms) the board is disconnected: until then what it shows
 * was the truth. -1 while connected. */
int64_t board_disconnected_at(const struct board *b);

/* The state to draw, or NULL before the first one. */
const struct state_doc *board_state(const struct board *b);

/* Is the call (number at counter) highlighted at mono_ms? *blink_on (may
 * be NULL) says whether a blinking call is in its bright phase now (always
 * true for a steady highlight). */
bool board_fresh(const struct board *b, const char *number, const char *counter, int64_t mono_ms, bool *blink_on);

/* The next moment after mono_ms at which the picture changes by itself (a
 * blink, a highlight ending, the offline mark appearing), or INT64_MAX. */
int64_t board_next_change(const struct board *b, int64_t mono_ms);

#endif
