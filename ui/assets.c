/* Asset lookup: explicit option, environment, next to the build, installed. */
#include "ui/assets.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui_datadir.h"   /* FRONTA_DATADIR, from PREFIX (ui/module.mk) */

int assets_path(const char *dir, const char *rel, char *out, size_t cap)
{
	int k = snprintf(out, cap, "%s/%s", dir, rel);
	return k < 0 || (size_t)k >= cap ? -1 : 0;
}

static int has_catalogue(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;
	if (assets_path(dir, "i18n/common", p, sizeof p) < 0)
		return 0;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int choose(const char *dir, const char *how, char *out, size_t cap, char *err, size_t errlen)
{
	int k = snprintf(out, cap, "%s", dir);
	if (k < 0 || (size_t)k >= cap) {
		if (err && errlen)
			snprintf(err, errlen, "assets folder path too long: %s", dir);
		return -1;
	}
	if (!has_catalogue(dir)) {
		if (err && errlen)
			snprintf(err, errlen, "assets folder %s (%s) has no i18n/common/", dir, how);
		return -1;
	}
	return 0;
}

int assets_find(const char *option, char *out, size_t cap, char *err, size_t errlen)
{
	const char *env = getenv("FRONTA_ASSETS");
	char exe[PATH_MAX], cand[PATH_MAX + 16];
	ssize_t n;

	if (err && errlen)
		err[0] = '\0';
	if (!out || cap == 0)
		return -1;
	if (option && option[0])
		return choose(option, "from --assets", out, cap, err, errlen);
	if (env && env[0])
		return choose(env, "from FRONTA_ASSETS", out, cap, err, errlen);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(cand, sizeof cand, "%s/../../assets", exe);
			if (has_catalogue(cand)) {
				char real[PATH_MAX];
				return choose(realpath(cand, real) ? real : cand, "next to the program", out, cap, err,
				              errlen);
			}
		}
	}
	if (choose(FRONTA_DATADIR, "installed", out, cap, err, errlen) == 0)
		return 0;
	if (err && errlen)
		snprintf(err, errlen,
		         "no assets found: not next to the program (%s/../../assets) nor installed in %s; "
		         "give --assets DIR or set FRONTA_ASSETS",
		         n > 0 ? exe : "?", FRONTA_DATADIR);
	return -1;
}
