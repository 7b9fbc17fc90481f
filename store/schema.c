/* The database schema, as migrations. Never edit a released migration: add
 * the next one. The constraints hold the rules even if code were wrong. */
#include "store/schema.h"

const char *const store_migrations[] = {
	/* 0 -> 1: tickets, counters, events, idempotent answers. */
	"CREATE TABLE meta("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"

	"CREATE TABLE tickets("
	"  id INTEGER PRIMARY KEY,"
	"  day TEXT NOT NULL CHECK (length(day) = 10),"
	"  letter TEXT NOT NULL CHECK (length(letter) = 1 AND letter BETWEEN 'A' AND 'Z'),"
	"  seq_no INTEGER NOT NULL CHECK (seq_no >= 1),"
	"  number TEXT NOT NULL CHECK (number = letter || printf('%03d', seq_no)),"
	"  service TEXT NOT NULL CHECK (length(service) = 1 AND service BETWEEN 'A' AND 'Z'),"
	"  lang TEXT NOT NULL,"
	"  priority INTEGER NOT NULL CHECK (priority IN (0, 1)),"
	"  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'done', 'no_show', 'cancelled')),"
	"  issued_ms INTEGER NOT NULL,"
	"  called_ms INTEGER NOT NULL DEFAULT 0,"
	"  announced_ms INTEGER NOT NULL DEFAULT 0,"
	"  finished_ms INTEGER NOT NULL DEFAULT 0,"
	"  counter TEXT NOT NULL DEFAULT '',"
	"  transfers INTEGER NOT NULL DEFAULT 0,"
	"  recalls INTEGER NOT NULL DEFAULT 0,"
	"  print TEXT NOT NULL DEFAULT '' CHECK (print IN ('', 'ok', 'failed')),"
	"  end_reason TEXT NOT NULL DEFAULT '' CHECK (end_reason IN ('', 'day_end', 'withdrawn')),"
	"  UNIQUE (day, letter, seq_no),"
	"  UNIQUE (day, number)"
	");"
	"CREATE INDEX tickets_day_status ON tickets(day, status);"

	"CREATE TABLE counters("
	"  id TEXT PRIMARY KEY,"
	"  state TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),"
	"  ticket_id INTEGER NOT NULL DEFAULT 0,"
	"  services TEXT NOT NULL,"
	"  since_ms INTEGER NOT NULL DEFAULT 0"
	") WITHOUT ROWID;"

	/* Every event as published. seq grows by exactly one: the last seq is
	 * kept apart so that purging old events keeps the rule. */
	"CREATE TABLE events("
	"  seq INTEGER PRIMARY KEY CHECK (seq >= 1),"
	"  day TEXT NOT NULL,"
	"  at_ms INTEGER NOT NULL,"
	"  type TEXT NOT NULL,"
	"  body TEXT NOT NULL CHECK (json_valid(body))"
	");"
	"CREATE INDEX events_day ON events(day);"
	"CREATE TABLE event_seq(id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);"
	"INSERT INTO event_seq VALUES (1, 0);"
	"CREATE TRIGGER events_gapless BEFORE INSERT ON events"
	"  WHEN NEW.seq <> (SELECT last FROM event_seq WHERE id = 1) + 1"
	"  BEGIN SELECT RAISE(ABORT, 'event seq must grow by exactly one'); END;"
	"CREATE TRIGGER events_advance AFTER INSERT ON events"
	"  BEGIN UPDATE event_seq SET last = NEW.seq WHERE id = 1; END;"
	"CREATE TRIGGER events_immutable BEFORE UPDATE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'events are never changed'); END;"

	/* Answers to requests with a request_id, for retries on the same day. */
	"CREATE TABLE requests("
	"  day TEXT NOT NULL,"
	"  request_id TEXT NOT NULL,"
	"  answer TEXT NOT NULL,"
	"  PRIMARY KEY (day, request_id)"
	") WITHOUT ROWID;",
};

const int store_n_migrations = (int)(sizeof store_migrations / sizeof store_migrations[0]);
