/* fronta-console's loop (app.h): network events, keys and clicks go to the
 * model and the screen; the frame is drawn when something changed. */
#include "console/app.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <SDL2/SDL.h>

#include "console/keys.h"
#include "console/model.h"
#include "console/picker.h"
#include "console/screen.h"
#include "console/view.h"
#include "console/words.h"
#include "core/clock.h"
#include "core/log.h"
#include "ui/i18n.h"
#include "ui/netevent.h"
#include "ui/shot.h"
#include "ui/text.h"
#include "ui/video.h"

/* Each attempt waits this long for frontad's answer; after the attempts
 * the model decides (same payload again, or when the link is back). */
#define REQ_TIMEOUT_MS 2000
#define REQ_ATTEMPTS 3
#define SENDING_SHOWN_MS 250
#define SILENT_SHOWN_MS 5000      /* then the status line says frontad does not answer */

struct app {
	const struct app_options *o;
	struct model *m;
	struct view *v;
	struct text *t;
	struct mq *mq;
	SDL_Window *win;
	SDL_Renderer *r;
	struct screen s;
	char device[CONFIG_ID_LEN];
	bool dirty, quit, shot_wanted, first_frame_done;
	int shots;
	int tag_action, tag_status;     /* their addresses tell answers apart */
	char summary[600];
	char topic_state[256], topic_event[256];
};

static Uint32 shot_event_type;

/* ---- signals: a thread of ours waits for them and hands them to the loop ---- */

static void *signal_main(void *arg)
{
	sigset_t set;
	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	for (;;) {
		int sig;
		SDL_Event ev;
		if (sigwait(&set, &sig) != 0)
			continue;
		memset(&ev, 0, sizeof ev);
		ev.type = sig == SIGUSR1 ? shot_event_type : SDL_QUIT;
		SDL_PushEvent(&ev);
	}
	return NULL;
}

/* ---- requests ---- */

static void send_pending(struct app *a)
{
	const struct model_pending *p = model_pending(a->m);
	uint64_t token;
	if (!p->active)
		return;
	/* mq keeps a request made while offline until the link is back; the
	 * model does the same, so only hand it over when connected. */
	if (!mq_connected(a->mq)) {
		model_on_answer(a->m, p->token, NULL, 0, "not connected", false, clock_now_ms(), clock_mono_ms());
		return;
	}
	if (mq_request_async(a->mq, model_op(p->action), p->payload, REQ_TIMEOUT_MS, REQ_ATTEMPTS, netevent_on_answer,
	                     &a->tag_action, &token) != 0) {
		log_error("%s: cannot send the request (out of memory?)", model_op(p->action));
		model_on_answer(a->m, p->token, NULL, 0, "not sent", false, clock_now_ms(), clock_mono_ms());
		return;
	}
	log_debug("%s %s: sent (attempt %d)", model_op(p->action), p->request_id, p->sends + 1);
	model_sent(a->m, token);
}

static void ask_status(struct app *a)
{
	uint64_t token;
	if (mq_connected(a->mq))
		mq_request_async(a->mq, "status", "{}", REQ_TIMEOUT_MS, REQ_ATTEMPTS, netevent_on_answer, &a->tag_status,
		                 &token);
}

static void begin(struct app *a, enum action act, const char *arg)
{
	enum why_not why = model_begin(a->m, act, arg, clock_now_ms(), clock_mono_ms());
	if (why == WHY_OK)
		send_pending(a);
	else
		log_info("%s: not now (%s)", model_op(act), words_why(a->o->cat, "en", why));
	a->dirty = true;
}

/* ---- what arrives from the network ---- */

static void on_answer(struct app *a, const struct netevent *ne)
{
	const struct model_pending *p = model_pending(a->m);
	enum action act = p->action;
	bool mine = p->active && ne->token == p->token;
	int64_t took = clock_mono_ms() - p->since_mono;
	enum model_next next;

	if (ne->user == &a->tag_status) {
		if (ne->payload)
			model_on_status_answer(a->m, ne->payload, ne->len, clock_now_ms());
		return;
	}
	next = model_on_answer(a->m, ne->token, ne->payload, ne->len, ne->why, mq_connected(a->mq), clock_now_ms(),
	                       clock_mono_ms());
	if (!mine)
		return;
	if (ne->payload) {
		const struct model_note *n = model_last_note(a->m);
		if (n->kind == NOTE_ERROR)
			log_warn("%s: frontad said %s (%lld ms)", model_op(act), n->code, (long long)took);
		else
			log_info("%s: ok %s (%lld ms)", model_op(act), n->number, (long long)took);
	} else if (next == NEXT_SEND) {
		log_warn("%s: %s; asking again with the same request_id", model_op(act), ne->why ? ne->why : "no answer");
		send_pending(a);
	} else if (model_pending(a->m)->active) {
		log_warn("%s: %s; sent again when the connection is back", model_op(act), ne->why ? ne->why : "");
	} else {
		log_warn("%s: %s", model_op(act), ne->why ? ne->why : "failed");
	}
}

static void on_net(struct app *a, struct netevent *ne)
{
	int64_t now = clock_now_ms();
	switch (ne->kind) {
	case NETEVENT_MESSAGE:
		if (!strcmp(ne->topic, a->topic_state)) {
			if (!model_on_state(a->m, ne->payload, ne->len, now))
				log_debug("state ignored (older, or not a state)");
		} else if (!strcmp(ne->topic, a->topic_event)) {
			if (model_on_event(a->m, ne->payload, ne->len, now) == NEXT_STATUS) {
				log_info("events were missed: asking for the state");
				ask_status(a);
			}
		}
		break;
	case NETEVENT_STATUS:
		log_info("%s", ne->why ? ne->why : (ne->status == MQ_CONNECTED ? "connected" : "disconnected"));
		if (model_on_link(a->m, ne->status == MQ_CONNECTED, ne->status == MQ_REFUSED, now) == NEXT_SEND) {
			log_info("%s: sending again with the same request_id", model_op(model_pending(a->m)->action));
			send_pending(a);
		}
		break;
	case NETEVENT_ANSWER: on_answer(a, ne); break;
	}
	a->dirty = true;
}

/* ---- what the worker does ---- */

static void set_lang(struct app *a, const char *lang)
{
	char title[200], code[CONFIG_LANG_LEN];
	snprintf(code, sizeof code, "%s", lang);    /* lang may be a->s.lang itself */
	memcpy(a->s.lang, code, sizeof code);
	lang = a->s.lang;
	i18n_format(title, sizeof title, i18n_get(a->o->cat, WORDS_DOMAIN, lang, "Fronta: counter {counter}"), "counter",
	            model_counter(a->m)[0] ? model_counter(a->m) : "?", NULL);
	SDL_SetWindowTitle(a->win, title);
	log_info("interface language: %s", lang);
}

static void set_counter(struct app *a, const char *id)
{
	char extra[64];
	if (model_set_counter(a->m, id) != 0)
		return;
	snprintf(extra, sizeof extra, "\"counter\":\"%s\"", id);
	mq_set_presence(a->mq, extra);
	a->s.mode = MODE_MAIN;
	set_lang(a, a->s.lang);
	log_info("counter %s", id);
}

static int waiting_index(const struct app *a)
{
	const struct state_doc *d = model_state(a->m);
	for (int i = 0; d && i < d->n_waiting; i++)
		if (!strcmp(d->waiting[i].number, a->s.selected))
			return i;
	return -1;
}

static void select_row(struct app *a, int i)
{
	const struct state_doc *d = model_state(a->m);
	if (!d || d->n_waiting == 0) {
		a->s.selected[0] = '\0';
		return;
	}
	if (i < 0)
		i = 0;
	if (i >= d->n_waiting)
		i = d->n_waiting - 1;
	snprintf(a->s.selected, sizeof a->s.selected, "%s", d->waiting[i].number);
}

static void move_selection(struct app *a, enum cmd c)
{
	int i = waiting_index(a), page = view_page_rows(a->v);
	const struct state_doc *d = model_state(a->m);
	if (!d)
		return;
	switch (c) {
	case CMD_UP: i = i < 0 ? 0 : i - 1; break;
	case CMD_DOWN: i = i < 0 ? 0 : i + 1; break;
	case CMD_PAGE_UP: i = i < 0 ? 0 : i - page; break;
	case CMD_PAGE_DOWN: i = i < 0 ? page - 1 : i + page; break;
	case CMD_HOME: i = 0; break;
	case CMD_END: i = d->n_waiting - 1; break;
	default: return;
	}
	select_row(a, i);
}

static void move_cursor(struct app *a, enum cmd c, int n)
{
	if (n <= 0)
		return;
	if (c == CMD_UP)
		a->s.cursor = (a->s.cursor + n - 1) % n;
	else if (c == CMD_DOWN)
		a->s.cursor = (a->s.cursor + 1) % n;
	else if (c == CMD_HOME || c == CMD_PAGE_UP)
		a->s.cursor = 0;
	else if (c == CMD_END || c == CMD_PAGE_DOWN)
		a->s.cursor = n - 1;
}

static void open_picker(struct app *a, enum mode mode)
{
	struct picker_item items[PICKER_MAX];
	int n = picker_items(mode, a->o->cfg, a->o->cat, items, PICKER_MAX);
	const struct ticket *cur = model_current(a->m);
	a->s.mode = mode;
	a->s.cursor = 0;
	for (int i = 0; i < n; i++) {
		if (mode == MODE_LANGUAGE && !strcmp(items[i].value, a->s.lang))
			a->s.cursor = i;
		if (mode == MODE_TRANSFER && cur && items[i].value[0] == cur->service && a->s.cursor == i)
			a->s.cursor = (i + 1) % n;
	}
	if (mode == MODE_SERVICES) {
		a->s.ticked[0] = '\0';
		for (int i = 0; i < a->o->cfg->n_services; i++)
			if (model_takes(a->m, a->o->cfg->services[i].letter)) {
				size_t k = strlen(a->s.ticked);
				a->s.ticked[k] = a->o->cfg->services[i].letter;
				a->s.ticked[k + 1] = '\0';
			}
	}
}

static void toggle_service(struct app *a, char letter)
{
	char *p = strchr(a->s.ticked, letter);
	char out[CONFIG_MAX_SERVICES + 1];
	size_t k = 0;
	/* kept in the configuration's order */
	for (int i = 0; i < a->o->cfg->n_services; i++) {
		char c = a->o->cfg->services[i].letter;
		bool on = strchr(a->s.ticked, c) != NULL;
		if (c == letter)
			on = !p;
		if (on)
			out[k++] = c;
	}
	out[k] = '\0';
	memcpy(a->s.ticked, out, k + 1);
}

static void apply_services(struct app *a)
{
	const struct counter_cfg *cc = config_counter(a->o->cfg, model_counter(a->m));
	if (!a->s.ticked[0]) {
		model_note_cannot(a->m, ACT_SERVICES, WHY_NO_SERVICES, clock_now_ms());
		return;
	}
	a->s.mode = MODE_MAIN;
	/* the configured set is sent as [] ("back to configured"), so a later
	 * change of the configuration applies to this counter again */
	begin(a, ACT_SERVICES, cc && !strcmp(cc->services, a->s.ticked) ? "" : a->s.ticked);
}

static void pick(struct app *a, int i, const struct picker_item *items, int n)
{
	if (i < 0 || i >= n)
		return;
	a->s.cursor = i;
	switch (a->s.mode) {
	case MODE_TRANSFER: {
		char svc[2] = { items[i].value[0], '\0' };
		enum why_not why = model_can(a->m, ACT_TRANSFER, svc, clock_mono_ms());
		if (why == WHY_SAME_SERVICE) {
			model_note_cannot(a->m, ACT_TRANSFER, why, clock_now_ms());
			return;
		}
		a->s.mode = MODE_MAIN;
		begin(a, ACT_TRANSFER, svc);
		break;
	}
	case MODE_SERVICES: toggle_service(a, items[i].value[0]); break;
	case MODE_LANGUAGE:
		a->s.mode = MODE_MAIN;
		set_lang(a, items[i].value);
		break;
	case MODE_COUNTER: set_counter(a, items[i].value); break;
	default: break;
	}
}

static void do_main(struct app *a, struct key_cmd k)
{
	const struct state_counter *c = model_my_counter(a->m);
	int64_t now = clock_now_ms(), mono = clock_mono_ms();
	enum why_not why;
	switch (k.cmd) {
	case CMD_CALL: begin(a, ACT_CALL, NULL); break;
	case CMD_RECALL: begin(a, ACT_RECALL, NULL); break;
	case CMD_FINISH: begin(a, ACT_FINISH, NULL); break;
	case CMD_NOSHOW: begin(a, ACT_NOSHOW, NULL); break;
	case CMD_UNDO: begin(a, ACT_UNDO, NULL); break;
	case CMD_PAUSE: begin(a, c && c->state == COUNTER_OPEN ? ACT_PAUSE : ACT_RESUME, NULL); break;
	case CMD_TRANSFER:
	case CMD_SERVICES: {
		/* a picker opens only when what it leads to can act */
		enum action act = k.cmd == CMD_TRANSFER ? ACT_TRANSFER : ACT_SERVICES;
		if ((why = model_can(a->m, act, NULL, mono)) == WHY_OK)
			open_picker(a, k.cmd == CMD_TRANSFER ? MODE_TRANSFER : MODE_SERVICES);
		else
			model_note_cannot(a->m, act, why, now);
		break;
	}
	case CMD_NUMBER:
		if ((why = model_can(a->m, ACT_CALL_NUMBER, NULL, mono)) == WHY_OK) {
			a->s.mode = MODE_NUMBER;
			snprintf(a->s.typed, sizeof a->s.typed, "%s", a->s.selected);
		} else {
			model_note_cannot(a->m, ACT_CALL_NUMBER, why, now);
		}
		break;
	case CMD_LANGUAGE: open_picker(a, MODE_LANGUAGE); break;
	case CMD_CLOSE: {
		/* Esc stops waiting for an answer once the worker can see the wait */
		const struct model_pending *p = model_pending(a->m);
		uint64_t token = p->active && (p->waiting_for_link || mono - p->since_mono >= SENDING_SHOWN_MS)
		                         ? model_give_up(a->m, now)
		                         : 0;
		if (token)
			mq_request_cancel(a->mq, token);
		else
			a->s.selected[0] = '\0';
		break;
	}
	case CMD_ROW: {
		const struct state_doc *d = model_state(a->m);
		if (d && k.row >= 0 && k.row < d->n_waiting)
			snprintf(a->s.selected, sizeof a->s.selected, "%s", d->waiting[k.row].number);
		break;
	}
	default: move_selection(a, k.cmd); break;
	}
}

static void do_number(struct app *a, struct key_cmd k)
{
	size_t n = strlen(a->s.typed);
	char num[TICKET_NUMBER_LEN];
	switch (k.cmd) {
	case CMD_CHAR:
		if (n < SCREEN_TYPED_MAX && (n == 0 ? (k.ch >= 'A' && k.ch <= 'Z') : (k.ch >= '0' && k.ch <= '9'))) {
			a->s.typed[n] = k.ch;
			a->s.typed[n + 1] = '\0';
		}
		break;
	case CMD_ERASE:
		if (n)
			a->s.typed[n - 1] = '\0';
		break;
	case CMD_OK:
	case CMD_TOGGLE:
		if (model_parse_number(a->s.typed, num) != 0) {
			model_note_cannot(a->m, ACT_CALL_NUMBER, WHY_BAD_NUMBER, clock_now_ms());
			break;
		}
		a->s.mode = MODE_MAIN;
		begin(a, ACT_CALL_NUMBER, num);
		break;
	case CMD_CLOSE: a->s.mode = MODE_MAIN; break;
	default: break;
	}
}

static void do_cmd(struct app *a, struct key_cmd k)
{
	struct picker_item items[PICKER_MAX];
	int n;
	if (k.cmd == CMD_NONE)
		return;
	a->dirty = true;
	if (a->s.mode == MODE_MAIN) {
		do_main(a, k);
		return;
	}
	if (a->s.mode == MODE_NUMBER) {
		do_number(a, k);
		return;
	}
	n = picker_items(a->s.mode, a->o->cfg, a->o->cat, items, PICKER_MAX);
	switch (k.cmd) {
	case CMD_CHAR:
	case CMD_PICK: {
		int i = picker_find(items, n, k.ch);
		/* digits also pick by position where the keys are letters */
		if (i < 0 && k.ch >= '1' && k.ch <= '9')
			i = k.ch - '1' < n ? k.ch - '1' : -1;
		if (i < 0 && k.ch == '0' && a->s.mode == MODE_SERVICES) {
			const struct counter_cfg *cc = config_counter(a->o->cfg, model_counter(a->m));
			snprintf(a->s.ticked, sizeof a->s.ticked, "%s", cc ? cc->services : "");
			break;
		}
		pick(a, i, items, n);
		break;
	}
	case CMD_OK:
		if (a->s.mode == MODE_SERVICES)
			apply_services(a);
		else
			pick(a, a->s.cursor, items, n);
		break;
	case CMD_TOGGLE: pick(a, a->s.cursor, items, n); break;
	case CMD_CLOSE:
		if (a->s.mode != MODE_COUNTER)
			a->s.mode = MODE_MAIN;
		break;
	case CMD_UP: case CMD_DOWN: case CMD_HOME: case CMD_END: case CMD_PAGE_UP: case CMD_PAGE_DOWN:
		move_cursor(a, k.cmd, n);
		break;
	default: break;
	}
}

/* ---- drawing and screenshots ---- */

static void save_shot(struct app *a)
{
	char path[4200], err[512];
	FILE *f;
	if (!a->o->shot_dir)
		return;
	a->shots++;
	snprintf(path, sizeof path, "%s/%s-%03d.png", a->o->shot_dir, a->device, a->shots);
	if (shot_save(a->r, path, err, sizeof err) != 0) {
		log_error("screenshot: %s", err);
		return;
	}
	if (a->o->shot_manifest) {
		snprintf(path, sizeof path, "%s/%s-%03d.txt", a->o->shot_dir, a->device, a->shots);
		f = fopen(path, "w");
		if (f) {
			view_manifest(a->v, f);
			fclose(f);
		}
	}
	log_info("screenshot %s/%s-%03d.png", a->o->shot_dir, a->device, a->shots);
}

static void draw(struct app *a)
{
	int64_t t0 = clock_mono_ns();
	char sum[600];
	/* the transfer picker means nothing once the client is gone */
	if (a->s.mode == MODE_TRANSFER && !model_current(a->m))
		a->s.mode = MODE_MAIN;
	view_draw(a->v, a->m, &a->s, clock_now_ms(), clock_mono_ms());
	if (a->shot_wanted) {
		a->shot_wanted = false;
		save_shot(a);
	}
	SDL_RenderPresent(a->r);
	a->dirty = false;
	if (!a->first_frame_done) {
		a->first_frame_done = true;
		log_info("first frame %.0f ms after start (drawn in %.1f ms)",
		         (double)(clock_mono_ms() - a->o->started_mono), (double)(clock_mono_ns() - t0) / 1e6);
	}
	/* what is on screen, once per change (tests wait for these lines) */
	model_summary(a->m, clock_mono_ms(), sum, sizeof sum);
	{
		size_t k = strlen(sum);
		snprintf(sum + k, sizeof sum - k, ", mode %d, lang %s, selected %s", (int)a->s.mode, a->s.lang,
		         a->s.selected[0] ? a->s.selected : "-");
	}
	if (strcmp(sum, a->summary) != 0) {
		snprintf(a->summary, sizeof a->summary, "%s", sum);
		log_debug("shows: %s", sum);
	}
}

static int next_timeout(struct app *a)
{
	const struct model_pending *p = model_pending(a->m);
	int64_t mono = clock_mono_ms();
	int t = model_next_tick(a->m, clock_now_ms(), mono, 60000);
	if (p->active && !p->waiting_for_link) {
		int64_t since = mono - p->since_mono;
		int s = since < SENDING_SHOWN_MS ? (int)(SENDING_SHOWN_MS - since) + 1
		        : since < SILENT_SHOWN_MS ? (int)(SILENT_SHOWN_MS - since) + 1 : t;
		if (s < t)
			t = s;
	}
	return t;
}

static void handle(struct app *a, SDL_Event *ev)
{
	struct netevent *ne = netevent_get(ev);
	if (ne) {
		on_net(a, ne);
		netevent_free(ne);
		return;
	}
	if (ev->type == shot_event_type) {
		a->shot_wanted = a->dirty = true;
		return;
	}
	switch (ev->type) {
	case SDL_QUIT: a->quit = true; break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			int w, h;
			SDL_GetRendererOutputSize(a->r, &w, &h);
			view_resize(a->v, w, h);
		}
		a->dirty = true;
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		text_flush(a->t);
		a->dirty = true;
		break;
	case SDL_KEYDOWN:
		do_cmd(a, keys_map(a->s.mode, ev->key.keysym.scancode, ev->key.keysym.mod, ev->key.repeat != 0));
		break;
	case SDL_MOUSEBUTTONDOWN:
		if (ev->button.button == SDL_BUTTON_LEFT) {
			struct key_cmd k;
			if (view_hit(a->v, ev->button.x, ev->button.y, &k))
				do_cmd(a, k);
		}
		break;
	default: break;
	}
}

static int start(struct app *a, const struct app_options *o)
{
	struct mq_callbacks cb = { .message = netevent_on_message, .status = netevent_on_status };
	char err[1024], nonce[24], title[200];
	unsigned char rnd[8];
	pthread_t sig;

	video_prefer_software();
	if (SDL_Init(SDL_INIT_VIDEO) < 0) {
		log_error("SDL: %s", SDL_GetError());
		return -1;
	}
	shot_event_type = SDL_RegisterEvents(1);
	if (shot_event_type == (Uint32)-1 || netevent_init() != 0) {
		log_error("SDL: no user events left");
		return -1;
	}
	if (pthread_create(&sig, NULL, signal_main, NULL) == 0)
		pthread_detach(sig);
	snprintf(title, sizeof title, "Fronta");
	a->win = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->w, o->h,
	                          SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
	                                  (o->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
	a->r = a->win ? SDL_CreateRenderer(a->win, -1, 0) : NULL;
	if (!a->r) {
		log_error("no window: %s", SDL_GetError());
		return -1;
	}
	/* 16 MiB of text textures hold the console's few hundred texts many times
	 * over; the default 64 MiB would let RSS climb for hours before levelling */
	a->t = text_new(a->r, o->fonts, o->cat, 16u << 20);
	a->v = a->t ? view_new(a->r, a->t, o->cat, o->cfg) : NULL;
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		memset(rnd, 0, sizeof rnd);
	for (size_t i = 0; i < sizeof rnd; i++)
		snprintf(nonce + 2 * i, 3, "%02x", rnd[i]);
	snprintf(a->device, sizeof a->device, "%s", o->mq.device);
	a->m = model_new(o->cfg, NULL, a->device, nonce, o->undo_s);
	if (!a->v || !a->m)
		return -1;
	{
		int w, h;
		SDL_GetRendererOutputSize(a->r, &w, &h);
		view_resize(a->v, w, h);
	}
	a->mq = mq_new(&o->mq, &cb, err, sizeof err);
	if (!a->mq) {
		log_error("%s", err);
		return -1;
	}
	mq_topic(a->mq, a->topic_state, sizeof a->topic_state, "state");
	mq_topic(a->mq, a->topic_event, sizeof a->topic_event, "event");
	mq_subscribe(a->mq, a->topic_state);
	mq_subscribe(a->mq, a->topic_event);
	snprintf(a->s.lang, sizeof a->s.lang, "%s", o->lang);
	a->s.mode = MODE_COUNTER;
	if (o->counter)
		set_counter(a, o->counter);
	else
		set_lang(a, a->s.lang);
	if (mq_start(a->mq) != 0) {
		log_error("cannot start the connection");
		return -1;
	}
	return 0;
}

int app_run(const struct app_options *o)
{
	struct app a;
	int rc = 0;

	memset(&a, 0, sizeof a);
	a.o = o;
	a.dirty = true;
	if (start(&a, o) != 0) {
		rc = 1;
		goto out;
	}
	while (!a.quit) {
		SDL_Event ev;
		if (a.dirty)
			draw(&a);
		if (!SDL_WaitEventTimeout(&ev, next_timeout(&a))) {
			a.dirty = true;         /* a minute, a second of the undo, "Sending…" */
			continue;
		}
		handle(&a, &ev);
		while (!a.quit && SDL_PollEvent(&ev))
			handle(&a, &ev);
	}
	log_info("stopping");
out:
	if (a.mq) {
		mq_stop(a.mq);
		mq_free(a.mq);
	}
	netevent_drain();
	model_free(a.m);
	view_free(a.v);
	text_free(a.t);
	if (a.r)
		SDL_DestroyRenderer(a.r);
	if (a.win)
		SDL_DestroyWindow(a.win);
	return rc;
}
