/* Every key of the programs' own sections of the branch file.
 * Add a key here (with its default and range) before a program reads it. */
#include "core/config_keys.h"

const struct config_key config_keys[] = {
	/* The kiosk (kiosk/). */
	{ "kiosk", "ticket_seconds", CFG_INT, "20", 5, 300, 0,
	  "seconds the ticket stays on screen before the kiosk returns to the start" },
	{ "kiosk", "idle_seconds", CFG_INT, "45", 10, 600, 0,
	  "seconds without a touch after which any screen returns to the start" },
	{ "kiosk", "priority", CFG_BOOL, "false", 0, 0, 0,
	  "offer a priority ticket (disability, pregnancy, small children)" },
	{ "kiosk", "orientation", CFG_ENUM, "auto", 0, 0, "auto portrait landscape",
	  "screen layout; auto follows the window's shape" },
	{ "kiosk", "request_timeout_ms", CFG_INT, "1500", 100, 30000, 0,
	  "how long the kiosk waits for frontad's answer before it retries" },
	{ "kiosk", "request_attempts", CFG_INT, "4", 1, 20, 0,
	  "attempts (same request_id) before the kiosk says it is out of service" },

	/* The ticket printer, used by the kiosk. */
	{ "printer", "output", CFG_STR, "none", 0, 0, 0,
	  "none | file:PATH | tcp:HOST:PORT | device:PATH (e.g. device:/dev/usb/lp0)" },
	{ "printer", "width_dots", CFG_INT, "576", 256, 832, 0,
	  "printable width in dots: 576 for 80 mm paper, 384 for 58 mm" },
	{ "printer", "cut", CFG_BOOL, "true", 0, 0, 0, "cut the paper after each ticket" },
	{ "printer", "status", CFG_BOOL, "true", 0, 0, 0,
	  "ask the printer for its paper status (DLE EOT) before printing" },

	/* The waiting-room display (display/). */
	{ "display", "chime", CFG_BOOL, "true", 0, 0, 0, "play a chime before each call" },
	{ "display", "speech", CFG_BOOL, "true", 0, 0, 0, "speak each call (espeak-ng, offline)" },
	{ "display", "volume", CFG_INT, "80", 0, 100, 0, "loudness of chime and speech, percent" },
	{ "display", "speech_languages", CFG_LANGS, "cs en uk ru vi ar", 0, 0, 0,
	  "languages a call may be spoken in after Czech (the ticket's language, if listed)" },
	{ "display", "highlight_seconds", CFG_INT, "8", 1, 60, 0,
	  "how long a fresh call stays highlighted" },
	{ "display", "recent", CFG_INT, "8", 1, 10, 0, "how many earlier calls are listed" },
	{ "display", "instruction_seconds", CFG_INT, "6", 2, 60, 0,
	  "how long each language's instruction line stays before the next" },
	{ "display", "offline_seconds", CFG_INT, "5", 1, 120, 0,
	  "seconds without the broker before the screen is marked offline" },

	/* The worker console (console/). */
	{ "console", "language", CFG_STR, "cs", 0, 0, 0, "the console's interface language" },
	{ "console", "undo_seconds", CFG_INT, "60", 0, 600, 0,
	  "how long a mistaken Done or No-show can be taken back" },

	/* Fonts: one key per language code (or "default"), a font file path.
	 * Without it, fontconfig finds a Noto font for the language. */
	{ "fonts", "*", CFG_STR, "", 0, 0, 0, "font file for a language: ar = /path/Font.ttf" },
};

const int config_n_keys = (int)(sizeof config_keys / sizeof config_keys[0]);
