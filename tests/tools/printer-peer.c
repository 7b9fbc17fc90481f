/* printer-peer: a stand-in ESC/POS network printer for integration tests.
 * Listens on a loopback TCP port (and, with --pty, on a pseudo-terminal
 * that plays a USB device node), appends every byte it receives to a record
 * file, and answers DLE EOT n the way an Epson printer does, with the state
 * written in a control file it re-reads at each question. Its answer bytes
 * are written here from the printer's documentation, independently of the
 * library under test.
 *
 * Usage: printer-peer --record FILE [--control FILE] [--port-file FILE]
 *                     [--port N] [--pty LINK]
 * Control file: one line, a state and options, e.g. "paper_out" or
 * "ok close_after=300" or "ok stall". States: ok paper_low paper_out
 * cover_open offline error silent (silent: no answer at all). Options:
 * close_after=N closes a connection once it has received N bytes (a printer
 * that goes away mid-ticket); stall stops reading (a printer that takes no
 * more data). Without a control file the state is ok. */
#define _XOPEN_SOURCE 700   /* posix_openpt, grantpt */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#define MAX_CLIENTS 16

struct client {
	int fd;
	bool is_pty;        /* never closed: the device node stays */
	long received;
	int id;
	uint8_t prev[2];    /* last two bytes, for DLE EOT split across reads */
	int nprev;
};

struct control {
	char state[32];
	long close_after;   /* -1: never */
	bool stall;
};

static const char *control_path;
static FILE *record;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void read_control(struct control *c)
{
	char line[256] = "";
	FILE *f;

	snprintf(c->state, sizeof c->state, "ok");
	c->close_after = -1;
	c->stall = false;
	if (!control_path || !(f = fopen(control_path, "r")))
		return;
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	fclose(f);
	char *save = NULL;
	for (char *w = strtok_r(line, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save)) {
		if (strncmp(w, "close_after=", 12) == 0)
			c->close_after = atol(w + 12);
		else if (strcmp(w, "stall") == 0)
			c->stall = true;
		else
			snprintf(c->state, sizeof c->state, "%s", w);
	}
}

/* The answer byte to DLE EOT n in a state, per Epson's table: bits 1 and 4
 * always set. n=1: bit 3 offline. n=2: bit 2 cover open, bit 5 stopped at
 * paper end, bit 6 error. n=3: bit 3 autocutter error. n=4: bits 2-3 near
 * end, bits 5-6 paper end. Returns -1 for no answer. */
static int answer(const char *state, int n)
{
	static const struct {
		const char *state;
		int a[4];
	} table[] = {
		{ "ok",         { 0x12, 0x12, 0x12, 0x12 } },
		{ "paper_low",  { 0x12, 0x12, 0x12, 0x1e } },
		{ "paper_out",  { 0x1a, 0x32, 0x12, 0x7e } },
		{ "cover_open", { 0x1a, 0x16, 0x12, 0x12 } },
		{ "offline",    { 0x1a, 0x12, 0x12, 0x12 } },
		{ "error",      { 0x1a, 0x52, 0x1a, 0x12 } },
	};

	if (n < 1 || n > 4)
		return -1;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].state, state) == 0)
			return table[i].a[n - 1];
	return -1;   /* silent, or a word this peer does not know */
}

static void drop(struct client *c)
{
	fprintf(stderr, "printer-peer: connection %d closed after %ld bytes\n", c->id, c->received);
	close(c->fd);
	c->fd = -1;
}

/* Reads what is there, records it, answers each DLE EOT n in it (as a real
 * printer does, even inside image data). */
static void serve(struct client *c, const struct control *ctl)
{
	uint8_t buf[4096];
	size_t want = sizeof buf;
	ssize_t n;

	if (ctl->close_after >= 0 && !c->is_pty) {
		if (c->received >= ctl->close_after) {
			drop(c);
			return;
		}
		if ((long)want > ctl->close_after - c->received)
			want = (size_t)(ctl->close_after - c->received);
	}
	n = read(c->fd, buf, want);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		if (!c->is_pty)
			drop(c);
		return;
	}
	fwrite(buf, 1, (size_t)n, record);
	fflush(record);
	for (ssize_t i = 0; i < n; i++) {
		uint8_t b = buf[i];
		if (c->nprev == 2 && c->prev[0] == 0x10 && c->prev[1] == 0x04) {
			struct control now;
			read_control(&now);   /* the state at this very question */
			int a = answer(now.state, b);
			fprintf(stderr, "printer-peer: DLE EOT %d -> %s (%s)\n", b,
			        a < 0 ? "no answer" : "answered", now.state);
			if (a >= 0) {
				uint8_t out = (uint8_t)a;
				if (write(c->fd, &out, 1) != 1)
					fprintf(stderr, "printer-peer: answer lost: %s\n", strerror(errno));
			}
		}
		c->prev[0] = c->prev[1];
		c->prev[1] = b;
		if (c->nprev < 2)
			c->nprev++;
	}
	c->received += n;
	if (ctl->close_after >= 0 && c->received >= ctl->close_after && !c->is_pty)
		drop(c);
}

static int open_pty(const char *link_path)
{
	struct termios t;
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	const char *name;

	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 || !(name = ptsname(m))) {
		perror("printer-peer: pty");
		return -1;
	}
	/* Hold the slave open ourselves so the master never sees a hang-up
	 * between tickets; raw, so bytes pass unchanged and nothing echoes. */
	int s = open(name, O_RDWR | O_NOCTTY);
	if (s < 0 || tcgetattr(s, &t) < 0) {
		perror("printer-peer: pty slave");
		return -1;
	}
	cfmakeraw(&t);
	tcsetattr(s, TCSANOW, &t);
	unlink(link_path);
	if (symlink(name, link_path) < 0) {
		perror("printer-peer: symlink");
		return -1;
	}
	fprintf(stderr, "printer-peer: device %s -> %s\n", link_path, name);
	return m;
}

int main(int argc, char **argv)
{
	const char *record_path = NULL, *port_file = NULL, *pty_link = NULL;
	struct client clients[MAX_CLIENTS];
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t alen = sizeof addr;
	int port = 0, lfd, one = 1, next_id = 1;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--record") == 0 && i + 1 < argc)
			record_path = argv[++i];
		else if (strcmp(argv[i], "--control") == 0 && i + 1 < argc)
			control_path = argv[++i];
		else if (strcmp(argv[i], "--port-file") == 0 && i + 1 < argc)
			port_file = argv[++i];
		else if (strcmp(argv[i], "--port") == 0 && i + 1 < argc)
			port = atoi(argv[++i]);
		else if (strcmp(argv[i], "--pty") == 0 && i + 1 < argc)
			pty_link = argv[++i];
		else {
			fprintf(stderr, "usage: printer-peer --record FILE [--control FILE] "
			        "[--port-file FILE] [--port N] [--pty LINK]\n");
			return 2;
		}
	}
	if (!record_path || !(record = fopen(record_path, "ab"))) {
		fprintf(stderr, "printer-peer: cannot open the record file\n");
		return 2;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < MAX_CLIENTS; i++)
		clients[i].fd = -1;

	lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = htons((uint16_t)port);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 8) < 0 ||
	    getsockname(lfd, (struct sockaddr *)&addr, &alen) < 0) {
		perror("printer-peer: listen");
		return 1;
	}
	port = ntohs(addr.sin_port);
	if (pty_link) {
		int m = open_pty(pty_link);
		if (m < 0)
			return 1;
		clients[0] = (struct client){ .fd = m, .is_pty = true, .id = 0 };
	}
	if (port_file) {   /* written whole, then renamed: readers never see half */
		char tmp[4096];
		snprintf(tmp, sizeof tmp, "%s.tmp", port_file);
		FILE *f = fopen(tmp, "w");
		if (!f || fprintf(f, "%d\n", port) < 0 || fclose(f) != 0 || rename(tmp, port_file) < 0) {
			perror("printer-peer: port file");
			return 1;
		}
	}
	fprintf(stderr, "printer-peer: listening on 127.0.0.1:%d\n", port);

	while (!stop) {
		struct pollfd pfd[MAX_CLIENTS + 1];
		int map[MAX_CLIENTS + 1], n = 0;
		struct control ctl;

		read_control(&ctl);
		pfd[n] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		map[n++] = -1;
		for (int i = 0; i < MAX_CLIENTS; i++)
			if (clients[i].fd >= 0 && !ctl.stall) {
				pfd[n] = (struct pollfd){ .fd = clients[i].fd, .events = POLLIN };
				map[n++] = i;
			}
		/* Wake now and then: a stall ends when the control file changes. */
		if (poll(pfd, (nfds_t)n, 100) <= 0)
			continue;
		if (pfd[0].revents & POLLIN) {
			int fd = accept(lfd, NULL, NULL);
			int slot = -1;
			for (int i = 0; i < MAX_CLIENTS && fd >= 0; i++)
				if (clients[i].fd < 0) {
					slot = i;
					break;
				}
			if (slot < 0) {
				if (fd >= 0)
					close(fd);
			} else {
				/* answer bytes go out at once, as a printer sends them */
				setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
				clients[slot] = (struct client){ .fd = fd, .id = next_id++ };
				fprintf(stderr, "printer-peer: connection %d\n", clients[slot].id);
			}
		}
		for (int k = 1; k < n; k++)
			if (pfd[k].revents & (POLLIN | POLLHUP | POLLERR))
				serve(&clients[map[k]], &ctl);
	}
	if (pty_link)
		unlink(pty_link);
	fclose(record);
	return 0;
}
