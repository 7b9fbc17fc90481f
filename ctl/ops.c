/* frontactl's request subcommands: issue, call, recall, finish, noshow,
 * transfer, cancel, counter, print. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "ctl/ctl.h"

/* Options of these subcommands, set by main.c's option parser. */
extern const char *ctl_opt_lang;
extern const char *ctl_opt_services;
extern bool ctl_opt_priority;
extern const char *ctl_opt_number;

static cJSON *letters(const char *list)
{
	cJSON *a = cJSON_CreateArray();
	for (const char *p = list; a && *p; p++) {
		char s[2] = { *p, '\0' };
		if (*p == ',' || *p == ' ')
			continue;
		cJSON_AddItemToArray(a, cJSON_CreateString(s));
	}
	return a;
}

static int usage_of(const char *cmd, const char *args)
{
	fprintf(stderr, "usage: frontactl [options] %s %s\n", cmd, args);
	return CTL_USAGE;
}

static void print_ticket(const struct ctl *c, const char *op, const struct ticket *t)
{
	char wait[32], hhmm[6];
	ctl_format_wait(t->est_wait_s, wait, sizeof wait);
	ctl_format_hhmm(t->issued_ms, hhmm);
	if (!strcmp(op, "issue"))
		printf("%s  %s (%s)%s  issued %s  %d ahead, wait about %s\n", t->number, ctl_service_name(c, t->service),
		       t->lang, t->priority ? " priority" : "", hhmm, t->ahead, wait);
	else if (!strcmp(op, "call") || !strcmp(op, "recall"))
		printf("%s  %s  %s -> counter %s (%s)\n", t->number, !strcmp(op, "call") ? "called" : "called again",
		       ctl_service_name(c, t->service), t->counter, t->lang);
	else if (!strcmp(op, "transfer"))
		printf("%s  waits again for %s, %d ahead\n", t->number, ctl_service_name(c, t->service), t->ahead);
	else
		printf("%s  %s\n", t->number, queue_status_name(t->status));
}

int ctl_cmd_request(struct ctl *c, int argc, char **argv)
{
	const char *op = argv[0];
	char rid[PROTO_REQUEST_ID_MAX + 1];
	cJSON *o;
	char *payload, *raw = NULL;
	struct answer a;
	int rc = ctl_load_config(c);

	if (rc)
		return rc;
	o = cJSON_CreateObject();
	if (!o)
		return CTL_FAILED;
	if (!strcmp(op, "issue")) {
		if (argc != 2)
			return usage_of(op, "SERVICE [--lang CODE] [--priority]");
		cJSON_AddStringToObject(o, "service", argv[1]);
		cJSON_AddStringToObject(o, "lang", ctl_opt_lang ? ctl_opt_lang : c->cfg->langs[0]);
		if (ctl_opt_priority)
			cJSON_AddBoolToObject(o, "priority", 1);
	} else if (!strcmp(op, "call")) {
		if (argc != 2)
			return usage_of(op, "COUNTER [--services A,S] [--number A023]");
		cJSON_AddStringToObject(o, "counter", argv[1]);
		if (ctl_opt_services)
			cJSON_AddItemToObject(o, "services", letters(ctl_opt_services));
		if (ctl_opt_number)
			cJSON_AddStringToObject(o, "number", ctl_opt_number);
	} else if (!strcmp(op, "recall") || !strcmp(op, "finish") || !strcmp(op, "noshow")) {
		if (argc != 2)
			return usage_of(op, "COUNTER");
		cJSON_AddStringToObject(o, "counter", argv[1]);
	} else if (!strcmp(op, "transfer")) {
		if (argc != 3)
			return usage_of(op, "COUNTER SERVICE");
		cJSON_AddStringToObject(o, "counter", argv[1]);
		cJSON_AddStringToObject(o, "service", argv[2]);
	} else if (!strcmp(op, "cancel")) {
		if (argc != 2)
			return usage_of(op, "NUMBER");
		cJSON_AddStringToObject(o, "number", argv[1]);
	} else if (!strcmp(op, "counter")) {
		if (argc != 3)
			return usage_of(op, "COUNTER open|paused|closed [--services A,S]");
		cJSON_AddStringToObject(o, "counter", argv[1]);
		cJSON_AddStringToObject(o, "state", argv[2]);
		if (ctl_opt_services)
			cJSON_AddItemToObject(o, "services", letters(ctl_opt_services));
	} else if (!strcmp(op, "print")) {
		if (argc != 3)
			return usage_of(op, "NUMBER ok|failed|withdrawn");
		cJSON_AddStringToObject(o, "number", argv[1]);
		cJSON_AddStringToObject(o, "status", argv[2]);
	}
	ctl_request_id(c, rid);
	cJSON_AddStringToObject(o, "request_id", rid);
	payload = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!payload)
		return CTL_FAILED;

	rc = ctl_connect(c, ROLE_ADMIN);
	if (!rc)
		rc = ctl_request(c, op, payload, &raw, &a);
	free(payload);
	if (rc)
		return rc;
	if (c->json)
		printf("%s\n", raw);
	if (!a.ok) {
		char opens[TZ_STAMP_LEN] = "";
		if (a.opens_at_ms)
			tz_rfc3339(a.opens_at_ms, opens);
		if (!c->json)
			fprintf(stderr, "frontactl: %s: %s: %s\n", op, a.code, a.message);
		free(raw);
		return CTL_REFUSED_BY_FRONTAD;
	}
	if (!c->json) {
		if (a.has_ticket)
			print_ticket(c, op, &a.ticket);
		else if (a.has_counter)
			printf("counter %s  %s  services %s\n", a.counter.id, config_counter_state_name(a.counter.state),
			       a.counter.services);
	}
	free(raw);
	return CTL_OK;
}
