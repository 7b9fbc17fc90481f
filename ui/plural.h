/* Plural rules from a .po header ("nplurals=3; plural=(n==1 ? 0 : ...);"),
 * evaluated by a small C-expression interpreter so that a language's plural
 * rule is data in its catalogue, not code. No SDL here. */
#ifndef FRONTA_UI_PLURAL_H
#define FRONTA_UI_PLURAL_H

#include <stddef.h>

#define PLURAL_MAX 6      /* the most plural forms a language may declare */

struct plural;

/* Parses the value of a Plural-Forms header. The expression may use n,
 * decimal numbers, parentheses, ?:, ||, &&, ==, !=, <, <=, >, >=, +, -,
 * *, /, %, and unary !. The rule is also run for n = 0..1000 and must give
 * an index below nplurals every time. Returns a new rule (free with
 * plural_free), or NULL with a message (no file or line) in err. */
struct plural *plural_parse(const char *forms, char *err, size_t errlen);

/* The rule English and gettext use when a catalogue has none:
 * nplurals=2; plural=(n != 1). Never NULL unless memory ran out. */
struct plural *plural_germanic(void);

void plural_free(struct plural *p);

/* nplurals of the rule (1..PLURAL_MAX). */
int plural_count(const struct plural *p);

/* Index of the plural form for n, always in 0..nplurals-1 (an expression
 * that divides by zero or leaves the range gives 0). */
int plural_index(const struct plural *p, unsigned long n);

#endif
