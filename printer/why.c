/* Reasons for logs, written where the caller asked. */
#include "printer/why.h"

#include <stdarg.h>
#include <stdio.h>

void why_set(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (!why || !whylen)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}
