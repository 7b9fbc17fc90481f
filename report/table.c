/* Text and CSV tables of grouped figures. */
#include "report/table.h"

#include <string.h>

#include "core/utf8.h"

/* The columns of each dimension: the counts shown, in order. The service
 * table starts with the columns the grant report asks for (docs/reports.md). */
static const enum tally_count service_counts[] = { TALLY_ISSUED, TALLY_SERVED, TALLY_NO_SHOW, TALLY_CANCELLED,
                                                   TALLY_TRANSFERRED };
static const enum tally_count service_extra[] = { TALLY_CLOSED_WAITING, TALLY_TRANSFERRED_IN, TALLY_OPEN };
static const enum tally_count other_counts[] = { TALLY_ISSUED, TALLY_SERVED, TALLY_NO_SHOW, TALLY_CANCELLED,
                                                 TALLY_CLOSED_WAITING, TALLY_OPEN };

#define N(a) ((int)(sizeof a / sizeof a[0]))

void table_format_duration(int seconds, char *out, size_t cap)
{
	if (seconds < 0)
		snprintf(out, cap, "-");
	else if (seconds < 3600)
		snprintf(out, cap, "%d:%02d", seconds / 60, seconds % 60);
	else
		snprintf(out, cap, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

/* The service's name when the row is of cfg's branch, else "". */
static const char *service_name(const struct config *cfg, const struct tally_cell *c)
{
	const struct service_cfg *s;
	if (!cfg || c->dim != TALLY_SERVICE || strcmp(c->branch, cfg->branch_id) != 0 || strlen(c->key) != 1)
		return "";
	s = config_service(cfg, c->key[0]);
	return s ? config_service_name(cfg, s, cfg->langs[0]) : "";
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

int table_write_csv(FILE *f, const struct tally *g, enum tally_dim dim, const struct config *cfg)
{
	bool svc = dim == TALLY_SERVICE;
	const enum tally_count *counts = svc ? service_counts : other_counts;
	int n_counts = svc ? N(service_counts) : N(other_counts);

	fprintf(f, "period,branch,%s", tally_dim_name(dim));
	for (int i = 0; i < n_counts; i++)
		fprintf(f, ",%s", tally_count_name(counts[i]));
	fprintf(f, ",median_wait_s,p90_wait_s%s", svc ? ",median_service_s" : "");
	for (int i = 0; svc && i < N(service_extra); i++)
		fprintf(f, ",%s", tally_count_name(service_extra[i]));
	fprintf(f, "%s\r\n", svc ? ",name" : "");

	for (int r = 0; r < tally_n_cells(g); r++) {
		const struct tally_cell *c = tally_cell_at(g, r);
		int w50, w90;
		if (c->dim != dim)
			continue;
		w50 = tally_percentile(&c->waits, 50);
		w90 = tally_percentile(&c->waits, 90);
		fprintf(f, "%s,%s,%s", c->period, c->branch, c->key);
		for (int i = 0; i < n_counts; i++)
			fprintf(f, ",%d", c->n[counts[i]]);
		/* nothing measured: an empty field, not 0 */
		fputc(',', f);
		if (w50 >= 0)
			fprintf(f, "%d", w50);
		fputc(',', f);
		if (w90 >= 0)
			fprintf(f, "%d", w90);
		if (svc) {
			int s50 = tally_percentile(&c->service, 50);
			fputc(',', f);
			if (s50 >= 0)
				fprintf(f, "%d", s50);
			for (int i = 0; i < N(service_extra); i++)
				fprintf(f, ",%d", c->n[service_extra[i]]);
			fputc(',', f);
			csv_field(f, service_name(cfg, c));
		}
		fputs("\r\n", f);
	}
	return ferror(f) ? -1 : 0;
}

/* Short headings of the text table, per count. */
static const char *text_heading(enum tally_count c)
{
	static const char *const h[TALLY_COUNTS] = { "ISSUED", "IN", "SERVED", "NO-SHOW", "CANCEL", "CLOSED",
	                                             "TRANSF", "OPEN" };
	return h[c];
}

int table_write_text(FILE *f, const struct tally *g, enum tally_dim dim, const struct config *cfg)
{
	static const char *const titles[TALLY_DIMS] = { "SERVICE", "LANGUAGE", "HOUR" };
	bool svc = dim == TALLY_SERVICE;
	const enum tally_count *counts = svc ? service_counts : other_counts;
	int n_counts = svc ? N(service_counts) : N(other_counts), key_w = svc ? 26 : 10;
	const char *period = "", *branch = "";
	bool any = false;

	for (int r = 0; r < tally_n_cells(g); r++) {
		const struct tally_cell *c = tally_cell_at(g, r);
		char key[160], label[64], d50[16], d90[16], s50[16];
		if (c->dim != dim)
			continue;
		if (strcmp(c->period, period) != 0 || strcmp(c->branch, branch) != 0) {
			char head[32];
			period = c->period;
			branch = c->branch;
			fprintf(f, "%s%s  branch %s%s%s\n", any ? "\n" : "", period, branch,
			        cfg && !strcmp(branch, cfg->branch_id) ? ", " : "",
			        cfg && !strcmp(branch, cfg->branch_id) ? cfg->branch_name : "");
			utf8_pad(head, sizeof head, titles[dim], key_w);
			fprintf(f, "  %s", head);
			for (int i = 0; i < n_counts; i++)
				fprintf(f, " %7s", text_heading(counts[i]));
			for (int i = 0; svc && i < N(service_extra); i++)
				fprintf(f, " %7s", text_heading(service_extra[i]));
			fprintf(f, " %9s %9s%s\n", "WAIT MED", "WAIT P90", svc ? "  SERVICE MED" : "");
		}
		any = true;
		snprintf(label, sizeof label, "%s%s%s", c->key, svc && c->key[1] == '\0' ? "  " : "", service_name(cfg, c));
		utf8_pad(key, sizeof key, label, key_w);
		fprintf(f, "  %s", key);
		for (int i = 0; i < n_counts; i++)
			fprintf(f, " %7d", c->n[counts[i]]);
		for (int i = 0; svc && i < N(service_extra); i++)
			fprintf(f, " %7d", c->n[service_extra[i]]);
		table_format_duration(tally_percentile(&c->waits, 50), d50, sizeof d50);
		table_format_duration(tally_percentile(&c->waits, 90), d90, sizeof d90);
		table_format_duration(tally_percentile(&c->service, 50), s50, sizeof s50);
		fprintf(f, " %9s %9s", d50, d90);
		if (svc)
			fprintf(f, "  %11s", s50);
		fputc('\n', f);
	}
	if (!any)
		fprintf(f, "  (no tickets in this period)\n");
	return ferror(f) ? -1 : 0;
}
