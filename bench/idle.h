/* What a process costs while it does nothing: CPU time and memory, read
 * from /proc (Linux). */
#ifndef FRONTA_BENCH_IDLE_H
#define FRONTA_BENCH_IDLE_H

#include <stdbool.h>
#include <sys/types.h>

struct proc_usage {
	double cpu_s;        /* user + system CPU time so far, seconds */
	long rss_kb;         /* resident now (VmRSS) */
	long rss_peak_kb;    /* the most it has been resident (VmHWM) */
};

/* Reads pid's usage. 0, or -1 if the process is gone or /proc unreadable. */
int idle_read(pid_t pid, struct proc_usage *out);

/* Where a process's resident memory is (from /proc/PID/smaps), kB. */
struct proc_maps {
	long gl_kb;          /* the OpenGL stack: libGL*, libEGL, libglapi, Mesa's drivers, libLLVM */
	long shm_kb;         /* System V shared memory: the X server's MIT-SHM images */
	long anon_kb;        /* [heap] and anonymous mappings: malloc, surfaces, textures in memory */
	bool gl;             /* an OpenGL library is mapped */
	bool llvm;           /* libLLVM is mapped: Mesa draws with llvmpipe, on the CPU */
};

/* Reads pid's maps. 0, or -1 if the process is gone or /proc unreadable. */
int idle_read_maps(pid_t pid, struct proc_maps *out);

#endif
