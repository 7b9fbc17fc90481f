/* The console's sentences from the catalogue (words.h). */
#include "console/words.h"

#include <stdio.h>
#include <string.h>

#include "core/tz.h"
#include "ui/phrase.h"

static const char *const action_ids[ACT_COUNT] = {
	[ACT_CALL] = "Call next",        [ACT_CALL_NUMBER] = "Call a number…",
	[ACT_RECALL] = "Recall",         [ACT_FINISH] = "Done",
	[ACT_NOSHOW] = "No-show",        [ACT_TRANSFER] = "Transfer…",
	[ACT_PAUSE] = "Pause",           [ACT_RESUME] = "Resume",
	[ACT_SERVICES] = "Services…",    [ACT_UNDO] = "Undo",
};

static const char *const why_ids[WHY_COUNT] = {
	[WHY_OK] = NULL,
	[WHY_NO_COUNTER] = "This counter is not in the queue",
	[WHY_OFFLINE] = "Offline",            /* common's word, as in the top bar */
	[WHY_REFUSED] = "Refused by the broker",
	[WHY_SYNCING] = "Getting the queue…",
	[WHY_SENDING] = "Sending…",
	[WHY_PAUSED] = "Paused: P resumes",
	[WHY_CLOSED] = "Closed: P opens",
	[WHY_EMPTY] = "Nobody is waiting",
	[WHY_NO_TICKET] = "Nobody at the counter",
	[WHY_NO_UNDO] = "Nothing to undo",
	[WHY_BUSY] = "Serving someone else",
	[WHY_JUST_CALLED] = "Just called",
	[WHY_SAME_SERVICE] = "Already in this service",
	[WHY_NO_SERVICES] = "Unknown service",
	[WHY_BAD_NUMBER] = "Not a ticket number",
};

const char *words_action(struct i18n *cat, const char *lang, enum action a, bool resume_opens)
{
	if (a == ACT_RESUME && resume_opens)
		return i18n_get(cat, WORDS_DOMAIN, lang, "Open the counter");
	return (unsigned)a < ACT_COUNT ? i18n_get(cat, WORDS_DOMAIN, lang, action_ids[a]) : "";
}

const char *words_why(struct i18n *cat, const char *lang, enum why_not w)
{
	if ((unsigned)w >= WHY_COUNT || !why_ids[w])
		return "";
	return i18n_get(cat, WORDS_DOMAIN, lang, why_ids[w]);
}

static const struct {
	const char *code, *msgid;
} errors[] = {
	{ "bad_request", "The server did not understand the request. Tell IT (bad_request)." },
	{ "unknown_service", "The server does not know this service. Tell IT (unknown_service)." },
	{ "unknown_counter", "The server does not know this counter. Tell IT (unknown_counter)." },
	{ "closed", "The service is closed now." },
	{ "empty", "Nobody is waiting for your services." },
	{ "no_ticket", "Nobody is at your counter now." },
	{ "not_found", "{number} cannot be called: not from today, at another counter, or closed at the day's end." },
	{ "internal", "The server could not save this; nothing changed. Try again." },
	{ "refused", "The broker does not let this console do that. Tell IT." },
	{ "bad_answer", "The server's answer was not understood. Tell IT." },
};

int words_error(struct i18n *cat, const char *lang, const char *code, const char *number, char *out, size_t cap)
{
	for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
		if (!strcmp(errors[i].code, code))
			return i18n_format(out, cap, i18n_get(cat, WORDS_DOMAIN, lang, errors[i].msgid), "number",
			                   number && number[0] ? number : "?", NULL);
	return i18n_format(out, cap, i18n_get(cat, WORDS_DOMAIN, lang, "The server said no ({code})."), "code", code,
	                   NULL);
}

static const char *service_name(const struct config *cfg, const char *lang, char letter)
{
	const struct service_cfg *s = config_service(cfg, letter);
	return s ? config_service_name(cfg, s, lang) : "?";
}

int words_note(struct i18n *cat, const struct config *cfg, const char *lang, const struct model_note *n, char *out,
               size_t cap)
{
	const char *msgid = NULL;
	char inner[600];

	out[0] = '\0';
	switch (n->kind) {
	case NOTE_NONE: return 0;
	case NOTE_CALLED: msgid = "{number} called to this counter"; break;
	case NOTE_CALLED_BACK: msgid = "{number} called back to this counter"; break;
	case NOTE_RECALLED: msgid = "{number} called again"; break;
	case NOTE_DONE: msgid = "{number} done"; break;
	case NOTE_NOSHOW: msgid = "{number} did not come"; break;
	case NOTE_TRANSFERRED: msgid = "{number} now waits for {service}"; break;
	case NOTE_PAUSED: msgid = "Counter paused"; break;
	case NOTE_RESUMED: msgid = "Counter open"; break;
	case NOTE_SERVICES: msgid = "The services of this counter changed"; break;
	case NOTE_NEW_DAY: msgid = "A new day: the queue starts again"; break;
	case NOTE_GAVE_UP: msgid = "Stopped waiting for the answer. The screen shows what the server has."; break;
	case NOTE_CANNOT:
		return i18n_format(out, cap, i18n_get(cat, WORDS_DOMAIN, lang, "{action}: {why}"), "action",
		                   words_action(cat, lang, n->action, false), "why", words_why(cat, lang, n->why), NULL);
	case NOTE_ERROR:
		words_error(cat, lang, n->code, n->number, inner, sizeof inner);
		return i18n_format(out, cap, i18n_get(cat, WORDS_DOMAIN, lang, "{action}: {why}"), "action",
		                   words_action(cat, lang, n->action, false), "why", inner, NULL);
	}
	if (!msgid)
		return 0;
	return i18n_format(out, cap, i18n_get(cat, WORDS_DOMAIN, lang, msgid), "number", n->number, "service",
	                   service_name(cfg, lang, n->service), NULL);
}

const char *words_language(struct i18n *cat, const char *ui_lang, const char *code)
{
	const char *english = i18n_lang_english(cat, code);
	/* A language without an entry here (added later) shows its English name. */
	if (!i18n_has(cat, WORDS_DOMAIN, I18N_SOURCE_LANG, "language", english))
		return english;
	return i18n_get_ctx(cat, WORDS_DOMAIN, ui_lang, "language", english);
}

const char *words_counter_state(struct i18n *cat, const char *lang, enum counter_state st)
{
	static const char *const ids[] = { "Open", "Paused", "Closed" };
	return i18n_get_ctx(cat, WORDS_DOMAIN, lang, "counter state", ids[st <= COUNTER_CLOSED ? st : COUNTER_CLOSED]);
}

void words_time(int64_t ms, char out[8])
{
	if (ms <= 0 || phrase_time(tz_minute_of_day(ms), out, 8) < 0)
		snprintf(out, 8, "--:--");
}
