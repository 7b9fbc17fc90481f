/* Where frontactl report and purge find figures: a branch database (--db)
 * or the head-office archive (--archive), behind one small interface. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "core/clock.h"
#include "core/tz.h"
#include "ctl/ctl.h"
#include "store/report.h"
#include "store/store.h"

/* --db given before the command name (as for backup) */
extern const char *ctl_opt_db;

/* Every Fronta branch is in Czechia; --config names another zone. */
#define DEFAULT_ZONE "Europe/Prague"

int ctl_figures_open(struct ctl *c, const char *db, const char *archive, const char *branch,
                     struct ctl_figures *out)
{
	char err[600];
	int rc;

	memset(out, 0, sizeof *out);
	if (!db && !archive)
		db = ctl_opt_db;
	if (!db == !archive) {
		fprintf(stderr, "frontactl: give either --db PATH (a branch database) or --archive PATH\n");
		return CTL_USAGE;
	}
	if (c->conn.config) {
		if ((rc = ctl_load_config(c)))
			return rc;
	} else if (tz_set(DEFAULT_ZONE) != 0) {
		fprintf(stderr, "frontactl: time zone %s is not installed (tzdata)\n", DEFAULT_ZONE);
		return CTL_FAILED;
	}
	if (branch && !config_is_id(branch)) {
		fprintf(stderr, "frontactl: --branch wants a branch id such as praha-zukovskeho, not \"%s\"\n", branch);
		return CTL_USAGE;
	}
	if (db) {
		/* A branch database holds one branch: --branch, the configuration's,
		 * or its file's name (frontad's default is var/BRANCH.db). */
		char path[512], *stem;
		snprintf(path, sizeof path, "%s", db);
		stem = basename(path);
		stem[strcspn(stem, ".")] = '\0';
		snprintf(out->label, sizeof out->label, "%s",
		         branch ? branch : c->cfg ? c->cfg->branch_id : config_is_id(stem) ? stem : "branch");
		if (access(db, R_OK | W_OK) != 0) {
			fprintf(stderr, "frontactl: cannot use %s: %s\n", db, strerror(errno));
			return CTL_FAILED;
		}
		out->store = store_open(db, err, sizeof err);
	} else {
		snprintf(out->label, sizeof out->label, "%s", branch ? branch : "");
		if (access(archive, R_OK | W_OK) != 0) {
			fprintf(stderr, "frontactl: cannot use %s: %s\n", archive, strerror(errno));
			return CTL_FAILED;
		}
		out->archive = archive_open(archive, err, sizeof err);
	}
	if (!out->store && !out->archive) {
		fprintf(stderr, "frontactl: %s\n", err);
		return CTL_FAILED;
	}
	return 0;
}

void ctl_figures_close(struct ctl_figures *f)
{
	store_close(f->store);
	archive_close(f->archive);
	memset(f, 0, sizeof *f);
}

int ctl_figures_load(struct ctl_figures *f, const char *from, const char *to, const char *today, struct tally *t)
{
	char err[600];
	enum fronta_err rc = f->store ? store_report_load(f->store, f->label, from, to, today, t, err, sizeof err)
	                              : archive_report_load(f->archive, f->label[0] ? f->label : NULL, from, to, today,
	                                                    t, err, sizeof err);
	if (rc != FRONTA_OK) {
		fprintf(stderr, "frontactl: %s\n", err);
		return CTL_FAILED;
	}
	return 0;
}

int ctl_figures_retain(struct ctl_figures *f, const char *today, const char *keep_from, struct store_retain *r)
{
	char err[600];
	enum fronta_err rc = f->store ? store_report_retain(f->store, today, keep_from, r, err, sizeof err)
	                              : archive_retain(f->archive, today, keep_from, r, err, sizeof err);
	if (rc != FRONTA_OK) {
		fprintf(stderr, "frontactl: %s (what was done before stays done; run it again)\n", err);
		return CTL_FAILED;
	}
	return 0;
}

void ctl_figures_today(char out[TZ_DAY_LEN])
{
	tz_day(clock_now_ms(), out);
}
