/* The connection options every Fronta program takes (--config, --broker,
 * --user, --password-file, --cafile, --device), parsed the same way. */
#ifndef FRONTA_CLI_H
#define FRONTA_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "core/config.h"
#include "mqtt/mq.h"

struct cli_conn {
	const char *config;
	const char *broker;          /* HOST:PORT, overrides [broker] */
	const char *user;
	const char *password_file;
	const char *cafile;
	const char *device;
	bool tls_insecure;
	char host[256];              /* filled by cli_conn_resolve */
};

enum { CLI_OPT_TLS_INSECURE = 0x1000 };

#define CLI_CONN_LONG_OPTIONS                                                  \
	{ "config", required_argument, 0, 'c' },                                   \
	{ "broker", required_argument, 0, 'b' },                                   \
	{ "user", required_argument, 0, 'u' },                                     \
	{ "password-file", required_argument, 0, 'P' },                            \
	{ "cafile", required_argument, 0, 'C' },                                   \
	{ "device", required_argument, 0, 'd' },                                   \
	{ "tls-insecure", no_argument, 0, CLI_OPT_TLS_INSECURE }

#define CLI_CONN_SHORT "c:b:u:P:C:d:"

#define CLI_CONN_HELP                                                                     \
	"  -c, --config FILE        the branch configuration (INI)\n"                        \
	"  -b, --broker HOST:PORT   the branch broker (default: [broker] of the config)\n"   \
	"  -u, --user NAME          MQTT user name (the device id on a production broker)\n" \
	"  -P, --password-file FILE file whose first line is the MQTT password\n"            \
	"  -C, --cafile FILE        use TLS; check the broker's certificate against FILE\n"  \
	"  -d, --device ID          this device's id (default: from the config's [devices])\n" \
	"      --tls-insecure       do not check the broker's host name (testing only)\n"

/* Takes option opt (from getopt_long) if it is one of the above: returns
 * true. */
bool cli_conn_option(struct cli_conn *c, int opt, const char *arg);

/* Fills out from the options and the configuration, for a program of role.
 * The device defaults to --user (device id = user name on a production
 * broker), else the first of that role in [devices] (or the role's name).
 * Returns 0, or -1 with a message in err. */
int cli_conn_resolve(struct cli_conn *c, const struct config *cfg, enum device_role role, struct mq_options *out,
                     char *err, size_t errlen);

/* Splits "host:port" ("[::1]:1883" too). Returns 0, or -1. */
int cli_parse_hostport(const char *s, char *host, size_t cap, int *port);

#endif
