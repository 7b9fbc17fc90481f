/* Answers already given today, by request_id: a retry gets the same answer. */
#ifndef FRONTA_DEDUP_H
#define FRONTA_DEDUP_H

struct dedup;

struct dedup *dedup_new(void);
void dedup_free(struct dedup *d);

/* The answer stored for request_id, or NULL. Valid until the next change. */
const char *dedup_get(const struct dedup *d, const char *request_id);

/* Stores a copy of answer under request_id (replacing any). 0 or -1. */
int dedup_put(struct dedup *d, const char *request_id, const char *answer);

/* Forgets everything (a new day). */
void dedup_clear(struct dedup *d);

#endif
