/* Ticket printing for the kiosk: one ticket image to an ESC/POS thermal
 * printer on a file, a TCP port (9100 raw) or a device (/dev/usb/lp0), with
 * the printer's paper status. docs/printing.md says what is sent and why.
 *
 * Every call blocks for at most the timeouts below, so the kiosk calls them
 * off its drawing thread. One struct printer is used by one thread at a time.
 * The library reports; the kiosk decides what the person at the screen sees. */
#ifndef FRONTA_PRINTER_PRINTER_H
#define FRONTA_PRINTER_PRINTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bitmap;
struct config;
struct printer;

/* What the kiosk reports in its presence (printer_state_name gives the word). */
enum printer_state {
	PRINTER_STATE_NONE,        /* "none": no printer configured */
	PRINTER_STATE_OK,          /* "ok" */
	PRINTER_STATE_PAPER_LOW,   /* "paper_low": prints, the roll is near its end */
	PRINTER_STATE_PAPER_OUT,   /* "paper_out" */
	PRINTER_STATE_COVER_OPEN,  /* "cover_open" */
	PRINTER_STATE_OFFLINE,     /* "offline": unreachable, silent, or says offline */
	PRINTER_STATE_ERROR        /* "error": cutter jam, head hot, I/O failure */
};

/* The result of printing. why-texts (English, for logs) say more. */
enum printer_err {
	PRINTER_OK = 0,        /* printed: every byte was taken by the printer */
	PRINTER_ENONE,         /* no printer configured (output = none) */
	PRINTER_EPAPER_OUT,    /* out of paper: not sent (or ran out while printing) */
	PRINTER_ECOVER_OPEN,   /* cover open: not sent */
	PRINTER_EOFFLINE,      /* cannot connect/open, no status answer, or offline */
	PRINTER_EERROR,        /* the printer reports an error (cutter, head) */
	PRINTER_ETIMEOUT,      /* the printer stopped taking data mid-ticket */
	PRINTER_EIO,           /* an I/O error; why has the errno text */
	PRINTER_EINVAL,        /* a wrong argument: output spec, image wider than the paper */
	PRINTER_ENOMEM
};

/* Milliseconds. connect: TCP connect; status: each DLE EOT answer; write: the
 * longest wait for the printer to take more bytes (a printer with a full
 * buffer takes them as fast as it prints); close: after a TCP ticket sent
 * without status, how long to wait for the printer to close its side, which
 * reveals a reset. */
struct printer_timeouts {
	int connect_ms, status_ms, write_ms, close_ms;
};

#define PRINTER_CONNECT_MS 2000
#define PRINTER_STATUS_MS  1000
#define PRINTER_WRITE_MS   5000
#define PRINTER_CLOSE_MS   1000
#define PRINTER_OUTPUT_LEN 512

struct printer_options {
	char output[PRINTER_OUTPUT_LEN];  /* none | file:PATH | tcp:HOST[:PORT] | device:PATH */
	int width_dots;                   /* 256..832 */
	bool cut;
	bool status;                      /* ask DLE EOT before and after each ticket */
	struct printer_timeouts timeouts;
};

/* Defaults: output none, 576 dots, cut, status, the timeouts above. */
void printer_options_default(struct printer_options *o);

/* Fills o from the [printer] section of cfg (output, width_dots, cut, status)
 * and the default timeouts. Returns PRINTER_OK, or PRINTER_EINVAL with why
 * naming the file and line of a malformed output. */
enum printer_err printer_options_from_config(const struct config *cfg, struct printer_options *o,
                                             char *why, size_t whylen);

/* A printer for these options (free with printer_free). Opens nothing yet:
 * each ticket and each status question connects or opens anew, so a printer
 * switched off and on needs no restart. NULL if the output spec or the width
 * is wrong (why says which) or memory runs out. */
struct printer *printer_new(const struct printer_options *o, char *why, size_t whylen);

void printer_free(struct printer *p);

/* The printable width in dots. */
int printer_width_dots(const struct printer *p);

/* Asks the printer now (tcp, device; DLE EOT 1 to 4) and returns its state:
 * none without a printer, ok for a file or when status is off, offline when
 * it cannot be reached or does not answer within timeouts.status_ms. */
enum printer_state printer_query_status(struct printer *p, char *why, size_t whylen);

/* The state found by the last printer_query_status or printer_print; before
 * either, none without a printer and ok otherwise (ask at start-up). */
enum printer_state printer_last_state(const struct printer *p);

/* Prints one ticket: ESC @, the image in GS v 0 bands, feed, cut (when
 * configured). With status on (tcp, device), asks first and sends nothing
 * if the printer is out of paper, open, offline or in error; asks again
 * afterwards to learn whether it ran out while printing. The image must not
 * be wider than the printer's width (narrower prints at the left).
 * Returns PRINTER_OK or why it failed; why gets one English line. */
enum printer_err printer_print(struct printer *p, const struct bitmap *ticket, char *why,
                               size_t whylen);

/* The bytes printer_print sends for this image (free() them), length in
 * *len; NULL if the image is too wide or memory runs out. */
uint8_t *printer_encode(const struct printer *p, const struct bitmap *ticket, size_t *len);

/* "ok", "paper_low", ..., "none". Never NULL. */
const char *printer_state_name(enum printer_state s);

/* "printed", "none", "paper_out", "cover_open", "offline", "error", "timeout",
 * "io", "invalid", "nomem". Never NULL. */
const char *printer_err_name(enum printer_err e);

#endif
