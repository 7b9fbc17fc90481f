/* The ESC/POS encoder: one ticket image into the bytes a thermal printer takes. */
#include "printer/escpos.h"

#include <stdlib.h>
#include <string.h>

#include "printer/bitmap.h"

int escpos_band_rows(int stride, int band_bytes)
{
	int rows;

	if (band_bytes <= 0)
		band_bytes = ESCPOS_BAND_BYTES;
	if (stride < 1)
		return 1;
	rows = band_bytes / stride;
	if (rows < 1)
		rows = 1;
	if (rows > ESCPOS_BAND_MAX_ROWS)
		rows = ESCPOS_BAND_MAX_ROWS;
	return rows;
}

uint8_t *escpos_encode_ticket(const struct bitmap *bm, const struct escpos_ticket_opts *opts,
                              size_t *len)
{
	int stride, height, rows, bands;
	size_t total;
	uint8_t *out, *p;

	if (!bm || !opts || !len || opts->feed_lines < 0 || opts->feed_lines > 255 ||
	    opts->band_bytes < 0)
		return NULL;
	stride = bitmap_stride(bm);
	height = bitmap_height(bm);
	if (stride > 0xffff)   /* xL xH hold the row length in bytes */
		return NULL;
	rows = escpos_band_rows(stride, opts->band_bytes);
	bands = (height + rows - 1) / rows;

	/* The exact size first: one allocation, no growing. */
	total = 2                                        /* ESC @ */
	        + (size_t)bands * 8                      /* GS v 0 m xL xH yL yH */
	        + (size_t)stride * (size_t)height        /* raster data */
	        + 3                                      /* ESC d n */
	        + (opts->cut ? 4 : 0);                   /* GS V 66 0 */
	out = malloc(total);
	if (!out)
		return NULL;
	p = out;
	*p++ = ESCPOS_ESC;
	*p++ = '@';
	for (int y = 0; y < height; y += rows) {
		int h = height - y < rows ? height - y : rows;
		*p++ = ESCPOS_GS;
		*p++ = 'v';
		*p++ = '0';
		*p++ = 0;                         /* m = 0: normal size */
		*p++ = (uint8_t)(stride & 0xff);
		*p++ = (uint8_t)(stride >> 8);
		*p++ = (uint8_t)(h & 0xff);
		*p++ = (uint8_t)(h >> 8);
		for (int r = 0; r < h; r++) {
			memcpy(p, bitmap_row(bm, y + r), (size_t)stride);
			p += stride;
		}
	}
	*p++ = ESCPOS_ESC;
	*p++ = 'd';
	*p++ = (uint8_t)opts->feed_lines;
	if (opts->cut) {
		/* Function B, partial cut: the printer feeds the last line past
		 * the cutter itself, then cuts n = 0 dots further. */
		*p++ = ESCPOS_GS;
		*p++ = 'V';
		*p++ = 66;
		*p++ = 0;
	}
	*len = (size_t)(p - out);
	return out;
}

void escpos_status_query(int n, uint8_t out[3])
{
	out[0] = ESCPOS_DLE;
	out[1] = ESCPOS_EOT;
	out[2] = (uint8_t)n;
}
