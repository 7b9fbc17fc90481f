/* The kiosk tests' fixture (kiosktest.h). */
#include "tests/kiosk/kiosktest.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>
#include <SDL2/SDL.h>

#include "core/tz.h"
#include "ui/assets.h"

int kiosktest_setup(struct kiosktest *k)
{
	char err[8192], assets[1024], dir[1100];
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	k->cfg = config_load("config/demo.ini", err, sizeof err);
	if (!k->cfg || tz_set(k->cfg->timezone) != 0)
		fail_msg("%s (run from the source root)", err);
	if (assets_find(NULL, assets, sizeof assets, err, sizeof err) < 0)
		fail_msg("%s", err);
	assets_path(assets, "i18n", dir, sizeof dir);
	k->cat = i18n_new(dir);
	if (i18n_load(k->cat, "common", err, sizeof err) != 0 || i18n_load(k->cat, "kiosk", err, sizeof err) != 0)
		fail_msg("%s", err);
	if (SDL_Init(0) < 0)
		fail_msg("%s", SDL_GetError());
	k->fonts = fonts_new(k->cfg, err, sizeof err);
	if (!k->fonts || fonts_add_catalogue(k->fonts, k->cfg, k->cat, err, sizeof err) != 0)
		fail_msg("%s", err);
	snprintf(k->outdir, sizeof k->outdir, "%s/test-artifacts/kiosk", build);
	snprintf(dir, sizeof dir, "mkdir -p '%s'", k->outdir);
	if (system(dir) != 0)
		fail_msg("cannot make %s", k->outdir);
	return 0;
}

void kiosktest_teardown(struct kiosktest *k)
{
	fonts_free(k->fonts);
	i18n_free(k->cat);
	config_free(k->cfg);
	SDL_Quit();
}
