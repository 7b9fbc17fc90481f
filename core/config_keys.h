/* The table of the program sections' keys: name, type, default, range.
 * One table so that `frontactl check` knows every key of every program. */
#ifndef FRONTA_CONFIG_KEYS_H
#define FRONTA_CONFIG_KEYS_H

enum config_type { CFG_STR, CFG_INT, CFG_BOOL, CFG_ENUM, CFG_LANGS };

struct config_key {
	const char *section;
	const char *key;        /* "*": any key (e.g. [fonts] per language) */
	enum config_type type;
	const char *def;        /* default as written in the file */
	long min, max;          /* CFG_INT range */
	const char *values;     /* CFG_ENUM: space-separated choices */
	const char *help;       /* one line for docs and `frontactl check --keys` */
};

extern const struct config_key config_keys[];
extern const int config_n_keys;

#endif
