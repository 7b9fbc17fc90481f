/* The console's keyboard: which key does what on each screen. Keys are
 * read by their position (SDL scancodes), so the shortcuts written on the
 * buttons work the same with a Czech, Ukrainian or Russian layout. */
#ifndef FRONTA_CONSOLE_KEYS_H
#define FRONTA_CONSOLE_KEYS_H

#include <stdbool.h>

#include <SDL2/SDL.h>

#include "console/screen.h"

enum cmd {
	CMD_NONE,
	CMD_CALL,           /* Space, Enter */
	CMD_RECALL,         /* R */
	CMD_FINISH,         /* D (done) */
	CMD_NOSHOW,         /* N */
	CMD_TRANSFER,       /* T: opens the service picker */
	CMD_PAUSE,          /* P: pause, or resume */
	CMD_UNDO,           /* U */
	CMD_NUMBER,         /* C: call a given number (the chosen row's, if any) */
	CMD_SERVICES,       /* S: the services this counter takes */
	CMD_LANGUAGE,       /* L */
	CMD_UP, CMD_DOWN, CMD_PAGE_UP, CMD_PAGE_DOWN, CMD_HOME, CMD_END,
	CMD_OK,             /* Enter in a picker */
	CMD_TOGGLE,         /* Space in a picker */
	CMD_CLOSE,          /* Esc */
	CMD_ERASE,          /* Backspace */
	CMD_CHAR,           /* a letter or digit in a picker: ch */
	CMD_PICK,           /* a click on a picker's item: ch is its key */
	CMD_ROW,            /* a click on a waiting row: row */
	CMD_COUNT
};

struct key_cmd {
	enum cmd cmd;
	char ch;            /* CMD_CHAR, CMD_PICK: 'A'..'Z' or '0'..'9' */
	int row;            /* CMD_ROW */
};

/* The command of a key pressed on a screen in mode. A held key repeats
 * only for moving in lists: an action never runs twice from one press.
 * Keys with Ctrl, Alt or GUI held do nothing (the desktop's shortcuts). */
struct key_cmd keys_map(enum mode mode, SDL_Scancode sc, Uint16 mod, bool repeat);

/* The key written on the button of cmd in the main screen, as a
 * catalogue msgid for words ("Space") or a Latin letter ("R"). NULL if
 * none. is_word says whether to translate it. */
const char *keys_label(enum cmd cmd, bool *is_word);

/* The letter or digit of scancode sc ('A'..'Z', '0'..'9'), or 0. */
char keys_char(SDL_Scancode sc);

#endif
