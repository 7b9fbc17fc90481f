/* ESC/POS bytes for one ticket: initialise, the image as GS v 0 raster bands,
 * feed, cut; and the DLE EOT status queries. docs/printing.md has the table. */
#ifndef FRONTA_PRINTER_ESCPOS_H
#define FRONTA_PRINTER_ESCPOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bitmap;

/* Raster data bytes per GS v 0 command at most: one 4 KiB receive buffer,
 * the smallest found on common printers (docs/printing.md, "Bands"). */
#define ESCPOS_BAND_BYTES 4096
/* Rows per band at most, so that yH is always 0: some clones read only yL. */
#define ESCPOS_BAND_MAX_ROWS 255

/* Lines fed after the image (ESC d n), so the last line clears the tear bar
 * or the cutter; n x 1/6 inch at the default line spacing. */
#define ESCPOS_TICKET_FEED 3

/* Control bytes. */
#define ESCPOS_ESC 0x1b
#define ESCPOS_GS  0x1d
#define ESCPOS_DLE 0x10
#define ESCPOS_EOT 0x04

struct escpos_ticket_opts {
	bool cut;          /* GS V 66 0: feed to the cutter and cut partially */
	int feed_lines;    /* ESC d n after the image, 0..255 */
	int band_bytes;    /* raster bytes per GS v 0 at most; 0 = ESCPOS_BAND_BYTES */
};

/* Rows in each GS v 0 band of an image stride bytes wide: as many as fit in
 * band_bytes (0 = ESCPOS_BAND_BYTES), at least 1, at most ESCPOS_BAND_MAX_ROWS. */
int escpos_band_rows(int stride, int band_bytes);

/* The bytes of one ticket: ESC @, the bitmap in GS v 0 bands, ESC d, and
 * GS V 66 0 when opts->cut. Returns a new buffer (free() it) and its length
 * in *len, or NULL if an option is out of range or memory runs out. */
uint8_t *escpos_encode_ticket(const struct bitmap *bm, const struct escpos_ticket_opts *opts,
                              size_t *len);

/* The 3 bytes of DLE EOT n (n = 1 printer, 2 offline cause, 3 error cause,
 * 4 paper roll sensor) into out. */
void escpos_status_query(int n, uint8_t out[3]);

#endif
