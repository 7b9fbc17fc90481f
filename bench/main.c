/* fronta-bench: measures Fronta against its floors (bench/floor.h) on the
 * broker and disk it is given. bench/run.sh (make bench) starts the broker,
 * frontad and the floor server, runs these commands and prints the figures.
 *   fronta-bench floor-server --broker H:P --db PATH
 *   fronta-bench bare-display --broker H:P --state-topic T --presence-topic P
 *   fronta-bench screen       --broker H:P --config FILE --device ID [--n N]
 *   fronta-bench roundtrip    --broker H:P --config FILE --sqlite PATH [--n N] [--waiting W]
 *   fronta-bench throughput   --broker H:P --config FILE [--workers N] [--count N] [--seconds S]
 *   fronta-bench day          --broker H:P --config FILE [--workers N] [--count N]
 *   fronta-bench idle         [--seconds S] NAME=PID...
 *   fronta-bench launch       (--line TEXT | --broker H:P --config FILE --presence DEVICE)
 *                             [--log FILE] [--timeout-ms MS] -- COMMAND ARGS...
 *   fronta-bench percentiles  NAME=FILE...
 * Each measuring command prints one JSON object on stdout; launch prints
 * two numbers (ms, and the program's CPU ms by then), and percentiles sums
 * such numbers up. */
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/client.h"
#include "bench/floor.h"
#include "bench/idle.h"
#include "bench/launch.h"
#include "bench/load.h"
#include "bench/screen.h"
#include "bench/stats.h"
#include "core/clock.h"
#include "core/config.h"
#include "mqtt/cli.h"

#define ANSWER_TIMEOUT_MS 10000

struct opts {
	char host[256];
	int port;
	struct config *cfg;
	const char *db, *sqlite, *device, *state_topic, *presence_topic;
	const char *line, *presence, *log;
	int n, waiting, workers, timeout_ms;
	long count;
	double seconds;
};

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage:\n"
	           "  fronta-bench floor-server --broker HOST:PORT --db PATH\n"
	           "  fronta-bench bare-display --broker HOST:PORT --state-topic TOPIC --presence-topic TOPIC\n"
	           "  fronta-bench screen --broker HOST:PORT --config FILE --device ID [--n N]\n"
	           "  fronta-bench roundtrip --broker HOST:PORT --config FILE --sqlite PATH [--n N] [--waiting W]\n"
	           "  fronta-bench throughput --broker HOST:PORT --config FILE [--workers N] [--count N] [--seconds S]\n"
	           "  fronta-bench day --broker HOST:PORT --config FILE [--workers N] [--count N]\n"
	           "  fronta-bench idle [--seconds S] NAME=PID...\n"
	           "  fronta-bench launch (--line TEXT | --broker HOST:PORT --config FILE --presence DEVICE)\n"
	           "                      [--log FILE] [--timeout-ms MS] -- COMMAND ARGS...\n"
	           "  fronta-bench percentiles NAME=FILE...\n"
	           "Measuring commands print one JSON object (latencies in ms). See docs/performance.md.\n"
	           "launch starts COMMAND and prints the ms until a line of its output holds TEXT, or until\n"
	           "display DEVICE reports the retained state's seq in its presence, and the CPU ms it used\n"
	           "by then; then stops it.\n"
	           "percentiles reads numbers (one a line) from each FILE and prints their percentiles.\n");
}

/* ---- the floor's side ---- */

static int floor_commit_echo(void *conn, long i)
{
	char p[64];
	snprintf(p, sizeof p, "{\"i\":%ld}", i);
	return floor_client_request(conn, FLOOR_TOPIC_COMMIT, p, ANSWER_TIMEOUT_MS);
}

static int floor_plain_echo(void *conn, long i)
{
	char p[64];
	snprintf(p, sizeof p, "{\"i\":%ld}", i);
	return floor_client_request(conn, FLOOR_TOPIC_PLAIN, p, ANSWER_TIMEOUT_MS);
}

/* ---- commands ---- */

static int floor_sqlite_commit(void *db, long i)
{
	(void)i;
	return floor_db_commit(db);
}

/* The sequential round trip: each step of the loop sends one request of
 * every kind, so that every kind sees the same moments of a busy machine. */
static int cmd_roundtrip(const struct opts *o)
{
	struct client *fc = client_connect(o->host, o->port, o->cfg, 0, NULL);
	struct floor_client *flc;
	struct floor_db *fdb;
	struct samples *issue = samples_new(), *call = samples_new(), *floor = samples_new(),
	               *plain = samples_new(), *sql = samples_new();
	char err[600];
	int warmup = 50, rc = 1;
	long i = 0;

	flc = floor_client_new(o->host, o->port, err, sizeof err);
	if (!flc)
		fprintf(stderr, "fronta-bench: floor client: %s\n", err);
	fdb = floor_db_open(o->sqlite, err, sizeof err);
	if (!fdb)
		fprintf(stderr, "fronta-bench: floor database: %s\n", err);
	if (!fc || !flc || !fdb || !issue || !call || !floor || !plain || !sql)
		goto out;
	usleep(200000);   /* the response subscriptions are in place */
	/* a queue of a busy morning: `waiting` tickets wait; each call takes one */
	for (; i < o->waiting; i++)
		if (client_issue(fc, i) != 0)
			goto out;
	for (int k = -warmup; k < o->n; k++, i++) {
		const struct { struct samples *s; load_request_fn fn; void *conn; } step[] = {
			{ floor, floor_commit_echo, flc }, { issue, client_issue, fc }, { call, client_call, fc },
			{ plain, floor_plain_echo, flc }, { sql, floor_sqlite_commit, fdb },
		};
		for (size_t j = 0; j < sizeof step / sizeof step[0]; j++) {
			int64_t t = clock_mono_ns();
			if (step[j].fn(step[j].conn, i) != 0)
				goto out;
			if (k >= 0)
				samples_add(step[j].s, (double)(clock_mono_ns() - t) / 1e6);
		}
	}
	printf("{");
	samples_print(stdout, "issue", -1, issue, ",");
	samples_print(stdout, "call", -1, call, ",");
	samples_print(stdout, "floor", -1, floor, ",");
	samples_print(stdout, "floor_mqtt", -1, plain, ",");
	samples_print(stdout, "floor_sqlite", -1, sql, "");
	printf("}\n");
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "fronta-bench: roundtrip stopped after %ld requests\n", i);
	client_close(fc);
	floor_client_free(flc);
	floor_db_close(fdb);
	samples_free(issue);
	samples_free(call);
	samples_free(floor);
	samples_free(plain);
	samples_free(sql);
	return rc;
}

static void print_load(const char *name, struct load_result *r, const char *sep)
{
	char buf[256];
	samples_json(r->latency, buf, sizeof buf);
	printf("\"%s\":{\"ok\":%ld,\"failed\":%ld,\"seconds\":%.3f,\"per_s\":%.1f,\"latency\":%s}%s", name, r->ok,
	       r->failed, r->seconds, r->seconds > 0 ? (double)r->ok / r->seconds : 0.0, buf, sep);
}

static void add_load(struct load_result *sum, struct load_result *r)
{
	if (!sum->latency) {
		*sum = *r;
		return;
	}
	samples_merge(sum->latency, r->latency);
	samples_free(r->latency);
	sum->ok += r->ok;
	sum->failed += r->failed;
	sum->seconds += r->seconds;
}

/* `count` requests (or `seconds`, whichever ends first) from n workers on
 * each side, alternating in two halves so that both see the same machine. */
static int cmd_throughput(const struct opts *o)
{
	void **fronta = calloc((size_t)o->workers, sizeof *fronta), **floorc = calloc((size_t)o->workers, sizeof *floorc);
	struct load_result fr = { 0 }, fl = { 0 }, r;
	char err[600];
	int rc = 1, halves = 2;

	if (!fronta || !floorc)
		goto out;
	for (int k = 0; k < o->workers; k++) {
		fronta[k] = client_connect(o->host, o->port, o->cfg, k, NULL);
		floorc[k] = floor_client_new(o->host, o->port, err, sizeof err);
		if (!fronta[k] || !floorc[k]) {
			if (!floorc[k])
				fprintf(stderr, "fronta-bench: floor client: %s\n", err);
			goto out;
		}
	}
	usleep(200000);
	for (int h = 0; h < halves; h++) {
		long each = o->count / halves / o->workers;
		if (load_run(o->workers, floorc, floor_commit_echo, each, o->seconds / halves, &r) != 0)
			goto out;
		add_load(&fl, &r);
		if (load_run(o->workers, fronta, client_issue, each, o->seconds / halves, &r) != 0)
			goto out;
		add_load(&fr, &r);
	}
	printf("{\"workers\":%d,", o->workers);
	print_load("issue", &fr, ",");
	print_load("floor", &fl, "");
	printf("}\n");
	rc = fr.failed || fl.failed;
out:
	for (int k = 0; k < o->workers && fronta && floorc; k++) {
		client_close(fronta[k]);
		floor_client_free(floorc[k]);
	}
	free(fronta);
	free(floorc);
	samples_free(fr.latency);
	samples_free(fl.latency);
	return rc;
}

/* Call to screen against its floor (a request through the bare echo
 * server, which commits, publishes a state and answers; a bare display
 * reports that state's seq), taking turns. */
static int cmd_screen(const struct opts *o)
{
	struct screen *sc = screen_new(o->host, o->port, o->cfg, o->device);
	struct floor_client *flc;
	struct samples *fronta = samples_new(), *floor = samples_new();
	char err[600];
	int warmup = 20, rc = 1;

	flc = floor_client_new(o->host, o->port, err, sizeof err);
	if (!flc)
		fprintf(stderr, "fronta-bench: floor client: %s\n", err);
	if (!sc || !flc || !fronta || !floor)
		goto out;
	usleep(200000);
	for (int k = -warmup; k < o->n; k++) {
		double ms;
		/* seqs of the floor only grow, also across runs on one broker */
		int64_t t = clock_mono_ns();
		if (floor_client_screen(flc, clock_mono_ns() / 1000, ANSWER_TIMEOUT_MS) != 0) {
			fprintf(stderr, "fronta-bench: the floor display did not report (is bare-display running?)\n");
			goto out;
		}
		if (k >= 0)
			samples_add(floor, (double)(clock_mono_ns() - t) / 1e6);
		if (screen_call(sc, k + warmup, ANSWER_TIMEOUT_MS, &ms) != 0)
			goto out;
		if (k >= 0)
			samples_add(fronta, ms);
	}
	printf("{");
	samples_print(stdout, "screen", -1, fronta, ",");
	samples_print(stdout, "floor", -1, floor, "");
	printf("}\n");
	rc = 0;
out:
	screen_free(sc);
	floor_client_free(flc);
	samples_free(fronta);
	samples_free(floor);
	return rc;
}

/* A branch's day: `count` steps of client_day_step from n workers (the
 * soak runs it day after day and watches frontad's memory). */
static int cmd_day(const struct opts *o)
{
	void **conns = calloc((size_t)o->workers, sizeof *conns);
	struct load_result r = { 0 };
	int rc = 1, made = 0;

	if (!conns)
		return 1;
	for (; made < o->workers; made++)
		if (!(conns[made] = client_connect(o->host, o->port, o->cfg, made, NULL)))
			goto out;
	usleep(200000);
	if (load_run(o->workers, conns, client_day_step, o->count / o->workers, o->seconds, &r) != 0)
		goto out;
	printf("{");
	print_load("day", &r, "");
	printf("}\n");
	rc = r.failed > 0;
out:
	for (int k = 0; k < made; k++)
		client_close(conns[k]);
	free(conns);
	samples_free(r.latency);
	return rc;
}

/* CPU and memory of each NAME=PID over the same `seconds`, and whose
 * memory it is at the end (the OpenGL stack, X images, the heap). */
static int cmd_idle(const struct opts *o, int argc, char **argv)
{
	int n = argc;
	pid_t *pid = calloc((size_t)n, sizeof *pid);
	struct proc_usage *a = calloc((size_t)n, sizeof *a), b;
	struct proc_maps m;
	int64_t t0, t1;
	int rc = 1;

	if (!pid || !a)
		goto out;
	for (int i = 0; i < n; i++) {
		const char *eq = strchr(argv[i], '=');
		pid[i] = eq ? (pid_t)atoi(eq + 1) : 0;
		if (pid[i] <= 0 || idle_read(pid[i], &a[i]) != 0) {
			fprintf(stderr, "fronta-bench: idle: %s: not a running NAME=PID\n", argv[i]);
			goto out;
		}
	}
	t0 = clock_mono_ns();
	while (!stop_flag && clock_mono_ns() - t0 < (int64_t)(o->seconds * 1e9))
		usleep(100000);
	t1 = clock_mono_ns();
	printf("{");
	for (int i = 0; i < n; i++) {
		if (idle_read(pid[i], &b) != 0) {
			fprintf(stderr, "fronta-bench: idle: %s ended during the measurement\n", argv[i]);
			printf("}\n");
			goto out;
		}
		if (idle_read_maps(pid[i], &m) != 0)
			memset(&m, 0, sizeof m);
		printf("%s\"%.*s\":{\"seconds\":%.1f,\"cpu_pct\":%.3f,\"rss_mb\":%.2f,\"rss_peak_mb\":%.2f,"
		       "\"gl_rss_mb\":%.2f,\"shm_rss_mb\":%.2f,\"anon_rss_mb\":%.2f,\"gl\":\"%s\"}",
		       i ? "," : "", (int)(strchr(argv[i], '=') - argv[i]), argv[i], (double)(t1 - t0) / 1e9,
		       100.0 * (b.cpu_s - a[i].cpu_s) / ((double)(t1 - t0) / 1e9), (double)b.rss_kb / 1024.0,
		       (double)b.rss_peak_kb / 1024.0, (double)m.gl_kb / 1024.0, (double)m.shm_kb / 1024.0,
		       (double)m.anon_kb / 1024.0, m.llvm ? "mesa-llvmpipe" : m.gl ? "opengl" : "none");
	}
	printf("}\n");
	rc = 0;
out:
	free(pid);
	free(a);
	return rc;
}

/* One start-up: argv launched and timed (bench/launch.h). */
static int cmd_launch(const struct opts *o, char **argv)
{
	struct launch_watch *w = NULL;
	double ms, cpu_ms;
	int rc;
	if (o->presence && !(w = launch_watch_new(o->host, o->port, o->cfg, o->presence)))
		return 1;
	rc = launch_time(argv, o->line, w, o->log, o->timeout_ms, &ms, &cpu_ms);
	launch_watch_free(w);
	if (rc == 0)
		printf("%.3f %.0f\n", ms, cpu_ms);
	return rc == 0 ? 0 : 1;
}

/* {"NAME":{"n":..,"p50":..},...} of the numbers in each NAME=FILE. */
static int cmd_percentiles(int argc, char **argv)
{
	printf("{");
	for (int i = 0; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		struct samples *s = samples_new();
		FILE *f = eq ? fopen(eq + 1, "r") : NULL;
		double v;
		if (!s || !f) {
			fprintf(stderr, "fronta-bench: percentiles: %s: not a NAME=FILE to read\n", argv[i]);
			samples_free(s);
			if (f)
				fclose(f);
			printf("}\n");
			return 1;
		}
		while (fscanf(f, "%lf", &v) == 1)
			samples_add(s, v);
		fclose(f);
		if (i)
			printf(",");
		samples_print(stdout, argv[i], (int)(eq - argv[i]), s, "");
		samples_free(s);
	}
	printf("}\n");
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "broker", required_argument, 0, 'b' },
		{ "config", required_argument, 0, 'c' },
		{ "db", required_argument, 0, 'D' },
		{ "sqlite", required_argument, 0, 'S' },
		{ "n", required_argument, 0, 'n' },
		{ "waiting", required_argument, 0, 'w' },
		{ "workers", required_argument, 0, 'W' },
		{ "seconds", required_argument, 0, 's' },
		{ "count", required_argument, 0, 'C' },
		{ "device", required_argument, 0, 'd' },
		{ "state-topic", required_argument, 0, 'T' },
		{ "presence-topic", required_argument, 0, 'P' },
		{ "line", required_argument, 0, 'L' },
		{ "presence", required_argument, 0, 'p' },
		{ "log", required_argument, 0, 'l' },
		{ "timeout-ms", required_argument, 0, 't' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	struct opts o = { .port = 1883, .n = 1000, .waiting = 20, .workers = 16, .count = 2000, .seconds = 60,
		           .timeout_ms = 20000 };
	const char *cmd, *config = NULL;
	char err[8192];
	struct sigaction sa;
	int c, rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	cmd = argv[1];
	argv++;
	argc--;
	snprintf(o.host, sizeof o.host, "127.0.0.1");
	while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
		switch (c) {
		case 'b':
			if (cli_parse_hostport(optarg, o.host, sizeof o.host, &o.port) != 0) {
				fprintf(stderr, "fronta-bench: --broker HOST:PORT\n");
				return 2;
			}
			break;
		case 'c': config = optarg; break;
		case 'D': o.db = optarg; break;
		case 'S': o.sqlite = optarg; break;
		case 'n': o.n = atoi(optarg); break;
		case 'w': o.waiting = atoi(optarg); break;
		case 'W': o.workers = atoi(optarg); break;
		case 's': o.seconds = atof(optarg); break;
		case 'C': o.count = atol(optarg); break;
		case 'd': o.device = optarg; break;
		case 'T': o.state_topic = optarg; break;
		case 'P': o.presence_topic = optarg; break;
		case 'L': o.line = optarg; break;
		case 'p': o.presence = optarg; break;
		case 'l': o.log = optarg; break;
		case 't': o.timeout_ms = atoi(optarg); break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (strcmp(cmd, "idle") == 0)
		return cmd_idle(&o, argc - optind, argv + optind);
	if (strcmp(cmd, "percentiles") == 0)
		return cmd_percentiles(argc - optind, argv + optind);
	if (strcmp(cmd, "launch") == 0 && !o.presence) {
		if (!o.line || optind >= argc || o.timeout_ms < 1) {
			fprintf(stderr, "fronta-bench: launch needs --line TEXT or --presence DEVICE, and a command\n");
			return 2;
		}
		return cmd_launch(&o, argv + optind);
	}
	if (strcmp(cmd, "floor-server") == 0) {
		if (!o.db) {
			fprintf(stderr, "fronta-bench: floor-server needs --db PATH\n");
			return 2;
		}
		return floor_serve(o.host, o.port, o.db, &stop_flag);
	}
	if (strcmp(cmd, "bare-display") == 0) {
		if (!o.state_topic || !o.presence_topic) {
			fprintf(stderr, "fronta-bench: bare-display needs --state-topic and --presence-topic\n");
			return 2;
		}
		return floor_display(o.host, o.port, o.state_topic, o.presence_topic, &stop_flag);
	}
	if (!config) {
		fprintf(stderr, "fronta-bench: %s needs --config FILE\n", cmd);
		return 2;
	}
	o.cfg = config_load(config, err, sizeof err);
	if (!o.cfg) {
		fprintf(stderr, "%s", err);
		return 2;
	}
	if (o.n < 1 || o.workers < 1 || o.seconds <= 0 || o.waiting < 0 || o.count < 0) {
		fprintf(stderr, "fronta-bench: --n, --workers, --count and --seconds must be positive\n");
		rc = 2;
	} else if (strcmp(cmd, "roundtrip") == 0 && o.sqlite) {
		rc = cmd_roundtrip(&o);
	} else if (strcmp(cmd, "throughput") == 0) {
		rc = cmd_throughput(&o);
	} else if (strcmp(cmd, "day") == 0) {
		rc = cmd_day(&o);
	} else if (strcmp(cmd, "screen") == 0 && o.device) {
		rc = cmd_screen(&o);
	} else if (strcmp(cmd, "launch") == 0 && optind < argc && o.timeout_ms > 0) {
		rc = cmd_launch(&o, argv + optind);
	} else {
		usage(stderr);
		rc = 2;
	}
	config_free(o.cfg);
	return rc;
}
