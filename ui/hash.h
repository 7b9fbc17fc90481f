/* The string hash of the ui library's tables (FNV-1a, 32 bits): the
 * catalogue, its warn-once set, the text cache. */
#ifndef FRONTA_UI_HASH_H
#define FRONTA_UI_HASH_H

#include <stdint.h>

static inline uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

#endif
