/* The spoken call: number splitting and the sentence from the catalogue. */
#include "display/spoken.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int spoken_split(const char *number, char *letter, size_t lcap, char *digits, size_t dcap)
{
	size_t n;
	const char *d;
	if (!number || !letter || !digits || lcap < 2 || dcap < 2)
		return -1;
	n = strlen(number);
	if (n < 2 || n > 7 || number[0] < 'A' || number[0] > 'Z')
		return -1;
	for (size_t i = 1; i < n; i++)
		if (!isdigit((unsigned char)number[i]))
			return -1;
	d = number + 1;
	while (*d == '0' && d[1])   /* "023" is read "23"; "0" stays */
		d++;
	if (strlen(d) + 1 > dcap)
		return -1;
	letter[0] = number[0];
	letter[1] = '\0';
	memcpy(digits, d, strlen(d) + 1);
	return 0;
}

int spoken_call(struct i18n *cat, const char *lang, const char *number, const char *counter, char *out,
                size_t cap)
{
	char letter[2], digits[8];
	if (!cat || !lang || !counter || !out || cap == 0)
		return -1;
	out[0] = '\0';
	if (spoken_split(number, letter, sizeof letter, digits, sizeof digits) != 0)
		return -1;
	return i18n_format(out, cap,
	                   i18n_get_ctx(cat, SPOKEN_DOMAIN, lang, "speech", "Number {letter} {digits}, counter {counter}."),
	                   "letter", i18n_get_ctx(cat, SPOKEN_DOMAIN, lang, "letter name", letter), "digits", digits,
	                   "counter", counter, NULL);
}

/* Is code one of the words of list (separated by spaces or commas)? */
static int listed(const char *list, const char *code)
{
	size_t n = strlen(code);
	const char *p = list;
	if (n == 0)
		return 0;
	while (p && *p) {
		size_t w;
		p += strspn(p, " ,\t");
		w = strcspn(p, " ,\t");
		if (w == n && strncmp(p, code, n) == 0)
			return 1;
		p += w;
	}
	return 0;
}

int spoken_langs(const char *local, const char *ticket_lang, const char *speech_langs,
                 const char *out[SPOKEN_MAX_LANGS])
{
	int k = 0;
	out[k++] = local;
	if (ticket_lang && speech_langs && strcmp(ticket_lang, local) != 0 && listed(speech_langs, ticket_lang))
		out[k++] = ticket_lang;
	return k;
}
