/* The display's loop: start-up ordered for a fast first picture (the
 * connection starts before fonts and window, so the retained state is
 * usually waiting when the first frame is drawn), then events in, frames
 * out, presence after each new state is on screen. */
#include "display/app.h"

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/proto.h"
#include "core/tz.h"
#include "display/announce.h"
#include "display/board.h"
#include "display/scene.h"
#include "display/spoken.h"
#include "ui/assets.h"
#include "ui/font.h"
#include "ui/i18n.h"
#include "ui/netevent.h"
#include "ui/shot.h"
#include "ui/text.h"
#include "ui/video.h"

#define FIRST_STATE_WAIT_MS 250   /* at start, wait this long for the retained state before drawing without */
#define MAX_WAIT_MS 60000
/* A state that changes only counts and waits (a ticket issued, an estimate)
 * is drawn this much later, so that a call arriving just after it is not
 * kept behind a frame that nobody needed at once: it takes both along. */
#define LAZY_MS 120
/* Texture cache: a frame's texts take 3-4 MiB at 1920x1080, the instruction
 * line and the second-language lines of every language about 10 MiB more;
 * numbers change all day, so a bound well above that keeps memory flat. */
#define TEXT_CACHE_BYTES (24u << 20)

struct app {
	const struct app_options *o;
	const struct config *cfg;
	const char *local;
	SDL_Window *win;
	SDL_Renderer *r;
	struct i18n *cat;
	struct fonts *fonts;
	struct text *t;
	struct scene *scene;
	struct board *board;
	struct announcer *ann;
	struct mq *mq;
	char topic_state[256], topic_event[256];
	const char *speech_langs;
	int recent, instr_ms;
	bool dirty, quit, shot_wanted, drawn_once;
	int64_t first_draw_at;        /* mono: draw even without a state from here on */
	int64_t shown_seq;            /* the seq on screen (and in the presence), -1 none */
	int shots;
	int cycle;                    /* index into the branch's languages */
	int64_t cycle_at;             /* mono: the instruction line changes language */
	int64_t minute_at;            /* mono: the clock's next minute */
	int64_t frame_at;             /* mono: the last frame */
	int64_t lazy_at;              /* mono: draw a count-only change by then; INT64_MAX none */
	char day[sizeof ((struct state_doc *)0)->day];   /* the queue's day, from the state */
	int blink_period_ms;
	int rc;
};

/* ---- SIGUSR1: a screenshot. A thread waits for the signal, so nothing
 * but sigwait runs in signal context; it hands the request to the SDL
 * thread as an event. ---- */

static Uint32 shot_event;
static sigset_t shot_set;

static void *signal_thread(void *arg)
{
	(void)arg;
	for (;;) {
		int sig;
		if (sigwait(&shot_set, &sig) != 0)
			continue;
		if (sig == SIGUSR1) {
			SDL_Event ev;
			memset(&ev, 0, sizeof ev);
			ev.type = shot_event;
			SDL_PushEvent(&ev);
		}
	}
	return NULL;
}

/* Blocks SIGUSR1 in this thread and every thread started after it. */
static void block_sigusr1(void)
{
	sigemptyset(&shot_set);
	sigaddset(&shot_set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &shot_set, NULL);
}

static void start_signal_thread(void)
{
	pthread_t th;
	shot_event = SDL_RegisterEvents(1);
	if (shot_event == (Uint32)-1 || pthread_create(&th, NULL, signal_thread, NULL) != 0) {
		log_warn("display: SIGUSR1 screenshots are not available");
		return;
	}
	pthread_detach(th);
}

/* ---- start ---- */

static int load_catalogue(struct app *a, char *err, size_t errlen)
{
	char assets[PATH_MAX], dir[PATH_MAX + 8];
	if (assets_find(a->o->assets, assets, sizeof assets, err, errlen) < 0)
		return -1;
	assets_path(assets, "i18n", dir, sizeof dir);
	a->cat = i18n_new(dir);
	if (!a->cat) {
		snprintf(err, errlen, "no memory");
		return -1;
	}
	/* mistakes are named file:line; the rest of the file is used */
	if (i18n_load(a->cat, "common", err, errlen) != 0 || i18n_load(a->cat, SCENE_DOMAIN, err, errlen) != 0)
		log_warn("%s", err);
	return 0;
}

static int open_window(struct app *a)
{
	Uint32 flags = SDL_WINDOW_SHOWN | (a->o->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE);
	a->win = SDL_CreateWindow("Fronta", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, a->o->w, a->o->h, flags);
	if (!a->win) {
		log_error("display: cannot open a window: %s", SDL_GetError());
		return -1;
	}
	/* No vsync: a new call is presented at once, not at the next refresh. */
	a->r = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED);
	if (!a->r)
		a->r = SDL_CreateRenderer(a->win, -1, 0);
	if (!a->r) {
		log_error("display: no renderer: %s", SDL_GetError());
		return -1;
	}
	if (a->o->fullscreen)
		SDL_ShowCursor(SDL_DISABLE);
	return 0;
}

static void start_network(struct app *a)
{
	struct mq_callbacks cb = { .message = netevent_on_message, .status = netevent_on_status };
	char err[1024];
	a->mq = mq_new(a->o->mq, &cb, err, sizeof err);
	if (!a->mq) {
		log_error("display: %s", err);
		return;
	}
	proto_topic(a->topic_state, sizeof a->topic_state, a->cfg->branch_id, "state");
	proto_topic(a->topic_event, sizeof a->topic_event, a->cfg->branch_id, "event");
	/* state first: on (re)connect the retained state is what to draw */
	if (mq_subscribe(a->mq, a->topic_state) != 0 || mq_subscribe(a->mq, a->topic_event) != 0 || mq_start(a->mq) != 0)
		log_error("display: cannot start the connection");
}

static char *read_text_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t cap = PROTO_MAX_PAYLOAD * 4, n;
	if (!f)
		return NULL;
	buf = malloc(cap + 1);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, cap, f);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* --state FILE: the document as if it had just arrived; calls made within
 * the highlight time before now are fresh. */
static int take_state_file(struct app *a, int64_t mono)
{
	struct state_doc d;
	size_t len = 0;
	char *json = read_text_file(a->o->state_file, &len);
	int64_t now = clock_now_ms(), hl = config_int(a->cfg, "display", "highlight_seconds") * 1000;
	if (!json) {
		log_error("display: cannot read %s: %s", a->o->state_file, strerror(errno));
		return -1;
	}
	if (proto_parse_state(json, len, &d) != 0) {
		log_error("display: %s is not a state document", a->o->state_file);
		free(json);
		return -1;
	}
	free(json);
	board_take_state(a->board, &d);
	for (int i = 0; i < d.n_called; i++)
		if (d.called[i].at_ms > 0 && now - d.called[i].at_ms < hl)
			board_mark_fresh(a->board, d.called[i].number, d.called[i].counter, mono - (now - d.called[i].at_ms));
	if (!a->o->offline)
		board_set_connected(a->board, true, mono);
	return 0;
}

/* ---- what arrives ---- */

static void announce(struct app *a, const struct board_announcement *an)
{
	struct announce_job job;
	const char *langs[SPOKEN_MAX_LANGS];
	int n = spoken_langs(a->local, an->lang, a->speech_langs, langs);
	memset(&job, 0, sizeof job);
	job.id = an->id;
	snprintf(job.label, sizeof job.label, "%s -> %s%s", an->number, an->counter, an->recall ? " (recall)" : "");
	for (int i = 0; i < n; i++) {
		struct announce_part *p = &job.parts[job.n_parts];
		if (spoken_call(a->cat, langs[i], an->number, an->counter, p->text, sizeof p->text) <= 0)
			continue;
		snprintf(p->lang, sizeof p->lang, "%s", langs[i]);
		job.n_parts++;
	}
	log_info("display: %s %s (ticket language %s)", an->recall ? "recall" : "call", job.label,
	         an->lang[0] ? an->lang : "-");
	if (!a->ann || announcer_say(a->ann, &job) != 0) {
		/* nothing will report it: it is simply shown */
		board_announce_finished(a->board, job.id, clock_mono_ms());
	}
}

/* A display runs for weeks. Its texts' textures come and go in sizes of
 * their own, and glibc keeps the heap they leave free: once a day it is
 * given back (measured by make soak: RSS then follows the memory in use). */
static void new_day(struct app *a, const char *day)
{
	if (strcmp(a->day, day) == 0)
		return;
	if (a->day[0])
		malloc_trim(0);
	snprintf(a->day, sizeof a->day, "%s", day);
}

static void on_message(struct app *a, const struct netevent *ne)
{
	int64_t mono = clock_mono_ms(), now = clock_now_ms();
	if (strcmp(ne->topic, a->topic_state) == 0) {
		struct state_doc d;
		if (proto_parse_state(ne->payload, ne->len, &d) != 0) {
			log_warn("display: a state message that is not a state document (%zu bytes) is ignored", ne->len);
			return;
		}
		new_day(a, d.day);
		int flags = board_take_state(a->board, &d);
		if (flags & BOARD_CALLS)
			a->dirty = true;
		else if ((flags & BOARD_CHANGED) && a->lazy_at == INT64_MAX)
			a->lazy_at = mono + LAZY_MS;
	} else if (strcmp(ne->topic, a->topic_event) == 0) {
		struct event e;
		struct board_announcement an;
		bool resync = false;
		enum board_verdict v;
		if (proto_parse_event(ne->payload, ne->len, &e) != 0) {
			log_warn("display: an event that is not an event document (%zu bytes) is ignored", ne->len);
			return;
		}
		v = board_take_event(a->board, &e, now, mono, &an, &resync);
		if (resync && a->mq && mq_resubscribe(a->mq, a->topic_state) != 0)
			log_warn("display: cannot ask for the state again now; the next connection brings it");
		/* no frame for the event itself: its state follows at once and
		 * is what the frame must show (the call is fresh by then) */
		if (v == BOARD_ANNOUNCE) {
			announce(a, &an);
		} else if (v == BOARD_DUPLICATE) {
			log_debug("display: event seq %lld seen before, ignored", (long long)e.seq);
		} else if (v == BOARD_TOO_OLD) {
			log_info("display: %s of %s made long ago (seq %lld), shown but not announced",
			         queue_event_name(e.type), e.ticket.number, (long long)e.seq);
		}
	}
}

static void on_status(struct app *a, const struct netevent *ne)
{
	int64_t mono = clock_mono_ms();
	if (ne->status == MQ_CONNECTED) {
		log_info("display: %s", ne->why ? ne->why : "connected");
		board_set_connected(a->board, true, mono);
	} else {
		log_warn("display: %s", ne->why ? ne->why : "disconnected");
		board_set_connected(a->board, false, mono);
	}
	a->dirty = true;
}

static void handle(struct app *a, const SDL_Event *ev)
{
	struct netevent *ne = netevent_get(ev);
	if (ne) {
		if (ne->kind == NETEVENT_MESSAGE)
			on_message(a, ne);
		else if (ne->kind == NETEVENT_STATUS)
			on_status(a, ne);
		netevent_free(ne);
		return;
	}
	if (ev->type == announcer_event_type() && announcer_event_type()) {
		unsigned id = (unsigned)(uintptr_t)ev->user.data1;
		/* an announcement skipped long after its call changes nothing on
		 * screen: no frame for it (it would delay the next call's) */
		if (ev->user.code == ANNOUNCE_STARTED ? board_announce_started(a->board, id, clock_mono_ms())
		                                      : board_announce_finished(a->board, id, clock_mono_ms()))
			a->dirty = true;
		return;
	}
	if (ev->type == shot_event && shot_event) {
		a->shot_wanted = true;
		a->dirty = true;
		return;
	}
	switch (ev->type) {
	case SDL_QUIT:
		a->quit = true;
		break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    ev->window.event == SDL_WINDOWEVENT_SHOWN || ev->window.event == SDL_WINDOWEVENT_RESTORED)
			a->dirty = true;
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		text_flush(a->t);
		a->dirty = true;
		break;
	case SDL_KEYDOWN:
		if (ev->key.keysym.sym == SDLK_ESCAPE && !a->o->fullscreen)
			a->quit = true;
		break;
	default:
		break;
	}
}

/* ---- time ---- */

static int64_t next_minute(int64_t mono)
{
	int64_t now = clock_now_ms();
	return mono + 60000 - now % 60000 + 5;
}

static void tick(struct app *a, int64_t mono)
{
	if (mono >= a->minute_at) {
		a->minute_at = next_minute(mono);
		a->dirty = true;
	}
	if (!a->o->instruction_lang && a->cfg->n_langs > 1 && mono >= a->cycle_at) {
		a->cycle = (a->cycle + 1) % a->cfg->n_langs;
		a->cycle_at = mono + a->instr_ms;
		a->dirty = true;
	}
	if (!a->drawn_once && mono >= a->first_draw_at)
		a->dirty = true;
	if (mono >= a->lazy_at)
		a->dirty = true;
	/* a blink, a highlight's end, the offline mark */
	if (a->drawn_once && board_next_change(a->board, a->frame_at) <= mono)
		a->dirty = true;
}

/* Milliseconds until something on screen changes by itself. */
static int wait_ms(struct app *a, int64_t mono)
{
	int64_t due = a->minute_at, b = board_next_change(a->board, mono);
	if (!a->o->instruction_lang && a->cfg->n_langs > 1 && a->cycle_at < due)
		due = a->cycle_at;
	if (b < due)
		due = b;
	if (a->lazy_at < due)
		due = a->lazy_at;
	if (!a->drawn_once && a->first_draw_at < due)
		due = a->first_draw_at;
	if (due - mono > MAX_WAIT_MS)
		return MAX_WAIT_MS;
	return due <= mono ? 0 : (int)(due - mono);
}

/* ---- frames ---- */

/* The picture, and with --shot-changes (or --once) what is where in it. */
static int save_shot(struct app *a)
{
	char png[PATH_MAX], txt[PATH_MAX], err[512];
	FILE *f = NULL;
	a->shots++;
	snprintf(png, sizeof png, "%s/%s-%03d.png", a->o->shot_dir, a->o->device, a->shots);
	snprintf(txt, sizeof txt, "%s/%s-%03d.txt", a->o->shot_dir, a->o->device, a->shots);
	if (shot_save(a->r, png, err, sizeof err) != 0) {
		log_error("display: screenshot %s: %s", png, err);
		return -1;
	}
	if ((a->o->shot_changes || a->o->once) && !(f = fopen(txt, "w")))
		log_warn("display: %s: %s", txt, strerror(errno));
	if (f) {
		scene_write_manifest(a->scene, f);
		fclose(f);
	}
	log_info("display: screenshot %s", png);
	return 0;
}

static void frame(struct app *a)
{
	struct scene_input in;
	const struct state_doc *d = board_state(a->board);
	int64_t mono = clock_mono_ms(), t0, t1;
	int w, h;
	bool new_seq = d && d->seq != a->shown_seq;
	memset(&in, 0, sizeof in);
	in.board = a->board;
	in.mono_ms = mono;
	/* a picture for the record shows a blinking call in its bright phase */
	if (a->o->once)
		in.mono_ms = mono - mono % a->blink_period_ms;
	in.now_ms = clock_now_ms();
	in.cycle_lang = a->o->instruction_lang ? a->o->instruction_lang : a->cfg->langs[a->cycle];
	in.recent = a->recent;
	a->frame_at = mono;
	a->lazy_at = INT64_MAX;
	SDL_GetRendererOutputSize(a->r, &w, &h);
	t0 = clock_mono_ns();
	scene_draw(a->scene, &in, w, h);
	t1 = clock_mono_ns();
	if (a->o->shot_dir && (a->shot_wanted || (new_seq && a->o->shot_changes) || a->o->once) && save_shot(a) != 0)
		a->rc = 1;
	a->shot_wanted = false;
	SDL_RenderPresent(a->r);
	log_debug("display: frame seq %lld: drawn in %.1f ms, presented in %.1f ms", d ? (long long)d->seq : -1LL,
	          (double)(t1 - t0) / 1e6, (double)(clock_mono_ns() - t1) / 1e6);
	if (!a->drawn_once)
		log_info("display: first frame %lld ms after start%s", (long long)(clock_mono_ms() - a->o->start_mono_ms),
		         d ? "" : " (no state yet)");
	a->drawn_once = true;
	if (new_seq) {
		char extra[48];
		if (a->shown_seq < 0)
			log_info("display: state seq %lld on screen %lld ms after start", (long long)d->seq,
			         (long long)(clock_mono_ms() - a->o->start_mono_ms));
		a->shown_seq = d->seq;
		snprintf(extra, sizeof extra, "\"seq\":%lld", (long long)d->seq);
		if (a->mq)
			mq_set_presence(a->mq, extra);
	}
	a->dirty = false;
}

static void loop(struct app *a)
{
	while (!a->quit) {
		SDL_Event ev;
		int64_t mono = clock_mono_ms();
		tick(a, mono);
		/* state waited for at start: draw as soon as it is here */
		if (a->dirty && (a->drawn_once || board_state(a->board) || mono >= a->first_draw_at)) {
			frame(a);
			if (a->o->once)
				return;
			continue;
		}
		if (SDL_WaitEventTimeout(&ev, wait_ms(a, mono))) {
			handle(a, &ev);
			/* everything already queued joins this frame: several calls
			 * in one burst are drawn together */
			while (!a->quit && SDL_PollEvent(&ev))
				handle(a, &ev);
		}
	}
}

static void teardown(struct app *a)
{
	if (a->mq) {
		mq_stop(a->mq);
		mq_free(a->mq);
	}
	netevent_drain();
	announcer_free(a->ann);
	scene_free(a->scene);
	text_free(a->t);
	fonts_free(a->fonts);
	if (a->r)
		SDL_DestroyRenderer(a->r);
	if (a->win)
		SDL_DestroyWindow(a->win);
	board_free(a->board);
	i18n_free(a->cat);
	SDL_Quit();
}

int app_run(const struct app_options *o)
{
	struct app a;
	struct board_options bo;
	char err[8192];
	int64_t mono;
	memset(&a, 0, sizeof a);
	a.o = o;
	a.cfg = o->cfg;
	a.local = o->cfg->n_langs > 0 ? o->cfg->langs[0] : "cs";
	a.shown_seq = -1;
	a.lazy_at = INT64_MAX;
	a.recent = (int)config_int(o->cfg, "display", "recent");
	a.instr_ms = (int)config_int(o->cfg, "display", "instruction_seconds") * 1000;
	a.speech_langs = config_str(o->cfg, "display", "speech_languages");
	if (tz_set(o->cfg->timezone) != 0)
		log_warn("display: time zone %s is not installed; the clock shows UTC", o->cfg->timezone);
	block_sigusr1();
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	video_prefer_software();
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		log_error("display: SDL: %s", SDL_GetError());
		return 2;
	}
	mono = clock_mono_ms();
	board_default_options(&bo, (int)config_int(o->cfg, "display", "highlight_seconds"),
	                      (int)config_int(o->cfg, "display", "offline_seconds"));
	/* --offline: as if the broker went a minute ago */
	a.board = board_new(&bo, o->offline ? mono - bo.offline_ms - 60000 : mono);
	a.blink_period_ms = bo.blink_period_ms > 0 ? bo.blink_period_ms : 1;
	if (!a.board || netevent_init() != 0)
		goto fail;
	log_debug("display: SDL ready %lld ms after start", (long long)(clock_mono_ms() - o->start_mono_ms));
	/* the network first: the retained state travels while fonts load */
	if (!o->state_file)
		start_network(&a);
	start_signal_thread();
	if (load_catalogue(&a, err, sizeof err) != 0) {
		log_error("display: %s", err);
		goto fail;
	}
	a.fonts = fonts_new(o->cfg, err, sizeof err);
	if (!a.fonts) {
		log_error("display: %s", err);
		goto fail;
	}
	if (fonts_add_catalogue(a.fonts, o->cfg, a.cat, err, sizeof err) > 0)
		log_error("%s", err);   /* those languages fall back to the Latin font */
	log_debug("display: catalogue and fonts ready %lld ms after start", (long long)(clock_mono_ms() - o->start_mono_ms));
	if (open_window(&a) != 0)
		goto fail;
	log_debug("display: window open %lld ms after start", (long long)(clock_mono_ms() - o->start_mono_ms));
	a.t = text_new(a.r, a.fonts, a.cat, TEXT_CACHE_BYTES);
	a.scene = a.t ? scene_new(a.r, a.t, a.cat, o->cfg) : NULL;
	if (!a.scene)
		goto fail;
	if (o->state_file && take_state_file(&a, clock_mono_ms()) != 0) {
		teardown(&a);
		return 1;
	}
	if (!o->once) {
		struct announcer_options ao = { config_bool(o->cfg, "display", "chime"),
			                        config_bool(o->cfg, "display", "speech"),
			                        (int)config_int(o->cfg, "display", "volume"), NULL };
		a.ann = announcer_new(&ao);
		if (!a.ann)
			log_warn("display: calls will be shown, not heard");
	}
	mono = clock_mono_ms();
	a.first_draw_at = o->state_file ? mono : o->start_mono_ms + FIRST_STATE_WAIT_MS;
	a.minute_at = next_minute(mono);
	a.cycle_at = mono + a.instr_ms;
	a.dirty = true;
	loop(&a);
	teardown(&a);
	return a.rc;
fail:
	teardown(&a);
	return 2;
}
