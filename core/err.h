/* Error codes shared by every Fronta library, and their protocol names. */
#ifndef FRONTA_ERR_H
#define FRONTA_ERR_H

enum fronta_err {
	FRONTA_OK = 0,
	FRONTA_EBADREQ,          /* malformed request, wrong type, unknown op */
	FRONTA_EUNKNOWN_SERVICE,
	FRONTA_EUNKNOWN_COUNTER,
	FRONTA_ECLOSED,          /* service outside its opening hours */
	FRONTA_EEMPTY,           /* nothing to call */
	FRONTA_ENO_TICKET,       /* the counter has no current ticket */
	FRONTA_ENOT_FOUND,
	FRONTA_EINTERNAL,        /* storage failed; nothing changed */
	FRONTA_ENOMEM,
	FRONTA_EIO,
	FRONTA_ECONFIG
};

/* The protocol's error code for err ("bad_request", ...). Never NULL;
 * errors that are not protocol errors map to "internal". */
const char *fronta_err_code(enum fronta_err err);

#endif
