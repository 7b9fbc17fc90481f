/* Start-up timing (launch.h): posix_spawn, the child's output read from a
 * pipe as it comes, the display's presence from the broker. */
#include "bench/launch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/client.h"
#include "bench/floor.h"
#include "bench/idle.h"
#include "core/clock.h"
#include "core/proto.h"

#define STOP_WAIT_MS 5000

extern char **environ;

struct launch_watch {
	struct client *c;
	struct mq_callbacks cb;
	char state_topic[200], presence_topic[200];
	pthread_mutex_t lock;
	int64_t state_seq;     /* of the retained state, -1 until known */
	int64_t armed_ns;      /* presences published after this count */
	int64_t reached_ns;    /* when the presence reported the state's seq, 0 not yet */
};

static void on_message(void *user, const struct mq_message *m)
{
	struct launch_watch *w = user;
	int64_t now = clock_mono_ns();
	pthread_mutex_lock(&w->lock);
	if (strcmp(m->topic, w->state_topic) == 0) {
		struct state_doc *d = malloc(sizeof *d);
		if (d && proto_parse_state(m->payload, m->len, d) == 0)
			w->state_seq = d->seq;
		free(d);
	} else if (strcmp(m->topic, w->presence_topic) == 0) {
		/* an offline presence has no seq (-1) */
		long long seq = floor_json_seq(m->payload, m->len);
		if (w->armed_ns && now > w->armed_ns && !w->reached_ns && w->state_seq >= 0 && seq >= w->state_seq)
			w->reached_ns = now;
	}
	pthread_mutex_unlock(&w->lock);
}

struct launch_watch *launch_watch_new(const char *host, int port, const struct config *cfg, const char *device)
{
	struct launch_watch *w = calloc(1, sizeof *w);
	char rest[120];
	int64_t until;

	if (!w)
		return NULL;
	pthread_mutex_init(&w->lock, NULL);
	w->state_seq = -1;
	w->cb = (struct mq_callbacks){ .message = on_message, .user = w };
	snprintf(rest, sizeof rest, "presence/%s", device);
	proto_topic(w->presence_topic, sizeof w->presence_topic, cfg->branch_id, rest);
	proto_topic(w->state_topic, sizeof w->state_topic, cfg->branch_id, "state");
	w->c = client_connect(host, port, cfg, 200, &w->cb);
	if (!w->c || client_subscribe(w->c, "state") != 0 || client_subscribe(w->c, rest) != 0) {
		launch_watch_free(w);
		return NULL;
	}
	for (until = clock_mono_ms() + 5000; clock_mono_ms() < until; usleep(10000)) {
		bool known;
		pthread_mutex_lock(&w->lock);
		known = w->state_seq >= 0;
		pthread_mutex_unlock(&w->lock);
		if (known)
			return w;
	}
	fprintf(stderr, "fronta-bench: no retained state on %s within 5 s (is frontad running?)\n", w->state_topic);
	launch_watch_free(w);
	return NULL;
}

void launch_watch_free(struct launch_watch *w)
{
	if (!w)
		return;
	client_close(w->c);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

static int64_t watch_reached(struct launch_watch *w)
{
	int64_t t;
	pthread_mutex_lock(&w->lock);
	t = w->reached_ns;
	pthread_mutex_unlock(&w->lock);
	return t;
}

/* Output read so far: lines are looked at whole, across reads. */
struct output {
	int fd;             /* the pipe, -1 at its end */
	FILE *log;
	char part[4096];    /* the line not ended yet */
	size_t n;
};

/* Reads what is there (waiting at most wait_ms). Returns 1 if a line
 * holding `line` (may be NULL) ended, 0 if not, -1 at the end of the output. */
static int output_read(struct output *o, const char *line, int wait_ms)
{
	struct pollfd p = { o->fd, POLLIN, 0 };
	char buf[4096];
	ssize_t got;
	int found = 0;

	if (o->fd < 0)
		return -1;
	if (poll(&p, 1, wait_ms) <= 0)
		return 0;
	got = read(o->fd, buf, sizeof buf);
	if (got < 0 && errno == EINTR)
		return 0;
	if (got <= 0) {
		close(o->fd);
		o->fd = -1;
		return -1;
	}
	if (o->log)
		fwrite(buf, 1, (size_t)got, o->log);
	for (ssize_t i = 0; i < got; i++) {
		if (buf[i] == '\n') {
			o->part[o->n] = '\0';
			if (line && strstr(o->part, line))
				found = 1;
			o->n = 0;
		} else if (o->n < sizeof o->part - 1) {
			o->part[o->n++] = buf[i];
		}
	}
	return found;
}

int launch_time(char *const argv[], const char *line, struct launch_watch *watch, const char *log_path,
                int timeout_ms, double *ms, double *cpu_ms)
{
	struct proc_usage use;
	struct output out = { .fd = -1 };
	posix_spawn_file_actions_t fa;
	int fds[2], rc = -1, status;
	int64_t t0, deadline, end = 0;
	pid_t pid;

	if (pipe(fds) != 0) {
		perror("fronta-bench: pipe");
		return -1;
	}
	/* only the dup2 copies (1 and 2) reach the program */
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	out.fd = fds[0];
	out.log = log_path ? fopen(log_path, "a") : NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	if (watch) {
		pthread_mutex_lock(&watch->lock);
		watch->reached_ns = 0;
		watch->armed_ns = clock_mono_ns();
		pthread_mutex_unlock(&watch->lock);
	}
	t0 = clock_mono_ns();
	errno = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (errno != 0) {
		fprintf(stderr, "fronta-bench: cannot start %s: %s\n", argv[0], strerror(errno));
		close(out.fd);
		if (out.log)
			fclose(out.log);
		return -1;
	}
	deadline = t0 + (int64_t)timeout_ms * 1000000;
	while (!end && clock_mono_ns() < deadline) {
		/* watching the presence: the pipe is read in short steps so that the
		 * log keeps flowing; the time is taken where the presence arrives */
		int r = output_read(&out, watch ? NULL : line, watch ? 5 : 100);
		if (watch)
			end = watch_reached(watch);
		else if (r == 1)
			end = clock_mono_ns();
		if (r < 0 && !end) {
			fprintf(stderr, "fronta-bench: %s ended before it got there (log: %s)\n", argv[0],
			        log_path ? log_path : "none");
			break;
		}
	}
	if (end) {
		*ms = (double)(end - t0) / 1e6;
		*cpu_ms = idle_read(pid, &use) == 0 ? use.cpu_s * 1e3 : -1;
		rc = 0;
	} else if (clock_mono_ns() >= deadline) {
		fprintf(stderr, "fronta-bench: %s did not get there within %d ms (log: %s)\n", argv[0], timeout_ms,
		        log_path ? log_path : "none");
	}
	kill(pid, SIGTERM);
	/* the output is read on while it stops: it must not block on a full pipe */
	for (deadline = clock_mono_ns() + (int64_t)STOP_WAIT_MS * 1000000; clock_mono_ns() < deadline;) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			pid = 0;
			break;
		}
		if (output_read(&out, NULL, 20) < 0)
			usleep(5000);
	}
	if (pid) {
		fprintf(stderr, "fronta-bench: %s did not stop on SIGTERM within %d ms: killed\n", argv[0], STOP_WAIT_MS);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	if (out.fd >= 0)
		close(out.fd);
	if (out.log)
		fclose(out.log);
	return rc;
}
