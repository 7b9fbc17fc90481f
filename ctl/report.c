/* frontactl report: a period's figures from a branch database or the
 * head-office archive, as a text table, CSV or a chart (docs/reports.md). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "chart/chart.h"
#include "core/tz.h"
#include "ctl/ctl.h"
#include "report/table.h"
#include "report/tally.h"

enum format { FMT_TEXT, FMT_CSV, FMT_PNG };

struct report_opts {
	const char *db, *archive, *branch, *out, *chart, *lang;
	const char *from_arg, *to_arg;
	char from[TZ_DAY_LEN], to[TZ_DAY_LEN], today[TZ_DAY_LEN];
	enum tally_by by;
	enum format format;
	bool what[TALLY_DIMS];
};

static void report_usage(FILE *f)
{
	fprintf(f,
	        "Usage: frontactl [--config FILE] report (--db PATH | --archive PATH) [options]\n"
	        "A period's figures: tickets issued, served, no-shows, cancelled, transfers, waits,\n"
	        "per service, language and hour of issue (definitions: docs/reports.md).\n\n"
	        "  --db PATH            a branch database (frontad's --db)\n"
	        "  --archive PATH       the head-office archive (frontactl archive --db)\n"
	        "  --from YYYY-MM-DD    first day (default: the first of this month)\n"
	        "  --to YYYY-MM-DD      last day (default: today)\n"
	        "  --by day|week|month  one row per ... (default: month)\n"
	        "  --branch ID          only this branch (archive); the branch's id (database)\n"
	        "  --format text|csv|png  (default: text)\n"
	        "  --what services|languages|hours|all  the tables (default: all for text,\n"
	        "                       services for csv)\n"
	        "  --out FILE           write there instead of standard output (png needs it)\n"
	        "  --chart FILE.png     also draw the chart (with a text or csv table)\n"
	        "  --lang CODE          the chart's language (default: the branch's first, or cs)\n"
	        "  -c, --config FILE    the branch configuration: service names, time zone\n"
	        "  -h, --help           this text\n");
}

static int parse_what(const char *s, bool what[TALLY_DIMS])
{
	memset(what, 0, TALLY_DIMS * sizeof *what);
	if (!strcmp(s, "services"))
		what[TALLY_SERVICE] = true;
	else if (!strcmp(s, "languages"))
		what[TALLY_LANG] = true;
	else if (!strcmp(s, "hours"))
		what[TALLY_HOUR] = true;
	else if (!strcmp(s, "all"))
		what[TALLY_SERVICE] = what[TALLY_LANG] = what[TALLY_HOUR] = true;
	else
		return -1;
	return 0;
}

static int bad_option(const char *what, const char *value)
{
	fprintf(stderr, "frontactl: report: %s, not \"%s\" (see frontactl report --help)\n", what, value);
	return CTL_USAGE;
}

static int parse_opts(struct ctl *c, int argc, char **argv, struct report_opts *o)
{
	enum { O_DB = 0x3000, O_ARCHIVE, O_FROM, O_TO, O_BY, O_BRANCH, O_FORMAT, O_WHAT, O_OUT, O_CHART, O_LANG };
	static const struct option longs[] = {
		CLI_CONN_LONG_OPTIONS,
		{ "db", required_argument, 0, O_DB },
		{ "archive", required_argument, 0, O_ARCHIVE },
		{ "from", required_argument, 0, O_FROM },
		{ "to", required_argument, 0, O_TO },
		{ "by", required_argument, 0, O_BY },
		{ "branch", required_argument, 0, O_BRANCH },
		{ "format", required_argument, 0, O_FORMAT },
		{ "what", required_argument, 0, O_WHAT },
		{ "out", required_argument, 0, O_OUT },
		{ "chart", required_argument, 0, O_CHART },
		{ "lang", required_argument, 0, O_LANG },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	const char *what = NULL;
	int opt, y, m, d;

	memset(o, 0, sizeof *o);
	o->by = TALLY_BY_MONTH;
	optind = 0;
	while ((opt = getopt_long(argc, argv, CLI_CONN_SHORT "h", longs, NULL)) != -1) {
		if (cli_conn_option(&c->conn, opt, optarg))
			continue;
		switch (opt) {
		case O_DB: o->db = optarg; break;
		case O_ARCHIVE: o->archive = optarg; break;
		case O_FROM: o->from_arg = optarg; break;
		case O_TO: o->to_arg = optarg; break;
		case O_BRANCH: o->branch = optarg; break;
		case O_OUT: o->out = optarg; break;
		case O_CHART: o->chart = optarg; break;
		case O_LANG: o->lang = optarg; break;
		case O_WHAT: what = optarg; break;
		case O_BY:
			if (tally_by_parse(optarg) < 0)
				return bad_option("--by is day, week or month", optarg);
			o->by = (enum tally_by)tally_by_parse(optarg);
			break;
		case O_FORMAT:
			if (!strcmp(optarg, "text"))
				o->format = FMT_TEXT;
			else if (!strcmp(optarg, "csv"))
				o->format = FMT_CSV;
			else if (!strcmp(optarg, "png"))
				o->format = FMT_PNG;
			else
				return bad_option("--format is text, csv or png", optarg);
			break;
		case 'h': report_usage(stdout); return -1;
		default: report_usage(stderr); return CTL_USAGE;
		}
	}
	if (optind < argc)
		return bad_option("unexpected argument", argv[optind]);
	if (what && parse_what(what, o->what) != 0)
		return bad_option("--what is services, languages, hours or all", what);
	if (!what)
		parse_what(o->format == FMT_CSV ? "services" : "all", o->what);
	if (o->format == FMT_PNG && !o->out)
		return bad_option("--format png needs --out FILE.png", "");
	if (o->format == FMT_PNG && o->chart)
		return bad_option("--chart goes with a text or csv table", o->chart);
	if (o->from_arg && tz_parse_day(o->from_arg, &y, &m, &d) != 0)
		return bad_option("--from wants a date YYYY-MM-DD", o->from_arg);
	if (o->to_arg && tz_parse_day(o->to_arg, &y, &m, &d) != 0)
		return bad_option("--to wants a date YYYY-MM-DD", o->to_arg);
	return 0;
}

/* Defaults that need the time zone: this month up to today. */
static int settle_dates(struct report_opts *o)
{
	const char *from = o->from_arg, *to = o->to_arg;

	ctl_figures_today(o->today);
	snprintf(o->to, sizeof o->to, "%s", to ? to : o->today);
	if (from)
		snprintf(o->from, sizeof o->from, "%s", from);
	else
		snprintf(o->from, sizeof o->from, "%.8s01", o->to);
	if (strcmp(o->from, o->to) > 0) {
		fprintf(stderr, "frontactl: report: --from %s is after --to %s\n", o->from, o->to);
		return CTL_USAGE;
	}
	return 0;
}

struct note_ctx {
	FILE *f;
	const char *prefix;
};

static void print_gap(void *user, const char *branch, int64_t first, int64_t last, int64_t noted_ms)
{
	struct note_ctx *n = user;
	char when[TZ_STAMP_LEN];
	tz_rfc3339(noted_ms, when);
	fprintf(n->f, "%sbranch %s: events %lld..%lld never reached the archive (noted %.16s); the days they"
	              " belong to may count short\n",
	        n->prefix, branch, (long long)first, (long long)last, when);
}

/* What the archive knows it lacks, said before its figures. */
static void archive_notes(struct ctl_figures *src, FILE *f, const char *prefix)
{
	struct note_ctx n = { f, prefix };
	struct archive_branch *b;
	int nb = archive_list_branches(src->archive, &b);
	for (int i = 0; i < nb; i++) {
		if (src->label[0] && strcmp(src->label, b[i].branch) != 0)
			continue;
		char last[TZ_STAMP_LEN];
		tz_rfc3339(b[i].last_ms, last);
		fprintf(f, "%sbranch %s: events %lld..%lld archived, the last received %.16s", prefix, b[i].branch,
		        (long long)b[i].first_seq, (long long)b[i].last_seq, last);
		if (b[i].missing)
			fprintf(f, ", %lld missing", (long long)b[i].missing);
		if (b[i].conflicts)
			fprintf(f, ", %lld conflicting (a replaced branch database?) left out", (long long)b[i].conflicts);
		fputc('\n', f);
	}
	free(b);
	archive_list_gaps(src->archive, src->label[0] ? src->label : NULL, print_gap, &n);
}

static int write_tables(FILE *f, const struct report_opts *o, struct ctl_figures *src, const struct tally *g,
                        const struct config *cfg)
{
	static const char *const titles[TALLY_DIMS] = { "TICKETS BY SERVICE", "TICKETS BY LANGUAGE",
	                                                "TICKETS BY HOUR OF ISSUE" };
	bool first = true;
	int rc = 0;

	if (o->format == FMT_TEXT) {
		fprintf(f, "Fronta figures: %s%s%s, %s to %s, by %s\n", src->store ? "branch " : "archive",
		        src->archive && src->label[0] ? ", branch " : "", src->label, o->from, o->to, tally_by_name(o->by));
		if (src->archive)
			archive_notes(src, f, "  ");
	} else if (src->archive) {
		archive_notes(src, stderr, "frontactl: note: ");
	}
	for (int d = 0; d < TALLY_DIMS && !rc; d++) {
		if (!o->what[d])
			continue;
		if (o->format == FMT_TEXT) {
			fprintf(f, "\n%s\n", titles[d]);
			rc = table_write_text(f, g, (enum tally_dim)d, cfg);
		} else {
			if (!first)
				fputs("\r\n", f);   /* tables apart, for a spreadsheet */
			rc = table_write_csv(f, g, (enum tally_dim)d, cfg);
		}
		first = false;
	}
	return rc;
}

/* Writes through a temporary file renamed into place: a failed report
 * never leaves half a file where the last good one was. */
static int write_file(const char *path, const struct report_opts *o, struct ctl_figures *src,
                      const struct tally *g, const struct config *cfg)
{
	char tmp[600];
	FILE *f;
	int rc;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (!(f = fopen(tmp, "w"))) {
		fprintf(stderr, "frontactl: cannot write %s: %s\n", tmp, strerror(errno));
		return CTL_FAILED;
	}
	rc = write_tables(f, o, src, g, cfg);
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "frontactl: cannot write %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return CTL_FAILED;
	}
	return 0;
}

int ctl_cmd_report(struct ctl *c, int argc, char **argv)
{
	struct report_opts o;
	struct ctl_figures src;
	struct tally *t = NULL, *g = NULL;
	int rc;

	rc = parse_opts(c, argc, argv, &o);
	if (rc)
		return rc < 0 ? CTL_OK : rc;
	if ((rc = ctl_figures_open(c, o.db, o.archive, o.branch, &src)))
		return rc;
	if ((rc = settle_dates(&o)))
		goto out;
	t = tally_new();
	if (!t) {
		rc = CTL_FAILED;
		goto out;
	}
	if ((rc = ctl_figures_load(&src, o.from, o.to, o.today, t)))
		goto out;
	g = tally_group(t, o.by, true);
	if (!g) {
		fprintf(stderr, "frontactl: out of memory\n");
		rc = CTL_FAILED;
		goto out;
	}
	if (o.format != FMT_PNG) {
		rc = o.out ? write_file(o.out, &o, &src, g, c->cfg) : write_tables(stdout, &o, &src, g, c->cfg);
		if (rc && !o.out) {
			fprintf(stderr, "frontactl: cannot write the report: %s\n", strerror(errno));
			rc = CTL_FAILED;
		}
	}
	if (!rc && (o.format == FMT_PNG || o.chart)) {
		struct chart_spec spec = { .days = t, .branch = src.label, .from = o.from, .to = o.to,
			                       .lang = o.lang ? o.lang : c->cfg ? c->cfg->langs[0] : "cs", .cfg = c->cfg };
		char err[600];
		const char *path = o.format == FMT_PNG ? o.out : o.chart;
		if (src.archive && o.format == FMT_PNG)
			archive_notes(&src, stderr, "frontactl: note: ");
		if (chart_write_png(&spec, path, err, sizeof err) != 0) {
			fprintf(stderr, "frontactl: cannot draw the chart %s: %s\n", path, err);
			rc = CTL_FAILED;
		}
	}
out:
	tally_free(g);
	tally_free(t);
	ctl_figures_close(&src);
	return rc;
}
