/* frontad: options and wiring; the work is in frontad.c. */
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "daemon/frontad.h"
#include "mqtt/cli.h"
#include "version.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "Usage: frontad --config FILE [--db PATH] [--broker HOST:PORT] [options]\n"
	        "The queue daemon of one branch: answers requests over MQTT, stores in SQLite.\n\n"
	        CLI_CONN_HELP
	        "      --db PATH            the database (default: var/BRANCH.db)\n"
	        "      --check              check the configuration and exit (0 if good)\n"
	        "      --batch N            requests committed together at most (default 64)\n"
	        "  -v, --verbose            log each request's details\n"
	        "  -q, --quiet              log warnings and errors only\n"
	        "  -h, --help               this text\n"
	        "      --version            the version\n\n"
	        "Signals: SIGTERM and SIGINT stop it cleanly.\n"
	        "Environment: FRONTA_CLOCK_FILE=PATH reads the clock from a file (tests only).\n");
}

static void on_signal(int sig)
{
	(void)sig;
	frontad_stop();
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		CLI_CONN_LONG_OPTIONS,
		{ "db", required_argument, 0, 'D' },
		{ "check", no_argument, 0, 'K' },
		{ "batch", required_argument, 0, 'B' },
		{ "verbose", no_argument, 0, 'v' },
		{ "quiet", no_argument, 0, 'q' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 },
	};
	struct cli_conn conn = { 0 };
	struct frontad_options opt = { 0 };
	struct config *cfg;
	const char *db = NULL;
	char err[8192], dbbuf[300];
	bool check = false;
	enum log_level level = LOG_INFO;
	struct sigaction sa;
	int c, rc;

	while ((c = getopt_long(argc, argv, CLI_CONN_SHORT "vqh", longs, NULL)) != -1) {
		if (cli_conn_option(&conn, c, optarg))
			continue;
		switch (c) {
		case 'D': db = optarg; break;
		case 'K': check = true; break;
		case 'B': opt.max_batch = atoi(optarg); break;
		case 'v': level = LOG_DEBUG; break;
		case 'q': level = LOG_WARN; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("frontad %s\n", FRONTA_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc || !conn.config) {
		fprintf(stderr, "frontad: %s\n", optind < argc ? "unexpected argument" : "--config FILE is needed");
		usage(stderr);
		return 2;
	}
	log_init("frontad", level);
	if (clock_init_from_env() != 0) {
		fprintf(stderr, "frontad: FRONTA_CLOCK_FILE is set but cannot be read\n");
		return 2;
	}
	cfg = config_load(conn.config, err, sizeof err);
	if (!cfg) {
		fprintf(stderr, "%s", err);
		fprintf(stderr, "frontad: the configuration has mistakes; nothing was started\n");
		return check ? 1 : 2;
	}
	if (check) {
		printf("%s: good (branch %s, %d services, %d counters, %d devices)\n", conn.config, cfg->branch_id,
		       cfg->n_services, cfg->n_counters, cfg->n_devices);
		config_free(cfg);
		return 0;
	}
	if (cli_conn_resolve(&conn, cfg, ROLE_DAEMON, &opt.mq, err, sizeof err) != 0) {
		fprintf(stderr, "frontad: %s\n", err);
		config_free(cfg);
		return 2;
	}
	if (!db) {
		snprintf(dbbuf, sizeof dbbuf, "var/%s.db", cfg->branch_id);
		db = dbbuf;
	}
	opt.cfg = cfg;
	opt.db_path = db;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* A file-size limit reached must be an I/O error SQLite reports (and
	 * frontad answers `internal`), not a signal that kills the daemon. */
	signal(SIGXFSZ, SIG_IGN);
	/* SQLite builds a small temporary table for each CHECK (x IN (...)) of a
	 * row it writes, with a bulk allocation of ~90 KB that is freed at once.
	 * glibc gave that memory back to the kernel each time and took it again:
	 * ~80 page faults per request (bench/, docs/performance.md). Keep 1 MB. */
#ifdef M_TRIM_THRESHOLD
	mallopt(M_TRIM_THRESHOLD, 1 << 20);
#endif

	rc = frontad_run(&opt);
	config_free(cfg);
	return rc;
}
