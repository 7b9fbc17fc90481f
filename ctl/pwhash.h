/* Passwords for the broker: random device passwords, and the lines of a
 * mosquitto password file ("user:$7$101$salt$hash", PBKDF2-SHA512, exactly
 * as mosquitto_passwd 2.0 writes them), made and checked in-process so a
 * password never appears on a command line. */
#ifndef FRONTA_PWHASH_H
#define FRONTA_PWHASH_H

#include <stdbool.h>
#include <stddef.h>

/* Room for a password made by pwhash_generate, with its NUL. */
#define PWHASH_PASSWORD_LEN 33
/* Room for one password file line (without user name), with its NUL. */
#define PWHASH_LINE_LEN 160

/* Fills out with a new password: 32 characters of [A-Za-z0-9_-] from
 * getrandom() (192 bits). Returns 0, or -1 if the kernel gave no
 * randomness. */
int pwhash_generate(char out[PWHASH_PASSWORD_LEN]);

/* Writes "$7$101$SALT$HASH" for password with a fresh random salt into
 * out. Returns 0, or -1 (no randomness, libcrypto failure, cap too small). */
int pwhash_make(const char *password, char *out, size_t cap);

/* True if hash (the part after "user:" of a password file line, in the
 * "$7$" format) matches password. False for any other format. */
bool pwhash_check(const char *password, const char *hash);

/* True if s is a usable password: 1-255 bytes and no control characters
 * (devices read the first line of their password file). */
bool pwhash_is_valid_password(const char *s);

#endif
