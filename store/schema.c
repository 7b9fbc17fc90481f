/* The database schema, as migrations. Never edit a released migration: add
 * the next one. The constraints hold the rules even if code were wrong. */
#include "store/schema.h"

/* Columns that tickets keep through every version of the schema (a macro,
 * so that each migration's text stays what it was when released). */
#define TICKET_NUMBER_COLUMNS \
	"  id INTEGER PRIMARY KEY," \
	"  day TEXT NOT NULL CHECK (length(day) = 10)," \
	"  letter TEXT NOT NULL CHECK (length(letter) = 1 AND letter BETWEEN 'A' AND 'Z')," \
	"  seq_no INTEGER NOT NULL CHECK (seq_no >= 1)," \
	"  number TEXT NOT NULL CHECK (number = letter || printf('%03d', seq_no))," \
	"  service TEXT NOT NULL CHECK (length(service) = 1 AND service BETWEEN 'A' AND 'Z')," \
	"  lang TEXT NOT NULL,"

#define TICKET_TIME_COLUMNS \
	"  issued_ms INTEGER NOT NULL," \
	"  called_ms INTEGER NOT NULL DEFAULT 0," \
	"  announced_ms INTEGER NOT NULL DEFAULT 0," \
	"  finished_ms INTEGER NOT NULL DEFAULT 0," \
	"  counter TEXT NOT NULL DEFAULT ''," \
	"  transfers INTEGER NOT NULL DEFAULT 0," \
	"  recalls INTEGER NOT NULL DEFAULT 0,"

const char *const store_migrations[] = {
	/* 0 -> 1: tickets, counters, events, idempotent answers. */
	"CREATE TABLE meta("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"

	"CREATE TABLE tickets("
	TICKET_NUMBER_COLUMNS
	"  priority INTEGER NOT NULL CHECK (priority IN (0, 1)),"
	"  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'done', 'no_show', 'cancelled')),"
	TICKET_TIME_COLUMNS
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

	/* 1 -> 2: the figures of each day, counted from its events when the day
	 * is over and kept after the retention purges its tickets and events
	 * (docs/reports.md, docs/privacy.md). A day listed in figure_days is
	 * counted, even if nothing happened on it. */
	"CREATE TABLE figure_days("
	"  day TEXT PRIMARY KEY CHECK (length(day) = 10),"
	"  events INTEGER NOT NULL CHECK (events >= 0),"
	"  made_ms INTEGER NOT NULL"
	") WITHOUT ROWID;"

	"CREATE TABLE figures("
	"  day TEXT NOT NULL REFERENCES figure_days(day),"
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
	"  PRIMARY KEY (day, dim, key)"
	") WITHOUT ROWID;",

	/* 2 -> 3: the same rules for tickets and counters, cheaper to check on
	 * every write (docs/performance.md, "issue round trip"): a CHECK with
	 * `x IN (...)` built a temporary table for each row written; the
	 * comparisons below do not. UNIQUE (day, number) goes: the CHECK on
	 * number makes it UNIQUE (day, letter, seq_no) again, and its index
	 * was one more page for every issue's commit to write. A table's
	 * constraints cannot be altered in SQLite: each is made anew, its rows
	 * copied, and renamed. */
	"CREATE TABLE tickets_v3("
	TICKET_NUMBER_COLUMNS
	"  priority INTEGER NOT NULL CHECK (priority = 0 OR priority = 1),"
	"  status TEXT NOT NULL CHECK (status = 'waiting' OR status = 'called' OR status = 'done'"
	"                              OR status = 'no_show' OR status = 'cancelled'),"
	TICKET_TIME_COLUMNS
	"  print TEXT NOT NULL DEFAULT '' CHECK (print = '' OR print = 'ok' OR print = 'failed'),"
	"  end_reason TEXT NOT NULL DEFAULT '' CHECK (end_reason = '' OR end_reason = 'day_end'"
	"                                             OR end_reason = 'withdrawn'),"
	"  UNIQUE (day, letter, seq_no)"
	");"
	"INSERT INTO tickets_v3 (id, day, letter, seq_no, number, service, lang, priority, status, issued_ms,"
	"  called_ms, announced_ms, finished_ms, counter, transfers, recalls, print, end_reason)"
	"  SELECT id, day, letter, seq_no, number, service, lang, priority, status, issued_ms,"
	"  called_ms, announced_ms, finished_ms, counter, transfers, recalls, print, end_reason FROM tickets;"
	"DROP TABLE tickets;"
	"ALTER TABLE tickets_v3 RENAME TO tickets;"
	"CREATE INDEX tickets_day_status ON tickets(day, status);"

	"CREATE TABLE counters_v3("
	"  id TEXT PRIMARY KEY,"
	"  state TEXT NOT NULL CHECK (state = 'open' OR state = 'paused' OR state = 'closed'),"
	"  ticket_id INTEGER NOT NULL DEFAULT 0,"
	"  services TEXT NOT NULL,"
	"  since_ms INTEGER NOT NULL DEFAULT 0"
	") WITHOUT ROWID;"
	"INSERT INTO counters_v3 (id, state, ticket_id, services, since_ms)"
	"  SELECT id, state, ticket_id, services, since_ms FROM counters;"
	"DROP TABLE counters;"
	"ALTER TABLE counters_v3 RENAME TO counters;",
};

const int store_n_migrations = (int)(sizeof store_migrations / sizeof store_migrations[0]);
