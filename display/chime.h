/* The chime played before each call: a two-tone gong made in code (no
 * sound file to ship or license), the same on every display. */
#ifndef FRONTA_DISPLAY_CHIME_H
#define FRONTA_DISPLAY_CHIME_H

#include <stddef.h>
#include <stdint.h>

#define CHIME_PEAK 0.6          /* the loudest sample, as a fraction of full scale */

/* The chime at rate samples per second (8000..96000), mono, signed 16-bit,
 * at full loudness (scale it for the volume). Returns a malloc'd buffer
 * (the caller frees it) and its length in *n, or NULL without memory or
 * for a bad rate. */
int16_t *chime_make(int rate, size_t *n);

/* How long the chime lasts, in milliseconds. */
int chime_length_ms(void);

#endif
