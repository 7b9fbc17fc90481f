/* fronta-bench-ticket: what printing one ticket costs the kiosk before the
 * bytes leave it: the kiosk's own ticket_paper_render (the texts drawn with
 * the screen's fonts, any script, then turned into 1-bit dots) and the
 * printer library's printer_encode (ESC/POS, as printer_print sends it),
 * for tickets in every language of the branch, by turns.
 *   fronta-bench-ticket --config FILE [--n N] [--assets DIR]
 * Floors, measured by turns with the tickets, on an image of the same size:
 *   encode: printer_encode of an all-white bitmap (the bytes alone);
 *   page:   a white 32-bit surface turned into dots and encoded (everything
 *           the kiosk does for a ticket except drawing its texts).
 * Each ticket's bytes are decoded back (printer/escpos_decode.h) once per
 * language and compared with its image: what is timed is a real ticket.
 * Prints one JSON object (milliseconds; ticket_cpu is the CPU time the
 * ticket took, which a busy machine does not inflate). */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL2/SDL.h>

#include "bench/stats.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/tz.h"
#include "kiosk/flow.h"
#include "kiosk/ticket.h"
#include "printer/bitmap.h"
#include "printer/escpos_decode.h"
#include "printer/printer.h"
#include "ui/assets.h"
#include "ui/font.h"
#include "ui/i18n.h"

struct kit {
	struct config *cfg;
	struct i18n *cat;
	struct fonts *fonts;
	struct printer *printer;
	struct ticket_paper *paper;
	SDL_Surface *page;           /* the page floor's surface, as wide as the paper */
};

static double since_ms(int64_t t0)
{
	return (double)(clock_mono_ns() - t0) / 1e6;
}

/* This thread's CPU time, ms: on a busy machine, the part of a ticket's
 * time that was work (the rest was waiting for a core). Not a clock of the
 * day, so not core/clock.h's business. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Loads what the kiosk loads for its tickets. 0, or -1 with a message. */
static int kit_open(struct kit *k, const char *config, const char *assets_opt)
{
	char err[8192], assets[PATH_MAX], dir[PATH_MAX + 8];
	struct printer_options po;

	k->cfg = config_load(config, err, sizeof err);
	if (!k->cfg) {
		fprintf(stderr, "%s", err);
		return -1;
	}
	if (tz_set(k->cfg->timezone) != 0)
		fprintf(stderr, "fronta-bench-ticket: time zone %s is not installed; times in UTC\n", k->cfg->timezone);
	if (assets_find(assets_opt, assets, sizeof assets, err, sizeof err) < 0) {
		fprintf(stderr, "fronta-bench-ticket: %s\n", err);
		return -1;
	}
	assets_path(assets, "i18n", dir, sizeof dir);
	k->cat = i18n_new(dir);
	if (!k->cat || i18n_load(k->cat, "common", err, sizeof err) != 0 ||
	    i18n_load(k->cat, "kiosk", err, sizeof err) != 0) {
		fprintf(stderr, "fronta-bench-ticket: the catalogue in %s: %s\n", dir, err);
		return -1;
	}
	if (SDL_Init(0) != 0) {
		fprintf(stderr, "fronta-bench-ticket: SDL_Init: %s\n", SDL_GetError());
		return -1;
	}
	k->fonts = fonts_new(k->cfg, err, sizeof err);
	if (!k->fonts || fonts_add_catalogue(k->fonts, k->cfg, k->cat, err, sizeof err) != 0) {
		fprintf(stderr, "fronta-bench-ticket: fonts: %s\n", err);
		return -1;
	}
	/* the branch's printer as the kiosk makes it (its output is not opened) */
	if (printer_options_from_config(k->cfg, &po, err, sizeof err) != PRINTER_OK ||
	    !(k->printer = printer_new(&po, err, sizeof err))) {
		fprintf(stderr, "fronta-bench-ticket: printer: %s\n", err);
		return -1;
	}
	k->paper = ticket_paper_new(k->fonts, k->cat, k->cfg, po.width_dots, err, sizeof err);
	k->page = SDL_CreateRGBSurfaceWithFormat(0, po.width_dots, 2400, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!k->paper || !k->page) {
		fprintf(stderr, "fronta-bench-ticket: %s\n", k->paper ? SDL_GetError() : err);
		return -1;
	}
	return 0;
}

static void kit_close(struct kit *k)
{
	ticket_paper_free(k->paper);
	if (k->page)
		SDL_FreeSurface(k->page);
	printer_free(k->printer);
	fonts_free(k->fonts);
	i18n_free(k->cat);
	config_free(k->cfg);
	SDL_Quit();
}

/* Ticket i: the languages, services, numbers, queue lengths and waits of a
 * day, by turns. */
static void ticket_make(const struct config *cfg, long i, struct flow_ticket *tk)
{
	const struct service_cfg *svc = &cfg->services[i % cfg->n_services];
	memset(tk, 0, sizeof *tk);
	snprintf(tk->number, sizeof tk->number, "%c%03ld", svc->letter, 1 + i % 999);
	tk->service = svc->letter;
	snprintf(tk->lang, sizeof tk->lang, "%s", cfg->langs[i % cfg->n_langs]);
	tk->priority = i % 5 == 0;
	tk->ahead = (int)(i * 7 % 40);
	tk->est_wait_s = (int)(i * 373 % 5400);
	tk->issued_ms = clock_now_ms();
}

/* Are bytes the ticket bm, read back? */
static int check_bytes(const uint8_t *bytes, size_t len, const struct bitmap *bm, const char *what)
{
	struct escpos_doc *doc = NULL;
	struct bitmap *back = NULL;
	char err[300];
	int ok;
	if (escpos_decode(bytes, len, &doc, err, sizeof err) != ESCPOS_DECODE_OK) {
		fprintf(stderr, "fronta-bench-ticket: %s: the bytes do not decode: %s\n", what, err);
		return -1;
	}
	ok = escpos_doc_n_images(doc) == 1 && (back = escpos_doc_image(doc, 0)) && bitmap_equal(back, bm) &&
	     bitmap_count_black(bm) > 0;
	if (!ok)
		fprintf(stderr, "fronta-bench-ticket: %s: the bytes do not hold the ticket's image\n", what);
	bitmap_free(back);
	escpos_doc_free(doc);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "config", required_argument, 0, 'c' },
		{ "n", required_argument, 0, 'n' },
		{ "assets", required_argument, 0, 'a' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	struct samples *total = samples_new(), *render = samples_new(), *encode = samples_new(),
	               *floor = samples_new(), *page = samples_new(), *cpu = samples_new();
	/* what is printed, in this order */
	const struct { const char *name; struct samples *s; } sets[] = {
		{ "ticket", total }, { "ticket_cpu", cpu }, { "render", render },
		{ "encode", encode }, { "floor", floor }, { "page", page },
	};
	const size_t n_sets = sizeof sets / sizeof sets[0];
	const char *config = NULL, *assets = NULL;
	struct kit k;
	double first_ms = 0, cold_max = 0;
	long n = 200, rows_min = LONG_MAX, rows_max = 0, bytes_max = 0;
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
		switch (c) {
		case 'c': config = optarg; break;
		case 'n': n = atol(optarg); break;
		case 'a': assets = optarg; break;
		case 'h':
		default:
			fprintf(c == 'h' ? stdout : stderr,
			        "Usage: fronta-bench-ticket --config FILE [--n N] [--assets DIR]\n"
			        "Times the kiosk's ticket render + ESC/POS encoding; prints JSON (ms).\n");
			return c == 'h' ? 0 : 2;
		}
	}
	if (!config || n < 1) {
		fprintf(stderr, "fronta-bench-ticket: --config FILE is needed, --n must be positive\n");
		return 2;
	}
	log_init("fronta-bench-ticket", LOG_WARN);
	memset(&k, 0, sizeof k);
	if (!total || !render || !encode || !floor || !page || !cpu || kit_open(&k, config, assets) != 0)
		goto out;
	/* the first ticket of each language finds the fonts' caches cold, as
	 * the kiosk's first ticket of the day does: kept apart (cold_max_ms) */
	for (long i = -k.cfg->n_langs; i < n; i++) {
		struct flow_ticket tk;
		struct bitmap *bm, *white;
		uint8_t *bytes;
		size_t len;
		int64_t t0, t1;
		double r_ms, e_ms, c0 = cpu_ms();

		ticket_make(k.cfg, i + k.cfg->n_langs, &tk);
		t0 = clock_mono_ns();
		bm = ticket_paper_render(k.paper, &tk, NULL);
		t1 = clock_mono_ns();
		bytes = bm ? printer_encode(k.printer, bm, &len) : NULL;
		e_ms = since_ms(t1);
		r_ms = (double)(t1 - t0) / 1e6;
		if (!bytes) {
			fprintf(stderr, "fronta-bench-ticket: ticket %s (%s) could not be %s\n", tk.number, tk.lang,
			        bm ? "encoded" : "drawn");
			bitmap_free(bm);
			goto out;
		}
		if (i < 0) {
			char what[64];
			snprintf(what, sizeof what, "ticket %s (%s)", tk.number, tk.lang);
			if (check_bytes(bytes, len, bm, what) != 0) {
				free(bytes);
				bitmap_free(bm);
				goto out;
			}
			if (i == -k.cfg->n_langs)
				first_ms = r_ms + e_ms;
			if (r_ms + e_ms > cold_max)
				cold_max = r_ms + e_ms;
		} else {
			samples_add(render, r_ms);
			samples_add(encode, e_ms);
			samples_add(total, r_ms + e_ms);
			samples_add(cpu, cpu_ms() - c0);
		}
		if (bitmap_height(bm) < rows_min)
			rows_min = bitmap_height(bm);
		if (bitmap_height(bm) > rows_max)
			rows_max = bitmap_height(bm);
		if ((long)len > bytes_max)
			bytes_max = (long)len;
		free(bytes);

		/* the floors, on an image of this ticket's size */
		white = bitmap_new(bitmap_width(bm), bitmap_height(bm));
		t0 = clock_mono_ns();
		bytes = white ? printer_encode(k.printer, white, &len) : NULL;
		if (i >= 0)
			samples_add(floor, since_ms(t0));
		free(bytes);
		bitmap_free(white);
		t0 = clock_mono_ns();
		SDL_FillRect(k.page, NULL, SDL_MapRGB(k.page->format, 255, 255, 255));
		white = bitmap_from_pixels32(k.page->pixels, bitmap_width(bm), bitmap_height(bm), k.page->pitch,
		                             k.page->format->format, BITMAP_THRESHOLD, 128);
		bytes = white ? printer_encode(k.printer, white, &len) : NULL;
		if (i >= 0)
			samples_add(page, since_ms(t0));
		free(bytes);
		bitmap_free(white);
		bitmap_free(bm);
	}
	printf("{\"langs\":%d,\"width_dots\":%d,\"rows_min\":%ld,\"rows_max\":%ld,\"bytes_max\":%ld,"
	       "\"first_ms\":%.3f,\"cold_max_ms\":%.3f,",
	       k.cfg->n_langs, printer_width_dots(k.printer), rows_min, rows_max, bytes_max, first_ms, cold_max);
	for (size_t j = 0; j < n_sets; j++)
		samples_print(stdout, sets[j].name, -1, sets[j].s, j + 1 < n_sets ? "," : "}\n");
	rc = 0;
out:
	kit_close(&k);
	for (size_t j = 0; j < n_sets; j++)
		samples_free(sets[j].s);
	return rc;
}
