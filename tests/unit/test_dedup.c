/* frontad's table of answers by request_id. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "daemon/dedup.h"

static void answers_are_kept_by_id(void **state)
{
	struct dedup *d = dedup_new();
	char id[32], answer[64];
	(void)state;
	assert_null(dedup_get(d, "k-1"));
	for (int i = 0; i < 5000; i++) {   /* grows past its first size */
		snprintf(id, sizeof id, "kiosk-1-%d", i);
		snprintf(answer, sizeof answer, "{\"n\":%d}", i);
		assert_int_equal(dedup_put(d, id, answer), 0);
	}
	for (int i = 0; i < 5000; i += 97) {
		snprintf(id, sizeof id, "kiosk-1-%d", i);
		snprintf(answer, sizeof answer, "{\"n\":%d}", i);
		assert_string_equal(dedup_get(d, id), answer);
	}
	assert_int_equal(dedup_put(d, "kiosk-1-7", "{\"n\":\"again\"}"), 0);
	assert_string_equal(dedup_get(d, "kiosk-1-7"), "{\"n\":\"again\"}");
	dedup_clear(d);
	assert_null(dedup_get(d, "kiosk-1-7"));
	dedup_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(answers_are_kept_by_id) };
	return cmocka_run_group_tests_name("dedup", tests, NULL, NULL);
}
