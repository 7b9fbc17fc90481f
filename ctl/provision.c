/* frontactl provision: everything a branch broker (or the head office's)
 * needs, written into one folder by one command: mosquitto.conf, password
 * file, ACL, CA and server certificate, each device's password. Run again,
 * it keeps what exists and is still good, so it is safe to repeat. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl/acl.h"
#include "ctl/ctl.h"
#include "ctl/pki.h"
#include "ctl/pwhash.h"
#include "broker_templates.h"   /* generated from the files in broker-config/ */

/* Options of this subcommand, set by main.c's option parser. */
extern const char *ctl_opt_out;
extern const char *ctl_opt_host;
extern int ctl_opt_port;
extern const char *ctl_opt_rotate;
extern const char *ctl_opt_bridge;
extern const char *ctl_opt_bridge_cafile;
extern const char *ctl_opt_broker_user;
extern bool ctl_opt_head_office;

/* Certificates live long enough not to be a chore, and provisioning again
 * renews the server's when less than RENEW_DAYS are left. The CA is never
 * replaced without --rotate ca: every device would need the new ca.crt. */
#define CA_DAYS 3650
#define SERVER_DAYS 825
#define RENEW_DAYS 30
#define CA_WARN_DAYS 365

#define MAX_FILE (256 * 1024)

struct prov {
	char root[PATH_MAX];         /* DIR, absolute */
	const char *host;
	int port;
	char rotate[512];            /* ",item,item," */
	uid_t broker_uid;
	gid_t broker_gid;
	char broker_user[64];
	bool give;                   /* root: give the broker's files to its user */
	int failed;
};

/* ---- files ---- */

static int path_of(const struct prov *p, const char *rel, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%s/%s", p->root, rel);
	return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* The whole of a small file, NUL-terminated (malloc'd), or NULL with errno
 * (ENOENT if it does not exist, EFBIG if it is too large). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	if (!f)
		return NULL;
	buf = malloc(MAX_FILE + 1);
	if (!buf) {
		fclose(f);
		errno = ENOMEM;
		return NULL;
	}
	n = fread(buf, 1, MAX_FILE + 1, f);
	fclose(f);
	if (n > MAX_FILE) {
		free(buf);
		errno = EFBIG;
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static char *slurp_rel(const struct prov *p, const char *rel)
{
	char path[PATH_MAX + 64];
	if (path_of(p, rel, path, sizeof path) != 0) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return slurp(path);
}

/* Who owns a file: the broker reads it (root:broker group), the broker
 * writes in it (broker:broker), or only the administrator (root:root). */
enum owner { OWN_ADMIN, OWN_BROKER_READS, OWN_BROKER };

static void owner_ids(const struct prov *p, enum owner o, uid_t *uid, gid_t *gid)
{
	*uid = geteuid();
	*gid = getegid();
	if (!p->give)
		return;
	if (o == OWN_BROKER) {
		*uid = p->broker_uid;
		*gid = p->broker_gid;
	} else if (o == OWN_BROKER_READS) {
		*gid = p->broker_gid;
	}
}

/* Writes text to DIR/rel with mode and owner, through a temporary file
 * and rename, so the broker never reads half a file. Leaves a file that
 * already has this content, mode and owner alone. Returns 1 if written, 0
 * if it was already so, -1 after printing why. */
static int put_file(struct prov *p, const char *rel, const char *text, mode_t mode, enum owner o)
{
	char path[PATH_MAX + 64], tmp[PATH_MAX + 80];
	size_t len = strlen(text);
	struct stat st;
	uid_t uid;
	gid_t gid;
	char *old;
	int fd;

	owner_ids(p, o, &uid, &gid);
	if (path_of(p, rel, path, sizeof path) != 0 || snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
		fprintf(stderr, "frontactl: provision: path too long: %s/%s\n", p->root, rel);
		goto fail;
	}
	old = slurp(path);
	if (old && strcmp(old, text) == 0 && stat(path, &st) == 0 && (st.st_mode & 07777) == mode &&
	    st.st_uid == uid && st.st_gid == gid) {
		free(old);
		return 0;
	}
	free(old);
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		goto io_fail;
	if (fchown(fd, uid, gid) != 0 || fchmod(fd, mode) != 0 || write(fd, text, len) != (ssize_t)len ||
	    fsync(fd) != 0) {
		close(fd);
		unlink(tmp);
		goto io_fail;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		goto io_fail;
	}
	return 1;
io_fail:
	fprintf(stderr, "frontactl: provision: cannot write %s: %s\n", path, strerror(errno));
fail:
	p->failed = 1;
	return -1;
}

/* Makes DIR/rel (or DIR itself when rel is "") a folder with mode and
 * owner. Refuses a folder every user of this machine may enter: secrets
 * go in it. Returns 0, or -1 after printing why. */
static int put_dir(struct prov *p, const char *path, mode_t mode, enum owner o)
{
	struct stat st;
	uid_t uid;
	gid_t gid;

	owner_ids(p, o, &uid, &gid);
	if (mkdir(path, mode) != 0 && errno != EEXIST) {
		fprintf(stderr, "frontactl: provision: cannot make the folder %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "frontactl: provision: %s is not a folder\n", path);
		return -1;
	}
	if (st.st_mode & 0007) {
		fprintf(stderr,
		        "frontactl: provision: refusing to write secrets into %s: every user of this machine may %s it "
		        "(mode %04o).\n  Use a new folder, or first: chmod o-rwx %s\n",
		        path, st.st_mode & 0004 ? "read" : st.st_mode & 0002 ? "write into" : "enter",
		        (unsigned)(st.st_mode & 07777), path);
		return -1;
	}
	if ((st.st_uid != uid || st.st_gid != gid) && chown(path, uid, gid) != 0) {
		fprintf(stderr, "frontactl: provision: cannot give %s to its owner: %s\n", path, strerror(errno));
		return -1;
	}
	if ((st.st_mode & 07777) != mode && chmod(path, mode) != 0) {
		fprintf(stderr, "frontactl: provision: cannot set the mode of %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int put_subdir(struct prov *p, const char *rel, mode_t mode, enum owner o)
{
	char path[PATH_MAX + 64];
	if (path_of(p, rel, path, sizeof path) != 0)
		return -1;
	return put_dir(p, path, mode, o);
}

/* The folder itself: its parents are made (0755) if missing, it must not
 * be open to other users, and its absolute path goes into the files. */
static int prepare_root(struct prov *p, const char *out)
{
	char buf[PATH_MAX];
	size_t n = strlen(out);
	if (n == 0 || n >= sizeof buf) {
		fprintf(stderr, "frontactl: provision: --out needs a folder\n");
		return -1;
	}
	/* mosquitto.conf cannot hold a path with spaces. */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)out[i] <= ' ' || out[i] == '#' || out[i] == '@') {
			fprintf(stderr, "frontactl: provision: the folder \"%s\" has a space or '#' or '@'; "
			                "mosquitto.conf cannot hold such a path\n", out);
			return -1;
		}
	memcpy(buf, out, n + 1);
	for (char *s = buf + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "frontactl: provision: cannot make %s: %s\n", buf, strerror(errno));
			return -1;
		}
		*s = '/';
	}
	if (put_dir(p, out, 0750, OWN_BROKER_READS) != 0)
		return -1;
	if (!realpath(out, p->root)) {
		fprintf(stderr, "frontactl: provision: %s: %s\n", out, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- options ---- */

static bool rotating(const struct prov *p, const char *what)
{
	char key[80];
	snprintf(key, sizeof key, ",%s,", what);
	return strstr(p->rotate, key) != NULL;
}

/* --rotate LIST: device ids, "passwords", "server", "ca", "bridge". */
static int parse_rotate(struct prov *p, const struct config *cfg, const char *list)
{
	char buf[sizeof p->rotate], *save = NULL;
	if (!list) {
		snprintf(p->rotate, sizeof p->rotate, ",");
		return 0;
	}
	if (snprintf(p->rotate, sizeof p->rotate, ",%s,", list) >= (int)sizeof p->rotate) {
		fprintf(stderr, "frontactl: provision: --rotate list too long\n");
		return -1;
	}
	snprintf(buf, sizeof buf, "%s", list);
	for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		bool device = cfg ? config_device(cfg, w) != NULL : strcmp(w, ACL_ARCHIVER) == 0;
		if (!device && strcmp(w, "passwords") && strcmp(w, "server") && strcmp(w, "ca") &&
		    (!cfg || strcmp(w, "bridge"))) {
			fprintf(stderr,
			        "frontactl: provision: --rotate: \"%s\" is not a device of the configuration, nor "
			        "passwords, server, ca%s\n",
			        w, cfg ? ", bridge" : "");
			return -1;
		}
	}
	return 0;
}

/* The user mosquitto runs as: as root, mosquitto drops to it after reading
 * its configuration, so every file it reads must be readable by it. */
static int resolve_broker_user(struct prov *p)
{
	const char *name = ctl_opt_broker_user;
	struct passwd *pw;
	if (geteuid() != 0) {
		pw = getpwuid(geteuid());
		if (name && (!pw || strcmp(name, pw->pw_name) != 0)) {
			fprintf(stderr, "frontactl: provision: --broker-user %s: only root can give files to another user\n",
			        name);
			return -1;
		}
		snprintf(p->broker_user, sizeof p->broker_user, "%s", pw ? pw->pw_name : "nobody");
		p->give = false;
		return 0;
	}
	pw = getpwnam(name ? name : "mosquitto");
	if (!pw && !name)
		pw = getpwnam("nobody");   /* what mosquitto itself falls back to */
	if (!pw) {
		fprintf(stderr, "frontactl: provision: there is no user %s on this machine\n", name);
		return -1;
	}
	snprintf(p->broker_user, sizeof p->broker_user, "%s", pw->pw_name);
	p->broker_uid = pw->pw_uid;
	p->broker_gid = pw->pw_gid;
	p->give = true;
	return 0;
}

static int common_options(struct prov *p, const char *host, int port)
{
	if (!ctl_opt_out) {
		fprintf(stderr, "frontactl: provision needs --out DIR (the folder for the broker's files)\n");
		return CTL_USAGE;
	}
	if (!host || !pki_is_valid_host(host)) {
		fprintf(stderr, "frontactl: provision: --host wants the broker's host name or address, not \"%s\"\n",
		        host ? host : "");
		return CTL_USAGE;
	}
	if (port < 1 || port > 65535) {
		fprintf(stderr, "frontactl: provision: --port wants 1-65535\n");
		return CTL_USAGE;
	}
	p->host = host;
	p->port = port;
	return 0;
}

/* ---- templates ---- */

/* tmpl with every @KEY@ replaced by its value (keys[i] = "KEY", vals[i]).
 * Returns malloc'd text, or NULL (out of memory, or a @KEY@ not given:
 * a template and this code disagree). */
static char *fill(const char *tmpl, const char *const *keys, const char *const *vals, int n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	bool ok = f != NULL;
	const char *s = tmpl;
	while (ok && *s) {
		const char *at = strchr(s, '@'), *end;
		size_t klen;
		int i;
		if (!at) {
			fputs(s, f);
			break;
		}
		fwrite(s, 1, (size_t)(at - s), f);
		end = at + 1;
		while ((*end >= 'A' && *end <= 'Z') || *end == '_')
			end++;
		klen = (size_t)(end - at - 1);
		if (*end != '@' || klen == 0) {
			fputc('@', f);
			s = at + 1;
			continue;
		}
		for (i = 0; i < n; i++)
			if (strlen(keys[i]) == klen && strncmp(keys[i], at + 1, klen) == 0)
				break;
		if (i == n) {
			fprintf(stderr, "frontactl: provision: template field @%.*s@ is unknown\n", (int)klen, at + 1);
			ok = false;
			break;
		}
		fputs(vals[i], f);
		s = end + 1;
	}
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* ---- secrets ---- */

/* Room for a password: one we made, or one an administrator put into a
 * device's password file (which provision then keeps). */
#define PASSWORD_CAP 256

/* A password kept in DIR/rel (first line), or a new one when there is
 * none, it is unusable, or rotate. Returns 1 new, 0 kept, -1 failure. */
static int password_for(struct prov *p, const char *rel, bool rotate, char out[PASSWORD_CAP])
{
	char path[PATH_MAX + 64], err[300];
	if (!rotate && path_of(p, rel, path, sizeof path) == 0 && access(path, F_OK) == 0) {
		if (mq_read_password(path, out, PASSWORD_CAP, err, sizeof err) == 0 && pwhash_is_valid_password(out))
			return 0;
		fprintf(stderr, "frontactl: provision: %s is not usable; making a new password\n", path);
	}
	if (pwhash_generate(out) != 0) {
		fprintf(stderr, "frontactl: provision: the kernel gives no random numbers\n");
		p->failed = 1;
		return -1;
	}
	return 1;
}

/* The hash of user's line in an old password file, if it still matches pw
 * (so running again changes nothing); else a new one. 0 or -1. */
static int hash_for(const char *old_passwd, const char *user, const char *pw, char *out, size_t cap)
{
	size_t ulen = strlen(user);
	for (const char *l = old_passwd; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		if (len > ulen && len - ulen - 1 < cap && strncmp(l, user, ulen) == 0 && l[ulen] == ':') {
			char h[PWHASH_LINE_LEN];
			size_t hl = len - ulen - 1;
			if (hl < sizeof h) {
				memcpy(h, l + ulen + 1, hl);
				h[hl] = '\0';
				if (pwhash_check(pw, h)) {
					memcpy(out, h, hl + 1);
					return 0;
				}
			}
		}
		l = nl ? nl + 1 : NULL;
	}
	return pwhash_make(pw, out, cap);
}

static int write_password(struct prov *p, const char *rel, const char *pw)
{
	char text[PASSWORD_CAP + 2];
	snprintf(text, sizeof text, "%s\n", pw);
	return put_file(p, rel, text, 0600, OWN_ADMIN);
}

static const char *said(int rc)
{
	return rc > 0 ? "written" : rc == 0 ? "unchanged" : "FAILED";
}

/* The three files mosquitto reads besides the certificates, readable by
 * it and nobody else (the configuration may hold the bridge's password).
 * Failures are noted in p->failed. */
static void write_broker_files(struct prov *p, const char *passwd, const char *acl, const char *conf)
{
	printf("  passwd                       %s\n", said(put_file(p, "passwd", passwd, 0640, OWN_BROKER_READS)));
	printf("  acl                          %s\n", said(put_file(p, "acl", acl, 0640, OWN_BROKER_READS)));
	printf("  mosquitto.conf               %s, TLS on port %d\n",
	       said(put_file(p, "mosquitto.conf", conf, 0640, OWN_BROKER_READS)), p->port);
}

/* ---- certificates ---- */

/* Loads DIR/ca.key and DIR/ca.crt, or makes them. Returns 0, or -1. */
static int ensure_ca(struct prov *p, const char *cn, struct pki_pair *ca, bool *made)
{
	char why[300], err[300];
	int rc;
	*made = false;
	ca->key = slurp_rel(p, "ca.key");
	ca->cert = slurp_rel(p, "ca.crt");
	if (ca->key && ca->cert && !rotating(p, "ca")) {
		rc = pki_check_ca(ca, 0, why, sizeof why);
		if (rc == 0) {
			if (pki_check_ca(ca, CA_WARN_DAYS, why, sizeof why) != 0)
				printf("warning: %s: plan a --rotate ca (every device then needs the new ca.crt)\n", why);
			return 0;
		}
		fprintf(stderr,
		        "frontactl: provision: %s/ca.key and ca.crt: %s.\n  Replacing the CA means every device needs the "
		        "new ca.crt: run again with --rotate ca to do that.\n",
		        p->root, why);
		return -1;
	}
	if ((ca->key || ca->cert) && !rotating(p, "ca")) {
		fprintf(stderr,
		        "frontactl: provision: %s/%s is there but %s is missing.\n  Put it back, or run again with "
		        "--rotate ca to make a new CA (every device then needs the new ca.crt).\n",
		        p->root, ca->key ? "ca.key" : "ca.crt", ca->key ? "ca.crt" : "ca.key");
		return -1;
	}
	pki_pair_free(ca);
	if (pki_make_ca(cn, CA_DAYS, ca, err, sizeof err) != 0) {
		fprintf(stderr, "frontactl: provision: %s\n", err);
		return -1;
	}
	*made = true;
	return 0;
}

/* Loads the server key and certificate, or makes new ones when they are
 * missing, do not fit host or the CA, expire soon, or rotate. */
static int ensure_server(struct prov *p, const struct pki_pair *ca, bool ca_made, struct pki_pair *srv,
                         const char **reason)
{
	static char why[300];
	char err[300];
	srv->key = slurp_rel(p, "server.key");
	srv->cert = slurp_rel(p, "server.crt");
	*reason = NULL;
	if (ca_made)
		*reason = "a new CA";
	else if (rotating(p, "server"))
		*reason = "--rotate server";
	else if (!srv->key || !srv->cert)
		*reason = "none yet";
	else if (pki_check_server(ca, srv, p->host, RENEW_DAYS, why, sizeof why) != 0)
		*reason = why;
	if (!*reason)
		return 0;
	pki_pair_free(srv);
	if (pki_make_server(ca, p->host, SERVER_DAYS, srv, err, sizeof err) != 0) {
		fprintf(stderr, "frontactl: provision: %s\n", err);
		return -1;
	}
	return 0;
}

static int write_pki(struct prov *p, const struct pki_pair *ca, bool ca_made, const struct pki_pair *srv,
                     const char *srv_reason)
{
	char fp[128] = "", ca_until[16] = "?", srv_until[16] = "?";
	int a = put_file(p, "ca.key", ca->key, 0600, OWN_ADMIN);
	int b = put_file(p, "ca.crt", ca->cert, 0644, OWN_BROKER_READS);
	int c = put_file(p, "server.key", srv->key, 0640, OWN_BROKER_READS);
	int d = put_file(p, "server.crt", srv->cert, 0644, OWN_BROKER_READS);
	if (a < 0 || b < 0 || c < 0 || d < 0)
		return -1;
	pki_fingerprint(ca->cert, fp, sizeof fp);
	pki_not_after(ca->cert, ca_until, sizeof ca_until);
	pki_not_after(srv->cert, srv_until, sizeof srv_until);
	printf("  ca.crt, ca.key               %s, valid until %s\n", ca_made ? "NEW CA: give every device the new ca.crt" : "kept",
	       ca_until);
	printf("                               %s\n", fp);
	printf("  server.crt, server.key       %s, for %s, valid until %s (renewed by provision 30 days before)\n",
	       srv_reason ? "new" : "kept", p->host, srv_until);
	if (srv_reason)
		printf("                               (why new: %s)\n", srv_reason);
	return 0;
}

/* ---- the branch ---- */

struct bridge {
	char host[256];
	int port;
	char target[300];             /* "host:port" as given */
	char password[PASSWORD_CAP];
	bool on;
};

/* --bridge HOST:PORT (or the one kept in DIR/bridge.address; "none" takes
 * it away) and --bridge-cafile. Returns 0 or an exit code. */
static int bridge_options(struct prov *p, struct bridge *br)
{
	const char *target = ctl_opt_bridge;
	char *kept = NULL;
	memset(br, 0, sizeof *br);
	if (!target) {
		kept = slurp_rel(p, "bridge.address");
		if (kept)
			kept[strcspn(kept, "\r\n")] = '\0';
		target = kept;
	}
	if (!target || strcmp(target, "none") == 0) {
		free(kept);
		if (ctl_opt_bridge_cafile) {
			fprintf(stderr, "frontactl: provision: --bridge-cafile goes with --bridge HOST:PORT\n");
			return CTL_USAGE;
		}
		return 0;
	}
	snprintf(br->target, sizeof br->target, "%s", target);
	free(kept);
	if (cli_parse_hostport(br->target, br->host, sizeof br->host, &br->port) != 0 ||
	    !pki_is_valid_host(br->host)) {
		fprintf(stderr, "frontactl: provision: --bridge wants the head office's HOST:PORT, not \"%s\"\n",
		        br->target);
		return CTL_USAGE;
	}
	br->on = true;
	return 0;
}

/* The head office's CA: --bridge-cafile, or the copy kept in DIR. */
static char *bridge_ca(struct prov *p)
{
	char *pem;
	if (!ctl_opt_bridge_cafile) {
		pem = slurp_rel(p, "head-office-ca.crt");
		if (!pem)
			fprintf(stderr, "frontactl: provision: --bridge needs --bridge-cafile FILE (the head office's "
			                "ca.crt)\n");
		return pem;
	}
	pem = slurp(ctl_opt_bridge_cafile);
	if (!pem)
		fprintf(stderr, "frontactl: provision: cannot read %s: %s\n", ctl_opt_bridge_cafile, strerror(errno));
	else if (!strstr(pem, "-----BEGIN CERTIFICATE-----")) {
		fprintf(stderr, "frontactl: provision: %s is not a PEM certificate\n", ctl_opt_bridge_cafile);
		free(pem);
		pem = NULL;
	}
	return pem;
}

/* Each device's password file, and the password file's text (in out). */
static int branch_passwords(struct prov *p, const struct config *cfg, char **out)
{
	char *old = slurp_rel(p, "passwd");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc = 0;
	if (!f) {
		free(old);
		return -1;
	}
	for (int i = 0; i < cfg->n_devices && rc == 0; i++) {
		const struct device_cfg *d = &cfg->devices[i];
		char rel[80], pw[PASSWORD_CAP], hash[PWHASH_LINE_LEN];
		int made, w;
		snprintf(rel, sizeof rel, "devices/%s.password", d->id);
		made = password_for(p, rel, rotating(p, "passwords") || rotating(p, d->id), pw);
		if (made < 0 || hash_for(made ? NULL : old, d->id, pw, hash, sizeof hash) != 0) {
			rc = -1;
			break;
		}
		w = write_password(p, rel, pw);
		fprintf(f, "%s:%s\n", d->id, hash);
		printf("  %-28s %-8s password %s\n", rel, config_role_name(d->role),
		       w < 0 ? "FAILED" : made ? "NEW: give it to the device" : "kept");
		memset(pw, 0, sizeof pw);
		if (w < 0)
			rc = -1;
	}
	free(old);
	if (fclose(f) != 0 || rc != 0) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

/* Removes devices/X.password of devices no longer in the configuration. */
static void remove_stale(struct prov *p, const struct config *cfg)
{
	char path[PATH_MAX + 64];
	DIR *dir;
	struct dirent *e;
	if (path_of(p, "devices", path, sizeof path) != 0 || !(dir = opendir(path)))
		return;
	while ((e = readdir(dir))) {
		char id[CONFIG_ID_LEN + 16];
		size_t n = strlen(e->d_name);
		if (n <= 9 || n - 9 >= CONFIG_ID_LEN || strcmp(e->d_name + n - 9, ".password") != 0)
			continue;
		memcpy(id, e->d_name, n - 9);
		id[n - 9] = '\0';
		if ((cfg && config_device(cfg, id)) || (!cfg && strcmp(id, ACL_ARCHIVER) == 0))
			continue;
		if (unlinkat(dirfd(dir), e->d_name, 0) == 0)
			printf("  devices/%-20s removed: %s is no longer in the configuration\n", e->d_name, id);
	}
	closedir(dir);
}

static int provision_branch(struct ctl *c)
{
	struct prov p = { 0 };
	struct pki_pair ca = { 0 }, srv = { 0 };
	struct bridge br;
	const struct config *cfg;
	char *passwd = NULL, *acl = NULL, *conf = NULL, *bridge_part = NULL, *ho_ca = NULL;
	char port[16], cn[96], ho_port[16], cfgpath[PATH_MAX];
	const char *srv_reason;
	bool ca_made;
	int rc = ctl_load_config(c);

	if (rc)
		return rc;
	cfg = c->cfg;
	if ((rc = common_options(&p, ctl_opt_host ? ctl_opt_host : cfg->broker_host,
	                         ctl_opt_port ? ctl_opt_port : cfg->broker_port)) != 0)
		return rc;
	if (parse_rotate(&p, cfg, ctl_opt_rotate) != 0)
		return CTL_USAGE;
	if (resolve_broker_user(&p) != 0)
		return CTL_USAGE;
	if (prepare_root(&p, ctl_opt_out) != 0)
		return CTL_FAILED;
	if ((rc = bridge_options(&p, &br)) != 0)
		return rc;
	if (put_subdir(&p, "devices", 0700, OWN_ADMIN) != 0 || put_subdir(&p, "data", 0700, OWN_BROKER) != 0)
		return CTL_FAILED;
	rc = CTL_FAILED;
	printf("branch %s: broker files in %s (mosquitto runs as %s)\n", cfg->branch_id, p.root, p.broker_user);

	snprintf(cn, sizeof cn, "Fronta %s CA", cfg->branch_id);
	if (ensure_ca(&p, cn, &ca, &ca_made) != 0 || ensure_server(&p, &ca, ca_made, &srv, &srv_reason) != 0)
		goto done;
	if (write_pki(&p, &ca, ca_made, &srv, srv_reason) != 0)
		goto done;
	if (branch_passwords(&p, cfg, &passwd) != 0)
		goto done;
	remove_stale(&p, cfg);
	acl = acl_branch_text(cfg);
	if (!realpath(cfg->path, cfgpath))
		snprintf(cfgpath, sizeof cfgpath, "%s", cfg->path);

	if (br.on) {
		char hash[PWHASH_LINE_LEN], line[CONFIG_ID_LEN + PWHASH_LINE_LEN + 2], *old = NULL;
		char rel[80];
		int made;
		if (!(ho_ca = bridge_ca(&p)))
			goto done;
		made = password_for(&p, "bridge.password", rotating(&p, "bridge"), br.password);
		if (made < 0)
			goto done;
		snprintf(rel, sizeof rel, "head-office/%s.passwd", cfg->branch_id);
		if (!made)
			old = slurp_rel(&p, rel);
		if (hash_for(old, cfg->branch_id, br.password, hash, sizeof hash) != 0) {
			free(old);
			goto done;
		}
		free(old);
		snprintf(line, sizeof line, "%s:%s\n", cfg->branch_id, hash);
		snprintf(ho_port, sizeof ho_port, "%d", br.port);
		{
			const char *keys[] = { "DIR", "BRANCH", "HEAD_HOST", "HEAD_PORT", "BRIDGE_PASSWORD" };
			const char *vals[] = { p.root, cfg->branch_id, br.host, ho_port, br.password };
			bridge_part = fill(template_bridge_conf, keys, vals, 5);
		}
		char addr[320];
		snprintf(addr, sizeof addr, "%s\n", br.target);
		if (!bridge_part || put_subdir(&p, "head-office", 0700, OWN_ADMIN) != 0 ||
		    write_password(&p, "bridge.password", br.password) < 0 ||
		    put_file(&p, rel, line, 0600, OWN_ADMIN) < 0 ||
		    put_file(&p, "head-office-ca.crt", ho_ca, 0644, OWN_BROKER_READS) < 0 ||
		    put_file(&p, "bridge.address", addr, 0644, OWN_ADMIN) < 0)
			goto done;
		printf("  bridge                       to %s, password %s; give the head office %s/%s\n", br.target,
		       made ? "NEW" : "kept", p.root, rel);
	} else {
		char path[PATH_MAX + 64];
		if (path_of(&p, "bridge.address", path, sizeof path) == 0 && unlink(path) == 0)
			printf("  bridge                       removed\n");
	}
	snprintf(port, sizeof port, "%d", p.port);
	{
		const char *keys[] = { "DIR", "PORT", "BRANCH", "HOST", "BROKER_USER", "CONFIG" };
		const char *vals[] = { p.root, port, cfg->branch_id, p.host, p.broker_user, cfgpath };
		char *main_part = fill(template_production_conf, keys, vals, 6);
		if (main_part && bridge_part) {
			size_t a = strlen(main_part), b = strlen(bridge_part);
			conf = malloc(a + b + 1);
			if (conf) {
				memcpy(conf, main_part, a);
				memcpy(conf + a, bridge_part, b + 1);
			}
			free(main_part);
		} else {
			conf = main_part;
		}
	}
	if (!acl || !conf) {
		fprintf(stderr, "frontactl: provision: out of memory\n");
		goto done;
	}
	write_broker_files(&p, passwd, acl, conf);
	if (!p.failed) {
		printf("start:  mosquitto -c %s/mosquitto.conf\n"
		       "reload: kill -HUP <its pid> (new passwords, ACL and certificates; a new port or bridge needs a "
		       "restart)\n"
		       "devices: each gets ca.crt and its own devices/ID.password (see docs/operations.md)\n",
		       p.root);
		rc = CTL_OK;
	}
done:
	pki_pair_free(&ca);
	pki_pair_free(&srv);
	memset(br.password, 0, sizeof br.password);
	if (bridge_part) {
		memset(bridge_part, 0, strlen(bridge_part));
		free(bridge_part);
	}
	if (conf) {
		memset(conf, 0, strlen(conf));
		free(conf);
	}
	free(passwd);
	free(acl);
	free(ho_ca);
	return p.failed ? CTL_FAILED : rc;
}

/* ---- the head office ---- */

/* The password file: the archiver's line, then each branch's line from
 * DIR/branches/BRANCH.passwd (checked: one line, the file's own branch). */
static int head_office_passwd(struct prov *p, const char *archiver_line, char **out)
{
	char path[PATH_MAX + 64];
	struct dirent **names = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int n;

	if (path_of(p, "branches", path, sizeof path) != 0)
		return -1;
	n = scandir(path, &names, NULL, alphasort);
	f = open_memstream(&buf, &len);
	if (!f || n < 0) {
		if (f)
			fclose(f);
		free(buf);
		for (int i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return -1;
	}
	fputs(archiver_line, f);
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t nl = strlen(name);
		char id[CONFIG_ID_LEN], rel[300], *text;
		size_t tl;
		if (nl > 7 && strcmp(name + nl - 7, ".passwd") == 0 && nl - 7 < sizeof id) {
			memcpy(id, name, nl - 7);
			id[nl - 7] = '\0';
			snprintf(rel, sizeof rel, "branches/%s", name);
			text = slurp_rel(p, rel);
			tl = text ? strcspn(text, "\n") : 0;
			if (!config_is_id(id) || strcmp(id, ACL_ARCHIVER) == 0 || !text || strncmp(text, id, strlen(id)) ||
			    text[strlen(id)] != ':' || strncmp(text + strlen(id) + 1, "$7$", 3) ||
			    (text[tl] && text[tl + 1])) {
				printf("  %-28s IGNORED: not one line \"%s:$7$...\" as written by the branch's provision\n",
				       rel, id);
			} else {
				fprintf(f, "%.*s\n", (int)tl, text);
				printf("  %-28s branch %s may connect its bridge\n", rel, id);
			}
			free(text);
		}
		free(names[i]);
	}
	free(names);
	if (fclose(f) != 0) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

static int provision_head_office(struct ctl *c)
{
	struct prov p = { 0 };
	struct pki_pair ca = { 0 }, srv = { 0 };
	char pw[PASSWORD_CAP], hash[PWHASH_LINE_LEN], line[PWHASH_LINE_LEN + 16];
	char *passwd = NULL, *acl = NULL, *conf = NULL, *old;
	char port[16];
	const char *srv_reason;
	bool ca_made;
	int made, made_hash, rc;
	(void)c;

	if ((rc = common_options(&p, ctl_opt_host, ctl_opt_port ? ctl_opt_port : 8883)) != 0)
		return rc;
	if (ctl_opt_bridge || ctl_opt_bridge_cafile) {
		fprintf(stderr, "frontactl: provision: --bridge is for a branch, not the head office\n");
		return CTL_USAGE;
	}
	if (parse_rotate(&p, NULL, ctl_opt_rotate) != 0 || resolve_broker_user(&p) != 0)
		return CTL_USAGE;
	if (prepare_root(&p, ctl_opt_out) != 0 || put_subdir(&p, "devices", 0700, OWN_ADMIN) != 0 ||
	    put_subdir(&p, "branches", 0700, OWN_ADMIN) != 0 || put_subdir(&p, "data", 0700, OWN_BROKER) != 0)
		return CTL_FAILED;
	rc = CTL_FAILED;
	printf("head office: broker files in %s (mosquitto runs as %s)\n", p.root, p.broker_user);
	if (ensure_ca(&p, "Fronta head office CA", &ca, &ca_made) != 0 ||
	    ensure_server(&p, &ca, ca_made, &srv, &srv_reason) != 0 || write_pki(&p, &ca, ca_made, &srv, srv_reason) != 0)
		goto done;
	made = password_for(&p, "devices/" ACL_ARCHIVER ".password", rotating(&p, "passwords") ||
	                                                                  rotating(&p, ACL_ARCHIVER), pw);
	if (made < 0)
		goto done;
	old = made ? NULL : slurp_rel(&p, "passwd");
	made_hash = hash_for(old, ACL_ARCHIVER, pw, hash, sizeof hash);
	free(old);
	if (made_hash != 0 || write_password(&p, "devices/" ACL_ARCHIVER ".password", pw) < 0)
		goto done;
	printf("  devices/%s.password         password %s\n", ACL_ARCHIVER, made ? "NEW" : "kept");
	snprintf(line, sizeof line, ACL_ARCHIVER ":%s\n", hash);
	if (head_office_passwd(&p, line, &passwd) != 0)
		goto done;
	snprintf(port, sizeof port, "%d", p.port);
	{
		const char *keys[] = { "DIR", "PORT", "HOST", "BROKER_USER" };
		const char *vals[] = { p.root, port, p.host, p.broker_user };
		conf = fill(template_head_office_conf, keys, vals, 4);
	}
	acl = acl_head_office_text();
	if (!conf || !acl)
		goto done;
	write_broker_files(&p, passwd, acl, conf);
	if (!p.failed) {
		printf("start:  mosquitto -c %s/mosquitto.conf\n"
		       "branches: put each branch's BRANCH.passwd into %s/branches/, run this again, kill -HUP mosquitto\n"
		       "each branch gets %s/ca.crt for its --bridge-cafile\n",
		       p.root, p.root, p.root);
		rc = CTL_OK;
	}
done:
	memset(pw, 0, sizeof pw);
	pki_pair_free(&ca);
	pki_pair_free(&srv);
	free(passwd);
	free(acl);
	free(conf);
	return p.failed ? CTL_FAILED : rc;
}

int ctl_cmd_provision(struct ctl *c, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: frontactl provision --config BRANCH.ini --out DIR [--host NAME] [--port N] "
		                "[--rotate LIST] [--bridge HOST:PORT --bridge-cafile FILE]\n"
		                "       frontactl provision --head-office --out DIR --host NAME [--port N]\n");
		return CTL_USAGE;
	}
	umask(077);
	return ctl_opt_head_office ? provision_head_office(c) : provision_branch(c);
}
