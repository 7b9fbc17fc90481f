/* The branch configuration: one INI file per branch (docs/configuration.md).
 * Loaded once, then read-only; every program of the branch reads the same file. */
#ifndef FRONTA_CONFIG_H
#define FRONTA_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFIG_MAX_LANGS     16
#define CONFIG_MAX_SERVICES  26
#define CONFIG_MAX_COUNTERS  32
#define CONFIG_MAX_DEVICES   64
#define CONFIG_MAX_HOLIDAYS  64
#define CONFIG_MAX_INTERVALS 4     /* opening intervals per weekday */
#define CONFIG_ID_LEN        32
#define CONFIG_NAME_LEN      128
#define CONFIG_TEXT_LEN      400
#define CONFIG_LANG_LEN      8

enum device_role { ROLE_DAEMON, ROLE_KIOSK, ROLE_DISPLAY, ROLE_CONSOLE, ROLE_ADMIN, ROLE_COUNT };
enum counter_state { COUNTER_OPEN, COUNTER_PAUSED, COUNTER_CLOSED };

/* Opening hours of one service: per weekday (0 = Monday) up to
 * CONFIG_MAX_INTERVALS intervals [from, to) in minutes after local midnight. */
struct week_hours {
	uint16_t from[7][CONFIG_MAX_INTERVALS];
	uint16_t to[7][CONFIG_MAX_INTERVALS];
	uint8_t n[7];
};

struct service_cfg {
	char letter;                                   /* 'A'..'Z', its id */
	char name[CONFIG_MAX_LANGS][CONFIG_NAME_LEN];  /* per branch language */
	char about[CONFIG_MAX_LANGS][CONFIG_TEXT_LEN]; /* one-line explanation, may be "" */
	struct week_hours hours;
	int service_time_s;   /* assumed service time before there is history */
	char icon[16];        /* pictogram name for the kiosk ("legal", ui/icon.h), "" if none */
	int line;             /* where it was defined */
};

struct counter_cfg {
	char id[CONFIG_ID_LEN];
	char services[CONFIG_MAX_SERVICES + 1];        /* letters, e.g. "ASPT" */
	enum counter_state initial;
	int line;
};

struct device_cfg {
	char id[CONFIG_ID_LEN];
	enum device_role role;
	int line;
};

struct config_entry;   /* a key of a program's own section, see config_str */

struct config {
	char path[512];
	char branch_id[CONFIG_ID_LEN];
	char branch_name[CONFIG_NAME_LEN];
	char timezone[64];
	char langs[CONFIG_MAX_LANGS][CONFIG_LANG_LEN];
	int n_langs;
	int retention_days;
	char holidays[CONFIG_MAX_HOLIDAYS][11];        /* "YYYY-MM-DD": every service closed */
	int n_holidays;
	struct service_cfg services[CONFIG_MAX_SERVICES];
	int n_services;
	struct counter_cfg counters[CONFIG_MAX_COUNTERS];
	int n_counters;
	struct device_cfg devices[CONFIG_MAX_DEVICES];
	int n_devices;
	char broker_host[256];
	int broker_port;
	struct config_entry *entries;                  /* program sections, see below */
	int n_entries;
};

/* Reads and checks path. Returns a new configuration (free with config_free),
 * or NULL with every mistake found written to err as "path:line: what\n"
 * lines (truncated to errlen). */
struct config *config_load(const char *path, char *err, size_t errlen);

/* The same for text in memory; name is used in messages. */
struct config *config_parse(const char *text, size_t len, const char *name,
                            char *err, size_t errlen);

void config_free(struct config *cfg);

/* Index of lang in the branch's languages, or -1. */
int config_lang_index(const struct config *cfg, const char *lang);

/* The service with this letter, or NULL. */
const struct service_cfg *config_service(const struct config *cfg, char letter);

/* The counter with this id, or NULL. */
const struct counter_cfg *config_counter(const struct config *cfg, const char *id);

/* The device with this id, or NULL. */
const struct device_cfg *config_device(const struct config *cfg, const char *id);

/* Name of a service in lang, falling back to the branch's first language. */
const char *config_service_name(const struct config *cfg, const struct service_cfg *s,
                                const char *lang);
const char *config_service_about(const struct config *cfg, const struct service_cfg *s,
                                 const char *lang);

/* "daemon", "kiosk", ... and back (-1 if unknown). */
const char *config_role_name(enum device_role role);
int config_role_parse(const char *name);
const char *config_counter_state_name(enum counter_state st);
int config_counter_state_parse(const char *name);

/* Program sections ([kiosk], [display], [console], [printer], [fonts],
 * [speech], [archive]) are checked against the table in config_keys.c, so
 * a typo is named with its line. These return the value, or the table's
 * default when the file does not set it. Asking for a key not in the table
 * is a programming error: they return NULL / 0 / false. */
const char *config_str(const struct config *cfg, const char *section, const char *key);
long config_int(const struct config *cfg, const char *section, const char *key);
bool config_bool(const struct config *cfg, const char *section, const char *key);

/* Line where section.key was set, or 0 if it was not. */
int config_line(const struct config *cfg, const char *section, const char *key);

/* Language codes are 2-3 lower-case letters ("cs", "uk", "fil" is not). */
bool config_is_lang_code(const char *s);
/* Ids of branches, counters and devices: 1-31 of [a-z0-9-], counters also A-Z. */
bool config_is_id(const char *s);

#endif
