/* Unit tests of the theme (contrast), the layout helpers, the shapes and
 * pictograms (drawn on SDL's software renderer and measured), buttons,
 * and the image questions the UI tests rely on. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/log.h"
#include "ui/assets.h"
#include "ui/button.h"
#include "ui/draw.h"
#include "ui/font.h"
#include "ui/i18n.h"
#include "ui/icon.h"
#include "ui/image.h"
#include "tests/ui/uitest.h"
#include "ui/layout.h"
#include "ui/shot.h"
#include "ui/text.h"
#include "ui/theme.h"

#define W 640
#define H 480

static SDL_Surface *surface;
static SDL_Renderer *ren;
static const SDL_Color BG = { 0, 0, 0, 255 }, FG = { 255, 255, 255, 255 };
static const SDL_Rect ALL = { 0, 0, W, H };

static int setup(void **state)
{
	(void)state;
	surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
	ren = SDL_CreateSoftwareRenderer(surface);
	return ren ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surface);
	SDL_Quit();
	return 0;
}

static void clear(void) { uitest_clear(ren, BG); }
static struct image *snap(void) { return uitest_snap(ren); }

static void test_theme_contrast(void **state)
{
	struct theme th;
	(void)state;
	theme_init(&th, 1920, 1080);
	assert_int_equal(th.unit, 18);
	theme_init(&th, 1080, 1920);
	assert_int_equal(th.unit, 18);
	theme_init(&th, 100, 100);
	assert_int_equal(th.unit, 4);
	assert_int_equal(theme_u(&th, 2.5), 10);
	assert_true(fabs(theme_contrast(FG, BG) - 21.0) < 0.01);
	/* text on its backgrounds: WCAG AAA (7:1) */
	assert_true(theme_contrast(th.text, th.bg) >= 7);
	assert_true(theme_contrast(th.text, th.surface) >= 7);
	assert_true(theme_contrast(th.muted, th.bg) >= 7);
	assert_true(theme_contrast(th.muted, th.surface) >= 7);
	assert_true(theme_contrast(th.on_accent, th.accent) >= 7);
	assert_true(theme_contrast(th.accent, th.bg) >= 7);
	assert_true(theme_contrast(th.on_button, th.button) >= 7);
	assert_true(theme_contrast(th.on_pressed, th.pressed) >= 7);
	assert_true(theme_contrast(th.danger, th.bg) >= 7);
	assert_true(theme_contrast(th.ok, th.bg) >= 7);
	assert_true(theme_contrast(th.warn, th.bg) >= 7);
	/* disabled looks disabled but stays readable (AA) */
	assert_true(theme_contrast(th.on_disabled, th.disabled) >= 4.5);
	printf("# contrast: text/bg %.1f, muted/bg %.1f, button %.1f, accent %.1f, danger/bg %.1f, disabled %.1f\n",
	       theme_contrast(th.text, th.bg), theme_contrast(th.muted, th.bg), theme_contrast(th.on_button, th.button),
	       theme_contrast(th.on_accent, th.accent), theme_contrast(th.danger, th.bg),
	       theme_contrast(th.on_disabled, th.disabled));
}

static void test_layout(void **state)
{
	SDL_Rect r = { 100, 50, 800, 400 }, a, b, rest;
	(void)state;
	a = layout_mirror((SDL_Rect){ 110, 60, 100, 20 }, r);
	assert_int_equal(a.x, 790);
	assert_int_equal(a.y, 60);
	a = layout_mirror(a, r);
	assert_int_equal(a.x, 110);
	a = layout_inset(r, 10);
	assert_true(a.x == 110 && a.y == 60 && a.w == 780 && a.h == 380);
	a = layout_inset((SDL_Rect){ 0, 0, 10, 10 }, 50);
	assert_true(a.w == 0 && a.h == 0);
	/* cells tile the rectangle exactly, and start on the right in rtl */
	a = layout_cell(r, 3, 2, 0, 10, false);
	b = layout_cell(r, 3, 2, 2, 10, false);
	assert_int_equal(a.x, 100);
	assert_int_equal(b.x + b.w, 900);
	b = layout_cell(r, 3, 2, 5, 10, false);
	assert_int_equal(b.y + b.h, 450);
	a = layout_cell(r, 3, 2, 0, 10, true);
	assert_int_equal(a.x + a.w, 900);
	rest = r;
	a = layout_take_start(&rest, 200, 10, true);
	assert_true(a.x == 700 && a.w == 200 && rest.x == 100 && rest.w == 590);
	a = layout_take_top(&rest, 1000, 10);
	assert_true(a.h == 400 && rest.h == 0);
	assert_true(layout_contains(r, 100, 50));
	assert_false(layout_contains(r, 900, 50));
}

static void test_shapes(void **state)
{
	struct image *im;
	SDL_Rect bb;
	double f;
	(void)state;
	clear();
	draw_circle(ren, 320, 240, 100, FG);
	im = snap();
	f = image_ink_fraction(im, ALL, BG, 128);
	/* a disc of radius 100: pi * 100^2 pixels, within 2 % */
	assert_true(fabs(f * W * H - M_PI * 100 * 100) < 0.02 * M_PI * 100 * 100);
	assert_true(image_ink_bbox(im, ALL, BG, 128, &bb));
	assert_true(abs(bb.w - 200) <= 2 && abs(bb.h - 200) <= 2);
	/* the edge is smooth: some pixels are between the two colours */
	assert_true(image_ink_fraction(im, ALL, BG, 10) > f);
	image_free(im);

	clear();
	draw_round_rect(ren, (SDL_Rect){ 100, 100, 300, 200 }, 40, FG);
	im = snap();
	f = image_ink_fraction(im, ALL, BG, 128) * W * H;
	assert_true(fabs(f - (300.0 * 200 - (4 - M_PI) * 40 * 40)) < 600);
	assert_true(image_ink_bbox(im, ALL, BG, 128, &bb));
	assert_true(abs(bb.x - 100) <= 1 && abs(bb.y - 100) <= 1 && abs(bb.w - 300) <= 2 && abs(bb.h - 200) <= 2);
	assert_true(image_pixel(im, 101, 101).r < 60);   /* the corner is round */
	image_free(im);

	clear();
	draw_round_frame(ren, (SDL_Rect){ 100, 100, 300, 200 }, 20, 6, FG);
	im = snap();
	assert_true(image_pixel(im, 250, 200).r < 10);   /* hollow */
	assert_true(image_pixel(im, 250, 102).r > 240);
	image_free(im);

	clear();
	draw_line(ren, 50, 50, 550, 50, 10, true, FG);
	draw_arc(ren, 320, 300, 80, 10, 0, (float)M_PI, FG);
	im = snap();
	assert_true(image_ink_bbox(im, (SDL_Rect){ 0, 0, W, 100 }, BG, 128, &bb));
	assert_true(abs(bb.x - 45) <= 1 && abs(bb.x + bb.w - 555) <= 1 && abs(bb.h - 10) <= 1);
	assert_true(image_pixel(im, 320, 380).r > 240);  /* the arc's bottom (y grows down) */
	assert_true(image_pixel(im, 320, 220).r < 10);   /* no top half */
	image_free(im);
}

static bool mirrored(const struct image *a, const struct image *b, SDL_Rect box)
{
	long bad = 0;
	for (int y = box.y; y < box.y + box.h; y++)
		for (int x = box.x; x < box.x + box.w; x++) {
			SDL_Color p = image_pixel(a, x, y), q = image_pixel(b, box.x + box.w - 1 - (x - box.x), y);
			if (abs(p.r - q.r) > 100)
				bad++;
		}
	/* rasterisers round edges towards one side: allow a pixel along the outline */
	return bad < box.w * box.h / 50;
}

static void test_icons(void **state)
{
	SDL_Rect box = { 100, 100, 200, 200 }, bb;
	(void)state;
	for (int i = 0; i < ICON_COUNT; i++) {
		struct image *ltr, *rtl;
		double f;
		clear();
		icon_draw(ren, (enum icon)i, box, FG, BG, false);
		ltr = snap();
		f = image_ink_fraction(ltr, box, BG, 128);
		/* something, but not a filled square */
		if (f < 0.08 || f > 0.8)
			fail_msg("icon %s covers %.2f of its box", icon_name((enum icon)i), f);
		assert_true(image_ink_bbox(ltr, ALL, BG, 20, &bb));
		if (bb.x < box.x - 1 || bb.y < box.y - 1 || bb.x + bb.w > box.x + box.w + 1 || bb.y + bb.h > box.y + box.h + 1)
			fail_msg("icon %s draws outside its box: %d,%d %dx%d", icon_name((enum icon)i), bb.x, bb.y, bb.w, bb.h);
		clear();
		icon_draw(ren, (enum icon)i, box, FG, BG, true);
		rtl = snap();
		if (icon_mirrors((enum icon)i)) {
			if (!mirrored(ltr, rtl, box))
				fail_msg("icon %s is not mirrored in rtl", icon_name((enum icon)i));
		} else if (image_ink_fraction(rtl, box, BG, 128) != f) {
			fail_msg("icon %s changes in rtl", icon_name((enum icon)i));
		}
		assert_int_equal(icon_from_name(icon_name((enum icon)i)), i);
		image_free(ltr);
		image_free(rtl);
	}
	/* forward and back are each other's mirror */
	{
		struct image *f, *b;
		clear();
		icon_draw(ren, ICON_FORWARD, box, FG, BG, false);
		f = snap();
		clear();
		icon_draw(ren, ICON_BACK, box, FG, BG, false);
		b = snap();
		assert_true(mirrored(f, b, box));
		/* forward points right: the tall head is in the right half */
		{
			SDL_Rect lb, rb;
			assert_true(image_ink_bbox(f, (SDL_Rect){ 100, 100, 100, 200 }, BG, 128, &lb));
			assert_true(image_ink_bbox(f, (SDL_Rect){ 200, 100, 100, 200 }, BG, 128, &rb));
			assert_true(rb.h > 2 * lb.h);
		}
		image_free(f);
		image_free(b);
	}
	assert_int_equal(icon_from_name("nope"), -1);
	assert_int_equal(icon_from_name(NULL), -1);
	icon_draw(ren, ICON_CLOCK, (SDL_Rect){ 0, 0, 0, 0 }, FG, BG, false);   /* nothing, no crash */
	icon_draw(ren, (enum icon)99, box, FG, BG, false);
}

static void test_buttons_and_screenshot(void **state)
{
	char assets[2048], dir[2100], err[2000], png[300];
	struct i18n *cat;
	struct fonts *fonts;
	struct text *t;
	struct theme th;
	struct button b = { { 40, 40, 400, 120 }, NULL, NULL, "ar", ICON_LEGAL, 0, BUTTON_NORMAL, 0 };
	struct image *im, *back;
	SDL_Rect bb, left = { 40, 40, 200, 120 }, right = { 240, 40, 200, 120 };
	SDL_Color surface_bg;
	(void)state;
	assert_int_equal(assets_find(NULL, assets, sizeof assets, err, sizeof err), 0);
	snprintf(dir, sizeof dir, "%s/i18n", assets);
	cat = i18n_new(dir);
	assert_int_equal(i18n_load(cat, "common", err, sizeof err), 0);
	fonts = fonts_new(NULL, err, sizeof err);
	assert_int_equal(fonts_add_catalogue(fonts, NULL, cat, err, sizeof err), 0);
	t = text_new(ren, fonts, cat, 0);
	theme_init(&th, W, H);
	b.label = i18n_get(cat, NULL, "ar", "Offline");
	b.sublabel = i18n_get(cat, NULL, "ar", "Reconnecting…");
	SDL_SetRenderDrawColor(ren, th.bg.r, th.bg.g, th.bg.b, 255);
	SDL_RenderClear(ren);
	assert_int_equal(button_draw(ren, t, &th, &b), 0);
	im = snap();
	/* in Arabic the pictogram is at the start, the right side */
	surface_bg = th.button;
	assert_true(image_ink_bbox(im, right, surface_bg, 60, &bb));
	assert_true(image_ink_fraction(im, (SDL_Rect){ 440 - 120, 60, 100, 80 }, surface_bg, 60) > 0.1);
	image_free(im);
	assert_true(button_hit(&b, 50, 50));
	assert_false(button_hit(&b, 39, 50));
	b.state = BUTTON_DISABLED;
	assert_false(button_hit(&b, 50, 50));
	/* pressed: the accent colour */
	b.state = BUTTON_PRESSED;
	b.lang = "cs";
	b.label = "Sociální poradenství a mnohem delší popisek, který se musí zmenšit";
	assert_int_equal(button_draw(ren, t, &th, &b), 0);
	im = snap();
	assert_int_equal(image_pixel(im, 60, 150).r, th.pressed.r);
	assert_true(image_ink_fraction(im, left, th.pressed, 60) > 0.02);
	image_free(im);
	/* a screenshot reads back what was drawn */
	snprintf(png, sizeof png, "/tmp/fronta-test-draw-%d.png", (int)getpid());
	assert_int_equal(shot_save(ren, png, err, sizeof err), 0);
	back = image_load(png, err, sizeof err);
	assert_non_null(back);
	assert_int_equal(image_width(back), W);
	assert_int_equal(image_pixel(back, 60, 150).g, th.pressed.g);
	assert_false(image_blank(back, 4));
	image_free(back);
	remove(png);
	assert_int_equal(shot_save(ren, "/nonexistent/dir/x.png", err, sizeof err), -1);
	assert_non_null(strstr(err, "/nonexistent/dir/x.png"));
	assert_null(image_load("/nonexistent.png", err, sizeof err));
	text_free(t);
	fonts_free(fonts);
	i18n_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme_contrast),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_icons),
		cmocka_unit_test(test_buttons_and_screenshot),
	};
	log_init("test_draw", LOG_ERROR);
	return cmocka_run_group_tests(tests, setup, teardown);
}
