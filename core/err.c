/* Protocol names of the error codes (PROTOCOL.md, "Responses"). */
#include "core/err.h"

const char *fronta_err_code(enum fronta_err err)
{
	switch (err) {
	case FRONTA_OK:               return "ok";
	case FRONTA_EBADREQ:          return "bad_request";
	case FRONTA_EUNKNOWN_SERVICE: return "unknown_service";
	case FRONTA_EUNKNOWN_COUNTER: return "unknown_counter";
	case FRONTA_ECLOSED:          return "closed";
	case FRONTA_EEMPTY:           return "empty";
	case FRONTA_ENO_TICKET:       return "no_ticket";
	case FRONTA_ENOT_FOUND:       return "not_found";
	default:                      return "internal";
	}
}
