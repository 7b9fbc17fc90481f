/* The figures as tables: CSV for spreadsheets (one header row, one row per
 * period, branch and key) and aligned text for a terminal. Column names and
 * their meaning: docs/reports.md. */
#ifndef FRONTA_TABLE_H
#define FRONTA_TABLE_H

#include <stdio.h>

#include "core/config.h"
#include "report/tally.h"

/* Writes the cells of dimension dim of g (grouped, see tally_group) as
 * CSV. cfg (may be NULL) gives service names for rows of its branch.
 * Returns 0, or -1 if writing failed. */
int table_write_csv(FILE *f, const struct tally *g, enum tally_dim dim, const struct config *cfg);

/* The same as a table a person reads in a terminal, one block per period
 * and branch. Returns 0, or -1 if writing failed. */
int table_write_text(FILE *f, const struct tally *g, enum tally_dim dim, const struct config *cfg);

/* A duration for people: "7:05" (minutes and seconds), "1:02:03" past an
 * hour, "-" if seconds < 0 (nothing to measure). */
void table_format_duration(int seconds, char *out, size_t cap);

#endif
