/* Logging to stderr, one whole line per write so that threads do not mix. */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/tz.h"

static const char *prog = "fronta";
static enum log_level max_level = LOG_INFO;
static const char *const level_names[] = { "error", "warn", "info", "debug" };

void log_init(const char *program, enum log_level level)
{
	prog = program;
	max_level = level;
}

void log_set_level(enum log_level level) { max_level = level; }
enum log_level log_get_level(void) { return max_level; }

void log_msg(enum log_level level, const char *fmt, ...)
{
	char line[2048], stamp[TZ_STAMP_LEN];
	int64_t now;
	size_t n;
	int k;
	va_list ap;

	if (level > max_level)
		return;
	now = clock_now_ms();
	tz_rfc3339(now, stamp);
	k = snprintf(line, sizeof line, "%.19s.%03d%s %s %s: ", stamp, (int)(now % 1000), stamp + 19, prog,
	             level_names[level]);
	n = k < 0 ? 0 : (size_t)k;
	va_start(ap, fmt);
	if (n < sizeof line) {
		k = vsnprintf(line + n, sizeof line - n, fmt, ap);
		n += k < 0 ? 0 : (size_t)k;
	}
	va_end(ap);
	if (n >= sizeof line - 1)
		n = sizeof line - 2;
	/* one line: replace any newline inside the message */
	for (size_t i = 0; i < n; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[n++] = '\n';
	(void)!write(STDERR_FILENO, line, n);
}
