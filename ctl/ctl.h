/* frontactl: shared state of one command and helpers for its subcommands. */
#ifndef FRONTA_CTL_H
#define FRONTA_CTL_H

#include <stdbool.h>

#include "core/config.h"
#include "core/proto.h"
#include "mqtt/cli.h"
#include "mqtt/mq.h"

/* Exit codes a script can use (also in `frontactl --help`). */
enum ctl_exit {
	CTL_OK = 0,
	CTL_REFUSED_BY_FRONTAD = 1,  /* frontad answered ok:false (the code is printed) */
	CTL_USAGE = 2,               /* wrong options or configuration */
	CTL_UNREACHABLE = 3,         /* no broker, or no answer from frontad */
	CTL_NOT_ALLOWED = 4,         /* the broker refused us (credentials, ACL, TLS) */
	CTL_FAILED = 5               /* a local operation failed (file, database) */
};

struct ctl {
	struct cli_conn conn;
	struct config *cfg;
	struct mq *mq;
	bool json;
	int timeout_ms;
	int attempts;
	const char *request_id;
	char why[600];
	bool refused;
};

/* Loads --config (if not loaded yet). Returns 0, or an exit code after
 * printing why. */
int ctl_load_config(struct ctl *c);

/* Connects to the broker as role. Returns 0, or an exit code after
 * printing why. */
int ctl_connect(struct ctl *c, enum device_role role);
void ctl_disconnect(struct ctl *c);

/* Sends a request (payload: JSON object text) and waits for the answer.
 * Returns 0 with the raw answer (free it) and the parsed one, or an exit
 * code after printing why. */
int ctl_request(struct ctl *c, const char *op, const char *payload, char **raw, struct answer *a);

/* A request id for changing requests: --request-id, or 128 random bits. */
void ctl_request_id(struct ctl *c, char out[PROTO_REQUEST_ID_MAX + 1]);

/* The service's name in the branch's first language, or "?". */
const char *ctl_service_name(const struct ctl *c, char letter);

/* "about 20 min" style, for people. */
void ctl_format_wait(int seconds, char *out, size_t cap);

/* Local clock time "HH:MM" of ms. */
void ctl_format_hhmm(int64_t ms, char out[6]);

struct store;
struct archive;
struct tally;
struct store_retain;

/* Where report and purge find figures: a branch database or the archive. */
struct ctl_figures {
	struct store *store;
	struct archive *archive;
	char label[CONFIG_ID_LEN];   /* the branch (a database); the --branch filter or "" (the archive) */
};

/* Opens --db or --archive (exactly one is given), after --config if any
 * (its time zone; Europe/Prague otherwise). Returns 0, or an exit code
 * after printing why. */
int ctl_figures_open(struct ctl *c, const char *db, const char *archive, const char *branch,
                     struct ctl_figures *out);
void ctl_figures_close(struct ctl_figures *f);
/* store_report_load / archive_report_load. Returns 0, or an exit code
 * after printing why. */
int ctl_figures_load(struct ctl_figures *f, const char *from, const char *to, const char *today, struct tally *t);
/* store_report_retain / archive_retain. Returns 0, or an exit code. */
int ctl_figures_retain(struct ctl_figures *f, const char *today, const char *keep_from, struct store_retain *r);
/* Today, the local day (YYYY-MM-DD) in the zone chosen. */
void ctl_figures_today(char out[11]);

/* Subcommands. argv[0] is the subcommand's name. */
int ctl_cmd_request(struct ctl *c, int argc, char **argv);
int ctl_cmd_status(struct ctl *c, int argc, char **argv);
int ctl_cmd_watch(struct ctl *c, int argc, char **argv);
int ctl_cmd_console(struct ctl *c, int argc, char **argv);
int ctl_cmd_check(struct ctl *c, int argc, char **argv);
int ctl_cmd_provision(struct ctl *c, int argc, char **argv);
int ctl_cmd_backup(struct ctl *c, int argc, char **argv);
int ctl_cmd_restore(struct ctl *c, int argc, char **argv);
int ctl_cmd_report(struct ctl *c, int argc, char **argv);
int ctl_cmd_archive(struct ctl *c, int argc, char **argv);
int ctl_cmd_purge(struct ctl *c, int argc, char **argv);

#endif
