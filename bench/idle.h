/* What a process costs while it does nothing: CPU time and memory, read
 * from /proc (Linux). */
#ifndef FRONTA_BENCH_IDLE_H
#define FRONTA_BENCH_IDLE_H

#include <sys/types.h>

struct proc_usage {
	double cpu_s;        /* user + system CPU time so far, seconds */
	long rss_kb;         /* resident now (VmRSS) */
	long rss_peak_kb;    /* the most it has been resident (VmHWM) */
};

/* Reads pid's usage. 0, or -1 if the process is gone or /proc unreadable. */
int idle_read(pid_t pid, struct proc_usage *out);

#endif
