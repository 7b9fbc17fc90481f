/* Files, TCP printers and device nodes behind one write/ask/close, each wait
 * bounded by a timeout (poll on non-blocking descriptors). */
#include "printer/transport.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/clock.h"
#include "printer/escpos.h"
#include "printer/escpos_status.h"
#include "printer/why.h"

struct transport {
	enum transport_kind kind;
	int fd;
	struct printer_timeouts t;
	char name[PRINTER_OUTPUT_LEN + 16];   /* for messages: "tcp:10.0.0.5:9100" */
};

static int copy(char *dst, size_t cap, const char *src, size_t n)
{
	if (n == 0 || n >= cap)
		return -1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

static int parse_tcp(const char *rest, struct transport_spec *out)
{
	const char *colon;
	size_t hostlen;

	if (rest[0] == '[') {   /* [IPv6]:port */
		const char *end = strchr(rest, ']');
		if (!end || copy(out->host, sizeof out->host, rest + 1, (size_t)(end - rest - 1)))
			return -1;
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] && !colon)
			return -1;
	} else {
		colon = strchr(rest, ':');
		if (colon && strchr(colon + 1, ':'))
			return -1;   /* an IPv6 address needs brackets */
		hostlen = colon ? (size_t)(colon - rest) : strlen(rest);
		if (copy(out->host, sizeof out->host, rest, hostlen))
			return -1;
	}
	if (!colon) {
		snprintf(out->port, sizeof out->port, "%s", TRANSPORT_DEFAULT_PORT);
		return 0;
	}
	const char *p = colon + 1;
	long port = 0;
	if (!*p || strlen(p) > 5)
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		port = port * 10 + (*p - '0');
	}
	if (port < 1 || port > 65535)
		return -1;
	snprintf(out->port, sizeof out->port, "%ld", port);
	return 0;
}

int transport_parse(const char *spec, struct transport_spec *out, char *why, size_t whylen)
{
	int bad = 0;

	memset(out, 0, sizeof *out);
	if (!spec)
		spec = "";
	if (strcmp(spec, "none") == 0)
		out->kind = TRANSPORT_NONE;
	else if (strncmp(spec, "file:", 5) == 0) {
		out->kind = TRANSPORT_FILE;
		bad = copy(out->path, sizeof out->path, spec + 5, strlen(spec + 5));
	} else if (strncmp(spec, "device:", 7) == 0) {
		out->kind = TRANSPORT_DEVICE;
		bad = copy(out->path, sizeof out->path, spec + 7, strlen(spec + 7));
	} else if (strncmp(spec, "tcp:", 4) == 0) {
		out->kind = TRANSPORT_TCP;
		bad = parse_tcp(spec + 4, out);
	} else
		bad = -1;
	if (bad) {
		why_set(why, whylen, "output \"%.200s\": expected none, file:PATH, "
		        "tcp:HOST[:PORT] or device:PATH", spec);
		return -1;
	}
	return 0;
}

int transport_answers(enum transport_kind kind)
{
	return kind == TRANSPORT_TCP || kind == TRANSPORT_DEVICE;
}

static int remaining_ms(int64_t deadline)
{
	int64_t left = deadline - clock_mono_ms();
	return left < 0 ? 0 : left > 0x7fffffff ? 0x7fffffff : (int)left;
}

/* Waits for events on fd until deadline. Returns poll's revents, 0 on timeout. */
static int wait_fd(int fd, short events, int64_t deadline)
{
	struct pollfd pfd = { .fd = fd, .events = events };

	for (;;) {
		int r = poll(&pfd, 1, remaining_ms(deadline));
		if (r > 0)
			return pfd.revents;
		if (r == 0)
			return 0;
		if (errno != EINTR)
			return POLLERR;
	}
}

static enum printer_err connect_tcp(struct transport *tr, const struct transport_spec *spec,
                                    char *why, size_t whylen)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
	                          .ai_flags = AI_NUMERICSERV };
	struct addrinfo *res = NULL;
	int64_t deadline = clock_mono_ms() + tr->t.connect_ms;
	int rc, err = 0, one = 1, sndbuf = TRANSPORT_SNDBUF;

	rc = getaddrinfo(spec->host, spec->port, &hints, &res);
	if (rc) {
		why_set(why, whylen, "%s: cannot find host: %s", tr->name, gai_strerror(rc));
		return PRINTER_EOFFLINE;
	}
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
		                ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		/* A small send buffer keeps the write timeout about the printer:
		 * with the default (up to megabytes) a printer that stopped
		 * reading would still seem to take a whole ticket. */
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0 && errno != EINPROGRESS) {
			err = errno;
			close(fd);
			continue;
		}
		int ev = wait_fd(fd, POLLOUT, deadline);
		socklen_t len = sizeof err;
		if (ev == 0) {
			err = ETIMEDOUT;
			close(fd);
			break;   /* the time is spent for every address */
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
			err = errno;
		if (err) {
			close(fd);
			continue;
		}
		/* Status questions are 3 bytes: send them at once. */
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		tr->fd = fd;
		freeaddrinfo(res);
		return PRINTER_OK;
	}
	freeaddrinfo(res);
	if (err == ETIMEDOUT)
		why_set(why, whylen, "%s: no connection within %d ms", tr->name, tr->t.connect_ms);
	else
		why_set(why, whylen, "%s: cannot connect: %s", tr->name,
		        strerror(err ? err : EHOSTUNREACH));
	return PRINTER_EOFFLINE;
}

enum printer_err transport_open(const struct transport_spec *spec,
                                const struct printer_timeouts *t, struct transport **out,
                                char *why, size_t whylen)
{
	struct transport *tr;
	enum printer_err e = PRINTER_OK;

	*out = NULL;
	if (spec->kind == TRANSPORT_NONE) {
		why_set(why, whylen, "no printer configured");
		return PRINTER_EINVAL;
	}
	tr = calloc(1, sizeof *tr);
	if (!tr) {
		why_set(why, whylen, "out of memory");
		return PRINTER_ENOMEM;
	}
	tr->kind = spec->kind;
	tr->t = *t;
	tr->fd = -1;
	switch (spec->kind) {
	case TRANSPORT_FILE:
		snprintf(tr->name, sizeof tr->name, "file:%s", spec->path);
		/* Appended: the file is the journal of every ticket printed. */
		tr->fd = open(spec->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (tr->fd < 0) {
			why_set(why, whylen, "%s: cannot open: %s", tr->name, strerror(errno));
			e = PRINTER_EIO;
		}
		break;
	case TRANSPORT_DEVICE:
		snprintf(tr->name, sizeof tr->name, "device:%s", spec->path);
		tr->fd = open(spec->path, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (tr->fd < 0) {
			int err = errno;
			if (err == ENOENT || err == ENODEV || err == ENXIO) {
				why_set(why, whylen, "%s: no such device (printer unplugged or off?): %s",
				        tr->name, strerror(err));
				e = PRINTER_EOFFLINE;
			} else {
				why_set(why, whylen, "%s: cannot open: %s", tr->name, strerror(err));
				e = PRINTER_EIO;
			}
		}
		break;
	case TRANSPORT_TCP:
		snprintf(tr->name, sizeof tr->name, strchr(spec->host, ':') ? "tcp:[%s]:%s" : "tcp:%s:%s",
		         spec->host, spec->port);
		e = connect_tcp(tr, spec, why, whylen);
		break;
	default:
		e = PRINTER_EINVAL;
	}
	if (e) {
		free(tr);
		return e;
	}
	*out = tr;
	return PRINTER_OK;
}

static ssize_t put(struct transport *tr, const uint8_t *data, size_t len)
{
	if (tr->kind == TRANSPORT_TCP)
		return send(tr->fd, data, len, MSG_NOSIGNAL);
	return write(tr->fd, data, len);
}

static enum printer_err write_all(struct transport *tr, const uint8_t *data, size_t len,
                                  int timeout_ms, char *why, size_t whylen)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = put(tr, data + done, len - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			/* The timeout counts from the last progress: a printer with
			 * a full buffer takes bytes only as fast as it prints. */
			if (wait_fd(tr->fd, POLLOUT, clock_mono_ms() + timeout_ms) == 0) {
				why_set(why, whylen, "%s: took no data for %d ms (%zu of %zu bytes sent)",
				        tr->name, timeout_ms, done, len);
				return PRINTER_ETIMEOUT;
			}
			continue;
		}
		why_set(why, whylen, "%s: write failed after %zu of %zu bytes: %s", tr->name, done, len,
		        n == 0 ? "nothing written" : strerror(errno));
		return PRINTER_EIO;
	}
	return PRINTER_OK;
}

enum printer_err transport_write(struct transport *tr, const uint8_t *data, size_t len, char *why,
                                 size_t whylen)
{
	return write_all(tr, data, len, tr->t.write_ms, why, whylen);
}

/* Reads what is there without waiting. Returns the number of answer bytes
 * seen (their last in *last), or -1 with why if the connection is gone. */
static int drain(struct transport *tr, uint8_t *last, char *why, size_t whylen)
{
	uint8_t buf[256];
	int answers = 0;

	for (;;) {
		ssize_t n = read(tr->fd, buf, sizeof buf);
		if (n > 0) {
			for (ssize_t i = 0; i < n; i++)
				if (escpos_status_is_answer(buf[i])) {
					answers++;
					*last = buf[i];
				}
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return answers;
		if (n == 0 && tr->kind != TRANSPORT_TCP)
			return answers;   /* a device with nothing to say */
		why_set(why, whylen, "%s: the printer closed the connection%s%s", tr->name,
		        n < 0 ? ": " : "", n < 0 ? strerror(errno) : "");
		return -1;
	}
}

enum printer_err transport_ask(struct transport *tr, int n, int skip, int wait_ms, uint8_t *answer,
                               char *why, size_t whylen)
{
	uint8_t q[3], last = 0;
	int timeout = wait_ms > tr->t.status_ms ? wait_ms : tr->t.status_ms;
	int64_t deadline;
	int got;
	enum printer_err e;

	if (!transport_answers(tr->kind)) {
		why_set(why, whylen, "%s cannot answer status questions", tr->name);
		return PRINTER_EINVAL;
	}
	/* Answers already waiting were asked by image data (or an earlier
	 * question that timed out): they count against skip. */
	got = drain(tr, &last, why, whylen);
	if (got < 0)
		return PRINTER_EIO;
	skip = got >= skip ? 0 : skip - got;
	got = 0;
	escpos_status_query(n, q);
	if ((e = write_all(tr, q, sizeof q, timeout, why, whylen)))
		return e == PRINTER_ETIMEOUT ? PRINTER_EOFFLINE : e;
	deadline = clock_mono_ms() + timeout;
	while (remaining_ms(deadline) > 0) {
		uint8_t buf[64];
		int ev = wait_fd(tr->fd, POLLIN, deadline);
		if (ev == 0)
			break;
		ssize_t r = read(tr->fd, buf, sizeof buf);
		if (r > 0) {
			for (ssize_t i = 0; i < r; i++)
				if (escpos_status_is_answer(buf[i])) {
					last = buf[i];
					if (got++ == skip) {
						*answer = last;
						return PRINTER_OK;
					}
				}
			continue;
		}
		if (r < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue;
		if (r == 0 && tr->kind != TRANSPORT_TCP) {
			/* A device that reports readable with nothing to read:
			 * do not spin on it. */
			poll(NULL, 0, 10);
			continue;
		}
		why_set(why, whylen, "%s: the printer closed the connection%s%s", tr->name,
		        r < 0 ? ": " : "", r < 0 ? strerror(errno) : "");
		return PRINTER_EIO;
	}
	if (got > 0) {   /* fewer unasked answers than feared: ours is the last */
		*answer = last;
		return PRINTER_OK;
	}
	why_set(why, whylen, "%s: no answer to DLE EOT %d within %d ms", tr->name, n, timeout);
	return PRINTER_EOFFLINE;
}

enum printer_err transport_close(struct transport *tr, int finish, char *why, size_t whylen)
{
	enum printer_err e = PRINTER_OK;

	if (!tr)
		return PRINTER_OK;
	if (finish && tr->kind == TRANSPORT_TCP && shutdown(tr->fd, SHUT_WR) < 0) {
		/* Only a connection already reset refuses a half-close. */
		why_set(why, whylen, "%s: the printer dropped the connection (%s): the ticket may not "
		        "have arrived whole", tr->name, strerror(errno));
		e = PRINTER_EIO;
	} else if (finish && tr->kind == TRANSPORT_TCP) {
		/* A raw-port printer closes its side once it has read everything;
		 * a reset instead means bytes were thrown away. One that keeps
		 * the connection open is fine: the bytes were all taken. */
		int64_t deadline = clock_mono_ms() + tr->t.close_ms;
		while (wait_fd(tr->fd, POLLIN, deadline)) {
			uint8_t buf[256];
			ssize_t r = read(tr->fd, buf, sizeof buf);
			if (r == 0)
				break;
			if (r < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (r < 0) {
				why_set(why, whylen, "%s: the printer reset the connection (%s): the ticket may "
				        "not have arrived whole", tr->name, strerror(errno));
				e = PRINTER_EIO;
				break;
			}
		}
	}
	/* Some file systems report a full disk only at close. */
	if (close(tr->fd) < 0 && tr->kind == TRANSPORT_FILE && finish && !e) {
		why_set(why, whylen, "%s: %s", tr->name, strerror(errno));
		e = PRINTER_EIO;
	}
	free(tr);
	return e;
}
