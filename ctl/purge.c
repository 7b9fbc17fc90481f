/* frontactl purge: keeps the figures of every day that is over, then
 * deletes tickets and events older than the retention, in a branch
 * database or the head-office archive (docs/privacy.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "ctl/ctl.h"
#include "store/report.h"

/* Without --days or a configuration: frontad's default retention. */
#define DEFAULT_RETENTION_DAYS 730

static void purge_usage(FILE *f)
{
	fprintf(f,
	        "Usage: frontactl [--config FILE] purge (--db PATH | --archive PATH) [--days N]\n"
	        "Keeps the figures of every day that is over, then deletes the tickets and events of\n"
	        "days more than N days ago (their figures stay). frontad does this at each day change;\n"
	        "this works on the file while frontad runs (each day in its own short transaction).\n\n"
	        "  --db PATH        a branch database\n"
	        "  --archive PATH   the head-office archive\n"
	        "  --days N         keep tickets and events of the last N days (default: the\n"
	        "                   configuration's retention_days, else %d)\n"
	        "  -c, --config FILE  the branch configuration (retention_days, time zone)\n"
	        "  -h, --help       this text\n",
	        DEFAULT_RETENTION_DAYS);
}

int ctl_cmd_purge(struct ctl *c, int argc, char **argv)
{
	enum { O_DB = 0x3100, O_ARCHIVE, O_DAYS };
	static const struct option longs[] = {
		CLI_CONN_LONG_OPTIONS,
		{ "db", required_argument, 0, O_DB },
		{ "archive", required_argument, 0, O_ARCHIVE },
		{ "days", required_argument, 0, O_DAYS },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	const char *db = NULL, *archive = NULL;
	char today[TZ_DAY_LEN], keep_from[TZ_DAY_LEN], *end;
	struct ctl_figures src;
	struct store_retain r;
	long days = -1;
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, CLI_CONN_SHORT "h", longs, NULL)) != -1) {
		if (cli_conn_option(&c->conn, opt, optarg))
			continue;
		switch (opt) {
		case O_DB: db = optarg; break;
		case O_ARCHIVE: archive = optarg; break;
		case O_DAYS:
			days = strtol(optarg, &end, 10);
			if (*end || days < 1 || days > 36500) {
				fprintf(stderr, "frontactl: purge: --days is a number of days from 1 to 36500, not \"%s\"\n",
				        optarg);
				return CTL_USAGE;
			}
			break;
		case 'h': purge_usage(stdout); return CTL_OK;
		default: purge_usage(stderr); return CTL_USAGE;
		}
	}
	if (optind < argc) {
		purge_usage(stderr);
		return CTL_USAGE;
	}
	if ((rc = ctl_figures_open(c, db, archive, NULL, &src)))
		return rc;
	if (days < 0)
		days = c->cfg ? c->cfg->retention_days : DEFAULT_RETENTION_DAYS;
	ctl_figures_today(today);
	tz_day_add(today, -(int)days, keep_from);
	rc = ctl_figures_retain(&src, today, keep_from, &r);
	/* What was done, also after a failure half-way. */
	printf("figures kept of %d more day(s); %d day(s) before %s purged: %lld ticket(s), %lld event(s) deleted\n",
	       r.days_counted, r.days_purged, keep_from, (long long)r.tickets, (long long)r.events);
	ctl_figures_close(&src);
	return rc;
}
