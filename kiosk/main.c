/* fronta-kiosk: the touchscreen where a person takes a ticket (docs/kiosk.md).
 * Parses the options and hands over to app.c (or check.c for --check). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "kiosk/app.h"
#include "kiosk/check.h"
#include "mqtt/cli.h"
#include "version.h"

enum { OPT_FULLSCREEN = 0x2000, OPT_SIZE, OPT_ASSETS, OPT_SHOT_DIR, OPT_SHOT_CHANGES, OPT_CHECK, OPT_VERSION };

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: fronta-kiosk --config FILE [options]\n"
	        "       fronta-kiosk --check --config FILE\n"
	        "The touchscreen kiosk: a person chooses a language and a service and takes a\n"
	        "ticket, printed on the branch's ESC/POS printer.\n\n" CLI_CONN_HELP
	        "      --fullscreen         full screen, no cursor (production)\n"
	        "      --size WxH           window size when not full screen (default 1080x1920)\n"
	        "      --assets DIR         translations (default: found from the program's place)\n"
	        "      --shot-dir DIR       on SIGUSR1, save the screen as DIR/<device>-NNN.png\n"
	        "      --shot-changes       (tests) with --shot-dir, also save each new screen, with its\n"
	        "                           targets and texts in <device>-NNN.txt, and each paper ticket\n"
	        "                           as <device>-ticket-NUMBER.png\n"
	        "      --check              check the configuration, translations, fonts, glyphs, every\n"
	        "                           screen in every language, and the printer settings; exit 0 if good\n"
	        "  -v, --verbose            debug lines in the log\n"
	        "  -h, --help               this text\n"
	        "      --version            the version\n");
}

int main(int argc, char **argv)
{
	static const struct option longs[] = { CLI_CONN_LONG_OPTIONS,
		                               { "fullscreen", no_argument, 0, OPT_FULLSCREEN },
		                               { "size", required_argument, 0, OPT_SIZE },
		                               { "assets", required_argument, 0, OPT_ASSETS },
		                               { "shot-dir", required_argument, 0, OPT_SHOT_DIR },
		                               { "shot-changes", no_argument, 0, OPT_SHOT_CHANGES },
		                               { "check", no_argument, 0, OPT_CHECK },
		                               { "verbose", no_argument, 0, 'v' },
		                               { "help", no_argument, 0, 'h' },
		                               { "version", no_argument, 0, OPT_VERSION },
		                               { 0, 0, 0, 0 } };
	struct app_options o;
	bool check = false;
	enum log_level level = LOG_INFO;
	int c;

	memset(&o, 0, sizeof o);
	o.w = 1080;
	o.h = 1920;
	while ((c = getopt_long(argc, argv, CLI_CONN_SHORT "vh", longs, NULL)) != -1) {
		if (cli_conn_option(&o.conn, c, optarg))
			continue;
		switch (c) {
		case OPT_FULLSCREEN: o.fullscreen = true; break;
		case OPT_SIZE:
			if (sscanf(optarg, "%dx%d", &o.w, &o.h) != 2 || o.w < 320 || o.h < 320 || o.w > 16384 || o.h > 16384) {
				fprintf(stderr, "fronta-kiosk: --size wants WIDTHxHEIGHT such as 1080x1920, not \"%s\"\n", optarg);
				return 2;
			}
			break;
		case OPT_ASSETS: o.assets = optarg; break;
		case OPT_SHOT_DIR: o.shot_dir = optarg; break;
		case OPT_SHOT_CHANGES: o.shot_changes = true; break;
		case OPT_CHECK: check = true; break;
		case 'v': level = LOG_DEBUG; break;
		case 'h': usage(stdout); return 0;
		case OPT_VERSION: printf("fronta-kiosk %s\n", FRONTA_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "fronta-kiosk: unexpected argument \"%s\"\n", argv[optind]);
		return 2;
	}
	log_init("fronta-kiosk", check ? LOG_WARN : level);
	if (clock_init_from_env() != 0)
		log_warn("FRONTA_CLOCK_FILE is set but cannot be read: using the real clock");
	if (check)
		return kiosk_check(o.conn.config, o.assets, stdout);
	return app_run(&o);
}
