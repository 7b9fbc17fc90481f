/* Known test images for the printer tests and tools. */
#ifndef FRONTA_TESTS_PRINTER_PATTERN_H
#define FRONTA_TESTS_PRINTER_PATTERN_H

#include <stdint.h>

struct bitmap;

/* A w x h bitmap whose every dot is decided by xorshift32 from seed: no
 * regularity the encoder could get right by accident. NULL if the size is
 * refused by bitmap_new. Free with bitmap_free. */
struct bitmap *pattern_new(int w, int h, uint32_t seed);

#endif
