/* The floors Fronta's figures are measured against: what the same work costs
 * with nothing of Fronta in the way. A bare libmosquitto QoS 1 echo through
 * the same broker (a server that answers each request to its Response Topic,
 * a requester that waits for the answer), and a bare SQLite single-row commit
 * in WAL mode with synchronous=FULL, on the same disk as frontad's database. */
#ifndef FRONTA_BENCH_FLOOR_H
#define FRONTA_BENCH_FLOOR_H

#include <signal.h>

/* Requests to FLOOR_TOPIC_PLAIN are answered at once; requests to
 * FLOOR_TOPIC_COMMIT after one single-row commit. */
#define FLOOR_TOPIC_PLAIN  "fronta-bench/echo/plain"
#define FLOOR_TOPIC_COMMIT "fronta-bench/echo/commit"

struct floor_db;

/* Opens (creates) path in WAL mode with synchronous=FULL and a table for the
 * rows. NULL with a message in err on failure. */
struct floor_db *floor_db_open(const char *path, char *err, size_t errlen);
/* Inserts one row in its own transaction (committed when it returns).
 * 0, or -1 if SQLite failed. */
int floor_db_commit(struct floor_db *db);
void floor_db_close(struct floor_db *db);

/* The echo server: connects to host:port, answers every request on
 * fronta-bench/echo/# (QoS 1, Correlation Data copied back), committing one
 * row to db_path first for FLOOR_TOPIC_COMMIT. Runs until *stop is set.
 * Returns 0, or 1 with a message on stderr if it could not start. */
int floor_serve(const char *host, int port, const char *db_path, volatile sig_atomic_t *stop);

struct floor_client;

/* A bare requester connected to host:port (waits until connected, at most
 * 5 s). NULL with a message in err. */
struct floor_client *floor_client_new(const char *host, int port, char *err, size_t errlen);
/* Sends payload to topic (QoS 1, with a Response Topic and Correlation Data)
 * and waits for its answer, at most timeout_ms. 0 when answered, -1 if not. */
int floor_client_request(struct floor_client *c, const char *topic, const char *payload, int timeout_ms);
void floor_client_free(struct floor_client *c);

#endif
