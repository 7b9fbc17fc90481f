/* Where the bytes go: a file, a TCP printer, a device node; writes and status
 * questions with timeouts, so that a printer that goes away is an error,
 * never a hang. */
#ifndef FRONTA_PRINTER_TRANSPORT_H
#define FRONTA_PRINTER_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "printer/printer.h"

enum transport_kind { TRANSPORT_NONE, TRANSPORT_FILE, TRANSPORT_TCP, TRANSPORT_DEVICE };

#define TRANSPORT_DEFAULT_PORT "9100"
/* TCP send buffer asked for (the kernel doubles it): a quarter of a ticket. */
#define TRANSPORT_SNDBUF 16384

struct transport_spec {
	enum transport_kind kind;
	char path[PRINTER_OUTPUT_LEN];   /* file, device */
	char host[256];                  /* tcp */
	char port[8];                    /* tcp, "9100" when not given */
};

struct transport;

/* Reads "none", "file:PATH", "tcp:HOST[:PORT]" (HOST may be [IPv6]) or
 * "device:PATH". Returns 0, or -1 with why saying what is wrong. */
int transport_parse(const char *spec, struct transport_spec *out, char *why, size_t whylen);

/* Opens the output: a file to append to (created if missing), a TCP
 * connection within t->connect_ms, a device opened read-write, non-blocking.
 * Returns PRINTER_OK with *out (close with transport_close), PRINTER_EOFFLINE
 * for a printer that cannot be reached (no device node, refused, no answer),
 * PRINTER_EIO for a file that cannot be opened, PRINTER_EINVAL for NONE. */
enum printer_err transport_open(const struct transport_spec *spec,
                                const struct printer_timeouts *t, struct transport **out,
                                char *why, size_t whylen);

/* Writes all len bytes. Returns PRINTER_OK, PRINTER_ETIMEOUT if the other
 * side took nothing for t->write_ms, PRINTER_EIO (errno text in why) if it
 * went away. */
enum printer_err transport_write(struct transport *tr, const uint8_t *data, size_t len, char *why,
                                 size_t whylen);

/* Asks DLE EOT n and reads the answer. Bytes that cannot be answers are
 * skipped. skip: answers expected before ours (the printer also answers
 * DLE EOT byte sequences inside image data it was just sent); if fewer come,
 * the last one received counts. Returns PRINTER_OK with *answer,
 * PRINTER_EOFFLINE if nothing answers within t->status_ms (or wait_ms if
 * larger), PRINTER_EIO if the connection is gone. */
enum printer_err transport_ask(struct transport *tr, int n, int skip, int wait_ms, uint8_t *answer,
                               char *why, size_t whylen);

/* Ends a ticket and frees tr. For TCP: half-closes and waits up to
 * t->close_ms for the printer to close, which shows whether it reset the
 * connection (the ticket did not all arrive: PRINTER_EIO). finish = 0 just
 * closes (after a status question). tr may be NULL. */
enum printer_err transport_close(struct transport *tr, int finish, char *why, size_t whylen);

/* Whether this kind of output can answer status questions (tcp, device). */
int transport_answers(enum transport_kind kind);

#endif
