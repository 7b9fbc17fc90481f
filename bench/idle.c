/* /proc/PID/stat (utime, stime) and /proc/PID/status (VmRSS, VmHWM). */
#include "bench/idle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int read_file(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n;
	if (!f)
		return -1;
	n = fread(buf, 1, cap - 1, f);
	fclose(f);
	buf[n] = '\0';
	return 0;
}

static long status_kb(const char *status, const char *key)
{
	const char *p = strstr(status, key);
	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

int idle_read(pid_t pid, struct proc_usage *out)
{
	char path[64], buf[8192];
	unsigned long utime, stime;
	const char *p;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (read_file(path, buf, sizeof buf) != 0)
		return -1;
	/* the command name may hold spaces and parentheses: fields start after the last ')' */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
		return -1;
	out->cpu_s = (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (read_file(path, buf, sizeof buf) != 0)
		return -1;
	out->rss_kb = status_kb(buf, "VmRSS:");
	out->rss_peak_kb = status_kb(buf, "VmHWM:");
	return out->rss_kb < 0 || out->rss_peak_kb < 0 ? -1 : 0;
}
