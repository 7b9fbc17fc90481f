/* The schema's migrations, in order: migrations[i] takes user_version i to i+1. */
#ifndef FRONTA_SCHEMA_H
#define FRONTA_SCHEMA_H

extern const char *const store_migrations[];
extern const int store_n_migrations;

#endif
