/* Shared parsing of the connection options. */
#include "mqtt/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool cli_conn_option(struct cli_conn *c, int opt, const char *arg)
{
	switch (opt) {
	case 'c': c->config = arg; return true;
	case 'b': c->broker = arg; return true;
	case 'u': c->user = arg; return true;
	case 'P': c->password_file = arg; return true;
	case 'C': c->cafile = arg; return true;
	case 'd': c->device = arg; return true;
	case CLI_OPT_TLS_INSECURE: c->tls_insecure = true; return true;
	default: return false;
	}
}

int cli_parse_hostport(const char *s, char *host, size_t cap, int *port)
{
	const char *colon;
	char *end;
	long p;
	size_t n;

	if (!s || !*s)
		return -1;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return -1;
		n = (size_t)(close - s - 1);
		colon = close + 1;
		s++;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return -1;
		n = (size_t)(colon - s);
	}
	if (n == 0 || n >= cap)
		return -1;
	p = strtol(colon + 1, &end, 10);
	if (*end || p < 1 || p > 65535)
		return -1;
	memcpy(host, s, n);
	host[n] = '\0';
	*port = (int)p;
	return 0;
}

int cli_conn_resolve(struct cli_conn *c, const struct config *cfg, enum device_role role, struct mq_options *out,
                     char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (c->broker) {
		if (cli_parse_hostport(c->broker, c->host, sizeof c->host, &out->port) != 0) {
			snprintf(err, errlen, "--broker wants HOST:PORT, e.g. 127.0.0.1:1883, not \"%s\"", c->broker);
			return -1;
		}
	} else {
		snprintf(c->host, sizeof c->host, "%s", cfg->broker_host);
		out->port = cfg->broker_port;
	}
	out->host = c->host;
	if (c->password_file && !c->user) {
		snprintf(err, errlen, "--password-file needs --user");
		return -1;
	}
	out->user = c->user;
	out->password_file = c->password_file;
	out->cafile = c->cafile;
	out->tls_insecure = c->tls_insecure;
	out->branch = cfg->branch_id;
	out->role = config_role_name(role);
	/* On a production broker the device id is the user name (the ACL's
	 * %u), so --user alone says who we are. */
	out->device = c->device ? c->device : c->user;
	if (!out->device) {
		for (int i = 0; i < cfg->n_devices && !out->device; i++)
			if (cfg->devices[i].role == role)
				out->device = cfg->devices[i].id;
	}
	if (!out->device)
		out->device = role == ROLE_DAEMON ? "frontad" : role == ROLE_ADMIN ? "frontactl" : config_role_name(role);
	if (!config_is_id(out->device)) {
		snprintf(err, errlen, "device id \"%s\" must be letters, digits and '-'", out->device);
		return -1;
	}
	return 0;
}
