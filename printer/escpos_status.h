/* The printer's answers to DLE EOT n, read into one state (ok, paper_low,
 * paper_out, cover_open, offline, error). The bit tables are in
 * docs/printing.md; fuzzed by tests/fuzz/fuzz_escpos_status.c. */
#ifndef FRONTA_PRINTER_ESCPOS_STATUS_H
#define FRONTA_PRINTER_ESCPOS_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "printer/printer.h"

/* Bits of the answers (Epson's ESC/POS reference, DLE EOT). */
#define ESCPOS_ST1_OFFLINE      0x08   /* n=1: offline */
#define ESCPOS_ST2_COVER_OPEN   0x04   /* n=2: cover open */
#define ESCPOS_ST2_FEED_BUTTON  0x08   /* n=2: paper being fed by the button */
#define ESCPOS_ST2_PAPER_END    0x20   /* n=2: printing stopped at paper end */
#define ESCPOS_ST2_ERROR        0x40   /* n=2: an error occurred */
#define ESCPOS_ST3_CUTTER       0x08   /* n=3: autocutter error */
#define ESCPOS_ST3_UNRECOVERABLE 0x20  /* n=3: unrecoverable error */
#define ESCPOS_ST3_AUTO_RECOVER 0x40   /* n=3: automatically recoverable error */
#define ESCPOS_ST4_NEAR_END     0x0c   /* n=4: roll paper near its end */
#define ESCPOS_ST4_PAPER_END    0x60   /* n=4: roll paper end */

/* Every answer has bits 1 and 4 set and bits 0 and 7 clear. */
#define ESCPOS_ST_FIXED_MASK 0x93
#define ESCPOS_ST_FIXED      0x12

/* The answers got so far; answer[n] is the byte for DLE EOT n (1..4). */
struct escpos_status {
	bool have[5];
	uint8_t answer[5];
};

/* True if b can be an answer to DLE EOT: its fixed bits are right. Other
 * bytes a printer sends unasked (automatic status back, XON/XOFF) are not. */
bool escpos_status_is_answer(uint8_t b);

/* The state the answers say, by precedence cover_open > paper_out > error >
 * offline > paper_low > ok; without an answer to n=1, offline. A missing
 * answer to n = 2..4 only means that cause is unknown. why (if not NULL)
 * gets a short English reason for logs ("cover open", "autocutter error"). */
enum printer_state escpos_status_state(const struct escpos_status *st, char *why, size_t whylen);

/* Reads a byte stream as the answers to DLE EOT 1, 2, 3, 4 asked in that
 * order, skipping bytes that cannot be answers, fills *out (may be NULL) and
 * returns escpos_status_state of it. Never fails: any input gives a state. */
enum printer_state escpos_status_parse(const uint8_t *stream, size_t len, struct escpos_status *out,
                                       char *why, size_t whylen);

#endif
