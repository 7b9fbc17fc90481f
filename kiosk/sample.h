/* Sample data for drawing every screen without a queue: a branch state
 * with one service closed until next Monday 9:00, waits, and a ticket.
 * `fronta-kiosk --check` draws every screen with it, and so do the tests. */
#ifndef FRONTA_KIOSK_SAMPLE_H
#define FRONTA_KIOSK_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "core/proto.h"
#include "kiosk/flow.h"
#include "kiosk/screens.h"

struct sample {
	struct state_doc state;
	struct flow_ticket ticket;
	struct screen_model model;
};

/* Fills s for screen in lang (NULL: the branch's first language) at wall
 * time now_ms: every service open with a different wait, except the second
 * (if any), closed until the next Monday at 9:00. The ticket is the third
 * of its service, priority, 3 people ahead, about 20 minutes. print is the
 * ticket screen's printing state. */
void sample_fill(struct sample *s, const struct config *cfg, enum flow_screen screen, const char *lang,
                 enum flow_print print, bool portrait, int64_t now_ms);

#endif
