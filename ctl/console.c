/* frontactl console: a counter's console in a terminal, for a worker
 * without the window (docs/console.md): the current client, the waiting
 * list, one key per action. The rules are the window's own
 * (console/model.c): what can act now and why not, the double press, the
 * undo, one request at a time retried with the same request_id. Like the
 * rest of frontactl it speaks English. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <termios.h>
#include <unistd.h>

#include "console/model.h"
#include "core/clock.h"
#include "core/tz.h"
#include "core/utf8.h"
#include "ctl/ctl.h"

extern const char *ctl_opt_counter;

#define REQ_TIMEOUT_MS 2000
#define REQ_ATTEMPTS 3

/* ---- what the connection's thread hands over ---- */

enum tkind { T_MESSAGE, T_STATUS, T_ANSWER };

struct titem {
	enum tkind kind;
	char *topic, *payload;
	size_t len;
	enum mq_status status;
	uint64_t token;
	char why[300];
	bool is_status_req;
	struct titem *next;
};

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static struct titem *q_head, *q_tail;
static int wake_fd[2] = { -1, -1 };
static volatile sig_atomic_t tui_stop;
static int status_tag;

static void push(struct titem *it)
{
	char one = 1;
	pthread_mutex_lock(&q_lock);
	if (q_tail)
		q_tail->next = it;
	else
		q_head = it;
	q_tail = it;
	pthread_mutex_unlock(&q_lock);
	if (write(wake_fd[1], &one, 1) < 0 && errno != EAGAIN)
		return;
}

static char *copy_bytes(const void *p, size_t len)
{
	char *s = malloc(len + 1);
	if (s) {
		memcpy(s, p, len);
		s[len] = '\0';
	}
	return s;
}

static void on_message(void *user, const struct mq_message *m)
{
	struct titem *it = calloc(1, sizeof *it);
	(void)user;
	if (!it)
		return;
	it->kind = T_MESSAGE;
	it->topic = copy_bytes(m->topic, strlen(m->topic));
	it->payload = copy_bytes(m->payload, m->len);
	it->len = m->len;
	push(it);
}

static void on_status(void *user, enum mq_status st, const char *why)
{
	struct titem *it = calloc(1, sizeof *it);
	(void)user;
	if (!it)
		return;
	it->kind = T_STATUS;
	it->status = st;
	snprintf(it->why, sizeof it->why, "%s", why ? why : "");
	push(it);
}

static void on_answer(void *user, uint64_t token, const char *answer, size_t len, const char *why)
{
	struct titem *it = calloc(1, sizeof *it);
	if (!it)
		return;
	it->kind = T_ANSWER;
	it->token = token;
	it->is_status_req = user == &status_tag;
	it->payload = answer ? copy_bytes(answer, len) : NULL;
	it->len = len;
	snprintf(it->why, sizeof it->why, "%s", why ? why : "");
	push(it);
}

/* ---- the terminal ---- */

static struct termios saved_tio;
static bool raw_mode;

static void restore_terminal(void)
{
	if (raw_mode)
		tcsetattr(0, TCSANOW, &saved_tio);
	raw_mode = false;
}

static void on_signal(int sig)
{
	(void)sig;
	tui_stop = 1;
}

static int term_rows(void)
{
	struct winsize ws;
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row >= 12)
		return ws.ws_row;
	return 24;
}

/* ---- the console ---- */

enum tmode { M_MAIN, M_TRANSFER, M_NUMBER };

struct tui {
	struct ctl *c;
	struct model *m;
	struct mq *mq;
	char topic_state[200], topic_event[200];
	enum tmode mode;
	char typed[12];
	char line[400];              /* the last message for the worker */
	bool dirty;
};

static const char *why_text(enum why_not w)
{
	static const char *const t[WHY_COUNT] = {
		[WHY_OK] = "",
		[WHY_NO_COUNTER] = "this counter is not in the queue",
		[WHY_OFFLINE] = "offline",
		[WHY_REFUSED] = "refused by the broker",
		[WHY_SYNCING] = "getting the queue",
		[WHY_SENDING] = "sending",
		[WHY_PAUSED] = "paused (p resumes)",
		[WHY_CLOSED] = "closed (p opens)",
		[WHY_EMPTY] = "nobody is waiting",
		[WHY_NO_TICKET] = "nobody at the counter",
		[WHY_NO_UNDO] = "nothing to undo",
		[WHY_BUSY] = "serving someone else",
		[WHY_JUST_CALLED] = "just called",
		[WHY_SAME_SERVICE] = "already in this service",
		[WHY_NO_SERVICES] = "unknown service",
		[WHY_BAD_NUMBER] = "not a ticket number",
	};
	return (unsigned)w < WHY_COUNT && t[w] ? t[w] : "?";
}

static void send_pending(struct tui *t)
{
	const struct model_pending *p = model_pending(t->m);
	uint64_t token;
	if (!p->active)
		return;
	if (!mq_connected(t->mq) || mq_request_async(t->mq, model_op(p->action), p->payload, REQ_TIMEOUT_MS,
	                                             REQ_ATTEMPTS, on_answer, NULL, &token) != 0) {
		model_on_answer(t->m, p->token, NULL, 0, "not connected", false, clock_now_ms(), clock_mono_ms());
		return;
	}
	model_sent(t->m, token);
}

static void begin(struct tui *t, enum action a, const char *arg)
{
	enum why_not w = model_begin(t->m, a, arg, clock_now_ms(), clock_mono_ms());
	if (w == WHY_OK) {
		send_pending(t);
		snprintf(t->line, sizeof t->line, "%s: sent", model_op(a));
	} else {
		snprintf(t->line, sizeof t->line, "%s: not now: %s", model_op(a), why_text(w));
	}
}

static void note_line(struct tui *t)
{
	const struct model_note *n = model_last_note(t->m);
	char hhmm[6];
	ctl_format_hhmm(n->at_ms, hhmm);
	switch (n->kind) {
	case NOTE_CALLED: snprintf(t->line, sizeof t->line, "%s %s called to this counter", hhmm, n->number); break;
	case NOTE_CALLED_BACK: snprintf(t->line, sizeof t->line, "%s %s called back", hhmm, n->number); break;
	case NOTE_RECALLED: snprintf(t->line, sizeof t->line, "%s %s called again", hhmm, n->number); break;
	case NOTE_DONE: snprintf(t->line, sizeof t->line, "%s %s done (u undoes it)", hhmm, n->number); break;
	case NOTE_NOSHOW: snprintf(t->line, sizeof t->line, "%s %s did not come (u undoes it)", hhmm, n->number); break;
	case NOTE_TRANSFERRED:
		snprintf(t->line, sizeof t->line, "%s %s now waits for %s", hhmm, n->number, ctl_service_name(t->c, n->service));
		break;
	case NOTE_PAUSED: snprintf(t->line, sizeof t->line, "%s counter paused", hhmm); break;
	case NOTE_RESUMED: snprintf(t->line, sizeof t->line, "%s counter open", hhmm); break;
	case NOTE_ERROR:
		/* frontad's code, the same words for every worker; its message is for logs */
		snprintf(t->line, sizeof t->line, "%s %s: frontad said %s", hhmm, model_op(n->action), n->code);
		break;
	case NOTE_NEW_DAY: snprintf(t->line, sizeof t->line, "%s a new day: the queue starts again", hhmm); break;
	case NOTE_GAVE_UP: snprintf(t->line, sizeof t->line, "%s stopped waiting for the answer", hhmm); break;
	default: break;
	}
}

static void take(struct tui *t, struct titem *it)
{
	int64_t now = clock_now_ms();
	switch (it->kind) {
	case T_MESSAGE:
		if (!strcmp(it->topic, t->topic_state))
			model_on_state(t->m, it->payload, it->len, now);
		else if (!strcmp(it->topic, t->topic_event) &&
		         model_on_event(t->m, it->payload, it->len, now) == NEXT_STATUS) {
			uint64_t tok;
			mq_request_async(t->mq, "status", "{}", REQ_TIMEOUT_MS, REQ_ATTEMPTS, on_answer, &status_tag, &tok);
		}
		break;
	case T_STATUS:
		snprintf(t->line, sizeof t->line, "-- %s", it->why);
		if (model_on_link(t->m, it->status == MQ_CONNECTED, it->status == MQ_REFUSED, now) == NEXT_SEND)
			send_pending(t);
		break;
	case T_ANSWER:
		if (it->is_status_req) {
			if (it->payload)
				model_on_status_answer(t->m, it->payload, it->len, now);
			break;
		}
		if (model_on_answer(t->m, it->token, it->payload, it->len, it->why, mq_connected(t->mq), now,
		                    clock_mono_ms()) == NEXT_SEND)
			send_pending(t);
		else if (it->payload || !model_pending(t->m)->active)
			note_line(t);
		break;
	}
	t->dirty = true;
}

static void draw(struct tui *t)
{
	const struct state_counter *k = model_my_counter(t->m);
	const struct ticket *cur = model_current(t->m);
	const struct state_doc *d = model_state(t->m);
	int64_t now = clock_now_ms();
	int rows = term_rows() - 9, shown = 0, next = model_next_index(t->m);
	char hhmm[6], a[6], undo[TICKET_NUMBER_LEN], name[160];
	int left;

	ctl_format_hhmm(now, hhmm);
	printf("\033[H\033[2J");
	printf("%s: counter %s, %s, takes", t->c->cfg->branch_name, model_counter(t->m),
	       k ? config_counter_state_name(k->state) : "unknown");
	for (int i = 0; i < t->c->cfg->n_services; i++)
		if (model_takes(t->m, t->c->cfg->services[i].letter))
			printf(" %c", t->c->cfg->services[i].letter);
	printf("   %s   %s\r\n", model_online(t->m) ? (model_synced(t->m) ? "online" : "getting the queue")
	                                            : "OFFLINE, reconnecting; keys wait",
	       hhmm);
	if (cur) {
		ctl_format_hhmm(cur->called_ms, a);
		printf("NOW  %-6s %s, language %s%s, called %s", cur->number, ctl_service_name(t->c, cur->service),
		       cur->lang[0] ? cur->lang : "?", cur->priority ? ", PRIORITY" : "", a);
		if (cur->issued_ms && cur->called_ms >= cur->issued_ms)
			printf(", waited %lld min", (long long)((cur->called_ms - cur->issued_ms) / 60000));
		printf("\r\n");
	} else {
		printf("NOW  nobody at the counter\r\n");
	}
	printf("keys: c call next  r recall  d done  n no-show  t transfer  p pause/resume  u undo  # call a number  q quit\r\n");
	if (model_undo(t->m, clock_mono_ms(), undo, NULL, &left))
		printf("      u calls %s back (%d s)\r\n", undo, left);
	else
		printf("\r\n");
	if (!d) {
		printf("WAITING: not known yet\r\n");
	} else {
		int total = 0;
		for (int i = 0; i < d->n_services; i++)
			total += d->services[i].waiting;
		printf("WAITING %d (", total);
		for (int i = 0; i < d->n_services; i++)
			printf("%s%c %d", i ? ", " : "", d->services[i].id, d->services[i].waiting);
		printf(")\r\n");
		for (int i = 0; i < d->n_waiting && shown < rows; i++, shown++) {
			const struct state_waiting *w = &d->waiting[i];
			utf8_pad(name, sizeof name, ctl_service_name(t->c, w->service), 28);
			printf("  %s %-6s %c %s %-3s %3lld min%s%s%s\r\n", i == next ? ">" : " ", w->number, w->service, name,
			       w->lang, (long long)((now - w->issued_ms) / 60000), w->priority ? "  priority" : "",
			       w->print_failed ? "  PRINT FAILED" : "", model_takes(t->m, w->service) ? "" : "  (not here)");
		}
		if (d->n_waiting - shown + d->waiting_more > 0)
			printf("  +%d more\r\n", d->n_waiting - shown + d->waiting_more);
	}
	if (t->mode == M_TRANSFER) {
		printf("transfer %s to which service?", cur ? cur->number : "?");
		for (int i = 0; i < t->c->cfg->n_services; i++)
			printf(" %c", t->c->cfg->services[i].letter);
		printf(" (Esc: no)\r\n");
	} else if (t->mode == M_NUMBER) {
		printf("call the number: %s_ (Enter calls, Esc: no)\r\n", t->typed);
	}
	if (model_pending(t->m)->active)
		printf("-- %s: %s\r\n", model_op(model_pending(t->m)->action),
		       model_pending(t->m)->waiting_for_link ? "waiting for the connection to send it" : "sending");
	else
		printf("-- %s\r\n", t->line);
	fflush(stdout);
	t->dirty = false;
}

static void key(struct tui *t, int ch)
{
	const struct state_counter *k = model_my_counter(t->m);
	t->dirty = true;
	if (t->mode == M_TRANSFER) {
		char s[2] = { (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch), '\0' };
		t->mode = M_MAIN;
		if (ch != 27)
			begin(t, ACT_TRANSFER, s);
		return;
	}
	if (t->mode == M_NUMBER) {
		size_t n = strlen(t->typed);
		if (ch == 27) {
			t->mode = M_MAIN;
		} else if (ch == '\r' || ch == '\n') {
			t->mode = M_MAIN;
			begin(t, ACT_CALL_NUMBER, t->typed);
		} else if ((ch == 127 || ch == 8) && n) {
			t->typed[n - 1] = '\0';
		} else if (n + 1 < sizeof t->typed && ch > ' ' && ch < 127) {
			t->typed[n] = (char)ch;
			t->typed[n + 1] = '\0';
		}
		return;
	}
	switch (ch) {
	case 'c': case ' ': begin(t, ACT_CALL, NULL); break;
	case 'r': begin(t, ACT_RECALL, NULL); break;
	case 'd': begin(t, ACT_FINISH, NULL); break;
	case 'n': begin(t, ACT_NOSHOW, NULL); break;
	case 'u': begin(t, ACT_UNDO, NULL); break;
	case 'p': begin(t, k && k->state == COUNTER_OPEN ? ACT_PAUSE : ACT_RESUME, NULL); break;
	case 't': {
		enum why_not w = model_can(t->m, ACT_TRANSFER, NULL, clock_mono_ms());
		if (w == WHY_OK)
			t->mode = M_TRANSFER;
		else
			snprintf(t->line, sizeof t->line, "transfer: not now: %s", why_text(w));
		break;
	}
	case '#': case 'k':
		t->mode = M_NUMBER;
		t->typed[0] = '\0';
		break;
	case 27: {
		uint64_t tok = model_give_up(t->m, clock_now_ms());
		if (tok)
			mq_request_cancel(t->mq, tok);
		break;
	}
	case 'q': case 3: tui_stop = 1; break;
	default: break;
	}
}

int ctl_cmd_console(struct ctl *c, int argc, char **argv)
{
	struct tui t = { .c = c };
	struct mq_options mo;
	struct mq_callbacks cb = { .message = on_message, .status = on_status };
	struct sigaction sa;
	char err[600], nonce[20], devbuf[CONFIG_ID_LEN + 16];
	unsigned char rnd[8];
	const char *counter = ctl_opt_counter ? ctl_opt_counter : argc == 2 ? argv[1] : NULL;
	int rc;

	if (!counter || argc > 2) {
		fprintf(stderr, "usage: frontactl [options] console --counter ID\n");
		return CTL_USAGE;
	}
	if ((rc = ctl_load_config(c)))
		return rc;
	if (!config_counter(c->cfg, counter)) {
		fprintf(stderr, "frontactl: console: no counter \"%s\" in %s\n", counter, c->conn.config);
		return CTL_USAGE;
	}
	/* the counter's console device, as fronta-console picks it */
	snprintf(devbuf, sizeof devbuf, "console-%s", counter);
	if (!c->conn.device && !c->conn.user && config_device(c->cfg, devbuf))
		c->conn.device = devbuf;
	if (cli_conn_resolve(&c->conn, c->cfg, ROLE_CONSOLE, &mo, err, sizeof err) != 0) {
		fprintf(stderr, "frontactl: %s\n", err);
		return CTL_USAGE;
	}
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		memset(rnd, 0, sizeof rnd);
	for (size_t i = 0; i < sizeof rnd; i++)
		snprintf(nonce + 2 * i, 3, "%02x", rnd[i]);
	t.m = model_new(c->cfg, counter, mo.device, nonce, (int)config_int(c->cfg, "console", "undo_seconds"));
	if (!t.m || pipe(wake_fd) != 0)
		return CTL_FAILED;
	t.mq = c->mq = mq_new(&mo, &cb, err, sizeof err);
	if (!t.mq) {
		fprintf(stderr, "frontactl: %s\n", err);
		model_free(t.m);
		return CTL_USAGE;
	}
	snprintf(devbuf, sizeof devbuf, "\"counter\":\"%s\"", counter);
	mq_set_presence(t.mq, devbuf);
	mq_topic(t.mq, t.topic_state, sizeof t.topic_state, "state");
	mq_topic(t.mq, t.topic_event, sizeof t.topic_event, "event");
	mq_subscribe(t.mq, t.topic_state);
	mq_subscribe(t.mq, t.topic_event);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (isatty(0) && tcgetattr(0, &saved_tio) == 0) {
		struct termios tio = saved_tio;
		tio.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		tio.c_cc[VMIN] = 1;
		tio.c_cc[VTIME] = 0;
		raw_mode = tcsetattr(0, TCSANOW, &tio) == 0;
	}
	snprintf(t.line, sizeof t.line, "connecting to %s:%d as %s", mo.host, mo.port, mo.device);
	mq_start(t.mq);
	t.dirty = true;
	while (!tui_stop) {
		struct pollfd p[2] = { { .fd = 0, .events = POLLIN }, { .fd = wake_fd[0], .events = POLLIN } };
		int n;
		if (t.dirty)
			draw(&t);
		n = poll(p, 2, model_next_tick(t.m, clock_now_ms(), clock_mono_ms(), 60000));
		if (n == 0)
			t.dirty = true;
		if (n > 0 && (p[0].revents & (POLLIN | POLLHUP))) {
			unsigned char buf[64];
			ssize_t got = read(0, buf, sizeof buf);
			if (got <= 0)
				break;                 /* the input ended */
			for (ssize_t i = 0; i < got; i++)
				key(&t, buf[i]);
		}
		if (n > 0 && (p[1].revents & POLLIN)) {
			char drain[64];
			struct titem *it;
			if (read(wake_fd[0], drain, sizeof drain) < 0)
				continue;
			pthread_mutex_lock(&q_lock);
			it = q_head;
			q_head = q_tail = NULL;
			pthread_mutex_unlock(&q_lock);
			while (it) {
				struct titem *next = it->next;
				take(&t, it);
				free(it->topic);
				free(it->payload);
				free(it);
				it = next;
			}
		}
	}
	restore_terminal();
	printf("\r\n");
	ctl_disconnect(c);
	while (q_head) {
		struct titem *it = q_head;
		q_head = it->next;
		free(it->topic);
		free(it->payload);
		free(it);
	}
	close(wake_fd[0]);
	close(wake_fd[1]);
	model_free(t.m);
	return CTL_OK;
}
