/* Printing to the outputs that need no peer program: files (decoded back),
 * none, a device node that is not there, TCP ports that refuse or do not
 * answer; and the [printer] section of the branch file. The printer-peer
 * tests (tests/printer/peer.test.sh) cover a printer that answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/config.h"
#include "printer/bitmap.h"
#include "printer/escpos_decode.h"
#include "printer/printer.h"
#include "printer/transport.h"
#include "tests/printer/pattern.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/fronta-printer.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct printer *make(const char *output, int width, bool cut, bool status)
{
	struct printer_options o;
	char why[300];

	printer_options_default(&o);
	snprintf(o.output, sizeof o.output, "%s", output);
	o.width_dots = width;
	o.cut = cut;
	o.status = status;
	o.timeouts.connect_ms = 500;
	o.timeouts.status_ms = 300;
	struct printer *p = printer_new(&o, why, sizeof why);
	if (!p)
		fail_msg("printer_new(%s): %s", output, why);
	return p;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* Two tickets to a file: it is appended to, and decodes to both images,
 * every dot, with the cut as configured. */
static void test_file_appends_and_decodes(void **state)
{
	char path[400], spec[420], why[300];
	struct bitmap *a = pattern_new(576, 321, 1), *b = pattern_new(500, 64, 2);
	struct escpos_doc *doc;
	size_t len;

	(void)state;
	snprintf(path, sizeof path, "%s/tickets.bin", dir);
	snprintf(spec, sizeof spec, "file:%s", path);
	struct printer *p = make(spec, 576, true, true);
	assert_int_equal(printer_query_status(p, why, sizeof why), PRINTER_STATE_OK);
	assert_int_equal(printer_print(p, a, why, sizeof why), PRINTER_OK);
	assert_string_equal(why, "printed");
	printer_free(p);
	p = make(spec, 576, false, true);
	assert_int_equal(printer_print(p, b, why, sizeof why), PRINTER_OK);
	assert_int_equal(printer_last_state(p), PRINTER_STATE_OK);

	uint8_t *bytes = slurp(path, &len);
	assert_int_equal(escpos_decode(bytes, len, &doc, why, sizeof why), ESCPOS_DECODE_OK);
	assert_int_equal(escpos_doc_n_images(doc), 2);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_INIT), 2);
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_CUT), 1);   /* only the first cuts */
	assert_int_equal(escpos_doc_count_kind(doc, ESCPOS_STATUS), 0);   /* a file is not asked */
	struct bitmap *ga = escpos_doc_image(doc, 0), *gb = escpos_doc_image(doc, 1);
	assert_true(bitmap_equal(ga, a));
	assert_int_equal(bitmap_width(gb), 504);
	for (int y = 0; y < 64; y++)
		for (int x = 0; x < 504; x++)
			assert_int_equal(bitmap_get(gb, x, y), bitmap_get(b, x, y));
	/* what printer_encode gives is what the file got */
	size_t elen;
	uint8_t *enc = printer_encode(p, b, &elen);
	assert_memory_equal(enc, bytes + len - elen, elen);
	free(enc);

	bitmap_free(ga);
	bitmap_free(gb);
	escpos_doc_free(doc);
	free(bytes);
	printer_free(p);
	bitmap_free(a);
	bitmap_free(b);
}

static void test_file_errors(void **state)
{
	char spec[420], why[300];
	struct bitmap *bm = pattern_new(384, 10, 3);

	(void)state;
	snprintf(spec, sizeof spec, "file:%s/no/such/dir/t.bin", dir);
	struct printer *p = make(spec, 384, true, true);
	assert_int_equal(printer_print(p, bm, why, sizeof why), PRINTER_EIO);
	assert_non_null(strstr(why, "No such file or directory"));
	assert_non_null(strstr(why, "/no/such/dir/t.bin"));
	assert_int_equal(printer_last_state(p), PRINTER_STATE_ERROR);
	printer_free(p);

	/* a full disk: /dev/full takes the open but refuses the bytes */
	p = make("file:/dev/full", 384, true, true);
	assert_int_equal(printer_print(p, bm, why, sizeof why), PRINTER_EIO);
	assert_non_null(strstr(why, "No space left on device"));
	printer_free(p);
	bitmap_free(bm);
}

static void test_none(void **state)
{
	char why[300];
	struct bitmap *bm = pattern_new(384, 10, 3);
	struct printer *p = make("none", 576, true, true);

	(void)state;
	assert_int_equal(printer_last_state(p), PRINTER_STATE_NONE);
	assert_int_equal(printer_query_status(p, why, sizeof why), PRINTER_STATE_NONE);
	assert_int_equal(printer_print(p, bm, why, sizeof why), PRINTER_ENONE);
	assert_string_equal(why, "no printer configured");
	printer_free(p);
	bitmap_free(bm);
}

static void test_too_wide_and_bad_options(void **state)
{
	char spec[420], why[300];
	struct bitmap *bm = pattern_new(577, 10, 3);
	struct printer_options o;

	(void)state;
	snprintf(spec, sizeof spec, "file:%s/wide.bin", dir);
	struct printer *p = make(spec, 576, true, true);
	assert_int_equal(printer_print(p, bm, why, sizeof why), PRINTER_EINVAL);
	assert_non_null(strstr(why, "577 dots wide"));
	assert_int_equal(access(spec + 5, F_OK), -1);   /* nothing written, not even created */
	assert_int_equal(printer_print(p, NULL, why, sizeof why), PRINTER_EINVAL);
	assert_null(printer_encode(p, bm, &(size_t){ 0 }));
	printer_free(p);
	bitmap_free(bm);

	printer_options_default(&o);
	o.width_dots = 100;
	assert_null(printer_new(&o, why, sizeof why));
	assert_non_null(strstr(why, "width_dots 100"));
	printer_options_default(&o);
	o.timeouts.status_ms = 0;
	assert_null(printer_new(&o, why, sizeof why));
}

static void test_output_specs(void **state)
{
	const char *good[][4] = {
		/* spec, kind, host or path, port */
		{ "none", "0", "", "" },
		{ "file:/tmp/x.bin", "1", "/tmp/x.bin", "" },
		{ "file:relative/x.bin", "1", "relative/x.bin", "" },
		{ "tcp:192.168.1.50:9100", "2", "192.168.1.50", "9100" },
		{ "tcp:printer.local", "2", "printer.local", "9100" },
		{ "tcp:[::1]:9101", "2", "::1", "9101" },
		{ "tcp:[fe80::1]", "2", "fe80::1", "9100" },
		{ "tcp:h:00080", "2", "h", "80" },
		{ "device:/dev/usb/lp0", "3", "/dev/usb/lp0", "" },
	};
	const char *bad[] = { "", "None", "file:", "device:", "tcp:", "tcp::9100", "tcp:h:",
	                      "tcp:h:0", "tcp:h:65536", "tcp:h:12a", "tcp:::1", "tcp:[::1",
	                      "tcp:[::1]x", "tcp:h:123456", "usb:/dev/usb/lp0", "lp0" };
	struct transport_spec s;
	char why[300];

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (transport_parse(good[i][0], &s, why, sizeof why) < 0)
			fail_msg("%s refused: %s", good[i][0], why);
		assert_int_equal(s.kind, atoi(good[i][1]));
		if (s.kind == TRANSPORT_TCP) {
			assert_string_equal(s.host, good[i][2]);
			assert_string_equal(s.port, good[i][3]);
		} else if (s.kind != TRANSPORT_NONE)
			assert_string_equal(s.path, good[i][2]);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct printer_options o;
		printer_options_default(&o);
		snprintf(o.output, sizeof o.output, "%s", bad[i]);
		if (printer_new(&o, why, sizeof why))
			fail_msg("%s accepted", bad[i]);
		assert_non_null(strstr(why, "expected none, file:PATH, tcp:HOST[:PORT] or device:PATH"));
	}
}

/* A USB printer that is unplugged has no device node: offline, saying so. */
static void test_device_missing(void **state)
{
	char why[300];
	struct bitmap *bm = pattern_new(384, 10, 3);
	struct printer *p = make("device:/dev/usb/lp-fronta-test-none", 384, true, true);

	(void)state;
	assert_int_equal(printer_query_status(p, why, sizeof why), PRINTER_STATE_OFFLINE);
	assert_non_null(strstr(why, "/dev/usb/lp-fronta-test-none"));
	assert_int_equal(printer_print(p, bm, why, sizeof why), PRINTER_EOFFLINE);
	assert_non_null(strstr(why, "device:/dev/usb/lp-fronta-test-none: no such device"));
	assert_non_null(strstr(why, "No such file or directory"));
	assert_int_equal(printer_last_state(p), PRINTER_STATE_OFFLINE);
	printer_free(p);
	/* with status off the open still fails the same way */
	p = make("device:/dev/usb/lp-fronta-test-none", 384, true, false);
	assert_int_equal(printer_print(p, bm, why, sizeof why), PRINTER_EOFFLINE);
	printer_free(p);
	bitmap_free(bm);
}

/* A loopback port: bound and listening (answers connects, never reads), or
 * bound and closed again (refuses). */
static int listener(int *port, bool listening)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	if (listening)
		assert_int_equal(listen(fd, 4), 0);
	else {
		close(fd);
		fd = -1;
	}
	return fd;
}

static void test_tcp_refused(void **state)
{
	char spec[64], why[300];
	int port;
	struct bitmap *bm = pattern_new(384, 10, 3);

	(void)state;
	listener(&port, false);
	snprintf(spec, sizeof spec, "tcp:127.0.0.1:%d", port);
	struct printer *p = make(spec, 384, true, true);
	assert_int_equal(printer_print(p, bm, why, sizeof why), PRINTER_EOFFLINE);
	assert_non_null(strstr(why, "Connection refused"));
	assert_int_equal(printer_query_status(p, why, sizeof why), PRINTER_STATE_OFFLINE);
	printer_free(p);
	bitmap_free(bm);
}

/* Something accepts the connection but never answers DLE EOT: offline
 * within the status timeout, and the ticket is not sent. */
static void test_tcp_silent(void **state)
{
	char spec[64], why[300];
	int port, fd = listener(&port, true);
	struct bitmap *bm = pattern_new(384, 10, 3);

	(void)state;
	snprintf(spec, sizeof spec, "tcp:127.0.0.1:%d", port);
	struct printer *p = make(spec, 384, true, true);
	int64_t t0 = clock_mono_ms();
	assert_int_equal(printer_query_status(p, why, sizeof why), PRINTER_STATE_OFFLINE);
	int64_t dt = clock_mono_ms() - t0;
	assert_in_range(dt, 290, 290 + 400);
	assert_non_null(strstr(why, "no answer to DLE EOT 1 within 300 ms"));
	assert_int_equal(printer_print(p, bm, why, sizeof why), PRINTER_EOFFLINE);
	assert_non_null(strstr(why, "ticket not sent"));
	printer_free(p);
	close(fd);
	bitmap_free(bm);
}

/* The branch file's [printer] section, read through config_str/int/bool. */
static void test_options_from_config(void **state)
{
	size_t len;
	uint8_t *demo = slurp("config/demo.ini", &len);
	char *text = malloc(len + 300), *cut, why[600];
	struct printer_options o;
	struct config *cfg;

	(void)state;
	memcpy(text, demo, len);
	text[len] = '\0';
	cut = strstr(text, "\n[printer]");
	if (cut)
		cut[1] = '\0';
	size_t base = strlen(text);
	strcat(text, "[printer]\noutput = tcp:10.1.2.3\nwidth_dots = 384\ncut = false\nstatus = false\n");
	cfg = config_parse(text, strlen(text), "test.ini", why, sizeof why);
	if (!cfg)
		fail_msg("config: %s", why);
	assert_int_equal(printer_options_from_config(cfg, &o, why, sizeof why), PRINTER_OK);
	assert_string_equal(o.output, "tcp:10.1.2.3");
	assert_int_equal(o.width_dots, 384);
	assert_false(o.cut);
	assert_false(o.status);
	assert_int_equal(o.timeouts.status_ms, PRINTER_STATUS_MS);
	config_free(cfg);

	/* a wrong output is named with its file and line */
	text[base] = '\0';
	strcat(text, "[printer]\nwidth_dots = 576\noutput = usb:lp0\n");
	int line = 1;
	for (const char *c = text; *c; c++)
		line += *c == '\n';
	cfg = config_parse(text, strlen(text), "test.ini", why, sizeof why);
	assert_non_null(cfg);
	assert_int_equal(printer_options_from_config(cfg, &o, why, sizeof why), PRINTER_EINVAL);
	char want[64];
	snprintf(want, sizeof want, "test.ini:%d: [printer] output \"usb:lp0\"", line - 1);
	if (!strstr(why, want))
		fail_msg("got \"%s\", want \"%s\"", why, want);
	config_free(cfg);

	/* without a [printer] section: the table's defaults, no printer */
	text[base] = '\0';
	cfg = config_parse(text, strlen(text), "test.ini", why, sizeof why);
	assert_int_equal(printer_options_from_config(cfg, &o, why, sizeof why), PRINTER_OK);
	assert_string_equal(o.output, "none");
	assert_int_equal(o.width_dots, 576);
	assert_true(o.cut);
	assert_true(o.status);
	config_free(cfg);
	free(text);
	free(demo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_appends_and_decodes),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_too_wide_and_bad_options),
		cmocka_unit_test(test_output_specs),
		cmocka_unit_test(test_device_missing),
		cmocka_unit_test(test_tcp_refused),
		cmocka_unit_test(test_tcp_silent),
		cmocka_unit_test(test_options_from_config),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
