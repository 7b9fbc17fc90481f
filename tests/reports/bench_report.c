/* Measures frontactl report's work on a head-office archive of realistic
 * size: BRANCHES branches x DAYS days x TICKETS tickets a day, made by the
 * real queue engine and stored with archive_put_event; then the month's
 * report from the events, the counting of the days (as the archiver's
 * retention does), and the report again from the kept figures.
 * Usage: bench_report ARCHIVE.db [BRANCHES DAYS TICKETS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/proto.h"
#include "core/queue.h"
#include "core/tz.h"
#include "report/table.h"
#include "report/tally.h"

static const char cfg_text[] =
	"[branch]\nid = bench\nname = Bench\ntimezone = Europe/Prague\nlanguages = cs uk vi\n"
	"[service A]\nname.cs = A\nname.uk = A\nname.vi = A\nhours = always\n"
	"[service S]\nname.cs = S\nname.uk = S\nname.vi = S\nhours = always\n"
	"[counter 1]\nservices = A S\n[counter 2]\nservices = A S\n"
	"[devices]\nfrontad = daemon\n";

static const char *const langs[] = { "cs", "uk", "vi" };

/* One day of a branch: tickets over 8 hours, two counters serving. */
static long one_day(struct archive *a, const struct config *cfg, const char *branch, const char *day,
                    int64_t start_ms, int tickets, int64_t *seq)
{
	struct queue *q = queue_new(cfg, day);
	long stored = 0;
	int n;
	const struct change *c;

	queue_restore_seq(q, *seq, 1);
	for (int i = 0; i < tickets; i++) {
		int64_t t = start_ms + (int64_t)i * 8 * 3600000 / tickets;
		queue_issue(q, i % 3 ? 'A' : 'S', langs[i % 3], false, t, NULL);
		if (i >= 4) {
			queue_call(q, i % 2 ? "1" : "2", NULL, t + 1000, NULL);
			if (i % 17 == 0)
				queue_noshow(q, i % 2 ? "1" : "2", t + 60000, NULL);
		}
	}
	c = queue_changes(q, &n);
	archive_begin(a);
	for (int i = 0; i < n; i++) {
		char *json;
		int64_t gf, gl;
		if (c[i].kind != CHANGE_EVENT)
			continue;
		json = proto_event(&c[i].event);
		if (json && archive_put_event(a, branch, &c[i].event, json, &gf, &gl) >= 0)
			stored++;
		free(json);
	}
	archive_commit(a);
	*seq = queue_seq(q);
	queue_free(q);
	return stored;
}

static double ms_since(int64_t t0)
{
	return (double)(clock_mono_ns() - t0) / 1e6;
}

static void report(struct archive *a, const char *what)
{
	struct tally *t = tally_new(), *g;
	char err[256];
	int64_t t0 = clock_mono_ns();
	FILE *null = fopen("/dev/null", "w");
	if (archive_report_load(a, NULL, "2026-11-01", "2026-11-30", "2026-12-01", t, err, sizeof err) != FRONTA_OK) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	g = tally_group(t, TALLY_BY_MONTH, true);
	for (int d = 0; d < TALLY_DIMS; d++)
		table_write_csv(null, g, (enum tally_dim)d, NULL);
	printf("report of the month (%s): %.0f ms\n", what, ms_since(t0));
	fclose(null);
	tally_free(g);
	tally_free(t);
}

int main(int argc, char **argv)
{
	int branches = argc > 2 ? atoi(argv[2]) : 4, days = argc > 3 ? atoi(argv[3]) : 22,
	    tickets = argc > 4 ? atoi(argv[4]) : 200;
	char err[512];
	struct config *cfg;
	struct archive *a;
	struct store_retain r;
	long events = 0;
	int64_t t0;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_report ARCHIVE.db [BRANCHES DAYS TICKETS]\n");
		return 2;
	}
	unlink(argv[1]);
	tz_set("Europe/Prague");
	cfg = config_parse(cfg_text, sizeof cfg_text - 1, "bench.ini", err, sizeof err);
	a = cfg ? archive_open(argv[1], err, sizeof err) : NULL;
	if (!a) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	t0 = clock_mono_ns();
	for (int b = 0; b < branches; b++) {
		char branch[32];
		int64_t seq = 0;
		snprintf(branch, sizeof branch, "branch-%d", b + 1);
		for (int d = 0; d < days; d++) {
			char day[TZ_DAY_LEN];
			int64_t start = tz_make(2026, 11, 2 + d, 8 * 60);
			tz_day(start, day);
			events += one_day(a, cfg, branch, day, start, tickets, &seq);
		}
	}
	printf("%d branches x %d days x %d tickets: %ld events stored in %.0f ms\n", branches, days, tickets, events,
	       ms_since(t0));
	report(a, "from the events");
	t0 = clock_mono_ns();
	archive_retain(a, "2026-12-01", "2026-12-01", &r, err, sizeof err);
	printf("figures of %d branch days kept, their events purged, in %.0f ms\n", r.days_counted, ms_since(t0));
	report(a, "from the kept figures");
	archive_close(a);
	config_free(cfg);
	return 0;
}
