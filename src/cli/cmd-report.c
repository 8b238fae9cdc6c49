/*
 * kassa report z [--date YYYY-MM-DD] [--till ID] [--format text|json|csv]
 * (the day's figures), and the shift's reports of cmd-shift.c: report x,
 * report z --number N, report z --list.
 * kassa report hourly|departments|items|cashiers|losses|cash
 *     [--date D] [--to D2] [--till ID] [--format text|json|csv]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "csv.h"
#include "db.h"
#include "incident.h"
#include "money.h"
#include "receipt.h"
#include "report.h"
#include "table.h"
#include "xmalloc.h"

static int
report_usage(void)
{
	fputs("usage: kassa report z [--date YYYY-MM-DD] [--till ID] "
	    "[--format text|json|csv]\n"
	    "       kassa report z --number N [--format text|json] [--print]\n"
	    "       kassa report z --list\n"
	    "       kassa report x [--format text|json] [--user N]\n"
	    "       kassa report hourly|departments|items|cashiers|losses|cash "
	    "[--date YYYY-MM-DD]\n"
	    "            [--to YYYY-MM-DD] [--till ID] [--format text|json|csv]"
	    "\n", stderr);
	return (2);
}

static void
report_json(FILE *f, const struct day_report *r, const char *currency,
    const struct incident_count *ic, size_t nic)
{
	size_t	i;

	fprintf(f, "{\n  \"report\": \"z\",\n  \"date\": ");
	json_string(f, r->date);
	if (r->till != 0)
		fprintf(f, ",\n  \"till\": %lld", (long long)r->till);
	else
		fprintf(f, ",\n  \"till\": null");
	fprintf(f, ",\n  \"currency\": ");
	json_string(f, currency);
	fprintf(f, ",\n  \"receipts\": %lld,\n  \"first_receipt\": %lld,\n"
	    "  \"last_receipt\": %lld,\n  \"gross\": %lld,\n"
	    "  \"discounts\": %lld,\n  \"rounding\": %lld,\n"
	    "  \"voided_lines\": %lld,\n  \"voided_amount\": %lld,\n"
	    "  \"vat\": [", (long long)r->receipts,
	    (long long)r->first_receipt, (long long)r->last_receipt,
	    (long long)r->gross, (long long)r->discounts,
	    (long long)r->rounding, (long long)r->voided_lines,
	    (long long)r->voided_amount);
	for (i = 0; i < r->vat.n; i++)
		fprintf(f, "%s\n    {\"rate_bp\": %d, \"gross\": %lld, "
		    "\"net\": %lld, \"tax\": %lld}", i ? "," : "",
		    r->vat.sums[i].rate_bp, (long long)r->vat.sums[i].gross,
		    (long long)r->vat.sums[i].net,
		    (long long)r->vat.sums[i].tax);
	fprintf(f, "%s],\n  \"tenders\": [", r->vat.n ? "\n  " : "");
	for (i = 0; i < r->ntenders; i++) {
		fprintf(f, "%s\n    {\"type\": ", i ? "," : "");
		json_string(f, r->tenders[i].type);
		fprintf(f, ", \"amount\": %lld, \"count\": %lld}",
		    (long long)r->tenders[i].amount,
		    (long long)r->tenders[i].count);
	}
	fprintf(f, "%s],\n  \"backfilled\": %lld,\n"
	    "  \"backfilled_amount\": %lld,\n  \"incidents\": {",
	    r->ntenders ? "\n  " : "", (long long)r->backfilled,
	    (long long)r->backfilled_amount);
	for (i = 0; i < nic; i++)
		fprintf(f, "%s\"%s\": %lld", i ? ", " : "", ic[i].kind,
		    (long long)ic[i].count);
	fprintf(f, "}\n}\n");
}

/* Long format, one figure a row: easy to filter and pivot. */
static void
report_csv(FILE *f, const struct day_report *r,
    const struct incident_count *ic, size_t nic)
{
	size_t	i;

	fprintf(f, "date,figure,detail,value\n");
#define ROW(name, v) fprintf(f, "%s,%s,,%lld\n", r->date, name, (long long)(v))
	ROW("receipts", r->receipts);
	ROW("first_receipt", r->first_receipt);
	ROW("last_receipt", r->last_receipt);
	ROW("gross", r->gross);
	ROW("discounts", r->discounts);
	ROW("rounding", r->rounding);
	ROW("voided_lines", r->voided_lines);
	ROW("voided_amount", r->voided_amount);
	ROW("backfilled", r->backfilled);
	ROW("backfilled_amount", r->backfilled_amount);
#undef ROW
	for (i = 0; i < r->vat.n; i++) {
		const struct vat_sum *v = &r->vat.sums[i];

		fprintf(f, "%s,vat_gross,%d,%lld\n", r->date, v->rate_bp,
		    (long long)v->gross);
		fprintf(f, "%s,vat_net,%d,%lld\n", r->date, v->rate_bp,
		    (long long)v->net);
		fprintf(f, "%s,vat_tax,%d,%lld\n", r->date, v->rate_bp,
		    (long long)v->tax);
	}
	for (i = 0; i < r->ntenders; i++) {
		fprintf(f, "%s,tender,%s,%lld\n", r->date, r->tenders[i].type,
		    (long long)r->tenders[i].amount);
		fprintf(f, "%s,tender_count,%s,%lld\n", r->date,
		    r->tenders[i].type, (long long)r->tenders[i].count);
	}
	for (i = 0; i < nic; i++)
		fprintf(f, "%s,incidents,%s,%lld\n", r->date, ic[i].kind,
		    (long long)ic[i].count);
}

/* Right-align s in w columns; a no-break space is one column, two bytes. */
static void
rcol(FILE *f, const char *s, size_t w)
{
	size_t	n = utf8_width(s);

	fputc(' ', f);
	for (; n < w; n++)
		fputc(' ', f);
	fputs(s, f);
}

static void
report_text(FILE *f, const struct day_report *r,
    const struct money_locale *loc, const char *currency,
    const struct incident_count *ic, size_t nic)
{
	char	a[MONEY_BUFSIZE], rate[16], n[32];
	size_t	i;

	fprintf(f, "Z report %s, ", r->date);
	if (r->till != 0)
		fprintf(f, "till %lld", (long long)r->till);
	else
		fprintf(f, "all tills");
	fprintf(f, " (amounts in %s)\n\n", currency);
	snprintf(n, sizeof n, "%lld", (long long)r->receipts);
	fprintf(f, "%-24s", "Receipts");
	rcol(f, n, 17);
	if (r->receipts > 0)
		fprintf(f, "  (%lld-%lld)", (long long)r->first_receipt,
		    (long long)r->last_receipt);
	fprintf(f, "\n%-24s", "Sales incl. VAT");
	rcol(f, money_format_plain(r->gross, loc, a, sizeof a), 17);
	fprintf(f, "\n%-24s", "Discounts given");
	rcol(f, money_format_plain(r->discounts, loc, a, sizeof a), 17);
	fprintf(f, "\n%-24s", "Cash rounding");
	rcol(f, money_format_plain(r->rounding, loc, a, sizeof a), 17);
	snprintf(n, sizeof n, "%lld", (long long)r->voided_lines);
	fprintf(f, "\n%-24s", "Voided lines");
	rcol(f, n, 17);
	fprintf(f, "  (%s)\n", money_format_plain(r->voided_amount, loc, a,
	    sizeof a));
	if (r->backfilled > 0) {
		snprintf(n, sizeof n, "%lld", (long long)r->backfilled);
		fprintf(f, "%-24s", "Entered from paper");
		rcol(f, n, 17);
		fprintf(f, "  (%s)\n", money_format_plain(r->backfilled_amount,
		    loc, a, sizeof a));
	}
	fprintf(f, "\n%-8s", "VAT %");
	rcol(f, "Net", 14);
	rcol(f, "VAT", 14);
	rcol(f, "Gross", 14);
	fputc('\n', f);
	for (i = 0; i < r->vat.n; i++) {
		const struct vat_sum *v = &r->vat.sums[i];

		fprintf(f, "%-8s", rate_format(v->rate_bp, loc, rate,
		    sizeof rate));
		rcol(f, money_format_plain(v->net, loc, a, sizeof a), 14);
		rcol(f, money_format_plain(v->tax, loc, a, sizeof a), 14);
		rcol(f, money_format_plain(v->gross, loc, a, sizeof a), 14);
		fputc('\n', f);
	}
	fprintf(f, "\n%-16s", "Tender");
	rcol(f, "Count", 8);
	rcol(f, "Amount", 16);
	fputc('\n', f);
	for (i = 0; i < r->ntenders; i++) {
		snprintf(n, sizeof n, "%lld", (long long)r->tenders[i].count);
		fprintf(f, "%-16s", r->tenders[i].type);
		rcol(f, n, 8);
		rcol(f, money_format_plain(r->tenders[i].amount, loc, a,
		    sizeof a), 16);
		fputc('\n', f);
	}
	if (nic > 0)
		fprintf(f, "\n%s\n", "Incidents (kassa incidents lists them)");
	for (i = 0; i < nic; i++) {
		snprintf(n, sizeof n, "%lld", (long long)ic[i].count);
		fprintf(f, "%-16s", ic[i].kind);
		rcol(f, n, 8);
		fputc('\n', f);
	}
}

/* A table as JSON: amounts in minor units, quantities in thousandths. */
void
table_json(FILE *f, const struct table *t, const char *currency)
{
	size_t	r, c;

	fprintf(f, "{\n  \"report\": ");
	json_string(f, t->kind);
	if (t->from != NULL) {
		fprintf(f, ",\n  \"from\": ");
		json_string(f, t->from);
		fprintf(f, ",\n  \"to\": ");
		json_string(f, t->to);
	}
	fprintf(f, ",\n  \"currency\": ");
	json_string(f, currency);
	fprintf(f, ",\n  \"rows\": [");
	for (r = 0; r < t->nrows - (size_t)t->total; r++) {
		fprintf(f, "%s\n    {", r ? "," : "");
		for (c = 0; c < t->ncols; c++) {
			const struct table_cell *cell = table_cell(t, r, c);

			fprintf(f, "%s\"%s\": ", c ? ", " : "", t->cols[c].key);
			if (t->cols[c].type == TABLE_TEXT)
				json_string(f, cell->text != NULL ? cell->text :
				    "");
			else if (cell->null)
				fputs("null", f);
			else
				fprintf(f, "%lld", (long long)cell->v);
		}
		fputc('}', f);
	}
	fprintf(f, "%s]", t->nrows > (size_t)t->total ? "\n  " : "");
	if (t->total) {
		const char *sep = "";

		fprintf(f, ",\n  \"total\": {");
		for (c = 1, r = t->nrows - 1; c < t->ncols; c++) {
			const struct table_cell *cell = table_cell(t, r, c);

			if (t->cols[c].type == TABLE_TEXT || cell->null)
				continue;
			fprintf(f, "%s\"%s\": %lld", sep, t->cols[c].key,
			    (long long)cell->v);
			sep = ", ";
		}
		fputc('}', f);
	}
	fputs("\n}\n", f);
}

/* A table as CSV: a header of keys, the rows, no total row. */
void
table_csv(FILE *f, const struct table *t)
{
	size_t	r, c;
	char	*q;

	for (c = 0; c < t->ncols; c++)
		fprintf(f, "%s%s", c ? "," : "", t->cols[c].key);
	fputc('\n', f);
	for (r = 0; r < t->nrows - (size_t)t->total; r++) {
		for (c = 0; c < t->ncols; c++) {
			const struct table_cell *cell = table_cell(t, r, c);

			if (c > 0)
				fputc(',', f);
			if (t->cols[c].type == TABLE_TEXT) {
				q = csv_quote(cell->text != NULL ? cell->text :
				    "", ',');
				fputs(q, f);
				free(q);
			} else if (!cell->null)
				fprintf(f, "%lld", (long long)cell->v);
		}
		fputc('\n', f);
	}
}

/* Write a table as text, CSV or JSON. */
void
table_write(FILE *f, const struct table *t, const char *format,
    struct db *db)
{
	char	*loc, *cur, *text;

	loc = db_setting(db, "store.locale", "fi_FI");
	cur = db_setting(db, "store.currency", "EUR");
	if (strcmp(format, "json") == 0)
		table_json(f, t, cur);
	else if (strcmp(format, "csv") == 0)
		table_csv(f, t);
	else {
		text = table_text(t, money_locale_find(loc), 100);
		fputs(text, f);
		free(text);
	}
	free(loc);
	free(cur);
}

int
valid_format(const char *format)
{
	return (strcmp(format, "text") == 0 || strcmp(format, "json") == 0 ||
	    strcmp(format, "csv") == 0);
}

int
cmd_report(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "till", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "number", required_argument, NULL, 'n' },
		{ "list", no_argument, NULL, 'l' },
		{ "print", no_argument, NULL, 'p' },
		{ "to", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	struct day_report	 r;
	struct incident_count	*ic = NULL;
	struct db		*db;
	struct table		*t;
	enum report_kind	 kind = REPORT_NKINDS;
	char			 date[11], to[11] = "", *cause = NULL, *loc;
	char			*cur;
	const char		*format = "text";
	int64_t			 till = 0, z_no = 0;
	size_t			 nic = 0;
	time_t			 now;
	struct tm		 tm;
	int			 ch, list = 0, print = 0, dated = 0;

	if (argc >= 2 && strcmp(argv[1], "x") == 0)
		return (report_x(ctx, argc - 1, argv + 1));
	if (argc < 2 || (strcmp(argv[1], "z") != 0 &&
	    report_kind_from_name(argv[1], &kind) != 0))
		return (report_usage());
	argc--;
	argv++;
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	optind = 0;	/* glibc: start afresh, options after operands too */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			if (!date_valid(optarg)) {
				fprintf(stderr, "kassa: \"%s\" is not a date "
				    "(YYYY-MM-DD)\n", optarg);
				return (2);
			}
			snprintf(date, sizeof date, "%s", optarg);
			dated = 1;
			break;
		case 'n':
			if (fixed_parse(optarg, 0, INT64_C(999999999), &z_no,
			    NULL) != 0 || z_no < 1) {
				fprintf(stderr, "kassa: \"%s\" is not a Z "
				    "number\n", optarg);
				return (2);
			}
			break;
		case 'l':
			list = 1;
			break;
		case 'p':
			print = 1;
			break;
		case 'T':
			if (kind == REPORT_NKINDS)
				return (report_usage());
			if (!date_valid(optarg)) {
				fprintf(stderr, "kassa: \"%s\" is not a date "
				    "(YYYY-MM-DD)\n", optarg);
				return (2);
			}
			snprintf(to, sizeof to, "%s", optarg);
			break;
		case 't':
			if (fixed_parse(optarg, 0, 9999, &till, NULL) != 0 ||
			    till < 1)
				return (report_usage());
			break;
		case 'f':
			format = optarg;
			if (!valid_format(format))
				return (report_usage());
			break;
		default:
			return (report_usage());
		}
	}
	if (optind != argc)
		return (report_usage());
	if (z_no != 0 || list) {
		/* A closed Z as it was stored, or the list of them. */
		if (kind != REPORT_NKINDS || (z_no != 0 && list) || dated ||
		    till != 0 || (print && z_no == 0) ||
		    strcmp(format, "csv") == 0)
			return (report_usage());
		return (report_z_stored(ctx, z_no, list, format, print));
	}
	if (print)
		return (report_usage());
	if (to[0] == '\0')
		memcpy(to, date, sizeof to);
	if (strcmp(to, date) < 0) {
		fprintf(stderr, "kassa: --to %s is before --date %s\n", to,
		    date);
		return (2);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (kind != REPORT_NKINDS) {
		if (report_table(db, kind, date, to, till, &t, &cause) != 0) {
			fprintf(stderr, "kassa: %s\n", cause);
			free(cause);
			db_close(db);
			return (1);
		}
		table_write(stdout, t, format, db);
		table_free(t);
		db_close(db);
		return (0);
	}
	if (report_day(db, date, till, &r, &cause) != 0 ||
	    incident_day_summary(db, till, date, &ic, &nic, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		report_clear(&r);
		db_close(db);
		return (1);
	}
	loc = db_setting(db, "store.locale", "fi_FI");
	cur = db_setting(db, "store.currency", "EUR");
	if (strcmp(format, "json") == 0)
		report_json(stdout, &r, cur, ic, nic);
	else if (strcmp(format, "csv") == 0)
		report_csv(stdout, &r, ic, nic);
	else
		report_text(stdout, &r, money_locale_find(loc), cur, ic, nic);
	free(ic);
	free(loc);
	free(cur);
	report_clear(&r);
	db_close(db);
	return (0);
}
