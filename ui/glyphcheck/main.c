/* fronta-glyphcheck: checks that the fonts have a glyph for every character
 * of every translation in assets/i18n (and of the branch configuration's
 * service texts with --config). Exit 0: all there; 1: glyphs missing;
 * 2: the catalogue, configuration or fonts could not be read. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/log.h"
#include "version.h"
#include "ui/assets.h"
#include "ui/font.h"
#include "ui/glyphcheck.h"
#include "ui/i18n.h"

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: fronta-glyphcheck [--assets DIR] [--config FILE] [--quiet]\n"
	        "Checks that every character of every translation (assets/i18n) has a glyph\n"
	        "in the font that draws it. --config also checks the branch's service texts\n"
	        "and uses its [fonts] section. Exit 0: complete; 1: missing glyphs; 2: error.\n");
}

static void print_miss(void *user, const struct glyph_miss *m)
{
	char c[32];
	(void)user;
	printf("%s: %s: \"%.60s\": %s is not in %s nor in the Latin font\n", m->where, m->lang, m->msgid,
	       glyphcheck_describe(m->cp, c, sizeof c), m->font);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = { { "assets", required_argument, NULL, 'a' },
		                              { "config", required_argument, NULL, 'c' },
		                              { "quiet", no_argument, NULL, 'q' },
		                              { "help", no_argument, NULL, 'h' },
		                              { NULL, 0, NULL, 0 } };
	const char *assets_opt = NULL, *config_path = NULL;
	char assets[4096], dir[4200], err[16384];
	struct config *cfg = NULL;
	struct i18n *cat;
	struct fonts *fonts;
	int c, n, misses, rc = 0;
	bool quiet = false;

	log_init("fronta-glyphcheck", LOG_WARN);
	while ((c = getopt_long(argc, argv, "a:c:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'a': assets_opt = optarg; break;
		case 'c': config_path = optarg; break;
		case 'q': quiet = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (assets_find(assets_opt, assets, sizeof assets, err, sizeof err) < 0) {
		fprintf(stderr, "fronta-glyphcheck: %s\n", err);
		return 2;
	}
	if (config_path && !(cfg = config_load(config_path, err, sizeof err))) {
		fprintf(stderr, "%s", err);
		return 2;
	}
	snprintf(dir, sizeof dir, "%s/i18n", assets);
	cat = i18n_new(dir);
	n = cat ? i18n_load_all(cat, err, sizeof err) : -1;
	if (n != 0) {
		fprintf(stderr, "%s", n > 0 ? err : "fronta-glyphcheck: cannot read the catalogue\n");
		rc = 2;
	}
	fonts = fonts_new(cfg, err, sizeof err);
	if (!fonts) {
		fprintf(stderr, "fronta-glyphcheck: %s\n", err);
		i18n_free(cat);
		config_free(cfg);
		return 2;
	}
	if (fonts_add_catalogue(fonts, cfg, cat, err, sizeof err) > 0) {
		fprintf(stderr, "%s", err);
		rc = 2;
	}
	misses = glyphcheck_all(fonts, cat, print_miss, NULL);
	if (cfg)
		misses += glyphcheck_config(fonts, cat, cfg, print_miss, NULL);
	if (!quiet)
		printf("fronta-glyphcheck %s: %d languages, %d domains%s: %d missing glyphs\n", FRONTA_VERSION,
		       i18n_lang_count(cat), i18n_domain_count(cat), cfg ? " and the configuration" : "", misses);
	if (misses > 0 && rc == 0)
		rc = 1;
	fonts_free(fonts);
	i18n_free(cat);
	config_free(cfg);
	return rc;
}
