/* The paper ticket: drawn in every language at 576 and 384 dots, encoded
 * as ESC/POS by the printer library, written through its file output, and
 * decoded back: the image is the one drawn, dot for dot, its size and text
 * area are right, the number is big and black, and the paper is cut. The
 * drawn tickets are kept as PNG in $BUILD/test-artifacts/kiosk/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/clock.h"
#include "core/config.h"
#include "tests/kiosk/kiosktest.h"
#include "core/log.h"
#include "core/tz.h"
#include "kiosk/sample.h"
#include "kiosk/ticket.h"
#include "printer/bitmap.h"
#include "printer/escpos_decode.h"
#include "printer/printer.h"
#include "ui/assets.h"
#include "ui/font.h"
#include "ui/i18n.h"

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

/* Black dots in a rectangle of bm. */
static long black_in(const struct bitmap *bm, int x0, int y0, int w, int h)
{
	long n = 0;
	for (int y = y0; y < y0 + h; y++)
		for (int x = x0; x < x0 + w; x++)
			n += bitmap_get(bm, x, y);
	return n;
}

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void one_width(int width)
{
	char err[512], path[1300];
	struct ticket_paper *paper = ticket_paper_new(fonts, cat, cfg, width, err, sizeof err);
	struct printer_options po;
	struct printer *pr;
	char tmp[] = "/tmp/kiosk-ticket-XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	close(fd);
	unlink(tmp);   /* the printer's file output creates it */
	assert_non_null(paper);
	printer_options_default(&po);
	snprintf(po.output, sizeof po.output, "file:%s", tmp);
	po.width_dots = width;
	pr = printer_new(&po, err, sizeof err);
	assert_non_null(pr);

	for (int l = 0; l < cfg->n_langs; l++) {
		const char *lang = cfg->langs[l];
		struct sample *sm = malloc(sizeof *sm);
		struct ticket_layout lay;
		struct bitmap *bm, *back;
		struct escpos_doc *doc;
		uint8_t *bytes;
		size_t len;
		int n, raster = 0, cut_at = -1, last_raster = -1;
		assert_non_null(sm);
		sample_fill(sm, cfg, FLOW_TICKET, lang, FLOW_PRINT_PENDING, true, tz_make(2026, 11, 24, 9 * 60 + 15));
		{
			int64_t t0 = clock_mono_ns();
			bm = ticket_paper_render(paper, &sm->ticket, &lay);
			printf("# %s at %d dots: drawn and converted in %.1f ms, %d rows\n", lang, width,
			       (double)(clock_mono_ns() - t0) / 1e6, lay.height);
		}
		assert_non_null(bm);
		snprintf(path, sizeof path, "%s/paper-%s-%d.png", outdir, lang, width);
		assert_int_equal(ticket_paper_save(paper, path, err, sizeof err), 0);
		if (lay.overflows)
			fail_msg("%s at %d dots: %d texts do not fit", lang, width, lay.overflows);

		/* size: the paper's width; a ticket, not a scroll */
		assert_int_equal(bitmap_width(bm), width);
		assert_int_equal(bitmap_height(bm), lay.height);
		assert_true(lay.height > width);
		assert_true(lay.height < width * 3);
		/* the margins are white, the text area is inked */
		assert_int_equal(black_in(bm, 0, 0, lay.text.x, lay.height), 0);
		assert_int_equal(black_in(bm, lay.text.x + lay.text.w, 0, width - lay.text.x - lay.text.w, lay.height), 0);
		assert_int_equal(black_in(bm, 0, 0, width, lay.text.y), 0);
		assert_true(black_in(bm, lay.text.x, lay.text.y, lay.text.w, lay.text.h) > 0);
		/* the number: big (over a fifth of the paper's width high) and black */
		{
			long ink = black_in(bm, lay.number.x, lay.number.y, lay.number.w, lay.number.h);
			assert_true(lay.number.h > width / 5);
			assert_true(ink > (long)lay.number.w * lay.number.h / 12);
		}

		/* through the printer library's file output, and back */
		assert_int_equal(printer_print(pr, bm, err, sizeof err), PRINTER_OK);
		bytes = read_all(tmp, &len);
		unlink(tmp);
		if (escpos_decode(bytes, len, &doc, err, sizeof err) != ESCPOS_DECODE_OK)
			fail_msg("%s: %s", lang, err);
		n = escpos_doc_count(doc);
		assert_int_equal(escpos_doc_item(doc, 0)->kind, ESCPOS_INIT);
		for (int i = 0; i < n; i++) {
			const struct escpos_item *it = escpos_doc_item(doc, i);
			if (it->kind == ESCPOS_RASTER) {
				raster++;
				last_raster = i;
				assert_int_equal(it->scale, 0);
			}
			if (it->kind == ESCPOS_CUT)
				cut_at = i;
			assert_true(it->kind != ESCPOS_TEXT);   /* everything is an image: any script */
		}
		assert_true(raster >= 1);
		assert_int_equal(escpos_doc_n_images(doc), 1);
		assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_CUT), 1);
		assert_int_equal(cut_at, n - 1);          /* the cut comes last ... */
		assert_true(cut_at > last_raster + 1);     /* ... after the image and a feed past the tear bar */
		back = escpos_doc_image(doc, 0);
		assert_non_null(back);
		assert_true(bitmap_equal(back, bm));
		bitmap_free(back);
		escpos_doc_free(doc);
		free(bytes);
		bitmap_free(bm);
		free(sm);
	}
	printer_free(pr);
	ticket_paper_free(paper);
}

static void paper_80mm(void **state)
{
	(void)state;
	one_width(576);
}

static void paper_58mm(void **state)
{
	(void)state;
	one_width(384);
}

/* A ticket with nobody ahead and no priority says so, and is shorter. */
static void next_in_line(void **state)
{
	char err[512];
	struct ticket_paper *paper = ticket_paper_new(fonts, cat, cfg, 576, err, sizeof err);
	struct sample *sm = malloc(sizeof *sm);
	struct ticket_layout a, b;
	struct bitmap *bm;
	(void)state;
	sample_fill(sm, cfg, FLOW_TICKET, "en", FLOW_PRINT_PENDING, true, tz_make(2026, 11, 24, 9 * 60 + 15));
	bm = ticket_paper_render(paper, &sm->ticket, &a);
	bitmap_free(bm);
	sm->ticket.priority = false;
	sm->ticket.ahead = 0;
	sm->ticket.est_wait_s = 60;
	bm = ticket_paper_render(paper, &sm->ticket, &b);
	assert_int_equal(b.overflows, 0);
	assert_true(b.height < a.height);
	bitmap_free(bm);
	assert_null(ticket_paper_new(fonts, cat, cfg, 100, err, sizeof err));
	free(sm);
	ticket_paper_free(paper);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paper_80mm),
		cmocka_unit_test(paper_58mm),
		cmocka_unit_test(next_in_line),
	};
	log_init("test_kiosk_ticket", LOG_ERROR);
	return cmocka_run_group_tests(tests, setup, teardown);
}
