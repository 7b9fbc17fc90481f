/* Request ids: a random prefix chosen at start and a counter (reqid.h). */
#include "kiosk/reqid.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/log.h"

void reqid_init_with(struct reqid *r, const char *device, uint64_t random)
{
	snprintf(r->prefix, sizeof r->prefix, "%.31s-%016" PRIx64, device, random);
	r->next = 1;
}

int reqid_init(struct reqid *r, const char *device)
{
	uint64_t x = 0;
	if (!device || strlen(device) > 31)
		return -1;
	if (getrandom(&x, sizeof x, 0) != (ssize_t)sizeof x) {
		/* No entropy source: a restart within the same nanosecond with the
		 * same pid is the only way to repeat a prefix. */
		log_warn("request ids: no random source, using the clock and the process id");
		x = (uint64_t)clock_mono_ns() ^ ((uint64_t)clock_now_ms() << 20) ^ (uint64_t)getpid();
	}
	reqid_init_with(r, device, x);
	return 0;
}

void reqid_next(struct reqid *r, char out[REQID_LEN])
{
	snprintf(out, REQID_LEN, "%s-%" PRIu64, r->prefix, r->next++);
}
