/* fronta-display: options and wiring; the loop is in app.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "display/app.h"
#include "mqtt/cli.h"
#include "version.h"

enum { OPT_FULLSCREEN = 0x2000, OPT_SIZE, OPT_ASSETS, OPT_SHOT_DIR, OPT_SHOT_CHANGES, OPT_STATE, OPT_ONCE, OPT_OFFLINE,
       OPT_INSTRUCTION_LANG, OPT_VERSION };

static void usage(FILE *f)
{
	fprintf(f,
	        "Usage: fronta-display --config FILE [options]\n"
	        "The waiting-room board: calls, recent calls, waits; a chime and the call spoken offline.\n\n"
	        CLI_CONN_HELP
	        "      --fullscreen         full screen (production), no mouse pointer\n"
	        "      --size WxH           window size when not full screen (default 1920x1080)\n"
	        "      --assets DIR         translations (default: found next to the program, or installed)\n"
	        "      --shot-dir DIR       on SIGUSR1, save the screen as DIR/DEVICE-NNN.png\n"
	        "      --shot-changes       (tests) with --shot-dir, also save each frame that shows a new\n"
	        "                           state, and with every picture DIR/DEVICE-NNN.txt (what is where)\n"
	        "      --state FILE         draw this state document (JSON) instead of connecting\n"
	        "      --once               with --state: draw one frame, save it (and its .txt) to --shot-dir, exit\n"
	        "      --offline            with --state: draw it as a board that lost the broker\n"
	        "      --instruction-lang L keep the instruction line in language L (pictures)\n"
	        "  -v, --verbose            log more\n"
	        "  -q, --quiet              log warnings and errors only\n"
	        "  -h, --help               this text\n"
	        "      --version            the version\n\n"
	        "The [display] section of the configuration sets chime, speech, volume,\n"
	        "speech_languages, highlight_seconds, recent, instruction_seconds, offline_seconds.\n"
	        "Signals: SIGTERM and SIGINT stop it; SIGUSR1 saves a screenshot (with --shot-dir).\n"
	        "Presence: {\"online\":true,\"role\":\"display\",...,\"seq\":N} once state N is on screen.\n");
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		CLI_CONN_LONG_OPTIONS,
		{ "fullscreen", no_argument, 0, OPT_FULLSCREEN },
		{ "size", required_argument, 0, OPT_SIZE },
		{ "assets", required_argument, 0, OPT_ASSETS },
		{ "shot-dir", required_argument, 0, OPT_SHOT_DIR },
		{ "shot-changes", no_argument, 0, OPT_SHOT_CHANGES },
		{ "state", required_argument, 0, OPT_STATE },
		{ "once", no_argument, 0, OPT_ONCE },
		{ "offline", no_argument, 0, OPT_OFFLINE },
		{ "instruction-lang", required_argument, 0, OPT_INSTRUCTION_LANG },
		{ "verbose", no_argument, 0, 'v' },
		{ "quiet", no_argument, 0, 'q' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, OPT_VERSION },
		{ 0, 0, 0, 0 },
	};
	struct cli_conn conn = { 0 };
	struct app_options o = { 0 };
	struct mq_options mq;
	struct config *cfg;
	enum log_level level = LOG_INFO;
	char err[8192];
	int c, rc;

	o.start_mono_ms = clock_mono_ms();
	o.w = 1920;
	o.h = 1080;
	while ((c = getopt_long(argc, argv, CLI_CONN_SHORT "vqh", longs, NULL)) != -1) {
		if (cli_conn_option(&conn, c, optarg))
			continue;
		switch (c) {
		case OPT_FULLSCREEN: o.fullscreen = true; break;
		case OPT_SIZE:
			if (sscanf(optarg, "%dx%d", &o.w, &o.h) != 2 || o.w < 320 || o.h < 240 || o.w > 16384 || o.h > 16384) {
				fprintf(stderr, "fronta-display: --size wants WxH, e.g. 1920x1080\n");
				return 2;
			}
			break;
		case OPT_ASSETS: o.assets = optarg; break;
		case OPT_SHOT_DIR: o.shot_dir = optarg; break;
		case OPT_SHOT_CHANGES: o.shot_changes = true; break;
		case OPT_STATE: o.state_file = optarg; break;
		case OPT_ONCE: o.once = true; break;
		case OPT_OFFLINE: o.offline = true; break;
		case OPT_INSTRUCTION_LANG: o.instruction_lang = optarg; break;
		case 'v': level = LOG_DEBUG; break;
		case 'q': level = LOG_WARN; break;
		case 'h': usage(stdout); return 0;
		case OPT_VERSION: printf("fronta-display %s\n", FRONTA_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc || !conn.config) {
		fprintf(stderr, "fronta-display: %s\n", optind < argc ? "unexpected argument" : "--config FILE is needed");
		usage(stderr);
		return 2;
	}
	if ((o.once || o.offline) && !o.state_file) {
		fprintf(stderr, "fronta-display: --once and --offline go with --state FILE\n");
		return 2;
	}
	if (o.once && !o.shot_dir) {
		fprintf(stderr, "fronta-display: --once needs --shot-dir DIR for its picture\n");
		return 2;
	}
	log_init("fronta-display", level);
	if (clock_init_from_env() != 0) {
		fprintf(stderr, "fronta-display: FRONTA_CLOCK_FILE is set but cannot be read\n");
		return 2;
	}
	cfg = config_load(conn.config, err, sizeof err);
	if (!cfg) {
		fprintf(stderr, "%s", err);
		fprintf(stderr, "fronta-display: the configuration has mistakes; nothing was started\n");
		return 2;
	}
	if (cli_conn_resolve(&conn, cfg, ROLE_DISPLAY, &mq, err, sizeof err) != 0) {
		fprintf(stderr, "fronta-display: %s\n", err);
		config_free(cfg);
		return 2;
	}
	if (o.instruction_lang && config_lang_index(cfg, o.instruction_lang) < 0) {
		fprintf(stderr, "fronta-display: --instruction-lang %s is not one of the branch's languages\n",
		        o.instruction_lang);
		config_free(cfg);
		return 2;
	}
	o.cfg = cfg;
	o.mq = o.state_file ? NULL : &mq;
	o.device = mq.device;
	rc = app_run(&o);
	config_free(cfg);
	return rc;
}
