/* tcp-relay: a TCP relay between clients and a server that a test can
 * break on purpose, to lose a request or its answer on a real network
 * path. Commands, one per line on stdin:
 *   down   drop what the server sends (answers are lost on the way)
 *   both   drop both ways (requests are lost too)
 *   pass   forward everything again
 *   cut    close every connection now (the network dropped); new ones pass
 * Usage: tcp-relay LISTEN_PORT SERVER_HOST SERVER_PORT
 * Prints "listening PORT" when ready and one line per event on stdout. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONN 32

struct conn {
	int client, server;
};

static struct conn conns[MAX_CONN];
static int n_conns;
static bool drop_down, drop_up;
static long dropped_down, dropped_up;

static void close_conn(int i, const char *why)
{
	close(conns[i].client);
	close(conns[i].server);
	printf("closed %d (%s)\n", i, why);
	conns[i] = conns[--n_conns];
}

static int connect_server(const char *host, int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	if (fd < 0 || inet_pton(AF_INET, host, &a.sin_addr) != 1 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return fd;
}

/* Moves what from has to to (or drops it). Returns false at end of stream. */
static bool pump(int from, int to, bool drop, long *dropped)
{
	char buf[16384];
	ssize_t n = read(from, buf, sizeof buf);
	if (n <= 0)
		return n < 0 && (errno == EINTR || errno == EAGAIN);
	if (drop) {
		*dropped += n;
		return true;
	}
	for (ssize_t off = 0; off < n;) {
		ssize_t w = write(to, buf + off, (size_t)(n - off));
		if (w <= 0)
			return false;
		off += w;
	}
	return true;
}

static void command(char *line)
{
	line[strcspn(line, "\r\n")] = '\0';
	if (!strcmp(line, "down")) {
		drop_down = true;
		drop_up = false;
	} else if (!strcmp(line, "both")) {
		drop_down = drop_up = true;
	} else if (!strcmp(line, "pass")) {
		drop_down = drop_up = false;
	} else if (!strcmp(line, "cut")) {
		while (n_conns)
			close_conn(n_conns - 1, "cut");
		drop_down = drop_up = false;
	} else if (line[0]) {
		printf("unknown command %s\n", line);
		return;
	}
	printf("%s (dropped so far: %ld down, %ld up)\n", line, dropped_down, dropped_up);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a;
	int lfd, one = 1, port;
	char inbuf[256];
	size_t inlen = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: tcp-relay LISTEN_PORT SERVER_HOST SERVER_PORT\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	port = atoi(argv[1]);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 8) != 0) {
		fprintf(stderr, "tcp-relay: port %d: %s\n", port, strerror(errno));
		return 1;
	}
	printf("listening %d\n", port);
	for (;;) {
		struct pollfd p[2 + 2 * MAX_CONN];
		int np = 0;
		p[np++] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		p[np++] = (struct pollfd){ .fd = 0, .events = POLLIN };
		for (int i = 0; i < n_conns; i++) {
			p[np++] = (struct pollfd){ .fd = conns[i].client, .events = POLLIN };
			p[np++] = (struct pollfd){ .fd = conns[i].server, .events = POLLIN };
		}
		if (poll(p, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (p[1].revents & (POLLIN | POLLHUP)) {
			ssize_t n = read(0, inbuf + inlen, sizeof inbuf - inlen - 1);
			if (n <= 0)
				return 0;              /* the test is over */
			inlen += (size_t)n;
			inbuf[inlen] = '\0';
			for (char *nl; (nl = strchr(inbuf, '\n'));) {
				*nl = '\0';
				command(inbuf);
				memmove(inbuf, nl + 1, inlen - (size_t)(nl + 1 - inbuf) + 1);
				inlen = strlen(inbuf);
			}
			if (inlen == sizeof inbuf - 1)
				inlen = 0;
		}
		/* connections, from the last, so that closing one keeps indexes valid */
		for (int i = n_conns - 1; i >= 0; i--) {
			short cr = p[2 + 2 * i].revents, sr = p[3 + 2 * i].revents;
			if ((cr & (POLLIN | POLLHUP | POLLERR)) && !pump(conns[i].client, conns[i].server, drop_up, &dropped_up))
				close_conn(i, "client closed");
			else if ((sr & (POLLIN | POLLHUP | POLLERR)) &&
			         !pump(conns[i].server, conns[i].client, drop_down, &dropped_down))
				close_conn(i, "server closed");
		}
		if (p[0].revents & POLLIN) {
			int c = accept(lfd, NULL, NULL), s;
			if (c < 0)
				continue;
			s = connect_server(argv[2], atoi(argv[3]));
			if (s < 0 || n_conns == MAX_CONN) {
				close(c);
				if (s >= 0)
					close(s);
				printf("refused a connection (server unreachable or too many)\n");
				continue;
			}
			setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
			conns[n_conns++] = (struct conn){ c, s };
			printf("open %d\n", n_conns - 1);
		}
	}
}
