/* frontactl backup and restore: a safe copy of a branch database while frontad
 * runs (SQLite's online backup), and putting one back while it does not. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/tz.h"
#include "ctl/ctl.h"
#include "store/store.h"

extern const char *ctl_opt_db;

int ctl_cmd_backup(struct ctl *c, int argc, char **argv)
{
	char err[1024];
	long tickets = 0, events = 0;
	(void)c;
	if (argc != 2 || !ctl_opt_db) {
		fprintf(stderr, "usage: frontactl backup --db DATABASE BACKUP-FILE\n");
		return CTL_USAGE;
	}
	if (access(argv[1], F_OK) == 0) {
		fprintf(stderr, "frontactl: %s exists; choose a new name (a backup never overwrites)\n", argv[1]);
		return CTL_USAGE;
	}
	if (store_backup_file(ctl_opt_db, argv[1], err, sizeof err) != FRONTA_OK ||
	    store_check_file(argv[1], &tickets, &events, err, sizeof err) != FRONTA_OK) {
		fprintf(stderr, "frontactl: backup: %s\n", err);
		return CTL_FAILED;
	}
	printf("%s: backup of %s (%ld tickets, events up to %ld), checked\n", argv[1], ctl_opt_db, tickets, events);
	return CTL_OK;
}

/* Moves path (and its -wal, -shm) aside under suffix. */
static int move_aside(const char *path, const char *suffix)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	char from[1100], to[1200];
	for (int i = 0; i < 3; i++) {
		snprintf(from, sizeof from, "%s%s", path, ext[i]);
		snprintf(to, sizeof to, "%s%s%s", path, suffix, ext[i]);
		if (access(from, F_OK) == 0 && rename(from, to) != 0)
			return -1;
	}
	return 0;
}

int ctl_cmd_restore(struct ctl *c, int argc, char **argv)
{
	char err[1024], lock[1100], suffix[64], stamp[TZ_STAMP_LEN];
	long tickets = 0, events = 0;
	int fd, rc = CTL_FAILED;
	(void)c;

	if (argc != 2 || !ctl_opt_db) {
		fprintf(stderr, "usage: frontactl restore --db DATABASE BACKUP-FILE\n");
		return CTL_USAGE;
	}
	if (store_check_file(argv[1], &tickets, &events, err, sizeof err) != FRONTA_OK) {
		fprintf(stderr, "frontactl: restore: %s; nothing changed\n", err);
		return CTL_FAILED;
	}
	/* frontad holds this lock while it runs: never swap its database under it */
	snprintf(lock, sizeof lock, "%s.lock", ctl_opt_db);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr, "frontactl: restore: frontad is using %s (lock %s is held); stop it first "
		        "(systemctl stop frontad); nothing changed\n", ctl_opt_db, lock);
		if (fd >= 0)
			close(fd);
		return CTL_FAILED;
	}
	tz_rfc3339(clock_now_ms(), stamp);
	snprintf(suffix, sizeof suffix, ".before-restore-%.10s-%.2s%.2s%.2s", stamp, stamp + 11, stamp + 14, stamp + 17);
	if (access(ctl_opt_db, F_OK) == 0 && move_aside(ctl_opt_db, suffix) != 0) {
		fprintf(stderr, "frontactl: restore: cannot move %s aside: %s; nothing changed\n", ctl_opt_db,
		        strerror(errno));
		goto out;
	}
	if (store_backup_file(argv[1], ctl_opt_db, err, sizeof err) != FRONTA_OK) {
		fprintf(stderr, "frontactl: restore: %s\n", err);
		goto out;
	}
	printf("%s: restored from %s (%ld tickets, events up to %ld); the previous database is %s%s\n", ctl_opt_db,
	       argv[1], tickets, events, ctl_opt_db, suffix);
	rc = CTL_OK;
out:
	close(fd);
	return rc;
}
