/* Password hashes: ours must be what mosquitto_passwd 2.0 writes and checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ctl/pwhash.h"

/* Written by the real `mosquitto_passwd -b pw kiosk-1 secret` (2.0.11). */
static const char mosquitto_hash[] =
	"$7$101$OXZjMeeFjhy3h5AC$SMgbHev6CeUXGGFWA05DxhRAxW+heyQb4YvAsHjeZ3PPQoGhQ9Hm87cwMcDfRV6Rpfxo4dtN9nMtQH6K0nU2+g==";

static void checks_a_hash_made_by_mosquitto_passwd(void **state)
{
	(void)state;
	assert_true(pwhash_check("secret", mosquitto_hash));
	assert_false(pwhash_check("Secret", mosquitto_hash));
	assert_false(pwhash_check("secret ", mosquitto_hash));
	assert_false(pwhash_check("", mosquitto_hash));
}

static void refuses_what_is_not_a_hash(void **state)
{
	char h[sizeof mosquitto_hash];
	(void)state;
	assert_false(pwhash_check("secret", ""));
	assert_false(pwhash_check("secret", "$6$101$OXZjMeeFjhy3h5AC$SMgb"));
	assert_false(pwhash_check("secret", "$7$$OXZjMeeFjhy3h5AC$SMgb"));
	assert_false(pwhash_check("secret", "$7$101$OXZjMeeFjhy3h5AC"));
	assert_false(pwhash_check("secret", "$7$0$OXZjMeeFjhy3h5AC$SMgbHev6Ce=="));
	assert_false(pwhash_check("secret", "$7$101$!!!!$SMgbHev6CeUXGGFWA05DxhRA"));
	/* The hash cut short. */
	memcpy(h, mosquitto_hash, sizeof h);
	h[sizeof h - 10] = '\0';
	assert_false(pwhash_check("secret", h));
	assert_false(pwhash_check(NULL, mosquitto_hash));
	assert_false(pwhash_check("secret", NULL));
}

static void makes_hashes_that_check(void **state)
{
	char a[PWHASH_LINE_LEN], b[PWHASH_LINE_LEN];
	(void)state;
	assert_int_equal(pwhash_make("k4-password", a, sizeof a), 0);
	assert_int_equal(pwhash_make("k4-password", b, sizeof b), 0);
	assert_true(strncmp(a, "$7$101$", 7) == 0);
	assert_int_equal(strlen(a), strlen(mosquitto_hash));   /* same salt and hash sizes */
	assert_string_not_equal(a, b);                         /* a fresh salt each time */
	assert_true(pwhash_check("k4-password", a));
	assert_true(pwhash_check("k4-password", b));
	assert_false(pwhash_check("k4-passwore", a));
	assert_int_equal(pwhash_make("x", a, 20), -1);         /* too small: says so */
}

static void generates_random_passwords(void **state)
{
	char a[PWHASH_PASSWORD_LEN], b[PWHASH_PASSWORD_LEN];
	(void)state;
	assert_int_equal(pwhash_generate(a), 0);
	assert_int_equal(pwhash_generate(b), 0);
	assert_int_equal(strlen(a), 32);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), 32);
	assert_string_not_equal(a, b);
	assert_true(pwhash_is_valid_password(a));
}

static void says_which_passwords_are_usable(void **state)
{
	char long_pw[300];
	(void)state;
	assert_true(pwhash_is_valid_password("the-password-IT-chose: with spaces"));
	assert_false(pwhash_is_valid_password(""));
	assert_false(pwhash_is_valid_password(NULL));
	assert_false(pwhash_is_valid_password("two\nlines"));
	memset(long_pw, 'a', sizeof long_pw - 1);
	long_pw[sizeof long_pw - 1] = '\0';
	assert_false(pwhash_is_valid_password(long_pw));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(checks_a_hash_made_by_mosquitto_passwd),
		cmocka_unit_test(refuses_what_is_not_a_hash),
		cmocka_unit_test(makes_hashes_that_check),
		cmocka_unit_test(generates_random_passwords),
		cmocka_unit_test(says_which_passwords_are_usable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
