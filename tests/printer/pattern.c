/* Known test images: pseudo-random dots from a seed. */
#include "tests/printer/pattern.h"

#include "printer/bitmap.h"

struct bitmap *pattern_new(int w, int h, uint32_t seed)
{
	struct bitmap *bm = bitmap_new(w, h);
	uint32_t x = seed * 2654435761u + 1;

	for (int y = 0; bm && y < h; y++)
		for (int i = 0; i < w; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			bitmap_set(bm, i, y, x & 1);
		}
	return bm;
}
