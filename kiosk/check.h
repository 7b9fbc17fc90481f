/* `fronta-kiosk --check --config FILE`: everything the kiosk needs before a
 * person stands at it, checked without a window or a broker: the branch
 * configuration and the kiosk's keys, the catalogue in every branch
 * language, a font for each, a glyph for every character people may see,
 * every screen and the paper ticket drawn in every language and both
 * orientations with nothing cut off, the services' pictograms, and the
 * printer settings (and the printer's state, when it can answer). */
#ifndef FRONTA_KIOSK_CHECK_H
#define FRONTA_KIOSK_CHECK_H

#include <stdio.h>

/* Runs the checks, printing one line per problem (naming the language and
 * the string for a missing glyph) and a summary to out. Returns 0 when
 * everything is right, 1 when something is wrong, 2 when the
 * configuration or the catalogue cannot be read at all. */
int kiosk_check(const char *config_path, const char *assets_opt, FILE *out);

#endif
