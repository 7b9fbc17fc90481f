/* The head-office archive's schema, as migrations (the same rules as the
 * branch database's store/schema.c: never edit a released one). */
#include "archive/archive.h"

const char *const archive_migrations[] = {
	/* 0 -> 1: every branch's events as received, what is known missing,
	 * and the figures of counted days (the columns of the branch
	 * database's figures, with the branch). */
	"CREATE TABLE branches("
	"  branch TEXT PRIMARY KEY CHECK (length(branch) BETWEEN 1 AND 31),"
	"  first_seq INTEGER NOT NULL CHECK (first_seq >= 1),"   /* the first event the archive got */
	"  last_seq INTEGER NOT NULL CHECK (last_seq >= first_seq),"
	"  events INTEGER NOT NULL DEFAULT 0,"                   /* stored, all time */
	"  repeats INTEGER NOT NULL DEFAULT 0,"                  /* received again, ignored */
	"  conflicts INTEGER NOT NULL DEFAULT 0,"                /* same seq, other content: ignored */
	"  last_ms INTEGER NOT NULL"
	") WITHOUT ROWID;"

	"CREATE TABLE events("
	"  branch TEXT NOT NULL REFERENCES branches(branch),"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),"
	"  day TEXT NOT NULL CHECK (length(day) = 10),"
	"  at_ms INTEGER NOT NULL,"
	"  type TEXT NOT NULL,"
	"  body TEXT NOT NULL CHECK (json_valid(body)),"
	"  PRIMARY KEY (branch, seq)"
	") WITHOUT ROWID;"
	"CREATE INDEX events_day ON events(day, branch);"
	"CREATE TRIGGER events_immutable BEFORE UPDATE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'events are never changed'); END;"

	/* Events known missing: first..last never arrived. */
	"CREATE TABLE gaps("
	"  branch TEXT NOT NULL REFERENCES branches(branch),"
	"  first INTEGER NOT NULL CHECK (first >= 1),"
	"  last INTEGER NOT NULL CHECK (last >= first),"
	"  noted_ms INTEGER NOT NULL,"
	"  PRIMARY KEY (branch, first)"
	") WITHOUT ROWID;"

	"CREATE TABLE figure_days("
	"  branch TEXT NOT NULL,"
	"  day TEXT NOT NULL CHECK (length(day) = 10),"
	"  events INTEGER NOT NULL CHECK (events >= 0),"
	"  made_ms INTEGER NOT NULL,"
	"  PRIMARY KEY (branch, day)"
	") WITHOUT ROWID;"

	"CREATE TABLE figures("
	"  branch TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  dim TEXT NOT NULL CHECK (dim IN ('service', 'lang', 'hour')),"
	"  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 15),"
	"  issued INTEGER NOT NULL CHECK (issued >= 0),"
	"  transferred_in INTEGER NOT NULL CHECK (transferred_in >= 0),"
	"  served INTEGER NOT NULL CHECK (served >= 0),"
	"  no_show INTEGER NOT NULL CHECK (no_show >= 0),"
	"  cancelled INTEGER NOT NULL CHECK (cancelled >= 0),"
	"  closed_waiting INTEGER NOT NULL CHECK (closed_waiting >= 0),"
	"  transferred INTEGER NOT NULL CHECK (transferred >= 0),"
	"  waits TEXT NOT NULL CHECK (json_valid(waits)),"
	"  service_times TEXT NOT NULL CHECK (json_valid(service_times)),"
	"  PRIMARY KEY (branch, day, dim, key),"
	"  FOREIGN KEY (branch, day) REFERENCES figure_days(branch, day)"
	") WITHOUT ROWID;",
};

const int archive_n_migrations = (int)(sizeof archive_migrations / sizeof archive_migrations[0]);
