/* Measures frontactl report's work on a head-office archive of realistic
 * size: BRANCHES branches x DAYS days x TICKETS tickets a day, made by the
 * real queue engine (arrivals peaking in the morning, two counters, no
 * weekends) and stored with archive_put_event; then the month's
 * report from the events, the counting of the days (as the archiver's
 * retention does), and the report again from the kept figures.
 * Usage: bench_report ARCHIVE.db [BRANCHES DAYS TICKETS]   (days of November 2026) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	"[branch]\nid = bench\nname = Bench\ntimezone = Europe/Prague\nlanguages = cs en uk ru vi mn ar\n"
	"[service A]\nname.cs = A\nname.en = A\nname.uk = A\nname.ru = A\nname.vi = A\nname.mn = A\nname.ar = A\n"
	"hours = always\n"
	"[service S]\nname.cs = S\nname.en = S\nname.uk = S\nname.ru = S\nname.vi = S\nname.mn = S\nname.ar = S\n"
	"hours = always\n"
	"[counter 1]\nservices = A S\n[counter 2]\nservices = A S\n[counter 3]\nservices = A S\n"
	"[counter 4]\nservices = A S\n[counter 5]\nservices = A S\n[counter 6]\nservices = A S\n"
	"[devices]\nfrontad = daemon\n";

/* Languages as asked at the OAMP offices, roughly: weights of 100. */
static const struct { const char *lang; int weight; } langs[] = {
	{ "uk", 40 }, { "vi", 20 }, { "ru", 14 }, { "mn", 9 }, { "en", 8 }, { "cs", 5 }, { "ar", 4 },
};

static const char *pick_lang(unsigned *seed)
{
	int r = (int)(rand_r(seed) % 100u);
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
		if ((r -= langs[i].weight) < 0)
			return langs[i].lang;
	return "uk";
}

/* Minute of arrival after 08:00: most come early (the office's morning). */
static int arrival(unsigned *seed)
{
	int r = (int)(rand_r(seed) % 100u);
	return r < 45 ? (int)(rand_r(seed) % 90u) : r < 80 ? 90 + (int)(rand_r(seed) % 150u)
	                                                  : 240 + (int)(rand_r(seed) % 240u);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* One day of a branch: tickets arrive over the day, a counter for about
 * every 40 tickets calls the next as soon as it is free (5-15 min a
 * client, a no-show now and then); whoever still waits at 17:00 is closed
 * by the day change. */
static long one_day(struct archive *a, const struct config *cfg, const char *branch, const char *day,
                    int64_t start_ms, int tickets, int64_t *seq, unsigned *seed)
{
	static const char *const ids[] = { "1", "2", "3", "4", "5", "6" };
	struct queue *q = queue_new(cfg, day);
	int *arrive = malloc((size_t)tickets * sizeof *arrive), next = 0;
	int n_ctr = tickets / 40 < 2 ? 2 : tickets / 40 > 6 ? 6 : tickets / 40;
	int64_t free_at[6], end = start_ms + 9 * 3600000LL;
	long stored = 0;
	int n;
	const struct change *c;

	queue_restore_seq(q, *seq, 1);
	for (int k = 0; k < n_ctr; k++)
		free_at[k] = start_ms + (10 + k) * 60000LL;
	for (int i = 0; i < tickets; i++)
		arrive[i] = arrival(seed);
	qsort(arrive, (size_t)tickets, sizeof *arrive, cmp_int);
	for (;;) {
		int k = 0;
		int64_t t_arr = next < tickets ? start_ms + arrive[next] * 60000LL + (int64_t)(rand_r(seed) % 60u) * 1000
		                               : INT64_MAX;
		for (int j = 1; j < n_ctr; j++)
			if (free_at[j] < free_at[k])
				k = j;
		if (t_arr <= free_at[k]) {
			queue_issue(q, rand_r(seed) % 3u ? 'A' : 'S', pick_lang(seed), false, t_arr, NULL);
			next++;
			continue;
		}
		if (free_at[k] >= end)
			break;
		if (queue_call(q, ids[k], NULL, free_at[k], NULL) != FRONTA_OK) {
			free_at[k] = t_arr == INT64_MAX ? end : t_arr;
			continue;
		}
		if (rand_r(seed) % 20u == 0) {
			queue_noshow(q, ids[k], free_at[k] + 120000, NULL);
			free_at[k] += 120000;
		} else {
			free_at[k] += (5 + (int64_t)(rand_r(seed) % 11u)) * 60000;
			queue_finish(q, ids[k], free_at[k], NULL);
		}
	}
	free(arrive);
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
	int branches = argc > 2 ? atoi(argv[2]) : 4, days = argc > 3 ? atoi(argv[3]) : 30,
	    tickets = argc > 4 ? atoi(argv[4]) : 200;
	char err[512];
	unsigned seed = 20261123;
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
			int64_t start = tz_make(2026, 11, 1 + d, 8 * 60);
			tz_day(start, day);
			if (tz_day_weekday(day) >= 5)
				continue;    /* the offices are closed at weekends */
			events += one_day(a, cfg, branch, day, start, tickets, &seq, &seed);
		}
	}
	printf("%d branches x %d days (weekdays of them) x %d tickets: %ld events stored in %.0f ms\n", branches, days,
	       tickets, events, ms_since(t0));
	{
		struct stat st;
		if (stat(argv[1], &st) == 0)
			printf("archive file: %.1f MB\n", (double)st.st_size / 1e6);
	}
	report(a, "from the events");
	t0 = clock_mono_ns();
	archive_retain(a, "2026-12-01", "2026-12-01", &r, err, sizeof err);
	printf("figures of %d branch days kept, their events purged, in %.0f ms\n", r.days_counted, ms_since(t0));
	report(a, "from the kept figures");
	archive_close(a);
	config_free(cfg);
	return 0;
}
