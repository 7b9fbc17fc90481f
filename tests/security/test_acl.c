/* The role table as code, and the ACL file written from it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/acl.h"

/* The role table of docs/protocol.md, "Security and roles", written out
 * independently of acl.c: which request ops each role may publish. */
static const char *const expected[ROLE_COUNT] = {
	[ROLE_DAEMON] = "",
	[ROLE_KIOSK] = "issue status print",
	[ROLE_DISPLAY] = "",
	[ROLE_CONSOLE] = "call recall finish noshow transfer cancel counter status",
	[ROLE_ADMIN] = "issue call recall finish noshow transfer cancel counter status print",
};

static void each_role_requests_what_the_table_says(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++) {
		char got[200] = "";
		for (int op = 0; op < OP_COUNT; op++) {
			if (!acl_role_may_request((enum device_role)r, (enum op)op))
				continue;
			if (got[0])
				strcat(got, " ");
			strcat(got, proto_op_name((enum op)op));
		}
		assert_string_equal(got, expected[r]);
	}
	assert_false(acl_role_may_request(ROLE_ADMIN, OP_COUNT));
	assert_false(acl_role_may_request(ROLE_ADMIN, (enum op)-1));
}

static const char ini[] = "[branch]\nid = pribram\nname = P\ntimezone = Europe/Prague\nlanguages = cs\n"
                          "[service A]\nname.cs = A\nhours = always\n"
                          "[counter 1]\nservices = A\n"
                          "[devices]\nfrontad = daemon\nkiosk-1 = kiosk\ndisplay-1 = display\n";

static void writes_a_block_per_device(void **state)
{
	char err[1000];
	struct config *cfg = config_parse(ini, sizeof ini - 1, "t.ini", err, sizeof err);
	char *acl;
	(void)state;
	assert_non_null(cfg);
	acl = acl_branch_text(cfg);
	assert_non_null(acl);
	assert_non_null(strstr(acl, "pattern write fronta/v1/pribram/presence/%u\n"));
	assert_non_null(strstr(acl, "pattern read fronta/v1/pribram/resp/%u/#\n"));
	assert_non_null(strstr(acl, "\nuser frontad\ntopic read fronta/v1/pribram/req/#\n"
	                            "topic write fronta/v1/pribram/event\ntopic write fronta/v1/pribram/state\n"
	                            "topic write fronta/v1/pribram/resp/#\n"));
	assert_non_null(strstr(acl, "\nuser kiosk-1\ntopic write fronta/v1/pribram/req/issue\n"
	                            "topic write fronta/v1/pribram/req/status\ntopic write fronta/v1/pribram/req/print\n"
	                            "topic read fronta/v1/pribram/state\n\n"));
	assert_non_null(strstr(acl, "\nuser display-1\ntopic read fronta/v1/pribram/state\n"
	                            "topic read fronta/v1/pribram/event\n"));
	/* Nothing of another branch, no readwrite, no wildcard writes but the daemon's answers. */
	assert_null(strstr(acl, "fronta/v1/demo"));
	assert_null(strstr(acl, "readwrite"));
	assert_null(strstr(acl, "topic write fronta/v1/pribram/req/#"));
	free(acl);
	config_free(cfg);
}

static void head_office_lets_each_branch_write_its_own(void **state)
{
	char *acl = acl_head_office_text();
	(void)state;
	assert_non_null(acl);
	assert_non_null(strstr(acl, "pattern write fronta/v1/%u/event\n"));
	assert_non_null(strstr(acl, "\nuser archiver\ntopic read fronta/v1/+/event\n"));
	assert_null(strstr(acl, "req/"));
	free(acl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_role_requests_what_the_table_says),
		cmocka_unit_test(writes_a_block_per_device),
		cmocka_unit_test(head_office_lets_each_branch_write_its_own),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
