/* Sample data for drawing every screen (sample.h). */
#include "kiosk/sample.h"

#include <stdio.h>
#include <string.h>

#include "core/tz.h"

void sample_fill(struct sample *s, const struct config *cfg, enum flow_screen screen, const char *lang,
                 enum flow_print print, bool portrait, int64_t now_ms)
{
	int64_t day = tz_day_start(now_ms);
	int wd = tz_weekday(now_ms), to_monday = wd == 0 ? 7 : 7 - wd;
	struct tm tm;
	memset(s, 0, sizeof *s);
	tz_local(day + (int64_t)to_monday * 86400000 + 12 * 3600000, &tm);   /* noon: clear of DST changes */
	for (int i = 0; i < cfg->n_services && i < CONFIG_MAX_SERVICES; i++) {
		struct state_service *sv = &s->state.services[s->state.n_services++];
		sv->id = cfg->services[i].letter;
		sv->open = i != 1;
		sv->waiting = 2 + i;
		sv->est_wait_s = 300 + 900 * i;
		if (!sv->open)
			sv->opens_at_ms = tz_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 9 * 60);
	}
	snprintf(s->state.branch, sizeof s->state.branch, "%s", cfg->branch_id);
	s->state.seq = 1;
	snprintf(s->ticket.number, sizeof s->ticket.number, "%c003", cfg->n_services ? cfg->services[0].letter : 'A');
	s->ticket.service = cfg->n_services ? cfg->services[0].letter : 'A';
	snprintf(s->ticket.lang, sizeof s->ticket.lang, "%s", lang ? lang : cfg->langs[0]);
	s->ticket.priority = true;
	s->ticket.ahead = 3;
	s->ticket.est_wait_s = 1200;
	s->ticket.issued_ms = now_ms;
	s->model = (struct screen_model){ .screen = screen, .lang = s->ticket.lang, .priority_offered = true,
		                          .priority = true, .ticket = &s->ticket, .print = print, .state = &s->state,
		                          .now_ms = now_ms, .focus = -1, .pressed = -1, .portrait = portrait };
}
