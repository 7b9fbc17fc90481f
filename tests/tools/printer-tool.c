/* printer-tool: the printer library from the shell, for integration tests and
 * for trying a real printer (docs/printing.md).
 *
 *   printer-tool pattern W H SEED > a.pbm        a known pseudo-random image
 *   printer-tool encode [OPTS] IMAGE > t.bin     the ticket bytes, no printer
 *   printer-tool print [OPTS] IMAGE              print; says "printed" or why not
 *   printer-tool status [OPTS]                   ask the printer's state
 *   printer-tool decode FILE [--image K OUT.pbm] list the ESC/POS commands in FILE
 *
 * IMAGE: a binary PBM (P4) as is, or a binary PGM (P5, 8-bit) thresholded
 * (or dithered with --dither). OPTS: --config FILE (its [printer] section)
 * or --output SPEC, then --width N, --no-cut, --no-status, --connect-ms N,
 * --status-ms N, --write-ms N, --close-ms N.
 * Exit status: 0 done (printed, state ok/paper_low), 1 failed, 2 usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/config.h"
#include "printer/bitmap.h"
#include "printer/escpos.h"
#include "printer/escpos_decode.h"
#include "printer/printer.h"
#include "tests/printer/pattern.h"

static int usage(void)
{
	fprintf(stderr,
	        "usage: printer-tool pattern W H SEED\n"
	        "       printer-tool encode|print [OPTS] IMAGE.pbm|IMAGE.pgm\n"
	        "       printer-tool status [OPTS]\n"
	        "       printer-tool decode FILE [--image K OUT.pbm]\n"
	        "OPTS: --config FILE | --output SPEC, --width N, --no-cut, --no-status, --dither,\n"
	        "      --connect-ms N, --status-ms N, --write-ms N, --close-ms N\n");
	return 2;
}

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		fprintf(stderr, "printer-tool: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			uint8_t *b = realloc(buf, cap);
			if (!b) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = b;
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

/* Reads a PNM header number, skipping blanks and comments. */
static int pnm_number(const uint8_t *d, size_t len, size_t *pos, long *out)
{
	long v = 0;
	int digits = 0;

	while (*pos < len) {
		if (d[*pos] == '#')
			while (*pos < len && d[*pos] != '\n')
				(*pos)++;
		else if (d[*pos] == ' ' || d[*pos] == '\t' || d[*pos] == '\n' || d[*pos] == '\r')
			(*pos)++;
		else
			break;
	}
	while (*pos < len && d[*pos] >= '0' && d[*pos] <= '9' && digits < 9) {
		v = v * 10 + (d[(*pos)++] - '0');
		digits++;
	}
	*out = v;
	return digits ? 0 : -1;
}

static struct bitmap *read_image(const char *path, enum bitmap_mode mode)
{
	size_t len, pos = 2;
	long w, h, maxval = 1;
	uint8_t *d = read_all(path, &len);
	struct bitmap *bm = NULL;

	if (!d)
		return NULL;
	if (len < 2 || d[0] != 'P' || (d[1] != '4' && d[1] != '5') ||
	    pnm_number(d, len, &pos, &w) || pnm_number(d, len, &pos, &h) ||
	    (d[1] == '5' && (pnm_number(d, len, &pos, &maxval) || maxval != 255)) || pos >= len ||
	    w < 1 || h < 1 || w > BITMAP_MAX_SIDE || h > BITMAP_MAX_SIDE) {
		fprintf(stderr, "printer-tool: %s: not a binary PBM or 8-bit PGM\n", path);
		free(d);
		return NULL;
	}
	pos++;   /* the one blank after the header */
	size_t stride = d[1] == '4' ? ((size_t)w + 7) / 8 : (size_t)w;
	if (len - pos < stride * (size_t)h) {
		fprintf(stderr, "printer-tool: %s: image data is short\n", path);
	} else if (d[1] == '4') {
		bm = bitmap_new((int)w, (int)h);
		for (long y = 0; bm && y < h; y++) {
			memcpy(bitmap_row_mut(bm, (int)y), d + pos + (size_t)y * stride, stride);
			if (w % 8)   /* keep the padding bits white */
				bitmap_row_mut(bm, (int)y)[stride - 1] &= (uint8_t)(0xff << (8 - w % 8));
		}
	} else {
		bm = bitmap_from_grey(d + pos, (int)w, (int)h, (int)w, mode, 128);
	}
	free(d);
	return bm;
}

static int write_pbm(FILE *f, const struct bitmap *bm)
{
	fprintf(f, "P4\n%d %d\n", bitmap_width(bm), bitmap_height(bm));
	for (int y = 0; y < bitmap_height(bm); y++)
		fwrite(bitmap_row(bm, y), 1, (size_t)bitmap_stride(bm), f);
	return ferror(f) ? -1 : 0;
}

static int cmd_pattern(int argc, char **argv)
{
	struct bitmap *bm;

	if (argc != 5)
		return usage();
	bm = pattern_new(atoi(argv[2]), atoi(argv[3]), (uint32_t)strtoul(argv[4], NULL, 10));
	if (!bm)
		return usage();
	write_pbm(stdout, bm);
	bitmap_free(bm);
	return 0;
}

/* Parses OPTS into o; returns the index of the first other argument, -1 for
 * a wrong option, -2 for a branch file that was refused (already said). */
static int parse_opts(int argc, char **argv, int i, struct printer_options *o,
                      enum bitmap_mode *mode)
{
	char why[600];

	printer_options_default(o);
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--config") == 0 && v) {
			struct config *cfg = config_load(v, why, sizeof why);
			if (!cfg) {
				fprintf(stderr, "printer-tool: %s", why);
				return -2;
			}
			enum printer_err e = printer_options_from_config(cfg, o, why, sizeof why);
			config_free(cfg);
			if (e) {
				fprintf(stderr, "printer-tool: %s\n", why);
				return -2;
			}
			i++;
		} else if (strcmp(a, "--output") == 0 && v) {
			snprintf(o->output, sizeof o->output, "%s", v);
			i++;
		} else if (strcmp(a, "--width") == 0 && v) {
			o->width_dots = atoi(v);
			i++;
		} else if (strcmp(a, "--connect-ms") == 0 && v) {
			o->timeouts.connect_ms = atoi(v);
			i++;
		} else if (strcmp(a, "--status-ms") == 0 && v) {
			o->timeouts.status_ms = atoi(v);
			i++;
		} else if (strcmp(a, "--write-ms") == 0 && v) {
			o->timeouts.write_ms = atoi(v);
			i++;
		} else if (strcmp(a, "--close-ms") == 0 && v) {
			o->timeouts.close_ms = atoi(v);
			i++;
		} else if (strcmp(a, "--no-cut") == 0)
			o->cut = false;
		else if (strcmp(a, "--no-status") == 0)
			o->status = false;
		else if (strcmp(a, "--dither") == 0)
			*mode = BITMAP_DITHER;
		else
			return -1;
	}
	return i;
}

static int cmd_print(int argc, char **argv, int encode_only)
{
	struct printer_options o;
	enum bitmap_mode mode = BITMAP_THRESHOLD;
	struct printer *p;
	struct bitmap *bm;
	char why[600];
	int i = parse_opts(argc, argv, 2, &o, &mode), rc = 1;

	if (i == -2)
		return 1;
	if (i < 0 || i != argc - 1)
		return usage();
	if (!(bm = read_image(argv[i], mode)))
		return 1;
	if (!(p = printer_new(&o, why, sizeof why))) {
		fprintf(stderr, "printer-tool: %s\n", why);
		bitmap_free(bm);
		return 1;
	}
	if (encode_only) {
		size_t len;
		uint8_t *bytes = printer_encode(p, bm, &len);
		if (bytes && fwrite(bytes, 1, len, stdout) == len)
			rc = 0;
		else
			fprintf(stderr, "printer-tool: cannot encode (wider than %d dots?)\n",
			        printer_width_dots(p));
		free(bytes);
	} else {
		int64_t t0 = clock_mono_ms();
		enum printer_err e = printer_print(p, bm, why, sizeof why);
		/* result, state, milliseconds, why: one line for scripts */
		printf("%s %s %lld %s\n", printer_err_name(e), printer_state_name(printer_last_state(p)),
		       (long long)(clock_mono_ms() - t0), why);
		rc = e == PRINTER_OK ? 0 : 1;
	}
	printer_free(p);
	bitmap_free(bm);
	return rc;
}

static int cmd_status(int argc, char **argv)
{
	struct printer_options o;
	enum bitmap_mode mode = BITMAP_THRESHOLD;
	struct printer *p;
	char why[600];
	int i = parse_opts(argc, argv, 2, &o, &mode);

	if (i == -2)
		return 1;
	if (i != argc)
		return usage();
	if (!(p = printer_new(&o, why, sizeof why))) {
		fprintf(stderr, "printer-tool: %s\n", why);
		return 1;
	}
	int64_t t0 = clock_mono_ms();
	enum printer_state s = printer_query_status(p, why, sizeof why);
	printf("%s %lld %s\n", printer_state_name(s), (long long)(clock_mono_ms() - t0), why);
	printer_free(p);
	return s == PRINTER_STATE_OK || s == PRINTER_STATE_PAPER_LOW ? 0 : 1;
}

static int cmd_decode(int argc, char **argv)
{
	struct escpos_doc *doc;
	char err[300];
	size_t len;
	uint8_t *d;
	int rc = 0;

	if (argc != 3 && argc != 6)
		return usage();
	if (argc == 6 && strcmp(argv[3], "--image") != 0)
		return usage();
	if (!(d = read_all(argv[2], &len)))
		return 1;
	enum escpos_decode_err e = escpos_decode(d, len, &doc, err, sizeof err);
	free(d);
	if (e) {
		printf("error %s: %s\n", escpos_decode_err_name(e), err);
		return 1;
	}
	for (int i = 0; i < escpos_doc_count(doc); i++) {
		const struct escpos_item *it = escpos_doc_item(doc, i);
		printf("%zu %s", it->offset, escpos_kind_name(it->kind));
		if (it->kind == ESCPOS_RASTER)
			printf(" %dx%d scale=%d", bitmap_width(it->image), bitmap_height(it->image),
			       it->scale);
		else if (it->kind == ESCPOS_CUT)
			printf(" %s feed=%d", it->partial ? "partial" : "full", it->n);
		else if (it->kind != ESCPOS_INIT && it->kind != ESCPOS_OTHER)
			printf(" %d", it->n);
		else if (it->kind == ESCPOS_OTHER)
			printf(" %02x %02x", it->cmd[0], it->cmd[1]);
		printf("\n");
	}
	printf("images %d cuts %d inits %d status %d\n", escpos_doc_n_images(doc),
	       escpos_doc_count_kind(doc, ESCPOS_CUT), escpos_doc_count_kind(doc, ESCPOS_INIT),
	       escpos_doc_count_kind(doc, ESCPOS_STATUS));
	if (argc == 6) {
		struct bitmap *bm = escpos_doc_image(doc, atoi(argv[4]));
		FILE *f = bm ? fopen(argv[5], "wb") : NULL;
		int bad = !f;
		if (f) {
			bad |= write_pbm(f, bm) < 0;
			bad |= fclose(f) != 0;
		}
		if (bad) {
			fprintf(stderr, "printer-tool: no image %s, or %s cannot be written\n", argv[4],
			        argv[5]);
			rc = 1;
		}
		bitmap_free(bm);
	}
	escpos_doc_free(doc);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "pattern") == 0)
		return cmd_pattern(argc, argv);
	if (strcmp(argv[1], "encode") == 0)
		return cmd_print(argc, argv, 1);
	if (strcmp(argv[1], "print") == 0)
		return cmd_print(argc, argv, 0);
	if (strcmp(argv[1], "status") == 0)
		return cmd_status(argc, argv);
	if (strcmp(argv[1], "decode") == 0)
		return cmd_decode(argc, argv);
	return usage();
}
