/* Completeness checks of the catalogue, for tests and `--check`: every
 * msgid of a domain's en.po is translated in every language (not missing,
 * not fuzzy, not empty), no translation has msgids English lacks, and the
 * {placeholders} of each msgstr match its msgid's. No SDL here. */
#ifndef FRONTA_UI_I18N_CHECK_H
#define FRONTA_UI_I18N_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/i18n.h"

/* file may be a path that does not exist (a missing language file). */
typedef void (*i18n_problem_fn)(void *user, const char *file, int line, const char *msg);

/* Checks domain (loaded in cat) in every language of cat against its
 * en.po. Calls fn for each problem; returns how many there were. */
int i18n_check_domain(struct i18n *cat, const char *domain, i18n_problem_fn fn, void *user);

/* Do msgstr's placeholders match those of msgid (and msgid_plural)? In a
 * plural entry a form may leave out {n} ("one hour"); nothing else may be
 * left out or added. Returns true, or false with the reason in why. */
bool i18n_check_placeholders(const char *msgid, const char *msgid_plural, const char *msgstr, char *why,
                             size_t whylen);

#endif
