/* Connection, requests and formatting shared by frontactl's subcommands. */
#include "ctl/ctl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "core/tz.h"

int ctl_load_config(struct ctl *c)
{
	char err[8192];
	if (c->cfg)
		return 0;
	if (!c->conn.config) {
		fprintf(stderr, "frontactl: --config FILE is needed (the branch configuration)\n");
		return CTL_USAGE;
	}
	c->cfg = config_load(c->conn.config, err, sizeof err);
	if (!c->cfg) {
		fprintf(stderr, "%s", err);
		return CTL_USAGE;
	}
	if (tz_set(c->cfg->timezone) != 0) {
		fprintf(stderr, "frontactl: time zone %s is not installed\n", c->cfg->timezone);
		return CTL_USAGE;
	}
	return 0;
}

static void on_status(void *user, enum mq_status st, const char *why)
{
	struct ctl *c = user;
	if (st == MQ_REFUSED) {
		c->refused = true;
		snprintf(c->why, sizeof c->why, "%s", why);
	}
}

int ctl_connect(struct ctl *c, enum device_role role)
{
	struct mq_options mo;
	struct mq_callbacks cb = { .status = on_status, .user = c };
	char err[600];
	int rc = ctl_load_config(c);

	if (rc)
		return rc;
	if (cli_conn_resolve(&c->conn, c->cfg, role, &mo, err, sizeof err) != 0) {
		fprintf(stderr, "frontactl: %s\n", err);
		return CTL_USAGE;
	}
	c->mq = mq_new(&mo, &cb, err, sizeof err);
	if (!c->mq) {
		fprintf(stderr, "frontactl: %s\n", err);
		return CTL_USAGE;
	}
	if (mq_start(c->mq) != 0 || mq_wait_connected(c->mq, c->timeout_ms, err, sizeof err) != 0) {
		fprintf(stderr, "frontactl: cannot connect to the broker %s:%d: %s\n", mo.host, mo.port, err);
		return c->refused ? CTL_NOT_ALLOWED : CTL_UNREACHABLE;
	}
	return 0;
}

void ctl_disconnect(struct ctl *c)
{
	mq_free(c->mq);
	c->mq = NULL;
}

int ctl_request(struct ctl *c, const char *op, const char *payload, char **raw, struct answer *a)
{
	char why[600];
	*raw = NULL;
	if (mq_request(c->mq, op, payload, c->timeout_ms, c->attempts, raw, why, sizeof why) != 0) {
		fprintf(stderr, "frontactl: %s: %s\n", op, why);
		return strstr(why, "refused") ? CTL_NOT_ALLOWED : CTL_UNREACHABLE;
	}
	if (proto_parse_answer(*raw, strlen(*raw), a) != 0) {
		fprintf(stderr, "frontactl: %s: frontad's answer is not understood: %.200s\n", op, *raw);
		free(*raw);
		*raw = NULL;
		return CTL_UNREACHABLE;
	}
	return 0;
}

void ctl_request_id(struct ctl *c, char out[PROTO_REQUEST_ID_MAX + 1])
{
	unsigned char r[16];
	int n;
	if (c->request_id) {
		snprintf(out, PROTO_REQUEST_ID_MAX + 1, "%s", c->request_id);
		return;
	}
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		memset(r, 0, sizeof r);
	n = snprintf(out, PROTO_REQUEST_ID_MAX + 1, "frontactl-");
	for (size_t i = 0; i < sizeof r && n < PROTO_REQUEST_ID_MAX - 1; i++)
		n += snprintf(out + n, (size_t)(PROTO_REQUEST_ID_MAX + 1 - n), "%02x", r[i]);
}

const char *ctl_service_name(const struct ctl *c, char letter)
{
	const struct service_cfg *s = c->cfg ? config_service(c->cfg, letter) : NULL;
	return s ? s->name[0] : "?";
}

void ctl_format_wait(int seconds, char *out, size_t cap)
{
	int min = (seconds + 59) / 60;
	if (seconds <= 0)
		snprintf(out, cap, "now");
	else if (min < 60)
		snprintf(out, cap, "%d min", min);
	else
		snprintf(out, cap, "%d h %02d min", min / 60, min % 60);
}

void ctl_format_hhmm(int64_t ms, char out[6])
{
	struct tm tm;
	char buf[16];
	if (ms <= 0) {
		snprintf(out, 6, "--:--");
		return;
	}
	tz_local(ms, &tm);
	snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour % 24, tm.tm_min % 60);
	memcpy(out, buf, 6);
	out[5] = '\0';
}
