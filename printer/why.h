/* The one-line English reasons ("why") the printer library hands back for
 * logs: every function that can fail writes one into its caller's buffer. */
#ifndef FRONTA_PRINTER_WHY_H
#define FRONTA_PRINTER_WHY_H

#include <stddef.h>

/* Formats into why (whylen bytes, cut to fit); does nothing if why is NULL
 * or whylen is 0, so callers that do not care pass NULL, 0. */
void why_set(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
