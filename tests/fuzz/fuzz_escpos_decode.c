/* Fuzz target: the ESC/POS decoder (printer/escpos_decode.c). Any input is
 * decoded or refused without a crash; what decodes is consistent (items tile
 * the input, images have the sizes of their bands), and every image it
 * yields survives the encoder and the decoder again unchanged. */
#include <stdlib.h>
#include <string.h>

#include "printer/bitmap.h"
#include "printer/escpos.h"
#include "printer/escpos_decode.h"
#include "tests/fuzz/fuzz.h"

/* Images re-encoded per input at most: enough to cover, cheap enough to run fast. */
#define MAX_REENCODE 4

static void check_reencode(const struct bitmap *img)
{
	struct escpos_ticket_opts o = { .cut = true, .feed_lines = 1 };
	struct escpos_doc *again = NULL;
	size_t len;
	uint8_t *bytes;

	if (bitmap_stride(img) > 0xffff)
		return;
	bytes = escpos_encode_ticket(img, &o, &len);
	if (!bytes)
		return;   /* out of memory only */
	FUZZ_CHECK(escpos_decode(bytes, len, &again, NULL, 0) == ESCPOS_DECODE_OK);
	FUZZ_CHECK(escpos_doc_n_images(again) == 1);
	struct bitmap *back = escpos_doc_image(again, 0);
	FUZZ_CHECK(back && bitmap_equal(back, img));
	bitmap_free(back);
	escpos_doc_free(again);
	free(bytes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct escpos_doc *doc = NULL;
	char err[200];
	enum escpos_decode_err e = escpos_decode(data, size, &doc, err, sizeof err);
	size_t at = 0;

	if (e != ESCPOS_DECODE_OK) {
		FUZZ_CHECK(doc == NULL);
		FUZZ_CHECK(strncmp(err, "offset ", 7) == 0);
		FUZZ_CHECK(strtoull(err + 7, NULL, 10) < size || size == 0);
		return 0;
	}
	FUZZ_CHECK(doc != NULL);
	for (int i = 0; i < escpos_doc_count(doc); i++) {
		const struct escpos_item *it = escpos_doc_item(doc, i);
		FUZZ_CHECK(it->offset == at && it->length > 0);
		at += it->length;
		if (it->kind == ESCPOS_RASTER) {
			FUZZ_CHECK(it->image != NULL);
			FUZZ_CHECK(it->length == 8 + (size_t)bitmap_stride(it->image) *
			                             (size_t)bitmap_height(it->image));
			FUZZ_CHECK(bitmap_width(it->image) % 8 == 0);
		} else
			FUZZ_CHECK(it->image == NULL);
	}
	FUZZ_CHECK(at == size);
	FUZZ_CHECK(escpos_doc_n_images(doc) <= escpos_doc_count_kind(doc, ESCPOS_RASTER));
	for (int k = 0; k < escpos_doc_n_images(doc) && k < MAX_REENCODE; k++) {
		struct bitmap *img = escpos_doc_image(doc, k);
		if (img)
			check_reencode(img);
		bitmap_free(img);
	}
	FUZZ_CHECK(escpos_doc_image(doc, escpos_doc_n_images(doc)) == NULL);
	escpos_doc_free(doc);
	return 0;
}
