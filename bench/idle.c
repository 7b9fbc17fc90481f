/* /proc/PID/stat (utime, stime), /proc/PID/status (VmRSS, VmHWM) and
 * /proc/PID/smaps (whose memory it is). */
#include "bench/idle.h"

#include <stdbool.h>
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

static bool is_gl(const char *path)
{
	static const char *const parts[] = { "/libGL", "/libEGL", "/libglapi", "/libgallium", "/dri/", "/libLLVM",
		                             "/libvulkan" };
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (strstr(path, parts[i]))
			return true;
	return false;
}

int idle_read_maps(pid_t pid, struct proc_maps *out)
{
	char path[64], line[1024];
	enum { OTHER, GL, SHM, ANON } kind = OTHER;
	FILE *f;

	memset(out, 0, sizeof *out);
	snprintf(path, sizeof path, "/proc/%d/smaps", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char perms[8];
		int at = 0;
		long kb;
		if (sscanf(line, "%lx-%lx %7s %*x %*s %*u %n", &lo, &hi, perms, &at) == 3 && at > 0) {
			/* a mapping's first line: addresses, permissions, offset, device, inode, path */
			const char *name = line + at;
			line[strcspn(line, "\n")] = '\0';
			if (is_gl(name)) {
				kind = GL;
				out->gl = true;
				out->llvm = out->llvm || strstr(name, "/libLLVM") != NULL;
			} else if (strncmp(name, "/SYSV", 5) == 0) {
				kind = SHM;
			} else if (name[0] == '\0' || strcmp(name, "[heap]") == 0) {
				kind = ANON;
			} else {
				kind = OTHER;
			}
		} else if (sscanf(line, "Rss: %ld kB", &kb) == 1) {
			if (kind == GL)
				out->gl_kb += kb;
			else if (kind == SHM)
				out->shm_kb += kb;
			else if (kind == ANON)
				out->anon_kb += kb;
		}
	}
	fclose(f);
	return 0;
}
