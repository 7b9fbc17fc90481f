/* fronta-console: the worker's console at a counter. Parses the options,
 * loads the configuration, the catalogue and the fonts, and runs app.c. */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "console/app.h"
#include "console/words.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/tz.h"
#include "mqtt/cli.h"
#include "ui/assets.h"
#include "ui/font.h"
#include "ui/i18n.h"
#include "version.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: fronta-console [options]\n"
	           "The worker's console at a counter: the current client, the buttons (each with its key),\n"
	           "the waiting list. Keys: Space/Enter call next, R recall, D done, N no-show, T transfer,\n"
	           "P pause/resume, U undo, C call a number, S services, L language, arrows choose, Esc closes.\n\n"
	           "Options:\n" CLI_CONN_HELP
	           "      --counter ID         the counter this console serves (default: chosen on screen)\n"
	           "      --lang CODE          the interface language (default: [console] language, cs)\n"
	           "      --fullscreen         full screen instead of a window\n"
	           "      --size WxH           window size (default 1366x768)\n"
	           "      --assets DIR         the assets folder (translations)\n"
	           "      --shot-dir DIR       on SIGUSR1 save the screen as DIR/<device>-<NNN>.png\n"
	           "      --shot-manifest      and DIR/<device>-<NNN>.txt: where each button, row and text box\n"
	           "                           is, for tests\n"
	           "  -v, --verbose            debug lines in the log (one line per change of what is shown)\n"
	           "  -h, --help               this text\n"
	           "      --version            the version\n"
	           "\nThe device id defaults to --user, else console-<counter> when [devices] has it, else the\n"
	           "first console of [devices].\n");
}

int main(int argc, char **argv)
{
	enum { O_COUNTER = 0x2000, O_LANG, O_FULLSCREEN, O_SIZE, O_ASSETS, O_SHOT_DIR, O_SHOT_MANIFEST, O_VERSION };
	static const struct option longs[] = {
		CLI_CONN_LONG_OPTIONS,
		{ "counter", required_argument, 0, O_COUNTER },
		{ "lang", required_argument, 0, O_LANG },
		{ "fullscreen", no_argument, 0, O_FULLSCREEN },
		{ "size", required_argument, 0, O_SIZE },
		{ "assets", required_argument, 0, O_ASSETS },
		{ "shot-dir", required_argument, 0, O_SHOT_DIR },
		{ "shot-manifest", no_argument, 0, O_SHOT_MANIFEST },
		{ "verbose", no_argument, 0, 'v' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, O_VERSION },
		{ 0, 0, 0, 0 },
	};
	struct cli_conn conn;
	struct app_options o;
	struct config *cfg = NULL;
	struct i18n *cat = NULL;
	struct fonts *fonts = NULL;
	const char *assets_opt = NULL, *lang = NULL;
	char err[8192], assets[PATH_MAX], dir[PATH_MAX + 8], devbuf[CONFIG_ID_LEN + 16];
	sigset_t set;
	int opt, rc = 2;

	/* Signals go to one thread of ours (app.c), never into SDL or
	 * libmosquitto's threads: block them before any thread starts. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	memset(&conn, 0, sizeof conn);
	memset(&o, 0, sizeof o);
	o.started_mono = clock_mono_ms();
	o.w = 1366;
	o.h = 768;
	log_init("fronta-console", LOG_INFO);
	while ((opt = getopt_long(argc, argv, CLI_CONN_SHORT "vh", longs, NULL)) != -1) {
		if (cli_conn_option(&conn, opt, optarg))
			continue;
		switch (opt) {
		case O_COUNTER: o.counter = optarg; break;
		case O_LANG: lang = optarg; break;
		case O_FULLSCREEN: o.fullscreen = true; break;
		case O_SIZE:
			if (sscanf(optarg, "%dx%d", &o.w, &o.h) != 2 || o.w < 320 || o.h < 240 || o.w > 16384 || o.h > 16384) {
				fprintf(stderr, "fronta-console: --size wants WxH, e.g. 1366x768, not \"%s\"\n", optarg);
				return 2;
			}
			break;
		case O_ASSETS: assets_opt = optarg; break;
		case O_SHOT_DIR: o.shot_dir = optarg; break;
		case O_SHOT_MANIFEST: o.shot_manifest = true; break;
		case 'v': log_set_level(LOG_DEBUG); break;
		case 'h': usage(stdout); return 0;
		case O_VERSION: printf("fronta-console %s\n", FRONTA_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "fronta-console: unexpected argument \"%s\" (see --help)\n", argv[optind]);
		return 2;
	}
	if (clock_init_from_env() != 0) {
		fprintf(stderr, "fronta-console: FRONTA_CLOCK_FILE is set but cannot be read\n");
		return 2;
	}
	if (!conn.config) {
		fprintf(stderr, "fronta-console: --config FILE is needed (the branch configuration)\n");
		return 2;
	}
	cfg = config_load(conn.config, err, sizeof err);
	if (!cfg) {
		fprintf(stderr, "%s", err);
		return 2;
	}
	if (tz_set(cfg->timezone) != 0) {
		fprintf(stderr, "fronta-console: time zone %s is not installed (package tzdata)\n", cfg->timezone);
		goto out;
	}
	if (o.counter && !config_counter(cfg, o.counter)) {
		fprintf(stderr, "fronta-console: %s has no counter \"%s\"; its counters:", conn.config, o.counter);
		for (int i = 0; i < cfg->n_counters; i++)
			fprintf(stderr, " %s", cfg->counters[i].id);
		fprintf(stderr, "\n");
		goto out;
	}
	/* console-<counter> when the branch names its consoles after counters */
	if (!conn.device && !conn.user && o.counter) {
		const struct device_cfg *d;
		snprintf(devbuf, sizeof devbuf, "console-%s", o.counter);
		d = config_device(cfg, devbuf);
		if (d && d->role == ROLE_CONSOLE)
			conn.device = devbuf;
	}
	if (cli_conn_resolve(&conn, cfg, ROLE_CONSOLE, &o.mq, err, sizeof err) != 0) {
		fprintf(stderr, "fronta-console: %s\n", err);
		goto out;
	}
	if (assets_find(assets_opt, assets, sizeof assets, err, sizeof err) != 0) {
		fprintf(stderr, "fronta-console: %s\n", err);
		goto out;
	}
	assets_path(assets, "i18n", dir, sizeof dir);
	cat = i18n_new(dir);
	if (!cat) {
		fprintf(stderr, "fronta-console: out of memory\n");
		goto out;
	}
	/* Mistakes in a catalogue are named; the rest of it is used. */
	if (i18n_load(cat, I18N_COMMON, err, sizeof err) < 0 || i18n_lang_count(cat) == 0) {
		fprintf(stderr, "fronta-console: cannot read the catalogue in %s: %s\n", dir, err);
		goto out;
	}
	if (err[0])
		log_warn("%s", err);
	err[0] = '\0';
	if (i18n_load(cat, WORDS_DOMAIN, err, sizeof err) != 0)
		log_warn("catalogue: %s", err[0] ? err : "no console translations found");
	o.lang = lang ? lang : config_str(cfg, "console", "language");
	if (!o.lang || !i18n_has_lang(cat, o.lang) || config_lang_index(cfg, o.lang) < 0) {
		log_warn("interface language \"%s\" is not one of the branch's with a catalogue; using %s",
		         o.lang ? o.lang : "", cfg->langs[0]);
		o.lang = cfg->langs[0];
	}
	o.undo_s = (int)config_int(cfg, "console", "undo_seconds");
	o.cfg = cfg;
	o.cat = cat;
	fonts = fonts_new(cfg, err, sizeof err);
	if (!fonts) {
		fprintf(stderr, "fronta-console: %s\n", err);
		goto out;
	}
	err[0] = '\0';
	if (fonts_add_catalogue(fonts, cfg, cat, err, sizeof err) > 0)
		log_error("%s", err);
	o.fonts = fonts;
	log_info("fronta-console %s: branch %s, device %s, counter %s, broker %s:%d", FRONTA_VERSION, cfg->branch_id,
	         o.mq.device, o.counter ? o.counter : "(to choose)", o.mq.host, o.mq.port);
	rc = app_run(&o);
out:
	fonts_free(fonts);
	SDL_Quit();
	i18n_free(cat);
	config_free(cfg);
	return rc;
}
