/* Unit tests of the .po reader, the Plural-Forms evaluator, catalogue
 * lookups with their fallbacks, placeholders, and a corpus of broken files. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/log.h"
#include "ui/assets.h"
#include "ui/i18n.h"
#include "ui/i18n_check.h"
#include "ui/plural.h"
#include "ui/po.h"

static const char CS_HEADER[] =
	"msgid \"\"\n"
	"msgstr \"\"\n"
	"\"Language: cs\\n\"\n"
	"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	"\"Plural-Forms: nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;\\n\"\n"
	"\"X-Fronta-Native-Name: Čeština\\n\"\n";

/* ---- plural expressions ---- */

static void test_plural_basic(void **state)
{
	char err[200];
	struct plural *p;
	(void)state;
	p = plural_parse("nplurals=2; plural=(n != 1);", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(plural_count(p), 2);
	assert_int_equal(plural_index(p, 0), 1);
	assert_int_equal(plural_index(p, 1), 0);
	assert_int_equal(plural_index(p, 2), 1);
	plural_free(p);

	p = plural_parse("nplurals=1; plural=0;", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(plural_index(p, 7), 0);
	plural_free(p);

	/* every operator, with C precedence: 2+3*4 == 14, (2+3)*4 == 20 */
	p = plural_parse(" nplurals = 4 ; plural = n == 2+3*4 ? 1 : n == (2+3)*4 ? 2 : !(n%7) && n > 0 || n >= 100 && n <= 100 ? 3 : n - 1 < 0 ? 0 : n / 50 != 0 ? 0 : 0 ;",
	                 err, sizeof err);
	assert_non_null(p);
	assert_int_equal(plural_index(p, 14), 1);
	assert_int_equal(plural_index(p, 20), 2);
	assert_int_equal(plural_index(p, 7), 3);
	assert_int_equal(plural_index(p, 100), 3);
	assert_int_equal(plural_index(p, 0), 0);
	assert_int_equal(plural_index(p, 5), 0);
	plural_free(p);

	/* plural= before nplurals= is allowed */
	p = plural_parse("plural=n>1; nplurals=2;", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(plural_index(p, 2), 1);
	plural_free(p);
}

static void test_plural_errors(void **state)
{
	static const struct {
		const char *forms;
		const char *frag;
	} bad[] = {
		{ "nplurals=2; plural=(n>1 ? 0 : 5);", "gives 5" },
		{ "nplurals=2; plural=(n==1 ? 0 : 1;", "missing ')'" },
		{ "nplurals=2; plural=n/(n-n);", "divides by zero" },
		{ "nplurals=2; plural=n @ 1;", "unexpected '@'" },
		{ "nplurals=2; plural=n ? 1;", "missing ':'" },
		{ "nplurals=2; plural=;", "ends too early" },
		{ "nplurals=2; plural=n 1;", "unexpected '1'" },
		{ "nplurals=2; plural=x;", "unexpected 'x'" },
		{ "nplurals=9; plural=0;", "nplurals must be" },
		{ "nplurals=2;", "Plural-Forms needs" },
		{ "nplurals=2; plural=99999999999999;", "too large" },
	};
	char err[200], deep[1200];
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct plural *p = plural_parse(bad[i].forms, err, sizeof err);
		if (p || !strstr(err, bad[i].frag))
			fail_msg("%s: got \"%s\", wanted \"%s\"", bad[i].forms, p ? "a rule" : err, bad[i].frag);
	}
	snprintf(deep, sizeof deep, "nplurals=2; plural=");
	for (int i = 0; i < 500; i++)
		strcat(deep, "!");
	strcat(deep, "n;");
	assert_null(plural_parse(deep, err, sizeof err));
	assert_non_null(strstr(err, "nested too deeply"));
	assert_null(plural_parse(NULL, err, sizeof err));
}

/* ---- .po reading ---- */

struct seen {
	int n_entries;
	int n_errors;
	char last_error[300];
	struct po_entry last;
	char ctx[100], id[200], id_plural[200], str[PO_MAX_FORMS][200];
};

static void on_entry(void *user, const struct po_entry *e)
{
	struct seen *s = user;
	s->n_entries++;
	s->last = *e;
	snprintf(s->ctx, sizeof s->ctx, "%s", e->ctx ? e->ctx : "(none)");
	snprintf(s->id, sizeof s->id, "%s", e->id);
	snprintf(s->id_plural, sizeof s->id_plural, "%s", e->id_plural ? e->id_plural : "(none)");
	for (int i = 0; i < e->n_str; i++)
		snprintf(s->str[i], sizeof s->str[i], "%s", e->str[i]);
}

static void on_error(void *user, int line, const char *msg)
{
	struct seen *s = user;
	s->n_errors++;
	snprintf(s->last_error, sizeof s->last_error, "%d: %s", line, msg);
}

static void test_po_syntax(void **state)
{
	static const char text[] =
		"\xef\xbb\xbf# translator comment\n"
		"#. extracted comment\n"
		"#: kiosk/main.c:12\n"
		"#, c-format, fuzzy\n"
		"#| msgid \"old\"\n"
		"msgctxt \"ctx\"\n"
		"msgid \"\"\n"
		"\"multi \"\n"
		"  \"line\"\n"
		"msgid_plural \"many\"\n"
		"msgstr[0] \"esc: \\\" \\\\ \\n \\t \\101 \\x42 \\u\"\n"
		"msgstr[1] \"two\"\r\n"
		"\n"
		"#~ msgid \"obsolete\"\n"
		"#~ msgstr \"gone\"\n";
	struct seen s;
	(void)state;
	memset(&s, 0, sizeof s);
	/* \u is not a C escape: the one mistake of this text */
	assert_int_equal(po_parse(text, sizeof text - 1, on_entry, on_error, &s), 1);
	assert_non_null(strstr(s.last_error, "bad escape \\u"));
	assert_int_equal(s.n_entries, 0);

	{
		/* the same without the bad escape */
		char fixed[sizeof text];
		char *u;
		memcpy(fixed, text, sizeof text);
		u = strstr(fixed, "\\u\"");
		memmove(u, u + 2, strlen(u + 2) + 1);
		memset(&s, 0, sizeof s);
		assert_int_equal(po_parse(fixed, strlen(fixed), on_entry, on_error, &s), 0);
		assert_int_equal(s.n_entries, 1);
		assert_string_equal(s.ctx, "ctx");
		assert_string_equal(s.id, "multi line");
		assert_string_equal(s.id_plural, "many");
		assert_int_equal(s.last.n_str, 2);
		assert_string_equal(s.str[0], "esc: \" \\ \n \t A B ");
		assert_string_equal(s.str[1], "two");
		assert_true(s.last.fuzzy);
		assert_int_equal(s.last.line, 6);
	}
}

static void test_po_entries_without_blank_lines(void **state)
{
	static const char text[] = "msgid \"a\"\nmsgstr \"A\"\nmsgid \"b\"\nmsgstr \"B\"\nmsgctxt \"c\"\nmsgid \"b\"\nmsgstr \"C\"";
	struct seen s;
	(void)state;
	memset(&s, 0, sizeof s);
	assert_int_equal(po_parse(text, sizeof text - 1, on_entry, on_error, &s), 0);
	assert_int_equal(s.n_entries, 3);
	assert_string_equal(s.str[0], "C");
	assert_string_equal(s.ctx, "c");
}

static void test_po_huge_and_many(void **state)
{
	size_t big = 60000, n;
	char *text = malloc(big + 100);
	struct seen s;
	(void)state;
	/* a long line within the limit is fine */
	n = (size_t)sprintf(text, "msgid \"x\"\nmsgstr \"");
	memset(text + n, 'y', big);
	n += big;
	n += (size_t)sprintf(text + n, "\"\n");
	memset(&s, 0, sizeof s);
	assert_int_equal(po_parse(text, n, on_entry, on_error, &s), 0);
	assert_int_equal(s.n_entries, 1);
	free(text);

	/* thousands of mistakes: the reader stops after 50 and says so */
	n = 20000 * 6;
	text = malloc(n + 1);
	for (size_t i = 0; i < 20000; i++)
		memcpy(text + i * 6, "junk\n\n", 6);
	memset(&s, 0, sizeof s);
	assert_true(po_parse(text, n, on_entry, on_error, &s) > 50);
	assert_int_equal(s.n_errors, 51);
	assert_non_null(strstr(s.last_error, "too many mistakes"));
	free(text);

	/* empty and one-character inputs */
	memset(&s, 0, sizeof s);
	assert_int_equal(po_parse("", 0, on_entry, on_error, &s), 0);
	assert_int_equal(po_parse("\"", 1, on_entry, on_error, &s), 1);
	assert_int_equal(po_parse("m", 1, on_entry, on_error, &s), 1);
}

/* po_entry strings only live during the callback: this one checks lengths. */
static void count_len(void *user, const struct po_entry *e) { *(size_t *)user = strlen(e->str[0]); }

static void test_po_long_string_copy(void **state)
{
	size_t big = 65000, n, got = 0;
	char *text = malloc(big + 100);
	(void)state;
	n = (size_t)sprintf(text, "msgid \"x\"\nmsgstr \"\"\n\"");
	memset(text + n, 'z', big);
	n += big;
	n += (size_t)sprintf(text + n, "\"\n");
	assert_int_equal(po_parse(text, n, count_len, NULL, &got), 0);
	assert_int_equal(got, big);
	free(text);
}

/* ---- the catalogue ---- */

static struct i18n *cat_with(const char *domain, const char *lang, const char *body)
{
	struct i18n *cat = i18n_new("/nonexistent");
	char *text = malloc(strlen(CS_HEADER) + strlen(body) + 2);
	char err[1000];
	sprintf(text, "%s\n%s", CS_HEADER, body);
	if (strcmp(lang, "cs") != 0) {
		char *l = strstr(text, "Language: cs");
		memcpy(l + 10, lang, 2);
	}
	if (i18n_add_po(cat, domain, lang, text, strlen(text), "test.po", err, sizeof err) != 0)
		fail_msg("unexpected: %s", err);
	free(text);
	return cat;
}

static void test_lookup_and_fallback(void **state)
{
	struct i18n *cat = i18n_new("/nonexistent");
	char err[1000];
	static const char en[] =
		"msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n"
		"msgid \"Hello\"\nmsgstr \"Hello!\"\n\n"
		"msgid \"Only English\"\nmsgstr \"Only English!\"\n\n"
		"msgctxt \"weekday\"\nmsgid \"May\"\nmsgstr \"May (w)\"\n\n"
		"msgid \"{n} day\"\nmsgid_plural \"{n} days\"\nmsgstr[0] \"{n} day!\"\nmsgstr[1] \"{n} days!\"\n";
	static const char cs_body[] =
		"msgid \"Hello\"\nmsgstr \"Ahoj\"\n\n"
		"#, fuzzy\nmsgid \"Only English\"\nmsgstr \"Jen anglicky\"\n\n"
		"msgctxt \"weekday\"\nmsgid \"May\"\nmsgstr \"Květen\"\n\n"
		"msgid \"May\"\nmsgstr \"Smí\"\n\n"
		"msgid \"Empty\"\nmsgstr \"\"\n\n"
		"msgid \"{n} day\"\nmsgid_plural \"{n} days\"\nmsgstr[0] \"{n} den\"\nmsgstr[1] \"{n} dny\"\nmsgstr[2] \"{n} dní\"\n";
	static const char kiosk_cs[] =
		"msgid \"\"\nmsgstr \"\"\n\"Language: cs\\n\"\n\n"
		"msgid \"Take a ticket\"\nmsgstr \"Vezměte si lístek\"\n";
	char *cs = malloc(sizeof CS_HEADER + sizeof cs_body + 2);
	(void)state;

	sprintf(cs, "%s\n%s", CS_HEADER, cs_body);
	assert_int_equal(i18n_add_po(cat, "common", "en", en, strlen(en), "en.po", err, sizeof err), 0);
	if (i18n_add_po(cat, "common", "cs", cs, strlen(cs), "cs.po", err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(i18n_add_po(cat, "kiosk", "cs", kiosk_cs, strlen(kiosk_cs), "k.po", err, sizeof err), 0);
	free(cs);

	assert_string_equal(i18n_get(cat, NULL, "cs", "Hello"), "Ahoj");
	assert_string_equal(i18n_get(cat, "kiosk", "cs", "Hello"), "Ahoj");       /* found in common */
	assert_string_equal(i18n_get(cat, "kiosk", "cs", "Take a ticket"), "Vezměte si lístek");
	assert_string_equal(i18n_get(cat, NULL, "cs", "Only English"), "Only English!");  /* fuzzy not used */
	assert_string_equal(i18n_get(cat, NULL, "cs", "Empty"), "Empty");         /* empty: msgid */
	assert_string_equal(i18n_get(cat, NULL, "cs", "Nowhere"), "Nowhere");
	assert_string_equal(i18n_get(cat, NULL, "de", "Hello"), "Hello!");         /* unknown language */
	assert_string_equal(i18n_get(cat, NULL, NULL, "Hello"), "Hello!");
	assert_string_equal(i18n_get_ctx(cat, NULL, "cs", "weekday", "May"), "Květen");
	assert_string_equal(i18n_get(cat, NULL, "cs", "May"), "Smí");
	assert_string_equal(i18n_get_ctx(cat, NULL, "en", "weekday", "May"), "May (w)");
	assert_string_equal(i18n_get_n(cat, NULL, "cs", NULL, "{n} day", "{n} days", 1), "{n} den");
	assert_string_equal(i18n_get_n(cat, NULL, "cs", NULL, "{n} day", "{n} days", 3), "{n} dny");
	assert_string_equal(i18n_get_n(cat, NULL, "cs", NULL, "{n} day", "{n} days", 5), "{n} dní");
	assert_string_equal(i18n_get_n(cat, NULL, "de", NULL, "{n} day", "{n} days", 5), "{n} days!");
	assert_string_equal(i18n_get_n(cat, NULL, "cs", NULL, "{n} week", "{n} weeks", 1), "{n} week");
	assert_string_equal(i18n_get_n(cat, NULL, "cs", NULL, "{n} week", "{n} weeks", 2), "{n} weeks");
	assert_true(i18n_has(cat, NULL, "cs", NULL, "Hello"));
	assert_false(i18n_has(cat, NULL, "cs", NULL, "Only English"));
	assert_false(i18n_has(cat, NULL, "cs", NULL, "Empty"));
	/* languages come from common's headers */
	assert_int_equal(i18n_lang_count(cat), 2);
	assert_string_equal(i18n_lang_native(cat, "cs"), "Čeština");
	assert_string_equal(i18n_lang_native(cat, "en"), "en");
	assert_false(i18n_lang_rtl(cat, "cs"));
	assert_string_equal(i18n_lang_script(cat, "cs"), "Latn");
	assert_int_equal(i18n_plural_count(cat, "cs"), 3);
	/* loading a file twice is refused, and said */
	assert_int_equal(i18n_add_po(cat, "kiosk", "cs", kiosk_cs, strlen(kiosk_cs), "k.po", err, sizeof err), 1);
	assert_non_null(strstr(err, "already loaded"));
	/* a domain file for a language without common/ */
	assert_int_equal(i18n_add_po(cat, "kiosk", "uk", "msgid \"\"\nmsgstr \"Language: uk\\n\"\n", 33, "u.po", err,
	                             sizeof err),
	                 1);
	assert_non_null(strstr(err, "has no common/uk.po"));
	i18n_free(cat);
}

static void test_format(void **state)
{
	char out[64];
	(void)state;
	assert_int_equal(i18n_format(out, sizeof out, "Number {number}, counter {counter}", "number", "A023", "counter",
	                             "2", NULL),
	                 22);
	assert_string_equal(out, "Number A023, counter 2");
	/* unknown names, braces that are not placeholders, repeats */
	i18n_format(out, sizeof out, "{x} {n}{n} {} {N} {a-b} {", "n", "5", NULL);
	assert_string_equal(out, "{x} 55 {} {N} {a-b} {");
	/* truncation keeps whole characters */
	assert_int_equal(i18n_format(out, 8, "čččč{n}", "n", "1", NULL), -1);
	assert_string_equal(out, "ččč");
	assert_int_equal(i18n_format(out, 6, "ab{n}", "n", "čččč", NULL), -1);
	assert_string_equal(out, "abč");
	assert_int_equal(i18n_format(out, sizeof out, NULL, NULL), 0);
	assert_string_equal(out, "");
}

static void test_placeholder_check(void **state)
{
	char why[200];
	(void)state;
	assert_true(i18n_check_placeholders("Number {number} to {counter}", NULL, "{counter}: {number}", why, sizeof why));
	assert_false(i18n_check_placeholders("Number {number}", NULL, "Číslo {numer}", why, sizeof why));
	assert_non_null(strstr(why, "{numer}"));
	assert_false(i18n_check_placeholders("Number {number}", NULL, "Číslo", why, sizeof why));
	assert_non_null(strstr(why, "{number}"));
	/* a plural form may leave out {n} ("one hour"), nothing else */
	assert_true(i18n_check_placeholders("{n} hour", "{n} hours", "ساعة واحدة", why, sizeof why));
	assert_false(i18n_check_placeholders("{n} hour", "{n} hours", "{n} {h}", why, sizeof why));
}

static void count_problem(void *user, const char *file, int line, const char *msg)
{
	char *all = user;
	(void)line;
	snprintf(all + strlen(all), 2000 - strlen(all), "%s: %s\n", file, msg);
}

static void test_check_domain_finds_gaps(void **state)
{
	struct i18n *cat = i18n_new("/nonexistent");
	char err[1000], all[2000] = "";
	static const char en[] = "msgid \"\"\nmsgstr \"Language: en\\nPlural-Forms: nplurals=2; plural=n!=1;\\n\"\n\n"
	                         "msgid \"A {x}\"\nmsgstr \"A {x}\"\n\nmsgid \"B\"\nmsgstr \"B\"\n\n"
	                         "msgid \"C\"\nmsgstr \"C\"\n\nmsgid \"D\"\nmsgstr \"D\"\n";
	static const char cs[] = "msgid \"\"\nmsgstr \"Language: cs\\nPlural-Forms: nplurals=2; plural=n!=1;\\n\"\n\n"
	                         "msgid \"A {x}\"\nmsgstr \"A {y}\"\n\n#, fuzzy\nmsgid \"B\"\nmsgstr \"Bé\"\n\n"
	                         "msgid \"C\"\nmsgstr \"\"\n\nmsgid \"E\"\nmsgstr \"É\"\n";
	(void)state;
	assert_int_equal(i18n_add_po(cat, "common", "en", en, strlen(en), "en.po", err, sizeof err), 0);
	assert_int_equal(i18n_add_po(cat, "common", "cs", cs, strlen(cs), "cs.po", err, sizeof err), 0);
	assert_int_equal(i18n_check_domain(cat, "common", count_problem, all), 5);
	assert_non_null(strstr(all, "{y} is not in the msgid"));
	assert_non_null(strstr(all, "\"B\" is marked fuzzy"));
	assert_non_null(strstr(all, "\"C\" has an empty msgstr"));
	assert_non_null(strstr(all, "\"D\" has no translation"));
	assert_non_null(strstr(all, "\"E\" is not in en.po"));
	i18n_free(cat);
}

/* ---- the corpus of broken files ---- */

static char corpus_dir[4096];

static int setup_corpus(void **state)
{
	char assets[2048], err[300];
	(void)state;
	if (assets_find(NULL, assets, sizeof assets, err, sizeof err) < 0)
		return -1;
	snprintf(corpus_dir, sizeof corpus_dir, "%s/../tests/ui/po-corpus", assets);
	return 0;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void test_broken_corpus(void **state)
{
	DIR *d = opendir(corpus_dir);
	struct dirent *de;
	int files = 0;
	(void)state;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char path[8192], err[8192];
		size_t len = 0;
		char *text, *p;
		struct i18n *cat;
		int n, wanted = 0;
		if (!strstr(de->d_name, ".po"))
			continue;
		snprintf(path, sizeof path, "%s/%s", corpus_dir, de->d_name);
		text = read_all(path, &len);
		assert_non_null(text);
		cat = i18n_new(corpus_dir);
		n = i18n_add_po(cat, "common", "cs", text, len, de->d_name, err, sizeof err);
		/* every "# expect LINE: words" must be among the messages */
		for (p = strstr(text, "# expect "); p; p = strstr(p + 1, "# expect ")) {
			int line;
			char frag[200], want[300];
			if (sscanf(p, "# expect %d: %199[^\n]", &line, frag) != 2)
				continue;
			wanted++;
			if (line > 0)
				snprintf(want, sizeof want, "%s:%d: ", de->d_name, line);
			else
				snprintf(want, sizeof want, "%s: ", de->d_name);
			{
				const char *hit = strstr(err, want);
				if (!hit || !strstr(hit, frag) || strchr(hit, '\n') < strstr(hit, frag))
					fail_msg("%s: wanted \"%s%s\" in:\n%s", de->d_name, want, frag, err);
			}
		}
		if (wanted == 0 || n < wanted)
			fail_msg("%s: %d expectations, %d mistakes:\n%s", de->d_name, wanted, n, err);
		/* the good entry after the mistake is still used */
		if (!strstr(de->d_name, "at_end") && !strstr(de->d_name, "nul_byte") &&
		    strcmp(i18n_get(cat, NULL, "cs", "Good"), "Dobré") != 0)
			fail_msg("%s: the good entry after the mistake was lost", de->d_name);
		i18n_free(cat);
		free(text);
		files++;
	}
	closedir(d);
	assert_true(files >= 30);
}

/* Thousands of damaged copies of the real files: whatever the damage, the
 * reader answers (under ASan/UBSan in `make SANITIZE=...`: no crash, no
 * leak, no undefined behaviour) and lookups still return text. */
static void test_mutated_po_files(void **state)
{
	static const char *const langs[] = { "cs", "en", "uk", "ar" };
	static const char tokens[] = "\"\\\n#[]{}0 \xff\xd0";
	char assets[2048], err[4000];
	unsigned seed = 20261123;
	(void)state;
	assert_int_equal(assets_find(NULL, assets, sizeof assets, err, sizeof err), 0);
	for (size_t f = 0; f < sizeof langs / sizeof langs[0]; f++) {
		char path[2200];
		size_t n;
		char *text;
		snprintf(path, sizeof path, "%s/i18n/common/%s.po", assets, langs[f]);
		text = read_all(path, &n);
		assert_non_null(text);
		for (int it = 0; it < 500; it++) {
			char *m = malloc(n + 1);
			size_t len = n;
			struct i18n *cat = i18n_new("/nonexistent");
			memcpy(m, text, n);
			for (int k = 1 + (int)(rand_r(&seed) % 6); k > 0 && len > 0; k--) {
				size_t pos = (size_t)rand_r(&seed) % len;
				switch (rand_r(&seed) % 4) {
				case 0: m[pos] = (char)rand_r(&seed); break;
				case 1: m[pos] = tokens[(size_t)rand_r(&seed) % (sizeof tokens - 1)]; break;
				case 2: memmove(m + pos, m + pos + 1, len - pos - 1); len--; break;
				default: len = pos; break;
				}
			}
			i18n_add_po(cat, "common", langs[f], m, len, "m.po", err, sizeof err);
			assert_non_null(i18n_get_n(cat, NULL, langs[f], NULL, "{n} person waiting", "{n} people waiting",
			                           (unsigned long)rand_r(&seed)));
			i18n_free(cat);
			free(m);
		}
		free(text);
	}
}

static void test_load_from_disk(void **state)
{
	char assets[4096], dir[4200], err[2000];
	struct i18n *cat;
	(void)state;
	assert_int_equal(assets_find(NULL, assets, sizeof assets, err, sizeof err), 0);
	snprintf(dir, sizeof dir, "%s/i18n", assets);
	cat = i18n_new(dir);
	assert_int_equal(i18n_load(cat, "common", err, sizeof err), 0);
	assert_int_equal(i18n_load(cat, "no-such-domain", err, sizeof err), -1);
	assert_non_null(strstr(err, "no-such-domain"));
	assert_int_equal(i18n_load(cat, "../etc", err, sizeof err), -1);
	assert_true(i18n_lang_count(cat) >= 7);
	assert_true(i18n_lang_rtl(cat, "ar"));
	assert_string_equal(i18n_lang_script(cat, "ar"), "Arab");
	assert_string_equal(i18n_lang_script(cat, "uk"), "Cyrl");
	assert_string_equal(i18n_lang_native(cat, "vi"), "Tiếng Việt");
	i18n_free(cat);
	(void)cat_with;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plural_basic),
		cmocka_unit_test(test_plural_errors),
		cmocka_unit_test(test_po_syntax),
		cmocka_unit_test(test_po_entries_without_blank_lines),
		cmocka_unit_test(test_po_huge_and_many),
		cmocka_unit_test(test_po_long_string_copy),
		cmocka_unit_test(test_lookup_and_fallback),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_placeholder_check),
		cmocka_unit_test(test_check_domain_finds_gaps),
		cmocka_unit_test(test_broken_corpus),
		cmocka_unit_test(test_mutated_po_files),
		cmocka_unit_test(test_load_from_disk),
	};
	log_init("test_i18n", LOG_ERROR);
	return cmocka_run_group_tests(tests, setup_corpus, NULL);
}
