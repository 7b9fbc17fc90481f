/* Where a program finds assets/ (translations, sounds): one rule for all. */
#ifndef FRONTA_UI_ASSETS_H
#define FRONTA_UI_ASSETS_H

#include <stddef.h>

/* The assets folder, first that applies:
 *   1. option (a program's --assets DIR), if not NULL;
 *   2. the environment variable FRONTA_ASSETS;
 *   3. <folder of the executable>/../../assets, if it holds i18n/common
 *      (a program run from build/bin or build/test of a checkout);
 *   4. $(PREFIX)/share/fronta as built (make PREFIX=...).
 * Writes the folder to out. Returns 0, or -1 with a message in err naming
 * what was tried when the chosen folder has no i18n/common/. */
int assets_find(const char *option, char *out, size_t cap, char *err, size_t errlen);

/* dir + "/" + rel into out. Returns 0, or -1 if it does not fit. */
int assets_path(const char *dir, const char *rel, char *out, size_t cap);

#endif
