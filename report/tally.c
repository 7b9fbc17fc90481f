/* Counting the queue's figures from its events (docs/reports.md). Each
 * ticket is followed from event to event until its day is over; a ticket's
 * life is one or more episodes (waiting for a service, then called), a
 * transfer ending one and starting the next. An ending (done, no-show,
 * cancelled) is counted at once but remembered, because a worker may call
 * the ticket back the same day (the undo of a mistaken Done or No-show):
 * then that ending is taken back and the episode goes on. */
#define _GNU_SOURCE      /* tdestroy */
#include "report/tally.h"

#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"

#define NOTHING TALLY_COUNTS

/* A ticket of a day not over yet, and its current episode. */
struct track {
	char branch[CONFIG_ID_LEN];
	char day[TZ_DAY_LEN];
	char number[TICKET_NUMBER_LEN];
	char service;                 /* the episode's service */
	char lang[CONFIG_LANG_LEN];
	char hour[3];                 /* local hour it was issued, "09" */
	int64_t since_ms;             /* the episode began: issued or transferred */
	int64_t called_ms;            /* 0 while waiting */
	enum tally_count ended;       /* served, no_show, cancelled; NOTHING while open */
	int64_t ended_service_s;      /* the service time counted with it, -1 if none */
};

/* A branch's tickets of the days not over yet, and the last day seen: a
 * later day closes the earlier ones. */
struct branch_tracks {
	char branch[CONFIG_ID_LEN];
	char day[TZ_DAY_LEN];
	struct track **tracks;
	int n, cap;
};

struct tally {
	struct tally_cell **cells;
	int n_cells, cap_cells;
	void *index;                  /* tsearch tree of cells */
	struct branch_tracks *branches;
	int n_branches, cap_branches;
	void *track_index;            /* tsearch tree of every branch's tracks */
};

static const char *const dim_names[TALLY_DIMS] = { "service", "lang", "hour" };
static const char *const count_names[TALLY_COUNTS] = { "issued", "transferred_in", "served", "no_show",
                                                       "cancelled", "closed_waiting", "transferred", "open" };

const char *tally_count_name(enum tally_count c) { return (unsigned)c < TALLY_COUNTS ? count_names[c] : "?"; }
static const char *const by_names[] = { "day", "week", "month" };

const char *tally_dim_name(enum tally_dim d) { return (unsigned)d < TALLY_DIMS ? dim_names[d] : "?"; }

int tally_dim_parse(const char *s)
{
	for (int i = 0; s && i < TALLY_DIMS; i++)
		if (!strcmp(s, dim_names[i]))
			return i;
	return -1;
}

const char *tally_by_name(enum tally_by by) { return (unsigned)by < 3 ? by_names[by] : "?"; }

int tally_by_parse(const char *s)
{
	for (int i = 0; s && i < 3; i++)
		if (!strcmp(s, by_names[i]))
			return i;
	return -1;
}

/* Grows an array of elements of size sz to hold n + 1. */
static int grow(void *arrp, int n, int *cap, size_t sz)
{
	void **arr = arrp;
	void *p;
	int c;
	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 32;
	p = realloc(*arr, (size_t)c * sz);
	if (!p)
		return -1;
	*arr = p;
	*cap = c;
	return 0;
}

/* ---- samples ---- */

static int samples_add(struct tally_samples *s, int64_t seconds)
{
	if (grow(&s->v, s->n, &s->cap, sizeof *s->v) != 0)
		return -1;
	s->v[s->n++] = (int32_t)(seconds < 0 ? 0 : seconds > INT32_MAX ? INT32_MAX : seconds);
	return 0;
}

static int samples_merge(struct tally_samples *dst, const struct tally_samples *src)
{
	for (int i = 0; i < src->n; i++)
		if (samples_add(dst, src->v[i]) != 0)
			return -1;
	return 0;
}

static int cmp_int32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

int tally_percentile(const struct tally_samples *s, int p)
{
	int32_t *v;
	int rank, r;
	if (!s || s->n == 0 || p <= 0 || p > 100 || !(v = malloc((size_t)s->n * sizeof *v)))
		return -1;
	memcpy(v, s->v, (size_t)s->n * sizeof *v);
	qsort(v, (size_t)s->n, sizeof *v, cmp_int32);
	rank = (int)(((int64_t)p * s->n + 99) / 100);    /* ceil(p% of n) */
	r = v[(rank < 1 ? 1 : rank) - 1];
	free(v);
	return r;
}

char *tally_samples_format(const struct tally_samples *s)
{
	size_t cap = 3 + (size_t)s->n * 12, n = 0;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	out[n++] = '[';
	for (int i = 0; i < s->n; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s%d", i ? "," : "", (int)s->v[i]);
	out[n++] = ']';
	out[n] = '\0';
	return out;
}

int tally_samples_parse(struct tally_samples *s, const char *text)
{
	const char *p = text;
	if (!p || *p++ != '[')
		return -1;
	while (*p == ' ')
		p++;
	if (*p == ']')
		return p[1] ? -1 : 0;
	for (;;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p || v < 0 || v > INT32_MAX || samples_add(s, v) != 0)
			return -1;
		p = end;
		while (*p == ' ')
			p++;
		if (*p == ']')
			return p[1] ? -1 : 0;
		if (*p++ != ',')
			return -1;
	}
}

/* ---- cells ---- */

static int cmp_cell(const void *pa, const void *pb)
{
	const struct tally_cell *a = pa, *b = pb;
	int c = strcmp(a->branch, b->branch);
	if (!c)
		c = strcmp(a->period, b->period);
	if (!c)
		c = (int)a->dim - (int)b->dim;
	if (!c)
		c = strcmp(a->key, b->key);
	return c;
}

/* The cell of (branch, period, dim, key), made if missing; NULL if out of memory. */
static struct tally_cell *cell_get(struct tally *t, const char *branch, const char *period, enum tally_dim dim,
                                   const char *key)
{
	struct tally_cell probe, *c, **found;
	memset(&probe, 0, sizeof probe);
	snprintf(probe.branch, sizeof probe.branch, "%s", branch);
	snprintf(probe.period, sizeof probe.period, "%s", period);
	probe.dim = dim;
	snprintf(probe.key, sizeof probe.key, "%s", key);
	found = tfind(&probe, &t->index, cmp_cell);
	if (found)
		return *found;
	if (grow(&t->cells, t->n_cells, &t->cap_cells, sizeof *t->cells) != 0 || !(c = malloc(sizeof *c)))
		return NULL;
	*c = probe;
	if (!tsearch(c, &t->index, cmp_cell)) {
		free(c);
		return NULL;
	}
	t->cells[t->n_cells++] = c;
	return c;
}

static int cell_merge(struct tally_cell *d, const struct tally_cell *s)
{
	for (int i = 0; i < TALLY_COUNTS; i++)
		d->n[i] += s->n[i];
	if (samples_merge(&d->waits, &s->waits) != 0 || samples_merge(&d->service, &s->service) != 0)
		return -1;
	return 0;
}

struct tally *tally_new(void)
{
	return calloc(1, sizeof(struct tally));
}

static void no_free(void *p)
{
	(void)p;
}

void tally_free(struct tally *t)
{
	if (!t)
		return;
	tdestroy(t->index, no_free);
	tdestroy(t->track_index, no_free);
	for (int i = 0; i < t->n_cells; i++) {
		free(t->cells[i]->waits.v);
		free(t->cells[i]->service.v);
		free(t->cells[i]);
	}
	free(t->cells);
	for (int b = 0; b < t->n_branches; b++) {
		for (int i = 0; i < t->branches[b].n; i++)
			free(t->branches[b].tracks[i]);
		free(t->branches[b].tracks);
	}
	free(t->branches);
	free(t);
}

int tally_n_cells(const struct tally *t) { return t->n_cells; }

const struct tally_cell *tally_cell_at(const struct tally *t, int i)
{
	return i >= 0 && i < t->n_cells ? t->cells[i] : NULL;
}

int tally_add_cell(struct tally *t, const struct tally_cell *c)
{
	struct tally_cell *d = cell_get(t, c->branch, c->period, c->dim, c->key);
	return d ? cell_merge(d, c) : -1;
}

/* ---- following tickets ---- */

/* The ticket's cells: its episode's service, its language, its hour. */
static int cells_of(struct tally *t, const struct track *k, struct tally_cell *out[TALLY_DIMS])
{
	char service[2] = { k->service, '\0' };
	out[TALLY_SERVICE] = cell_get(t, k->branch, k->day, TALLY_SERVICE, service);
	out[TALLY_LANG] = cell_get(t, k->branch, k->day, TALLY_LANG, k->lang);
	out[TALLY_HOUR] = cell_get(t, k->branch, k->day, TALLY_HOUR, k->hour);
	return out[0] && out[1] && out[2] ? 0 : -1;
}

/* Counts m (NOTHING: no count) for the ticket, with a wait or a service
 * time in seconds (< 0: none). */
static int count(struct tally *t, const struct track *k, enum tally_count m, int64_t wait_s, int64_t service_s)
{
	struct tally_cell *c[TALLY_DIMS];
	if (cells_of(t, k, c) != 0)
		return -1;
	for (int i = 0; i < TALLY_DIMS; i++) {
		if (m != NOTHING)
			c[i]->n[m]++;
		if (wait_s >= 0 && samples_add(&c[i]->waits, wait_s) != 0)
			return -1;
		if (service_s >= 0 && samples_add(&c[i]->service, service_s) != 0)
			return -1;
	}
	return 0;
}

/* Ends the ticket's episode with m (and a service time, < 0: none),
 * remembering it in case the ticket is called back. */
static int end_episode(struct tally *t, struct track *k, enum tally_count m, int64_t service_s)
{
	k->ended = m;
	k->ended_service_s = service_s;
	return count(t, k, m, -1, service_s);
}

/* The ticket is called back: its ending is taken back. */
static int reopen(struct tally *t, struct track *k)
{
	struct tally_cell *c[TALLY_DIMS];
	if (cells_of(t, k, c) != 0)
		return -1;
	for (int i = 0; i < TALLY_DIMS; i++) {
		struct tally_samples *s = &c[i]->service;
		c[i]->n[k->ended]--;
		for (int j = 0; k->ended_service_s >= 0 && j < s->n; j++) {
			if (s->v[j] == (int32_t)k->ended_service_s) {
				s->v[j] = s->v[--s->n];
				break;
			}
		}
	}
	k->ended = NOTHING;
	k->ended_service_s = -1;
	return 0;
}

static int cmp_track(const void *pa, const void *pb)
{
	const struct track *a = pa, *b = pb;
	int c = strcmp(a->number, b->number);
	if (!c)
		c = strcmp(a->day, b->day);
	if (!c)
		c = strcmp(a->branch, b->branch);
	return c;
}

static struct branch_tracks *branch_get(struct tally *t, const char *branch)
{
	struct branch_tracks *b;
	for (int i = t->n_branches - 1; i >= 0; i--)
		if (!strcmp(t->branches[i].branch, branch))
			return &t->branches[i];
	if (grow(&t->branches, t->n_branches, &t->cap_branches, sizeof *t->branches) != 0)
		return NULL;
	b = &t->branches[t->n_branches++];
	memset(b, 0, sizeof *b);
	snprintf(b->branch, sizeof b->branch, "%s", branch);
	return b;
}

static struct track *track_find(struct tally *t, const char *branch, const char *day, const char *number)
{
	struct track probe, **found;
	snprintf(probe.branch, sizeof probe.branch, "%s", branch);
	snprintf(probe.day, sizeof probe.day, "%s", day);
	snprintf(probe.number, sizeof probe.number, "%s", number);
	found = tfind(&probe, &t->track_index, cmp_track);
	return found ? *found : NULL;
}

/* Starts following a ticket first seen in e (normally its issued event),
 * and counts it issued. */
static struct track *track_start(struct tally *t, struct branch_tracks *b, const struct event *e)
{
	const struct ticket *tk = &e->ticket;
	struct track *k;
	struct tm tm;

	if (grow(&b->tracks, b->n, &b->cap, sizeof *b->tracks) != 0 || !(k = calloc(1, sizeof *k)))
		return NULL;
	snprintf(k->branch, sizeof k->branch, "%s", b->branch);
	snprintf(k->day, sizeof k->day, "%s", e->day);
	snprintf(k->number, sizeof k->number, "%s", tk->number);
	if (!tsearch(k, &t->track_index, cmp_track)) {
		free(k);
		return NULL;
	}
	b->tracks[b->n++] = k;
	/* Seen first mid-life (an archive gap, a purge): the ticket as the event
	 * shows it. Before a transfer, it waited for the service it left. */
	k->service = e->type == EV_TRANSFERRED && e->from_service ? e->from_service : tk->service;
	snprintf(k->lang, sizeof k->lang, "%s", tk->lang[0] ? tk->lang : "?");
	tz_local(tk->issued_ms > 0 ? tk->issued_ms : e->at_ms, &tm);
	snprintf(k->hour, sizeof k->hour, "%02u", (unsigned)tm.tm_hour % 24u);
	k->since_ms = tk->issued_ms > 0 ? tk->issued_ms : e->at_ms;
	if (e->type != EV_ISSUED && e->type != EV_CALLED && e->type != EV_CANCELLED)
		k->called_ms = tk->called_ms > 0 ? tk->called_ms : e->at_ms;
	k->ended = NOTHING;
	k->ended_service_s = -1;
	return count(t, k, TALLY_ISSUED, -1, -1) == 0 ? k : NULL;
}

/* The branch's tickets of days before day (every one if day is NULL) are
 * over: those still open are closed as the day change closes them (at a
 * counter: served; waiting: closed_waiting), or counted open when keep_open;
 * then they are forgotten. */
static int close_before(struct tally *t, struct branch_tracks *b, const char *day, bool keep_open)
{
	int rc = 0, kept = 0;
	for (int i = 0; i < b->n; i++) {
		struct track *k = b->tracks[i];
		if (day && strcmp(k->day, day) >= 0) {
			b->tracks[kept++] = k;
			continue;
		}
		if (k->ended == NOTHING)
			rc |= count(t, k, keep_open ? TALLY_OPEN : k->called_ms ? TALLY_SERVED : TALLY_CLOSED_WAITING, -1,
			            -1);
		tdelete(k, &t->track_index, cmp_track);
		free(k);
	}
	b->n = kept;
	return rc;
}

/* Seconds from a to b. */
static int64_t secs(int64_t a, int64_t b)
{
	return (b - a) / 1000;
}

int tally_event(struct tally *t, const char *branch, const struct event *e)
{
	struct branch_tracks *b = branch_get(t, branch);
	struct track *k;
	int64_t at = e->at_ms;
	int rc;

	if (!b)
		return -1;
	/* A later day: the branch's earlier days are over. */
	if (e->day[0] && strcmp(e->day, b->day) > 0) {
		snprintf(b->day, sizeof b->day, "%s", e->day);
		if (close_before(t, b, e->day, false) != 0)
			return -1;
	}
	if (!e->has_ticket || e->type == EV_PRINT || e->type == EV_COUNTER || e->type == EV_DAY)
		return 0;
	k = track_find(t, branch, e->day, e->ticket.number);
	if (!k) {
		if (!(k = track_start(t, b, e)))
			return -1;
	} else if (e->type == EV_ISSUED) {
		return 0;     /* seen already */
	}
	if (k->ended != NOTHING) {
		/* Only a call brings an ended ticket back; anything else is a
		 * repeat of what was counted. */
		if (e->type != EV_CALLED)
			return 0;
		if (reopen(t, k) != 0)
			return -1;
	}
	switch (e->type) {
	case EV_CALLED:
		/* The first call of the episode ends its wait. */
		rc = k->called_ms ? 0 : count(t, k, NOTHING, secs(k->since_ms, at), -1);
		k->called_ms = at;
		return rc;
	case EV_DONE:
		return end_episode(t, k, TALLY_SERVED, k->called_ms ? secs(k->called_ms, at) : -1);
	case EV_NO_SHOW:
		return end_episode(t, k, TALLY_NO_SHOW, -1);
	case EV_CANCELLED:
		return end_episode(t, k, TALLY_CANCELLED, -1);
	case EV_TRANSFERRED:
		/* The worker's time with the client counts as service; then a new
		 * episode waits for the other service from now. */
		rc = count(t, k, TALLY_TRANSFERRED, -1, k->called_ms ? secs(k->called_ms, at) : -1);
		k->service = e->ticket.service;
		k->since_ms = at;
		k->called_ms = 0;
		return rc | count(t, k, TALLY_TRANSFERRED_IN, -1, -1);
	default:
		return 0;     /* issued (counted when it started), recalled */
	}
}

void tally_finish(struct tally *t, const char *today)
{
	for (int i = 0; i < t->n_branches; i++) {
		close_before(t, &t->branches[i], today, false);
		close_before(t, &t->branches[i], NULL, true);
	}
}

/* ---- periods and grouping ---- */

int tally_period(const char *day, enum tally_by by, char out[TALLY_PERIOD_LEN])
{
	char thu[TZ_DAY_LEN], back[TZ_DAY_LEN];
	int y, m, d, wd, week = 1;

	if (tz_parse_day(day, &y, &m, &d) != 0)
		return -1;
	switch (by) {
	case TALLY_BY_DAY:
		snprintf(out, TALLY_PERIOD_LEN, "%04d-%02d-%02d", y, m, d);
		return 0;
	case TALLY_BY_MONTH:
		snprintf(out, TALLY_PERIOD_LEN, "%04d-%02d", y, m);
		return 0;
	case TALLY_BY_WEEK:
		/* ISO 8601: a week belongs to the year of its Thursday, and week 1
		 * holds the year's first Thursday. */
		wd = tz_day_weekday(day);
		if (tz_day_add(day, 3 - wd, thu) != 0)
			return -1;
		snprintf(back, sizeof back, "%s", thu);
		for (;;) {
			char prev[TZ_DAY_LEN];
			if (tz_day_add(back, -7, prev) != 0 || strncmp(prev, thu, 4) != 0)
				break;
			snprintf(back, sizeof back, "%s", prev);
			week++;
		}
		snprintf(out, TALLY_PERIOD_LEN, "%.4s-W%02u", thu, (unsigned)week % 100u);
		return 0;
	}
	return -1;
}

/* Report order: dimension, period, branch, key; totals after the rest. */
static int cmp_report(const void *pa, const void *pb)
{
	const struct tally_cell *a = *(struct tally_cell *const *)pa, *b = *(struct tally_cell *const *)pb;
	int c = (int)a->dim - (int)b->dim;
	if (!c)
		c = strcmp(a->period, b->period);
	if (!c)
		c = !strcmp(a->branch, TALLY_ALL) - !strcmp(b->branch, TALLY_ALL);
	if (!c)
		c = strcmp(a->branch, b->branch);
	if (!c)
		c = !strcmp(a->key, TALLY_ALL) - !strcmp(b->key, TALLY_ALL);
	if (!c)
		c = strcmp(a->key, b->key);
	return c;
}

static int group_into(struct tally *g, const struct tally_cell *c, const char *branch, const char *period,
                      const char *key)
{
	struct tally_cell *d = cell_get(g, branch, period, c->dim, key);
	return d ? cell_merge(d, c) : -1;
}

struct tally *tally_group(const struct tally *src, enum tally_by by, bool totals)
{
	struct tally *g = tally_new();
	bool many_branches = false;

	if (!g)
		return NULL;
	for (int i = 1; i < src->n_cells && !many_branches; i++)
		many_branches = strcmp(src->cells[i]->branch, src->cells[0]->branch) != 0;
	for (int i = 0; i < src->n_cells; i++) {
		const struct tally_cell *c = src->cells[i];
		char period[TALLY_PERIOD_LEN];
		bool service_total = totals && c->dim == TALLY_SERVICE;
		int rc = 0;

		if (tally_period(c->period, by, period) != 0)
			snprintf(period, sizeof period, "%s", c->period);
		rc |= group_into(g, c, c->branch, period, c->key);
		if (service_total)
			rc |= group_into(g, c, c->branch, period, TALLY_ALL);
		if (totals && many_branches) {
			rc |= group_into(g, c, TALLY_ALL, period, c->key);
			if (service_total)
				rc |= group_into(g, c, TALLY_ALL, period, TALLY_ALL);
		}
		if (rc) {
			tally_free(g);
			return NULL;
		}
	}
	qsort(g->cells, (size_t)g->n_cells, sizeof *g->cells, cmp_report);
	return g;
}
