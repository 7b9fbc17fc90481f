/* An open-addressing hash table of request_id -> answer. */
#include "daemon/dedup.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	char *id;
	char *answer;
};

struct dedup {
	struct slot *slots;
	size_t cap, used;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;   /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

struct dedup *dedup_new(void)
{
	struct dedup *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->cap = 256;
	d->slots = calloc(d->cap, sizeof *d->slots);
	if (!d->slots) {
		free(d);
		return NULL;
	}
	return d;
}

void dedup_clear(struct dedup *d)
{
	for (size_t i = 0; i < d->cap; i++) {
		free(d->slots[i].id);
		free(d->slots[i].answer);
		d->slots[i].id = d->slots[i].answer = NULL;
	}
	d->used = 0;
}

void dedup_free(struct dedup *d)
{
	if (!d)
		return;
	dedup_clear(d);
	free(d->slots);
	free(d);
}

static struct slot *find(const struct dedup *d, const char *id)
{
	size_t i = hash(id) & (d->cap - 1);
	while (d->slots[i].id && strcmp(d->slots[i].id, id) != 0)
		i = (i + 1) & (d->cap - 1);
	return &d->slots[i];
}

const char *dedup_get(const struct dedup *d, const char *id)
{
	return find(d, id)->answer;
}

static int grow(struct dedup *d)
{
	struct dedup bigger = { calloc(d->cap * 2, sizeof *d->slots), d->cap * 2, d->used };
	if (!bigger.slots)
		return -1;
	for (size_t i = 0; i < d->cap; i++)
		if (d->slots[i].id)
			*find(&bigger, d->slots[i].id) = d->slots[i];
	free(d->slots);
	*d = bigger;
	return 0;
}

int dedup_put(struct dedup *d, const char *id, const char *answer)
{
	struct slot *s;
	char *a;
	if ((d->used + 1) * 2 > d->cap && grow(d) != 0)
		return -1;
	s = find(d, id);
	a = strdup(answer);
	if (!a)
		return -1;
	if (!s->id) {
		s->id = strdup(id);
		if (!s->id) {
			free(a);
			return -1;
		}
		d->used++;
	}
	free(s->answer);
	s->answer = a;
	return 0;
}
