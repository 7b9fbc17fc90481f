/* frontactl archive: the head-office archiver. Subscribes to every
 * branch's events on the head-office broker (bridged from the branches)
 * with a persistent session, and stores them in the archive database;
 * once a day it keeps the figures of the days that are over and purges
 * events older than the retention (docs/reports.md, docs/privacy.md). */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/tz.h"
#include "ctl/ctl.h"
#include "mqtt/inbox.h"

#define DEFAULT_SESSION_EXPIRY_S (7 * 86400)
#define DEFAULT_RETENTION_DAYS 730
#define BATCH_MAX 256
#define RETRY_MS 2000

static volatile sig_atomic_t stop_flag;
static struct inbox *signal_inbox;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
	if (signal_inbox)
		inbox_wake(signal_inbox);
}

static void archive_usage(FILE *f)
{
	fprintf(f,
	        "Usage: frontactl archive --broker HOST:PORT --db PATH [options]\n"
	        "Stores every branch's events from the head-office broker (topic fronta/v1/+/event,\n"
	        "bridged from each branch) in an SQLite archive, for reports across branches.\n"
	        "A persistent session keeps what arrives while it is stopped; each branch's seq\n"
	        "makes repeats harmless and shows what is missing (docs/reports.md).\n\n"
	        "  --db PATH              the archive (created if missing)\n"
	        "  --retention-days N     delete events older than N days once their figures are\n"
	        "                         kept (default %d; 0: never)\n"
	        "  --session-expiry S     seconds the broker keeps our session while we are away\n"
	        "                         (default %d, a week)\n"
	        CLI_CONN_HELP
	        "  -v, --verbose          log every event stored\n"
	        "  -h, --help             this text\n"
	        "Signals: SIGTERM and SIGINT stop it after storing what it has received.\n",
	        DEFAULT_RETENTION_DAYS, DEFAULT_SESSION_EXPIRY_S);
}

struct archiver {
	struct archive *a;
	struct inbox *inbox;
	int retention_days;
	char day[TZ_DAY_LEN];     /* the last day the retention ran */
	int64_t stored, repeats;
	struct inbox_item *pending;   /* a batch storing failed on: tried again */
};

static void on_message(void *user, const struct mq_message *m)
{
	struct archiver *ar = user;
	if (inbox_put(ar->inbox, m->topic, m->payload, m->len, NULL, NULL, 0) != 0)
		log_error("out of memory: an event on %s is lost (the archive notes the gap when the next comes)",
		          m->topic);
}

static void on_status(void *user, enum mq_status st, const char *why)
{
	(void)user;
	if (stop_flag)
		return;       /* our own goodbye */
	if (st == MQ_CONNECTED)
		log_info("%s", why);
	else if (st == MQ_REFUSED)
		log_error("%s (check --user, --password-file and the broker's ACL)", why);
	else
		log_warn("%s; reconnecting (the broker keeps our session)", why);
}

/* The branch of "fronta/v1/{branch}/event" into out; -1 if not such a topic. */
static int topic_branch(const char *topic, char out[CONFIG_ID_LEN])
{
	const char *p = topic + strlen(PROTO_TOPIC_ROOT "/"), *slash;
	size_t n;
	if (strncmp(topic, PROTO_TOPIC_ROOT "/", strlen(PROTO_TOPIC_ROOT "/")) != 0 || !(slash = strchr(p, '/')) ||
	    strcmp(slash, "/event") != 0)
		return -1;
	n = (size_t)(slash - p);
	if (n == 0 || n >= CONFIG_ID_LEN)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return config_is_id(out) ? 0 : -1;
}

/* Stores one message. Returns 0 (stored, or refused as not an event),
 * or -1 if the database failed. */
static int store_item(struct archiver *ar, const struct inbox_item *it)
{
	char branch[CONFIG_ID_LEN];
	struct event e;
	int64_t gf, gl;
	int r;

	if (topic_branch(it->topic, branch) != 0) {
		log_warn("ignored a message on %.100s: not a branch's event topic", it->topic);
		return 0;
	}
	if (proto_parse_event(it->payload, it->len, &e) != 0 || e.seq < 1 || !e.day[0]) {
		log_warn("branch %s: ignored a message that is not an event: %.120s", branch, it->payload);
		return 0;
	}
	r = archive_put_event(ar->a, branch, &e, it->payload, &gf, &gl);
	switch (r) {
	case ARCHIVE_AFTER_GAP:
		log_warn("branch %s: events %lld..%lld are missing (noted; the report says so)", branch, (long long)gf,
		         (long long)gl);
		break;
	case ARCHIVE_FILLED:
		log_info("branch %s: event %lld arrived late and fills a gap", branch, (long long)e.seq);
		break;
	case ARCHIVE_CONFLICT:
		log_error("branch %s: event %lld differs from the one stored with that seq (was the branch database "
		          "replaced?); kept the first",
		          branch, (long long)e.seq);
		break;
	case ARCHIVE_REPEAT:
		ar->repeats++;
		break;
	case -1:
		return -1;
	default:
		log_debug("branch %s: event %lld %s", branch, (long long)e.seq, queue_event_name(e.type));
		break;
	}
	ar->stored += r == ARCHIVE_STORED || r == ARCHIVE_AFTER_GAP || r == ARCHIVE_FILLED;
	return 0;
}

static void free_items(struct inbox_item *it)
{
	while (it) {
		struct inbox_item *next = it->next;
		inbox_item_free(it);
		it = next;
	}
}

/* Stores a batch in one transaction. If storing fails (disk full, a lock
 * held too long), the batch is kept and tried again: the broker has
 * handed it over, so it exists nowhere else. Returns 0 if stored. */
static int store_batch(struct archiver *ar, struct inbox_item *items)
{
	if (archive_begin(ar->a) == FRONTA_OK) {
		int rc = 0;
		for (struct inbox_item *it = items; it && rc == 0; it = it->next)
			rc = store_item(ar, it);
		if (rc == 0 && archive_commit(ar->a) == FRONTA_OK)
			return 0;
		archive_rollback(ar->a);
	}
	return -1;
}

/* Once a day (and at start): keep the figures of the days that are over
 * and purge events older than the retention. */
static void daily(struct archiver *ar)
{
	char today[TZ_DAY_LEN], keep_from[TZ_DAY_LEN], err[600];
	struct store_retain r;

	tz_day(clock_now_ms(), today);
	if (!strcmp(today, ar->day) || ar->retention_days <= 0)
		return;
	snprintf(ar->day, sizeof ar->day, "%s", today);
	tz_day_add(today, -ar->retention_days, keep_from);
	if (archive_retain(ar->a, today, keep_from, &r, err, sizeof err) != FRONTA_OK)
		log_error("figures: %s; tried again tomorrow (or run frontactl purge --archive)", err);
	if (r.days_counted || r.days_purged)
		log_info("figures of %d branch day(s) kept; %d branch day(s) before %s purged (%lld events)",
		         r.days_counted, r.days_purged, keep_from, (long long)r.events);
}

/* Takes and stores what has arrived; a failed batch waits in ar->pending. */
static void drain(struct archiver *ar, int64_t *retry_at)
{
	struct inbox_item *items;
	for (;;) {
		if (ar->pending) {
			if (clock_mono_ms() < *retry_at)
				return;
			items = ar->pending;
			ar->pending = NULL;
		} else if (!(items = inbox_take(ar->inbox, BATCH_MAX))) {
			return;
		}
		if (store_batch(ar, items) != 0) {
			log_error("archive: cannot store %s; trying again in %d s", "a batch of events", RETRY_MS / 1000);
			ar->pending = items;
			*retry_at = clock_mono_ms() + RETRY_MS;
			return;
		}
		free_items(items);
	}
}

int ctl_cmd_archive(struct ctl *c, int argc, char **argv)
{
	enum { O_DB = 0x3200, O_RETENTION, O_EXPIRY };
	static const struct option longs[] = {
		CLI_CONN_LONG_OPTIONS,
		{ "db", required_argument, 0, O_DB },
		{ "retention-days", required_argument, 0, O_RETENTION },
		{ "session-expiry", required_argument, 0, O_EXPIRY },
		{ "verbose", no_argument, 0, 'v' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	struct archiver ar = { .retention_days = DEFAULT_RETENTION_DAYS };
	struct mq_options mo = { 0 };
	struct mq_callbacks cb = { .message = on_message, .status = on_status, .user = &ar };
	struct sigaction sa;
	const char *db = NULL;
	char err[600], host[256], *end;
	long expiry = DEFAULT_SESSION_EXPIRY_S;
	int64_t retry_at = 0;
	int opt, rc = CTL_FAILED;

	optind = 0;
	while ((opt = getopt_long(argc, argv, CLI_CONN_SHORT "vh", longs, NULL)) != -1) {
		if (cli_conn_option(&c->conn, opt, optarg))
			continue;
		switch (opt) {
		case O_DB: db = optarg; break;
		case O_RETENTION:
			ar.retention_days = (int)strtol(optarg, &end, 10);
			if (*end || ar.retention_days < 0 || ar.retention_days > 36500) {
				fprintf(stderr, "frontactl: archive: --retention-days is 0 to 36500, not \"%s\"\n", optarg);
				return CTL_USAGE;
			}
			break;
		case O_EXPIRY:
			expiry = strtol(optarg, &end, 10);
			if (*end || expiry < 60 || expiry > 0x7fffffffL) {
				fprintf(stderr, "frontactl: archive: --session-expiry is seconds, at least 60, not \"%s\"\n",
				        optarg);
				return CTL_USAGE;
			}
			break;
		case 'v': log_set_level(LOG_DEBUG); break;
		case 'h': archive_usage(stdout); return CTL_OK;
		default: archive_usage(stderr); return CTL_USAGE;
		}
	}
	if (optind < argc || !db || !c->conn.broker) {
		fprintf(stderr, "frontactl: archive: %s\n", optind < argc ? "unexpected argument"
		                                            : !db ? "--db PATH is needed" : "--broker HOST:PORT is needed");
		archive_usage(stderr);
		return CTL_USAGE;
	}
	if (cli_parse_hostport(c->conn.broker, host, sizeof host, &mo.port) != 0) {
		fprintf(stderr, "frontactl: --broker wants HOST:PORT, e.g. 127.0.0.1:1883, not \"%s\"\n", c->conn.broker);
		return CTL_USAGE;
	}
	if (c->conn.password_file && !c->conn.user) {
		fprintf(stderr, "frontactl: --password-file needs --user\n");
		return CTL_USAGE;
	}
	if (c->conn.config ? ctl_load_config(c) != 0 : tz_set("Europe/Prague") != 0)
		return CTL_USAGE;
	if (log_get_level() < LOG_INFO)
		log_set_level(LOG_INFO);

	ar.a = archive_open(db, err, sizeof err);
	if (!ar.a) {
		fprintf(stderr, "frontactl: %s\n", err);
		return CTL_FAILED;
	}
	ar.inbox = inbox_new();
	if (!ar.inbox) {
		fprintf(stderr, "frontactl: out of memory\n");
		goto out;
	}
	mo.host = host;
	mo.user = c->conn.user;
	mo.password_file = c->conn.password_file;
	mo.cafile = c->conn.cafile;
	mo.tls_insecure = c->conn.tls_insecure;
	/* The archiver is no branch's: its presence is under "head-office". */
	mo.branch = "head-office";
	/* the user name provision gives it at the head office (docs/operations.md) */
	mo.device = c->conn.device ? c->conn.device : "archiver";
	mo.role = "archive";
	mo.session_expiry_s = (int)expiry;
	if (!config_is_id(mo.device)) {
		fprintf(stderr, "frontactl: device id \"%s\" must be letters, digits and '-'\n", mo.device);
		rc = CTL_USAGE;
		goto out;
	}
	c->mq = mq_new(&mo, &cb, err, sizeof err);
	if (!c->mq) {
		fprintf(stderr, "frontactl: %s\n", err);
		rc = CTL_USAGE;
		goto out;
	}
	mq_subscribe(c->mq, PROTO_TOPIC_ROOT "/+/event");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	signal_inbox = ar.inbox;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	daily(&ar);
	if (mq_start(c->mq) != 0) {
		fprintf(stderr, "frontactl: cannot start the MQTT client\n");
		goto out;
	}
	log_info("archiving fronta/v1/+/event from %s:%d into %s (client id %s, session kept %ld s)", host, mo.port,
	         db, mo.device, expiry);
	while (!stop_flag) {
		struct pollfd p = { .fd = inbox_fd(ar.inbox), .events = POLLIN };
		if (poll(&p, 1, 1000) < 0 && errno != EINTR) {
			log_error("poll: %s", strerror(errno));
			break;
		}
		drain(&ar, &retry_at);
		daily(&ar);
	}
	/* Stop taking messages, then store every one received. */
	ctl_disconnect(c);
	retry_at = 0;
	drain(&ar, &retry_at);
	if (ar.pending)
		log_error("archive: could not store the last batch; those events are lost here (the gap is noted "
		          "when the next arrive)");
	log_info("stopping: %lld events stored, %lld repeats ignored", (long long)ar.stored, (long long)ar.repeats);
	rc = ar.pending ? CTL_FAILED : CTL_OK;
out:
	signal_inbox = NULL;
	ctl_disconnect(c);
	free_items(ar.pending);
	inbox_free(ar.inbox);
	archive_close(ar.a);
	return rc;
}
