/* The protocol's JSON: requests checked field by field, and the documents
 * frontad writes read back the same by clients. */
#include "tests/unit/fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "core/proto.h"
#include "core/utf8.h"

static enum fronta_err parse(const char *op, const char *json, struct request *r)
{
	char msg[256];
	enum fronta_err err = proto_parse_request(op, json, strlen(json), r, msg, sizeof msg);
	if (err)
		assert_true(msg[0] != '\0');   /* every refusal says why */
	return err;
}

static void valid_requests(void **state)
{
	struct request r;
	(void)state;
	assert_int_equal(parse("issue", "{\"service\":\"A\",\"lang\":\"uk\",\"request_id\":\"k-1\",\"priority\":true}", &r),
	                 FRONTA_OK);
	assert_int_equal(r.op, OP_ISSUE);
	assert_int_equal(r.service, 'A');
	assert_string_equal(r.lang, "uk");
	assert_true(r.priority);
	assert_string_equal(r.request_id, "k-1");
	assert_int_equal(parse("call", "{\"counter\":\"2\",\"request_id\":\"c\",\"services\":[\"A\",\"S\",\"A\"]}", &r),
	                 FRONTA_OK);
	assert_string_equal(r.counter, "2");
	assert_string_equal(r.services, "AS");
	assert_int_equal(parse("call", "{\"counter\":3,\"request_id\":\"c\"}", &r), FRONTA_OK);
	assert_string_equal(r.counter, "3");
	assert_int_equal(parse("transfer", "{\"counter\":\"1\",\"service\":\"P\"}", &r), FRONTA_OK);
	assert_int_equal(parse("cancel", "{\"number\":\"A1000\"}", &r), FRONTA_OK);
	assert_string_equal(r.number, "A1000");
	assert_int_equal(parse("counter", "{\"counter\":\"1\",\"state\":\"paused\",\"services\":[]}", &r), FRONTA_OK);
	assert_int_equal(r.state, COUNTER_PAUSED);
	assert_true(r.has_services);
	assert_string_equal(r.services, "");
	assert_int_equal(parse("print", "{\"number\":\"A001\",\"status\":\"withdrawn\"}", &r), FRONTA_OK);
	assert_true(r.withdraw);
	assert_int_equal(parse("status", "{}", &r), FRONTA_OK);
	assert_int_equal(parse("status", " {\"extra\": [1, 2, {}]} \n", &r), FRONTA_OK);   /* unknown fields ignored */
}

static void malformed_requests(void **state)
{
	static const struct {
		const char *op, *json;
		enum fronta_err err;
	} cases[] = {
		{ "issue", "", FRONTA_EBADREQ },
		{ "issue", "not json", FRONTA_EBADREQ },
		{ "issue", "[1,2]", FRONTA_EBADREQ },
		{ "issue", "\"a string\"", FRONTA_EBADREQ },
		{ "issue", "{\"service\":\"A\",\"lang\":\"uk\",\"request_id\":\"x\"} trailing", FRONTA_EBADREQ },
		{ "issue", "{\"service\":\"A\",\"lang\":\"uk\"}", FRONTA_EBADREQ },
		{ "issue", "{\"service\":1,\"lang\":\"uk\",\"request_id\":\"x\"}", FRONTA_EBADREQ },
		{ "issue", "{\"service\":\"AB\",\"lang\":\"uk\",\"request_id\":\"x\"}", FRONTA_EUNKNOWN_SERVICE },
		{ "issue", "{\"service\":\"a\",\"lang\":\"uk\",\"request_id\":\"x\"}", FRONTA_EUNKNOWN_SERVICE },
		{ "issue", "{\"service\":\"A\",\"request_id\":\"x\"}", FRONTA_EBADREQ },
		{ "issue", "{\"service\":\"A\",\"lang\":\"ukrainian\",\"request_id\":\"x\"}", FRONTA_EBADREQ },
		{ "issue", "{\"service\":\"A\",\"lang\":\"uk\",\"request_id\":\"\"}", FRONTA_EBADREQ },
		{ "issue", "{\"service\":\"A\",\"lang\":\"uk\",\"request_id\":7}", FRONTA_EBADREQ },
		{ "issue", "{\"service\":\"A\",\"lang\":\"uk\",\"request_id\":\"x\",\"priority\":1}", FRONTA_EBADREQ },
		{ "issue", "{\"service\":\"A\",\"lang\":\"uk\",\"request_id\":\"a\\u0000b\"}", FRONTA_EBADREQ },
		{ "call", "{\"request_id\":\"x\"}", FRONTA_EBADREQ },
		{ "call", "{\"counter\":true,\"request_id\":\"x\"}", FRONTA_EBADREQ },
		{ "call", "{\"counter\":-1,\"request_id\":\"x\"}", FRONTA_EBADREQ },
		{ "call", "{\"counter\":1.5,\"request_id\":\"x\"}", FRONTA_EBADREQ },
		{ "call", "{\"counter\":\"a b\",\"request_id\":\"x\"}", FRONTA_EUNKNOWN_COUNTER },
		{ "call", "{\"counter\":\"1\",\"request_id\":\"x\",\"services\":\"A\"}", FRONTA_EBADREQ },
		{ "call", "{\"counter\":\"1\",\"request_id\":\"x\",\"services\":[1]}", FRONTA_EBADREQ },
		{ "call", "{\"counter\":\"1\",\"request_id\":\"x\",\"services\":[\"?\"]}", FRONTA_EUNKNOWN_SERVICE },
		{ "transfer", "{\"counter\":\"1\"}", FRONTA_EBADREQ },
		{ "cancel", "{}", FRONTA_EBADREQ },
		{ "cancel", "{\"number\":23}", FRONTA_EBADREQ },
		{ "cancel", "{\"number\":\"023\"}", FRONTA_ENOT_FOUND },
		{ "counter", "{\"counter\":\"1\"}", FRONTA_EBADREQ },
		{ "counter", "{\"counter\":\"1\",\"state\":\"OPEN\"}", FRONTA_EBADREQ },
		{ "print", "{\"number\":\"A001\",\"status\":\"maybe\"}", FRONTA_EBADREQ },
		{ "explode", "{}", FRONTA_EBADREQ },
		{ "", "{}", FRONTA_EBADREQ },
	};
	struct request r;
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum fronta_err err = parse(cases[i].op, cases[i].json, &r);
		if (err != cases[i].err)
			fail_msg("%s %s: got %s, expected %s", cases[i].op, cases[i].json, fronta_err_code(err),
			         fronta_err_code(cases[i].err));
	}
}

static void bytes_that_are_not_text(void **state)
{
	struct request r;
	char msg[128], big[5000];
	(void)state;
	/* invalid UTF-8: a lone continuation byte, an overlong '/', a surrogate */
	const char *bad[] = { "{\"service\":\"\x80\"}", "{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}",
	                      "{\"a\":\"\xf5\x80\x80\x80\"}" };
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(proto_parse_request("status", bad[i], strlen(bad[i]), &r, msg, sizeof msg), FRONTA_EBADREQ);
	assert_int_equal(proto_parse_request("status", "{}\0{}", 5, &r, msg, sizeof msg), FRONTA_EBADREQ);
	memset(big, ' ', sizeof big);
	big[0] = '{';
	big[sizeof big - 1] = '}';
	assert_int_equal(proto_parse_request("status", big, sizeof big, &r, msg, sizeof msg), FRONTA_EBADREQ);
	assert_non_null(strstr(msg, "4096"));
	/* deep nesting within the size limit */
	memset(big, '[', 4000);
	assert_int_equal(proto_parse_request("status", big, 4000, &r, msg, sizeof msg), FRONTA_EBADREQ);
	assert_true(utf8_valid("Tiếng Việt العربية Українська", strlen("Tiếng Việt العربية Українська")));
}

static void documents_read_back(void **state)
{
	struct config *cfg = fixture_config();
	struct queue *q = queue_new(cfg, "2026-11-23");
	int64_t now = at(2026, 11, 23, 9, 0);
	struct ticket t;
	struct answer a;
	struct event e;
	const struct change *log;
	char *json;
	int n;
	(void)state;

	assert_int_equal(queue_issue(q, 'A', "ar", true, now, &t), FRONTA_OK);
	json = proto_answer_ticket(&t);
	assert_int_equal(proto_parse_answer(json, strlen(json), &a), 0);
	assert_true(a.ok && a.has_ticket);
	assert_string_equal(a.ticket.number, "A001");
	assert_string_equal(a.ticket.lang, "ar");
	assert_true(a.ticket.priority);
	assert_int_equal(a.ticket.issued_ms, now);
	free(json);

	queue_call(q, "2", NULL, now + 60000, NULL);
	log = queue_changes(q, &n);
	for (int i = 0; i < n; i++) {
		if (log[i].kind != CHANGE_EVENT)
			continue;
		json = proto_event(&log[i].event);
		assert_int_equal(proto_parse_event(json, strlen(json), &e), 0);
		assert_int_equal(e.seq, log[i].event.seq);
		assert_int_equal(e.type, log[i].event.type);
		assert_int_equal(e.at_ms, log[i].event.at_ms);
		assert_string_equal(e.ticket.number, "A001");
		free(json);
	}
	json = proto_answer_error(FRONTA_ECLOSED, "service A is closed", "2026-11-30T08:00:00+01:00");
	assert_int_equal(proto_parse_answer(json, strlen(json), &a), 0);
	assert_false(a.ok);
	assert_string_equal(a.code, "closed");
	assert_int_equal(a.opens_at_ms, at(2026, 11, 30, 8, 0));
	free(json);
	json = proto_answer_state(q, now);
	assert_true(strlen(json) <= PROTO_MAX_PAYLOAD);
	assert_non_null(strstr(json, "\"called\":[{\"number\":\"A001\",\"counter\":\"2\""));
	free(json);
	assert_int_equal(proto_parse_state("{\"seq\":\"x\"}", 11, (struct state_doc[1]){ 0 }), -1);
	assert_int_equal(proto_parse_event("{\"seq\":1,\"type\":\"exploded\"}", 27, &e), -1);
	queue_free(q);
	config_free(cfg);
}

/* Strings are escaped as JSON needs (the writer is frontad's own): a
 * message with quotes, a backslash, control characters and Cyrillic reads
 * back as it was, and every document frontad writes is valid JSON. */
static void written_strings_read_back(void **state)
{
	static const char msg[] = "a \"quoted\" word, a \\ back\nslash\t\x01\x1f ж";
	char *json = proto_answer_error(FRONTA_EBADREQ, msg, NULL);
	cJSON *o = cJSON_Parse(json), *e;
	(void)state;
	assert_non_null(o);
	e = cJSON_GetObjectItemCaseSensitive(o, "error");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(e, "message")->valuestring, msg);
	assert_non_null(strstr(json, "\\u0001"));
	assert_null(cJSON_GetObjectItemCaseSensitive(e, "opens_at"));
	cJSON_Delete(o);
	free(json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_requests),
		cmocka_unit_test(malformed_requests),
		cmocka_unit_test(bytes_that_are_not_text),
		cmocka_unit_test(documents_read_back),
		cmocka_unit_test(written_strings_read_back),
	};
	return cmocka_run_group_tests_name("proto", tests, NULL, NULL);
}
