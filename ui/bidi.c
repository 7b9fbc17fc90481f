/* Bidi through libfribidi: levels per code point (with bracket pairs), and
 * L2 reordering done here on runs, because text.c shapes whole runs. */
#include "ui/bidi.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

void bidi_release(struct bidi_text *t)
{
	free(t->cp);
	free(t->level);
	free(t->off);
	memset(t, 0, sizeof *t);
}

int bidi_analyze(const char *s, size_t len, bool rtl, struct bidi_text *out)
{
	FriBidiCharType *types = NULL;
	FriBidiBracketType *brackets = NULL;
	FriBidiLevel *levels = NULL;
	FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	size_t i = 0;
	int n = 0;

	memset(out, 0, sizeof *out);
	out->cp = malloc((len + 1) * sizeof *out->cp);
	out->off = malloc((len + 1) * sizeof *out->off);
	out->level = malloc(len + 1);
	if (!out->cp || !out->off || !out->level)
		goto fail;
	while (i < len) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0 || cp == 0) {
			cp = 0xfffd;
			k = 1;
		}
		out->cp[n] = cp;
		out->off[n] = i;
		n++;
		i += k;
	}
	out->off[n] = len;
	out->n = n;
	if (n == 0)
		return 0;
	types = malloc((size_t)n * sizeof *types);
	brackets = malloc((size_t)n * sizeof *brackets);
	levels = malloc((size_t)n * sizeof *levels);
	if (!types || !brackets || !levels)
		goto fail;
	fribidi_get_bidi_types((const FriBidiChar *)out->cp, n, types);
	fribidi_get_bracket_types((const FriBidiChar *)out->cp, n, types, brackets);
	if (fribidi_get_par_embedding_levels_ex(types, brackets, n, &base, levels) == 0)
		goto fail;
	for (int k = 0; k < n; k++)
		out->level[k] = (uint8_t)levels[k];
	free(types);
	free(brackets);
	free(levels);
	return 0;
fail:
	free(types);
	free(brackets);
	free(levels);
	bidi_release(out);
	return -1;
}

void bidi_reorder_runs(const uint8_t *levels, int n, int *order)
{
	uint8_t hi = 0, lo = 255;
	for (int i = 0; i < n; i++) {
		order[i] = i;
		if (levels[i] > hi)
			hi = levels[i];
		if (levels[i] < lo)
			lo = levels[i];
	}
	if (n == 0)
		return;
	if (lo % 2 == 0)
		lo++;
	/* from the highest level down to the lowest odd one, reverse every
	 * maximal sequence at that level or higher */
	for (int lv = hi; lv >= lo; lv--) {
		int i = 0;
		while (i < n) {
			int j;
			if (levels[order[i]] < lv) {
				i++;
				continue;
			}
			j = i;
			while (j < n && levels[order[j]] >= lv)
				j++;
			for (int a = i, b = j - 1; a < b; a++, b--) {
				int t = order[a];
				order[a] = order[b];
				order[b] = t;
			}
			i = j;
		}
	}
}
