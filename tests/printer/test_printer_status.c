/* DLE EOT answers into printer states: the byte tables of each state, the
 * precedence between causes, and streams with bytes that are not answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "printer/escpos_status.h"
#include "printer/printer.h"

struct row {
	const char *what;
	int have;            /* bit n set: answer n present */
	uint8_t a[5];        /* answers to DLE EOT 1..4 (index 0 unused) */
	enum printer_state want;
	const char *why;
};

/* Bytes as Epson printers send them: 0x12 is "nothing to report" for every n
 * (bits 1 and 4 are fixed to 1). */
static const struct row table[] = {
	{ "all clear", 0x1e, { 0, 0x12, 0x12, 0x12, 0x12 }, PRINTER_STATE_OK, "ok" },
	{ "online, n=4 only", 0x12, { 0, 0x12, 0, 0, 0x12 }, PRINTER_STATE_OK, "ok" },
	{ "drawer pin high is not a problem", 0x12, { 0, 0x16, 0, 0, 0x12 }, PRINTER_STATE_OK, "ok" },
	{ "near end, both sensor bits", 0x12, { 0, 0x12, 0, 0, 0x1e }, PRINTER_STATE_PAPER_LOW,
	  "near" },
	{ "near end, one bit", 0x12, { 0, 0x12, 0, 0, 0x16 }, PRINTER_STATE_PAPER_LOW, "near" },
	{ "paper end by n=4", 0x12, { 0, 0x12, 0, 0, 0x72 }, PRINTER_STATE_PAPER_OUT, "paper out" },
	{ "paper end and near end", 0x12, { 0, 0x1a, 0, 0, 0x7e }, PRINTER_STATE_PAPER_OUT,
	  "paper out" },
	{ "stopped at paper end by n=2", 0x06, { 0, 0x1a, 0x32, 0, 0 }, PRINTER_STATE_PAPER_OUT,
	  "paper out" },
	{ "cover open", 0x16, { 0, 0x1a, 0x16, 0, 0x12 }, PRINTER_STATE_COVER_OPEN, "cover open" },
	{ "cover open beats paper out", 0x16, { 0, 0x1a, 0x36, 0, 0x7e }, PRINTER_STATE_COVER_OPEN,
	  "cover" },
	{ "paper out beats error", 0x1e, { 0, 0x1a, 0x72, 0x1a, 0x12 }, PRINTER_STATE_PAPER_OUT,
	  "paper" },
	{ "autocutter error", 0x1e, { 0, 0x1a, 0x52, 0x1a, 0x12 }, PRINTER_STATE_ERROR,
	  "autocutter" },
	{ "unrecoverable error", 0x0e, { 0, 0x1a, 0x52, 0x32, 0 }, PRINTER_STATE_ERROR,
	  "unrecoverable" },
	{ "auto-recoverable error", 0x0e, { 0, 0x1a, 0x52, 0x52, 0 }, PRINTER_STATE_ERROR,
	  "by itself" },
	{ "error, cause unknown", 0x06, { 0, 0x1a, 0x52, 0, 0 }, PRINTER_STATE_ERROR, "error" },
	{ "error beats paper low", 0x1e, { 0, 0x1a, 0x52, 0x1a, 0x1e }, PRINTER_STATE_ERROR,
	  "autocutter" },
	{ "offline, no cause", 0x16, { 0, 0x1a, 0x12, 0, 0x12 }, PRINTER_STATE_OFFLINE, "offline" },
	{ "offline while feeding", 0x16, { 0, 0x1a, 0x1a, 0, 0x12 }, PRINTER_STATE_OFFLINE,
	  "button" },
	{ "offline beats paper low", 0x16, { 0, 0x1a, 0x12, 0, 0x1e }, PRINTER_STATE_OFFLINE,
	  "offline" },
	{ "offline, n=2 unanswered", 0x02, { 0, 0x1a, 0, 0, 0 }, PRINTER_STATE_OFFLINE, "offline" },
	{ "no answer at all", 0x00, { 0 }, PRINTER_STATE_OFFLINE, "no answer" },
	{ "n=1 answer with wrong fixed bits", 0x02, { 0, 0x13, 0, 0, 0 }, PRINTER_STATE_OFFLINE,
	  "no answer" },
	{ "n=4 answer with wrong fixed bits is ignored", 0x12, { 0, 0x12, 0, 0, 0xff },
	  PRINTER_STATE_OK, "ok" },
};

static void test_state_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		struct escpos_status st;
		char why[100];
		memset(&st, 0, sizeof st);
		for (int n = 1; n <= 4; n++) {
			st.have[n] = (table[i].have >> n) & 1;
			st.answer[n] = table[i].a[n];
		}
		enum printer_state got = escpos_status_state(&st, why, sizeof why);
		if (got != table[i].want || !strstr(why, table[i].why))
			fail_msg("%s: got %s (%s), want %s (%s)", table[i].what, printer_state_name(got),
			         why, printer_state_name(table[i].want), table[i].why);
	}
}

static void test_is_answer(void **state)
{
	int n = 0;

	(void)state;
	for (int b = 0; b < 256; b++)
		n += escpos_status_is_answer((uint8_t)b);
	assert_int_equal(n, 16);   /* 4 free bits */
	assert_true(escpos_status_is_answer(0x12));
	assert_true(escpos_status_is_answer(0x7e));
	assert_false(escpos_status_is_answer(0x11));   /* XON */
	assert_false(escpos_status_is_answer(0x13));   /* XOFF */
	assert_false(escpos_status_is_answer(0x10));   /* first byte of automatic status back */
	assert_false(escpos_status_is_answer(0x0f));   /* its later bytes have bit 4 clear */
}

/* A stream as the printer sends it: automatic status back bytes and XON
 * around the answers are skipped. */
static void test_parse_stream(void **state)
{
	const uint8_t cover[] = { 0x11, 0x1a, 0x10, 0x00, 0x0c, 0x00, 0x16, 0x13, 0x12, 0x12 };
	const uint8_t low[] = { 0x12, 0x12, 0x12, 0x1e };
	const uint8_t only_one[] = { 0x00, 0x12 };
	struct escpos_status st;
	char why[100];

	(void)state;
	assert_int_equal(escpos_status_parse(cover, sizeof cover, &st, why, sizeof why),
	                 PRINTER_STATE_COVER_OPEN);
	assert_true(st.have[4]);
	assert_int_equal(st.answer[2], 0x16);
	assert_int_equal(escpos_status_parse(low, sizeof low, &st, why, sizeof why),
	                 PRINTER_STATE_PAPER_LOW);
	assert_int_equal(escpos_status_parse(only_one, sizeof only_one, &st, why, sizeof why),
	                 PRINTER_STATE_OK);
	assert_false(st.have[2]);
	assert_int_equal(escpos_status_parse(NULL, 0, &st, NULL, 0), PRINTER_STATE_OFFLINE);
	assert_int_equal(escpos_status_parse(cover, 1, NULL, why, 3), PRINTER_STATE_OFFLINE);
	assert_string_equal(why, "no");   /* cut to the buffer */
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(printer_state_name(PRINTER_STATE_NONE), "none");
	assert_string_equal(printer_state_name(PRINTER_STATE_OK), "ok");
	assert_string_equal(printer_state_name(PRINTER_STATE_PAPER_LOW), "paper_low");
	assert_string_equal(printer_state_name(PRINTER_STATE_PAPER_OUT), "paper_out");
	assert_string_equal(printer_state_name(PRINTER_STATE_COVER_OPEN), "cover_open");
	assert_string_equal(printer_state_name(PRINTER_STATE_OFFLINE), "offline");
	assert_string_equal(printer_state_name(PRINTER_STATE_ERROR), "error");
	assert_string_equal(printer_err_name(PRINTER_OK), "printed");
	assert_string_equal(printer_err_name(PRINTER_EPAPER_OUT), "paper_out");
	assert_string_equal(printer_err_name(PRINTER_ETIMEOUT), "timeout");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_table),
		cmocka_unit_test(test_is_answer),
		cmocka_unit_test(test_parse_stream),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
