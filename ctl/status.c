/* frontactl status (the state as tables) and watch (events as they come). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/tz.h"
#include "core/utf8.h"
#include "ctl/ctl.h"

extern int ctl_opt_count;
extern int ctl_opt_for_s;

int ctl_cmd_status(struct ctl *c, int argc, char **argv)
{
	char *raw = NULL;
	struct answer a;
	struct state_doc *d;
	const char *st;
	int rc;
	(void)argv;

	if (argc != 1) {
		fprintf(stderr, "usage: frontactl [options] status\n");
		return CTL_USAGE;
	}
	if ((rc = ctl_connect(c, ROLE_ADMIN)) || (rc = ctl_request(c, "status", "{}", &raw, &a)))
		return rc;
	if (c->json) {
		printf("%s\n", raw);
		free(raw);
		return a.ok ? CTL_OK : CTL_REFUSED_BY_FRONTAD;
	}
	st = strstr(raw, "\"state\":");
	d = malloc(sizeof *d);
	if (!a.ok || !st || !d || proto_parse_state(st + 8, strlen(st + 8) - 1, d) != 0) {
		fprintf(stderr, "frontactl: status: %s\n", a.ok ? "frontad's state is not understood" : a.message);
		free(raw);
		free(d);
		return a.ok ? CTL_UNREACHABLE : CTL_REFUSED_BY_FRONTAD;
	}
	printf("Branch %s (%s), day %s, event %lld\n\n", c->cfg->branch_name, d->branch, d->day, (long long)d->seq);
	printf("%-3s %-34s %-6s %7s  %s\n", "", "SERVICE", "OPEN", "WAITING", "A NEW TICKET WAITS");
	for (int i = 0; i < d->n_services; i++) {
		struct state_service *s = &d->services[i];
		char wait[32], opens[TZ_STAMP_LEN] = "", name[160];
		ctl_format_wait(s->est_wait_s, wait, sizeof wait);
		utf8_pad(name, sizeof name, ctl_service_name(c, s->id), 34);
		if (!s->open && s->opens_at_ms)
			tz_rfc3339(s->opens_at_ms, opens);
		printf("%-3c %s %-6s %7d  %s%s\n", s->id, name, s->open ? "yes" : "no",
		       s->waiting, s->open ? "about " : "opens ", s->open ? wait : opens);
	}
	printf("\n%-8s %-7s %-7s %s\n", "COUNTER", "STATE", "TICKET", "SERVICES");
	for (int i = 0; i < d->n_counters; i++) {
		struct state_counter *k = &d->counters[i];
		printf("%-8s %-7s %-7s %s\n", k->id, config_counter_state_name(k->state), k->ticket[0] ? k->ticket : "-",
		       k->services);
	}
	printf("\nCALLED (newest first)\n");
	for (int i = 0; i < d->n_called; i++) {
		char hhmm[6];
		ctl_format_hhmm(d->called[i].at_ms, hhmm);
		printf("  %-6s -> %-4s %s  %s\n", d->called[i].number, d->called[i].counter, hhmm, d->called[i].lang);
	}
	if (!d->n_called)
		printf("  nobody yet\n");
	printf("\nWAITING (in the order they will be called)\n");
	for (int i = 0; i < d->n_waiting; i++) {
		struct state_waiting *w = &d->waiting[i];
		char hhmm[6];
		int64_t waited = (clock_now_ms() - w->issued_ms) / 60000;
		ctl_format_hhmm(w->issued_ms, hhmm);
		printf("  %-6s %c %-3s %s  %3lld min%s%s\n", w->number, w->service, w->lang, hhmm, (long long)waited,
		       w->priority ? "  priority" : "", w->print_failed ? "  PRINT FAILED" : "");
	}
	if (d->waiting_more)
		printf("  ... and %d more\n", d->waiting_more);
	if (!d->n_waiting && !d->waiting_more)
		printf("  nobody\n");
	free(d);
	free(raw);
	return CTL_OK;
}

/* ---- watch ---- */

struct watch {
	struct ctl *c;
	char topic_event[160];
	int64_t last_seq;
	int seen;
	pthread_mutex_t lock;
};

static volatile sig_atomic_t watch_stop;

static void on_sigint(int sig)
{
	(void)sig;
	watch_stop = 1;
}

static void print_event(struct watch *w, const char *payload, size_t len)
{
	struct event e;
	char hhmm[TZ_STAMP_LEN];
	if (proto_parse_event(payload, len, &e) != 0) {
		printf("(not an event: %.*s)\n", (int)(len > 200 ? 200 : len), payload);
		return;
	}
	if (e.seq <= w->last_seq && w->last_seq) {
		return;    /* a repeat after frontad's restart */
	}
	if (w->last_seq && e.seq > w->last_seq + 1)
		printf("-- missed events %lld..%lld (see `frontactl status`)\n", (long long)w->last_seq + 1,
		       (long long)e.seq - 1);
	w->last_seq = e.seq;
	if (w->c->json) {
		printf("%.*s\n", (int)len, payload);
	} else {
		tz_rfc3339(e.at_ms, hhmm);
		printf("%.8s #%lld %-11s", hhmm + 11, (long long)e.seq, queue_event_name(e.type));
		if (e.has_ticket)
			printf(" %s %c %s", e.ticket.number, e.ticket.service, e.ticket.lang);
		if (e.counter[0])
			printf(" counter %s", e.counter);
		if (e.type == EV_COUNTER)
			printf(" %s (%s)", config_counter_state_name(e.counter_state), e.services);
		if (e.type == EV_TRANSFERRED)
			printf(" from %c", e.from_service);
		if (e.type == EV_DAY)
			printf(" new day %s", e.day);
		printf("\n");
	}
	fflush(stdout);
	w->seen++;
}

static void on_watch_message(void *user, const struct mq_message *m)
{
	struct watch *w = user;
	pthread_mutex_lock(&w->lock);
	if (!strcmp(m->topic, w->topic_event))
		print_event(w, m->payload, m->len);
	pthread_mutex_unlock(&w->lock);
}

static void on_watch_status(void *user, enum mq_status st, const char *why)
{
	(void)user;
	fprintf(stderr, "-- %s\n", why);
	(void)st;
}

int ctl_cmd_watch(struct ctl *c, int argc, char **argv)
{
	struct watch w = { .c = c };
	struct mq_options mo;
	struct mq_callbacks cb = { .message = on_watch_message, .status = on_watch_status, .user = &w };
	struct sigaction sa;
	char err[600];
	int64_t end;
	int rc;
	(void)argv;

	if (argc != 1) {
		fprintf(stderr, "usage: frontactl [options] watch [--count N] [--for SECONDS]\n");
		return CTL_USAGE;
	}
	if ((rc = ctl_load_config(c)))
		return rc;
	if (cli_conn_resolve(&c->conn, c->cfg, ROLE_ADMIN, &mo, err, sizeof err) != 0) {
		fprintf(stderr, "frontactl: %s\n", err);
		return CTL_USAGE;
	}
	pthread_mutex_init(&w.lock, NULL);
	snprintf(w.topic_event, sizeof w.topic_event, "fronta/v1/%s/event", c->cfg->branch_id);
	c->mq = mq_new(&mo, &cb, err, sizeof err);
	if (!c->mq) {
		fprintf(stderr, "frontactl: %s\n", err);
		return CTL_USAGE;
	}
	mq_subscribe(c->mq, w.topic_event);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (mq_start(c->mq) != 0 || mq_wait_connected(c->mq, c->timeout_ms, err, sizeof err) != 0) {
		fprintf(stderr, "frontactl: cannot connect to the broker: %s\n", err);
		return CTL_UNREACHABLE;
	}
	if (!c->json)
		fprintf(stderr, "-- watching %s (Ctrl-C stops)\n", w.topic_event);
	end = ctl_opt_for_s > 0 ? clock_mono_ms() + ctl_opt_for_s * 1000LL : 0;
	while (!watch_stop && (!end || clock_mono_ms() < end)) {
		pthread_mutex_lock(&w.lock);
		rc = ctl_opt_count > 0 && w.seen >= ctl_opt_count;
		pthread_mutex_unlock(&w.lock);
		if (rc)
			break;
		usleep(20000);
	}
	ctl_disconnect(c);
	pthread_mutex_destroy(&w.lock);
	return CTL_OK;
}

int ctl_cmd_check(struct ctl *c, int argc, char **argv)
{
	char err[16384];
	struct config *cfg;
	const char *path = argc == 2 ? argv[1] : c->conn.config;
	if (!path || argc > 2) {
		fprintf(stderr, "usage: frontactl check FILE\n");
		return CTL_USAGE;
	}
	cfg = config_load(path, err, sizeof err);
	if (!cfg) {
		fputs(err, stdout);
		printf("%s: not good: fix the lines above\n", path);
		return CTL_REFUSED_BY_FRONTAD;
	}
	printf("%s: good (branch %s \"%s\", %d languages, %d services, %d counters, %d devices)\n", path,
	       cfg->branch_id, cfg->branch_name, cfg->n_langs, cfg->n_services, cfg->n_counters, cfg->n_devices);
	config_free(cfg);
	return CTL_OK;
}
