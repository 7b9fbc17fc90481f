/* What the console's window is doing besides showing the model: which
 * screen or picker is open, the row chosen in the waiting list, what is
 * typed, the interface language. Shared by the key map, the view and the
 * program's loop; plain data. */
#ifndef FRONTA_CONSOLE_SCREEN_H
#define FRONTA_CONSOLE_SCREEN_H

#include <stdbool.h>

#include "core/config.h"
#include "core/queue.h"

enum mode {
	MODE_MAIN,        /* the counter: current client, buttons, waiting list */
	MODE_COUNTER,     /* at start without --counter: which counter is this? */
	MODE_TRANSFER,    /* transfer the current ticket: pick a service */
	MODE_SERVICES,    /* which services the counter takes now */
	MODE_LANGUAGE,    /* the interface language */
	MODE_NUMBER       /* call a given ticket: type its number */
};

#define SCREEN_TYPED_MAX 8

struct screen {
	enum mode mode;
	char lang[CONFIG_LANG_LEN];                  /* interface language */
	char selected[TICKET_NUMBER_LEN];            /* waiting row chosen with the arrows ("" none) */
	int scroll;                                  /* first waiting row shown */
	int cursor;                                  /* the highlighted item of a picker */
	char typed[SCREEN_TYPED_MAX + 1];            /* MODE_NUMBER */
	char ticked[CONFIG_MAX_SERVICES + 1];        /* MODE_SERVICES: letters chosen */
};

#endif
