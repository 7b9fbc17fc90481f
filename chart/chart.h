/* The report's chart, for a coordinator's report: the period's key figures,
 * tickets per hour of the day (when the queue peaks), waiting times over
 * the period, and tickets per language. Drawn without a display (SDL's
 * software renderer on a surface) with the ui library's fonts and text,
 * and saved as PNG. Every word comes from assets/i18n/report/<lang>.po. */
#ifndef FRONTA_CHART_H
#define FRONTA_CHART_H

#include <stddef.h>

#include "core/config.h"
#include "report/tally.h"

#define CHART_W 1600
#define CHART_H 1000
/* The title's look, for tests that look for it in the picture. */
#define CHART_TITLE_PX 40
#define CHART_BG_RGB 0xffffff
#define CHART_INK_RGB 0x1b1f24

struct chart_spec {
	const struct tally *days;      /* the period's cells, one per day (not grouped) */
	const char *branch;            /* only this branch's cells; NULL or "": every branch */
	const char *from, *to;         /* the period, "YYYY-MM-DD" */
	const char *lang;              /* the chart's language (NULL: cs) */
	const struct config *cfg;      /* the branch's name and fonts; may be NULL */
	const char *assets;            /* the assets folder (NULL: assets_find) */
};

/* The title the chart carries: "<branch name>, <from> – <to>" in the
 * chart's language (the branch's name from cfg when it is that branch's,
 * its id otherwise, "All branches" for several). Returns 0, or -1 with a
 * message in err (the catalogue cannot be read). */
int chart_title(const struct chart_spec *spec, char *out, size_t cap, char *err, size_t errlen);

/* Draws the chart and writes it to path as PNG (through path.tmp, renamed
 * into place). Returns 0, or -1 with a message in err: no fonts, no
 * catalogue, cannot write. */
int chart_write_png(const struct chart_spec *spec, const char *path, char *err, size_t errlen);

#endif
