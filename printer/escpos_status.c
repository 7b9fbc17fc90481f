/* DLE EOT answers into a printer state. */
#include "printer/escpos_status.h"

#include <string.h>

#include "printer/why.h"

bool escpos_status_is_answer(uint8_t b)
{
	return (b & ESCPOS_ST_FIXED_MASK) == ESCPOS_ST_FIXED;
}

static bool has(const struct escpos_status *st, int n, uint8_t bits)
{
	return st->have[n] && escpos_status_is_answer(st->answer[n]) && (st->answer[n] & bits);
}

static enum printer_state say(enum printer_state s, const char *text, char *why, size_t whylen)
{
	why_set(why, whylen, "%s", text);
	return s;
}

enum printer_state escpos_status_state(const struct escpos_status *st, char *why, size_t whylen)
{
	if (!st->have[1] || !escpos_status_is_answer(st->answer[1]))
		return say(PRINTER_STATE_OFFLINE, "no answer to DLE EOT 1", why, whylen);
	if (has(st, 2, ESCPOS_ST2_COVER_OPEN))
		return say(PRINTER_STATE_COVER_OPEN, "cover open", why, whylen);
	if (has(st, 2, ESCPOS_ST2_PAPER_END) || has(st, 4, ESCPOS_ST4_PAPER_END))
		return say(PRINTER_STATE_PAPER_OUT, "paper out", why, whylen);
	if (has(st, 3, ESCPOS_ST3_CUTTER))
		return say(PRINTER_STATE_ERROR, "autocutter error", why, whylen);
	if (has(st, 3, ESCPOS_ST3_UNRECOVERABLE))
		return say(PRINTER_STATE_ERROR, "unrecoverable error", why, whylen);
	if (has(st, 3, ESCPOS_ST3_AUTO_RECOVER))
		return say(PRINTER_STATE_ERROR, "error that clears by itself (head too hot?)", why,
		           whylen);
	if (has(st, 2, ESCPOS_ST2_ERROR))
		return say(PRINTER_STATE_ERROR, "error", why, whylen);
	if (has(st, 1, ESCPOS_ST1_OFFLINE)) {
		if (has(st, 2, ESCPOS_ST2_FEED_BUTTON))
			return say(PRINTER_STATE_OFFLINE, "offline: paper fed by the button", why,
			           whylen);
		return say(PRINTER_STATE_OFFLINE, "offline", why, whylen);
	}
	if (has(st, 4, ESCPOS_ST4_NEAR_END))
		return say(PRINTER_STATE_PAPER_LOW, "paper near its end", why, whylen);
	return say(PRINTER_STATE_OK, "ok", why, whylen);
}

enum printer_state escpos_status_parse(const uint8_t *stream, size_t len, struct escpos_status *out,
                                       char *why, size_t whylen)
{
	struct escpos_status st;
	size_t i = 0;

	memset(&st, 0, sizeof st);

	for (int n = 1; n <= 4 && stream; n++) {
		while (i < len && !escpos_status_is_answer(stream[i]))
			i++;
		if (i == len)
			break;
		st.have[n] = true;
		st.answer[n] = stream[i++];
	}
	if (out)
		*out = st;
	return escpos_status_state(&st, why, whylen);
}
