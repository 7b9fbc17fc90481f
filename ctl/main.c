/* frontactl: the command line for a branch. Options, then a subcommand. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "ctl/ctl.h"
#include "version.h"

const char *ctl_opt_lang;
const char *ctl_opt_services;
bool ctl_opt_priority;
int ctl_opt_count;
int ctl_opt_for_s;
const char *ctl_opt_out, *ctl_opt_host, *ctl_opt_rotate, *ctl_opt_bridge, *ctl_opt_bridge_cafile, *ctl_opt_broker_user;
int ctl_opt_port;
bool ctl_opt_head_office;
const char *ctl_opt_db;
const char *ctl_opt_counter, *ctl_opt_number;

struct subcommand {
	const char *name;
	int (*run)(struct ctl *c, int argc, char **argv);
	const char *args;
	const char *help;
};

static const struct subcommand commands[] = {
	{ "issue", ctl_cmd_request, "SERVICE [--lang CODE] [--priority]", "take a ticket" },
	{ "call", ctl_cmd_request, "COUNTER [--services A,S] [--number A023]", "call the next ticket (or that one) to a counter" },
	{ "recall", ctl_cmd_request, "COUNTER", "announce the counter's ticket again" },
	{ "finish", ctl_cmd_request, "COUNTER", "the counter's ticket is done" },
	{ "noshow", ctl_cmd_request, "COUNTER", "the counter's ticket did not come" },
	{ "transfer", ctl_cmd_request, "COUNTER SERVICE", "the counter's ticket waits again in another service" },
	{ "cancel", ctl_cmd_request, "NUMBER", "withdraw a waiting ticket" },
	{ "counter", ctl_cmd_request, "COUNTER open|paused|closed [--services A,S]", "open, pause or close a counter" },
	{ "print", ctl_cmd_request, "NUMBER ok|failed|withdrawn", "report how printing a ticket went" },
	{ "status", ctl_cmd_status, "", "the queue now, as tables" },
	{ "console", ctl_cmd_console, "--counter ID", "a counter's console in the terminal (keys c r d n t p u # q)" },
	{ "watch", ctl_cmd_watch, "[--count N] [--for SECONDS]", "print events as they happen" },
	{ "check", ctl_cmd_check, "[FILE]", "check a branch configuration" },
	{ "provision", ctl_cmd_provision, "--out DIR [--host H] [--port N] [...]", "write a broker's TLS, passwords, ACL" },
	{ "backup", ctl_cmd_backup, "--db DATABASE FILE", "copy the database safely, even while frontad runs" },
	{ "restore", ctl_cmd_restore, "--db DATABASE FILE", "put a backup back (frontad stopped)" },
	{ "report", ctl_cmd_report, "--db PATH|--archive PATH [options]", "figures per service, language, hour (--help)" },
	{ "archive", ctl_cmd_archive, "--broker HOST:PORT --db PATH [options]", "store every branch's events (--help)" },
	{ "purge", ctl_cmd_purge, "--db PATH|--archive PATH [--days N]", "keep old days' figures, delete their tickets" },
};

/* Commands that read every option after their name themselves. */
static bool own_options(const struct subcommand *s)
{
	return s->run == ctl_cmd_report || s->run == ctl_cmd_archive || s->run == ctl_cmd_purge;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: frontactl [options] COMMAND [arguments]\n"
	           "The command line of a Fronta branch.\n\nCommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %-44s %s\n", commands[i].name, commands[i].args, commands[i].help);
	fprintf(f, "\nOptions:\n" CLI_CONN_HELP
	           "  -j, --json               print frontad's answers as JSON\n"
	           "  -t, --timeout MS         wait this long for each answer (default 2000)\n"
	           "      --attempts N         send a request this many times without answer (default 3)\n"
	           "      --request-id ID      the request_id (default: 128 random bits)\n"
	           "      --db PATH            a branch database (backup, restore)\n"
	           "      --number TICKET      call: that ticket (a waiting one out of turn, or one ended today back)\n"
	           "      --counter ID         console: the counter\n"
	           "      --out DIR            provision: the folder for the broker's files (not open to others)\n"
	           "      --host NAME          provision: the broker's name in its certificate (default: [broker] host)\n"
	           "      --port N             provision: its TLS port (default: [broker] port)\n"
	           "      --rotate LIST        provision: new secrets for device ids, passwords, server, ca, bridge\n"
	           "      --bridge HOST:PORT   provision: bridge to the head office (none: remove it)\n"
	           "      --bridge-cafile FILE provision: the head office's ca.crt\n"
	           "      --head-office        provision: the head office's broker instead of a branch's\n"
	           "      --broker-user NAME   provision: the user mosquitto runs as (default mosquitto)\n"
	           "  -h, --help               this text\n"
	           "\nExit codes: 0 done; 1 frontad said no (or check: not good); 2 wrong usage or configuration;\n"
	           "3 broker or frontad unreachable; 4 refused by the broker (credentials, ACL); 5 local failure.\n");
}

int main(int argc, char **argv)
{
	enum { O_REQUEST_ID = 0x2000, O_PRIORITY, O_SERVICES, O_COUNT, O_FOR, O_ATTEMPTS, O_VERSION, O_LANG, O_DB,
	       O_OUT, O_HOST, O_PORT, O_ROTATE, O_BRIDGE, O_BRIDGE_CAFILE, O_BROKER_USER, O_HEAD_OFFICE, O_COUNTER,
	       O_NUMBER };
	static const struct option longs[] = {
		CLI_CONN_LONG_OPTIONS,
		{ "json", no_argument, 0, 'j' },
		{ "timeout", required_argument, 0, 't' },
		{ "attempts", required_argument, 0, O_ATTEMPTS },
		{ "request-id", required_argument, 0, O_REQUEST_ID },
		{ "lang", required_argument, 0, O_LANG },
		{ "priority", no_argument, 0, O_PRIORITY },
		{ "services", required_argument, 0, O_SERVICES },
		{ "count", required_argument, 0, O_COUNT },
		{ "for", required_argument, 0, O_FOR },
		{ "out", required_argument, 0, O_OUT },
		{ "host", required_argument, 0, O_HOST },
		{ "port", required_argument, 0, O_PORT },
		{ "rotate", required_argument, 0, O_ROTATE },
		{ "bridge", required_argument, 0, O_BRIDGE },
		{ "bridge-cafile", required_argument, 0, O_BRIDGE_CAFILE },
		{ "broker-user", required_argument, 0, O_BROKER_USER },
		{ "head-office", no_argument, 0, O_HEAD_OFFICE },
		{ "db", required_argument, 0, O_DB },
		{ "counter", required_argument, 0, O_COUNTER },
		{ "number", required_argument, 0, O_NUMBER },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, O_VERSION },
		{ 0, 0, 0, 0 },
	};
	struct ctl c = { .timeout_ms = 2000, .attempts = 3 };
	int opt, rc, argc_global = argc;

	log_init("frontactl", LOG_WARN);
	signal(SIGPIPE, SIG_IGN);
	/* A command with its own options gets everything after its name. */
	for (int i = 1, found = 0; i < argc && !found; i++)
		for (size_t k = 0; k < sizeof commands / sizeof commands[0] && !found; k++)
			if (own_options(&commands[k]) && !strcmp(argv[i], commands[k].name))
				found = 1, argc_global = i + 1;
	while ((opt = getopt_long(argc_global, argv, CLI_CONN_SHORT "jt:h", longs, NULL)) != -1) {
		if (cli_conn_option(&c.conn, opt, optarg))
			continue;
		switch (opt) {
		case 'j': c.json = true; break;
		case 't': c.timeout_ms = atoi(optarg) > 0 ? atoi(optarg) : 2000; break;
		case O_ATTEMPTS: c.attempts = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
		case O_REQUEST_ID: c.request_id = optarg; break;
		case O_LANG: ctl_opt_lang = optarg; break;
		case O_PRIORITY: ctl_opt_priority = true; break;
		case O_SERVICES: ctl_opt_services = optarg; break;
		case O_COUNT: ctl_opt_count = atoi(optarg); break;
		case O_FOR: ctl_opt_for_s = atoi(optarg); break;
		case O_OUT: ctl_opt_out = optarg; break;
		case O_HOST: ctl_opt_host = optarg; break;
		case O_PORT: ctl_opt_port = atoi(optarg) > 0 ? atoi(optarg) : -1; break;
		case O_ROTATE: ctl_opt_rotate = optarg; break;
		case O_BRIDGE: ctl_opt_bridge = optarg; break;
		case O_BRIDGE_CAFILE: ctl_opt_bridge_cafile = optarg; break;
		case O_BROKER_USER: ctl_opt_broker_user = optarg; break;
		case O_HEAD_OFFICE: ctl_opt_head_office = true; break;
		case O_DB: ctl_opt_db = optarg; break;
		case O_COUNTER: ctl_opt_counter = optarg; break;
		case O_NUMBER: ctl_opt_number = optarg; break;
		case 'h': usage(stdout); return 0;
		case O_VERSION: printf("frontactl %s\n", FRONTA_VERSION); return 0;
		default: usage(stderr); return CTL_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return CTL_USAGE;
	}
	if (clock_init_from_env() != 0) {
		fprintf(stderr, "frontactl: FRONTA_CLOCK_FILE is set but cannot be read\n");
		return CTL_USAGE;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(commands[i].name, argv[optind]) == 0) {
			rc = commands[i].run(&c, argc - optind, argv + optind);
			ctl_disconnect(&c);
			config_free(c.cfg);
			return rc;
		}
	}
	fprintf(stderr, "frontactl: unknown command \"%s\" (see frontactl --help)\n", argv[optind]);
	return CTL_USAGE;
}
