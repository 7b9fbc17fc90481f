/* The floors Fronta's figures are measured against: what the same work costs
 * with nothing of Fronta in the way. A bare libmosquitto QoS 1 echo through
 * the same broker (a server that answers each request to its Response Topic,
 * a requester that waits for the answer), and a bare SQLite single-row commit
 * in WAL mode with synchronous=FULL, on the same disk as frontad's database. */
#ifndef FRONTA_BENCH_FLOOR_H
#define FRONTA_BENCH_FLOOR_H

#include <signal.h>

/* Requests to FLOOR_TOPIC_PLAIN are answered at once; requests to
 * FLOOR_TOPIC_COMMIT after one single-row commit; requests to
 * FLOOR_TOPIC_SCREEN ({"seq":N}) after one commit and a retained publish of
 * the payload to FLOOR_TOPIC_STATE, as frontad publishes its state. */
#define FLOOR_TOPIC_PLAIN    "fronta-bench/echo/plain"
#define FLOOR_TOPIC_COMMIT   "fronta-bench/echo/commit"
#define FLOOR_TOPIC_SCREEN   "fronta-bench/echo/screen"
#define FLOOR_TOPIC_STATE    "fronta-bench/state"
#define FLOOR_TOPIC_PRESENCE "fronta-bench/presence/display"

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

/* A display that draws nothing: subscribes to state_topic and, for each
 * document, publishes {"online":true,"role":"display","seq":N} (retained,
 * QoS 1) to presence_topic, N being the document's seq, as PROTOCOL.md asks
 * a display to do once the state is on screen. Runs until *stop is set.
 * Returns 0, or 1 with a message on stderr. */
int floor_display(const char *host, int port, const char *state_topic, const char *presence_topic,
                  volatile sig_atomic_t *stop);

/* The number after the first "seq": in a JSON text, or -1 if there is none. */
long long floor_json_seq(const char *json, size_t len);

struct floor_client;

/* A bare requester connected to host:port (waits until connected, at most
 * 5 s). NULL with a message in err. */
struct floor_client *floor_client_new(const char *host, int port, char *err, size_t errlen);
/* Sends payload to topic (QoS 1, with a Response Topic and Correlation Data)
 * and waits for its answer, at most timeout_ms. 0 when answered, -1 if not. */
int floor_client_request(struct floor_client *c, const char *topic, const char *payload, int timeout_ms);
/* Request {"seq":seq} to FLOOR_TOPIC_SCREEN, then waits until
 * FLOOR_TOPIC_PRESENCE reports that seq (floor_display runs). 0, or -1 if
 * either did not come within timeout_ms. */
int floor_client_screen(struct floor_client *c, long long seq, int timeout_ms);
void floor_client_free(struct floor_client *c);

#endif
