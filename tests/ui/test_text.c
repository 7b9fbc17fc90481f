/* Unit tests of text layout and drawing on SDL's software renderer (no
 * display needed): bidi runs and their order, right-to-left alignment, the
 * ticket number left to right inside Arabic, wrapping inside a box, words
 * too long for a line, fitting, stacked Vietnamese marks, the texture
 * cache, bad input, and the fonts' messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "ui/assets.h"
#include "ui/bidi.h"
#include "ui/font.h"
#include "ui/i18n.h"
#include "ui/image.h"
#include "tests/ui/uitest.h"
#include "ui/text.h"

#define W 1200
#define H 600

static struct i18n *cat;
static struct fonts *fonts;
static SDL_Surface *surface;
static SDL_Renderer *ren;
static struct text *txt;
static char assets[2048];
static const SDL_Color BG = { 10, 20, 40, 255 }, FG = { 255, 255, 255, 255 };
static const SDL_Rect ALL = { 0, 0, W, H };

static int setup(void **state)
{
	char dir[2100], err[4000];
	(void)state;
	if (assets_find(NULL, assets, sizeof assets, err, sizeof err) < 0)
		return -1;
	snprintf(dir, sizeof dir, "%s/i18n", assets);
	cat = i18n_new(dir);
	if (i18n_load(cat, "common", err, sizeof err) != 0)
		return -1;
	fonts = fonts_new(NULL, err, sizeof err);
	if (!fonts || fonts_add_catalogue(fonts, NULL, cat, err, sizeof err) != 0) {
		fprintf(stderr, "# %s\n", err);
		return -1;
	}
	surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
	ren = SDL_CreateSoftwareRenderer(surface);
	txt = text_new(ren, fonts, cat, 0);
	return txt ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	text_free(txt);
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surface);
	fonts_free(fonts);
	i18n_free(cat);
	SDL_Quit();
	return 0;
}

static void clear(void) { uitest_clear(ren, BG); }
static struct image *snap(void) { return uitest_snap(ren); }

static struct text_style style(const char *lang, int px, int flags)
{
	struct text_style st = { lang, px, flags, TEXT_START, TEXT_TOP, FG, 0 };
	return st;
}

static void test_bidi(void **state)
{
	static const char ar[] = "الرقم A023، 12";
	struct bidi_text bt;
	uint8_t levels[4] = { 1, 2, 1, 2 };
	int order[4];
	(void)state;
	assert_int_equal(bidi_analyze(ar, strlen(ar), true, &bt), 0);
	assert_int_equal(bt.level[0], 1);             /* Arabic letters: right to left */
	assert_int_equal(bt.level[6], 2);             /* 'A' of A023: left to right inside */
	assert_int_equal(bt.level[9], 2);             /* '3' */
	assert_int_equal(bt.level[bt.n - 1], 2);      /* the digits of 12 */
	assert_int_equal(bt.off[bt.n], strlen(ar));
	bidi_release(&bt);
	bidi_reorder_runs(levels, 4, order);
	assert_int_equal(order[0], 3);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 1);
	assert_int_equal(order[3], 0);
	/* Arabic inside English keeps its place */
	levels[0] = 0;
	levels[1] = 1;
	levels[2] = 0;
	bidi_reorder_runs(levels, 3, order);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 2);
	/* invalid bytes become U+FFFD, one each */
	assert_int_equal(bidi_analyze("a\xff" "b", 3, false, &bt), 0);
	assert_int_equal(bt.n, 3);
	assert_int_equal(bt.cp[1], 0xfffd);
	bidi_release(&bt);
}

static void test_rtl_alignment(void **state)
{
	struct text_style st = style("ar", 40, 0);
	SDL_Rect box = { 100, 100, 1000, 80 }, bb;
	struct image *im;
	(void)state;
	clear();
	assert_int_equal(text_draw(txt, &st, i18n_get(cat, NULL, "ar", "Offline"), box, NULL), 0);
	im = snap();
	assert_true(image_ink_bbox(im, ALL, BG, 40, &bb));
	/* START is the right edge in Arabic */
	assert_true(box.x + box.w - (bb.x + bb.w) < 10);
	assert_true(bb.x > box.x + box.w / 2);
	image_free(im);
	/* and the left edge in Czech */
	clear();
	st.lang = "cs";
	text_draw(txt, &st, i18n_get(cat, NULL, "cs", "Offline"), box, NULL);
	im = snap();
	assert_true(image_ink_bbox(im, ALL, BG, 40, &bb));
	assert_true(bb.x - box.x < 10);
	image_free(im);
	/* END mirrors too */
	clear();
	st.lang = "ar";
	st.align = TEXT_END;
	text_draw(txt, &st, i18n_get(cat, NULL, "ar", "Offline"), box, NULL);
	im = snap();
	assert_true(image_ink_bbox(im, ALL, BG, 40, &bb));
	assert_true(bb.x - box.x < 10);
	image_free(im);
}

/* s drawn by SDL_ttf alone, left to right, in white at (x, y): a reference
 * that does not go through text.c. */
static void draw_reference(TTF_Font *f, const char *s, int x, int y)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	SDL_Surface *surf;
	SDL_Texture *tex;
	SDL_Rect dst;
	TTF_SetFontDirection(f, TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, "Latn");
	surf = TTF_RenderUTF8_Blended(f, s, white);
	assert_non_null(surf);
	tex = SDL_CreateTextureFromSurface(ren, surf);
	dst = (SDL_Rect){ x, y, surf->w, surf->h };
	SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	SDL_RenderCopy(ren, tex, NULL, &dst);
	SDL_DestroyTexture(tex);
	SDL_FreeSurface(surf);
}

static void test_number_stays_ltr_in_arabic(void **state)
{
	char sentence[300];
	struct text_style st = style("ar", 48, TEXT_BOLD);
	SDL_Rect bb, line = { 0, 0, W, 200 };
	struct image *im, *needle, *reversed_needle;
	int x, y, nx, ny;
	(void)state;
	i18n_format(sentence, sizeof sentence, i18n_get(cat, NULL, "ar", "Number {number}, please go to counter {counter}"),
	            "number", "A023", "counter", "2", NULL);
	/* the number alone, cut to its ink */
	clear();
	draw_reference(fonts_get(fonts, FONTS_LATIN, true, 48), "A023", 50, 50);
	im = snap();
	assert_true(image_ink_bbox(im, ALL, BG, 8, &bb));
	needle = image_crop(im, bb);
	image_free(im);
	clear();
	draw_reference(fonts_get(fonts, FONTS_LATIN, true, 48), "320A", 50, 50);
	im = snap();
	assert_true(image_ink_bbox(im, ALL, BG, 8, &bb));
	reversed_needle = image_crop(im, bb);
	image_free(im);
	/* the sentence: A023 must appear as it is, at the sentence's start
	 * (the right), after the first Arabic word */
	clear();
	text_draw_at(txt, &st, sentence, W - 20, 50, NULL);
	im = snap();
	assert_true(image_find(im, needle, line, 24, 30, &x, &y));
	assert_false(image_find(im, reversed_needle, line, 24, 30, &nx, &ny));
	assert_true(image_ink_bbox(im, ALL, BG, 40, &bb));
	assert_true(x > bb.x + (bb.w / 2));                       /* in the right half */
	assert_true(x + image_width(needle) < bb.x + bb.w - 40);  /* with Arabic to its right */
	image_free(im);
	image_free(needle);
	image_free(reversed_needle);
}

static void test_wrap_stays_inside(void **state)
{
	const char *langs[] = { "cs", "en", "uk", "ru", "vi", "mn", "ar" };
	(void)state;
	for (int i = 0; i < 7; i++) {
		struct text_style st = style(langs[i], 30, TEXT_WRAP);
		SDL_Rect box = { 300, 40, 420, 500 }, near = { 200, 0, 700, H }, bb;
		struct text_metrics m;
		struct image *im;
		char s[600];
		clear();
		snprintf(s, sizeof s, "%s %s %s", i18n_get(cat, NULL, langs[i], "Closed now. Opens {when}."),
		         i18n_get(cat, NULL, langs[i], "Number {number}, please go to counter {counter}"),
		         i18n_get(cat, NULL, langs[i], "Estimated wait: {wait}"));
		assert_int_equal(text_draw(txt, &st, s, box, &m), 0);
		assert_true(m.lines >= 2);
		assert_false(m.overflow);
		im = snap();
		assert_true(image_ink_bbox(im, near, BG, 40, &bb));
		if (bb.x < box.x || bb.x + bb.w > box.x + box.w || bb.y < box.y || bb.y + bb.h > box.y + box.h)
			fail_msg("%s: ink %d,%d %dx%d outside the box", langs[i], bb.x, bb.y, bb.w, bb.h);
		image_free(im);
	}
}

static void test_long_word(void **state)
{
	struct text_style st = style("cs", 40, TEXT_WRAP);
	SDL_Rect box = { 100, 50, 200, 400 }, near = { 0, 0, 500, H }, bb;
	struct text_metrics m;
	struct image *im;
	(void)state;
	clear();
	/* no room for the word on one line: broken between letters, shown
	 * whole, and said (return 1) */
	assert_int_equal(text_draw(txt, &st, "Nejneobhospodařovávatelnějšími", box, &m), 1);
	assert_true(m.overflow);
	assert_true(m.lines >= 3);
	im = snap();
	assert_true(image_ink_bbox(im, near, BG, 40, &bb));
	assert_true(bb.x >= box.x && bb.x + bb.w <= box.x + box.w);
	image_free(im);
	/* with TEXT_FIT it shrinks instead, until the word fits on a line */
	st.flags |= TEXT_FIT;
	st.min_px = 8;
	assert_int_equal(text_draw(txt, &st, "Nejneobhospodařovávatelnějšími", box, &m), 0);
	assert_int_equal(m.lines, 1);
	assert_true(m.px < 40);
}

static void test_fit_takes_the_largest_size(void **state)
{
	const char *s = i18n_get(cat, NULL, "ru", "Number {number}, please go to counter {counter}");
	struct text_style fit = style("ru", 80, TEXT_WRAP | TEXT_FIT | TEXT_BOLD);
	struct text_metrics m, bigger;
	struct text_style plain;
	(void)state;
	assert_int_equal(text_measure(txt, &fit, s, 500, 220, &m), 0);
	assert_true(m.px < 80 && m.w <= 500 && m.h <= 220);
	/* the next size up (6 % larger) does not fit */
	plain = fit;
	plain.flags = TEXT_WRAP | TEXT_BOLD;
	plain.px = (int)(m.px / 0.94) + 1;
	text_measure(txt, &plain, s, 500, 0, &bigger);
	assert_true(bigger.h > 220 || bigger.w > 500 || bigger.overflow);
	/* a box that cannot hold it even at min_px: drawn at min_px, said */
	fit.min_px = 30;
	assert_int_equal(text_measure(txt, &fit, s, 200, 40, &m), 1);
	assert_int_equal(m.px, 30);
	assert_true(m.overflow);
}

static void test_stacked_marks_not_clipped(void **state)
{
	struct text_style st = style("vi", 60, TEXT_BOLD);
	SDL_Rect bb_marks, bb_plain, block;
	struct text_metrics m;
	struct image *im;
	(void)state;
	assert_true(text_line_height(txt, &st) >= 60 * 13 / 10);
	clear();
	text_draw_at(txt, &st, "Ẫ Ỗ Ễ Ậ", 100, 100, &m);
	im = snap();
	block = (SDL_Rect){ 100, 100, m.w, m.h };
	assert_true(image_ink_bbox(im, ALL, BG, 40, &bb_marks));
	image_free(im);
	/* all ink inside the block, and not touching its top row: nothing cut */
	assert_true(bb_marks.y > block.y && bb_marks.y + bb_marks.h <= block.y + block.h);
	clear();
	text_draw_at(txt, &st, "A O E A", 100, 100, &m);
	im = snap();
	assert_true(image_ink_bbox(im, ALL, BG, 40, &bb_plain));
	image_free(im);
	/* the marks stand well above the capitals: two of them, stacked */
	assert_true(bb_marks.y < bb_plain.y - 60 / 4);
	assert_true(bb_marks.y + bb_marks.h > bb_plain.y + bb_plain.h);   /* the dot below */
}

static void test_anchor_and_baseline(void **state)
{
	struct text_style st = style("ar", 40, 0);
	struct text_metrics m;
	SDL_Rect bb;
	struct image *im;
	(void)state;
	clear();
	text_draw_at(txt, &st, i18n_get(cat, NULL, "ar", "Today"), 600, 100, &m);
	im = snap();
	assert_true(image_ink_bbox(im, ALL, BG, 40, &bb));
	assert_true(abs(bb.x + bb.w - 600) < 8);     /* START: the right edge is at x */
	image_free(im);
	clear();
	st = style("en", 50, 0);
	st.valign = TEXT_BASELINE;
	text_draw_at(txt, &st, "HHH", 100, 300, &m);
	im = snap();
	assert_true(image_ink_bbox(im, ALL, BG, 40, &bb));
	assert_true(abs(bb.y + bb.h - 300) <= 2);    /* H sits on the baseline */
	image_free(im);
	st.valign = TEXT_MIDDLE;
	st.align = TEXT_CENTER;
	clear();
	text_draw_at(txt, &st, "HHH", 600, 300, &m);
	im = snap();
	assert_true(image_ink_bbox(im, ALL, BG, 40, &bb));
	assert_true(abs(bb.x + bb.w / 2 - 600) < 4);
	image_free(im);
}

static void test_cache(void **state)
{
	struct text_style st = style("uk", 36, TEXT_BOLD);
	struct text_stats s0, s1;
	SDL_Rect box = { 0, 0, 800, 100 };
	struct text *small;
	int64_t t0, t1;
	(void)state;
	text_draw(txt, &st, "Зараз зачинено", box, NULL);
	text_stats(txt, &s0);
	t0 = clock_mono_ns();
	for (int i = 0; i < 2000; i++)
		text_draw(txt, &st, "Зараз зачинено", box, NULL);
	t1 = clock_mono_ns();
	text_stats(txt, &s1);
	assert_int_equal(s1.misses, s0.misses);
	assert_int_equal(s1.hits, s0.hits + 2000);
	printf("# a cached text_draw costs %.2f us (software renderer, pixel copy included); "
	       "a render costs %.2f ms on average\n",
	       (double)(t1 - t0) / 2000 / 1000, s1.misses ? (double)s1.render_ns / (double)s1.misses / 1e6 : 0.0);
	t0 = clock_mono_ns();
	for (int i = 0; i < 20000; i++)
		text_measure(txt, &st, "Зараз зачинено", 800, 100, NULL);
	t1 = clock_mono_ns();
	printf("# a cache lookup (text_measure of a cached text) costs %.3f us\n", (double)(t1 - t0) / 20000 / 1000);
	/* a small budget: old textures go, the newest stays */
	small = text_new(ren, fonts, cat, 300 * 1024);
	for (int i = 0; i < 60; i++) {
		char s[32];
		snprintf(s, sizeof s, "Číslo %d", i);
		st.lang = "cs";
		text_draw(small, &st, s, box, NULL);
	}
	text_stats(small, &s1);
	assert_true(s1.bytes <= 300 * 1024);
	assert_true(s1.entries < 60 && s1.entries > 0);
	assert_int_equal(s1.misses, 60);
	text_draw(small, &st, "Číslo 59", box, NULL);
	text_stats(small, &s0);
	assert_int_equal(s0.hits, s1.hits + 1);
	text_free(small);
	/* fonts are opened once per (file, size) */
	{
		int open = fonts_open_count(fonts);
		st.lang = "uk";
		for (int i = 0; i < 100; i++)
			fonts_get(fonts, "uk", true, 36);
		assert_int_equal(fonts_open_count(fonts), open);
		for (int px = 10; px < 200; px++)
			fonts_get(fonts, "cs", false, px);
		assert_true(fonts_open_count(fonts) <= 48);
	}
}

static void test_bad_input(void **state)
{
	struct text_style st = style("cs", 30, TEXT_WRAP);
	SDL_Rect box = { 10, 10, 600, 500 };
	struct text_metrics m;
	char *big;
	(void)state;
	clear();
	assert_int_equal(text_draw(txt, &st, "ab\xff\xfe\xc3", box, &m), 0);
	assert_true(m.w > 0);
	assert_int_equal(text_draw(txt, &st, "", box, &m), 0);
	assert_int_equal(text_draw(txt, &st, NULL, box, &m), 0);
	assert_int_equal(text_draw(txt, &st, "\n\n\n", box, &m), 0);
	assert_int_equal(m.lines, 4);
	assert_int_equal(text_draw(txt, &st, "a\tb\x01" "c", box, &m), 0);
	st.px = 0;
	assert_int_equal(text_draw(txt, &st, "x", box, &m), -1);
	st.px = 30;
	st.lang = "zz";   /* a language without a catalogue: Latin font, left to right */
	assert_int_equal(text_draw(txt, &st, "abc", box, &m), 0);
	st.lang = NULL;
	assert_int_equal(text_draw(txt, &st, "abc", box, &m), 0);
	big = malloc(20001);
	for (int i = 0; i < 20000; i++)
		big[i] = i % 7 == 6 ? ' ' : 'x';
	big[20000] = '\0';
	st.flags = TEXT_WRAP | TEXT_FIT;
	st.lang = "cs";
	assert_int_equal(text_draw(txt, &st, big, box, &m), 1);
	free(big);
	assert_int_equal(text_draw(txt, &st, "a\nb\nc", box, &m), 0);
	assert_int_equal(m.lines, 3);
}

static void test_font_messages(void **state)
{
	char path[2200], *text, err[1000];
	FILE *f;
	long n;
	struct config *cfg;
	struct fonts *fs;
	(void)state;
	snprintf(path, sizeof path, "%s/../config/demo.ini", assets);
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc((size_t)n + 200);
	n = (long)fread(text, 1, (size_t)n, f);
	fclose(f);
	strcpy(text + n, "\n[fonts]\nar = /nonexistent/Font.ttf\n");
	cfg = config_parse(text, strlen(text), "test.ini", err, sizeof err);
	assert_non_null(cfg);
	fs = fonts_new(cfg, err, sizeof err);
	assert_non_null(fs);
	assert_int_equal(fonts_add_lang(fs, cfg, "ar", "Arab", err, sizeof err), -1);
	assert_non_null(strstr(err, "[fonts] ar = /nonexistent/Font.ttf"));
	assert_non_null(strstr(err, "test.ini:"));
	/* the other languages are still found */
	assert_int_equal(fonts_add_lang(fs, cfg, "uk", "Cyrl", err, sizeof err), 0);
	/* no font for a language: what to install */
	assert_int_equal(fonts_add_lang(fs, NULL, "zz", "Zzzz", err, sizeof err), -1);
	assert_non_null(strstr(err, "no font for language zz"));
	assert_non_null(strstr(err, "fonts-noto-core"));
	assert_false(fonts_has(fs, "zz"));
	/* a language without a font draws with the Latin one */
	assert_non_null(fonts_get(fs, "zz", false, 20));
	fonts_free(fs);
	config_free(cfg);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bidi),
		cmocka_unit_test(test_rtl_alignment),
		cmocka_unit_test(test_number_stays_ltr_in_arabic),
		cmocka_unit_test(test_wrap_stays_inside),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_fit_takes_the_largest_size),
		cmocka_unit_test(test_stacked_marks_not_clipped),
		cmocka_unit_test(test_anchor_and_baseline),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_font_messages),
	};
	log_init("test_text", LOG_ERROR);
	return cmocka_run_group_tests(tests, setup, teardown);
}
