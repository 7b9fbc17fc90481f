/* The kiosk's printer: status before, ticket bytes, status after, and one
 * clear result. */
#include "printer/printer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "printer/bitmap.h"
#include "printer/escpos.h"
#include "printer/escpos_status.h"
#include "printer/transport.h"
#include "printer/why.h"

#define PRINTER_MIN_DOTS 256
#define PRINTER_MAX_DOTS 832

struct printer {
	struct printer_options o;
	struct transport_spec spec;
	enum printer_state state;
};

void printer_options_default(struct printer_options *o)
{
	memset(o, 0, sizeof *o);
	snprintf(o->output, sizeof o->output, "none");
	o->width_dots = 576;
	o->cut = true;
	o->status = true;
	o->timeouts = (struct printer_timeouts){ PRINTER_CONNECT_MS, PRINTER_STATUS_MS,
	                                         PRINTER_WRITE_MS, PRINTER_CLOSE_MS };
}

enum printer_err printer_options_from_config(const struct config *cfg, struct printer_options *o,
                                             char *why, size_t whylen)
{
	struct transport_spec spec;
	const char *output = config_str(cfg, "printer", "output");
	char msg[300];

	printer_options_default(o);
	if (!output || strlen(output) >= sizeof o->output ||
	    transport_parse(output, &spec, msg, sizeof msg) < 0) {
		if (!output || strlen(output) >= sizeof o->output)
			snprintf(msg, sizeof msg, "output is longer than %zu bytes",
			         sizeof o->output - 1);
		why_set(why, whylen, "%s:%d: [printer] %s", cfg->path,
		        config_line(cfg, "printer", "output"), msg);
		return PRINTER_EINVAL;
	}
	snprintf(o->output, sizeof o->output, "%s", output);
	o->width_dots = (int)config_int(cfg, "printer", "width_dots");
	o->cut = config_bool(cfg, "printer", "cut");
	o->status = config_bool(cfg, "printer", "status");
	return PRINTER_OK;
}

struct printer *printer_new(const struct printer_options *o, char *why, size_t whylen)
{
	struct printer *p;
	const struct printer_timeouts *t = &o->timeouts;

	if (o->width_dots < PRINTER_MIN_DOTS || o->width_dots > PRINTER_MAX_DOTS) {
		why_set(why, whylen, "width_dots %d is not within %d..%d", o->width_dots,
		        PRINTER_MIN_DOTS, PRINTER_MAX_DOTS);
		return NULL;
	}
	if (t->connect_ms < 1 || t->status_ms < 1 || t->write_ms < 1 || t->close_ms < 0) {
		why_set(why, whylen, "timeouts must be positive");
		return NULL;
	}
	p = calloc(1, sizeof *p);
	if (!p) {
		why_set(why, whylen, "out of memory");
		return NULL;
	}
	p->o = *o;
	p->o.output[sizeof p->o.output - 1] = '\0';
	if (transport_parse(p->o.output, &p->spec, why, whylen) < 0) {
		free(p);
		return NULL;
	}
	p->state = p->spec.kind == TRANSPORT_NONE ? PRINTER_STATE_NONE : PRINTER_STATE_OK;
	return p;
}

void printer_free(struct printer *p)
{
	free(p);
}

int printer_width_dots(const struct printer *p)
{
	return p->o.width_dots;
}

enum printer_state printer_last_state(const struct printer *p)
{
	return p->state;
}

/* DLE EOT 1, then 2 if offline, 3 if 2 says error, and 4 for the paper.
 * skip and wait_ms: answers the image data may have asked for before ours,
 * and how long the first answer may take (see transport_ask). Returns
 * PRINTER_OK with the state in *state, or the transport's error (EOFFLINE:
 * a question left unanswered; EIO: the connection is gone). */
static enum printer_err ask_all(struct transport *tr, int skip, int wait_ms,
                                enum printer_state *state, char *why, size_t whylen)
{
	struct escpos_status st;
	int want[4] = { 1, 0, 0, 4 };
	enum printer_err e;

	memset(&st, 0, sizeof st);
	for (int i = 0; i < 4; i++) {
		int n = want[i];
		if (n == 0)
			continue;
		e = transport_ask(tr, n, skip, wait_ms, &st.answer[n], why, whylen);
		if (e)
			return e;
		skip = 0;
		wait_ms = 0;
		st.have[n] = true;
		if (n == 1 && (st.answer[1] & ESCPOS_ST1_OFFLINE))
			want[1] = 2;
		if (n == 2 && (st.answer[2] & ESCPOS_ST2_ERROR))
			want[2] = 3;
	}
	*state = escpos_status_state(&st, why, whylen);
	return PRINTER_OK;
}

/* The state a failed transport leaves the printer in. */
static enum printer_state state_of(enum printer_err e)
{
	switch (e) {
	case PRINTER_OK: return PRINTER_STATE_OK;
	case PRINTER_EOFFLINE: case PRINTER_ETIMEOUT: return PRINTER_STATE_OFFLINE;
	default: return PRINTER_STATE_ERROR;
	}
}

enum printer_state printer_query_status(struct printer *p, char *why, size_t whylen)
{
	struct transport *tr;
	enum printer_err e;

	why_set(why, whylen, "ok");
	if (p->spec.kind == TRANSPORT_NONE) {
		why_set(why, whylen, "no printer configured");
		return p->state = PRINTER_STATE_NONE;
	}
	if (!p->o.status || !transport_answers(p->spec.kind))
		return p->state = PRINTER_STATE_OK;
	e = transport_open(&p->spec, &p->o.timeouts, &tr, why, whylen);
	if (e)
		return p->state = state_of(e);
	e = ask_all(tr, 0, 0, &p->state, why, whylen);
	if (e)
		p->state = state_of(e);
	transport_close(tr, 0, NULL, 0);
	return p->state;
}

uint8_t *printer_encode(const struct printer *p, const struct bitmap *ticket, size_t *len)
{
	struct escpos_ticket_opts eo = { .cut = p->o.cut, .feed_lines = ESCPOS_TICKET_FEED };

	if (!ticket || bitmap_width(ticket) > p->o.width_dots)
		return NULL;
	return escpos_encode_ticket(ticket, &eo, len);
}

/* A state that stops a ticket, as the error printer_print returns. */
static enum printer_err refusal(enum printer_state s)
{
	switch (s) {
	case PRINTER_STATE_PAPER_OUT: return PRINTER_EPAPER_OUT;
	case PRINTER_STATE_COVER_OPEN: return PRINTER_ECOVER_OPEN;
	case PRINTER_STATE_OFFLINE: return PRINTER_EOFFLINE;
	case PRINTER_STATE_ERROR: return PRINTER_EERROR;
	default: return PRINTER_OK;
	}
}

/* How many DLE EOT n (n 1..4) sequences the bytes hold: a printer answers
 * those even inside image data, before it answers our own question. */
static int count_questions(const uint8_t *b, size_t len)
{
	int n = 0;

	for (size_t i = 0; i + 2 < len; i++)
		if (b[i] == ESCPOS_DLE && b[i + 1] == ESCPOS_EOT && b[i + 2] >= 1 && b[i + 2] <= 4)
			n++;
	return n;
}

enum printer_err printer_print(struct printer *p, const struct bitmap *ticket, char *why,
                               size_t whylen)
{
	struct transport *tr = NULL;
	enum printer_err e;
	enum printer_state s = PRINTER_STATE_OK;
	bool ask = p->o.status && transport_answers(p->spec.kind);
	uint8_t *bytes;
	size_t len;
	char detail[300];

	why_set(why, whylen, "printed");
	if (p->spec.kind == TRANSPORT_NONE) {
		why_set(why, whylen, "no printer configured");
		p->state = PRINTER_STATE_NONE;
		return PRINTER_ENONE;
	}
	if (!ticket) {
		why_set(why, whylen, "no ticket image");
		return PRINTER_EINVAL;
	}
	if (bitmap_width(ticket) > p->o.width_dots) {
		why_set(why, whylen, "the ticket is %d dots wide, the printer prints %d",
		        bitmap_width(ticket), p->o.width_dots);
		return PRINTER_EINVAL;
	}
	bytes = printer_encode(p, ticket, &len);
	if (!bytes) {
		why_set(why, whylen, "out of memory encoding the ticket");
		return PRINTER_ENOMEM;
	}
	e = transport_open(&p->spec, &p->o.timeouts, &tr, why, whylen);
	if (e)
		goto fail;
	if (ask) {
		if ((e = ask_all(tr, 0, 0, &s, detail, sizeof detail)))
			goto fail_detail;
		if ((e = refusal(s))) {
			why_set(why, whylen, "%s: ticket not sent", detail);
			goto refused;
		}
	}
	if ((e = transport_write(tr, bytes, len, why, whylen)))
		goto fail;
	if (ask) {
		/* The answer comes once the printer has read the whole ticket:
		 * with a full buffer, after printing what did not fit. */
		e = ask_all(tr, count_questions(bytes, len), p->o.timeouts.write_ms, &s, detail,
		            sizeof detail);
		if (e) {
			why_set(why, whylen, "after the ticket was sent: %s", detail);
			goto fail;
		}
		if ((e = refusal(s))) {
			why_set(why, whylen, "after the ticket was sent: %s: it may be incomplete",
			        detail);
			goto refused;
		}
	}
	/* With status, the answer after the ticket already proved every byte
	 * arrived; without, the half-close and the printer's own close do. */
	e = transport_close(tr, !ask, why, whylen);
	tr = NULL;
	if (e)
		goto fail;
	p->state = s;
	free(bytes);
	return PRINTER_OK;

fail_detail:
	why_set(why, whylen, "%s: ticket not sent", detail);
fail:
	s = state_of(e);
refused:
	p->state = s;
	transport_close(tr, 0, NULL, 0);
	free(bytes);
	return e;
}

const char *printer_state_name(enum printer_state s)
{
	switch (s) {
	case PRINTER_STATE_NONE: return "none";
	case PRINTER_STATE_OK: return "ok";
	case PRINTER_STATE_PAPER_LOW: return "paper_low";
	case PRINTER_STATE_PAPER_OUT: return "paper_out";
	case PRINTER_STATE_COVER_OPEN: return "cover_open";
	case PRINTER_STATE_OFFLINE: return "offline";
	case PRINTER_STATE_ERROR: return "error";
	}
	return "error";
}

const char *printer_err_name(enum printer_err e)
{
	switch (e) {
	case PRINTER_OK: return "printed";
	case PRINTER_ENONE: return "none";
	case PRINTER_EPAPER_OUT: return "paper_out";
	case PRINTER_ECOVER_OPEN: return "cover_open";
	case PRINTER_EOFFLINE: return "offline";
	case PRINTER_EERROR: return "error";
	case PRINTER_ETIMEOUT: return "timeout";
	case PRINTER_EIO: return "io";
	case PRINTER_EINVAL: return "invalid";
	case PRINTER_ENOMEM: return "nomem";
	}
	return "error";
}
