/* The kiosk's event loop (app.h): touches and keys become flow inputs, the
 * flow's actions become requests, print jobs and presence, and the screen
 * is drawn again only when something it shows changed. */
#include "kiosk/app.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/proto.h"
#include "core/tz.h"
#include "kiosk/flow.h"
#include "kiosk/printing.h"
#include "kiosk/reqid.h"
#include "kiosk/screens.h"
#include "kiosk/ticket.h"
#include "mqtt/mq.h"
#include "printer/printer.h"
#include "ui/assets.h"
#include "ui/font.h"
#include "ui/i18n.h"
#include "ui/netevent.h"
#include "ui/shot.h"
#include "ui/text.h"
#include "ui/video.h"

/* A finger lifted sooner than this after a screen appeared did not aim at
 * it: the second tap of a double tap lands on the next screen. */
#define DEBOUNCE_MS 400
/* Between tickets, the printer is asked for its state this often. */
#define STATUS_EVERY_MS 30000

struct app {
	struct app_options *o;
	struct config *cfg;
	struct i18n *cat;
	struct fonts *fonts;
	SDL_Window *win;
	SDL_Renderer *r;
	struct text *t;
	struct screens *scr;
	struct flow *flow;
	struct mq *mq;
	char state_topic[256];
	struct state_doc state;
	bool have_state;
	struct printer *printer;
	struct printing *printing;
	struct ticket_paper *paper;
	enum printer_state printer_state;
	char presence[160];
	const char *device;
	const char *orientation;
	int w, h;
	bool dirty;
	int focus, pressed;
	int64_t pressed_since;          /* flow_screen_since of the screen the press began on */
	int64_t drawn_since;            /* flow_screen_since of the screen last drawn */
	SDL_FingerID finger;
	bool finger_down;
	/* screenshots */
	int shot_no;
	bool shot_wanted;
	enum flow_screen shot_screen;
	enum flow_print shot_print;
	bool shot_first;
	bool running;
	int64_t started;                /* for the log line of the first frame */
};

/* SIGUSR1: the handler posts a semaphore (async-signal-safe); a small
 * thread turns it into an SDL event, which wakes the loop. */
static sem_t shot_sem;
static Uint32 shot_event;
static volatile sig_atomic_t shot_quit;

static void on_sigusr1(int sig)
{
	(void)sig;
	sem_post(&shot_sem);
}

static void *shot_thread(void *arg)
{
	(void)arg;
	for (;;) {
		SDL_Event ev;
		if (sem_wait(&shot_sem) != 0) {
			if (errno == EINTR)
				continue;
			return NULL;
		}
		if (shot_quit)
			return NULL;
		SDL_zero(ev);
		ev.type = shot_event;
		SDL_PushEvent(&ev);
	}
}

static bool portrait(const struct app *a)
{
	if (strcmp(a->orientation, "portrait") == 0)
		return true;
	if (strcmp(a->orientation, "landscape") == 0)
		return false;
	return a->h > a->w;
}

static void update_presence(struct app *a)
{
	char extra[160];
	snprintf(extra, sizeof extra, "\"printer\":\"%s\",\"out_of_service\":%s", printer_state_name(a->printer_state),
	         flow_out_of_service(a->flow) ? "true" : "false");
	if (strcmp(extra, a->presence) == 0)
		return;
	snprintf(a->presence, sizeof a->presence, "%s", extra);
	mq_set_presence(a->mq, extra);
}

/* ---- screenshots (tests, demo-headless) ---- */

static void write_manifest(struct app *a, const char *path)
{
	FILE *f = fopen(path, "w");
	const struct target *tg;
	const struct screen_text *tx;
	int n;
	if (!f)
		return;
	fprintf(f, "screen %s\nlang %s\nsize %d %d\n", flow_screen_name(flow_screen(a->flow)), flow_lang(a->flow), a->w,
	        a->h);
	if (flow_screen(a->flow) == FLOW_TICKET || flow_screen(a->flow) == FLOW_REMEMBER)
		fprintf(f, "ticket %s\n", flow_ticket(a->flow)->number);
	tg = screens_targets(a->scr, &n);
	for (int i = 0; i < n; i++)
		fprintf(f, "target %d %d %d %d %d %d %d\n", (int)tg[i].kind, tg[i].arg, tg[i].rect.x, tg[i].rect.y,
		        tg[i].rect.w, tg[i].rect.h, tg[i].enabled);
	tx = screens_texts(a->scr, &n);
	for (int i = 0; i < n; i++)
		fprintf(f, "text %s %d %d %d %d %d\n", tx[i].name, tx[i].box.x, tx[i].box.y, tx[i].box.w, tx[i].box.h,
		        tx[i].rc);
	fclose(f);
}

static void save_shot(struct app *a)
{
	char png[PATH_MAX], txt[PATH_MAX], err[512];
	if (!a->o->shot_dir)
		return;
	a->shot_no++;
	snprintf(png, sizeof png, "%s/%s-%03d.png", a->o->shot_dir, a->device, a->shot_no);
	snprintf(txt, sizeof txt, "%s/%s-%03d.txt", a->o->shot_dir, a->device, a->shot_no);
	if (shot_save(a->r, png, err, sizeof err) < 0)
		log_warn("screenshot: %s", err);
	else if (a->o->shot_changes)
		write_manifest(a, txt);
}

/* ---- drawing ---- */

static void draw(struct app *a)
{
	struct screen_model m = { 0 };
	int n;
	if (flow_screen_since(a->flow) != a->drawn_since) {
		/* a new screen: the focus and a press belonged to the old one */
		a->drawn_since = flow_screen_since(a->flow);
		a->focus = -1;
		a->pressed = -1;
	}
	SDL_GetRendererOutputSize(a->r, &a->w, &a->h);   /* the window may have been resized */
	m.screen = flow_screen(a->flow);
	m.lang = flow_lang(a->flow)[0] ? flow_lang(a->flow) : a->cfg->langs[0];
	m.priority_offered = flow_priority_offered(a->flow);
	m.priority = flow_priority(a->flow);
	m.ticket = flow_ticket(a->flow);
	m.print = flow_print_state(a->flow);
	m.closed_service = flow_closed_service(a->flow, &m.closed_opens_ms);
	m.state = a->have_state ? &a->state : NULL;
	m.now_ms = clock_now_ms();
	m.focus = a->focus;
	m.pressed = a->pressed;
	m.portrait = portrait(a);
	n = screens_draw(a->scr, &m, a->w, a->h);
	if (n < 0)
		log_error("drawing failed: %s", SDL_GetError());
	/* a new screen (or printing state) is saved once for the tests */
	if (a->o->shot_dir && a->o->shot_changes &&
	    (a->shot_first || m.screen != a->shot_screen || m.print != a->shot_print)) {
		a->shot_first = false;
		a->shot_screen = m.screen;
		a->shot_print = m.print;
		a->shot_wanted = true;
	}
	if (a->shot_wanted) {
		a->shot_wanted = false;
		save_shot(a);
	}
	SDL_RenderPresent(a->r);
	a->dirty = false;
	if (a->started) {
		log_info("first frame after %lld ms", (long long)(clock_mono_ms() - a->started));
		a->started = 0;
	}
}

/* ---- input ---- */

static void activate(struct app *a, int i, int64_t now)
{
	int n;
	const struct target *tg = screens_targets(a->scr, &n);
	if (i < 0 || i >= n || !tg[i].enabled)
		return;
	switch (tg[i].kind) {
	case TARGET_LANG: flow_choose_lang(a->flow, screens_lang(a->scr, tg[i].arg), now); break;
	case TARGET_SERVICE: flow_choose_service(a->flow, (char)tg[i].arg, now); break;
	case TARGET_PRIORITY: flow_toggle_priority(a->flow, now); break;
	case TARGET_BACK:
	case TARGET_DONE:
	case TARGET_ANYWHERE: flow_back(a->flow, now); break;
	case TARGET_NOTED: flow_noted(a->flow, now); break;
	case TARGET_DECLINE: flow_decline(a->flow, now); break;
	}
	a->dirty = true;
}

static void press(struct app *a, int x, int y, int64_t now)
{
	int i = screens_hit(a->scr, x, y);
	flow_activity(a->flow, now);
	a->pressed = i;
	a->pressed_since = flow_screen_since(a->flow);
	a->dirty = true;
}

static void move(struct app *a, int x, int y)
{
	/* sliding off a button cancels it, as on a phone */
	if (a->pressed >= 0 && screens_hit(a->scr, x, y) != a->pressed) {
		a->pressed = -1;
		a->dirty = true;
	}
}

static void release(struct app *a, int x, int y, int64_t now)
{
	int i = screens_hit(a->scr, x, y), was = a->pressed;
	a->pressed = -1;
	a->dirty = true;
	flow_activity(a->flow, now);
	if (was < 0 || i != was || a->pressed_since != flow_screen_since(a->flow) ||
	    now - flow_screen_since(a->flow) < DEBOUNCE_MS)
		return;
	activate(a, i, now);
}

static void move_focus(struct app *a, int dir)
{
	int n;
	const struct target *tg = screens_targets(a->scr, &n);
	for (int step = 0; step < n; step++) {
		a->focus = a->focus < 0 ? (dir > 0 ? 0 : n - 1) : (a->focus + dir + n) % n;
		if (tg[a->focus].enabled && tg[a->focus].kind != TARGET_ANYWHERE)
			break;
	}
	a->dirty = true;
}

static void key(struct app *a, const SDL_KeyboardEvent *k, int64_t now)
{
	bool rtl = flow_lang(a->flow)[0] && text_rtl(a->t, flow_lang(a->flow));
	flow_activity(a->flow, now);
	switch (k->keysym.sym) {
	case SDLK_TAB: move_focus(a, (k->keysym.mod & KMOD_SHIFT) ? -1 : 1); break;
	case SDLK_DOWN: move_focus(a, 1); break;
	case SDLK_UP: move_focus(a, -1); break;
	case SDLK_RIGHT: move_focus(a, rtl ? -1 : 1); break;
	case SDLK_LEFT: move_focus(a, rtl ? 1 : -1); break;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
	case SDLK_SPACE:
		if (k->repeat)
			break;
		if (a->focus >= 0)
			activate(a, a->focus, now);
		else if (flow_screen(a->flow) == FLOW_TICKET)
			flow_back(a->flow, now);
		break;
	case SDLK_ESCAPE:
	case SDLK_BACKSPACE: flow_back(a->flow, now); break;
	default: break;
	}
}

/* ---- network and printing ---- */

static void carry_out(struct app *a)
{
	struct flow_action act;
	while (flow_take_action(a->flow, &act)) {
		switch (act.kind) {
		case FLOW_SEND:
			log_debug("request %s %s", act.op, act.payload);
			if (mq_request_async(a->mq, act.op, act.payload, act.timeout_ms, act.attempts, netevent_on_answer,
			                     (void *)(uintptr_t)act.id, NULL) != 0)
				flow_answer(a->flow, act.id, NULL, 0, clock_mono_ms());
			break;
		case FLOW_PRINT: {
			struct ticket_layout lay;
			struct bitmap *bm = a->paper ? ticket_paper_render(a->paper, &act.ticket, &lay) : NULL;
			if (bm && a->o->shot_dir && a->o->shot_changes) {
				char path[PATH_MAX], err[300];
				snprintf(path, sizeof path, "%s/%s-ticket-%s.png", a->o->shot_dir, a->device, act.ticket.number);
				if (ticket_paper_save(a->paper, path, err, sizeof err) < 0)
					log_warn("ticket picture: %s", err);
			}
			if (!bm || !a->printing || printing_submit(a->printing, bm) != 0)
				flow_printed(a->flow, false, clock_mono_ms());
			break;
		}
		case FLOW_PRESENCE: update_presence(a); break;
		}
	}
}

static void network(struct app *a, struct netevent *ne, int64_t now)
{
	switch (ne->kind) {
	case NETEVENT_MESSAGE:
		if (strcmp(ne->topic, a->state_topic) == 0) {
			struct state_doc *d = malloc(sizeof *d);
			if (d && proto_parse_state(ne->payload, ne->len, d) == 0) {
				a->state = *d;
				a->have_state = true;
				if (flow_screen(a->flow) == FLOW_SERVICE)
					a->dirty = true;
			} else {
				log_warn("a state that is not one (%zu bytes)", ne->len);
			}
			free(d);
		}
		break;
	case NETEVENT_STATUS:
		log_info("broker: %s%s%s", ne->status == MQ_CONNECTED ? "connected" : "not connected", ne->why ? ": " : "",
		         ne->why ? ne->why : "");
		flow_connection(a->flow, ne->status == MQ_CONNECTED, now);
		break;
	case NETEVENT_ANSWER:
		flow_answer(a->flow, (uint32_t)(uintptr_t)ne->user, ne->payload, ne->len, now);
		break;
	}
}

static void handle(struct app *a, SDL_Event *ev)
{
	int64_t now = clock_mono_ms();
	struct netevent *ne;
	struct printing_result pres;

	if ((ne = netevent_get(ev))) {
		network(a, ne, now);
		netevent_free(ne);
		return;
	}
	if (printing_result(a->printing, ev, &pres)) {
		a->printer_state = pres.state;
		if (pres.kind == PRINTING_DONE)
			flow_printed(a->flow, pres.err == PRINTER_OK, now);
		update_presence(a);
		return;
	}
	if (ev->type == shot_event) {
		if (a->o->shot_dir) {
			a->shot_wanted = true;
			a->dirty = true;
		}
		return;
	}
	switch (ev->type) {
	case SDL_QUIT: a->running = false; break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || ev->window.event == SDL_WINDOWEVENT_EXPOSED)
			a->dirty = true;
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		text_flush(a->t);
		a->dirty = true;
		break;
	case SDL_MOUSEBUTTONDOWN:
		if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
			press(a, ev->button.x, ev->button.y, now);
		break;
	case SDL_MOUSEMOTION:
		if (ev->motion.which != SDL_TOUCH_MOUSEID && (ev->motion.state & SDL_BUTTON_LMASK))
			move(a, ev->motion.x, ev->motion.y);
		break;
	case SDL_MOUSEBUTTONUP:
		if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
			release(a, ev->button.x, ev->button.y, now);
		break;
	/* One finger at a time: a second finger (a palm, a child's hand) is
	 * ignored until the first lifts. */
	case SDL_FINGERDOWN:
		if (!a->finger_down) {
			a->finger_down = true;
			a->finger = ev->tfinger.fingerId;
			press(a, (int)(ev->tfinger.x * a->w), (int)(ev->tfinger.y * a->h), now);
		}
		break;
	case SDL_FINGERMOTION:
		if (a->finger_down && ev->tfinger.fingerId == a->finger)
			move(a, (int)(ev->tfinger.x * a->w), (int)(ev->tfinger.y * a->h));
		break;
	case SDL_FINGERUP:
		if (a->finger_down && ev->tfinger.fingerId == a->finger) {
			a->finger_down = false;
			release(a, (int)(ev->tfinger.x * a->w), (int)(ev->tfinger.y * a->h), now);
		}
		break;
	case SDL_KEYDOWN: key(a, &ev->key, now); break;
	default: break;
	}
}

/* ---- start and stop ---- */

static int start(struct app *a, char *err, size_t errlen)
{
	char assets[PATH_MAX], dir[PATH_MAX + 8], msg[8192], why[400];
	struct mq_options mo;
	struct mq_callbacks cb = { .message = netevent_on_message, .status = netevent_on_status };
	struct printer_options po;
	struct reqid ids;
	struct flow_options fo;
	Uint32 flags = SDL_WINDOW_SHOWN;

	if (!a->o->conn.config) {
		snprintf(err, errlen, "--config FILE is needed (the branch configuration)");
		return -1;
	}
	a->cfg = config_load(a->o->conn.config, msg, sizeof msg);
	if (!a->cfg) {
		snprintf(err, errlen, "%s", msg);
		return -1;
	}
	if (tz_set(a->cfg->timezone) != 0) {
		snprintf(err, errlen, "time zone %s is not installed (tzdata)", a->cfg->timezone);
		return -1;
	}
	if (cli_conn_resolve(&a->o->conn, a->cfg, ROLE_KIOSK, &mo, err, errlen) != 0)
		return -1;
	a->device = mo.device;
	a->orientation = config_str(a->cfg, "kiosk", "orientation");
	if (assets_find(a->o->assets, assets, sizeof assets, err, errlen) < 0)
		return -1;
	assets_path(assets, "i18n", dir, sizeof dir);
	a->cat = i18n_new(dir);
	if (!a->cat || i18n_load(a->cat, "common", msg, sizeof msg) < 0 || i18n_load(a->cat, "kiosk", msg, sizeof msg) < 0) {
		snprintf(err, errlen, "cannot read the catalogue in %s", dir);
		return -1;
	}
	if (msg[0])
		log_warn("%s", msg);

	video_prefer_software();
	if (SDL_Init(SDL_INIT_VIDEO) < 0) {
		snprintf(err, errlen, "SDL_Init: %s", SDL_GetError());
		return -1;
	}
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
	SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
	if (netevent_init() != 0 || (shot_event = SDL_RegisterEvents(2)) == (Uint32)-1) {
		snprintf(err, errlen, "no SDL event numbers left");
		return -1;
	}
	a->fonts = fonts_new(a->cfg, err, errlen);
	if (!a->fonts)
		return -1;
	msg[0] = '\0';
	if (fonts_add_catalogue(a->fonts, a->cfg, a->cat, msg, sizeof msg) > 0)
		log_error("%s", msg);
	if (a->o->fullscreen)
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	else
		flags |= SDL_WINDOW_RESIZABLE;
	a->win = SDL_CreateWindow("Fronta", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, a->o->w, a->o->h, flags);
	a->r = a->win ? SDL_CreateRenderer(a->win, -1, SDL_RENDERER_PRESENTVSYNC) : NULL;
	if (!a->r && a->win)
		a->r = SDL_CreateRenderer(a->win, -1, 0);
	if (!a->r) {
		snprintf(err, errlen, "no window or renderer: %s", SDL_GetError());
		return -1;
	}
	if (a->o->fullscreen)
		SDL_ShowCursor(SDL_DISABLE);
	SDL_GetRendererOutputSize(a->r, &a->w, &a->h);
	a->t = text_new(a->r, a->fonts, a->cat, 32u << 20);
	a->scr = a->t ? screens_new(a->r, a->t, a->cat, a->cfg) : NULL;
	if (!a->scr || screens_lang_count(a->scr) == 0) {
		snprintf(err, errlen, "no language of the branch is in the catalogue %s", dir);
		return -1;
	}

	/* the printer: a failure here is reported and the kiosk shows numbers on screen */
	if (printer_options_from_config(a->cfg, &po, why, sizeof why) != PRINTER_OK ||
	    !(a->printer = printer_new(&po, why, sizeof why))) {
		log_error("printer: %s (tickets will be shown on screen only)", why);
		printer_options_default(&po);
		a->printer = printer_new(&po, why, sizeof why);
	}
	a->printer_state = printer_last_state(a->printer);
	if (strcmp(po.output, "none") != 0) {
		a->paper = ticket_paper_new(a->fonts, a->cat, a->cfg, po.width_dots, msg, sizeof msg);
		if (!a->paper)
			log_error("%s", msg);
	}
	a->printing = printing_start(a->printer, shot_event + 1, STATUS_EVERY_MS);
	if (!a->printing)
		log_error("printing: cannot start its thread");

	if (reqid_init(&ids, a->device) != 0) {
		snprintf(err, errlen, "device id %s is too long", a->device);
		return -1;
	}
	flow_options_from_config(a->cfg, &fo);
	fo.printer = fo.printer && a->paper && a->printing;
	a->flow = flow_new(&fo, &ids, clock_mono_ms());
	if (!a->flow) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}

	a->mq = mq_new(&mo, &cb, err, errlen);
	if (!a->mq)
		return -1;
	mq_topic(a->mq, a->state_topic, sizeof a->state_topic, "state");
	mq_subscribe(a->mq, a->state_topic);
	update_presence(a);
	if (mq_start(a->mq) != 0) {
		snprintf(err, errlen, "cannot start the broker connection");
		return -1;
	}
	log_info("kiosk %s of %s: %dx%d %s, printer %s (%s), broker %s:%d", a->device, a->cfg->branch_id, a->w, a->h,
	         portrait(a) ? "portrait" : "landscape", po.output, printer_state_name(a->printer_state), mo.host,
	         mo.port);
	return 0;
}

static void stop(struct app *a)
{
	if (a->mq) {
		mq_stop(a->mq);
		mq_free(a->mq);
	}
	netevent_drain();
	printing_stop(a->printing);
	printer_free(a->printer);
	ticket_paper_free(a->paper);
	flow_free(a->flow);
	screens_free(a->scr);
	text_free(a->t);
	if (a->r)
		SDL_DestroyRenderer(a->r);
	if (a->win)
		SDL_DestroyWindow(a->win);
	fonts_free(a->fonts);
	i18n_free(a->cat);
	config_free(a->cfg);
	SDL_Quit();
}

int app_run(struct app_options *o)
{
	struct app a;
	char err[8192];
	pthread_t st;
	bool st_started = false;
	int rc = 0;

	memset(&a, 0, sizeof a);
	a.started = clock_mono_ms();
	a.o = o;
	a.focus = a.pressed = -1;
	a.shot_first = true;
	a.running = true;
	if (start(&a, err, sizeof err) != 0) {
		log_error("%s", err);
		stop(&a);
		return 2;
	}
	if (sem_init(&shot_sem, 0, 0) == 0 && pthread_create(&st, NULL, shot_thread, NULL) == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_sigusr1;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGUSR1, &sa, NULL);
		st_started = true;
	}
	a.dirty = true;
	while (a.running) {
		SDL_Event ev;
		int64_t now = clock_mono_ms(), deadline = flow_deadline(a.flow), wait;
		if (flow_changed(a.flow) || a.dirty)
			draw(&a);
		wait = deadline == INT64_MAX ? 60000 : deadline - now;
		if (wait < 0)
			wait = 0;
		if (wait > 60000)
			wait = 60000;
		if (SDL_WaitEventTimeout(&ev, (int)wait)) {
			handle(&a, &ev);
			while (a.running && SDL_PollEvent(&ev))
				handle(&a, &ev);
		}
		flow_tick(a.flow, clock_mono_ms());
		carry_out(&a);
	}
	log_info("stopping");
	if (st_started) {
		signal(SIGUSR1, SIG_IGN);
		shot_quit = 1;
		sem_post(&shot_sem);
		pthread_join(st, NULL);
		sem_destroy(&shot_sem);
	}
	stop(&a);
	return rc;
}
