/* Fuzz target: the request parser (core/proto.c proto_parse_request), which
 * frontad runs on every message from the network. The input is the op (the
 * last level of the topic), a newline, and the payload. Any payload is taken
 * or refused with a message; what is taken holds only valid values, and
 * reads the same when parsed again. */
#include <string.h>

#include "core/config.h"
#include "core/proto.h"
#include "tests/fuzz/fuzz.h"

static bool terminated(const char *s, size_t cap)
{
	return memchr(s, '\0', cap) != NULL;
}

static void check_taken(const char *op, const struct request *r)
{
	FUZZ_CHECK(proto_op_parse(op) == (int)r->op);
	FUZZ_CHECK(terminated(r->request_id, sizeof r->request_id));
	FUZZ_CHECK(terminated(r->lang, sizeof r->lang));
	FUZZ_CHECK(terminated(r->counter, sizeof r->counter));
	FUZZ_CHECK(terminated(r->services, sizeof r->services));
	FUZZ_CHECK(terminated(r->number, sizeof r->number));
	for (const char *p = r->request_id; *p; p++)
		FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
	if (r->op == OP_ISSUE || r->op == OP_CALL)
		FUZZ_CHECK(r->request_id[0] != '\0');
	if (r->op == OP_ISSUE) {
		FUZZ_CHECK(r->service >= 'A' && r->service <= 'Z');
		FUZZ_CHECK(config_is_lang_code(r->lang));
	}
	if (r->op == OP_TRANSFER)
		FUZZ_CHECK(r->service >= 'A' && r->service <= 'Z');
	if (r->op == OP_CALL || r->op == OP_RECALL || r->op == OP_FINISH || r->op == OP_NOSHOW ||
	    r->op == OP_TRANSFER || r->op == OP_COUNTER)
		FUZZ_CHECK(config_is_id(r->counter));
	if (r->op == OP_CANCEL || r->op == OP_PRINT || r->number[0]) {
		size_t n = strlen(r->number);
		FUZZ_CHECK(n >= 4 && r->number[0] >= 'A' && r->number[0] <= 'Z');
		for (size_t i = 1; i < n; i++)
			FUZZ_CHECK(r->number[i] >= '0' && r->number[i] <= '9');
	}
	for (const char *p = r->services; *p; p++)
		FUZZ_CHECK(*p >= 'A' && *p <= 'Z');
	FUZZ_CHECK(r->state == COUNTER_OPEN || r->state == COUNTER_PAUSED || r->state == COUNTER_CLOSED);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size < 24 ? size : 24);
	const uint8_t *payload = nl ? nl + 1 : data;
	size_t len = size - (size_t)(payload - data);
	char op[24] = "";
	struct request r, again;
	char msg[256], tiny[1];
	enum fronta_err err;

	if (nl)
		memcpy(op, data, (size_t)(nl - data));
	/* the payload is the end of the input's buffer: reading past it is caught */
	err = proto_parse_request(op, payload, len, &r, msg, sizeof msg);
	FUZZ_CHECK(terminated(msg, sizeof msg));
	switch (err) {
	case FRONTA_OK:
		check_taken(op, &r);
		FUZZ_CHECK(proto_parse_request(op, payload, len, &again, msg, sizeof msg) == FRONTA_OK);
		FUZZ_CHECK(memcmp(&r, &again, sizeof r) == 0);
		break;
	case FRONTA_EBADREQ:
	case FRONTA_EUNKNOWN_SERVICE:
	case FRONTA_EUNKNOWN_COUNTER:
	case FRONTA_ENOT_FOUND:
		FUZZ_CHECK(msg[0] != '\0');
		break;
	default:
		FUZZ_CHECK(!"an error code the parser does not give");
	}
	/* a message buffer of one byte is cut, never overrun */
	FUZZ_CHECK(proto_parse_request(op, payload, len, &again, tiny, sizeof tiny) == err);
	FUZZ_CHECK(tiny[0] == '\0');
	return 0;
}
