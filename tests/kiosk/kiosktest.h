/* What the kiosk's drawing tests share: the demo branch, the catalogue
 * (common and kiosk), its fonts, and the folder for pictures. */
#ifndef FRONTA_TESTS_KIOSKTEST_H
#define FRONTA_TESTS_KIOSKTEST_H

#include "core/config.h"
#include "ui/font.h"
#include "ui/i18n.h"

struct kiosktest {
	struct config *cfg;
	struct i18n *cat;
	struct fonts *fonts;
	char outdir[1024];     /* $BUILD/test-artifacts/kiosk, made */
};

/* Loads everything (failing the test if anything is missing). 0. */
int kiosktest_setup(struct kiosktest *k);
void kiosktest_teardown(struct kiosktest *k);

#endif
