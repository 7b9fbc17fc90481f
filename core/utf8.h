/* UTF-8 validation (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF). */
#ifndef FRONTA_UTF8_H
#define FRONTA_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Is s[0..len) valid UTF-8? A NUL byte counts as invalid (payloads are text). */
bool utf8_valid(const char *s, size_t len);

/* Decodes the code point at s (of at most len bytes) into *cp and returns
 * its length in bytes, or 0 if it is not valid UTF-8. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Number of code points in the NUL-terminated s (its width in a terminal,
 * for the scripts Fronta uses). Invalid bytes count one each. */
size_t utf8_length(const char *s);

/* Copies s into out (cap bytes), cut to at most width code points and
 * padded with spaces to exactly width. */
void utf8_pad(char *out, size_t cap, const char *s, int width);

#endif
