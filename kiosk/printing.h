/* Printing off the drawing thread: one worker thread owns the printer,
 * prints the tickets it is handed and, between tickets, asks the printer
 * for its state now and then; every result comes back to the SDL thread as
 * an SDL user event (printing_result reads it). */
#ifndef FRONTA_KIOSK_PRINTING_H
#define FRONTA_KIOSK_PRINTING_H

#include <stdbool.h>

#include <SDL2/SDL.h>

#include "printer/printer.h"

struct bitmap;
struct printing;

enum printing_kind { PRINTING_DONE, PRINTING_STATE };

struct printing_result {
	enum printing_kind kind;
	enum printer_err err;       /* DONE: PRINTER_OK or why not */
	enum printer_state state;   /* the printer's state after it */
};

/* Starts the worker for p (the worker uses it from now on; free it after
 * printing_stop). Results are pushed as events of type event_type (from
 * SDL_RegisterEvents). The state is asked at once and then every
 * status_every_ms while no ticket is printing. NULL if the thread cannot
 * start. */
struct printing *printing_start(struct printer *p, Uint32 event_type, int status_every_ms);

/* Hands a ticket to the worker, which frees it. Returns 0, or -1 if a
 * ticket is still printing (bm is freed; report it as a failure). */
int printing_submit(struct printing *pr, struct bitmap *bm);

/* Is ev a result of this worker? Fills *out. */
bool printing_result(const struct printing *pr, const SDL_Event *ev, struct printing_result *out);

/* Finishes the ticket being printed, if any, and stops the thread. */
void printing_stop(struct printing *pr);

#endif
