/* Request ids for the kiosk's requests: unique across devices and restarts
 * without any stored counter, as "<device>-<64 random bits in hex>-<n>". One
 * touch gets one id, and a retry resends it, so frontad makes one ticket. */
#ifndef FRONTA_KIOSK_REQID_H
#define FRONTA_KIOSK_REQID_H

#include <stddef.h>
#include <stdint.h>

#define REQID_LEN 65   /* PROTO_REQUEST_ID_MAX + NUL */

struct reqid {
	char prefix[52];   /* "<device>-<hex>" */
	uint64_t next;
};

/* Starts ids for device (1-31 characters, config_is_id) with 64 bits from
 * the kernel's random source, or, if that fails, from the clock and the
 * process id (logged). Returns 0, or -1 if device is too long. */
int reqid_init(struct reqid *r, const char *device);

/* The same with a chosen random part (tests). */
void reqid_init_with(struct reqid *r, const char *device, uint64_t random);

/* Writes the next id into out (REQID_LEN bytes). */
void reqid_next(struct reqid *r, char out[REQID_LEN]);

#endif
