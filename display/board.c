/* The board's memory: the state to draw, fresh calls, the connection, and
 * the seq bookkeeping that decides what is announced and when to resync. */
#include "display/board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

#define MAX_FRESH 16

struct fresh {
	bool used;
	char number[TICKET_NUMBER_LEN];
	char counter[COUNTER_ID_LEN];
	unsigned id;              /* its announcement, 0 if none */
	int64_t since;            /* appeared (mono ms) */
	bool pending;             /* announced, not finished */
	bool speaking;            /* its announcement is playing */
	bool finished;
	int64_t finished_at;
};

struct board {
	struct board_options o;
	struct state_doc state;
	bool has_state;
	int64_t shown_seq;        /* seq of the state taken last */
	int64_t first_seq;        /* seq of the first state: events up to it were before us */
	int64_t seq_seen;         /* highest seq seen in states and events, -1 before any */
	int64_t event_seq;        /* highest event seq handled, -1 before any */
	bool connected;
	int64_t disconnected_at;
	unsigned next_id;
	struct fresh fresh[MAX_FRESH];
};

void board_default_options(struct board_options *o, int highlight_s, int offline_s)
{
	o->highlight_ms = highlight_s * 1000;
	o->blink_ms = 3000;
	o->blink_period_ms = 1000;
	o->linger_ms = 1500;
	o->offline_ms = offline_s * 1000;
	o->announce_max_age_ms = 120000;
}

struct board *board_new(const struct board_options *o, int64_t mono_ms)
{
	struct board *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->o = *o;
	if (b->o.blink_period_ms < 2)
		b->o.blink_period_ms = 2;
	b->shown_seq = -1;
	b->first_seq = -1;
	b->seq_seen = -1;
	b->event_seq = -1;
	b->disconnected_at = mono_ms;
	b->next_id = 1;
	return b;
}

void board_free(struct board *b) { free(b); }

int board_take_state(struct board *b, const struct state_doc *d)
{
	int flags = 0;
	if (b->first_seq < 0)
		b->first_seq = d->seq;
	if (b->seq_seen >= 0 && d->seq < b->seq_seen) {
		/* frontad's database was restored or replaced: its word counts, and
		 * the events that follow are new even if their seqs look old. */
		log_warn("display: the state went back from seq %lld to %lld; following it", (long long)b->seq_seen,
		         (long long)d->seq);
		b->event_seq = d->seq;
		b->first_seq = d->seq;
		b->seq_seen = d->seq;
	}
	if (d->seq > b->seq_seen)
		b->seq_seen = d->seq;
	if (!b->has_state || memcmp(&b->state, d, sizeof *d) != 0)
		flags |= BOARD_CHANGED;
	if (!b->has_state || b->state.n_called != d->n_called ||
	    memcmp(b->state.called, d->called, sizeof d->called[0] * (size_t)d->n_called) != 0)
		flags |= BOARD_CALLS;
	if (d->seq != b->shown_seq)
		flags |= BOARD_NEW_SEQ;
	b->state = *d;
	b->has_state = true;
	b->shown_seq = d->seq;
	return flags;
}

static struct fresh *find_fresh(struct board *b, const char *number, const char *counter)
{
	for (int i = 0; i < MAX_FRESH; i++)
		if (b->fresh[i].used && strcmp(b->fresh[i].number, number) == 0 &&
		    strcmp(b->fresh[i].counter, counter) == 0)
			return &b->fresh[i];
	return NULL;
}

static bool is_fresh(const struct board *b, const struct fresh *f, int64_t mono)
{
	if (!f->used)
		return false;
	if (f->pending)
		return true;
	if (mono < f->since + b->o.highlight_ms)
		return true;
	return f->finished && mono < f->finished_at + b->o.linger_ms;
}

/* A slot for number at counter: its own, a free or expired one, else the oldest. */
static struct fresh *take_fresh(struct board *b, const char *number, const char *counter, int64_t mono)
{
	struct fresh *f = find_fresh(b, number, counter), *oldest = NULL;
	for (int i = 0; !f && i < MAX_FRESH; i++) {
		if (!is_fresh(b, &b->fresh[i], mono)) {
			f = &b->fresh[i];
			break;
		}
		if (!oldest || b->fresh[i].since < oldest->since)
			oldest = &b->fresh[i];
	}
	if (!f)
		f = oldest;
	memset(f, 0, sizeof *f);
	f->used = true;
	snprintf(f->number, sizeof f->number, "%s", number);
	snprintf(f->counter, sizeof f->counter, "%s", counter);
	f->since = mono;
	return f;
}

void board_mark_fresh(struct board *b, const char *number, const char *counter, int64_t mono_ms)
{
	take_fresh(b, number, counter, mono_ms);
}

enum board_verdict board_take_event(struct board *b, const struct event *e, int64_t now_ms, int64_t mono_ms,
                                    struct board_announcement *out, bool *resync)
{
	const char *counter;
	struct fresh *f;
	*resync = false;
	if (b->event_seq >= 0 && e->seq <= b->event_seq)
		return BOARD_DUPLICATE;
	if (b->seq_seen >= 0 && e->seq > b->seq_seen + 1) {
		log_info("display: event seq %lld after %lld: %lld missed, taking the state again", (long long)e->seq,
		         (long long)b->seq_seen, (long long)(e->seq - b->seq_seen - 1));
		*resync = true;
	}
	b->event_seq = e->seq;
	if (e->seq > b->seq_seen)
		b->seq_seen = e->seq;
	if ((e->type != EV_CALLED && e->type != EV_RECALLED) || !e->has_ticket)
		return BOARD_IGNORE;
	if (b->first_seq >= 0 && e->seq <= b->first_seq)
		return BOARD_IGNORE;   /* made before we started: the state shows it, nobody is waiting for the sound */
	if (e->at_ms > 0 && now_ms - e->at_ms > b->o.announce_max_age_ms)
		return BOARD_TOO_OLD;
	counter = e->counter[0] ? e->counter : e->ticket.counter;
	memset(out, 0, sizeof *out);
	out->id = b->next_id++;
	if (b->next_id == 0)
		b->next_id = 1;
	snprintf(out->number, sizeof out->number, "%s", e->ticket.number);
	snprintf(out->counter, sizeof out->counter, "%s", counter);
	snprintf(out->lang, sizeof out->lang, "%s", e->ticket.lang);
	out->recall = e->type == EV_RECALLED;
	f = take_fresh(b, out->number, out->counter, mono_ms);
	f->id = out->id;
	f->pending = true;
	return BOARD_ANNOUNCE;
}

static struct fresh *by_id(struct board *b, unsigned id)
{
	for (int i = 0; id && i < MAX_FRESH; i++)
		if (b->fresh[i].used && b->fresh[i].id == id)
			return &b->fresh[i];
	return NULL;
}

bool board_announce_started(struct board *b, unsigned id, int64_t mono_ms)
{
	struct fresh *f = by_id(b, id);
	if (f)
		f->speaking = true;
	return f != NULL;
}

bool board_announce_finished(struct board *b, unsigned id, int64_t mono_ms)
{
	struct fresh *f = by_id(b, id);
	if (f) {
		f->speaking = false;
		f->pending = false;
		f->finished = true;
		f->finished_at = mono_ms;
	}
	return f != NULL;
}

void board_set_connected(struct board *b, bool up, int64_t mono_ms)
{
	if (b->connected && !up)
		b->disconnected_at = mono_ms;
	b->connected = up;
}

bool board_connected(const struct board *b) { return b->connected; }

bool board_offline(const struct board *b, int64_t mono_ms)
{
	return !b->connected && mono_ms - b->disconnected_at >= b->o.offline_ms;
}

int64_t board_disconnected_at(const struct board *b) { return b->connected ? -1 : b->disconnected_at; }

const struct state_doc *board_state(const struct board *b) { return b->has_state ? &b->state : NULL; }


/* Blinking now? While announced, and for blink_ms after it appeared. */
static bool blinking(const struct board *b, const struct fresh *f, int64_t mono)
{
	return f->speaking || mono < f->since + b->o.blink_ms;
}

bool board_fresh(const struct board *b, const char *number, const char *counter, int64_t mono_ms, bool *blink_on)
{
	const struct fresh *f = find_fresh((struct board *)b, number, counter);
	if (blink_on)
		*blink_on = true;
	if (!f || !is_fresh(b, f, mono_ms))
		return false;
	/* one phase for every call on the board: blinking calls turn on and
	 * off together, which is calmer to look at and costs one frame a turn */
	if (blink_on && blinking(b, f, mono_ms))
		*blink_on = (mono_ms / (b->o.blink_period_ms / 2)) % 2 == 0;
	return true;
}

static void sooner(int64_t *best, int64_t t, int64_t after)
{
	if (t > after && t < *best)
		*best = t;
}

int64_t board_next_change(const struct board *b, int64_t mono_ms)
{
	int64_t next = INT64_MAX, half = b->o.blink_period_ms / 2;
	for (int i = 0; i < MAX_FRESH; i++) {
		const struct fresh *f = &b->fresh[i];
		if (!is_fresh(b, f, mono_ms))
			continue;
		if (blinking(b, f, mono_ms)) {
			sooner(&next, (mono_ms / half + 1) * half, mono_ms);
			if (!f->speaking)
				sooner(&next, f->since + b->o.blink_ms, mono_ms);
		}
		sooner(&next, f->since + b->o.highlight_ms, mono_ms);
		if (f->finished)
			sooner(&next, f->finished_at + b->o.linger_ms, mono_ms);
	}
	if (!b->connected)
		sooner(&next, b->disconnected_at + b->o.offline_ms, mono_ms - 1);
	return next;
}
