/* fronta-kiosk --check (check.h). Screens are drawn on a software renderer
 * over a surface, so the check runs on a server without a display. */
#include "kiosk/check.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL2/SDL.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/tz.h"
#include "kiosk/flow.h"
#include "kiosk/sample.h"
#include "kiosk/screens.h"
#include "kiosk/ticket.h"
#include "printer/bitmap.h"
#include "printer/printer.h"
#include "ui/assets.h"
#include "ui/font.h"
#include "ui/glyphcheck.h"
#include "ui/i18n.h"
#include "ui/i18n_check.h"
#include "ui/icon.h"
#include "ui/text.h"

struct checker {
	FILE *out;
	int problems;
	const struct config *cfg;
};

static void problem(struct checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct checker *c, const char *fmt, ...)
{
	va_list ap;
	fputs("fronta-kiosk --check: ", c->out);
	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
	fputc('\n', c->out);
	c->problems++;
}

static void on_glyph(void *user, const struct glyph_miss *m)
{
	struct checker *c = user;
	char cp[32];
	if (config_lang_index(c->cfg, m->lang) < 0)
		return;   /* a language this branch does not offer */
	problem(c, "%s: language %s: \"%.80s\": %s has no glyph in %s nor in the Latin font", m->where, m->lang, m->msgid,
	        glyphcheck_describe(m->cp, cp, sizeof cp), m->font);
}

static void on_i18n(void *user, const char *file, int line, const char *msg)
{
	struct checker *c = user;
	problem(c, "%s:%d: %s", file, line, msg);
}

/* Every screen in every branch language, both orientations, and the paper
 * ticket: texts that do not fit are named. */
static void check_drawing(struct checker *c, struct fonts *fonts, struct i18n *cat, int width_dots)
{
	static const struct { int w, h; } sizes[] = { { 1080, 1920 }, { 1920, 1080 } };
	static const struct { enum flow_screen s; enum flow_print p; } screens[] = {
		{ FLOW_LANGUAGE, FLOW_PRINT_NONE }, { FLOW_SERVICE, FLOW_PRINT_NONE },  { FLOW_ISSUING, FLOW_PRINT_NONE },
		{ FLOW_TICKET, FLOW_PRINT_PENDING }, { FLOW_TICKET, FLOW_PRINT_OK },    { FLOW_TICKET, FLOW_PRINT_NOTED },
		{ FLOW_REMEMBER, FLOW_PRINT_FAILED }, { FLOW_OUT_OF_SERVICE, FLOW_PRINT_NONE },
	};
	int64_t now = clock_now_ms();
	struct ticket_paper *paper = NULL;
	char err[512];

	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, sizes[z].w, sizes[z].h, 32, SDL_PIXELFORMAT_ARGB8888);
		SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
		struct text *t = r ? text_new(r, fonts, cat, 16u << 20) : NULL;
		struct screens *scr = t ? screens_new(r, t, cat, c->cfg) : NULL;
		if (!scr) {
			problem(c, "cannot draw on a %dx%d surface: %s", sizes[z].w, sizes[z].h, SDL_GetError());
		} else {
			for (int l = 0; l < screens_lang_count(scr); l++) {
				const char *lang = screens_lang(scr, l);
				for (size_t k = 0; k < sizeof screens / sizeof screens[0]; k++) {
					struct sample *sm = malloc(sizeof *sm);
					const struct screen_text *tx;
					int n;
					if (!sm)
						break;
					sample_fill(sm, c->cfg, screens[k].s, lang, screens[k].p, sizes[z].h > sizes[z].w, now);
					if (screens_draw(scr, &sm->model, sizes[z].w, sizes[z].h) != 0) {
						tx = screens_texts(scr, &n);
						for (int i = 0; i < n; i++)
							if (tx[i].rc != 0)
								problem(c, "language %s: the %s screen at %dx%d: a text (%s) does not fit its "
								        "box %dx%d",
								        lang, flow_screen_name(screens[k].s), sizes[z].w, sizes[z].h, tx[i].name,
								        tx[i].box.w, tx[i].box.h);
					}
					free(sm);
				}
			}
		}
		screens_free(scr);
		text_free(t);
		if (r)
			SDL_DestroyRenderer(r);
		SDL_FreeSurface(surf);
	}

	paper = ticket_paper_new(fonts, cat, c->cfg, width_dots, err, sizeof err);
	if (!paper) {
		problem(c, "%s", err);
		return;
	}
	for (int l = 0; l < c->cfg->n_langs; l++) {
		struct sample *sm = malloc(sizeof *sm);
		struct ticket_layout lay;
		struct bitmap *bm;
		if (!sm)
			break;
		sample_fill(sm, c->cfg, FLOW_TICKET, c->cfg->langs[l], FLOW_PRINT_PENDING, true, now);
		bm = ticket_paper_render(paper, &sm->ticket, &lay);
		if (!bm)
			problem(c, "language %s: the paper ticket cannot be drawn", c->cfg->langs[l]);
		else if (lay.overflows)
			problem(c, "language %s: %d texts of the paper ticket do not fit %d dots", c->cfg->langs[l], lay.overflows,
			        width_dots);
		bitmap_free(bm);
		free(sm);
	}
	ticket_paper_free(paper);
}

static void check_printer(struct checker *c)
{
	struct printer_options po;
	struct printer *p;
	char why[512];
	int line = config_line(c->cfg, "printer", "output");
	if (printer_options_from_config(c->cfg, &po, why, sizeof why) != PRINTER_OK) {
		problem(c, "%s", why);
		return;
	}
	p = printer_new(&po, why, sizeof why);
	if (!p) {
		problem(c, "%s:%d: [printer] %s", c->cfg->path, line, why);
		return;
	}
	if (strncmp(po.output, "file:", 5) == 0) {
		/* the file is made at the first ticket: its folder must be there */
		char dir[PRINTER_OUTPUT_LEN + 32];
		char *slash;
		struct stat sb;
		snprintf(dir, sizeof dir, "%s", po.output + 5);
		slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			/* said, not failed: a demo or a deployment may make the folder
			 * after the check; until it exists every print fails (and the
			 * kiosk asks people to remember their number) */
			if (dir[0] && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
				fprintf(c->out, "fronta-kiosk --check: %s:%d: [printer] output %s: the folder %s does not exist (yet); "
				        "tickets cannot be printed until it does\n", c->cfg->path, line, po.output, dir);
		}
	} else if (strncmp(po.output, "tcp:", 4) == 0 || strncmp(po.output, "device:", 7) == 0) {
		/* the printer may be off while the branch is checked: said, not failed */
		enum printer_state st = printer_query_status(p, why, sizeof why);
		fprintf(c->out, "fronta-kiosk --check: printer %s: %s%s%s\n", po.output, printer_state_name(st),
		        st == PRINTER_STATE_OK ? "" : ": ", st == PRINTER_STATE_OK ? "" : why);
	}
	printer_free(p);
}

int kiosk_check(const char *config_path, const char *assets_opt, FILE *out)
{
	struct checker c = { out, 0, NULL };
	char err[16384], assets[PATH_MAX], dir[PATH_MAX + 8];
	struct config *cfg;
	struct i18n *cat = NULL;
	struct fonts *fonts = NULL;
	int kiosks = 0, rc = 0;

	if (!config_path) {
		fprintf(out, "fronta-kiosk --check: --config FILE is needed\n");
		return 2;
	}
	cfg = config_load(config_path, err, sizeof err);
	if (!cfg) {
		fputs(err, out);
		return 2;
	}
	c.cfg = cfg;
	if (tz_set(cfg->timezone) != 0)
		problem(&c, "time zone %s is not installed (tzdata)", cfg->timezone);
	for (int i = 0; i < cfg->n_devices; i++)
		kiosks += cfg->devices[i].role == ROLE_KIOSK;
	if (kiosks == 0)
		problem(&c, "%s: [devices] has no kiosk (e.g. kiosk-1 = kiosk)", config_path);
	for (int i = 0; i < cfg->n_services; i++) {
		const struct service_cfg *s = &cfg->services[i];
		if (s->icon[0] && icon_from_name(s->icon) < 0)
			problem(&c, "%s:%d: service %c: icon \"%s\" is not a pictogram (counter, document, legal, social, "
			        "interpret, person, ticket, ...)",
			        config_path, s->line, s->letter, s->icon);
	}

	if (assets_find(assets_opt, assets, sizeof assets, err, sizeof err) < 0) {
		fprintf(out, "fronta-kiosk --check: %s\n", err);
		config_free(cfg);
		return 2;
	}
	assets_path(assets, "i18n", dir, sizeof dir);
	cat = i18n_new(dir);
	err[0] = '\0';
	if (!cat || i18n_load(cat, "common", err, sizeof err) < 0 || i18n_load(cat, "kiosk", err, sizeof err) < 0) {
		fprintf(out, "fronta-kiosk --check: cannot read the catalogue in %s\n%s", dir, err);
		i18n_free(cat);
		config_free(cfg);
		return 2;
	}
	if (err[0]) {
		fputs(err, out);
		c.problems++;
	}
	for (int i = 0; i < cfg->n_langs; i++)
		if (!i18n_has_lang(cat, cfg->langs[i]))
			problem(&c, "language %s of the branch has no %s/common/%s.po", cfg->langs[i], dir, cfg->langs[i]);
	i18n_check_domain(cat, "kiosk", on_i18n, &c);

	if (SDL_Init(0) < 0 || !(fonts = fonts_new(cfg, err, sizeof err))) {
		fprintf(out, "fronta-kiosk --check: %s\n", fonts ? SDL_GetError() : err);
		rc = 2;
		goto done;
	}
	for (int i = 0; i < cfg->n_langs; i++) {
		const char *lang = cfg->langs[i];
		if (fonts_add_lang(fonts, cfg, lang, i18n_lang_script(cat, lang), err, sizeof err) != 0)
			problem(&c, "%s", err);
	}
	/* every string of the loaded domains and each language's own name (the
	 * language screen shows it in its font); other languages are skipped */
	glyphcheck_all(fonts, cat, on_glyph, &c);
	glyphcheck_config(fonts, cat, cfg, on_glyph, &c);
	check_drawing(&c, fonts, cat, (int)config_int(cfg, "printer", "width_dots"));
	check_printer(&c);
	rc = c.problems ? 1 : 0;
	fprintf(out, "fronta-kiosk --check: %s: %d languages, %d services: %s\n", config_path, cfg->n_langs,
	        cfg->n_services, c.problems ? "NOT GOOD" : "good");
	if (c.problems)
		fprintf(out, "fronta-kiosk --check: %d problems\n", c.problems);
done:
	fonts_free(fonts);
	i18n_free(cat);
	config_free(cfg);
	SDL_Quit();
	return rc;
}
