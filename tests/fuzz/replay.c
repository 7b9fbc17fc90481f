/* The replay main for `make test`: runs every file of a fuzz target's corpus
 * (seeds and every crash ever found) through LLVMFuzzerTestOneInput, built
 * by the ordinary compiler, no clang needed. Each input runs in a child
 * process, so a crash names its file and the others still run.
 *
 * Built as build/test/test_fuzz_NAME; with no arguments it replays
 * tests/fuzz/corpus/NAME/ (run from the repository root, as tests/run.sh
 * does); with arguments, those files or directories. Prints TAP. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/fuzz/fuzz.h"

static int tap_n, failed;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return 1;
	}
	/* exactly the input's size, so the sanitizers see any overread */
	buf = malloc(n ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

/* Runs one input in a child; returns 0 if it came back clean. */
static int replay(const char *path)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return -1;
	}
	if (pid == 0)
		_exit(run_file(path));
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	failed = 1;
	tap_n++;
	if (WIFSIGNALED(status))
		printf("not ok %d - %s: killed by signal %d (%s)\n", tap_n, path, WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
	else
		printf("not ok %d - %s: exit status %d\n", tap_n, path, WEXITSTATUS(status));
	return -1;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Replays a file, or every regular file of a directory in name order. */
static void replay_path(const char *name, const char *path)
{
	struct dirent **list;
	struct stat st;
	int n, ran = 0, bad = 0;

	if (stat(path, &st) < 0) {
		failed = 1;
		printf("not ok %d - %s: %s: %s\n", ++tap_n, name, path, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (replay(path) == 0)
			printf("ok %d - %s: %s\n", ++tap_n, name, path);
		return;
	}
	n = scandir(path, &list, NULL, by_name);
	if (n < 0) {
		failed = 1;
		printf("not ok %d - %s: %s: %s\n", ++tap_n, name, path, strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		char file[4096];
		snprintf(file, sizeof file, "%s/%s", path, list[i]->d_name);
		if (list[i]->d_name[0] != '.' && stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
			ran++;
			bad += replay(file) != 0;
		}
		free(list[i]);
	}
	free(list);
	if (ran == 0) {
		failed = 1;
		printf("not ok %d - %s: %s has no inputs\n", ++tap_n, name, path);
	} else
		printf("%s %d - %s: %d inputs of %s replayed, %d failed\n", bad ? "not ok" : "ok",
		       ++tap_n, name, ran, path, bad);
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	const char *name = base ? base + 1 : argv[0];
	char dir[512];

	if (strncmp(name, "test_fuzz_", 10) == 0)
		name += 10;
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			replay_path(name, argv[i]);
	} else {
		snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", name);
		replay_path(name, dir);
	}
	printf("1..%d\n", tap_n);
	return failed;
}
