/* Every kiosk screen in every language of the demo branch, portrait
 * 1080x1920 and landscape 1920x1080 (and a small 800x1280), drawn headless
 * on a software renderer, saved as PNG in $BUILD/test-artifacts/kiosk/ and
 * checked: not blank, every text fits its box and has ink in it, every box
 * and target on the screen, touch targets at least 15 mm on a 21.5" screen,
 * Arabic laid out right to left, the number large and visible. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "core/config.h"
#include "tests/kiosk/kiosktest.h"
#include "core/log.h"
#include "core/tz.h"
#include "kiosk/sample.h"
#include "kiosk/screens.h"
#include "tests/ui/uitest.h"
#include "ui/assets.h"
#include "ui/font.h"
#include "ui/i18n.h"
#include "ui/image.h"
#include "ui/shot.h"
#include "ui/text.h"

static struct kiosktest fixture;
static struct config *cfg;
static struct i18n *cat;
static struct fonts *fonts;
static const char *outdir;

static int setup(void **state)
{
	(void)state;
	kiosktest_setup(&fixture);
	cfg = fixture.cfg;
	cat = fixture.cat;
	fonts = fixture.fonts;
	outdir = fixture.outdir;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kiosktest_teardown(&fixture);
	return 0;
}

/* 15 mm on a 21.5" 16:9 screen of 1920x1080: 476.6 mm / 1920 px = 0.248 mm a pixel */
#define MIN_TARGET_PX 61
static int shots;

struct canvas {
	SDL_Surface *surf;
	SDL_Renderer *r;
	struct text *t;
	struct screens *scr;
	int w, h;
};

static void canvas_up(struct canvas *c, int w, int h)
{
	c->w = w;
	c->h = h;
	c->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(c->surf);
	c->r = SDL_CreateSoftwareRenderer(c->surf);
	assert_non_null(c->r);
	c->t = text_new(c->r, fonts, cat, 0);
	c->scr = screens_new(c->r, c->t, cat, cfg);
	assert_non_null(c->scr);
}

static void canvas_down(struct canvas *c)
{
	screens_free(c->scr);
	text_free(c->t);
	SDL_DestroyRenderer(c->r);
	SDL_FreeSurface(c->surf);
}

static bool inside(SDL_Rect in, SDL_Rect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

/* Draws one screen, saves it, checks what every screen must satisfy, and
 * returns the picture (free it). */
static struct image *shoot(struct canvas *c, const char *name, const struct screen_model *m)
{
	char path[1400], err[512];
	SDL_Rect all = { 0, 0, c->w, c->h };
	const struct screen_text *tx;
	const struct target *tg;
	struct image *im;
	int n, overflows;

	overflows = screens_draw(c->scr, m, c->w, c->h);
	snprintf(path, sizeof path, "%s/%s.png", outdir, name);
	if (shot_save(c->r, path, err, sizeof err) < 0)
		fail_msg("%s", err);
	shots++;
	im = uitest_snap(c->r);
	if (overflows != 0)
		fail_msg("%s: %d texts do not fit their boxes", name, overflows);
	if (image_blank(im, 8))
		fail_msg("%s: blank", name);
	tx = screens_texts(c->scr, &n);
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		struct image *cut;
		SDL_Color bg;
		if (!inside(tx[i].box, all))
			fail_msg("%s: text %s at %d,%d %dx%d is off the screen", name, tx[i].name, tx[i].box.x, tx[i].box.y,
			         tx[i].box.w, tx[i].box.h);
		/* ink in the box, against the box's own background (a card's colour) */
		cut = image_crop(im, tx[i].box);
		assert_non_null(cut);
		bg = image_background(cut);
		image_free(cut);
		if (image_ink_fraction(im, tx[i].box, bg, 40) <= 0.0)
			fail_msg("%s: text %s has no ink in its box", name, tx[i].name);
	}
	tg = screens_targets(c->scr, &n);
	for (int i = 0; i < n; i++) {
		if (!inside(tg[i].rect, all))
			fail_msg("%s: target %d is off the screen", name, i);
		if (tg[i].kind != TARGET_ANYWHERE && (tg[i].rect.w < MIN_TARGET_PX || tg[i].rect.h < MIN_TARGET_PX))
			fail_msg("%s: target %d is %dx%d px, under 15 mm", name, i, tg[i].rect.w, tg[i].rect.h);
	}
	return im;
}

static const struct target *find_target(struct canvas *c, enum target_kind kind)
{
	int n;
	const struct target *tg = screens_targets(c->scr, &n);
	for (int i = 0; i < n; i++)
		if (tg[i].kind == kind)
			return &tg[i];
	return NULL;
}

static const struct screen_text *find_text(struct canvas *c, const char *name)
{
	int n;
	const struct screen_text *tx = screens_texts(c->scr, &n);
	for (int i = 0; i < n; i++)
		if (strcmp(tx[i].name, name) == 0)
			return &tx[i];
	return NULL;
}

/* Does the ink of the named text hug the start side of its box (right in
 * right-to-left languages)? */
static void starts_at(struct canvas *c, struct image *im, const char *what, const char *name, bool rtl)
{
	const struct screen_text *tx = find_text(c, name);
	SDL_Rect ink;
	struct image *cut;
	SDL_Color bg;
	int slack;
	assert_non_null(tx);
	cut = image_crop(im, tx->box);
	bg = image_background(cut);
	image_free(cut);
	assert_true(image_ink_bbox(im, tx->box, bg, 40, &ink));
	slack = tx->box.w / 12;
	if (rtl && tx->box.x + tx->box.w - (ink.x + ink.w) > slack)
		fail_msg("%s: %s ink ends %d px left of its box's right edge: not right to left", what, name,
		         tx->box.x + tx->box.w - (ink.x + ink.w));
	if (!rtl && ink.x - tx->box.x > slack)
		fail_msg("%s: %s ink starts %d px right of its box's left edge", what, name, ink.x - tx->box.x);
}

static void every_screen(struct canvas *c, const char *size)
{
	static const struct { enum flow_screen s; enum flow_print p; const char *name; } screens[] = {
		{ FLOW_SERVICE, FLOW_PRINT_NONE, "service" },       { FLOW_ISSUING, FLOW_PRINT_NONE, "issuing" },
		{ FLOW_TICKET, FLOW_PRINT_PENDING, "ticket-printing" }, { FLOW_TICKET, FLOW_PRINT_OK, "ticket-printed" },
		{ FLOW_TICKET, FLOW_PRINT_NONE, "ticket-noprinter" }, { FLOW_REMEMBER, FLOW_PRINT_FAILED, "remember" },
	};
	int64_t now = tz_make(2026, 11, 24, 10 * 60 + 5);   /* a Tuesday: closed "on Monday at 9:00" */
	struct sample *sm = malloc(sizeof *sm);
	char name[128];
	struct image *im;
	assert_non_null(sm);

	/* the language-neutral screens, once */
	sample_fill(sm, cfg, FLOW_LANGUAGE, NULL, FLOW_PRINT_NONE, c->h > c->w, now);
	snprintf(name, sizeof name, "language-%s", size);
	im = shoot(c, name, &sm->model);
	assert_int_equal(screens_lang_count(c->scr), 7);
	image_free(im);
	sample_fill(sm, cfg, FLOW_OUT_OF_SERVICE, NULL, FLOW_PRINT_NONE, c->h > c->w, now);
	snprintf(name, sizeof name, "out-of-service-%s", size);
	image_free(shoot(c, name, &sm->model));

	for (int l = 0; l < cfg->n_langs; l++) {
		const char *lang = cfg->langs[l];
		bool rtl = text_rtl(c->t, lang);
		for (size_t k = 0; k < sizeof screens / sizeof screens[0]; k++) {
			sample_fill(sm, cfg, screens[k].s, lang, screens[k].p, c->h > c->w, now);
			snprintf(name, sizeof name, "%s-%s-%s", screens[k].name, lang, size);
			im = shoot(c, name, &sm->model);
			if (screens[k].s == FLOW_SERVICE) {
				const struct target *back = find_target(c, TARGET_BACK);
				int n, closed = 0;
				const struct target *tg = screens_targets(c->scr, &n);
				assert_non_null(back);
				/* Back sits at the start: left, or right in Arabic */
				if (rtl != (back->rect.x + back->rect.w / 2 > c->w / 2))
					fail_msg("%s: Back is on the wrong side", name);
				starts_at(c, im, name, "title", rtl);
				for (int i = 0; i < n; i++)
					closed += tg[i].kind == TARGET_SERVICE && !tg[i].enabled;
				assert_int_equal(closed, 1);   /* the sample's closed service cannot be chosen */
			}
			if (screens[k].s == FLOW_TICKET || screens[k].s == FLOW_REMEMBER) {
				const struct screen_text *num = find_text(c, "number");
				SDL_Rect ink;
				assert_non_null(num);
				assert_true(image_ink_bbox(im, num->box, image_background(im), 40, &ink));
				/* the number is large: at least 12 % of the screen's shorter side */
				if (ink.h < (c->w < c->h ? c->w : c->h) * 12 / 100)
					fail_msg("%s: the number is only %d px high", name, ink.h);
			}
			if (screens[k].s == FLOW_REMEMBER)
				starts_at(c, im, name, "failed", rtl);
			image_free(im);
		}
	}
	free(sm);
}

static void portrait(void **state)
{
	struct canvas c;
	(void)state;
	canvas_up(&c, 1080, 1920);
	every_screen(&c, "1080x1920");
	canvas_down(&c);
}

static void landscape(void **state)
{
	struct canvas c;
	(void)state;
	canvas_up(&c, 1920, 1080);
	every_screen(&c, "1920x1080");
	canvas_down(&c);
}

/* Smaller screens (a 10" tablet, the demo's window): it scales, still
 * nothing cut off. */
static void small(void **state)
{
	struct canvas c;
	(void)state;
	canvas_up(&c, 800, 1280);
	every_screen(&c, "800x1280");
	canvas_down(&c);
	canvas_up(&c, 540, 960);   /* the kiosk's window in `make demo` */
	every_screen(&c, "540x960");
	canvas_down(&c);
	printf("# %d screenshots in %s\n", shots, outdir);
}

/* The keyboard's focus and a finger's press are seen. */
static void focus_and_press(void **state)
{
	struct canvas c;
	struct sample *sm = malloc(sizeof *sm);
	struct image *plain, *focused, *pressed;
	const struct target *tg;
	int n;
	(void)state;
	canvas_up(&c, 1080, 1920);
	sample_fill(sm, cfg, FLOW_SERVICE, "vi", FLOW_PRINT_NONE, true, tz_make(2026, 11, 24, 10 * 60));
	plain = shoot(&c, "service-vi-plain", &sm->model);
	sm->model.focus = 0;
	focused = shoot(&c, "service-vi-focus", &sm->model);
	sm->model.focus = -1;
	sm->model.pressed = 0;
	pressed = shoot(&c, "service-vi-pressed", &sm->model);
	tg = screens_targets(c.scr, &n);
	{
		SDL_Rect around = { tg[0].rect.x - 10, tg[0].rect.y - 10, tg[0].rect.w + 20, tg[0].rect.h + 20 };
		struct image *a = image_crop(plain, around), *b = image_crop(focused, around), *p = image_crop(pressed, around);
		int diff_focus = 0, diff_press = 0;
		for (int y = 0; y < around.h; y++)
			for (int x = 0; x < around.w; x++) {
				SDL_Color ca = image_pixel(a, x, y), cb = image_pixel(b, x, y), cp = image_pixel(p, x, y);
				diff_focus += ca.r != cb.r || ca.g != cb.g || ca.b != cb.b;
				diff_press += ca.r != cp.r || ca.g != cp.g || ca.b != cp.b;
			}
		assert_true(diff_focus > around.w * 2);
		assert_true(diff_press > around.w * around.h / 4);   /* the whole card changes colour */
		image_free(a);
		image_free(b);
		image_free(p);
	}
	image_free(plain);
	image_free(focused);
	image_free(pressed);
	free(sm);
	canvas_down(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(portrait),
		cmocka_unit_test(landscape),
		cmocka_unit_test(small),
		cmocka_unit_test(focus_and_press),
	};
	log_init("test_kiosk_screens", LOG_ERROR);
	return cmocka_run_group_tests(tests, setup, teardown);
}
