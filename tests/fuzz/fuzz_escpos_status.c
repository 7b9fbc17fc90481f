/* Fuzz target: the DLE EOT status parser (printer/escpos_status.c). Any byte
 * stream gives one of the six states with a reason, and the state agrees
 * with the answer bytes it was read from. */
#include <string.h>

#include "printer/escpos_status.h"
#include "printer/printer.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct escpos_status st;
	char why[80] = "";
	enum printer_state s = escpos_status_parse(data, size, &st, why, sizeof why);

	FUZZ_CHECK(s >= PRINTER_STATE_OK && s <= PRINTER_STATE_ERROR);
	FUZZ_CHECK(why[0] != '\0');
	/* answers are taken in order and only from bytes that can be answers */
	for (int n = 1; n <= 4; n++) {
		if (n > 1 && st.have[n])
			FUZZ_CHECK(st.have[n - 1]);
		if (st.have[n])
			FUZZ_CHECK(escpos_status_is_answer(st.answer[n]));
	}
	if (!st.have[1])
		FUZZ_CHECK(s == PRINTER_STATE_OFFLINE);
	if (s == PRINTER_STATE_OK || s == PRINTER_STATE_PAPER_LOW) {
		FUZZ_CHECK(!(st.answer[1] & ESCPOS_ST1_OFFLINE));
		FUZZ_CHECK(!st.have[4] || !(st.answer[4] & ESCPOS_ST4_PAPER_END));
		FUZZ_CHECK(!st.have[2] || !(st.answer[2] & (ESCPOS_ST2_COVER_OPEN |
		                                             ESCPOS_ST2_PAPER_END |
		                                             ESCPOS_ST2_ERROR)));
	}
	if (s == PRINTER_STATE_PAPER_LOW)
		FUZZ_CHECK(st.have[4] && (st.answer[4] & ESCPOS_ST4_NEAR_END));
	/* the same answers given directly read the same; a short buffer is cut,
	 * never overrun */
	char tiny[4];
	FUZZ_CHECK(escpos_status_state(&st, tiny, sizeof tiny) == s);
	FUZZ_CHECK(strlen(tiny) < sizeof tiny);
	FUZZ_CHECK(escpos_status_state(&st, NULL, 0) == s);
	return 0;
}
