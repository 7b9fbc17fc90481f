/* The console's key map (keys.h). */
#include "console/keys.h"

char keys_char(SDL_Scancode sc)
{
	if (sc >= SDL_SCANCODE_A && sc <= SDL_SCANCODE_Z)
		return (char)('A' + (sc - SDL_SCANCODE_A));
	if (sc >= SDL_SCANCODE_1 && sc <= SDL_SCANCODE_9)
		return (char)('1' + (sc - SDL_SCANCODE_1));
	if (sc == SDL_SCANCODE_0 || sc == SDL_SCANCODE_KP_0)
		return '0';
	if (sc >= SDL_SCANCODE_KP_1 && sc <= SDL_SCANCODE_KP_9)
		return (char)('1' + (sc - SDL_SCANCODE_KP_1));
	return 0;
}

static enum cmd moving(SDL_Scancode sc)
{
	switch (sc) {
	case SDL_SCANCODE_UP: return CMD_UP;
	case SDL_SCANCODE_DOWN: return CMD_DOWN;
	case SDL_SCANCODE_PAGEUP: return CMD_PAGE_UP;
	case SDL_SCANCODE_PAGEDOWN: return CMD_PAGE_DOWN;
	case SDL_SCANCODE_HOME: return CMD_HOME;
	case SDL_SCANCODE_END: return CMD_END;
	default: return CMD_NONE;
	}
}

static enum cmd main_key(SDL_Scancode sc)
{
	switch (sc) {
	case SDL_SCANCODE_SPACE:
	case SDL_SCANCODE_RETURN:
	case SDL_SCANCODE_KP_ENTER: return CMD_CALL;
	case SDL_SCANCODE_R: return CMD_RECALL;
	case SDL_SCANCODE_D: return CMD_FINISH;
	case SDL_SCANCODE_N: return CMD_NOSHOW;
	case SDL_SCANCODE_T: return CMD_TRANSFER;
	case SDL_SCANCODE_P: return CMD_PAUSE;
	case SDL_SCANCODE_U: return CMD_UNDO;
	case SDL_SCANCODE_C: return CMD_NUMBER;
	case SDL_SCANCODE_S: return CMD_SERVICES;
	case SDL_SCANCODE_L: return CMD_LANGUAGE;
	case SDL_SCANCODE_ESCAPE: return CMD_CLOSE;
	default: return CMD_NONE;
	}
}

static enum cmd picker_key(SDL_Scancode sc)
{
	switch (sc) {
	case SDL_SCANCODE_RETURN:
	case SDL_SCANCODE_KP_ENTER: return CMD_OK;
	case SDL_SCANCODE_SPACE: return CMD_TOGGLE;
	case SDL_SCANCODE_ESCAPE: return CMD_CLOSE;
	case SDL_SCANCODE_BACKSPACE:
	case SDL_SCANCODE_DELETE: return CMD_ERASE;
	default: return CMD_NONE;
	}
}

struct key_cmd keys_map(enum mode mode, SDL_Scancode sc, Uint16 mod, bool repeat)
{
	struct key_cmd k = { CMD_NONE, 0, -1 };
	if (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
		return k;
	k.cmd = moving(sc);
	if (k.cmd != CMD_NONE)
		return k;                     /* moving may repeat */
	if (repeat)
		return k;
	if (mode == MODE_MAIN) {
		k.cmd = main_key(sc);
		return k;
	}
	k.cmd = picker_key(sc);
	if (k.cmd == CMD_NONE && (k.ch = keys_char(sc)) != 0)
		k.cmd = CMD_CHAR;
	/* Erasing means something only where something is typed. */
	if (k.cmd == CMD_ERASE && mode != MODE_NUMBER && mode != MODE_SERVICES)
		k.cmd = CMD_NONE;
	return k;
}

const char *keys_label(enum cmd cmd, bool *is_word)
{
	*is_word = false;
	switch (cmd) {
	case CMD_CALL: *is_word = true; return "Space";
	case CMD_RECALL: return "R";
	case CMD_FINISH: return "D";
	case CMD_NOSHOW: return "N";
	case CMD_TRANSFER: return "T";
	case CMD_PAUSE: return "P";
	case CMD_UNDO: return "U";
	case CMD_NUMBER: return "C";
	case CMD_SERVICES: return "S";
	case CMD_LANGUAGE: return "L";
	case CMD_CLOSE: *is_word = true; return "Esc";
	case CMD_OK: *is_word = true; return "Enter";
	default: return NULL;
	}
}
